using static Kaohe.Core.Attribution.AttributionText;

namespace Kaohe.Core.Attribution;

/// <summary>One replay of the events: the state of every customer, and what it yields (see <see cref="AttributionEngine"/>).</summary>
internal sealed partial class AttributionRun
{
    private readonly AttributionSettings _s;
    private readonly List<AttributionEvent> _ordered;
    private readonly Dictionary<string, List<Presence>> _presence = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Customer, DateOnly Day, string Consultant), Refusal> _refusals = [];
    private readonly Dictionary<(string Customer, DateOnly Day), List<Reception>> _receptionsByDay = [];
    private readonly HashSet<Reception> _done = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly List<AttributionConflict> _conflicts = [];
    private readonly List<DealAttribution> _deals = [];
    private readonly List<FineDeduction> _fines = [];
    private readonly Dictionary<string, int> _dealIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _dealConflicts = new(StringComparer.Ordinal);

    public AttributionRun(List<AttributionEvent> events, AttributionSettings settings)
    {
        _s = settings;
        _ordered = AttributionEngine.Ordered(events);
        // Indexed in content order, so that which of two refusals of the same day is kept does not depend on the input order.
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e is Refusal r ? r.Reason ?? "" : "", StringComparer.Ordinal))
        {
            switch (e)
            {
                case Presence p:
                    if (!_presence.TryGetValue(p.Consultant, out var ps)) _presence[p.Consultant] = ps = [];
                    ps.Add(p);
                    break;
                case Refusal r:
                    _refusals.TryAdd((r.Customer, r.Day, r.Consultant), r);
                    break;
                case Reception r:
                    if (!_receptionsByDay.TryGetValue((r.Customer, r.Day), out var rs)) _receptionsByDay[(r.Customer, r.Day)] = rs = [];
                    rs.Add(r);
                    break;
            }
        }
    }

    /// <summary>What one customer's replay has reached.</summary>
    private sealed class CustomerState(string name)
    {
        public string Name { get; } = name;
        public bool Registered { get; set; }
        public string? Owner { get; set; }
        public string? OwnerReason { get; set; }
        public bool Pending { get; set; }
        public string? PendingReason { get; set; }
        public DateOnly? LastContact { get; set; }
        /// <summary>The first gap longer than the window since the owner took the customer (for <see cref="AttributionSettings.AnyGapLapses"/>).</summary>
        public string? GapBroken { get; set; }
        public List<OwnershipChange> History { get; } = [];
        public List<string> Timeline { get; } = [];
        /// <summary>Visits by (day, receiving consultant), in replay order.</summary>
        public Dictionary<(DateOnly Day, string Consultant), List<Visit>> Visits { get; } = [];
        public List<int> OpenConflicts { get; } = [];
        public SortedSet<int> PendingDeals { get; } = [];

        public void AddVisit(Visit v)
        {
            var key = (v.Reception.Day, v.Reception.Consultant);
            if (!Visits.TryGetValue(key, out var list)) Visits[key] = list = [];
            list.Add(v);
        }
    }

    /// <summary>A registration by someone other than the owner, and the case it made (for a deal closed that day).</summary>
    private sealed record Visit(Reception Reception, AttributionRule Case, string Owner, int? Conflict);

    private CustomerState Customer(string name)
    {
        if (!_customers.TryGetValue(name, out var c)) _customers[name] = c = new CustomerState(name);
        return c;
    }

    public AttributionOutcome Execute(DateOnly? asOf)
    {
        foreach (var e in _ordered)
        {
            switch (e)
            {
                case Reception r: Receive(r); break;
                case FollowUp f: Follow(f); break;
                case Deal d: Close(d); break;
                case AbandonmentFine f: Fine(f); break;
                case Decision x when x.DealId is null: Decide(x); break;
            }
        }
        foreach (var x in _ordered.OfType<Decision>().Where(x => x.DealId is not null)) DecideDeal(x);
        return Outcome(asOf);
    }

    private void Receive(Reception r)
    {
        if (!_done.Add(r)) return;
        var c = Customer(r.Customer);
        var wasRegistered = c.Registered;
        c.Registered = true;
        if (c.Pending)
        {
            c.Timeline.Add($"{When(r)} {r.Consultant} 接待{Rota(r)}{Naming(r)}；该客户的归属待主管裁定，本次登记不改变归属");
            return;
        }
        if (c.Owner is not { } owner)
        {
            var first = wasRegistered ? "来访" : "首次来访";
            NewCustomer(c, r, AttributionRule.FirstContact, first);
            return;
        }
        if (Lapsed(c, r.Day) is { } lapse)
        {
            if (_s.NamingOverridesLapse && r.NamedConsultant == owner)
                c.Timeline.Add($"{When(r)} {lapse}，但客户说出了 {owner} 的名字；按设置“说出名字优先”，仍视为 {owner} 的老客户");
            else
            {
                var named = r.NamedConsultant == owner ? $"；客户虽说出了 {owner} 的名字，仍以回访记录为准" : "";
                NewCustomer(c, r, AttributionRule.Lapse, $"{lapse}，{When(r)} 再次来访视为新客户{named}");
                return;
            }
        }
        Revisit(c, r, owner);
    }

    /// <summary>Why the customer has lapsed at a revisit on <paramref name="day"/>, or null when the owner still holds them.</summary>
    private string? Lapsed(CustomerState c, DateOnly day)
    {
        if (c.LastContact is not { } last) return null;
        var gap = day.DayNumber - last.DayNumber;
        if (gap > _s.LapseDays)
            return $"{c.Owner} 最近一次接待或回访是 {Date(last)}，到 {Date(day)} 已过 {gap} 天，超过 {_s.LapseDays} 天未回访";
        return _s.AnyGapLapses ? c.GapBroken : null;
    }

    /// <summary>Records a contact of the owner (or a follow-up that counts for the owner) on <paramref name="day"/>.</summary>
    private void Renew(CustomerState c, DateOnly day)
    {
        if (c.LastContact is { } last)
        {
            var gap = day.DayNumber - last.DayNumber;
            if (gap > _s.LapseDays && c.GapBroken is null)
                c.GapBroken = $"{Date(last)} 到 {Date(day)} 之间 {gap} 天没有回访（每 {_s.LapseDays} 天至少回访一次）";
            if (day < last) return;
        }
        c.LastContact = day;
    }

    private void SetOwner(CustomerState c, string to, DateTime at, AttributionRule rule, string reason)
    {
        if (c.Owner != to || c.Pending) c.History.Add(new OwnershipChange(at, c.Owner, to, rule, reason));
        c.Owner = to;
        c.OwnerReason = reason;
        c.Pending = false;
        c.PendingReason = null;
        c.LastContact = DateOnly.FromDateTime(at);
        c.GapBroken = null;
        c.Timeline.Add($"{reason} → 归 {to}");
    }

    /// <summary>A customer with no (valid) owner is registered: a counted referral, or the first contact.</summary>
    private void NewCustomer(CustomerState c, Reception r, AttributionRule rule, string why)
    {
        if (r.ReferredBy is { } referrer)
        {
            if (!r.IsCountedReferral)
                why += $"；介绍人 {referrer} 既未亲自陪同，也没有电话预约并向上级备案，不按群带计";
            else if (!_customers.TryGetValue(referrer, out var old) || old.Owner is null)
                why += $"；介绍人 {referrer} 在来访登记中没有归属顾问，不按群带计";
            else if (_s.LapseAppliesToReferrals && Lapsed(old, r.Day) is { } oldLapse)
                why += $"；介绍人 {referrer} 的归属已失效（{oldLapse}），按设置不按群带计";
            else
            {
                Referral(c, r, referrer, old.Owner, why);
                return;
            }
        }
        var ties = Ties(r);
        if (ties.Count > 0)
        {
            foreach (var t in ties) _done.Add(t);
            var all = ties.Prepend(r).ToList();
            var claims = string.Join("、", all.Take(10).Select(t => $"{t.Consultant}（{When(t)}）")) + (all.Count > 10 ? $" 等 {all.Count} 条登记" : "");
            var cause = all.Any(t => !t.HasTime) ? "有的登记只写了日期" : all.All(t => t.At == r.At) ? "登记时间相同" : "按设置，同一天两位顾问登记同一新客户交主管裁定";
            var reason = $"{why}：{claims} 都登记接待了 {c.Name}，{cause}，无法按登记时间判定谁是第一接触人";
            Conflict(c, r.At, [.. all.Select(t => t.Consultant).Distinct()], reason, null, pendCustomer: true, rule);
            return;
        }
        var text = $"{why}，{When(r)} 由 {r.Consultant} 接待{Rota(r)}（以《客户来访登记》的登记时间为准，第一接触人）";
        if (c.Owner == r.Consultant && rule == AttributionRule.Lapse)
            text = $"{why}，{When(r)} 仍由 {r.Consultant} 接待{Rota(r)}，作为新客户重新归其所有";
        SetOwner(c, r.Consultant, r.At, rule, text);
    }

    /// <summary>Registrations of the same customer by other consultants that cannot be ordered after <paramref name="r"/>.</summary>
    private List<Reception> Ties(Reception r) =>
        !_receptionsByDay.TryGetValue((r.Customer, r.Day), out var day)
            ? []
            : [.. day.Where(t => !_done.Contains(t) && t.Consultant != r.Consultant
                                  && (_s.SameDayClaimsConflict || !t.HasTime || !r.HasTime || t.At == r.At))];

    private void Referral(CustomerState c, Reception r, string referrer, string owner, string why)
    {
        var how = r.Accompanied ? "亲自陪同" : "电话预约并已向上级备案";
        var intro = $"{why}，由老客户 {referrer}（归 {owner}）介绍（{how}）";
        if (r.Consultant == owner)
        {
            SetOwner(c, owner, r.At, AttributionRule.Referral, $"{intro}，{When(r)} 由 {owner} 接待");
            return;
        }
        if (_refusals.ContainsKey((c.Name, r.Day, owner)))
        {
            SetOwner(c, r.Consultant, r.At, AttributionRule.Refusal, $"{intro}，{owner} 无正当理由不接待，视为放弃，归接待的 {r.Consultant}");
            return;
        }
        switch (StatusOf(owner, r))
        {
            case PresenceKind.BusyWithNewCustomer:
                SetOwner(c, owner, r.At, AttributionRule.Referral, $"{intro}，{owner} 正在接待新客户，由轮值顾问 {r.Consultant} 接待，归属仍按群带归 {owner}");
                c.AddVisit(new Visit(r, AttributionRule.OwnerBusy, owner, null));
                break;
            case PresenceKind.Resting:
                SetOwner(c, owner, r.At, AttributionRule.Referral, $"{intro}，{owner} 休息未到场，由 {r.Consultant} 接待，归属仍按群带归 {owner}");
                c.AddVisit(new Visit(r, AttributionRule.OwnerResting, owner, null));
                break;
            default:
                SetOwner(c, r.Consultant, r.At, AttributionRule.ReferralForfeited,
                    $"{intro}，{owner} 在场（当时没有休息或接待新客户的记录）却未主动上前服务，视为放弃，归实际接待的 {r.Consultant}");
                break;
        }
    }

    /// <summary>A revisit while the owner still holds the customer.</summary>
    private void Revisit(CustomerState c, Reception r, string owner)
    {
        var x = r.Consultant;
        if (x == owner)
        {
            Renew(c, r.Day);
            c.Timeline.Add(r.NamedConsultant == owner
                ? $"{When(r)} 再次来访，说出了 {owner} 的名字，是 {owner} 的老客户，由 {owner} 接待{Rota(r)}，归属不变"
                : $"{When(r)} 再次来访，由 {owner} 接待{Rota(r)}，归属不变");
            return;
        }
        if (_refusals.TryGetValue((c.Name, r.Day, owner), out var refusal))
        {
            var said = refusal.Reason is { Length: > 0 } why ? $"（记录：{why}）" : "";
            SetOwner(c, x, r.At, AttributionRule.Refusal,
                $"{When(r)} 再次来访，归属顾问 {owner} 没有正当理由不进行接待{said}，视为放弃归属，自动归第二次接待的 {x}");
            return;
        }
        switch (StatusOf(owner, r))
        {
            case PresenceKind.BusyWithNewCustomer:
                c.AddVisit(new Visit(r, AttributionRule.OwnerBusy, owner, null));
                c.Timeline.Add($"{When(r)} 再次来访，{owner} 正在接待新客户，由轮值顾问 {x} 接待{Rota(r)}；归属仍为 {owner}，当场成交时 {x} 为协助成交");
                return;
            case PresenceKind.Resting:
                c.AddVisit(new Visit(r, AttributionRule.OwnerResting, owner, null));
                c.Timeline.Add($"{When(r)} 再次来访，{owner} 休息无法赶回，由 {x} 接待{Rota(r)}；归属仍为 {owner}，成交时 {x} 为协助成交");
                return;
        }
        if (r.NamedConsultant is null)
        {
            c.AddVisit(new Visit(r, AttributionRule.NonRecognition, owner, null));
            c.Timeline.Add($"{When(r)} 再次来访，客户没有说出顾问名字，双方未能及时认出，由第二置业顾问 {x} 接待{Rota(r)}；当场未成交的，归属仍归还首次接待的 {owner}");
            return;
        }
        var reason = r.NamedConsultant == owner
            ? $"{When(r)} 再次来访，客户说出了归属顾问 {owner} 的名字，{owner} 当时在岗（没有休息、接待新客户或拒接的记录），却由 {x} 接待：规则没有规定这种情况的归属"
            : $"{When(r)} 再次来访，客户说出的是 {r.NamedConsultant}，而归属顾问是 {owner}，由 {x} 接待：规则没有规定这种情况的归属";
        var k = Conflict(c, r.At, [.. new[] { owner, x, r.NamedConsultant }.Distinct()], reason, null, pendCustomer: false);
        c.AddVisit(new Visit(r, AttributionRule.Decision, owner, k));
    }

    /// <summary>What the consultant was doing at the registration: busy, resting, or (null) on duty.</summary>
    private PresenceKind? StatusOf(string consultant, Reception r)
    {
        if (!_presence.TryGetValue(consultant, out var list)) return null;
        var dayStart = r.Day.ToDateTime(TimeOnly.MinValue);
        var dayEnd = dayStart.AddDays(1);
        bool Hits(Presence p) => r.HasTime ? p.Covers(r.At) : p.At < dayEnd && p.Until > dayStart;
        if (list.Any(p => p.Kind == PresenceKind.BusyWithNewCustomer && Hits(p))) return PresenceKind.BusyWithNewCustomer;
        if (list.Any(p => p.Kind == PresenceKind.Resting && Hits(p))) return PresenceKind.Resting;
        return null;
    }

    private void Follow(FollowUp f)
    {
        var c = Customer(f.Customer);
        if (c.Owner is not { } owner)
        {
            c.Timeline.Add($"{When(f)} {f.Consultant} 回访；{(c.Pending ? "归属待主管裁定" : "来访登记中还没有该客户")}，不影响归属");
            return;
        }
        if (f.Consultant == owner || _s.OthersFollowUpsCount)
        {
            Renew(c, f.Day);
            var other = f.Consultant == owner ? "" : $"（不是归属顾问 {owner} 本人，按设置计入）";
            c.Timeline.Add($"{When(f)} {f.Consultant} 回访{other}；{owner} 的归属保持到 {Date(c.LastContact!.Value.AddDays(_s.LapseDays))}（含）");
        }
        else c.Timeline.Add($"{When(f)} {f.Consultant} 回访；不是归属顾问 {owner} 的回访，不计入");
    }

    /// <summary>
    /// Opens a conflict; when <paramref name="pendCustomer"/>, the customer has no owner until a decision (a history entry
    /// under <paramref name="rule"/>, the rule that could not decide).
    /// </summary>
    private int Conflict(CustomerState c, DateTime at, string[] consultants, string reason, string? dealId, bool pendCustomer,
        AttributionRule rule = AttributionRule.FirstContact)
    {
        var id = $"争议{_conflicts.Count + 1}";
        _conflicts.Add(new AttributionConflict(id, c.Name, at, consultants, reason, dealId, null));
        var k = _conflicts.Count - 1;
        if (dealId is not null)
        {
            if (!_dealConflicts.TryGetValue(dealId, out var list)) _dealConflicts[dealId] = list = [];
            list.Add(k);
        }
        c.OpenConflicts.Add(k);
        if (pendCustomer)
        {
            c.History.Add(new OwnershipChange(at, c.Owner, null, rule, reason + "，待主管裁定"));
            c.Owner = null;
            c.OwnerReason = null;
            c.LastContact = null;
            c.GapBroken = null;
            c.Pending = true;
            c.PendingReason = $"{reason}（{id}）";
        }
        c.Timeline.Add($"{reason} → {id}，待主管裁定");
        return k;
    }
}
