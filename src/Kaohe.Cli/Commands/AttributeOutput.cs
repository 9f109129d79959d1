using System.Text;
using System.Text.Json;
using Kaohe.Cli.IO;
using Kaohe.Core.Attribution;
using Kaohe.Core.Text;
using Spectre.Console;

namespace Kaohe.Cli.Commands;

/// <summary>Writes an attribution outcome as JSON (docs/attribution.md) or as tables for people.</summary>
internal static class AttributeOutput
{
    public static void WriteJson(Stream stream, AttributionOutcome o, AttributionSettings settings, bool indented)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JsonTextEncoder.Instance });
        w.WriteStartObject();
        w.WriteStartObject("settings");
        foreach (var (k, v) in AttributionSettingsInput.Describe(settings)) w.WriteString(k, v);
        w.WriteEndObject();

        w.WriteStartArray("customers");
        foreach (var c in o.Customers)
        {
            w.WriteStartObject();
            w.WriteString("customer", c.Customer);
            Str(w, "owner", c.Owner);
            w.WriteString("explanation", c.Explanation);
            Str(w, "last_contact", c.LastContact is { } l ? AttributionText.Date(l) : null);
            Str(w, "keep_until", c.KeepUntil is { } k ? AttributionText.Date(k) : null);
            w.WriteStartArray("history");
            foreach (var h in c.History)
            {
                w.WriteStartObject();
                w.WriteString("at", AttributionText.Time(h.At));
                Str(w, "from", h.From);
                Str(w, "to", h.To);
                w.WriteString("rule", AttributionText.Name(h.Rule, settings));
                w.WriteString("reason", h.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("timeline");
            foreach (var t in c.Timeline) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("deals");
        foreach (var d in o.Deals)
        {
            w.WriteStartObject();
            w.WriteString("deal", d.Deal.Id);
            w.WriteString("customer", d.Deal.Customer);
            w.WriteString("at", AttributionText.When(d.Deal));
            w.WriteString("closer", d.Deal.Closer);
            w.WriteNumber("commission_total", d.Deal.Commission);
            if (d.Deal.SaleAmount is { } sale) w.WriteNumber("sale_amount", sale);
            Str(w, "performance_to", d.PerformanceTo);
            Parts(w, "performance", d.Performance);
            Parts(w, "commission", d.Commission);
            Str(w, "rule", d.Case is { } r ? AttributionText.Name(r, settings) : null);
            w.WriteBoolean("pending", d.Pending);
            w.WriteString("explanation", d.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("conflicts");
        foreach (var c in o.Conflicts)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("customer", c.Customer);
            w.WriteString("at", AttributionText.Time(c.At));
            w.WriteStartArray("consultants");
            foreach (var x in c.Consultants) w.WriteStringValue(x);
            w.WriteEndArray();
            Str(w, "deal", c.DealId);
            w.WriteString("reason", c.Reason);
            w.WriteBoolean("resolved", c.Resolved);
            Str(w, "resolution", c.Resolution);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("fines");
        foreach (var f in o.Fines)
        {
            w.WriteStartObject();
            w.WriteString("consultant", f.Consultant);
            w.WriteString("at", AttributionText.Time(f.At));
            Str(w, "customer", f.Customer);
            w.WriteNumber("amount", f.Amount);
            w.WriteString("explanation", f.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("consultants");
        foreach (var t in o.Consultants)
        {
            w.WriteStartObject();
            w.WriteString("consultant", t.Consultant);
            w.WriteNumber("deals", t.Deals);
            w.WriteNumber("performance", t.Performance);
            w.WriteNumber("commission", t.Commission);
            w.WriteNumber("fines", t.Fines);
            w.WriteNumber("net", t.Net);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Parts(Utf8JsonWriter w, string name, IReadOnlyList<SharePart> parts)
    {
        w.WriteStartArray(name);
        foreach (var p in parts)
        {
            w.WriteStartObject();
            w.WriteString("consultant", p.Consultant);
            w.WriteNumber("share", p.Share);
            if (p.Amount is { } a) w.WriteNumber("amount", a);
            else w.WriteNull("amount");
            w.WriteString("role", p.Role);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteTable(Stream stream, AttributionOutcome o)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        var console = PlainConsole.Create(writer);
        var customers = new Table().Title("客户归属").AddColumns("客户", "归属", "说明");
        foreach (var c in o.Customers) customers.AddRow(Cell(c.Customer), Cell(c.Owner ?? "待裁定"), Cell(c.Explanation));
        console.Write(customers);
        if (o.Deals.Count > 0)
        {
            var deals = new Table().Title("成交分配").AddColumns("成交", "客户", "业绩", "提成", "说明");
            foreach (var d in o.Deals)
                deals.AddRow(Cell(d.Deal.Id), Cell(d.Deal.Customer), Cell(d.PerformanceTo ?? "待裁定"),
                    Cell(d.Pending ? "待裁定" : string.Join("，", d.Commission.Select(p => $"{p.Consultant} {Fmt.Num(p.Amount ?? 0)} 元"))), Cell(d.Explanation));
            console.Write(deals);
        }
        if (o.Conflicts.Count > 0)
        {
            var conflicts = new Table().Title("争议").AddColumns("编号", "客户", "原因", "处理");
            foreach (var c in o.Conflicts) conflicts.AddRow(Cell(c.Id), Cell(c.Customer), Cell(c.Reason), Cell(c.Resolution ?? "待主管裁定"));
            console.Write(conflicts);
        }
        if (o.Fines.Count > 0)
        {
            var fines = new Table().Title("甩客罚款").AddColumns("顾问", "金额（元）", "说明");
            foreach (var f in o.Fines) fines.AddRow(Cell(f.Consultant), Cell(Fmt.Num(f.Amount)), Cell(f.Explanation));
            console.Write(fines);
        }
        if (o.Consultants.Count > 0)
        {
            var totals = new Table().Title("顾问合计").AddColumns("顾问", "业绩笔数", "业绩金额", "提成（元）", "罚款（元）", "实得（元）");
            foreach (var t in o.Consultants)
                totals.AddRow(Cell(t.Consultant), Cell(t.Deals.ToString(System.Globalization.CultureInfo.InvariantCulture)), Cell(Fmt.Num(t.Performance)),
                    Cell(Fmt.Num(t.Commission)), Cell(Fmt.Num(t.Fines)), Cell(Fmt.Num(t.Net)));
            console.Write(totals);
        }
        writer.Flush();
    }

    private static Spectre.Console.Text Cell(string text) => new(text);
}
