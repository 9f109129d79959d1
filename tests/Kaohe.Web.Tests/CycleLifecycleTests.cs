using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 11, item 3: one appraisal per person, scheme and period — a second is refused with who and where; HR cancels
/// a cycle that is not published (with a reason, audited) and re-runs it explicitly.
/// </summary>
public abstract class CycleLifecycleTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task A_second_appraisal_for_the_same_scheme_and_period_is_refused_until_the_first_is_cancelled_and_rerun()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var first = await Open(hr, Tpl07Request("E11", "E12"));
        var cycle = first.GetProperty("cycle").Int("id");
        Assert.Equal("客服经理月度绩效考核表 2026-10", first.GetProperty("cycle").Str("name"));

        var again = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", Tpl07Request("E12")), HttpStatusCode.Conflict);
        Assert.Contains("不能重复考核", again.Str("title"));
        Assert.Equal([$"员工乙（E12）：已在“客服经理月度绩效考核表 2026-10”（考核 {cycle}，评分中）中"],
            again.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        // Another period, or another scheme, is another appraisal.
        await Open(hr, new { scheme = "TPL-07", period = "2026-11", subjects = new[] { "E12" }, defaultPayoutBase = 1000m });

        // Cancelling needs a reason and is audited; the cycle's forms no longer count.
        var version = await CycleVersion(hr, cycle);
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/cancel", new { reason = " ", version }), HttpStatusCode.BadRequest);
        var cancelled = await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/cancel", new { reason = "方案选错", version }), HttpStatusCode.OK);
        Assert.Equal(("已取消", "方案选错"), (cancelled.Str("statusName"), cancelled.Str("cancelReason")));
        using var rater1 = await Host.As("rater1");
        Assert.Empty((await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK)).EnumerateArray());
        var locked = await Submit(rater1, FormOf(first, "E11", "主管评"), Full());
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        // A new cycle for them must say it re-runs the cancelled one.
        var unsaid = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", Tpl07Request("E11", "E12")), HttpStatusCode.Conflict);
        Assert.Contains("重新考核", unsaid.Str("title"));
        var rerun = await Open(hr, new { scheme = "TPL-07", period = "2026-10", subjects = new[] { "E11", "E12" }, defaultPayoutBase = 1000m, replaces = cycle });
        Assert.Equal(cycle, rerun.GetProperty("cycle").Int("replacesCycleId"));
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/cancel", new { reason = "再取消", version = await CycleVersion(hr, cycle) }), HttpStatusCode.Conflict);

        using var db = Host.Db.Database.CreateContext();
        var trail = db.AuditEntries.AsNoTracking().Where(a => a.CycleId == cycle || a.CycleId == rerun.GetProperty("cycle").Int("id"))
            .Where(a => a.Action == "取消考核" || a.Action == "开启考核").OrderBy(a => a.Id).Select(a => a.Action + ":" + a.Reason).ToList();
        Assert.Equal(["开启考核:", "取消考核:方案选错", $"开启考核:重新考核，替代已取消的“客服经理月度绩效考核表 2026-10”（考核 {cycle}）"], trail);
    }

    [Fact]
    public async Task Two_hr_users_opening_the_same_appraisal_at_once_get_one_cycle()
    {
        CreateCompany();
        using var a = await Host.As("hr");
        using var b = await Host.As("hr");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? a : b).PostAsJsonAsync("/api/cycles", Tpl07Request("E11", "E12"))));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        using var db = Host.Db.Database.CreateContext();
        Assert.Equal(2, db.CycleSubjects.Count(s => s.Active));
    }
}

public sealed class SqliteCycleLifecycleTests() : CycleLifecycleTests(DatabaseProvider.Sqlite);

public sealed class PostgresCycleLifecycleTests() : CycleLifecycleTests(DatabaseProvider.PostgreSql);
