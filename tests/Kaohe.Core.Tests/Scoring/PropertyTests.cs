using FsCheck.Xunit;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>Invariants that must hold for any numbers, not just the worked examples.</summary>
public sealed class PropertyTests
{
    private static readonly StepRounding[] Roundings = [StepRounding.Floor, StepRounding.Ceiling, StepRounding.ProRata];

    private static string Pct(int basisPoints) => (basisPoints / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    [Property(MaxTest = 400)]
    public bool Baseline_ScoreNeverLeavesFloorAndCap(short valueBp, short baselineBp, bool lowerIsBetter, byte rounding, bool relative)
    {
        var rule = Baseline(lowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter, Roundings[rounding % 3], relative ? DifferenceMode.Relative : DifferenceMode.Points);
        var s = Score(rule, Obj(("value", Pct(valueBp)), ("baseline", Pct(baselineBp))));
        return s >= 0 && s <= 20;
    }

    [Property(MaxTest = 400)]
    public bool Baseline_BetterValueNeverScoresLower(short a, short b, short baselineBp, bool lowerIsBetter, byte rounding)
    {
        var direction = lowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter;
        var rule = Baseline(direction, Roundings[rounding % 3]);
        var (worse, better) = lowerIsBetter ? (Math.Max(a, b), Math.Min(a, b)) : (Math.Min(a, b), Math.Max(a, b));
        var sw = Score(rule, Obj(("value", Pct(worse)), ("baseline", Pct(baselineBp))));
        var sb = Score(rule, Obj(("value", Pct(better)), ("baseline", Pct(baselineBp))));
        return sb >= sw;
    }

    [Property(MaxTest = 300)]
    public bool SalesTaskSteps_MoreCompletionNeverScoresLower(ushort a, ushort b, byte rounding)
    {
        var r = Roundings[rounding % 3];
        var rule = Steps(100, Side(30, 1, 2, r), Side(30, 5, 3, r), 0, null, BandMeasure.RatioToTarget, [new StepGate(new Bound(50, false), 0)], unit: ValueUnit.Money);
        var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
        var s1 = Score(rule, Obj(("value", (int)lo), ("target", 1000)));
        var s2 = Score(rule, Obj(("value", (int)hi), ("target", 1000)));
        return s2 >= s1 && s1 >= 0;
    }

    [Property(MaxTest = 300)]
    public bool Steps_ScoreNeverLeavesFloorAndCap(short valueBp, byte rounding)
    {
        var r = Roundings[rounding % 3];
        var s = Score(Steps(100, Side(20, 5, 2, r), Side(20, 5, 2, r), 0, 25), Pct(valueBp));
        return s >= 0 && s <= 25;
    }

    [Property(MaxTest = 300)]
    public bool Linear_MoreDoneNeverScoresLowerAndStaysInRange(ushort a, ushort b, ushort target, bool rescaled)
    {
        var t = target % 500 + 1;
        var rule = Linear(15, 0.8m, rescaled ? LinearMode.Rescaled : LinearMode.Proportional, fallback: null);
        var (lo, hi) = (Math.Min(a, b) % 1000, Math.Max(a, b) % 1000);
        if (lo > hi) (lo, hi) = (hi, lo);
        var s1 = Score(rule, Obj(("value", lo), ("target", t)));
        var s2 = Score(rule, Obj(("value", hi), ("target", t)));
        return s2 >= s1 && s1 >= 0 && s2 <= 15;
    }

    [Property(MaxTest = 300)]
    public bool Deduction_FloorHolds_AndMoreOffencesNeverScoreHigher(byte a, byte b, byte c)
    {
        var rule = Deduction(10, 0, Per("聊天", 2), Per("离岗", 3), Per("卫生", 3));
        var s = Score(rule, Obj(("聊天", (int)a), ("离岗", (int)b), ("卫生", (int)c)));
        var more = Score(rule, Obj(("聊天", a + 1), ("离岗", (int)b), ("卫生", (int)c)));
        return s is >= 0 and <= 10 && more <= s;
    }

    [Property(MaxTest = 300)]
    public bool Raters_CombineLinearlyByWeight(byte self, byte hr, byte sup)
    {
        var scheme = Scheme(Sec("考核", null, Ind("综合", new ManualRule(0, 255, false, null), 100, raters: ["自评", "人力资源部", "直接上级"]))) with
        { Raters = [new("自评", 0.3m), new("人力资源部", 0.3m), new("直接上级", 0.4m)] };
        var s = Subject("甲").WithRater("自评", ("综合", self.ToString())).WithRater("人力资源部", ("综合", hr.ToString())).WithRater("直接上级", ("综合", sup.ToString()));
        return ScoreOne(scheme, s).Total == 0.3m * self + 0.3m * hr + 0.4m * sup;
    }

    [Property(MaxTest = 300)]
    public bool Sections_CombineLinearlyByWeight(byte perf, byte behaviour, byte w)
    {
        var weight = (w % 101) / 100m;
        var any = new ManualRule(0, 255, false, null);
        var scheme = Scheme(Sec("业绩", weight, Ind("业绩", any, 100)), Sec("行为", 1 - weight, Ind("行为", any, 100)));
        return ScoreOne(scheme, Subject("甲", ("业绩", perf.ToString()), ("行为", behaviour.ToString()))).Total == weight * perf + (1 - weight) * behaviour;
    }

    [Property(MaxTest = 120)]
    public bool WhatIf_ValueFoundReallyReachesTheScore(ushort baselineBp, byte target, bool lowerIsBetter)
    {
        var direction = lowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter;
        var ind = Ind("流失率", Baseline(direction), 20);
        var scheme = Scheme(Sec("定量", null, ind));
        var b = Pct(baselineBp % 5000);
        var subject = Subject("客户部", ("流失率", Obj(("value", b), ("baseline", b))));
        var goal = target % 21;
        var r = WhatIf.Solve(scheme, ind, subject, "value", goal);
        if (r.Value is null) return false;
        var exact = Score(ind.Rule, Obj(("value", r.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%"), ("baseline", b)));
        return exact >= goal && r.Score == exact;
    }

    [Property(MaxTest = 200)]
    public bool ValueParser_FullWidthEqualsHalfWidth(ushort n)
    {
        var half = (n / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
        var full = new string(half.Select(ch => ch switch
        {
            >= '0' and <= '9' => (char)(ch - '0' + '０'),
            '.' => '．',
            '%' => '％',
            _ => ch,
        }).ToArray());
        var a = ValueParser.Parse(new RawScalar(half), ValueUnit.Percent);
        var b = ValueParser.Parse(new RawScalar("  " + full + " "), ValueUnit.Percent);
        return a.Value == b.Value && a.Value == n / 100m;
    }

    [Property(MaxTest = 200)]
    public bool Bands_ScoreIsOneOfTheBandsOrTheGap(short bp)
    {
        var rule = Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0));
        var s = Score(rule, Pct(bp));
        return s is 0 or 10 or 20;
    }

    [Property(MaxTest = 100)]
    public bool Engine_ScoringTwiceGivesTheSameResult(byte a, byte b)
    {
        var scheme = Scheme(Sec("定量", null, Ind("增长率", Baseline(Direction.HigherIsBetter), 20)));
        var s = Subject("甲", ("增长率", Obj(("value", Pct(a * 7)), ("baseline", Pct(b * 5)))));
        var r1 = ScoreOne(scheme, s);
        var r2 = ScoreOne(scheme, s);
        return r1.Total == r2.Total && r1.Indicators[0].Explanation == r2.Indicators[0].Explanation;
    }
}
