using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Documents;
using Kaohe.IO.Documents;
using Kaohe.Web.Documents;
using Microsoft.Net.Http.Headers;

namespace Kaohe.Web.Api;

/// <summary>
/// The paper documents (issue 13): a rating form (filled or blank), a result and a whole cycle's results as XLSX in
/// the paper-form layout and as PDF, and the background job that prints a large cycle with progress. Who may download
/// what is decided by <see cref="PaperDocuments"/> through the same <see cref="CycleService"/> checks as the pages, before
/// the first byte is written. Downloads are not audited, as the pay sheet's are not. Files are built in temporary files
/// (never in memory) and then sent with an RFC 5987 <c>filename*</c>.
/// </summary>
public static class DocumentsApi
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder api)
    {
        var docs = api.MapGroup("").WithTags("纸质表单");
        docs.MapGet("/forms/{id:int}/paper.xlsx", (int id, bool? blank, HttpContext h, KaoheDb db) =>
        {
            var form = Documents(h, db).Form(CycleApi.ActorOf(h), id, blank ?? false);
            return SendXlsx(h, null, [form], Name(form, blank ?? false), DownloadName.Ascii("kaohe-form", id, "xlsx"));
        }).WithSummary("评分表的 Excel（纸质表格式；blank=true 为空白表）：评分人本人或所管单位的考核管理员");
        docs.MapGet("/forms/{id:int}/paper.pdf", (int id, bool? blank, HttpContext h, KaoheDb db) =>
        {
            var form = Documents(h, db).Form(CycleApi.ActorOf(h), id, blank ?? false);
            return SendPdf(h, form.Title, [form], 1, Name(form, blank ?? false), DownloadName.Ascii("kaohe-form", id, "pdf"));
        }).WithSummary("评分表的 PDF（A4，可打印签字）");
        docs.MapGet("/results/{id:int}/paper.xlsx", (int id, HttpContext h, KaoheDb db) =>
        {
            var result = Documents(h, db).Result(CycleApi.ActorOf(h), id);
            return SendXlsx(h, null, [result], Name(result, false), DownloadName.Ascii("kaohe-result", id, "xlsx"));
        }).WithSummary("考核结果的 Excel（纸质表格式）：被考核人本人（发布后）、所管单位的考核管理员和查看者");
        docs.MapGet("/results/{id:int}/paper.pdf", (int id, HttpContext h, KaoheDb db) =>
        {
            var result = Documents(h, db).Result(CycleApi.ActorOf(h), id);
            return SendPdf(h, result.Title, [result], 1, Name(result, false), DownloadName.Ascii("kaohe-result", id, "pdf"));
        }).WithSummary("考核结果的 PDF（A4，可打印签字）");
        docs.MapGet("/cycles/{id:int}/paper.xlsx", (int id, HttpContext h, KaoheDb db) =>
        {
            var cycle = Documents(h, db).Cycle(CycleApi.ActorOf(h), id);
            return SendXlsx(h, cycle.Summary, cycle.Forms, DownloadName.Of($"考核结果-{cycle.Title}", "xlsx"), DownloadName.Ascii("kaohe-cycle", id, "xlsx"));
        }).WithSummary("考核全部结果的 Excel：汇总表和每人一张纸质表（所管单位）");
        docs.MapGet("/cycles/{id:int}/paper.pdf", (int id, HttpContext h, KaoheDb db) =>
        {
            var cycle = Documents(h, db).Cycle(CycleApi.ActorOf(h), id);
            return SendPdf(h, cycle.Title, cycle.Forms, cycle.Count, DownloadName.Of($"考核结果-{cycle.Title}", "pdf"), DownloadName.Ascii("kaohe-cycle", id, "pdf"));
        }).WithSummary("考核全部结果的 PDF（每人一页；人数多时请用 paper-jobs 在后台生成）");

        docs.MapPost("/cycles/{id:int}/paper-jobs", (int id, HttpContext h, PaperJobs jobs) =>
                Results.Accepted(null, jobs.Start(CycleApi.ActorOf(h), id)))
            .WithSummary("在后台生成考核全部结果的 PDF；用 GET /api/paper-jobs/{job} 查看进度");
        docs.MapGet("/paper-jobs/{job}", (string job, HttpContext h, PaperJobs jobs) =>
                jobs.Get(CycleApi.ActorOf(h), job) ?? throw CycleException.NotFound("打印任务"))
            .WithSummary("后台打印的进度（只有发起人可以查看）");
        docs.MapGet("/paper-jobs/{job}/file", async (string job, HttpContext h, PaperJobs jobs) =>
        {
            var (path, name) = jobs.File(CycleApi.ActorOf(h), job);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
            Download(h, name, "kaohe-cycle.pdf", "application/pdf");
            h.Response.ContentLength = file.Length;
            await file.CopyToAsync(h.Response.Body, h.RequestAborted);
            return Results.Empty;
        }).WithSummary("下载后台生成的 PDF（只有发起人可以下载）");
    }

    private static PaperDocuments Documents(HttpContext h, KaoheDb db) => new(db, h.RequestServices.GetService<TimeProvider>());

    /// <summary>评分表-E11 张一 主管评.xlsx, 空白评分表-…, 考核结果-E11 张一.xlsx (the extension is set when sending).</summary>
    private static string Name(PaperForm form, bool blank) =>
        DownloadName.Of($"{(blank ? "空白" : "")}{(form.Kind.StartsWith("评分表", StringComparison.Ordinal) ? "评分表" : "考核结果")}-{form.Name}", "xlsx");

    private static async Task<IResult> SendXlsx(HttpContext h, PaperSummary? summary, IEnumerable<PaperForm> forms, string name, string ascii)
    {
        await using var file = Temp("xlsx");
        await Task.Run(() => PaperWorkbook.WriteAsync(file, summary, forms, h.RequestAborted), h.RequestAborted);
        file.Position = 0;
        Download(h, Path.ChangeExtension(name, "xlsx"), ascii, XlsxType);
        h.Response.ContentLength = file.Length;
        await file.CopyToAsync(h.Response.Body, h.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> SendPdf(HttpContext h, string title, IEnumerable<PaperForm> forms, int count, string name, string ascii)
    {
        var pdf = Path.Combine(Path.GetTempPath(), "kaohe-paper-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await Task.Run(() => PaperPdf.WriteAsync(pdf, title, forms, PaperPdf.TimeLimit(count), cancel: h.RequestAborted), h.RequestAborted);
        }
        catch (PrintException e)
        {
            File.Delete(pdf);
            h.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Kaohe.Web.Documents")
                .LogWarning("PDF failed: {Message} {Detail}", e.Message, e.Detail);
            throw new CycleException(e.Message, StatusCodes.Status503ServiceUnavailable);
        }
        await using var file = new FileStream(pdf, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        Download(h, Path.ChangeExtension(name, "pdf"), ascii, "application/pdf");
        h.Response.ContentLength = file.Length;
        await file.CopyToAsync(h.Response.Body, h.RequestAborted);
        return Results.Empty;
    }

    private static FileStream Temp(string extension) =>
        new(Path.Combine(Path.GetTempPath(), $"kaohe-paper-{Guid.NewGuid():N}.{extension}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Content-Disposition with the Chinese name as RFC 5987 <c>filename*</c> and an ASCII fallback.</summary>
    private static void Download(HttpContext h, string name, string ascii, string contentType)
    {
        h.Response.ContentType = contentType;
        h.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = name }.ToString();
    }
}
