using System.Globalization;
using Kaohe.Core.Inputs;
using YamlDotNet.RepresentationModel;

namespace Kaohe.Schemes;

/// <summary>A problem in a scheme file, with its place.</summary>
/// <param name="File">The file (or template id).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Field">The dotted path of the field (sections[1].indicators[0].points).</param>
public sealed record SchemeError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>"file:line:column: field: message".</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>
/// A YAML node with its path, reading typed values and recording every error with file, line and field
/// instead of stopping at the first.
/// </summary>
internal sealed class YamlNode
{
    private readonly List<SchemeError> _errors;
    private readonly HashSet<string>? _used;

    public YamlNode(YamlDotNet.RepresentationModel.YamlNode node, string path, string file, List<SchemeError> errors)
    {
        Node = node;
        Path = path;
        File = file;
        _errors = errors;
        if (node is YamlMappingNode) _used = [];
    }

    public YamlDotNet.RepresentationModel.YamlNode Node { get; }
    public string Path { get; }
    public string File { get; }
    public bool IsMapping => Node is YamlMappingNode;
    public bool IsSequence => Node is YamlSequenceNode;
    public bool IsScalar => Node is YamlScalarNode;
    public string? Text => (Node as YamlScalarNode)?.Value;
    public bool IsNull => Node is YamlScalarNode s && (s.Value is null or "" or "~" or "null" or "none" or "无") && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    public void Error(string message) =>
        _errors.Add(new SchemeError(File, (int)Node.Start.Line, (int)Node.Start.Column, Path, message));

    private string Child(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The keys of a mapping.</summary>
    public IEnumerable<string> Keys => Node is YamlMappingNode m ? m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];

    public bool Has(string key) => Get(key, false) is not null;

    public YamlNode? Get(string key, bool required = false)
    {
        if (Node is not YamlMappingNode m)
        {
            if (required) Error($"应为映射（键: 值），缺少“{key}”");
            return null;
        }
        _used?.Add(key);
        foreach (var (k, v) in m.Children)
            if (k is YamlScalarNode ks && ks.Value == key)
                return new YamlNode(v, Child(key), File, _errors);
        if (required) Error($"缺少必填字段“{key}”");
        return null;
    }

    /// <summary>Reports keys that were never read: typos in field names.</summary>
    public void RejectUnknown(params string[] also)
    {
        if (Node is not YamlMappingNode m) return;
        foreach (var (k, v) in m.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (_used!.Contains(key) || also.Contains(key)) continue;
            _errors.Add(new SchemeError(File, (int)k.Start.Line, (int)k.Start.Column, Child(key), $"未知字段“{key}”"));
        }
    }

    public IEnumerable<YamlNode> Items()
    {
        if (Node is not YamlSequenceNode s)
        {
            Error("应为列表");
            yield break;
        }
        var i = 0;
        foreach (var item in s.Children)
            yield return new YamlNode(item, $"{Path}[{i++}]", File, _errors);
    }

    public IEnumerable<(string Key, YamlNode Value)> Pairs()
    {
        if (Node is not YamlMappingNode m)
        {
            Error("应为映射（键: 值）");
            yield break;
        }
        foreach (var (k, v) in m.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            _used?.Add(key);
            yield return (key, new YamlNode(v, Child(key), File, _errors));
        }
    }

    public string? String(string key, bool required = false)
    {
        var n = Get(key, required);
        if (n is null) return null;
        if (n.Text is null) { n.Error("应为文本"); return null; }
        return n.Text;
    }

    public bool Bool(string key, bool fallback)
    {
        var n = Get(key);
        if (n is null) return fallback;
        switch (n.Text?.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "是": return true;
            case "false" or "no" or "否": return false;
            default:
                n.Error("应为 true 或 false");
                return fallback;
        }
    }

    /// <summary>A decimal; "15%" is read as 15 when <paramref name="percentAllowed"/> (percentage points).</summary>
    public decimal? Decimal(bool percentAllowed = true)
    {
        if (Text is null) { Error("应为数值"); return null; }
        var t = ValueParser.Normalize(Text);
        var pct = t.EndsWith('%');
        if (pct)
        {
            if (!percentAllowed) { Error("这里不能写百分号"); return null; }
            t = t[..^1].Trim();
        }
        if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            Error($"“{Text}”不是数值");
            return null;
        }
        return v;
    }

    /// <summary>A number; <paramref name="fallback"/> when absent, null when written as "none"/"~" (no cap, no floor).</summary>
    public decimal? Number(string key, decimal? fallback = null, bool required = false)
    {
        var n = Get(key, required);
        if (n is null) return fallback;
        if (n.IsNull) return null;
        return n.Decimal();
    }

    /// <summary>A ratio: "80%" → 0.8; a plain number is taken as a fraction (0.8).</summary>
    public decimal? Ratio(string key, decimal? fallback = null)
    {
        var n = Get(key);
        if (n is null) return fallback;
        if (n.IsNull) return null;
        if (n.Text is null) { n.Error("应为比例，例如 80%"); return fallback; }
        var isPct = ValueParser.Normalize(n.Text).EndsWith('%');
        var v = n.Decimal();
        if (v is null) return fallback;
        return isPct ? v / 100 : v;
    }

    public T Enum<T>(string key, T fallback, IReadOnlyDictionary<string, T> words) where T : struct
    {
        var n = Get(key);
        if (n is null) return fallback;
        var t = n.Text?.Trim();
        if (t is not null && words.TryGetValue(t, out var v)) return v;
        n.Error($"“{t}”不是可选值，可选：{string.Join("、", words.Keys)}");
        return fallback;
    }
}
