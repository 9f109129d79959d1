using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Results;
using Kaohe.Data.Time;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Kaohe.Web.Api;

/// <summary>
/// Results over time (issue 12): the history of a person and of a unit (员工档案), the charts of a cycle and of HR's
/// home, a cycle's grade bands and forced distribution, the consequences HR acts on, quarter and year roll-ups and
/// the pay sheet (绩效工资表) as JSON, XLSX and CSV. Every endpoint calls the same services as the pages, which decide
/// scope from the actor; refusals are problems with a Chinese title (<see cref="CycleApi"/>'s filter).
/// </summary>
public static class ResultsApi
{
    /// <summary>The largest page of the archive list.</summary>
    public const int MaxTake = ResultHistory.MaxTake;

    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("员工档案");
        people.MapGet("", (string? search, int? skip, int? take, HttpContext h, KaoheDb db) =>
        {
            var (s, t) = (skip ?? 0, take ?? 50);
            if (s < 0) throw new CycleException("skip 不能为负数");
            if (t is < 1 or > MaxTake) throw new CycleException($"take 应在 1 到 {MaxTake} 之间");
            return new ResultHistory(db).People(CycleApi.ActorOf(h), search, s, t);
        }).WithSummary("员工档案：所管范围内的人及其最近一次已发布的结果（按工号或姓名搜索，分页）");
        // {id}: the staff member's id (the API's tests substitute every route's {id:int}).
        people.MapGet("/{id:int}/history", (int id, HttpContext h, KaoheDb db) => new ResultHistory(db).Person(CycleApi.ActorOf(h), id))
            .WithSummary("一个人的考核历史：每个已发布的结果和汇总结果（考核管理员、查看者限所管范围；本人可看自己的）");
        people.MapGet("/by-no/{employeeNo}/history", (string employeeNo, HttpContext h, KaoheDb db) => new ResultHistory(db).PersonByEmployeeNo(CycleApi.ActorOf(h), employeeNo))
            .WithSummary("按工号查一个人的考核历史");

        api.MapGet("/me/history", (HttpContext h, KaoheDb db) => new ResultHistory(db).Mine(CycleApi.ActorOf(h)))
            .WithTags("员工档案").WithSummary("我的考核历史");
        api.MapGet("/units/{id:int}/history", (int id, HttpContext h, KaoheDb db) => new ResultHistory(db).Unit(CycleApi.ActorOf(h), id))
            .WithTags("员工档案").WithSummary("单位档案：各期平均分、奖金合计和等级分布（含下级单位），以及单位本身的考核结果");
        api.MapGet("/dashboard", (int? cycles, HttpContext h, KaoheDb db) =>
        {
            var n = cycles ?? 3;
            if (n is < 1 or > 12) throw new CycleException("cycles 应在 1 到 12 之间");
            return new ResultHistory(db).Dashboard(CycleApi.ActorOf(h), n);
        }).WithTags("图表").WithSummary("首页图表：最近发布的考核（等级分布、排名、单位平均分）和各月走势（考核管理员、查看者）");

        var cycles = api.MapGroup("/cycles").WithTags("考核");
        cycles.MapGet("/{id:int}/charts", (int id, HttpContext h, KaoheDb db) => new ResultHistory(db).Charts(CycleApi.ActorOf(h), id))
            .WithTags("图表").WithSummary("一个考核的图表数据：等级分布、排名、单位平均分");
        cycles.MapGet("/{id:int}/grading", (int id, HttpContext h, CycleService s) => s.Grading(CycleApi.ActorOf(h), id))
            .WithSummary("考核的等级划分与强制分布：分数段、比例限制、当前各等级人数和超出限制之处");
        cycles.MapPut("/{id:int}/grading", (int id, GradingRequest r, HttpContext h, CycleService s) => s.SetGrading(CycleApi.ActorOf(h), id, r))
            .WithSummary("设置考核的等级分数段（发布前）和强制分布比例（记入审计；版本不符时 409）");

        var consequences = api.MapGroup("/consequences").WithTags("考核结果处理");
        consequences.MapGet("", (bool? all, HttpContext h, KaoheDb db) => new ConsequenceService(db, h.RequestServices.GetService<TimeProvider>()).List(CycleApi.ActorOf(h), openOnly: !(all ?? false)))
            .WithSummary("由考核历史产生的待处理事项（警告或罚款、调岗审查、年度等级封顶）；all=true 含已处理");
        consequences.MapPost("/{id:int}/handle", (int id, HandleConsequenceRequest r, HttpContext h, KaoheDb db) =>
        {
            if (string.IsNullOrWhiteSpace(r.Note)) throw new CycleException("请写明处理情况", fields: [new FieldProblem("note", "请写明处理情况")]);
            return new ConsequenceService(db, h.RequestServices.GetService<TimeProvider>()).Handle(CycleApi.ActorOf(h), id, r);
        }).WithSummary("记录处理情况（须写明，记入审计；版本不符时 409）");

        var rollups = api.MapGroup("/rollups").WithTags("季度/年度汇总");
        rollups.MapPost("", (RollupRequest r, HttpContext h, KaoheDb db) =>
        {
            var period = PeriodArg(r.Period);
            if (period.Kind == PeriodKind.Month) throw new CycleException($"汇总的期间应为季度或年度（如 2026-Q4、2026），不是月份“{r.Period}”", fields: [new FieldProblem("period", "应为季度或年度")]);
            if (string.IsNullOrWhiteSpace(r.SchemeCode)) throw new CycleException("请选择方案", fields: [new FieldProblem("schemeCode", "请选择方案")]);
            if (r.Weights is { } w && w.Any(x => x < 0)) throw new CycleException("权重不能为负数", fields: [new FieldProblem("weights", "权重不能为负数")]);
            return new RollupService(db, h.RequestServices.GetService<TimeProvider>()).Compute(CycleApi.ActorOf(h), r with { Period = period.ToString() });
        }).WithSummary("按已发布的月度（季度）结果计算季度或年度汇总（默认各期总分平均；可给每期权重和缺期处理方式）");
        rollups.MapGet("", (string? scheme, string? period, HttpContext h, KaoheDb db) =>
            new RollupService(db, h.RequestServices.GetService<TimeProvider>()).List(CycleApi.ActorOf(h), string.IsNullOrWhiteSpace(scheme) ? null : scheme.Trim(),
                string.IsNullOrWhiteSpace(period) ? null : PeriodArg(period).ToString()))
            .WithSummary("已计算的汇总结果（可按方案和期间筛选）");

        var pay = api.MapGroup("/paysheet").WithTags("绩效工资表");
        pay.MapGet("", (string? period, int? unit, HttpContext h, KaoheDb db) => new PaySheetService(db).Summary(CycleApi.ActorOf(h), Query(period, unit)))
            .WithSummary("绩效工资表的汇总：范围、各单位小计、总计、计入的考核和未发布而不计入的考核");
        pay.MapGet("/lines", (string? period, int? unit, HttpContext h, KaoheDb db) => new PaySheetService(db).Lines(CycleApi.ActorOf(h), Query(period, unit)))
            .WithSummary("绩效工资表的每一行（按单位排列，每个单位后是小计，最后是总计）");
        api.MapGet("/paysheet.csv", async (string? period, int? unit, HttpContext h, KaoheDb db) =>
        {
            var query = Query(period, unit);
            var actor = CycleApi.ActorOf(h);
            var service = new PaySheetService(db);
            // Refusals (scope, period) come before the first byte, while the answer can still be a problem.
            service.Summary(actor, query);
            Download(h, query, "csv", "text/csv; charset=utf-8");
            // The service writes synchronously; a buffer in front of the response keeps the writes few and the memory flat.
            h.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
            await Task.Run(() =>
            {
                // Not disposed: that would close the response body, which belongs to the server.
                var buffered = new BufferedStream(h.Response.Body, 64 * 1024);
                service.WriteCsv(actor, query, buffered);
                buffered.Flush();
            }, h.RequestAborted);
            return Results.Empty;
        }).WithTags("绩效工资表").WithSummary("下载绩效工资表 CSV（UTF-8，供薪资系统导入；以 = + - @ 开头的文字不会成为公式）");
        api.MapGet("/paysheet.xlsx", async (string? period, int? unit, HttpContext h, KaoheDb db) =>
        {
            var query = Query(period, unit);
            var actor = CycleApi.ActorOf(h);
            var service = new PaySheetService(db);
            service.Summary(actor, query);
            // An XLSX is a zip whose writer may seek: it is built in a temporary file (never in memory) and then sent.
            var temp = Path.Combine(Path.GetTempPath(), "kaohe-paysheet-" + Guid.NewGuid().ToString("N") + ".xlsx");
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            await Task.Run(() => service.WriteXlsx(actor, query, file), h.RequestAborted);
            file.Position = 0;
            Download(h, query, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            h.Response.ContentLength = file.Length;
            await file.CopyToAsync(h.Response.Body, h.RequestAborted);
            return Results.Empty;
        }).WithTags("绩效工资表").WithSummary("下载绩效工资表 Excel（每人一行、单位小计和总计；文字不会成为公式）");
    }

    /// <summary>A pay sheet's query from the query string; a missing or unknown period is refused in Chinese.</summary>
    private static PaySheetQuery Query(string? period, int? unit) => new(PeriodArg(period).ToString(), unit);

    /// <summary>A period as users write it (2026-10, 2026-Q4, 2026), or a 400 saying how to write it.</summary>
    public static Period PeriodArg(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new CycleException("请填写期间：2026-10（月）、2026-Q4（季度）或 2026（年）", fields: [new FieldProblem("period", "请填写期间")]);
        if (!Period.TryParse(text.Trim(), out var period))
            throw new CycleException($"无法识别的期间“{text.Trim()}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）", fields: [new FieldProblem("period", "无法识别的期间")]);
        return period;
    }

    /// <summary>The file name payroll sees (绩效工资表-2026-10.xlsx), with an ASCII fallback for old clients.</summary>
    public static string FileName(PaySheetQuery query, string extension) => $"绩效工资表-{query.Period}.{extension}";

    private static void Download(HttpContext h, PaySheetQuery query, string extension, string contentType)
    {
        h.Response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"paysheet-{query.Period}.{extension}",
            FileNameStar = FileName(query, extension),
        };
        h.Response.Headers.ContentDisposition = disposition.ToString();
    }
}
