using Kaohe.Data.Tests.Documents;
using Kaohe.IO.Documents;

namespace Kaohe.Cli.Tests;

/// <summary>Issue 13's safety at the edges: download names, sheet names, print titles and a browser that is missing, fails or hangs.</summary>
public sealed class PaperFilesTests
{
    [Theory]
    [InlineData("../考核:结果?\n*x", "_考核_结果___x.xlsx")]
    [InlineData("C:\\Windows\\system32", "C__Windows_system32.xlsx")]
    [InlineData("  ..  ", "kaohe.xlsx")]
    [InlineData("考核结果-2026年10月 客服\"A\"<B>|", "考核结果-2026年10月 客服_A__B__.xlsx")]
    public void DownloadName_Of_ReplacesPathAndControlCharacters(string stem, string expected) =>
        Assert.Equal(expected, DownloadName.Of(stem, "xlsx"));

    [Fact]
    public void DownloadName_Of_CutsALongNameBetweenCharactersNeverInsideOne()
    {
        var name = DownloadName.Of(new string('甲', 119) + "𠀀𠀀", "pdf");
        Assert.Equal(new string('甲', 119) + ".pdf", name);
        Assert.Equal("kaohe-cycle-12.pdf", DownloadName.Ascii("kaohe-cycle", 12, "pdf"));
    }

    [Fact]
    public async Task Workbook_SheetNamesAreMadeValidAndUniqueAndPrintTitlesQuoteThem()
    {
        PaperForm Form(string name) => new("表", "考核结果", name, [new("考核对象", name)], "得分",
            [new PaperSection("项目", [new PaperItem(1, "=SUM(A1:A9)", "10", "+1", PaperFigure.Of("@x"), "-2")])], [], [], ["考核人签字"]);
        using var output = new MemoryStream();
        await PaperWorkbook.WriteAsync(output, null, [Form("O'Brien [组]/一"), Form("O'Brien [组]/一"), Form(new string('长', 40))]);
        var book = new WorkbookReader(output.ToArray());
        Assert.Equal(["O'Brien _组__一", "O'Brien _组__一(2)", new string('长', 31)], book.Sheets.Select(s => s.Name));
        Assert.Equal("'O''Brien _组__一'!$4:$4", book.PrintTitles[0]);
        // Texts that a spreadsheet would take for formulas are strings.
        var sheet = book.Sheets[0];
        Assert.Equal(0, sheet.Formulas);
        foreach (var text in new[] { "=SUM(A1:A9)", "+1", "@x", "-2" }) Assert.Contains(WorkbookReader.Find(sheet, text), sheet.StringCells);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // shell scripts stand in for the browser
    public async Task ChromiumPdf_SaysInChineseWhenTheBrowserIsMissingFailsOrHangs()
    {
        var dir = Directory.CreateTempSubdirectory("kaohe-pdf-test-");
        try
        {
            var html = Path.Combine(dir.FullName, "a.html");
            await File.WriteAllTextAsync(html, "<p>测试</p>");
            var pdf = Path.Combine(dir.FullName, "a.pdf");
            var missing = await Assert.ThrowsAsync<PrintException>(() =>
                ChromiumPdf.PrintAsync(Path.Combine(dir.FullName, "no-chromium"), html, pdf, TimeSpan.FromSeconds(5), default));
            Assert.StartsWith("未找到 Chromium 浏览器", missing.Message);

            var failing = Path.Combine(dir.FullName, "failing.sh");
            await File.WriteAllTextAsync(failing, "#!/bin/sh\necho 'cannot print' >&2\nexit 3\n");
            File.SetUnixFileMode(failing, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var failed = await Assert.ThrowsAsync<PrintException>(() => ChromiumPdf.PrintAsync(failing, html, pdf, TimeSpan.FromSeconds(10), default));
            Assert.Equal(("浏览器未能生成 PDF（退出码 3）：请管理员检查服务器上的 Chromium 浏览器和中文字体", "cannot print"), (failed.Message, failed.Detail));

            var hanging = Path.Combine(dir.FullName, "hanging.sh");
            await File.WriteAllTextAsync(hanging, "#!/bin/sh\nsleep 60\n");
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var started = DateTime.UtcNow;
            var slow = await Assert.ThrowsAsync<PrintException>(() => ChromiumPdf.PrintAsync(hanging, html, pdf, TimeSpan.FromSeconds(1), default));
            Assert.StartsWith("生成 PDF 超过 1 秒，已停止", slow.Message);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
