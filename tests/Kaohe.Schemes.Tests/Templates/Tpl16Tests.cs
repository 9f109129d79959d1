using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-16 ⅩⅩ营销部客户经理考核评分表（卷烟）: LN-11 completion ratios, ST-03/04/05/06/07 steps, DD-09 deductions,
/// PC-08 peer averages, QR-07 commendations.
/// </summary>
public class Tpl16Tests
{
    private const string Id = "TPL-16";

    private static Dictionary<string, object> VT(string value, string target) => Obj(("value", value), ("target", target));

    /// <summary>A complete subject with every item at full marks, with some items replaced.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Full(string name, params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            ["重点品牌成长度"] = VT("12%", "10%"),
            ["客户需求预测准确率"] = "95%",
            ["卷烟销售结构(条均价增长)"] = VT("6", "5"),
            ["卷烟销量任务"] = VT("5200", "5000"),
            ["卷烟销售成长率"] = VT("7%", "6%"),
            ["培育品牌卷烟销售(分区域考核)"] = VT("420", "400"),
            ["客户电子动销台帐、发放情况"] = Obj(),
            ["客户盈利分析工作"] = Obj(("完成客户盈利分析工作", "是"), ("维护面", "35%")),
            ["拜访预测到位率"] = Obj(),
            ["客户需求预测评估"] = Obj(),
            ["千条零售客户管理"] = "0",
            ["弱势群体客户帮扶情况"] = "0",
            ["消除空白村工作"] = VT("4", "4"),
            ["访销成功率"] = "99%",
            ["卷烟零售指导价执行情况"] = Obj(),
            ["电子结算户数及成功率和网上订货户数及成功率"] = Obj(
                ("办卡率", VT("85%", "80%")),
                ("电子结算成功率", "95%"),
                ("网上订货", Obj(("户数占比", "65%"), ("成功率", "95%")))),
            ["品牌宽度"] = VT("82%", "80%"),
            ["信息采集"] = Obj(("信息采集数量", VT("200", "200"))),
            ["V3系统运用"] = "1",
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject(name, [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_loads_the_visible_items()
    {
        var s = Template(Id);
        Assert.Equal("tobacco-marketing-account-manager", s.Slug);
        Assert.Equal("ⅩⅩ营销部客户经理考核评分表", s.Name);
        Assert.Equal(50m, s.Sections[0].Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(30m, s.Sections[1].Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(11m, s.Sections[2].Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(20, s.Indicators.Count());
        Assert.True(s.Indicators.Single(i => i.Name == "V3系统运用").Manual);
    }

    [Fact]
    public void Full_marks_without_commendation_are_91()
    {
        var r = Score(Id, Full("满分"));
        // 50 + 30 + 11 visible points (the lost ~9 cannot be scored)
        Assert.Equal(91m, r.Total);
    }

    [Fact]
    public void Complete_month_is_scored_by_hand()
    {
        var r = Score(Id, Subject("何军",
            ("重点品牌成长度", VT("9%", "10%")),                       // 0.9 × 15 = 13.5
            ("客户需求预测准确率", "96.6%"),                           // 15 + floor(1.6) × 1 = 16
            ("卷烟销售结构(条均价增长)", VT("4.2", "5")),               // 0.84 × 5 = 4.2
            ("卷烟销量任务", VT("5100", "5000")),                       // ≥ 100% → 5 (capped)
            ("卷烟销售成长率", VT("-2%", "6%")),                       // negative growth → 0
            ("培育品牌卷烟销售(分区域考核)", VT("360", "400")),          // 0.9 × 5 = 4.5
            ("客户电子动销台帐、发放情况", Obj(
                ("客户基本信息不完整", 0), ("电子台帐缺少月份", 1), ("栏目无故不填", 3), ("其余条款扣分(原文丢失)", "1"))), // 10 − 1 − 1.5 − 1 = 6.5
            ("客户盈利分析工作", Obj(("完成客户盈利分析工作", "是"), ("维护面", "28.5%"))), // 1 + (3 − 0.5 × 1) = 3.5
            ("拜访预测到位率", Obj(("未按要求走访或迟到早退", 1))),     // 2 − 1 = 1
            ("客户需求预测评估", Obj(("预测不及时或不按要求预测", 1))),  // 1 − 0.5 = 0.5
            ("千条零售客户管理", "0"),                                 // 1
            ("弱势群体客户帮扶情况", "1"),                             // 1 − 0.5 = 0.5
            ("消除空白村工作", VT("3", "4")),                           // 0.75 × 1 = 0.75
            ("访销成功率", "95.5%"),                                   // 4 − floor(2.5) = 2
            ("卷烟零售指导价执行情况", Obj(("价格标签", 2), ("零售指导价执行", 3))), // (1 − 0.2) + (2 − 0.3) = 2.5
            ("电子结算户数及成功率和网上订货户数及成功率", Obj(
                ("办卡率", VT("78%", "80%")),                          // 1 − 0.5 × 2 = 0
                ("电子结算成功率", "81%"),                             // 81 / 90 = 0.9
                ("网上订货", Obj(("户数占比", "62%"), ("成功率", "88.5%"))))), // 1 − 0.5 × floor(1.5) = 0.5 → item 1.4
            ("品牌宽度", VT("68%", "80%")),                             // 0.85 × 5 = 4.25
            ("信息采集", Obj(
                ("客户信息全面完整", 1), ("客户信息维护及时准确", 0),
                ("信息采集数量", VT("196", "200")))),                   // (1.5 − 0.5) + 1.5 + (2 − 2) = 2.5
            ("V3系统运用", "0.5"),                                      // manual 0.5
            ("客户经理在工作过程中有突出表现,受到客户表扬", "省级以上、市级"))); // 5 + 3 = 8

        Assert.Equal(16m, r.Item("客户需求预测准确率"));
        Assert.Equal(0m, r.Item("卷烟销售成长率"));
        Assert.Equal(6.5m, r.Item("客户电子动销台帐、发放情况"));
        Assert.Equal(3.5m, r.Item("客户盈利分析工作"));
        Assert.Equal(2m, r.Item("访销成功率"));
        Assert.Equal(1.4m, r.Item("电子结算户数及成功率和网上订货户数及成功率"));
        Assert.Equal(2.5m, r.Item("信息采集"));
        Assert.Equal(8m, r.Item("客户经理在工作过程中有突出表现,受到客户表扬"));
        // 卷烟经营指标 = 13.5 + 16 + 4.2 + 5 + 0 + 4.5 = 43.2
        Assert.Equal(43.2m, r.Sections.Single(x => x.Name == "卷烟经营指标").Score);
        // 服务质量指标 = 6.5 + 3.5 + 1 + 0.5 + 1 + 0.5 + 0.75 + 2 + 2.5 + 1.4 = 19.65
        Assert.Equal(19.65m, r.Sections.Single(x => x.Name == "服务质量指标").Score);
        // 其他指标 = 4.25 + 2.5 + 0.5 = 7.25
        Assert.Equal(7.25m, r.Sections.Single(x => x.Name == "其他指标(原表标题丢失)").Score);
        // total = 43.2 + 19.65 + 7.25 + 8 = 78.1
        Assert.Equal(78.1m, r.Total);
    }

    [Theory]
    // ST-03 examples: 92.4% → 14; 97% → 17; 100% → 20 (Appendix B #16, #17)
    [InlineData("92.4%", 14)]
    [InlineData("97%", 17)]
    [InlineData("100%", 20)]
    [InlineData("95%", 15)]
    [InlineData("80%", 7.5)]
    [InlineData("60%", 0)]
    public void Rules_md_ST03_forecast_accuracy(string accuracy, double expected)
    {
        var r = Score(Id, Full("例", ("客户需求预测准确率", accuracy)));
        Assert.Equal((decimal)expected, r.Item("客户需求预测准确率"));
    }

    [Theory]
    // ST-04 examples: 99% → 4; 96.5% → 3 (Appendix B #18); 93% → 0
    [InlineData("99%", 4)]
    [InlineData("98%", 4)]
    [InlineData("96.5%", 3)]
    [InlineData("93%", 0)]
    public void Rules_md_ST04_visit_sales_success(string rate, int expected)
    {
        var r = Score(Id, Full("例", ("访销成功率", rate)));
        Assert.Equal((decimal)expected, r.Item("访销成功率"));
    }

    [Theory]
    // ST-05: coverage 30% → 3; 28.5% → 2.5; DD-09 example 2: 27% → 1.5, plus 1 for the analysis → 2.5
    [InlineData("是", "30%", 4)]
    [InlineData("是", "28.5%", 3.5)]
    [InlineData("是", "27%", 2.5)]
    [InlineData("否", "27%", 1.5)]
    [InlineData("否", "20%", 0)]
    public void Rules_md_ST05_DD09_profit_analysis(string done, string coverage, double expected)
    {
        var r = Score(Id, Full("例", ("客户盈利分析工作", Obj(("完成客户盈利分析工作", done), ("维护面", coverage)))));
        Assert.Equal((decimal)expected, r.Item("客户盈利分析工作"));
    }

    [Fact]
    public void Rules_md_DD09_ledger_and_price_label_examples()
    {
        var r = Score(Id, Full("例",
            ("客户电子动销台帐、发放情况", Obj(("电子台帐缺少月份", 3))),
            ("卷烟零售指导价执行情况", Obj(("价格标签", 4)))));
        // DD-09 example 1: ledger missing 3 months → 2 − 3 = −1 eats into the rest of the 10-point item → 7
        Assert.Equal(7m, r.Item("客户电子动销台帐、发放情况"));
        // DD-09 example 3: 4 missing price labels → 0.6, plus the full 2 of 零售指导价执行 → 2.6
        Assert.Equal(2.6m, r.Item("卷烟零售指导价执行情况"));
    }

    [Theory]
    // ST-06 example 1: 办卡率 target 80, actual 78 → that part 0 (others full → 2)
    [InlineData("78%", "80%", "95%", "65%", "95%", 2)]
    // ST-06 example 2: 网上订货 share 57%, success 92% → 1 − 1.5 → 0 (others full → 2)
    [InlineData("85%", "80%", "95%", "57%", "92%", 2)]
    // ST-06 example 3: settlement success 81% → 0.9 (others full → 2.9)
    [InlineData("85%", "80%", "81%", "65%", "95%", 2.9)]
    public void Rules_md_ST06_settlement_and_online_ordering(string card, string cardTarget, string settlement, string share, string success, double expected)
    {
        var r = Score(Id, Full("例", ("电子结算户数及成功率和网上订货户数及成功率", Obj(
            ("办卡率", VT(card, cardTarget)),
            ("电子结算成功率", settlement),
            ("网上订货", Obj(("户数占比", share), ("成功率", success)))))));
        Assert.Equal((decimal)expected, r.Item("电子结算户数及成功率和网上订货户数及成功率"));
    }

    [Theory]
    // LN-11 example 1: 重点品牌 ratio 0.9 → 13.5; ratio 1.1 → 15 (capped)
    [InlineData("重点品牌成长度", "9%", "10%", 13.5)]
    [InlineData("重点品牌成长度", "11%", "10%", 15)]
    // LN-11 example 2: 销量任务 4,800 of 5,000 → 4.8
    [InlineData("卷烟销量任务", "4800", "5000", 4.8)]
    // LN-11 example 3: urban brand width 72% vs 80% → 4.5
    [InlineData("品牌宽度", "72%", "80%", 4.5)]
    [InlineData("品牌宽度", "38%", "40%", 4.75)]
    public void Rules_md_LN11_completion_ratio(string indicator, string actual, string task, double expected)
    {
        var r = Score(Id, Full("例", (indicator, VT(actual, task))));
        Assert.Equal((decimal)expected, r.Item(indicator));
    }

    [Theory]
    // ST-07: quantity 97% → −3 within the 5-point 信息采集 item (completeness and accuracy full) → 2; 100% → 5
    [InlineData("97", "100", 2)]
    [InlineData("100", "100", 5)]
    [InlineData("90", "100", 0)]
    public void Rules_md_ST07_information_quantity(string collected, string required, int expected)
    {
        var r = Score(Id, Full("例", ("信息采集", Obj(("信息采集数量", VT(collected, required))))));
        Assert.Equal((decimal)expected, r.Item("信息采集"));
    }

    [Theory]
    // QR-07 examples: one provincial award → +5; municipal + provincial → +8 (sum); a county-level award → 0
    [InlineData("省级以上", 5)]
    [InlineData("市级、省级", 8)]
    [InlineData("县级", 0)]
    public void Rules_md_QR07_commendations(string awards, int expected)
    {
        const string name = "客户经理在工作过程中有突出表现,受到客户表扬";
        var r = Score(Id, Full("例", (name, awards)));
        Assert.Equal((decimal)expected, r.Item(name));
        Assert.Equal(91m + expected, r.Total);
    }

    [Fact]
    public void Rules_md_PC08_peer_average_for_managers_without_such_customers()
    {
        // PC-08 example 1: peers score 1, 0.5, 1, 0.5 → 0.75
        var run = ScoreAll(Id,
            Full("甲", ("千条零售客户管理", "0")),
            Full("乙", ("千条零售客户管理", "1")),
            Full("丙", ("千条零售客户管理", "0")),
            Full("丁", ("千条零售客户管理", "1")),
            Full("戊", ("千条零售客户管理", "不适用"), ("弱势群体客户帮扶情况", "不适用"), ("消除空白村工作", "不适用")));
        var wu = run.Single(x => x.Subject == "戊");
        Assert.Equal(0.75m, wu.Item("千条零售客户管理"));
        // nobody else lacks these customers/tasks: the peers all score 1 → average 1
        Assert.Equal(1m, wu.Item("弱势群体客户帮扶情况"));
        Assert.Equal(1m, wu.Item("消除空白村工作"));
        // 91 − 1 + 0.75 = 90.75
        Assert.Equal(90.75m, wu.Total);
    }

    [Fact]
    public void Rules_md_PC08_nobody_applicable_scores_full()
    {
        // PC-08 example 2: no peers with 千条户 → 1 (full)
        var run = ScoreAll(Id, Full("甲", ("千条零售客户管理", "不适用")), Full("乙", ("千条零售客户管理", "不适用")));
        Assert.All(run, x => Assert.Equal(1m, x.Item("千条零售客户管理")));
    }

    [Fact]
    public void Ambiguous_percent_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户需求预测准确率", "96"))));
        Assert.Equal("客户需求预测准确率", e.Indicator);
    }

    [Fact]
    public void Unknown_commendation_level_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户经理在工作过程中有突出表现,受到客户表扬", "县长表扬"))));
        Assert.Equal("客户经理在工作过程中有突出表现,受到客户表扬", e.Indicator);
        Assert.Contains("省级以上", e.Message);
    }

    [Fact]
    public void Lost_clause_deduction_above_its_limit_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("客户电子动销台帐、发放情况", Obj(("其余条款扣分(原文丢失)", "8"))))));
        Assert.StartsWith("客户电子动销台帐、发放情况", e.Indicator);
    }

    [Fact]
    public void Not_applicable_where_the_form_does_not_allow_it_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("访销成功率", "不适用"))));
        Assert.Equal("访销成功率", e.Indicator);
    }

    [Fact]
    public void V3_manual_entry_above_one_point_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", ("V3系统运用", "2"))));
        Assert.Equal("V3系统运用", e.Indicator);
    }
}
