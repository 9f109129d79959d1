using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Schemes.Editing;

/// <summary>
/// One box of the trial score (试算) for an indicator: the value itself, or a field of it (基数, 目标, a clause …).
/// <see cref="Path"/> is where the text goes in the input: empty for the value itself, ["基数"] → <c>{ baseline: … }</c>,
/// ["首访成功率"] for a composite part, ["首访成功率", "baseline"] for a field of a part.
/// </summary>
/// <param name="Label">What the box asks for, in Chinese (值, 基数, 目标, 档内评分, a clause's name).</param>
/// <param name="Hint">An example of what to type (优秀、良好, 0–10, 2.5%).</param>
public sealed record TrialField(string Indicator, ImmutableArray<string> Path, string Label, string Hint)
{
    /// <summary>A key for the box, unique within a scheme.</summary>
    public string Key => Path.IsEmpty ? Indicator : Indicator + "[" + string.Join("][", Path) + "]";
}

/// <summary>
/// The inputs of a trial score: which boxes each indicator needs (the same fields <c>kaohe score</c> reads as
/// <c>指标名[字段]</c>), subjects built from what was typed into them, and sample values that score.
/// </summary>
public static class TrialInputs
{
    /// <summary>The boxes of one indicator, in the order a clerk fills them.</summary>
    public static IReadOnlyList<TrialField> Fields(Indicator indicator)
    {
        var list = new List<TrialField>();
        // A single-clause deduction reads a plain value only when the input is not an object (a coefficient makes it one).
        var objectInput = !indicator.Coefficients.IsEmpty;
        Add(list, indicator.Name, [], indicator.Rule, indicator.Points, objectInput);
        foreach (var c in indicator.Coefficients)
            list.Add(new TrialField(indicator.Name, [c.Input], c.Input + "（系数依据）", Example(c.Unit)));
        return list;
    }

    private static void Add(List<TrialField> list, string name, ImmutableArray<string> prefix, Rule rule, decimal? points, bool objectInput)
    {
        void F(string? key, string label, string hint) =>
            list.Add(new TrialField(name, key is null ? prefix : prefix.Add(key), label, hint));
        switch (rule)
        {
            case GradeRule g:
                F(null, g.Multiple == MultipleGrades.Single ? "等级" : "等级（可多项，用、分隔）", string.Join("、", g.Options.Select(o => o.Word)));
                break;
            case RatingRule r: F(null, "评级", $"{Num(r.Min)}–{Num(r.Max)}"); break;
            case ChecklistRule c: F(null, "完成项数", $"0–{c.ElementCount}"); break;
            case ManualRule m: F(null, "得分", $"{Num(m.Min)}–{Num(m.Max)}"); break;
            case VetoRule: F(null, "是否触发", "是 / 否"); break;
            case BaselineRule b:
                F(null, b.Label ?? "本期值", Example(b.Unit));
                if (b.Source != BaselineSource.Constant) F("baseline", "基数", Example(b.Unit));
                break;
            case BandRule b:
                F(null, b.Label ?? "数值", Example(b.Unit));
                if (b.Measure == BandMeasure.RatioToTarget) F("target", "目标", Example(b.Unit));
                if (b.Measure == BandMeasure.DifferenceFromBaseline) F("baseline", "基数", Example(b.Unit));
                if (b.Bands.Any(x => x.Outcome is ChoiceOutcome)) F("score", "档内评分（落在由评分人给分的档时）", "分数");
                break;
            case LinearRule l:
                F(null, l.Label ?? "完成值", Example(l.Unit));
                if (l.Target is null) F("target", "目标", Example(l.Unit));
                if (l.Fallback is { } fb) F(fb.Input, fb.Input, "次数");
                break;
            case AchievementRule a:
                F(null, "实际值", Example(a.Unit));
                F("target", "目标", Example(a.Unit));
                break;
            case UnitRule u:
                if (u.Counters.Length == 1) F(null, u.Counters[0].Name, "次数");
                else foreach (var c in u.Counters) F(c.Name, c.Name, "次数");
                break;
            case DeductionRule d:
                if (d.Clauses.Length == 1 && !objectInput) F(null, d.Clauses[0].Name + "（次数）", ClauseHint(d.Clauses[0]));
                else foreach (var c in d.Clauses) F(c.Name, c.Name, ClauseHint(c));
                break;
            case StepRule s:
                F(null, s.Label ?? "数值", Example(s.Unit));
                if (s.Measure == BandMeasure.RatioToTarget || s.Pivot is null) F("target", "目标", Example(s.Unit));
                if (s.CapWaiver is { } w && s.Cap is not null) F(w.Input, w.Input, "次数");
                break;
            case OffsetRule o:
                F(o.First.Name, o.First.Name, "数量");
                F(o.Second.Name, o.Second.Name, "数量");
                break;
            case FormulaRule f:
                foreach (var i in f.Inputs) F(i.Name, i.Name, Example(i.Unit));
                break;
            case CompositeRule c:
                foreach (var part in c.Parts)
                {
                    var sub = new List<TrialField>();
                    Add(sub, name, [], part.Rule, part.Points, false);
                    foreach (var f in sub)
                        list.Add(f with
                        {
                            Path = prefix.Add(part.Name).AddRange(f.Path),
                            Label = part.Name + (f.Path.IsEmpty ? "" : "·" + f.Label),
                        });
                }
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"rule kind {rule.Kind}");
        }
    }

    private static string ClauseHint(DeductionClause c) => c.Mode switch
    {
        ClauseMode.Ranged => $"每次的扣分，如 {Num(c.Min)}、{Num(c.Max)}",
        ClauseMode.Amount => $"扣分（0–{Num(c.Max)}）",
        ClauseMode.PerQuantity => ValueParser.UnitWord(c.Unit),
        _ => "次数",
    };

    private static string Example(ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => "如 2.5%",
        ValueUnit.Count => "次数",
        ValueUnit.Money => "金额（元）",
        _ => ValueParser.UnitWord(unit),
    };

    /// <summary>Whether the scheme takes the bonus base from each subject (<c>奖金基数</c>).</summary>
    public static bool NeedsPayoutBase(Scheme scheme) => scheme.Payout is { Base: null };

    /// <summary>
    /// A subject from what was typed: <paramref name="values"/> by <see cref="TrialField.Key"/>; empty boxes are left out
    /// (an optional item or a deduction without occurrences), so the engine reports what is missing in its own words.
    /// </summary>
    public static SubjectInput Build(Scheme scheme, string subject, IReadOnlyDictionary<string, string?> values, string? payoutBase)
    {
        var inputs = ImmutableDictionary.CreateBuilder<string, RawInput>();
        foreach (var ind in scheme.Indicators)
        {
            var root = new Node();
            foreach (var f in Fields(ind))
                if (values.TryGetValue(f.Key, out var text) && !string.IsNullOrWhiteSpace(text))
                    root.Set(f.Path, text.Trim());
            if (root.ToRaw() is { } raw) inputs[ind.Name] = raw;
        }
        var extra = ImmutableDictionary<string, RawInput>.Empty;
        if (!string.IsNullOrWhiteSpace(payoutBase)) extra = extra.Add("奖金基数", new RawScalar(payoutBase.Trim()));
        return new SubjectInput(subject, inputs.ToImmutable(), ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, extra);
    }

    /// <summary>Fields of an input object, as the boxes fill them; "value" for the value when there are fields beside it.</summary>
    private sealed class Node
    {
        private string? _value;
        private readonly Dictionary<string, Node> _fields = new(StringComparer.Ordinal);

        public void Set(ImmutableArray<string> path, string text)
        {
            var node = this;
            foreach (var key in path)
            {
                if (!node._fields.TryGetValue(key, out var next)) node._fields[key] = next = new Node();
                node = next;
            }
            node._value = text;
        }

        public RawInput? ToRaw()
        {
            if (_fields.Count == 0) return _value is null ? null : new RawScalar(_value);
            var b = ImmutableDictionary.CreateBuilder<string, RawInput>(StringComparer.Ordinal);
            if (_value is not null) b["value"] = new RawScalar(_value);
            foreach (var (k, n) in _fields)
                if (n.ToRaw() is { } raw) b[k] = raw;
            return new RawObject(b.ToImmutable());
        }
    }

    /// <summary>
    /// Values that score for every indicator of <paramref name="scheme"/>: <paramref name="variant"/> 0 is a good month
    /// (top grades, targets met, no deductions), 1 an ordinary one. The editor fills them in on request; tests score
    /// every template with them.
    /// </summary>
    public static Dictionary<string, string?> SampleValues(Scheme scheme, int variant)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var ind in scheme.Indicators)
        {
            Sample(values, ind.Name, [], ind.Rule, variant, !ind.Coefficients.IsEmpty);
            foreach (var c in ind.Coefficients)
                values[new TrialField(ind.Name, [c.Input], "", "").Key] = BandValue(c.Bands, c.Unit, variant == 0 ? 0 : c.Bands.Length - 1);
        }
        return values;
    }

    /// <summary>A whole sample subject (with a bonus base where the scheme needs one).</summary>
    public static SubjectInput Sample(Scheme scheme, string subject, int variant) =>
        Build(scheme, subject, SampleValues(scheme, variant), NeedsPayoutBase(scheme) ? "3000" : null);

    private static void Sample(Dictionary<string, string?> values, string name, ImmutableArray<string> prefix, Rule rule, int variant, bool objectInput)
    {
        void V(string? key, string text) => values[new TrialField(name, key is null ? prefix : prefix.Add(key), "", "").Key] = text;
        var good = variant == 0;
        switch (rule)
        {
            case GradeRule g:
            {
                var o = good ? g.Options.MaxBy(x => x.Max)! : g.Options[g.Options.Length / 2];
                V(null, o.IsFixed || o.Default is not null ? o.Word : $"{o.Word}:{Exact(o.Min)}");
                break;
            }
            case RatingRule r: V(null, Exact(good ? r.Max : r.Integer ? decimal.Ceiling((r.Min + r.Max) / 2) : (r.Min + r.Max) / 2)); break;
            case ChecklistRule c: V(null, (good ? c.ElementCount : c.ElementCount / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case ManualRule m:
            {
                var v = good ? m.Max : m.Min + (m.Max - m.Min) * 0.8m;
                if (m.ExcludedRange is { } ex && ex.Contains(v) && v != 0) v = m.Max;
                V(null, Exact(v));
                break;
            }
            case VetoRule: V(null, "否"); break;
            case BaselineRule b:
            {
                var baseline = b.Source == BaselineSource.Constant ? b.Constant ?? 0 : 3;
                var better = b.Direction == Direction.HigherIsBetter ? 1 : -1;
                V(null, Unit(baseline + (good ? better : -better) * b.Step, b.Unit));
                if (b.Source != BaselineSource.Constant) V("baseline", Unit(baseline, b.Unit));
                break;
            }
            case BandRule b:
            {
                // A band that gives fixed points, the best first (good) or the last (ordinary).
                var fixedBands = b.Bands.Select((x, i) => (x, i)).Where(p => p.x.Outcome is FixedOutcome).ToList();
                var index = fixedBands.Count == 0 ? 0 : good ? fixedBands.MaxBy(p => ((FixedOutcome)p.x.Outcome).Points).i : fixedBands[^1].i;
                // A ratio is in percent of a target of 100 (whole counts stay whole).
                var unit = b.Measure == BandMeasure.RatioToTarget && b.Unit != ValueUnit.Count ? ValueUnit.Percent : b.Unit;
                var m = b.Bands.IsEmpty ? 0 : Inside(b.Bands[index].Range, unit);
                switch (b.Measure)
                {
                    case BandMeasure.RatioToTarget:
                        V(null, Unit(m, b.Unit));
                        V("target", Unit(100, b.Unit));
                        break;
                    case BandMeasure.DifferenceFromBaseline:
                        V(null, Unit(50 + m, b.Unit));
                        V("baseline", Unit(50, b.Unit));
                        break;
                    default:
                        V(null, Unit(m, b.Unit));
                        break;
                }
                if (!b.Bands.IsEmpty && b.Bands[index].Outcome is ChoiceOutcome c) V("score", Exact(c.Min));
                break;
            }
            case LinearRule l:
            {
                var target = l.Target ?? 100;
                V(null, Unit(good ? target : target * 0.9m, l.Unit));
                if (l.Target is null) V("target", Unit(target, l.Unit));
                if (l.Fallback is { } fb) V(fb.Input, Exact(decimal.Ceiling(fb.AtLeast)));
                break;
            }
            case AchievementRule a:
                V(null, Unit(good ? 100 : 90, a.Unit));
                V("target", Unit(100, a.Unit));
                break;
            case UnitRule u:
                if (u.Counters.Length == 1) V(null, good ? "2" : "1");
                else foreach (var c in u.Counters) V(c.Name, good ? "2" : "1");
                break;
            case DeductionRule d:
                foreach (var c in d.Clauses)
                {
                    var text = good ? "0" : c.Mode switch
                    {
                        ClauseMode.Ranged => Exact(c.Min),
                        ClauseMode.Amount => Exact(Math.Min(1, c.Max)),
                        _ => "1",
                    };
                    if (good && c.Mode == ClauseMode.Ranged) continue;
                    if (d.Clauses.Length == 1 && !objectInput) V(null, text);
                    else V(c.Name, text);
                }
                break;
            case StepRule s:
            {
                var pct = s.Unit == ValueUnit.Percent;
                if (s.Measure == BandMeasure.RatioToTarget)
                {
                    var pivot = s.Pivot ?? 100;
                    V(null, Unit(good ? pivot : pivot * 0.95m, pct ? ValueUnit.Percent : ValueUnit.Number));
                    V("target", Unit(100, pct ? ValueUnit.Percent : ValueUnit.Number));
                }
                else
                {
                    var pivot = s.Pivot ?? 80;
                    V(null, Unit(good ? pivot : pivot - Math.Max(s.Below.StepSize, 1), s.Unit));
                    if (s.Pivot is null) V("target", Unit(pivot, s.Unit));
                }
                if (s.CapWaiver is { } w && s.Cap is not null) V(w.Input, "0");
                break;
            }
            case OffsetRule o:
                V(o.First.Name, Exact(good ? o.First.Quota + 1 : o.First.Quota));
                V(o.Second.Name, Exact(good ? o.Second.Quota : Math.Max(0, o.Second.Quota - o.Ratio)));
                break;
            case FormulaRule f:
                foreach (var i in f.Inputs) V(i.Name, Unit(good ? 2 : 3, i.Unit));
                break;
            case CompositeRule c:
                foreach (var part in c.Parts) Sample(values, name, prefix.Add(part.Name), part.Rule, variant, false);
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"rule kind {rule.Kind}");
        }
    }

    /// <summary>A value inside a band list's band <paramref name="index"/>.</summary>
    private static string BandValue(ImmutableArray<Band> bands, ValueUnit unit, int index) =>
        Unit(bands.IsEmpty ? 0 : Inside(bands[Math.Clamp(index, 0, bands.Length - 1)].Range, unit), unit);

    /// <summary>A round value inside an interval (its closed end, or next to an open one).</summary>
    private static decimal Inside(Interval range, ValueUnit unit)
    {
        var step = unit == ValueUnit.Count ? 1m : 0.5m;
        return (range.Lower, range.Upper) switch
        {
            ({ } lo, { } hi) when lo.Inclusive => lo.Value,
            ({ } lo, { } hi) when hi.Inclusive => hi.Value,
            ({ } lo, { } hi) => unit == ValueUnit.Count && hi.Value - lo.Value > 1 ? lo.Value + 1 : (lo.Value + hi.Value) / 2,
            ({ } lo, null) => lo.Inclusive ? lo.Value : lo.Value + step,
            (null, { } hi) => hi.Inclusive ? hi.Value : hi.Value - step,
            _ => 0,
        };
    }

    /// <summary>A value as typed for its unit: "3%" for percentages (a bare 3 would be ambiguous).</summary>
    private static string Unit(decimal value, ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => Exact(value) + "%",
        ValueUnit.Count => Exact(decimal.Round(Math.Max(0, value))),
        _ => Exact(value),
    };
}
