using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-09 大客户经理绩效考核表（市场部版）: DD-03 deductions that may go negative, TB-10 late steps.</summary>
public class Tpl09Tests
{
    private const string Id = "TPL-09";

    [Fact]
    public void Template_loads_with_the_seed_items_and_points()
    {
        var s = Template(Id);
        Assert.Equal("market-key-account-manager", s.Slug);
        Assert.Equal(["工作", "工作态度", "出勤率"], s.Indicators.Select(i => i.Name));
        Assert.Equal(60m, s.Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(60m, s.NominalTotal);
        Assert.All(s.Indicators, i => Assert.Equal("DD-03", i.RuleRef));
        Assert.NotEmpty(s.Lost);
    }

    [Fact]
    public void Complete_month_is_scored_by_hand()
    {
        var r = Score(Id, Subject("李明",
            ("工作", Obj(
                ("未在规定时间内完成大客户跟踪任务", 1),
                ("对所属客户的生产进度及要求不熟悉", "2"),
                ("上班时不接听电话或接听电话用语不当", "1、2"),
                ("客户或公司人员投诉", 0),
                ("未及时下单生产延误进度或开单错误漏开发货单", "4"),
                ("库存周转期超过一周", 1))),
            ("工作态度", Obj(
                ("上班聊天玩游戏上网吃东西", 2),
                ("工作不认真负责拖拉怠工", "3"),
                ("不服从上级工作安排或与领导顶撞", "6"),
                ("沟通配合不积极或与同事发生争吵", "2、1"))),
            ("出勤率", Obj(("少出勤天数", 1), ("迟到次数", 2)))));

        // 工作: 30 − (5×1 + 2 + (1+2) + 0 + 4 + 3×1) = 30 − 17 = 13
        Assert.Equal(13m, r.Item("工作"));
        // 工作态度: 20 − (2×2 + 3 + 6 + (2+1)) = 20 − 16 = 4
        Assert.Equal(4m, r.Item("工作态度"));
        // 出勤率: 10 − 2×1 − 1 (2 lates, TB-10) = 7
        Assert.Equal(7m, r.Item("出勤率"));
        // total = 13 + 4 + 7 = 24 (out of 60)
        Assert.Equal(24m, r.Total);
        Assert.False(r.Vetoed);
    }

    [Fact]
    public void Negative_item_scores_count_in_the_total()
    {
        var r = Score(Id, Subject("王强",
            ("工作", Obj(("客户或公司人员投诉", 3), ("未及时下单生产延误进度或开单错误漏开发货单", "5、5、4"), ("未完成上级交办的其它事项", 2))),
            ("工作态度", Obj(("不服从上级工作安排或与领导顶撞", "10、9"), ("上班聊天玩游戏上网吃东西", 1))),
            ("出勤率", Obj(("少出勤天数", 5), ("迟到次数", 4)))));

        // 工作: 30 − (5×3 + (5+5+4) + 3×2) = 30 − 35 = −5
        Assert.Equal(-5m, r.Item("工作"));
        // 工作态度: 20 − ((10+9) + 2) = −1
        Assert.Equal(-1m, r.Item("工作态度"));
        // 出勤率: 10 − 2×5 − 5 (4 lates ≥ 3) = −5
        Assert.Equal(-5m, r.Item("出勤率"));
        // total = −5 − 1 − 5 = −11 ("单项分值可以扣至负数,并入总分")
        Assert.Equal(-11m, r.Total);
    }

    [Fact]
    public void No_incidents_score_the_full_60()
    {
        var r = Score(Id, Subject("赵六"));
        Assert.Equal(60m, r.Total);
    }

    public static TheoryData<string, Dictionary<string, object>, decimal> Dd03Examples => new()
    {
        // DD-03 example 1: 出勤 4 missing days + 3 lates → 10 − 8 − 5 = −3 (Appendix B #45)
        { "出勤率", Obj(("少出勤天数", 4), ("迟到次数", 3)), -3m },
        // DD-03 example 2: 工作 2 complaints + 1 order error rated 3 → 30 − 10 − 3 = 17
        { "工作", Obj(("客户或公司人员投诉", 2), ("未及时下单生产延误进度或开单错误漏开发货单", "3")), 17m },
        // DD-03 example 3: 工作态度 3 × chatting + 1 insubordination rated 8 → 20 − 6 − 8 = 6
        { "工作态度", Obj(("上班聊天玩游戏上网吃东西", 3), ("不服从上级工作安排或与领导顶撞", "8")), 6m },
    };

    [Theory]
    [MemberData(nameof(Dd03Examples))]
    public void Rules_md_DD03_examples(string indicator, Dictionary<string, object> input, decimal expected)
    {
        var r = Score(Id, Subject("例", (indicator, input)));
        Assert.Equal(expected, r.Item(indicator));
    }

    [Theory]
    // TB-10: 1 late → 0; 2 → −1; 3 → −5; 6 → −5 (deducted from the 10-point 出勤率)
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 9)]
    [InlineData(3, 5)]
    [InlineData(6, 5)]
    public void Rules_md_TB10_late_steps(int lates, int expected)
    {
        var r = Score(Id, Subject("例", ("出勤率", Obj(("迟到次数", lates)))));
        Assert.Equal((decimal)expected, r.Item("出勤率"));
    }

    [Fact]
    public void Ranged_deduction_outside_its_range_names_the_indicator()
    {
        var errors = Errors(Id, Subject("坏", ("工作", Obj(("对所属客户的生产进度及要求不熟悉", "6")))));
        var e = Assert.Single(errors);
        Assert.StartsWith("工作", e.Indicator);
        Assert.Contains("1–5", e.Message);
    }

    [Fact]
    public void Unknown_clause_names_the_indicator()
    {
        var errors = Errors(Id, Subject("坏", ("工作态度", Obj(("迟到", 2)))));
        var e = Assert.Single(errors);
        Assert.Equal("工作态度", e.Indicator);
        Assert.Contains("迟到", e.Message);
    }

    [Fact]
    public void Negative_count_is_rejected()
    {
        var errors = Errors(Id, Subject("坏", ("出勤率", Obj(("少出勤天数", "-1")))));
        Assert.Contains(errors, e => e.Indicator!.StartsWith("出勤率"));
    }
}
