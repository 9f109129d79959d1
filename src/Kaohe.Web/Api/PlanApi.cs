using Kaohe.Data.Cycles;
using Kaohe.Data.Plans;
using Kaohe.Schemes.Plans;

namespace Kaohe.Web.Api;

/// <summary>
/// The built-in incentive plans (奖金方案: key-account bonus ledgers, the loan officer's and the assistant's pay) as
/// people read them — the same <see cref="PlanSummary"/> as <c>kaohe plan --show</c>. Wired into the API group
/// (session, refusals as problems) by <c>PlanApi.Map(api)</c>.
/// </summary>
public static class PlanApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("奖金方案");
        plans.MapGet("", () => List())
            .WithSummary("内置奖金方案：编号、名称、类型、周期、规则、说明、提示与输入列");
        plans.MapGet("/{id}", (string id) => Find(id))
            .WithSummary("一个奖金方案（编号，如 TPL-25）：规则（中文）、说明、提示与输入列");
        plans.MapPost("/{id}/calculate", async (string id, IFormFile file, HttpContext h) =>
        {
            if (!CycleApi.ActorOf(h).Manages) throw CycleException.Forbidden("只有考核管理员可以计算奖金方案");
            if (file.Length > PlanCalculation.MaxUploadBytes)
                throw new CycleException($"文件过大（最多 {PlanCalculation.MaxUploadBytes / 1024 / 1024} MB）", 413);
            var doc = PlanCatalog.Find(id)?.Plan ?? throw CycleException.NotFound($"奖金方案“{id}”");
            await using var upload = new MemoryStream();
            await file.CopyToAsync(upload, h.RequestAborted);
            var outcome = await Task.Run(() => PlanCalculation.Run(doc, upload.ToArray(), file.FileName), h.RequestAborted);
            if (outcome.Problems.Count > 0)
                return Results.Problem(title: $"共 {outcome.Problems.Count} 个问题，未计算", statusCode: 400,
                    extensions: new Dictionary<string, object?> { ["details"] = outcome.Problems.Take(200).ToList() });
            return Results.Ok(new { plan = doc.Id, ledgers = outcome.Ledgers.Select(l => new { l.Name, l.Id, l.Periods, l.Annual }), months = outcome.Months });
        }).WithSummary("上传一个奖金方案的数据表（CSV/XLSX/JSON，每人每期一行）计算台账或月度薪酬，不保存（考核管理员）").DisableAntiforgery();
    }

    /// <summary>Every built-in plan's summary, in code order.</summary>
    public static IReadOnlyList<PlanSummary> List() =>
        [.. PlanCatalog.Plans.Where(p => p.Plan is not null).Select(p => PlanSummary.Of(p.Plan!))];

    /// <summary>One built-in plan's summary by code or slug; 404 when there is none.</summary>
    public static PlanSummary Find(string id) =>
        PlanCatalog.Find(id) is { Plan: { } plan } ? PlanSummary.Of(plan) : throw CycleException.NotFound($"奖金方案“{id}”");
}
