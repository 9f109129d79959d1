using Kaohe.Data.Cycles;

namespace Kaohe.Web.Api;

/// <summary>
/// What-if (目标测算, issue 14): “what churn rate do I need for 18 points?” on a result or a form, as <c>kaohe whatif</c>
/// answers it. Reading only: whoever may read the result or form may ask (<see cref="CycleService"/> decides), and asking
/// changes nothing. A bad question is a 400 with the problem at its field (<c>indicator</c> or <c>points</c>).
/// </summary>
public static class WhatIfApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var results = api.MapGroup("/results").WithTags("目标测算");
        results.MapGet("/{id:int}/whatif/items", (int id, HttpContext h, CycleService s) => s.ResultWhatIfItems(CycleApi.ActorOf(h), id))
            .WithSummary("结果中可以测算的定量指标：名称、分值、当前值和得分");
        results.MapGet("/{id:int}/whatif", (int id, string? indicator, string? points, HttpContext h, CycleService s) =>
                s.ResultWhatIf(CycleApi.ActorOf(h), id, new WhatIfQuestion(indicator, points)))
            .WithSummary("目标测算：某个定量指标要得到 points 分，值至少（或至多）需要多少（按结果的输入计算，不改变任何内容）");

        // The drill-down from a data-bound value to the records behind it (same access as the result).
        api.MapGroup("/results").WithTags("考核结果")
            .MapGet("/{id:int}/records", (int id, string? indicator, int? limit, HttpContext h, CycleService s) =>
                s.ResultRecords(CycleApi.ActorOf(h), id, indicator ?? "", limit ?? 50))
            .WithSummary("结果中取自客户数据的某个指标（indicator）背后的记录：分子、分母各自的记录数、合计和前 limit 条");

        var forms = api.MapGroup("/forms").WithTags("目标测算");
        forms.MapGet("/{id:int}/whatif/items", (int id, HttpContext h, CycleService s) => s.FormWhatIfItems(CycleApi.ActorOf(h), id))
            .WithSummary("评分表中可以测算的定量指标（本表的和取自客户数据的）：名称、分值、当前值和得分");
        forms.MapGet("/{id:int}/whatif", (int id, string? indicator, string? points, HttpContext h, CycleService s) =>
                s.FormWhatIf(CycleApi.ActorOf(h), id, new WhatIfQuestion(indicator, points)))
            .WithSummary("目标测算：按评分表已保存的内容（草稿）计算，不改变任何内容");
    }
}
