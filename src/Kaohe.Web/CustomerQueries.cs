using System.Globalization;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web;

/// <summary>A customer in the list.</summary>
public sealed record CustomerRow(int Id, string Code, string Name, string Class, string Unit, string? Owner, DateOnly AcquiredOn, DateOnly? LostOn);

/// <summary>A page of customers (0-based <paramref name="Page"/> of <paramref name="Size"/>) and how many match in all.</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerRow> Items, int Total, int Page, int Size);

/// <summary>One record of a customer's history, in one shape for every kind.</summary>
public sealed record CustomerRecord(string Kind, string Code, string Date, string What);

/// <summary>A customer with its history: lifecycle events, complaints, visits and sales (newest first, at most 200 each).</summary>
public sealed record CustomerDetail(CustomerRow Customer, IReadOnlyList<CustomerRecord> Events, IReadOnlyList<CustomerRecord> Complaints,
    IReadOnlyList<CustomerRecord> Visits, IReadOnlyList<CustomerRecord> Sales);

/// <summary>Browsing the customer base, limited to the units the user covers (HR and viewers of a unit see its subtree).</summary>
public static class CustomerQueries
{
    private const int HistoryLimit = 200;

    private static IQueryable<Customer> Visible(Actor actor, KaoheDb db)
    {
        if (!actor.Manages && actor.Role != AccountRole.Viewer) throw CycleException.Forbidden("客户数据只对考核管理员和查看者开放");
        var customers = db.Customers.AsNoTracking();
        if (actor.ScopeUnits(db) is { } scope)
        {
            var units = scope.ToList();
            customers = customers.Where(c => units.Contains(c.OwnerUnitId));
        }
        return customers;
    }

    public static CustomerPage Search(Actor actor, KaoheDb db, string? text, int page, int size)
    {
        size = Math.Clamp(size, 1, 200);
        if (page < 0) throw new CycleException("页码不能为负数");
        if (text is { Length: > 100 }) throw new CycleException("搜索词最多 100 个字");
        var query = Visible(actor, db);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(c => c.Code.Contains(t) || c.Name.Contains(t));
        }
        var total = query.Count();
        // In long arithmetic: page × size overflows int for a large page number.
        var skip = (long)page * size;
        var rows = skip >= total ? [] : Rows(db, query.OrderBy(c => c.Code).Skip((int)skip).Take(size));
        return new CustomerPage(rows, total, page, size);
    }

    public static CustomerDetail Detail(Actor actor, KaoheDb db, int id)
    {
        var row = Rows(db, Visible(actor, db).Where(c => c.Id == id)).SingleOrDefault() ?? throw CycleException.NotFound("客户");
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string T(DateTime d) => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var events = db.CustomerEvents.AsNoTracking().Where(e => e.CustomerId == id).OrderByDescending(e => e.OccurredOn).Take(HistoryLimit).ToList()
            .Select(e => new CustomerRecord(e.Kind switch
            {
                CustomerEventKind.Acquired => "开发",
                CustomerEventKind.Lost => "流失",
                CustomerEventKind.Recovered => "挽回",
                _ => "转移",
            }, "", D(e.OccurredOn), e.Reason ?? "")).ToList();
        var complaints = db.Complaints.AsNoTracking().Where(c => c.CustomerId == id).OrderByDescending(c => c.ReceivedAt).Take(HistoryLimit).ToList()
            .Select(c => new CustomerRecord("投诉", c.Code, T(c.ReceivedAt),
                string.Join("，", new[] { c.Category, c.ResolvedAt is { } r ? "已处理 " + T(r) : "未处理", c.Satisfied switch { true => "满意", false => "不满意", _ => null } }.Where(x => !string.IsNullOrEmpty(x))))).ToList();
        var visits = db.Visits.AsNoTracking().Where(v => v.CustomerId == id).OrderByDescending(v => v.DoneOn ?? v.PlannedOn).Take(HistoryLimit).ToList()
            .Select(v => new CustomerRecord(v.Kind, v.Code, v.DoneOn is { } d ? D(d) : v.PlannedOn is { } p ? "计划 " + D(p) : "", v.DoneOn is null ? "未完成" : "已完成")).ToList();
        var sales = db.Sales.AsNoTracking().Where(s => s.CustomerId == id).OrderByDescending(s => s.Date).Take(HistoryLimit).ToList()
            .Select(s => new CustomerRecord("销售", s.Code, D(s.Date), (s.AmountFen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + " 元" + (s.ProductType is { } pt ? "，" + pt : ""))).ToList();
        return new CustomerDetail(row, events, complaints, visits, sales);
    }

    private static List<CustomerRow> Rows(KaoheDb db, IQueryable<Customer> customers) =>
        (from c in customers
         join u in db.Units.AsNoTracking() on c.OwnerUnitId equals u.Id
         join s in db.Staff.AsNoTracking() on c.OwnerStaffId equals s.Id into owner
         from s in owner.DefaultIfEmpty()
         select new CustomerRow(c.Id, c.Code, c.Name, c.Class, u.Name, s == null ? null : s.Name, c.AcquiredOn, c.LostOn)).ToList();
}
