using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>Own schemes: checked, saved as versions; a cycle keeps the version it was opened with.</summary>
public abstract class SchemeApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task An_own_scheme_is_checked_saved_as_versions_and_a_cycle_keeps_its_version()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var template = await Json.Read(await hr.GetAsync("/api/schemes/TPL-07"), HttpStatusCode.OK);
        Assert.True(template.GetProperty("builtin").GetBoolean());
        var yaml = template.Str("yaml");

        // A template's id cannot be saved over.
        var refused = await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml }), HttpStatusCode.BadRequest);
        Assert.Contains("内置模板不能修改", refused.Str("title"));
        // A broken file is refused with the line of the problem.
        var broken = yaml.Replace("id: TPL-07", "id: MY-07", StringComparison.Ordinal).Replace("points: 10", "points: 十", StringComparison.Ordinal);
        var check = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/check", new { yaml = broken }), HttpStatusCode.OK);
        Assert.Contains(check.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("第 ", StringComparison.Ordinal));
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = broken }), HttpStatusCode.BadRequest);

        var own = yaml.Replace("id: TPL-07", "id: MY-07", StringComparison.Ordinal);
        Assert.Contains("id: MY-07", own);
        using var rater = await Host.As("rater1");
        await Json.Read(await rater.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.Forbidden);
        var v1 = await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.OK);
        Assert.Equal(1, v1.Int("version"));
        Assert.Equal(1, (await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = own }), HttpStatusCode.OK)).Int("version")); // unchanged: no new version

        var opened = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "MY-07", period = "2026-10", subjects = new[] { "E11" }, defaultPayoutBase = 1000 }), HttpStatusCode.Created);
        Assert.Equal(1, opened.GetProperty("cycle").Int("schemeVersion"));

        var changed = own.Replace("none_below: 60", "none_below: 50", StringComparison.Ordinal);
        Assert.NotEqual(own, changed);
        Assert.Equal(2, (await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = changed }), HttpStatusCode.OK)).Int("version"));
        var first = opened.GetProperty("cycle").Int("id");
        Assert.Equal(1, (await Json.Read(await hr.GetAsync($"/api/cycles/{first}"), HttpStatusCode.OK)).GetProperty("cycle").Int("schemeVersion"));
        var second = await Json.Read(await hr.PostAsJsonAsync("/api/cycles", new { scheme = "MY-07", period = "2026-11", subjects = new[] { "E12" }, defaultPayoutBase = 1000 }), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("cycle").Int("schemeVersion"));

        var detail = await Json.Read(await hr.GetAsync("/api/schemes/MY-07"), HttpStatusCode.OK);
        Assert.Equal([2, 1], detail.GetProperty("versions").EnumerateArray().Select(v => v.Int("version")));
        Assert.Equal([1, 1], detail.GetProperty("versions").EnumerateArray().Select(v => v.Int("cycles")));
        var text = await hr.GetStringAsync("/api/schemes/MY-07/versions/1");
        Assert.Equal(own, text);
        Assert.Contains(((await Json.Read(await hr.GetAsync("/api/schemes"), HttpStatusCode.OK)).EnumerateArray()), s => s.Str("code") == "MY-07" && !s.GetProperty("builtin").GetBoolean());
    }
}

public sealed class SqliteSchemeApiTests() : SchemeApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemeApiTests() : SchemeApiTests(DatabaseProvider.PostgreSql);
