using Kaohe.Data;
using Kaohe.Data.Attribution;

namespace Kaohe.Web.Api;

/// <summary>New settings of a unit: “键=值” lines (empty: the defaults).</summary>
public sealed record AttributionSettingsRequest(string? Text);

/// <summary>
/// Customer attribution of a sales office (案场): the month's register, owners with their explanation, deals with
/// their 业绩 and 提成 splits, conflicts, fines, each consultant's month and the rota; a supervisor's decision on a
/// conflict; the unit's settings. The same <see cref="AttributionService"/> as the 案场客户归属 page; refusals are
/// problems with a Chinese title (and the fields of a decision form).
/// </summary>
public static class AttributionApi
{
    private static AttributionService Service(HttpContext h, KaoheDb db) => new(db, h.RequestServices.GetService<TimeProvider>());

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/attribution").WithTags("客户归属");
        g.MapGet("", (HttpContext h, KaoheDb db) => Service(h, db).Offices(CycleApi.ActorOf(h)))
            .WithSummary("可查看的案场（有来访登记的单位，限所管范围）");
        g.MapGet("/{id:int}/{month}", (int id, string month, HttpContext h, KaoheDb db) => Service(h, db).View(CycleApi.ActorOf(h), id, month))
            .WithSummary("案场某月的客户归属：来访登记、客户归属及原因、成交分配、争议、罚款、顾问月度提成、轮值");
        g.MapPost("/{id:int}/{month}/decisions", (int id, string month, DecideRequest r, HttpContext h, KaoheDb db) =>
                Service(h, db).Decide(CycleApi.ActorOf(h), id, month, r))
            .WithSummary("主管裁定一条未决争议（须写明理由，记入审计；不能裁定涉及本人的争议）");
        g.MapGet("/{id:int}/settings", (int id, HttpContext h, KaoheDb db) => Service(h, db).Settings(CycleApi.ActorOf(h), id))
            .WithSummary("案场的归属设置（键=值）及生效值");
        g.MapPut("/{id:int}/settings", (int id, AttributionSettingsRequest r, HttpContext h, KaoheDb db) =>
                Service(h, db).SaveSettings(CycleApi.ActorOf(h), id, r.Text))
            .WithSummary("修改案场的归属设置（考核管理员；记入审计）");
    }
}
