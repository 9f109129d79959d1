namespace Kaohe.Core.Attribution;

/// <summary>
/// A fact of the sales floor, as the registers of a real-estate sales office record it (客户来访登记, 回访记录, the
/// duty roster, deals, supervisors' decisions). Events are processed in time order (<see cref="AttributionEngine"/>),
/// whatever order they were given in.
/// </summary>
/// <remarks>
/// <see cref="At"/> is local time without a zone. <see cref="HasTime"/> says whether the time of day was recorded:
/// an event recorded by date only is placed at the start of its day (a follow-up) or at its end (a deal, a decision),
/// so that it sees every registration of that day.
/// </remarks>
public abstract record AttributionEvent
{
    /// <summary>When it happened (local time).</summary>
    public required DateTime At { get; init; }

    /// <summary>Whether the time of day was recorded (false: only the date is known).</summary>
    public bool HasTime { get; init; } = true;

    /// <summary>Where the event came from (file row, list item), for messages; null when built in code.</summary>
    public string? Source { get; init; }

    /// <summary>The calendar day of the event.</summary>
    public DateOnly Day => DateOnly.FromDateTime(At);
}

/// <summary>
/// A registration in 《客户来访登记》: <see cref="Consultant"/> received <see cref="Customer"/> at <see cref="AttributionEvent.At"/>.
/// </summary>
/// <param name="Customer">The customer as registered.</param>
/// <param name="Consultant">The consultant who received the customer.</param>
/// <param name="RotaPosition">The rota position (轮值位置) at the time, as registered; shown in explanations only.</param>
/// <param name="NamedConsultant">The consultant the customer named as the one who received them before (AT-02), if any.</param>
/// <param name="ReferredBy">The old customer who introduced this customer (群带), if any.</param>
/// <param name="Accompanied">Whether the old customer came along in person.</param>
/// <param name="ReservationFiled">Whether a phone reservation was made and filed with a supervisor beforehand.</param>
public sealed record Reception(
    string Customer,
    string Consultant,
    string? RotaPosition = null,
    string? NamedConsultant = null,
    string? ReferredBy = null,
    bool Accompanied = false,
    bool ReservationFiled = false) : AttributionEvent
{
    /// <summary>Whether the referral is one the rules count: accompanied in person, or reserved by phone and filed.</summary>
    public bool IsCountedReferral => ReferredBy is not null && (Accompanied || ReservationFiled);
}

/// <summary>A recorded follow-up (回访) of <see cref="Customer"/> by <see cref="Consultant"/>, usually by date only.</summary>
public sealed record FollowUp(string Customer, string Consultant) : AttributionEvent;

/// <summary>What a consultant was doing when not on the floor.</summary>
public enum PresenceKind
{
    /// <summary>Resting (休息): off duty and unable to come back in time.</summary>
    Resting,
    /// <summary>On duty but busy receiving a new customer (接待新客户).</summary>
    BusyWithNewCustomer,
}

/// <summary>
/// A consultant's situation over an interval: resting, or busy with a new customer. A consultant with no such record
/// at a time is on duty and present.
/// </summary>
/// <param name="Consultant">The consultant.</param>
/// <param name="Kind">Resting or busy.</param>
/// <param name="Until">The end of the interval, exclusive; <see cref="AttributionEvent.At"/> is its start (inclusive).
/// A whole day is [day 00:00, next day 00:00).</param>
public sealed record Presence(string Consultant, PresenceKind Kind, DateTime Until) : AttributionEvent
{
    /// <summary>Whether <paramref name="time"/> falls in the interval.</summary>
    public bool Covers(DateTime time) => time >= At && time < Until;
}

/// <summary>
/// The owner <see cref="Consultant"/> declined to receive <see cref="Customer"/> on that day without a proper reason
/// (AT-08): the customer goes to whoever receives them instead that day.
/// </summary>
/// <param name="Reason">What was recorded, if anything.</param>
public sealed record Refusal(string Customer, string Consultant, string? Reason = null) : AttributionEvent;

/// <summary>A deal (成交) of <see cref="Customer"/> closed by <see cref="Closer"/>.</summary>
/// <param name="Id">The deal's number (成交编号); unique in a run.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Closer">The consultant who closed the deal.</param>
/// <param name="Commission">The deal's commission money (提成金额) in 元, at most 2 decimals, ≥ 0.</param>
/// <param name="SaleAmount">The sale amount (成交金额) in 元, if given; it is what the sales credit (业绩) counts.</param>
public sealed record Deal(string Id, string Customer, string Closer, decimal Commission, decimal? SaleAmount = null) : AttributionEvent;

/// <summary>
/// A supervisor's decision (主管裁定) on a conflict: <see cref="Consultant"/> gets the customer from now on — or, when
/// <see cref="DealId"/> is given, that deal's credit and commission (with <see cref="Assistant"/> sharing it as an
/// assistant, if named).
/// </summary>
/// <param name="Reason">Why, in the supervisor's words (required).</param>
public sealed record Decision(string Customer, string Consultant, string Reason, string? DealId = null, string? Assistant = null) : AttributionEvent;

/// <summary>A 甩客 incident (abandoning a customer during reception): a fine on <see cref="Consultant"/> (DD-13).</summary>
/// <param name="Amount">The fine the manager chose, in 元, inside the settings' range.</param>
/// <param name="Customer">The customer concerned, if recorded.</param>
/// <param name="Note">What happened, if recorded.</param>
public sealed record AbandonmentFine(string Consultant, decimal Amount, string? Customer = null, string? Note = null) : AttributionEvent;
