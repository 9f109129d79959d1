using System.CommandLine;
using System.Text;
using Kaohe.Cli.IO;
using Kaohe.Core.Attribution;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe attribute</c>: replays a sales office's registrations, follow-ups, duty records, deals and decisions and
/// says who owns each customer, how each deal's sales credit and commission are split, what awaits a supervisor and
/// which 甩客 fines are deducted (docs/attribution.md).
/// </summary>
internal static class AttributeCommand
{
    public static Command Create(CliIO io)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "事件文件：.json、.csv（UTF-8）或 .xlsx；“-”表示从标准输入读取",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "结果文件；不写则输出到标准输出。输入有误时不会生成结果文件" };
        var format = new Option<string?>("--format", "-f") { Description = "结果格式：json（默认）或 table（给人看的表格）" };
        format.AcceptOnlyFromAmong("json", "table");
        var set = new Option<string[]>("--set")
        {
            Description = "设置，键=值，可写多次，覆盖 JSON 输入里的 settings，如 --set 协助提成比例=25%。可用的设置：" +
                          string.Join("、", AttributionSettingsInput.Settings.Select(s => $"{s.Key}（默认 {s.Default}）")),
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("attribute", "客户归属与提成分配：按来访登记、回访、值班、成交和主管裁定，判定每位客户归谁、每笔成交的业绩和提成怎么分")
        {
            input, output, format, set,
        };
        command.SetAction(parse => Run(io, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(format), parse.GetValue(set) ?? []));
        return command;
    }

    private static int Run(CliIO io, string input, string? outputPath, string? formatName, string[] sets)
    {
        if (outputPath == "-") outputPath = null;
        if (outputPath is not null) OutputFile.Check(outputPath);
        var table = (formatName ?? OutputFile.Format(null, outputPath, "json", "json", "txt")) is "table" or "txt";

        var problems = new List<string>();
        var content = AttributionInputFile.Read(input, io, problems);
        DateOnly? asOf = null;
        var settings = AttributionSettingsInput.Read(content.Settings, AttributionSettings.Default, "设置", problems, ref asOf);
        settings = AttributionSettingsInput.Read(AttributionInputFile.ParseSets(sets, problems), settings, "--set ", problems, ref asOf);
        var events = AttributionInput.Read(content.Rows, problems);
        if (problems.Count == 0 && events.Count == 0) problems.Add($"输入“{(input == "-" ? "标准输入" : input)}”中没有事件");
        AttributionOutcome? outcome = null;
        if (problems.Count == 0)
        {
            outcome = AttributionEngine.Run(events, settings, asOf);
            problems.AddRange(outcome.Problems);
        }
        if (problems.Count > 0 || outcome is null)
        {
            foreach (var p in problems.Take(Kaohe.IO.InputLimits.MaxProblems)) io.Err.WriteLine(p);
            if (problems.Count > Kaohe.IO.InputLimits.MaxProblems)
                io.Err.WriteLine(Problems.UnlistedText(problems.Count - Kaohe.IO.InputLimits.MaxProblems, Kaohe.IO.InputLimits.MaxProblems));
            io.Err.WriteLine($"共 {problems.Count} 个问题，未生成结果" + (outputPath is null ? "。" : $"文件（“{outputPath}”未改动）。"));
            return KaoheCli.BadInput;
        }

        void Write(Stream s)
        {
            if (table) AttributeOutput.WriteTable(s, outcome);
            else AttributeOutput.WriteJson(s, outcome, settings, indented: true);
        }
        if (outputPath is null)
        {
            using var buffer = new MemoryStream();
            Write(buffer);
            io.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        else
        {
            OutputFile.Write(outputPath, Write);
            OutputFile.Written(io.Err, outputPath, $"{outcome.Customers.Count} 位客户、{outcome.Deals.Count} 笔成交");
        }
        return KaoheCli.Ok;
    }
}
