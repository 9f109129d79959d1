using System.Collections.Immutable;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>Competition ranking ("1224") and the RK-01 examples of RULES §16.</summary>
public sealed class RankingTests
{
    [Fact]
    public void Competition_TiesShareTheBestRank_NextSkips()
    {
        Assert.Equal([1, 2, 2, 4], Ranking.Competition([95m, 90m, 90m, 80m]));
        Assert.Equal([4, 2, 1, 2], Ranking.Competition([70m, 88m, 93m, 88m]));
        Assert.Equal([1, 1, 1], Ranking.Competition([60m, 60.0m, 60.00m]));
    }

    [Fact]
    public void Competition_NullTotal_NoRank_TakesNoPlace()
    {
        Assert.Equal([null, 1, 2, null], Ranking.Competition([null, 90m, 80m, null]));
        Assert.Empty(Ranking.Competition([]));
    }

    [Fact]
    public void Competition_AgreesWithTheEngineRank()
    {
        var scheme = Scheme(Sec("考核", null, Ind("得分", new ManualRule(0, 100, false, null), 100))) with { Ranking = new RankingRule(null, null, null, null, null) };
        decimal[] totals = [93, 88, 59, 93, 75];
        var results = ScoringEngine.ScoreAll(scheme, [.. totals.Select((t, i) => Subject($"单位{i}", ("得分", t.ToString(System.Globalization.CultureInfo.InvariantCulture))))]).Results;
        Assert.Equal(results.Select(r => r.Rank), Ranking.Competition([.. totals.Select(t => (decimal?)t)]));
    }

    /// <summary>RK-01: rank 1 strictly above 90% → +3,000 元; strictly below 60% → −3,000 元; ties at rank 1 all rewarded.</summary>
    [Theory]
    [InlineData("营销:93,研发:88,工程:59,客服:75", "3000,,-3000,")] // ex. 1
    [InlineData("营销:90,研发:88", ",")]                           // ex. 2: top score 90.0 → no reward
    [InlineData("营销:93,客服:93,工程:70", "3000,3000,")]           // ex. 3: tie → both rewarded
    [InlineData("营销:80,工程:60", ",")]                           // ex. 4: 60.0 → no penalty
    public void Rank_Rk01Examples(string scores, string amounts)
    {
        var scheme = Scheme(Sec("考核", null, Ind("得分", new ManualRule(0, 100, false, null), 100))) with
        { Ranking = new RankingRule(100, 3000, 90, -3000, 60) };
        var units = scores.Split(',').Select(s => s.Split(':')).Select(p => Subject(p[0], ("得分", p[1]))).ToArray();
        var results = ScoringEngine.ScoreAll(scheme, units).Results;
        var expected = amounts.Split(',').Select(a => a.Length == 0 ? (decimal?)null : D(a));
        Assert.Equal(expected, results.Select(r => r.RankAmount));
        Assert.Equal(results.Select(r => r.Rank), Ranking.Competition([.. results.Select(r => (decimal?)r.Total)]));
    }
}
