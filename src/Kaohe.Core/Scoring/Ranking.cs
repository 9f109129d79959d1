namespace Kaohe.Core.Scoring;

/// <summary>Ranking of totals, as <see cref="ScoringEngine.Rank"/> ranks a run.</summary>
public static class Ranking
{
    /// <summary>
    /// Competition ranking ("1224"): highest total first, equal totals share the best rank and the next rank skips as
    /// many places; a null total (no result) gets a null rank and takes no place. Index for index with <paramref name="totals"/>.
    /// </summary>
    public static int?[] Competition(IReadOnlyList<decimal?> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var ranks = new int?[totals.Count];
        var ordered = Enumerable.Range(0, totals.Count).Where(i => totals[i] is not null)
            .OrderByDescending(i => totals[i]!.Value).ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            var i = ordered[k];
            ranks[i] = k > 0 && totals[ordered[k - 1]] == totals[i] ? ranks[ordered[k - 1]] : k + 1;
        }
        return ranks;
    }
}
