using System.Collections.Immutable;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>One line of a monthly pay slip.</summary>
/// <param name="Label">What the line is, in Chinese (基础薪酬, 午餐补贴 …).</param>
/// <param name="Amount">The amount in 元, rounded to 0.01 元 half-up (the line is a payout).</param>
/// <param name="Explanation">How the amount came about, in Chinese with the numbers.</param>
public sealed record PayLine(string Label, decimal Amount, string Explanation);

/// <summary>A mistake in the month's input or in the plan's parameters, placed at its field (named in Chinese).</summary>
/// <param name="Field">The field, as the import file or the plan names it (当月新发放微小贷款笔数, 推荐贷款第 2 笔金额 …).</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record PayProblem(string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}：{Message}";
}

/// <summary>
/// A month's pay: the lines, their total and notes (e.g. why a person is or is not in each tier), or the problems that
/// kept it from being computed. With problems there are no lines and the total is 0.
/// </summary>
/// <remarks>Each line is rounded to 0.01 元 (half-up) when it is made; the total is the sum of the rounded lines.</remarks>
public sealed record PayResult(ImmutableArray<PayLine> Lines, decimal Total, ImmutableArray<string> Notes, ImmutableArray<PayProblem> Problems)
{
    /// <summary>True when the pay was computed (no problems).</summary>
    public bool IsValid => Problems.IsEmpty;

    internal static PayResult Of(IEnumerable<PayLine> lines, IEnumerable<string> notes)
    {
        var ls = lines.ToImmutableArray();
        return new PayResult(ls, ls.Sum(l => l.Amount), [.. notes], []);
    }

    internal static PayResult Fail(IEnumerable<PayProblem> problems) => new([], 0, [], [.. problems]);
}

/// <summary>
/// One band of a table: <see cref="From"/> to <see cref="To"/> (both as the seed writes them; <c>null</c> To = open
/// upwards) pays <see cref="Amount"/>. What the bounds count (万元 of a loan, the n-th loan of the month) is said by the
/// table that holds the band.
/// </summary>
public sealed record PayBand(decimal From, decimal? To, decimal Amount);

/// <summary>Which day of the month tenure and time in a tier are counted to.</summary>
public enum TenureDate
{
    /// <summary>The last day of the month being paid (default).</summary>
    MonthEnd,
    /// <summary>The first day of the month being paid.</summary>
    MonthStart,
}

/// <summary>What a yes/no judgment (熟练办理信贷业务, 定性条件) counts as when the input leaves it empty.</summary>
public enum JudgmentWhenEmpty
{
    /// <summary>Treated as given (default: the seeds' examples never state it).</summary>
    Met,
    /// <summary>Treated as not given.</summary>
    NotMet,
}

/// <summary>Collects problems with their fields.</summary>
internal sealed class Problems
{
    private readonly List<PayProblem> list = [];

    public void Add(string field, string message) => list.Add(new PayProblem(field, message));

    public bool Any => list.Count > 0;

    public IReadOnlyList<PayProblem> All => list;

    /// <summary>Checks that a money amount or rate parameter is not negative.</summary>
    public void NotNegative(string field, decimal value)
    {
        if (value < 0) Add(field, $"不能为负数（{Fmt.Num(value, 4)}）");
    }

    /// <summary>Checks a money parameter: 0 to 1,000,000,000 元 (bounded so that no product can overflow).</summary>
    public void Money(string field, decimal value)
    {
        if (value is < 0 or > MaxMoney) Add(field, $"应为 0–1000000000 元（{Fmt.Num(value, 4)}）");
    }

    /// <summary>The largest money amount a parameter may hold.</summary>
    public const decimal MaxMoney = 1_000_000_000;

    /// <summary>Checks a count of months in a parameter: 0–1200.</summary>
    public void Months(string field, int value)
    {
        if (value is < 0 or > 1200) Add(field, $"应为 0–1200 个月（{value}）");
    }

    /// <summary>Checks a date of the input: not before 1900 and not after the month being paid.</summary>
    public void Date(string field, DateOnly value, (DateOnly First, DateOnly Last)? month)
    {
        if (value.Year < 1900) Add(field, $"{Tenure.Day(value)} 早于 1900 年");
        else if (month is { } m && value > m.Last) Add(field, $"{Tenure.Day(value)} 晚于考核月份");
    }

    /// <summary>Checks that a count is not negative.</summary>
    public void NotNegative(string field, int value)
    {
        if (value < 0) Add(field, $"不能为负数（{value}）");
    }

    /// <summary>Checks that a percentage (in percentage points) lies in 0–100.</summary>
    public void Percent(string field, decimal value)
    {
        if (value is < 0 or > 100) Add(field, $"应在 0%–100% 之间（{Fmt.Num(value, 4)}%）");
    }

    /// <summary>Checks a year and month and returns the month's first and last day.</summary>
    public (DateOnly First, DateOnly Last)? Month(int year, int month)
    {
        var ok = true;
        if (year is < 1900 or > 2200) { Add("年份", $"应为 1900–2200 之间的年份（{year}）"); ok = false; }
        if (month is < 1 or > 12) { Add("月份", $"应为 1–12（{month}）"); ok = false; }
        if (!ok) return null;
        var first = new DateOnly(year, month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}

/// <summary>Whole months and days between two dates, as a clerk counts service time.</summary>
internal static class Tenure
{
    /// <summary>The day tenure is counted to for a month.</summary>
    public static DateOnly AsOf((DateOnly First, DateOnly Last) month, TenureDate when) =>
        when == TenureDate.MonthStart ? month.First : month.Last;

    /// <summary>Whole months from <paramref name="start"/> to <paramref name="asOf"/> and the days left over.</summary>
    public static (int Months, int Days) Between(DateOnly start, DateOnly asOf)
    {
        if (asOf < start) return (0, 0);
        var months = (asOf.Year - start.Year) * 12 + asOf.Month - start.Month;
        while (months > 0 && start.AddMonths(months) > asOf) months--;
        return (months, asOf.DayNumber - start.AddMonths(months).DayNumber);
    }

    /// <summary>True when <paramref name="start"/> to <paramref name="asOf"/> is at least (or, strict, more than) <paramref name="months"/> months.</summary>
    public static bool Reaches(DateOnly start, DateOnly asOf, int months, bool strict)
    {
        var mark = start.AddMonths(months);
        return strict ? asOf > mark : asOf >= mark;
    }

    /// <summary>"14 个月", "6 个月 3 天".</summary>
    public static string Describe(DateOnly start, DateOnly asOf)
    {
        var (m, d) = Between(start, asOf);
        return d == 0 ? $"{m} 个月" : $"{m} 个月 {d} 天";
    }

    /// <summary>"满 6 个月" or "超过 6 个月" with the threshold.</summary>
    public static string Threshold(int months, bool strict) => (strict ? "超过 " : "满 ") + months + " 个月";

    /// <summary>The date written as a clerk writes it: 2026-05-31.</summary>
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
