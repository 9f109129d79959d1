using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;

namespace Kaohe.IO;

/// <summary>
/// The one-row-per-subject layout shared by CSV and the XLSX 结果 sheet: 对象, then the subject's inputs in the columns
/// <see cref="TableLayout"/> reads (<c>指标名</c>, <c>指标名[字段]</c>, <c>指标名@角色</c>, <c>奖金基数</c>), then the
/// results: 总分, 等级, 奖金 (金额 and 排名 when the scheme has them) and per indicator <c>指标名[得分]</c> and
/// <c>指标名[评分依据]</c>. Read back as input, the result columns are ignored, so a clerk can correct one value and
/// score the file again.
/// </summary>
internal sealed class ResultTable
{
    private readonly bool _codes;
    private readonly bool _money;
    private readonly bool _ranking;
    private readonly string[] _indicators;
    private readonly InputColumn[] _inputs;

    /// <summary>Where an input column's value comes from: the shared input or a role's, the whole input or one field.</summary>
    private sealed record InputColumn(string Indicator, string? Role, string? Field, bool PayoutBase = false);

    /// <param name="codes">Whether a column beside 对象 holds each subject's code (工号 of a person, 编码 of a unit):
    /// subjects from the customer base have one, and two people may share a name.</param>
    public ResultTable(Scheme scheme, bool codes = false)
    {
        _codes = codes;
        _money = scheme.Indicators.Any(i => i.Unit == ScoreUnit.Yuan);
        _ranking = scheme.Ranking is not null;
        _indicators = [.. scheme.Indicators.Select(i => i.Name)];
        _inputs = [.. InputColumns(scheme)];
        var header = new List<string> { "对象" };
        if (codes) header.Add(CodeHeader(scheme));
        header.AddRange(_inputs.Select(ColumnName));
        header.AddRange(["总分", "等级", "奖金"]);
        if (_money) header.Add("金额");
        if (_ranking) header.AddRange(["排名", "排名奖惩"]);
        foreach (var name in _indicators)
        {
            header.Add(name + ScoreSuffix);
            header.Add(name + ExplanationSuffix);
        }
        // Indicator names come from the user's scheme: a header cell is a text cell like any other.
        Header = [.. header.Select(CellText.Safe)];
    }

    private static string ColumnName(InputColumn c) =>
        c.PayoutBase ? PayoutBaseHeader : c.Indicator + (c.Field is null ? "" : $"[{FieldHeaders.GetValueOrDefault(c.Field, c.Field)}]") + (c.Role is null ? "" : "@" + c.Role);

    /// <summary>
    /// The input columns a person fills for the indicators <paramref name="entered"/> selects, as <see cref="TableLayout"/>
    /// reads them (not neutralised): an indicator rated by roles gets one column per role (<c>指标名@角色</c>) and no
    /// shared one; the payout base when the scheme takes it from the subject.
    /// </summary>
    public static IReadOnlyList<string> EntryColumns(Scheme scheme, Func<Indicator, bool> entered)
    {
        var rated = scheme.Indicators.Where(i => !i.RatedBy.IsEmpty).Select(i => i.Name).ToHashSet();
        var chosen = scheme.Indicators.Where(entered).Select(i => i.Name).ToHashSet();
        return [.. InputColumns(scheme)
            .Where(c => c.PayoutBase || (chosen.Contains(c.Indicator) && (c.Role is not null || !rated.Contains(c.Indicator))))
            .Select(ColumnName)];
    }

    /// <summary>The heading of the code column: 工号 for people, 编码 for units.</summary>
    public static string CodeHeader(Scheme scheme) => scheme.SubjectKind == SubjectKind.Person ? "工号" : "编码";

    /// <summary>The suffix of an indicator's score column.</summary>
    public const string ScoreSuffix = "[得分]";

    /// <summary>The suffix of an indicator's explanation column.</summary>
    public const string ExplanationSuffix = "[评分依据]";

    /// <summary>The columns of a subject's results (besides <c>…[得分]</c> and <c>…[评分依据]</c>).</summary>
    public static readonly string[] ResultHeaders = ["总分", "等级", "奖金", "金额", "排名", "排名奖惩"];

    // The JSON keys of the common fields, headed in the Chinese a clerk types (InputReader reads both).
    private static readonly Dictionary<string, string> FieldHeaders = new() { ["baseline"] = "基数", ["target"] = "目标", ["score"] = "评分" };

    private static string PayoutBaseHeader => ScoringEngine.PayoutBaseKeys[0];

    /// <summary>The column names (already neutralised).</summary>
    public string[] Header { get; }

    /// <summary>The cells of one subject: text (already neutralised), decimals for numbers, null for empty.</summary>
    public object?[] Row(SubjectInput input, SubjectResult r)
    {
        var cells = new object?[Header.Length];
        var k = 0;
        cells[k++] = CellText.Safe(r.Subject);
        if (_codes) cells[k++] = r.Code is null ? null : CellText.Safe(r.Code);
        foreach (var c in _inputs) cells[k++] = InputCell(input, c);
        cells[k++] = Fmt.Round2(r.Total);
        cells[k++] = r.Grade is null ? null : CellText.Safe(r.Grade);
        cells[k++] = r.Payout;
        if (_money) cells[k++] = r.Money;
        if (_ranking)
        {
            cells[k++] = r.Rank is { } rank ? (decimal)rank : null;
            cells[k++] = r.RankAmount;
        }
        // Results come in scheme order; look up by name only if that ever changes.
        for (var i = 0; i < _indicators.Length; i++)
        {
            var ind = i < r.Indicators.Length && r.Indicators[i].Name == _indicators[i]
                ? r.Indicators[i]
                : r.Indicators.FirstOrDefault(x => x.Name == _indicators[i]);
            cells[k++] = ind?.Score is { } s ? Fmt.Round2(s) : null;
            cells[k++] = ind is null ? null : CellText.Safe(ind.Explanation);
        }
        return cells;
    }

    /// <summary>
    /// Every input the engine reads, as a column: per indicator its shared value and fields, and per rating role the
    /// same with <c>@角色</c>; the payout base when the scheme takes it from the subject.
    /// </summary>
    private static IEnumerable<InputColumn> InputColumns(Scheme scheme)
    {
        foreach (var ind in scheme.Indicators)
        {
            var fields = FieldsOf(ind.Rule).ToList();
            // A rated indicator takes a shared input only when no rater gave one; its coefficients read the shared input.
            IEnumerable<string?> roles = [null, .. ind.RatedBy];
            foreach (var role in roles)
            {
                yield return new InputColumn(ind.Name, role, null);
                foreach (var f in fields) yield return new InputColumn(ind.Name, role, f);
                if (role is null)
                    foreach (var coef in ind.Coefficients)
                        if (!fields.Contains(coef.Input)) yield return new InputColumn(ind.Name, null, coef.Input);
            }
        }
        if (scheme.Payout is { Base: null }) yield return new InputColumn("", null, null, PayoutBase: true);
    }

    /// <summary>The fields besides the value that a rule reads, as it asks <see cref="InputReader.Field"/> for them.</summary>
    private static IEnumerable<string> FieldsOf(Rule rule) => rule switch
    {
        GradeRule or RatingRule or ChecklistRule or ManualRule or VetoRule => [],
        BaselineRule => ["baseline"],
        BandRule b => [
            .. b.Measure switch { BandMeasure.RatioToTarget => ["target"], BandMeasure.DifferenceFromBaseline => ["baseline"], _ => Array.Empty<string>() },
            .. b.Bands.Any(x => x.Outcome is ChoiceOutcome) ? ["score"] : Array.Empty<string>()],
        LinearRule l => [.. l.Target is null ? ["target"] : Array.Empty<string>(), .. l.Fallback is { } fb ? [fb.Input] : Array.Empty<string>()],
        UnitRule u => u.Counters.Select(c => c.Name),
        DeductionRule d => d.Clauses.Select(c => c.Name),
        StepRule s => [.. s.Measure == BandMeasure.RatioToTarget || s.Pivot is null ? ["target"] : Array.Empty<string>(), .. s.CapWaiver is { } w ? [w.Input] : Array.Empty<string>()],
        AchievementRule => ["target"],
        OffsetRule o => [o.First.Name, o.Second.Name],
        FormulaRule f => f.Inputs.Select(i => i.Name),
        CompositeRule c => c.Parts.Select(p => p.Name),
        _ => throw new System.Diagnostics.UnreachableException(rule.GetType().Name),
    };

    private static object? InputCell(SubjectInput input, InputColumn c)
    {
        RawInput? raw;
        if (c.PayoutBase)
        {
            // The engine takes the first base that parses; that is the one written (else the first given, for the clerk).
            raw = null;
            foreach (var key in ScoringEngine.PayoutBaseKeys)
            {
                if (input.Extra.GetValueOrDefault(key) is not { } given) continue;
                if (given is RawScalar s && ValueParser.Parse(s, ValueUnit.Money, allowNegative: false).Value is not null)
                {
                    raw = given;
                    break;
                }
                raw ??= given;
            }
        }
        else
        {
            var whole = c.Role is null
                ? input.Inputs.GetValueOrDefault(c.Indicator)
                : input.Raters.GetValueOrDefault(c.Role)?.GetValueOrDefault(c.Indicator);
            raw = c.Field is null
                ? whole is RawObject ? new InputReader(input.Name, c.Indicator, whole, []).Field("value") : whole
                : whole is RawObject ? new InputReader(input.Name, c.Indicator, whole, []).Field(c.Field) : null;
        }
        return raw switch
        {
            null => null,
            RawScalar { IsNumber: true } n when decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            RawScalar s => CellText.Safe(s.Text),
            // A table cell holds one value: a list is written as the rules read a list typed into a cell.
            RawList l => CellText.Safe(string.Join("、", l.Items.Select(i => i.Display))),
            _ => CellText.Safe(raw.Display),
        };
    }
}
