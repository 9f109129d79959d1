using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using Kaohe.Cli.IO;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;
using CorePeriodKind = Kaohe.Core.Model.PeriodKind;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe appraise</c>: scores every subject of a scheme's kind from the customer base — quantitative
/// indicators (bound with <c>metric:</c>) and their baselines from the metrics, qualitative grades from a file.
/// Output as <c>kaohe score</c>. Missing grades are reported; the affected results are marked 未完成 unless
/// <c>--strict</c> makes them an error.
/// </summary>
internal static class AppraiseCommand
{
    public static Command Create(CliIO io)
    {
        var scheme = new Option<string>("--scheme", "-s") { Description = "考核方案：内置模板代码（如 TPL-04）、别名或方案 YAML 文件", Required = true };
        var period = new Option<string>("--period", "-p") { Description = "考核期间，如 2026-10（月）、2026-Q4（季度）、2026（年），须与方案的周期一致", Required = true };
        var grades = new Option<string?>("--grades", "-g") { Description = "定性评分文件（.csv/.xlsx/.json，格式同 kaohe score 的输入：“对象”列为名称或编码，每个定性指标一列）" };
        var template = new Option<string?>("--grades-template") { Description = "只生成评分模板 CSV（每个考核对象一行、每个定性指标一列）到此文件，然后退出" };
        var subjects = new Option<string[]>("--subject") { Description = "只考核这些对象（名称或编码，可重复）", AllowMultipleArgumentsPerToken = true };
        var role = new Option<string?>("--role") { Description = "个人考核方案：只考核该岗位的员工（如 客户经理）" };
        var strict = new Option<bool>("--strict") { Description = "缺少评分时报错（退出码 2），而不是输出标为“未完成”的结果" };
        var output = new Option<string?>("--output", "-o") { Description = "结果文件；不写则输出到标准输出" };
        var format = new Option<string?>("--format", "-f") { Description = "结果格式：json、csv、xlsx 或 table；默认按 --output 的扩展名，否则 table" };
        format.AcceptOnlyFromAmong("json", "csv", "xlsx", "table");
        var db = DatabaseOption.Create();
        var command = new Command("appraise", "用客户数据考核：定量指标及其基数取自数据库中的指标，定性评分取自评分文件")
        {
            scheme, period, grades, template, subjects, role, strict, output, format, db,
        };
        command.SetAction(parse => Run(io, new Args(
            parse.GetValue(scheme)!, parse.GetValue(period)!, parse.GetValue(grades), parse.GetValue(template),
            parse.GetValue(subjects) ?? [], parse.GetValue(role), parse.GetValue(strict),
            parse.GetValue(output), parse.GetValue(format), parse.GetValue(db))));
        return command;
    }

    private sealed record Args(string Scheme, string Period, string? Grades, string? Template, string[] Subjects,
        string? Role, bool Strict, string? Output, string? Format, string? Db);

    private static int Run(CliIO io, Args a)
    {
        var scheme = SchemeArgument.Load(a.Scheme, io.Err);
        if (scheme is null) return KaoheCli.BadInput;
        if (!Period.TryParse(a.Period, out var period))
            throw new CliException($"无法识别的期间“{a.Period}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）");
        var expected = scheme.Period switch
        {
            CorePeriodKind.Month => Kaohe.Data.Time.PeriodKind.Month,
            CorePeriodKind.Quarter => Kaohe.Data.Time.PeriodKind.Quarter,
            CorePeriodKind.Year => Kaohe.Data.Time.PeriodKind.Year,
            _ => throw new CliException($"方案 {scheme.Id} 的考核周期（{scheme.Period}）不能从客户数据按月、季、年计算"),
        };
        if (period.Kind != expected)
            throw new CliException($"方案 {scheme.Id} 按{Word(expected)}考核，期间“{a.Period}”是{Word(period.Kind)}：请写成如 {Example(expected)}");

        var database = DatabaseOption.Open(a.Db);
        using var db = database.CreateContext();
        var problems = new List<AppraisalProblem>();
        var subjects = DataAppraisal.Subjects(db, scheme, a.Subjects, a.Role, problems);
        if (Report(io, problems)) return KaoheCli.BadInput;
        if (subjects.Count == 0)
            throw new CliException($"客户数据库（{database.Describe()}）中没有方案 {scheme.Id} 的考核对象：先用 kaohe import 导入组织与员工，或运行 kaohe demo 生成演示数据");

        if (a.Template is not null) return WriteTemplate(io, scheme, subjects, a.Template);

        var company = db.Units.AsNoTracking().Where(u => u.ParentId == null && u.Kind == UnitKind.Company).Select(u => (int?)u.Id).ToList();
        if (company.Count != 1)
            throw new CliException(company.Count == 0 ? "组织中没有公司（最上级、类型为公司的单位）" : "组织中有多个公司（最上级单位），无法确定“公司”口径");

        var entered = ReadGrades(io, scheme, a.Grades);
        if (entered is null) return KaoheCli.BadInput;

        var metrics = new MetricStore(db);
        var inputs = DataAppraisal.Inputs(scheme, period, subjects, metrics, company[0]!.Value, entered, problems);
        var missing = problems.Where(p => p.Message.StartsWith("缺少", StringComparison.Ordinal)).ToList();
        var hard = problems.Except(missing).ToList();
        if (Report(io, hard)) return KaoheCli.BadInput;
        if (missing.Count > 0)
        {
            if (a.Strict) { Report(io, missing); return KaoheCli.BadInput; }
            SummariseMissing(io, missing, subjects.Count, a.Grades is null);
        }

        var results = Score(scheme, inputs, missing, a.Grades is null, out var errors);
        if (errors.Count > 0)
        {
            foreach (var e in errors) io.Err.WriteLine(e.ToString());
            io.Err.WriteLine($"共 {errors.Count} 个问题，未生成结果。");
            return KaoheCli.BadInput;
        }
        Write(io, scheme, results, period.ToString(), a.Output, a.Format);
        return KaoheCli.Ok;
    }

    /// <summary>
    /// Scores the run. Subjects with every input are scored with the whole scheme; a subject with missing grades
    /// is scored on the indicators it has, and its result says 未完成 and lists what is missing.
    /// </summary>
    private static List<(SubjectInput Input, SubjectResult Result)> Score(Scheme scheme, IReadOnlyList<SubjectInput> inputs, List<AppraisalProblem> missing, bool noFile, out List<ScoringError> errors)
    {
        errors = [];
        var missingBySubject = missing.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Select(m => m.Indicator!).Distinct().ToList());
        var complete = inputs.Where(i => !missingBySubject.ContainsKey(i.Key)).ToList();
        var results = new Dictionary<string, SubjectResult>();
        if (complete.Count > 0)
        {
            var outcome = ScoringEngine.ScoreAll(scheme, complete);
            errors.AddRange(outcome.Errors);
            foreach (var r in outcome.Results) results[r.Key] = r;
        }
        foreach (var input in inputs.Where(i => missingBySubject.ContainsKey(i.Key)))
        {
            var absent = missingBySubject[input.Key];
            var partial = scheme with
            {
                Sections = [.. scheme.Sections.Select(s => s with { Indicators = [.. s.Indicators.Where(i => !absent.Contains(i.Name))] })],
                Grades = null,
                Payout = null,
                Ranking = null,
            };
            var errs = new List<ScoringError>();
            var r = ScoringEngine.ScoreOne(partial, input, errs);
            errors.AddRange(errs);
            if (r is null) continue;
            var placeholders = scheme.Indicators.Where(i => absent.Contains(i.Name)).Select(i => new IndicatorResult(
                i.Name, scheme.Sections.First(s => s.Indicators.Contains(i)).Name, i.Category, null, i.Points,
                noFile ? "缺少评分：本方案需要人工填写评分（用 --grades 提供评分文件）" : "缺少评分：评分文件中没有此项",
                IndicatorStatus.Failed, i.Unit, []));
            var order = scheme.Indicators.Select((i, n) => (i.Name, n)).ToDictionary(x => x.Name, x => x.n);
            results[input.Key] = r with
            {
                TotalExplanation = $"【未完成】缺少 {absent.Count} 项评分（{string.Join("、", absent)}），此合计只含已有数据的指标：" + r.TotalExplanation,
                Indicators = [.. r.Indicators.Concat(placeholders).OrderBy(x => order[x.Name])],
            };
        }
        return [.. inputs.Where(i => results.ContainsKey(i.Key)).Select(i => (i, results[i.Key]))];
    }

    /// <summary>The rows of the grades file; which subject each names (工号 or a name no one shares) is decided by <c>DataAppraisal.Inputs</c>.</summary>
    private static List<SubjectInput>? ReadGrades(CliIO io, Scheme scheme, string? path)
    {
        var list = new List<SubjectInput>();
        if (path is null) return list;
        if (!File.Exists(path)) throw new CliException($"评分文件“{path}”不存在");
        var problems = new Problems(io.Err);
        using var source = CliFiles.OpenInput(path, scheme, problems, io);
        list.AddRange(source.ReadSubjects());
        if (problems.Count > 0)
        {
            io.Err.WriteLine($"评分文件“{path}”有 {problems.Count} 个问题，未考核。");
            return null;
        }
        return list;
    }

    private static int WriteTemplate(CliIO io, Scheme scheme, IReadOnlyList<AppraisalSubject> subjects, string path)
    {
        // Every input a person enters, in the columns the grades reader takes: per-rater items as 指标名@角色.
        var columns = ResultTable.EntryColumns(scheme, i => i.Metric is null);
        var sb = new StringBuilder();
        sb.Append("对象,").Append(ResultTable.CodeHeader(scheme));
        foreach (var c in columns) sb.Append(',').Append(Csv(c));
        sb.Append('\n');
        foreach (var s in subjects)
        {
            sb.Append(Csv(s.Name)).Append(',').Append(Csv(s.Code));
            foreach (var _ in columns) sb.Append(',');
            sb.Append('\n');
        }
        OutputFile.Write(path, stream => stream.Write(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray()));
        var items = scheme.Indicators.Count(i => i.Metric is null);
        io.Err.WriteLine($"已写入 {path}（{subjects.Count} 个对象 × {items} 个需人工填写的指标，共 {columns.Count} 列）。填好后用 --grades {path} 考核。");
        return KaoheCli.Ok;
    }

    private static void Write(CliIO io, Scheme scheme, List<(SubjectInput Input, SubjectResult Result)> results, string period, string? outputPath, string? formatName)
    {
        var format = formatName switch
        {
            "json" => OutputFormat.Json,
            "csv" => OutputFormat.Csv,
            "xlsx" => OutputFormat.Xlsx,
            "table" => OutputFormat.Table,
            _ => Path.GetExtension(outputPath ?? "").ToLowerInvariant() switch
            {
                ".json" => OutputFormat.Json,
                ".csv" => OutputFormat.Csv,
                ".xlsx" => OutputFormat.Xlsx,
                _ => OutputFormat.Table,
            },
        };
        if (format == OutputFormat.Xlsx && outputPath is null) throw new CliException("xlsx 格式需要用 --output 指定结果文件");
        using var buffer = new MemoryStream();
        // Subjects of the customer base carry their 工号 (编码): two people may share a name.
        using (var writer = CliFiles.CreateWriter(format, buffer, scheme, forFile: outputPath is not null, codes: true))
        {
            foreach (var (input, r) in results) writer.Write(input, r, period);
            writer.Complete(period);
        }
        if (outputPath is null)
        {
            io.Out.Write(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }
        OutputFile.Write(outputPath, stream => buffer.WriteTo(stream));
        OutputFile.Written(io.Err, outputPath, $"{results.Count} 个对象");
    }

    /// <summary>A CSV field: formula-neutralised (names are user data) and quoted when needed.</summary>
    private static string Csv(string text)
    {
        var safe = CellText.Safe(text);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    private static bool Report(CliIO io, List<AppraisalProblem> problems)
    {
        foreach (var p in problems) io.Err.WriteLine(p.ToString());
        if (problems.Count > 0) io.Err.WriteLine($"共 {problems.Count} 个问题，未考核。");
        return problems.Count > 0;
    }

    private static void SummariseMissing(CliIO io, List<AppraisalProblem> missing, int subjects, bool noFile)
    {
        var byIndicator = missing.GroupBy(m => m.Indicator).Select(g => $"{g.Key}（{g.Select(m => m.Key).Distinct().Count()} 个对象）");
        io.Err.WriteLine($"注意：{missing.Select(m => m.Key).Distinct().Count()} / {subjects} 个对象缺少评分，结果标为“未完成”，合计只含已有数据的指标：{string.Join("、", byIndicator)}。");
        io.Err.WriteLine(noFile
            ? "本方案有需要人工填写的评分：用 --grades-template <文件> 生成评分模板，填好后用 --grades <文件> 考核。"
            : "请在评分文件中补全；加 --strict 则缺少评分时报错。");
    }

    private static string Word(Kaohe.Data.Time.PeriodKind k) => k switch
    {
        Kaohe.Data.Time.PeriodKind.Month => "月",
        Kaohe.Data.Time.PeriodKind.Quarter => "季度",
        _ => "年",
    };

    private static string Example(Kaohe.Data.Time.PeriodKind k) => k switch
    {
        Kaohe.Data.Time.PeriodKind.Month => "2026-10",
        Kaohe.Data.Time.PeriodKind.Quarter => "2026-Q4",
        _ => "2026",
    };
}
