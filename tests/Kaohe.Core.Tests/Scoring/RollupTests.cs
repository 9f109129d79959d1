using System.Collections.Immutable;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>Roll-ups of period totals (three months into a quarter …): exact weighted means and the missing-period policies.</summary>
public sealed class RollupTests
{
    private static RollupRule Rule(MissingPeriodPolicy missing, params decimal[] weights) => new([.. weights], missing);

    private static readonly RollupPart[] Gap = [new("2026-10", 86.5m), new("2026-11", null), new("2026-12", 90m)];

    [Fact]
    public void MeanOfPresent_AveragesThePeriodsWithAResult()
    {
        var r = Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent), Gap);
        Assert.Equal(88.25m, r.Total);
        Assert.Equal<string>(["2026-11"], r.Missing);
        Assert.Equal("2026-10 86.5，2026-11 缺（无已发布结果），2026-12 90；按已有 2 期平均：(86.5 + 90) / 2 = 88.25", r.Explanation);
    }

    [Fact]
    public void CountAsZero_TheMissingPeriodCountsAsZero_Exactly()
    {
        var r = Rollup.Compute(Rule(MissingPeriodPolicy.CountAsZero), Gap);
        Assert.Equal(176.5m / 3, r.Total);
        Assert.Contains("2026-11按 0 分计入", r.Explanation);
        Assert.Contains("(86.5 + 0 + 90) / 3 = 58.83", r.Explanation);
    }

    [Fact]
    public void RequireAll_AGap_NoTotal_SaysWhichIsMissing()
    {
        var r = Rollup.Compute(Rule(MissingPeriodPolicy.RequireAll), Gap);
        Assert.Null(r.Total);
        Assert.Equal<string>(["2026-11"], r.Missing);
        Assert.Contains("2026-11缺，暂不能汇总", r.Explanation);
        var full = Rollup.Compute(Rule(MissingPeriodPolicy.RequireAll), [new("2026-10", 80m), new("2026-11", 85m), new("2026-12", 90m)]);
        Assert.Equal(85m, full.Total);
        Assert.Equal("2026-10 80，2026-11 85，2026-12 90；按 3 期平均：(80 + 85 + 90) / 3 = 85", full.Explanation);
    }

    [Fact]
    public void Weights_WeightedMean_ZeroWeightDoesNotCount()
    {
        RollupPart[] year = [new("Q1", 80m), new("Q2", 90m), new("Q3", null), new("Q4", 70m)];
        // Q3's weight is 0: its gap does not count, even under RequireAll
        var r = Rollup.Compute(Rule(MissingPeriodPolicy.RequireAll, 0.2m, 0.3m, 0m, 0.5m), year);
        Assert.Equal((80m * 0.2m + 90m * 0.3m + 70m * 0.5m) / 1m, r.Total);
        Assert.Empty(r.Missing);
        Assert.Contains("Q3 缺（无已发布结果）（权重 0，不计）", r.Explanation);
        Assert.Contains("(80 × 0.2 + 90 × 0.3 + 70 × 0.5) / 1 = 78", r.Explanation);

        // MeanOfPresent renormalises the weights over the present periods
        RollupPart[] gap = [new("Q1", 80m), new("Q2", null), new("Q3", 60m)];
        var m = Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent, 1, 2, 1), gap);
        Assert.Equal(70m, m.Total);
        Assert.Equal<string>(["Q2"], m.Missing);
        Assert.Contains("按已有 2 期加权平均", m.Explanation);
    }

    [Fact]
    public void NoPartPresent_NoTotal()
    {
        RollupPart[] none = [new("Q1", null), new("Q2", null)];
        Assert.Null(Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent), none).Total);
        Assert.Null(Rollup.Compute(Rule(MissingPeriodPolicy.CountAsZero), none).Total);
        Assert.Null(Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent), []).Total);
    }

    [Fact]
    public void ExactDecimals_NoRounding()
    {
        var r = Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent), [new("1", 100m), new("2", 100m), new("3", 0m)]);
        Assert.Equal(200m / 3, r.Total);
        Assert.NotEqual(66.67m, r.Total);
    }

    [Fact]
    public void WrongWeightCount_OrNegativeWeight_ChineseArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent, 1, 1), Gap));
        Assert.Contains("权重个数（2）与期数（3）不一致", e.Message);
        Assert.Throws<ArgumentException>(() => Rollup.Compute(Rule(MissingPeriodPolicy.MeanOfPresent, 1, -1, 1), Gap));
    }

    [Theory]
    [InlineData("85.5", "良好")]  // GR-03 example with the placeholder thresholds
    [InlineData("90", "优秀")]
    [InlineData("59.99", "不合格")]
    public void GradeOf_TheRolledUpTotal_GradedAsTheEngineGrades(string total, string grade)
    {
        var scale = new GradeScale([new("优秀", 90, true), new("良好", 80, true), new("合格", 60, true), new("不合格", null, true)]);
        var (g, text) = ScoringEngine.GradeOf(scale, Kit.D(total));
        Assert.Equal(grade, g);
        Assert.EndsWith("→ " + grade, text);
        Assert.Equal((null, null), ScoringEngine.GradeOf(new GradeScale([new("优秀", 90, true)]), 50));
        Assert.Equal("总分 90 > 89 → A", ScoringEngine.GradeOf(new GradeScale([new("A", 89, false)]), 90).Explanation);
    }
}
