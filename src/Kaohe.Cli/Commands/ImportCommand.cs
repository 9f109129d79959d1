using System.CommandLine;
using Kaohe.Data.Import;
using Spectre.Console;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe import &lt;kind&gt; &lt;file&gt;</c>: imports a CSV or XLSX file of one record kind into the customer base —
/// entirely or not at all, every bad row reported with row, column, value and reason; a second import of the
/// same file changes nothing.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliIO io)
    {
        var kind = new Argument<string>("kind")
        {
            Description = "记录类型：" + string.Join("、", ImportKinds.All.Select(k => $"{k.Name}（{k.Title}）")),
        };
        var file = new Argument<string>("file") { Description = "CSV（UTF-8 或 GB18030）或 XLSX 文件；列说明见 docs/data-import.md 或 kaohe import columns <类型>" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "不显示进度" };
        var db = DatabaseOption.Create();
        var command = new Command("import", "导入客户数据（组织、员工、客户、客户事件、投诉、拜访回访、销售、回款、目标等）")
        {
            kind, file, quiet, db,
        };
        command.SetAction(parse => Run(io, parse.GetValue(kind)!, parse.GetValue(file)!, parse.GetValue(quiet), parse.GetValue(db)));
        var which = new Argument<string?>("kind") { Description = "记录类型；不写则列出全部", Arity = ArgumentArity.ZeroOrOne };
        var columns = new Command("columns", "列出某类记录的导入列（Markdown 表格）") { which };
        columns.SetAction(parse =>
        {
            var name = parse.GetValue(which);
            var kinds = name is null ? ImportKinds.All : [ImportKinds.Find(name) ?? throw new CliException($"未知的导入类型“{name}”")];
            foreach (var k in kinds)
            {
                io.Out.WriteLine($"### `{k.Name}` — {k.Title}");
                io.Out.WriteLine();
                io.Out.WriteLine("| 列 | 英文别名 | 类型 | 必填 | 说明 |");
                io.Out.WriteLine("|---|---|---|---|---|");
                foreach (var c in k.Columns)
                    io.Out.WriteLine($"| {c.Name} | {string.Join(", ", c.Aliases)} | {TypeWord(c.Type)} | {(c.Required ? "是" : "")} | {c.Description} |");
                io.Out.WriteLine();
            }
            return KaoheCli.Ok;
        });
        command.Add(columns);
        return command;
    }

    private static int Run(CliIO io, string kind, string file, bool quiet, string? connection)
    {
        if (ImportKinds.Find(kind) is null)
            throw new CliException($"未知的导入类型“{kind}”。可用：{string.Join("、", ImportKinds.All.Select(k => $"{k.Name}（{k.Title}）"))}");
        var database = DatabaseOption.Open(connection);
        ImportReport report;
        try
        {
            report = quiet ? Importer.Run(database, kind, file, actor: Environment.UserName)
                : ToTerminal(io) ? WithProgressBar(database, kind, file)
                : WithProgressLines(io, database, kind, file);
        }
        catch (ImportFileException e)
        {
            throw new CliException(e.Message);
        }
        if (!report.Succeeded)
        {
            foreach (var e in report.Errors) io.Err.WriteLine(e.ToString());
            io.Err.WriteLine($"共 {report.Found:N0} 个问题，文件未导入（数据库没有改动）。");
            return KaoheCli.BadInput;
        }
        io.Out.WriteLine($"已导入 {report.Rows:N0} 行（{ImportKinds.Find(kind)!.Title}）：新增 {report.Inserted:N0}，更新 {report.Updated:N0}，未变 {report.Unchanged:N0}。");
        return KaoheCli.Ok;
    }

    private static string TypeWord(ColumnType t) => t switch
    {
        ColumnType.Date => "日期",
        ColumnType.DateTime => "日期时间",
        ColumnType.Integer => "整数",
        ColumnType.Money => "金额（元）",
        ColumnType.Quantity => "数值（≤4 位小数）",
        ColumnType.Boolean => "是/否",
        ColumnType.Period => "期间",
        _ => "文本",
    };

    /// <summary>Standard error is the console itself, not a pipe, a file or a test's writer.</summary>
    private static bool ToTerminal(CliIO io) =>
        io.Err is StreamWriter && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    /// <summary>A progress bar over the bytes of the file, then the checking and writing phases.</summary>
    private static ImportReport WithProgressBar(Kaohe.Data.KaoheDatabase database, string kind, string file)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("读取", maxValue: Math.Max(1, new FileInfo(file).Length));
                var report = Importer.Run(database, kind, file, new Progress(p =>
                {
                    task.Description = $"{p.Phase} {p.Rows:N0} 行";
                    task.Value = p.Phase == "读取" ? p.Bytes : task.MaxValue;
                }), actor: Environment.UserName);
                task.StopTask();
                return report;
            });
    }

    /// <summary>Progress as lines: one when the phase changes, else at most one a second (works in a log).</summary>
    private static ImportReport WithProgressLines(CliIO io, Kaohe.Data.KaoheDatabase database, string kind, string file)
    {
        var last = DateTime.MinValue;
        var phase = "";
        return Importer.Run(database, kind, file, new Progress(p =>
        {
            if (p.Phase == phase && (DateTime.UtcNow - last).TotalSeconds < 1) return;
            last = DateTime.UtcNow;
            phase = p.Phase;
            var percent = p.TotalBytes > 0 && p.Phase == "读取" ? $" {100.0 * p.Bytes / p.TotalBytes:0}%" : "";
            io.Err.WriteLine($"{p.Phase}{percent}：{p.Rows:N0} 行");
        }), actor: Environment.UserName);
    }

    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
