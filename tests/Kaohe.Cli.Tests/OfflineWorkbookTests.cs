using Kaohe.IO.Offline;
using Kaohe.Tests.Offline;

namespace Kaohe.Cli.Tests;

/// <summary>
/// The offline workbook without a database (issue 13 item 3): what <see cref="OfflineWorkbookWriter"/> writes is read
/// back by <see cref="XlsxSheetsReader"/> and <see cref="OfflineWorkbookReader"/> by its hidden keys and ids; what a
/// rater may do to it in Excel (type full-width digits, copy a row, add a row, insert a column) is read or refused at
/// the cell.
/// </summary>
public sealed class OfflineWorkbookTests
{
    private const string Sheet = "组长甲-主管评";

    private static byte[] Book()
    {
        GridColumn[] columns =
        [
            new("工作质量", "工作质量（60分）", "0～60 分", "0–60 分，按完成质量", [], 0, 60),
            new("工作态度", "工作态度（40分）", "优秀/良好/一般", "优秀 40，良好 30，一般 20", ["优秀", "良好", "一般"]),
            new(OfflineLayout.CommentKey, "评语", "可不填", null, [], Wide: true),
        ];
        GridRow[] rows =
        [
            new("11:1", "E11", "张一", [52.5m, "良好", "=SUM(1)是评语"]),
            new("12:3", "E12", "=李二", [null, null, null]),
        ];
        using var output = new MemoryStream();
        OfflineWorkbookWriter.WriteAsync(output, ["离线评分表"], [new GridSheet(Sheet, "测试 · 主管评", "7|3|主管评", columns, rows)]).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static (IReadOnlyList<UploadGrid> Grids, List<CellProblem> Problems) Read(byte[] book)
    {
        var (sheets, refusal) = XlsxSheetsReader.Read(new MemoryStream(book), "离线评分表.xlsx");
        Assert.Null(refusal);
        var problems = new List<CellProblem>();
        return (OfflineWorkbookReader.Read(sheets, problems), problems);
    }

    [Fact]
    public void Write_GivesEverySheetPrintSettings_A4FitToWidthWithTheHeadersOnEveryPage()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Book()));
        string Text(string entry)
        {
            using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
            return reader.ReadToEnd();
        }
        var workbook = Text("xl/workbook.xml");
        Assert.Contains($"'{Sheet}'!${OfflineLayout.HeaderRow}:${OfflineLayout.HeaderRow}", workbook);
        Assert.Contains("_xlnm.Print_Titles", workbook);
        foreach (var sheet in new[] { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" })
        {
            var xml = Text(sheet);
            Assert.Contains("paperSize=\"9\"", xml);
            Assert.Contains("fitToWidth=\"1\"", xml);
        }
    }

    [Fact]
    public void Read_OfAnUntouchedDownload_GivesBackEveryValueAsWritten()
    {
        var (grids, problems) = Read(Book());

        Assert.Empty(problems);
        var grid = Assert.Single(grids);
        Assert.Equal((Sheet, "7|3|主管评"), (grid.Sheet, grid.Tag));
        Assert.Equal(["11:1", "12:3"], grid.Rows.Select(r => r.Id));
        var first = grid.Rows[0].Values;
        Assert.Equal(new UploadCell("D", "52.5", true), first["工作质量"]);
        Assert.Equal(new UploadCell("E", "良好", false), first["工作态度"]);
        Assert.Equal("=SUM(1)是评语", first[OfflineLayout.CommentKey].Text);
        Assert.Empty(grid.Rows[1].Values);
        Assert.Equal(["说明", Sheet], XlsxSheetsReader.Read(new MemoryStream(Book()), "x.xlsx").Sheets.Select(s => s.Name));
    }

    [Fact]
    public void Read_WithACopiedRowAndARowWithoutId_RefusesBothAtColumnA()
    {
        var book = WorkbookEdit.Set(Book(), Sheet, new Dictionary<string, WorkbookEdit.Value>
        {
            ["A7"] = "11:1", ["D7"] = 30,
            ["C8"] = "王三", ["D8"] = 40,
        });

        var (_, problems) = Read(book);

        Assert.Equal([(7, "A"), (8, "A")], problems.Select(p => (p.Row, p.Column)).Order());
        Assert.Contains("第 5 行是同一张评分表", problems.Single(p => p.Row == 7).Reason);
        Assert.Contains("没有识别码", problems.Single(p => p.Row == 8).Reason);
    }

    [Fact]
    public void Read_WithAColumnInsertedBeforeTheItems_FollowsTheKeysThatMovedWithIt()
    {
        // Excel moves the hidden key row's cells with the inserted column: the keys now stand in E and F.
        var book = WorkbookEdit.Set(Book(), Sheet, new Dictionary<string, WorkbookEdit.Value>
        {
            ["D1"] = "", ["E1"] = "工作质量", ["F1"] = "工作态度", ["G1"] = OfflineLayout.CommentKey,
            ["D5"] = "", ["E5"] = "５８", ["F5"] = "优秀", ["G5"] = "",
        });

        var (grids, problems) = Read(book);

        Assert.Empty(problems);
        var values = grids.Single().Rows[0].Values;
        Assert.Equal(new UploadCell("E", "５８", false), values["工作质量"]);
        Assert.Equal("优秀", values["工作态度"].Text);
        Assert.False(values.ContainsKey(OfflineLayout.CommentKey));
    }

    [Fact]
    public async Task Read_OfAWorkbookWithoutGrids_SaysItIsNotAnOfflineWorkbook()
    {
        using var output = new MemoryStream();
        await OfflineWorkbookWriter.WriteAsync(output, ["别的表"], []);

        var (grids, problems) = Read(output.ToArray());

        Assert.Empty(grids);
        Assert.Contains("不是从考核系统下载的离线评分表", Assert.Single(problems).Reason);
    }
}
