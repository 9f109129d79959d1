using System.Globalization;
using System.Text;

namespace Kaohe.Schemes;

/// <summary>
/// A small YAML document model for writing schemes in the house style of <c>templates/*.yaml</c>: block mappings for
/// the scheme, sections and indicators, flow mappings (<c>{ name: 自评, weight: 30% }</c>) where everything fits on
/// one line. Only what <see cref="SchemeYamlWriter"/> needs: no anchors, tags or comments.
/// </summary>
internal abstract class YamlValue
{
    /// <summary>Whether the value fits inside a flow collection on one line.</summary>
    public abstract bool IsFlowable { get; }
}

/// <summary>A scalar; <see cref="Plain"/> values (numbers, enum words) are written as they are, text is quoted when needed.</summary>
internal sealed class YamlScalar(string text, bool plain) : YamlValue
{
    public string Text { get; } = text;
    public bool Plain { get; } = plain;

    public override bool IsFlowable => true;

    /// <summary>A number exactly as the loader reads it back ("12.5", "-3").</summary>
    public static YamlScalar Number(decimal value) => new(Kaohe.Core.Text.Fmt.Exact(value), true);

    /// <summary>A word of the format (an enum value, <c>none</c>, <c>true</c>).</summary>
    public static YamlScalar Word(string word) => new(word, true);

    /// <summary>Text from users: quoted whenever a plain scalar could be misread.</summary>
    public static YamlScalar OfText(string text) => new(text, false);
}

/// <summary>A mapping; <see cref="Flow"/> asks for <c>{ … }</c> on one line when its values allow it.</summary>
internal sealed class YamlMap : YamlValue
{
    public List<(string Key, YamlValue Value)> Entries { get; } = [];
    public bool Flow { get; init; }

    public override bool IsFlowable => Flow && Entries.All(e => e.Value.IsFlowable);

    public YamlMap Add(string key, YamlValue? value)
    {
        if (value is not null) Entries.Add((key, value));
        return this;
    }

    public YamlMap Add(string key, decimal? value) => value is { } v ? Add(key, YamlScalar.Number(v)) : this;

    public YamlMap Text(string key, string? value) => value is null ? this : Add(key, YamlScalar.OfText(value));

    public YamlMap Word(string key, string value) => Add(key, YamlScalar.Word(value));

    /// <summary>A limit: a number, or <c>none</c> for "no limit".</summary>
    public YamlMap Limit(string key, decimal? value) => Add(key, value is { } v ? YamlScalar.Number(v) : YamlScalar.Word("none"));

    public bool IsEmpty => Entries.Count == 0;
}

/// <summary>A sequence; <see cref="Flow"/> asks for <c>[a, b]</c> on one line when its items allow it.</summary>
internal sealed class YamlSeq : YamlValue
{
    public List<YamlValue> Items { get; } = [];
    public bool Flow { get; init; }

    public override bool IsFlowable => Flow && Items.All(i => i is YamlScalar);
}

/// <summary>Renders the model as text.</summary>
internal static class YamlRender
{
    /// <summary>The widest flow collection kept on one line (longer ones become blocks).</summary>
    private const int MaxFlowWidth = 110;

    public static string Document(YamlMap root)
    {
        var sb = new StringBuilder();
        BlockMap(sb, root, 0, firstIndent: null);
        return sb.ToString();
    }

    /// <summary>The entries of a block mapping at <paramref name="indent"/>; the first one after <paramref name="firstIndent"/> ("- ") when set.</summary>
    private static void BlockMap(StringBuilder sb, YamlMap map, int indent, string? firstIndent)
    {
        var first = true;
        foreach (var (key, value) in map.Entries)
        {
            sb.Append(first && firstIndent is not null ? firstIndent : new string(' ', indent));
            first = false;
            sb.Append(Key(key)).Append(':');
            Value(sb, value, indent);
        }
        if (map.Entries.Count == 0) sb.Append(firstIndent ?? new string(' ', indent)).Append("{}\n");
    }

    /// <summary>The value after "key:" of a block mapping whose keys are at <paramref name="indent"/>.</summary>
    private static void Value(StringBuilder sb, YamlValue value, int indent)
    {
        if (Flow(value) is { } flow)
        {
            sb.Append(' ').Append(flow).Append('\n');
            return;
        }
        switch (value)
        {
            case YamlMap m:
                sb.Append('\n');
                BlockMap(sb, m, indent + 2, null);
                break;
            case YamlSeq s:
                sb.Append('\n');
                BlockSeq(sb, s, indent + 2);
                break;
        }
    }

    private static void BlockSeq(StringBuilder sb, YamlSeq seq, int indent)
    {
        foreach (var item in seq.Items)
        {
            if (Flow(item) is { } flow)
            {
                sb.Append(' ', indent).Append("- ").Append(flow).Append('\n');
                continue;
            }
            switch (item)
            {
                case YamlMap m:
                    BlockMap(sb, m, indent + 2, new string(' ', indent) + "- ");
                    break;
                case YamlSeq s:
                    sb.Append(' ', indent).Append("-\n");
                    BlockSeq(sb, s, indent + 2);
                    break;
            }
        }
    }

    /// <summary>The value on one line, or null when it must be a block.</summary>
    private static string? Flow(YamlValue value)
    {
        switch (value)
        {
            case YamlScalar s:
                return Scalar(s);
            case YamlMap { IsEmpty: true }:
                return "{}";
            case YamlSeq { Items.Count: 0 }:
                return "[]";
            case YamlMap m when m.IsFlowable:
            {
                var parts = new List<string>();
                foreach (var (k, v) in m.Entries)
                {
                    var inner = v is YamlScalar sc ? Scalar(sc) : Flow(v);
                    if (inner is null) return null;
                    parts.Add(Key(k) + ": " + inner);
                }
                var text = "{ " + string.Join(", ", parts) + " }";
                return text.Length <= MaxFlowWidth ? text : null;
            }
            case YamlSeq q when q.IsFlowable:
            {
                var text = "[" + string.Join(", ", q.Items.Select(i => Scalar((YamlScalar)i))) + "]";
                return text.Length <= MaxFlowWidth ? text : null;
            }
            default:
                return null;
        }
    }

    /// <summary>A key is read as text whatever it looks like: only YAML syntax needs quotes.</summary>
    private static string Key(string key) => IsSafePlain(key, reservedIsText: true) ? key : Quote(key);

    private static string Scalar(YamlScalar s) => s.Plain || IsSafePlain(s.Text) ? s.Text : Quote(s.Text);

    /// <summary>Words a reader (or a YAML 1.1 tool) could take for something other than text.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "null", "none", "~", "y", "n", "是", "否", "无", "all", "input",
    };

    /// <summary>
    /// Whether text can be written as a plain scalar in block and flow context and read back unchanged as text.
    /// Conservative: anything with YAML punctuation, edge spaces, control characters or the look of a number is quoted.
    /// </summary>
    internal static bool IsSafePlain(string text, bool reservedIsText = false)
    {
        if (text.Length == 0 || !reservedIsText && Reserved.Contains(text)) return false;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        if ("-?:,[]{}#&*!|>'\"%@`=<.+".Contains(text[0])) return false;
        if (char.IsDigit(text[0])) return false;
        foreach (var c in text)
        {
            if (c is ':' or '#' or ',' or '[' or ']' or '{' or '}' or '"' or '\\') return false;
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF') return false;
        }
        return true;
    }

    /// <summary>A double-quoted scalar: every character that YAML would fold or reject is escaped.</summary>
    internal static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A pair is one character (𠀀, an emoji): written as it is; YAML has no escape for half of one.
                sb.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (char.IsSurrogate(c)) sb.Append('\uFFFD'); // half a pair cannot be stored as text at all
                    else if (char.IsControl(c) || c == '\uFEFF')
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
