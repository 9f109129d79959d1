namespace Kaohe.Core.Attribution;

/// <summary>
/// Every reading of the attribution rules (RULES.md §20) that the text leaves open, with the documented default.
/// Shares are fractions (0.2 = 20%).
/// </summary>
public sealed record AttributionSettings
{
    /// <summary>
    /// The follow-up window in calendar days (7). A contact (the owner's reception or follow-up) on day d keeps the
    /// customer for a revisit up to and including day d + <see cref="LapseDays"/>; a revisit on day d + LapseDays + 1
    /// or later, with no contact in between, finds the customer lapsed ("7天内" includes day 7).
    /// </summary>
    public int LapseDays { get; init; } = 7;

    /// <summary>
    /// False (default): the lapse is measured from the owner's latest contact only (a late follow-up still renews).
    /// True: "每7天需进行至少一次回访" read strictly: any gap of more than <see cref="LapseDays"/> between successive
    /// contacts since the owner took the customer lapses the customer at the next revisit, even if contacts resumed.
    /// </summary>
    public bool AnyGapLapses { get; init; }

    /// <summary>
    /// False (default): after a lapse, a customer who names the former owner is still a new customer ("以回访记录为准").
    /// True: naming the owner wins over the lapse.
    /// </summary>
    public bool NamingOverridesLapse { get; init; }

    /// <summary>False (default): only the owner's own follow-ups keep the customer. True: anyone's follow-up does.</summary>
    public bool OthersFollowUpsCount { get; init; }

    /// <summary>
    /// False (default): an old customer introduces a friend to their owner even when the owner has let the old customer
    /// lapse (the lapse speaks of revisits only). True: a lapsed old customer's referral counts for nobody: the friend
    /// is a new customer of whoever receives them.
    /// </summary>
    public bool LapseAppliesToReferrals { get; init; }

    /// <summary>The assistant's share of the commission when the rota or another consultant closes for a busy or
    /// resting owner (20%).</summary>
    public decimal AssistShare { get; init; } = 0.2m;

    /// <summary>
    /// False (default): the assistant's share is taken out of the deal's commission (the owner keeps the rest).
    /// True: it is paid on top (the owner keeps the whole commission; the parts then sum to more than the deal's).
    /// </summary>
    public bool AssistShareOnTop { get; init; }

    /// <summary>True (default): the sales credit stays with the owner when another consultant closes for a resting owner
    /// (the text is silent; implied by the busy-owner rule). False: it goes to the closer.</summary>
    public bool RestingOwnerKeepsCredit { get; init; } = true;

    /// <summary>The first (owning) consultant's share of the commission when a second consultant, not recognising
    /// the customer, closes the deal (20%).</summary>
    public decimal NonRecognitionOwnerShare { get; init; } = 0.2m;

    /// <summary>
    /// False (default): of two registrations of a new customer on the same day, the earlier time wins; only equal
    /// times (or registrations by date only) are a conflict. True: any two consultants registering the same new
    /// customer on the same day are a conflict for the supervisor.
    /// </summary>
    public bool SameDayClaimsConflict { get; init; }

    /// <summary>The lowest 甩客 fine, 元 (100).</summary>
    public decimal FineMin { get; init; } = 100m;

    /// <summary>The highest 甩客 fine, 元 (500).</summary>
    public decimal FineMax { get; init; } = 500m;

    /// <summary>The default settings.</summary>
    public static AttributionSettings Default { get; } = new();

    /// <summary>The problems of these settings, in Chinese (empty when they are usable).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (LapseDays is < 1 or > 366) p.Add($"回访期限天数应在 1–366 之间，实为 {LapseDays}");
        if (AssistShare is < 0 or > 1) p.Add("协助成交提成比例应在 0%–100% 之间");
        if (NonRecognitionOwnerShare is < 0 or > 1) p.Add("未认出时首次接待顾问的提成比例应在 0%–100% 之间");
        if (FineMin < 0 || FineMax < FineMin) p.Add("甩客罚款范围无效：下限不能为负，上限不能低于下限");
        return p;
    }
}
