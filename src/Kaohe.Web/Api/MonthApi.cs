using Kaohe.Data;
using Kaohe.Data.Metrics;

namespace Kaohe.Web.Api;

/// <summary>Reopening a closed month, with the reason for the audit trail.</summary>
public sealed record ReopenMonthRequest(string Reason);

/// <summary>
/// Closed months (结账): the list with who closed each month and when, closing the next month and reopening the last
/// one with a reason — the same <see cref="MonthClosing"/> service as the 已关闭月份 page and <c>kaohe period</c>.
/// </summary>
public static class MonthApi
{
    private static MonthClosing Months(HttpContext h, KaoheDb db) => new(db, h.RequestServices.GetService<TimeProvider>());

    public static void Map(RouteGroupBuilder api)
    {
        var months = api.MapGroup("/months").WithTags("月份关账");
        months.MapGet("", (HttpContext h, KaoheDb db) => Months(h, db).View(CycleApi.ActorOf(h)))
            .WithSummary("已结账的月份、下一个可结账的月份和最近的结账与重新开放记录（系统管理员、考核管理员）");
        months.MapPost("/{month}/close", (string month, HttpContext h, KaoheDb db) =>
            Results.Ok(new { month, frozenValues = Months(h, db).Close(CycleApi.ActorOf(h), month) }))
            .WithSummary("结账：计算并冻结该月的全部指标（系统管理员或全公司范围的考核管理员；须按月份顺序）");
        months.MapPost("/{month}/reopen", (string month, ReopenMonthRequest r, HttpContext h, KaoheDb db) =>
        {
            Months(h, db).Reopen(CycleApi.ActorOf(h), month, r.Reason);
            return Results.NoContent();
        }).WithSummary("重新开放最后一个已结账的月份（须写明原因，记入审计；系统管理员或全公司范围的考核管理员）");
    }
}
