using System.Buffers;
using System.CommandLine;
using System.Text;
using Kaohe.Cli.IO;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe score</c>: scores a table of raw values against a scheme (PRODUCT.md, "Contract of kaohe score").
/// Subjects stream from the input through the engine to the output unless the scheme needs the whole run
/// (peer averages, ranking). Output goes to a temporary file that replaces the target only when the whole
/// input was valid, so bad input never leaves an output file behind.
/// </summary>
internal static class ScoreCommand
{
    /// <summary>Test hook called before each subject is scored (to exercise the internal-error path).</summary>
    internal static readonly AsyncLocal<Action<SubjectInput>?> BeforeScoring = new();

    public static Command Create(CliIO io)
    {
        var scheme = new Option<string>("--scheme", "-s")
        {
            Description = "考核方案：内置模板代码（如 TPL-01）、别名，或方案 YAML 文件路径",
            Required = true,
        };
        var input = new Option<string>("--input", "-i")
        {
            Description = "原始数据文件：.json、.csv（UTF-8）或 .xlsx；“-”表示从标准输入读取",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "结果文件；不写则输出到标准输出。输入有误时不会生成（也不会改动已有的）结果文件",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "结果格式：json、csv、xlsx 或 table（给人看的表格）；默认按 --output 的扩展名，否则 json",
        };
        format.AcceptOnlyFromAmong("json", "csv", "xlsx", "table");

        var command = new Command("score", "按考核方案为每个对象算分：得分、评分依据、等级、奖金")
        {
            scheme, input, output, format,
        };
        command.SetAction(parse => Run(
            io,
            parse.GetValue(scheme)!,
            parse.GetValue(input)!,
            parse.GetValue(output),
            parse.GetValue(format)));
        return command;
    }

    private static int Run(CliIO io, string schemeArg, string inputPath, string? outputPath, string? formatName)
    {
        if (outputPath == "-") outputPath = null;
        var format = ResolveFormat(formatName, outputPath);
        if (format == OutputFormat.Xlsx && outputPath is null)
            throw new CliException("xlsx 格式需要用 --output 指定结果文件");
        if (outputPath is not null) CheckOutputPath(outputPath);

        var scheme = SchemeArgument.Load(schemeArg, io.Err);
        if (scheme is null) return KaoheCli.BadInput;

        var problems = new Problems(io.Err);
        using var source = CliFiles.OpenInput(inputPath, scheme, problems, io);
        var target = outputPath is null ? null : Path.GetFullPath(outputPath);
        var temp = target is null
            ? Path.Combine(Path.GetTempPath(), $"kaohe-{Guid.NewGuid():N}.tmp")
            : Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var written = 0;
        try
        {
            using (var stream = CreateTemp(temp, outputPath))
            using (var writer = CliFiles.CreateWriter(format, stream, scheme, forFile: target is not null))
            {
                if (ScoringEngine.NeedsWholeRun(scheme)) ScoreWholeRun(scheme, source, writer, problems);
                else ScoreStreaming(scheme, source, writer, problems);
                if (problems.Count == 0) writer.Complete(source.Period);
                written = writer.Count;
            }
            if (problems.Count > 0)
            {
                if (problems.UnlistedLine is { } more) io.Err.WriteLine(more);
                io.Err.WriteLine($"共 {problems.Count} 个问题，未生成结果" + (target is null ? "。" : $"文件（“{outputPath}”未改动）。"));
                return KaoheCli.BadInput;
            }
            if (target is null) CopyToStdout(temp, io.Out);
            else
            {
                MoveIntoPlace(temp, target, outputPath!);
                OutputFile.Written(io.Err, outputPath!, $"{written} 个对象");
            }
            return KaoheCli.Ok;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private const int BatchSize = 256;

    /// <summary>
    /// Streams subjects through the engine. The input is read and the output written on this thread while
    /// batches of subjects are scored on the thread pool (the engine is pure), a bounded number at a time;
    /// results and problems come out in input order.
    /// </summary>
    private static void ScoreStreaming(Scheme scheme, SubjectSource source, ResultWriter writer, Problems problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hook = BeforeScoring.Value;
        var inFlight = new Queue<Task<Batch>>();
        var maxInFlight = Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new System.Collections.Concurrent.ConcurrentBag<ArrayBufferWriter<byte>>();
        var batch = new Batch(buffers);
        problems.Hold(batch.ReaderProblems);
        try
        {
            foreach (var subject in source.ReadSubjects())
            {
                batch.Add(subject);
                if (batch.Count < BatchSize) continue;
                var full = batch;
                inFlight.Enqueue(Task.Run(() => full.Score(scheme, hook, writer)));
                batch = new Batch(buffers);
                problems.Hold(batch.ReaderProblems);
                while (inFlight.Count >= maxInFlight) Drain(inFlight.Dequeue(), seen, writer, problems, source.Period);
            }
            problems.Release();
            batch.Score(scheme, hook, writer);
            while (inFlight.Count > 0) Drain(inFlight.Dequeue(), seen, writer, problems, source.Period);
            Drain(Task.FromResult(batch), seen, writer, problems, source.Period);
        }
        finally
        {
            problems.Release();
            // Do not leave work running when an error ends the command.
            foreach (var t in inFlight) t.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        }
    }

    private static void Drain(Task<Batch> task, HashSet<string> seen, ResultWriter writer, Problems problems, string? period)
    {
        var batch = task.GetAwaiter().GetResult();
        var held = batch.ReaderProblemPositions;
        var h = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            while (h < held.Count && held[h].Before == i) problems.Emit(held[h++].Line);
            var subject = batch.Subjects[i];
            if (!seen.Add(subject.Key))
                problems.Report(new ScoringError(subject.Name, null, null, "对象重复出现", subject.Location).ToString());
            foreach (var e in batch.Errors[i]) problems.Report(e.ToString());
            // After the first problem nothing more is written; the rest of the input is still checked.
            if (batch.Results[i] is not { } result || problems.Count > 0) continue;
            var start = i == 0 ? 0 : batch.RenderedEnd[i - 1];
            if (batch.RenderedEnd[i] > start) writer.WriteRendered(batch.Rendered.WrittenSpan[start..batch.RenderedEnd[i]], period);
            else writer.Write(subject, result, period);
        }
        while (h < held.Count) problems.Emit(held[h++].Line);
        batch.ReturnBuffer();
    }

    /// <summary>Subjects read together, scored (and rendered) together on one thread.</summary>
    private sealed class Batch(System.Collections.Concurrent.ConcurrentBag<ArrayBufferWriter<byte>> buffers)
    {
        public List<SubjectInput> Subjects { get; } = new(BatchSize);
        public List<string> ReaderProblems { get; } = [];
        public List<(int Before, string Line)> ReaderProblemPositions { get; } = [];
        public SubjectResult?[] Results { get; private set; } = [];
        public List<ScoringError>[] Errors { get; private set; } = [];

        /// <summary>Results rendered by the writer, back to back; result i is <c>[RenderedEnd[i − 1], RenderedEnd[i])</c>, empty when not rendered.</summary>
        public ArrayBufferWriter<byte> Rendered { get; private set; } = null!;
        public int[] RenderedEnd { get; private set; } = [];
        public int Count => Subjects.Count;

        public void Add(SubjectInput subject)
        {
            // Problems the reader found before this subject belong before it.
            for (var k = ReaderProblemPositions.Count; k < ReaderProblems.Count; k++)
                ReaderProblemPositions.Add((Subjects.Count, ReaderProblems[k]));
            Subjects.Add(subject);
        }

        public Batch Score(Scheme scheme, Action<SubjectInput>? hook, ResultWriter writer)
        {
            for (var k = ReaderProblemPositions.Count; k < ReaderProblems.Count; k++)
                ReaderProblemPositions.Add((Subjects.Count, ReaderProblems[k]));
            Results = new SubjectResult?[Subjects.Count];
            Errors = new List<ScoringError>[Subjects.Count];
            RenderedEnd = new int[Subjects.Count];
            Rendered = buffers.TryTake(out var buffer) ? buffer : new ArrayBufferWriter<byte>(1 << 20);
            var render = writer.RendersAhead;
            for (var i = 0; i < Subjects.Count; i++)
            {
                hook?.Invoke(Subjects[i]);
                var errors = new List<ScoringError>();
                var result = ScoringEngine.ScoreOne(scheme, Subjects[i], errors);
                Results[i] = result;
                Errors[i] = errors;
                if (render && result is not null && errors.Count == 0)
                {
                    writer.Render(Subjects[i], result, Rendered);
                    RenderedEnd[i] = Rendered.WrittenCount;
                }
                else RenderedEnd[i] = i == 0 ? 0 : RenderedEnd[i - 1];
            }
            return this;
        }

        public void ReturnBuffer()
        {
            Rendered.ResetWrittenCount();
            buffers.Add(Rendered);
        }
    }

    private static void ScoreWholeRun(Scheme scheme, SubjectSource source, ResultWriter writer, Problems problems)
    {
        var hook = BeforeScoring.Value;
        var subjects = new List<SubjectInput>();
        foreach (var subject in source.ReadSubjects())
        {
            hook?.Invoke(subject);
            subjects.Add(subject);
        }
        var outcome = ScoringEngine.ScoreAll(scheme, subjects);
        foreach (var e in outcome.Errors) problems.Add(e);
        if (problems.Count > 0) return;
        // Results carry the subject's key (its 工号 when given, else its name), unique in a run without problems.
        var inputs = subjects.ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var r in outcome.Results) writer.Write(inputs[r.Key], r, source.Period);
    }

    private static OutputFormat ResolveFormat(string? name, string? output)
    {
        if (name is not null)
            return name switch
            {
                "csv" => OutputFormat.Csv,
                "xlsx" => OutputFormat.Xlsx,
                "table" => OutputFormat.Table,
                _ => OutputFormat.Json,
            };
        return Path.GetExtension(output ?? "").ToLowerInvariant() switch
        {
            ".csv" => OutputFormat.Csv,
            ".xlsx" => OutputFormat.Xlsx,
            ".txt" => OutputFormat.Table,
            _ => OutputFormat.Json,
        };
    }

    private static FileStream CreateTemp(string temp, string? outputPath)
    {
        try
        {
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(outputPath is null ? $"无法创建临时文件：{e.Message}" : $"无法在结果文件“{outputPath}”所在目录写入：{e.Message}");
        }
    }

    private static void MoveIntoPlace(string temp, string target, string outputPath)
    {
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法写入结果文件“{outputPath}”（是否在 Excel 中打开着？）：{e.Message}");
        }
    }

    private static void CheckOutputPath(string path)
    {
        if (Directory.Exists(path)) throw new CliException($"结果文件“{path}”是一个目录");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is null || !Directory.Exists(dir)) throw new CliException($"结果文件“{path}”所在的目录不存在");
    }

    private static void CopyToStdout(string temp, TextWriter stdout)
    {
        using var file = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (stdout is StreamWriter { Encoding: UTF8Encoding } sw)
        {
            sw.Flush();
            file.CopyTo(sw.BaseStream);
            sw.BaseStream.Flush();
            return;
        }
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[1 << 15];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) stdout.Write(buffer, 0, n);
    }
}
