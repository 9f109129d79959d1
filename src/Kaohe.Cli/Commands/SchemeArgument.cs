using Kaohe.Core.Model;
using Kaohe.Schemes;

namespace Kaohe.Cli.Commands;

/// <summary>Resolves a <c>--scheme</c> argument (template code, slug or YAML file) and reports why it does not load.</summary>
internal static class SchemeArgument
{
    /// <summary>The scheme, or null after writing every load error to <paramref name="err"/>.</summary>
    public static Scheme? Load(string arg, TextWriter err)
    {
        var load = SchemeCatalog.Resolve(arg);
        if (load.IsSuccess) return load.Scheme;
        err.WriteLine($"方案“{arg}”无法加载：");
        foreach (var e in load.Errors)
            err.WriteLine(e.Line > 0 ? e.ToString() : e.Message);
        if (load.Errors.IsEmpty) err.WriteLine("（未知原因）");
        return null;
    }
}
