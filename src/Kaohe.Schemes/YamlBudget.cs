using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kaohe.Schemes;

/// <summary>
/// A streaming pass over scheme YAML that enforces <see cref="SchemeLimits"/> before anything is built from it.
/// YamlDotNet's representation model (<c>YamlStream.Load</c>) recurses once per nesting level and would overflow
/// the stack on <c>[[[[…]]]]</c>; its event <see cref="Parser"/> keeps its state on a heap stack instead (see
/// SchemeLimitsTests), and this pass stops at the first event beyond a bound, so its cost is bounded by the
/// bounds too. Aliases are measured as the node they name (nodes, characters and height), so an alias bomb is
/// refused after the first aliases that reach the bound, without being expanded.
/// </summary>
internal static class YamlBudget
{
    private sealed class Frame(bool isMapping, string? anchor, long startNodes, long startChars)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public long StartNodes { get; } = startNodes;
        public long StartChars { get; } = startChars;
        /// <summary>How many collection levels the content reaches below this one (0: only scalars).</summary>
        public int Height { get; set; }
        /// <summary>Items (sequence) or key/value nodes (mapping) completed so far.</summary>
        public int Children { get; set; }
        /// <summary>The current key of a mapping, for error paths.</summary>
        public string Key { get; set; } = "";

        public bool ExpectsKey => IsMapping && Children % 2 == 0;
    }

    /// <summary>What an anchored node measures; <see cref="Open"/> while its collection has not ended.</summary>
    private sealed record Anchored(long Nodes, long Chars, int Height, bool Open);

    /// <summary>
    /// Reads a scheme or plan file from disk, at most one character past <see cref="SchemeLimits.MaxTextChars"/> (a
    /// huge file is refused by <see cref="Check"/> without being read whole); the error when it cannot be read.
    /// </summary>
    public static SchemeError? ReadFile(string path, out string text)
    {
        text = "";
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[SchemeLimits.MaxTextChars + 1];
            var length = reader.ReadBlock(buffer, 0, buffer.Length);
            text = new string(buffer, 0, length);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SchemeError(path, 0, 0, "", "无法读取文件：" + e.Message);
        }
    }

    /// <summary>The first bound <paramref name="yaml"/> exceeds, or null. Throws <see cref="YamlException"/> on bad syntax.</summary>
    public static SchemeError? Check(string yaml, string file)
    {
        if (yaml.Length > SchemeLimits.MaxTextChars)
        {
            var (line, column) = Position(yaml, SchemeLimits.MaxTextChars);
            return new SchemeError(file, line, column, "",
                $"方案文本过长：最多 {N(SchemeLimits.MaxTextChars)} 个字符，实际 {N(yaml.Length)} 个（从第 {line} 行第 {column} 列起超出）");
        }

        var parser = new Parser(new StringReader(yaml));
        var frames = new List<Frame>();
        var anchors = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        long nodes = 0, chars = 0;
        var aliases = 0;

        SchemeError Fail(ParsingEvent at, string message) =>
            new(file, (int)at.Start.Line, (int)at.Start.Column, PathOf(frames), message);

        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            switch (ev)
            {
                case DocumentStart:
                    anchors.Clear();   // anchors are local to a document
                    break;

                case Scalar s:
                {
                    var value = s.Value ?? "";
                    if (frames.Count > 0 && frames[^1].ExpectsKey && value.Length > SchemeLimits.MaxKeyChars)
                        return Fail(ev, $"键过长：最多 {N(SchemeLimits.MaxKeyChars)} 个字符，实际 {N(value.Length)} 个");
                    nodes++;
                    chars += value.Length;
                    if (Over(nodes, chars, aliasName: null) is { } over) return Fail(ev, over);
                    if (!s.Anchor.IsEmpty && Declare(s.Anchor.Value, new Anchored(1, value.Length, 0, false)) is { } dup) return Fail(ev, dup);
                    Completed(frames, 0, value);
                    break;
                }

                case SequenceStart or MappingStart:
                {
                    nodes++;
                    if (Over(nodes, chars, aliasName: null) is { } over) return Fail(ev, over);
                    if (frames.Count + 1 > SchemeLimits.MaxDepth)
                        return Fail(ev, $"嵌套层数超过 {SchemeLimits.MaxDepth} 层（映射和列表最多嵌套 {SchemeLimits.MaxDepth} 层）");
                    var anchor = ((NodeEvent)ev).Anchor;
                    string? name = null;
                    if (!anchor.IsEmpty)
                    {
                        name = anchor.Value;
                        if (Declare(name, new Anchored(0, 0, 0, true)) is { } dup) return Fail(ev, dup);
                    }
                    frames.Add(new Frame(ev is MappingStart, name, nodes - 1, chars));
                    break;
                }

                case SequenceEnd or MappingEnd:
                {
                    var frame = frames[^1];
                    frames.RemoveAt(frames.Count - 1);
                    var height = frame.Height + 1;
                    if (frame.Anchor is { } name)
                        anchors[name] = new Anchored(nodes - frame.StartNodes, chars - frame.StartChars, height, false);
                    Completed(frames, height, null);
                    break;
                }

                case AnchorAlias alias:
                {
                    var name = alias.Value.Value;
                    if (++aliases > SchemeLimits.MaxAliases)
                        return Fail(ev, $"别名过多：最多 {N(SchemeLimits.MaxAliases)} 个");
                    if (!anchors.TryGetValue(name, out var target))
                        return Fail(ev, $"别名“*{name}”引用的锚点“&{name}”未定义（锚点须写在别名之前）");
                    if (target.Open)
                        return Fail(ev, $"别名“*{name}”出现在锚点“&{name}”自身之内（循环引用）");
                    nodes += target.Nodes;
                    chars += target.Chars;
                    if (Over(nodes, chars, name) is { } over) return Fail(ev, over);
                    if (frames.Count + target.Height > SchemeLimits.MaxDepth)
                        return Fail(ev, $"别名“*{name}”展开后嵌套层数超过 {SchemeLimits.MaxDepth} 层");
                    Completed(frames, target.Height, null);
                    break;
                }
            }
        }
        return null;

        string? Declare(string name, Anchored value)
        {
            // A name declared twice would make what an alias names depend on the reader; refused instead.
            if (anchors.ContainsKey(name)) return $"锚点“&{name}”重复定义";
            anchors[name] = value;
            return null;
        }
    }

    private static string? Over(long nodes, long chars, string? aliasName)
    {
        var at = aliasName is null ? "" : $"：在别名“*{aliasName}”处";
        if (nodes > SchemeLimits.MaxNodes)
            return (aliasName is null ? "节点过多" : "别名展开后的节点过多") + $"（超过 {N(SchemeLimits.MaxNodes)} 个）{at}";
        if (chars > SchemeLimits.MaxExpandedChars)
            return $"别名展开后的文本过长（超过 {N(SchemeLimits.MaxExpandedChars)} 个字符）{at}";
        return null;
    }

    /// <summary>A child node of the innermost collection is complete: record its height and advance key/value or index.</summary>
    private static void Completed(List<Frame> frames, int height, string? scalar)
    {
        if (frames.Count == 0) return;
        var parent = frames[^1];
        if (parent.ExpectsKey) parent.Key = scalar ?? "?";
        parent.Height = Math.Max(parent.Height, height);
        parent.Children++;
    }

    /// <summary>The field path of the node being read ("sections[0].indicators[2]"), as in the loader's errors.</summary>
    private static string PathOf(List<Frame> frames)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            // Each collection's counters point at the child being read (the next frame, or the current event).
            if (f.IsMapping)
            {
                if (f.ExpectsKey && i == frames.Count - 1) break;   // the event is a key: the mapping's own path
                if (sb.Length > 0) sb.Append('.');
                sb.Append(f.ExpectsKey ? "?" : f.Key);
            }
            else
            {
                sb.Append('[').Append(f.Children.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }
        return sb.ToString();
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        return (line, index - start + 1);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
