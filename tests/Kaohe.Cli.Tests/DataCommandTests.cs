using System.Diagnostics;
using System.Text;
using Kaohe.Data;
using Kaohe.Data.Tests;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Cli.Tests;

/// <summary>kaohe demo, appraise, metrics, period and import through the command line, on a fresh database.</summary>
public abstract class DataCommandTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly CliFixture _files = new();

    private string Conn => _db.Database.ConnectionString;

    private static readonly string Examples = Path.Combine(Root(), "examples", "import");

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", Conn]);

    [Fact]
    public void Demo_then_appraise_TPL04_for_the_last_month_with_grades_from_the_template()
    {
        var demo = Kaohe("demo", "--customers", "800", "--last-month", "2026-10");
        Assert.True(demo.ExitCode == 0, demo.Err);
        Assert.Contains("kaohe appraise --scheme TPL-04 --period 2026-10", demo.Out);
        Assert.Contains("办事处 8 个", demo.Out);
        var closed = Kaohe("period", "list").Out;
        Assert.Contains("已结账：2024-11、", closed); // the whole history is closed, in order
        Assert.Contains("、2026-10", closed);

        // Without grades: quantitative scores, results marked 未完成, exit 0; --strict makes it an error.
        var partial = Kaohe("appraise", "--scheme", "TPL-04", "--period", "2026-10", "--format", "json");
        Assert.Equal(0, partial.ExitCode);
        Assert.Contains("8 / 8 个对象缺少评分", partial.Err);
        Assert.Equal(8, partial.Json().GetProperty("results").GetArrayLength());
        Assert.Equal(2, Kaohe("appraise", "--scheme", "TPL-04", "--period", "2026-10", "--strict").ExitCode);

        var template = _files.PathOf("grades.csv");
        Assert.Equal(0, Kaohe("appraise", "--scheme", "TPL-04", "--period", "2026-10", "--grades-template", template).ExitCode);
        var lines = File.ReadAllLines(template, Encoding.UTF8);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("对象,编码,负责区域内客户调查情况", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        File.WriteAllLines(template, [lines[0], .. lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..2]) + string.Concat(Enumerable.Repeat(",良好", 7)))], new UTF8Encoding(true));

        var full = Kaohe("appraise", "--scheme", "TPL-04", "--period", "2026-10", "--grades", template, "--format", "json");
        Assert.True(full.ExitCode == 0, full.Err);
        var results = full.Json().GetProperty("results");
        Assert.Equal(8, results.GetArrayLength());
        foreach (var r in results.EnumerateArray())
        {
            var indicators = r.GetProperty("indicators").EnumerateArray().ToList();
            Assert.Equal(10, indicators.Count);
            var sum = indicators.Sum(i => i.GetProperty("score").GetDecimal());
            Assert.Equal(sum, r.GetProperty("total").GetDecimal());
            Assert.Equal(24m, indicators.Take(7).Sum(i => i.GetProperty("score").GetDecimal()));
            Assert.Contains("流失率", indicators[7].GetProperty("explanation").GetString());
        }

        // The metric in the explanation is the office's frozen October value.
        var metrics = Kaohe("metrics", "--period", "2026-10", "--unit", "HZ", "--metric", "churn_rate", "--format", "json");
        Assert.True(metrics.ExitCode == 0, metrics.Err);
        Assert.True(metrics.Json().GetProperty("frozen").GetBoolean());

        var again = Kaohe("demo", "--customers", "800");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("已有组织或客户数据", again.Err);
    }

    [Fact]
    public void Appraise_a_person_scheme_rated_per_role_keys_people_by_employee_number()
    {
        Assert.Equal(0, Kaohe("demo", "--customers", "300", "--last-month", "2026-10").ExitCode);

        // No grades file: the results are 未完成 and the message says how to get a template, not that a file lacks them.
        var bare = Kaohe("appraise", "--scheme", "TPL-07", "--period", "2026-10", "--format", "json");
        Assert.True(bare.ExitCode == 0, bare.Err);
        Assert.Contains("--grades-template", bare.Err);
        Assert.DoesNotContain("评分文件中没有此项", bare.Out);

        // TPL-07's items are rated by 自评 and 主管评: the template has a column per item and role, and the 工号.
        var template = _files.PathOf("tpl07.csv");
        var made = Kaohe("appraise", "--scheme", "TPL-07", "--period", "2026-10", "--grades-template", template);
        Assert.True(made.ExitCode == 0, made.Err);
        Assert.Contains("已写入", made.Err);
        var lines = File.ReadAllLines(template, Encoding.UTF8);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        Assert.Equal(["对象", "工号", "客户关系的维护@自评", "客户关系的维护@主管评"], header[..4]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        // The demo company has people who share a name: they are two rows with two 工号.
        var shared = rows.GroupBy(r => r[0]).First(g => g.Count() > 1);
        Assert.NotEqual(shared.First()[1], shared.Last()[1]);
        File.WriteAllLines(template, [lines[0], .. rows.Select(r => string.Join(',', [r[0], r[1], .. header.Skip(2).Select(h => h == "奖金基数" ? "1000" : "4")]))], new UTF8Encoding(true));

        var output = _files.PathOf("tpl07-result.csv");
        var full = Kaohe("appraise", "--scheme", "TPL-07", "--period", "2026-10", "--grades", template, "--output", output);
        Assert.True(full.ExitCode == 0, full.Err);
        Assert.Contains($"已写入 {output}（{rows.Count} 个对象）", full.Err);
        var result = File.ReadAllLines(output, Encoding.UTF8);
        Assert.StartsWith("对象,工号,", result[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(rows.Count + 1, result.Length);
        Assert.Contains(result, l => l.StartsWith($"{shared.Key},{shared.First()[1]},", StringComparison.Ordinal));
        Assert.Contains(result, l => l.StartsWith($"{shared.Key},{shared.Last()[1]},", StringComparison.Ordinal));

        // A grades file may name a person by name only when no one else has it: a shared name lists the 工号.
        var byName = _files.PathOf("by-name.csv");
        File.WriteAllLines(byName, ["对象,客户关系的维护@主管评", $"{shared.Key},5"], new UTF8Encoding(true));
        var ambiguous = Kaohe("appraise", "--scheme", "TPL-07", "--period", "2026-10", "--grades", byName);
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains(shared.First()[1], ambiguous.Err);
        Assert.Contains(shared.Last()[1], ambiguous.Err);
        Assert.Contains("同名", ambiguous.Err);
    }

    [Fact]
    public void Import_reports_bad_rows_and_bad_usage_with_exit_2_and_periods_close_in_order()
    {
        foreach (var kind in new[] { "units", "staff", "customers" })
            Assert.Equal(0, Kaohe("import", kind, Path.Combine(Examples, kind + ".csv"), "-q").ExitCode);
        var bad = _files.Write("visits.csv", "记录编号,客户编号,工号,类型,计划日期\nB1,C0001,E0002,回访,2026-10-40\nB2,C9,E0002,回访,2026-10-01\n");
        var r = Kaohe("import", "visits", bad, "-q");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("第 2 行，列“计划日期”，值“2026-10-40”", r.Err);
        Assert.Contains("文件未导入", r.Err);
        Assert.Equal(2, Kaohe("import", "orders", bad).ExitCode);
        Assert.Equal(2, Kaohe("import", "visits", _files.PathOf("missing.csv")).ExitCode);

        Assert.Equal(0, Kaohe("period", "close", "2026-09").ExitCode);
        var skip = Kaohe("period", "close", "2026-11");
        Assert.Equal(2, skip.ExitCode);
        Assert.Contains("请先结账 2026-10", skip.Err);
        Assert.Contains("2026-09", Kaohe("period", "list").Out);
    }

    /// <summary>
    /// A real `kaohe import` process killed while it writes leaves the database exactly as it was: the whole file
    /// is one transaction.
    /// </summary>
    [Fact]
    public async Task An_import_killed_mid_file_leaves_the_database_as_it_was()
    {
        foreach (var kind in new[] { "units", "staff", "customers", "visits" })
            Assert.Equal(0, Kaohe("import", kind, Path.Combine(Examples, kind + ".csv"), "-q").ExitCode);
        var before = Snapshot();

        var big = _files.PathOf("big-visits.csv");
        using (var w = new StreamWriter(big, false, new UTF8Encoding(false)))
        {
            w.WriteLine("记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功");
            for (var i = 0; i < 300_000; i++)
                w.WriteLine($"K{i:D7},C000{1 + i % 2},E0002,回访,2026-11-{1 + i % 28:D2},2026-11-{1 + i % 28:D2},是");
        }
        var kaohe = typeof(KaoheCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { kaohe, "import", "visits", big, "--db", Conn }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var writing = new TaskCompletionSource();
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (e.Data.StartsWith("写入", StringComparison.Ordinal)) writing.TrySetResult();
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var started = await Task.WhenAny(writing.Task, Task.Delay(TimeSpan.FromMinutes(3))) == writing.Task;
        Assert.True(started && !process.HasExited, "the import never reached its write phase: " + log);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.Equal(before, Snapshot());
        // And the same file imports completely afterwards.
        var done = Kaohe("import", "visits", big, "-q");
        Assert.True(done.ExitCode == 0, done.Err);
        Assert.Contains("新增 300,000", done.Out);
    }

    private string Snapshot()
    {
        using var db = _db.Database.CreateContext();
        return string.Join("|", db.Visits.Count(), db.ImportRuns.Count(),
            string.Join(",", db.Visits.AsNoTracking().OrderBy(v => v.Code).Select(v => v.Code + v.Month)));
    }

    public void Dispose()
    {
        _files.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDataCommandTests() : DataCommandTests(DatabaseProvider.Sqlite);

public sealed class PostgresDataCommandTests() : DataCommandTests(DatabaseProvider.PostgreSql);
