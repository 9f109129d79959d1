using System.Text;
using Kaohe.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Import;

/// <summary>
/// An import costs a bounded amount whatever the file: errors are capped with a count of the rest, hostile workbooks
/// and foreign encodings are refused in Chinese, messages name the file as the user named it, master files are
/// limited in rows, and a cancelled import stops in any phase and writes nothing.
/// </summary>
public abstract class ImportBoundsTests(DatabaseProvider provider) : DatabaseTests(provider), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-bounds-").FullName;
    private static readonly string Examples = Path.Combine(FindRoot(), "examples", "import");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private string FileOf(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Csv(string name, string content) => FileOf(name, new UTF8Encoding(false).GetBytes(content));

    private void ImportMasters()
    {
        foreach (var kind in new[] { "units", "staff", "customers" })
        {
            var report = Importer.Run(Database, kind, Path.Combine(Examples, kind + ".csv"));
            Assert.True(report.Succeeded, kind + ": " + string.Join("\n", report.Errors));
        }
    }

    private static string Visits(int from, int count, Func<int, string>? code = null, string customer = "C0001") =>
        "记录编号,客户编号,工号,类型,计划日期,完成日期,是否成功\n"
        + string.Concat(Enumerable.Range(from, count).Select(i => $"{code?.Invoke(i) ?? $"BX{i:D7}"},{customer},E0002,回访,2026-11-02,,\n"));

    private (int Visits, int Runs) Counts()
    {
        using var db = Db();
        return (db.Visits.Count(), db.ImportRuns.Count());
    }

    [Fact]
    public void Run_ThousandsOfDuplicates_ListsAThousandAndCountsTheRest()
    {
        ImportMasters();
        var before = Counts();

        var report = Importer.Run(Database, "visits", Csv("dup.csv", Visits(1, 3_000, _ => "BX0000001")));

        Assert.False(report.Succeeded);
        Assert.Equal(2_999, report.Found);
        Assert.Equal(1_001, report.Errors.Count);
        Assert.All(report.Errors.Take(1_000), e => Assert.Equal("与第 2 行重复（同一条记录出现两次）", e.Reason));
        var last = report.Errors[^1];
        Assert.Equal((1_003, "从这一行起还有 1,999 个问题未列出（只列出了前 1,000 个）"), (last.Row, last.Reason));
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void Run_ThousandsOfDuplicateMasters_ListsAThousandAndCountsTheRest()
    {
        ImportMasters();
        var csv = "单位编码,单位名称,类型,上级编码\n" + string.Concat(Enumerable.Repeat("X1,某处,办事处,HQ\n", 2_500));

        var report = Importer.Run(Database, "units", Csv("units.csv", csv));

        Assert.Equal(2_499, report.Found);
        Assert.Equal(1_001, report.Errors.Count);
        Assert.StartsWith("从这一行起还有 1,499 个问题未列出", report.Errors[^1].Reason);
    }

    [Fact]
    public void Run_ThousandsOfUnknownReferences_StopsCheckingAfterAThousand()
    {
        ImportMasters();

        var report = Importer.Run(Database, "visits", Csv("refs.csv", Visits(1, 5_000, customer: "C9999")));

        Assert.Equal(1_001, report.Errors.Count);
        Assert.All(report.Errors.Take(1_000), e => Assert.StartsWith("未知的客户编号", e.Reason));
        Assert.Equal((1_001, "错误过多，已停止检查：此后的行未检查"), (report.Errors[^1].Row, report.Errors[^1].Reason));
    }

    [Fact]
    public void Run_MasterFileBeyondTheRowLimit_RefusedWithoutReadingOn()
    {
        var csv = new StringBuilder("单位编码,单位名称,类型,上级编码\n");
        for (var i = 0; i <= Importer.MaxMasterRows; i++) csv.Append("U").Append(i).Append(",某处,办事处,\n");

        var report = Importer.Run(Database, "units", Csv("units.csv", csv.ToString()));

        var error = Assert.Single(report.Errors);
        Assert.Equal(Importer.MaxMasterRows + 2, error.Row);
        Assert.StartsWith("组织每个文件最多 200,000 行", error.Reason);
        using var db = Db();
        Assert.Equal(0, db.Units.Count());
    }

    [Theory]
    [InlineData(HostileFiles.Texts.Traditional, "big5", "繁体 Big5")]
    [InlineData(HostileFiles.Texts.Japanese, "shift_jis", "日文 Shift-JIS")]
    [InlineData(HostileFiles.Texts.Western, "windows-1252", "西文 Latin-1")]
    public void Run_CsvInAnotherEncoding_RefusedNamingTheEncodingAndTheFile(string text, string codePage, string likely)
    {
        var path = FileOf("tmp-9f3a.csv", HostileFiles.Encode(text, codePage));

        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", path, displayName: "单位.csv"));

        Assert.Equal($"文件“单位.csv”编码无法识别（看起来像{likely} 编码）：请在 Excel 中另存为“CSV UTF-8”后再导入", e.Message);
        using var db = Db();
        Assert.Equal(0, db.Units.Count());
    }

    [Fact]
    public void Run_GbkCsv_Imported()
    {
        var report = Importer.Run(Database, "units", FileOf("units.csv", HostileFiles.Encode(HostileFiles.Texts.Simplified, "GB18030")));

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        using var db = Db();
        Assert.Equal("杭州办事处", db.Units.Single(u => u.Code == "HZ").Name);
    }

    [Fact]
    public void Run_DisplayName_NamesTheFileInMessagesAndTheRecordNeverThePath()
    {
        var path = FileOf("upload.csv", Encoding.UTF8.GetBytes(HostileFiles.Texts.Simplified));

        var report = Importer.Run(Database, "units", path, displayName: "我的组织.csv");
        var refused = Assert.Throws<ImportFileException>(() =>
            Importer.Run(Database, "units", FileOf("upload2.csv", HostileFiles.Encode(HostileFiles.Texts.Traditional, "big5")), displayName: "旧.csv"));

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        using var db = Db();
        Assert.Equal("我的组织.csv", db.ImportRuns.Single().FileName);
        Assert.Contains("“旧.csv”", refused.Message);
        Assert.DoesNotContain(_dir, refused.Message);
    }

    [Fact]
    public void Run_MissingFile_NamedAsTheUserNamedIt()
    {
        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", Path.Combine(_dir, "gone.csv"), displayName: "组织.csv"));

        Assert.Equal("文件“组织.csv”不存在", e.Message);
    }

    [Theory]
    [InlineData("a.pdf", "不支持的文件类型“.pdf”")]
    [InlineData("upload", "没有扩展名")]
    public void CheckName_UnsupportedName_RefusedInChinese(string name, string reason)
    {
        var e = Assert.Throws<ImportFileException>(() => ImportTable.CheckName(name));

        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Run_XlsxZipBomb_RefusedWithinBoundedMemory()
    {
        var path = FileOf("bomb.xlsx", HostileFiles.SharedStringBomb());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", path, displayName: "组织.xlsx"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith("Excel 文件“组织.xlsx”", e.Message);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Run_XlsxWithColumnXfd_RefusedNamingTheCell()
    {
        var sheet = HostileFiles.Row(1, "单位编码", "单位名称", "类型", "上级编码") + "<row r=\"2\">" + HostileFiles.Cell("A2", "HQ") + HostileFiles.Cell("XFD2", "x") + "</row>";
        var path = FileOf("u.xlsx", HostileFiles.Xlsx(sheet));

        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", path, displayName: "组织.xlsx"));

        Assert.Equal("Excel 文件“组织.xlsx”第一个工作表第 2 行的单元格 XFD2 超出了支持的列数（最多 256 列）", e.Message);
    }

    [Fact]
    public void Run_CsvWithAnUnclosedQuote_RefusedWithoutReadingTheRestAsOneField()
    {
        var csv = "单位编码,单位名称,类型,上级编码\nHQ,\"总公司," + new string('x', 3 * 1024 * 1024) + "\n";

        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", Csv("q.csv", csv)));

        Assert.Contains("一行超过 1 MB", e.Message);
    }

    [Fact]
    public void Run_CsvWiderThanTheColumnLimit_Refused()
    {
        var csv = "单位编码,单位名称,类型,上级编码" + new string(',', 300) + "\nHQ,总公司,公司,\n";

        var e = Assert.Throws<ImportFileException>(() => Importer.Run(Database, "units", Csv("w.csv", csv)));

        Assert.Equal("第 1 行有 304 列，超出了支持的列数（最多 256 列）", e.Message);
    }

    /// <summary>A progress that cancels when a phase starts.</summary>
    private sealed class CancelAt(string phase, CancellationTokenSource cancel) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Phase == phase) cancel.Cancel();
        }
    }

    [Theory]
    [InlineData("读取")]
    [InlineData("校验")]
    [InlineData("写入")]
    public void Run_RecordsCancelledInAPhase_NothingWritten(string phase)
    {
        ImportMasters();
        var before = Counts();
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Importer.Run(Database, "visits", Csv("v.csv", Visits(1, 3_000)), new CancelAt(phase, cancel), cancel.Token));

        Assert.Equal(before, Counts());
    }

    [Theory]
    [InlineData("units", "校验")]
    [InlineData("units", "写入")]
    [InlineData("customers", "写入")]
    public void Run_MastersCancelledInAPhase_NothingWritten(string kind, string phase)
    {
        if (kind == "customers")
        {
            Assert.True(Importer.Run(Database, "units", Path.Combine(Examples, "units.csv")).Succeeded);
            Assert.True(Importer.Run(Database, "staff", Path.Combine(Examples, "staff.csv")).Succeeded);
        }
        string Snapshot()
        {
            using var db = Db();
            return $"{db.Units.Count()}|{db.Customers.Count()}|{db.CustomerEvents.Count()}|{db.ImportRuns.Count()}";
        }
        var before = Snapshot();
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Importer.Run(Database, kind, Path.Combine(Examples, kind + ".csv"), new CancelAt(phase, cancel), cancel.Token));

        Assert.Equal(before, Snapshot());
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}

public sealed class SqliteImportBoundsTests() : ImportBoundsTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportBoundsTests() : ImportBoundsTests(DatabaseProvider.PostgreSql);
