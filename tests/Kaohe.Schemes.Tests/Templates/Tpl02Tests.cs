using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-02 市场部考核分值表 (S0 L113-160): four QR-02 items with their own point scales.</summary>
public class Tpl02Tests
{
    private const string Id = "TPL-02";
    private static readonly string[] Items = ["客户开发企划情况", "参与客户管理情况", "参与客户投诉处理情况", "协助维护客户信息库情况"];

    private static SubjectInput Dept(params string[] grades) =>
        Subject("市场部", [.. Items.Zip(grades, (n, g) => (n, (object)g))]);

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("市场部考核分值表", s.Name);
        Assert.Equal(SubjectKind.Department, s.SubjectKind);
        Assert.Equal(Items, s.Indicators.Select(i => i.Name));
        Assert.Equal(new decimal?[] { 60, 20, 10, 10 }, s.Indicators.Select(i => i.Points));
        Assert.Equal(100m, s.NominalTotal);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Dept("良好", "优秀", "差", "一般"));
        Assert.Equal(50m, r.Item("客户开发企划情况"));
        Assert.Equal(20m, r.Item("参与客户管理情况"));
        Assert.Equal(0m, r.Item("参与客户投诉处理情况"));
        Assert.Equal(2m, r.Item("协助维护客户信息库情况"));
        // 50 + 20 + 0 + 2 = 72
        Assert.Equal(72m, r.Total);
    }

    // RULES.md QR-02 examples.
    [Theory]
    [InlineData("优秀", "良好", "一般", "良好", 83)]
    [InlineData("良好", "良好", "良好", "良好", 77)]
    [InlineData("一般", "差", "优秀", "一般", 42)]
    [InlineData("优秀", "优秀", "优秀", "优秀", 100)]
    public void Score_Qr02Examples_SumTheItemScales(string a, string b, string c, string d, int expected) =>
        Assert.Equal(expected, Score(Id, Dept(a, b, c, d)).Total);

    [Fact]
    public void LiangHaoSix_WithoutFen_IsSixPoints()
    {
        // "良好6" has no "分" in the seed; read as 6 points.
        Assert.Equal(6m, Score(Id, Dept("差", "差", "差", "良好")).Item("协助维护客户信息库情况"));
    }

    [Fact]
    public void Grade_UnknownWord_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Dept("良", "优秀", "优秀", "优秀")));
        Assert.Equal("客户开发企划情况", e.Indicator);
        Assert.Contains("良好(50)", e.Message);
    }

    [Fact]
    public void Grade_Missing_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, Subject("市场部", ("客户开发企划情况", "优秀"), ("参与客户管理情况", "优秀"), ("参与客户投诉处理情况", "优秀")));
        var e = Assert.Single(errors);
        Assert.Equal("协助维护客户信息库情况", e.Indicator);
    }

    [Fact]
    public void Grade_NumberInsteadOfWord_IsRejected()
    {
        // Half grades or raw points are not allowed: "55" is not one of the four words.
        var e = Assert.Single(Errors(Id, Dept("55", "优秀", "优秀", "优秀")));
        Assert.Equal("客户开发企划情况", e.Indicator);
    }
}
