using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-13 客户服务部经理绩效考核量表模板(标准范本): blank targets (NC-02) are inputs; default proposal
/// "target met → full points, else 0", direction-aware (费用 and 响应速度 ≤, 投诉次数 &lt;, 高于 &gt;).
/// </summary>
public class Tpl13Tests
{
    private const string Id = "TPL-13";

    private static Dictionary<string, object> VT(string value, string target) => Obj(("value", value), ("target", target));

    /// <summary>A complete annual subject (all ten items meet their target) with some items replaced.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Full(string name, params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            ["财务费用预算达成率"] = VT("97%", "100%"),
            ["客户大客户保有率"] = VT("96%", "95%"),
            ["客户回访率"] = VT("90%", "85%"),
            ["电话接听率"] = VT("98%", "95%"),
            ["平均响应速度"] = VT("18", "20"),
            ["客户意见反馈及时率"] = VT("95%", "90%"),
            ["客户有效投诉次数"] = VT("2", "4"),
            ["投诉处理满意度评分"] = VT("4.6", "4.5"),
            ["学习发展培训计划完成率"] = VT("100%", "100%"),
            ["员工考核达标率"] = VT("93%", "90%"),
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject(name, [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_loads_ten_kpis_weighted_to_100()
    {
        var s = Template(Id);
        Assert.Equal("customer-service-manager-kpi", s.Slug);
        Assert.Equal(10, s.Indicators.Count());
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points ?? 0));
        Assert.All(s.Indicators, i => Assert.Equal(i.Points, i.Weight * 100));
        Assert.Equal(Kaohe.Core.Model.PeriodKind.Quarter, s.Period);
    }

    [Fact]
    public void Complete_annual_appraisal_is_scored_by_hand()
    {
        var r = Score(Id, Subject("吴静",
            ("财务费用预算达成率", VT("96%", "100%")),     // 96% ≤ 100% → 15
            ("客户大客户保有率", VT("93%", "95%")),        // 93% < 95% → 0
            ("客户回访率", VT("88%", "85%")),              // ≥ → 10
            ("电话接听率", VT("97%", "97%")),              // "高于": equal is not above → 0
            ("平均响应速度", VT("25", "30")),              // 25 s ≤ 30 s → 10
            ("客户意见反馈及时率", VT("94%", "90%")),      // ≥ → 5
            ("客户有效投诉次数", VT("3", "5")),            // 3 < 5 → 10
            ("投诉处理满意度评分", VT("4.2", "4.5")),      // 4.2 < 4.5 → 0
            ("学习发展培训计划完成率", VT("100%", "100%")), // = target → 5
            ("员工考核达标率", VT("92%", "90%"))));        // 92% > 90% → 5

        Assert.Equal(15m, r.Item("财务费用预算达成率"));
        Assert.Equal(0m, r.Item("客户大客户保有率"));
        Assert.Equal(0m, r.Item("电话接听率"));
        Assert.Equal(10m, r.Item("平均响应速度"));
        Assert.Equal(10m, r.Item("客户有效投诉次数"));
        Assert.Equal(0m, r.Item("投诉处理满意度评分"));
        // total = 15 + 0 + 10 + 0 + 10 + 5 + 10 + 0 + 5 + 5 = 60
        Assert.Equal(60m, r.Total);
        Assert.Equal("合格", r.Grade);  // GR-03 placeholder: 60 ≥ 60
    }

    [Fact]
    public void Quarterly_appraisal_excludes_the_annual_only_items_and_renormalises()
    {
        var r = Score(Id, Full("郑华",
            ("客户回访率", VT("80%", "85%")),
            ("客户有效投诉次数", "不适用"),
            ("投诉处理满意度评分", "不适用")));
        // scored: 15 + 15 + 0 (回访率 missed) + 10 + 10 + 5 + 5 + 5 = 65 of the 75 applicable points
        // renormalised: 65 × 100 / 75 = 86.666…
        Assert.Equal(86.67m, Math.Round(r.Total, 2));
        Assert.Equal(65m * 100m / 75m, r.Total);
        Assert.Equal("良好", r.Grade);  // 86.67 ≥ 80
    }

    [Theory]
    // 财务费用预算达成率 is a cost: at or below the target is met (KF-16)
    [InlineData("财务费用预算达成率", "100%", "100%", 15)]
    [InlineData("财务费用预算达成率", "100.5%", "100%", 0)]
    // 电话接听率 "高于": strictly above (G1)
    [InlineData("电话接听率", "97.1%", "97%", 10)]
    [InlineData("电话接听率", "97%", "97%", 0)]
    // 平均响应速度 "控制在…秒内": ≤ (以内 is inclusive)
    [InlineData("平均响应速度", "30", "30", 10)]
    [InlineData("平均响应速度", "31", "30", 0)]
    // 客户有效投诉次数 "低于…次": strictly below
    [InlineData("客户有效投诉次数", "4", "5", 10)]
    [InlineData("客户有效投诉次数", "5", "5", 0)]
    // 投诉处理满意度评分 "不低于…分": ≥
    [InlineData("投诉处理满意度评分", "4.5", "4.5", 15)]
    [InlineData("投诉处理满意度评分", "4.49", "4.5", 0)]
    // 员工考核达标率 "高于": strictly above
    [InlineData("员工考核达标率", "90%", "90%", 0)]
    // NC-02 default: full if met, otherwise 0 (no partial credit)
    [InlineData("客户回访率", "84.9%", "85%", 0)]
    [InlineData("客户回访率", "85%", "85%", 10)]
    public void Target_met_scores_full_points_direction_aware(string indicator, string value, string target, int expected)
    {
        var r = Score(Id, Full("例", (indicator, VT(value, target))));
        Assert.Equal((decimal)expected, r.Item(indicator));
    }

    [Fact]
    public void No_data_scores_full_points()
    {
        var r = Score(Id, Full("例", ("客户回访率", VT("无数据", "85%"))));
        Assert.Equal(10m, r.Item("客户回访率"));
    }

    [Fact]
    public void Missing_target_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户回访率", "90%"))));
        Assert.Equal("客户回访率", e.Indicator);
        Assert.Contains("目标", e.Message);
    }

    [Fact]
    public void Ambiguous_percent_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("电话接听率", VT("98", "95%")))));
        Assert.Equal("电话接听率", e.Indicator);
    }

    [Fact]
    public void Not_applicable_on_a_quarterly_item_is_an_error()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户回访率", "不适用"))));
        Assert.Equal("客户回访率", e.Indicator);
    }
}
