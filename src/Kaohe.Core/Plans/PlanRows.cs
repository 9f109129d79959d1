using System.Text.RegularExpressions;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.Core.Plans;

/// <summary>One input row: where it came from ("第 3 行") and its fields by column name.</summary>
/// <param name="Location">Where the row is, for messages.</param>
/// <param name="Fields">Column name → value; empty cells are left out.</param>
public sealed record PlanRow(string Location, IReadOnlyDictionary<string, RawInput> Fields);

/// <summary>
/// Reads a key-account plan's input table — one row per person and quarter, columns under the seeds' Chinese names
/// (docs/plan-format.md, "Input") — into each person's year. Every problem is reported with the row and the column.
/// </summary>
public static partial class PlanRows
{
    /// <summary>Column names for the product collections (回款).</summary>
    public static readonly string[] ProductColumns = ["产品回款", "回款", "实际回款"];
    /// <summary>Column names for the target.</summary>
    public static readonly string[] TargetColumns = ["目标", "任务"];

    private static readonly string[] Fixed = ["姓名", "工号", "年度", "季度", "基数", "KPI系数", "KPI得分", "浮动工资", "贡献比例"];

    /// <summary>Every column name the plan accepts (the columns of rules the plan does not have are left out).</summary>
    public static IReadOnlyList<string> Columns(KeyAccountPlan plan)
    {
        var r = plan.Revenue;
        var columns = new List<string>(Fixed);
        columns.AddRange(TargetColumns);
        columns.AddRange(ProductColumns);
        columns.AddRange(RevenueTypes.All
            .Where(t => t.Type is not (RevenueType.Product or RevenueType.TransferredImplementation) && r.Treatments.ContainsKey(t.Type))
            .Select(t => t.Name));
        if (r.NetOfCosts) columns.AddRange(["合作伙伴分利", "销售费用", "大额招待费", "项目差旅费"]);
        if (r.SecondaryDevelopmentAtMargin) columns.Add("二次开发成本");
        if (r.StandardQuoteTransfer) columns.Add("实施标准报价");
        if (r.ImplementationFloor is not null) columns.Add("合同总价");
        if (r.DatabasePerSet is not null) columns.Add("数据库套数");
        if (r.JointSplit is not null) columns.AddRange(["联合销售收入", "本人角色", "收款方", "烟草合同", "联合销售"]);
        if (plan.Quarter.BigTicket is not null) columns.Add("单笔金额");
        if (plan.NewHireFirstQuarterFree) columns.Add("新业务员");
        columns.AddRange(plan.Kpi.Raters.Select(x => x.Name));
        return columns;
    }

    /// <summary>Groups rows by person (工号, else 姓名), in first-seen order, and reads each quarter. Problems are Chinese lines naming row and column.</summary>
    public static IReadOnlyList<PersonLedgerInput> Read(KeyAccountPlan plan, IEnumerable<PlanRow> rows, List<string> problems)
    {
        var known = new HashSet<string>(Columns(plan), StringComparer.Ordinal);
        var people = new List<(string Key, string Name, string Id, int Year, List<QuarterInput> Quarters, string Location)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Bad(string column, string message) => problems.Add($"{row.Location}{(column.Length > 0 ? " “" + column + "”" : "")}：{message}");
            foreach (var key in row.Fields.Keys)
                if (!known.Contains(key)) Bad(key, "不是本方案的输入列");
            var name = Text(row, "姓名");
            var id = Text(row, "工号") ?? "";
            if (name is null) Bad("姓名", "缺少姓名");
            var period = ReadPeriod(row, Bad);
            var quarter = ReadQuarter(plan, row, Bad, period?.Quarter ?? 1);
            if (problems.Count > before || name is null || period is null || quarter is null) continue;
            var key2 = id.Length > 0 ? "#" + id : name;
            if (!index.TryGetValue(key2, out var person))
            {
                index[key2] = people.Count;
                people.Add((key2, name, id, period.Value.Year, [quarter], row.Location));
                continue;
            }
            var p = people[person];
            if (p.Name != name) Bad("姓名", $"工号 {id} 在{p.Location}是“{p.Name}”，这里是“{name}”");
            else if (p.Year != period.Value.Year) Bad("季度", $"{name} 的各行应属同一年度（{p.Year} 年），这里是 {period.Value.Year} 年；不同年度请分开计算");
            else if (p.Quarters.Any(q => q.Quarter == quarter.Quarter)) Bad("季度", $"{name} 的第 {quarter.Quarter} 季度重复");
            else p.Quarters.Add(quarter);
        }
        return [.. people.Select(p => new PersonLedgerInput(p.Name, p.Id, p.Year, [.. p.Quarters.OrderBy(q => q.Quarter)]))];
    }

    private static string? Text(PlanRow row, string column) =>
        row.Fields.TryGetValue(column, out var v) && v is RawScalar s && ValueParser.Normalize(s.Text) is { Length: > 0 } t ? t : null;

    [GeneratedRegex(@"^(?:(?<y>\d{4})\s*(?:年|-|/)?\s*)?(?:第)?\s*(?:Q|q)?(?<q>[1-4一二三四])\s*(?:季度|季)?$")]
    private static partial Regex PeriodPattern();

    private static (int Year, int Quarter)? ReadPeriod(PlanRow row, Action<string, string> bad)
    {
        var text = Text(row, "季度");
        if (text is null) { bad("季度", "缺少季度（如 2026Q1）"); return null; }
        var m = PeriodPattern().Match(text.Replace(" ", ""));
        if (!m.Success) { bad("季度", $"“{text}”不是季度：请写成 2026Q1，或在“年度”列写年份、“季度”列写 1–4"); return null; }
        var q = "1一2二3三4四".IndexOf(m.Groups["q"].Value[0]) / 2 + 1;
        int year;
        if (m.Groups["y"].Success)
        {
            year = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (Text(row, "年度") is { } given && given.TrimEnd('年') != m.Groups["y"].Value) { bad("年度", $"“{given}”与季度“{text}”的年份不一致"); return null; }
        }
        else if (Text(row, "年度") is { } y && Regex.Match(y, @"^(\d{4})年?$") is { Success: true } ym) year = int.Parse(ym.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        else { bad("年度", Text(row, "年度") is { } yy ? $"“{yy}”不是年份" : "季度没有写年份：请写成 2026Q1，或填写“年度”列"); return null; }
        if (year is < 1990 or > 2200) { bad("季度", $"年份 {year} 不合理"); return null; }
        return (year, q);
    }

    private static decimal? Number(PlanRow row, string column, ValueUnit unit, Action<string, string> bad, bool allowNegative = false)
    {
        if (!row.Fields.TryGetValue(column, out var raw)) return null;
        if (raw is not RawScalar s) { bad(column, "应为单个数值"); return null; }
        if (ValueParser.Normalize(s.Text).Length == 0) return null;
        var v = ValueParser.Parse(s, unit, allowNegative);
        if (v.Error is { } e) { bad(column, e); return null; }
        if (v.Value is null) { bad(column, $"“{s.Text}”不是数值"); return null; }
        if (Math.Abs(v.Value.Value) > 1_000_000_000_000m) { bad(column, "数值过大"); return null; }
        return v.Value;
    }

    private static decimal? OneOf(PlanRow row, string[] columns, ValueUnit unit, Action<string, string> bad)
    {
        var present = columns.Where(row.Fields.ContainsKey).ToList();
        if (present.Count > 1) { bad(present[1], $"与“{present[0]}”重复：只填其中一列"); return null; }
        return present.Count == 1 ? Number(row, present[0], unit, bad) : null;
    }

    private static bool? Flag(PlanRow row, string column, Action<string, string> bad)
    {
        if (!row.Fields.TryGetValue(column, out var raw)) return null;
        if (raw is RawScalar s && ValueParser.ParseBool(s) is { } b) return b;
        bad(column, $"“{raw.Display}”应为 是 或 否");
        return null;
    }
}
