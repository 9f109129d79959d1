using System.Collections.Immutable;

namespace Kaohe.Core.Model;

/// <summary>A grade scale: bands on the total, highest first; the first whose minimum the total reaches wins.</summary>
public sealed record GradeScale(ImmutableArray<GradeBand> Bands);

/// <summary>A grade band: total ≥ <see cref="Min"/> (or &gt; when not inclusive) → <see cref="Grade"/>.</summary>
/// <param name="Min">Lower bound; null = catches everything below the previous band.</param>
public sealed record GradeBand(string Grade, decimal? Min, bool MinInclusive);

/// <summary>BP: how a total becomes money.</summary>
public abstract record PayoutRule
{
    /// <summary>The bonus base (月度绩效奖金) when constant; null = the subject's <c>奖金基数</c> input.</summary>
    public abstract decimal? Base { get; }
    /// <summary>The stable discriminator in scheme files.</summary>
    public abstract string Kind { get; }
}

/// <summary>BP-01: payout = total / <see cref="PerPoints"/> × base; negative totals pay 0; optionally capped at the base.</summary>
public sealed record ProportionalPayout(decimal? BaseAmount, decimal PerPoints, bool CapAtBase) : PayoutRule
{
    /// <inheritdoc />
    public override decimal? Base => BaseAmount;
    /// <inheritdoc />
    public override string Kind => "proportional";
}

/// <summary>BP-02: total below <see cref="NoneBelow"/> → 0; at or above <see cref="FullFrom"/> → base; otherwise proportional.</summary>
public sealed record BandedPayout(decimal? BaseAmount, decimal NoneBelow, decimal FullFrom, decimal PerPoints) : PayoutRule
{
    /// <inheritdoc />
    public override decimal? Base => BaseAmount;
    /// <inheritdoc />
    public override string Kind => "banded";
}

/// <summary>One row of a score → coefficient table (BP-04).</summary>
public sealed record CoefficientBand(decimal Min, decimal Coefficient);

/// <summary>
/// BP-03/04: actual = accrued × (FixedShare + (1 − FixedShare) × k), where k = the table's coefficient for
/// the total (first row whose minimum the total reaches, rows highest first) or total / 100 without a table.
/// The accrued amount is the base.
/// </summary>
public sealed record CoefficientPayout(decimal? BaseAmount, decimal FixedShare, ImmutableArray<CoefficientBand> Table) : PayoutRule
{
    /// <inheritdoc />
    public override decimal? Base => BaseAmount;
    /// <inheritdoc />
    public override string Kind => "coefficient";
}

/// <summary>RK: a ranking of all subjects of one run with rewards and penalties.</summary>
/// <param name="ByPercentOf">When set, rank and compare by total / ByPercentOf × 100 (RK-01 score%).</param>
/// <param name="TopReward">Reward for rank 1 when its measure is strictly above <see cref="TopAbove"/>; ties at rank 1 are all rewarded.</param>
/// <param name="Penalty">Penalty (a negative amount) for every subject strictly below <see cref="PenaltyBelow"/>.</param>
public sealed record RankingRule(decimal? ByPercentOf, decimal? TopReward, decimal? TopAbove, decimal? Penalty, decimal? PenaltyBelow);
