namespace Kaohe.Core.Attribution;

/// <summary>Which rule moved a customer or decided a deal; shown to users by its Chinese name (<see cref="AttributionText.Name"/>).</summary>
public enum AttributionRule
{
    /// <summary>First contact: the earliest registration owns a new customer (AT-01).</summary>
    FirstContact,
    /// <summary>Old customer: a revisiting customer stays with the consultant who received them (AT-02).</summary>
    OldCustomer,
    /// <summary>Referral: a new customer brought by an old one belongs to the old one's owner (AT-03).</summary>
    Referral,
    /// <summary>Referral forfeited: the old customer's owner was present and did not serve (AT-03).</summary>
    ReferralForfeited,
    /// <summary>Follow-up lapse: no contact within the window, the revisit is a new customer (AT-04).</summary>
    Lapse,
    /// <summary>Owner busy with a new customer; the rota consultant assists (AT-06).</summary>
    OwnerBusy,
    /// <summary>Owner resting; another consultant assists (AT-07).</summary>
    OwnerResting,
    /// <summary>Owner declined to receive without reason: the second receiver owns (AT-08).</summary>
    Refusal,
    /// <summary>Mutual non-recognition: a second consultant received (AT-09).</summary>
    NonRecognition,
    /// <summary>The owner closed the deal.</summary>
    OwnerCloses,
    /// <summary>A supervisor's decision.</summary>
    Decision,
}

/// <summary>One change of a customer's owner.</summary>
/// <param name="At">When it took effect.</param>
/// <param name="From">The owner before (null: none).</param>
/// <param name="To">The owner after (null: none — the customer awaits a supervisor's decision).</param>
/// <param name="Rule">The rule that moved it.</param>
/// <param name="Reason">Why, in Chinese, with the dates and names.</param>
public sealed record OwnershipChange(DateTime At, string? From, string? To, AttributionRule Rule, string Reason);

/// <summary>A customer's attribution after all events.</summary>
/// <param name="Owner">The owner now; null while a conflict awaits a supervisor's decision.</param>
/// <param name="LastContact">The owner's latest contact (reception or follow-up), or the day they became owner.</param>
/// <param name="KeepUntil">The last day on which a revisit still finds the customer with the owner without another contact.</param>
/// <param name="History">Every change of owner, oldest first.</param>
/// <param name="Timeline">Every event of the customer and what it did, in Chinese, oldest first.</param>
/// <param name="Explanation">"为什么归 A：…" in plain Chinese.</param>
public sealed record CustomerAttribution(
    string Customer,
    string? Owner,
    DateOnly? LastContact,
    DateOnly? KeepUntil,
    IReadOnlyList<OwnershipChange> History,
    IReadOnlyList<string> Timeline,
    string Explanation);

/// <summary>One consultant's part of a deal's sales credit or commission.</summary>
/// <param name="Share">The fraction (0.8 = 80%).</param>
/// <param name="Amount">The money (元, to the fen) or the sale amount credited; null when the deal has no sale amount.</param>
/// <param name="Role">The consultant's role in the deal, in Chinese (归属顾问, 协助成交 …).</param>
public sealed record SharePart(string Consultant, decimal Share, decimal? Amount, string Role);

/// <summary>How a deal's sales credit (业绩) and commission (提成) are split.</summary>
/// <param name="PerformanceTo">Who gets the sales credit; null while the deal awaits a supervisor's decision.</param>
/// <param name="Performance">The sales credit as parts (one consultant, 100%).</param>
/// <param name="Commission">The commission money as parts; they sum to <see cref="Deal.Commission"/> unless the
/// assistant's share is paid on top.</param>
/// <param name="Case">The rule that decided it; null while pending.</param>
public sealed record DealAttribution(
    Deal Deal,
    string? PerformanceTo,
    IReadOnlyList<SharePart> Performance,
    IReadOnlyList<SharePart> Commission,
    AttributionRule? Case,
    string Explanation)
{
    /// <summary>Whether the deal awaits a supervisor's decision.</summary>
    public bool Pending => PerformanceTo is null;
}

/// <summary>A case the rules do not decide (or two equal claims), for a supervisor.</summary>
/// <param name="Id">争议1, 争议2 … in time order.</param>
/// <param name="Consultants">The consultants concerned.</param>
/// <param name="Reason">Why it is a conflict, in Chinese.</param>
/// <param name="DealId">The deal concerned, if any.</param>
/// <param name="Resolution">The supervisor's decision that settled it, in Chinese; null while open.</param>
public sealed record AttributionConflict(
    string Id,
    string Customer,
    DateTime At,
    IReadOnlyList<string> Consultants,
    string Reason,
    string? DealId,
    string? Resolution)
{
    /// <summary>Whether a supervisor's decision settled it.</summary>
    public bool Resolved => Resolution is not null;
}

/// <summary>A 甩客 fine, a deduction from the consultant's pay.</summary>
public sealed record FineDeduction(string Consultant, DateTime At, string? Customer, decimal Amount, string Explanation);

/// <summary>A consultant's totals over the run.</summary>
/// <param name="Deals">Deals whose sales credit they got.</param>
/// <param name="Performance">The sale amounts credited to them (deals without a sale amount add nothing).</param>
/// <param name="Commission">Their commission money, 元.</param>
/// <param name="Fines">Their 甩客 fines, 元.</param>
public sealed record ConsultantTotals(string Consultant, int Deals, decimal Performance, decimal Commission, decimal Fines)
{
    /// <summary>Commission less fines.</summary>
    public decimal Net => Commission - Fines;
}

/// <summary>Everything an attribution run yields.</summary>
public sealed record AttributionOutcome(
    IReadOnlyList<CustomerAttribution> Customers,
    IReadOnlyList<DealAttribution> Deals,
    IReadOnlyList<AttributionConflict> Conflicts,
    IReadOnlyList<FineDeduction> Fines,
    IReadOnlyList<ConsultantTotals> Consultants,
    IReadOnlyList<string> Problems)
{
    /// <summary>Whether the events were usable (no problems).</summary>
    public bool Ok => Problems.Count == 0;
}
