using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Accounts;

/// <summary>One account as an administrator's list shows it.</summary>
/// <param name="Unit">The covered unit as “code（name）”, or null for the whole company.</param>
/// <param name="LastSignIn">The last successful sign-in (UTC) in the audit trail, or null if there was none.</param>
public sealed record AccountListing(string UserName, string DisplayName, AccountRole Role, string? EmployeeNo, string? Unit,
    bool Disabled, bool MustChangePassword, DateTime? LockedUntil, DateTime? LastSignIn)
{
    /// <summary>The state in the UI's words, given the current time: 停用, 锁定中, 须修改密码 or 正常.</summary>
    public string State(DateTime nowUtc) =>
        Disabled ? "停用" : LockedUntil is { } until && nowUtc < until ? "锁定中" : MustChangePassword ? "须修改密码" : "正常";
}

/// <summary>The accounts for an administrator (kaohe accounts list): read only, ordered by login name.</summary>
public static class AccountList
{
    public static IReadOnlyList<AccountListing> All(KaoheDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = (from a in db.Accounts.AsNoTracking()
                    join s in db.Staff.AsNoTracking() on a.StaffId equals s.Id into st
                    from s in st.DefaultIfEmpty()
                    join u in db.Units.AsNoTracking() on a.UnitId equals u.Id into un
                    from u in un.DefaultIfEmpty()
                    orderby a.UserName
                    select new
                    {
                        a.UserName, a.DisplayName, a.Role, a.Disabled, a.MustChangePassword, a.LockedUntil,
                        EmployeeNo = s == null ? null : s.EmployeeNo, UnitCode = u == null ? null : u.Code, UnitName = u == null ? null : u.Name,
                    }).ToList();
        // The audit trail is where sign-ins are kept (sessions are pruned); AccountStore writes them as 登录 on 账号.
        var last = db.AuditEntries.AsNoTracking()
            .Where(e => e.Entity == "账号" && e.Action == "登录")
            .GroupBy(e => e.EntityKey)
            .Select(g => new { g.Key, At = g.Max(e => e.At) })
            .ToDictionary(x => x.Key, x => x.At, StringComparer.Ordinal);
        return [.. rows.Select(r => new AccountListing(r.UserName, r.DisplayName, r.Role, r.EmployeeNo,
            r.UnitCode is null ? null : $"{r.UnitCode}（{r.UnitName}）", r.Disabled, r.MustChangePassword, r.LockedUntil,
            last.TryGetValue(r.UserName, out var at) ? at : null))];
    }
}
