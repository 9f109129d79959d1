namespace Kaohe.Core.Scoring;

/// <summary>How a roll-up counts a period without a published result.</summary>
public enum MissingPeriodPolicy
{
    /// <summary>The mean of the periods that have a result; the missing ones are listed.</summary>
    MeanOfPresent,
    /// <summary>No roll-up total while a period is missing.</summary>
    RequireAll,
    /// <summary>A missing period counts as 0 (said in the explanation).</summary>
    CountAsZero,
}
