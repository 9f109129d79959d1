using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kaohe.Cli.IO;
using BaselineSource = Kaohe.Core.Model.BaselineSource;
using Kaohe.Data;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe metrics</c>: the metrics of a scope (company, unit with its subtree, staff member) for a period, with
/// numerator, denominator and the baselines of their history; <c>kaohe metrics explain</c>: the records behind one.
/// </summary>
internal static class MetricsCommand
{
    private sealed record ScopeOptions(Option<string?> Unit, Option<string?> Staff, Option<string> Period, Option<string?> Db);

    private static ScopeOptions Scope() => new(
        new Option<string?>("--unit", "-u") { Description = "单位编码或名称（含下级单位）；不写为全公司" },
        new Option<string?>("--staff") { Description = "员工工号" },
        new Option<string>("--period", "-p") { Description = "期间：2026-10（月）、2026-Q4（季度）或 2026（年）", Required = true },
        DatabaseOption.Create());

    public static Command Create(CliIO io)
    {
        var scope = Scope();
        var metric = new Option<string[]>("--metric", "-m") { Description = "只看这些指标（代码或名称，可重复），默认全部", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string?>("--format", "-f") { Description = "输出格式：table（默认）、json 或 csv" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("metrics", "查看指标：某期间全公司、某单位（含下级）或某员工的各项指标，及历史最佳、历史最低、历史最高、上期、同期")
        {
            scope.Unit, scope.Staff, scope.Period, metric, format, scope.Db,
        };
        command.SetAction(parse => Run(io, parse, scope, parse.GetValue(metric) ?? [], parse.GetValue(format) ?? "table"));
        command.Add(CreateExplain(io));
        var list = new Command("list", "列出所有指标：代码、名称、单位、方向、公式（Markdown 表格）");
        list.SetAction(_ =>
        {
            // The codes are what the other metric commands take; the rules document's section of each is not for users.
            io.Out.WriteLine("| 代码 | 指标 | 单位 | 方向 | 公式（分子 / 分母） |");
            io.Out.WriteLine("|---|---|---|---|---|");
            foreach (var m in MetricCatalog.All)
                io.Out.WriteLine($"| `{m.Code}` | {m.Name} | {UnitWord(m.Unit)} | {(m.HigherIsBetter is null ? "—" : m.HigherIsBetter.Value ? "越高越好" : "越低越好")} | {m.Formula} |");
            return KaoheCli.Ok;
        });
        command.Add(list);
        return command;
    }

    private static Command CreateExplain(CliIO io)
    {
        var scope = Scope();
        var metric = new Argument<string>("metric") { Description = "指标代码或名称，例如 churn_rate、KF-05、客户流失率" };
        var limit = new Option<int>("--limit") { Description = "每一方最多列出的记录数", DefaultValueFactory = _ => 50 };
        var command = new Command("explain", "列出某个指标值背后的记录（分子与分母）")
        {
            metric, scope.Unit, scope.Staff, scope.Period, limit, scope.Db,
        };
        command.SetAction(parse =>
        {
            var (db, kind, id, label, period) = Open(parse, scope);
            using (db)
            {
                if (!MetricCatalog.TryGet(parse.GetValue(metric)!, out var def))
                    throw new CliException($"未知的指标“{parse.GetValue(metric)}”：kaohe metrics list 列出所有指标的代码和名称");
                var n = Math.Max(1, parse.GetValue(limit));
                var store = new MetricStore(db);
                var value = store.Get(def.Code, kind, id, period)!;
                var x = new MetricEngine(db).Explain(def.Code, kind, id, period, n);
                var o = io.Out;
                o.WriteLine($"{def.Name}（代码 {def.Code}）· {label} · {period.Label}");
                o.WriteLine($"公式：{def.Formula}");
                o.WriteLine($"值：{MetricReport.Format(def, value.Value)}（分子 {Num(value.Numerator)}，分母 {(value.Denominator is { } d ? Num(d) : "—")}）"
                    + (store.IsClosed(period) && period.Kind == PeriodKind.Month ? "，已结账冻结" : "，按当前记录计算"));
                Side(o, def, x.Numerator, n, false);
                if (x.Denominator is { } den) Side(o, def, den, n, true);
                if (store.IsClosed(period) && period.Kind == PeriodKind.Month)
                {
                    var diff = store.FrozenDifferences(period).FirstOrDefault(d => d.Now.Metric == def.Code && d.Now.ScopeKind == kind && d.Now.ScopeId == id);
                    if (diff.Now is not null)
                        o.WriteLine($"注意：记录在结账后有变动，按当前记录应为 {MetricReport.Format(def, diff.Now.Value)}（分子 {Num(diff.Now.Numerator)}，分母 {(diff.Now.Denominator is { } dd ? Num(dd) : "—")}），冻结值未改。");
                }
            }
            return KaoheCli.Ok;
        });
        return command;
    }

    private static void Side(TextWriter o, MetricDefinition def, ExplainedSide side, int limit, bool denominator)
    {
        var snapshot = MetricEngine.IsSnapshot(def.Code);
        o.WriteLine();
        o.WriteLine($"{side.Label}：{side.Count:N0} 条记录" + (snapshot ? "" : $"，合计 {Num(MetricEngine.Display(def, side.Sum, denominator))}"));
        foreach (var r in side.Records)
            o.WriteLine($"  {MetricReport.TableName(r.Table)} {CellText.Safe(r.Code)}  {Period.FromMonthKey(r.Month)}  {(snapshot ? (r.Value > 0 ? "+" : "") + r.Value : Num(MetricEngine.Display(def, r.Value, denominator)))}");
        if (side.Count > side.Records.Count) o.WriteLine($"  …… 另有 {side.Count - side.Records.Count:N0} 条（--limit 可多列）");
    }

    private static (KaoheDb Db, ScopeKind Kind, int Id, string Label, Period Period) Open(ParseResult parse, ScopeOptions scope)
    {
        var text = parse.GetValue(scope.Period)!;
        if (!Period.TryParse(text, out var period))
            throw new CliException($"无法识别的期间“{text}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）");
        var unit = parse.GetValue(scope.Unit);
        var staff = parse.GetValue(scope.Staff);
        if (unit is not null && staff is not null) throw new CliException("--unit 与 --staff 只能选一个");
        var db = DatabaseOption.Open(parse.GetValue(scope.Db)).CreateContext();
        try
        {
            var company = new MetricEngine(db).CompanyId();
            if (staff is not null)
            {
                var s = db.Staff.AsNoTracking().FirstOrDefault(x => x.EmployeeNo == staff)
                    ?? throw new CliException($"没有工号为“{staff}”的员工");
                return (db, ScopeKind.Staff, s.Id, $"{s.Name}（{s.EmployeeNo}）", period);
            }
            if (unit is not null)
            {
                var u = db.Units.AsNoTracking().FirstOrDefault(x => x.Code == unit) ?? db.Units.AsNoTracking().FirstOrDefault(x => x.Name == unit)
                    ?? throw new CliException($"没有编码或名称为“{unit}”的单位");
                return u.Id == company ? (db, ScopeKind.Company, company, u.Name, period) : (db, ScopeKind.Unit, u.Id, $"{u.Name}（{u.Code}，含下级）", period);
            }
            return (db, ScopeKind.Company, company, "全公司", period);
        }
        catch (InvalidOperationException e)
        {
            db.Dispose();
            throw new CliException(e.Message);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static int Run(CliIO io, ParseResult parse, ScopeOptions scope, string[] metrics, string format)
    {
        var (db, kind, id, label, period) = Open(parse, scope);
        using (db)
        {
            var defs = metrics.Length == 0 ? MetricCatalog.All.ToList() : metrics.Select(m =>
                MetricCatalog.TryGet(m, out var d) ? d : throw new CliException($"未知的指标“{m}”：kaohe metrics list 列出所有指标的代码和名称")).ToList();
            var store = new MetricStore(db);
            var rows = MetricReport.Rows(store, defs, kind, id, period);
            var frozen = period.Kind == PeriodKind.Month && store.IsClosed(period);
            switch (format)
            {
                case "json": WriteJson(io, label, period, frozen, rows); break;
                case "csv": WriteCsv(io, rows); break;
                default: WriteTable(io, label, period, frozen, rows); break;
            }
        }
        return KaoheCli.Ok;
    }

    private static void WriteTable(CliIO io, string label, Period period, bool frozen, List<MetricReportRow> rows)
    {
        io.Out.WriteLine($"{label} · {period.Label}" + (frozen ? "（已结账，冻结值）" : "（未结账，按当前记录计算）"));
        string[] header = ["代码", "指标", "值", "分子", "分母", .. MetricReport.HistoryHeaders, "上期", "同期"];
        var cells = rows.Select(r => (string[])
        [
            r.Def.Code, r.Def.Name, MetricReport.Format(r.Def, r.Value.Value), Num(r.Value.Numerator),
            r.Value.Denominator is { } d ? Num(d) : "—", .. MetricReport.HistoryCells(r), MetricReport.Format(r.Def, r.Previous), MetricReport.Format(r.Def, r.LastYear),
        ]).ToList();
        var widths = header.Select((h, i) => Math.Max(Width(h), cells.Count == 0 ? 0 : cells.Max(c => Width(c[i])))).ToArray();
        io.Out.WriteLine(string.Join("  ", header.Select((h, i) => Pad(h, widths[i]))));
        foreach (var c in cells) io.Out.WriteLine(string.Join("  ", c.Select((x, i) => Pad(x, widths[i]))));
        io.Out.WriteLine("“—”：分母为 0（不适用）或没有已结账的历史。历史只取本期之前已结账的期间。历史最佳按指标的方向取：越低越好的指标（如流失率）取历史最低。");
    }

    private static void WriteJson(CliIO io, string label, Period period, bool frozen, List<MetricReportRow> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("scope", label);
            w.WriteString("period", period.ToString());
            w.WriteBoolean("frozen", frozen);
            w.WriteStartArray("metrics");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("code", r.Def.Code);
                w.WriteString("name", r.Def.Name);
                w.WriteString("unit", r.Def.Unit.ToString().ToLowerInvariant());
                w.WriteNumber("numerator", r.Value.Numerator);
                Nullable(w, "denominator", r.Value.Denominator);
                Nullable(w, "value", r.Value.Value);
                Nullable(w, "historical_min", r.Min);
                Nullable(w, "historical_max", r.Max);
                // The better extreme by the metric's direction; null for a metric with none.
                Nullable(w, "historical_best", r.Best);
                Nullable(w, "previous_period", r.Previous);
                Nullable(w, "same_period_last_year", r.LastYear);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        io.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Nullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteCsv(CliIO io, List<MetricReportRow> rows)
    {
        io.Out.WriteLine("代码,指标,值,分子,分母,历史最佳,历史最低,历史最高,上期,同期");
        static string V(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        foreach (var r in rows)
            io.Out.WriteLine(string.Join(",", r.Def.Code, r.Def.Name, V(r.Value.Value), V(r.Value.Numerator), V(r.Value.Denominator), V(r.Best), V(r.Min), V(r.Max), V(r.Previous), V(r.LastYear)));
    }

    /// <summary>A value for people: rates in % (2 decimals, half-up), hours, points, counts.</summary>

    private static string UnitWord(MetricUnit u) => u switch
    {
        MetricUnit.Percent => "%",
        MetricUnit.PercentagePoints => "百分点",
        MetricUnit.Hours => "小时",
        MetricUnit.Score => "分",
        MetricUnit.Amount => "元",
        _ => "个",
    };

    private static string Num(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static int Width(string s) => s.Sum(ch => ch > 0x2E80 ? 2 : 1);

    private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - Width(s)));
}
