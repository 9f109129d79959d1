using Kaohe.Data.Cycles;
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
    }

    /// <summary>Every built-in plan's summary, in code order.</summary>
    public static IReadOnlyList<PlanSummary> List() =>
        [.. PlanCatalog.Plans.Where(p => p.Plan is not null).Select(p => PlanSummary.Of(p.Plan!))];

    /// <summary>One built-in plan's summary by code or slug; 404 when there is none.</summary>
    public static PlanSummary Find(string id) =>
        PlanCatalog.Find(id) is { Plan: { } plan } ? PlanSummary.Of(plan) : throw CycleException.NotFound($"奖金方案“{id}”");
}
