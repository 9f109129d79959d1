using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Plans.Pay;

namespace Kaohe.Core.Plans;

/// <summary>Reads a date as users write it (2026-05-31, 2026/5/31, 2026年5月31日); the reason is null on success.</summary>
public delegate bool PayDateReader(string text, out DateOnly date, out string? reason);

/// <summary>One person's computed month.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Id">工号 (empty when not given).</param>
/// <param name="Period">The month, written 2026-05.</param>
/// <param name="Tier">The loan officer's tier in Chinese (null for other plans).</param>
/// <param name="TierReasons">For each tier above 助理, why the person is or is not in it.</param>
/// <param name="Pay">The pay lines and total.</param>
public sealed record PayMonthResult(string Name, string Id, string Period, string? Tier, ImmutableArray<string> TierReasons, PayResult Pay);

/// <summary>
/// Reads the monthly pay plans' input — one row per person and month, columns under the Chinese names of
/// docs/plans-pay.md — and computes each month. Every problem names the row and the column.
/// </summary>
public static partial class PayRows
{
    /// <summary>The loan officer's month columns (lists such as 月末贷款余额 and 推荐贷款金额 hold several values separated by 、).</summary>
    public static readonly ImmutableArray<string> LoanOfficerColumns =
    [
        "姓名", "工号", "年份", "月份", "从事信贷工作起始日", "评定为初级客户经理日期", "评定为中级客户经理日期", "上月等级", "经办贷款笔数", "当前管户贷款笔数",
        "熟练办理信贷业务", "月末贷款余额", "月末逾期贷款余额", "月末贷款笔数", "月末逾期贷款笔数", "月末逾期率", "当月新发放微小贷款笔数", "续贷笔数",
        "并贷笔数", "展期笔数", "推荐贷款金额", "是否成功发放", "贷款余额新增绩效薪酬", "贷款余额绩效薪酬", "贷款质量绩效薪酬", "贷款户均绩效薪酬",
    ];

    /// <summary>The 大客户经理助理's month columns.</summary>
    public static readonly ImmutableArray<string> AssistantColumns =
    [
        "姓名", "工号", "年份", "月份", "入职日期", "出勤天数", "应出勤天数", "满勤", "工龄奖", "销售实际完成额", "当月销售考核指标", "清洗饮水机台数",
        "送水桶数(普通版)", "送水桶数(升级版)",
    ];

    /// <summary>Other names a column may be given under (normalised, as the header is).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["工龄奖(元/月)"] = "工龄奖",
        ["推荐贷款金额(元)"] = "推荐贷款金额",
        ["推荐贷款是否成功发放"] = "是否成功发放",
    };

    /// <summary>Computes every loan officer's month; problems are Chinese lines naming row and column.</summary>
    public static IReadOnlyList<PayMonthResult> LoanOfficer(LoanOfficerPayParameters p, IEnumerable<PlanRow> rows, PayDateReader dates, List<string> problems) =>
        Run(rows, LoanOfficerColumns, problems, (r, ym) => ReadLoanOfficer(r, ym, dates), input =>
        {
            var pay = LoanOfficerPay.Compute(p, input);
            if (!pay.IsValid) return (null, [], pay);
            var tier = LoanOfficerTiers.Evaluate(p.Tiers, input.Tier);
            return (LoanOfficerTiers.Name(tier.Tier), [.. tier.Checks.Select(c => c.Explanation)], pay);
        });

    /// <summary>Computes every 大客户经理助理's month; problems are Chinese lines naming row and column.</summary>
    public static IReadOnlyList<PayMonthResult> Assistant(AssistantPayParameters p, IEnumerable<PlanRow> rows, PayDateReader dates, List<string> problems) =>
        Run(rows, AssistantColumns, problems, (r, ym) => ReadAssistant(r, ym, dates), input => (null, [], AssistantPay.Compute(p, input)));

    private sealed class Row(PlanRow row, Action<string, string> bad)
    {
        public readonly Dictionary<string, RawInput> Fields = row.Fields.ToDictionary(kv => Canonical(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        public Action<string, string> Bad { get; } = bad;
    }

    private static string Canonical(string key)
    {
        var k = ValueParser.Normalize(key);
        return Aliases.TryGetValue(k, out var c) ? c : k;
    }

    private delegate (string? Tier, ImmutableArray<string> Reasons, PayResult Pay) Compute<T>(T input);

    private static List<PayMonthResult> Run<T>(IEnumerable<PlanRow> rows, ImmutableArray<string> columns, List<string> problems,
        Func<Row, (int Year, int Month), T?> read, Compute<T> compute) where T : class
    {
        var known = columns.ToHashSet(StringComparer.Ordinal);
        var results = new List<(string Key, int Year, int Month, PayMonthResult Result)>();
        var seen = new Dictionary<(string, int, int), string>();
        var names = new Dictionary<string, (string Name, string Location)>(StringComparer.Ordinal);
        foreach (var planRow in rows)
        {
            var before = problems.Count;
            void Bad(string column, string message) => problems.Add($"{planRow.Location}{(column.Length > 0 ? " “" + column + "”" : "")}：{message}");
            if (planRow.Fields.Keys.Select(Canonical).GroupBy(k => k).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                Bad(twice.Key, "列重复（同一列的不同写法只能填一个）");
                continue;
            }
            var row = new Row(planRow, Bad);
            foreach (var key in row.Fields.Keys)
                if (!known.Contains(key)) Bad(key, "不是本方案的输入列");
            var name = Text(row, "姓名");
            if (name is null) Bad("姓名", "缺少姓名");
            var id = Text(row, "工号") ?? "";
            var period = ReadMonth(row);
            var input = read(row, period ?? (0, 0));
            if (problems.Count > before || name is null || period is not { } ym || input is null) continue;
            var key2 = id.Length > 0 ? "#" + id : name;
            if (names.TryGetValue(key2, out var first) && first.Name != name) { Bad("姓名", $"工号 {id} 在{first.Location}是“{first.Name}”，这里是“{name}”"); continue; }
            names.TryAdd(key2, (name, planRow.Location));
            if (seen.TryGetValue((key2, ym.Year, ym.Month), out var where)) { Bad("月份", $"{name} 的 {Period(ym)} 在{where}已有一行"); continue; }
            seen[(key2, ym.Year, ym.Month)] = planRow.Location;
            var (tier, reasons, pay) = compute(input);
            foreach (var problem in pay.Problems) Bad(problem.Field, problem.Message);
            if (pay.IsValid) results.Add((key2, ym.Year, ym.Month, new PayMonthResult(name, id, Period(ym), tier, reasons, pay)));
        }
        var order = results.Select(r => r.Key).Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        return [.. results.OrderBy(r => order[r.Key]).ThenBy(r => r.Year).ThenBy(r => r.Month).Select(r => r.Result)];
    }

    private static string Period((int Year, int Month) ym) => $"{ym.Year:D4}-{ym.Month:D2}";

    [GeneratedRegex(@"^(?:(?<y>\d{4})\s*[-/.年]\s*)?(?<m>\d{1,2})\s*月?$")]
    private static partial Regex MonthPattern();

    private static (int Year, int Month)? ReadMonth(Row row)
    {
        var text = Text(row, "月份");
        if (text is null) { row.Bad("月份", "缺少月份（如 2026-05，或“年份”列写 2026、“月份”列写 5）"); return null; }
        var m = MonthPattern().Match(text);
        if (!m.Success) { row.Bad("月份", $"“{text}”不是月份：请写成 2026-05，或 1–12 并填写“年份”列"); return null; }
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var yearText = Text(row, "年份")?.TrimEnd('年');
        int year;
        if (m.Groups["y"].Success)
        {
            year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (yearText is not null && yearText != m.Groups["y"].Value) { row.Bad("年份", $"“{yearText}”与月份“{text}”的年份不一致"); return null; }
        }
        else if (yearText is not null && Regex.IsMatch(yearText, @"^\d{4}$")) year = int.Parse(yearText, CultureInfo.InvariantCulture);
        else { row.Bad("年份", yearText is null ? "月份没有写年份：请写成 2026-05，或填写“年份”列" : $"“{yearText}”不是年份"); return null; }
        if (month is < 1 or > 12) { row.Bad("月份", $"{month} 不是 1–12 月"); return null; }
        if (year is < 1900 or > 2200) { row.Bad("年份", $"年份 {year} 不合理"); return null; }
        return (year, month);
    }

    private static string? Text(Row row, string column) =>
        row.Fields.TryGetValue(column, out var v) && v is RawScalar s && ValueParser.Normalize(s.Text) is { Length: > 0 } t ? t : null;

    private static decimal? Number(Row row, string column, RawInput raw, ValueUnit unit, string where)
    {
        if (raw is not RawScalar s) { row.Bad(column, where + "应为单个数值"); return null; }
        var v = ValueParser.Parse(s, unit, allowNegative: false);
        if (v.Error is { } e) { row.Bad(column, where + e); return null; }
        if (v.Value is null) { row.Bad(column, where + $"“{s.Text}”不是数值"); return null; }
        if (v.Value.Value > 1_000_000_000_000_000m) { row.Bad(column, where + "数值过大"); return null; }
        return v.Value;
    }

    private static decimal? Number(Row row, string column, ValueUnit unit) =>
        row.Fields.TryGetValue(column, out var raw) && !IsEmpty(raw) ? Number(row, column, raw, unit, "") : null;

    private static bool IsEmpty(RawInput raw) => raw is RawScalar s && ValueParser.Normalize(s.Text).Length == 0;

    private static int? Count(Row row, string column)
    {
        if (Number(row, column, ValueUnit.Count) is not { } v) return null;
        if (v > 10_000_000) { row.Bad(column, $"应为 0–10000000 的整数（{v}）"); return null; }
        return (int)v;
    }

    private static bool? Flag(Row row, string column)
    {
        if (!row.Fields.TryGetValue(column, out var raw) || IsEmpty(raw)) return null;
        if (raw is RawScalar s && ValueParser.ParseBool(s) is { } b) return b;
        row.Bad(column, $"“{raw.Display}”应为 是 或 否");
        return null;
    }

    private static DateOnly? Date(Row row, string column, PayDateReader dates, bool required)
    {
        var text = Text(row, column);
        if (text is null) { if (required) row.Bad(column, "缺少日期（如 2025-03-01）"); return null; }
        if (dates(text, out var d, out var reason)) return d;
        row.Bad(column, $"“{text}”{reason}");
        return null;
    }

    /// <summary>A list cell: a JSON array, or values separated by 、 (also ； or ;). Null when the column is absent.</summary>
    private static List<(RawInput Raw, string Where)>? Items(Row row, string column)
    {
        if (!row.Fields.TryGetValue(column, out var raw) || IsEmpty(raw)) return null;
        IEnumerable<RawInput> items = raw switch
        {
            RawList l => l.Items,
            RawScalar s => s.Text.Split(['、', '；', ';']).Select(t => (RawInput)new RawScalar(t.Trim(), s.IsNumber)),
            _ => [],
        };
        var list = items.Select((x, i) => (x, $"第 {i + 1} 项")).ToList();
        if (raw is not (RawList or RawScalar)) row.Bad(column, "应为数值，或用“、”分隔的多个数值");
        if (list.Count > 10_000) { row.Bad(column, $"最多 10000 项（{list.Count}）"); return null; }
        return list;
    }
}
