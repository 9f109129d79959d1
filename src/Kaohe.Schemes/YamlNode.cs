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
/// The errors of one load, at most <see cref="SchemeLimits.MaxErrors"/> of them: a hostile file could otherwise make
/// one error per node it expands to. Past the bound one last error says that the rest were left out.
/// </summary>
internal sealed class SchemeErrors
{
    private readonly List<SchemeError> _items = [];

    public int Count => _items.Count;

    /// <summary>Whether further errors are left out (so callers need not build their messages).</summary>
    public bool IsFull => _items.Count > SchemeLimits.MaxErrors;

    public void Add(SchemeError error)
    {
        if (_items.Count < SchemeLimits.MaxErrors) _items.Add(error);
        else if (_items.Count == SchemeLimits.MaxErrors)
            _items.Add(error with { Field = "", Message = $"错误过多：只列出前 {SchemeLimits.MaxErrors:N0} 个，请先改正这些错误" });
    }

    public System.Collections.Immutable.ImmutableArray<SchemeError> ToImmutableArray() => [.. _items];
}

/// <summary>
/// A YAML node with its path, reading typed values and recording every error with file, line and field
/// instead of stopping at the first. The path is built only when an error needs it: through aliases one node
/// may be visited many times, and a path string per visit would cost far more than the visit.
/// </summary>
internal sealed class YamlNode
{
    private readonly SchemeErrors _errors;
    private readonly HashSet<string>? _used;
    private readonly YamlNode? _parent;
    private readonly string _segment;
    private readonly bool _isIndex;
    private string? _path;

    /// <summary>The root node of a document.</summary>
    public YamlNode(YamlDotNet.RepresentationModel.YamlNode node, string file, SchemeErrors errors)
        : this(node, null, "", false, file, errors)
    {
    }

    /// <param name="segment">The key or the "[i]" that leads from <paramref name="parent"/> to this node.</param>
    private YamlNode(YamlDotNet.RepresentationModel.YamlNode node, YamlNode? parent, string segment, bool isIndex, string file, SchemeErrors errors)
    {
        Node = node;
        _parent = parent;
        _segment = segment;
        _isIndex = isIndex;
        File = file;
        _errors = errors;
        if (node is YamlMappingNode) _used = [];
    }

    public YamlDotNet.RepresentationModel.YamlNode Node { get; }
    public string Path => _path ??= _parent is null ? "" : _parent.Join(_segment, _isIndex);
    public string File { get; }
    public bool IsMapping => Node is YamlMappingNode;
    public bool IsSequence => Node is YamlSequenceNode;
    public bool IsScalar => Node is YamlScalarNode;
    public string? Text => (Node as YamlScalarNode)?.Value;
    public bool IsNull => Node is YamlScalarNode s && (s.Value is null or "" or "~" or "null" or "none" or "无") && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    public void Error(string message)
    {
        if (_errors.IsFull) return;
        _errors.Add(new SchemeError(File, (int)Node.Start.Line, (int)Node.Start.Column, Path, message));
    }

    private string Join(string segment, bool isIndex)
    {
        var path = Path;
        return path.Length == 0 || isIndex ? path + segment : path + "." + segment;
    }

    private YamlNode ChildNode(YamlDotNet.RepresentationModel.YamlNode node, string key) => new(node, this, key, false, File, _errors);

    /// <summary>Checks that the text of <paramref name="key"/> is at most <paramref name="max"/> characters.</summary>
    public void LimitLength(string key, int max, string what)
    {
        if (Get(key) is { Text: { } text } n && text.Length > max)
            n.Error($"{what}过长：最多 {max} 个字符，实际 {text.Length} 个");
    }

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
                return ChildNode(v, key);
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
            if (_used!.Contains(key) || also.Contains(key) || _errors.IsFull) continue;
            _errors.Add(new SchemeError(File, (int)k.Start.Line, (int)k.Start.Column, Join(key, false), $"未知字段“{key}”"));
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
            yield return new YamlNode(item, this, "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]", true, File, _errors);
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
            yield return (key, ChildNode(v, key));
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
