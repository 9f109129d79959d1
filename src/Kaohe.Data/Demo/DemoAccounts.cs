using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Demo;

/// <summary>A demo account: login name, who it is, and its role.</summary>
public sealed record DemoLogin(string UserName, string DisplayName, string RoleName, string? EmployeeNo);

/// <summary>
/// Accounts for trying the whole workflow on the demo company: <c>hr</c> (考核管理员, whole company), <c>viewer</c>,
/// and for the first two offices their heads <c>rater1</c>/<c>rater2</c> (考核人) and one customer manager each
/// <c>emp1</c>/<c>emp2</c> (被考核人), whose direct supervisors the heads are.
/// </summary>
public static class DemoAccounts
{
    public static IReadOnlyList<DemoLogin> Create(KaoheDb db, string password)
    {
        var store = new AccountStore(db);
        var created = new List<DemoLogin>();
        void Add(string user, string name, AccountRole role, Staff? staff = null)
        {
            store.Create("system", new NewAccount(user, name, password, role, staff?.Id));
            created.Add(new DemoLogin(user, name, AccountStore.RoleName(role), staff?.EmployeeNo));
        }
        Add("hr", "考核管理员", AccountRole.Hr);
        var offices = db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Code).Select(u => u.Id).Take(2).ToList();
        var n = 0;
        foreach (var office in offices)
        {
            n++;
            var head = db.Staff.AsNoTracking().Where(s => s.UnitId == office && s.Role == "办事处主任").OrderBy(s => s.EmployeeNo).FirstOrDefault();
            if (head is null) continue;
            var member = db.Staff.AsNoTracking().Where(s => s.SupervisorId == head.Id && s.LeftOn == null).OrderBy(s => s.EmployeeNo).FirstOrDefault();
            Add($"rater{n}", head.Name, AccountRole.Rater, head);
            if (member is not null) Add($"emp{n}", member.Name, AccountRole.Appraisee, member);
        }
        Add("viewer", "查看者", AccountRole.Viewer);
        return created;
    }
}
