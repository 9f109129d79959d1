namespace Kaohe.Core.Model;

/// <summary>
/// A rule over an appraisee's published history (GR-01, GR-02): not part of one period's score, but of what a
/// sequence of published results leads to. Persisted in scheme YAML under <c>consequences:</c> with <see cref="Kind"/>.
/// </summary>
public abstract record ConsequenceRule
{
    /// <summary>The stable discriminator used in scheme files (<c>kind:</c>).</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// GR-02: consecutive poor results. A result is poor when its grade is at or below <paramref name="PoorAtOrBelow"/> in
/// the scheme's grade order (best first).
/// </summary>
/// <param name="PoorAtOrBelow">The best grade that still counts as poor (不合格).</param>
/// <param name="WarnAfter">This many consecutive poor results (default 2) → 警告或罚款.</param>
/// <param name="ReviewAfter">This many poor results (default 3) → 考虑调整工作岗位或解除劳动合同; counted consecutively, or
/// over the whole history given when <paramref name="CumulativeReview"/>.</param>
/// <param name="CumulativeReview">False (default): "第三次" is the third consecutive poor result; true: the third in all.</param>
/// <param name="MissingBreaks">A period without a published result breaks the chain (true) or is skipped (false, default).</param>
public sealed record PoorStreakRule(string PoorAtOrBelow, int WarnAfter = 2, int ReviewAfter = 3, bool CumulativeReview = false, bool MissingBreaks = false) : ConsequenceRule
{
    /// <inheritdoc />
    public override string Kind => "poor-streak";
}

/// <summary>
/// GR-01: the annual grade is capped at <paramref name="Threshold"/> when <paramref name="Adjacent"/> adjacent assessed
/// quarters, or <paramref name="Cumulative"/> quarters of the year, are at or below it.
/// </summary>
/// <param name="Threshold">The grade at or below which a quarter counts, and the cap (B−).</param>
/// <param name="Adjacent">How many adjacent quarters at or below the threshold cap the year (default 2).</param>
/// <param name="Cumulative">How many quarters of the year in all cap it (default 3).</param>
/// <param name="SkipNotAssessed">True (default): a not-assessed quarter neither counts nor breaks adjacency; false: it breaks the chain.</param>
/// <param name="CrossYear">Q4 of the previous year is adjacent to Q1 (default false); it never counts towards <paramref name="Cumulative"/>.</param>
public sealed record AnnualCapRule(string Threshold = "B-", int Adjacent = 2, int Cumulative = 3, bool SkipNotAssessed = true, bool CrossYear = false) : ConsequenceRule
{
    /// <inheritdoc />
    public override string Kind => "annual-cap";
}
