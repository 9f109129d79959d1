using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-14 客户服务部量化考核方案模板: blank targets (NC-03) are inputs; "target met → full points, else 0",
/// direction-aware (部门费用预算达成率 ≤, 高于 &gt;, 达到 ≥).
/// </summary>
public class Tpl14Tests
{
    private const string Id = "TPL-14";

    private static Dictionary<string, object> VT(string value, string target) => Obj(("value", value), ("target", target));

    /// <summary>A complete quarterly subject (every target met) with some items replaced.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Full(string name, params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            ["部门费用预算达成率"] = VT("95%", "100%"),
            ["客户回访率"] = VT("92%", "90%"),
            ["客户保有率"] = VT("96%", "95%"),
            ["投诉解决率"] = VT("93%", "90%"),
            ["客户信息准确率"] = VT("99%", "98%"),
            ["客户满意度评分"] = VT("88", "85"),
            ["客户投诉解决满意度"] = VT("91%", "90%"),
            ["学习发展培训计划完成率"] = VT("100%", "95%"),
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject(name, [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_loads_eight_kpis_weighted_to_100()
    {
        var s = Template(Id);
        Assert.Equal("customer-service-department-kpi", s.Slug);
        Assert.Equal(Kaohe.Core.Model.SubjectKind.Department, s.SubjectKind);
        Assert.Equal(["部门费用预算达成率", "客户回访率", "客户保有率", "投诉解决率", "客户信息准确率", "客户满意度评分", "客户投诉解决满意度", "学习发展培训计划完成率"],
            s.Indicators.Select(i => i.Name));
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points ?? 0));
        Assert.All(s.Indicators, i => Assert.Equal("NC-03", i.RuleRef));
    }

    [Fact]
    public void Complete_quarter_is_scored_by_hand()
    {
        var r = Score(Id, Subject("客户服务部",
            ("部门费用预算达成率", VT("103%", "100%")),     // cost over the target → 0
            ("客户回访率", VT("91%", "90%")),               // 91% > 90% → 15
            ("客户保有率", VT("95%", "95%")),               // ≥ → 10
            ("投诉解决率", VT("90%", "90%")),               // "高于": equal → 0
            ("客户信息准确率", VT("99%", "98%")),           // ≥ → 15
            ("客户满意度评分", VT("88", "85")),             // 88 > 85 → 15
            ("客户投诉解决满意度", VT("86%", "90%")),       // < → 0
            ("学习发展培训计划完成率", VT("100%", "95%")))); // ≥ → 10

        Assert.Equal(0m, r.Item("部门费用预算达成率"));
        Assert.Equal(15m, r.Item("客户回访率"));
        Assert.Equal(0m, r.Item("投诉解决率"));
        Assert.Equal(15m, r.Item("客户满意度评分"));
        // total = 0 + 15 + 10 + 0 + 15 + 15 + 0 + 10 = 65
        Assert.Equal(65m, r.Total);
        Assert.Equal("合格", r.Grade);  // GR-03 placeholder: 65 ≥ 60
    }

    [Fact]
    public void Monthly_appraisal_excludes_the_quarterly_only_items_and_renormalises()
    {
        var r = Score(Id, Full("客户服务部（月）",
            ("投诉解决率", VT("88%", "90%")),
            ("客户满意度评分", "不适用"),
            ("客户投诉解决满意度", "不适用"),
            ("学习发展培训计划完成率", "不适用")));
        // scored: 10 + 15 + 10 + 0 (投诉解决率 missed) + 15 = 50 of the 60 applicable points
        // renormalised over the whole form: 50 × 100 / 60 = 83.333…
        Assert.Equal(83.33m, Math.Round(r.Total, 2));
        Assert.Equal(50m * 100m / 60m, r.Total);
        Assert.Equal("良好", r.Grade);  // 83.33 ≥ 80
    }

    [Theory]
    // 部门费用预算达成率 is a cost: at or below the target (KF-16)
    [InlineData("部门费用预算达成率", "100%", "100%", 10)]
    [InlineData("部门费用预算达成率", "101%", "100%", 0)]
    // 客户回访率 / 投诉解决率 "高于": strictly above (G1)
    [InlineData("客户回访率", "90%", "90%", 0)]
    [InlineData("客户回访率", "90.1%", "90%", 15)]
    [InlineData("投诉解决率", "95%", "90%", 10)]
    // 客户满意度评分 "高于…分": strictly above, a score
    [InlineData("客户满意度评分", "85", "85", 0)]
    [InlineData("客户满意度评分", "85.5", "85", 15)]
    // "达到": at or above
    [InlineData("客户保有率", "94.9%", "95%", 0)]
    [InlineData("客户信息准确率", "98%", "98%", 15)]
    [InlineData("客户投诉解决满意度", "90%", "90%", 15)]
    public void Target_met_scores_full_points_direction_aware(string indicator, string value, string target, int expected)
    {
        var r = Score(Id, Full("例", (indicator, VT(value, target))));
        Assert.Equal((decimal)expected, r.Item(indicator));
    }

    [Fact]
    public void Not_applicable_on_a_monthly_item_is_an_error_naming_it()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户保有率", "不适用"))));
        Assert.Equal("客户保有率", e.Indicator);
    }

    [Fact]
    public void Percent_for_a_score_item_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户满意度评分", VT("88%", "85")))));
        Assert.Equal("客户满意度评分", e.Indicator);
    }

    [Fact]
    public void Unknown_indicator_is_reported()
    {
        var s = Full("坏");
        s = s with { Inputs = s.Inputs.SetItem("客户满意度", Raw("88")) };
        var e = Assert.Single(Errors(Id, s));
        Assert.Equal("客户满意度", e.Indicator);
    }
}
