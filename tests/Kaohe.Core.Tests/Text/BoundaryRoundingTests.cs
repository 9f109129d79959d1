using System.Collections.Immutable;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Text;

/// <summary>
/// An explanation never contradicts its rule through display rounding: a value just below a bound is never printed
/// as the bound ("90 在 60–90 分之间", "80% 落在 &lt; 80% 档").
/// </summary>
public sealed class BoundaryRoundingTests
{
    [Theory]
    [InlineData("89.995", "90", "89.995")]
    [InlineData("89.994", "90", "89.99")]   // rounds down: stays below, the usual 2 decimals
    [InlineData("90.004", "90", "90.004")]  // above the bound, rounded down onto it: not "90 > 90"
    [InlineData("59.9999", "60", "59.9999")]
    [InlineData("75.123", "90", "75.12")]
    public void NumAgainst_NeverShowsTheValueOnOrAcrossTheBound(string value, string bound, string expected)
    {
        var shown = Fmt.NumAgainst(D(value), D(bound));
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void PctAgainst_RateJustBelowTheBound_IsNotShownAsTheBound()
    {
        Assert.Equal("79.99996%", Fmt.PctAgainst(D("79.99996"), 80));
        Assert.Equal("79.5%", Fmt.PctAgainst(D("79.5"), 80));
    }

    [Fact]
    public void GradeOf_TotalJustBelowTheBand_IsPrintedWithTheDecimalsThatKeepItBelow()
    {
        var scale = new GradeScale([new GradeBand("优秀", 90, true), new GradeBand("良好", 75, true), new GradeBand("一般", null, true)]);
        var (grade, why) = ScoringEngine.GradeOf(scale, D("89.995"));
        Assert.Equal("良好", grade);
        Assert.Equal("总分 89.995 ≥ 75 → 良好", why);
        Assert.Equal("总分 80.13 ≥ 75 → 良好", ScoringEngine.GradeOf(scale, D("80.125")).Explanation); // away from bounds: 2 decimals
    }

    [Fact]
    public void BandedPayout_TotalJustBelowFullFrom_IsNotPrintedAs90()
    {
        var subject = Subject("甲") with { Extra = ImmutableDictionary<string, Kaohe.Core.Inputs.RawInput>.Empty.Add("奖金基数", Raw("1000")) };
        var (amount, why) = ScoringEngine.Payout(new BandedPayout(null, 60, 90, 100), D("89.995"), subject);
        Assert.Equal(D("899.95"), amount);
        Assert.Contains("总分 89.995 在 60–90 分之间", why);
        Assert.DoesNotContain("总分 90 ", why);
        var (_, none) = ScoringEngine.Payout(new BandedPayout(null, 60, 90, 100), D("59.996"), subject);
        Assert.Contains("总分 59.996 低于 60 分", none);
    }

    [Fact]
    public void Bands_RateJustBelowTheBand_IsShownBelowIt()
    {
        var rule = Bands(B(">=80", 10), B("<80", 5));
        var r = Eval(rule, "79.99996%");
        Assert.Equal(5, r.Score);
        Assert.Contains("79.99996%", r.Explanation);
        Assert.DoesNotContain(" 80%，", r.Explanation);
    }

    [Fact]
    public void Linear_AchievementJustBelowTheThreshold_IsShownBelowIt()
    {
        var r = Eval(Linear(10, D("0.8"), target: 100000), "79999.99");
        Assert.Equal(0, r.Score);
        Assert.Contains("完成率 79.99999%", r.Explanation);
        Assert.Contains("低于 80%", r.Explanation);
    }

    [Fact]
    public void Steps_ValueJustBelowThePivot_IsShownBelowIt()
    {
        var r = Eval(Steps(90, Side(10, 1, 1), Side(10, 1, 1)), "89.99999%");
        Assert.Contains("89.99999%", r.Explanation);
        Assert.DoesNotContain(" 90%，低于 90%", r.Explanation);
    }
}
