using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kaohe.Core.Plans;
using Kaohe.IO;
using Kaohe.Schemes.Plans;
using MiniExcelLibs;

namespace Kaohe.Cli.Commands;

/// <summary><c>kaohe plan</c>'s results as JSON (snake_case keys), CSV/XLSX (one row per person and quarter, plus the year) or a terminal table.</summary>
internal static class PlanOutput
{
    public static void WriteJson(Stream stream, PlanDocument doc, IReadOnlyList<PersonLedger> ledgers, bool indented)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("plan");
        w.WriteString("id", doc.Id);
        w.WriteString("name", doc.Name);
        w.WriteEndObject();
        w.WriteStartArray("people");
        foreach (var l in ledgers)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("id", l.Id);
            w.WriteStartArray("periods");
            foreach (var p in l.Periods)
            {
                w.WriteStartObject();
                w.WriteString("period", p.Period);
                w.WriteNumber("revenue", N(p.Revenue));
                w.WriteNumber("credited", N(p.Credited));
                w.WriteNumber("base", N(p.Base));
                w.WriteNumber("target", N(p.Target));
                w.WriteNumber("carry_in", N(p.CarryIn));
                w.WriteNumber("carry", N(p.Carry));
                w.WriteNumber("shortfall", N(p.Shortfall));
                w.WriteNumber("filled", N(p.Filled));
                w.WriteNumber("accrued", N(p.Accrued));
                w.WriteNumber("engine_accrued", N(p.EngineAccrued));
                w.WriteNumber("back_pay", N(p.BackPay));
                w.WriteNumber("separate_bonus", N(p.SeparateBonus));
                if (p.KpiScore is { } s) w.WriteNumber("kpi_score", N(s)); else w.WriteNull("kpi_score");
                w.WriteNumber("kpi_coefficient", N(p.KpiCoefficient));
                w.WriteNumber("actual", N(p.Actual));
                w.WriteNumber("clawback_offset", N(p.ClawbackOffset));
                w.WriteStartObject("floating_wage");
                w.WriteNumber("paid", N(p.FloatingWage.Paid));
                w.WriteNumber("withheld", N(p.FloatingWage.Withheld));
                w.WriteNumber("back_paid", N(p.FloatingWage.BackPaid));
                w.WriteEndObject();
                w.WriteNumber("penalty", N(p.Penalty));
                w.WriteNumber("reimbursement", N(p.Reimbursement));
                if (p.GradeMove is { } g) w.WriteNumber("grade_move", g); else w.WriteNull("grade_move");
                w.WriteStartArray("warnings");
                foreach (var x in p.Warnings) w.WriteStringValue(x);
                w.WriteEndArray();
                w.WriteString("explanation", Explain(p.Explanation));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (l.Annual is { } a)
            {
                w.WriteStartObject("annual");
                w.WriteNumber("accrued", N(a.Accrued));
                w.WriteNumber("quarterly_accrued", N(a.QuarterlyAccrued));
                w.WriteNumber("true_up", N(a.TrueUp));
                w.WriteNumber("true_up_actual", N(a.TrueUpActual));
                w.WriteNumber("clawback", N(a.Clawback));
                w.WriteString("explanation", Explain(a.Explanation));
                w.WriteEndObject();
            }
            else w.WriteNull("annual");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A decimal without trailing zeros (400000.0 → 400000), as a clerk writes it.</summary>
    private static decimal N(decimal d) => d / 1.0000000000000000000000000000m;

    private static string Explain(IReadOnlyList<string> lines) => string.Join("；", lines) + (lines.Count > 0 ? "。" : "");

    private static readonly string[] Header =
    [
        "姓名", "工号", "季度", "任务额", "完成额", "基数", "目标", "上季转入", "转入下季", "未补足差额", "本季补足", "计提奖金", "其中补发奖金",
        "另计奖金", "KPI得分", "KPI奖金系数", "实际奖金", "扣回", "浮动工资实发", "浮动工资未发", "扣发固定工资", "报销", "工资级别", "年终调整", "年终调整实发", "说明",
    ];

    private static IEnumerable<object?[]> Rows(IReadOnlyList<PersonLedger> ledgers)
    {
        foreach (var l in ledgers)
        {
            foreach (var p in l.Periods)
                yield return
                [
                    l.Name, l.Id, p.Period, p.Revenue, p.Credited, p.Base, p.Target, p.CarryIn, p.Carry, p.Shortfall, p.Filled, p.Accrued, p.BackPay,
                    p.SeparateBonus, p.KpiScore, p.KpiCoefficient, p.Actual, p.ClawbackOffset, p.FloatingWage.Paid, p.FloatingWage.Withheld,
                    p.Penalty, p.Reimbursement, p.GradeMove switch { 1 => "升一级", -1 => "降一级", 0 => "不变", _ => null }, null, null,
                    Explain([.. p.Warnings.Select(x => "提示：" + x), .. p.Explanation]),
                ];
            if (l.Annual is { } a)
                yield return
                [
                    l.Name, l.Id, $"{l.State.Year - 1}年度", null, null, null, null, null, null, null, null, a.Accrued, null,
                    null, null, null, null, null, null, null, null, null, null, a.TrueUp, a.TrueUpActual, Explain(a.Explanation),
                ];
        }
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        decimal d => N(d).ToString(CultureInfo.InvariantCulture),
        _ => CellText.Safe(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };

    public static void WriteCsv(Stream stream, IReadOnlyList<PersonLedger> ledgers, bool forFile)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(forFile), leaveOpen: true);
        static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        w.Write(string.Join(",", Header) + "\r\n");
        foreach (var row in Rows(ledgers)) w.Write(string.Join(",", row.Select(c => Quote(Cell(c)))) + "\r\n");
    }

    public static void WriteXlsx(Stream stream, IReadOnlyList<PersonLedger> ledgers)
    {
        var sheet = Rows(ledgers).Select(row =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < Header.Length; i++) d[Header[i]] = row[i] switch { decimal m => N(m), null => null, var other => Cell(other) };
            return d;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Header.ToDictionary(h => h, _ => (object?)null));
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["奖金台账"] = sheet }, excelType: ExcelType.XLSX);
    }

    public static void WriteTable(Stream stream, PlanDocument doc, IReadOnlyList<PersonLedger> ledgers)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        w.WriteLine($"{doc.Name}");
        foreach (var l in ledgers)
        {
            w.WriteLine();
            w.WriteLine(l.Id.Length > 0 ? $"{l.Name}（{l.Id}）" : l.Name);
            foreach (var p in l.Periods)
            {
                w.WriteLine($"  {p.Period}  完成额 {PlanText.Yuan(p.Credited)}  计提 {PlanText.Yuan(p.Accrued)}  实发 {PlanText.Yuan(p.Actual)}"
                            + $"  浮动工资 实发 {PlanText.Yuan(p.FloatingWage.Paid)} / 未发 {PlanText.Yuan(p.FloatingWage.Withheld)}"
                            + (p.Penalty > 0 ? $"  扣发 {PlanText.Yuan(p.Penalty)}" : "")
                            + $"  差额 {PlanText.Yuan(p.Shortfall)}  转入下季 {PlanText.Yuan(p.Carry)}"
                            + (p.GradeMove is { } g ? g switch { 1 => "  工资升一级", -1 => "  工资降一级", _ => "  工资级别不变" } : ""));
                foreach (var x in p.Warnings) w.WriteLine($"      提示：{x}");
                foreach (var e in p.Explanation) w.WriteLine($"      {e}");
            }
            if (l.Annual is { } a)
            {
                w.WriteLine($"  年度  全年计提 {PlanText.Yuan(a.Accrued)}  各季已计提 {PlanText.Yuan(a.QuarterlyAccrued)}  年终调整 {PlanText.Yuan(a.TrueUp)}  调整实发 {PlanText.Yuan(a.TrueUpActual)}");
                foreach (var e in a.Explanation) w.WriteLine($"      {e}");
            }
        }
    }
}
