using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Rules;

/// <summary>The worked examples of RULES.md Appendix B that fall in §1–§16, with their alternatives.</summary>
public sealed class AppendixBTests
{
    // ------------------------------------------------------------ BL-01 (#1–4)

    [Theory]
    [InlineData("3.0%", "3.0%", StepRounding.Floor, DifferenceMode.Points, "15")]
    [InlineData("1.8%", "3.0%", StepRounding.Floor, DifferenceMode.Points, "16")]
    [InlineData("1.8%", "3.0%", StepRounding.ProRata, DifferenceMode.Points, "16.2")]
    [InlineData("1.8%", "3.0%", StepRounding.Floor, DifferenceMode.Relative, "20")]
    [InlineData("5.5%", "3.0%", StepRounding.Floor, DifferenceMode.Points, "13")]
    [InlineData("5.5%", "3.0%", StepRounding.Ceiling, DifferenceMode.Points, "12")]
    [InlineData("5.5%", "3.0%", StepRounding.ProRata, DifferenceMode.Points, "12.5")]
    [InlineData("5.5%", "3.0%", StepRounding.Floor, DifferenceMode.Relative, "0")]
    [InlineData("19.0%", "2.0%", StepRounding.Floor, DifferenceMode.Points, "0")]
    [InlineData("19.0%", "2.0%", StepRounding.ProRata, DifferenceMode.Relative, "0")]
    public void ChurnVsHistoricalLowest_Examples(string churn, string lowest, StepRounding rounding, DifferenceMode mode, string expected)
    {
        var rule = Baseline(Direction.LowerIsBetter, rounding, mode, BaselineSource.HistoricalMin);
        Assert.Equal(D(expected), Score(rule, Obj(("value", churn), ("baseline", lowest))));
    }

    [Fact]
    public void ChurnVsHistoricalLowest_Explanation_SaysWhyAClerkCanCheck()
    {
        var r = Eval(Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMin), Obj(("value", "2.3%"), ("baseline", "1.8%")));
        Assert.Equal(15m, r.Score);
        Assert.Contains("2.3%", r.Explanation);
        Assert.Contains("历史最低 1.8%", r.Explanation);
        Assert.Contains("高于历史最低 0.5 个百分点", r.Explanation);
        Assert.Contains("不足 1 个百分点，不扣分", r.Explanation);
        Assert.EndsWith("15 分", r.Explanation);
    }

    // ------------------------------------------------------------ BL-02 (#5–7)

    [Theory]
    [InlineData("4.5%", "2.0%", StepRounding.Floor, "17")]
    [InlineData("4.5%", "2.0%", StepRounding.ProRata, "17.5")]
    [InlineData("-1.0%", "2.0%", StepRounding.Floor, "12")]
    [InlineData("8.0%", "0.5%", StepRounding.Floor, "20")]
    [InlineData("3.0%", "3.0%", StepRounding.Floor, "15")]
    public void GrowthVsLastMonthEnd_ReadingA(string growth, string last, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, rounding, source: BaselineSource.PreviousPeriod), Obj(("value", growth), ("baseline", last))));

    [Theory]
    [InlineData("4.5%", "19")]
    [InlineData("-1.0%", "14")]
    [InlineData("8.0%", "20")]
    [InlineData("3.0%", "18")]
    public void GrowthVsLastMonthEnd_ReadingBConstantZero(string growth, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, source: BaselineSource.Constant, constant: 0), growth));

    [Theory]
    [InlineData("4.5%", "2.0%", "20")]
    [InlineData("-1.0%", "2.0%", "0")]
    public void GrowthVsLastMonthEnd_ReadingARelative(string growth, string last, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, mode: DifferenceMode.Relative), Obj(("value", growth), ("baseline", last))));

    // ------------------------------------------------------------ BL-03 (#8–10)

    [Theory]
    [InlineData("97%", "95%", StepRounding.Floor, "17")]
    [InlineData("92.5%", "95%", StepRounding.Floor, "13")]
    [InlineData("92.5%", "95%", StepRounding.Ceiling, "12")]
    [InlineData("92.5%", "95%", StepRounding.ProRata, "12.5")]
    [InlineData("100%", "100%", StepRounding.Floor, "15")]
    [InlineData("78%", "95%", StepRounding.Floor, "0")]
    public void ComplaintSatisfactionVsBest(string s, string best, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, rounding, source: BaselineSource.HistoricalMax), Obj(("value", s), ("baseline", best))));

    [Fact]
    public void ComplaintSatisfaction_Relative_92_5vs95_Is13() =>
        Assert.Equal(13m, Score(Baseline(Direction.HigherIsBetter, mode: DifferenceMode.Relative), Obj(("value", "92.5%"), ("baseline", "95%"))));

    [Fact]
    public void Baseline_NoData_ScoresBase15()
    {
        var r = Eval(Baseline(Direction.HigherIsBetter), Obj(("value", "无数据"), ("baseline", "95%")));
        Assert.Equal(15m, r.Score);
        Assert.Contains("无数据", r.Explanation);
    }

    [Fact]
    public void Baseline_NoHistory_BaselineIsCurrentValue() =>
        Assert.Equal(15m, Score(Baseline(Direction.LowerIsBetter), Obj(("value", "4.2%"), ("baseline", "无历史"))));

    // ------------------------------------------------------------ BL-04

    [Theory]
    [InlineData("91%", "85%", 0, "3")]
    [InlineData("91%", "85%", 15, "18")]
    [InlineData("88%", "90%", 0, "0")]
    [InlineData("88%", "90%", 15, "15")]
    public void ExecutionRateVsPreviousPeriod_NoDeduction(string now, string before, int b0, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, @base: b0, up: 0.5m, down: 0, source: BaselineSource.PreviousPeriod), Obj(("value", now), ("baseline", before))));

    // ------------------------------------------------------------ BL-06 binary vs same period last year

    [Theory]
    [InlineData("120", "110", "5")]
    [InlineData("100", "100", "5")]
    [InlineData("95", "100", "0")]
    public void OrphanSalesVsLastYear(string s, string ly, string expected)
    {
        var rule = new BandRule([B(">=0", 5), B("<0", 0)], ValueUnit.Money, BandMeasure.DifferenceFromBaseline, 0, NoDataPolicy.Full, "销售额");
        Assert.Equal(D(expected), Score(rule, Obj(("value", s + "万"), ("baseline", ly + "万"))));
    }

    // ------------------------------------------------------------ ST-01 (#11–13)

    private static StepRule SalesTask(StepRounding r = StepRounding.Floor, decimal? cap = null) =>
        Steps(100, Side(30, 1, 2, r), Side(30, 5, 3, r), 0, cap, BandMeasure.RatioToTarget, [new StepGate(new Bound(50, false), 0)], unit: ValueUnit.Money);

    [Theory]
    [InlineData(100, StepRounding.Floor, "30")]
    [InlineData(87, StepRounding.Floor, "24")]
    [InlineData(87, StepRounding.Ceiling, "21")]
    [InlineData(87, StepRounding.ProRata, "22.2")]
    [InlineData(112, StepRounding.Floor, "54")]
    [InlineData(45, StepRounding.Floor, "0")]
    [InlineData(50, StepRounding.Floor, "0")]
    public void SalesTask_Examples(int actual, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(SalesTask(r), Obj(("value", actual), ("target", 100))));

    [Fact]
    public void SalesTask_112PercentWithTwoNewDealers_Is64_Capped40()
    {
        var composite = new CompositeRule([new RulePart("销售完成", 30, SalesTask()), new RulePart("新客户", null, new UnitRule([new UnitCounter("新客户", 5)], 0, null, 0, false, ValueUnit.Count))], null, null);
        Assert.Equal(64m, Score(composite, Obj(("销售完成", Obj(("value", 112), ("target", 100))), ("新客户", 2))));
        var capped = composite with { Parts = [composite.Parts[0] with { Rule = SalesTask(cap: 30) }, composite.Parts[1]] };
        Assert.Equal(40m, Score(capped, Obj(("销售完成", Obj(("value", 112), ("target", 100))), ("新客户", 2))));
    }

    // ------------------------------------------------------------ ST-02 (#14–15)

    [Theory]
    [InlineData("93%", StepRounding.Floor, "18")]
    [InlineData("93%", StepRounding.Ceiling, "16")]
    [InlineData("93%", StepRounding.ProRata, "17.2")]
    [InlineData("112%", StepRounding.Floor, "24")]
    [InlineData("112%", StepRounding.ProRata, "24.8")]
    [InlineData("130%", StepRounding.Floor, "25")]
    [InlineData("40%", StepRounding.Floor, "0")]
    public void ServicePlanCompletion(string c, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Steps(100, Side(20, 5, 2, r), Side(20, 5, 2, r), 0, 25), c));

    [Fact]
    public void ServicePlanCompletion_Uncapped_130_Is32() =>
        Assert.Equal(32m, Score(Steps(100, Side(20, 5, 2), Side(20, 5, 2), 0, null), "130%"));

    // ------------------------------------------------------------ ST-03, ST-04 (#16–18)

    [Theory]
    [InlineData("92.4%", StepRounding.Floor, "14")]
    [InlineData("92.4%", StepRounding.Ceiling, "13.5")]
    [InlineData("92.4%", StepRounding.ProRata, "13.7")]
    [InlineData("97%", StepRounding.Floor, "17")]
    [InlineData("100%", StepRounding.Floor, "20")]
    public void ForecastAccuracy(string a, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Steps(95, Side(15, 1, 1, r), Side(15, 1, 0.5m, r)), a));

    [Theory]
    [InlineData("92.4%", "14")]    // 2.6 pp below 95 = 2.7368…% of 95 → 2 full steps → 15 − 1
    [InlineData("90%", "12.5")]    // 5 pp = 5.263…% → 5 steps → 15 − 2.5
    [InlineData("97%", "17")]      // 2 pp above = 2.105…% → 2 steps → 15 + 2
    [InlineData("99.75%", "20")]   // 4.75 pp = exactly 5% of 95 → 5 steps → 15 + 5
    public void ForecastAccuracy_RelativeReading(string a, string expected) =>
        Assert.Equal(D(expected), Score(Steps(95, Side(15, 1, 1), Side(15, 1, 0.5m)) with { Difference = DifferenceMode.Relative }, a));

    [Fact]
    public void ForecastAccuracy_CappedAt15_100Is15() =>
        Assert.Equal(15m, Score(Steps(95, Side(15, 1, 1), Side(15, 1, 0.5m), 0, 15), "100%"));

    [Theory]
    [InlineData("99%", StepRounding.Floor, "4")]
    [InlineData("96.5%", StepRounding.Floor, "3")]
    [InlineData("96.5%", StepRounding.Ceiling, "2")]
    [InlineData("96.5%", StepRounding.ProRata, "2.5")]
    [InlineData("93%", StepRounding.Floor, "0")]
    public void VisitSaleSuccess(string a, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Steps(98, Side(4), Side(4, 1, 1, r)), a));

    // ------------------------------------------------------------ ST-08, ST-09, ST-10 (#19–21)

    [Theory]
    [InlineData("94%", StepRounding.Floor, "0.5")]
    [InlineData("93%", StepRounding.Floor, "0.5")]
    [InlineData("92.5%", StepRounding.Floor, "-0.2")]
    [InlineData("92.5%", StepRounding.Ceiling, "-0.3")]
    [InlineData("92.5%", StepRounding.ProRata, "-0.25")]
    [InlineData("92.8%", StepRounding.Floor, "-0.1")]
    [InlineData("92%", StepRounding.Floor, "-0.5")]
    [InlineData("91%", StepRounding.Floor, "-0.5")]
    public void DiamondGoldRecovery_DecimalExact(string r, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Steps(93, Side(0.5m), Side(0, 0.2m, 0.1m, rounding), null, null, gates: [new StepGate(new Bound(92, false), -0.5m)]), r));

    [Theory]
    [InlineData("90%", StepRounding.Floor, "0.5")]
    [InlineData("85%", StepRounding.Floor, "-0.2")]
    [InlineData("85%", StepRounding.Ceiling, "-0.3")]
    [InlineData("85%", StepRounding.ProRata, "-0.25")]
    [InlineData("80%", StepRounding.Floor, "-0.5")]
    [InlineData("79%", StepRounding.Floor, "-0.5")]
    public void GroupProductRecovery(string r, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Steps(90, Side(0.5m), Side(0, 2, 0.1m, rounding), null, null, gates: [new StepGate(new Bound(80, false), -0.5m)]), r));

    [Theory]
    [InlineData("92.5%", "-0.2")]
    [InlineData("95%", "0")]
    [InlineData("80%", "-1.5")]
    public void WarningTimeliness_PerManagerTarget(string actual, string expected) =>
        Assert.Equal(D(expected), Score(Steps(null, Side(0), Side(0, 1, 0.1m), null, null), Obj(("value", actual), ("target", "95%"))));

    // ------------------------------------------------------------ TB (#22–28)

    [Theory]
    [InlineData("92%", "20")]
    [InlineData("90%", "20")]
    [InlineData("87%", "10")]
    [InlineData("82%", "0")]
    [InlineData("79%", "0")]
    public void CompletionBandsWithGap(string r, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0)), r));

    [Fact]
    public void CompletionBandsWithGap_AlternativeGap10()
    {
        var rule = Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0)) with { Gap = 10 };
        var r = Eval(rule, "82%");
        Assert.Equal(10m, r.Score);
        Assert.Contains("规则未规定", r.Explanation);
    }

    [Theory]
    [InlineData(0, 200, "10")]
    [InlineData(6, 200, "5")]
    [InlineData(7, 200, "0")]
    public void InformationErrorRate(int errors, int total, string expected)
    {
        var rule = new BandRule([B("=0", 10), B("(0,3]", 5), B(">3", 0)], ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "错漏率");
        Assert.Equal(D(expected), Score(rule, Obj(("value", errors), ("target", total))));
    }

    [Theory]
    [InlineData("80%", "3")]
    [InlineData("79.9%", "2.5")]
    [InlineData("40%", "1.5")]
    [InlineData("9.9%", "0")]
    [InlineData("10%", "1")]
    public void RegularPremiumBands(string a, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=80", 3), B("[60,80)", 2.5m), B("[40,60)", 1.5m), B("[10,40)", 1), B("<10", 0)), a));

    [Theory]
    [InlineData("72%", "18%", "12%", "1.5")]
    [InlineData("70%", "20%", "10%", "2")]
    [InlineData("69%", "25%", "5%", "0.5")]
    public void PhoneFollowUps_ThreeSeparateParts(string first, string second, string third, string expected)
    {
        CompositeRule rule = new([
            new("首访成功率", 1, Bands(B(">=70", 1), B("<70", 0))),
            new("再访成功率", 0.5m, Bands(B(">=20", 0.5m), B("<20", 0))),
            new("三访成功率", 0.5m, Bands(B(">=10", 0.5m), B("<10", 0))),
        ], null, null);
        Assert.Equal(D(expected), Score(rule, Obj(("首访成功率", first), ("再访成功率", second), ("三访成功率", third))));
    }

    [Theory]
    [InlineData("93%", "10")]
    [InlineData("90%", "0")]
    [InlineData("85%", "0")]
    public void CustomerSatisfactionAllOrNothing(string r, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">90", 10), B("<90", 0)), r));

    [Theory]
    [InlineData(1, "0")]
    [InlineData(2, "-1")]
    [InlineData(3, "-5")]
    [InlineData(6, "-5")]
    public void LateArrivalSteps(int lates, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(0, null, Table("迟到", ("=2", 1), (">=3", 5))), lates));

    [Theory]
    [InlineData(0, "2")]
    [InlineData(2, "1")]
    [InlineData(3, "0.5")]
    [InlineData(4, "0")]
    public void QuarterlyAttendance(int lates, string expected)
    {
        var rule = new BandRule([new Band(When("[0,3]"), new LinearOutcome(2, 0.5m), "2 − 0.5 × 次数"), B(">3", 0)], ValueUnit.Count, BandMeasure.Value, 0, NoDataPolicy.Full, "迟到次数");
        Assert.Equal(D(expected), Score(rule, lates));
    }

    // ------------------------------------------------------------ LN (#29–40)

    [Theory]
    [InlineData(3, "20")]
    [InlineData(1, "10")]
    [InlineData(2, "15")]
    public void UnifiedPaymentFamilies_TargetOne(int families, string expected) =>
        Assert.Equal(D(expected), Score(Linear(10, 0, extra: 5), Obj(("value", families), ("target", 1))));

    [Fact]
    public void UnifiedPaymentFamilies_TargetTwoOneDone_Is5() =>
        Assert.Equal(5m, Score(Linear(10, 0, extra: 5), Obj(("value", 1), ("target", 2))));

    [Fact]
    public void UnifiedPaymentFamilies_ProRataPrepayment_2_5_Is17_5() =>
        Assert.Equal(17.5m, Score(Linear(10, 0, extra: 5), Obj(("value", "2.5"), ("target", 1))));

    [Theory]
    [InlineData(62, LinearMode.Proportional, "12.74")]
    [InlineData(62, LinearMode.Rescaled, "3.70")]
    [InlineData(80, LinearMode.Proportional, "15")]
    public void GroupBuilding(int built, LinearMode mode, string expected) =>
        Assert.Equal(D(expected), Math.Round(Score(Linear(15, 0.8m, mode, fallback: new("当月组建数", 15, 10)), Obj(("value", built), ("target", 73), ("当月组建数", 3))), 2));

    [Theory]
    [InlineData(15, "10")]
    [InlineData(14, "0")]
    public void GroupBuilding_FallbackBelow80Percent(int thisMonth, string expected) =>
        Assert.Equal(D(expected), Score(Linear(15, 0.8m, fallback: new("当月组建数", 15, 10)), Obj(("value", 50), ("target", 73), ("当月组建数", thisMonth))));

    [Theory]
    [InlineData(12, LinearMode.Proportional, "2.86")]
    [InlineData(12, LinearMode.Rescaled, "1.43")]
    [InlineData(8, LinearMode.Proportional, "0")]
    [InlineData(25, LinearMode.Proportional, "5")]
    [InlineData(9, LinearMode.Proportional, "2.14")]
    [InlineData(9, LinearMode.Rescaled, "0.24")]
    public void StockContracts(int count, LinearMode mode, string expected) =>
        Assert.Equal(D(expected), Math.Round(Score(Linear(5, 0.4m, mode), Obj(("value", count), ("target", 21))), 2));

    [Theory]
    [InlineData(300, true, "4.42")]
    [InlineData(400, true, "5")]
    [InlineData(400, false, "5.90")]
    [InlineData(-5, true, "0")]
    public void WorkPhoneArrivals(int net, bool capped, string expected) =>
        Assert.Equal(D(expected), Math.Round(Score(Linear(5, 0, capped: capped), Obj(("value", net), ("target", 339))), 2));

    private static StepRule CardSwap(decimal threshold) =>
        Steps(threshold, Side(0, 1, 0.5m), Side(-5), null, 5, waiver: new CapWaiver("目标用户数", 100));

    [Theory]
    [InlineData("35%", 80, "-5")]
    [InlineData("46.4%", 80, "3")]
    [InlineData("58%", 80, "5")]
    [InlineData("58%", 120, "9")]
    [InlineData("40%", 80, "0")]
    public void CardSwapShare(string r, int users, string expected) =>
        Assert.Equal(D(expected), Score(CardSwap(40), Obj(("value", r), ("目标用户数", users))));

    [Theory]
    [InlineData("29%", 80, "-5")]
    [InlineData("34%", 80, "2")]
    [InlineData("40%", 80, "5")]
    [InlineData("45%", 80, "5")]
    [InlineData("45%", 150, "7.5")]
    public void PlanSwapShare(string r, int users, string expected) =>
        Assert.Equal(D(expected), Score(CardSwap(30), Obj(("value", r), ("目标用户数", users))));

    private static BandRule TwoSided(decimal full, decimal linearFrom, decimal penaltyBelow, decimal points) => Bands(
        B($">={full}", points),
        new Band(When($"[{linearFrom},{full})"), new LinearOutcome(0, points), null),
        B($"<{penaltyBelow}", -1));

    [Theory]
    [InlineData("82%", "3")]
    [InlineData("79.5%", "1.5")]
    [InlineData("74%", "0")]
    [InlineData("69%", "-1")]
    public void GroupSatisfaction(string s, string expected) => Assert.Equal(D(expected), Score(TwoSided(81, 78, 70, 3), s));

    [Fact]
    public void GroupSatisfaction_Proportional_79_5_Is2_94()
    {
        var rule = Bands(B(">=81", 3), new Band(When("[78,81)"), new ProportionalOutcome(3, 81), null), B("<70", -1));
        Assert.Equal(2.94m, Math.Round(Score(rule, "79.5%"), 2));
    }

    [Theory]
    [InlineData("96%", "2")]
    [InlineData("90%", "1.0")]
    [InlineData("80%", "0")]
    [InlineData("74%", "-1")]
    public void GoldReportingRate(string r, string expected) => Assert.Equal(D(expected), Score(TwoSided(95, 85, 75, 2), r));

    [Theory]
    [InlineData(90, "414")]
    [InlineData(79, "0")]
    [InlineData(115, "460")]
    public void AssistantSalesBonus(int m, string expected) =>
        Assert.Equal(D(expected), Score(Linear(460, 0.8m), Obj(("value", m), ("target", 100))));

    // ------------------------------------------------------------ UB (#41–43)

    [Theory]
    [InlineData(1, "3")]
    [InlineData(3, "9")]
    [InlineData(-1, "0")]
    public void GroupProductPenetration(int n, string expected) =>
        Assert.Equal(D(expected), Score(new UnitRule([new UnitCounter("净增", 3)], 0, null, 0, true, ValueUnit.Count), n));

    [Theory]
    [InlineData(2, 3, "10.5")]
    [InlineData(5, 2, "18")]
    [InlineData(0, 0, "0")]
    public void FullServicePenetration(int access, int business, string expected) =>
        Assert.Equal(D(expected), Score(new UnitRule([new UnitCounter("综合接入", 3), new UnitCounter("商企", 1.5m)], 0, null, 0, true, ValueUnit.Count), Obj(("综合接入", access), ("商企", business))));

    [Theory]
    [InlineData(3, "6")]
    [InlineData(7, "14")]
    [InlineData(9, "15")]
    public void NewCustomers_CappedAtWeight(int n, string expected) =>
        Assert.Equal(D(expected), Score(new UnitRule([new UnitCounter("新客户", 2)], 0, 15, 0, false, ValueUnit.Count), n));

    [Fact]
    public void HighValueReturn_BonusesAndIdlePenalties() =>
        Assert.Equal(5m, Score(new UnitRule([new UnitCounter("回流成功集团", 5), new UnitCounter("连续两周无进度", -5)], 0, null, null, false, ValueUnit.Count), Obj(("回流成功集团", 2), ("连续两周无进度", 1))));

    // ------------------------------------------------------------ DD (#44–49)

    private static DeductionRule Attendance => Deduction(10, 0,
        Per("请假迟到早退", 1), Per("旷工", 5), Per("请假未经批准", 2), AtLeast("请假3天(含3天)以上", 10));

    [Fact]
    public void AttendanceManagement_AbsenteeismAndUnapprovedLeave_Is2() =>
        Assert.Equal(2m, Score(Attendance, Obj(("旷工", 1), ("请假未经批准", 1), ("请假迟到早退", 1))));

    [Fact]
    public void AttendanceManagement_TwoLatesOneLeave_Is7() => Assert.Equal(7m, Score(Attendance, Obj(("请假迟到早退", 3))));

    [Fact]
    public void AttendanceManagement_FourDayLeave_Is0() => Assert.Equal(0m, Score(Attendance, Obj(("请假迟到早退", 1), ("请假3天(含3天)以上", 1))));

    [Fact]
    public void MarketAttendance_NegativeAllowed_IsMinus3()
    {
        var rule = Deduction(10, null, Per("缺勤天数", 2), Table("迟到", ("=2", 1), (">=3", 5)));
        Assert.Equal(-3m, Score(rule, Obj(("缺勤天数", 4), ("迟到", 3))));
        Assert.Equal(0m, Score(rule with { Floor = 0 }, Obj(("缺勤天数", 4), ("迟到", 3))));
    }

    [Fact]
    public void MarketWork_RangedDeductionsChosenPerOccurrence()
    {
        var rule = Deduction(30, null, Per("客户或公司人员投诉", 5), Ranged("开单错误", 1, 5));
        Assert.Equal(17m, Score(rule, Obj(("客户或公司人员投诉", 2), ("开单错误", "3"))));
        Assert.Equal(12m, Score(rule, Obj(("客户或公司人员投诉", 2), ("开单错误", "3、5"))));
        var errors = EvalErrors(rule, Obj(("开单错误", "6")));
        Assert.Contains("1–5", errors[0].Message);
    }

    [Fact]
    public void ComplaintHandlingCategory_CappedAt20()
    {
        var rule = new DeductionRule(0, [Once("处理不及时", 10), Once("处理差", 10), Once("弄虚作假", 20)], 20, null, null);
        Assert.Equal(-20m, Score(rule, Obj(("处理不及时", 1), ("处理差", 1), ("弄虚作假", 1))));
        Assert.Equal(-40m, Score(rule with { MaxDeduction = null }, Obj(("处理不及时", 1), ("处理差", 1), ("弄虚作假", 1))));
    }

    [Theory]
    [InlineData(0, 0, "20")]
    [InlineData(1, 1, "5")]
    [InlineData(2, 0, "0")]
    [InlineData(0, 3, "5")]
    public void WeeklyReport(int missing, int failed, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(20, 0, Per("少做", 10), Per("未通过", 5)), Obj(("少做", missing), ("未通过", failed))));

    [Theory]
    [InlineData("1.5", StepRounding.Ceiling, "0")]
    [InlineData("1.5", StepRounding.Floor, "5")]
    [InlineData("1.5", StepRounding.ProRata, "2.5")]
    [InlineData("0", StepRounding.Ceiling, "10")]
    public void ProblemSpeed_HoursOver(string hours, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(10, 0, Hours("超时小时", 5, r)), hours));

    [Theory]
    [InlineData(3, null, "0.4")]
    [InlineData(6, null, "0")]
    public void OperationErrors(int errors, string? _, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(1, 0, Per("差错件", 0.2m)), errors));

    [Fact]
    public void OperationErrors_NegativeReading_Minus0_2() =>
        Assert.Equal(-0.2m, Score(Deduction(1, null, Per("差错件", 0.2m)), 6));

    [Fact]
    public void KeyCustomerLossAndRecovery_RecoveryAdds()
    {
        var rule = new DeductionRule(30, [Per("流失大客户", 10), Per("挽回大客户", -5), Per("销售额下降20%", 5), Per("未按合同回款", 5)], null, null, null);
        Assert.Equal(25m, Score(rule, Obj(("流失大客户", 1), ("挽回大客户", 1))));
        Assert.Equal(-5m, Score(rule, Obj(("流失大客户", 2), ("未按合同回款", 2), ("销售额下降20%", 1))));
    }

    // ------------------------------------------------------------ AC-01 (#50)

    [Fact]
    public void CarDealerKpi_BusinessSectionAndOverall()
    {
        var rule = new AchievementRule(20, 1.2m, Direction.HigherIsBetter, ValueUnit.Number, NoDataPolicy.Full);
        var business = new (int a, int x)[] { (50, 55), (10, 6), (20, 30), (30, 27), (10, 10) };
        var s = business.Sum(b => Score(rule, Obj(("value", b.x), ("target", b.a))));
        Assert.Equal(96.0m, s);
        var uncapped = business.Sum(b => Score(rule with { CapRatio = null }, Obj(("value", b.x), ("target", b.a))));
        Assert.Equal(102.0m, uncapped);

        var sat = Score(rule with { Points = 30 }, Obj(("value", 92), ("target", 90)))
            + Score(rule with { Points = 10 }, Obj(("value", 85), ("target", 90)))
            + Score(rule with { Points = 30, Unit = ValueUnit.Percent }, Obj(("value", "96%"), ("target", "100%")))
            + Score(rule with { Points = 30, Unit = ValueUnit.Percent }, Obj(("value", "100%"), ("target", "100%")));
        Assert.Equal(98.91m, Math.Round(sat, 2));
        Assert.Equal(93.57m, Math.Round(0.4m * s + 0.3m * sat + 0.3m * 85, 2));
    }

    // ------------------------------------------------------------ OF-01 (#51–52)

    private static OffsetRule Water(decimal rho) =>
        new(new OffsetQuantity("清洗饮水机", 100, 4, "台"), new OffsetQuantity("送水", 1000, 2, "桶"), rho, 1840, true);

    [Theory]
    [InlineData(120, 1100, 2, "2120")]
    [InlineData(90, 1100, 2, "2000")]
    [InlineData(90, 1100, 10, "1840")]
    [InlineData(80, 1020, 2, "40")]
    [InlineData(80, 1020, 10, "40")]
    [InlineData(130, 950, 2, "1860")]
    [InlineData(130, 950, 10, "1940")]
    [InlineData(100, 1000, 2, "1840")]
    public void MachineCleaningVsWaterDelivery(int machines, int buckets, int rho, string expected) =>
        Assert.Equal(D(expected), Score(Water(rho), Obj(("清洗饮水机", machines), ("送水", buckets))));

    [Fact]
    public void MachineCleaning_VoidingReading_FailedItemPaysNothing() =>
        Assert.Equal(0m, Score(Water(2) with { ExtrasWhenFailed = false }, Obj(("清洗饮水机", 80), ("送水", 1020))));

    // ------------------------------------------------------------ QR / LV

    private static GradeRule Grades(params (string w, decimal p)[] options) =>
        new([.. options.Select(o => new GradeOption(o.w, o.p, o.p, null, []))], MultipleGrades.Single);

    [Fact]
    public void QualitativeGrades_QR01_Example1_Is21()
    {
        var rule = Grades(("优秀", 5), ("良好", 3), ("一般", 1), ("差", 0));
        var words = new[] { "优秀", "良好", "良好", "一般", "差", "优秀", "良好", "一般" };
        Assert.Equal(21m, words.Sum(w => Score(rule, w)));
    }

    [Fact]
    public void QualitativeGrades_UnknownWord_ErrorListsAllowedWords()
    {
        var errors = EvalErrors(Grades(("优秀", 5), ("良好", 3)), "很好");
        Assert.Contains("很好", errors[0].Message);
        Assert.Contains("优秀(5)", errors[0].Message);
    }

    [Theory]
    [InlineData("优", "10")]
    [InlineData("中", "7")]
    [InlineData("良", "8.5")]
    [InlineData("良:9", "9")]
    [InlineData("差", "2.5")]
    public void SelfEvaluationFiveGrades(string input, string expected)
    {
        var rule = new GradeRule([
            new("优", 10, 10, null, []), new("良", 8, 9, 8.5m, []), new("中", 7, 7, null, []), new("可", 6, 6, null, []), new("差", 0, 5, 2.5m, [])], MultipleGrades.Single);
        Assert.Equal(D(expected), Score(rule, input));
    }

    [Theory]
    [InlineData(new[] { "省级" }, MultipleGrades.Sum, "5")]
    [InlineData(new[] { "市级", "省级" }, MultipleGrades.Sum, "8")]
    [InlineData(new[] { "市级", "省级" }, MultipleGrades.Max, "5")]
    [InlineData(new[] { "县级" }, MultipleGrades.Sum, "0")]
    public void Commendations(string[] levels, MultipleGrades multiple, string expected) =>
        Assert.Equal(D(expected), Score(new GradeRule([new("省级", 5, 5, null, []), new("市级", 3, 3, null, []), new("县级", 0, 0, null, [])], multiple), levels));

    [Theory]
    [InlineData(new[] { 3, 4, 2, 5 }, "70")]
    [InlineData(new[] { 1, 1, 1, 1 }, "20")]
    [InlineData(new[] { 5, 5, 5, 5 }, "100")]
    public void BehaviourLevels(int[] levels, string expected) =>
        Assert.Equal(D(expected), levels.Sum(l => Score(new RatingRule(1, 5, true, RatingMapping.Proportional), l, 25)));

    [Theory]
    [InlineData(RatingMapping.Proportional, "80")]
    [InlineData(RatingMapping.Raw, "52")]
    [InlineData(RatingMapping.ZeroBased, "75")]
    public void ServiceManagerRatings_AllFours(RatingMapping mapping, string expected)
    {
        decimal[] points = [10, 10, 10, 10, 10, 10, 10, 5, 5, 5, 5, 5, 5];
        Assert.Equal(D(expected), points.Sum(p => Score(new RatingRule(1, 5, true, mapping), 4, p)));
    }

    [Fact]
    public void Rating_OutOfScale_Rejected() => Assert.Contains("1–5", EvalErrors(new RatingRule(1, 5, true, RatingMapping.Proportional), 6, 10)[0].Message);

    [Theory]
    [InlineData(3, "7.5")]
    [InlineData(4, "10")]
    public void Checklist_PromotionEvent(int ticked, string expected) =>
        Assert.Equal(D(expected), Score(new ChecklistRule(["活动主题", "组织有序", "完成", "有竞争对手"], 4, 2.5m), ticked));

    [Fact]
    public void Checklist_ByElementNames() =>
        Assert.Equal(5m, Score(new ChecklistRule(["活动主题", "组织有序", "完成", "有竞争对手"], 4, 2.5m), new[] { "活动主题", "完成" }));

    [Theory]
    [InlineData("85%", "10")]
    [InlineData("73%", "9")]
    public void PlanExecutionRubric_FixedBands(string r, string expected) =>
        Assert.Equal(D(expected), Score(PlanRubric, r));

    private static BandRule PlanRubric => new([
        B(">=80", 10), B("[70,80)", 9),
        new Band(When("(60,70)"), new ChoiceOutcome(6, 8), null),
        new Band(When("<=60"), new ChoiceOutcome(1, 5), null)], ValueUnit.Percent, BandMeasure.Value, 0, NoDataPolicy.Full, "完成率");

    [Fact]
    public void PlanExecutionRubric_ChoiceBandNeedsRaterValueWithinBand()
    {
        Assert.Equal(7m, Score(PlanRubric, Obj(("value", "65%"), ("score", 7))));
        Assert.Contains("6–8", EvalErrors(PlanRubric, "65%")[0].Message);
        Assert.Contains("6–8", EvalErrors(PlanRubric, Obj(("value", "65%"), ("score", 9)))[0].Message);
    }

    [Theory]
    [InlineData("7.5", "7.5")]
    [InlineData("0", "0")]
    public void Manual_WithinRange(string v, string expected) => Assert.Equal(D(expected), Score(new ManualRule(0, 10, false, null), v));

    [Fact]
    public void Manual_OutOfRange_Rejected() => Assert.NotEmpty(EvalErrors(new ManualRule(0, 10, false, null), "11"));

    [Fact]
    public void Manual_DiscretionaryExcludesSmallNonZero()
    {
        var rule = new ManualRule(-100, 100, false, When("(-1,1)"));
        Assert.Equal(10m, Score(rule, "10"));
        Assert.Equal(0m, Score(rule, "0"));
        Assert.NotEmpty(EvalErrors(rule, "0.5"));
    }
}
