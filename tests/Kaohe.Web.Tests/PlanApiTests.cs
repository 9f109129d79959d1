using System.Net;

namespace Kaohe.Web.Tests;

/// <summary>The 奖金方案 (issue 15): every built-in plan as its Chinese rules, to anyone signed in, never to a stranger.</summary>
public sealed class PlanApiTests() : HostedTests(Kaohe.Data.DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Every_built_in_plan_reads_as_its_rules_and_an_unknown_one_is_not_found()
    {
        CreateCompany();
        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/plans")).StatusCode);

        using var rater = await Host.As("rater1");
        var plans = await Json.Read(await rater.GetAsync("/api/plans"), HttpStatusCode.OK);
        var ids = plans.EnumerateArray().Select(p => p.Str("id")).ToList();
        Assert.Equal(["TPL-24", "TPL-25", "TPL-26", "TPL-27", "TPL-29"], ids);
        foreach (var p in plans.EnumerateArray())
        {
            Assert.NotEmpty(p.GetProperty("rules").EnumerateArray());
            Assert.NotEmpty(p.GetProperty("columns").EnumerateArray());
            // No rule codes in what people read.
            Assert.DoesNotMatch(@"\b(KA|PR|TQ|BP|GR|LN|OF)-\d\d\b", string.Join("\n", p.GetProperty("rules").EnumerateArray().Select(r => r.GetString())));
        }

        var docC = await Json.Read(await rater.GetAsync("/api/plans/TPL-26"), HttpStatusCode.OK);
        Assert.Equal("季度", docC.Str("period"));
        Assert.Contains(docC.GetProperty("rules").EnumerateArray(), r => r.GetString()!.Contains("600"));
        var missing = await Json.Read(await rater.GetAsync("/api/plans/TPL-99"), HttpStatusCode.NotFound);
        Assert.Contains("奖金方案“TPL-99”", missing.Str("title"));
    }
}
