using System.Text.RegularExpressions;
using Kaohe.IO.Offline;
using Kaohe.Tests.Offline;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 13, item 3 in the browser: a rater downloads the offline workbook from the to-do page, fills it (cells written
    /// as Excel stores them), uploads it and finds the form filled as a draft; an upload with a bad cell lists that cell
    /// and saves nothing.
    /// </summary>
    [Fact]
    public async Task A_rater_fills_the_offline_workbook_and_the_upload_lands_as_a_draft_and_a_bad_cell_is_shown()
    {
        var hr = await SignIn("hr");
        await OpenTpl07(hr, "2026-10", "E11 E12");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        await Assertions.Expect(hr.Locator("[data-testid=offline-download]")).ToBeVisibleAsync();

        var rater = await SignIn("rater1");
        await Go(rater, "/forms");
        var download = await rater.RunAndWaitForDownloadAsync(() => rater.ClickAsync("[data-testid=offline-download]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var book = await File.ReadAllBytesAsync(await download.PathAsync());

        // The first item that takes a number in a range: its column, its largest value, and the appraisee of row 5.
        using var read = new MemoryStream(book);
        var (sheets, refusal) = XlsxSheetsReader.Read(read, "下载.xlsx");
        Assert.Null(refusal);
        var grid = sheets.First(s => s.Cells.TryGetValue((OfflineLayout.KeyRow, 1), out var mark) && mark.Text.StartsWith(OfflineLayout.Mark, StringComparison.Ordinal));
        var (column, max) = grid.Cells.Where(c => c.Key.Row == OfflineLayout.HintRow && Regex.IsMatch(c.Value.Text, "^\\d+(\\.\\d+)?～\\d+(\\.\\d+)? 分"))
            .Select(c => (c.Key.Column, decimal.Parse(Regex.Match(c.Value.Text, "～(\\d+(\\.\\d+)?)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(c => c.Column).First();
        var letter = OfflineWorkbookWriter.Letter(column - 1);
        var item = grid.Cells[(OfflineLayout.KeyRow, column)].Text;
        var subject = grid.Cells[(OfflineLayout.FirstDataRow, 3)].Text;

        var filled = WorkbookEdit.Set(book, grid.Name, new Dictionary<string, WorkbookEdit.Value> { [$"{letter}{OfflineLayout.FirstDataRow}"] = max });
        await UploadOffline(rater, filled);
        await Assertions.Expect(rater.Locator("[data-testid=offline-saved]")).ToContainTextAsync("已保存 1 张评分表为草稿");
        await Shot(rater, "offline-saved");

        var row = rater.Locator("[data-testid=tasks] tr", new() { HasText = subject });
        await Assertions.Expect(row).ToContainTextAsync("草稿");
        await row.GetByRole(AriaRole.Link, new() { Name = "填写" }).ClickAsync();
        await Live(rater);
        await Assertions.Expect(rater.Locator($"input[data-indicator='{item}']")).ToHaveValueAsync(new Regex("^" + Regex.Escape(max.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "$"));
        await Assertions.Expect(rater.Locator("[data-testid=form-status]")).ToHaveTextAsync("草稿");

        // Too many points in the same cell, in a fresh download: the cell is named and nothing is saved.
        await Go(rater, "/forms");
        var again = await rater.RunAndWaitForDownloadAsync(() => rater.ClickAsync("[data-testid=offline-download]"));
        var bad = WorkbookEdit.Set(await File.ReadAllBytesAsync(await again.PathAsync()), grid.Name,
            new Dictionary<string, WorkbookEdit.Value> { [$"{letter}{OfflineLayout.FirstDataRow}"] = max + 1000 });
        await UploadOffline(rater, bad);
        var problems = rater.Locator("[data-testid=offline-problems]");
        await Assertions.Expect(rater.Locator("[data-testid=offline-problems-title]")).ToContainTextAsync("未保存任何内容");
        await Assertions.Expect(problems).ToContainTextAsync(grid.Name);
        await Assertions.Expect(problems.Locator("tbody tr").First).ToContainTextAsync(letter);
        await Assertions.Expect(problems).ToContainTextAsync(item);
        await Shot(rater, "offline-problems");
    }

    private static Task UploadOffline(IPage page, byte[] workbook) =>
        page.Locator("[data-testid^='offline-'] input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "离线评分表.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook,
        });
}
