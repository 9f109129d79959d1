using Kaohe.Core.Attribution;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Attribution;

public sealed partial class AttributionService
{
    /// <summary>A unit's records before a moment, as engine events, with the consultants' names.</summary>
    private sealed class UnitRecords
    {
        public required List<SalesReception> Receptions { get; init; }
        public required List<AttributionEvent> Events { get; init; }
        public required Dictionary<int, string> Names { get; init; }
        /// <summary>The consultants of the rota: staff of the unit who received a customer, by name.</summary>
        public required List<string> Consultants { get; init; }

        public string Name(int staffId) => Names.GetValueOrDefault(staffId, "");

        public int? StaffOf(string name) => Names.Where(n => n.Value == name).Select(n => (int?)n.Key).FirstOrDefault();
    }

    private UnitRecords Load(int unitId, DateTime before)
    {
        var receptions = db.SalesReceptions.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var followUps = db.SalesFollowUps.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var presence = db.ConsultantPresences.AsNoTracking().Where(r => r.UnitId == unitId && r.Start < before).ToList();
        var refusals = db.SalesRefusals.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var deals = db.SalesDeals.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var decisions = db.AttributionDecisions.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var fines = db.SalesFines.AsNoTracking().Where(r => r.UnitId == unitId && r.At < before).ToList();
        var count = receptions.Count + followUps.Count + presence.Count + refusals.Count + deals.Count + decisions.Count + fines.Count;
        if (count > MaxRecords) throw new CycleException($"该案场截至本月的记录有 {count:N0} 条，超过一次可计算的 {MaxRecords:N0} 条");

        var ids = receptions.SelectMany(r => new[] { r.StaffId, r.NamedStaffId ?? r.StaffId, r.BroughtByStaffId ?? r.StaffId })
            .Concat(followUps.Select(r => r.StaffId)).Concat(presence.Select(r => r.StaffId)).Concat(refusals.Select(r => r.StaffId))
            .Concat(deals.Select(r => r.StaffId)).Concat(decisions.SelectMany(r => new[] { r.StaffId, r.AssistantStaffId ?? r.StaffId }))
            .Concat(fines.Select(r => r.StaffId)).ToHashSet();
        var unitStaff = db.Staff.AsNoTracking().Where(s => s.UnitId == unitId && s.LeftOn == null).Select(s => s.Id).ToList();
        ids.UnionWith(unitStaff);
        var staff = db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.EmployeeNo }).ToList();
        // Names as the sales office says them; two staff members of one name are told apart by their 工号.
        var dup = staff.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var names = staff.ToDictionary(s => s.Id, s => dup.Contains(s.Name) ? $"{s.Name}（{s.EmployeeNo}）" : s.Name);
        string N(int id) => names[id];

        var events = new List<AttributionEvent>(count);
        events.AddRange(receptions.Select(r => new Reception(r.Customer, N(r.StaffId), r.RotaPosition, r.NamedStaffId is { } n ? N(n) : null,
            r.ReferredBy, r.Accompanied, r.ReservationFiled) { At = Local(r.At), HasTime = r.HasTime, Source = $"来访登记 {When(r.At, r.HasTime)} {r.Customer}" }));
        events.AddRange(followUps.Select(r => new FollowUp(r.Customer, N(r.StaffId)) { At = Local(r.At), HasTime = r.HasTime, Source = $"回访 {When(r.At, r.HasTime)} {r.Customer}" }));
        events.AddRange(presence.Select(r => new Presence(N(r.StaffId), r.Status == PresenceStatus.Resting ? PresenceKind.Resting : PresenceKind.BusyWithNewCustomer, Local(r.Until))
            { At = Local(r.Start), HasTime = true, Source = $"{(r.Status == PresenceStatus.Resting ? "休息" : "忙碌")} {N(r.StaffId)} {When(r.Start, true)}" }));
        events.AddRange(refusals.Select(r => new Refusal(r.Customer, N(r.StaffId), r.Reason) { At = Local(r.At), HasTime = r.HasTime, Source = $"拒接 {When(r.At, r.HasTime)} {r.Customer}" }));
        events.AddRange(deals.Select(r => new Deal(r.Code, r.Customer, N(r.StaffId), r.CommissionFen / 100m, r.SaleAmountFen / 100m)
            { At = Local(r.At), HasTime = r.HasTime, Source = $"成交“{r.Code}”" }));
        events.AddRange(decisions.Select(r => new Decision(r.Customer, N(r.StaffId), r.Reason, r.DealCode.Length == 0 ? null : r.DealCode,
            r.AssistantStaffId is { } a ? N(a) : null) { At = Local(r.At), HasTime = r.HasTime, Source = $"主管裁定 {When(r.At, r.HasTime)} {r.Customer}" }));
        events.AddRange(fines.Select(r => new AbandonmentFine(N(r.StaffId), r.AmountFen / 100m, r.Customer, r.Reason)
            { At = Local(r.At), HasTime = r.HasTime, Source = $"甩客 {When(r.At, r.HasTime)} {N(r.StaffId)}" }));

        var receivers = receptions.Select(r => r.StaffId).Distinct().Where(unitStaff.Contains).Select(N).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new UnitRecords { Receptions = receptions, Events = events, Names = names, Consultants = receivers };
    }

    /// <summary>Stored times are wall-clock times (kept as UTC kind for PostgreSQL); the engine reads them as they are.</summary>
    private static DateTime Local(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Unspecified);
}
