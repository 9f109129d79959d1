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

    [Fact]
    public async Task Hr_computes_a_plan_on_an_uploaded_table_and_a_bad_table_is_refused_at_its_rows()
    {
        CreateCompany();
        var example = await File.ReadAllBytesAsync(Path.Combine(Repo.Root, "examples", "plans", "TPL-26-key-account-department.csv"));
        using var rater = await Host.As("rater1");
        await Json.Read(await rater.PostAsync("/api/plans/TPL-26/calculate", Files.Upload("年度.csv", example)), HttpStatusCode.Forbidden);

        using var hr = await Host.As("hr");
        var done = await Json.Read(await hr.PostAsync("/api/plans/TPL-26/calculate", Files.Upload("年度.csv", example)), HttpStatusCode.OK);
        var first = done.GetProperty("ledgers")[0];
        // KA-09's year: 0, 9,600 × 0.97, 12,200 (with the separate 6 % bonuses), 13,000 × 0.99.
        Assert.Equal([0m, 9312m, 12200m, 12870m], first.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("actual").GetDecimal()));
        Assert.Equal(600m, first.GetProperty("periods")[0].GetProperty("penalty").GetDecimal());

        var bad = await Json.Read(await hr.PostAsync("/api/plans/TPL-26/calculate", Files.Upload("坏.csv", "姓名,季度,回款\n张三,2026Q5,１２万\n")), HttpStatusCode.BadRequest);
        Assert.Contains(bad.GetProperty("details").EnumerateArray(), d => d.GetString()!.StartsWith("第 2 行 “季度”", StringComparison.Ordinal));
        var pay = await Json.Read(await hr.PostAsync("/api/plans/TPL-27/calculate",
            Files.Upload("月度.csv", await File.ReadAllBytesAsync(Path.Combine(Repo.Root, "examples", "plans", "TPL-27-bank-loan-officer.csv")))), HttpStatusCode.OK);
        Assert.Equal([2390m, 3760m, 1800m], pay.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("pay").GetProperty("total").GetDecimal()));
    }
}
