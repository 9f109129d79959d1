using Kaohe.Core.Attribution;
using Xunit;

namespace Kaohe.Core.Tests.Attribution;

/// <summary>Builders of events on "day n" (day 0 = 2026-03-02, a Monday) and lookups in an outcome.</summary>
public static class AttributionKit
{
    public static readonly DateTime Day0 = new(2026, 3, 2);

    public static DateTime T(int day, int hour = 10, int minute = 0) => Day0.AddDays(day).AddHours(hour).AddMinutes(minute);

    public static Reception Visit(int day, string customer, string consultant, string? named = null, int hour = 10, int minute = 0,
        string? referredBy = null, bool accompanied = false, bool filed = false) =>
        new(customer, consultant, null, named, referredBy, accompanied, filed) { At = T(day, hour, minute) };

    public static Reception VisitByDate(int day, string customer, string consultant) =>
        new(customer, consultant) { At = Day0.AddDays(day), HasTime = false };

    public static FollowUp Call(int day, string customer, string consultant) =>
        new(customer, consultant) { At = Day0.AddDays(day), HasTime = false };

    public static Presence Resting(int day, string consultant) =>
        new(consultant, PresenceKind.Resting, Day0.AddDays(day + 1)) { At = Day0.AddDays(day) };

    public static Presence Busy(int day, string consultant, int fromHour, int toHour) =>
        new(consultant, PresenceKind.BusyWithNewCustomer, T(day, toHour)) { At = T(day, fromHour) };

    public static Refusal Refuse(int day, string customer, string consultant) => new(customer, consultant, "不想接") { At = T(day, 9) };

    public static Deal Sale(int day, string customer, string closer, decimal commission = 10_000m, string? id = null, int hour = 11) =>
        new(id ?? $"{customer}-{day}", customer, closer, commission) { At = T(day, hour) };

    public static Decision Decide(int day, string customer, string consultant, string reason = "核对登记后裁定", string? deal = null, string? assistant = null) =>
        new(customer, consultant, reason, deal, assistant) { At = T(day, 18) };

    public static AttributionOutcome Run(AttributionSettings? settings, params AttributionEvent[] events)
    {
        var o = AttributionEngine.Run(events, settings);
        Assert.True(o.Ok, string.Join("\n", o.Problems));
        return o;
    }

    public static AttributionOutcome Run(params AttributionEvent[] events) => Run(null, events);

    public static CustomerAttribution Customer(this AttributionOutcome o, string name) => o.Customers.Single(c => c.Customer == name);

    public static DealAttribution DealOf(this AttributionOutcome o, string id) => o.Deals.Single(d => d.Deal.Id == id);

    /// <summary>The commission as "A 8000 / B 2000" in the order of the parts.</summary>
    public static string Split(this DealAttribution d) =>
        string.Join(" / ", d.Commission.Select(p => $"{p.Consultant} {p.Amount!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>Asserts no explanation shows a developer code (AT-04, DD-13 …) or an English word.</summary>
    public static void AssertChineseOnly(AttributionOutcome o)
    {
        var texts = o.Customers.SelectMany(c => c.Timeline.Append(c.Explanation).Concat(c.History.Select(h => h.Reason)))
            .Concat(o.Deals.Select(d => d.Explanation)).Concat(o.Conflicts.Select(c => c.Reason)).Concat(o.Fines.Select(f => f.Explanation));
        foreach (var t in texts)
        {
            Assert.DoesNotMatch(@"\b(AT|DD|TPL|LN)-\d", t);
            Assert.DoesNotMatch(@"[A-Za-z]{3,}", t);
        }
    }
}
