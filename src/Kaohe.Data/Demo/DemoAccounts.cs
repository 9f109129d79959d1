using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Demo;

/// <summary>A demo account: login name, who it is, and its role.</summary>
public sealed record DemoLogin(string UserName, string DisplayName, string RoleName, string? EmployeeNo);

/// <summary>
/// Accounts for trying the whole workflow on the demo company: <c>hr</c> (考核管理员, whole company), <c>viewer</c>,
/// and for the first two offices their heads <c>rater1</c>/<c>rater2</c> (考核人) and one customer manager each
/// <c>emp1</c>/<c>emp2</c> (被考核人), whose direct supervisors the heads are. Besides them, so that a cycle of every
/// built-in template opens with its default raters (<see cref="DemoTemplates"/>): every other supervisor (总经理,
/// 部门经理, 办事处主任, 组长) as 考核人, and every staff member of a 岗位 whose template has a self-assessment (自评)
/// as 被考核人 — except the 60 客户经理 (each account costs a slow password hash), of whom emp1/emp2 have one. Their
/// login name is the 工号 in lower case (e0001).
/// </summary>
public static class DemoAccounts
{
    public static IReadOnlyList<DemoLogin> Create(KaoheDb db, string password)
    {
        var store = new AccountStore(db);
        var created = new List<DemoLogin>();
        var linked = new HashSet<int>();
        void Add(string user, string name, AccountRole role, Staff? staff = null)
        {
            store.Create("system", new NewAccount(user, name, password, role, staff?.Id));
            created.Add(new DemoLogin(user, name, AccountStore.RoleName(role), staff?.EmployeeNo));
            if (staff is not null) linked.Add(staff.Id);
        }
        Add("hr", "考核管理员", AccountRole.Hr);
        var offices = db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Code).Select(u => u.Id).Take(2).ToList();
        var n = 0;
        foreach (var office in offices)
        {
            n++;
            var head = db.Staff.AsNoTracking().Where(s => s.UnitId == office && s.Role == DemoTemplates.OfficeChief).OrderBy(s => s.EmployeeNo).FirstOrDefault();
            if (head is null) continue;
            var member = db.Staff.AsNoTracking().Where(s => s.SupervisorId == head.Id && s.LeftOn == null).OrderBy(s => s.EmployeeNo).FirstOrDefault();
            Add($"rater{n}", head.Name, AccountRole.Rater, head);
            if (member is not null) Add($"emp{n}", member.Name, AccountRole.Appraisee, member);
        }
        Add("viewer", "查看者", AccountRole.Viewer);

        var staff = db.Staff.AsNoTracking().Where(s => s.LeftOn == null).OrderBy(s => s.EmployeeNo).ToList();
        var supervisors = staff.Where(s => s.SupervisorId is not null).Select(s => s.SupervisorId!.Value).ToHashSet();
        var selfRated = SelfRatedRoles();
        foreach (var s in staff.Where(s => !linked.Contains(s.Id)))
        {
            if (supervisors.Contains(s.Id)) Add(s.EmployeeNo.ToLowerInvariant(), s.Name, AccountRole.Rater, s);
            else if (selfRated.Contains(s.Role)) Add(s.EmployeeNo.ToLowerInvariant(), s.Name, AccountRole.Appraisee, s);
        }
        return created;
    }

    /// <summary>The 岗位 whose template the appraisee rates themselves (自评), but not the 客户经理 (too many to hash for).</summary>
    private static HashSet<string> SelfRatedRoles()
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in DemoTemplates.All)
        {
            if (t.StaffRole is not { } role || role == DemoTemplates.AccountManager) continue;
            var scheme = SchemeCatalog.Find(t.Template)?.Load.Scheme
                         ?? throw new InvalidOperationException($"内置模板 {t.Template} 无法读取");
            if (scheme.Raters.Any(r => r.Name == CycleService.SelfRole)) roles.Add(role);
        }
        return roles;
    }
}
