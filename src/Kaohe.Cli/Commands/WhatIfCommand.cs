using System.Collections.Immutable;
using System.CommandLine;
using Kaohe.Cli.IO;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.Cli.Commands;

/// <summary><c>kaohe whatif</c>: what value of an input reaches a target score ("what churn rate do I need for 18 points?").</summary>
internal static class WhatIfCommand
{
    public static Command Create(CliIO io)
    {
        var scheme = new Option<string>("--scheme", "-s") { Description = "考核方案：内置模板代码、别名或 YAML 文件", Required = true };
        var indicator = new Option<string>("--indicator") { Description = "指标名称（与方案中完全一致）", Required = true };
        var target = new Option<decimal>("--target") { Description = "目标得分，例如 18", Required = true };
        var input = new Option<string?>("--input", "-i") { Description = "可选：原始数据文件（.json/.csv/.xlsx），其他字段（如基数）取自其中的对象" };
        var subject = new Option<string?>("--subject") { Description = "与 --input 一起使用：对象名称（文件中只有一个对象时可省略）" };
        var field = new Option<string>("--field") { Description = "要反推的字段：value（默认，指标的值）、baseline、target 或部分/条款名称", DefaultValueFactory = _ => "value" };
        var set = new Option<string[]>("--set")
        {
            Description = "给出指标的其他字段，可重复，例如 --set 基数=3% --set 目标=120",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("whatif", "反推：某个指标要得到目标分数，输入值至少（或至多）需要多少")
        {
            scheme, indicator, target, input, subject, field, set,
        };
        command.SetAction(parse => Run(io,
            parse.GetValue(scheme)!, parse.GetValue(indicator)!, parse.GetValue(target),
            parse.GetValue(input), parse.GetValue(subject), parse.GetValue(field) ?? "value", parse.GetValue(set) ?? []));
        return command;
    }

    private static int Run(CliIO io, string schemeArg, string indicatorName, decimal target, string? inputPath, string? subjectName, string field, string[] sets)
    {
        var scheme = SchemeArgument.Load(schemeArg, io.Err);
        if (scheme is null) return KaoheCli.BadInput;

        var indicator = scheme.Indicators.FirstOrDefault(i => i.Name == indicatorName)
            ?? scheme.Indicators.FirstOrDefault(i => ValueParser.Normalize(i.Name) == ValueParser.Normalize(indicatorName));
        if (indicator is null)
        {
            var close = scheme.Indicators.Where(i => i.Name.Contains(indicatorName, StringComparison.Ordinal) || indicatorName.Contains(i.Name, StringComparison.Ordinal)).Select(i => i.Name).ToList();
            io.Err.WriteLine($"方案“{scheme.Id}”中没有指标“{indicatorName}”" + (close.Count > 0 ? $"（是否为：{string.Join("、", close)}？）" : $"。指标有：{string.Join("、", scheme.Indicators.Select(i => i.Name))}"));
            return KaoheCli.BadInput;
        }

        SubjectInput? subject;
        if (inputPath is not null)
        {
            subject = FindSubject(io, scheme, inputPath, subjectName);
            if (subject is null) return KaoheCli.BadInput;
        }
        else
        {
            if (subjectName is not null) io.Err.WriteLine("提示：--subject 需与 --input 一起使用，已忽略");
            subject = new SubjectInput(subjectName ?? "（假设）", ImmutableDictionary<string, RawInput>.Empty,
                ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty);
        }

        if (sets.Length > 0)
        {
            var fields = subject.Inputs.GetValueOrDefault(indicator.Name) switch
            {
                RawObject o => o.Fields,
                RawInput other => ImmutableDictionary<string, RawInput>.Empty.Add("value", other),
                null => ImmutableDictionary<string, RawInput>.Empty,
            };
            foreach (var s in sets)
            {
                var eq = s.IndexOf('=');
                if (eq <= 0)
                {
                    io.Err.WriteLine($"--set “{s}” 应写成 字段=值，例如 基数=3%");
                    return KaoheCli.BadInput;
                }
                fields = fields.SetItem(s[..eq].Trim(), new RawScalar(s[(eq + 1)..].Trim()));
            }
            subject = subject with { Inputs = subject.Inputs.SetItem(indicator.Name, new RawObject(fields)) };
        }

        var result = WhatIf.Solve(scheme, indicator, subject, field, target);
        if (result.Error is not null)
        {
            io.Err.WriteLine($"无法反推“{indicator.Name}”：{result.Error}");
            return KaoheCli.BadInput;
        }
        io.Out.WriteLine(result.Explanation);
        return KaoheCli.Ok;
    }

    private static SubjectInput? FindSubject(CliIO io, Scheme scheme, string inputPath, string? name)
    {
        var problems = new Problems(null);
        using var source = CliFiles.OpenInput(inputPath, scheme, problems, io);
        var all = new List<SubjectInput>();
        foreach (var s in source.ReadSubjects())
        {
            if (name is not null && s.Name == name) return s;
            if (name is null && all.Count < 2) all.Add(s);
        }
        if (name is null && all.Count == 1) return all[0];
        foreach (var p in problems.Kept) io.Err.WriteLine(p);
        io.Err.WriteLine(name is null
            ? $"输入文件“{inputPath}”中有多个对象，请用 --subject 指定"
            : $"输入文件“{inputPath}”中没有对象“{name}”");
        return null;
    }
}
