using System.Globalization;
using System.Text;

namespace Kaohe.Data.Import;

/// <summary>Type of an import column.</summary>
public enum ColumnType
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A date: 2026-10-05, 2026/10/5, 2026.10.5, 2026年10月5日, 20261005.</summary>
    Date,
    /// <summary>A date and time: 2026-10-05 14:30[:00]; a date alone is midnight.</summary>
    DateTime,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>Money in 元 with at most 2 decimals; 12万 allowed.</summary>
    Money,
    /// <summary>A number with at most 4 decimals.</summary>
    Quantity,
    /// <summary>是/否, Y/N, 1/0, true/false.</summary>
    Boolean,
    /// <summary>A period: 2026-10, 2026-Q4, 2026.</summary>
    Period,
}

/// <summary>Reading of the cell texts users type, with a Chinese reason when a value cannot be read.</summary>
public static class ImportValues
{
    /// <summary>NFKC (full-width digits, letters and signs become half-width), trimmed; empty → null.</summary>
    public static string? Clean(string? raw)
    {
        if (raw is null) return null;
        var s = raw.Normalize(NormalizationForm.FormKC).Trim().Replace('\u3000', ' ');
        return s.Length == 0 ? null : s;
    }

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
    ];

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-M-d H:m", "yyyy-M-d H:m:s", "yyyy/M/d H:m", "yyyy/M/d H:m:s", "yyyy-M-dTH:m:s", "yyyy-M-dTH:m",
        "yyyy年M月d日 H:m", "yyyy年M月d日 H时m分", "yyyy.M.d H:m",
    ];

    /// <summary>Reads a date; the reason is null on success.</summary>
    public static bool TryDate(string s, out DateOnly date, out string? reason)
    {
        reason = null;
        if (DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        // XLSX dates arrive as a DateTime text from the reader.
        if (System.DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && dt.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        reason = "不是有效日期（应写作 2026-10-05）";
        return false;
    }

    /// <summary>Reads a date and time.</summary>
    public static bool TryDateTime(string s, out DateTime value, out string? reason)
    {
        reason = null;
        if (System.DateTime.TryParseExact(s, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || System.DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            value = System.DateTime.SpecifyKind(value, DateTimeKind.Utc);
            return true;
        }
        if (TryDate(s, out var d, out _))
        {
            value = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        reason = "不是有效的日期时间（应写作 2026-10-05 14:30）";
        return false;
    }

    /// <summary>
    /// Reads a decimal number as the engine does (<see cref="Kaohe.Core.Inputs.ValueParser"/>): full-width digits, a
    /// currency sign (¥/￥) before, 元/万/万元 after, thousands separators every three digits; no percent sign.
    /// </summary>
    public static bool TryNumber(string s, out decimal value, out string? reason)
    {
        reason = null;
        var t = Kaohe.Core.Inputs.ValueParser.Normalize(s).Replace(" ", "");
        var negative = t.StartsWith('-');
        if (negative || t.StartsWith('+')) t = t[1..];
        if (t.StartsWith('¥')) t = t[1..];
        if (!negative && t.StartsWith('-')) { negative = true; t = t[1..]; }
        var scale = 1m;
        if (t.EndsWith("万元", StringComparison.Ordinal)) { scale = 10000m; t = t[..^2]; }
        else if (t.EndsWith('万')) { scale = 10000m; t = t[..^1]; }
        else if (t.EndsWith('元')) t = t[..^1];
        if (Kaohe.Core.Inputs.ValueParser.GroupingError(t) is { } grouping)
        {
            value = 0;
            reason = grouping;
            return false;
        }
        t = t.Replace(",", "");
        if (negative) t = "-" + t;
        if (t.EndsWith('%'))
        {
            value = 0;
            reason = "此列不接受百分数";
            return false;
        }
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            value *= scale;
            return true;
        }
        reason = "不是数字";
        return false;
    }

    /// <summary>Reads a boolean word.</summary>
    public static bool TryBoolean(string s, out bool value, out string? reason)
    {
        reason = null;
        switch (s.ToLowerInvariant())
        {
            case "是": case "y": case "yes": case "1": case "true": case "√": case "满意": case "及时": case "成功": case "接通":
                value = true; return true;
            case "否": case "n": case "no": case "0": case "false": case "×": case "不满意": case "不及时": case "失败": case "未接通":
                value = false; return true;
            default:
                value = false;
                reason = "应为 是/否（也可写 Y/N、1/0）";
                return false;
        }
    }

    /// <summary>Converts to an integer number of units of 10^-digits, rejecting more decimals than stored.</summary>
    public static bool TryScaled(decimal value, int digits, out long scaled, out string? reason)
    {
        reason = null;
        var factor = digits == 2 ? 100m : 10000m;
        var x = value * factor;
        if (x != decimal.Truncate(x))
        {
            scaled = 0;
            reason = digits == 2 ? "金额最多两位小数（分）" : "最多四位小数";
            return false;
        }
        try
        {
            scaled = decimal.ToInt64(x);
            return true;
        }
        catch (OverflowException)
        {
            scaled = 0;
            reason = "数值过大";
            return false;
        }
    }
}
