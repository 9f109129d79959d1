using System.Runtime.CompilerServices;
using Kaohe.Data.Attribution;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Import;

// The registers of a sales office (docs/attribution.md, docs/data-import.md): the same Chinese column names as the
// events of `kaohe attribute`, one kind per register. 顾问 (and 说出顾问, 协助顾问) is a 工号 or a staff member's
// name; 单位编码 is optional (default: the consultant's unit). 时间 is a date or a date and time.
public static partial class ImportKinds
{
    private const string Consultant = "顾问";
    private const string CustomerName = "客户";
    private const string When = "时间";

    private static IEnumerable<ImportKindSpec> AttributionKinds() =>
        [Receptions(), SalesFollowUps(), Presence(), Refusals(), Deals(), Decisions(), Fines()];

    private static ImportColumn UnitColumn() => C(UnitCode, "unit_code", ColumnType.Text, false, "案场的单位编码；不写取顾问的单位");
    private static ImportColumn ConsultantColumn(string description) => C(Consultant, "consultant", ColumnType.Text, true, description);
    private static ImportColumn CustomerColumn(bool required, string description = "客户姓名（按登记的写法）") =>
        C(CustomerName, "customer", ColumnType.Text, required, description);
    private static ImportColumn TimeColumn(string description = "2026-03-01 或 2026-03-01 10:02") => C(When, "at", ColumnType.Text, true, description);
    private static ImportColumn NoteColumn() => C("备注", "note", ColumnType.Text, false, "不导入");

    private static string AttrKey(ParsedRow r, params string[] columns) =>
        string.Join("|", columns.Select(c => r.Get<object>(c) switch { null => "", DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss"), var v => v.ToString() }));

    private static readonly ConditionalWeakTable<ImportContext, Dictionary<string, List<(int Id, int UnitId)>>> StaffByName = new();

    /// <summary>The staff member a 顾问 cell names: a 工号, or a name (unique in the row's unit, else in the company).</summary>
    private static (int Id, int UnitId)? ConsultantOf(ImportContext ctx, ParsedRow r, string column, int? unit)
    {
        var text = r.Get<string>(column);
        if (text is null) return null;
        if (ctx.Staff.TryGetValue(text, out var byNo)) return byNo;
        var names = StaffByName.GetValue(ctx, c => c.Db.Staff.AsNoTracking().Select(s => new { s.Name, s.Id, s.UnitId }).AsEnumerable()
            .GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Select(s => (s.Id, s.UnitId)).ToList()));
        if (!names.TryGetValue(text, out var found))
        {
            ctx.Error(r, column, text, "未知的顾问：请写员工的工号或姓名（请先导入员工）");
            return null;
        }
        if (found.Count > 1 && unit is { } u && found.Count(s => s.UnitId == u) == 1) return found.Single(s => s.UnitId == u);
        if (found.Count == 1) return found[0];
        ctx.Error(r, column, text, $"有 {found.Count} 位员工叫“{text}”：请写工号");
        return null;
    }

    /// <summary>The record's unit and consultant: 单位编码 if given, else the consultant's unit.</summary>
    private static (int Unit, int Staff)? UnitAndConsultant(ImportContext ctx, ParsedRow r)
    {
        var unit = ctx.Unit(r, UnitCode);
        if (r.Has(UnitCode) && unit is null) return null;
        var staff = ConsultantOf(ctx, r, Consultant, unit);
        return staff is { } s ? (unit ?? s.UnitId, s.Id) : null;
    }

    private static (DateTime At, bool HasTime)? TimeOf(ImportContext ctx, ParsedRow r, string column)
    {
        var text = r.Get<string>(column);
        if (text is null) return null;
        if (ImportValues.TryDate(text, out var d, out _)) return (d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), false);
        if (ImportValues.TryDateTime(text, out var t, out _)) return (DateTime.SpecifyKind(t, DateTimeKind.Utc), true);
        ctx.Error(r, column, text, "不是日期或时间（应写作 2026-03-01 或 2026-03-01 10:02）");
        return null;
    }

    private static bool NameFits(ImportContext ctx, ParsedRow r, string column)
    {
        if (r.Get<string>(column) is not { } s || (s.Length <= 100 && !s.Any(char.IsControl))) return true;
        ctx.Error(r, column, s.Length > 20 ? s[..20] + "…" : s, s.Length > 100 ? $"太长（{s.Length} 个字，最多 100 个）" : "含有控制字符");
        return false;
    }

    private static long? Fen(ImportContext ctx, ParsedRow r, string column)
    {
        if (!r.Has(column)) return null;
        var v = r.Get<long>(column);
        if (v >= 0) return v;
        ctx.Error(r, column, v / 100m, "不能为负数");
        return null;
    }

    private static ImportKindSpec Receptions() => new()
    {
        Name = "receptions", Title = "来访登记",
        Columns =
        [
            CustomerColumn(true), ConsultantColumn("接待的置业顾问（工号或姓名）"), TimeColumn(), UnitColumn(),
            C("轮值位置", "rota_position", ColumnType.Text, false, "当时的轮值位置"),
            C("说出顾问", "named_consultant", ColumnType.Text, false, "客户说出的原接待顾问（工号或姓名）"),
            C("介绍人", "referred_by", ColumnType.Text, false, "介绍来的老客户"),
            C("陪同", "accompanied", ColumnType.Boolean, false, "老客户是否亲自陪同（是/否）"),
            C("电话预约备案", "reservation_filed", ColumnType.Boolean, false, "是否电话预约并向主管备案（是/否）"),
            C("输送人", "brought_by", ColumnType.Text, false, "把客户带到案场的客户专员（工号或姓名）"),
            NoteColumn(),
        ],
        Key = r => AttrKey(r, UnitCode, CustomerName, Consultant, When),
        Bulk = BulkSpec.Of<SalesReception>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                var named = r.Has("说出顾问") ? ConsultantOf(ctx, r, "说出顾问", who?.Unit) : null;
                var broughtBy = r.Has("输送人") ? ConsultantOf(ctx, r, "输送人", null) : null;
                var fits = NameFits(ctx, r, CustomerName) & NameFits(ctx, r, "介绍人");
                if (r.Get<string>("介绍人") is { } referrer && referrer == r.Get<string>(CustomerName))
                { ctx.Error(r, "介绍人", referrer, "客户不能介绍自己"); return null; }
                if (who is not { } w || time is not { } t || !fits || (r.Has("说出顾问") && named is null) || (r.Has("输送人") && broughtBy is null)) return null;
                return new SalesReception
                {
                    UnitId = w.Unit, Customer = r.Get<string>(CustomerName)!, StaffId = w.Staff, At = t.At, HasTime = t.HasTime,
                    Month = Period.MonthKey(t.At), RotaPosition = r.Get<string>("轮值位置"), NamedStaffId = named?.Id,
                    ReferredBy = r.Get<string>("介绍人"), Accompanied = r.Get<bool>("陪同"), ReservationFiled = r.Get<bool>("电话预约备案"),
                    BroughtByStaffId = broughtBy?.Id,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec SalesFollowUps() => new()
    {
        Name = "follow-ups", Title = "案场回访",
        Columns = [CustomerColumn(true), ConsultantColumn("回访的置业顾问（工号或姓名）"), TimeColumn("回访日期，如 2026-03-05"), UnitColumn(), NoteColumn()],
        Key = r => AttrKey(r, UnitCode, CustomerName, Consultant, When),
        Bulk = BulkSpec.Of<SalesFollowUp>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                if (!NameFits(ctx, r, CustomerName) || who is not { } w || time is not { } t) return null;
                return new SalesFollowUp
                {
                    UnitId = w.Unit, Customer = r.Get<string>(CustomerName)!, StaffId = w.Staff, At = t.At, HasTime = t.HasTime, Month = Period.MonthKey(t.At),
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Presence() => new()
    {
        Name = "presence", Title = "顾问休息忙碌",
        Columns =
        [
            C("类型", "kind", ColumnType.Text, true, "休息 / 忙碌（接待新客户）"), ConsultantColumn("置业顾问（工号或姓名）"), UnitColumn(),
            C(When, "at", ColumnType.Text, false, "整天：只写日期；一段时间请写开始、结束"),
            C("开始", "start", ColumnType.Text, false, "2026-03-01 10:00"),
            C("结束", "end", ColumnType.Text, false, "只写日期表示到当天结束"),
            NoteColumn(),
        ],
        Key = r => AttrKey(r, Consultant, "类型", When, "开始"),
        Bulk = BulkSpec.Of<ConsultantPresence>((ctx, r) =>
            {
                var kind = r.Get<string>("类型")!;
                PresenceStatus? status = kind switch { "休息" => PresenceStatus.Resting, "忙碌" or "接待新客户" => PresenceStatus.Busy, _ => null };
                if (status is null) { ctx.Error(r, "类型", kind, "应为 休息 或 忙碌"); return null; }
                var who = UnitAndConsultant(ctx, r);
                DateTime start, until;
                if (r.Has(When))
                {
                    if (r.Has("开始") || r.Has("结束")) { ctx.Error(r, When, r.Get<string>(When), "写了“时间”（整天）就不要再写“开始”“结束”"); return null; }
                    if (TimeOf(ctx, r, When) is not { } day) return null;
                    if (day.HasTime) { ctx.Error(r, When, r.Get<string>(When), $"{kind}按整天记录时只写日期；一段时间请用“开始”“结束”"); return null; }
                    start = day.At;
                    until = start.AddDays(1);
                }
                else
                {
                    if (!r.Has("开始") || !r.Has("结束")) { ctx.Error(r, When, null, $"{kind}需要“时间”（整天）或“开始”和“结束”"); return null; }
                    var from = TimeOf(ctx, r, "开始");
                    var to = TimeOf(ctx, r, "结束");
                    if (from is not { } f || to is not { } e) return null;
                    start = f.At;
                    until = e.HasTime ? e.At : e.At.AddDays(1);
                    if (until <= start) { ctx.Error(r, "结束", r.Get<string>("结束"), "应晚于“开始”"); return null; }
                }
                if (who is not { } w) return null;
                return new ConsultantPresence { UnitId = w.Unit, StaffId = w.Staff, Status = status.Value, Start = start, Until = until, Month = Period.MonthKey(start) };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Refusals() => new()
    {
        Name = "refusals", Title = "拒接",
        Columns = [CustomerColumn(true), ConsultantColumn("拒绝接待的归属顾问（工号或姓名）"), TimeColumn(), UnitColumn(), C("原因", "reason", ColumnType.Text, false, "记录的原因"), NoteColumn()],
        Key = r => AttrKey(r, UnitCode, CustomerName, Consultant, When),
        Bulk = BulkSpec.Of<SalesRefusal>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                if (!NameFits(ctx, r, CustomerName) || who is not { } w || time is not { } t) return null;
                return new SalesRefusal
                {
                    UnitId = w.Unit, Customer = r.Get<string>(CustomerName)!, StaffId = w.Staff, At = t.At, HasTime = t.HasTime, Month = Period.MonthKey(t.At),
                    Reason = r.Get<string>("原因"),
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Deals() => new()
    {
        Name = "deals", Title = "成交",
        Columns =
        [
            CustomerColumn(true), ConsultantColumn("成交的置业顾问（工号或姓名）"), TimeColumn(), UnitColumn(),
            C("提成金额", "commission", ColumnType.Money, true, "该笔成交的提成（元，到分）"),
            C("成交金额", "sale_amount", ColumnType.Money, false, "计入业绩的成交金额（元）"),
            C("成交编号", "deal_code", ColumnType.Text, false, "案场内唯一；不写则为“客户 时间”"),
            NoteColumn(),
        ],
        Key = r => r.Get<string>("成交编号") is { } code ? AttrKey(r, UnitCode) + "|" + code : AttrKey(r, UnitCode, CustomerName, When),
        Bulk = BulkSpec.Of<SalesDeal>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                var commission = Fen(ctx, r, "提成金额");
                var sale = Fen(ctx, r, "成交金额");
                var fits = NameFits(ctx, r, CustomerName) & NameFits(ctx, r, "成交编号");
                if (!fits || who is not { } w || time is not { } t || commission is not { } c || (r.Has("成交金额") && sale is null)) return null;
                var customer = r.Get<string>(CustomerName)!;
                return new SalesDeal
                {
                    UnitId = w.Unit, Code = r.Get<string>("成交编号") ?? DealCode(customer, t.At, t.HasTime), Customer = customer, StaffId = w.Staff,
                    At = t.At, HasTime = t.HasTime, Month = Period.MonthKey(t.At), CommissionFen = c, SaleAmountFen = sale,
                };
            }, BulkSpec.MonthColumn),
    };

    /// <summary>The default number of a deal: “客户 时间” as <c>kaohe attribute</c> writes it.</summary>
    internal static string DealCode(string customer, DateTime at, bool hasTime) =>
        $"{customer} {(hasTime ? at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}";

    private static ImportKindSpec Decisions() => new()
    {
        Name = "decisions", Title = "主管裁定",
        Columns =
        [
            CustomerColumn(true), ConsultantColumn("裁定归属的置业顾问（工号或姓名）"), TimeColumn("裁定生效的时间"), UnitColumn(),
            C("原因", "reason", ColumnType.Text, true, "主管写明的理由"),
            C("成交编号", "deal_code", ColumnType.Text, false, "只裁定这一笔成交"),
            C("协助顾问", "assistant", ColumnType.Text, false, "分享该笔成交的协助顾问（工号或姓名）"),
            NoteColumn(),
        ],
        Key = r => AttrKey(r, UnitCode, CustomerName, "成交编号", When),
        Bulk = BulkSpec.Of<AttributionDecision>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                var assistant = r.Has("协助顾问") ? ConsultantOf(ctx, r, "协助顾问", who?.Unit) : null;
                var fits = NameFits(ctx, r, CustomerName) & NameFits(ctx, r, "成交编号");
                if (r.Get<string>("原因") is { Length: > 500 } long_) { ctx.Error(r, "原因", long_[..20] + "…", $"太长（{long_.Length} 个字，最多 500 个）"); return null; }
                if (!fits || who is not { } w || time is not { } t || (r.Has("协助顾问") && assistant is null)) return null;
                if (assistant?.Id == w.Staff) { ctx.Error(r, "协助顾问", r.Get<string>("协助顾问"), "协助顾问不能是裁定归属的顾问本人"); return null; }
                return new AttributionDecision
                {
                    UnitId = w.Unit, Customer = r.Get<string>(CustomerName)!, StaffId = w.Staff, At = t.At, HasTime = t.HasTime, Month = Period.MonthKey(t.At),
                    Reason = r.Get<string>("原因")!, DealCode = r.Get<string>("成交编号") ?? "", AssistantStaffId = assistant?.Id,
                    DecidedBy = "导入", RecordedAt = t.At,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Fines() => new()
    {
        Name = "fines", Title = "甩客罚款",
        Columns =
        [
            ConsultantColumn("被罚款的置业顾问（工号或姓名）"), TimeColumn(), C("罚款金额", "amount", ColumnType.Money, true, "元，在案场设置的罚款范围内（默认 100–500 元）"),
            UnitColumn(), CustomerColumn(false, "涉及的客户"), C("原因", "reason", ColumnType.Text, false, "经过"), NoteColumn(),
        ],
        Key = r => AttrKey(r, UnitCode, Consultant, When),
        Bulk = BulkSpec.Of<SalesFine>((ctx, r) =>
            {
                var who = UnitAndConsultant(ctx, r);
                var time = TimeOf(ctx, r, When);
                var amount = Fen(ctx, r, "罚款金额");
                if (!NameFits(ctx, r, CustomerName) || who is not { } w || time is not { } t || amount is not { } a) return null;
                var settings = AttributionSettingsStore.Cached(ctx.Db, w.Unit);
                if (a / 100m < settings.FineMin || a / 100m > settings.FineMax)
                {
                    ctx.Error(r, "罚款金额", a / 100m, $"不在案场规定的 {settings.FineMin:0.##}–{settings.FineMax:0.##} 元之间");
                    return null;
                }
                return new SalesFine
                {
                    UnitId = w.Unit, StaffId = w.Staff, At = t.At, HasTime = t.HasTime, Month = Period.MonthKey(t.At), AmountFen = a,
                    Customer = r.Get<string>(CustomerName), Reason = r.Get<string>("原因"),
                };
            }, BulkSpec.MonthColumn),
    };
}
