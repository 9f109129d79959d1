using System.Text;
using FsCheck.Xunit;
using Kaohe.Core.Attribution;
using static Kaohe.Core.Tests.Attribution.AttributionKit;

namespace Kaohe.Core.Tests.Attribution;

/// <summary>Invariants for any event sequence: money is conserved, and the input order of distinct-time events does not matter.</summary>
public sealed class AttributionPropertyTests
{
    private static readonly string[] Consultants = ["甲", "乙", "丙"];
    private static readonly string[] Customers = ["客一", "客二", "客三", "客四"];

    /// <summary>A random month of events, every one at its own minute.</summary>
    private static List<AttributionEvent> Month(int seed, int count)
    {
        var rng = new Random(seed);
        var minutes = Enumerable.Range(0, 30 * 10 * 60).OrderBy(_ => rng.Next()).Take(count).ToList();
        var events = new List<AttributionEvent>();
        var deals = 0;
        foreach (var m in minutes)
        {
            var at = Day0.AddDays(m / 600).AddHours(9 + m % 600 / 60).AddMinutes(m % 60);
            var customer = Customers[rng.Next(Customers.Length)];
            var who = Consultants[rng.Next(Consultants.Length)];
            var other = Consultants[rng.Next(Consultants.Length)];
            AttributionEvent e = rng.Next(10) switch
            {
                < 4 => new Reception(customer, who, null, rng.Next(3) == 0 ? other : null,
                    rng.Next(5) == 0 ? Customers[rng.Next(Customers.Length)] is var r && r != customer ? r : null : null,
                    rng.Next(2) == 0, rng.Next(2) == 0) { At = at },
                4 or 5 => new FollowUp(customer, who) { At = at },
                6 => new Deal($"D{++deals}", customer, who, rng.Next(0, 2_000_000) / 100m) { At = at },
                7 => new Presence(who, rng.Next(2) == 0 ? PresenceKind.Resting : PresenceKind.BusyWithNewCustomer, at.AddHours(rng.Next(1, 30))) { At = at },
                8 => new Refusal(customer, who) { At = at },
                _ => new Decision(customer, who, "核对后裁定",
                    rng.Next(2) == 0 ? events.OfType<Deal>().LastOrDefault(d => d.Customer == customer)?.Id : null,
                    rng.Next(3) == 0 ? other : null) { At = at },
            };
            events.Add(e);
        }
        return events;
    }

    private static string Render(AttributionOutcome o)
    {
        var sb = new StringBuilder();
        foreach (var c in o.Customers)
        {
            sb.AppendLine($"{c.Customer}|{c.Owner}|{c.LastContact}|{c.Explanation}");
            foreach (var h in c.History) sb.AppendLine($"  {h.At:O}|{h.From}|{h.To}|{h.Rule}|{h.Reason}");
            foreach (var t in c.Timeline) sb.AppendLine("  " + t);
        }
        foreach (var d in o.Deals) sb.AppendLine($"{d.Deal.Id}|{d.PerformanceTo}|{d.Split()}|{d.Explanation}");
        foreach (var c in o.Conflicts) sb.AppendLine($"{c.Id}|{c.Customer}|{c.DealId}|{c.Reason}|{c.Resolution}");
        foreach (var t in o.Consultants) sb.AppendLine($"{t.Consultant}|{t.Deals}|{t.Commission}|{t.Fines}");
        return sb.ToString();
    }

    private static string Split(DealAttribution d) => string.Join(" / ", d.Commission.Select(p => $"{p.Consultant} {p.Amount}"));

    [Property(MaxTest = 150)]
    public bool Replay_DoesNotDependOnInputOrder(int seed, int shuffle, bool sameDayConflict, bool namingWins)
    {
        var settings = new AttributionSettings { SameDayClaimsConflict = sameDayConflict, NamingOverridesLapse = namingWins };
        var events = Month(seed, 40);
        var rng = new Random(shuffle);
        var shuffled = events.OrderBy(_ => rng.Next()).ToList();
        return Render(AttributionEngine.Run(events, settings)) == Render(AttributionEngine.Run(shuffled, settings));
    }

    [Property(MaxTest = 150)]
    public bool Commission_PartsSumToTheDeal_AndAreWholeCents(int seed, byte assistPct, byte ownerPct)
    {
        var settings = new AttributionSettings { AssistShare = assistPct % 101 / 100m, NonRecognitionOwnerShare = ownerPct % 101 / 100m };
        var o = AttributionEngine.Run(Month(seed, 60), settings);
        return o.Deals.All(d => d.Pending
            ? d.Commission.Count == 0
            : d.Commission.Sum(p => p.Amount!.Value) == d.Deal.Commission
              && d.Commission.All(p => p.Amount >= 0 && decimal.Round(p.Amount!.Value, 2) == p.Amount)
              && d.Performance.Count == 1 && d.Performance[0].Consultant == d.PerformanceTo);
    }

    [Property(MaxTest = 300)]
    public bool Split_ConservesAnyAmount(uint cents, byte share)
    {
        var total = cents / 100m;
        var (parts, _) = CommissionSplit.Split(total, "甲", "归属顾问", "乙", "协助成交", share % 101 / 100m, onTop: false);
        return parts.Sum(p => p.Amount!.Value) == total && parts.All(p => p.Amount >= 0);
    }
}
