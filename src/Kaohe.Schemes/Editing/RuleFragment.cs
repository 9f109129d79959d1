using System.Collections.Immutable;
using System.Text;
using Kaohe.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Kaohe.Schemes.Editing;

/// <summary>The scoring standard read from a YAML fragment: the rule with the keys that go with it.</summary>
public sealed record FragmentStandard(Rule Rule, bool Lost, ImmutableArray<Coefficient> Coefficients, decimal? ConvertTo);

/// <summary>A problem in a fragment, at its own line (1 = the fragment's first line; 0 = the fragment as a whole).</summary>
/// <param name="Message">In Chinese, without YAML field paths.</param>
/// <param name="Detail">The loader's own text with its field path, for whoever writes YAML.</param>
public sealed record FragmentProblem(int Line, string Message, string Detail);

/// <summary>
/// Reads the advanced field of an item: the fragment is placed inside a minimal scheme and read by
/// <see cref="SchemeLoader"/> itself, so a fragment means exactly what it would mean in a file, with every bound and
/// check; lines are counted from the fragment's own first line.
/// </summary>
public static class RuleFragment
{
    /// <summary>The keys a fragment may hold; the item's other settings are in the form.</summary>
    public static readonly ImmutableHashSet<string> AllowedKeys = [.. SchemeLoader.RuleKinds, "coefficient", "convert_to"];

    private const int Indent = 8;

    public static (FragmentStandard? Standard, IReadOnlyList<FragmentProblem> Problems) Read(string fragment, string itemName, decimal? points)
    {
        fragment ??= "";
        if (string.IsNullOrWhiteSpace(fragment)) return (null, [new FragmentProblem(0, "YAML 片段为空：请写出计分规则，或改用表单", "")]);
        if (fragment.Length > SchemeLimits.MaxTextChars / 2)
            return (null, [new FragmentProblem(0, $"YAML 片段过长：最多 {SchemeLimits.MaxTextChars / 2:N0} 个字符", "")]);
        var lines = fragment.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        if (lines.Select((l, i) => (l, i)).FirstOrDefault(x => x.l.Contains('\t')) is { l: not null } tab)
            return (null, [new FragmentProblem(tab.i + 1, $"第 {tab.i + 1} 行有制表符：YAML 只能用空格缩进", "")]);
        var sb = new StringBuilder();
        sb.Append("id: fragment\nname: fragment\nsections:\n  - name: fragment\n    indicators:\n");
        sb.Append("      - name: ").Append(YamlRender.Quote(itemName.Length == 0 ? "本项" : itemName)).Append('\n');
        if (points is { } p) sb.Append("        points: ").Append(Kaohe.Core.Text.Fmt.Exact(p)).Append('\n');
        var offset = points is null ? 6 : 7;
        foreach (var line in lines) sb.Append(' ', line.Length == 0 ? 0 : Indent).Append(line).Append('\n');
        var load = SchemeLoader.Load(sb.ToString(), "片段");
        var problems = new List<FragmentProblem>();
        // A parser that runs off the end reports the line after the last: name the last line written instead.
        var last = lines.Length;
        while (last > 1 && string.IsNullOrWhiteSpace(lines[last - 1])) last--;
        foreach (var e in load.Errors)
        {
            var line = e.Line > offset ? Math.Min(e.Line - offset, last) : 0;
            var column = e.Line > offset && e.Column > Indent ? e.Column - Indent : e.Column;
            var field = e.Field.StartsWith("sections[0].indicators[0].", StringComparison.Ordinal) ? e.Field["sections[0].indicators[0].".Length..] : "";
            var detail = (line > 0 ? $"第 {line} 行第 {column} 列" : "") + (field.Length > 0 ? $" {field}" : "") + "：" + e.Message;
            problems.Add(new FragmentProblem(line, EditorWords.Plain(e.Message, line), detail.TrimStart()));
        }
        if (load.Scheme is not { } scheme) return (null, problems);
        foreach (var (key, line) in TopKeys(sb.ToString(), offset))
            if (!AllowedKeys.Contains(key))
                problems.Add(new FragmentProblem(line, $"第 {line} 行：“{key}”请在表单中设置，片段里只写计分规则", key));
        if (problems.Count > 0) return (null, problems);
        var ind = scheme.Sections[0].Indicators[0];
        return (new FragmentStandard(ind.Rule, ind.Manual, ind.Coefficients, ind.ConvertTo), []);
    }

    /// <summary>The keys of the wrapped item that came from the fragment, with their fragment lines.</summary>
    private static IEnumerable<(string Key, int Line)> TopKeys(string text, int offset)
    {
        // The text loaded as a scheme, so it is the wrapper's shape: sections[0].indicators[0] is the item.
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("sections"), out var sections) || sections is not YamlSequenceNode { Children.Count: > 0 } sectionList
            || sectionList[0] is not YamlMappingNode section
            || !section.Children.TryGetValue(new YamlScalarNode("indicators"), out var indicators) || indicators is not YamlSequenceNode { Children.Count: > 0 } items
            || items[0] is not YamlMappingNode item)
            yield break;
        foreach (var (k, _) in item.Children)
            if (k.Start.Line > offset && k is YamlScalarNode s) yield return (s.Value ?? "", (int)k.Start.Line - offset);
    }
}
