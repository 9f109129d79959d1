using System.Net;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Tests.Documents;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests;

/// <summary>A released TPL-07 month of <see cref="TinyCompany"/> (E11 员工甲 rated by rater1, E12 员工乙 by rater2, each with 自评).</summary>
public static class PaperCycle
{
    /// <summary>Opens the month, fills every form with each item's full points and releases it; returns the cycle's id.</summary>
    public static int Release(KaoheDatabase database, TimeProvider clock)
    {
        using var db = database.CreateContext();
        Actor As(string user) => Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == user));
        var cycles = new CycleService(db, clock);
        var id = cycles.Open(As("hr"), new OpenCycleRequest("TPL-07", "2026-10", Subjects: ["E11", "E12"], DefaultPayoutBase: 3000));
        foreach (var subject in cycles.Detail(As("hr"), id).Subjects)
            foreach (var f in subject.Forms)
            {
                var rater = As(f.Rater);
                var view = cycles.Form(rater, f.Id);
                var inputs = view.Indicators.Where(i => i.Data is null).ToDictionary(i => i.Name, i => i.Points ?? 0);
                cycles.Submit(rater, f.Id, new FormSave(JsonSerializer.SerializeToElement(inputs), $"{f.Role}：表现良好", view.Version));
            }
        cycles.Release(As("hr"), id, new ReleaseRequest(cycles.Detail(As("hr"), id).Cycle.Version));
        return id;
    }

    public static int Subject(KaoheDatabase database, int cycle, string code)
    {
        using var db = database.CreateContext();
        return db.CycleSubjects.AsNoTracking().Single(s => s.CycleId == cycle && s.Code == code).Id;
    }

    public static int Form(KaoheDatabase database, int cycle, string code, string role)
    {
        var subject = Subject(database, cycle, code);
        using var db = database.CreateContext();
        return db.RatingForms.AsNoTracking().Single(f => f.CycleSubjectId == subject && f.Role == role).Id;
    }
}

/// <summary>
/// Issue 13 through the API: the paper documents of a form, a result and a cycle as XLSX and PDF, the file names, the
/// background PDF job, and that every role gets exactly what its pages show.
/// </summary>
public abstract class DocumentsApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    private int Start()
    {
        CreateCompany();
        return PaperCycle.Release(Host.Db.Database, Host.Clock);
    }

    private static async Task<byte[]> Download(HttpClient client, string path, string type)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.DoesNotContain('/', disposition.FileNameStar!);
        Assert.True(disposition.FileName!.All(char.IsAscii), disposition.FileName);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task Cycle_downloads_are_the_paper_workbook_and_a_pdf_of_one_page_per_appraisee()
    {
        var cycle = Start();
        using var hr = await Host.As("hr");
        var response = await hr.GetAsync($"/api/cycles/{cycle}/paper.xlsx");
        Assert.Equal("考核结果-客服经理月度绩效考核表 2026-10.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await Download(hr, $"/api/cycles/{cycle}/paper.xlsx", Xlsx);
        Samples.Save("paper-cycle-web.xlsx", bytes);
        var book = new WorkbookReader(bytes);
        Assert.Equal(["汇总", "E11 员工甲", "E12 员工乙"], book.Sheets.Select(s => s.Name));
        var sheet = book["E11 员工甲"];
        Assert.Equal("客服经理月度绩效考核表", sheet.Cells["A1"]);
        var heading = WorkbookReader.RowOf(WorkbookReader.Find(sheet, "评分标准"));
        Assert.Equal("主管考核", sheet.Cells[$"B{heading + 1}"]);
        Assert.Contains(sheet.Merges, m => m.StartsWith($"B{heading + 1}:B", StringComparison.Ordinal));
        Assert.Equal(0, book.Sheets.Sum(s => s.Formulas));

        var pdf = await Download(hr, $"/api/cycles/{cycle}/paper.pdf", "application/pdf");
        Samples.Save("paper-cycle-web.pdf", pdf);
        Assert.Equal(2, PdfPages.Count(pdf));
        Assert.Equal(1, PdfPages.Count(await Download(hr, $"/api/results/{PaperCycle.Subject(Host.Db.Database, cycle, "E12")}/paper.pdf", "application/pdf")));
    }

    [Fact]
    public async Task Each_role_downloads_exactly_what_its_pages_show()
    {
        var cycle = Start();
        var db = Host.Db.Database;
        var (s1, s2) = (PaperCycle.Subject(db, cycle, "E11"), PaperCycle.Subject(db, cycle, "E12"));
        var (f1, f2) = (PaperCycle.Form(db, cycle, "E11", "主管评"), PaperCycle.Form(db, cycle, "E12", "主管评"));

        using var emp1 = await Host.As("emp1");
        var result = await Download(emp1, $"/api/results/{s1}/paper.xlsx", Xlsx);
        Samples.Save("paper-result.xlsx", result);
        var own = new WorkbookReader(result);
        Assert.Contains("员工甲（E11）", own.Sheets.Single().Cells.Values);
        foreach (var path in new[] { $"/api/results/{s2}/paper.xlsx", $"/api/forms/{f1}/paper.xlsx", $"/api/cycles/{cycle}/paper.xlsx", $"/api/results/{s2}/paper.pdf" })
            Assert.Equal(HttpStatusCode.NotFound, (await emp1.GetAsync(path)).StatusCode);

        using var rater1 = await Host.As("rater1");
        var blank = await Download(rater1, $"/api/forms/{f1}/paper.xlsx?blank=true", Xlsx);
        Samples.Save("paper-form-blank.xlsx", blank);
        Samples.Save("paper-form.xlsx", await Download(rater1, $"/api/forms/{f1}/paper.xlsx", Xlsx));
        var form = new WorkbookReader(blank).Sheets.Single();
        Assert.Contains("空白表", form.Cells.Values);
        Assert.Equal(HttpStatusCode.NotFound, (await rater1.GetAsync($"/api/forms/{f2}/paper.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rater1.GetAsync($"/api/results/{s1}/paper.xlsx")).StatusCode);

        using var hr1 = await Host.As("hr1");
        Assert.Equal(["汇总", "E11 员工甲"], new WorkbookReader(await Download(hr1, $"/api/cycles/{cycle}/paper.xlsx", Xlsx)).Sheets.Select(s => s.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await hr1.GetAsync($"/api/results/{s2}/paper.xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_background_job_prints_the_cycle_with_progress_for_its_owner_only()
    {
        var cycle = Start();
        using var hr = await Host.As("hr");
        var started = await Json.Read(await hr.PostAsync($"/api/cycles/{cycle}/paper-jobs", null), HttpStatusCode.Accepted);
        var job = started.Str("id");
        Assert.Equal(2, started.Int("total"));
        using var hr1 = await Host.As("hr1");
        Assert.Equal(HttpStatusCode.NotFound, (await hr1.GetAsync($"/api/paper-jobs/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr1.GetAsync($"/api/paper-jobs/{job}/file")).StatusCode);
        using var emp1 = await Host.As("emp1");
        Assert.Equal(HttpStatusCode.NotFound, (await emp1.PostAsync($"/api/cycles/{cycle}/paper-jobs", null)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement status;
        do
        {
            await Task.Delay(300);
            status = await Json.Read(await hr.GetAsync($"/api/paper-jobs/{job}"), HttpStatusCode.OK);
        }
        while (status.Str("state") is "writing" or "printing" && DateTime.UtcNow < deadline);
        Assert.True(status.Str("state") == "done", status.GetRawText());
        Assert.Equal(2, status.Int("done"));
        Assert.Equal(2, PdfPages.Count(await Download(hr, $"/api/paper-jobs/{job}/file", "application/pdf")));
    }
}

public sealed class SqliteDocumentsApiTests() : DocumentsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresDocumentsApiTests() : DocumentsApiTests(DatabaseProvider.PostgreSql);
