using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Kaohe.Schemes.Plans;

/// <summary>
/// The built-in incentive plans (src/Kaohe.Schemes/plans/*.yaml, embedded in this assembly, named <c>CODE-slug.yaml</c>)
/// and resolution of a plan argument: a code (TPL-25), a slug, or a path to a YAML file.
/// </summary>
public static class PlanCatalog
{
    private const string Prefix = "plans/";
    private static readonly ConcurrentDictionary<string, PlanLoadResult> Loaded = new(StringComparer.Ordinal);
    private static readonly Lazy<ImmutableArray<string>> Resources = new(() =>
        [.. typeof(PlanCatalog).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);

    /// <summary>Every built-in plan's load, in code order.</summary>
    public static ImmutableArray<PlanLoadResult> Plans => [.. Resources.Value.Select(LoadResource)];

    /// <summary>The YAML text of a built-in plan by code or slug, or null.</summary>
    public static string? PlanText(string idOrSlug) => FindResource(idOrSlug) is { } res ? ReadResource(res) : null;

    /// <summary>The built-in plan with this code or slug (case-insensitive), or null. Never reads a file.</summary>
    public static PlanLoadResult? Find(string idOrSlug) => FindResource(idOrSlug) is { } res ? LoadResource(res) : null;

    private static string? FindResource(string idOrSlug)
    {
        var key = (idOrSlug ?? "").Trim();
        foreach (var res in Resources.Value)
        {
            var stem = Path.GetFileNameWithoutExtension(res[Prefix.Length..]);
            var parts = stem.Split('-', 3);
            var (id, slug) = parts.Length == 3 ? (parts[0] + "-" + parts[1], parts[2]) : (stem, stem);
            if (string.Equals(id, key, StringComparison.OrdinalIgnoreCase) || string.Equals(slug, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(stem, key, StringComparison.OrdinalIgnoreCase))
                return res;
        }
        return null;
    }

    private static string ReadResource(string resource)
    {
        using var stream = typeof(PlanCatalog).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static PlanLoadResult LoadResource(string resource) =>
        Loaded.GetOrAdd(resource, res => PlanLoader.Load(ReadResource(res), res));

    /// <summary>Resolves a built-in plan code or slug, or loads a YAML file path.</summary>
    public static PlanLoadResult Resolve(string idOrPath)
    {
        var key = (idOrPath ?? "").Trim();
        if (Find(key) is { } plan) return plan;
        if (File.Exists(key)) return PlanLoader.LoadFile(key);
        return new PlanLoadResult(null, [new SchemeError(key, 0, 0, "", $"找不到奖金方案“{key}”：既不是内置方案代码（如 TPL-25）或别名，也不是存在的 YAML 文件。用 `kaohe plan --list` 查看内置方案")]);
    }
}
