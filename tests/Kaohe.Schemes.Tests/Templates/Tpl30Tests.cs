using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>TPL-30 客户专员月度考核表 (S4 L60): LN-14, plan completion × weight, capped at 100 %.</summary>
public class Tpl30Tests
{
    private const string Id = "TPL-30";
    private const string Visits = "次月拜访工作计划";
    private const string Expansion = "次月拓展工作计划";
    private const string Delivered = "次月输送客户到案场工作";
    private const string Daily = "日常工作";

    private static Dictionary<string, object> Plan(decimal actual, decimal plan) => new() { ["value"] = actual, ["target"] = plan };

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("客户专员月度考核表", s.Name);
        Assert.Equal(PeriodKind.Month, s.Period);
        Assert.Equal(new[] { Visits, Expansion, Delivered, Daily }, s.Indicators.Select(i => i.Name));
        Assert.Equal(new decimal?[] { 40, 25, 20, 15 }, s.Indicators.Select(i => i.Points));
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points));
        Assert.All(s.Indicators.Take(3), i => Assert.Equal(MetricBindingShape.Counts, i.Metric!.Shape));
        Assert.True(s.Indicators.Single(i => i.Name == Daily).Manual);
    }

    [Fact]
    public void Ln14_examples_and_a_whole_month()
    {
        // LN-14 example 1: visits 18 of 20 groups → 40 × 0.9 = 36; example 2: delivered 5 of 4 → 20 × 1 = 20 (capped).
        var r = Score(Id, Subject("客户专员 刘洋", (Visits, Plan(18, 20)), (Expansion, Plan(6, 8)), (Delivered, Plan(5, 4)), (Daily, 12)));
        Assert.Equal(36m, r.Item(Visits));
        Assert.Equal(18.75m, r.Item(Expansion));   // 25 × 6 / 8
        Assert.Equal(20m, r.Item(Delivered));
        Assert.Equal(12m, r.Item(Daily));
        Assert.Equal(86.75m, r.Total);
    }

    [Fact]
    public void A_plan_of_zero_gives_the_item_in_full_and_the_daily_mark_stays_in_its_range()
    {
        var r = Score(Id, Subject("客户专员 刘洋", (Visits, Plan(0, 0)), (Expansion, Plan(0, 8)), (Delivered, Plan(2, 4)), (Daily, 15)));
        Assert.Equal(40m, r.Item(Visits));
        Assert.Equal(0m, r.Item(Expansion));
        Assert.Equal(10m, r.Item(Delivered));
        var errors = Errors(Id, Subject("客户专员 刘洋", (Visits, Plan(1, 2)), (Expansion, Plan(1, 2)), (Delivered, Plan(1, 2)), (Daily, 16)));
        Assert.Contains(errors, e => e.Indicator == Daily);
    }
}
