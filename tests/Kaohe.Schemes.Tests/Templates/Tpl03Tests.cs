using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-03 销售部考核分值表 (S0 L161-201): three QR-03 items.</summary>
public class Tpl03Tests
{
    private const string Id = "TPL-03";
    private static readonly string[] Items = ["做好客户售前服务和售中服务情况", "参与客户投诉处理情况", "参与客户信息收集情况"];

    private static SubjectInput Dept(params string[] grades) =>
        Subject("销售部", [.. Items.Zip(grades, (n, g) => (n, (object)g))]);

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("销售部考核分值表", s.Name);
        Assert.Equal(SubjectKind.Department, s.SubjectKind);
        Assert.Equal(Items, s.Indicators.Select(i => i.Name));
        Assert.Equal(new decimal?[] { 60, 20, 20 }, s.Indicators.Select(i => i.Points));
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Dept("一般", "良好", "优秀"));
        Assert.Equal(30m, r.Item("做好客户售前服务和售中服务情况"));
        Assert.Equal(15m, r.Item("参与客户投诉处理情况"));
        Assert.Equal(20m, r.Item("参与客户信息收集情况"));
        // 30 + 15 + 20 = 65
        Assert.Equal(65m, r.Total);
    }

    // RULES.md QR-03 examples.
    [Theory]
    [InlineData("良好", "优秀", "一般", 78)]
    [InlineData("优秀", "优秀", "优秀", 100)]
    [InlineData("差", "差", "差", 0)]
    [InlineData("良好", "一般", "一般", 66)]
    public void Score_Qr03Examples_SumTheItemScales(string a, string b, string c, int expected) =>
        Assert.Equal(expected, Score(Id, Dept(a, b, c)).Total);

    [Fact]
    public void Grade_UnknownWord_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Dept("优秀", "很好", "优秀")));
        Assert.Equal("参与客户投诉处理情况", e.Indicator);
        Assert.Contains("很好", e.Message);
    }

    [Fact]
    public void Input_GarbledDuplicateName_IsAnUnknownIndicator()
    {
        // S2's duplicate prints 效劳 for 服务 (G8); the template keeps S0's wording as the input key.
        var s = Subject("销售部", ("做好客户售前效劳和售中效劳情况", "优秀"), ("参与客户投诉处理情况", "优秀"), ("参与客户信息收集情况", "优秀"));
        Assert.Contains(Errors(Id, s), e => e.Indicator == "做好客户售前效劳和售中效劳情况" && e.Message.Contains("没有这个指标"));
    }
}
