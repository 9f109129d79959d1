using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-04 各办事处考核分值表 (S0 L202-288): QR-04 × 7 + BL-01/02/03 on the office's own data.</summary>
public class Tpl04Tests
{
    private const string Id = "TPL-04";

    private const string Survey = "负责区域内客户调查情况";
    private const string Development = "负责区域内客户开发情况";
    private static readonly string[] FivePointItems =
    [
        Survey, "实施客户开发企划案情况", "办事处客户信息库建立和维护情况",
        "区域内客户业绩管理与考核情况", "区域内客户信用管理情况", "区域内客户投诉处理情况",
    ];

    private const string Churn = "当月办事处客户流失率";
    private const string Growth = "当月办事处客户增长率";
    private const string Satisfaction = "当月办事处客户投诉处理满意率";

    private static SubjectInput Office(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>();
        foreach (var q in FivePointItems) inputs[q] = "一般";
        inputs[Development] = "一般";
        inputs[Churn] = Obj(("value", "3.3%"), ("baseline", "3.3%"));
        inputs[Growth] = Obj(("value", "0.8%"), ("baseline", "0.8%"));
        inputs[Satisfaction] = Obj(("value", "91%"), ("baseline", "91%"));
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("杭州办事处", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("各办事处考核分值表", s.Name);
        Assert.Equal(SubjectKind.Office, s.SubjectKind);
        Assert.Equal(10, s.Indicators.Count());
        Assert.Equal(10m, s.Indicators.Single(i => i.Name == Development).Points);
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points));
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Office(
            (Survey, "良好"),
            (Development, "良好"),
            ("实施客户开发企划案情况", "优秀"),
            ("办事处客户信息库建立和维护情况", "一般"),
            ("区域内客户业绩管理与考核情况", "良好"),
            ("区域内客户信用管理情况", "优秀"),
            ("区域内客户投诉处理情况", "差"),
            (Churn, Obj(("value", "5.2%"), ("baseline", "4.4%"))),
            (Growth, Obj(("value", "1.5%"), ("baseline", "2.7%"))),
            (Satisfaction, Obj(("value", "96%"), ("baseline", "91.5%")))));

        // 定性: 3 + 6 + 5 + 1 + 3 + 5 + 0 = 23
        Assert.Equal(23m, r.Sections.Single(s => s.Name == "定性指标").Score);
        Assert.Equal(6m, r.Item(Development));
        // 流失率 0.8 pp worse than the office's historical lowest: less than one step → 15
        Assert.Equal(15m, r.Item(Churn));
        // 增长率 1.2 pp below last month → 1 step → 14
        Assert.Equal(14m, r.Item(Growth));
        // 满意率 4.5 pp above the best → 4 steps → 19
        Assert.Equal(19m, r.Item(Satisfaction));
        // 总分 = 23 + 15 + 14 + 19 = 71
        Assert.Equal(71m, r.Total);
    }

    // RULES.md QR-04 examples: 开发 on {10, 6, 2, 0}, the other six on {5, 3, 1, 0}.
    [Theory]
    [InlineData("优秀", new[] { "良好", "良好", "良好", "良好", "良好", "良好" }, 28)]
    [InlineData("一般", new[] { "优秀", "良好", "良好", "一般", "差", "优秀" }, 19)]
    [InlineData("差", new[] { "差", "差", "差", "差", "差", "差" }, 0)]
    [InlineData("优秀", new[] { "优秀", "优秀", "优秀", "优秀", "优秀", "优秀" }, 40)]
    public void Qualitative_Qr04Examples_SumTheGradePoints(string development, string[] others, int expected)
    {
        var r = Score(Id, Office([(Development, development), .. FivePointItems.Zip(others, (n, g) => (n, (object)g))]));
        Assert.Equal(expected, r.Sections.Single(s => s.Name == "定性指标").Score);
    }

    // BL examples (office scope): pp steps, complete steps only, 0–20; ceil/pro-rata/relative are not the default.
    [Theory]
    [InlineData(Churn, "1.8%", "3.0%", 16)]
    [InlineData(Churn, "5.5%", "3.0%", 13)]
    [InlineData(Growth, "4.5%", "2.0%", 17)]
    [InlineData(Growth, "-1.0%", "2.0%", 12)]
    [InlineData(Satisfaction, "92.5%", "95%", 13)]
    [InlineData(Satisfaction, "100%", "99.5%", 15)]
    [InlineData(Satisfaction, "100%", "94%", 20)]
    public void Quantitative_RulesExamples_ScoreAsSpecified(string indicator, string value, string baseline, int expected)
    {
        var r = Score(Id, Office((indicator, Obj(("value", value), ("baseline", baseline)))));
        Assert.Equal(expected, r.Item(indicator));
    }

    [Fact]
    public void Quantitative_JsonFractions_AreReadAsPercentages()
    {
        // JSON numbers are fractions: 0.052 = 5.2%.
        var r = Score(Id, Office((Churn, Obj(("value", 0.052m), ("baseline", 0.031m)))));
        Assert.Equal(13m, r.Item(Churn));
    }

    [Fact]
    public void Grade_FivePointWordOnTenPointItem_StillUsesTheTenPointScale()
    {
        Assert.Equal(2m, Score(Id, Office((Development, "一般"))).Item(Development));
        Assert.Equal(1m, Score(Id, Office((Survey, "一般"))).Item(Survey));
    }

    [Fact]
    public void Grade_UnknownWord_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Office((Development, "较好"))));
        Assert.Equal(Development, e.Indicator);
        Assert.Contains("优秀(10)", e.Message);
    }

    [Fact]
    public void Rate_NotANumber_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Office((Satisfaction, Obj(("value", "九成"), ("baseline", "91%")))));
        var e = Assert.Single(errors);
        Assert.Equal(Satisfaction, e.Indicator);
    }
}
