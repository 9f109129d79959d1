using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kaohe.Core.Plans;
using Kaohe.Schemes.Plans;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe plan</c>'s results for the monthly pay plans (loan officer, 大客户经理助理): JSON (snake_case keys), CSV/XLSX
/// (one row per person, month and pay line, plus a 合计 row) or a terminal table.
/// </summary>
internal static class PayOutput
{
    public static void WriteJson(Stream stream, PlanDocument doc, IReadOnlyList<PayMonthResult> months, bool indented)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("plan");
        w.WriteString("id", doc.Id);
        w.WriteString("name", doc.Name);
        w.WriteEndObject();
        w.WriteStartArray("people");
        foreach (var person in months.GroupBy(m => (m.Name, m.Id)))
        {
            w.WriteStartObject();
            w.WriteString("name", person.Key.Name);
            w.WriteString("id", person.Key.Id);
            w.WriteStartArray("months");
            foreach (var m in person)
            {
                w.WriteStartObject();
                w.WriteString("period", m.Period);
                if (m.Tier is { } tier)
                {
                    w.WriteString("tier", tier);
                    w.WriteStartArray("tier_reasons");
                    foreach (var r in m.TierReasons) w.WriteStringValue(r);
                    w.WriteEndArray();
                }
                w.WriteStartArray("lines");
                foreach (var l in m.Pay.Lines)
                {
                    w.WriteStartObject();
                    w.WriteString("label", l.Label);
                    w.WriteNumber("amount", PlanTables.N(l.Amount));
                    w.WriteString("explanation", l.Explanation);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("total", PlanTables.N(m.Pay.Total));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static readonly string[] Header = ["姓名", "工号", "月份", "等级", "项目", "金额", "说明"];

    private static IEnumerable<object?[]> Rows(IReadOnlyList<PayMonthResult> months)
    {
        foreach (var m in months)
        {
            foreach (var l in m.Pay.Lines) yield return [m.Name, m.Id, m.Period, m.Tier, l.Label, l.Amount, l.Explanation];
            yield return [m.Name, m.Id, m.Period, m.Tier, "合计", m.Pay.Total, PlanTables.Explain([.. m.TierReasons])];
        }
    }

    public static void WriteCsv(Stream stream, IReadOnlyList<PayMonthResult> months, bool forFile) => PlanTables.WriteCsv(stream, Header, Rows(months), forFile);

    public static void WriteXlsx(Stream stream, IReadOnlyList<PayMonthResult> months) => PlanTables.WriteXlsx(stream, "月度薪酬", Header, Rows(months));

    public static void WriteTable(Stream stream, PlanDocument doc, IReadOnlyList<PayMonthResult> months)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        w.WriteLine(doc.Name);
        foreach (var m in months)
        {
            w.WriteLine();
            w.WriteLine((m.Id.Length > 0 ? $"{m.Name}（{m.Id}）" : m.Name) + $"  {m.Period}" + (m.Tier is { } t ? $"  {t}" : "") + $"  合计 {PlanTables.N(m.Pay.Total)} 元");
            foreach (var r in m.TierReasons) w.WriteLine($"      {r}");
            foreach (var l in m.Pay.Lines) w.WriteLine($"  {l.Label}  {PlanTables.N(l.Amount)} 元  {l.Explanation}");
        }
    }
}
