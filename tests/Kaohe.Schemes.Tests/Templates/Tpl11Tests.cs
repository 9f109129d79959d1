using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-11 销售部客户经理月考核表: LV-03 banded rubrics with a rater-chosen value inside a band.</summary>
public class Tpl11Tests
{
    private const string Id = "TPL-11";

    /// <summary>A complete subject (every item filled) with some items replaced.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Full(string name, params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            ["计划与执行"] = "85%",
            ["客户管理工作质量"] = "全面掌握",
            ["客户采购流程"] = "熟悉掌握",
            ["工作效率"] = "82%",
            ["专业知识(产品知识)"] = "熟练掌握",
            ["销售费用控制"] = Obj(("value", "90000"), ("target", "100000")),
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject(name, [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_loads_with_six_visible_items()
    {
        var s = Template(Id);
        Assert.Equal("sales-account-manager-monthly", s.Slug);
        Assert.Equal(["计划与执行", "客户管理工作质量", "客户采购流程", "工作效率", "专业知识(产品知识)", "销售费用控制"], s.Indicators.Select(i => i.Name));
        Assert.Equal(68m, s.Indicators.Sum(i => i.Points ?? 0));
        var rater = Assert.Single(s.Raters);
        Assert.Equal("销售部经理", rater.Name);
        Assert.All(s.Indicators, i => Assert.Equal("销售部经理", Assert.Single(i.RatedBy)));
    }

    [Fact]
    public void Complete_month_rated_by_the_sales_manager()
    {
        var r = Score(Id, Subject("刘洋").WithRater("销售部经理",
            ("计划与执行", "73%"),
            ("客户管理工作质量", "较为全面掌握:16"),
            ("客户采购流程", "熟悉:8"),
            ("工作效率", Obj(("value", "55%"), ("score", "7"))),
            ("专业知识(产品知识)", "较好地掌握"),
            ("销售费用控制", Obj(("value", "52000"), ("target", "50000"), ("score", "7")))));

        // 计划与执行 73% → [70%, 80%) → 9
        Assert.Equal(9m, r.Item("计划与执行"));
        // 客户管理工作质量 较为全面掌握 (12–19), chosen 16
        Assert.Equal(16m, r.Item("客户管理工作质量"));
        // 客户采购流程 熟悉 (7–9), chosen 8
        Assert.Equal(8m, r.Item("客户采购流程"));
        // 工作效率 55% → [50%, 60%) → 6–8, chosen 7
        Assert.Equal(7m, r.Item("工作效率"));
        // 专业知识 较好地掌握 → 9
        Assert.Equal(9m, r.Item("专业知识(产品知识)"));
        // 销售费用控制 52,000 / 50,000 = 104% → inferred band (100%, 110%) → 6–8, chosen 7
        Assert.Equal(7m, r.Item("销售费用控制"));
        // total = 9 + 16 + 8 + 7 + 9 + 7 = 56 (of the visible 68)
        Assert.Equal(56m, r.Total);
    }

    [Fact]
    public void Shared_inputs_work_without_the_rater_column()
    {
        var r = Score(Id, Subject("孙丽",
            ("计划与执行", "91%"),
            ("客户管理工作质量", "全面掌握"),
            ("客户采购流程", "基本了解:5"),
            ("工作效率", "80%"),
            ("专业知识(产品知识)", "熟悉:6"),
            ("销售费用控制", Obj(("value", "115000"), ("target", "100000"), ("score", "6")))));
        // 10 + 20 + 5 + 10 + 6 + 6 (overspend 15% → 6–7 band) = 57
        Assert.Equal(57m, r.Total);
        Assert.Equal(6m, r.Item("销售费用控制"));
    }

    [Theory]
    // LV-03 example 1: plan completion 85% → 10
    [InlineData("计划与执行", "85%", null, 10)]
    // LV-03 example 2: 73% → 9
    [InlineData("计划与执行", "73%", null, 9)]
    // LV-03 example 3: 65% → rater value in [6, 8], e.g. 7
    [InlineData("计划与执行", "65%", "7", 7)]
    // 60% is claimed by "60-69" and "不超过60%": the favourable band 6–8 (G1)
    [InlineData("计划与执行", "60%", "8", 8)]
    [InlineData("计划与执行", "59.9%", "5", 5)]
    // 79.5% lies in the continuous interval [70%, 80%) → 9
    [InlineData("计划与执行", "79.5%", null, 9)]
    // LV-03 example 4: 工作效率 at 55% → [6, 8]; at 45% → [1, 5]
    [InlineData("工作效率", "55%", "6", 6)]
    [InlineData("工作效率", "45%", "3", 3)]
    // 50% is claimed by "50-59%" and "50以下": the favourable band 6–8
    [InlineData("工作效率", "50%", "8", 8)]
    [InlineData("工作效率", "60%", null, 9)]
    public void Rules_md_LV03_completion_bands(string indicator, string rate, string? score, int expected)
    {
        var input = score is null ? (object)rate : Obj(("value", rate), ("score", score));
        var r = Score(Id, Full("例", (indicator, input)));
        Assert.Equal((decimal)expected, r.Item(indicator));
    }

    [Theory]
    // 销售费用控制: within plan → 8; 10%–20% overspend inclusive → 6–7
    [InlineData("100000", "100000", null, 8)]
    [InlineData("98000", "100000", null, 8)]
    [InlineData("110000", "100000", "6", 6)]
    [InlineData("120000", "100000", "7", 7)]
    [InlineData("125000", "100000", "2", 2)]
    public void Sales_cost_control_bands(string actual, string plan, string? score, int expected)
    {
        var fields = new List<(string, object)> { ("value", actual), ("target", plan) };
        if (score is not null) fields.Add(("score", score));
        var r = Score(Id, Full("例", ("销售费用控制", Obj([.. fields]))));
        Assert.Equal((decimal)expected, r.Item("销售费用控制"));
    }

    [Fact]
    public void Unknown_grade_word_names_the_indicator()
    {
        var errors = Errors(Id, Full("坏", ("客户采购流程", "精通")));
        var e = Assert.Single(errors);
        Assert.Equal("客户采购流程", e.Indicator);
        Assert.Contains("熟悉掌握", e.Message);
    }

    [Fact]
    public void Score_outside_the_band_names_the_indicator()
    {
        var errors = Errors(Id, Full("坏", ("计划与执行", Obj(("value", "65%"), ("score", "9")))));
        var e = Assert.Single(errors);
        Assert.Equal("计划与执行", e.Indicator);
        Assert.Contains("6–8", e.Message);
    }

    [Fact]
    public void Ranged_grade_without_a_value_names_the_indicator()
    {
        var errors = Errors(Id, Full("坏", ("客户管理工作质量", "基本掌握")));
        var e = Assert.Single(errors);
        Assert.Equal("客户管理工作质量", e.Indicator);
    }

    [Fact]
    public void Band_that_needs_a_choice_without_one_names_the_indicator()
    {
        var errors = Errors(Id, Full("坏", ("工作效率", "52%")));
        var e = Assert.Single(errors);
        Assert.Equal("工作效率", e.Indicator);
    }
}
