using System.Text.Json;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Results;

/// <summary>A clock the test moves by hand (past a confirmation deadline).</summary>
public sealed class HandClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A small company for the results history: 总公司 → 客服部 → 一组 (E11 张一, E12 李二), 二组 (E21 王三), all rated by the
/// head E00 (account <c>boss</c>); HR <c>hr</c> for the whole company, HR <c>hr2</c> for 二组 only, a viewer, and accounts
/// for the three appraisees. Cycles are driven through <see cref="CycleService"/> exactly as the pages do.
/// </summary>
public sealed class ResultsCompany : IDisposable
{
    public const string MonthlyYaml = """
        id: 月度测评
        name: 客服月度测评
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: banded, base: 3000, none_below: 60, full_from: 90, per: 100 }
        ranking: { top_reward: 500, top_above: 90, penalty: -200, penalty_below: 60 }
        consequences:
          - { kind: poor-streak, poor: 不合格 }
        sections:
          - name: 综合
            indicators:
              - name: 综合得分
                points: 100
                manual: { min: 0, max: 100 }
        """;

    public const string QuarterlyYaml = """
        id: 季度触点
        name: 季度触点测评
        subject: person
        period: quarter
        total: 100
        grades:
          - { grade: A+, min: 95 }
          - { grade: A, min: 90 }
          - { grade: A-, min: 85 }
          - { grade: B+, min: 80 }
          - { grade: B, min: 75 }
          - { grade: B-, min: 70 }
          - { grade: C+, min: 65 }
          - { grade: C, min: 60 }
          - { grade: C-, min: 55 }
          - { grade: D }
        consequences:
          - { kind: annual-cap }
        sections:
          - name: 综合
            indicators:
              - name: 综合得分
                points: 100
                manual: { min: 0, max: 100 }
        """;

    private readonly TestDatabase _test;

    public ResultsCompany(DatabaseProvider provider)
    {
        _test = TestDatabase.Create(provider);
        using var db = Db();
        var company = new OrgUnit { Code = "C", Name = "总公司", Kind = UnitKind.Company };
        db.Units.Add(company);
        db.SaveChanges();
        var dept = new OrgUnit { Code = "D1", Name = "客服部", Kind = UnitKind.Department, ParentId = company.Id };
        db.Units.Add(dept);
        db.SaveChanges();
        var t1 = new OrgUnit { Code = "T1", Name = "一组", Kind = UnitKind.Team, ParentId = dept.Id };
        var t2 = new OrgUnit { Code = "T2", Name = "二组", Kind = UnitKind.Team, ParentId = dept.Id };
        db.Units.AddRange(t1, t2);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var boss = new Staff { EmployeeNo = "E00", Name = "部长", UnitId = dept.Id, Role = "部门经理" };
        db.Staff.Add(boss);
        db.SaveChanges();
        var e11 = new Staff { EmployeeNo = "E11", Name = "张一", UnitId = t1.Id, Role = "客服", SupervisorId = boss.Id };
        var e12 = new Staff { EmployeeNo = "E12", Name = "=李二", UnitId = t1.Id, Role = "客服", SupervisorId = boss.Id };
        var e21 = new Staff { EmployeeNo = "E21", Name = "王三", UnitId = t2.Id, Role = "客服", SupervisorId = boss.Id };
        db.Staff.AddRange(e11, e12, e21);
        db.SaveChanges();
        var store = new AccountStore(db);
        const string pw = "results-test-2026";
        store.Create("admin", new NewAccount("hr", "人事", pw, AccountRole.Hr));
        store.Create("admin", new NewAccount("hr2", "二组人事", pw, AccountRole.Hr, UnitId: t2.Id));
        store.Create("admin", new NewAccount("viewer", "查看者", pw, AccountRole.Viewer));
        store.Create("admin", new NewAccount("boss", "部长", pw, AccountRole.Rater, StaffId: boss.Id));
        store.Create("admin", new NewAccount("e11", "张一", pw, AccountRole.Appraisee, StaffId: e11.Id));
        store.Create("admin", new NewAccount("e12", "李二", pw, AccountRole.Appraisee, StaffId: e12.Id));
        store.Create("admin", new NewAccount("e21", "王三", pw, AccountRole.Appraisee, StaffId: e21.Id));
        T1 = t1.Id;
        T2 = t2.Id;
        Staff = new() { ["E11"] = e11.Id, ["E12"] = e12.Id, ["E21"] = e21.Id };
        var admin = Actor.Machine("test");
        new SchemeStore(db).Save(admin, MonthlyYaml);
        new SchemeStore(db).Save(admin, QuarterlyYaml);
    }

    public HandClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    public int T1 { get; }
    public int T2 { get; }
    public Dictionary<string, int> Staff { get; }
    public DatabaseProvider Provider => _test.Provider;

    public KaoheDb Db() => _test.Database.CreateContext();

    public Actor As(string user)
    {
        using var db = Db();
        return Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == user));
    }

    /// <summary>Opens a cycle, submits every form with the given scores, releases it; returns the cycle id (status 确认中).</summary>
    public int Release(string scheme, string period, IReadOnlyDictionary<string, decimal> scores)
    {
        using var db = Db();
        var cycles = new CycleService(db, Clock);
        var hr = As("hr");
        var id = cycles.Open(hr, new OpenCycleRequest(scheme, period, Subjects: [.. scores.Keys], ConfirmDays: 1));
        var boss = As("boss");
        var subjects = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == id).ToDictionary(s => s.Id, s => s.Code);
        foreach (var f in db.RatingForms.AsNoTracking().Where(f => subjects.Keys.Contains(f.CycleSubjectId)).ToList())
        {
            var inputs = JsonSerializer.SerializeToElement(new Dictionary<string, decimal> { ["综合得分"] = scores[subjects[f.CycleSubjectId]] });
            cycles.Submit(boss, f.Id, new FormSave(inputs, null, f.Version));
        }
        cycles.Release(hr, id, new ReleaseRequest(Version(id)));
        return id;
    }

    /// <summary>Publishes a released cycle once its confirmation deadline has passed.</summary>
    public CycleSummary Publish(int cycleId, string? reason = null, string by = "hr")
    {
        Clock.Now = Clock.Now.AddDays(2);
        using var db = Db();
        return new CycleService(db, Clock).Publish(As(by), cycleId, new PublishRequest(Version(cycleId), reason));
    }

    /// <summary>Runs one whole month: open, rate, release, publish.</summary>
    public int Month(string scheme, string period, IReadOnlyDictionary<string, decimal> scores)
    {
        var id = Release(scheme, period, scores);
        Publish(id);
        return id;
    }

    public int Version(int cycleId)
    {
        using var db = Db();
        return db.Cycles.AsNoTracking().Single(c => c.Id == cycleId).Version;
    }

    public void Dispose() => _test.Dispose();
}
