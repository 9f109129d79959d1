using System.Collections.Immutable;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Rules;

/// <summary>
/// The parameters that live above a single rule (PC coefficients, WS sections, category caps, renormalisation,
/// MR raters, BP payout, GR grades, PC-08 peer average) with fresh numbers computed by hand.
/// </summary>
public sealed class SchemeParameterTests
{
    private static readonly ManualRule Hundred = new(0, 100, false, null);

    // ------------------------------------------------------------ PC-01 coefficient (LN-03 成员收集)

    private static Scheme MemberCollection(LinearMode mode, BandOutcome between) => Scheme(Sec("政企KPI", null,
        Ind("成员收集", Linear(10, 0.8m, mode), 10, coefficients: [new Coefficient("成员真实性", ValueUnit.Percent,
            [B(">=90", 1), new Band(When("[80,90)"), between, null), B("<80", 0)], 0)])));

    [Theory]
    [InlineData("87%", "7.482")]    // base 10 × 215/250 = 8.6; k = v = 0.87 → 7.482
    [InlineData("90%", "8.6")]      // 90%(含) → k = 1
    [InlineData("95%", "8.6")]
    [InlineData("80%", "6.88")]     // 80% is in the band: k = 0.8
    [InlineData("79.99%", "0")]     // < 80% → 0
    [InlineData("0.85", "7.31")]    // a fraction: 8.6 × 0.85
    public void Coefficient_KEqualsAuthenticity(string v, string expected)
    {
        var r = ScoreOne(MemberCollection(LinearMode.Proportional, new ProportionalOutcome(1, 100)), Subject("甲", ("成员收集", Obj(("value", 215), ("target", 250), ("成员真实性", v)))));
        Assert.Equal(D(expected), r.Total);
    }

    [Fact]
    public void Coefficient_Explanation_ShowsBaseCoefficientAndProduct()
    {
        var r = ScoreOne(MemberCollection(LinearMode.Proportional, new ProportionalOutcome(1, 100)), Subject("甲", ("成员收集", Obj(("value", 215), ("target", 250), ("成员真实性", "87%")))));
        var t = r.Indicators[0].Explanation;
        foreach (var part in new[] { "完成 215", "目标 250", "完成率 86%", "10 × 86% = 8.6 分", "成员真实性 87%", "系数按比例：1 × 87% = 0.87", "8.6 × 0.87 = 7.48 分" })
            Assert.True(t.Contains(part, StringComparison.Ordinal), $"expected “{part}” in: {t}");
    }

    [Fact]
    public void Coefficient_LinearKAndRescaledBase()
    {
        // k linear from 80% → 0 to 90% → 1: v = 87% → 0.7; 8.6 × 0.7 = 6.02
        var linearK = ScoreOne(MemberCollection(LinearMode.Proportional, new LinearOutcome(0, 1)), Subject("甲", ("成员收集", Obj(("value", 215), ("target", 250), ("成员真实性", "87%")))));
        Assert.Equal(6.02m, linearK.Total);
        Assert.Contains("8.6 × 0.7 = 6.02 分", linearK.Indicators[0].Explanation);
        // rescaled base: 10 × (0.86 − 0.8)/0.2 = 3; × 0.85 = 2.55
        var rescaled = ScoreOne(MemberCollection(LinearMode.Rescaled, new ProportionalOutcome(1, 100)), Subject("甲", ("成员收集", Obj(("value", 215), ("target", 250), ("成员真实性", "85%")))));
        Assert.Equal(2.55m, rescaled.Total);
    }

    [Fact]
    public void Coefficient_MissingInputIsNamed()
    {
        var outcome = ScoringEngine.ScoreAll(MemberCollection(LinearMode.Proportional, new ProportionalOutcome(1, 100)), [Subject("甲", ("成员收集", Obj(("value", 215), ("target", 250))))]);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("成员真实性"));
    }

    // ------------------------------------------------------------ LV-05 conversion of points to the weight; item limits

    [Theory]
    [InlineData(1, "2.5")]   // 1 × 5 = 5 of 10 → 5 / 10 × 5
    [InlineData(2, "5")]
    [InlineData(0, "0")]
    public void ConvertTo_TemporaryWorkItem(int ticked, string expected)
    {
        var item = Ind("总经理交办的临时工作", new ChecklistRule(["有效完成", "有创新"], 2, 5), 10) with { ConvertTo = 5 };
        var r = ScoreOne(Scheme(Sec("综合", null, item)), Subject("甲", ("总经理交办的临时工作", ticked)));
        Assert.Equal(D(expected), r.Total);
        if (ticked == 1) Assert.Contains("按权重折算：5 / 10 × 5 = 2.5 分", r.Indicators[0].Explanation);
    }

    [Fact]
    public void ItemFloorAndCap_AfterTheRule()
    {
        // UB-09 as an uncapped per-unit rule with an item cap of 10: 7 × 2 = 14 → 10; a deduction item floored at −3
        var capped = Ind("空白市场", new UnitRule([new UnitCounter("空白市场", 2)], 0, null, 0, false, ValueUnit.Count), 10) with { Cap = 10 };
        var floored = Ind("工作态度", Deduction(20, null, Per("聊天", 2)), 20) with { Floor = -3 };
        var r = ScoreOne(Scheme(Sec("开发", null, capped, floored)), Subject("甲", ("空白市场", 7), ("工作态度", 12)));
        Assert.Equal(10m, r.Indicators[0].Score);
        Assert.Equal(-3m, r.Indicators[1].Score);   // 20 − 24 = −4 → −3
        Assert.Equal(7m, r.Total);
    }

    // ------------------------------------------------------------ category caps through section weights

    private static Scheme CappedDeductions(decimal? weight) => Scheme(
        Sec("业绩", weight,
            Ind("业绩得分", Hundred, 100),
            Ind("扣分一", Deduction(0, null, Per("违规", 25)), null, IndicatorCategory.Deduction),
            Ind("扣分二", Deduction(0, null, Per("违规", 15)), null, IndicatorCategory.Deduction)),
        Sec("行为", weight is null ? null : 1 - weight, Ind("行为得分", Hundred, 100))) with
    { CategoryCaps = ImmutableDictionary<IndicatorCategory, decimal>.Empty.Add(IndicatorCategory.Deduction, 30) };

    [Fact]
    public void CategoryCap_InAWeightedSection_GivesBackTheWeightedExcess()
    {
        // 业绩 90 − 25 − 15 = 50, × 80% = 40; 行为 50 × 20% = 10 → 50.
        // Deductions 40 capped at 30: 业绩 90 − 30 = 60 × 80% = 48 → 58. (Giving back the raw 10 gave 60.)
        var r = ScoreOne(CappedDeductions(0.8m), Subject("甲", ("业绩得分", "90"), ("扣分一", 1), ("扣分二", 1), ("行为得分", "50")));
        Assert.Equal(58m, r.Total);
        Assert.Contains("合计扣 40 分，超过上限 30 分", r.TotalExplanation);
    }

    [Fact]
    public void CategoryCap_Unweighted()
    {
        // 90 − 40 + 50 = 100; the excess 10 is given back → 110
        var r = ScoreOne(CappedDeductions(null), Subject("甲", ("业绩得分", "90"), ("扣分一", 1), ("扣分二", 1), ("行为得分", "50")));
        Assert.Equal(110m, r.Total);
        // under the cap nothing changes: 90 − 25 + 50 = 115
        Assert.Equal(115m, ScoreOne(CappedDeductions(null), Subject("甲", ("业绩得分", "90"), ("扣分一", 1), ("行为得分", "50"))).Total);
    }

    // ------------------------------------------------------------ sections: renormalise, scale_to, normalise_to

    [Fact]
    public void Renormalise_OneOfThreeExcluded()
    {
        // 16 + 17 = 33 over 40 of 60 points → 33 × 60/40 = 49.5
        var excl = NoDataPolicy.Exclude;
        var scheme = Scheme(Sec("定量", null,
            Ind("流失率", Baseline(Direction.LowerIsBetter, noData: excl), 20),
            Ind("增长率", Baseline(Direction.HigherIsBetter, noData: excl), 20),
            Ind("满意率", Baseline(Direction.HigherIsBetter, noData: excl), 20)));
        var r = ScoreOne(scheme, Subject("客户部",
            ("流失率", Obj(("value", "0.9%"), ("baseline", "2.4%"))),
            ("增长率", Obj(("value", "98.3%"), ("baseline", "96.3%"))),
            ("满意率", Obj(("value", "无数据"), ("baseline", "96%")))));
        Assert.Equal(49.5m, r.Total);
        Assert.Contains("60/40", r.TotalExplanation);
    }

    [Fact]
    public void Renormalise_DoesNotScaleAddOnDeductionsOrBonuses()
    {
        // 流失率 16 + 增长率 17 = 33 of 40 → × 60/40 = 49.5; the −5 deduction (no points) stays −5 → 44.5
        // (scaling it as well would give (33 − 5) × 1.5 = 42).
        var excl = NoDataPolicy.Exclude;
        var scheme = Scheme(Sec("定量", null,
            Ind("流失率", Baseline(Direction.LowerIsBetter, noData: excl), 20),
            Ind("增长率", Baseline(Direction.HigherIsBetter, noData: excl), 20),
            Ind("满意率", Baseline(Direction.HigherIsBetter, noData: excl), 20),
            Ind("违纪", Deduction(0, null, Per("违纪", 5)), null, IndicatorCategory.Deduction)));
        var input = Subject("客户部",
            ("流失率", Obj(("value", "0.9%"), ("baseline", "2.4%"))),
            ("增长率", Obj(("value", "98.3%"), ("baseline", "96.3%"))),
            ("满意率", Obj(("value", "无数据"), ("baseline", "96%"))),
            ("违纪", 1));
        Assert.Equal(44.5m, ScoreOne(scheme, input).Total);
        // the same inside a weighted section: 业绩 (33 × 60/40 − 5) = 44.5 × 100% = 44.5
        var weighted = scheme with { Sections = [scheme.Sections[0] with { Weight = 1m }] };
        Assert.Equal(44.5m, ScoreOne(weighted, input).Total);
    }

    [Fact]
    public void ScaleTo_SectionOf68PointsOn100()
    {
        // 30 + 21 = 51 of 68 → 51/68 × 100 = 75
        var scheme = Scheme(new Section("月考核", null, 100, null, null, [Ind("甲项", new ManualRule(0, 40, false, null), 40), Ind("乙项", new ManualRule(0, 28, false, null), 28)]));
        Assert.Equal(75m, ScoreOne(scheme, Subject("经理", ("甲项", "30"), ("乙项", "21"))).Total);
    }

    [Theory]
    [InlineData("76", "80")]      // 76 / 95 × 100
    [InlineData("47.5", "50")]
    public void NormaliseTo_95To100(string total, string expected)
    {
        var scheme = Scheme(Sec("全部", null, Ind("合计", new ManualRule(0, 95, false, null), 95))) with { NominalTotal = 95, NormaliseTo = 100 };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("甲", ("合计", total))).Total);
    }

    [Fact]
    public void WeightedSections_FreshNumbers()
    {
        // WS-01: 业绩 77.5 × 0.8 + 行为 45 × 0.2 = 62 + 9 = 71
        var scheme = Scheme(Sec("业绩考核", 0.8m, Ind("业绩", Hundred, 100)), Sec("行为考核", 0.2m, Ind("行为", Hundred, 100)));
        Assert.Equal(71m, ScoreOne(scheme, Subject("甲", ("业绩", "77.5"), ("行为", "45"))).Total);
    }

    // ------------------------------------------------------------ raters (MR)

    [Fact]
    public void Raters_ThreeWeights_FreshNumbers()
    {
        // 95 × 0.3 + 70 × 0.3 + 88 × 0.4 = 28.5 + 21 + 35.2 = 84.7
        var scheme = Scheme(Sec("考核", null, Ind("综合", Hundred, 100, raters: ["自评", "人力资源部", "直接上级"]))) with
        { Raters = [new("自评", 0.3m), new("人力资源部", 0.3m), new("直接上级", 0.4m)] };
        var s = Subject("经理").WithRater("自评", ("综合", "95")).WithRater("人力资源部", ("综合", "70")).WithRater("直接上级", ("综合", "88"));
        var r = ScoreOne(scheme, s);
        Assert.Equal(84.7m, r.Total);
        Assert.Contains("= 84.7 分", r.Indicators[0].Explanation);
        // HR missing, renormalised: (28.5 + 35.2) / 0.7 = 91
        var missing = Subject("经理").WithRater("自评", ("综合", "95")).WithRater("直接上级", ("综合", "88"));
        Assert.Equal(91m, ScoreOne(scheme, missing).Total);
    }

    // ------------------------------------------------------------ payout (BP) and grades (GR)

    [Theory]
    [InlineData("89.99", "2699.7")]   // 3000 / 100 × 89.99
    [InlineData("60", "1800")]
    [InlineData("59.99", "0")]
    [InlineData("90", "3000")]
    [InlineData("100", "3000")]
    public void Payout_Banded_FreshNumbers(string total, string expected)
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", Hundred, 100))) with { Payout = new BandedPayout(3000, 60, 90, 100) };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("甲", ("总分", total))).Payout);
    }

    [Fact]
    public void Payout_Proportional_RoundsMoneyOnlyAtTheEnd()
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", new ManualRule(0, 100, true, null), 100))) with { Payout = new ProportionalPayout(3000, 100, false) };
        // 87.345 / 100 × 3000 = 2620.35
        Assert.Equal(2620.35m, ScoreOne(scheme, Subject("甲", ("总分", "87.345"))).Payout);
        // mean (80 + 85 + 86)/3 = 83.666…; / 100 × 3000 = 2510.00 (rounding the score first would give 83.67 × 30 = 2510.10)
        Assert.Equal(2510m, ScoreOne(scheme, Subject("甲", ("总分", new[] { "80", "85", "86" }))).Payout);
    }

    [Theory]
    [InlineData("85", "10000")]   // k 1.0: 10000 × (0.8 + 0.2)
    [InlineData("90", "10400")]   // k 1.2: 10000 × (0.8 + 0.24)
    [InlineData("59", "8000")]    // below the table: k 0
    [InlineData("60", "9600")]    // k 0.8: 10000 × (0.8 + 0.16)
    public void Payout_CoefficientTable(string kpi, string expected)
    {
        var scheme = Scheme(Sec("KPI", null, Ind("KPI", Hundred, 100))) with
        { Payout = new CoefficientPayout(10000, 0.8m, [new CoefficientBand(90, 1.2m), new CoefficientBand(80, 1.0m), new CoefficientBand(60, 0.8m)]) };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("甲", ("KPI", kpi))).Payout);
    }

    [Theory]
    [InlineData("89.999", "良好")]
    [InlineData("80", "良好")]
    [InlineData("60", "合格")]
    [InlineData("0", "不合格")]
    public void Grades_Boundaries(string total, string grade)
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", Hundred, 100))) with
        { Grades = new GradeScale([new("优秀", 90, true), new("良好", 80, true), new("合格", 60, true), new("不合格", null, true)]) };
        Assert.Equal(grade, ScoreOne(scheme, Subject("甲", ("总分", total))).Grade);
    }

    // ------------------------------------------------------------ PC-08 peer average

    [Fact]
    public void PeerAverage_FreshNumbers()
    {
        // peers 1 − 0.5 × {0, 1, 2} = 1, 0.5, 0 → mean 0.5
        var scheme = Scheme(Sec("走访服务", null, Ind("弱势群体客户帮扶", Deduction(1, 0, Per("不达要求", 0.5m)), 1, na: NotApplicablePolicy.PeerAverage)));
        var outcome = ScoringEngine.ScoreAll(scheme, [
            Subject("甲", ("弱势群体客户帮扶", 0)), Subject("乙", ("弱势群体客户帮扶", 1)), Subject("丙", ("弱势群体客户帮扶", 2)),
            Subject("丁", ("弱势群体客户帮扶", "不适用"))]);
        Assert.True(outcome.IsSuccess, string.Join("\n", outcome.Errors));
        Assert.Equal(0.5m, outcome.Results.Single(r => r.Subject == "丁").Total);
    }

    // ------------------------------------------------------------ mistyped part and counter names are errors

    [Fact]
    public void UnknownCounterOrPartName_IsAnError_NotASilentZero()
    {
        var units = Scheme(Sec("政企KPI", null, Ind("全業務滲透", new UnitRule([new UnitCounter("綜合接入", 3), new UnitCounter("商企", 1.5m)], 0, null, 0, true, ValueUnit.Count), 15, IndicatorCategory.Bonus)));
        var e = ScoringEngine.ScoreAll(units, [Subject("甲", ("全業務滲透", Obj(("綜合接入", 2), ("商企業", 3))))]).Errors;
        Assert.Contains(e, x => x.Message.Contains("商企業") && x.Message.Contains("商企"));
        // the right names score 6 + 4.5
        Assert.Equal(10.5m, ScoreOne(units, Subject("甲", ("全業務滲透", Obj(("綜合接入", 2), ("商企", 3))))).Total);

        CompositeRule composite = new([new("首访成功率", 1, Bands(B(">=70", 1), B("<70", 0))), new("再访成功率", 0.5m, Bands(B(">=20", 0.5m), B("<20", 0)))], null, null);
        var parts = Scheme(Sec("电话回访", null, Ind("电话回访", composite, 1.5m)));
        var pe = ScoringEngine.ScoreAll(parts, [Subject("甲", ("电话回访", Obj(("首访成功率", "72%"), ("再访成功率", "25%"), ("三访成功率", "12%"))))]).Errors;
        Assert.Contains(pe, x => x.Message.Contains("三访成功率"));
        Assert.Equal(1.5m, ScoreOne(parts, Subject("甲", ("电话回访", Obj(("首访成功率", "72%"), ("再访成功率", "25%"))))).Total);
    }
}
