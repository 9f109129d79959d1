using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-06 客服部经理绩效考核评分表(标准模板) (S1 L56-205): 业绩 (lost 1–3 manual, TB-01, DD-06, TB-02, BL-06, TB-12)
/// × 80% + 行为 (LV-01 × 4) × 20% (WS-01).
/// </summary>
public class Tpl06Tests
{
    private const string Id = "TPL-06";
    private const string Lost = "业绩考核第1-3项（原表丢失）";
    private const string Completion = "完成率";
    private const string Report = "制作客户服务报告";
    private const string Info = "客户信息管理";
    private const string OrphanSales = "孤儿客户管理—销售额";
    private const string OrphanLost = "孤儿客户管理—流失数";
    private static readonly string[] Behaviour = ["主动性", "以客户为中心", "承担责任", "服务细致"];

    /// <summary>业绩 40 + 20 + 20 + 10 + 5 + 5 = 100 and 行为 all level 3 (60) by default.</summary>
    private static SubjectInput Month(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            [Lost] = 40,
            [Completion] = "95%",
            [Info] = "0%",
            [OrphanSales] = Obj(("value", "30万"), ("baseline", "28万")),
            [OrphanLost] = 0,
        };
        foreach (var b in Behaviour) inputs[b] = 3;
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("客服部经理", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    private static decimal Section(SubjectResult r, string name) => r.Sections.Single(s => s.Name == name).Score;

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(new[] { "业绩考核", "行为考核" }, s.Sections.Select(x => x.Name));
        Assert.Equal(new decimal?[] { 0.8m, 0.2m }, s.Sections.Select(x => x.Weight));
        Assert.All(s.Sections, x => Assert.Equal(100m, x.Indicators.Sum(i => i.Points)));
        Assert.Equal(Behaviour, s.Sections[1].Indicators.Select(i => i.Name));
        Assert.True(s.Indicators.Single(i => i.Name == Lost).Manual);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Subject("客服部经理",
            (Lost, "33.5"),
            (Completion, "86.4%"),
            (Report, Obj(("少做", 0), ("未通过", 2))),
            (Info, "1.5%"),
            (OrphanSales, Obj(("value", "86.2万"), ("baseline", "79.5万"))),
            (OrphanLost, 1),
            ("主动性", 4),
            ("以客户为中心", 4),
            ("承担责任", 3),
            ("服务细致", 2)));

        Assert.Equal(33.5m, r.Item(Lost));
        // 完成率 86.4% in [85%, 90%) → 10
        Assert.Equal(10m, r.Item(Completion));
        // 报告: 20 − 2 × 5 = 10
        Assert.Equal(10m, r.Item(Report));
        // 错漏 1.5% ≤ 3% → 5
        Assert.Equal(5m, r.Item(Info));
        // 86.2万 ≥ 79.5万 → 5
        Assert.Equal(5m, r.Item(OrphanSales));
        // 1 orphan customer lost → 0
        Assert.Equal(0m, r.Item(OrphanLost));
        // 业绩 = 33.5 + 10 + 10 + 5 + 5 + 0 = 63.5
        Assert.Equal(63.5m, Section(r, "业绩考核"));
        // 行为 = 4/5 × 25 + 4/5 × 25 + 3/5 × 25 + 2/5 × 25 = 20 + 20 + 15 + 10 = 65
        Assert.Equal(20m, r.Item("主动性"));
        Assert.Equal(65m, Section(r, "行为考核"));
        // 总分 = 63.5 × 80% + 65 × 20% = 50.8 + 13 = 63.8
        Assert.Equal(63.8m, r.Total);
    }

    // RULES.md TB-01 examples and Appendix B #22 (gap 80–85% → 0).
    [Theory]
    [InlineData("92%", 20)]
    [InlineData("90%", 20)]
    [InlineData("87%", 10)]
    [InlineData("85%", 10)]
    [InlineData("82%", 0)]
    [InlineData("79%", 0)]
    [InlineData("0%", 0)]
    public void Completion_Tb01Examples_ScoreAsSpecified(string rate, int expected) =>
        Assert.Equal(expected, Score(Id, Month((Completion, rate))).Item(Completion));

    // RULES.md DD-06 examples and Appendix B #47.
    [Theory]
    [InlineData(0, 0, 20)]
    [InlineData(1, 1, 5)]
    [InlineData(2, 0, 0)]
    [InlineData(0, 3, 5)]
    [InlineData(1, 3, 0)]
    public void Report_Dd06Examples_ScoreAsSpecified(int missing, int failed, int expected) =>
        Assert.Equal(expected, Score(Id, Month((Report, Obj(("少做", missing), ("未通过", failed))))).Item(Report));

    // RULES.md TB-02 examples (6 of 200 = 3.0%, 7 of 200 = 3.5%).
    [Theory]
    [InlineData("0%", 10)]
    [InlineData("3.0%", 5)]
    [InlineData("0.5%", 5)]
    [InlineData("3.5%", 0)]
    public void CustomerInfo_Tb02Examples_ScoreAsSpecified(string errorRate, int expected) =>
        Assert.Equal(expected, Score(Id, Month((Info, errorRate))).Item(Info));

    // RULES.md BL-06 examples (equal sales → 5, the "不低于" default) and TB-12.
    [Theory]
    [InlineData("120万", "110万", 5)]
    [InlineData("100万", "100万", 5)]
    [InlineData("95万", "100万", 0)]
    public void OrphanSales_Bl06Examples_ScoreAsSpecified(string sales, string lastYear, int expected) =>
        Assert.Equal(expected, Score(Id, Month((OrphanSales, Obj(("value", sales), ("baseline", lastYear))))).Item(OrphanSales));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    public void OrphanLost_Tb12Examples_ScoreAsSpecified(int lost, int expected) =>
        Assert.Equal(expected, Score(Id, Month((OrphanLost, lost))).Item(OrphanLost));

    // RULES.md LV-01 examples: levels → 5 per level, 行为 section out of 100.
    [Theory]
    [InlineData(3, 4, 2, 5, 70)]
    [InlineData(1, 1, 1, 1, 20)]
    [InlineData(5, 5, 5, 5, 100)]
    public void Behaviour_Lv01Examples_ScoreAsSpecified(int a, int b, int c, int d, int expected)
    {
        var r = Score(Id, Month(("主动性", a), ("以客户为中心", b), ("承担责任", c), ("服务细致", d)));
        Assert.Equal(expected, Section(r, "行为考核"));
    }

    // RULES.md WS-01 examples: 业绩 85 / 行为 70 → 82; 100 / 20 → 84; 60 / 100 → 68.
    [Theory]
    [InlineData(35, 1, new[] { 3, 4, 2, 5 }, 85, 82)]
    [InlineData(40, 0, new[] { 1, 1, 1, 1 }, 100, 84)]
    [InlineData(20, 2, new[] { 5, 5, 5, 5 }, 60, 68)]
    public void Total_Ws01Examples_WeighTheSections(int lostItems, int missingReports, int[] levels, int performance, int expected)
    {
        // 业绩 = lostItems + 20 (95%) + (20 − 10 × missing) + 10 + 5 + 5
        var r = Score(Id, Month([
            (Lost, lostItems),
            (Report, Obj(("少做", missingReports))),
            .. Behaviour.Zip(levels, (n, l) => (n, (object)l)),
        ]));
        Assert.Equal(performance, Section(r, "业绩考核"));
        Assert.Equal(expected, r.Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Behaviour_LevelOutsideOneToFive_IsAnErrorNamingTheIndicator(int level)
    {
        var e = Assert.Single(Errors(Id, Month(("承担责任", level))));
        Assert.Equal("承担责任", e.Indicator);
        Assert.Contains("1–5", e.Message);
    }

    [Fact]
    public void Behaviour_HalfLevel_IsRejected()
    {
        var e = Assert.Single(Errors(Id, Month(("服务细致", "3.5"))));
        Assert.Equal("服务细致", e.Indicator);
    }

    [Fact]
    public void LostItems_AboveForty_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Lost, 45))));
        Assert.Equal(Lost, e.Indicator);
    }

    [Fact]
    public void Report_UnknownClause_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Report, Obj(("迟交", 1))))));
        Assert.Equal(Report, e.Indicator);
    }
}
