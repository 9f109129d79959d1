using Kaohe.Core.Attribution;
using Kaohe.Core.Text;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Attribution;

/// <summary>
/// Customer attribution from the database (RULES.md §20, docs/attribution.md): the records of a sales office up to the
/// end of a month become the engine's events (<see cref="AttributionEngine"/>), and the outcome is shown for that month —
/// the register, every customer with activity in the month with owner, history and "为什么归 A：…", the month's deals
/// with their 业绩 and 提成 splits, open conflicts, fines, each consultant's month and the rota. Who may see a unit: an
/// administrator; HR and viewers in their units; a consultant (rater, appraisee) only their own unit. Who may decide:
/// an administrator, HR in their units, and the supervisor of the unit's consultants — never on a conflict about
/// themselves (<see cref="Decide"/>).
/// </summary>
public sealed partial class AttributionService(KaoheDb db, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The most records one view replays (the CLI's bound on events).</summary>
    public const int MaxRecords = 200_000;

    /// <summary>The sales offices the actor may look at: units with attribution records, in the actor's reach.</summary>
    public IReadOnlyList<SalesOfficeChoice> Offices(Actor actor)
    {
        var units = db.SalesReceptions.AsNoTracking().Select(r => r.UnitId).Distinct().ToList();
        var names = UnitTree.Names(db);
        return [.. units.Where(u => MaySee(actor, u)).Select(u => new SalesOfficeChoice(u, names.GetValueOrDefault(u, "")))
            .OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    /// <summary>Whether the actor may see the attribution of <paramref name="unitId"/>.</summary>
    public bool MaySee(Actor actor, int unitId) => actor.Role switch
    {
        AccountRole.Admin => true,
        AccountRole.Hr or AccountRole.Viewer => actor.ScopeUnits(db) is not { } scope || scope.Contains(unitId),
        _ => actor.StaffId is { } me && db.Staff.AsNoTracking().Any(s => s.Id == me && s.UnitId == unitId),
    };

    /// <summary>Whether the actor may decide conflicts of <paramref name="unitId"/> (not yet whether of a given conflict).</summary>
    public bool MayDecide(Actor actor, int unitId) => actor.Role switch
    {
        AccountRole.Admin => true,
        AccountRole.Hr => actor.ScopeUnits(db) is not { } scope || scope.Contains(unitId),
        // The sales office's supervisor: a staff member of the unit who supervises one of its staff.
        AccountRole.Rater => actor.StaffId is { } me && db.Staff.AsNoTracking().Any(s => s.Id == me && s.UnitId == unitId)
                             && db.Staff.AsNoTracking().Any(s => s.SupervisorId == me && s.UnitId == unitId),
        _ => false,
    };

    private void CheckSee(Actor actor, int unitId)
    {
        if (!db.Units.AsNoTracking().Any(u => u.Id == unitId)) throw CycleException.NotFound("案场");
        if (!MaySee(actor, unitId)) throw CycleException.Forbidden("你只能查看本人所在案场或所管单位的客户归属");
    }

    /// <summary>Reads “2026-03” (or 2026年3月 …); anything else is a Chinese error.</summary>
    public static Period ParseMonth(string? month)
    {
        if (!Period.TryParse(month, out var p) || p.Kind != PeriodKind.Month)
            throw new CycleException($"月份“{month}”无效：请写成 2026-03", 400, fields: [new FieldProblem("月份", "请写成 2026-03")]);
        return p;
    }

    /// <summary>The attribution of <paramref name="unitId"/> for <paramref name="month"/> (records up to the month's end).</summary>
    public AttributionView View(Actor actor, int unitId, string month)
    {
        CheckSee(actor, unitId);
        var period = ParseMonth(month);
        var problems = new List<string>();
        var settings = AttributionSettingsStore.For(db, unitId, problems);
        var records = Load(unitId, period.End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        var last = period.End.AddDays(-1);
        var asOf = today < last ? today : last;
        var outcome = problems.Count > 0 ? null : AttributionEngine.Run(records.Events, settings, asOf);
        if (outcome is { Ok: false }) problems.AddRange(outcome.Problems);
        var unitName = db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).Single();
        var canDecide = MayDecide(actor, unitId);
        var (start, end) = (period.Start.ToDateTime(TimeOnly.MinValue), period.End.ToDateTime(TimeOnly.MinValue));
        bool InMonth(DateTime t) => t >= start && t < end;

        var register = records.Receptions.Where(r => InMonth(r.At)).OrderBy(r => r.At).ThenBy(r => r.Id)
            .Select(r => new ReceptionRow(r.Id, When(r.At, r.HasTime), r.Customer, r.StaffId, records.Name(r.StaffId), r.RotaPosition,
                r.NamedStaffId is { } n ? records.Name(n) : null, r.ReferredBy, r.Accompanied, r.ReservationFiled,
                r.BroughtByStaffId is { } b ? records.Name(b) : null)).ToList();
        if (outcome is not { Ok: true } o)
            return new AttributionView(unitId, unitName, period.ToString(), AttributionText.Date(asOf), canDecide, AttributionSettingsInput.Describe(settings),
                register, [], [], [], [], [], Rota(records, null, asOf), problems);

        var active = records.Events.Where(e => e is not (Presence or AbandonmentFine) && InMonth(e.At)).Select(CustomerOf).ToHashSet(StringComparer.Ordinal);
        var customers = o.Customers.Where(c => active.Contains(c.Customer) || c.Owner is null)
            .OrderBy(c => c.Customer, StringComparer.Ordinal)
            .Select(c => new AttributedCustomerRow(c.Customer, c.Owner, c.Explanation, c.LastContact is { } lc ? AttributionText.Date(lc) : null,
                c.KeepUntil is { } ku ? AttributionText.Date(ku) : null,
                [.. c.History.Select(h => new OwnershipRow(AttributionText.Time(h.At), h.From, h.To, AttributionText.Name(h.Rule, settings), h.Reason))],
                c.Timeline)).ToList();
        var deals = o.Deals.Where(d => InMonth(d.Deal.At)).OrderBy(d => d.Deal.At)
            .Select(d => new DealRow(d.Deal.Id, d.Deal.Customer, AttributionText.When(d.Deal), d.Deal.Closer, d.Deal.Commission, d.Deal.SaleAmount,
                d.PerformanceTo, [.. d.Performance.Select(Part)], [.. d.Commission.Select(Part)], d.Case is { } rule ? AttributionText.Name(rule, settings) : null,
                d.Pending, d.Explanation)).ToList();
        var conflicts = o.Conflicts.Where(c => !c.Resolved || InMonth(c.At))
            .Select(c => Conflict(actor, c, records, canDecide)).ToList();
        var fines = o.Fines.Where(f => InMonth(f.At))
            .Select(f => new FineRow(f.Consultant, AttributionText.Time(f.At), f.Customer, f.Amount, f.Explanation)).ToList();
        return new AttributionView(unitId, unitName, period.ToString(), AttributionText.Date(asOf), canDecide, AttributionSettingsInput.Describe(settings),
            register, customers, deals, conflicts, fines, Month(o, InMonth), Rota(records, o, asOf), problems);
    }

    private static string CustomerOf(AttributionEvent e) => e switch
    {
        Reception r => r.Customer,
        FollowUp f => f.Customer,
        Refusal r => r.Customer,
        Deal d => d.Customer,
        Decision d => d.Customer,
        _ => "",
    };

    private static PartRow Part(SharePart p) => new(p.Consultant, p.Share, p.Amount, p.Role);

    private static string When(DateTime at, bool hasTime) => hasTime ? AttributionText.Time(at) : AttributionText.Date(DateOnly.FromDateTime(at));

    private ConflictRow Conflict(Actor actor, AttributionConflict c, UnitRecords records, bool canDecide)
    {
        var candidates = c.Consultants.Select(n => records.StaffOf(n)).OfType<int>().Distinct()
            .Select(id => new StaffChoice(id, records.Name(id))).ToList();
        string? why = null;
        if (!canDecide) why = "只有考核管理员或案场主管可以裁定";
        else if (actor.StaffId is { } me && c.Consultants.Any(n => records.StaffOf(n) == me)) why = "争议涉及你本人，请由其他主管裁定";
        return new ConflictRow(c.Id, c.Customer, AttributionText.Time(c.At), c.Consultants, candidates, c.Reason, c.DealId, c.Resolved, c.Resolution,
            why is null && !c.Resolved, why);
    }

    /// <summary>Each consultant's month from the month's deals and fines: 业绩, 提成, 罚款, 实得 = 提成 − 罚款.</summary>
    private static List<ConsultantMonthRow> Month(AttributionOutcome o, Func<DateTime, bool> inMonth)
    {
        var deals = o.Deals.Where(d => inMonth(d.Deal.At) && !d.Pending).ToList();
        var fines = o.Fines.Where(f => inMonth(f.At)).ToList();
        var names = deals.SelectMany(d => d.Commission.Select(p => p.Consultant).Concat(d.Performance.Select(p => p.Consultant)))
            .Concat(fines.Select(f => f.Consultant)).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var rows = new List<ConsultantMonthRow>();
        foreach (var name in names)
        {
            var credited = deals.Where(d => d.PerformanceTo == name).ToList();
            var performance = credited.Sum(d => d.Performance.Where(p => p.Consultant == name).Sum(p => p.Amount ?? 0m));
            var parts = deals.SelectMany(d => d.Commission.Where(p => p.Consultant == name).Select(p => (d, p))).ToList();
            var commission = parts.Sum(x => x.p.Amount ?? 0m);
            var fined = fines.Where(f => f.Consultant == name).ToList();
            var fine = fined.Sum(f => f.Amount);
            var lines = new List<string>();
            lines.Add(parts.Count == 0 ? "提成 0 元" :
                $"提成 {AttributionText.Money(commission)}（{string.Join(" + ", parts.Select(x => $"{x.d.Deal.Customer} {x.p.Role} {AttributionText.Pct(x.p.Share)} {AttributionText.Money(x.p.Amount ?? 0m)}"))}）");
            if (fined.Count > 0) lines.Add($"甩客罚款 {AttributionText.Money(fine)}（{string.Join(" + ", fined.Select(f => $"{AttributionText.Date(DateOnly.FromDateTime(f.At))} {AttributionText.Money(f.Amount)}"))}）");
            lines.Add($"实得 {AttributionText.Money(commission)} − {AttributionText.Money(fine)} = {AttributionText.Money(commission - fine)}");
            if (credited.Count > 0) lines.Add($"业绩 {credited.Count} 笔成交，成交金额合计 {AttributionText.Money(performance)}");
            rows.Add(new ConsultantMonthRow(name, credited.Count, performance, commission, fine, commission - fine, string.Join("；", lines)));
        }
        return rows;
    }

    /// <summary>
    /// The rota of new customers on <paramref name="asOf"/>: consultants of the unit, the one whose last new customer
    /// was longest ago (never first, by name) receives next; those resting or busy that day are skipped. A new customer
    /// is a reception that made the receiver the owner (first contact, lapse, refusal, a forfeited referral).
    /// </summary>
    private static List<RotaRow> Rota(UnitRecords records, AttributionOutcome? o, DateOnly asOf)
    {
        var lastNew = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var c in o?.Customers ?? [])
            foreach (var h in c.History)
                if (h.To is { } to && h.Rule is AttributionRule.FirstContact or AttributionRule.Lapse or AttributionRule.Refusal or AttributionRule.ReferralForfeited)
                    if (!lastNew.TryGetValue(to, out var t) || h.At > t) lastNew[to] = h.At;
        var dayStart = asOf.ToDateTime(TimeOnly.MinValue);
        var dayEnd = dayStart.AddDays(1);
        var ordered = records.Consultants
            .OrderBy(n => lastNew.TryGetValue(n, out var t) ? t : DateTime.MinValue)
            .ThenBy(n => n, StringComparer.Ordinal).ToList();
        var rows = new List<RotaRow>();
        var next = false;
        foreach (var n in ordered)
        {
            var presence = records.Events.OfType<Presence>().Where(p => p.Consultant == n && p.At < dayEnd && p.Until > dayStart).ToList();
            var status = presence.Any(p => p.Kind == PresenceKind.Resting) ? "休息" : presence.Count > 0 ? "忙碌" : next ? "在岗" : "下一位接待";
            if (status == "下一位接待") next = true;
            rows.Add(new RotaRow(rows.Count + 1, n, status, lastNew.TryGetValue(n, out var at) ? AttributionText.Time(at) : null));
        }
        return rows;
    }
}
