using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-05 大客户经理岗位绩效考核表 (S1 L5-54): ST-01 + UB-01, NC-14 (manual), DD-01, DD-02, DD-14, BP-01.</summary>
public class Tpl05Tests
{
    private const string Id = "TPL-05";
    private const string Sales = "销售任务";
    private const string Duties = "客户样品开发跟进·编制购销协议";
    private const string Discipline = "工作纪律";
    private const string Attendance = "考勤管理";
    private const string Other = "其它";

    private static Dictionary<string, object> SalesInput(string actual, string target, int newDealers) =>
        Obj(("销售任务完成", Obj(("实际", actual), ("目标", target))), ("新客户", newDealers));

    /// <summary>A month at exactly 100% of the sales task, duties 35, no deductions and no adjustment: 85 points.</summary>
    private static SubjectInput Month(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            [Sales] = SalesInput("100万", "100万", 0),
            [Duties] = 35,
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("王经理", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("大客户经理岗位绩效考核表", s.Name);
        Assert.Equal(SubjectKind.Person, s.SubjectKind);
        Assert.Equal(new[] { Sales, Duties, Discipline, Attendance, Other }, s.Indicators.Select(i => i.Name));
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points ?? 0));
        Assert.True(s.Indicators.Single(i => i.Name == Duties).Manual);
        Assert.IsType<ProportionalPayout>(s.Payout);
        Assert.NotEmpty(s.Lost);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var subject = Subject("王经理",
            (Sales, SalesInput("46万", "50万", 1)),
            (Duties, 41),
            (Discipline, Obj(("上班聊天玩游戏", 1), ("卫生不合格", 1))),
            (Attendance, Obj(("迟到", 2), ("早退", 1))),
            (Other, 8)).WithExtra("月度绩效奖金", "3200");
        var r = Score(Id, subject);

        // 销售任务: 46万 / 50万 = 92% → 8% below → 1 complete 5% step → 30 − 3 = 27; 1 new dealer +5 → 32
        Assert.Equal(32m, r.Item(Sales));
        Assert.Equal(41m, r.Item(Duties));
        // 工作纪律: 10 − 2 × 1 − 3 × 1 = 5
        Assert.Equal(5m, r.Item(Discipline));
        // 考勤管理: 10 − 1 × 2 − 1 × 1 = 7
        Assert.Equal(7m, r.Item(Attendance));
        Assert.Equal(8m, r.Item(Other));
        // 总分 = 32 + 41 + 5 + 7 + 8 = 93
        Assert.Equal(93m, r.Total);
        // 奖金 = 93 / 100 × 3200 = 2976.00
        Assert.Equal(2976.00m, r.Payout);
    }

    // RULES.md ST-01 examples and Appendix B #11–13 (floor steps, uncapped above target, gate below 50%).
    [Theory]
    [InlineData("100万", 0, 30)]
    [InlineData("87万", 0, 24)]
    [InlineData("112万", 0, 54)]
    [InlineData("112万", 2, 64)]
    [InlineData("45万", 0, 0)]
    [InlineData("50万", 0, 0)]
    [InlineData("45万", 1, 5)]
    [InlineData("99.5万", 0, 30)]
    [InlineData("94.9万", 0, 27)]
    public void SalesTask_St01Examples_ScoreAsSpecified(string actual, int newDealers, int expected)
    {
        var r = Score(Id, Month((Sales, SalesInput(actual, "100万", newDealers))));
        Assert.Equal(expected, r.Item(Sales));
    }

    // RULES.md UB-01 examples: +5 per new dealer, uncapped.
    [Theory]
    [InlineData(0, 30)]
    [InlineData(2, 40)]
    [InlineData(7, 65)]
    public void SalesTask_NewDealers_AddFiveEach(int newDealers, int expected) =>
        Assert.Equal(expected, Score(Id, Month((Sales, SalesInput("80万", "80万", newDealers)))).Item(Sales));

    // RULES.md DD-01 examples (floor 0).
    [Theory]
    [InlineData(1, 0, 1, 5)]
    [InlineData(2, 2, 0, 0)]
    [InlineData(3, 1, 1, 0)]
    [InlineData(0, 0, 0, 10)]
    public void Discipline_Dd01Examples_ScoreAsSpecified(int chatting, int away, int hygiene, int expected)
    {
        var r = Score(Id, Month((Discipline, Obj(("上班聊天玩游戏", chatting), ("因私事离岗", away), ("卫生不合格", hygiene)))));
        Assert.Equal(expected, r.Item(Discipline));
    }

    // RULES.md DD-02 examples: an unapproved leave is also a leave; a ≥ 3-day leave exhausts the item.
    public static TheoryData<Dictionary<string, object>, int> AttendanceExamples => new()
    {
        { Obj(("迟到", 2), ("请假", 1)), 7 },
        { Obj(("旷工", 1), ("请假", 1), ("请假未经批准", 1)), 2 },
        { Obj(("请假", 1), ("请假3天以上", 1)), 0 },
        { Obj(("早退", 3)), 7 },
        { Obj(("旷工", 3)), 0 },
    };

    [Theory]
    [MemberData(nameof(AttendanceExamples))]
    public void Attendance_Dd02Examples_ScoreAsSpecified(Dictionary<string, object> occurrences, int expected) =>
        Assert.Equal(expected, Score(Id, Month((Attendance, occurrences))).Item(Attendance));

    // RULES.md DD-14 examples (a base of 85) and BP-01 examples (B = 3,000).
    [Theory]
    [InlineData(10, 95, 2850)]
    [InlineData(-30, 55, 1650)]
    [InlineData(7, 92, 2760)]
    [InlineData(20, 105, 3150)]
    public void Other_AdjustsTheTotal_AndPayoutIsProportional(int adjustment, int total, int payout)
    {
        var r = Score(Id, Month((Other, adjustment)).WithExtra("月度绩效奖金", 3000));
        Assert.Equal(total, r.Total);
        Assert.Equal(payout, r.Payout);
    }

    [Fact]
    public void Payout_NegativeTotal_PaysNothing()
    {
        // 销售 45% → 0; duties 0; 纪律 −10 → 0; 考勤 2 × 旷工 → 0; 其它 −5 → total −5 → no bonus (BP-01).
        var r = Score(Id, Subject("王经理",
            (Sales, SalesInput("45万", "100万", 0)),
            (Duties, 0),
            (Discipline, Obj(("上班聊天玩游戏", 5))),
            (Attendance, Obj(("旷工", 2))),
            (Other, -5)).WithExtra("月度绩效奖金", 3000));
        Assert.Equal(-5m, r.Total);
        Assert.Equal(0m, r.Payout);
    }

    [Fact]
    public void Other_Omitted_MeansNoAdjustment()
    {
        var r = Score(Id, Month());
        Assert.Equal(0m, r.Item(Other));
        Assert.Equal(85m, r.Total);
        Assert.Null(r.Payout);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    [InlineData(101)]
    public void Other_OutsideOneToHundred_IsAnErrorNamingTheIndicator(double adjustment)
    {
        var e = Assert.Single(Errors(Id, Month((Other, (decimal)adjustment))));
        Assert.Equal(Other, e.Indicator);
        Assert.Contains("-100–100", e.Message);
    }

    [Fact]
    public void Duties_AboveTheInferredFifty_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Duties, 55))));
        Assert.Equal(Duties, e.Indicator);
        Assert.Contains("0–50", e.Message);
    }

    [Fact]
    public void Deduction_UnknownClause_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Discipline, Obj(("串岗", 1))))));
        Assert.Equal(Discipline, e.Indicator);
        Assert.Contains("串岗", e.Message);
    }

    [Fact]
    public void SalesTask_MissingTarget_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Month((Sales, Obj(("销售任务完成", "80万"), ("新客户", 0)))));
        Assert.Contains(errors, e => e.Indicator!.StartsWith(Sales) && e.Message.Contains("目标"));
    }
}
