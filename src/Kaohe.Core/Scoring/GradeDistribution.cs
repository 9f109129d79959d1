using System.Collections.Immutable;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Scoring;

/// <summary>A limit on the share of one grade in a batch (强制分布: 优秀不超过 20%).</summary>
/// <param name="MaxShare">Upper bound as a fraction (0.2 = 20%); null = none. At most floor(Total × MaxShare) people.</param>
/// <param name="MinShare">Lower bound as a fraction; null = none. At least ceil(Total × MinShare) people.</param>
public sealed record DistributionLimit(string Grade, decimal? MaxShare, decimal? MinShare);

/// <summary>How many of the batch got a grade.</summary>
/// <param name="Share">Count / Total as an exact fraction (0 when Total is 0).</param>
public sealed record GradeCount(string Grade, int Count, decimal Share);

/// <summary>A limit that the batch does not meet, in Chinese.</summary>
public sealed record DistributionBreach(string Grade, string Message);

/// <summary>The grade counts of a batch and the limits it breaks.</summary>
/// <param name="Total">People with a grade (those without one are not counted).</param>
public sealed record DistributionCheck(ImmutableArray<GradeCount> Counts, int Total, ImmutableArray<DistributionBreach> Breaches)
{
    /// <summary>Whether every limit is met.</summary>
    public bool Ok => Breaches.IsEmpty;
}

/// <summary>Grade distribution of a batch against share limits. Pure; grades compared with '−' read as '-'.</summary>
public static class GradeDistribution
{
    /// <summary>
    /// Counts per grade in <paramref name="order"/> (every grade of the order listed, 0 included; grades not in the order
    /// appended in the order first seen); null grades are not counted in Total. Max allowed = floor(Total × MaxShare);
    /// min required = ceil(Total × MinShare).
    /// </summary>
    public static DistributionCheck Check(IReadOnlyList<string> order, IReadOnlyList<DistributionLimit> limits, IReadOnlyList<string?> grades)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(grades);
        var names = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in order)
        {
            var key = ConsecutivePeriods.Normalize(g);
            if (counts.TryAdd(key, 0)) names.Add(key);
        }
        var total = 0;
        foreach (var g in grades)
        {
            if (g is null) continue;
            var key = ConsecutivePeriods.Normalize(g);
            if (!counts.ContainsKey(key)) { counts[key] = 0; names.Add(key); }
            counts[key]++;
            total++;
        }
        decimal ShareOf(int n) => total == 0 ? 0 : (decimal)n / total;
        var list = names.Select(n => new GradeCount(n, counts[n], ShareOf(counts[n]))).ToImmutableArray();

        var breaches = ImmutableArray.CreateBuilder<DistributionBreach>();
        foreach (var limit in limits)
        {
            var key = ConsecutivePeriods.Normalize(limit.Grade);
            var n = counts.GetValueOrDefault(key);
            var share = $"{key} {n} 人，占 {Num(ShareOf(n) * 100)}%";
            if (limit.MaxShare is { } max && n > (int)Math.Floor(total * max))
                breaches.Add(new(key, $"{share}，超过上限 {Num(max * 100)}%（{total} 人中最多 {(int)Math.Floor(total * max)} 人）"));
            if (limit.MinShare is { } min && n < (int)Math.Ceiling(total * min))
                breaches.Add(new(key, $"{share}，低于下限 {Num(min * 100)}%（{total} 人中至少 {(int)Math.Ceiling(total * min)} 人）"));
        }
        return new(list, total, breaches.ToImmutable());
    }
}
