using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-10 市场部大客户经理月份绩效考核表: DD-04 (with BL-07, UB-07); 工作质量 and 6S方面 lost their points.</summary>
public class Tpl10Tests
{
    private const string Id = "TPL-10";

    [Fact]
    public void Template_loads_with_the_surviving_items()
    {
        var s = Template(Id);
        Assert.Equal("market-key-account-manager-monthly", s.Slug);
        Assert.Equal(["工作绩效", "工作质量", "6S方面"], s.Indicators.Select(i => i.Name));
        Assert.Equal(30m, s.Indicators.Single(i => i.Name == "工作绩效").Points);
        // the two items whose points the seed lost have no points and start from 0
        Assert.Null(s.Indicators.Single(i => i.Name == "工作质量").Points);
        Assert.Null(s.Indicators.Single(i => i.Name == "6S方面").Points);
        Assert.Equal(3, s.Lost.Length);
    }

    [Fact]
    public void Complete_month_is_scored_by_hand()
    {
        var r = Score(Id, Subject("陈刚",
            ("工作绩效", Obj(
                ("流失年销售额高于10万的大客户", 1),
                ("挽回大客户", 2),
                ("月度销售额总体下降20%的大客户", 1),
                ("未按合同要求回收回款", 1))),
            ("工作质量", Obj(("早退", 1), ("旷工", 1))),
            ("6S方面", "2、3")));

        // 工作绩效: 30 − 10×1 + 5×2 − 5×1 − 5×1 = 20
        Assert.Equal(20m, r.Item("工作绩效"));
        // 工作质量 (points lost, deductions only): −(2×1 + 5×1) = −7
        Assert.Equal(-7m, r.Item("工作质量"));
        // 6S方面 (points lost): −(2 + 3) = −5
        Assert.Equal(-5m, r.Item("6S方面"));
        // total = 20 − 7 − 5 = 8
        Assert.Equal(8m, r.Total);
    }

    [Fact]
    public void Recoveries_are_uncapped_above_30()
    {
        var r = Score(Id, Subject("周洁", ("工作绩效", Obj(("挽回大客户", 3)))));
        // 30 + 5×3 = 45 (UB-07 has no cap, G4)
        Assert.Equal(45m, r.Item("工作绩效"));
        Assert.Equal(45m, r.Total);
    }

    public static TheoryData<Dictionary<string, object>, decimal> Dd04Examples => new()
    {
        // DD-04 example 1: 1 lost (annual 150,000) + 1 recovered → 30 − 10 + 5 = 25
        { Obj(("流失年销售额高于10万的大客户", 1), ("挽回大客户", 1)), 25m },
        // DD-04 example 2: the lost customer had exactly 100,000 → not "高于10万" → not counted → 30
        { Obj(("流失年销售额高于10万的大客户", 0)), 30m },
        // DD-04 example 3: 2 lost + 2 late collections + 1 customer down 25% → 30 − 20 − 10 − 5 = −5
        { Obj(("流失年销售额高于10万的大客户", 2), ("未按合同要求回收回款", 2), ("月度销售额总体下降20%的大客户", 1)), -5m },
        // BL-07 example 3: three customers at −25%, −30%, −10% → 2 qualify → −10 → 20
        { Obj(("月度销售额总体下降20%的大客户", 2)), 20m },
    };

    [Theory]
    [MemberData(nameof(Dd04Examples))]
    public void Rules_md_DD04_and_BL07_examples(Dictionary<string, object> input, decimal expected)
    {
        var r = Score(Id, Subject("例", ("工作绩效", input)));
        Assert.Equal(expected, r.Item("工作绩效"));
    }

    [Fact]
    public void Six_s_value_outside_1_to_5_names_the_indicator()
    {
        var errors = Errors(Id, Subject("坏", ("6S方面", "6")));
        var e = Assert.Single(errors);
        Assert.StartsWith("6S方面", e.Indicator);
        Assert.Contains("1–5", e.Message);
    }

    [Fact]
    public void Fractional_count_names_the_indicator()
    {
        var errors = Errors(Id, Subject("坏", ("工作质量", Obj(("旷工", "1.5")))));
        var e = Assert.Single(errors);
        Assert.StartsWith("工作质量", e.Indicator);
    }
}
