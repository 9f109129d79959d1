using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Api;

/// <summary>
/// The HTTP API of the appraisal workflow. Every endpoint needs a session; what each user may see and do is
/// decided by <see cref="CycleService"/>, the same code the pages call, so the UI and the API cannot differ.
/// Refusals are RFC 7807 problems with a Chinese title and, where there are several problems, a <c>details</c> list.
/// </summary>
public static class CycleApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(Refusals).DisableAntiforgery();

        api.MapGet("/ping", () => Results.Ok(new { ok = true })).WithTags("系统").WithSummary("连通检查（负载测试的对照端点）");

        var schemes = api.MapGroup("/schemes").WithTags("方案");
        schemes.MapGet("", (KaoheDb db) => new SchemeStore(db).List()).WithSummary("方案列表：内置模板与自定义方案");
        schemes.MapGet("/{code}", (string code, KaoheDb db) => new SchemeStore(db).Get(code)).WithSummary("方案：YAML、版本与检查结果");
        schemes.MapGet("/{code}/versions/{version:int}", (string code, int version, KaoheDb db) =>
            Results.Text(new SchemeStore(db).VersionText(code, version), "text/yaml; charset=utf-8")).WithSummary("方案某一版本的 YAML");
        schemes.MapPost("/check", (SchemeText r, HttpContext h) =>
        {
            // Only those who may save schemes may have the server parse one.
            if (!ActorOf(h).Manages) throw CycleException.Forbidden("只有考核管理员可以检查或保存方案");
            return SchemeStore.Check(r.Yaml);
        }).WithSummary("检查方案 YAML（不保存；考核管理员）");
        schemes.MapPost("", (SchemeText r, HttpContext h, KaoheDb db) =>
        {
            var saved = new SchemeStore(db).Save(ActorOf(h), r.Yaml);
            return Results.Ok(saved);
        }).WithSummary("保存自定义方案（新版本）");

        var cycles = api.MapGroup("/cycles").WithTags("考核");
        cycles.MapGet("", (HttpContext h, CycleService s) => s.List(ActorOf(h))).WithSummary("考核列表（考核管理员、查看者）");
        cycles.MapPost("", (OpenCycleRequest r, HttpContext h, CycleService s) =>
        {
            var id = s.Open(ActorOf(h), r);
            return Results.Created($"/api/cycles/{id}", s.Detail(ActorOf(h), id));
        }).WithSummary("开启考核");
        cycles.MapGet("/{id:int}", (int id, HttpContext h, CycleService s) => s.Detail(ActorOf(h), id)).WithSummary("考核详情：对象、评分表、未评分的人");
        cycles.MapGet("/{id:int}/results", (int id, HttpContext h, CycleService s) => s.Results(ActorOf(h), id)).WithSummary("考核结果（所管单位）");
        cycles.MapGet("/{id:int}/audit", (int id, HttpContext h, CycleService s) => s.Audit(ActorOf(h), id)).WithSummary("审计记录");
        cycles.MapPost("/{id:int}/release", (int id, ReleaseRequest r, HttpContext h, CycleService s) => s.Release(ActorOf(h), id, r))
            .WithSummary("计算并发布结果，进入确认期");
        cycles.MapPost("/{id:int}/publish", (int id, PublishRequest r, HttpContext h, CycleService s) => s.Publish(ActorOf(h), id, r))
            .WithSummary("发布考核并锁定（等级分布超出强制分布限制时须在 distributionReason 写明理由，记入审计）");
        cycles.MapPost("/{id:int}/cancel", (int id, CancelRequest r, HttpContext h, CycleService s) => s.Cancel(ActorOf(h), id, r))
            .WithSummary("取消尚未发布的考核（须写明原因；其对象可重新考核）");
        cycles.MapPost("/{id:int}/remind", (int id, HttpContext h, CycleService s) => s.Remind(ActorOf(h), id))
            .WithSummary("催办：提醒尚未提交评分表的评分人（记入审计，评分人在首页和评分列表看到）");
        api.MapGet("/desk", (HttpContext h, CycleService s) => s.Desk(ActorOf(h))).WithTags("考核").WithSummary("考核管理员的待办：进行中的考核、待处理的申诉");

        var forms = api.MapGroup("/forms").WithTags("评分");
        forms.MapGet("", (bool? all, HttpContext h, CycleService s) => s.Tasks(ActorOf(h), all ?? false)).WithSummary("我的待评分表（all=true 含已提交）");
        forms.MapGet("/reminders", (HttpContext h, CycleService s) => s.Reminders(ActorOf(h))).WithSummary("我收到的催办（尚未评完的考核）");
        forms.MapGet("/changed", (HttpContext h, CycleService s) => s.RescoreNotices(ActorOf(h))).WithSummary("我提交后在处理申诉时被修改的评分表");
        forms.MapGet("/{id:int}", (int id, HttpContext h, CycleService s) => s.Form(ActorOf(h), id)).WithSummary("评分表");
        forms.MapPut("/{id:int}", (int id, FormSave r, HttpContext h, CycleService s) => s.Save(ActorOf(h), id, r)).WithSummary("保存草稿（版本不符时 409）");
        forms.MapPost("/{id:int}/submit", (int id, FormSave r, HttpContext h, CycleService s) => s.Submit(ActorOf(h), id, r)).WithSummary("提交评分表");

        var results = api.MapGroup("/results").WithTags("结果");
        results.MapGet("/mine", (HttpContext h, CycleService s) => s.MyResults(ActorOf(h))).WithSummary("我的考核结果");
        results.MapGet("/{id:int}", (int id, HttpContext h, CycleService s) => s.Result(ActorOf(h), id)).WithSummary("一个对象的考核结果");
        results.MapPost("/{id:int}/confirm", (int id, ConfirmRequest r, HttpContext h, CycleService s) => s.Confirm(ActorOf(h), id, r)).WithSummary("确认结果");
        results.MapPost("/{id:int}/appeal", (int id, AppealRequest r, HttpContext h, CycleService s) => s.Appeal(ActorOf(h), id, r)).WithSummary("提出申诉");
        results.MapPost("/{id:int}/resolve", (int id, ResolveRequest r, HttpContext h, CycleService s) => s.Resolve(ActorOf(h), id, r)).WithSummary("处理申诉");

        AccountApi.Map(api);
        MonthApi.Map(api);
        ResultsApi.Map(api);
        DocumentsApi.Map(api);
        SchemeApi.Map(api);
        PlanApi.Map(api);
        OfflineApi.Map(api);
        WhatIfApi.Map(api);
        AttributionApi.Map(api);
        AuthApi.MapOwn(api);

        var customers = api.MapGroup("/customers").WithTags("客户数据");
        customers.MapGet("", (string? q, int? page, int? size, HttpContext h, KaoheDb db) => CustomerQueries.Search(ActorOf(h), db, q, page ?? 0, size ?? 50))
            .WithSummary("客户列表（按编号或名称搜索，分页；限所管单位）");
        customers.MapGet("/{id:int}", (int id, HttpContext h, KaoheDb db) => CustomerQueries.Detail(ActorOf(h), db, id)).WithSummary("客户及其事件、投诉、拜访回访、销售");

        api.MapPost("/import/{kind}", async (string kind, IFormFile file, HttpContext h, KaoheDatabase database, CancellationToken cancel) =>
        {
            Uploads.CheckMayImport(ActorOf(h));
            if (Kaohe.Data.Import.ImportKinds.Find(kind) is null)
                throw new CycleException($"未知的导入类型“{kind}”。可用：{string.Join("、", Kaohe.Data.Import.ImportKinds.All.Select(k => k.Name))}");
            await using var stream = file.OpenReadStream();
            try
            {
                var report = await Uploads.Import(database, ActorOf(h), kind, file.FileName, stream, null, cancel);
                return report.Succeeded ? Results.Ok(report) : Results.Json(report, statusCode: StatusCodes.Status400BadRequest);
            }
            catch (Kaohe.Data.Import.ImportFileException e)
            {
                throw new CycleException(e.Message);
            }
        }).WithTags("客户数据").WithSummary("导入 CSV/XLSX（全部成功才写入；有错时返回每一行的问题）").DisableAntiforgery();

        api.MapPost("/score", async (string scheme, string? format, IFormFile file, HttpContext h, KaoheDb db) =>
        {
            if (!ActorOf(h).Manages) throw CycleException.Forbidden("只有考核管理员可以使用快速计分");
            if (file.Length > QuickScore.MaxBytes) throw new CycleException($"文件过大（最多 {QuickScore.MaxBytes / 1024 / 1024} MB）：请把表格分成几个较小的文件再计分", 413);
            var resolved = QuickScore.Resolve(db, scheme);
            // Stops when the client leaves or the time limit passes: nobody pays for a run whose answer is not read.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(h.RequestAborted);
            limit.CancelAfter(QuickScore.TimeLimit);
            await using var upload = new MemoryStream();
            await file.CopyToAsync(upload, limit.Token);
            upload.Position = 0;
            QuickScoreOutcome outcome;
            try
            {
                outcome = await Task.Run(() => QuickScore.Run(resolved, upload, file.FileName, limit.Token), limit.Token);
            }
            catch (OperationCanceledException) when (!h.RequestAborted.IsCancellationRequested)
            {
                throw new CycleException($"计分超过 {QuickScore.TimeLimit.TotalSeconds:0} 秒，已停止：请把表格分成几个较小的文件再计分", 413);
            }
            if (outcome.Problems.Count > 0)
                return Results.Problem(title: $"共 {outcome.Found:N0} 个问题，未生成结果", statusCode: 400,
                    extensions: new Dictionary<string, object?> { ["details"] = outcome.Problems });
            if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
                return Results.File(QuickScore.Xlsx(outcome), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{resolved.Id}-结果.xlsx");
            return Results.Ok(new { scheme = resolved.Id, period = outcome.Period, results = outcome.Results });
        }).WithTags("快速计分").WithSummary("上传 CSV/XLSX/JSON 计分（format=xlsx 下载结果表）").DisableAntiforgery();
    }

    /// <summary>The actor of the request, set when its session was checked (a revoked session or disabled account never gets here).</summary>
    public static Actor ActorOf(HttpContext http) =>
        SessionAuth.ActorOf(http) ?? throw new InvalidOperationException("no actor: endpoint outside the API group");

    /// <summary>Refuses requests without a live session or with an initial password, and turns refusals into problem answers.</summary>
    private static async ValueTask<object?> Refusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (SessionAuth.ActorOf(http) is not { } actor)
            return Results.Problem(title: "登录已失效（已退出、密码已修改或账号已停用），请重新登录", statusCode: StatusCodes.Status401Unauthorized);
        if (actor.MustChangePassword && http.GetEndpoint()?.Metadata.GetMetadata<AllowedWithInitialPassword>() is null)
            return Results.Problem(title: "请先修改初始密码（POST /api/me/password），再进行其他操作", statusCode: StatusCodes.Status403Forbidden);
        try
        {
            return await next(context);
        }
        catch (ConflictException e)
        {
            return Results.Problem(title: e.Message, statusCode: e.Status, extensions: new Dictionary<string, object?> { ["current"] = e.Current });
        }
        catch (AccountException e)
        {
            return Results.Problem(title: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left: nobody reads the answer.
            return Results.StatusCode(499);
        }
        catch (CycleException e)
        {
            var extensions = new Dictionary<string, object?>();
            if (e.Details.Count > 0) extensions["details"] = e.Details;
            if (e.Fields.Count > 0) extensions["fields"] = e.Fields.Select(f => new { field = f.Field, message = f.Message }).ToList();
            return Results.Problem(title: e.Message, statusCode: e.Status, extensions: extensions.Count > 0 ? extensions : null);
        }
    }
}

/// <summary>Scheme YAML sent for checking or saving.</summary>
public sealed record SchemeText(string Yaml);
