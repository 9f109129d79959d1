using System.Collections.Immutable;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>Scheme-level rules: sections (WS), raters (MR), payout (BP), grades (GR), ranking (RK), gates (PC), veto, caps.</summary>
public sealed class SchemeScoringTests
{
    private static readonly ManualRule Hundred = new(0, 100, false, null);

    [Theory]
    [InlineData("85", "70", "82")]
    [InlineData("100", "20", "84")]
    [InlineData("60", "100", "68")]
    public void WeightedSections_PerformanceAndBehaviour(string performance, string behaviour, string expected)
    {
        var scheme = Scheme(Sec("业绩考核", 0.8m, Ind("业绩", Hundred, 100)), Sec("行为考核", 0.2m, Ind("行为", Hundred, 100)));
        var r = ScoreOne(scheme, Subject("甲", ("业绩", performance), ("行为", behaviour)));
        Assert.Equal(D(expected), r.Total);
        Assert.Contains("× 80%", r.TotalExplanation);
    }

    [Fact]
    public void WeightedSections_StoreDailyQuarterlyAnnual_MeansThenWeights()
    {
        var mean = new ManualRule(0, 100, true, null);
        var scheme = Scheme(Sec("日常", 0.4m, Ind("日常考核", mean, 100)), Sec("季度", 0.3m, Ind("季度考核", mean, 100)), Sec("年度", 0.3m, Ind("年度考核", Hundred, 100)));
        Assert.Equal(85.5m, ScoreOne(scheme, Subject("店长", ("日常考核", "90"), ("季度考核", "80"), ("年度考核", "85"))).Total);
        var r = ScoreOne(scheme, Subject("店长", ("日常考核", "78.25"), ("季度考核", new[] { "80", "82", "79", "83" }), ("年度考核", "80")));
        Assert.Equal(79.6m, r.Total);
    }

    private static Scheme ThreeRaters(MissingRaterPolicy policy) => Scheme(Sec("考核", null, Ind("综合", Hundred, 100, raters: ["自评", "人力资源部", "直接上级"]))) with
    {
        Raters = [new("自评", 0.3m), new("人力资源部", 0.3m), new("直接上级", 0.4m)],
        MissingRater = policy,
    };

    [Theory]
    [InlineData("90", "80", "85", "85")]
    [InlineData("100", "60", "70", "76")]
    public void ThreeRaters_WeightedSum(string self, string hr, string sup, string expected)
    {
        var s = Subject("经理").WithRater("自评", ("综合", self)).WithRater("人力资源部", ("综合", hr)).WithRater("直接上级", ("综合", sup));
        Assert.Equal(D(expected), ScoreOne(ThreeRaters(MissingRaterPolicy.Renormalise), s).Total);
    }

    [Fact]
    public void ThreeRaters_SelfMissing_RenormalisedOrZero()
    {
        var s = Subject("经理").WithRater("人力资源部", ("综合", "80")).WithRater("直接上级", ("综合", "85"));
        var renormalised = ScoreOne(ThreeRaters(MissingRaterPolicy.Renormalise), s);
        Assert.Equal(82.86m, Math.Round(renormalised.Total, 2));
        Assert.Contains("自评未评分", renormalised.Indicators[0].Explanation);
        Assert.Equal(58m, ScoreOne(ThreeRaters(MissingRaterPolicy.CountAsZero), s).Total);
        var errors = ScoringEngine.ScoreAll(ThreeRaters(MissingRaterPolicy.Error), [s]).Errors;
        Assert.Contains(errors, e => e.Message.Contains("自评"));
    }

    [Theory]
    [InlineData("8.5", "9", "8.85")]
    [InlineData("10", "6", "7.2")]
    public void SelfAndSupervisor_30_70(string self, string sup, string expected)
    {
        var scheme = Scheme(Sec("岗位标兵", null, Ind("合计", new ManualRule(0, 10, false, null), 10, raters: ["自评", "直接上级"]))) with
        { Raters = [new("自评", 0.3m), new("直接上级", 0.7m)] };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("客户经理").WithRater("自评", ("合计", self)).WithRater("直接上级", ("合计", sup))).Total);
    }

    [Theory]
    [InlineData("90", "80", "70", "82")]
    [InlineData("100", "100", "60", "88")]
    public void KeyAccountKpi_50_20_30(string dm, string sm, string sd, string expected)
    {
        var scheme = Scheme(Sec("KPI", null, Ind("KPI", Hundred, 100, raters: ["部门经理", "销售管理", "销售总监"]))) with
        { Raters = [new("部门经理", 0.5m), new("销售管理", 0.2m), new("销售总监", 0.3m)] };
        var s = Subject("客户经理").WithRater("部门经理", ("KPI", dm)).WithRater("销售管理", ("KPI", sm)).WithRater("销售总监", ("KPI", sd));
        Assert.Equal(D(expected), ScoreOne(scheme, s).Total);
    }

    [Fact]
    public void InformationalRater_DoesNotCount()
    {
        var scheme = Scheme(Sec("考核", null, Ind("实得", Hundred, 100, raters: ["自评", "主管评"]))) with { Raters = [new("自评", 0), new("主管评", 1)] };
        var r = ScoreOne(scheme, Subject("客服经理").WithRater("自评", ("实得", "92")).WithRater("主管评", ("实得", "84")));
        Assert.Equal(84m, r.Total);
        Assert.Contains("仅供参考", r.Indicators[0].Explanation);
    }

    [Fact]
    public void Raters_UnknownRoleAndWrongIndicator_AreErrors()
    {
        var s = Subject("经理").WithRater("总经理", ("综合", "90"));
        var errors = ScoringEngine.ScoreAll(ThreeRaters(MissingRaterPolicy.Renormalise), [s]).Errors;
        Assert.Contains(errors, e => e.Value == "总经理" && e.Message.Contains("未知的评分人"));
    }

    [Fact]
    public void Raters_SharedInputBesideRaterInputs_IsAnErrorNotSilentlyDropped()
    {
        var s = Subject("经理", ("综合", "70")).WithRater("直接上级", ("综合", "90"));
        var errors = ScoringEngine.ScoreAll(ThreeRaters(MissingRaterPolicy.Renormalise), [s]).Errors;
        Assert.Contains(errors, e => e.Indicator == "综合" && e.Message.Contains("只填一处"));
    }

    // ------------------------------------------------------------ payout

    [Theory]
    [InlineData("92", "2760")]
    [InlineData("105", "3150")]
    [InlineData("-5", "0")]
    public void Payout_Proportional(string total, string expected)
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", new ManualRule(-100, 200, false, null), 100))) with { Payout = new ProportionalPayout(3000, 100, false) };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("大客户经理", ("总分", total))).Payout);
    }

    [Fact]
    public void Payout_Proportional_CappedAtBase() =>
        Assert.Equal(3000m, ScoreOne(Scheme(Sec("考核", null, Ind("总分", new ManualRule(0, 200, false, null), 100))) with { Payout = new ProportionalPayout(3000, 100, true) }, Subject("甲", ("总分", "105"))).Payout);

    [Theory]
    [InlineData("59", "0")]
    [InlineData("60", "1800")]
    [InlineData("89.5", "2685")]
    [InlineData("90", "3000")]
    [InlineData("96", "3000")]
    public void Payout_Banded(string total, string expected)
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", Hundred, 100))) with { Payout = new BandedPayout(null, 60, 90, 100) };
        var r = ScoreOne(scheme, Subject("客服经理", ("总分", total)).WithExtra("奖金基数", "3000"));
        Assert.Equal(D(expected), r.Payout);
        Assert.NotNull(r.PayoutExplanation);
    }

    [Theory]
    [InlineData("10000", "120", "0.7", "10600")]
    [InlineData("10000", "50", "0.7", "8500")]
    [InlineData("10000", "82", "0.8", "9640")]
    [InlineData("10000", "0", "0.8", "8000")]
    public void Payout_KpiCoefficient(string accrued, string kpi, string fixedShare, string expected)
    {
        var scheme = Scheme(Sec("KPI", null, Ind("KPI", new ManualRule(0, 200, false, null), 100))) with { Payout = new CoefficientPayout(null, D(fixedShare), []) };
        Assert.Equal(D(expected), ScoreOne(scheme, Subject("客户经理", ("KPI", kpi)).WithExtra("计提奖金", accrued)).Payout);
    }

    [Fact]
    public void Payout_NoBase_NoPayoutButExplained()
    {
        var r = ScoreOne(Scheme(Sec("考核", null, Ind("总分", Hundred, 100))) with { Payout = new BandedPayout(null, 60, 90, 100) }, Subject("甲", ("总分", "80")));
        Assert.Null(r.Payout);
        Assert.Contains("奖金基数", r.PayoutExplanation);
    }

    // ------------------------------------------------------------ grades

    [Theory]
    [InlineData("85.5", "良好")]
    [InlineData("90", "优秀")]
    [InlineData("59.99", "不合格")]
    public void Grades_PlaceholderFourLevels(string total, string grade)
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", Hundred, 100))) with
        { Grades = new GradeScale([new("优秀", 90, true), new("良好", 80, true), new("合格", 60, true), new("不合格", null, true)]) };
        var r = ScoreOne(scheme, Subject("甲", ("总分", total)));
        Assert.Equal(grade, r.Grade);
        Assert.Contains(grade, r.GradeExplanation);
    }

    [Theory]
    [InlineData(new[] { "B", "C", "B-", "A" }, true)]
    [InlineData(new[] { "B-", "B+", "C", "B-" }, true)]
    [InlineData(new[] { "B-", "B", "B-", "B" }, false)]
    public void AnnualCap_ConsecutiveOrThreeQuarters(string[] quarters, bool capped) =>
        Assert.Equal(capped, ConsecutivePeriods.AnnualCap(quarters).Applies);

    [Fact]
    public void AnnualCap_NotAssessedQuarterIsSkippedByDefault()
    {
        string?[] q = [null, "B-", null, "C"];
        Assert.True(ConsecutivePeriods.AnnualCap(q).Applies);
        Assert.False(ConsecutivePeriods.AnnualCap(q, skipNotAssessed: false).Applies);
        Assert.Equal("B-", ConsecutivePeriods.CapGrade("A", "B-"));
        Assert.Equal("C", ConsecutivePeriods.CapGrade("C", "B-"));
    }

    [Theory]
    [InlineData(new[] { true, true }, false, PoorResultAction.WarningOrFine)]
    [InlineData(new[] { true, true, true }, false, PoorResultAction.ReassignmentReview)]
    [InlineData(new[] { true, false, true }, false, PoorResultAction.None)]
    [InlineData(new[] { true, false, true, false, true }, false, PoorResultAction.None)]
    [InlineData(new[] { true, false, true, false, true }, true, PoorResultAction.ReassignmentReview)]
    public void ConsecutivePoorResults(bool[] poor, bool cumulative, PoorResultAction expected) =>
        Assert.Equal(expected, ConsecutivePeriods.PoorResults(poor, cumulative));

    // ------------------------------------------------------------ ranking, peer average

    private static Scheme Touchpoints => Scheme(Sec("触点", null, Ind("检查表完成率", new ManualRule(0, 100, false, null), 100))) with
    { Ranking = new RankingRule(100, 3000, 90, -3000, 60) };

    [Fact]
    public void Ranking_FirstAbove90Rewarded_Below60Penalised()
    {
        var outcome = ScoringEngine.ScoreAll(Touchpoints, [
            Subject("营销", ("检查表完成率", "93")), Subject("研发", ("检查表完成率", "88")),
            Subject("工程", ("检查表完成率", "59")), Subject("客服", ("检查表完成率", "75"))]);
        Assert.True(outcome.IsSuccess);
        var byName = outcome.Results.ToDictionary(r => r.Subject);
        Assert.Equal(3000m, byName["营销"].RankAmount);
        Assert.Equal(-3000m, byName["工程"].RankAmount);
        Assert.Null(byName["研发"].RankAmount);
        Assert.Equal(1, byName["营销"].Rank);
        Assert.Equal(4, byName["工程"].Rank);
    }

    [Fact]
    public void Ranking_TopExactly90_NoReward_TiesBothRewarded()
    {
        var r1 = ScoringEngine.ScoreAll(Touchpoints, [Subject("营销", ("检查表完成率", "90")), Subject("工程", ("检查表完成率", "60"))]).Results;
        Assert.All(r1, r => Assert.Null(r.RankAmount));
        var r2 = ScoringEngine.ScoreAll(Touchpoints, [Subject("营销", ("检查表完成率", "93")), Subject("客服", ("检查表完成率", "93"))]).Results;
        Assert.All(r2, r => Assert.Equal(3000m, r.RankAmount));
    }

    [Fact]
    public void PeerAverage_NotApplicable_TakesMeanOfPeers()
    {
        var item = Ind("千条零售客户管理", Deduction(1, 0, Per("不达要求", 0.5m)) with { }, 1, na: NotApplicablePolicy.PeerAverage);
        var scheme = Scheme(Sec("走访服务", null, item));
        var outcome = ScoringEngine.ScoreAll(scheme, [
            Subject("甲", ("千条零售客户管理", 0)), Subject("乙", ("千条零售客户管理", 1)), Subject("丙", ("千条零售客户管理", 0)),
            Subject("丁", ("千条零售客户管理", 1)), Subject("戊", ("千条零售客户管理", "不适用"))]);
        Assert.True(outcome.IsSuccess, string.Join("\n", outcome.Errors));
        var wu = outcome.Results.Single(r => r.Subject == "戊");
        Assert.Equal(0.75m, wu.Total);
        Assert.Contains("平均", wu.Indicators[0].Explanation);
    }

    // ------------------------------------------------------------ coefficient, veto, caps, exclusion

    [Theory]
    [InlineData("95%", "8.77")]
    [InlineData("85%", "7.45")]
    [InlineData("78%", "0")]
    public void MemberCollection_AuthenticityCoefficient(string authenticity, string expected)
    {
        var coefficient = new Coefficient("成员真实性", ValueUnit.Percent, [B(">=90", 1), new Band(When("[80,90)"), new ProportionalOutcome(1, 100), null), B("<80", 0)], 0);
        var scheme = Scheme(Sec("政企KPI", null, Ind("成员收集", Linear(10, 0.8m), 10, coefficients: [coefficient])));
        var r = ScoreOne(scheme, Subject("汪玲霞", ("成员收集", Obj(("value", 320), ("target", 365), ("成员真实性", authenticity)))));
        Assert.Equal(D(expected), Math.Round(r.Total, 2));
    }

    [Fact]
    public void Veto_Triggered_VoidsTotal()
    {
        var scheme = Scheme(Sec("考核", null, Ind("专业知识", Hundred, 100), Ind("作弊", new VetoRule(), null, IndicatorCategory.Veto)));
        Assert.Equal(0m, ScoreOne(scheme, Subject("甲", ("专业知识", "80"), ("作弊", "是"))).Total);
        Assert.True(ScoreOne(scheme, Subject("甲", ("专业知识", "80"), ("作弊", "是"))).Vetoed);
        Assert.Equal(80m, ScoreOne(scheme, Subject("甲", ("专业知识", "80"))).Total);
    }

    [Fact]
    public void CategoryCap_LimitsSummedDeductions()
    {
        var scheme = Scheme(Sec("过程扣分", null,
            Ind("周期走访", new DeductionRule(0, [new DeductionClause("扣分", ClauseMode.Amount, 0, 0, 30, [], StepRounding.Floor, 1, ValueUnit.Points)], null, null, null), null, IndicatorCategory.Deduction),
            Ind("订货执行", new DeductionRule(0, [new DeductionClause("扣分", ClauseMode.Amount, 0, 0, 15, [], StepRounding.Floor, 1, ValueUnit.Points)], null, null, null), null, IndicatorCategory.Deduction))) with
        { CategoryCaps = ImmutableDictionary<IndicatorCategory, decimal>.Empty.Add(IndicatorCategory.Deduction, 30) };
        var r = ScoreOne(scheme, Subject("甲", ("周期走访", "25"), ("订货执行", "10")));
        Assert.Equal(-30m, r.Total);
        Assert.Contains("上限", r.TotalExplanation);
    }

    [Fact]
    public void NoDataExclude_RenormalisesSection()
    {
        var excl = Baseline(Direction.HigherIsBetter, noData: NoDataPolicy.Exclude);
        var scheme = Scheme(Sec("定量", null, Ind("满意率", excl, 20), Ind("增长率", Baseline(Direction.HigherIsBetter), 20)));
        var r = ScoreOne(scheme, Subject("客户部", ("满意率", Obj(("value", "无数据"), ("baseline", "95%"))), ("增长率", Obj(("value", "5%"), ("baseline", "3%")))));
        Assert.Equal(34m, r.Total); // 17 × 40/20
        Assert.Equal(IndicatorStatus.Excluded, r.Indicators[0].Status);
    }

    [Fact]
    public void NormaliseTo_95PointFormTo100()
    {
        var scheme = Scheme(Sec("全部", null, Ind("合计", new ManualRule(0, 95, false, null), 95))) with { NominalTotal = 95, NormaliseTo = 100 };
        Assert.Equal(100m, ScoreOne(scheme, Subject("甲", ("合计", "95"))).Total);
    }

    [Fact]
    public void RoundItemsBeforeSumming_G5Alternative()
    {
        var scheme = Scheme(Sec("定量", null, Ind("存量合約", Linear(5, 0.4m), 5), Ind("集團組建", Linear(15, 0.8m), 15)));
        var s = Subject("汪玲霞", ("存量合約", Obj(("value", 12), ("target", 21))), ("集團組建", Obj(("value", 62), ("target", 73))));
        // exact: 60/21 + 930/73 = 2.857142… + 12.739726… = 15.596868…; rounded items: 2.86 + 12.74 = 15.60
        Assert.Equal(15.60m, Math.Round(ScoreOne(scheme, s).Total, 2));
        Assert.NotEqual(15.60m, ScoreOne(scheme, s).Total);
        Assert.Equal(15.60m, ScoreOne(scheme with { RoundItemsTo = 2 }, s).Total);
        var one = ScoreOne(scheme with { RoundItemsTo = 1 }, s).Total;
        Assert.Equal(15.6m, one); // 2.9 + 12.7
    }

    [Fact]
    public void MoneyItems_AreReportedBesideThePoints()
    {
        var scheme = Scheme(Sec("奖金", null,
            Ind("清洗送水", new OffsetRule(new("清洗饮水机", 100, 4, "台"), new("送水", 1000, 2, "桶"), 2, 1840, true), null, unit: ScoreUnit.Yuan),
            Ind("考核分", Hundred, 100)));
        var r = ScoreOne(scheme, Subject("助理", ("清洗送水", Obj(("清洗饮水机", 90), ("送水", 1100))), ("考核分", "88")));
        Assert.Equal(88m, r.Total);
        Assert.Equal(2000m, r.Money);
    }

    // ------------------------------------------------------------ input errors

    [Fact]
    public void Errors_UnknownIndicatorMissingInputAndBadValue_AllReportedAtOnce()
    {
        var scheme = Scheme(Sec("定量", null, Ind("流失率", Baseline(Direction.LowerIsBetter), 20), Ind("增长率", Baseline(Direction.HigherIsBetter), 20)));
        var outcome = ScoringEngine.ScoreAll(scheme, [
            Subject("客户部", ("流失率", Obj(("value", "八五"), ("baseline", "3%"))), ("增长律", "3%")),
            Subject("市场部", ("流失率", Obj(("value", "2%"), ("baseline", "3%"))), ("增长率", Obj(("value", "85"), ("baseline", "3%"))))]);
        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Errors, e => e.Subject == "客户部" && e.Indicator == "增长律" && e.Message.Contains("没有这个指标"));
        Assert.Contains(outcome.Errors, e => e.Subject == "客户部" && e.Indicator == "流失率" && e.Value == "八五");
        Assert.Contains(outcome.Errors, e => e.Subject == "客户部" && e.Indicator == "增长率" && e.Message.Contains("缺少"));
        Assert.Contains(outcome.Errors, e => e.Subject == "市场部" && e.Value == "85" && e.Message.Contains("歧义"));
        Assert.Empty(outcome.Results);
    }

    [Fact]
    public void Errors_DuplicateSubject()
    {
        var scheme = Scheme(Sec("考核", null, Ind("总分", Hundred, 100)));
        var errors = ScoringEngine.ScoreAll(scheme, [Subject("甲", ("总分", "1")), Subject("甲", ("总分", "2"))]).Errors;
        Assert.Contains(errors, e => e.Message.Contains("重复"));
    }
}
