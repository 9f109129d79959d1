namespace Kaohe.Data.Model;

// The registers of a real-estate sales office (案场) that customer attribution is computed from (RULES.md §20,
// docs/attribution.md). Walk-in customers of a sales office are not the company's customer base (no 客户编号, no
// owner unit until they buy): they are kept by name as registered, per unit. Consultants are staff members.
// Every record carries its unit, the month of its time (yyyymm) and a natural key with one unique index, so that an
// import of the same file twice changes nothing. Times are local, without a zone; HasTime says whether the time of
// day was recorded (false: the date only).

/// <summary>A registration in 《客户来访登记》: a consultant received a customer.</summary>
public sealed class SalesReception
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The customer as registered (name, perhaps with a phone number's tail).</summary>
    public string Customer { get; set; } = "";
    /// <summary>The consultant who received the customer.</summary>
    public int StaffId { get; set; }
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
    /// <summary>The rota position (轮值位置) at the time.</summary>
    public string? RotaPosition { get; set; }
    /// <summary>The consultant the customer named as the one who received them before (说出顾问).</summary>
    public int? NamedStaffId { get; set; }
    /// <summary>The old customer who introduced this one (介绍人), as registered.</summary>
    public string? ReferredBy { get; set; }
    /// <summary>The old customer came along in person (陪同).</summary>
    public bool Accompanied { get; set; }
    /// <summary>A phone reservation was made and filed with a supervisor beforehand (电话预约备案).</summary>
    public bool ReservationFiled { get; set; }
    /// <summary>The staff member (a 客户专员) who brought the customer to the sales office (输送人), if any.</summary>
    public int? BroughtByStaffId { get; set; }
}

/// <summary>A follow-up (回访) of a sales-office customer by a consultant.</summary>
public sealed class SalesFollowUp
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public string Customer { get; set; } = "";
    public int StaffId { get; set; }
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
}

/// <summary>What a consultant was doing when not on the floor.</summary>
public enum PresenceStatus
{
    /// <summary>休息: off duty.</summary>
    Resting = 0,
    /// <summary>忙碌: on duty, receiving a new customer.</summary>
    Busy = 1,
}

/// <summary>A consultant's resting or busy interval [Start, Until).</summary>
public sealed class ConsultantPresence
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int StaffId { get; set; }
    public PresenceStatus Status { get; set; }
    public DateTime Start { get; set; }
    /// <summary>The end, exclusive (a whole day ends at the next day's 00:00).</summary>
    public DateTime Until { get; set; }
    /// <summary>yyyymm of <see cref="Start"/>.</summary>
    public int Month { get; set; }
}

/// <summary>The owner declined to receive their customer that day without a proper reason (拒接).</summary>
public sealed class SalesRefusal
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public string Customer { get; set; } = "";
    public int StaffId { get; set; }
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A deal (成交) at a sales office, with its commission.</summary>
public sealed class SalesDeal
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Natural key within the unit (成交编号); default “客户 时间”.</summary>
    public string Code { get; set; } = "";
    public string Customer { get; set; } = "";
    /// <summary>The consultant who closed the deal.</summary>
    public int StaffId { get; set; }
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
    /// <summary>The deal's commission money (提成金额) in 分.</summary>
    public long CommissionFen { get; set; }
    /// <summary>The sale amount (成交金额) in 分, if known.</summary>
    public long? SaleAmountFen { get; set; }
}

/// <summary>A supervisor's decision (主管裁定) on whose customer or deal it is; written to the audit trail too.</summary>
public sealed class AttributionDecision
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public string Customer { get; set; } = "";
    /// <summary>Who gets the customer (or the deal).</summary>
    public int StaffId { get; set; }
    /// <summary>When the decision takes effect.</summary>
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The deal decided (成交编号); empty: the customer from <see cref="At"/> on.</summary>
    public string DealCode { get; set; } = "";
    /// <summary>The consultant who shares that deal as assistant (协助顾问), if any.</summary>
    public int? AssistantStaffId { get; set; }
    /// <summary>Who decided (login name, or the user of the import).</summary>
    public string DecidedBy { get; set; } = "";
    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; set; }
}

/// <summary>A 甩客 incident and its fine (DD-13).</summary>
public sealed class SalesFine
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int StaffId { get; set; }
    public DateTime At { get; set; }
    public bool HasTime { get; set; }
    public int Month { get; set; }
    /// <summary>The fine in 分.</summary>
    public long AmountFen { get; set; }
    public string? Customer { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A unit's attribution settings, as Chinese key=value lines (docs/attribution.md); absent: the defaults.</summary>
public sealed class UnitAttributionSettings
{
    public int UnitId { get; set; }
    /// <summary>One “键=值” per line, the keys of <c>kaohe attribute --set</c>.</summary>
    public string Settings { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
