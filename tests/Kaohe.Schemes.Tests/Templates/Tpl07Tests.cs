using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-07 客服经理月度绩效考核表 (S1 L332-381): WS-02 (60/20/20 as item points), MR-04, BP-02.</summary>
public class Tpl07Tests
{
    private const string Id = "TPL-07";

    private static readonly (string Name, decimal Max)[] Items =
    [
        ("客户关系的维护", 10), ("建立客户信息库", 10), ("客诉处理", 10), ("主管考核第4-5项（原表丢失）", 15),
        ("分析/执行能力", 5), ("协调/沟通能力", 5), ("责任感/全局观念/企业认同感", 5),
        ("财务制度遵守与执行", 20), ("出勤率及行政制度执行", 20),
    ];

    private static (string, object)[] Scores(params decimal[] values) =>
        [.. Items.Zip(values, (i, v) => (i.Name, (object)v))];

    /// <summary>Shared inputs adding up to <paramref name="total"/>: items filled to their maximum in form order.</summary>
    private static SubjectInput WithTotal(decimal total)
    {
        var left = total;
        var inputs = new List<(string, object)>();
        foreach (var (name, max) in Items)
        {
            var v = Math.Min(max, left);
            inputs.Add((name, v));
            left -= v;
        }
        return Subject("李经理", [.. inputs]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("客服经理月度绩效考核表", s.Name);
        Assert.Equal(new[] { "主管考核", "财务考核", "行政考核" }, s.Sections.Select(x => x.Name));
        Assert.Equal(new decimal?[] { 60, 20, 20 }, s.Sections.Select(x => x.Indicators.Sum(i => i.Points)));
        Assert.Equal(Items.Select(i => i.Name), s.Indicators.Select(i => i.Name));
        Assert.All(s.Indicators, i => Assert.True(i.Manual));
        Assert.Equal(new[] { ("自评", 0m), ("主管评", 1m) }, s.Raters.Select(r => (r.Name, r.Weight)));
        var payout = Assert.IsType<BandedPayout>(s.Payout);
        Assert.Equal((60m, 90m), (payout.NoneBelow, payout.FullFrom));
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var subject = Subject("李经理")
            .WithRater("自评", Scores(10, 10, 9, 15, 5, 5, 5, 20, 19))
            .WithRater("主管评", Scores(8.5m, 9, 7, 12, 4, 4.5m, 5, 18, 17))
            .WithExtra("绩效奖金", 2800);
        var r = Score(Id, subject);

        // MR-04: 自评 has weight 0 (shown, not counted) → each item is the supervisor's score.
        Assert.Equal(8.5m, r.Item("客户关系的维护"));
        Assert.Equal(4.5m, r.Item("协调/沟通能力"));
        // 主管考核 = 8.5 + 9 + 7 + 12 + 4 + 4.5 + 5 = 50
        Assert.Equal(50m, r.Sections.Single(s => s.Name == "主管考核").Score);
        Assert.Equal(18m, r.Item("财务制度遵守与执行"));
        Assert.Equal(17m, r.Item("出勤率及行政制度执行"));
        // 总分 = 50 + 18 + 17 = 85 (the self-assessment would have been 98)
        Assert.Equal(85m, r.Total);
        // BP-02: 60 ≤ 85 < 90 → 2800 / 100 × 85 = 2380.00
        Assert.Equal(2380.00m, r.Payout);
    }

    // RULES.md BP-02 examples and Appendix B #60–61 (B = 3,000).
    [Theory]
    [InlineData(59, 0)]
    [InlineData(60, 1800)]
    [InlineData(89.5, 2685)]
    [InlineData(90, 3000)]
    [InlineData(96, 3000)]
    [InlineData(72.25, 2167.5)]
    public void Payout_Bp02Examples_PayAsSpecified(double total, double payout)
    {
        var r = Score(Id, WithTotal((decimal)total).WithExtra("绩效奖金", 3000));
        Assert.Equal((decimal)total, r.Total);
        Assert.Equal((decimal)payout, r.Payout);
    }

    // RULES.md WS-02 examples: item scores add up; 60% / 20% / 20% are the sections' maxima.
    [Theory]
    [InlineData(new double[] { 9, 9, 8, 13, 4, 4, 5 }, 18, 15, 85)]
    [InlineData(new double[] { 9, 9, 9, 13.5, 4.5, 4.5, 4.5 }, 20, 10, 84)]
    public void Total_Ws02Examples_AddTheSections(double[] supervisorItems, double finance, double admin, double expected)
    {
        var values = supervisorItems.Select(x => (decimal)x).Append((decimal)finance).Append((decimal)admin).ToArray();
        Assert.Equal((decimal)expected, Score(Id, Subject("李经理", Scores(values))).Total);
    }

    [Fact]
    public void Raters_Mr04_SelfIsInformationalOnly()
    {
        // Self 92, supervisor 84 → 实得 84.
        var subject = Subject("李经理")
            .WithRater("自评", Scores(10, 10, 9, 14, 5, 5, 4, 18, 17))
            .WithRater("主管评", Scores(9, 9, 8, 13, 4, 4, 4, 17, 16));
        var r = Score(Id, subject);
        Assert.Equal(84m, r.Total);
        var rated = r.Indicators.Single(i => i.Name == "客诉处理").Raters;
        Assert.Equal(9m, rated.Single(x => x.Role == "自评").Score);
        Assert.Equal(0m, rated.Single(x => x.Role == "自评").Weight);
    }

    [Fact]
    public void Raters_SelfOnly_IsAnError()
    {
        var errors = Errors(Id, Subject("李经理").WithRater("自评", Scores(10, 10, 10, 15, 5, 5, 5, 20, 20)));
        Assert.Contains(errors, e => e.Indicator == "客户关系的维护");
    }

    [Fact]
    public void Item_AboveItsWeight_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("李经理").WithRater("主管评", Scores(12, 9, 8, 13, 4, 4, 4, 17, 16)));
        var e = Assert.Single(errors);
        Assert.StartsWith("客户关系的维护", e.Indicator);
        Assert.Contains("0–10", e.Message);
    }

    [Fact]
    public void Rater_UnknownRole_IsAnError()
    {
        var errors = Errors(Id, WithTotal(80).WithRater("部门经理", ("客诉处理", 8)));
        Assert.Contains(errors, e => e.Value == "部门经理" && e.Message.Contains("主管评"));
    }
}
