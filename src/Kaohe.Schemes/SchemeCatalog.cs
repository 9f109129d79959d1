using System.Collections.Immutable;
using System.Reflection;
using Kaohe.Core.Model;

namespace Kaohe.Schemes;

/// <summary>A built-in template: its code, slug, file name and loaded scheme.</summary>
public sealed record TemplateEntry(string Id, string Slug, string FileName, SchemeLoadResult Load);

/// <summary>
/// The built-in templates (templates/*.yaml, embedded in this assembly) and resolution of a scheme
/// argument: a template code (TPL-01), a slug, or a path to a YAML file.
/// </summary>
public static class SchemeCatalog
{
    private static readonly Lazy<ImmutableArray<TemplateEntry>> All = new(LoadAll);

    /// <summary>Every built-in template, in code order.</summary>
    public static ImmutableArray<TemplateEntry> Templates => All.Value;

    private static ImmutableArray<TemplateEntry> LoadAll()
    {
        var asm = typeof(SchemeCatalog).Assembly;
        var list = new List<TemplateEntry>();
        foreach (var res in asm.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(res)!;
            using var reader = new StreamReader(stream);
            var file = res["templates/".Length..];
            var load = SchemeLoader.Load(reader.ReadToEnd(), "templates/" + file);
            var id = load.Scheme?.Id ?? Path.GetFileNameWithoutExtension(file);
            list.Add(new TemplateEntry(id, load.Scheme?.Slug ?? id, file, load));
        }
        return [.. list.OrderBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <summary>Resolves a template code or slug (case-insensitive), or loads a YAML file path.</summary>
    public static SchemeLoadResult Resolve(string idOrPath)
    {
        var key = idOrPath.Trim();
        var entry = Templates.FirstOrDefault(t =>
            string.Equals(t.Id, key, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(t.Slug, key, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Path.GetFileNameWithoutExtension(t.FileName), key, StringComparison.OrdinalIgnoreCase));
        if (entry is not null) return entry.Load;
        if (File.Exists(key)) return SchemeLoader.LoadFile(key);
        return new SchemeLoadResult(null, [new SchemeError(key, 0, 0, "", $"找不到方案“{key}”：既不是内置模板代码（如 TPL-01）或别名，也不是存在的 YAML 文件。用 `kaohe schemes list` 查看内置模板")]);
    }
}
