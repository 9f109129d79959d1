using Kaohe.Data.Cycles;
using Kaohe.Data.Offline;
using Kaohe.IO.Offline;

namespace Kaohe.Web.Api;

/// <summary>
/// Offline rating (issue 13): a cycle's open forms as a workbook, and the filled workbook back as drafts. HR gets and
/// uploads every open form of their appraisees (an upload for a rater is audited as done on their behalf); a rater
/// their own. The same <see cref="OfflineRating"/> as the pages; an upload with any bad cell writes nothing and answers
/// 400 with every cell's problem in <c>cells</c>.
/// </summary>
public static class OfflineApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder api)
    {
        var offline = api.MapGroup("/cycles/{id:int}/offline").WithTags("离线评分");
        offline.MapGet("", async (int id, HttpContext h, CycleService s, CancellationToken cancel) =>
        {
            var buffer = new MemoryStream();
            await new OfflineRating(s).DownloadAsync(CycleApi.ActorOf(h), id, buffer, cancel);
            buffer.Position = 0;
            return Results.File(buffer, XlsxType, OfflineRating.FileName(id));
        }).WithSummary("下载离线评分表（考核管理员：所管对象的全部未提交评分表；评分人：自己的）");
        offline.MapPost("", async (int id, IFormFile file, HttpContext h, CycleService s, CancellationToken cancel) =>
        {
            if (file.Length > XlsxSheetsReader.MaxFileBytes)
                throw new CycleException($"文件过大（最多 {XlsxSheetsReader.MaxFileBytes / 1024 / 1024} MB）：离线评分表不会这么大，请确认上传的文件", 413);
            await using var upload = new MemoryStream();
            await file.CopyToAsync(upload, cancel);
            upload.Position = 0;
            var outcome = new OfflineRating(s).Upload(CycleApi.ActorOf(h), id, upload, file.FileName, cancel);
            if (outcome.Problems.Count > 0)
                return Results.Problem(title: $"离线评分表有 {outcome.Problems.Count} 处问题，未保存任何内容", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?>
                    {
                        ["cells"] = outcome.Problems.Select(p => new { sheet = p.Sheet, row = p.Row, column = p.Column, value = p.Value, reason = p.Reason }).ToList(),
                        ["details"] = outcome.Problems.Select(p => p.ToString()).ToList(),
                    });
            return Results.Ok(new { saved = outcome.Saved, unchanged = outcome.Unchanged });
        }).WithSummary("上传填好的离线评分表：全部无误才保存为草稿（考核管理员代评分人上传时记入审计）").DisableAntiforgery();
    }
}
