using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-17 客户经理月份考核评分表 (tobacco, S1 L838-873): LN-12 − DD-10 (+ QR-07), WS-05.</summary>
public class Tpl17Tests
{
    private const string Id = "TPL-17";

    private const string Volume = "辖区的销售量完成率";
    private const string KeyBrands = "重点品牌销量完成率";
    private const string Visits = "周期走访客户,提供个性化服务";
    private const string Branding = "品牌宣传培育,提高卷烟结构";
    private const string Orders = "客户订货执行情况";
    private const string Research = "市场调研、信息收集、问题处理情况";
    private const string Compliance = "线路守法经营情况,诚信等级管理工作配合开展情况";
    private const string Settlement = "电子结算工作的宣传和落实";
    private const string Extra = "附加项";

    private static readonly string[] Deductions = [Visits, Branding, Orders, Research, Compliance, Settlement];

    private static SubjectInput Month(string volume, string keyBrands, params (string Indicator, object Value)[] others)
    {
        var inputs = new List<(string, object)> { (Volume, volume), (KeyBrands, keyBrands) };
        inputs.AddRange(others);
        return Subject("客户经理 李建国", [.. inputs]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("客户经理月份考核评分表", s.Name);
        Assert.Equal(PeriodKind.Month, s.Period);
        Assert.Equal(new[] { "辖区业绩指标考核", "工作目标及过程指标考核" }, s.Sections.Select(x => x.Name));
        Assert.Equal(new[] { Volume, KeyBrands }.Concat(Deductions).Append(Extra), s.Indicators.Select(i => i.Name));
        Assert.Equal(100m, s.Sections[0].Indicators.Sum(i => i.Points));
        // 扣分上限 30 / 20 / 15 / 15 / 10 / 10 = 100
        var caps = Deductions.Select(d => ((DeductionRule)s.Indicators.Single(i => i.Name == d).Rule).MaxDeduction).ToArray();
        Assert.Equal(new decimal?[] { 30, 20, 15, 15, 10, 10 }, caps);
    }

    [Fact]
    public void Score_RealisticMonth_MatchesHandComputation()
    {
        var r = Score(Id, Month("93.5%", "87%",
            (Visits, "2、1.5"),
            (Orders, "1"),
            (Research, "0"),
            (Settlement, 2),
            (Extra, "市级以上")));

        Assert.Equal(74.8m, r.Item(Volume));      // 80 × 93.5%
        Assert.Equal(17.4m, r.Item(KeyBrands));   // 20 × 87%
        Assert.Equal(-3.5m, r.Item(Visits));      // 2 + 1.5, under the cap of 30
        Assert.Equal(0m, r.Item(Branding));       // nothing recorded
        Assert.Equal(-1m, r.Item(Orders));
        Assert.Equal(0m, r.Item(Research));
        Assert.Equal(-2m, r.Item(Settlement));
        Assert.Equal(3m, r.Item(Extra));          // 市级以上 +3
        // 辖区业绩 74.8 + 17.4 = 92.2; 过程扣分 3.5 + 1 + 2 = 6.5 → −6.5; 附加项 +3 → 92.2 − 6.5 + 3 = 88.7
        Assert.Equal(92.2m, r.Sections[0].Score);
        Assert.Equal(-3.5m, r.Sections[1].Score);
        Assert.Equal(88.7m, r.Total);
    }

    [Theory]
    [InlineData("96%", "110%", "96.8")]   // LN-12 ex. 1: 76.8 + 20 (capped at 100%)
    [InlineData("100%", "50%", "90")]     // LN-12 ex. 2
    [InlineData("0%", "0%", "0")]
    public void Performance_LN12(string volume, string keyBrands, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Score(Id, Month(volume, keyBrands)).Total);

    [Fact]
    public void DD10_Example1_PerformanceMinusDeductions()
    {
        // DD-10 ex. 1: performance 96.8; deductions 走访 5, 订货 3 → 88.8
        var r = Score(Id, Month("96%", "110%", (Visits, 5), (Orders, 3)));
        Assert.Equal(88.8m, r.Total);
    }

    [Fact]
    public void DD10_Example2_DeductionCappedAtTheCategoryLimit()
    {
        // DD-10 ex. 2: performance 90; 走访 deductions 35 (20 + 15) → capped 30 → 60
        var r = Score(Id, Month("100%", "50%", (Visits, "20、15")));
        Assert.Equal(-30m, r.Item(Visits));
        Assert.Equal(60m, r.Total);
    }

    [Fact]
    public void AllCategoriesExhausted_TotalMayGoNegative()
    {
        // 40 + 10 − (30 + 20 + 15 + 15 + 10 + 10) = −50 (WS-05 allows a negative total)
        var r = Score(Id, Month("50%", "50%",
            (Visits, "30"), (Branding, "20"), (Orders, "15"), (Research, "15"), (Compliance, "10"), (Settlement, "10")));
        Assert.Equal(-50m, r.Total);
    }

    [Theory]
    [InlineData("省级以上", 5)]               // QR-07 ex. 1
    [InlineData("市级以上、省级以上", 8)]     // QR-07 ex. 2: summed
    [InlineData("其他", 0)]                   // QR-07 ex. 3: county level
    public void Extra_QR07(string awards, int expected) =>
        Assert.Equal((decimal)expected, Score(Id, Month("100%", "100%", (Extra, awards))).Item(Extra));

    [Fact]
    public void SingleReasonAboveTheCap_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month("100%", "100%", (Branding, "25"))));
        Assert.Equal(Branding, e.Indicator);
        Assert.Contains("0–20", e.Message);
    }

    [Fact]
    public void AmbiguousPercentage_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month("93.5", "87%")));
        Assert.Equal(Volume, e.Indicator);
        Assert.Equal("93.5", e.Value);
    }

    [Fact]
    public void UnknownAwardLevel_IsAnErrorNamingTheIndicator()
    {
        var e = Assert.Single(Errors(Id, Month("100%", "100%", (Extra, "国家级"))));
        Assert.Equal(Extra, e.Indicator);
        Assert.Contains("省级以上", e.Message);
    }
}
