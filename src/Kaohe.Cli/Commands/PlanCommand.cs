using System.CommandLine;
using Kaohe.Core.Plans;
using Kaohe.Data.Import;
using Kaohe.Data.Plans;
using Kaohe.Schemes.Plans;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe plan</c>: computes a key-account incentive plan's quarterly ledger and annual settlement, or a monthly pay plan's
/// pay slips (loan officer, 大客户经理助理), for the people of an input table (docs/plan-format.md); <c>--list</c> lists the
/// built-in plans, <c>--show</c> prints a plan's rules.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliIO io)
    {
        var plan = new Option<string?>("--plan", "-p") { Description = "奖金方案：内置方案代码（如 TPL-25）、别名，或方案 YAML 文件路径" };
        var input = new Option<string?>("--input", "-i") { Description = "输入文件：.json、.csv（UTF-8）或 .xlsx，每人每季度（月度薪酬方案为每人每月）一行；“-”表示从标准输入读取" };
        var output = new Option<string?>("--output", "-o") { Description = "结果文件；不写则输出到标准输出。输入有误时不会生成结果文件" };
        var format = new Option<string?>("--format", "-f") { Description = "结果格式：json、csv、xlsx 或 table；默认按 --output 的扩展名，否则 json" };
        format.AcceptOnlyFromAmong("json", "csv", "xlsx", "table");
        var list = new Option<bool>("--list") { Description = "列出内置的奖金方案" };
        var show = new Option<string?>("--show") { Description = "显示一个奖金方案的规则和参数" };
        var command = new Command("plan", "按大客户奖金方案逐季度计算计提奖金、实际奖金、浮动工资、差额与结转以及年终结算；按月度薪酬方案计算每人每月的各项薪酬")
        {
            plan, input, output, format, list, show,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list)) return List(io);
            if (parse.GetValue(show) is { } s) return Show(io, s);
            var p = parse.GetValue(plan) ?? throw new CliException("缺少 --plan（或用 --list 查看内置方案、--show 查看方案规则）");
            var i = parse.GetValue(input) ?? throw new CliException("缺少 --input：输入文件（.json、.csv、.xlsx）或“-”");
            return Run(io, p, i, parse.GetValue(output), parse.GetValue(format));
        });
        return command;
    }

    private static int List(CliIO io)
    {
        foreach (var load in PlanCatalog.Plans)
            if (load.Plan is { } p)
                io.Out.WriteLine($"{p.Id}\t{p.Slug}\t{p.Name}");
        return KaoheCli.Ok;
    }

    private static PlanDocument? Load(CliIO io, string arg)
    {
        var load = PlanCatalog.Resolve(arg);
        if (load.Plan is { } plan) return plan;
        foreach (var e in load.Errors) io.Err.WriteLine(e.ToString());
        if (load.Errors.Length > 0) io.Err.WriteLine($"奖金方案有 {load.Errors.Length} 个问题，未计算。");
        return null;
    }

    private static int Show(CliIO io, string arg)
    {
        if (Load(io, arg) is not { } doc) return KaoheCli.BadInput;
        var summary = PlanSummary.Of(doc);
        io.Out.WriteLine($"{summary.Name}（{summary.Id}）");
        if (summary.Description.Length > 0) io.Out.WriteLine(summary.Description);
        void List(string title, IReadOnlyList<string> lines)
        {
            if (lines.Count == 0) return;
            io.Out.WriteLine();
            io.Out.WriteLine(title);
            foreach (var line in lines) io.Out.WriteLine("  · " + line);
        }
        List("规则：", summary.Rules);
        List("说明：", summary.Notes);
        List("提示：", summary.Warnings);
        io.Out.WriteLine();
        io.Out.WriteLine("输入列：" + string.Join("、", summary.Columns) + $"（{summary.ColumnsNote}）");
        return KaoheCli.Ok;
    }

    private static int Run(CliIO io, string planArg, string inputPath, string? outputPath, string? formatName)
    {
        if (outputPath == "-") outputPath = null;
        var format = OutputFile.Format(formatName, outputPath, "json", "json", "csv", "xlsx");
        if (format == "xlsx" && outputPath is null) throw new CliException("xlsx 格式需要用 --output 指定结果文件");
        if (outputPath is not null) OutputFile.Check(outputPath);
        if (Load(io, planArg) is not { } doc) return KaoheCli.BadInput;
        var problems = new List<string>();
        var rows = PlanInputFiles.Read(inputPath, io, problems);
        var outcome = PlanCalculation.Run(doc, rows, problems, inputPath);
        if (Refused(io, problems, outputPath)) return KaoheCli.BadInput;
        if (doc.KeyAccount is null)
        {
            var months = outcome.Months;
            void WritePay(Stream s, bool forFile)
            {
                switch (format)
                {
                    case "csv": PayOutput.WriteCsv(s, months, forFile); break;
                    case "xlsx": PayOutput.WriteXlsx(s, months); break;
                    case "table": PayOutput.WriteTable(s, doc, months); break;
                    default: PayOutput.WriteJson(s, doc, months, indented: !forFile); break;
                }
            }
            return Written(io, outputPath, WritePay, $"{months.Select(m => (m.Name, m.Id)).Distinct().Count()} 人 {months.Count} 个月");
        }
        var ledgers = outcome.Ledgers;
        void Write(Stream s, bool forFile)
        {
            switch (format)
            {
                case "csv": PlanOutput.WriteCsv(s, ledgers, forFile); break;
                case "xlsx": PlanOutput.WriteXlsx(s, ledgers); break;
                case "table": PlanOutput.WriteTable(s, doc, ledgers); break;
                default: PlanOutput.WriteJson(s, doc, ledgers, indented: !forFile); break;
            }
        }
        return Written(io, outputPath, Write, $"{ledgers.Count} 人");
    }

    /// <summary>Writes the problems (at most 200 listed) and says no result was made; false when there are none.</summary>
    private static bool Refused(CliIO io, List<string> problems, string? outputPath)
    {
        if (problems.Count == 0) return false;
        const int max = 200;
        foreach (var p in problems.Take(max)) io.Err.WriteLine(p);
        if (problems.Count > max) io.Err.WriteLine(Kaohe.IO.Problems.UnlistedText(problems.Count - max, max));
        io.Err.WriteLine($"共 {problems.Count} 个问题，未生成结果" + (outputPath is null ? "。" : $"文件（“{outputPath}”未改动）。"));
        return true;
    }

    private static int Written(CliIO io, string? outputPath, Action<Stream, bool> write, string what)
    {
        if (outputPath is null) OutputFile.ToStdout(io.Out, s => write(s, false));
        else
        {
            OutputFile.Write(outputPath, s => write(s, true));
            OutputFile.Written(io.Err, outputPath, what);
        }
        return KaoheCli.Ok;
    }
}
