using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests;

/// <summary>Closed months through the API: HR closes and reopens (with a reason, audited); others are refused in Chinese.</summary>
public abstract class MonthsApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task HR_closes_a_month_sees_who_closed_it_and_reopens_it_with_a_reason_others_are_refused()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var empty = await Json.Read(await hr.GetAsync("/api/months"), HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("closed").GetArrayLength());

        // The test clock is 2026-11-02: November is not over.
        Assert.Contains("还没有结束", (await Json.Read(await hr.PostAsync("/api/months/2026-11/close", null), HttpStatusCode.BadRequest)).Str("title"));
        var closed = await Json.Read(await hr.PostAsync("/api/months/2026-10/close", null), HttpStatusCode.OK);
        using (var db = Host.Db.Database.CreateContext())
            Assert.Equal(db.MetricValues.Count(v => v.Period == "2026-10" && v.Frozen), closed.Int("frozenValues"));

        var view = await Json.Read(await hr.GetAsync("/api/months"), HttpStatusCode.OK);
        var month = view.GetProperty("closed")[0];
        Assert.Equal(("2026-10", "hr", true), (month.Str("month"), month.Str("closedBy"), month.GetProperty("reopenable").GetBoolean()));
        Assert.Equal("2026-11", view.Str("nextToClose"));

        using (var hr1 = await Host.As("hr1"))
        {
            Assert.Equal(1, (await Json.Read(await hr1.GetAsync("/api/months"), HttpStatusCode.OK)).GetProperty("closed").GetArrayLength());
            Assert.Contains("全公司范围的考核管理员", (await Json.Read(await hr1.PostAsJsonAsync("/api/months/2026-10/reopen", new { reason = "更正" }), HttpStatusCode.Forbidden)).Str("title"));
        }
        foreach (var user in new[] { "viewer", "rater1", "emp1" })
        {
            using var c = await Host.As(user);
            Assert.Contains("只有系统管理员和考核管理员", (await Json.Read(await c.GetAsync("/api/months"), HttpStatusCode.Forbidden)).Str("title"));
            await Json.Read(await c.PostAsJsonAsync("/api/months/2026-10/reopen", new { reason = "更正" }), HttpStatusCode.Forbidden);
        }

        Assert.Contains("须写明原因", (await Json.Read(await hr.PostAsJsonAsync("/api/months/2026-10/reopen", new { reason = " " }), HttpStatusCode.BadRequest)).Str("title"));
        Assert.Contains("不是月份", (await Json.Read(await hr.PostAsJsonAsync("/api/months/2026-13/reopen", new { reason = "更正" }), HttpStatusCode.BadRequest)).Str("title"));
        Assert.Equal(HttpStatusCode.NoContent, (await hr.PostAsJsonAsync("/api/months/2026-10/reopen", new { reason = "更正 10 月的投诉记录" })).StatusCode);

        var after = await Json.Read(await hr.GetAsync("/api/months"), HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("closed").GetArrayLength());
        var last = after.GetProperty("history")[0];
        Assert.Equal(("hr", "重新开账", "2026-10", "更正 10 月的投诉记录"), (last.Str("actor"), last.Str("action"), last.Str("month"), last.Str("reason")));
        using var check = Host.Db.Database.CreateContext();
        Assert.False(check.ClosedPeriods.AsNoTracking().Any());
        Assert.Equal(0, check.MetricValues.Count(v => v.Period == "2026-10"));
    }
}

public sealed class SqliteMonthsApiTests() : MonthsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresMonthsApiTests() : MonthsApiTests(DatabaseProvider.PostgreSql);
