using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-01 客户部考核分值表 (S0 L20-112): QR-01 × 8 + BL-01/02/03.</summary>
public class Tpl01Tests
{
    private const string Id = "TPL-01";

    private static readonly string[] Qualitative =
    [
        "公司客户调查情况", "公司客户开发情况", "实施客户开发企划案情况", "客户信息库建立和维护情况",
        "客户业绩管理与考核情况", "客户信用管理情况", "服务方案制定和实施情况", "客户投诉处理情况",
    ];

    private const string Churn = "当月公司客户流失率";
    private const string Growth = "当月公司客户增长率";
    private const string Satisfaction = "当月客户投诉处理满意率";

    /// <summary>A complete month; <paramref name="overrides"/> replace single inputs.</summary>
    private static SubjectInput Month(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>();
        foreach (var q in Qualitative) inputs[q] = "良好";
        inputs[Churn] = Obj(("value", "2.6%"), ("baseline", "2.6%"));
        inputs[Growth] = Obj(("value", "1.1%"), ("baseline", "1.1%"));
        inputs[Satisfaction] = Obj(("value", "90%"), ("baseline", "90%"));
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("客户部", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("客户部考核分值表", s.Name);
        Assert.Equal(SubjectKind.Department, s.SubjectKind);
        Assert.Equal(PeriodKind.Month, s.Period);
        Assert.Equal(new[] { "定性指标", "定量指标" }, s.Sections.Select(x => x.Name));
        Assert.Equal(Qualitative.Append(Churn).Append(Growth).Append(Satisfaction), s.Indicators.Select(i => i.Name));
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points));
        Assert.Equal(100m, s.NominalTotal);
        // GR-03 placeholder grades (the seed names four grades, no thresholds)
        Assert.Equal(new[] { "优秀", "良好", "合格", "不合格" }, s.Grades!.Bands.Select(b => b.Grade));
        Assert.Equal(new decimal?[] { 90, 80, 60, null }, s.Grades.Bands.Select(b => b.Min));
        Assert.Empty(s.Consequences);
        Assert.Null(s.Payout);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Month(
            ("公司客户调查情况", "良好"),
            ("公司客户开发情况", "优秀"),
            ("实施客户开发企划案情况", "优秀"),
            ("客户信息库建立和维护情况", "良好"),
            ("客户业绩管理与考核情况", "一般"),
            ("客户信用管理情况", "良好"),
            ("服务方案制定和实施情况", "优秀"),
            ("客户投诉处理情况", "差"),
            (Churn, Obj(("value", "2.3%"), ("baseline", "4.1%"))),
            (Growth, Obj(("value", "3.6%"), ("baseline", "1.2%"))),
            (Satisfaction, Obj(("value", "88.5%"), ("baseline", "93%")))));

        // 定性: 3 + 5 + 5 + 3 + 1 + 3 + 5 + 0 = 25
        Assert.Equal(25m, r.Sections.Single(s => s.Name == "定性指标").Score);
        // 流失率: 4.1 − 2.3 = 1.8 pp better → 1 full step → 15 + 1 = 16
        Assert.Equal(16m, r.Item(Churn));
        // 增长率: 3.6 − 1.2 = 2.4 pp better → 2 steps → 17
        Assert.Equal(17m, r.Item(Growth));
        // 满意率: 88.5 − 93 = −4.5 pp → 4 full steps down → 11
        Assert.Equal(11m, r.Item(Satisfaction));
        // 总分 = 25 + 16 + 17 + 11 = 69
        Assert.Equal(69m, r.Total);
        // 69 ≥ 60 → 合格 (GR-03 placeholder thresholds)
        Assert.Equal("合格", r.Grade);
        Assert.Null(r.Payout);
    }

    [Theory]
    [InlineData(new[] { "优秀", "良好", "良好", "一般", "差", "优秀", "良好", "一般" }, 21)]
    [InlineData(new[] { "优秀", "优秀", "优秀", "优秀", "优秀", "优秀", "优秀", "优秀" }, 40)]
    [InlineData(new[] { "差", "差", "差", "差", "差", "差", "差", "差" }, 0)]
    public void Qualitative_Qr01Examples_SumTheGradePoints(string[] grades, int expected)
    {
        var r = Score(Id, Month([.. Qualitative.Zip(grades, (n, g) => (n, (object)g))]));
        Assert.Equal(expected, r.Sections.Single(s => s.Name == "定性指标").Score);
    }

    // RULES.md BL-01/02/03 examples and Appendix B #1–10 (default reading: pp, complete steps, 0–20).
    [Theory]
    [InlineData(Churn, "3.0%", "3.0%", 15)]
    [InlineData(Churn, "1.8%", "3.0%", 16)]
    [InlineData(Churn, "5.5%", "3.0%", 13)]
    [InlineData(Churn, "19.0%", "2.0%", 0)]
    [InlineData(Growth, "4.5%", "2.0%", 17)]
    [InlineData(Growth, "-1.0%", "2.0%", 12)]
    [InlineData(Growth, "8.0%", "0.5%", 20)]
    [InlineData(Growth, "3.0%", "3.0%", 15)]
    [InlineData(Satisfaction, "97%", "95%", 17)]
    [InlineData(Satisfaction, "92.5%", "95%", 13)]
    [InlineData(Satisfaction, "78%", "95%", 0)]
    [InlineData(Satisfaction, "100%", "100%", 15)]
    public void Quantitative_RulesExamples_ScoreAsSpecified(string indicator, string value, string baseline, int expected)
    {
        var r = Score(Id, Month((indicator, Obj(("value", value), ("baseline", baseline)))));
        Assert.Equal(expected, r.Item(indicator));
    }

    [Fact]
    public void Quantitative_NoHistoryOrZeroDenominator_ScoresTheBase15()
    {
        // G7: no prior month → the baseline is the value itself; G6 for BL items: 无数据 → base 15.
        var r = Score(Id, Month(
            (Churn, Obj(("value", "6.4%"), ("baseline", "无历史"))),
            (Satisfaction, Obj(("value", "无数据"), ("baseline", "96%")))));
        Assert.Equal(15m, r.Item(Churn));
        Assert.Equal(15m, r.Item(Satisfaction));
    }

    [Fact]
    public void Grade_UnknownWord_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Month(("客户信用管理情况", "优")));
        var e = Assert.Single(errors);
        Assert.Equal("客户信用管理情况", e.Indicator);
        Assert.Contains("优秀", e.Message);
    }

    [Fact]
    public void Rate_AmbiguousBareNumber_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Month((Churn, Obj(("value", "3"), ("baseline", "2.5%")))));
        var e = Assert.Single(errors);
        Assert.Equal(Churn, e.Indicator);
        Assert.Contains("3%", e.Message);
    }

    [Fact]
    public void Quantitative_MissingBaseline_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Month((Growth, "2.5%")));
        Assert.Contains(errors, e => e.Indicator == Growth && e.Message.Contains("基数"));
    }
}
