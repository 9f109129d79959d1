using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Cycles;
using Kaohe.Data.Demo;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Kaohe.Schemes.Editing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kaohe.Data.Tests.Demo;

/// <summary>
/// Issue 14: a cycle of every built-in template opens on the demo company as it is (its 岗位, units and accounts,
/// <see cref="DemoTemplates"/>), with the default raters; every form is filled with valid values and submitted, the
/// results are released, and each data-bound item was filled from the demo's data — whichever items are bound.
/// </summary>
public abstract class DemoTemplateCyclesTests(DatabaseProvider provider, ITestOutputHelper output) : DatabaseTests(provider)
{
    private const string Password = "Demo-pass-2026";

    /// <summary>The natural period of each kind inside the demo's history (2024-11 … 2026-10).</summary>
    private static string PeriodOf(Scheme scheme) => scheme.Period switch
    {
        PeriodKind.Month => "2026-10",
        PeriodKind.Quarter => "2026-Q3",
        PeriodKind.Year => "2025",
        _ => throw new InvalidOperationException($"{scheme.Id}: period {scheme.Period}"),
    };

    [Fact]
    public void A_cycle_of_every_built_in_template_opens_on_the_demo_and_is_released()
    {
        var clock = Stopwatch.StartNew();
        var summary = DemoCompany.Create(Database, new DemoOptions { LastMonth = 202610, Customers = 1500 });
        DemoCompany.CloseAll(Database, summary, "test");
        var built = clock.Elapsed;
        using (var db = Db()) DemoAccounts.Create(db, Password);
        output.WriteLine($"demo {built.TotalSeconds:0.0} s, accounts {(clock.Elapsed - built).TotalSeconds:0.0} s");

        // The map covers exactly the built-in templates: a new template needs its row (and its people) in the demo.
        Assert.Equal(SchemeCatalog.Templates.Select(t => t.Id).Order(), DemoTemplates.All.Select(t => t.Template).Order());

        var failures = new List<string>();
        foreach (var t in DemoTemplates.All)
        {
            var started = clock.Elapsed;
            try
            {
                var subjects = RunCycle(t);
                output.WriteLine($"{t.Template} {t.StaffRole ?? t.UnitCode ?? "全部"}：{subjects} 个对象，{(clock.Elapsed - started).TotalSeconds:0.00} s");
            }
            catch (Exception e) when (e is CycleException or Xunit.Sdk.XunitException)
            {
                var details = e is CycleException c && c.Details.Count > 0 ? "：" + string.Join("；", c.Details.Take(5)) : "";
                failures.Add($"{t.Template}：{e.Message}{details}");
            }
        }
        output.WriteLine($"in all {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_service_staff_work_in_two_teams_under_their_leaders_and_their_records_name_the_team()
    {
        DemoCompany.Create(Database, new DemoOptions { LastMonth = 202610, Months = 3, Customers = 200 });
        using var db = Db();
        var units = db.Units.AsNoTracking().ToDictionary(u => u.Id);
        var staff = db.Staff.AsNoTracking().ToDictionary(s => s.Id);
        var service = staff.Values.Where(s => s.Role == DemoTemplates.ServiceStaff).ToList();
        Assert.Equal(6, service.Count);
        Assert.All(service, s =>
        {
            Assert.Equal(UnitKind.Team, units[s.UnitId].Kind);
            var leader = staff[s.SupervisorId!.Value];
            Assert.Equal((DemoTemplates.TeamLeader, s.UnitId), (leader.Role, leader.UnitId));
            Assert.Equal(DemoTemplates.ServiceDeptManager, staff[leader.SupervisorId!.Value].Role);
        });
        Assert.Equal([3, 3], service.GroupBy(s => s.UnitId).Select(g => g.Count()));
        var teams = service.Select(s => s.UnitId).ToHashSet();
        Assert.All(db.ServiceTasks.AsNoTracking().ToList(), k => Assert.Equal(staff[k.StaffId!.Value].UnitId, k.UnitId));
        Assert.All(db.Calls.AsNoTracking().ToList(), c => Assert.Contains(c.UnitId, teams));
        // The department heads answer to the general manager; every template's 岗位 has someone.
        Assert.All(staff.Values.Where(s => s.Role == DemoTemplates.DepartmentHead || s.Role == DemoTemplates.ServiceDeptManager),
            h => Assert.Equal(DemoTemplates.GeneralManager, staff[h.SupervisorId!.Value].Role));
        Assert.All(DemoTemplates.All.Where(t => t.StaffRole is not null), t => Assert.Contains(staff.Values, s => s.Role == t.StaffRole));
    }

    /// <summary>Opens, rates and releases one cycle of <paramref name="t"/>; returns the number of subjects.</summary>
    private int RunCycle(DemoTemplate t)
    {
        using var db = Db();
        var service = new CycleService(db);
        var scheme = SchemeCatalog.Find(t.Template)!.Load.Scheme!;
        var hr = Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == "hr"));
        var request = new OpenCycleRequest(t.Template, PeriodOf(scheme), Subjects: SubjectsOf(db, t, scheme), StaffRole: t.StaffRole,
            DefaultPayoutBase: TrialInputs.NeedsPayoutBase(scheme) ? 3000m : null);
        var cycleId = service.Open(hr, request);

        // Every form goes to its default rater (the subject's supervisor, or the appraisee for 自评), never to HR.
        var detail = service.Detail(hr, cycleId);
        Assert.NotEmpty(detail.Subjects);
        var sample = TrialInputs.Sample(scheme, "样例", 0).Inputs;
        foreach (var subject in detail.Subjects)
        {
            // One form per role that has something to enter (none when the data gives every item).
            Assert.Equal(CycleService.FormRoles(scheme).Order(), subject.Forms.Select(f => f.Role).Order());
            foreach (var f in subject.Forms)
            {
                Assert.NotEqual("hr", f.Rater);
                var rater = Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == f.Rater));
                var form = service.Form(rater, f.Id);
                var names = CycleService.FormIndicators(scheme, f.Role).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
                var inputs = sample.Where(kv => names.Contains(kv.Key)).ToImmutableDictionary(StringComparer.Ordinal);
                using var json = JsonDocument.Parse(RawInputJson.ToJson(inputs));
                service.Submit(rater, f.Id, new FormSave(json.RootElement.Clone(), null, form.Version));
            }
        }
        var version = service.Detail(hr, cycleId).Cycle.Version;
        service.Release(hr, cycleId, new ReleaseRequest(version));

        var bound = scheme.Indicators.Where(i => i.Metric is not null).Select(i => i.Name).ToList();
        var rows = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).ToList();
        Assert.Equal(detail.Subjects.Count, rows.Count);
        foreach (var row in rows)
        {
            Assert.True(row.Total is not null, $"{row.Name}（{row.Code}）没有总分");
            var metrics = RawInputJson.FromJson(row.MetricsJson);
            foreach (var name in bound)
            {
                Assert.True(metrics.TryGetValue(name, out var raw), $"{row.Name}（{row.Code}）的“{name}”没有从数据取值");
                Assert.True(HasData(raw), $"{row.Name}（{row.Code}）的“{name}”无数据：{raw.Display}");
            }
            // Every data-bound value of the result drills down to the records of its metric, scope and period.
            foreach (var m in service.Result(hr, row.Id).Metrics)
            {
                if (m.Metric.Length == 0)
                {
                    // A field from the 目标 records (目標用戶數): its source says so, and there are no records to list.
                    Assert.StartsWith("目标数据：", m.Source);
                    Assert.Equal(404, Assert.Throws<CycleException>(() => service.ResultRecords(hr, row.Id, m.Indicator)).Status);
                    continue;
                }
                var records = service.ResultRecords(hr, row.Id, m.Indicator);
                Assert.Equal(m.Metric, records.Metric.Code);
                if (m.ExactValue is not ("0" or "0%"))
                    Assert.True(records.Numerator.Count + (records.Denominator?.Count ?? 0) > 0, $"{row.Name}（{row.Code}）的“{m.Indicator}”查不到记录");
            }
        }
        return rows.Count;
    }

    /// <summary>A value from the data (a composite item's every part), not the "no data" word.</summary>
    private static bool HasData(RawInput raw) => raw switch
    {
        RawScalar s => s.Text != DataAppraisal.NoData,
        RawObject o => o.Fields.TryGetValue("value", out var v) ? HasData(v) : o.Fields.Values.All(HasData),
        _ => true,
    };

    /// <summary>
    /// Whom to appraise: a department template its department, an office template two offices, a team template every
    /// team; a person template the whole 岗位 when it has three people or fewer, else two of them — those with their
    /// own account when the template has a self-assessment (only emp1/emp2 of the 客户经理 have one).
    /// </summary>
    private static IReadOnlyList<string>? SubjectsOf(KaoheDb db, DemoTemplate t, Scheme scheme)
    {
        if (t.UnitCode is { } code) return [code];
        if (scheme.SubjectKind == SubjectKind.Office)
            return db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Code).Select(u => u.Code).Take(2).ToList();
        if (t.StaffRole is not { } role) return null;
        var people = db.Staff.AsNoTracking().Where(s => s.Role == role && s.LeftOn == null).OrderBy(s => s.EmployeeNo).ToList();
        if (people.Count <= 3) return null;
        if (scheme.Raters.Any(r => r.Name == CycleService.SelfRole))
        {
            var withAccount = db.Accounts.AsNoTracking().Where(a => a.StaffId != null).Select(a => a.StaffId!.Value).ToHashSet();
            people = [.. people.Where(p => withAccount.Contains(p.Id))];
        }
        return [.. people.Take(2).Select(p => p.EmployeeNo)];
    }
}

public sealed class SqliteDemoTemplateCyclesTests(ITestOutputHelper output) : DemoTemplateCyclesTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresDemoTemplateCyclesTests(ITestOutputHelper output) : DemoTemplateCyclesTests(DatabaseProvider.PostgreSql, output);
