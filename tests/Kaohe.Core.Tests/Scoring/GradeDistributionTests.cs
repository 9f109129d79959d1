using Kaohe.Core.Scoring;
using Xunit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>Grade distribution of a batch against share limits (优秀不超过 20% …).</summary>
public sealed class GradeDistributionTests
{
    private static readonly string[] Order = ["优秀", "良好", "合格", "不合格"];

    /// <summary>15 people: 4 优秀, 6 良好, 5 合格, none 不合格, and two without a grade.</summary>
    private static readonly string?[] Batch =
        [.. Enumerable.Repeat("优秀", 4), .. Enumerable.Repeat("良好", 6), .. Enumerable.Repeat("合格", 5), null, null];

    [Fact]
    public void Check_CountsEveryGradeOfTheOrder_NullsNotCounted()
    {
        var c = GradeDistribution.Check(Order, [], Batch);
        Assert.Equal(15, c.Total);
        Assert.Equal(Order, c.Counts.Select(x => x.Grade));
        Assert.Equal([4, 6, 5, 0], c.Counts.Select(x => x.Count));
        Assert.Equal(4m / 15, c.Counts[0].Share);
        Assert.True(c.Ok);
    }

    [Fact]
    public void Check_MaxAndMinBreached_MessagesInChinese()
    {
        var c = GradeDistribution.Check(Order, [new("优秀", 0.2m, null), new("不合格", null, 0.05m)], Batch);
        Assert.False(c.Ok);
        Assert.Equal(["优秀 4 人，占 26.67%，超过上限 20%（15 人中最多 3 人）", "不合格 0 人，占 0%，低于下限 5%（15 人中至少 1 人）"],
            c.Breaches.Select(b => b.Message));
    }

    [Theory]
    [InlineData(3, true)]   // floor(15 × 20%) = 3 allowed
    [InlineData(4, false)]
    public void Check_MaxAllowedIsTheFloor(int excellent, bool ok)
    {
        string?[] grades = [.. Enumerable.Repeat("优秀", excellent), .. Enumerable.Repeat("合格", 15 - excellent)];
        Assert.Equal(ok, GradeDistribution.Check(Order, [new("优秀", 0.2m, null)], grades).Ok);
    }

    [Fact]
    public void Check_MinRequiredIsTheCeiling()
    {
        // ceil(21 × 5%) = ceil(1.05) = 2
        string?[] one = [.. Enumerable.Repeat("合格", 20), "不合格"];
        var c = GradeDistribution.Check(Order, [new("不合格", null, 0.05m)], one);
        Assert.Contains("21 人中至少 2 人", Assert.Single(c.Breaches).Message);
    }

    [Fact]
    public void Check_GradesOutsideTheOrderAreAppended_MinusSignNormalised()
    {
        var c = GradeDistribution.Check(["A", "B-"], [], ["B−", "C", "A", "C"]);
        Assert.Equal(["A", "B-", "C"], c.Counts.Select(x => x.Grade));
        Assert.Equal([1, 1, 2], c.Counts.Select(x => x.Count));
    }

    [Fact]
    public void Check_EmptyBatch_NoBreach()
    {
        var c = GradeDistribution.Check(Order, [new("优秀", 0.2m, 0.1m)], [null]);
        Assert.Equal(0, c.Total);
        Assert.True(c.Ok);
        Assert.All(c.Counts, x => Assert.Equal(0m, x.Share));
    }
}
