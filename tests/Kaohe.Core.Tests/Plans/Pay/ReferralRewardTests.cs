using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>PR-01: referral reward by loan size.</summary>
public sealed class ReferralRewardTests
{
    private static decimal Reward(string wan, ReferralParameters? p = null) =>
        ReferralReward.Of(p ?? ReferralParameters.Default, new ReferredLoan(Kit.D(wan) * 10000)).Amount;

    [Theory]
    [InlineData("3", 30)]      // example 1
    [InlineData("8", 50)]      // example 2
    [InlineData("5.5", 50)]    // example 3, Appendix B 69
    [InlineData("100", 100)]   // example 4
    [InlineData("150", 150)]
    [InlineData("250", 150)]   // above the table: the last band by default
    [InlineData("0.5", 30)]    // below 1万: the first band by default
    [InlineData("1", 30)]
    [InlineData("5", 30)]
    [InlineData("5.0001", 50)]
    [InlineData("10", 50)]
    [InlineData("10.5", 80)]
    [InlineData("50", 80)]
    [InlineData("50.01", 100)]
    [InlineData("100.01", 150)]
    [InlineData("200", 150)]
    public void Default_RightClosedBands(string wan, decimal expected) => Assert.Equal(expected, Reward(wan));

    [Theory]
    [InlineData("5.5", 30)]   // example 3's floor reading
    [InlineData("5.99", 30)]
    [InlineData("6", 50)]
    [InlineData("10.9", 50)]
    [InlineData("11", 80)]
    [InlineData("200.5", 150)]
    public void FloorToWholeWan(string wan, decimal expected) =>
        Assert.Equal(expected, Reward(wan, ReferralParameters.Default with { Gaps = BandGaps.FloorToWholeWan }));

    [Fact]
    public void OutsideTable_NotEligible()
    {
        var p = ReferralParameters.Default with { BelowFirstBand = OutsideTable.NotEligible, AboveLastBand = OutsideTable.NotEligible };
        Assert.Equal(0, Reward("0.99", p));
        Assert.Equal(30, Reward("1", p));
        Assert.Equal(150, Reward("200", p));
        Assert.Equal(0, Reward("200.01", p));
        var (_, e) = ReferralReward.Of(p, new ReferredLoan(2_500_000));
        Assert.Equal("250 万元，超过 200 万元，不奖励", e);
    }

    [Fact]
    public void NotDisbursed_NoReward()
    {
        var (a, e) = ReferralReward.Of(ReferralParameters.Default, new ReferredLoan(80_000, Disbursed: false));
        Assert.Equal(0, a);
        Assert.Equal("8 万元，未成功发放，不奖励", e);
    }

    [Fact]
    public void Explanation_NamesTheBand()
    {
        var (_, e) = ReferralReward.Of(ReferralParameters.Default, new ReferredLoan(55_000));
        Assert.Equal("5.5 万元，属于 6–10 万元 一档，奖励 50 元", e);
    }
}
