using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-08 客户服务中心经理考核表 (S1 L383-446): LN-13 × 2, BL-05, E manual (40 inferred), six DD-05 deduction
/// categories with caps, raters 自评 0.3 / 人力资源部 0.3 / 直接上级 0.4 (MR-01).
/// </summary>
public class Tpl08Tests
{
    private const string Id = "TPL-08";
    private const string B = "客户投诉满意率";
    private const string C = "客户服务工作完成率";
    private const string D = "产品质量合格率增长比";
    private const string E = "销售利润完成率";

    private static Dictionary<string, object> PassRates(string thisMonth, string lastMonth) =>
        Obj(("value", thisMonth), ("baseline", lastMonth));

    /// <summary>One rater's (or the shared) form: B, C, D, E plus deduction categories.</summary>
    private static (string, object)[] Form(string b, string c, Dictionary<string, object> d, decimal e, params (string, object)[] deductions) =>
        [(B, b), (C, c), (D, d), (E, e), .. deductions];

    /// <summary>A rater's form totalling <paramref name="total"/> (≥ 60): B, C and D full, E = total − 60.</summary>
    private static (string, object)[] FormTotalling(decimal total) =>
        Form("100%", "100%", PassRates("96%", "96%"), total - 60);

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("客户服务中心经理考核表", s.Name);
        Assert.Equal(new[] { ("自评", 0.3m), ("人力资源部", 0.3m), ("直接上级", 0.4m) }, s.Raters.Select(r => (r.Name, r.Weight)));
        Assert.All(s.Indicators, i => Assert.Equal(3, i.RatedBy.Length));
        Assert.Equal(new decimal?[] { 30, 15, 15, 40 }, s.Sections[0].Indicators.Select(i => i.Points));
        Assert.True(s.Indicators.Single(i => i.Name == E).Manual);
        Assert.Equal(
            new decimal?[] { 10, 10, 15, 15, 20, 20 },
            s.Sections[1].Indicators.Select(i => ((DeductionRule)i.Rule).MaxDeduction));
        Assert.All(s.Sections[1].Indicators, i => Assert.Equal(IndicatorCategory.Deduction, i.Category));
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var subject = Subject("赵经理")
            .WithRater("自评", Form("95%", "90%", PassRates("97.2%", "96.5%"), 36,
                ("卫生监督", Obj(("卫生不合格", 1)))))
            .WithRater("人力资源部", Form("88%", "80%", PassRates("97.2%", "96.5%"), 32,
                ("考核执行", Obj(("不严格按考核表考核", 1))),
                ("卫生监督", 2)))
            .WithRater("直接上级", Form("90%", "85%", PassRates("97.2%", "96.5%"), 34,
                ("客户投诉处理", Obj(("客户投诉处理不及时", 1))),
                ("工作计划性管理", Obj(("日常工作计划执行性差", 1)))));
        var r = Score(Id, subject);

        // 自评 total:      30 × 95% + 15 × 90% + 15 (D = +0.7 pp) + 36 − 2           = 28.5 + 13.5 + 15 + 36 − 2 = 91
        // 人力资源部 total: 30 × 88% + 15 × 80% + 15 + 32 − 2 − 2 × 2                = 26.4 + 12 + 15 + 32 − 6 = 79.4
        // 直接上级 total:   30 × 90% + 15 × 85% + 15 + 34 − 10 − 5                   = 27 + 12.75 + 15 + 34 − 15 = 73.75
        // B = 0.3 × 28.5 + 0.3 × 26.4 + 0.4 × 27 = 8.55 + 7.92 + 10.8 = 27.27
        Assert.Equal(27.27m, r.Item(B));
        // C = 0.3 × 13.5 + 0.3 × 12 + 0.4 × 12.75 = 4.05 + 3.6 + 5.1 = 12.75
        Assert.Equal(12.75m, r.Item(C));
        Assert.Equal(15m, r.Item(D));
        // E = 0.3 × 36 + 0.3 × 32 + 0.4 × 34 = 10.8 + 9.6 + 13.6 = 34
        Assert.Equal(34m, r.Item(E));
        // 卫生监督 = 0.3 × (−2) + 0.3 × (−4) + 0.4 × 0 = −1.8
        Assert.Equal(-1.8m, r.Item("卫生监督"));
        Assert.Equal(-4m, r.Item("客户投诉处理"));
        // 总分 = 0.3 × 91 + 0.3 × 79.4 + 0.4 × 73.75 = 27.3 + 23.82 + 29.5 = 80.62
        Assert.Equal(80.62m, r.Total);
    }

    // RULES.md LN-13 examples: B = 0.9 → 27; C = 0.8 → 12 (proportional from 0).
    [Theory]
    [InlineData(B, "90%", 27)]
    [InlineData(B, "100%", 30)]
    [InlineData(B, "0%", 0)]
    [InlineData(C, "80%", 12)]
    [InlineData(C, "62.5%", 9.375)]
    public void Rates_Ln13Examples_AreProportional(string indicator, string rate, double expected)
    {
        var shared = Form("100%", "100%", PassRates("96%", "96%"), 0).ToDictionary(x => x.Item1, x => x.Item2);
        shared[indicator] = rate;
        var r = Score(Id, Subject("赵经理", [.. shared.Select(kv => (kv.Key, kv.Value))]));
        Assert.Equal((decimal)expected, r.Item(indicator));
    }

    [Fact]
    public void Rates_NoComplaints_ScoreFullPoints()
    {
        // G6: a zero denominator is "无数据" → full points.
        var r = Score(Id, Subject("赵经理", Form("无数据", "80%", PassRates("96%", "96%"), 0)));
        Assert.Equal(30m, r.Item(B));
    }

    // RULES.md BL-05 examples: D = this month − last month (pp); default reading D ≥ 0 → 15, else 0.
    [Theory]
    [InlineData("97.2%", "96.5%", 15)]
    [InlineData("95.0%", "96.0%", 0)]
    [InlineData("98%", "98%", 15)]
    [InlineData("98.9%", "99%", 0)]
    public void PassRateGrowth_Bl05Examples_ScoreAsSpecified(string thisMonth, string lastMonth, int expected) =>
        Assert.Equal(expected, Score(Id, Subject("赵经理", Form("90%", "90%", PassRates(thisMonth, lastMonth), 30))).Item(D));

    // RULES.md DD-05 examples and Appendix B #46: per-category deduction capped at the category's value.
    public static TheoryData<string, object, decimal> DeductionExamples => new()
    {
        { "考核执行", Obj(("不按考核指标进行考核或有考核舞弊行为", 2)), -10m },
        { "考核执行", Obj(("不严格按考核表考核", 2), ("不按要求及时进行考核", 1)), -9m },
        { "卫生监督", 3, -6m },
        { "卫生监督", 6, -10m },
        { "客户投诉处理", Obj(("客户投诉处理不及时", 1), ("客户投诉处理差", 1), ("客户投诉过程中弄虚作假", 1)), -20m },
        { "客户资料管理", Obj(("客户资料归档不及时不全面", 3), ("客户管理类别不清楚未及时处理客户变化资料", 1)), -15m },
        { "协作执行力", Obj(("因协调不够客户信息传递不够影响产品质量调节", 2)), -10m },
    };

    [Theory]
    [MemberData(nameof(DeductionExamples))]
    public void Deductions_Dd05Examples_AreCappedPerCategory(string category, object occurrences, decimal expected)
    {
        var r = Score(Id, Subject("赵经理", Form("90%", "90%", PassRates("96%", "96%"), 30, (category, occurrences))));
        Assert.Equal(expected, r.Item(category));
    }

    [Fact]
    public void Total_Dd05Example4_PositivesMinusDeductions()
    {
        // 30 × 0.9 + 15 × 0.8 + 15 (D ≥ 0) = 54; 卫生 3 × 2 = −6; 考核舞弊 −10 → 38 (E = 0, one shared form).
        var r = Score(Id, Subject("赵经理", Form("90%", "80%", PassRates("96.4%", "96.1%"), 0,
            ("卫生监督", 3),
            ("考核执行", Obj(("不按考核指标进行考核或有考核舞弊行为", 1))))));
        Assert.Equal(38m, r.Total);
    }

    // RULES.md MR-01 examples and Appendix B #56: each rater fills the whole form.
    [Theory]
    [InlineData(90, 80, 85, 85)]
    [InlineData(100, 60, 70, 76)]
    public void Raters_Mr01Examples_WeighTheRaters(int self, int hr, int superior, int expected)
    {
        var subject = Subject("赵经理")
            .WithRater("自评", FormTotalling(self))
            .WithRater("人力资源部", FormTotalling(hr))
            .WithRater("直接上级", FormTotalling(superior));
        Assert.Equal(expected, Score(Id, subject).Total);
    }

    [Fact]
    public void Raters_SelfMissing_RenormalisesOverThePresentRaters()
    {
        // (0.3 × 80 + 0.4 × 85) / 0.7 = 58 / 0.7 = 82.857… (MR-01 example 3; counting the missing rater as 0 would give 58).
        var subject = Subject("赵经理")
            .WithRater("人力资源部", FormTotalling(80))
            .WithRater("直接上级", FormTotalling(85));
        Assert.Equal(82.86m, Math.Round(Score(Id, subject).Total, 2));
    }

    [Fact]
    public void SalesProfit_AboveTheInferredForty_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("赵经理").WithRater("直接上级", Form("90%", "90%", PassRates("96%", "96%"), 45)));
        var e = Assert.Single(errors);
        Assert.StartsWith(E, e.Indicator);
        Assert.Contains("0–40", e.Message);
    }

    [Fact]
    public void Deduction_UnknownClause_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("赵经理", Form("90%", "90%", PassRates("96%", "96%"), 30, ("卫生监督", Obj(("迟到", 1))))));
        var e = Assert.Single(errors);
        Assert.Equal("卫生监督", e.Indicator);
        Assert.Contains("卫生不合格", e.Message);
    }

    [Fact]
    public void Rate_NotAPercentage_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("赵经理", Form("九成", "90%", PassRates("96%", "96%"), 30)));
        var e = Assert.Single(errors);
        Assert.Equal(B, e.Indicator);
    }
}
