using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-20 客服考核制度细则 (S2 L48-78): TB-07, TB-08, DD-07; the form totals 95 (sic).</summary>
public class Tpl20Tests
{
    private const string Id = "TPL-20";

    private const string Satisfaction = "客户满意度";
    private const string Speed = "问题处理速度";
    private const string Accuracy = "问题处理准确性";
    private const string Conduct = "服务规范性";
    private const string Tasks = "工作任务完成情况";
    private const string Knowledge = "业务知识掌握程度";
    private const string Overtime = "加班情况";
    private const string Attendance = "出勤情况";
    private const string Initiative = "工作积极性";
    private const string Peers = "同事评价";
    private const string Cooperation = "协同解决问题";
    private const string Sharing = "分享经验";

    /// <summary>The two inputs every month needs; deduction items default to "nothing recorded".</summary>
    private static SubjectInput Month(string satisfaction, object testScore, params (string Indicator, object Value)[] others)
    {
        var inputs = new List<(string, object)> { (Satisfaction, satisfaction), (Knowledge, testScore) };
        inputs.AddRange(others);
        return Subject("客服专员 刘敏", [.. inputs]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(95m, s.NominalTotal);
        Assert.Null(s.NormaliseTo);
        Assert.Equal(new[] { "工作质量", "工作量", "工作态度", "团队协作" }, s.Sections.Select(x => x.Name));
        Assert.Equal(new[] { 40m, 30m, 15m, 10m }, s.Sections.Select(x => x.Indicators.Sum(i => i.Points ?? 0)));
        Assert.Equal(12, s.Indicators.Count());
        Assert.Equal(new[] { "优秀", "良好", "合格", "不合格" }, s.Grades!.Bands.Select(b => b.Grade));
        // GR-02: two consecutive 不合格 → warning or fine, the third → reassignment review
        Assert.Equal(new PoorStreakRule("不合格", 2, 3, false, false), Assert.Single(s.Consequences));
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Month("92.3%", 86,
            (Speed, "2.5"),
            (Accuracy, 1),
            (Conduct, 0),
            (Tasks, 1),
            (Overtime, 0),
            (Attendance, 2),
            (Peers, 0)));

        Assert.Equal(10m, r.Item(Satisfaction));  // 92.3% > 90%
        Assert.Equal(0m, r.Item(Speed));          // 2.5 h → 3 started hours × 5 = 15 → floored at 0
        Assert.Equal(5m, r.Item(Accuracy));       // 10 − 5
        Assert.Equal(10m, r.Item(Conduct));
        Assert.Equal(10m, r.Item(Tasks));         // 15 − 5
        Assert.Equal(5m, r.Item(Knowledge));      // 86 < 90 → 10 − 5
        Assert.Equal(5m, r.Item(Overtime));
        Assert.Equal(0m, r.Item(Attendance));     // 2 lates/early leaves → 扣除 5 once
        Assert.Equal(5m, r.Item(Initiative));     // nothing recorded
        Assert.Equal(5m, r.Item(Peers));
        Assert.Equal(5m, r.Item(Cooperation));
        Assert.Equal(5m, r.Item(Sharing));
        // 工作质量 10 + 0 + 5 + 10 = 25; 工作量 10 + 5 + 5 = 20; 工作态度 0 + 5 + 5 = 10; 团队协作 5 + 5 = 10 → 65 of 95
        Assert.Equal(new[] { 25m, 20m, 10m, 10m }, r.Sections.Select(x => x.Score));
        Assert.Equal(65m, r.Total);
        Assert.Equal("合格", r.Grade);  // GR-03 placeholder on the 95-point total: 65 ≥ 60
    }

    [Fact]
    public void Score_AllPerfect_Is95()
    {
        // DD-07 ex. 3: all perfect → 95 (the form's total; normalised 100 is only an alternative)
        Assert.Equal(95m, Score(Id, Month("96%", 93)).Total);
        Assert.Equal("优秀", Score(Id, Month("96%", 93)).Grade);
    }

    [Theory]
    [InlineData("93%", "10")]   // TB-07 ex. 1
    [InlineData("90%", "0")]    // B26 / TB-07 ex. 2: "高于" is strict, 90% is unspecified → 0
    [InlineData("85%", "0")]    // TB-07 ex. 3
    [InlineData("无数据", "10")] // no survey answers: G6 full points
    public void Satisfaction_TB07(string rate, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month(rate, 95)).Item(Satisfaction));

    [Theory]
    [InlineData(95, "10")]   // TB-08 ex.
    [InlineData(90, "10")]   // 90 claimed by both bands → the favourable one (G1)
    [InlineData(72, "5")]
    public void Knowledge_TB08(int testScore, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month("95%", testScore)).Item(Knowledge));

    [Theory]
    [InlineData("1.5", "0")]   // B48 / DD-07 ex. 1: ceil → 2 h → 10 → 0 (floor 5, pro-rata 2.5 are alternatives)
    [InlineData("0.5", "5")]   // a started hour counts
    [InlineData("1", "5")]
    [InlineData("0", "10")]
    public void Speed_DD07(string hoursOver, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month("95%", 95, (Speed, hoursOver))).Item(Speed));

    [Theory]
    [InlineData(Tasks, 2, "5")]         // DD-07 ex. 2: two overdue tasks → 15 − 10
    [InlineData(Tasks, 4, "0")]
    [InlineData(Accuracy, 1, "5")]
    [InlineData(Conduct, 3, "0")]
    [InlineData(Overtime, 1, "0")]      // 5 or 0
    [InlineData(Attendance, 3, "0")]    // deducted once, not per late arrival
    [InlineData(Initiative, 1, "0")]
    [InlineData(Peers, 1, "0")]
    [InlineData(Cooperation, 0, "5")]
    [InlineData(Sharing, 1, "0")]
    public void Deductions_DD07(string indicator, int count, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month("95%", 95, (indicator, count))).Item(indicator));

    [Fact]
    public void MissingSatisfaction_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Subject("客服专员 刘敏", (Knowledge, 95))));
        Assert.Equal(Satisfaction, e.Indicator);
    }

    [Fact]
    public void NegativeHours_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month("95%", 95, (Speed, "-1"))));
        Assert.Contains(Speed, e.Indicator);
    }

    [Fact]
    public void HoursWithAWrongUnit_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month("95%", 95, (Speed, "2天"))));
        Assert.Contains(Speed, e.Indicator);
        Assert.Equal("2天", e.Value);
    }
}
