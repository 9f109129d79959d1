using System.Collections.Immutable;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>How a loan amount between the seed's bands ("1-5万", "6-10万": nothing for 5–6万) is placed (PR-01).</summary>
public enum BandGaps
{
    /// <summary>Right-closed continuous bands: a band runs from above the previous band's To up to its own To (default; 5.5万 → 6–10万).</summary>
    RightClosed,
    /// <summary>The amount is first cut down to whole 万 (5.5万 → 5万 → 1–5万).</summary>
    FloorToWholeWan,
}

/// <summary>What an amount outside the table earns.</summary>
public enum OutsideTable
{
    /// <summary>The nearest band's reward (default: below 1万 → the first band, above 200万 → the last).</summary>
    NearestBand,
    /// <summary>No reward.</summary>
    NotEligible,
}

/// <summary>
/// The referral reward of "贷款业务推荐人" (seed S4 L76; PR-01): per disbursed loan, a reward by the loan's size.
/// Band bounds are in 万元 of the loan, the amount in 元 per loan.
/// </summary>
public sealed record ReferralParameters
{
    /// <summary>S4 L76 "1-5万元/30元/笔;6-10万元/50元/笔;11-50万元/80元/笔;51-100万元/100元/笔;101-200万元/150元/笔".</summary>
    public static ReferralParameters Default { get; } = new();

    /// <summary>The bands (From–To in 万元, Amount in 元 per loan), ascending; default the seed's five.</summary>
    public ImmutableArray<PayBand> Bands { get; init; } =
        [new(1, 5, 30), new(6, 10, 50), new(11, 50, 80), new(51, 100, 100), new(101, 200, 150)];
    /// <summary>How amounts between bands are placed; default right-closed.</summary>
    public BandGaps Gaps { get; init; } = BandGaps.RightClosed;
    /// <summary>A loan below the first band (under 1万); default the first band's reward.</summary>
    public OutsideTable BelowFirstBand { get; init; } = OutsideTable.NearestBand;
    /// <summary>A loan above the last band (over 200万); default the last band's reward.</summary>
    public OutsideTable AboveLastBand { get; init; } = OutsideTable.NearestBand;
}

/// <summary>One loan a person referred.</summary>
/// <param name="Amount">贷款金额 in 元.</param>
/// <param name="Disbursed">成功发放: only disbursed loans are rewarded.</param>
public sealed record ReferredLoan(decimal Amount, bool Disbursed = true);

/// <summary>PR-01: the reward for referred loans.</summary>
public static class ReferralReward
{
    /// <summary>The reward of one loan (元, exact) and its explanation.</summary>
    public static (decimal Amount, string Explanation) Of(ReferralParameters p, ReferredLoan loan)
    {
        var wan = loan.Amount / 10000m;
        var shown = $"{Fmt.Num(wan, 4)} 万元";
        if (!loan.Disbursed) return (0, $"{shown}，未成功发放，不奖励");
        var bands = p.Bands;
        var x = p.Gaps == BandGaps.FloorToWholeWan ? Math.Floor(wan) : wan;
        var cut = p.Gaps == BandGaps.FloorToWholeWan && x != wan ? $"按整万计 {Fmt.Num(x, 0)} 万元，" : "";
        if (x < bands[0].From)
            return p.BelowFirstBand == OutsideTable.NearestBand
                ? (bands[0].Amount, $"{shown}，{cut}不足 {Fmt.Num(bands[0].From, 4)} 万元，按最低一档 {Band(bands[0])} 奖励 {Fmt.Num(bands[0].Amount)} 元")
                : (0, $"{shown}，{cut}不足 {Fmt.Num(bands[0].From, 4)} 万元，不奖励");
        for (var i = 0; i < bands.Length; i++)
        {
            if (bands[i].To is { } to && x > to) continue;
            return (bands[i].Amount, $"{shown}，{cut}属于 {Band(bands[i])} 一档，奖励 {Fmt.Num(bands[i].Amount)} 元");
        }
        var last = bands[^1];
        return p.AboveLastBand == OutsideTable.NearestBand
            ? (last.Amount, $"{shown}，{cut}超过 {Fmt.Num(last.To!.Value, 4)} 万元，按最高一档 {Band(last)} 奖励 {Fmt.Num(last.Amount)} 元")
            : (0, $"{shown}，{cut}超过 {Fmt.Num(last.To!.Value, 4)} 万元，不奖励");
    }

    /// <summary>The pay line for a month's referred loans (null when there are none).</summary>
    internal static PayLine? Line(ReferralParameters p, ImmutableArray<ReferredLoan> loans)
    {
        if (loans.IsDefaultOrEmpty) return null;
        decimal total = 0;
        var parts = new List<string>();
        for (var i = 0; i < loans.Length; i++)
        {
            var (a, e) = Of(p, loans[i]);
            total += a;
            parts.Add($"第 {i + 1} 笔 {e}");
        }
        var money = Fmt.Money(total);
        return new PayLine("贷款推荐奖励", money, string.Join("；", parts) + $"；合计 {Fmt.Num(money)} 元");
    }

    private static string Band(PayBand b) => b.To is { } to ? $"{Fmt.Num(b.From, 4)}–{Fmt.Num(to, 4)} 万元" : $"{Fmt.Num(b.From, 4)} 万元以上";

    internal static void Check(ReferralParameters p, Problems problems)
    {
        const string f = "方案·推荐奖励表";
        if (p.Bands.IsDefaultOrEmpty) { problems.Add(f, "至少需要一档"); return; }
        for (var i = 0; i < p.Bands.Length; i++)
        {
            var b = p.Bands[i];
            var at = $"{f}第 {i + 1} 档";
            if (b.From is < 0 or > Problems.MaxMoney) problems.Add(at, $"起点应为 0–1000000000 万元（{Fmt.Num(b.From, 4)}）");
            problems.Money(at + "奖励", b.Amount);
            if (b.To is { } to && to < b.From) problems.Add(at, $"止点 {Fmt.Num(to, 4)} 小于起点 {Fmt.Num(b.From, 4)}");
            if (b.To is null && i < p.Bands.Length - 1) problems.Add(at, "只有最后一档可以不写止点");
            if (i > 0 && p.Bands[i - 1].To is { } prev && b.From <= prev) problems.Add(at, $"起点 {Fmt.Num(b.From, 4)} 应大于上一档止点 {Fmt.Num(prev, 4)}");
        }
    }

    /// <summary>Checks a referred loan of the month input.</summary>
    internal static void CheckLoans(ImmutableArray<ReferredLoan> loans, Problems problems)
    {
        if (loans.IsDefault) return;
        if (loans.Length > 10000) { problems.Add("推荐贷款", $"一个月最多 10000 笔（{loans.Length}）"); return; }
        for (var i = 0; i < loans.Length; i++)
            if (loans[i].Amount <= 0 || loans[i].Amount > 100_000_000_000m)
                problems.Add($"推荐贷款第 {i + 1} 笔金额", $"应大于 0 且不超过 1000 亿元（{Fmt.Num(loans[i].Amount, 4)}）");
    }
}
