using System.Collections.Immutable;
using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Scoring;

/// <summary>The answer of a what-if question: the input value that reaches a score, verified.</summary>
/// <param name="Value">The value found (percentage points for rates), or null.</param>
/// <param name="Score">The score the value really gives (checked by scoring it).</param>
public sealed record WhatIfResult(decimal? Value, decimal? Score, string Explanation, string? Error);

/// <summary>
/// What-if: for a numeric input of a monotone rule, the least favourable value that still reaches a
/// target score ("what churn rate do I need for 18 points?"). The rule is treated as a black box: the
/// direction is found by sampling, the boundary by bisection with exact decimals, and the answer is
/// rounded to a readable precision only when the rounded value still reaches the score.
/// </summary>
public static class WhatIf
{
    /// <summary>Solves for <paramref name="field"/> ("value", "baseline", "target" or a part/clause name).</summary>
    public static WhatIfResult Solve(Scheme scheme, Indicator indicator, SubjectInput subject, string field, decimal targetScore)
    {
        var unit = UnitOf(indicator.Rule, field);
        var section = new Section("whatif", null, null, null, null, [indicator]);
        var mini = scheme with { Sections = [section], Raters = scheme.Raters };
        var baseInput = subject.Inputs.GetValueOrDefault(indicator.Name);
        var integer = unit == ValueUnit.Count;
        string? lastError = null;

        decimal? Score(decimal x)
        {
            var raw = With(baseInput, field, Literal(x, unit));
            var s = subject with { Inputs = ImmutableDictionary<string, RawInput>.Empty.Add(indicator.Name, raw), Raters = ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty };
            var errors = new List<ScoringError>();
            var r = ScoringEngine.EvaluateIndicators(mini, s, errors);
            if (errors.Count > 0) { lastError = string.Join("；", errors.Select(e => e.Message)); return null; }
            return r[0].Score;
        }

        var (lo, hi) = Range(unit, baseInput);
        const int samples = 64;
        var xs = Enumerable.Range(0, samples + 1).Select(i => lo + (hi - lo) * i / samples).Select(x => integer ? decimal.Round(x) : x).Distinct().ToList();
        var ys = new List<decimal>();
        foreach (var x in xs)
        {
            var y = Score(x);
            if (y is null) return new WhatIfResult(null, null, "", "无法计算：" + lastError);
            ys.Add(y.Value);
        }
        var up = ys[^1] > ys[0];
        var down = ys[^1] < ys[0];
        for (var i = 1; i < ys.Count; i++)
        {
            if (up && ys[i] < ys[i - 1] || down && ys[i] > ys[i - 1])
                return new WhatIfResult(null, null, "", $"“{indicator.Name}”的得分随{field}不单调，无法反推");
        }
        var best = up ? ys[^1] : ys[0];
        if (!up && !down)
            return ys[0] >= targetScore
                ? new WhatIfResult(xs[0], ys[0], $"在 {Show(lo, unit)}–{Show(hi, unit)} 范围内得分恒为 {Num(ys[0])} 分，已达到 {Num(targetScore)} 分", null)
                : new WhatIfResult(null, null, "", $"在 {Show(lo, unit)}–{Show(hi, unit)} 范围内得分恒为 {Num(ys[0])} 分，达不到 {Num(targetScore)} 分");
        if (ys.Max() < targetScore)
            return new WhatIfResult(null, null, "", $"“{indicator.Name}”最高只能得 {Num(ys.Max())} 分（{Show(up ? hi : lo, unit)} 时），达不到 {Num(targetScore)} 分");

        // f is monotone: find the boundary between "below target" and "reaches target".
        decimal bad, good;
        if (up)
        {
            var k = ys.FindIndex(y => y >= targetScore);
            if (k == 0) return new WhatIfResult(xs[0], ys[0], $"在所考察范围的最低值 {Show(xs[0], unit)} 即可得 {Num(ys[0])} 分", null);
            (bad, good) = (xs[k - 1], xs[k]);
        }
        else
        {
            var k = ys.FindLastIndex(y => y >= targetScore);
            if (k == ys.Count - 1) return new WhatIfResult(xs[^1], ys[^1], $"在所考察范围的最高值 {Show(xs[^1], unit)} 仍可得 {Num(ys[^1])} 分", null);
            (bad, good) = (xs[k + 1], xs[k]);
        }
        var eps = integer ? 1m : 0.000001m;
        for (var i = 0; i < 200 && Math.Abs(good - bad) > eps; i++)
        {
            var mid = (good + bad) / 2;
            if (integer) mid = up ? decimal.Floor(mid) : decimal.Ceiling(mid);
            if (mid == good || mid == bad) break;
            var y = Score(mid);
            if (y is null) return new WhatIfResult(null, null, "", "无法计算：" + lastError);
            if (y >= targetScore) good = mid; else bad = mid;
        }
        // Prefer a readable value: the first value with 0, 1, 2 or 4 decimals just past the failing side
        // that still reaches the target and lies within 0.01 of the exact boundary.
        decimal? answer = null;
        foreach (var d in new[] { 0, 1, 2, 4 })
        {
            var unitStep = 1m / (decimal)Math.Pow(10, d);
            var candidate = up ? RoundUp(bad, d) : RoundDown(bad, d);
            if (candidate == bad) candidate = up ? candidate + unitStep : candidate - unitStep;
            if (Math.Abs(candidate - good) > 0.01m) continue;
            if (Score(candidate) is { } cy && cy >= targetScore) { answer = candidate; break; }
        }
        string relation;
        string shown;
        if (answer is { } inclusive)
        {
            relation = up ? "≥" : "≤";
            shown = Show(inclusive, unit);
        }
        else
        {
            // The boundary itself does not reach the score (a strict "超过"): say so, and give a value just past it.
            var boundary = Math.Round(good, 4, MidpointRounding.AwayFromZero);
            var step = integer ? 1m : 0.01m;
            answer = up ? boundary + step : boundary - step;
            if (Score(answer.Value) is not { } ay || ay < targetScore) answer = good;
            relation = up ? ">" : "<";
            shown = $"{Show(boundary, unit)}（例如 {Show(answer.Value, unit)}）";
        }
        var finalScore = Score(answer.Value)!.Value;
        var caveat = !up && answer.Value < 0 && unit is ValueUnit.Percent or ValueUnit.Count
            ? "；注意：这要求数值为负，实际上达不到"
            : "";
        return new WhatIfResult(answer, finalScore,
            $"要使“{indicator.Name}”达到 {Num(targetScore)} 分，{FieldWord(field)}需 {relation} {shown}；验证：{Show(answer.Value, unit)} → {Num(finalScore)} 分（最高可得 {Num(best)} 分）{caveat}", null);
    }

    private static decimal RoundUp(decimal x, int d) => Math.Round(x, d, MidpointRounding.ToPositiveInfinity);
    private static decimal RoundDown(decimal x, int d) => Math.Round(x, d, MidpointRounding.ToNegativeInfinity);

    private static string FieldWord(string field) => field == "value" ? "数值" : InputReader.FieldWord(field);

    private static string Show(decimal x, ValueUnit unit) => unit == ValueUnit.Percent ? Pct(x) : Num(x, 4);

    private static RawScalar Literal(decimal x, ValueUnit unit) =>
        new(unit == ValueUnit.Percent ? x.ToString(CultureInfo.InvariantCulture) + "%" : x.ToString(CultureInfo.InvariantCulture));

    private static RawInput With(RawInput? input, string field, RawScalar value)
    {
        if (input is RawObject o)
        {
            var key = o.Fields.Keys.FirstOrDefault(k => k == field || (field == "value" && k is "值" or "实际" or "实际值" or "完成")) ?? field;
            return new RawObject(o.Fields.SetItem(key, value));
        }
        if (field == "value") return value;
        var fields = ImmutableDictionary<string, RawInput>.Empty.Add(field, value);
        if (input is not null) fields = fields.Add("value", input);
        return new RawObject(fields);
    }

    /// <summary>The unit of a rule's input field.</summary>
    public static ValueUnit UnitOf(Rule rule, string field) => rule switch
    {
        BaselineRule r => r.Unit,
        BandRule r => r.Unit,
        LinearRule r => field == r.Fallback?.Input ? ValueUnit.Count : r.Unit,
        StepRule r => field == r.CapWaiver?.Input ? ValueUnit.Count : r.Unit,
        AchievementRule r => r.Unit,
        UnitRule r => r.Unit,
        FormulaRule r => r.Inputs.FirstOrDefault(i => i.Name == field)?.Unit ?? (r.Inputs.Length == 1 ? r.Inputs[0].Unit : ValueUnit.Number),
        DeductionRule r => r.Clauses.FirstOrDefault(c => c.Name == field)?.Unit ?? ValueUnit.Count,
        OffsetRule => ValueUnit.Count,
        RatingRule or ManualRule => ValueUnit.Points,
        _ => ValueUnit.Number,
    };

    private static (decimal lo, decimal hi) Range(ValueUnit unit, RawInput? input)
    {
        switch (unit)
        {
            case ValueUnit.Percent:
                return (-50, 200);
            case ValueUnit.Count:
                return (0, 1000);
            default:
                // Search up to four times the largest number the subject's input already holds (at least 100).
                decimal magnitude = 100;
                IEnumerable<RawInput> values = input is RawObject o ? o.Fields.Values : input is null ? [] : [input];
                foreach (var v in values.OfType<RawScalar>())
                    if (ValueParser.Parse(v, unit).Value is { } d)
                        magnitude = Math.Max(magnitude, Math.Abs(d) * 4);
                return (0, magnitude);
        }
    }
}
