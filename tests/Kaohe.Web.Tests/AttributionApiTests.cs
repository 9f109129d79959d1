using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Kaohe.Data.Model;

namespace Kaohe.Web.Tests;

/// <summary>
/// The attribution API on the tiny company: 一组 is a sales office (员工甲 and 员工丙 register one customer at the
/// same minute). Who may see (a rater of 二组 is refused), who may decide (the 组长 of 一组, not an appraisee), the
/// decision form's field errors, and the decision taking effect.
/// </summary>
public abstract class AttributionApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    private int Seed()
    {
        CreateCompany();
        using var db = Host.Db.Database.CreateContext();
        var t1 = db.Units.Single(u => u.Code == "T1");
        var h1 = db.Staff.Single(s => s.EmployeeNo == "E01");
        var e1 = db.Staff.Single(s => s.EmployeeNo == "E11");
        var e3 = new Staff { EmployeeNo = "E13", Name = "员工丙", UnitId = t1.Id, Role = "置业顾问", SupervisorId = h1.Id };
        db.Staff.Add(e3);
        db.SaveChanges();
        var at = new DateTime(2026, 3, 2, 11, 0, 0, DateTimeKind.Utc);
        db.SalesReceptions.AddRange(
            new SalesReception { UnitId = t1.Id, Customer = "客户乙", StaffId = e1.Id, At = at, HasTime = true, Month = 202603 },
            new SalesReception { UnitId = t1.Id, Customer = "客户乙", StaffId = e3.Id, At = at, HasTime = true, Month = 202603 });
        db.SaveChanges();
        return t1.Id;
    }

    [Fact]
    public async Task Only_the_units_people_see_it_and_only_its_supervisor_decides()
    {
        var unit = Seed();
        var url = $"/api/attribution/{unit}/2026-03";
        using var rater2 = await Host.As("rater2");
        var refused = await Json.Read(await rater2.GetAsync(url), HttpStatusCode.Forbidden);
        Assert.Contains("案场", refused.Str("title"));
        await Json.Read(await rater2.GetAsync($"/api/attribution/{unit}/settings"), HttpStatusCode.Forbidden);
        Assert.Equal(0, (await Json.Read(await rater2.GetAsync("/api/attribution"), HttpStatusCode.OK)).GetArrayLength());

        using var emp1 = await Host.As("emp1");
        var seen = await Json.Read(await emp1.GetAsync(url), HttpStatusCode.OK);
        Assert.False(seen.GetProperty("canDecide").GetBoolean());
        var conflict = seen.GetProperty("conflicts").EnumerateArray().Single();
        var id = conflict.Str("id");
        Assert.False(conflict.GetProperty("canDecide").GetBoolean());
        var staff = conflict.GetProperty("candidates").EnumerateArray().Select(c => (c.Int("staffId"), c.Str("name"))).ToList();
        var bing = staff.Single(s => s.Item2 == "员工丙").Item1;
        await Json.Read(await emp1.PostAsJsonAsync(url + "/decisions", new { conflictId = id, staffId = bing, reason = "我先到的" }), HttpStatusCode.Forbidden);

        using var rater1 = await Host.As("rater1");
        Assert.True((await Json.Read(await rater1.GetAsync(url), HttpStatusCode.OK)).GetProperty("canDecide").GetBoolean());
        var empty = await Json.Read(await rater1.PostAsJsonAsync(url + "/decisions", new { conflictId = id, staffId = bing, reason = "" }), HttpStatusCode.BadRequest);
        Assert.Equal("裁定理由", empty.GetProperty("fields")[0].Str("field"));
        var done = await Json.Read(await rater1.PostAsJsonAsync(url + "/decisions", new { conflictId = id, staffId = bing, reason = "监控显示员工丙先接待" }), HttpStatusCode.OK);
        Assert.Equal("员工丙", done.Str("consultant"));
        var after = await Json.Read(await emp1.GetAsync(url), HttpStatusCode.OK);
        Assert.Equal("员工丙", after.GetProperty("customers").EnumerateArray().Single().Str("owner"));
        await Json.Read(await rater1.PostAsJsonAsync(url + "/decisions", new { conflictId = id, staffId = bing, reason = "再来" }), HttpStatusCode.Conflict);

        // Settings: HR may change them (audited), a bad line is refused in Chinese; the rater may not.
        using var hr = await Host.As("hr");
        var bad = await Json.Read(await hr.PutAsJsonAsync($"/api/attribution/{unit}/settings", new { text = "回访期限天数=七天" }), HttpStatusCode.BadRequest);
        Assert.Contains("回访期限天数", bad.Str("title"));
        await Json.Read(await hr.PutAsJsonAsync($"/api/attribution/{unit}/settings", new { text = "回访期限天数=10" }), HttpStatusCode.OK);
        await Json.Read(await rater1.PutAsJsonAsync($"/api/attribution/{unit}/settings", new { text = "回访期限天数=3" }), HttpStatusCode.Forbidden);
        var bad2 = await Json.Read(await hr.GetAsync($"/api/attribution/{unit}/2026-13"), HttpStatusCode.BadRequest);
        Assert.Contains("月份", bad2.Str("title"));
    }
}

public sealed class SqliteAttributionApiTests() : AttributionApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresAttributionApiTests() : AttributionApiTests(DatabaseProvider.PostgreSql);
