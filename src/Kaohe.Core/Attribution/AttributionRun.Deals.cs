using Kaohe.Core.Text;
using static Kaohe.Core.Attribution.AttributionText;

namespace Kaohe.Core.Attribution;

internal sealed partial class AttributionRun
{
    private void Close(Deal d)
    {
        var c = Customer(d.Customer);
        var head = $"{When(d)} 成交（{d.Id}），由 {d.Closer} 成交";
        if (c.Pending)
        {
            Pend(c, d, $"{head}；成交时 {c.Name} 的归属尚未裁定", [d.Closer]);
            return;
        }
        if (c.Owner is not { } owner)
        {
            Pend(c, d, $"{head}；来访登记中没有 {c.Name} 的登记，无法判定归属", [d.Closer]);
            return;
        }
        if (d.Closer == owner)
        {
            Whole(d, owner, AttributionRule.OwnerCloses, $"{head}；{c.Name} 此时归 {owner}，由 {owner} 本人成交");
            return;
        }
        // Registrations are replayed before a deal at the same time or later in the day, so the last visit of that day
        // by the closer is the one the deal closed.
        var visit = c.Visits.TryGetValue((d.Day, d.Closer), out var visits) ? visits[^1] : null;
        switch (visit?.Case)
        {
            case AttributionRule.OwnerBusy or AttributionRule.OwnerResting:
            {
                var o = visit.Owner;
                var busy = visit.Case == AttributionRule.OwnerBusy;
                var credit = busy || _s.RestingOwnerKeepsCredit ? o : d.Closer;
                var situation = busy
                    ? $"{o} 正在接待新客户，由轮值顾问 {d.Closer} 接待并当场成交"
                    : $"{o} 休息无法及时赶回，由 {d.Closer} 接待并促成成交";
                var creditText = credit == o
                    ? $"业绩仍归首次接待的 {o}"
                    : $"业绩归成交的 {d.Closer}（按设置，休息时他人成交的业绩归成交人）";
                var (parts, split) = CommissionSplit.Split(d.Commission, o, "归属顾问", d.Closer, "协助成交", _s.AssistShare, _s.AssistShareOnTop);
                Add(d, credit, credit == o ? "归属顾问" : "成交顾问", parts, visit.Case,
                    $"{head}；{c.Name} 归 {o}，{situation}：{creditText}；{split}");
                return;
            }
            case AttributionRule.NonRecognition:
            {
                var o = visit.Owner;
                var (parts, split) = CommissionSplit.Split(d.Commission, d.Closer, "第二置业顾问", o, "首次接待顾问", _s.NonRecognitionOwnerShare, onTop: false);
                Add(d, d.Closer, "第二置业顾问", parts, AttributionRule.NonRecognition,
                    $"{head}；{c.Name} 归 {o}，双方未能及时认出，由第二置业顾问 {d.Closer} 接待并当场成交：业绩归 {d.Closer}；{split}");
                return;
            }
            case AttributionRule.Decision:
            {
                var open = _conflicts[visit.Conflict!.Value];
                Pend(c, d, $"{head}；当天这次接待有争议（{open.Id}）", [owner, d.Closer]);
                return;
            }
        }
        Pend(c, d, $"{head}；{c.Name} 归 {owner}，{d.Closer} 不是归属顾问，当天也没有 {d.Closer} 协助接待（归属顾问忙、休息或未认出）的登记：规则没有规定这种情况", [owner, d.Closer]);
    }

    /// <summary>The whole deal — credit and commission — to one consultant.</summary>
    private void Whole(Deal d, string to, AttributionRule rule, string why)
    {
        Add(d, to, "归属顾问", [new SharePart(to, 1m, d.Commission, "归属顾问")], rule,
            $"{why}：业绩归 {to}；提成 {Money(d.Commission)} 全部归 {to}");
    }

    private void Add(Deal d, string credit, string creditRole, IReadOnlyList<SharePart> commission, AttributionRule rule, string explanation)
    {
        _dealIndex[d.Id] = _deals.Count;
        _deals.Add(new DealAttribution(d, credit, [new SharePart(credit, 1m, d.SaleAmount, creditRole)], commission, rule, explanation));
    }

    private void Pend(CustomerState c, Deal d, string why, string[] consultants)
    {
        var k = Conflict(c, d.At, [.. consultants.Distinct()], why, d.Id, pendCustomer: false);
        c.PendingDeals.Add(_deals.Count);
        _dealIndex[d.Id] = _deals.Count;
        _deals.Add(new DealAttribution(d, null, [], [], null, $"{why}；待主管裁定（{_conflicts[k].Id}）"));
    }

    /// <summary>A supervisor's decision on a customer: the owner from now on; open conflicts and pending deals settled.</summary>
    private void Decide(Decision x)
    {
        var c = Customer(x.Customer);
        var said = $"{When(x)} 主管裁定归 {x.Consultant}：{x.Reason}";
        foreach (var k in c.OpenConflicts) _conflicts[k] = _conflicts[k] with { Resolution = said };
        c.OpenConflicts.Clear();
        SetOwner(c, x.Consultant, x.At, AttributionRule.Decision, said);
        foreach (var i in c.PendingDeals) Settle(i, x, said);
        c.PendingDeals.Clear();
    }

    /// <summary>A supervisor's decision on one deal: its credit (and commission, shared with the assistant if named).</summary>
    private void DecideDeal(Decision x)
    {
        var i = _dealIndex[x.DealId!];
        var said = $"{When(x)} 主管裁定成交 {x.DealId} 归 {x.Consultant}" + (x.Assistant is { } a ? $"、{a} 协助" : "") + $"：{x.Reason}";
        foreach (var k in _dealConflicts.GetValueOrDefault(x.DealId!) ?? [])
            if (!_conflicts[k].Resolved) _conflicts[k] = _conflicts[k] with { Resolution = said };
        Settle(i, x, said);
        var c = Customer(x.Customer);
        c.PendingDeals.Remove(i);
        c.Timeline.Add(said);
    }

    private void Settle(int i, Decision x, string said)
    {
        var d = _deals[i].Deal;
        var (parts, split) = x.Assistant is { } a
            ? CommissionSplit.Split(d.Commission, x.Consultant, "归属顾问", a, "协助成交", _s.AssistShare, _s.AssistShareOnTop)
            : ([new SharePart(x.Consultant, 1m, d.Commission, "归属顾问")], $"提成 {Money(d.Commission)} 全部归 {x.Consultant}");
        var before = _deals[i].Pending ? _deals[i].Explanation + "。" : "";
        _deals[i] = new DealAttribution(d, x.Consultant, [new SharePart(x.Consultant, 1m, d.SaleAmount, "归属顾问")], parts,
            AttributionRule.Decision, $"{before}{said}：业绩归 {x.Consultant}；{split}");
    }

    private void Fine(AbandonmentFine f)
    {
        var whom = f.Customer is { Length: > 0 } c ? $"接待 {c} 时" : "接待新客户时";
        var note = f.Note is { Length: > 0 } n ? $"（{n}）" : "";
        _fines.Add(new FineDeduction(f.Consultant, f.At, f.Customer, f.Amount,
            $"{When(f)} {f.Consultant} {whom}出现甩客{note}，罚款 {Money(f.Amount)}（规定每次 {Fmt.Num(_s.FineMin)}–{Fmt.Num(_s.FineMax)} 元，由经理酌定），从应发中扣除"));
        if (f.Customer is { Length: > 0 } name && _customers.TryGetValue(name, out var state))
            state.Timeline.Add($"{When(f)} {f.Consultant} 甩客，罚款 {Money(f.Amount)}");
    }

    private AttributionOutcome Outcome(DateOnly? asOf)
    {
        var customers = _customers.Values
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => Result(c, asOf))
            .ToList();
        return new AttributionOutcome(customers, _deals, _conflicts, _fines, Totals(), []);
    }

    private CustomerAttribution Result(CustomerState c, DateOnly? asOf)
    {
        DateOnly? keep = c.Owner is null ? null : c.LastContact?.AddDays(_s.LapseDays);
        string explanation;
        if (c.Owner is { } o)
        {
            explanation = $"为什么归 {o}：{c.OwnerReason}。";
            if (c.LastContact is { } last)
            {
                explanation += $"{o} 最近一次接待或回访是 {Date(last)}，{Date(keep!.Value)}（含）之前再次来访仍归 {o}，此后未再回访的，再次来访视为新客户";
                if (asOf is { } now && now > keep) explanation += $"；截至 {Date(now)} 已超过 {_s.LapseDays} 天未回访，再次来访将视为新客户";
                else if (_s.AnyGapLapses && c.GapBroken is { } gap) explanation += $"；但 {gap}，按设置再次来访视为新客户";
                explanation += "。";
            }
        }
        else if (c.Pending) explanation = $"归属待主管裁定：{c.PendingReason}。";
        else explanation = "来访登记中没有该客户，尚无归属。";
        return new CustomerAttribution(c.Name, c.Owner, c.Owner is null ? null : c.LastContact, keep, c.History, c.Timeline, explanation);
    }

    private List<ConsultantTotals> Totals()
    {
        var t = new SortedDictionary<string, (int Deals, decimal Perf, decimal Comm, decimal Fines)>(StringComparer.Ordinal);
        void Bump(string who, int deals = 0, decimal perf = 0, decimal comm = 0, decimal fines = 0)
        {
            var v = t.GetValueOrDefault(who);
            t[who] = (v.Deals + deals, v.Perf + perf, v.Comm + comm, v.Fines + fines);
        }
        foreach (var d in _deals.Where(d => !d.Pending))
        {
            Bump(d.PerformanceTo!, deals: 1, perf: d.Deal.SaleAmount ?? 0);
            foreach (var p in d.Commission) Bump(p.Consultant, comm: p.Amount ?? 0);
        }
        foreach (var f in _fines) Bump(f.Consultant, fines: f.Amount);
        return [.. t.Select(kv => new ConsultantTotals(kv.Key, kv.Value.Deals, kv.Value.Perf, kv.Value.Comm, kv.Value.Fines))];
    }
}
