using System.CommandLine;
using System.Globalization;
using Kaohe.Cli.IO;
using Kaohe.Data.Results;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Kaohe.Cli.Commands.ResultsCommand;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe paysheet</c>: the pay sheet (绩效工资表) of a period from the published cycles — one row per person with
/// every money line, unit subtotals and the grand total — as XLSX or CSV for payroll (streamed by
/// <see cref="PaySheetService"/> into a temporary file that replaces the target only when complete), or the units
/// and grand total as a table.
/// </summary>
internal static class PaySheetCommand
{
    public static Command Create(CliIO io)
    {
        var period = new Option<string>("--period", "-p") { Description = "期间：2026-10（月）、2026-Q4（季度）或 2026（年）", Required = true };
        var unit = new Option<string?>("--unit", "-u") { Description = "单位编码（含下级单位）；不写为全公司" };
        var format = new Option<string?>("--format", "-f") { Description = "输出格式：xlsx、csv 或 table（各单位小计与合计）；不写时按 --out 的扩展名，否则 table" };
        format.AcceptOnlyFromAmong("xlsx", "csv", "table");
        var output = new Option<string?>("--out", "-o") { Description = "输出文件（xlsx 必须写；csv 不写则输出到标准输出）" };
        var db = DatabaseOption.Create();
        var command = new Command("paysheet", "绩效工资表：某期间已发布考核的每人总分、等级、排名、绩效奖金与各项奖扣，单位小计与合计，供发薪使用")
        {
            period, unit, format, output, db,
        };
        command.SetAction(parse =>
        {
            var text = (parse.GetValue(period) ?? "").Trim();
            if (!Kaohe.Data.Time.Period.TryParse(text, out var p))
                throw new CliException($"无法识别的期间“{text}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）");
            var outPath = parse.GetValue(output);
            var fmt = OutputFile.Format(parse.GetValue(format), outPath, "table", "xlsx", "csv");
            if (fmt == "xlsx" && outPath is null) throw new CliException("xlsx 格式需要用 --out 指定输出文件");
            if (outPath is not null && fmt != "table") OutputFile.Check(outPath);
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            int? unitId = null;
            if (parse.GetValue(unit) is { } code)
            {
                code = code.Trim();
                unitId = ctx.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefault()
                    ?? throw new CliException($"没有编码为“{code}”的单位：请写单位编码（见组织导入文件的“单位编码”列）");
            }
            var query = new PaySheetQuery(p.ToString(), unitId);
            var service = new PaySheetService(ctx);
            var summary = Service(() => service.Summary(Machine, query));
            switch (fmt)
            {
                case "xlsx":
                    OutputFile.Write(outPath!, s => service.WriteXlsx(Machine, query, s));
                    Done(io, summary, outPath!);
                    break;
                case "csv" when outPath is null:
                    OutputFile.ToStdout(io.Out, s => Service(() => { service.WriteCsv(Machine, query, s); return 0; }));
                    break;
                case "csv":
                    OutputFile.Write(outPath!, s => service.WriteCsv(Machine, query, s));
                    Done(io, summary, outPath!);
                    break;
                default:
                    Table(io, summary);
                    break;
            }
            return KaoheCli.Ok;
        });
        return command;
    }

    private static void Heading(TextWriter w, PaySheetSummary s)
    {
        w.WriteLine($"绩效工资表 · {s.Period} · {s.ScopeName}");
        w.WriteLine(s.Cycles.Count == 0 ? "本期没有已发布的考核。" : "已发布的考核：" + string.Join("、", s.Cycles));
        if (s.NotPublished.Count > 0)
            w.WriteLine("未计入（尚未发布）：" + string.Join("、", s.NotPublished));
    }

    private static void Table(CliIO io, PaySheetSummary s)
    {
        Heading(io.Out, s);
        var table = new Table().Border(TableBorder.Square);
        table.AddColumn("单位");
        table.AddColumn(new TableColumn("人数").RightAligned());
        foreach (var c in s.MoneyColumns) table.AddColumn(new TableColumn(c + "（元）").RightAligned());
        table.AddColumn(new TableColumn("合计（元）").RightAligned());
        foreach (var u in s.Units)
            table.AddRow(Cells([u.UnitName, u.People.ToString("N0", CultureInfo.InvariantCulture), .. u.Amounts.Select(MoneyText), MoneyText(u.Sum)]));
        // Per column totals when the units split the people (each person under one unit), else only the grand total.
        var split = s.Units.Sum(u => u.People) == s.People;
        var columns = Enumerable.Range(0, s.MoneyColumns.Count)
            .Select(i => split ? MoneyText(s.Units.Sum(u => i < u.Amounts.Count ? u.Amounts[i] ?? 0 : 0)) : "");
        table.AddRow(Cells(["合计", s.People.ToString("N0", CultureInfo.InvariantCulture), .. columns, MoneyText(s.GrandTotal)]));
        PlainConsole.Create(io.Out).Write(table);
        io.Out.WriteLine($"共 {s.People:N0} 人，合计 {MoneyText(s.GrandTotal)} 元。下载给发薪用：kaohe paysheet --period {s.Period} --out 绩效工资表.xlsx");
    }

    private static void Done(CliIO io, PaySheetSummary s, string path)
    {
        Heading(io.Out, s);
        io.Out.WriteLine($"已写入 {path}：{s.People:N0} 人，{s.Units.Count} 个单位，合计 {MoneyText(s.GrandTotal)} 元。");
    }
}
