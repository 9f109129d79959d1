using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Tests.Offline;

namespace Kaohe.Web.Tests;

/// <summary>
/// Offline rating through the API (issue 13 item 3): TPL-07 for E11 (主管评 by rater1, 自评 by emp1) and E12; the
/// workbook downloaded, filled as Excel stores cells and uploaded; what each role gets and may upload.
/// </summary>
public abstract class OfflineApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private async Task<int> Open()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var response = await hr.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-07", period = "2026-10", subjects = new[] { "E11", "E12" }, defaultPayoutBase = 3000 });
        return (await Json.Read(response, HttpStatusCode.Created)).GetProperty("cycle").Int("id");
    }

    private static async Task<byte[]> Download(HttpClient client, int cycle)
    {
        var response = await client.GetAsync($"/api/cycles/{cycle}/offline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Grid(byte[] book) => Assert.Single(WorkbookEdit.SheetNames(book), n => n != "说明");

    private static Task<HttpResponseMessage> Upload(HttpClient client, int cycle, byte[] book) =>
        client.PostAsync($"/api/cycles/{cycle}/offline", Files.Upload("离线评分表.xlsx", book));

    [Fact]
    public async Task A_rater_downloads_fills_and_uploads_and_the_form_is_a_draft_with_the_value()
    {
        var cycle = await Open();
        using var rater1 = await Host.As("rater1");
        var book = await Download(rater1, cycle);
        var filled = WorkbookEdit.Set(book, Grid(book), new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 9, ["E5"] = "８" });

        var saved = await Json.Read(await Upload(rater1, cycle, filled), HttpStatusCode.OK);
        var again = await Json.Read(await Upload(rater1, cycle, filled), HttpStatusCode.OK);

        Assert.Equal((1, 0), (saved.Int("saved"), saved.Int("unchanged")));
        Assert.Equal((0, 1), (again.Int("saved"), again.Int("unchanged")));
        var task = (await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK)).EnumerateArray().Single();
        var form = await Json.Read(await rater1.GetAsync($"/api/forms/{task.Int("id")}"), HttpStatusCode.OK);
        Assert.Equal("草稿", form.Str("statusName"));
        var values = form.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("value").ValueKind != JsonValueKind.Null)
            .Select(i => i.GetProperty("value").ToString()).ToList();
        Assert.Equal(["9", "8"], values);
    }

    [Fact]
    public async Task A_bad_cell_is_answered_with_its_sheet_row_and_column_and_nothing_is_saved()
    {
        var cycle = await Open();
        using var rater1 = await Host.As("rater1");
        var book = await Download(rater1, cycle);
        var sheet = Grid(book);

        var response = await Upload(rater1, cycle, WorkbookEdit.Set(book, sheet, new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 9, ["F5"] = "很多" }));

        var problem = await Json.Read(response, HttpStatusCode.BadRequest);
        Assert.Contains("未保存任何内容", problem.Str("title"));
        var cell = Assert.Single(problem.GetProperty("cells").EnumerateArray());
        Assert.Equal((sheet, 5, "F", "很多"), (cell.Str("sheet"), cell.Int("row"), cell.Str("column"), cell.Str("value")));
        var task = (await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, task.GetProperty("savedAt").ValueKind);
    }

    [Fact]
    public async Task Hr_gets_every_open_form_and_an_appraisee_may_not_upload_a_raters_workbook()
    {
        var cycle = await Open();
        using var hr = await Host.As("hr");
        using var rater1 = await Host.As("rater1");
        using var emp1 = await Host.As("emp1");

        Assert.Equal(5, WorkbookEdit.SheetNames(await Download(hr, cycle)).Length);
        var book = await Download(rater1, cycle);
        var refused = await Json.Read(await Upload(emp1, cycle, WorkbookEdit.Set(book, Grid(book), new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 9 })),
            HttpStatusCode.BadRequest);
        Assert.Contains("你无权填写", refused.GetProperty("cells")[0].Str("reason"));
        // An appraisee's workbook holds their own 自评 and nobody else's form.
        var own = await Download(emp1, cycle);
        using (var read = new MemoryStream(own))
        {
            var grid = Assert.Single(Kaohe.IO.Offline.XlsxSheetsReader.Read(read, "own.xlsx").Sheets, s => s.Name != "说明");
            Assert.Equal(["E11"], grid.Cells.Where(c => c.Key.Row >= Kaohe.IO.Offline.OfflineLayout.FirstDataRow && c.Key.Column == 2).Select(c => c.Value.Text));
            Assert.Contains("自评", grid.Name);
        }
        using var viewer = await Host.As("viewer");
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/cycles/{cycle}/offline")).StatusCode);
    }
}

public sealed class SqliteOfflineApiTests() : OfflineApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresOfflineApiTests() : OfflineApiTests(DatabaseProvider.PostgreSql);
