using System.Text;
using Kaohe.Data.Import;
using Kaohe.Data.Metrics;
using Kaohe.Data.Time;

namespace Kaohe.Data.Tests.Import;

/// <summary>
/// What an import tells while it runs (the write phase counts the rows written, not only the rows read) and what a
/// closed month's refusal carries, so the web and the command line can each say how to reopen it.
/// </summary>
public abstract class ImportProgressTests(DatabaseProvider provider) : DatabaseTests(provider), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-progress-").FullName;
    private static readonly string Examples = Path.Combine(FindRoot(), "examples", "import");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private string Csv(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private void ImportMasters(params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var report = Importer.Run(Database, kind, Path.Combine(Examples, kind + ".csv"));
            Assert.True(report.Succeeded, kind + ": " + string.Join("\n", report.Errors));
        }
    }

    /// <summary>Collects every report synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public List<ImportProgress> Reports { get; } = [];
        public void Report(ImportProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Run_FiveThousandCustomers_WritePhaseCountsRowsWrittenUpToAll()
    {
        ImportMasters("units", "staff");
        var csv = "客户编号,客户名称,客户类别,客户经理工号,开发日期\n"
                  + string.Concat(Enumerable.Range(1, 5_000).Select(i => $"K{i:D6},客户{i},A,E0002,2025-03-02\n"));
        var recorder = new Recorder();

        var report = Importer.Run(Database, "customers", Csv("many.csv", csv), recorder);

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        var writes = recorder.Reports.Where(p => p.Phase == "写入").ToList();
        Assert.All(writes, p => Assert.Equal(5_000, p.ToWrite));
        Assert.Equal([0, 2_000, 4_000, 5_000], writes.Select(p => p.Rows));
        Assert.Equal(["读取", "校验", "写入", "完成"], recorder.Reports.Select(p => p.Phase).Distinct());
        Assert.Equal("完成", recorder.Reports[^1].Phase);
    }

    [Fact]
    public void Run_RecordsMergedInOneStatement_WritePhaseIsReportedWithoutATotal()
    {
        ImportMasters("units", "staff", "customers");
        var recorder = new Recorder();

        var report = Importer.Run(Database, "visits", Path.Combine(Examples, "visits.csv"), recorder);

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        var write = Assert.Single(recorder.Reports, p => p.Phase == "写入");
        Assert.Equal((report.Rows, 0), (write.Rows, write.ToWrite));
    }

    [Fact]
    public void Run_RecordOfAClosedMonth_ErrorNamesTheMonthAndOnlyTheCommandLineTextNamesTheCommand()
    {
        ImportMasters("units", "staff", "customers");
        using (var db = Db()) new MetricStore(db).Close(Period.Parse("2026-10"), "t", DateTime.UtcNow);

        var report = Importer.Run(Database, "sales", Csv("s.csv", "订单编号,客户编号,工号,日期,金额\nXS0900,C0001,E0002,2026-10-09,10\n"));

        var error = Assert.Single(report.Errors);
        Assert.Equal("2026-10", error.ClosedPeriod);
        Assert.Equal("属于已结账期间 2026-10，指标已冻结，不能导入或修改", error.Reason);
        Assert.EndsWith("（如需更正请先 kaohe period reopen 2026-10）", error.ToString());
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}

public sealed class SqliteImportProgressTests() : ImportProgressTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportProgressTests() : ImportProgressTests(DatabaseProvider.PostgreSql);
