using System.Globalization;

namespace Kaohe.Data.Time;

/// <summary>Length of an appraisal or metric period.</summary>
public enum PeriodKind
{
    Month = 0,
    Quarter = 1,
    Year = 2,
}

/// <summary>
/// A calendar period (G9): a month <c>2026-10</c>, a quarter <c>2026-Q4</c> (Q1 = Jan–Mar) or a year <c>2026</c>.
/// Months are handled as integers yyyymm (202610), the form the records store.
/// </summary>
public readonly record struct Period(PeriodKind Kind, int Year, int Index) : IComparable<Period>
{
    /// <summary>The month period containing <paramref name="date"/>.</summary>
    public static Period MonthOf(DateOnly date) => new(PeriodKind.Month, date.Year, date.Month);

    /// <summary>The month period of a yyyymm integer.</summary>
    public static Period FromMonthKey(int yyyymm) => new(PeriodKind.Month, yyyymm / 100, yyyymm % 100);

    /// <summary>yyyymm of a date.</summary>
    public static int MonthKey(DateOnly date) => date.Year * 100 + date.Month;

    /// <summary>yyyymm of a date and time.</summary>
    public static int MonthKey(DateTime at) => at.Year * 100 + at.Month;

    /// <summary>First month (yyyymm) of the period.</summary>
    public int FirstMonth => Kind switch
    {
        PeriodKind.Month => Year * 100 + Index,
        PeriodKind.Quarter => Year * 100 + (Index - 1) * 3 + 1,
        _ => Year * 100 + 1,
    };

    /// <summary>Last month (yyyymm) of the period.</summary>
    public int LastMonth => Kind switch
    {
        PeriodKind.Month => Year * 100 + Index,
        PeriodKind.Quarter => Year * 100 + Index * 3,
        _ => Year * 100 + 12,
    };

    /// <summary>First day of the period.</summary>
    public DateOnly Start => new(Year, FirstMonth % 100, 1);

    /// <summary>First day after the period.</summary>
    public DateOnly End => new DateOnly(Year, LastMonth % 100, 1).AddMonths(1);

    /// <summary>The months (yyyymm) of the period, in order.</summary>
    public IEnumerable<int> Months()
    {
        for (var m = FirstMonth; m <= LastMonth; m++) yield return m;
    }

    /// <summary>The period of the same kind just before this one.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Index == 1 ? new(Kind, Year - 1, 12) : new(Kind, Year, Index - 1),
        PeriodKind.Quarter => Index == 1 ? new(Kind, Year - 1, 4) : new(Kind, Year, Index - 1),
        _ => new(Kind, Year - 1, 1),
    };

    /// <summary>The period of the same kind just after this one.</summary>
    public Period Next() => Kind switch
    {
        PeriodKind.Month => Index == 12 ? new(Kind, Year + 1, 1) : new(Kind, Year, Index + 1),
        PeriodKind.Quarter => Index == 4 ? new(Kind, Year + 1, 1) : new(Kind, Year, Index + 1),
        _ => new(Kind, Year + 1, 1),
    };

    /// <summary>The same period one year earlier (同期).</summary>
    public Period SamePeriodLastYear() => this with { Year = Year - 1 };

    /// <summary>The key of the period that contains month <paramref name="yyyymm"/>, for grouping: yyyymm, yyyy·10+q, or yyyy.</summary>
    public static int KeyOf(PeriodKind kind, int yyyymm) => kind switch
    {
        PeriodKind.Month => yyyymm,
        PeriodKind.Quarter => yyyymm / 100 * 10 + (yyyymm % 100 + 2) / 3,
        _ => yyyymm / 100,
    };

    /// <summary>The period whose grouping key is <paramref name="key"/> (see <see cref="KeyOf"/>).</summary>
    public static Period FromKey(PeriodKind kind, int key) => kind switch
    {
        PeriodKind.Month => new(kind, key / 100, key % 100),
        PeriodKind.Quarter => new(kind, key / 10, key % 10),
        _ => new(kind, key, 1),
    };

    /// <summary>This period's grouping key (see <see cref="KeyOf"/>).</summary>
    public int Key => KeyOf(Kind, FirstMonth);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => $"{Year:D4}-{Index:D2}",
        PeriodKind.Quarter => $"{Year:D4}-Q{Index}",
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>Chinese label: 2026年10月, 2026年第4季度, 2026年.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => $"{Year}年{Index}月",
        PeriodKind.Quarter => $"{Year}年第{Index}季度",
        _ => $"{Year}年",
    };

    /// <inheritdoc />
    public int CompareTo(Period other) =>
        Kind != other.Kind ? Kind.CompareTo(other.Kind) : FirstMonth.CompareTo(other.FirstMonth);

    /// <summary>
    /// Reads <c>2026-10</c>, <c>2026-1</c>, <c>2026/10</c>, <c>202610</c>, <c>2026年10月</c>, <c>2026-Q4</c>,
    /// <c>2026Q4</c>, <c>2026年第4季度</c>, <c>2026</c>, <c>2026年</c>; full-width digits are accepted.
    /// </summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Normalize(System.Text.NormalizationForm.FormKC).Trim().ToUpperInvariant()
            .Replace("年第", "-Q").Replace("季度", "").Replace("年", "-").Replace("月", "").Replace('/', '-').Replace('.', '-')
            .TrimEnd('-');
        int year, index;
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            period = new(PeriodKind.Year, year, 1);
            return year is >= 1900 and <= 2999;
        }
        if (s.Length == 6 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ym))
        {
            year = ym / 100; index = ym % 100;
            period = new(PeriodKind.Month, year, index);
            return year is >= 1900 and <= 2999 && index is >= 1 and <= 12;
        }
        var q = s.IndexOf('Q');
        if (q > 0)
        {
            var y = s[..q].TrimEnd('-');
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out year)
                && int.TryParse(s[(q + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index)
                && year is >= 1900 and <= 2999 && index is >= 1 and <= 4)
            {
                period = new(PeriodKind.Quarter, year, index);
                return true;
            }
            return false;
        }
        var dash = s.IndexOf('-');
        if (dash == 4
            && int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && year is >= 1900 and <= 2999 && index is >= 1 and <= 12)
        {
            period = new(PeriodKind.Month, year, index);
            return true;
        }
        return false;
    }

    /// <summary>Like <see cref="TryParse"/>, with a Chinese error naming the text.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p
            : throw new FormatException($"无法识别的期间“{text}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）。");
}
