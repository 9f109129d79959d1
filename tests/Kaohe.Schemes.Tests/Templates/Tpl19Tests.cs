using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-19 岗位标兵评分表 (银保客户经理, S1 L815-834): TB-03/04/05/06, DD-08, TB-12, UB-10 (money),
/// 自评 30% + 直接上级 70% (MR-02).
/// </summary>
public class Tpl19Tests
{
    private const string Id = "TPL-19";

    private const string Regular = "期交个人销售目标";
    private const string Single = "趸交个人销售目标";
    private const string Calls = "电话回访";
    private const string Cancellations = "契撤率";
    private const string Operations = "运营";
    private const string Communication = "沟通";
    private const string Misleading = "品质管理·误导购买";
    private const string FalseInfo = "品质管理·虚假信息";
    private const string Courses = "培训课程开发激励";

    private static Dictionary<string, object> None => new();

    private const string Self = "自评";
    private const string Superior = "直接上级";

    /// <summary>One rater's whole form.</summary>
    private static (string, object)[] Form(
        string regular, string single, (string First, string Second, string Third) calls, int cancellations,
        int errors, Dictionary<string, object> complaints, int misleading, int falseInfo) =>
    [
        (Regular, regular),
        (Single, single),
        (Calls, Obj(("首访成功率", calls.First), ("再访成功率", calls.Second), ("三访成功率", calls.Third))),
        (Cancellations, cancellations),
        (Operations, errors),
        (Communication, complaints),
        (Misleading, misleading),
        (FalseInfo, falseInfo),
    ];

    // Profiles with known totals (each item's score in the comment).
    // 8.5 = 2.5 (70%) + 1 (85%) + 1.5 (72/18/12) + 1 (0 件) + 1 (0 errors) + 1 (no complaint) + 0.5 + 0 (1 false info)
    private static readonly (string, object)[] Profile85 =
        Form("70%", "85%", ("72%", "18%", "12%"), 0, 0, None, 0, 1);

    // 9 = 3 (92%) + 1 (80%) + 2 (75/22/10) + 0.5 (1 件) + 1 + 0.5 (1 customer + 1 teller) + 0.5 + 0.5
    private static readonly (string, object)[] Profile9 =
        Form("92%", "80%", ("75%", "22%", "10%"), 1, 0, Obj(("客户投诉", 1), ("银行柜员投诉", 1)), 0, 0);

    // 10 = everything at its maximum
    private static readonly (string, object)[] Profile10 =
        Form("120%", "100%", ("80%", "30%", "15%"), 0, 0, None, 0, 0);

    // 6 = 3 (85%) + 0.5 (55%) + 0.5 (69/25/5) + 0 (3 件) + 0.6 (2 errors) + 0.4 (1 branch head + 1 customer) + 0.5 + 0.5
    private static readonly (string, object)[] Profile6 =
        Form("85%", "55%", ("69%", "25%", "5%"), 3, 2, Obj(("银行网点主任投诉", 1), ("客户投诉", 1)), 0, 0);

    private static SubjectInput Rated((string, object)[] self, (string, object)[] superior, int courses = 0) =>
        Subject("客户经理 王芳", (Courses, courses)).WithRater(Self, self).WithRater(Superior, superior);

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(10m, s.NominalTotal);
        Assert.Equal(new[] { (Self, 0.3m), (Superior, 0.7m) }, s.Raters.Select(r => (r.Name, r.Weight)));
        Assert.Equal(10m, s.Indicators.Where(i => i.Unit == ScoreUnit.Points).Sum(i => i.Points));
        Assert.All(s.Indicators.Where(i => i.Unit == ScoreUnit.Points), i => Assert.Equal(new[] { Self, Superior }, i.RatedBy));
        Assert.Equal(ScoreUnit.Yuan, s.Indicators.Single(i => i.Name == Courses).Unit);
    }

    [Fact]
    public void Score_RealisticAppraisal_MatchesHandComputation()
    {
        // Self: 期交 78% → 2.5; 趸交 64% → 0.8; 回访 (71%, 19%, 11%) → 1 + 0 + 0.5 = 1.5; 契撤 1 件 → 0.5;
        //   差错 1 件 → 0.8; 1 客户投诉 → 0.8; 误导 0 → 0.5; 虚假 0 → 0.5 → self total 7.9
        var self = Form("78%", "64%", ("71%", "19%", "11%"), 1, 1, Obj(("客户投诉", 1)), 0, 0);
        // Superior: 期交 78% → 2.5; 趸交 64% → 0.8; 回访 (71%, 19%, 11%) → 1.5; 契撤 1 件 → 0.5;
        //   差错 3 件 → 0.4; 1 客户投诉 + 1 柜员投诉 → 0.5; 误导 1 → 0; 虚假 0 → 0.5 → superior total 6.7
        var superior = Form("78%", "64%", ("71%", "19%", "11%"), 1, 3, Obj(("客户投诉", 1), ("银行柜员投诉", 1)), 1, 0);
        var r = Score(Id, Rated(self, superior, courses: 3));

        Assert.Equal(2.5m, r.Item(Regular));
        Assert.Equal(0.8m, r.Item(Single));
        Assert.Equal(1.5m, r.Item(Calls));
        Assert.Equal(0.5m, r.Item(Cancellations));
        Assert.Equal(0.52m, r.Item(Operations));      // 0.3 × 0.8 + 0.7 × 0.4
        Assert.Equal(0.59m, r.Item(Communication));   // 0.3 × 0.8 + 0.7 × 0.5
        Assert.Equal(0.15m, r.Item(Misleading));      // 0.3 × 0.5 + 0.7 × 0
        Assert.Equal(0.5m, r.Item(FalseInfo));
        // 0.3 × 7.9 + 0.7 × 6.7 = 2.37 + 4.69 = 7.06
        Assert.Equal(7.06m, r.Total);
        Assert.Equal(60m, r.Item(Courses));           // 3 courses × 20 元, beside the total
        Assert.Equal(60m, r.Money);
    }

    public static TheoryData<string, string, string> MR02 => new()
    {
        { "8.5", "9", "8.85" },   // B57 / MR-02 ex. 1
        { "10", "6", "7.2" },     // MR-02 ex. 2
    };

    [Theory]
    [MemberData(nameof(MR02))]
    public void Total_MR02(string selfTotal, string superiorTotal, string expected)
    {
        (string, object)[] ByTotal(string t) => t switch { "8.5" => Profile85, "9" => Profile9, "10" => Profile10, "6" => Profile6, _ => throw new ArgumentException(t) };
        Assert.Equal(decimal.Parse(selfTotal, CultureInfo.InvariantCulture), Score(Id, Subject("自评", ByTotal(selfTotal))).Total);
        Assert.Equal(decimal.Parse(superiorTotal, CultureInfo.InvariantCulture), Score(Id, Subject("上级", ByTotal(superiorTotal))).Total);
        var r = Score(Id, Rated(ByTotal(selfTotal), ByTotal(superiorTotal)));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), r.Total);
    }

    [Fact]
    public void MissingSelfAssessment_RenormalisesToTheSuperior()
    {
        var r = Score(Id, Subject("客户经理 王芳", (Courses, 0)).WithRater(Superior, Profile9));
        Assert.Equal(9m, r.Total);
    }

    [Theory]
    [InlineData("80%", "3")]      // TB-03 ex. 1
    [InlineData("79.9%", "2.5")]  // B24 / TB-03 ex. 2
    [InlineData("40%", "1.5")]    // TB-03 ex. 3
    [InlineData("10%", "1")]
    [InlineData("9.9%", "0")]     // TB-03 ex. 4
    public void Regular_TB03(string achieved, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Subject("x", Form(achieved, "80%", ("70%", "20%", "10%"), 0, 0, None, 0, 0))).Item(Regular));

    [Theory]
    [InlineData("55%", "0.5")]   // TB-04 ex. 1
    [InlineData("10%", "0.2")]   // TB-04 ex. 2
    [InlineData("120%", "1")]    // TB-04 ex. 3
    [InlineData("60%", "0.8")]
    public void Single_TB04(string achieved, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Subject("x", Form("80%", achieved, ("70%", "20%", "10%"), 0, 0, None, 0, 0))).Item(Single));

    [Theory]
    [InlineData("72%", "18%", "12%", "1.5")]  // B25 / TB-05 ex. 1
    [InlineData("70%", "20%", "10%", "2")]    // TB-05 ex. 2
    [InlineData("69%", "25%", "5%", "0.5")]   // TB-05 ex. 3
    [InlineData("72%", "无数据", "无数据", "2")] // no call needed a 2nd or 3rd attempt: G6 full points for those parts
    public void Calls_TB05(string first, string second, string third, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Subject("x", Form("80%", "80%", (first, second, third), 0, 0, None, 0, 0))).Item(Calls));

    [Theory]
    [InlineData(0, "1")]     // TB-06
    [InlineData(1, "0.5")]
    [InlineData(3, "0")]
    public void Cancellations_TB06(int count, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Subject("x", Form("80%", "80%", ("70%", "20%", "10%"), count, 0, None, 0, 0))).Item(Cancellations));

    [Theory]
    [InlineData(3, 0, 0, 0, "0.4", "1")]    // DD-08 ex. 1: 3 errors
    [InlineData(6, 0, 0, 0, "0", "1")]      // B49 / DD-08 ex. 2: 6 errors → 0 (floor)
    [InlineData(0, 1, 1, 0, "1", "0.5")]    // DD-08 ex. 3: 1 customer + 1 teller complaint
    [InlineData(0, 0, 0, 2, "1", "0.2")]    // DD-08 ex. 4: 2 branch-head complaints
    public void Deductions_DD08(int errors, int customer, int teller, int branch, string expectedOps, string expectedComm)
    {
        var complaints = Obj(("客户投诉", customer), ("银行柜员投诉", teller), ("银行网点主任投诉", branch));
        var r = Score(Id, Subject("x", Form("80%", "80%", ("70%", "20%", "10%"), 0, errors, complaints, 0, 0)));
        Assert.Equal(decimal.Parse(expectedOps, CultureInfo.InvariantCulture), r.Item(Operations));
        Assert.Equal(decimal.Parse(expectedComm, CultureInfo.InvariantCulture), r.Item(Communication));
    }

    [Theory]
    [InlineData(0, 0, "1")]     // TB-12: no complaints → 0.5, no false info → 0.5
    [InlineData(2, 0, "0.5")]   // TB-12 ex.: 2 complaints → 0
    [InlineData(0, 1, "0.5")]
    public void Quality_TB12(int misleading, int falseInfo, string expected)
    {
        var r = Score(Id, Subject("x", Form("80%", "80%", ("70%", "20%", "10%"), 0, 0, None, misleading, falseInfo)));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), r.Item(Misleading) + r.Item(FalseInfo));
    }

    [Fact]
    public void UnknownRater_IsAnError()
    {
        var s = Subject("客户经理 王芳", (Courses, 0)).WithRater(Self, Profile9).WithRater("同事", Profile9);
        Assert.Contains(Errors(Id, s), e => e.Message.Contains("未知的评分人角色"));
    }

    [Fact]
    public void FractionalCancellationCount_IsAnErrorNamingTheIndicator()
    {
        var superior = Form("92%", "80%", ("75%", "22%", "10%"), 1, 0, None, 0, 0);
        superior[3] = (Cancellations, "1.5");
        var errors = Errors(Id, Rated(Profile9, superior));
        var e = Assert.Single(errors);
        Assert.Contains(Cancellations, e.Indicator);
        Assert.Contains(Superior, e.Indicator);
    }

    [Fact]
    public void UnknownComplaintKind_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("x", Form("80%", "80%", ("70%", "20%", "10%"), 0, 0, Obj(("领导投诉", 1)), 0, 0)));
        var e = Assert.Single(errors);
        Assert.Equal(Communication, e.Indicator);
        Assert.Contains("领导投诉", e.Message);
    }
}
