namespace Kaohe.Data.Attribution;

/// <summary>A sales office (a unit with attribution records, or of the consultants) the user may look at.</summary>
public sealed record SalesOfficeChoice(int UnitId, string Name);

/// <summary>One line of the reception register.</summary>
public sealed record ReceptionRow(long Id, string At, string Customer, int StaffId, string Consultant, string? RotaPosition,
    string? NamedConsultant, string? ReferredBy, bool Accompanied, bool ReservationFiled, string? BroughtBy = null);

/// <summary>One change of a customer's owner, with the rule by its Chinese name.</summary>
public sealed record OwnershipRow(string At, string? From, string? To, string Rule, string Reason);

/// <summary>A customer's owner at the end of the month, with the history and the explanation ("为什么归 A：…").</summary>
public sealed record AttributedCustomerRow(string Customer, string? Owner, string Explanation, string? LastContact, string? KeepUntil,
    IReadOnlyList<OwnershipRow> History, IReadOnlyList<string> Timeline);

/// <summary>A consultant's part of a deal's sales credit or commission.</summary>
public sealed record PartRow(string Consultant, decimal Share, decimal? Amount, string Role);

/// <summary>A deal of the month with its split and explanation.</summary>
public sealed record DealRow(string Code, string Customer, string At, string Closer, decimal Commission, decimal? SaleAmount,
    string? PerformanceTo, IReadOnlyList<PartRow> Performance, IReadOnlyList<PartRow> CommissionParts, string? Rule, bool Pending, string Explanation);

/// <summary>A conflict for a supervisor; <see cref="Candidates"/> are the consultants it may be given to.</summary>
public sealed record ConflictRow(string Id, string Customer, string At, IReadOnlyList<string> Consultants, IReadOnlyList<StaffChoice> Candidates,
    string Reason, string? Deal, bool Resolved, string? Resolution, bool CanDecide, string? CannotDecideReason);

/// <summary>A staff member to choose in a form.</summary>
public sealed record StaffChoice(int StaffId, string Name);

/// <summary>A 甩客 fine of the month.</summary>
public sealed record FineRow(string Consultant, string At, string? Customer, decimal Amount, string Explanation);

/// <summary>A consultant's month: 业绩, 提成, 罚款 and 实得 (提成 − 罚款), with how they were summed.</summary>
public sealed record ConsultantMonthRow(string Consultant, int Deals, decimal Performance, decimal Commission, decimal Fines, decimal Net, string Explanation);

/// <summary>A place in the rota of new customers: who receives next, who is resting or busy.</summary>
public sealed record RotaRow(int Position, string Consultant, string Status, string? LastNewCustomer);

/// <summary>Everything the sales-office page shows for a unit and a month.</summary>
public sealed record AttributionView(
    int UnitId, string UnitName, string Month, string AsOf, bool CanDecide,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<ReceptionRow> Register,
    IReadOnlyList<AttributedCustomerRow> Customers,
    IReadOnlyList<DealRow> Deals,
    IReadOnlyList<ConflictRow> Conflicts,
    IReadOnlyList<FineRow> Fines,
    IReadOnlyList<ConsultantMonthRow> Consultants,
    IReadOnlyList<RotaRow> Rota,
    IReadOnlyList<string> Problems);

/// <summary>A supervisor's decision on an open conflict of the month: who gets it (and who assists on a deal), and why.</summary>
public sealed record DecideRequest(string ConflictId, int StaffId, string Reason, int? AssistantStaffId = null);

/// <summary>What a decision recorded.</summary>
public sealed record DecideResult(long DecisionId, string Customer, string Consultant, string? Deal, string Summary);
