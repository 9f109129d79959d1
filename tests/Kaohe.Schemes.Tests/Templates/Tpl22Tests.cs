using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-22 客户触点考核管理制度 (S2 L603-656): completion % of the check table, quarterly ranking RK-01, PC-09.</summary>
public class Tpl22Tests
{
    private const string Id = "TPL-22";
    private const string Checks = "《客户触点分级管理检查表》的完成情况";

    private static SubjectInput Unit(string name, int passed, int applicable) =>
        Subject(name, (Checks, Obj(("value", passed), ("目标", applicable))));

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(SubjectKind.Team, s.SubjectKind);
        Assert.Equal(PeriodKind.Quarter, s.Period);
        Assert.Equal(new RankingRule(100, 3000, 90, -3000, 60), s.Ranking);
        // Placeholder quarter grades A+ … D (the seeds give no score → grade table) and GR-01 with its defaults
        Assert.Equal(new[] { "A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D" }, s.Grades!.Bands.Select(b => b.Grade));
        Assert.Equal(new decimal?[] { 95, 90, 85, 80, 75, 70, 65, 60, 55, null }, s.Grades.Bands.Select(b => b.Min));
        Assert.Equal(new AnnualCapRule("B-", 2, 3, true, false), Assert.Single(s.Consequences));
        Assert.Equal(Checks, Assert.Single(s.Indicators).Name);
    }

    [Fact]
    public void Score_RealisticQuarter_MatchesHandComputation()
    {
        var results = ScoreAll(Id,
            Unit("营销", 87, 94),          // 87/94 × 100 = 92.553…%
            Unit("研发", 41, 48),          // 85.416…%
            Unit("工程", 69, 120),         // 57.5%
            Unit("客服", 51, 60),          // 85%
            Unit("物业", 33, 40),          // 82.5%
            Unit("金科苑项目", 180, 200)); // 90%

        var byName = results.ToDictionary(r => r.Subject);
        Assert.Equal(92.55m, Math.Round(byName["营销"].Total, 2));
        Assert.Equal(85.42m, Math.Round(byName["研发"].Total, 2));
        Assert.Equal(57.5m, byName["工程"].Total);
        Assert.Equal(85m, byName["客服"].Total);
        Assert.Equal(82.5m, byName["物业"].Total);
        Assert.Equal(90m, byName["金科苑项目"].Total);

        // ranking: 营销 92.55 > 项目 90 > 研发 85.42 > 客服 85 > 物业 82.5 > 工程 57.5
        Assert.Equal(new int?[] { 1, 3, 6, 4, 5, 2 }, results.Select(r => r.Rank));
        Assert.Equal(3000m, byName["营销"].RankAmount);   // first and > 90%
        Assert.Equal(-3000m, byName["工程"].RankAmount);  // < 60%
        Assert.Null(byName["金科苑项目"].RankAmount);      // 90% exactly, not first anyway
        Assert.Null(byName["客服"].RankAmount);
    }

    [Theory]
    [InlineData("营销:93,研发:88,工程:59,客服:75", "3000,,-3000,")]  // RK-01 ex. 1: 营销 +3,000, 工程 −3,000
    [InlineData("营销:90,研发:88", ",")]                          // B76 / RK-01 ex. 2: top score 90.0 → no reward
    [InlineData("营销:93,客服:93,工程:70", "3000,3000,")]          // RK-01 ex. 3: tie at the top → both +3,000
    [InlineData("营销:80,工程:60", ",")]                          // RK-01 ex. 4: 60.0 → no penalty
    public void Ranking_RK01(string scores, string amounts)
    {
        // each unit has 100 applicable check items, so the passed count is its score %
        var units = scores.Split(',').Select(s => s.Split(':')).Select(p => Unit(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), 100)).ToArray();
        var results = ScoreAll(Id, units);
        var expected = amounts.Split(',').Select(a => a.Length == 0 ? (decimal?)null : decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, results.Select(r => r.RankAmount));
    }

    [Fact]
    public void NoCheckItemsThisQuarter_IsAnError_PC09()
    {
        // PC-09: a function with no check item is not appraised; the engine cannot leave a subject out of the
        // ranking, so the template refuses it instead of ranking it with 0 and a −3,000 penalty.
        var errors = Errors(Id, Unit("营销", 90, 95), Unit("研发", 0, 0));
        var e = Assert.Single(errors);
        Assert.Equal("研发", e.Subject);
        Assert.Equal(Checks, e.Indicator);

        var na = Errors(Id, Unit("营销", 90, 95), Subject("研发", (Checks, "不适用")));
        Assert.Equal(Checks, Assert.Single(na).Indicator);
    }

    [Fact]
    public void MissingApplicableCount_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Subject("营销", (Checks, 90))));
        Assert.Equal(Checks, e.Indicator);
        Assert.Contains("目标", e.Message);
    }
}
