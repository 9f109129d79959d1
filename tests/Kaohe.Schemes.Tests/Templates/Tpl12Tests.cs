using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-12 客服部经理考核评分表: 13 sub-items rated 1–5, LV-02 reading A (rating / 5 × points); cheating voids.</summary>
public class Tpl12Tests
{
    private const string Id = "TPL-12";

    private static readonly string[] Items =
    [
        "精通公司的产品知识和相关工作流程",
        "能熟练运用客服系统和工具,高效解决客户问题",
        "具备良好的沟通技巧和语言表达能力",
        "及时有效地回应客户的咨询和投诉,并解决问题",
        "能够保持友好、耐心和专业的态度与客户进行沟通",
        "能够主动收集客户的反馈,并提供改进建议",
        "能够有效地分配任务,并监督团队成员的工作进度",
        "具备良好的团队合作精神,积极协助其他部门解决问题",
        "能够带领团队克服困难,实现团队目标",
        "能够按规定完成工作任务,并保证工作质量",
        "能够高效地处理客户需求和问题",
        "积极参加培训和学习,提升个人专业能力",
        "能够提出改善工作流程和客户服务的创新建议",
    ];

    /// <summary>A subject with one rating per sub-item, in form order, plus optional extra inputs.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Rated(string name, int[] ratings, params (string, object)[] extra) =>
        Subject(name, [.. Items.Zip(ratings, (i, r) => (i, (object)r.ToString(System.Globalization.CultureInfo.InvariantCulture))), .. extra]);

    [Fact]
    public void Template_loads_with_13_sub_items_in_five_sections()
    {
        var s = Template(Id);
        Assert.Equal("customer-service-manager-rating", s.Slug);
        Assert.Equal(Items, s.Indicators.Where(i => i.Category != Kaohe.Core.Model.IndicatorCategory.Veto).Select(i => i.Name));
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(["专业知识与技能", "客户满意度", "团队管理与协作", "绩效与工作质量", "自我发展与创新", "否决项"], s.Sections.Select(x => x.Name));
    }

    [Fact]
    public void Complete_rating_is_scored_by_hand()
    {
        var r = Score(Id, Rated("黄敏", [4, 5, 3, 4, 4, 5, 3, 4, 2, 5, 3, 4, 1], ("作弊行为", "否")));

        // 专业知识与技能: (4 + 5 + 3)/5 × 10 = 24
        Assert.Equal(8m, r.Item("精通公司的产品知识和相关工作流程"));
        Assert.Equal(24m, r.Sections.Single(x => x.Name == "专业知识与技能").Score);
        // 客户满意度: (4 + 4 + 5)/5 × 10 = 26
        Assert.Equal(26m, r.Sections.Single(x => x.Name == "客户满意度").Score);
        // 团队管理与协作: 3/5 × 10 + 4/5 × 5 + 2/5 × 5 = 6 + 4 + 2 = 12
        Assert.Equal(4m, r.Item("具备良好的团队合作精神,积极协助其他部门解决问题"));
        Assert.Equal(12m, r.Sections.Single(x => x.Name == "团队管理与协作").Score);
        // 绩效与工作质量: 5/5 × 5 + 3/5 × 5 = 5 + 3 = 8
        Assert.Equal(3m, r.Item("能够高效地处理客户需求和问题"));
        // 自我发展与创新: 4/5 × 5 + 1/5 × 5 = 4 + 1 = 5
        Assert.Equal(1m, r.Item("能够提出改善工作流程和客户服务的创新建议"));
        // total = 24 + 26 + 12 + 8 + 5 = 75
        Assert.Equal(75m, r.Total);
        Assert.False(r.Vetoed);
    }

    [Theory]
    // LV-02 example 1: all ratings 4 → reading A 80
    [InlineData(new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 }, 80)]
    // LV-02 example 2: 5 on the three 专业知识 items, 3 elsewhere → 30 + 70 × 0.6 = 72
    [InlineData(new[] { 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 72)]
    // range 20–100
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 20)]
    [InlineData(new[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }, 100)]
    public void Rules_md_LV02_examples(int[] ratings, int expected)
    {
        var r = Score(Id, Rated("例", ratings));
        Assert.Equal((decimal)expected, r.Total);
    }

    [Fact]
    public void Cheating_voids_the_appraisal()
    {
        var r = Score(Id, Rated("作弊者", [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], ("作弊行为", "是")));
        Assert.True(r.Vetoed);
        Assert.Equal(0m, r.Total);
    }

    [Fact]
    public void Rating_above_5_names_the_indicator()
    {
        var ratings = new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6 };
        var e = Assert.Single(Errors(Id, Rated("坏", ratings)));
        Assert.Equal("能够提出改善工作流程和客户服务的创新建议", e.Indicator);
        Assert.Contains("1–5", e.Message);
    }

    [Fact]
    public void Half_rating_names_the_indicator()
    {
        var s = Rated("坏", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
        s = s with { Inputs = s.Inputs.SetItem("能够带领团队克服困难,实现团队目标", Raw("3.5")) };
        var e = Assert.Single(Errors(Id, s));
        Assert.Equal("能够带领团队克服困难,实现团队目标", e.Indicator);
    }

    [Fact]
    public void Missing_rating_names_the_indicator()
    {
        var s = Rated("缺", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
        var e = Assert.Single(Errors(Id, s));
        Assert.Equal("能够提出改善工作流程和客户服务的创新建议", e.Indicator);
    }
}
