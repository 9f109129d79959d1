using System.Globalization;
using System.Text.RegularExpressions;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.Core.Attribution;

/// <summary>One event as the user wrote it: Chinese field names (类型, 客户, 顾问, 时间 …) and their values.</summary>
/// <param name="Location">Where it is, for messages: "第 4 行", "第 3 个事件".</param>
public sealed record EventFields(string Location, IReadOnlyDictionary<string, RawScalar> Fields);

/// <summary>Reading field values: names, times, money, yes/no. Every failure is a Chinese reason.</summary>
internal static partial class AttributionFields
{
    /// <summary>The longest name (客户, 顾问) accepted.</summary>
    public const int MaxName = 100;

    /// <summary>The longest free text (原因, 轮值位置) accepted.</summary>
    public const int MaxText = 500;

    public static string? Name(string text, out string? error)
    {
        error = null;
        var s = ValueParser.Normalize(text);
        if (s.Length == 0) return null;
        if (s.Length > MaxName) error = $"太长（{s.Length} 个字符，最多 {MaxName} 个）";
        else if (s.Any(char.IsControl)) error = "含有控制字符";
        return error is null ? s : null;
    }

    public static string? Text(string text, out string? error)
    {
        // Free text keeps its full-width punctuation (，。：), unlike names and numbers.
        error = null;
        var s = text.Trim().Trim('\u3000');
        if (s.Length == 0) return null;
        if (s.Length > MaxText) error = $"太长（{s.Length} 个字符，最多 {MaxText} 个）";
        else if (s.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\t'))) error = "含有控制字符";
        return error is null ? s : null;
    }

    /// <summary>A date or a date and time: 2026-03-01, 2026/3/1 10:02, 2026年3月1日 10:02:30, 2026-03-01T10:02.</summary>
    public static (DateTime At, bool HasTime)? Time(string text, out string? error)
    {
        error = null;
        var s = ValueParser.Normalize(text).Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal)
            .Replace('时', ':').Replace("分", "", StringComparison.Ordinal);
        var m = TimePattern().Match(s);
        if (!m.Success)
        {
            error = $"“{text.Trim()}”不是日期或时间，请写成 2026-03-01 或 2026-03-01 10:02";
            return null;
        }
        int G(string g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var hasTime = m.Groups["h"].Success;
        if (G("y") is < 1900 or > 2999 || G("mo") is < 1 or > 12 || G("d") < 1 || G("d") > DateTime.DaysInMonth(G("y"), G("mo"))
            || G("h") > 23 || G("mi") > 59 || G("s") > 59)
        {
            error = $"“{text.Trim()}”不是有效的日期或时间";
            return null;
        }
        return (new DateTime(G("y"), G("mo"), G("d"), G("h"), G("mi"), G("s")), hasTime);
    }

    public static decimal? Money(RawScalar raw, out string? error)
    {
        var p = ValueParser.Parse(raw, ValueUnit.Money, allowNegative: false);
        error = p.Error ?? (p.Value is null ? "需要金额" : null);
        return error is null ? p.Value : null;
    }

    public static bool? Bool(RawScalar raw, out string? error)
    {
        var b = ValueParser.ParseBool(raw);
        error = b is null ? $"“{raw.Text.Trim()}”应为 是 或 否" : null;
        return b;
    }

    /// <summary>A fraction from a percentage ("20%", 0.2).</summary>
    public static decimal? Share(RawScalar raw, out string? error)
    {
        var p = ValueParser.Parse(raw, ValueUnit.Percent, allowNegative: false);
        error = p.Error ?? (p.Value is null ? "需要百分比" : p.Value > 100 ? "不能超过 100%" : null);
        return error is null ? p.Value / 100m : null;
    }

    public static int? Days(RawScalar raw, out string? error)
    {
        var p = ValueParser.Parse(raw, ValueUnit.Days, allowNegative: false);
        error = p.Error ?? (p.Value is null ? "需要天数" : p.Value != decimal.Truncate(p.Value.Value) ? "天数必须是整数" : p.Value is < 1 or > 366 ? "应在 1–366 天之间" : null);
        return error is null ? (int)p.Value!.Value : null;
    }

    [GeneratedRegex(@"^(?<y>\d{4})[-/.](?<mo>\d{1,2})[-/.](?<d>\d{1,2})(?:(?:\s+|T|\s*)(?<h>\d{1,2}):(?<mi>\d{1,2})(?::(?<s>\d{1,2}))?)?$")]
    private static partial Regex TimePattern();
}
