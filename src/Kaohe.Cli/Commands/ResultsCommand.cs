using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kaohe.Cli.IO;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Results;
using MiniExcelLibs;
using Spectre.Console;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe results history | rollup | consequences</c>: a person's published results over time, quarter and year
/// roll-ups, and the consequences due from the history. The same services as the web's 员工档案, 汇总 and 后果
/// pages, with the same checks and audit; the actor is the machine's user (<see cref="Actor.Machine"/>).
/// </summary>
internal static class ResultsCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("results", "考核结果：员工的历史结果、季度与年度汇总、需处理的后果（警告、调岗、年度封顶）");
        command.Add(History(io));
        command.Add(Rollup(io));
        command.Add(Consequences(io));
        return command;
    }

    /// <summary>The actor of the command line: the machine's user with an administrator's reach.</summary>
    internal static Actor Machine => Actor.Machine(Environment.UserName);

    // ------------------------------------------------------------------ history

    private static readonly string[] HistoryHeader =
        ["期间", "方案", "方案名称", "类型", "总分", "等级", "排名", "参评人数", "单位排名", "单位参评人数", "绩效奖金（元）", "排名奖罚（元）", "其他奖扣（元）", "状态", "后果", "说明"];

    private static Command History(CliIO io)
    {
        var staff = new Option<string>("--staff") { Description = "员工工号", Required = true };
        var format = new Option<string?>("--format", "-f") { Description = "输出格式：table（默认）、json、csv 或 xlsx；不写时按 --out 的扩展名" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "xlsx");
        var output = new Option<string?>("--out", "-o") { Description = "输出文件；不写则输出到标准输出（xlsx 必须写）" };
        var db = DatabaseOption.Create();
        var command = new Command("history", "某员工的历史结果：每个已发布的考核结果与汇总（期间、方案、总分、等级、排名、奖金、后果）")
        {
            staff, format, output, db,
        };
        command.SetAction(parse =>
        {
            var no = (parse.GetValue(staff) ?? "").Trim();
            if (no.Length == 0) throw new CliException("请用 --staff 写员工工号");
            var outPath = parse.GetValue(output);
            var fmt = OutputFile.Format(parse.GetValue(format), outPath, "table", "json", "csv", "xlsx");
            if (fmt == "xlsx" && outPath is null) throw new CliException("xlsx 格式需要用 --out 指定输出文件");
            if (outPath is not null) OutputFile.Check(outPath);
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var history = Service(() => new ResultHistory(ctx).PersonByEmployeeNo(Machine, no));
            void Write(Stream s)
            {
                switch (fmt)
                {
                    case "json": WriteJson(s, history); break;
                    case "csv": WriteHistoryCsv(s, history, bom: outPath is not null); break;
                    case "xlsx": WriteHistoryXlsx(s, history); break;
                    default: WriteHistoryTable(s, history); break;
                }
            }
            if (outPath is null) OutputFile.ToStdout(io.Out, Write);
            else
            {
                OutputFile.Write(outPath, Write);
                io.Out.WriteLine($"{history.Name}（{history.EmployeeNo}）的 {history.Rows.Count} 条历史结果已写入 {outPath}。");
            }
            return KaoheCli.Ok;
        });
        return command;
    }

    private static object?[] HistoryCells(HistoryRow r) =>
    [
        r.Period, r.SchemeCode, r.SchemeName, r.IsRollup ? "汇总" : "考核", Score(r.Total), r.Grade, r.Rank, r.RankOf, r.UnitRank, r.UnitRankOf,
        Money(r.Payout), Money(r.RankAmount), Money(r.Money), r.State, string.Join("；", r.Consequences.Select(c => c.Title)), r.Note,
    ];

    private static void WriteHistoryTable(Stream s, PersonHistory h)
    {
        using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
        w.WriteLine($"{h.Name}（{h.EmployeeNo}）· {h.UnitName}");
        if (h.Rows.Count == 0)
        {
            w.WriteLine("还没有已发布的考核结果。");
            return;
        }
        var table = new Table().Border(TableBorder.Square);
        foreach (var c in new[] { "期间", "方案", "总分", "等级", "排名", "单位排名", "绩效奖金（元）", "排名奖罚（元）", "其他奖扣（元）", "状态", "后果" })
            table.AddColumn(c);
        foreach (var r in h.Rows)
            table.AddRow(Cells(
                r.Period + (r.IsRollup ? "（汇总）" : ""), r.SchemeName, ScoreText(r.Total), r.Grade ?? "—", RankText(r.Rank, r.RankOf), RankText(r.UnitRank, r.UnitRankOf),
                MoneyText(r.Payout), MoneyText(r.RankAmount), MoneyText(r.Money), r.State,
                r.Consequences.Count == 0 ? "" : string.Join("；", r.Consequences.Select(c => $"{c.Title}（{c.StatusName}）"))));
        PlainConsole.Create(w).Write(table);
        w.WriteLine($"共 {h.Rows.Count} 条（{h.Rows.Count(r => !r.IsRollup)} 次考核，{h.Rows.Count(r => r.IsRollup)} 条汇总）。");
    }

    private static void WriteHistoryCsv(Stream s, PersonHistory h, bool bom) =>
        Csv(s, bom, HistoryHeader, h.Rows.Select(HistoryCells));

    private static void WriteHistoryXlsx(Stream s, PersonHistory h)
    {
        var rows = h.Rows.Select(r => Row(HistoryHeader, HistoryCells(r))).ToList();
        object sheet = rows.Count > 0 ? rows : new[] { Row(HistoryHeader, new object?[HistoryHeader.Length]) };
        MiniExcel.SaveAs(s, new Dictionary<string, object> { ["历史结果"] = sheet }, excelType: ExcelType.XLSX);
    }

    // ------------------------------------------------------------------ roll-ups

    private static Command Rollup(CliIO io)
    {
        var scheme = new Option<string>("--scheme", "-s") { Description = "方案编号（如 TPL-07）", Required = true };
        var period = new Option<string>("--period", "-p") { Description = "汇总期间：2026-Q4（季度）或 2026（年）", Required = true };
        var weights = new Option<string?>("--weights") { Description = "各期权重，按期间先后用逗号分开，如 1,1,2；不写为等权" };
        var missing = new Option<string>("--missing") { Description = "缺期的处理：mean（默认，按已有各期平均，缺期列出）、require（缺期则不出汇总分）、zero（缺期按 0 分计）", DefaultValueFactory = _ => "mean" };
        missing.AcceptOnlyFromAmong("mean", "require", "zero");
        var format = new Option<string>("--format", "-f") { Description = "输出格式：table（默认）或 json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var db = DatabaseOption.Create();
        var command = new Command("rollup", "汇总：把某方案已发布的月度（或季度）结果汇总为季度或年度结果（年度等级按封顶规则调整），并记入历史与审计")
        {
            scheme, period, weights, missing, format, db,
        };
        command.SetAction(parse =>
        {
            var code = (parse.GetValue(scheme) ?? "").Trim();
            var text = (parse.GetValue(period) ?? "").Trim();
            if (!Kaohe.Data.Time.Period.TryParse(text, out var p) || p.Kind == Kaohe.Data.Time.PeriodKind.Month)
                throw new CliException($"无法识别的汇总期间“{text}”：应写作 2026-Q4（季度）或 2026（年）");
            var request = new RollupRequest(code, p.ToString(), ParseWeights(parse.GetValue(weights)), parse.GetValue(missing) switch
            {
                "require" => MissingPeriodPolicy.RequireAll,
                "zero" => MissingPeriodPolicy.CountAsZero,
                _ => MissingPeriodPolicy.MeanOfPresent,
            });
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var run = Service(() => new RollupService(ctx).Compute(Machine, request));
            if (parse.GetValue(format) == "json")
            {
                OutputFile.ToStdout(io.Out, s => WriteJson(s, run));
                return KaoheCli.Ok;
            }
            if (run.Rows.Count > 0)
            {
                var parts = run.Rows[0].Parts.Select(x => x.Period).ToList();
                var table = new Table().Border(TableBorder.Square);
                foreach (var c in new[] { "工号", "姓名", "单位" }.Concat(parts).Concat(["缺期", "汇总分", "封顶前等级", "等级", "说明"]))
                    table.AddColumn(c);
                foreach (var r in run.Rows)
                {
                    var byPeriod = r.Parts.ToDictionary(x => x.Period);
                    table.AddRow(Cells([
                        r.Code, r.Name, r.UnitName,
                        .. parts.Select(x => byPeriod.TryGetValue(x, out var part) ? part.Total is { } t ? Fmt.Num(t) : "缺" : "缺"),
                        r.Missing.ToString(CultureInfo.InvariantCulture), ScoreText(r.Total), r.GradeBeforeCap ?? "—", r.Grade ?? "—", r.Explanation,
                    ]));
                }
                PlainConsole.Create(io.Out).Write(table);
            }
            io.Out.WriteLine(run.Computed == 0
                ? $"{run.SchemeCode} {run.Period}：没有可汇总的已发布结果。"
                : $"{run.SchemeCode} {run.Period}：汇总 {run.Computed:N0} 人，其中 {run.Changed:N0} 人的汇总结果为新增或有变化（已记入历史与审计）。");
            return KaoheCli.Ok;
        });
        return command;
    }

    /// <summary>"1,1,2" → [1, 1, 2]; a bad or negative weight is a Chinese error.</summary>
    internal static IReadOnlyList<decimal>? ParseWeights(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var list = new List<decimal>();
        foreach (var part in text.Split([',', '，'], StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w))
                throw new CliException($"权重“{part}”不是非负数：--weights 应写作 1,1,2（按期间先后，逗号分开）");
            list.Add(w);
        }
        if (list.All(w => w == 0)) throw new CliException("权重不能全为 0");
        return list;
    }

    // ------------------------------------------------------------------ consequences

    private static Command Consequences(CliIO io)
    {
        var all = new Option<bool>("--all") { Description = "也列出已处理的后果（默认只列待处理的）" };
        var format = new Option<string>("--format", "-f") { Description = "输出格式：table（默认）或 json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var db = DatabaseOption.Create();
        var command = new Command("consequences", "需处理的后果：连续或累计考核不佳引起的警告或罚款、调岗审查、年度等级封顶") { all, format, db };
        command.SetAction(parse =>
        {
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var openOnly = !parse.GetValue(all);
            var rows = Service(() => new ConsequenceService(ctx).List(Machine, openOnly));
            if (parse.GetValue(format) == "json")
            {
                OutputFile.ToStdout(io.Out, s => WriteJson(s, rows));
                return KaoheCli.Ok;
            }
            if (rows.Count == 0)
            {
                io.Out.WriteLine(openOnly ? "没有待处理的后果。" : "还没有任何后果。");
                return KaoheCli.Ok;
            }
            var table = new Table().Border(TableBorder.Square);
            foreach (var c in new[] { "编号", "工号", "姓名", "单位", "期间", "方案", "后果", "内容", "依据", "状态", "处理" })
                table.AddColumn(c);
            foreach (var r in rows)
                table.AddRow(Cells(
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Code, r.Name, r.UnitName, r.Period, r.SchemeCode, r.TypeName, r.Title, r.Explanation, r.StatusName,
                    r.Status == Kaohe.Data.Model.ConsequenceStatus.Handled
                        ? $"{r.HandledBy} {r.HandledAt?.ToLocalTime():yyyy-MM-dd HH:mm}：{r.HandledNote}"
                        : ""));
            PlainConsole.Create(io.Out).Write(table);
            var open = rows.Count(r => r.Status == Kaohe.Data.Model.ConsequenceStatus.Open);
            io.Out.WriteLine(openOnly ? $"共 {open} 条待处理。" : $"共 {rows.Count} 条，其中 {open} 条待处理。");
            return KaoheCli.Ok;
        });
        return command;
    }

    // ------------------------------------------------------------------ shared

    /// <summary>Calls a service; its refusal (unknown 工号, no right, bad request) becomes the command's Chinese error.</summary>
    internal static T Service<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (CycleException e)
        {
            throw new CliException(OutputFile.Message(e));
        }
    }

    internal static Spectre.Console.Text[] Cells(params string?[] cells) => [.. cells.Select(c => new Spectre.Console.Text(c ?? ""))];

    internal static decimal? Score(decimal? v) => v is { } x ? Fmt.Round2(x) : null;

    internal static decimal? Money(decimal? v) => v is { } x ? Fmt.Money(x) : null;

    internal static string ScoreText(decimal? v) => v is { } x ? Fmt.Num(x) : "—";

    internal static string MoneyText(decimal? v) => v is { } x ? Fmt.Money(x).ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    private static string RankText(int? rank, int? of) => rank is { } r ? of is { } n ? $"{r} / {n}" : r.ToString(CultureInfo.InvariantCulture) : "—";

    internal static Dictionary<string, object?> Row(string[] header, object?[] cells)
    {
        var row = new Dictionary<string, object?>(header.Length);
        for (var i = 0; i < header.Length; i++) row[header[i]] = cells[i] is string text ? CellText.Safe(text) : cells[i];
        return row;
    }

    /// <summary>
    /// CSV for Excel: UTF-8 (with a BOM for a file), RFC 4180 quoting, text that would start a formula neutralised,
    /// numbers written as invariant numbers.
    /// </summary>
    internal static void Csv(Stream s, bool bom, IEnumerable<string> header, IEnumerable<object?[]> rows)
    {
        using var w = new StreamWriter(s, new UTF8Encoding(bom), 1 << 16, leaveOpen: true);
        w.WriteLine(string.Join(",", header.Select(h => Field(h))));
        foreach (var row in rows) w.WriteLine(string.Join(",", row.Select(Field)));
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => CellText.Safe(value.ToString()),
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    internal static void WriteJson<T>(Stream s, T value)
    {
        JsonSerializer.Serialize(s, value, JsonOptions);
        s.WriteByte((byte)'\n');
    }
}
