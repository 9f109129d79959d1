using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Kaohe.Schemes;

/// <summary>A built-in template: its code, slug, file name and loaded scheme.</summary>
public sealed record TemplateEntry(string Id, string Slug, string FileName, SchemeLoadResult Load);

/// <summary>
/// The built-in templates (templates/*.yaml, embedded in this assembly) and resolution of a scheme
/// argument: a template code (TPL-01), a slug, or a path to a YAML file. Template files are named
/// <c>CODE-slug.yaml</c>, so one template resolves without loading the others.
/// </summary>
public static class SchemeCatalog
{
    private const string Prefix = "templates/";
    private static readonly ConcurrentDictionary<string, TemplateEntry> Loaded = new(StringComparer.Ordinal);
    private static readonly Lazy<ImmutableArray<string>> Resources = new(() =>
        [.. typeof(SchemeCatalog).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
    private static readonly Lazy<ImmutableArray<TemplateEntry>> All = new(() =>
        [.. Resources.Value.Select(LoadResource).OrderBy(t => t.Id, StringComparer.Ordinal)]);

    /// <summary>Every built-in template, in code order.</summary>
    public static ImmutableArray<TemplateEntry> Templates => All.Value;

    /// <summary>The YAML text of a built-in template (by its code or slug), as shipped; null when there is no such template.</summary>
    public static string? TemplateText(string id) => Find(id) is { } entry ? ReadResource(Prefix + entry.FileName) : null;

    /// <summary>
    /// The built-in template with this code or slug (case-insensitive), or null. Never reads a file: safe for codes
    /// that come from users.
    /// </summary>
    public static TemplateEntry? Find(string idOrSlug)
    {
        var key = (idOrSlug ?? "").Trim();
        // The file name carries the code and the slug (TemplateFileNameTests keeps them equal to the file's
        // own id and slug), so only the matching template is parsed.
        foreach (var res in Resources.Value)
        {
            var file = res[Prefix.Length..];
            var (id, slug) = SplitName(file);
            if (string.Equals(id, key, StringComparison.OrdinalIgnoreCase) || string.Equals(slug, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileNameWithoutExtension(file), key, StringComparison.OrdinalIgnoreCase))
                return LoadResource(res);
        }
        return null;
    }

    private static string ReadResource(string resource)
    {
        using var stream = typeof(SchemeCatalog).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static TemplateEntry LoadResource(string resource) => Loaded.GetOrAdd(resource, res =>
    {
        var file = res[Prefix.Length..];
        var load = SchemeLoader.Load(ReadResource(res), Prefix + file);
        var (fileId, fileSlug) = SplitName(file);
        var id = load.Scheme?.Id ?? fileId;
        return new TemplateEntry(id, load.Scheme?.Slug ?? fileSlug, file, load);
    });

    /// <summary>"TPL-01-customer-department.yaml" → ("TPL-01", "customer-department").</summary>
    private static (string Id, string Slug) SplitName(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var parts = stem.Split('-', 3);
        return parts.Length == 3 ? (parts[0] + "-" + parts[1], parts[2]) : (stem, stem);
    }

    /// <summary>Resolves a template code or slug (case-insensitive), or loads a YAML file path.</summary>
    public static SchemeLoadResult Resolve(string idOrPath)
    {
        var key = idOrPath.Trim();
        if (Find(key) is { } template) return template.Load;
        if (File.Exists(key)) return SchemeLoader.LoadFile(key);
        return new SchemeLoadResult(null, [new SchemeError(key, 0, 0, "", $"找不到方案“{key}”：既不是内置模板代码（如 TPL-01）或别名，也不是存在的 YAML 文件。用 `kaohe schemes list` 查看内置模板")]);
    }
}
