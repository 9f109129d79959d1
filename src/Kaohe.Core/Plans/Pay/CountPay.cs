using System.Collections.Immutable;
using System.Text;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>How "累进" applies the count table (PR-02).</summary>
public enum CountPayMethod
{
    /// <summary>Each loan earns the rate of the band it falls in: loans 1–2 at the first rate, the 3rd on at the next … (default).</summary>
    Graduated,
    /// <summary>Every loan of the month earns the rate of the band the month's count reaches.</summary>
    WholeCount,
}

/// <summary>What a fractional converted count (1 new + 1 extension = 1.5) earns (PR-02).</summary>
public enum FractionalLoans
{
    /// <summary>Pro rata: 1.5 loans earn 1.5 × the rate (default).</summary>
    ProRata,
    /// <summary>Rounded down to whole loans first.</summary>
    RoundDown,
}

/// <summary>What loans beyond the table's last band earn (the seed's table is cut off after "1-2 30").</summary>
public enum BeyondTable
{
    /// <summary>The month cannot be computed: the plan must complete the table (default, the honest answer to a lost table).</summary>
    Refuse,
    /// <summary>The last band's rate goes on.</summary>
    LastBandRate,
    /// <summary>Loans beyond the table earn nothing.</summary>
    NoPay,
}

/// <summary>
/// The loan-officer count pay "当月贷款放款笔数绩效薪酬" (seed S4 L76; PR-02). Band bounds count loans (the n-th loan of the
/// month), the amount is 元 per loan. The seed's table is truncated after its first row "1-2 30": the default table has that
/// row only, and a month with more loans is refused until the plan gives the rest.
/// </summary>
public sealed record CountPayParameters
{
    /// <summary>S4 L76 "当月新发放微小贷款笔数 每笔贷款的绩效薪酬(元) 1-2 30" (the rest of the table is lost) and "按0.5系数折算".</summary>
    public static CountPayParameters Default { get; } = new();

    /// <summary>The table (From–To: the n-th loan of the month, Amount: 元 per loan), contiguous from 1; default the one surviving row 1–2 → 30.</summary>
    public ImmutableArray<PayBand> Bands { get; init; } = [new(1, 2, 30)];
    /// <summary>Renewals, merged loans and extensions (续贷、并贷及展期) count as this many new loans each (S4 L76 "按0.5系数折算"); default 0.5.</summary>
    public decimal ConvertedLoanFactor { get; init; } = 0.5m;
    /// <summary>Graduated (default) or whole-count progressive.</summary>
    public CountPayMethod Method { get; init; } = CountPayMethod.Graduated;
    /// <summary>Fractional counts pro rata (default) or rounded down.</summary>
    public FractionalLoans Fractions { get; init; } = FractionalLoans.ProRata;
    /// <summary>Loans beyond the last band; default refuse the month.</summary>
    public BeyondTable Beyond { get; init; } = BeyondTable.Refuse;
}

/// <summary>The month's loans for the count pay.</summary>
/// <param name="NewLoans">当月新发放微小贷款笔数.</param>
/// <param name="Renewals">续贷笔数.</param>
/// <param name="MergedLoans">并贷笔数.</param>
/// <param name="Extensions">展期笔数.</param>
public sealed record LoanCounts(int NewLoans, int Renewals = 0, int MergedLoans = 0, int Extensions = 0);

/// <summary>PR-02: the count pay of a month.</summary>
public static class CountPay
{
    /// <summary>The pay line, or problems (a count beyond the table under <see cref="BeyondTable.Refuse"/>).</summary>
    internal static PayLine? Line(CountPayParameters p, LoanCounts c, Problems problems)
    {
        var converted = c.Renewals + c.MergedLoans + c.Extensions;
        var exact = c.NewLoans + converted * p.ConvertedLoanFactor;
        var text = new StringBuilder($"新发放 {c.NewLoans} 笔");
        if (converted > 0)
            text.Append($" + 续贷、并贷及展期 {converted} 笔 × {Fmt.Num(p.ConvertedLoanFactor, 4)} = 折算 {Fmt.Num(exact, 4)} 笔");
        var n = p.Fractions == FractionalLoans.RoundDown ? Math.Floor(exact) : exact;
        if (n != exact) text.Append($"，不足一笔的舍去，按 {Fmt.Num(n, 0)} 笔计");
        if (n == 0) return new PayLine("放款笔数绩效薪酬", 0, text.Append(" → 0 元").ToString());

        var bands = p.Bands;
        var last = bands[^1];
        var beyond = last.To is { } lastTo && n > lastTo ? n - lastTo : 0;
        if (beyond > 0 && p.Beyond == BeyondTable.Refuse)
        {
            problems.Add("当月放款笔数", $"折算 {Fmt.Num(n, 4)} 笔，超出计件表（只到第 {Fmt.Num(last.To!.Value, 0)} 笔），方案未给出之后每笔的绩效薪酬，请在方案中补全计件表");
            return null;
        }
        decimal pay = 0;
        var parts = new List<string>();
        if (p.Method == CountPayMethod.Graduated)
        {
            foreach (var b in bands)
            {
                var inBand = Math.Min(n, b.To ?? n) - (b.From - 1);
                if (inBand <= 0) break;
                pay += inBand * b.Amount;
                parts.Add($"{Range(b)}每笔 {Fmt.Num(b.Amount)} 元：{Fmt.Num(inBand, 4)} × {Fmt.Num(b.Amount)} = {Fmt.Num(inBand * b.Amount)} 元");
            }
            if (beyond > 0) parts.Add(BeyondText(p, beyond, last, ref pay));
            text.Append("，累进计算：").Append(string.Join("；", parts));
        }
        else
        {
            var band = bands.FirstOrDefault(b => b.To is not { } to || n <= to);
            if (band is null)
            {
                var rate = p.Beyond == BeyondTable.LastBandRate ? last.Amount : 0;
                pay = n * rate;
                text.Append(p.Beyond == BeyondTable.LastBandRate
                    ? $"，超出计件表，全部按最后一档每笔 {Fmt.Num(rate)} 元：{Fmt.Num(n, 4)} × {Fmt.Num(rate)}"
                    : "，超出计件表，方案规定不计");
            }
            else
            {
                pay = n * band.Amount;
                text.Append($"，落在{Range(band)}一档，全部按每笔 {Fmt.Num(band.Amount)} 元：{Fmt.Num(n, 4)} × {Fmt.Num(band.Amount)}");
            }
        }
        var money = Fmt.Money(pay);
        text.Append($" → {Fmt.Num(money)} 元");
        return new PayLine("放款笔数绩效薪酬", money, text.ToString());
    }

    private static string BeyondText(CountPayParameters p, decimal beyond, PayBand last, ref decimal pay)
    {
        if (p.Beyond == BeyondTable.NoPay) return $"超出计件表的 {Fmt.Num(beyond, 4)} 笔不计";
        pay += beyond * last.Amount;
        return $"超出计件表的 {Fmt.Num(beyond, 4)} 笔按最后一档每笔 {Fmt.Num(last.Amount)} 元：{Fmt.Num(beyond * last.Amount)} 元";
    }

    private static string Range(PayBand b) => b.To is { } to ? $"第 {Fmt.Num(b.From, 0)}–{Fmt.Num(to, 0)} 笔" : $"第 {Fmt.Num(b.From, 0)} 笔起";

    internal static void Check(CountPayParameters p, Problems problems)
    {
        const string f = "方案·放款笔数计件表";
        problems.NotNegative("方案·续贷并贷展期折算系数", p.ConvertedLoanFactor);
        if (p.ConvertedLoanFactor > 1) problems.Add("方案·续贷并贷展期折算系数", $"应在 0–1 之间（{Fmt.Num(p.ConvertedLoanFactor, 4)}）");
        if (p.Bands.IsDefaultOrEmpty) { problems.Add(f, "至少需要一档"); return; }
        for (var i = 0; i < p.Bands.Length; i++)
        {
            var b = p.Bands[i];
            var at = $"{f}第 {i + 1} 档";
            var from = i == 0 ? 1 : (p.Bands[i - 1].To ?? 0) + 1;
            if (b.From != from || decimal.Truncate(b.From) != b.From) problems.Add(at, $"起点应为第 {Fmt.Num(from, 0)} 笔（各档须从第 1 笔起首尾相接），实际为 {Fmt.Num(b.From, 4)}");
            if (b.To is { } to && (to < b.From || decimal.Truncate(to) != to)) problems.Add(at, $"止点应为不小于起点的整数（{Fmt.Num(to, 4)}）");
            if (b.To is null && i < p.Bands.Length - 1) problems.Add(at, "只有最后一档可以不写止点");
            problems.Money(at + "每笔金额", b.Amount);
            if (b.From > 100000 || b.To > 100000) { problems.Add(at, "笔数不能超过 100000"); break; }
        }
    }

    internal static void CheckCounts(LoanCounts c, Problems problems)
    {
        Count("当月新发放微小贷款笔数", c.NewLoans, problems);
        Count("续贷笔数", c.Renewals, problems);
        Count("并贷笔数", c.MergedLoans, problems);
        Count("展期笔数", c.Extensions, problems);
    }

    private static void Count(string field, int v, Problems problems)
    {
        if (v is < 0 or > 100000) problems.Add(field, $"应为 0–100000 的整数（{v}）");
    }
}
