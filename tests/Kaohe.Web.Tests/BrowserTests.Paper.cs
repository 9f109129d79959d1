using Kaohe.Data;
using Kaohe.Data.Tests.Documents;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 13 in the browser: HR opens a released month, downloads all results as the paper-form workbook (checked cell
/// by cell and merge by merge) and prints the stack of signed forms as one PDF in the background (one appraisee a
/// page); an appraisee prints their own result from the result page.
/// </summary>
public abstract class PaperBrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    private int _cycle;

    protected override void Seed(KaoheDatabase database)
    {
        TinyCompany.Create(database);
        _cycle = PaperCycle.Release(database, _host.Clock);
    }

    private static async Task<byte[]> Save(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), "kaohe-paper-test-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task HR_downloads_the_results_workbook_and_prints_the_signed_form_stack()
    {
        var hr = await SignIn("hr");
        await Go(hr, $"/cycles/{_cycle}");
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("确认中");

        var xlsx = await hr.RunAndWaitForDownloadAsync(() => hr.ClickAsync("[data-testid=export-xlsx]"));
        Assert.Equal("考核结果-客服经理月度绩效考核表 2026-10.xlsx", xlsx.SuggestedFilename);
        var book = new WorkbookReader(await Save(xlsx));
        Assert.Equal(["汇总", "E11 员工甲", "E12 员工乙"], book.Sheets.Select(s => s.Name));
        var summary = book["汇总"];
        var e12 = WorkbookReader.RowOf(WorkbookReader.Find(summary, "员工乙"));
        Assert.Equal(("E12", "二组", "100"), (summary.Cells[$"B{e12}"], summary.Cells[$"D{e12}"], summary.Cells[$"F{e12}"]));
        var sheet = book["E12 员工乙"];
        Assert.Equal("员工乙（E12）", sheet.Cells["C3"]);
        var heading = WorkbookReader.RowOf(WorkbookReader.Find(sheet, "评分标准"));
        // 主管考核 has seven items and its subtotal: one merged 考核项目 cell over eight rows.
        Assert.Equal("主管考核", sheet.Cells[$"B{heading + 1}"]);
        Assert.Contains($"B{heading + 1}:B{heading + 8}", sheet.Merges);
        Assert.Equal(("小计", "60"), (sheet.Cells[$"C{heading + 8}"], sheet.Cells[$"F{heading + 8}"]));
        Assert.Equal("100", sheet.Cells[$"F{WorkbookReader.RowOf(WorkbookReader.Find(sheet, "总分"))}"]);
        Assert.Contains("被考核人签字：", sheet.Cells.Values);

        await hr.ClickAsync("[data-testid=export-pdf]");
        await Assertions.Expect(hr.Locator("[data-testid=pdf-ready]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Shot(hr, "cycle-exports");
        var pdf = await hr.RunAndWaitForDownloadAsync(() => hr.ClickAsync("[data-testid=pdf-download]"));
        Assert.Equal("考核结果-客服经理月度绩效考核表 2026-10.pdf", pdf.SuggestedFilename);
        Assert.Equal(2, PdfPages.Count(await Save(pdf)));

        // The appraisee prints their own result from the result page.
        var emp = await SignIn("emp1");
        await Go(emp, "/results");
        await emp.Locator("[data-testid=my-results] a", new() { HasText = "查看" }).First.ClickAsync();
        await Assertions.Expect(emp.Locator("[data-testid=paper-links]")).ToBeVisibleAsync();
        var own = await emp.RunAndWaitForDownloadAsync(() => emp.ClickAsync("[data-testid=paper-pdf]"));
        Assert.Equal(1, PdfPages.Count(await Save(own)));
    }
}

public sealed class SqlitePaperBrowserTests() : PaperBrowserTests(DatabaseProvider.Sqlite);
