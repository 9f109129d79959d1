using Kaohe.Core.Inputs;
using Kaohe.Core.Plans;
using Xunit;
using static Kaohe.Core.Tests.Plans.Plans;

namespace Kaohe.Core.Tests.Plans;

/// <summary>Input rows → people's quarters, and the KPI coefficient.</summary>
public class PlanRowsTests
{
    private static PlanRow Row(int n, params (string Key, string Value)[] fields) =>
        new($"第 {n} 行", fields.ToDictionary(f => f.Key, f => (RawInput)new RawScalar(f.Value)));

    [Theory]
    [InlineData("2026Q3", null, 3)]
    [InlineData("2026-Q2", null, 2)]
    [InlineData("2026年第一季度", null, 1)]
    [InlineData("四", "2026", 4)]
    [InlineData("Q1", "2026年", 1)]
    [InlineData("３", "2026", 3)]
    public void Period_CommonWritings(string period, string? year, int quarter)
    {
        var fields = new List<(string, string)> { ("姓名", "张三"), ("季度", period), ("目标", "20万"), ("回款", "8万"), ("KPI系数", "1") };
        if (year is not null) fields.Add(("年度", year));
        var problems = new List<string>();
        var people = PlanRows.Read(DocC(), [Row(2, [.. fields])], problems);
        Assert.Empty(problems);
        Assert.Equal(2026, people[0].Year);
        Assert.Equal(quarter, people[0].Periods[0].Quarter);
    }

    [Fact]
    public void Rows_GroupByIdThenName_InQuarterOrder()
    {
        var problems = new List<string>();
        var people = PlanRows.Read(DocC(),
        [
            Row(2, ("姓名", "张三"), ("工号", "A1"), ("季度", "2026Q2"), ("目标", "20万"), ("回款", "1"), ("KPI系数", "1")),
            Row(3, ("姓名", "张三"), ("工号", "A2"), ("季度", "2026Q1"), ("目标", "20万"), ("回款", "1"), ("KPI系数", "1")),
            Row(4, ("姓名", "张三"), ("工号", "A1"), ("季度", "2026Q1"), ("目标", "20万"), ("回款", "1"), ("KPI系数", "1")),
        ], problems);
        Assert.Empty(problems);
        Assert.Equal(2, people.Count);
        Assert.Equal([1, 2], people[0].Periods.Select(p => p.Quarter));
    }

    [Fact]
    public void Rows_Problems_NameRowAndColumn()
    {
        var problems = new List<string>();
        PlanRows.Read(DocC(),
        [
            Row(2, ("姓名", "张三"), ("季度", "2026Q1"), ("目标", "20万"), ("回款", "8万"), ("任务", "20万"), ("KPI系数", "1")),
            Row(3, ("姓名", "张三"), ("季度", "2026Q2"), ("年度", "2025"), ("目标", "20万"), ("KPI系数", "1")),
            Row(4, ("姓名", "张三"), ("季度", "2026Q3"), ("目标", "20万"), ("贡献比例", "150%"), ("KPI系数", "1")),
            Row(5, ("姓名", "张三"), ("季度", "2026Q4"), ("目标", "20万"), ("联合销售收入", "10万"), ("本人角色", "总部"), ("KPI系数", "1")),
        ], problems);
        Assert.Contains(problems, p => p.StartsWith("第 2 行 “任务”") && p.Contains("重复"));
        Assert.Contains(problems, p => p.StartsWith("第 3 行 “年度”"));
        Assert.Contains(problems, p => p.StartsWith("第 4 行 “贡献比例”"));
        Assert.Contains(problems, p => p.StartsWith("第 5 行 “本人角色”"));
        Assert.Contains(problems, p => p.StartsWith("第 5 行 “收款方”"));
    }

    [Theory]
    [InlineData(90, 80, 70, 82)]
    [InlineData(100, 100, 60, 88)]
    public void Kpi_WeightedRaterScores(int dm, int sm, int sd, decimal kpi) =>
        Assert.Equal(kpi, Kpi.WeightedScore(Kpi80, new Dictionary<string, decimal> { ["部门经理"] = dm, ["销售管理"] = sm, ["销售总监"] = sd }));

    [Theory]
    [InlineData(95, 1.2)]
    [InlineData(90, 1.2)]
    [InlineData(89.99, 1.0)]
    [InlineData(60, 0.8)]
    [InlineData(59, 0)]
    public void Kpi_BandTable_HighestBandReached(decimal score, decimal k)
    {
        var rules = Kpi80 with { Bands = [new(60, 0.8m), new(90, 1.2m), new(75, 1.0m)] };
        Assert.Equal(k, Kpi.Coefficient(rules, score));
    }

    [Fact]
    public void Kpi_NoTable_PlaceholderScoreOver100() => Assert.Equal(0.82m, Kpi.Coefficient(Kpi80, 82));
}

/// <summary>Lint findings on plan settings.</summary>
public class PlanLintTests
{
    [Fact]
    public void SourcePlans_OnlyTheKpiPlaceholder_AndDocAsTaskOnlyType()
    {
        Assert.Equal(["未设置 KPI奖金系数表：按 KPI得分 ÷ 100 折算，这只是占位，请按集团标准设置系数表"], PlanLint.Check(DocB()));
        Assert.Contains(PlanLint.Check(DocC()), f => f.Contains("KPI奖金系数表"));
        Assert.DoesNotContain(PlanLint.Check(DocA()), f => f.Contains("未入漏斗收入"));
    }

    [Fact]
    public void PrintedCapFormula_IsPointedOut()
    {
        var plan = DocC() with { Quarter = DocC().Quarter with { CapFormulaAmount = 100_000m } };
        Assert.Contains(PlanLint.Check(plan), f => f.Contains("超额奖按 100,000元 而不是封顶额 300,000元"));
    }

    [Fact]
    public void CarryLostAtYearEnd_IsPointedOut()
    {
        var plan = DocC() with { Annual = DocC().Annual with { YearEnd = YearEnd.Settle } };
        Assert.Contains(PlanLint.Check(plan), f => f.Contains("转入额会被丢弃"));
    }
}
