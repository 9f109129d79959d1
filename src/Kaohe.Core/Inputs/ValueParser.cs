using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kaohe.Core.Model;

namespace Kaohe.Core.Inputs;

/// <summary>The outcome of reading one value: a number, "no data", "not applicable", or an error.</summary>
public readonly record struct ParsedValue(decimal? Value, bool NoData, bool NotApplicable, string? Error)
{
    /// <summary>A number.</summary>
    public static ParsedValue Of(decimal v) => new(v, false, false, null);
    /// <summary>A reading error.</summary>
    public static ParsedValue Fail(string message) => new(null, false, false, message);
}

/// <summary>
/// Reads what real users type: full-width digits and signs (８５％), surrounding spaces, "85%" or the
/// fraction 0.85 for a percentage, thousands separators, 元/万/分/小时 suffixes. What is ambiguous is
/// rejected with a reason instead of guessed.
/// </summary>
public static partial class ValueParser
{
    /// <summary>Words meaning a zero denominator ("无数据", §0 G6).</summary>
    public static readonly string[] NoDataWords = ["无数据", "N/A", "NA", "无历史", "无记录"];

    /// <summary>Words meaning "the indicator does not apply to this subject" (PC-08).</summary>
    public static readonly string[] NotApplicableWords = ["不适用", "无此项", "不考核"];

    /// <summary>Normalises text: NFKC (full-width → half-width), unusual minus signs, trimmed.</summary>
    public static string Normalize(string text)
    {
        // Fast path: ASCII and CJK unified ideographs are unchanged by NFKC and by the replacements below.
        if (!NeedsNormalizing(text))
        {
            // Only ASCII and CJK left: nothing to trim unless an end is ASCII whitespace (Trim would return the same string).
            static bool Space(char c) => c == ' ' || c is >= '\t' and <= '\r';
            return text.Length > 0 && (Space(text[0]) || Space(text[^1])) ? text.Trim() : text;
        }
        var s = text.Normalize(NormalizationForm.FormKC).Trim();
        // Minus-like signs users paste from Word/Excel/PDF: − (U+2212), ‐ ‑ ‒ – — ― (U+2010–2015); NFKC already maps －, ﹣.
        s = s.Replace('\u2212', '-').Replace('\u2010', '-').Replace('\u2011', '-').Replace('\u2012', '-')
            .Replace('\u2013', '-').Replace('\u2014', '-').Replace('\u2015', '-').Replace('\u3000', ' ');
        return s;
    }

    /// <summary>
    /// The common case without a regex: <c>[+-]digits[.digits][%]</c>, nothing else. Anything else (grouping
    /// commas, unit words, spaces, exponents) goes through the full pattern.
    /// </summary>
    private static bool TrySimpleNumber(string text, out decimal value, out string suffix)
    {
        value = 0;
        suffix = "";
        var span = text.AsSpan();
        var percent = span.Length > 0 && span[^1] == '%';
        if (percent) span = span[..^1];
        var start = span.Length > 0 && span[0] is '+' or '-' ? 1 : 0;
        if (span.Length == start) return false;
        var dots = 0;
        for (var i = start; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '.') { if (++dots > 1 || i == span.Length - 1) return false; }
            else if (c is < '0' or > '9') return false;
        }
        if (span[start] == '.' && span.Length == start + 1) return false;
        if (!decimal.TryParse(span[start..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        if (span[0] == '-') value = -value;
        suffix = percent ? "%" : "";
        return true;
    }

    private static bool NeedsNormalizing(string text)
    {
        foreach (var c in text)
            if (c >= '\u0080' && c is not (>= '\u4E00' and <= '\u9FFF')) return true;
        return false;
    }

    /// <summary>Reads a value in the given unit. Percentages are returned in percentage points.</summary>
    public static ParsedValue Parse(RawScalar raw, ValueUnit unit, bool allowNegative = true)
    {
        var text = Normalize(raw.Text);
        if (text.Length == 0) return ParsedValue.Fail("值为空");
        if (NoDataWords.Contains(text, StringComparer.OrdinalIgnoreCase)) return new ParsedValue(null, true, false, null);
        if (NotApplicableWords.Contains(text)) return new ParsedValue(null, false, true, null);

        decimal v;
        string suffix;
        if (!TrySimpleNumber(text, out v, out suffix))
        {
            var m = NumberPattern().Match(text);
            if (!m.Success && raw.IsNumber && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
                m = NumberPattern().Match(e.ToString(CultureInfo.InvariantCulture));   // a JSON number in exponent form (1e-05)
            if (!m.Success) return ParsedValue.Fail($"“{text}”无法识别为{UnitWord(unit)}" + (text.Any(c => "零〇一二两三四五六七八九十百千".Contains(c)) ? "（请用阿拉伯数字书写）" : ""));
            var number = m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal);
            if (GroupingError(m.Groups["num"].Value) is { } grouping) return ParsedValue.Fail(grouping);
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v))
                return ParsedValue.Fail($"“{text}”无法识别为{UnitWord(unit)}");
            if (m.Groups["sign"].Value == "-" || m.Groups["sign2"].Value == "-") v = -v;
            if (m.Groups["sign"].Value.Length > 0 && m.Groups["sign2"].Value.Length > 0) return ParsedValue.Fail($"“{text}”有两个正负号，无法识别为{UnitWord(unit)}");
            suffix = m.Groups["suffix"].Value.Trim();
            // ¥500 / ￥500 (NFKC makes both ¥): a sign of money, read where money or a plain number is asked for.
            if (m.Groups["cur"].Success)
            {
                if (unit is not (ValueUnit.Money or ValueUnit.Number)) return ParsedValue.Fail($"{UnitWord(unit)}不能带货币符号“¥”");
                if (suffix is not ("" or "元" or "万" or "万元")) return ParsedValue.Fail($"金额“{text}”带货币符号“¥”，不能再带单位“{suffix}”");
            }
        }

        ParsedValue result;
        switch (unit)
        {
            case ValueUnit.Percent:
                if (suffix == "%") result = ParsedValue.Of(v);
                else if (suffix.Length > 0) return ParsedValue.Fail($"百分比不能带单位“{suffix}”");
                else if (raw.IsNumber && Math.Abs(v) <= 2) result = ParsedValue.Of(v * 100);
                else if (raw.IsNumber) return ParsedValue.Fail($"数字按小数理解（{Text.Fmt.Num(v, 4)} 即 {Text.Fmt.Num(v * 100, 4)}%），不合理：请写成 \"{Text.Fmt.Num(v, 4)}%\" 或小数 {Text.Fmt.Num(v / 100, 6)}");
                else if (Math.Abs(v) < 1) result = ParsedValue.Of(v * 100);
                else if (Math.Abs(v) == 1) return ParsedValue.Fail($"百分比写法有歧义：“{raw.Text.Trim()}”是 100% 还是 1%？请写成 100% 或 1%");
                else return ParsedValue.Fail($"百分比写法有歧义：请写成 {Text.Fmt.Num(v, 4)}% 或小数 {Text.Fmt.Num(v / 100, 6)}");
                break;
            case ValueUnit.Count:
                if (suffix == "万") v *= 10000m;
                else if (suffix is not ("" or "个" or "次" or "件" or "家" or "人" or "户" or "台" or "桶" or "堂" or "项" or "天"))
                    return ParsedValue.Fail($"次数不能带单位“{suffix}”");
                if (v != decimal.Truncate(v)) return ParsedValue.Fail($"次数必须是整数（{Text.Fmt.Num(v, 6)} 不是整数）");
                result = ParsedValue.Of(v);
                break;
            case ValueUnit.Money:
                if (suffix == "万" || suffix == "万元") v *= 10000m;
                else if (suffix is not ("" or "元")) return ParsedValue.Fail($"金额不能带单位“{suffix}”");
                result = ParsedValue.Of(v);
                break;
            case ValueUnit.Hours:
                if (suffix is not ("" or "h" or "小时")) return ParsedValue.Fail($"小时数不能带单位“{suffix}”");
                result = ParsedValue.Of(v);
                break;
            case ValueUnit.Days:
                if (suffix is not ("" or "天" or "日")) return ParsedValue.Fail($"天数不能带单位“{suffix}”");
                result = ParsedValue.Of(v);
                break;
            case ValueUnit.Points:
                if (suffix is not ("" or "分")) return ParsedValue.Fail($"分数不能带单位“{suffix}”");
                result = ParsedValue.Of(v);
                break;
            default:
                if (suffix == "%") return ParsedValue.Fail("这里需要数值，不是百分比");
                if (suffix is "万" or "万元") v *= 10000m;
                else if (suffix.Length > 0 && suffix is not ("分" or "元" or "个" or "次" or "家" or "人" or "级")) return ParsedValue.Fail($"数值不能带单位“{suffix}”");
                result = ParsedValue.Of(v);
                break;
        }
        if (!allowNegative && result.Value < 0) return ParsedValue.Fail("不能为负数");
        return result;
    }

    /// <summary>Reads a yes/no answer (是/否, 有/无, Y/N, 1/0, true/false, ✓/✗).</summary>
    public static bool? ParseBool(RawScalar raw)
    {
        var t = Normalize(raw.Text).ToLowerInvariant();
        return t switch
        {
            "是" or "有" or "y" or "yes" or "true" or "1" or "✓" or "√" or "触发" or "否决" => true,
            "否" or "无" or "n" or "no" or "false" or "0" or "✗" or "×" or "未触发" or "" => false,
            _ => null,
        };
    }

    /// <summary>The Chinese word for a unit, for messages.</summary>
    public static string UnitWord(ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => "百分比",
        ValueUnit.Count => "次数",
        ValueUnit.Money => "金额",
        ValueUnit.Hours => "小时数",
        ValueUnit.Days => "天数",
        ValueUnit.Points => "分数",
        _ => "数值",
    };

    /// <summary>
    /// Null when <paramref name="number"/> (digits, commas, a decimal point) has no thousands commas or has them
    /// every three digits (500,000.00); else the Chinese reason, saying where the grouping goes wrong.
    /// </summary>
    public static string? GroupingError(string number)
    {
        if (!number.Contains(',')) return null;
        var point = number.IndexOf('.');
        var whole = point >= 0 ? number[..point] : number;
        var groups = whole.Split(',');
        if (groups[0].Length is < 1 or > 3)
            return $"“{number}”中第一个逗号前应有 1–3 位数字，实有 {groups[0].Length} 位：千分位逗号应每三位一个（如 500,000.00）";
        for (var i = 1; i < groups.Length; i++)
            if (groups[i].Length != 3)
                return $"“{number}”中第 {i} 个逗号后应为 3 位数字，实有 {groups[i].Length} 位：千分位逗号应每三位一个（如 500,000.00）";
        return null;
    }

    /// <summary>Currency signs read before an amount: ¥ (full-width ￥ becomes ¥ by NFKC).</summary>
    public const string CurrencySigns = "¥";

    [GeneratedRegex(@"^(?<sign>[+-]?)\s*(?:(?<cur>¥)\s*(?<sign2>[+-]?)\s*)?(?<num>(\d[\d,]*)(\.\d+)?|\.\d+)\s*(?<suffix>%|[\p{L}]{0,2})$")]
    private static partial Regex NumberPattern();
}
