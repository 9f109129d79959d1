using Kaohe.Data;
using Kaohe.Data.Tests.Documents;

namespace Kaohe.Cli.Tests;

/// <summary><c>kaohe cycle export</c>: a released cycle's results as the paper-form workbook and as one PDF, one appraisee a page.</summary>
public abstract class CycleCommandTests(DatabaseProvider provider) : IDisposable
{
    private readonly PaperCompany _paper = new(provider);
    private readonly CliFixture _files = new();

    public void Dispose()
    {
        _paper.Dispose();
        GC.SuppressFinalize(this);
    }

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", _paper.ConnectionString]);

    private string Cycle => _paper.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Export_xlsx_has_the_summary_and_a_paper_form_per_appraisee_with_no_formula()
    {
        var path = _files.PathOf("结果.xlsx");
        var run = Kaohe("cycle", "export", "--cycle", Cycle, "--out", path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("3 个结果", run.Out);
        var book = new WorkbookReader(File.ReadAllBytes(path));
        Assert.Equal(["汇总", "E11 张一", "E12 =李二", "E21 王三"], book.Sheets.Select(s => s.Name));
        Assert.Equal(0, book.Sheets.Sum(s => s.Formulas));
        Assert.Contains("=李二（E12）", book["E12 =李二"].Cells.Values);
        Assert.DoesNotContain(_files.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_pdf_prints_one_page_per_appraisee()
    {
        var path = _files.PathOf("结果.pdf");
        var run = Kaohe("cycle", "export", "--cycle", Cycle, "--format", "pdf", "--out", path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(3, PdfPages.Count(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Export_of_an_unknown_cycle_is_refused_in_Chinese_and_writes_nothing()
    {
        var path = _files.PathOf("无.xlsx");
        var run = Kaohe("cycle", "export", "--cycle", "999", "--out", path);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("考核不存在", run.Err);
        Assert.False(File.Exists(path));
    }
}

public sealed class SqliteCycleCommandTests() : CycleCommandTests(DatabaseProvider.Sqlite);

public sealed class PostgresCycleCommandTests() : CycleCommandTests(DatabaseProvider.PostgreSql);
