using System.Collections.Immutable;
using Kaohe.Core.Formulas;
using Kaohe.Core.Model;

namespace Kaohe.Schemes.Editing;

/// <summary>
/// The scoring standard of an item as HR edits it: one form per common rule kind, or — for every other kind and for
/// what a form cannot show — the YAML fragment (<see cref="FragmentDraft"/>). Forms are plain mutable objects bound to
/// the page; <see cref="ToRule"/> builds the Core rule, reporting each empty or contradictory field in Chinese.
/// </summary>
public abstract class RuleDraft
{
    /// <summary>The discriminator of the kind the form edits (<see cref="Rule.Kind"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>The rule, or null when a field makes it impossible (each such field is reported to <paramref name="problems"/>).</summary>
    /// <param name="points">The item's points (分值), the default of several parameters.</param>
    public abstract Rule? ToRule(decimal? points, FieldProblems problems);

    /// <summary>A deep copy (items are copied and pasted; the trial keeps its own scheme).</summary>
    public abstract RuleDraft Copy();

    /// <summary>The kinds that have a form, in <see cref="Kaohe.Core.Text.RuleNames.All"/> order.</summary>
    public static IReadOnlyList<string> FormKinds { get; } =
        ["manual", "grade", "rating", "checklist", "baseline", "bands", "linear", "achievement", "deduction", "per_unit", "formula", "veto"];

    /// <summary>A new form of <paramref name="kind"/> with the defaults a clerk would start from for an item of <paramref name="points"/>.</summary>
    public static RuleDraft New(string kind, decimal? points)
    {
        var p = points ?? 10;
        return kind switch
        {
            "manual" => new ManualDraft { Min = 0, Max = p },
            "grade" => new GradeDraft
            {
                Options =
                [
                    new() { Word = "优秀", Points = p }, new() { Word = "良好", Points = decimal.Round(p * 0.8m, 2) },
                    new() { Word = "合格", Points = decimal.Round(p * 0.6m, 2) }, new() { Word = "不合格", Points = 0 },
                ],
            },
            "rating" => new RatingDraft(),
            "checklist" => new ChecklistDraft { Elements = "", Count = 5, PointsEach = decimal.Round(p / 5, 2) },
            "baseline" => new BaselineDraft { Base = decimal.Round(p * 0.75m, 2), Cap = p },
            "bands" => new BandsDraft
            {
                Bands =
                [
                    new() { From = 100, FromInclusive = true, Points = p },
                    new() { From = 90, FromInclusive = true, To = 100, Points = decimal.Round(p * 0.8m, 2) },
                    new() { To = 90, Points = 0 },
                ],
            },
            "linear" => new LinearDraft(),
            "achievement" => new AchievementDraft { CapPercent = 100 },
            "deduction" => new DeductionDraft { Clauses = [new() { Name = "违规", Mode = ClauseMode.PerOccurrence, Points = 1 }] },
            "per_unit" => new PerUnitDraft { Counters = [new() { Name = "次数", Points = 1 }], Cap = p },
            "formula" => new FormulaDraft { Expression = "min(完成率 / 目标 * " + Kaohe.Core.Text.Fmt.Exact(p) + ", " + Kaohe.Core.Text.Fmt.Exact(p) + ")", Inputs = [new() { Name = "完成率", Unit = ValueUnit.Percent }, new() { Name = "目标", Unit = ValueUnit.Percent }], Floor = 0 },
            "veto" => new VetoDraft(),
            // The kinds without a form start from an example of the format, to be changed in the fragment.
            "steps" => new FragmentDraft
            {
                FromKind = kind,
                Yaml = $"steps:\n  measure: ratio\n  pivot: 100%\n  above: {{ base: {N(p)}, per: 1, points: 0 }}\n  below: {{ base: {N(p)}, per: 5, points: 1 }}\n",
            },
            "offset" => new FragmentDraft
            {
                FromKind = kind,
                Yaml = "offset:\n  first: { name: 清洗饮水机, quota: 100, extra: 4, unit: 台 }\n  second: { name: 送水, quota: 1000, extra: 2, unit: 桶 }\n  ratio: 2\n  amount: 1840\n",
            },
            "composite" => new FragmentDraft
            {
                FromKind = kind,
                Yaml = $"composite:\n  parts:\n    - {{ name: 第一部分, points: {N(p / 2)}, manual: {{ min: 0, max: {N(p / 2)} }} }}\n    - {{ name: 第二部分, points: {N(p / 2)}, manual: {{ min: 0, max: {N(p / 2)} }} }}\n",
            },
            _ => throw new ArgumentException($"unknown rule kind {kind}", nameof(kind)),
        };
    }

    private static string N(decimal value) => Kaohe.Core.Text.Fmt.Exact(value);

    /// <summary>
    /// The form for a rule when one shows it exactly (its rule, written, is the original's text), else null: the caller
    /// then keeps the rule as a YAML fragment, so opening and saving a scheme never loses a parameter.
    /// </summary>
    public static RuleDraft? FormFor(Rule rule, decimal? points)
    {
        RuleDraft? draft = rule switch
        {
            ManualRule { Mean: false, ExcludedRange: null } m => new ManualDraft { Min = m.Min, Max = m.Max },
            GradeRule g => new GradeDraft
            {
                Multiple = g.Multiple,
                Options = [.. g.Options.Select(o => new GradeOptionDraft
                {
                    Word = o.Word, Points = o.Min, Max = o.IsFixed ? null : o.Max, Default = o.Default,
                    Aliases = o.Aliases.IsEmpty ? null : string.Join("、", o.Aliases),
                })],
            },
            RatingRule r => new RatingDraft { Min = r.Min, Max = r.Max, Integer = r.Integer, Mapping = r.Mapping },
            ChecklistRule c => new ChecklistDraft { Elements = string.Join("、", c.Elements), Count = c.ElementCount, PointsEach = c.PointsPerElement },
            BaselineRule b => new BaselineDraft
            {
                Direction = b.Direction, Source = b.Source, Constant = b.Constant, Unit = b.Unit, Base = b.Base, Step = b.Step,
                Up = b.UpPoints, Down = b.DownPoints, Cap = b.Cap, Floor = b.Floor, Rounding = b.Rounding, Difference = b.Difference,
                NoData = b.NoData, Label = b.Label,
            },
            BandRule b => new BandsDraft
            {
                Unit = b.Unit, Measure = b.Measure, Gap = b.Gap, NoData = b.NoData, Label = b.Label,
                Bands = [.. b.Bands.Select(BandDraft.Of)],
            },
            LinearRule l => new LinearDraft
            {
                Points = l.Points == (points ?? 0) ? null : l.Points, ThresholdPercent = l.Threshold * 100, Mode = l.Mode, Capped = l.Capped,
                ExtraPerUnit = l.ExtraPerUnit, Below = l.BelowThreshold, Target = l.Target, Unit = l.Unit, NoData = l.NoData, Label = l.Label,
                FallbackInput = l.Fallback?.Input, FallbackAtLeast = l.Fallback?.AtLeast, FallbackPoints = l.Fallback?.Points,
            },
            AchievementRule a => new AchievementDraft
            {
                Points = a.Points == (points ?? 0) ? null : a.Points, CapPercent = a.CapRatio * 100, Direction = a.Direction, Unit = a.Unit, NoData = a.NoData,
            },
            DeductionRule d when d.Clauses.All(c => c.Mode != ClauseMode.Table) => new DeductionDraft
            {
                Start = d.Start == (points ?? 0) ? null : d.Start, Floor = d.Floor, Cap = d.Cap, MaxDeduction = d.MaxDeduction,
                Clauses = [.. d.Clauses.Select(c => new ClauseDraft
                {
                    Name = c.Name, Mode = c.Mode, Points = c.Points, Min = c.Min, Max = c.Max, Step = c.Step, Rounding = c.Rounding, Unit = c.Unit,
                })],
            },
            UnitRule u => new PerUnitDraft
            {
                Counters = [.. u.Counters.Select(c => new CounterDraft { Name = c.Name, Points = c.PointsPerUnit })],
                Base = u.Base, Cap = u.Cap, Floor = u.Floor, NegativeCounts = u.AllowNegativeCounts, Unit = u.Unit,
            },
            FormulaRule f => new FormulaDraft
            {
                Expression = f.Expression.Source, Floor = f.Floor, Cap = f.Cap,
                Inputs = [.. f.Inputs.Select(i => new FormulaInputDraft { Name = i.Name, Unit = i.Unit })],
            },
            VetoRule => new VetoDraft(),
            _ => null,
        };
        if (draft?.ToRule(points, new FieldProblems()) is not { } back) return null;
        return SchemeYamlWriter.WriteRule(back, points) == SchemeYamlWriter.WriteRule(rule, points) ? draft : null;
    }
}

/// <summary>Problems of one form, by field (the name of the property, or "Options[2].Word" style for rows).</summary>
public sealed class FieldProblems
{
    private readonly List<(string Field, string Message)> _items = [];

    public IReadOnlyList<(string Field, string Message)> Items => _items;

    public void Add(string field, string message) => _items.Add((field, message));

    /// <summary>A required number: reported as empty when missing.</summary>
    public decimal Need(decimal? value, string field, string what)
    {
        if (value is { } v) return v;
        Add(field, $"请填写{what}");
        return 0;
    }

    /// <summary>A required text: reported when empty; trimmed.</summary>
    public string Need(string? text, string field, string what)
    {
        if (!string.IsNullOrWhiteSpace(text)) return text.Trim();
        Add(field, $"请填写{what}");
        return "";
    }
}

/// <summary>人工打分: the rater enters a score in [最低, 最高].</summary>
public sealed class ManualDraft : RuleDraft
{
    public override string Kind => "manual";
    public decimal? Min { get; set; } = 0;
    /// <summary>Empty = the item's points.</summary>
    public decimal? Max { get; set; }

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var min = Min ?? 0;
        var max = Max ?? points ?? problems.Need(Max, nameof(Max), "最高分（或本项分值）");
        if (min > max) { problems.Add(nameof(Max), "最高分不能小于最低分"); return null; }
        return new ManualRule(min, max, false, null);
    }

    public override RuleDraft Copy() => new ManualDraft { Min = Min, Max = Max };
}

/// <summary>One grade of 等级评分: a word with fixed points, or a range the rater chooses in (with a default).</summary>
public sealed class GradeOptionDraft
{
    public string? Word { get; set; }
    /// <summary>The points, or the lowest points of a range.</summary>
    public decimal? Points { get; set; }
    /// <summary>The highest points of a range; empty = fixed points.</summary>
    public decimal? Max { get; set; }
    /// <summary>The points of a range when the rater gives only the word.</summary>
    public decimal? Default { get; set; }
    /// <summary>Other spellings accepted, separated by 、.</summary>
    public string? Aliases { get; set; }

    public GradeOptionDraft Copy() => new() { Word = Word, Points = Points, Max = Max, Default = Default, Aliases = Aliases };
}

/// <summary>等级评分 (QR/LV): grade words and their points.</summary>
public sealed class GradeDraft : RuleDraft
{
    public override string Kind => "grade";
    public List<GradeOptionDraft> Options { get; set; } = [];
    public MultipleGrades Multiple { get; set; } = MultipleGrades.Single;

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        if (Options.Count == 0) { problems.Add(nameof(Options), "至少要有一个等级"); return null; }
        var options = new List<GradeOption>();
        var ok = true;
        for (var i = 0; i < Options.Count; i++)
        {
            var o = Options[i];
            var before = problems.Items.Count;
            var word = problems.Need(o.Word, $"Options[{i}].Word", "等级名称");
            var min = problems.Need(o.Points, $"Options[{i}].Points", "分数");
            var max = o.Max ?? min;
            if (max < min) problems.Add($"Options[{i}].Max", "最高分不能小于最低分");
            if (o.Default is { } d && (d < min || d > max)) problems.Add($"Options[{i}].Default", "默认分应在最低分与最高分之间");
            if (options.Any(x => x.Word == word)) problems.Add($"Options[{i}].Word", $"等级“{word}”重复");
            if (problems.Items.Count > before) { ok = false; continue; }
            var aliases = (o.Aliases ?? "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            options.Add(new GradeOption(word, min, max, o.Default, [.. aliases]));
        }
        return ok ? new GradeRule([.. options], Multiple) : null;
    }

    public override RuleDraft Copy() => new GradeDraft { Multiple = Multiple, Options = [.. Options.Select(o => o.Copy())] };
}

/// <summary>按级评分 (LV): a numeric level on min..max mapped to points.</summary>
public sealed class RatingDraft : RuleDraft
{
    public override string Kind => "rating";
    public decimal? Min { get; set; } = 1;
    public decimal? Max { get; set; } = 5;
    public bool Integer { get; set; } = true;
    public RatingMapping Mapping { get; set; } = RatingMapping.Proportional;

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var min = problems.Need(Min, nameof(Min), "最低级");
        var max = problems.Need(Max, nameof(Max), "最高级");
        if (Min is null || Max is null) return null;
        if (max <= min) { problems.Add(nameof(Max), "最高级应大于最低级"); return null; }
        if (Mapping == RatingMapping.Proportional && max == 0) { problems.Add(nameof(Max), "最高级不能为 0"); return null; }
        return new RatingRule(min, max, Integer, Mapping);
    }

    public override RuleDraft Copy() => new RatingDraft { Min = Min, Max = Max, Integer = Integer, Mapping = Mapping };
}

/// <summary>检查项计分 (LV-05): points for each ticked element.</summary>
public sealed class ChecklistDraft : RuleDraft
{
    public override string Kind => "checklist";
    /// <summary>The element names separated by 、 (may be empty when only the count is known).</summary>
    public string? Elements { get; set; }
    public int? Count { get; set; }
    public decimal? PointsEach { get; set; }

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var elements = (Elements ?? "").Split(['、', ',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var count = Count ?? elements.Length;
        if (count <= 0) { problems.Add(nameof(Count), "检查项数量应大于 0"); return null; }
        var each = problems.Need(PointsEach, nameof(PointsEach), "每项分数");
        return PointsEach is null ? null : new ChecklistRule([.. elements], count, each);
    }

    public override RuleDraft Copy() => new ChecklistDraft { Elements = Elements, Count = Count, PointsEach = PointsEach };
}

/// <summary>基准比较 (BL): base points at the baseline, plus/minus per step better/worse.</summary>
public sealed class BaselineDraft : RuleDraft
{
    public override string Kind => "baseline";
    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public BaselineSource Source { get; set; } = BaselineSource.PreviousPeriod;
    public decimal? Constant { get; set; }
    public ValueUnit Unit { get; set; } = ValueUnit.Percent;
    public decimal? Base { get; set; } = 15;
    public decimal? Step { get; set; } = 1;
    public decimal? Up { get; set; } = 1;
    public decimal? Down { get; set; } = 1;
    /// <summary>Empty = no upper limit.</summary>
    public decimal? Cap { get; set; }
    /// <summary>Empty = may go negative; 0 = 扣完为止.</summary>
    public decimal? Floor { get; set; } = 0;
    public StepRounding Rounding { get; set; } = StepRounding.Floor;
    public DifferenceMode Difference { get; set; } = DifferenceMode.Points;
    public NoDataPolicy NoData { get; set; } = NoDataPolicy.Base;
    public string? Label { get; set; }

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var before = problems.Items.Count;
        var b = problems.Need(Base, nameof(Base), "持平时的得分");
        var step = problems.Need(Step, nameof(Step), "每一步的大小");
        if (Step is <= 0) problems.Add(nameof(Step), "每一步应大于 0");
        if (Source == BaselineSource.Constant && Constant is null) problems.Add(nameof(Constant), "请填写固定基数");
        if (Cap is { } c && Floor is { } f && c < f) problems.Add(nameof(Cap), "上限不能小于下限");
        if (problems.Items.Count > before) return null;
        return new BaselineRule(Direction, b, step, Up ?? 0, Down ?? 0, Cap, Floor, Rounding, Difference, Source,
            Source == BaselineSource.Constant ? Constant : null, Unit, NoData, Blank(Label));
    }

    public override RuleDraft Copy() => (BaselineDraft)MemberwiseClone();

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>How a band of 阈值分档 scores.</summary>
public enum BandKind
{
    /// <summary>固定分.</summary>
    Fixed,
    /// <summary>评分人在范围内给分.</summary>
    Choice,
    /// <summary>档内线性.</summary>
    Linear,
    /// <summary>按比例 (points × value / reference).</summary>
    Proportional,
}

/// <summary>One band: from (inclusive or not) to (inclusive or not), and what it scores.</summary>
public sealed class BandDraft
{
    /// <summary>Lower end; empty = no lower end.</summary>
    public decimal? From { get; set; }
    public bool FromInclusive { get; set; } = true;
    /// <summary>Upper end; empty = no upper end.</summary>
    public decimal? To { get; set; }
    public bool ToInclusive { get; set; }
    public BandKind Kind { get; set; } = BandKind.Fixed;
    /// <summary>Fixed points, or the proportional factor.</summary>
    public decimal? Points { get; set; }
    /// <summary>Lowest choice, or the points at the lower end of a linear band.</summary>
    public decimal? Min { get; set; }
    /// <summary>Highest choice, or the points at the upper end of a linear band.</summary>
    public decimal? Max { get; set; }
    /// <summary>The value that gives the factor in full (100 for percentages).</summary>
    public decimal? Reference { get; set; }
    public string? Note { get; set; }

    public BandDraft Copy() => (BandDraft)MemberwiseClone();

    public static BandDraft Of(Band b)
    {
        var d = new BandDraft
        {
            From = b.Range.Lower?.Value, FromInclusive = b.Range.Lower?.Inclusive ?? true,
            To = b.Range.Upper?.Value, ToInclusive = b.Range.Upper?.Inclusive ?? false, Note = b.Note,
        };
        switch (b.Outcome)
        {
            case FixedOutcome f: d.Kind = BandKind.Fixed; d.Points = f.Points; break;
            case ChoiceOutcome c: d.Kind = BandKind.Choice; d.Min = c.Min; d.Max = c.Max; break;
            case LinearOutcome l: d.Kind = BandKind.Linear; d.Min = l.AtLower; d.Max = l.AtUpper; break;
            case ProportionalOutcome p: d.Kind = BandKind.Proportional; d.Points = p.Points; d.Reference = p.Reference; break;
        }
        return d;
    }

    internal Band? ToBand(int i, ValueUnit unit, FieldProblems problems)
    {
        var before = problems.Items.Count;
        var p = $"Bands[{i}].";
        if (From is { } lo && To is { } hi && (lo > hi || lo == hi && !(FromInclusive && ToInclusive)))
            problems.Add(p + nameof(To), "“到”应大于“从”（相等时两端都要含）");
        BandOutcome? outcome = null;
        switch (Kind)
        {
            case BandKind.Fixed:
                outcome = new FixedOutcome(problems.Need(Points, p + nameof(Points), "得分"));
                break;
            case BandKind.Choice:
                var cmin = problems.Need(Min, p + nameof(Min), "最低分");
                var cmax = problems.Need(Max, p + nameof(Max), "最高分");
                if (cmin > cmax) problems.Add(p + nameof(Max), "最高分不能小于最低分");
                outcome = new ChoiceOutcome(cmin, cmax);
                break;
            case BandKind.Linear:
                if (From is null || To is null) problems.Add(p + nameof(Kind), "线性得分的档要有上下两端");
                outcome = new LinearOutcome(problems.Need(Min, p + nameof(Min), "下端得分"), problems.Need(Max, p + nameof(Max), "上端得分"));
                break;
            case BandKind.Proportional:
                var reference = Reference ?? (unit == ValueUnit.Percent ? 100 : 1);
                if (reference == 0) problems.Add(p + nameof(Reference), "参照值不能为 0");
                outcome = new ProportionalOutcome(problems.Need(Points, p + nameof(Points), "比例分"), reference);
                break;
        }
        if (problems.Items.Count > before || outcome is null) return null;
        var range = new Interval(From is { } f ? new Bound(f, FromInclusive) : null, To is { } t ? new Bound(t, ToInclusive) : null);
        return new Band(range, outcome, BaselineDraft.Blank(Note));
    }
}

/// <summary>阈值分档 (TB): bands of a measured value, tried in order.</summary>
public sealed class BandsDraft : RuleDraft
{
    public override string Kind => "bands";
    public ValueUnit Unit { get; set; } = ValueUnit.Percent;
    public BandMeasure Measure { get; set; } = BandMeasure.Value;
    /// <summary>Points for a value in no band.</summary>
    public decimal? Gap { get; set; } = 0;
    public NoDataPolicy NoData { get; set; } = NoDataPolicy.Full;
    public string? Label { get; set; }
    public List<BandDraft> Bands { get; set; } = [];

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        if (Bands.Count == 0) { problems.Add(nameof(Bands), "至少要有一档"); return null; }
        if (Bands.Count > SchemeLimits.MaxBandsPerList) { problems.Add(nameof(Bands), $"最多 {SchemeLimits.MaxBandsPerList} 档"); return null; }
        var unit = Measure == BandMeasure.RatioToTarget ? ValueUnit.Percent : Unit;
        var bands = Bands.Select((b, i) => b.ToBand(i, unit, problems)).ToList();
        if (bands.Any(b => b is null)) return null;
        return new BandRule([.. bands!], Unit, Measure, Gap ?? 0, NoData, BaselineDraft.Blank(Label));
    }

    public override RuleDraft Copy()
    {
        var copy = (BandsDraft)MemberwiseClone();
        copy.Bands = [.. Bands.Select(b => b.Copy())];
        return copy;
    }
}

/// <summary>完成率 (LN): achievement = actual / target, linear between a threshold and 100%.</summary>
public sealed class LinearDraft : RuleDraft
{
    public override string Kind => "linear";
    /// <summary>Points at 100%; empty = the item's points.</summary>
    public decimal? Points { get; set; }
    /// <summary>Below this completion (in %) the item scores <see cref="Below"/>; 0 = linear from zero.</summary>
    public decimal? ThresholdPercent { get; set; } = 0;
    public LinearMode Mode { get; set; } = LinearMode.Proportional;
    public bool Capped { get; set; } = true;
    public decimal? ExtraPerUnit { get; set; }
    public decimal? Below { get; set; } = 0;
    /// <summary>A fixed target; empty = the 目标 input.</summary>
    public decimal? Target { get; set; }
    public ValueUnit Unit { get; set; } = ValueUnit.Number;
    public NoDataPolicy NoData { get; set; } = NoDataPolicy.Full;
    public string? Label { get; set; }
    public string? FallbackInput { get; set; }
    public decimal? FallbackAtLeast { get; set; }
    public decimal? FallbackPoints { get; set; }

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var threshold = (ThresholdPercent ?? 0) / 100;
        if (threshold is < 0 or >= 1) { problems.Add(nameof(ThresholdPercent), "起点应在 0%–100% 之间（不含 100%）"); return null; }
        ThresholdFallback? fallback = null;
        if (!string.IsNullOrWhiteSpace(FallbackInput))
        {
            var before = problems.Items.Count;
            fallback = new ThresholdFallback(FallbackInput.Trim(), problems.Need(FallbackAtLeast, nameof(FallbackAtLeast), "达到的数量"),
                problems.Need(FallbackPoints, nameof(FallbackPoints), "保底分"));
            if (problems.Items.Count > before) return null;
        }
        return new LinearRule(Points ?? points ?? 0, threshold, Mode, Capped, ExtraPerUnit, Below ?? 0, fallback, Target, Unit, NoData, BaselineDraft.Blank(Label));
    }

    public override RuleDraft Copy() => (LinearDraft)MemberwiseClone();
}

/// <summary>达成率 (AC): min(actual / target, cap) × points.</summary>
public sealed class AchievementDraft : RuleDraft
{
    public override string Kind => "achievement";
    public decimal? Points { get; set; }
    /// <summary>Highest achievement counted, in %; empty = no cap.</summary>
    public decimal? CapPercent { get; set; }
    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public ValueUnit Unit { get; set; } = ValueUnit.Number;
    public NoDataPolicy NoData { get; set; } = NoDataPolicy.Full;

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        if (CapPercent is <= 0) { problems.Add(nameof(CapPercent), "封顶应大于 0%"); return null; }
        return new AchievementRule(Points ?? points ?? 0, CapPercent / 100, Direction, Unit, NoData);
    }

    public override RuleDraft Copy() => (AchievementDraft)MemberwiseClone();
}

/// <summary>One clause of 按次扣分.</summary>
public sealed class ClauseDraft
{
    public string? Name { get; set; }
    public ClauseMode Mode { get; set; } = ClauseMode.PerOccurrence;
    /// <summary>Points per occurrence, once, per quantity, or at least (negative adds).</summary>
    public decimal? Points { get; set; }
    /// <summary>Lowest deduction of a ranged clause.</summary>
    public decimal? Min { get; set; }
    /// <summary>Highest deduction of a ranged or amount clause.</summary>
    public decimal? Max { get; set; }
    public decimal? Step { get; set; } = 1;
    public StepRounding Rounding { get; set; } = StepRounding.Floor;
    public ValueUnit Unit { get; set; } = ValueUnit.Count;

    public ClauseDraft Copy() => (ClauseDraft)MemberwiseClone();
}

/// <summary>按次扣分 (DD): start − Σ clause deductions, floored.</summary>
public sealed class DeductionDraft : RuleDraft
{
    public override string Kind => "deduction";
    /// <summary>Where deducting starts; empty = the item's points.</summary>
    public decimal? Start { get; set; }
    /// <summary>0 = 扣完为止; empty = may go negative.</summary>
    public decimal? Floor { get; set; } = 0;
    public decimal? Cap { get; set; }
    public decimal? MaxDeduction { get; set; }
    public List<ClauseDraft> Clauses { get; set; } = [];

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        if (Clauses.Count == 0) { problems.Add(nameof(Clauses), "至少要有一条扣分条款"); return null; }
        var clauses = new List<DeductionClause>();
        var before = problems.Items.Count;
        for (var i = 0; i < Clauses.Count; i++)
        {
            var c = Clauses[i];
            var p = $"Clauses[{i}].";
            var name = problems.Need(c.Name, p + nameof(c.Name), "条款名称");
            if (clauses.Any(x => x.Name == name)) problems.Add(p + nameof(c.Name), $"条款“{name}”重复");
            switch (c.Mode)
            {
                case ClauseMode.Ranged:
                    var min = problems.Need(c.Min, p + nameof(c.Min), "每次最少扣");
                    var max = problems.Need(c.Max, p + nameof(c.Max), "每次最多扣");
                    if (min > max) problems.Add(p + nameof(c.Max), "最多不能小于最少");
                    clauses.Add(new DeductionClause(name, c.Mode, 0, min, max, [], c.Rounding, 1, c.Unit));
                    break;
                case ClauseMode.Amount:
                    clauses.Add(new DeductionClause(name, c.Mode, 0, 0, problems.Need(c.Max, p + nameof(c.Max), "最多扣"), [], c.Rounding, 1, c.Unit));
                    break;
                case ClauseMode.PerQuantity:
                    var step = problems.Need(c.Step, p + nameof(c.Step), "每多少");
                    if (c.Step is <= 0) problems.Add(p + nameof(c.Step), "应大于 0");
                    clauses.Add(new DeductionClause(name, c.Mode, problems.Need(c.Points, p + nameof(c.Points), "扣分"), 0, 0, [], c.Rounding, step, c.Unit));
                    break;
                case ClauseMode.Table:
                    problems.Add(p + nameof(c.Mode), "按次数查表的条款请在“高级（YAML 片段）”中编辑");
                    break;
                default:
                    clauses.Add(new DeductionClause(name, c.Mode, problems.Need(c.Points, p + nameof(c.Points), "扣分"), 0, 0, [], c.Rounding, 1, c.Unit));
                    break;
            }
        }
        if (problems.Items.Count > before) return null;
        return new DeductionRule(Start ?? points ?? 0, [.. clauses], MaxDeduction, Floor, Cap);
    }

    public override RuleDraft Copy()
    {
        var copy = (DeductionDraft)MemberwiseClone();
        copy.Clauses = [.. Clauses.Select(c => c.Copy())];
        return copy;
    }
}

/// <summary>One counted quantity of 按次加分.</summary>
public sealed class CounterDraft
{
    public string? Name { get; set; }
    /// <summary>Points per unit; negative deducts.</summary>
    public decimal? Points { get; set; }

    public CounterDraft Copy() => (CounterDraft)MemberwiseClone();
}

/// <summary>按次加分 (UB): base + Σ count × points, with limits.</summary>
public sealed class PerUnitDraft : RuleDraft
{
    public override string Kind => "per_unit";
    public List<CounterDraft> Counters { get; set; } = [];
    public decimal? Base { get; set; } = 0;
    /// <summary>Empty = 上不封顶.</summary>
    public decimal? Cap { get; set; }
    public decimal? Floor { get; set; } = 0;
    public bool NegativeCounts { get; set; }
    public ValueUnit Unit { get; set; } = ValueUnit.Count;

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        if (Counters.Count == 0) { problems.Add(nameof(Counters), "至少要有一个计数项"); return null; }
        var before = problems.Items.Count;
        var counters = new List<UnitCounter>();
        for (var i = 0; i < Counters.Count; i++)
        {
            var name = Counters.Count == 1 && string.IsNullOrWhiteSpace(Counters[i].Name) ? "数量" : problems.Need(Counters[i].Name, $"Counters[{i}].Name", "计数项名称");
            if (counters.Any(c => c.Name == name)) problems.Add($"Counters[{i}].Name", $"计数项“{name}”重复");
            counters.Add(new UnitCounter(name, problems.Need(Counters[i].Points, $"Counters[{i}].Points", "每次加分")));
        }
        if (Cap is { } c && Floor is { } f && c < f) problems.Add(nameof(Cap), "上限不能小于下限");
        if (problems.Items.Count > before) return null;
        return new UnitRule([.. counters], Base ?? 0, Cap, Floor, NegativeCounts, Unit);
    }

    public override RuleDraft Copy()
    {
        var copy = (PerUnitDraft)MemberwiseClone();
        copy.Counters = [.. Counters.Select(c => c.Copy())];
        return copy;
    }
}

/// <summary>A named input of a formula with its unit.</summary>
public sealed class FormulaInputDraft
{
    public string? Name { get; set; }
    public ValueUnit Unit { get; set; } = ValueUnit.Number;

    public FormulaInputDraft Copy() => (FormulaInputDraft)MemberwiseClone();
}

/// <summary>公式: a safe expression over named inputs.</summary>
public sealed class FormulaDraft : RuleDraft
{
    public override string Kind => "formula";
    public string? Expression { get; set; }
    public List<FormulaInputDraft> Inputs { get; set; } = [];
    public decimal? Floor { get; set; }
    public decimal? Cap { get; set; }

    public override Rule? ToRule(decimal? points, FieldProblems problems)
    {
        var text = problems.Need(Expression, nameof(Expression), "公式");
        if (text.Length == 0) return null;
        var parsed = Formula.Parse(text);
        if (!parsed.IsSuccess)
        {
            foreach (var e in parsed.Errors) problems.Add(nameof(Expression), e.ToString());
            return null;
        }
        var inputs = new List<FormulaInput>();
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Inputs[i].Name)) continue;
            var name = Inputs[i].Name!.Trim();
            if (inputs.Any(x => x.Name == name)) { problems.Add($"Inputs[{i}].Name", $"输入“{name}”重复"); return null; }
            inputs.Add(new FormulaInput(name, Inputs[i].Unit));
        }
        var missing = parsed.Formula!.InputNames.Where(n => inputs.All(x => x.Name != n)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(nameof(Inputs), $"公式用到的“{string.Join("”“", missing)}”还没有列为输入（请在下方添加并选单位）");
            return null;
        }
        if (Cap is { } c && Floor is { } f && c < f) { problems.Add(nameof(Cap), "上限不能小于下限"); return null; }
        return new FormulaRule(parsed.Formula, [.. inputs], Floor, Cap);
    }

    public override RuleDraft Copy()
    {
        var copy = (FormulaDraft)MemberwiseClone();
        copy.Inputs = [.. Inputs.Select(i => i.Copy())];
        return copy;
    }
}

/// <summary>否决项: no parameters.</summary>
public sealed class VetoDraft : RuleDraft
{
    public override string Kind => "veto";
    public override Rule? ToRule(decimal? points, FieldProblems problems) => new VetoRule();
    public override RuleDraft Copy() => new VetoDraft();
}

/// <summary>
/// 高级（YAML 片段）: the item's scoring standard as YAML — the rule kind, and where needed <c>manual: true</c>,
/// <c>coefficient</c> and <c>convert_to</c> — for the kinds without a form and whatever a form cannot show.
/// </summary>
public sealed class FragmentDraft : RuleDraft
{
    /// <summary>The kind the fragment had when it was made (for the name shown); the text decides.</summary>
    public string FromKind { get; init; } = "";
    public override string Kind => FromKind;
    public string Yaml { get; set; } = "";

    public override Rule? ToRule(decimal? points, FieldProblems problems) =>
        throw new InvalidOperationException("a fragment is read with RuleFragment.Read, which needs the item");

    public override RuleDraft Copy() => new FragmentDraft { FromKind = FromKind, Yaml = Yaml };
}
