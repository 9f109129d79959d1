using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-15 客户经理月度KPI绩效考核表（汽车经销）: AC-01 capped achievement (120%) per item, Σ p·i per section,
/// total = 业务 × 40% + 满意度 × 30% + 日常管理 × 30% (WS-04); 日常管理 items on the QR-05 scale, 自评 for reference only.
/// </summary>
public class Tpl15Tests
{
    private const string Id = "TPL-15";

    private static Dictionary<string, object> XA(object actual, object target) => Obj(("value", actual), ("target", target));

    /// <summary>Business and satisfaction inputs (AC-01 examples unless replaced) and the superior's daily-management ratings.</summary>
    private static Kaohe.Core.Inputs.SubjectInput Full(string name, string 委派, string 未名, string 其余, params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            // AC-01 example 1 (A/X): 50/55, 10/6, 20/30, 30/27, 10/10
            ["全新AA+BB销量达成"] = XA("55", "50"),
            ["超90天车辆销售目标"] = XA("6", "10"),
            ["D+S车型销量达成"] = XA("30", "20"),
            ["金融台次达成"] = XA("27", "30"),
            ["二手车目标"] = XA("10", "10"),
            // AC-01 example 2 (A/X): 90/92, 90/85, 100%/96%, 100%/100%
            ["客户满意度(内)"] = XA("92", "90"),
            ["客户满意度(外)"] = XA("85", "90"),
            ["档案正确率(成交客户信息)"] = XA("96%", "100%"),
            ["订单正确率(订单客户为成交客户)"] = XA("100%", "100%"),
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject(name, [.. inputs.Select(kv => (kv.Key, kv.Value))])
            .WithRater("考核人", ("委派工作执行力", 委派), ("日常管理项目(名称丢失)", 未名), ("日常管理其余项目(名称与权重丢失)", 其余));
    }

    [Fact]
    public void Template_loads_three_weighted_sections()
    {
        var s = Template(Id);
        Assert.Equal("auto-dealer-account-manager-kpi", s.Slug);
        Assert.Equal([0.4m, 0.3m, 0.3m], s.Sections.Select(x => x.Weight!.Value));
        Assert.Equal(["业务指标", "满意度指标", "日常管理"], s.Sections.Select(x => x.Name));
        Assert.Equal(100m, s.Sections[0].Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(100m, s.Sections[1].Indicators.Sum(i => i.Points ?? 0));
        // 日常管理: 10 + 20 (name lost) + 70 (inferred manual placeholder)
        Assert.Equal(100m, s.Sections[2].Indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(2, s.Indicators.Count(i => i.Manual));
        Assert.Equal(0m, s.Raters.Single(r => r.Name == "自评").Weight);
    }

    [Fact]
    public void Complete_month_is_scored_by_hand()
    {
        var subject = Subject("钱伟",
                ("全新AA+BB销量达成", XA("46", "40")),              // 1.15 × 20 = 23
                ("超90天车辆销售目标", XA("8", "10")),              // 0.8 × 20 = 16
                ("D+S车型销量达成", XA("33", "25")),                // 1.32 → capped 1.2 × 20 = 24
                ("金融台次达成", XA("18", "24")),                   // 0.75 × 20 = 15
                ("二手车目标", XA("12", "15")),                     // 0.8 × 20 = 16
                ("客户满意度(内)", XA("94.5", "90")),               // 1.05 × 30 = 31.5
                ("客户满意度(外)", XA("81", "90")),                 // 0.9 × 10 = 9
                ("档案正确率(成交客户信息)", XA("98%", "100%")),     // 0.98 × 30 = 29.4
                ("订单正确率(订单客户为成交客户)", XA("97%", "100%"))) // 0.97 × 30 = 29.1
            .WithRater("自评", ("委派工作执行力", "优"), ("日常管理项目(名称丢失)", "18"), ("日常管理其余项目(名称与权重丢失)", "60"))
            .WithRater("考核人", ("委派工作执行力", "良:8.5"), ("日常管理项目(名称丢失)", "16"), ("日常管理其余项目(名称与权重丢失)", "56"));

        var r = Score(Id, subject);

        Assert.Equal(24m, r.Item("D+S车型销量达成"));
        Assert.Equal(31.5m, r.Item("客户满意度(内)"));
        // 自评 has weight 0: the superior's scores count (良 8.5, 16, 56)
        Assert.Equal(8.5m, r.Item("委派工作执行力"));
        Assert.Equal(16m, r.Item("日常管理项目(名称丢失)"));
        // S_业务 = 23 + 16 + 24 + 15 + 16 = 94
        Assert.Equal(94m, r.Sections.Single(x => x.Name == "业务指标").Score);
        // S_满意度 = 31.5 + 9 + 29.4 + 29.1 = 99
        Assert.Equal(99m, r.Sections.Single(x => x.Name == "满意度指标").Score);
        // S_日常 = 8.5 + 16 + 56 = 80.5
        Assert.Equal(80.5m, r.Sections.Single(x => x.Name == "日常管理").Score);
        // total = 94 × 40% + 99 × 30% + 80.5 × 30% = 37.6 + 29.7 + 24.15 = 91.45
        Assert.Equal(91.45m, r.Total);
    }

    [Fact]
    public void Rules_md_AC01_examples()
    {
        var r = Score(Id, Full("例", "优", "20", "55"));
        // AC-01 example 1: p = 1.1, 0.6, 1.2 (capped from 1.5), 0.9, 1.0 → S_业务 = 22 + 12 + 24 + 18 + 20 = 96.0
        Assert.Equal(96m, r.Sections.Single(x => x.Name == "业务指标").Score);
        Assert.Equal(24m, r.Item("D+S车型销量达成"));
        // AC-01 example 2: 30.667 + 9.444 + 28.8 + 30 = 98.91
        Assert.Equal(98.91m, Math.Round(r.Sections.Single(x => x.Name == "满意度指标").Score, 2));
        // AC-01 example 3: S_日常 = 10 + 20 + 55 = 85 → 38.4 + 29.673 + 25.5 = 93.57
        Assert.Equal(85m, r.Sections.Single(x => x.Name == "日常管理").Score);
        Assert.Equal(93.57m, Math.Round(r.Total, 2));
    }

    [Theory]
    // QR-05 examples on 委派工作执行力 (10 points): 优 → 10; 中 → 7; 良 with 0.85 → 8.5; 差 with 0.25 → 2.5
    [InlineData("优", 10)]
    [InlineData("中", 7)]
    [InlineData("良:8.5", 8.5)]
    [InlineData("差:2.5", 2.5)]
    // only the word for a ranged grade → the midpoint (QR-05 default)
    [InlineData("良", 8.5)]
    [InlineData("差", 2.5)]
    [InlineData("可", 6)]
    [InlineData("良好:9", 9)]
    [InlineData("差:0", 0)]
    public void Rules_md_QR05_examples(string grade, double expected)
    {
        var r = Score(Id, Full("例", grade, "20", "70"));
        Assert.Equal((decimal)expected, r.Item("委派工作执行力"));
    }

    [Fact]
    public void Achievement_above_120_percent_is_capped()
    {
        var r = Score(Id, Full("例", "优", "20", "70", ("二手车目标", XA("30", "10"))));
        // 300% → 120% × 20 = 24
        Assert.Equal(24m, r.Item("二手车目标"));
    }

    [Fact]
    public void Grade_value_outside_its_range_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", "良:9.5", "20", "70")));
        Assert.StartsWith("委派工作执行力", e.Indicator);
        Assert.Contains("8–9", e.Message);
    }

    [Fact]
    public void Unknown_grade_word_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", "很好", "20", "70")));
        Assert.StartsWith("委派工作执行力", e.Indicator);
        Assert.Contains("优", e.Message);
    }

    [Fact]
    public void Manual_entry_above_its_points_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", "优", "25", "70")));
        Assert.StartsWith("日常管理项目(名称丢失)", e.Indicator);
    }

    [Fact]
    public void Self_rating_alone_cannot_be_scored()
    {
        var s = Full("坏", "优", "20", "70");
        s = s with { Raters = s.Raters.Remove("考核人") };
        s = s.WithRater("自评", ("委派工作执行力", "优"), ("日常管理项目(名称丢失)", "20"), ("日常管理其余项目(名称与权重丢失)", "70"));
        var errors = Errors(Id, s);
        Assert.Contains(errors, e => e.Indicator == "委派工作执行力");
    }

    [Fact]
    public void Missing_target_names_the_indicator()
    {
        var e = Assert.Single(Errors(Id, Full("坏", "优", "20", "70", ("金融台次达成", "18"))));
        Assert.Equal("金融台次达成", e.Indicator);
    }
}
