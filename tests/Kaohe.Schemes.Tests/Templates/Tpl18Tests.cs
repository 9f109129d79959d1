using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-18 客户经理/专员 工作行为考核表 (综合) (S1 L742-787): LV-05 checklists, UB-09, QR-06.</summary>
public class Tpl18Tests
{
    private const string Id = "TPL-18";

    private const string Promotion = "促销活动组织";
    private const string NewProduct = "新产品";
    private const string Opening = "协助其他区域开业爆破工作";
    private const string AdHoc = "总经理交办的临时工作";
    private const string Training = "员工培训";
    private const string Research = "市场调研";
    private const string SalesStock = "关注近期销售/库存";
    private const string StockArrival = "产品合理库存";
    private const string Display = "对专卖店进行生动化检查/整改";
    private const string Slow = "调整卖场";
    private const string Leads = "意向客户/场地信息";
    private const string BlankMarkets = "创建或更新空白市场信息";
    private const string Reports = "重点市场编制《生活馆建设可行性分析报告》";
    private const string Executed = "工作行为是否执行";
    private const string Satisfaction = "客户满意度";

    /// <summary>A full month; <paramref name="overrides"/> replace single inputs.</summary>
    private static SubjectInput Month(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            [Promotion] = 3,
            [NewProduct] = 1,
            [Opening] = 0,
            [AdHoc] = new[] { "有效完成总经理交办的临时工作" },
            [Training] = 4,
            [Research] = 3,
            [SalesStock] = 2,
            [StockArrival] = 1,
            [Display] = 2,
            [Slow] = 1,
            [Leads] = 3,
            [BlankMarkets] = 7,
            [Reports] = 2,
            [Executed] = "是",
            [Satisfaction] = 8.5m,
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("专员 陈晓东", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal(new[] { "工作行为", "运营部分", "开发部分", "执行与满意度" }, s.Sections.Select(x => x.Name));
        Assert.Equal(15, s.Indicators.Count());
        // printed weights: 10 + 10 + 5 + 5 + 5 + 5 + 4 × 5 + 10 + 10 + 20 = 100%
        Assert.Equal(1m, s.Indicators.Sum(i => i.Weight ?? 0));
        Assert.Equal(5m, s.Indicators.Single(i => i.Name == AdHoc).ConvertTo);
        Assert.Equal(5m, s.Indicators.Single(i => i.Name == Opening).ConvertTo);
        Assert.Equal(100m, s.NominalTotal);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Month());

        Assert.Equal(7.5m, r.Item(Promotion));   // 3 × 2.5
        Assert.Equal(10m, r.Item(NewProduct));
        Assert.Equal(0m, r.Item(Opening));
        Assert.Equal(2.5m, r.Item(AdHoc));       // 1 × 5 = 5 of 10, converted to the 5% weight → 2.5
        Assert.Equal(4m, r.Item(Training));
        Assert.Equal(3m, r.Item(Research));
        Assert.Equal(5m, r.Item(SalesStock));
        Assert.Equal(2.5m, r.Item(StockArrival));
        Assert.Equal(5m, r.Item(Display));
        Assert.Equal(2.5m, r.Item(Slow));
        Assert.Equal(6m, r.Item(Leads));         // 3 × 2
        Assert.Equal(10m, r.Item(BlankMarkets)); // 7 × 2 = 14, capped at the 10% weight
        Assert.Equal(10m, r.Item(Reports));      // 2 × 5
        Assert.Equal(10m, r.Item(Executed));
        Assert.Equal(8.5m, r.Item(Satisfaction));
        // 工作行为 7.5 + 10 + 0 + 2.5 + 4 + 3 = 27; 运营 5 + 2.5 + 5 + 2.5 = 15; 开发 6 + 10 + 10 = 26;
        // 执行与满意度 10 + 8.5 = 18.5 → 27 + 15 + 26 + 18.5 = 86.5
        Assert.Equal(new[] { 27m, 15m, 26m, 18.5m }, r.Sections.Select(x => x.Score));
        Assert.Equal(86.5m, r.Total);
    }

    [Fact]
    public void Score_EverythingAtItsMaximum_Is120()
    {
        var r = Score(Id, Month(
            (Promotion, 4), (Opening, 1), (AdHoc, 2), (Training, 5), (Research, 5), (SalesStock, 2), (StockArrival, 2),
            (Display, 2), (Slow, 2), (Leads, 9), (BlankMarkets, 5), (Reports, 6), (Executed, "是"), (Satisfaction, 10)));
        // 100 (the weighted items) + 10 + 10 (the two items printed beside the 100%)
        Assert.Equal(120m, r.Total);
    }

    [Theory]
    [InlineData(Promotion, 3, "7.5")]   // LV-05 ex. 1
    [InlineData(AdHoc, 1, "2.5")]       // LV-05 ex. 2 (converted; as printed 5)
    [InlineData(AdHoc, 2, "5")]
    [InlineData(Training, 5, "5")]      // LV-05 ex. 3
    [InlineData(Opening, 1, "5")]       // 10 points printed, converted to the 5% weight
    [InlineData(Leads, 3, "6")]         // UB-09 ex. 1
    [InlineData(BlankMarkets, 7, "10")] // UB-09 ex. 2 (uncapped 14)
    [InlineData(Reports, 2, "10")]      // UB-09 ex. 3
    [InlineData(Reports, 5, "20")]      // UB-09 ex. 3 (uncapped 25)
    public void Items_LV05_UB09(string indicator, int count, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month((indicator, count))).Item(indicator));

    [Theory]
    [InlineData("是", "7.5", 10, "7.5")]   // QR-06: executed → 10; 客户满意度 judged 7.5
    [InlineData("否", "0", 0, "0")]
    [InlineData("未执行", "10", 0, "10")]
    public void Items_QR06(string executed, string satisfaction, int expectedExecuted, string expectedSatisfaction)
    {
        var r = Score(Id, Month((Executed, executed), (Satisfaction, satisfaction)));
        Assert.Equal((decimal)expectedExecuted, r.Item(Executed));
        Assert.Equal(decimal.Parse(expectedSatisfaction, CultureInfo.InvariantCulture), r.Item(Satisfaction));
    }

    [Fact]
    public void ChecklistByElementNames_CountsTheTickedElements()
    {
        var r = Score(Id, Month((Promotion, new[] { "活动主题", "组织有序", "有竞争对手" })));
        Assert.Equal(7.5m, r.Item(Promotion));
    }

    [Fact]
    public void MoreTicksThanElements_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((SalesStock, 3))));
        Assert.Equal(SalesStock, e.Indicator);
        Assert.Contains("2", e.Message);
    }

    [Fact]
    public void UnknownElement_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Promotion, new[] { "活动主题", "请客吃饭" }))));
        Assert.Equal(Promotion, e.Indicator);
        Assert.Contains("请客吃饭", e.Message);
    }

    [Fact]
    public void SatisfactionAboveTen_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month((Satisfaction, 12))));
        Assert.Equal(Satisfaction, e.Indicator);
    }
}
