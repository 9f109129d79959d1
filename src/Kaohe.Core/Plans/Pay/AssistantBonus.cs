using System.Collections.Immutable;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>The sales part above 100% completion (LN-10).</summary>
public enum SalesAboveFull
{
    /// <summary>Capped at the full share (default: 2300 × 20% = 460 元).</summary>
    Capped,
    /// <summary>Proportional without a cap (115% → 529 元).</summary>
    Proportional,
}

/// <summary>A month whose sales target is 0 (completion rate "无数据", §0 G6).</summary>
public enum ZeroSalesTarget
{
    /// <summary>The full sales part (default, as §0 G6 gives full points to a zero denominator).</summary>
    Full,
    /// <summary>No sales part.</summary>
    None,
}

/// <summary>Whether the 80% cleaning/water part is one item or two halves (OF-01).</summary>
public enum ServiceItems
{
    /// <summary>One item: paid in full when both quotas are met after offsetting, otherwise nothing (default).</summary>
    OneItem,
    /// <summary>Two halves (清洗饮水机 40%, 送水 40%), each paid when its own quota is met after offsetting.</summary>
    Halves,
}

/// <summary>The extra pay for surplus machines and buckets when the cleaning/water item fails (OF-01).</summary>
public enum ExtrasWhenItemFails
{
    /// <summary>Still paid ("额外计算薪资" is apart from the item; default).</summary>
    Paid,
    /// <summary>Voided with the item ("无此项奖金").</summary>
    Voided,
}

/// <summary>
/// The performance bonus of the 大客户经理助理 (seed S4 L156; LN-10, PC-05, OF-01, UB-12, WS-07): 2300 元, of which
/// 20% for sales and 80% for machine cleaning and water delivery, plus 4 元 per machine and 2 元 per bucket above the quotas.
/// Percentages are in percentage points (20 means 20%).
/// </summary>
public sealed record AssistantBonusParameters
{
    /// <summary>S4 L156 "绩效考核奖金2300元", "销售指标 … 20% 80℅≤M ≤100℅", "清洗饮水机、送水完成率 … 80% … 100台 … 4元/台 … 1000桶 … 2元/桶".</summary>
    public static AssistantBonusParameters Default { get; } = new();

    /// <summary>绩效考核奖金 (S4 L156 "绩效考核奖金2300元"); default 2300 元.</summary>
    public decimal BonusBase { get; init; } = 2300;
    /// <summary>销售指标 weight (S4 L156 "20%"); default 20 (%).</summary>
    public decimal SalesShare { get; init; } = 20;
    /// <summary>The gate: below this completion no sales part (S4 L156 "低于80%,则无此项奖金"); default 80 (%), reached at exactly 80%.</summary>
    public decimal SalesGate { get; init; } = 80;
    /// <summary>The completion paid in full (S4 L156 "M ≤100℅"); default 100 (%).</summary>
    public decimal SalesFull { get; init; } = 100;
    /// <summary>Above <see cref="SalesFull"/>: capped (default) or proportional.</summary>
    public SalesAboveFull SalesAboveFull { get; init; } = SalesAboveFull.Capped;
    /// <summary>A zero sales target; default the full sales part.</summary>
    public ZeroSalesTarget ZeroSalesTarget { get; init; } = ZeroSalesTarget.Full;
    /// <summary>清洗饮水机、送水完成率 weight (S4 L156 "80%"); default 80 (%).</summary>
    public decimal ServiceShare { get; init; } = 80;
    /// <summary>Monthly machine-cleaning quota (S4 L156 "数量标准为100台"); default 100.</summary>
    public int MachineQuota { get; init; } = 100;
    /// <summary>Monthly water-delivery quota (S4 L156 "送水量标准为1000桶"); default 1000.</summary>
    public int BucketQuota { get; init; } = 1000;
    /// <summary>Pay per machine above the quota (S4 L156 "4元/台"); default 4 元.</summary>
    public decimal MachineExtraRate { get; init; } = 4;
    /// <summary>Pay per bucket above the quota (S4 L156 "2元/桶"); default 2 元.</summary>
    public decimal BucketExtraRate { get; init; } = 2;
    /// <summary>
    /// The offset exchange rate: buckets worth one machine (the seed does not say). Default 2 (value parity, 4 元 vs 2 元);
    /// 10 is quota parity (100 machines ≈ 1000 buckets).
    /// </summary>
    public decimal BucketsPerMachine { get; init; } = 2;
    /// <summary>One item (default) or two halves.</summary>
    public ServiceItems ServiceItems { get; init; } = ServiceItems.OneItem;
    /// <summary>Extras when the item fails; default still paid.</summary>
    public ExtrasWhenItemFails ExtrasWhenItemFails { get; init; } = ExtrasWhenItemFails.Paid;
    /// <summary>Whether units used to offset the other quota's shortfall still earn extras; default false.</summary>
    public bool OffsetUnitsEarnExtras { get; init; } = false;

    internal void Check(Problems problems)
    {
        problems.Money("方案·绩效考核奖金", BonusBase);
        problems.Percent("方案·销售指标权重", SalesShare);
        problems.Percent("方案·清洗饮水机送水权重", ServiceShare);
        if (SalesShare + ServiceShare > 100) problems.Add("方案·销售指标权重", $"销售 {Fmt.Num(SalesShare, 4)}% 与清洗送水 {Fmt.Num(ServiceShare, 4)}% 合计超过 100%");
        if (SalesGate is < 0 or > 1000) problems.Add("方案·销售完成率门槛", $"应为 0%–1000%（{Fmt.Num(SalesGate, 4)}%）");
        if (SalesFull <= 0 || SalesFull > 1000 || SalesFull < SalesGate) problems.Add("方案·销售全额完成率", $"应大于 0 且不小于门槛 {Fmt.Num(SalesGate, 4)}%（{Fmt.Num(SalesFull, 4)}%）");
        if (MachineQuota is < 0 or > 10_000_000) problems.Add("方案·每月清洗饮水机标准台数", $"应为 0–10000000（{MachineQuota}）");
        if (BucketQuota is < 0 or > 10_000_000) problems.Add("方案·每月送水标准桶数", $"应为 0–10000000（{BucketQuota}）");
        problems.Money("方案·超额洗机每台薪资", MachineExtraRate);
        problems.Money("方案·超额送水每桶薪资", BucketExtraRate);
        if (BucketsPerMachine is <= 0 or > 1_000_000) problems.Add("方案·一台洗机折合送水桶数", $"应大于 0 且不超过 1000000（{Fmt.Num(BucketsPerMachine, 4)}）");
    }
}

/// <summary>The figures of the assistant's month that the bonus needs.</summary>
/// <param name="SalesActual">实际完成额 (元).</param>
/// <param name="SalesTarget">当月考核指标 (元).</param>
/// <param name="MachinesCleaned">清洗饮水机台数.</param>
/// <param name="BucketsDelivered">送水桶数 (普通版 and 升级版 together).</param>
public sealed record AssistantBonusInput(decimal SalesActual, decimal SalesTarget, int MachinesCleaned, int BucketsDelivered);

/// <summary>LN-10 / PC-05 (sales), OF-01 (cleaning vs water with offsets) and UB-12 (extras) as pay lines.</summary>
public static class AssistantBonus
{
    /// <summary>The bonus lines (exact amounts rounded to 0.01 元 per line).</summary>
    public static ImmutableArray<PayLine> Lines(AssistantBonusParameters p, AssistantBonusInput x)
    {
        var lines = new List<PayLine> { Sales(p, x) };
        lines.AddRange(Service(p, x));
        return [.. lines];
    }

    private static PayLine Sales(AssistantBonusParameters p, AssistantBonusInput x)
    {
        const string label = "销售指标奖金";
        var full = p.BonusBase * p.SalesShare / 100;
        var fullText = $"{Fmt.Num(p.BonusBase)} × {Fmt.Pct(p.SalesShare)}";
        if (x.SalesTarget == 0)
            return p.ZeroSalesTarget == ZeroSalesTarget.Full
                ? new PayLine(label, Fmt.Money(full), $"当月考核指标为 0，完成率无数据，按全额计：{fullText} = {Fmt.Num(full)} 元")
                : new PayLine(label, 0, "当月考核指标为 0，完成率无数据，无此项奖金 → 0 元");
        var m = x.SalesActual / x.SalesTarget * 100;
        var mText = $"实际完成额 {Fmt.Num(x.SalesActual)} ÷ 当月考核指标 {Fmt.Num(x.SalesTarget)} = 完成率 {Fmt.PctAgainst(m, p.SalesGate, p.SalesFull)}";
        if (m < p.SalesGate) return new PayLine(label, 0, $"{mText}，低于 {Fmt.Pct(p.SalesGate)}，无此项奖金 → 0 元");
        if (m > p.SalesFull && p.SalesAboveFull == SalesAboveFull.Capped)
        {
            var capped = full * p.SalesFull / 100;
            return new PayLine(label, Fmt.Money(capped), $"{mText}，超过 {Fmt.Pct(p.SalesFull)} 按 {Fmt.Pct(p.SalesFull)} 计：{fullText} × {Fmt.Pct(p.SalesFull)} = {Fmt.Num(capped)} 元");
        }
        var amount = full * m / 100;
        return new PayLine(label, Fmt.Money(amount), $"{mText}，按实际完成率计：{fullText} × {Fmt.PctAgainst(m, p.SalesGate, p.SalesFull)} = {Fmt.Num(amount)} 元");
    }

    private static IEnumerable<PayLine> Service(AssistantBonusParameters p, AssistantBonusInput x)
    {
        decimal qm = p.MachineQuota, qw = p.BucketQuota, dm = x.MachinesCleaned, dw = x.BucketsDelivered, rho = p.BucketsPerMachine;
        var sm = Math.Max(0, qm - dm);
        var sw = Math.Max(0, qw - dw);
        var em = Math.Max(0, dm - qm);
        var ew = Math.Max(0, dw - qw);
        // A shortfall is covered when the other side's surplus, converted at ρ buckets per machine, is at least as large.
        var machinesCovered = sm == 0 || sm * rho <= ew;
        var waterCovered = sw == 0 || sw <= em * rho;
        var usedBuckets = sm > 0 && machinesCovered ? sm * rho : 0;
        var usedMachines = sw > 0 && waterCovered ? sw / rho : 0;

        var machineText = $"清洗饮水机 {Fmt.Num(dm)} 台" + (sm > 0 ? $"，比标准 {Fmt.Num(qm)} 台少 {Fmt.Num(sm)} 台" : em > 0 ? $"，超过标准 {Fmt.Num(qm)} 台 {Fmt.Num(em)} 台" : $"，达到标准 {Fmt.Num(qm)} 台");
        var waterText = $"送水 {Fmt.Num(dw)} 桶" + (sw > 0 ? $"，比标准 {Fmt.Num(qw)} 桶少 {Fmt.Num(sw)} 桶" : ew > 0 ? $"，超过标准 {Fmt.Num(qw)} 桶 {Fmt.Num(ew)} 桶" : $"，达到标准 {Fmt.Num(qw)} 桶");
        var rhoText = $"（1 台折 {Fmt.Num(rho, 4)} 桶）";
        string Cover(bool covered, decimal shortfall, string shortWhat, decimal used, string usedWhat, decimal surplus, string surplusWhat) =>
            shortfall == 0 ? "" : covered
                ? $"，少的 {Fmt.Num(shortfall, 4)} {shortWhat}用 {Fmt.Num(used, 4)} {usedWhat}抵消{rhoText}"
                : $"，少的 {Fmt.Num(shortfall, 4)} {shortWhat}需 {Fmt.Num(shortfall * (usedWhat == "桶" ? rho : 1 / rho), 4)} {usedWhat}抵消{rhoText}，超出的只有 {Fmt.Num(surplus, 4)} {surplusWhat}，不能完全抵消";
        var machineCover = Cover(machinesCovered, sm, "台", usedBuckets, "桶", ew, "桶");
        var waterCover = Cover(waterCovered, sw, "桶", usedMachines, "台", em, "台");
        var facts = machineText + "；" + waterText + machineCover + waterCover;

        var full = p.BonusBase * p.ServiceShare / 100;
        bool itemFailed;
        if (p.ServiceItems == ServiceItems.OneItem)
        {
            var ok = machinesCovered && waterCovered;
            itemFailed = !ok;
            yield return ok
                ? new PayLine("清洗饮水机、送水奖金", Fmt.Money(full), $"{facts}；完成率 100% → {Fmt.Num(p.BonusBase)} × {Fmt.Pct(p.ServiceShare)} = {Fmt.Num(full)} 元")
                : new PayLine("清洗饮水机、送水奖金", 0, $"{facts}；无此项奖金 → 0 元");
        }
        else
        {
            var half = full / 2;
            var halfText = $"{Fmt.Num(p.BonusBase)} × {Fmt.Pct(p.ServiceShare)} ÷ 2 = {Fmt.Num(half)} 元";
            itemFailed = !machinesCovered || !waterCovered;
            yield return machinesCovered
                ? new PayLine("清洗饮水机奖金", Fmt.Money(half), $"{machineText}{machineCover}；完成 → {halfText}")
                : new PayLine("清洗饮水机奖金", 0, $"{machineText}{machineCover}；无此项奖金 → 0 元");
            yield return waterCovered
                ? new PayLine("送水奖金", Fmt.Money(half), $"{waterText}{waterCover}；完成 → {halfText}")
                : new PayLine("送水奖金", 0, $"{waterText}{waterCover}；无此项奖金 → 0 元");
        }

        var voided = itemFailed && p.ExtrasWhenItemFails == ExtrasWhenItemFails.Voided;
        yield return Extra("超额洗机薪资", "台", em, p.OffsetUnitsEarnExtras ? 0 : usedMachines, p.MachineExtraRate, voided);
        yield return Extra("超额送水薪资", "桶", ew, p.OffsetUnitsEarnExtras ? 0 : usedBuckets, p.BucketExtraRate, voided);
    }

    private static PayLine Extra(string label, string unit, decimal surplus, decimal used, decimal rate, bool voided)
    {
        if (surplus == 0) return new PayLine(label, 0, $"没有超出标准的{(unit == "台" ? "洗机量" : "送水量")} → 0 元");
        if (voided) return new PayLine(label, 0, $"超出标准 {Fmt.Num(surplus, 4)} {unit}，但清洗饮水机、送水项未完成，按方案不计 → 0 元");
        var paid = surplus - used;
        var amount = paid * rate;
        var usedText = used > 0 ? $"，其中 {Fmt.Num(used, 4)} {unit}已用于抵消，计薪 {Fmt.Num(paid, 4)} {unit}" : "";
        return new PayLine(label, Fmt.Money(amount), $"超出标准 {Fmt.Num(surplus, 4)} {unit}{usedText}：{Fmt.Num(paid, 4)} × {Fmt.Num(rate)} = {Fmt.Num(amount)} 元");
    }
}
