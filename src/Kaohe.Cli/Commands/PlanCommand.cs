using System.CommandLine;
using Kaohe.Core.Plans;
using Kaohe.Schemes.Plans;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe plan</c>: computes a key-account incentive plan's quarterly ledger and annual settlement for the people of an
/// input table (docs/plan-format.md); <c>--list</c> lists the built-in plans, <c>--show</c> prints a plan's rules.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliIO io)
    {
        var plan = new Option<string?>("--plan", "-p") { Description = "奖金方案：内置方案代码（如 TPL-25）、别名，或方案 YAML 文件路径" };
        var input = new Option<string?>("--input", "-i") { Description = "输入文件：.json、.csv（UTF-8）或 .xlsx，每人每季度一行；“-”表示从标准输入读取" };
        var output = new Option<string?>("--output", "-o") { Description = "结果文件；不写则输出到标准输出。输入有误时不会生成结果文件" };
        var format = new Option<string?>("--format", "-f") { Description = "结果格式：json、csv、xlsx 或 table；默认按 --output 的扩展名，否则 json" };
        format.AcceptOnlyFromAmong("json", "csv", "xlsx", "table");
        var list = new Option<bool>("--list") { Description = "列出内置的奖金方案" };
        var show = new Option<string?>("--show") { Description = "显示一个奖金方案的规则和参数" };
        var command = new Command("plan", "按大客户奖金方案逐季度计算计提奖金、实际奖金、浮动工资、差额与结转，以及年终结算")
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
        if (load.Plan is { KeyAccount: not null } plan) return plan;
        foreach (var e in load.Errors) io.Err.WriteLine(e.ToString());
        if (load.Errors.Length > 0) io.Err.WriteLine($"奖金方案有 {load.Errors.Length} 个问题，未计算。");
        return null;
    }

    private static int Show(CliIO io, string arg)
    {
        if (Load(io, arg) is not { } doc) return KaoheCli.BadInput;
        io.Out.WriteLine($"{doc.Name}（{doc.Id}）");
        if (doc.Description.Length > 0) io.Out.WriteLine(doc.Description);
        io.Out.WriteLine();
        io.Out.WriteLine("规则：");
        foreach (var line in PlanDescriber.Describe(doc.KeyAccount!)) io.Out.WriteLine("  · " + line);
        if (doc.Notes.Length > 0)
        {
            io.Out.WriteLine();
            io.Out.WriteLine("说明：");
            foreach (var n in doc.Notes) io.Out.WriteLine("  · " + n);
        }
        var findings = PlanLint.Check(doc.KeyAccount!);
        if (findings.Count > 0)
        {
            io.Out.WriteLine();
            io.Out.WriteLine("提示：");
            foreach (var f in findings) io.Out.WriteLine("  · " + f);
        }
        io.Out.WriteLine();
        io.Out.WriteLine("输入列：" + string.Join("、", PlanRows.Columns(doc.KeyAccount!)));
        return KaoheCli.Ok;
    }

    private static int Run(CliIO io, string planArg, string inputPath, string? outputPath, string? formatName)
    {
        if (outputPath == "-") outputPath = null;
        var format = OutputFile.Format(formatName, outputPath, "json", "json", "csv", "xlsx");
        if (format == "xlsx" && outputPath is null) throw new CliException("xlsx 格式需要用 --output 指定结果文件");
        if (outputPath is not null) OutputFile.Check(outputPath);
        if (Load(io, planArg) is not { } doc) return KaoheCli.BadInput;
        var plan = doc.KeyAccount!;

        var problems = new List<string>();
        var rows = PlanInputFiles.Read(inputPath, io, problems);
        var people = problems.Count == 0 ? PlanRows.Read(plan, rows, problems) : [];
        if (problems.Count == 0 && people.Count == 0) problems.Add($"输入“{inputPath}”中没有任何人员的数据");
        var ledgers = new List<PersonLedger>();
        foreach (var person in people)
        {
            var outcome = LedgerEngine.Run(plan, person);
            if (outcome.Ledger is { } l) ledgers.Add(l);
            problems.AddRange(outcome.Problems.Select(p => p.ToString()));
        }
        if (problems.Count > 0)
        {
            const int max = 200;
            foreach (var p in problems.Take(max)) io.Err.WriteLine(p);
            if (problems.Count > max) io.Err.WriteLine(Kaohe.IO.Problems.UnlistedText(problems.Count - max, max));
            io.Err.WriteLine($"共 {problems.Count} 个问题，未生成结果" + (outputPath is null ? "。" : $"文件（“{outputPath}”未改动）。"));
            return KaoheCli.BadInput;
        }

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
        if (outputPath is null) OutputFile.ToStdout(io.Out, s => Write(s, false));
        else
        {
            OutputFile.Write(outputPath, s => Write(s, true));
            OutputFile.Written(io.Err, outputPath, $"{ledgers.Count} 人");
        }
        return KaoheCli.Ok;
    }
}
