using Kaohe.Data.Model;
using Kaohe.Data.Time;

namespace Kaohe.Data.Demo;

/// <summary>What <see cref="DemoCompany.AddPosts"/> added: the teams of 客服部 and the staff of the new posts.</summary>
internal sealed record DemoPosts(IReadOnlyList<OrgUnit> Teams, IReadOnlyList<Staff> Added);

/// <summary>
/// The posts and teams every built-in template appraises (issue 14, <see cref="DemoTemplates"/>): a 总经理 above the
/// department heads, the two teams of 客服部 (客服一组/客服二组, each with a 组长 over three 客服专员), the head of
/// 客服部 as 客服部经理, and a few 大客户经理, 客服经理, 客户服务中心经理, 门店客服 and 客户专员.
/// </summary>
public static partial class DemoCompany
{
    /// <summary>Offset of the seed of the generator for the posts: they never draw from the main generator.</summary>
    private const int PostsSeed = 14;

    /// <summary>Staff added in 客服部 (besides the 组长) and in 市场部, with their 岗位 (<see cref="DemoTemplates"/>).</summary>
    private static readonly (string Department, string Role, int Count)[] Posts =
    [
        ("SCB", DemoTemplates.KeyAccountManager, 3),
        ("KFB", DemoTemplates.ServiceManager, 2),
        ("KFB", DemoTemplates.ServiceCenterManager, 1),
        ("KFB", DemoTemplates.StoreService, 2),
        ("SCB", DemoTemplates.KeyAccountSpecialist, 2),
    ];

    /// <summary>
    /// Adds the posts: <paramref name="heads"/> are the heads of the departments and offices by unit, <paramref name="service"/>
    /// the six 客服专员 (moved into the teams here, three each). Draws only from <c>Random(seed + 14)</c>.
    /// </summary>
    private static DemoPosts AddPosts(KaoheDb db, int seed, OrgUnit company, List<OrgUnit> departments, Dictionary<int, Staff> heads,
        List<Staff> service, DateOnly start, Func<string> nextNo)
    {
        var rng = new Random(seed + PostsSeed);
        string Name() => Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)];
        var added = new List<Staff>();
        Staff Add(OrgUnit unit, string role, Staff? supervisor, int minMonths, int maxMonths)
        {
            var s = new Staff
            {
                EmployeeNo = nextNo(), Name = Name(), UnitId = unit.Id, Role = role, SupervisorId = supervisor?.Id,
                HiredOn = start.AddMonths(-rng.Next(minMonths, maxMonths)),
            };
            db.Staff.Add(s);
            db.SaveChanges();
            added.Add(s);
            return s;
        }

        // The general manager, who rates the department heads (and so the departments).
        var boss = Add(company, DemoTemplates.GeneralManager, null, 96, 180);
        foreach (var d in departments)
        {
            heads[d.Id].SupervisorId = boss.Id;
            db.Entry(heads[d.Id]).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        }
        var serviceDept = departments.Single(d => d.Code == "KFB");
        var serviceHead = heads[serviceDept.Id];
        serviceHead.Role = DemoTemplates.ServiceDeptManager;

        // Two teams of 客服部, each a 组长 (a head: supervised from outside the team) over three 客服专员.
        var teams = new List<OrgUnit>
        {
            new() { Code = "KF1", Name = "客服一组", Kind = UnitKind.Team, ParentId = serviceDept.Id },
            new() { Code = "KF2", Name = "客服二组", Kind = UnitKind.Team, ParentId = serviceDept.Id },
        };
        db.Units.AddRange(teams);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        for (var t = 0; t < teams.Count; t++)
        {
            var leader = Add(teams[t], DemoTemplates.TeamLeader, serviceHead, 24, 84);
            heads[teams[t].Id] = leader;
            foreach (var member in service.Skip(t * 3).Take(3))
            {
                member.UnitId = teams[t].Id;
                member.SupervisorId = leader.Id;
                db.Entry(member).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
            }
        }
        foreach (var (code, role, count) in Posts)
        {
            var dept = departments.Single(d => d.Code == code);
            for (var i = 0; i < count; i++) Add(dept, role, heads[dept.Id], 6, 72);
        }
        db.SaveChanges();
        return new DemoPosts(teams, added);
    }

    /// <summary>A 客户触点 check of each team every quarter of the history (TPL-22), as the offices have.</summary>
    private static IEnumerable<TouchpointCheck> TeamTouchpoints(int seed, IReadOnlyList<OrgUnit> teams, List<Period> months)
    {
        var rng = new Random(seed + PostsSeed + 1);
        foreach (var p in months.Where(p => p.Index % 3 == 0))
            foreach (var team in teams)
                yield return new TouchpointCheck
                {
                    UnitId = team.Id, Quarter = $"{p.Year}-Q{p.Index / 3}", Month = p.FirstMonth - 2, ItemsApplicable = 20,
                    ItemsPassed = 12 + rng.Next(9), SubmittedOn = p.End.AddDays(5),
                };
    }
}
