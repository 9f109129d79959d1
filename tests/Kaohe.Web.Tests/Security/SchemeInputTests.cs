using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kaohe.Data;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, finding 1: scheme text that used to stop the server (nesting 100,000 deep) or cost seconds and hundreds
/// of megabytes (an alias bomb) is refused with a Chinese message while the server stays up; only those who may save
/// schemes may have one checked. Finding 10: scheme ids with “/”, “..” or a line break are not saved.
/// </summary>
public abstract class SchemeInputTests(DatabaseProvider provider) : HostedTests(provider)
{
    private static string Deep(int depth) => "notes: " + new string('[', depth) + new string(']', depth) + "\n";

    private static string AliasBomb()
    {
        var sb = new StringBuilder("id: BOMB\nname: 炸弹\nanchor: &a [");
        sb.Append(string.Join(",", Enumerable.Repeat("x", 500))).Append("]\nnotes:\n");
        for (var i = 0; i < 2000; i++) sb.Append("  - *a\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Hostile_scheme_text_is_refused_in_chinese_and_the_server_stays_up()
    {
        CreateCompany();
        using var emp = await Host.As("emp1");
        await Json.Read(await emp.PostAsJsonAsync("/api/schemes/check", new { yaml = Deep(100_000) }), HttpStatusCode.Forbidden);

        using var hr = await Host.As("hr");
        var deep = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/check", new { yaml = Deep(100_000) }), HttpStatusCode.OK);
        Assert.Contains("嵌套层数超过 64 层", deep.GetProperty("errors")[0].GetString());
        var bomb = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/check", new { yaml = AliasBomb() }), HttpStatusCode.OK);
        Assert.Contains("别名展开后的节点过多", string.Join("\n", bomb.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = Deep(100_000) }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/ping")).StatusCode);

        foreach (var id in new[] { "../etc", "A/B", "X\\r\\nY" })
        {
            var yaml = $"id: \"{id}\"\nname: 坏编号\nsubject: person\nperiod: month\nsections:\n  - name: 考核\n    indicators:\n      - {{ name: 工作, points: 100, manual: true }}\n";
            var refused = await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml }), HttpStatusCode.BadRequest);
            Assert.Contains("id", string.Join("\n", refused.GetProperty("details").EnumerateArray().Select(e => e.GetString())));
        }
        using var db = Host.Db.Database.CreateContext();
        Assert.Empty(db.SchemeVersions.Where(v => !v.Builtin).ToList());
    }
}

public sealed class SqliteSchemeInputTests() : SchemeInputTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemeInputTests() : SchemeInputTests(DatabaseProvider.PostgreSql);
