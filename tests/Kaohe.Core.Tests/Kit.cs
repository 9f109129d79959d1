using System.Collections.Immutable;
using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;

namespace Kaohe.Core.Tests;

/// <summary>Builders for rules with the §0 defaults, and evaluation helpers.</summary>
public static class Kit
{
    public static RawInput Raw(object value) => value switch
    {
        RawInput r => r,
        string s => new RawScalar(s),
        int i => new RawScalar(i.ToString(CultureInfo.InvariantCulture), true),
        decimal d => new RawScalar(d.ToString(CultureInfo.InvariantCulture), true),
        double d => new RawScalar(((decimal)d).ToString(CultureInfo.InvariantCulture), true),
        IDictionary<string, object> o => new RawObject(o.ToImmutableDictionary(kv => kv.Key, kv => Raw(kv.Value))),
        System.Collections.IEnumerable e => new RawList([.. e.Cast<object>().Select(Raw)]),
        _ => throw new ArgumentException($"unsupported literal {value}"),
    };

    public static Dictionary<string, object> Obj(params (string Key, object Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>Evaluates a rule and asserts there was no input error.</summary>
    public static RuleScore Eval(Rule rule, object? input, decimal? points = null)
    {
        var errors = new List<ScoringError>();
        var r = RuleEvaluator.Evaluate(rule, new InputReader("对象", "指标", input is null ? null : Raw(input), errors), points, "指标");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.NotEqual(RuleFlag.Failed, r.Flag);
        return r;
    }

    /// <summary>Evaluates a rule that is expected to reject its input; returns the errors.</summary>
    public static List<ScoringError> EvalErrors(Rule rule, object? input, decimal? points = null)
    {
        var errors = new List<ScoringError>();
        var r = RuleEvaluator.Evaluate(rule, new InputReader("对象", "指标", input is null ? null : Raw(input), errors), points, "指标");
        Assert.Equal(RuleFlag.Failed, r.Flag);
        Assert.NotEmpty(errors);
        return errors;
    }

    public static decimal Score(Rule rule, object? input, decimal? points = null) => Eval(rule, input, points).Score!.Value;

    public static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- rule builders with the defaults

    public static BaselineRule Baseline(Direction direction, StepRounding rounding = StepRounding.Floor, DifferenceMode mode = DifferenceMode.Points,
        BaselineSource source = BaselineSource.Input, decimal? constant = null, decimal @base = 15, decimal up = 1, decimal down = 1, decimal? cap = 20, decimal? floor = 0,
        NoDataPolicy noData = NoDataPolicy.Base) =>
        new(direction, @base, 1, up, down, cap, floor, rounding, mode, source, constant, ValueUnit.Percent, noData, "比率");

    public static Interval When(string text)
    {
        text = text.Replace(" ", "");
        if (text.StartsWith(">=", StringComparison.Ordinal)) return new(new Bound(D(text[2..]), true), null);
        if (text.StartsWith("<=", StringComparison.Ordinal)) return new(null, new Bound(D(text[2..]), true));
        if (text.StartsWith('>')) return new(new Bound(D(text[1..]), false), null);
        if (text.StartsWith('<')) return new(null, new Bound(D(text[1..]), false));
        if (text.StartsWith('=')) return new(new Bound(D(text[1..]), true), new Bound(D(text[1..]), true));
        var lo = text[0] == '[';
        var hi = text[^1] == ']';
        var parts = text[1..^1].Split(',');
        return new(new Bound(D(parts[0]), lo), new Bound(D(parts[1]), hi));
    }

    public static Band B(string when, decimal points) => new(When(when), new FixedOutcome(points), null);

    public static BandRule Bands(params Band[] bands) => new([.. bands], ValueUnit.Percent, BandMeasure.Value, 0, NoDataPolicy.Full, null);

    public static StepRule Steps(decimal? pivot, StepSide above, StepSide below, decimal? floor = 0, decimal? cap = null, BandMeasure measure = BandMeasure.Value,
        StepGate[]? gates = null, CapWaiver? waiver = null, ValueUnit unit = ValueUnit.Percent) =>
        new(pivot, measure, above, below, [.. gates ?? []], floor, cap, waiver, unit, NoDataPolicy.Full, null);

    public static StepSide Side(decimal @base, decimal per = 0, decimal points = 0, StepRounding rounding = StepRounding.Floor) => new(@base, per, points, rounding);

    public static LinearRule Linear(decimal points, decimal threshold, LinearMode mode = LinearMode.Proportional, bool capped = true, decimal? extra = null,
        decimal below = 0, ThresholdFallback? fallback = null, decimal? target = null) =>
        new(points, threshold, mode, capped, extra, below, fallback, target, ValueUnit.Number, NoDataPolicy.Full, null);

    public static DeductionClause Per(string name, decimal points) => new(name, ClauseMode.PerOccurrence, points, 0, 0, [], StepRounding.Floor, 1, ValueUnit.Count);
    public static DeductionClause Once(string name, decimal points) => new(name, ClauseMode.Once, points, 0, 0, [], StepRounding.Floor, 1, ValueUnit.Count);
    public static DeductionClause Ranged(string name, decimal min, decimal max) => new(name, ClauseMode.Ranged, 0, min, max, [], StepRounding.Floor, 1, ValueUnit.Count);
    public static DeductionClause AtLeast(string name, decimal points) => new(name, ClauseMode.AtLeast, points, 0, 0, [], StepRounding.Floor, 1, ValueUnit.Count);
    public static DeductionClause Hours(string name, decimal points, StepRounding r) => new(name, ClauseMode.PerQuantity, points, 0, 0, [], r, 1, ValueUnit.Hours);
    public static DeductionClause Table(string name, params (string When, decimal Points)[] rows) =>
        new(name, ClauseMode.Table, 0, 0, 0, [.. rows.Select(r => new DeductionStep(When(r.When), r.Points))], StepRounding.Floor, 1, ValueUnit.Count);

    public static DeductionRule Deduction(decimal start, decimal? floor, params DeductionClause[] clauses) => new(start, [.. clauses], null, floor, null);

    // ---------------------------------------------------------------- schemes

    public static Indicator Ind(string name, Rule rule, decimal? points = null, IndicatorCategory category = IndicatorCategory.Quantitative,
        string[]? raters = null, NotApplicablePolicy na = NotApplicablePolicy.Error, ScoreUnit unit = ScoreUnit.Points, Coefficient[]? coefficients = null) =>
        new(name, category, points, null, null, rule, [.. raters ?? []], [.. coefficients ?? []], null, null, na, unit, false,
            rule is DeductionRule or UnitRule or VetoRule, null, null);

    public static Section Sec(string name, decimal? weight, params Indicator[] indicators) => new(name, weight, null, null, null, [.. indicators]);

    public static Scheme Scheme(params Section[] sections) =>
        new("T", "t", "测试方案", null, SubjectKind.Person, PeriodKind.Month, [.. sections], [], MissingRaterPolicy.Renormalise,
            null, null, null, null, ImmutableDictionary<IndicatorCategory, decimal>.Empty, 0, null, null, null, [], []);

    public static SubjectInput Subject(string name, params (string Indicator, object Value)[] inputs) =>
        new(name, inputs.ToImmutableDictionary(i => i.Indicator, i => Raw(i.Value)), ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty);

    public static SubjectInput WithRater(this SubjectInput s, string role, params (string Indicator, object Value)[] inputs) =>
        s with { Raters = s.Raters.SetItem(role, inputs.ToImmutableDictionary(i => i.Indicator, i => Raw(i.Value))) };

    public static SubjectInput WithExtra(this SubjectInput s, string key, object value) => s with { Extra = s.Extra.SetItem(key, Raw(value)) };

    public static SubjectResult ScoreOne(Scheme scheme, SubjectInput subject)
    {
        var outcome = ScoringEngine.ScoreAll(scheme, [subject]);
        Assert.True(outcome.IsSuccess, string.Join("\n", outcome.Errors));
        return outcome.Results[0];
    }
}
