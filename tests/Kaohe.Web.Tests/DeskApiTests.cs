using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 11, item 5: HR's desk (cycles in progress with open forms and deadlines, appeals to decide) and 催办 — a
/// reminder to each rater who has not rated, audited, shown to the rater until they have.
/// </summary>
public abstract class DeskApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task Hr_sees_what_needs_doing_and_reminds_the_raters_who_have_not_rated()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var detail = await Open(hr, Tpl07Request("E11", "E12"));
        var cycle = detail.GetProperty("cycle").Int("id");

        var desk = await Json.Read(await hr.GetAsync("/api/desk"), HttpStatusCode.OK);
        var row = Assert.Single(desk.GetProperty("cycles").EnumerateArray());
        Assert.Equal((cycle, 0, 4), (row.Int("id"), row.Int("formsSubmitted"), row.Int("forms")));
        Assert.Empty(desk.GetProperty("appeals").EnumerateArray());

        // rater1 rates 员工甲; the others are reminded, each of their own open forms.
        using var rater1 = await Host.As("rater1");
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater1, FormOf(detail, "E11", "主管评"), Full())).StatusCode);
        var reminded = await Json.Read(await hr.PostAsync($"/api/cycles/{cycle}/remind", null), HttpStatusCode.OK);
        var who = reminded.GetProperty("reminded").EnumerateArray().Select(p => (p.Str("rater"), p.Int("open"))).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal([("emp1", 1), ("emp2", 1), ("rater2", 1)], who);
        Assert.Empty((await Json.Read(await rater1.GetAsync("/api/forms/reminders"), HttpStatusCode.OK)).EnumerateArray());
        using var rater2 = await Host.As("rater2");
        var notice = Assert.Single((await Json.Read(await rater2.GetAsync("/api/forms/reminders"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal((cycle, "hr", 1), (notice.Int("cycleId"), notice.Str("by"), notice.Int("open")));

        // Nobody else reminds; the reminder ends when the rater has rated.
        await Json.Read(await rater2.PostAsync($"/api/cycles/{cycle}/remind", null), HttpStatusCode.Forbidden);
        await Json.Read(await rater2.GetAsync("/api/desk"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Submit(rater2, FormOf(detail, "E12", "主管评"), Full())).StatusCode);
        Assert.Empty((await Json.Read(await rater2.GetAsync("/api/forms/reminders"), HttpStatusCode.OK)).EnumerateArray());

        using (var db = Host.Db.Database.CreateContext())
        {
            var trail = db.AuditEntries.AsNoTracking().Where(a => a.Action == "催办").OrderBy(a => a.EntityKey).Select(a => a.EntityKey + ":" + a.NewValue).ToList();
            Assert.Equal(["emp1:1 张未提交：员工甲", "emp2:1 张未提交：员工乙", "rater2:1 张未提交：员工乙"], trail);
        }

        // Released with the self-assessments missing: an appeal shows on the desk with its reason and the deadline.
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version = await CycleVersion(hr, cycle), allowMissing = true }), HttpStatusCode.OK);
        await Json.Read(await hr.PostAsync($"/api/cycles/{cycle}/remind", null), HttpStatusCode.Conflict);
        using var emp2 = await Host.As("emp2");
        var e12 = SubjectOf(detail, "E12");
        var mine = await Result(emp2, e12);
        await Json.Read(await emp2.PostAsJsonAsync($"/api/results/{e12}/appeal", new { reason = "客户关系一项漏算", version = mine.Int("version") }), HttpStatusCode.OK);
        desk = await Json.Read(await hr.GetAsync("/api/desk"), HttpStatusCode.OK);
        var appeal = Assert.Single(desk.GetProperty("appeals").EnumerateArray());
        Assert.Equal((e12, "员工乙", "客户关系一项漏算"), (appeal.Int("subjectId"), appeal.Str("subjectName"), appeal.Str("reason")));
        Assert.NotNull(Assert.Single(desk.GetProperty("cycles").EnumerateArray()).Str("confirmDeadline"));
    }
}

public sealed class SqliteDeskApiTests() : DeskApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresDeskApiTests() : DeskApiTests(DatabaseProvider.PostgreSql);
