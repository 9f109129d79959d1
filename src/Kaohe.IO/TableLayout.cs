using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>One cell of an input table: its text and whether the spreadsheet stored it as a number.</summary>
internal readonly record struct Cell(string Text, bool IsNumber);

/// <summary>
/// The meaning of the columns of a CSV/XLSX input, decided once from the header row: <c>对象</c>, a column
/// per indicator, <c>指标名[字段]</c> for fields, <c>指标名@角色</c> (and <c>指标名[字段]@角色</c>) for
/// per-rater inputs, <c>奖金基数</c> for the payout base. A result table we wrote (<see cref="ResultTable"/>) is read
/// the same way, its result columns skipped. Rows are then turned into subjects without looking at the header again.
/// </summary>
internal sealed class TableLayout
{
    /// <summary>Header names accepted for the subject column.</summary>
    public static readonly string[] SubjectHeaders = ["对象", "name", "subject", "名称", "被考核对象"];

    /// <summary>Header names accepted for the subject's code column (工号 of a person, code of a unit).</summary>
    public static readonly string[] CodeHeaders = ["工号", "编码", "编号", "code"];

    private readonly int _subject;
    private readonly int _code;
    private readonly Group[] _shared;
    private readonly Group[] _rated;
    private readonly (int Column, string Key)[] _extra;
    private readonly int[] _ignored;
    private readonly ImmutableDictionary<string, RawInput>.Builder _inputs = ImmutableDictionary.CreateBuilder<string, RawInput>();
    private readonly ImmutableDictionary<string, RawInput>.Builder _fields = ImmutableDictionary.CreateBuilder<string, RawInput>();

    /// <summary>The number of header columns.</summary>
    public int Width { get; }

    /// <summary>
    /// Whether a cell's text object comes back for every cell with the same text (a CSV reader that pools
    /// strings): its <see cref="RawScalar"/> is then made once and shared by the subjects (it is immutable).
    /// </summary>
    public bool ShareScalars { get; set; }

    private const int MaxSharedPerColumn = 4096;
    private Dictionary<string, RawScalar>?[]? _scalars;

    private sealed record Group(string Indicator, string? Role, int ValueColumn, (int Column, string Field)[] Fields);

    private TableLayout(int width, int subject, int code, Group[] shared, Group[] rated, (int, string)[] extra, int[] ignored)
    {
        Width = width;
        _subject = subject;
        _code = code;
        _shared = shared;
        _rated = rated;
        _extra = extra;
        _ignored = ignored;
    }

    /// <summary>Reads the header row; every bad column is a problem. Null when the header has problems (the rows are then not read).</summary>
    public static TableLayout? Build(IReadOnlyList<string?> header, Scheme scheme, Problems problems, Func<int, string> columnName)
    {
        var indicators = IndicatorKeys.Of(scheme);
        var results = ResultColumns(header, indicators);
        if (results == ResultKind.ScoresOnly)
        {
            // A result of the layout before the inputs were written too: its indicator columns hold scores (优秀 became
            // 20), not what was entered, so read as inputs they would be scored a second time, silently wrong.
            problems.Add("这是旧版的计分结果表（有“总分”“等级”和“…[评分依据]”列，没有“…[得分]”列）：其中每个指标的列是得分，"
                + "不是当初填写的原始值，不能据此再次计分。请在原来的输入表中修改后重新计分，或用新版重新计分后修改结果表");
            return null;
        }
        var roles = scheme.Raters.Select(r => r.Name).ToHashSet();
        var subject = -1;
        var code = -1;
        var extra = new List<(int, string)>();
        var ignored = new List<int>();
        var groups = new Dictionary<(string Indicator, string? Role), (int Value, List<(int, string)> Fields)>();
        var order = new List<(string, string?)>();
        var seen = new Dictionary<string, int>();
        var before = problems.Count;

        for (var c = 0; c < header.Count; c++)
        {
            var raw = CellText.Restore(header[c]?.Trim() ?? "");
            var where = $"表头{columnName(c)}“{raw}”";
            if (raw.Length == 0)
            {
                ignored.Add(c);
                continue;
            }
            var text = raw.Replace('［', '[').Replace('］', ']').Replace('＠', '@').Replace('【', '[').Replace('】', ']');
            if (seen.TryGetValue(text, out var first))
            {
                problems.Add($"{where}：与{columnName(first)}重复");
                continue;
            }
            seen[text] = c;
            // What the last run computed: scored again from the inputs beside it, so never read.
            if (results == ResultKind.WithInputs && IsResultColumn(text, indicators)) continue;
            if (SubjectHeaders.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                if (subject >= 0) problems.Add($"{where}：对象列重复（已有{columnName(subject)}）");
                else subject = c;
                continue;
            }
            if (CodeHeaders.Contains(text, StringComparer.OrdinalIgnoreCase) && !indicators.ContainsKey(text))
            {
                if (code >= 0) problems.Add($"{where}：工号（编码）列重复（已有{columnName(code)}）");
                else code = c;
                continue;
            }
            if (ScoringEngine.PayoutBaseKeys.Contains(text))
            {
                extra.Add((c, text));
                continue;
            }

            // An indicator's own name may hold '@' or brackets (a result table writes every name it has): it wins.
            string? role = null;
            var at = indicators.ContainsKey(text) ? -1 : text.LastIndexOf('@');
            if (at >= 0)
            {
                role = text[(at + 1)..].Trim();
                text = text[..at].Trim();
            }
            string? field = null;
            if (!indicators.ContainsKey(text) && text.EndsWith(']') && text.LastIndexOf('[') is var open and > 0)
            {
                field = text[(open + 1)..^1].Trim();
                text = text[..open].Trim();
                if (field.Length == 0) field = null;
            }
            if (!indicators.TryGetValue(text, out var indicator))
            {
                problems.Add($"{where}：方案“{scheme.Id}”中没有指标“{text}”{Suggest(text, indicators.Keys)}");
                continue;
            }
            if (role is not null)
            {
                if (!roles.Contains(role))
                {
                    problems.Add($"{where}：方案中没有评分人角色“{role}”" + (roles.Count == 0 ? "（本方案不分评分人）" : $"（可选：{string.Join("、", roles)}）"));
                    continue;
                }
                if (!indicator.RatedBy.Contains(role))
                {
                    problems.Add($"{where}：指标“{indicator.Name}”不由“{role}”评分" + (indicator.RatedBy.IsEmpty ? "，请用不带 @ 的列" : $"（评分人：{string.Join("、", indicator.RatedBy)}）"));
                    continue;
                }
            }
            var key = (indicator.Name, role);
            if (!groups.TryGetValue(key, out var g))
            {
                g = (-1, []);
                order.Add(key);
            }
            // An alias and the name (or two aliases) of one indicator would give it two values.
            if (field is null && g.Value >= 0) problems.Add($"{where}：与{columnName(g.Value)}是同一指标“{indicator.Name}”");
            else if (field is not null && g.Fields.Any(f => f.Item2 == field)) problems.Add($"{where}：与另一列是同一指标“{indicator.Name}”的同一字段");
            else if (field is null) g.Value = c;
            else g.Fields.Add((c, field));
            groups[key] = g;
        }
        if (subject < 0 && code >= 0) subject = code;
        if (subject < 0)
            problems.Add($"表头缺少“对象”列（也可写 {string.Join("、", SubjectHeaders.Skip(1))}）：无法识别每一行是谁");
        // A wrong column would make every row report the input it was meant to give as missing: fix the header first.
        if (problems.Count > before)
        {
            problems.Add("表头有误，数据行未检查：请先修正表头");
            return null;
        }
        var all = order.Select(k => new Group(k.Item1, k.Item2, groups[k].Value, [.. groups[k].Fields])).ToList();
        return new TableLayout(header.Count, subject, code, [.. all.Where(g => g.Role is null)], [.. all.Where(g => g.Role is not null)], [.. extra], [.. ignored]);
    }

    private enum ResultKind { Input, WithInputs, ScoresOnly }

    /// <summary>
    /// Whether the header is a result table (<see cref="ResultTable"/>) of this scheme: one with the inputs beside the
    /// results (<c>…[得分]</c> columns), or one of the old layout whose indicator columns are scores.
    /// </summary>
    private static ResultKind ResultColumns(IReadOnlyList<string?> header, Dictionary<string, Indicator> indicators)
    {
        var names = header.Select(h => CellText.Restore(h?.Trim() ?? "")).ToHashSet(StringComparer.Ordinal);
        bool Any(string suffix) => names.Any(n => n.EndsWith(suffix, StringComparison.Ordinal) && indicators.ContainsKey(n[..^suffix.Length]));
        if (!names.Contains("总分") || indicators.ContainsKey("总分") || !Any(ResultTable.ExplanationSuffix)) return ResultKind.Input;
        return Any(ResultTable.ScoreSuffix) ? ResultKind.WithInputs : ResultKind.ScoresOnly;
    }

    private static bool IsResultColumn(string text, Dictionary<string, Indicator> indicators) =>
        (ResultTable.ResultHeaders.Contains(text) && !indicators.ContainsKey(text))
        || (text.EndsWith(ResultTable.ScoreSuffix, StringComparison.Ordinal) && indicators.ContainsKey(text[..^ResultTable.ScoreSuffix.Length]))
        || (text.EndsWith(ResultTable.ExplanationSuffix, StringComparison.Ordinal) && indicators.ContainsKey(text[..^ResultTable.ExplanationSuffix.Length]));

    private static string Suggest(string name, IEnumerable<string> names)
    {
        static string Key(string s) => ValueParser.Normalize(s).Replace(" ", "", StringComparison.Ordinal);
        var k = Key(name);
        var match = names.FirstOrDefault(n => Key(n) == k)
            ?? names.FirstOrDefault(n => n.Contains(k, StringComparison.Ordinal) || k.Contains(n, StringComparison.Ordinal))
            ?? names.Where(n => Distance(Key(n), k) <= Math.Max(1, k.Length / 4)).OrderBy(n => Distance(Key(n), k)).FirstOrDefault();
        return match is null ? "" : $"（是否为“{match}”？）";
    }

    /// <summary>Edit distance (insertions, deletions, substitutions) between two short names.</summary>
    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>
    /// Turns one data row into a subject. <paramref name="cell"/> gives a column's cell (null or empty text
    /// when empty). Returns null for an empty row (skipped) or a row that cannot be scored (a problem is recorded).
    /// </summary>
    public SubjectInput? Read(Func<int, Cell?> cell, int cellCount, int row, Problems problems)
    {
        var location = $"第 {row} 行";
        var name = cell(_subject) is { } named ? CellText.Restore(named.Text.Trim()) : null;
        var code = _code >= 0 && cell(_code) is { } coded && !string.IsNullOrWhiteSpace(coded.Text) ? CellText.Restore(coded.Text.Trim()) : null;
        if (string.IsNullOrEmpty(name)) name = code;
        if (string.IsNullOrEmpty(name))
        {
            for (var c = 0; c < cellCount; c++)
                if (cell(c) is { } v && !string.IsNullOrWhiteSpace(v.Text))
                {
                    problems.Add($"{location}：缺少对象名称（“对象”列为空）");
                    return null;
                }
            return null;
        }
        if (cellCount > Width)
        {
            for (var c = Width; c < cellCount; c++)
                if (cell(c) is { } v && !string.IsNullOrWhiteSpace(v.Text))
                {
                    problems.Add($"{location}，对象“{name}”：第 {c + 1} 列有值“{v.Text}”，但表头只有 {Width} 列");
                    break;
                }
        }
        foreach (var c in _ignored)
            if (cell(c) is { } v && !string.IsNullOrWhiteSpace(v.Text))
                problems.Add($"{location}，对象“{name}”：第 {c + 1} 列有值“{v.Text}”，但该列没有表头");

        _inputs.Clear();
        foreach (var g in _shared)
            if (Value(g, cell) is { } input) _inputs[g.Indicator] = input;
        var inputs = _inputs.ToImmutable();

        var raters = ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty;
        if (_rated.Length > 0)
        {
            var byRole = new Dictionary<string, ImmutableDictionary<string, RawInput>.Builder>();
            foreach (var g in _rated)
            {
                if (Value(g, cell) is not { } input) continue;
                if (!byRole.TryGetValue(g.Role!, out var b)) byRole[g.Role!] = b = ImmutableDictionary.CreateBuilder<string, RawInput>();
                b[g.Indicator] = input;
            }
            raters = byRole.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutable());
        }

        var extra = ImmutableDictionary<string, RawInput>.Empty;
        foreach (var (c, key) in _extra)
            if (cell(c) is { } v && !string.IsNullOrWhiteSpace(v.Text))
                extra = extra.SetItem(key, new RawScalar(CellText.Restore(v.Text), v.IsNumber));

        return new SubjectInput(name, inputs, raters, extra, location, code);
    }

    private RawScalar Scalar(int column, Cell cell)
    {
        if (!ShareScalars || column >= Width) return new RawScalar(CellText.Restore(cell.Text), cell.IsNumber);
        _scalars ??= new Dictionary<string, RawScalar>?[Width];
        var map = _scalars[column] ??= new Dictionary<string, RawScalar>(ReferenceEqualityComparer.Instance);
        if (map.TryGetValue(cell.Text, out var shared) && shared.IsNumber == cell.IsNumber) return shared;
        var scalar = new RawScalar(CellText.Restore(cell.Text), cell.IsNumber);
        if (map.Count < MaxSharedPerColumn) map[cell.Text] = scalar;
        return scalar;
    }

    private RawInput? Value(Group g, Func<int, Cell?> cell)
    {
        RawScalar? value = null;
        if (g.ValueColumn >= 0 && cell(g.ValueColumn) is { } v && !string.IsNullOrWhiteSpace(v.Text))
            value = Scalar(g.ValueColumn, v);
        if (g.Fields.Length == 0) return value;
        _fields.Clear();
        if (value is not null) _fields["value"] = value;
        foreach (var (c, field) in g.Fields)
            if (cell(c) is { } f && !string.IsNullOrWhiteSpace(f.Text))
                _fields[field] = Scalar(c, f);
        return _fields.Count switch
        {
            0 => null,
            1 when value is not null => value,
            _ => new RawObject(_fields.ToImmutable()),
        };
    }
}
