using System.Linq.Expressions;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Import;

/// <summary>An importable record kind: its columns, natural key and how rows become records.</summary>
public sealed class ImportKindSpec
{
    public required string Name { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<ImportColumn> Columns { get; init; }
    public required Func<ParsedRow, string> Key { get; init; }
    /// <summary>How the rows of a master kind (units, staff, customers, events) are checked and written, all at once.</summary>
    public Func<ImportContext, List<ParsedRow>, IProgress<ImportProgress>?, CancellationToken, ApplyOutcome>? Apply { get; init; }
    /// <summary>How a row of a record kind becomes its record; these are streamed through <see cref="BulkStage"/>.</summary>
    public BulkSpec? Bulk { get; init; }
}

/// <summary>
/// A record kind written set-based: <paramref name="Build"/> makes the record of a row (or reports why not, returning
/// null); <paramref name="MonthSql"/> is the SQL of the record's month over a table alias <c>{0}</c>, checked against
/// the closed periods (null: not tied to a month).
/// </summary>
public sealed record BulkSpec(Type Entity, Func<ImportContext, ParsedRow, object?> Build, string? MonthSql)
{
    /// <summary>The record's <c>Month</c> column.</summary>
    public const string MonthColumn = "{0}.\"Month\"";
    /// <summary>A target's month when it is a monthly target (quarterly and yearly targets are not tied to one month).</summary>
    public const string TargetMonth = "CASE WHEN {0}.\"FirstMonth\" = {0}.\"LastMonth\" THEN {0}.\"FirstMonth\" END";

    /// <summary>A kind whose rows become records of type <typeparamref name="T"/>.</summary>
    public static BulkSpec Of<T>(Func<ImportContext, ParsedRow, T?> build, string? monthSql) where T : class =>
        new(typeof(T), (ctx, row) => build(ctx, row), monthSql);
}

/// <summary>The record kinds of the customer base that can be imported (docs/data-import.md).</summary>
public static partial class ImportKinds
{
    private static ImportColumn C(string name, string alias, ColumnType type, bool required, string description, params string[] more) =>
        new(name, [alias, .. more], type, required, description);

    private const string UnitCode = "单位编码";
    private const string StaffNo = "工号";
    private const string CustomerCode = "客户编号";

    /// <summary>Every kind, in the order a new company imports them.</summary>
    public static IReadOnlyList<ImportKindSpec> All => Catalog.Value;

    // Lazy: the kinds use the word tables below, which static initialisation would reach only later.
    private static readonly Lazy<IReadOnlyList<ImportKindSpec>> Catalog = new(() =>
    [
        Units(), StaffKind(), Customers(), Events(), Complaints(), Visits(), Sales(), Collections(), Targets(),
        Touchpoints(), Surveys(), Tasks(), Calls(), Expenses(), Actuals(),
        .. AttributionKinds(),
    ]);

    /// <summary>A kind by its name or Chinese title.</summary>
    public static ImportKindSpec? Find(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase) || k.Title == name);

    // ------------------------------------------------------------------ generic upsert

    /// <summary>
    /// Upserts rows in batches: <paramref name="build"/> makes the record of a row (or reports why not), the
    /// existing records of the batch are loaded by natural key, a new record is added, a changed one updated and an
    /// identical one left alone. A dated record in a closed month (new or old date) is an error.
    /// </summary>
    private static ApplyOutcome Upsert<T>(ImportContext ctx, List<ParsedRow> rows, IProgress<ImportProgress>? progress, CancellationToken cancel,
        Func<ParsedRow, T?> build, Func<T, string> key, Func<List<string>, Expression<Func<T, bool>>> byKeys, Func<T, int?>? month = null,
        Action<T, T>? merge = null) where T : class
    {
        var db = ctx.Db;
        int inserted = 0, updated = 0, unchanged = 0;
        const int batch = 2000;
        progress?.Report(new ImportProgress("写入", 0, 0, 0, rows.Count));
        for (var start = 0; start < rows.Count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            var slice = rows.Skip(start).Take(batch).ToList();
            var built = slice.Select(r => (Row: r, Entity: build(r))).Where(x => x.Entity is not null).ToList();
            var keys = built.Select(x => key(x.Entity!)).ToList();
            var existing = keys.Count == 0 ? [] : db.Set<T>().Where(byKeys(keys)).ToList().ToDictionary(key);
            foreach (var (row, entity) in built)
            {
                existing.TryGetValue(key(entity!), out var old);
                if (old is null)
                {
                    if (month?.Invoke(entity!) is { } m && !ctx.CheckOpen(row, null!, m, key(entity!))) continue;
                    db.Set<T>().Add(entity!);
                    inserted++;
                    continue;
                }
                var oldMonth = month?.Invoke(old);
                merge?.Invoke(old, entity!);
                var entry = db.Entry(old);
                var values = db.Entry(entity!).CurrentValues.Clone();
                var pk = entry.Metadata.FindPrimaryKey()!.Properties[0].Name;
                values[pk] = entry.Property(pk).CurrentValue;
                entry.CurrentValues.SetValues(values);
                entry.DetectChanges();
                if (entry.State != EntityState.Modified)
                {
                    unchanged++;
                    continue;
                }
                // Changing a record of a closed month, or moving one into a closed month, would change frozen metrics.
                if (oldMonth is { } om && !ctx.CheckOpen(row, null!, om, key(entity!))) continue;
                if (month?.Invoke(entity!) is { } nm && nm != oldMonth && !ctx.CheckOpen(row, null!, nm, key(entity!))) continue;
                updated++;
            }
            if (ctx.Errors.Count > 0) return default;
            db.SaveChanges();
            db.ChangeTracker.Clear();
            progress?.Report(new ImportProgress("写入", Math.Min(rows.Count, start + batch), 0, 0, rows.Count));
        }
        return new ApplyOutcome(inserted, updated, unchanged);
    }

    private static int? UnitOrStaffUnit(ImportContext ctx, ParsedRow row, (int Id, int UnitId)? staff, string unitColumn = UnitCode) =>
        ctx.Unit(row, unitColumn) ?? staff?.UnitId;

    // ------------------------------------------------------------------ kinds

    private static readonly Dictionary<string, UnitKind> UnitKindWords = new()
    {
        ["公司"] = UnitKind.Company, ["company"] = UnitKind.Company,
        ["部门"] = UnitKind.Department, ["department"] = UnitKind.Department,
        ["办事处"] = UnitKind.Office, ["office"] = UnitKind.Office,
        ["小组"] = UnitKind.Team, ["班组"] = UnitKind.Team, ["team"] = UnitKind.Team,
        ["区域"] = UnitKind.Region, ["region"] = UnitKind.Region,
        ["职能"] = UnitKind.Function, ["function"] = UnitKind.Function,
        ["项目"] = UnitKind.Project, ["project"] = UnitKind.Project,
    };

    private static ImportKindSpec Units() => new()
    {
        Name = "units", Title = "组织",
        Columns =
        [
            C(UnitCode, "unit_code", ColumnType.Text, true, "单位的唯一编码", "code"),
            C("单位名称", "name", ColumnType.Text, true, "名称"),
            C("类型", "kind", ColumnType.Text, true, "公司 / 部门 / 办事处 / 小组 / 区域 / 职能 / 项目"),
            C("上级编码", "parent_code", ColumnType.Text, false, "上级单位的编码；公司留空"),
        ],
        Key = r => r.Get<string>(UnitCode)!,
        Apply = (ctx, rows, progress, cancel) =>
        {
            // Parents may come later in the file: insert every unit first, then set the parents.
            var fileCodes = rows.Select(r => r.Get<string>(UnitCode)!).ToHashSet();
            foreach (var r in rows)
            {
                cancel.ThrowIfCancellationRequested();
                if (!UnitKindWords.ContainsKey(r.Get<string>("类型")!.ToLowerInvariant()))
                    ctx.Error(r, "类型", r.Get<string>("类型"), "应为 公司 / 部门 / 办事处 / 小组 / 区域 / 职能 / 项目");
                if (r.Get<string>("上级编码") is { } p && !fileCodes.Contains(p) && !ctx.Units.ContainsKey(p))
                    ctx.Error(r, "上级编码", p, "未知的上级单位编码");
                if (r.Get<string>("上级编码") == r.Get<string>(UnitCode))
                    ctx.Error(r, "上级编码", r.Get<string>("上级编码"), "上级不能是自己");
            }
            if (ctx.Errors.Count > 0) return default;
            var outcome = Upsert(ctx, rows, progress, cancel,
                r => new OrgUnit
                {
                    Code = r.Get<string>(UnitCode)!, Name = r.Get<string>("单位名称")!,
                    Kind = UnitKindWords[r.Get<string>("类型")!.ToLowerInvariant()],
                    ParentId = r.Get<string>("上级编码") is { } p && ctx.Units.TryGetValue(p, out var pid) ? pid : null,
                },
                u => u.Code, keys => u => keys.Contains(u.Code));
            if (ctx.Errors.Count > 0) return default;
            ctx.Invalidate();
            // Second pass: parents that were new in this file.
            var changedParents = 0;
            foreach (var r in rows)
            {
                cancel.ThrowIfCancellationRequested();
                var unit = ctx.Db.Units.Single(u => u.Code == r.Get<string>(UnitCode));
                int? parent = r.Get<string>("上级编码") is { } p ? ctx.Units[p] : null;
                if (unit.ParentId != parent) { unit.ParentId = parent; changedParents++; }
            }
            ctx.Db.ChangeTracker.DetectChanges();
            ctx.Db.SaveChanges();
            try
            {
                UnitTree.RebuildClosure(ctx.Db);
            }
            catch (InvalidOperationException e)
            {
                ctx.Errors.Add(new ImportError(1, "上级编码", null, e.Message));
                return default;
            }
            ctx.Invalidate();
            return outcome;
        },
    };

    private static ImportKindSpec StaffKind() => new()
    {
        Name = "staff", Title = "员工",
        Columns =
        [
            C(StaffNo, "employee_no", ColumnType.Text, true, "员工唯一编号"),
            C("姓名", "name", ColumnType.Text, true, "姓名"),
            C(UnitCode, "unit_code", ColumnType.Text, true, "所属单位编码"),
            C("岗位", "role", ColumnType.Text, true, "如 客户经理、办事处主任"),
            C("上级工号", "supervisor_no", ColumnType.Text, false, "直接上级的工号"),
            C("入职日期", "hired_on", ColumnType.Date, false, "2026-01-05"),
            C("离职日期", "left_on", ColumnType.Date, false, "在职留空"),
        ],
        Key = r => r.Get<string>(StaffNo)!,
        Apply = (ctx, rows, progress, cancel) =>
        {
            var fileNos = rows.Select(r => r.Get<string>(StaffNo)!).ToHashSet();
            foreach (var r in rows)
            {
                cancel.ThrowIfCancellationRequested();
                ctx.Unit(r, UnitCode);
                if (r.Get<string>("上级工号") is { } s && !fileNos.Contains(s) && !ctx.Staff.ContainsKey(s))
                    ctx.Error(r, "上级工号", s, "未知的上级工号");
            }
            if (ctx.Errors.Count > 0) return default;
            var outcome = Upsert(ctx, rows, progress, cancel,
                r => new Staff
                {
                    EmployeeNo = r.Get<string>(StaffNo)!, Name = r.Get<string>("姓名")!, UnitId = ctx.Units[r.Get<string>(UnitCode)!],
                    Role = r.Get<string>("岗位")!, HiredOn = r.Has("入职日期") ? r.Get<DateOnly>("入职日期") : null,
                    LeftOn = r.Has("离职日期") ? r.Get<DateOnly>("离职日期") : null,
                    SupervisorId = r.Get<string>("上级工号") is { } sv && ctx.Staff.TryGetValue(sv, out var sid) ? sid.Id : null,
                },
                s => s.EmployeeNo, keys => s => keys.Contains(s.EmployeeNo));
            if (ctx.Errors.Count > 0) return default;
            ctx.Invalidate();
            foreach (var r in rows.Where(r => r.Has("上级工号")))
            {
                cancel.ThrowIfCancellationRequested();
                var s = ctx.Db.Staff.Single(x => x.EmployeeNo == r.Get<string>(StaffNo));
                var sup = ctx.Staff[r.Get<string>("上级工号")!].Id;
                if (sup == s.Id) { ctx.Error(r, "上级工号", r.Get<string>("上级工号"), "上级不能是自己"); continue; }
                s.SupervisorId = sup;
            }
            ctx.Db.ChangeTracker.DetectChanges();
            ctx.Db.SaveChanges();
            ctx.Invalidate();
            return outcome;
        },
    };

    private static ImportKindSpec Customers() => new()
    {
        Name = "customers", Title = "客户",
        Columns =
        [
            C(CustomerCode, "customer_code", ColumnType.Text, true, "客户唯一编号", "code"),
            C("客户名称", "name", ColumnType.Text, true, "名称"),
            C("客户类别", "class", ColumnType.Text, true, "A / B / C / 大客户 / 集团 …"),
            C("客户经理工号", "owner_no", ColumnType.Text, false, "负责的客户经理；不写则需写单位编码"),
            C(UnitCode, "unit_code", ColumnType.Text, false, "归属单位；不写取客户经理的单位"),
            C("开发日期", "acquired_on", ColumnType.Date, true, "成为客户的日期"),
        ],
        Key = r => r.Get<string>(CustomerCode)!,
        Apply = (ctx, rows, progress, cancel) =>
        {
            var outcome = Upsert(ctx, rows, progress, cancel,
                r =>
                {
                    var owner = ctx.StaffOf(r, "客户经理工号");
                    var unit = UnitOrStaffUnit(ctx, r, owner);
                    if (unit is null)
                    {
                        if (!r.Has("客户经理工号") && !r.Has(UnitCode)) ctx.Error(r, UnitCode, null, "客户经理工号与单位编码至少写一个");
                        return null;
                    }
                    var customer = new Customer
                    {
                        Code = r.Get<string>(CustomerCode)!, Name = r.Get<string>("客户名称")!, Class = r.Get<string>("客户类别")!,
                        OwnerStaffId = owner?.Id, OwnerUnitId = unit.Value, AcquiredOn = r.Get<DateOnly>("开发日期"),
                    };
                    // An existing customer changes hands only through a 转移 event (which keeps the history). The file
                    // may name the current owner or the one who acquired the customer (the same file imported again).
                    if (ctx.Customers.TryGetValue(customer.Code, out var current)
                        && (current.StaffId != customer.OwnerStaffId || current.UnitId != customer.OwnerUnitId))
                    {
                        if (ctx.AcquiredBy.TryGetValue(current.Id, out var first) && first == customer.OwnerStaffId)
                        {
                            customer.OwnerStaffId = current.StaffId;
                            customer.OwnerUnitId = current.UnitId;
                        }
                        else
                        {
                            ctx.Error(r, "客户经理工号", r.Get<string>("客户经理工号"), "与客户当前的客户经理不同：更换客户经理请导入客户事件“转移”（保留历史）");
                            return null;
                        }
                    }
                    return customer;
                },
                c => c.Code, keys => c => keys.Contains(c.Code), c => Period.MonthKey(c.AcquiredOn),
                // Whether the customer is lost is the events' business, not the customer file's.
                merge: (old, now) => now.LostOn = old.LostOn);
            if (ctx.Errors.Count > 0) return default;
            ctx.Invalidate();
            // The acquisition event mirrors the customer's acquired date, owner and unit.
            var codes = rows.Select(r => r.Get<string>(CustomerCode)!).ToList();
            foreach (var chunk in codes.Chunk(2000))
            {
                cancel.ThrowIfCancellationRequested();
                var customers = ctx.Db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Code)).ToList();
                var ids = customers.Select(c => c.Id).ToList();
                var events = ctx.Db.CustomerEvents.Where(e => ids.Contains(e.CustomerId) && e.Kind == CustomerEventKind.Acquired).ToDictionary(e => e.CustomerId);
                foreach (var c in customers)
                {
                    var month = Period.MonthKey(c.AcquiredOn);
                    if (!events.TryGetValue(c.Id, out var e))
                        ctx.Db.CustomerEvents.Add(new CustomerEvent { CustomerId = c.Id, Kind = CustomerEventKind.Acquired, OccurredOn = c.AcquiredOn, Month = month, UnitId = c.OwnerUnitId, StaffId = c.OwnerStaffId });
                    else if (e.OccurredOn != c.AcquiredOn)
                    {
                        e.OccurredOn = c.AcquiredOn;
                        e.Month = month;
                    }
                }
                ctx.Db.ChangeTracker.DetectChanges();
                ctx.Db.SaveChanges();
                ctx.Db.ChangeTracker.Clear();
            }
            return outcome;
        },
    };

    private static readonly Dictionary<string, CustomerEventKind> EventWords = new()
    {
        ["开发"] = CustomerEventKind.Acquired, ["新增"] = CustomerEventKind.Acquired, ["acquired"] = CustomerEventKind.Acquired,
        ["流失"] = CustomerEventKind.Lost, ["lost"] = CustomerEventKind.Lost,
        ["挽回"] = CustomerEventKind.Recovered, ["recovered"] = CustomerEventKind.Recovered,
        ["转移"] = CustomerEventKind.Transferred, ["移交"] = CustomerEventKind.Transferred, ["transferred"] = CustomerEventKind.Transferred,
    };

    private static ImportKindSpec Events() => new()
    {
        Name = "customer-events", Title = "客户事件",
        Columns =
        [
            C(CustomerCode, "customer_code", ColumnType.Text, true, "客户编号"),
            C("事件", "kind", ColumnType.Text, true, "流失 / 挽回 / 转移（开发由客户导入生成）"),
            C("日期", "date", ColumnType.Date, true, "发生日期"),
            C(StaffNo, "staff_no", ColumnType.Text, false, "转移：接手的客户经理；流失/挽回：负责人（默认当前客户经理）"),
            C(UnitCode, "unit_code", ColumnType.Text, false, "转移：接手单位（默认接手人的单位）"),
            C("原因", "reason", ColumnType.Text, false, "流失原因等"),
        ],
        Key = r => r.Get<string>(CustomerCode) + "|" + r.Get<string>("事件") + "|" + r.Get<DateOnly>("日期").ToString("yyyy-MM-dd"),
        Apply = (ctx, rows, progress, cancel) =>
        {
            // Replay each customer's events in date order over its current history, checking the sequence.
            var built = new List<(ParsedRow Row, CustomerEvent Event)>();
            foreach (var r in rows.OrderBy(r => r.Get<DateOnly>("日期")).ThenBy(r => r.Row))
            {
                cancel.ThrowIfCancellationRequested();
                if (!EventWords.TryGetValue(r.Get<string>("事件")!.ToLowerInvariant(), out var kind))
                {
                    ctx.Error(r, "事件", r.Get<string>("事件"), "应为 流失 / 挽回 / 转移");
                    continue;
                }
                if (kind == CustomerEventKind.Acquired)
                {
                    ctx.Error(r, "事件", r.Get<string>("事件"), "开发事件由客户导入（开发日期）生成，请在客户文件中修改");
                    continue;
                }
                var customer = ctx.CustomerOf(r, CustomerCode);
                var staff = ctx.StaffOf(r, StaffNo);
                var unit = ctx.Unit(r, UnitCode);
                if (customer is null || (r.Has(StaffNo) && staff is null) || (r.Has(UnitCode) && unit is null)) continue;
                var date = r.Get<DateOnly>("日期");
                built.Add((r, new CustomerEvent
                {
                    CustomerId = customer.Value.Id, Kind = kind, OccurredOn = date, Month = Period.MonthKey(date), Reason = r.Get<string>("原因"),
                    StaffId = staff?.Id, UnitId = unit ?? staff?.UnitId ?? 0,
                }));
            }
            // Rows with bad words or references were reported above; the sequence of the others is still checked.
            int inserted = 0, unchanged = 0, updated = 0;
            foreach (var group in built.GroupBy(b => b.Event.CustomerId))
            {
                cancel.ThrowIfCancellationRequested();
                var customer = ctx.Db.Customers.Single(c => c.Id == group.Key);
                var history = ctx.Db.CustomerEvents.Where(e => e.CustomerId == group.Key).ToList();
                foreach (var (row, ev) in group)
                {
                    var same = history.FirstOrDefault(e => e.Kind == ev.Kind && e.OccurredOn == ev.OccurredOn);
                    if (same is not null)
                    {
                        if (same.Reason != ev.Reason) { same.Reason = ev.Reason; updated++; } else unchanged++;
                        continue;
                    }
                    if (!ctx.CheckOpen(row, "日期", ev.Month, ev.OccurredOn)) continue;
                    // State just before this event: owner and lost flag after every earlier event.
                    var earlier = history.Where(e => e.OccurredOn <= ev.OccurredOn).OrderBy(e => e.OccurredOn).ThenBy(e => e.Kind).ToList();
                    if (earlier.Count == 0 || earlier[0].Kind != CustomerEventKind.Acquired)
                    {
                        ctx.Error(row, "日期", ev.OccurredOn, $"早于客户的开发日期 {customer.AcquiredOn:yyyy-MM-dd}");
                        continue;
                    }
                    var lost = false;
                    var unit = earlier[0].UnitId;
                    int? staff = earlier[0].StaffId;
                    foreach (var e in earlier)
                    {
                        if (e.Kind == CustomerEventKind.Lost) lost = true;
                        else if (e.Kind == CustomerEventKind.Recovered) lost = false;
                        else if (e.Kind == CustomerEventKind.Transferred) { unit = e.UnitId; staff = e.StaffId; }
                    }
                    switch (ev.Kind)
                    {
                        case CustomerEventKind.Lost when lost:
                            ctx.Error(row, "事件", "流失", "客户此时已是流失状态（两次流失之间应有挽回）");
                            continue;
                        case CustomerEventKind.Recovered when !lost:
                            ctx.Error(row, "事件", "挽回", "客户此时不是流失状态，不能挽回");
                            continue;
                        case CustomerEventKind.Transferred when lost:
                            ctx.Error(row, "事件", "转移", "已流失的客户不能转移");
                            continue;
                        case CustomerEventKind.Transferred when ev.StaffId is null && !row.Has(UnitCode):
                            ctx.Error(row, StaffNo, null, "转移须写接手的工号或单位编码");
                            continue;
                        case CustomerEventKind.Transferred:
                            ev.FromUnitId = unit;
                            ev.FromStaffId = staff;
                            break;
                        default:
                            ev.StaffId ??= staff;
                            if (ev.UnitId == 0 || !row.Has(UnitCode)) ev.UnitId = unit;
                            break;
                    }
                    if (history.Any(e => e.OccurredOn > ev.OccurredOn))
                    {
                        ctx.Error(row, "日期", ev.OccurredOn, "该客户已有更晚的事件；请按时间顺序导入");
                        continue;
                    }
                    ctx.Db.CustomerEvents.Add(ev);
                    history.Add(ev);
                    inserted++;
                    if (ev.Kind == CustomerEventKind.Lost) customer.LostOn = ev.OccurredOn;
                    else if (ev.Kind == CustomerEventKind.Recovered) customer.LostOn = null;
                    else { customer.OwnerUnitId = ev.UnitId; customer.OwnerStaffId = ev.StaffId; }
                }
            }
            if (ctx.Errors.Count > 0) return default;
            ctx.Db.ChangeTracker.DetectChanges();
            ctx.Db.SaveChanges();
            return new ApplyOutcome(inserted, updated, unchanged);
        },
    };

    private static ImportKindSpec Complaints() => new()
    {
        Name = "complaints", Title = "投诉",
        Columns =
        [
            C("投诉编号", "code", ColumnType.Text, true, "唯一编号"),
            C(CustomerCode, "customer_code", ColumnType.Text, false, "投诉的客户"),
            C("处理人工号", "handler_no", ColumnType.Text, false, "处理人"),
            C(UnitCode, "unit_code", ColumnType.Text, false, "计入的单位；不写取处理人的单位，再不写取客户的归属单位"),
            C("受理时间", "received_at", ColumnType.DateTime, true, "2026-10-05 09:30"),
            C("响应时间", "responded_at", ColumnType.DateTime, false, ""),
            C("解决时间", "resolved_at", ColumnType.DateTime, false, "未解决留空"),
            C("渠道", "channel", ColumnType.Text, false, "电话、上门 …"),
            C("类别", "category", ColumnType.Text, false, ""),
            C("处理结果", "outcome", ColumnType.Text, false, ""),
            C("客户是否满意", "satisfied", ColumnType.Boolean, false, "是 / 否（已解决的投诉）"),
            C("满意度评分", "score", ColumnType.Quantity, false, "客户打分"),
        ],
        Key = r => r.Get<string>("投诉编号")!,
        Bulk = BulkSpec.Of<Complaint>((ctx, r) =>
            {
                var customer = ctx.CustomerOf(r, CustomerCode);
                var handler = ctx.StaffOf(r, "处理人工号");
                var unit = ctx.Unit(r, UnitCode) ?? handler?.UnitId ?? customer?.UnitId;
                if (unit is null)
                {
                    if (!r.Has(UnitCode) && !r.Has("处理人工号") && !r.Has(CustomerCode)) ctx.Error(r, UnitCode, null, "单位编码、处理人工号、客户编号至少写一个");
                    return null;
                }
                var received = r.Get<DateTime>("受理时间");
                DateTime? resolved = r.Has("解决时间") ? r.Get<DateTime>("解决时间") : null;
                if (resolved < received) { ctx.Error(r, "解决时间", resolved, "早于受理时间"); return null; }
                if (r.Has("客户是否满意") && resolved is null) { ctx.Error(r, "客户是否满意", r.Get<bool>("客户是否满意") ? "是" : "否", "未解决的投诉不能填满意与否"); return null; }
                return new Complaint
                {
                    Code = r.Get<string>("投诉编号")!, CustomerId = customer?.Id, HandlerStaffId = handler?.Id, UnitId = unit.Value,
                    ReceivedAt = received, Month = Period.MonthKey(received), RespondedAt = r.Has("响应时间") ? r.Get<DateTime>("响应时间") : null,
                    ResolvedAt = resolved, ResolvedMonth = resolved is { } x ? Period.MonthKey(x) : null,
                    ResolutionMinutes = resolved is { } y ? (long)(y - received).TotalMinutes : null,
                    Channel = r.Get<string>("渠道"), Category = r.Get<string>("类别"), Outcome = r.Get<string>("处理结果"),
                    Satisfied = r.Has("客户是否满意") ? r.Get<bool>("客户是否满意") : null, Score = r.Has("满意度评分") ? r.Get<long>("满意度评分") : null,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Visits() => new()
    {
        Name = "visits", Title = "拜访回访",
        Columns =
        [
            C("记录编号", "code", ColumnType.Text, true, "唯一编号"),
            C(CustomerCode, "customer_code", ColumnType.Text, true, ""),
            C(StaffNo, "staff_no", ColumnType.Text, true, "拜访/回访的员工"),
            C("类型", "kind", ColumnType.Text, true, "拜访 / 回访 / 电话回访（含“回访”即为回访）"),
            C("是否计划内", "planned", ColumnType.Boolean, false, "默认：有计划日期即为计划内"),
            C("计划日期", "planned_on", ColumnType.Date, false, ""),
            C("完成日期", "done_on", ColumnType.Date, false, "未完成留空"),
            C("是否成功", "success", ColumnType.Boolean, false, ""),
            C("第几次", "attempt", ColumnType.Integer, false, "第 1/2/3 次回访"),
        ],
        Key = r => r.Get<string>("记录编号")!,
        Bulk = BulkSpec.Of<Visit>((ctx, r) =>
            {
                var customer = ctx.CustomerOf(r, CustomerCode);
                var staff = ctx.StaffOf(r, StaffNo);
                if (customer is null || staff is null) return null;
                DateOnly? planned = r.Has("计划日期") ? r.Get<DateOnly>("计划日期") : null;
                DateOnly? done = r.Has("完成日期") ? r.Get<DateOnly>("完成日期") : null;
                var date = done ?? planned;
                if (date is null) { ctx.Error(r, "计划日期", null, "计划日期与完成日期至少写一个"); return null; }
                var kind = r.Get<string>("类型")!;
                return new Visit
                {
                    Code = r.Get<string>("记录编号")!, CustomerId = customer.Value.Id, StaffId = staff.Value.Id, UnitId = staff.Value.UnitId,
                    Kind = kind, IsFollowUp = kind.Contains("回访"), Planned = r.Has("是否计划内") ? r.Get<bool>("是否计划内") : planned is not null,
                    PlannedOn = planned, DoneOn = done, Month = Period.MonthKey(date.Value),
                    Success = r.Has("是否成功") ? r.Get<bool>("是否成功") : null, Attempt = r.Has("第几次") ? r.Get<int>("第几次") : null,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Sales() => new()
    {
        Name = "sales", Title = "销售",
        Columns =
        [
            C("订单编号", "code", ColumnType.Text, true, "唯一编号"),
            C(CustomerCode, "customer_code", ColumnType.Text, true, ""),
            C(StaffNo, "staff_no", ColumnType.Text, false, "销售员"),
            C(UnitCode, "unit_code", ColumnType.Text, false, "不写取销售员的单位，再不写取客户的归属单位"),
            C("日期", "date", ColumnType.Date, true, ""),
            C("金额", "amount", ColumnType.Money, true, "元，最多两位小数；可写 12万"),
            C("产品类型", "product_type", ColumnType.Text, false, ""),
        ],
        Key = r => r.Get<string>("订单编号")!,
        Bulk = BulkSpec.Of<Sale>((ctx, r) =>
            {
                var customer = ctx.CustomerOf(r, CustomerCode);
                var staff = ctx.StaffOf(r, StaffNo);
                var unit = ctx.Unit(r, UnitCode) ?? staff?.UnitId ?? customer?.UnitId;
                if (customer is null || unit is null || (r.Has(StaffNo) && staff is null)) return null;
                var date = r.Get<DateOnly>("日期");
                return new Sale
                {
                    Code = r.Get<string>("订单编号")!, CustomerId = customer.Value.Id, StaffId = staff?.Id, UnitId = unit.Value,
                    Date = date, Month = Period.MonthKey(date), AmountFen = r.Get<long>("金额"), ProductType = r.Get<string>("产品类型"),
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Collections() => new()
    {
        Name = "collections", Title = "回款",
        Columns =
        [
            C("回款编号", "code", ColumnType.Text, true, "唯一编号"),
            C(CustomerCode, "customer_code", ColumnType.Text, true, ""),
            C("订单编号", "sale_code", ColumnType.Text, false, ""),
            C(StaffNo, "staff_no", ColumnType.Text, false, ""),
            C(UnitCode, "unit_code", ColumnType.Text, false, ""),
            C("日期", "date", ColumnType.Date, true, "回款日期"),
            C("金额", "amount", ColumnType.Money, true, "元"),
            C("应收日期", "due_on", ColumnType.Date, false, "合同约定的回款日期"),
        ],
        Key = r => r.Get<string>("回款编号")!,
        Bulk = BulkSpec.Of<Collection>((ctx, r) =>
            {
                var customer = ctx.CustomerOf(r, CustomerCode);
                var staff = ctx.StaffOf(r, StaffNo);
                var unit = ctx.Unit(r, UnitCode) ?? staff?.UnitId ?? customer?.UnitId;
                if (customer is null || unit is null || (r.Has(StaffNo) && staff is null)) return null;
                var date = r.Get<DateOnly>("日期");
                return new Collection
                {
                    Code = r.Get<string>("回款编号")!, CustomerId = customer.Value.Id, SaleCode = r.Get<string>("订单编号"), StaffId = staff?.Id,
                    UnitId = unit.Value, Date = date, Month = Period.MonthKey(date), AmountFen = r.Get<long>("金额"),
                    DueOn = r.Has("应收日期") ? r.Get<DateOnly>("应收日期") : null,
                };
            }, BulkSpec.MonthColumn),
    };

    private static (string Key, int? Unit, int? Staff)? Scope(ImportContext ctx, ParsedRow r)
    {
        if (r.Has(UnitCode) == r.Has(StaffNo))
        {
            ctx.Error(r, UnitCode, null, "单位编码与工号须写且只写一个");
            return null;
        }
        if (r.Has(StaffNo))
            return ctx.StaffOf(r, StaffNo) is { } s ? ("S:" + r.Get<string>(StaffNo), s.UnitId, s.Id) : null;
        return ctx.Unit(r, UnitCode) is { } u ? ("U:" + r.Get<string>(UnitCode), u, null) : null;
    }

    private static ImportKindSpec Targets() => new()
    {
        Name = "targets", Title = "目标",
        Columns =
        [
            C(UnitCode, "unit_code", ColumnType.Text, false, "单位的目标（与工号二选一）"),
            C(StaffNo, "staff_no", ColumnType.Text, false, "个人的目标"),
            C("期间", "period", ColumnType.Period, true, "2026-10 / 2026-Q4 / 2026；指标按月汇总，季度、年度目标请按月填写"),
            C("指标", "metric", ColumnType.Text, true, $"{MetricWords.SalesTarget}、{MetricWords.ServiceBudget}、{MetricWords.DepartmentBudget}、{MetricWords.Target4G} 等"),
            C("目标值", "value", ColumnType.Quantity, true, "最多四位小数；金额单位为元"),
            C("基数", "base", ColumnType.Quantity, false, ""),
            C("权重", "weight", ColumnType.Quantity, false, ""),
        ],
        Key = r => (r.Get<string>(UnitCode) is { } u ? "U:" + u : "S:" + r.Get<string>(StaffNo)) + "|" + r.Get<Period>("期间") + "|" + r.Get<string>("指标"),
        Bulk = BulkSpec.Of<Target>((ctx, r) =>
            {
                if (Scope(ctx, r) is not { } scope) return null;
                var p = r.Get<Period>("期间");
                return new Target
                {
                    ScopeKey = scope.Key, UnitId = scope.Staff is null ? scope.Unit : null, StaffId = scope.Staff, Period = p.ToString(),
                    FirstMonth = p.FirstMonth, LastMonth = p.LastMonth, Metric = r.Get<string>("指标")!, Value = r.Get<long>("目标值"),
                    BaseValue = r.Has("基数") ? r.Get<long>("基数") : null, Weight = r.Has("权重") ? r.Get<long>("权重") : null,
                };
            }, BulkSpec.TargetMonth),
    };

    private static ImportKindSpec Touchpoints() => new()
    {
        Name = "touchpoints", Title = "触点检查",
        Columns =
        [
            C(UnitCode, "unit_code", ColumnType.Text, true, ""),
            C("季度", "quarter", ColumnType.Period, true, "2026-Q3"),
            C("检查项数", "items_applicable", ColumnType.Integer, true, "适用的检查项"),
            C("合格项数", "items_passed", ColumnType.Integer, true, ""),
            C("自查提交日期", "submitted_on", ColumnType.Date, false, ""),
        ],
        Key = r => r.Get<string>(UnitCode) + "|" + r.Get<Period>("季度"),
        Bulk = BulkSpec.Of<TouchpointCheck>((ctx, r) =>
            {
                var q = r.Get<Period>("季度");
                if (q.Kind != PeriodKind.Quarter) { ctx.Error(r, "季度", q, "应为季度，例如 2026-Q3"); return null; }
                if (r.Get<int>("合格项数") > r.Get<int>("检查项数")) { ctx.Error(r, "合格项数", r.Get<int>("合格项数"), "大于检查项数"); return null; }
                if (ctx.Unit(r, UnitCode) is not { } unit) return null;
                return new TouchpointCheck
                {
                    UnitId = unit, Quarter = q.ToString(), Month = q.FirstMonth, ItemsApplicable = r.Get<int>("检查项数"),
                    ItemsPassed = r.Get<int>("合格项数"), SubmittedOn = r.Has("自查提交日期") ? r.Get<DateOnly>("自查提交日期") : null,
                };
            }, null),
    };

    private static ImportKindSpec Surveys() => new()
    {
        Name = "surveys", Title = "满意度调查",
        Columns =
        [
            C("问卷编号", "code", ColumnType.Text, true, ""),
            C("类型", "kind", ColumnType.Text, true, $"{MetricWords.CustomerSatisfaction} / {MetricWords.DepartmentSatisfaction}"),
            C(CustomerCode, "customer_code", ColumnType.Text, false, "受访客户"),
            C(UnitCode, "unit_code", ColumnType.Text, false, "被评价的单位（不写取工号的单位）"),
            C(StaffNo, "staff_no", ColumnType.Text, false, "被评价的员工"),
            C("答卷人", "respondent", ColumnType.Text, false, ""),
            C("日期", "date", ColumnType.Date, true, ""),
            C("评分", "score", ColumnType.Quantity, true, "分数"),
        ],
        Key = r => r.Get<string>("问卷编号")!,
        Bulk = BulkSpec.Of<Survey>((ctx, r) =>
            {
                var kind = r.Get<string>("类型")!;
                if (kind != MetricWords.CustomerSatisfaction && kind != MetricWords.DepartmentSatisfaction)
                { ctx.Error(r, "类型", kind, $"应为 {MetricWords.CustomerSatisfaction} 或 {MetricWords.DepartmentSatisfaction}"); return null; }
                var customer = ctx.CustomerOf(r, CustomerCode);
                var staff = ctx.StaffOf(r, StaffNo);
                var unit = ctx.Unit(r, UnitCode) ?? staff?.UnitId ?? customer?.UnitId;
                if (unit is null) { if (!r.Has(UnitCode) && !r.Has(StaffNo) && !r.Has(CustomerCode)) ctx.Error(r, UnitCode, null, "被评价的单位或员工至少写一个"); return null; }
                var date = r.Get<DateOnly>("日期");
                return new Survey
                {
                    Code = r.Get<string>("问卷编号")!, Kind = kind, CustomerId = customer?.Id, UnitId = unit.Value, StaffId = staff?.Id,
                    Respondent = r.Get<string>("答卷人"), Date = date, Month = Period.MonthKey(date), Score = r.Get<long>("评分"),
                };
            }, BulkSpec.MonthColumn),
    };

    private static readonly string[] TaskKinds = [MetricWords.Feedback, MetricWords.InfoTransfer, MetricWords.SurveyTask, MetricWords.Improvement, MetricWords.BusinessVolume];

    private static ImportKindSpec Tasks() => new()
    {
        Name = "tasks", Title = "服务事项",
        Columns =
        [
            C("事项编号", "code", ColumnType.Text, true, ""),
            C("类型", "kind", ColumnType.Text, true, string.Join(" / ", TaskKinds)),
            C(UnitCode, "unit_code", ColumnType.Text, false, "不写取工号的单位"),
            C(StaffNo, "staff_no", ColumnType.Text, false, ""),
            C(CustomerCode, "customer_code", ColumnType.Text, false, ""),
            C("到期日期", "due_on", ColumnType.Date, true, "应完成（反馈、传递）的日期"),
            C("完成日期", "done_on", ColumnType.Date, false, "未完成留空"),
            C("是否及时", "within_standard", ColumnType.Boolean, false, "在标准时间内完成；默认：完成日期不晚于到期日期"),
            C("计划量", "planned", ColumnType.Quantity, false, "业务量；默认 1"),
            C("完成量", "completed", ColumnType.Quantity, false, "业务量；默认 完成为 1、未完成为 0"),
        ],
        Key = r => r.Get<string>("事项编号")!,
        Bulk = BulkSpec.Of<ServiceTask>((ctx, r) =>
            {
                var kind = r.Get<string>("类型")!;
                if (!TaskKinds.Contains(kind)) { ctx.Error(r, "类型", kind, "应为 " + string.Join(" / ", TaskKinds)); return null; }
                var staff = ctx.StaffOf(r, StaffNo);
                var customer = ctx.CustomerOf(r, CustomerCode);
                var unit = ctx.Unit(r, UnitCode) ?? staff?.UnitId;
                if (unit is null) { if (!r.Has(UnitCode) && !r.Has(StaffNo)) ctx.Error(r, UnitCode, null, "单位编码与工号至少写一个"); return null; }
                var due = r.Get<DateOnly>("到期日期");
                DateOnly? done = r.Has("完成日期") ? r.Get<DateOnly>("完成日期") : null;
                return new ServiceTask
                {
                    Code = r.Get<string>("事项编号")!, Kind = kind, UnitId = unit.Value, StaffId = staff?.Id, CustomerId = customer?.Id,
                    DueOn = due, Month = Period.MonthKey(due), DoneOn = done,
                    WithinStandard = r.Has("是否及时") ? r.Get<bool>("是否及时") : done is { } d && d <= due,
                    Planned = r.Has("计划量") ? r.Get<long>("计划量") : 10000, Completed = r.Has("完成量") ? r.Get<long>("完成量") : done is null ? 0 : 10000,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Calls() => new()
    {
        Name = "calls", Title = "呼叫",
        Columns =
        [
            C("呼叫编号", "code", ColumnType.Text, true, ""),
            C(UnitCode, "unit_code", ColumnType.Text, false, "不写取工号的单位"),
            C(StaffNo, "staff_no", ColumnType.Text, false, "坐席"),
            C("时间", "at", ColumnType.DateTime, true, ""),
            C("方向", "direction", ColumnType.Text, true, "呼入 / 呼出"),
            C("是否接通", "connected", ColumnType.Boolean, true, ""),
            C("是否转接", "transferred", ColumnType.Boolean, false, ""),
            C("是否放弃", "abandoned", ColumnType.Boolean, false, ""),
        ],
        Key = r => r.Get<string>("呼叫编号")!,
        Bulk = BulkSpec.Of<Call>((ctx, r) =>
            {
                var direction = r.Get<string>("方向")!;
                if (direction is not ("呼入" or "呼出" or "inbound" or "outbound")) { ctx.Error(r, "方向", direction, "应为 呼入 或 呼出"); return null; }
                var staff = ctx.StaffOf(r, StaffNo);
                var unit = ctx.Unit(r, UnitCode) ?? staff?.UnitId;
                if (unit is null) { if (!r.Has(UnitCode) && !r.Has(StaffNo)) ctx.Error(r, UnitCode, null, "单位编码与工号至少写一个"); return null; }
                var at = r.Get<DateTime>("时间");
                var connected = r.Get<bool>("是否接通");
                if (!connected && r.Get<bool>("是否转接")) { ctx.Error(r, "是否转接", "是", "未接通的电话不能转接"); return null; }
                return new Call
                {
                    Code = r.Get<string>("呼叫编号")!, UnitId = unit.Value, StaffId = staff?.Id, At = at, Month = Period.MonthKey(at),
                    Inbound = direction is "呼入" or "inbound", Connected = connected, Transferred = r.Get<bool>("是否转接"),
                    Abandoned = r.Has("是否放弃") ? r.Get<bool>("是否放弃") : !connected,
                };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Expenses() => new()
    {
        Name = "expenses", Title = "费用",
        Columns =
        [
            C("费用编号", "code", ColumnType.Text, true, ""),
            C(UnitCode, "unit_code", ColumnType.Text, true, ""),
            C("类别", "category", ColumnType.Text, true, $"{MetricWords.ServiceExpense} / {MetricWords.DepartmentExpense}"),
            C("日期", "date", ColumnType.Date, true, ""),
            C("金额", "amount", ColumnType.Money, true, "元"),
        ],
        Key = r => r.Get<string>("费用编号")!,
        Bulk = BulkSpec.Of<Expense>((ctx, r) =>
            {
                var category = r.Get<string>("类别")!;
                if (category != MetricWords.ServiceExpense && category != MetricWords.DepartmentExpense)
                { ctx.Error(r, "类别", category, $"应为 {MetricWords.ServiceExpense} 或 {MetricWords.DepartmentExpense}"); return null; }
                if (ctx.Unit(r, UnitCode) is not { } unit) return null;
                var date = r.Get<DateOnly>("日期");
                return new Expense { Code = r.Get<string>("费用编号")!, UnitId = unit, Category = category, Date = date, Month = Period.MonthKey(date), AmountFen = r.Get<long>("金额") };
            }, BulkSpec.MonthColumn),
    };

    private static ImportKindSpec Actuals() => new()
    {
        Name = "actuals", Title = "指标实际值",
        Columns =
        [
            C(UnitCode, "unit_code", ColumnType.Text, false, "与工号二选一"),
            C(StaffNo, "staff_no", ColumnType.Text, false, ""),
            C("月份", "month", ColumnType.Period, true, "2026-10"),
            C("指标", "metric", ColumnType.Text, true, $"{MetricWords.PassRate}（百分数，如 98.5）、{MetricWords.Billed}、{MetricWords.Recovered}（元）、{MetricWords.Swapped4G}"),
            C("数值", "value", ColumnType.Quantity, true, "最多四位小数；产品合格率、成员真实性等比率写百分数的数值（98.5 表示 98.5%）"),
        ],
        Key = r => (r.Get<string>(UnitCode) is { } u ? "U:" + u : "S:" + r.Get<string>(StaffNo)) + "|" + r.Get<Period>("月份") + "|" + r.Get<string>("指标"),
        Bulk = BulkSpec.Of<IndicatorActual>((ctx, r) =>
            {
                var m = r.Get<Period>("月份");
                if (m.Kind != PeriodKind.Month) { ctx.Error(r, "月份", m, "应为月份，例如 2026-10"); return null; }
                if (Scope(ctx, r) is not { } scope) return null;
                var metric = r.Get<string>("指标")!;
                var value = r.Get<long>("数值");
                if (MetricCatalog.ShareWords.Contains(metric) && (value <= 10000 || value > 100 * 10000))
                {
                    ctx.Error(r, "数值", value / 10000m, $"{metric}写百分数的数值（如 98.5 表示 98.5%），不超过 100；不大于 1 的数无法判断是比例还是百分数");
                    return null;
                }
                return new IndicatorActual { ScopeKey = scope.Key, UnitId = scope.Unit!.Value, StaffId = scope.Staff, Month = m.FirstMonth, Metric = metric, Value = value };
            }, BulkSpec.MonthColumn),
    };
}
