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

/// <summary>An account with the 工号 and name of its person and the code and name of its unit.</summary>
public sealed record PlacedAccount(Account Account, string? EmployeeNo, string? StaffName, string? UnitCode, string? UnitName);

/// <summary>The accounts for an administrator (kaohe accounts list, the web's account page): read only, ordered by login name.</summary>
public static class AccountList
{
    /// <summary>Every account (or the one of <paramref name="normalized"/> user name) with its person and unit.</summary>
    public static List<PlacedAccount> Placed(KaoheDb db, string? normalized = null) =>
        [.. (from a in db.Accounts.AsNoTracking()
             where normalized == null || a.NormalizedUserName == normalized
             join s in db.Staff.AsNoTracking() on a.StaffId equals s.Id into st
             from s in st.DefaultIfEmpty()
             join u in db.Units.AsNoTracking() on a.UnitId equals u.Id into un
             from u in un.DefaultIfEmpty()
             orderby a.UserName
             select new
             {
                 a, EmployeeNo = s == null ? null : s.EmployeeNo, StaffName = s == null ? null : s.Name,
                 UnitCode = u == null ? null : u.Code, UnitName = u == null ? null : u.Name,
             }).AsEnumerable().Select(x => new PlacedAccount(x.a, x.EmployeeNo, x.StaffName, x.UnitCode, x.UnitName))];

    public static IReadOnlyList<AccountListing> All(KaoheDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = Placed(db);
        // The audit trail is where sign-ins are kept (sessions are pruned); AccountStore writes them as 登录 on 账号.
        var last = db.AuditEntries.AsNoTracking()
            .Where(e => e.Entity == "账号" && e.Action == "登录")
            .GroupBy(e => e.EntityKey)
            .Select(g => new { g.Key, At = g.Max(e => e.At) })
            .ToDictionary(x => x.Key, x => x.At, StringComparer.Ordinal);
        return [.. rows.Select(r => new AccountListing(r.Account.UserName, r.Account.DisplayName, r.Account.Role, r.EmployeeNo,
            r.UnitCode is null ? null : $"{r.UnitCode}（{r.UnitName}）", r.Account.Disabled, r.Account.MustChangePassword, r.Account.LockedUntil,
            last.TryGetValue(r.Account.UserName, out var at) ? at : null))];
    }
}
