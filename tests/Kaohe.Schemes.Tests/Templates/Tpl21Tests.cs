using System.Globalization;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-21 门店客户服务考核制度范本 (S2 L174-222): 日常 40% + 季度 30% + 年度 30% (WS-03), GR-03 placeholder grades.</summary>
public class Tpl21Tests
{
    private const string Id = "TPL-21";

    private const string Daily = "日常考核";
    private const string Quarterly = "季度考核";
    private const string Annual = "年度考核";

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(PeriodKind.Year, s.Period);
        Assert.Equal(new decimal?[] { 0.4m, 0.3m, 0.3m }, s.Sections.Select(x => x.Weight));
        Assert.Equal(new[] { Daily, Quarterly, Annual }, s.Indicators.Select(i => i.Name));
        Assert.All(s.Indicators, i => Assert.True(i.Manual));
        Assert.Equal(new[] { "优秀", "良好", "合格", "不合格" }, s.Grades!.Bands.Select(b => b.Grade));
        Assert.Equal(4, s.Lost.Length);
        Assert.Equal(new PoorStreakRule("不合格", 2, 3, false, false), Assert.Single(s.Consequences));
    }

    [Fact]
    public void Score_RealisticYear_MatchesHandComputation()
    {
        // 12 monthly daily scores, mean = (88 + 91 + 85 + 90 + 87 + 93 + 89 + 86 + 92 + 90 + 88 + 95) / 12 = 1074 / 12 = 89.5
        // quarterly (84, 88, 86, 90) → 87; annual 91
        var r = Score(Id, Subject("店员 赵丽",
            (Daily, new object[] { 88, 91, 85, 90, 87, 93, 89, 86, 92, 90, 88, 95 }),
            (Quarterly, new object[] { 84, 88, 86, 90 }),
            (Annual, 91)));
        Assert.Equal(89.5m, r.Item(Daily));
        Assert.Equal(87m, r.Item(Quarterly));
        Assert.Equal(91m, r.Item(Annual));
        // 0.4 × 89.5 + 0.3 × 87 + 0.3 × 91 = 35.8 + 26.1 + 27.3 = 89.2 → 良好 (placeholder: ≥ 80, < 90)
        Assert.Equal(89.2m, r.Total);
        Assert.Equal("良好", r.Grade);
    }

    [Theory]
    [InlineData("90", "80", 85, "85.5", "良好")]                           // B55 / WS-03 ex. 1
    [InlineData("78,78.5,77.5,79", "80,82,79,83", 80, "79.6", "合格")]    // WS-03 ex. 2: D = 78.25, Q = 81
    [InlineData("100", "100", 100, "100", "优秀")]
    [InlineData("60", "50", 60, "57", "不合格")]
    [InlineData("95", "90", 80, "89", "良好")]
    public void Composite_WS03_GR03(string daily, string quarterly, int annual, string expected, string grade)
    {
        // several scores are entered as a list (JSON array) and averaged
        static object Scores(string s) => s.Contains(',') ? s.Split(',') : s;
        var r = Score(Id, Subject("店员", (Daily, Scores(daily)), (Quarterly, Scores(quarterly)), (Annual, annual)));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), r.Total);
        Assert.Equal(grade, r.Grade);
    }

    [Fact]
    public void ScoreAbove100_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Subject("店员", (Daily, new object[] { 90, 105 }), (Quarterly, 80), (Annual, 80))));
        Assert.Equal(Daily, e.Indicator);
    }

    [Fact]
    public void MissingAnnualScore_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Subject("店员", (Daily, 90), (Quarterly, 80))));
        Assert.Equal(Annual, e.Indicator);
    }

    [Fact]
    public void AnnualScoreAsAList_IsAnError()
    {
        var errors = Errors(Id, Subject("店员", (Daily, 90), (Quarterly, 80), (Annual, new object[] { 80, 90 })));
        Assert.Contains(errors, e => e.Indicator == Annual);
    }
}
