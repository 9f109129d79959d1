using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Web.Api;

namespace Kaohe.Web.Tests;

/// <summary>
/// 试算 of a scheme that may not be saved: the editor's trial score as an API (<c>POST /api/schemes/trial</c>), the same
/// engine and the same JSON input as <c>kaohe score</c>; only HR and administrators; every problem named.
/// </summary>
public abstract class SchemeTrialApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    /// <summary>A small own scheme: a grade item and a band item on 100 points, with grades and a payout per appraisee.</summary>
    public const string Yaml = """
        id: MY-TRIAL
        name: 客服专员月度考核表
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: proportional }
        sections:
          - name: 工作业绩
            indicators:
              - { name: 服务态度, points: 40, grade: { 优秀: 40, 良好: 32, 合格: 24, 不合格: 0 } }
              - name: 回访完成率
                points: 60
                bands:
                  bands:
                    - { when: ">= 95%", points: 60 }
                    - { when: "[80%, 95%)", points: 40 }
                    - { when: "< 80%", points: 0 }
        """;

    private static JsonElement Samples(params object[] subjects) => JsonSerializer.SerializeToElement(subjects);

    private Actor ActorOf(string user)
    {
        using var db = Host.Db.Database.CreateContext();
        return Actor.Of(db.Accounts.Single(a => a.UserName == user));
    }

    [Fact]
    public void Trial_ScoresSamplesOfADraftOrASavedScheme_AndNamesEveryProblem()
    {
        CreateCompany();
        var hr = ActorOf("hr");
        using var db = Host.Db.Database.CreateContext();
        var samples = Samples(
            new Dictionary<string, object> { ["name"] = "甲", ["inputs"] = new Dictionary<string, object> { ["服务态度"] = "良好", ["回访完成率"] = "96%" }, ["奖金基数"] = 3000 },
            new Dictionary<string, object> { ["name"] = "乙", ["inputs"] = new Dictionary<string, object> { ["服务态度"] = "合格", ["回访完成率"] = 0.85 }, ["奖金基数"] = 3000 });

        var answer = SchemeApi.Trial(new SchemeTrialRequest(Yaml, null, samples), hr, db, default);
        Assert.Equal(("MY-TRIAL", "客服专员月度考核表"), (answer.Scheme, answer.Name));
        Assert.Equal([92m, 64m], answer.Results.Select(r => r.Total));
        Assert.Equal(["优秀", "合格"], answer.Results.Select(r => r.Grade));
        Assert.Equal(2760m, answer.Results[0].Payout);
        Assert.Contains("≥ 95%", answer.Results[0].Indicators[1].Explanation);
        Assert.Empty(answer.Lint);

        // Nothing was saved by trying.
        Assert.False(db.SchemeVersions.Any(v => v.SchemeCode == "MY-TRIAL"));
        // A saved scheme, or a template, is tried by its code.
        new SchemeStore(db).Save(hr, Yaml);
        Assert.Equal(92m, SchemeApi.Trial(new SchemeTrialRequest(null, "MY-TRIAL", samples), hr, db, default).Results[0].Total);
        var template = Kaohe.Schemes.SchemeCatalog.Find("TPL-07")!.Load.Scheme!;
        var inputs = JsonDocument.Parse(Kaohe.Core.Inputs.RawInputJson.ToJson(Kaohe.Schemes.Editing.TrialInputs.Sample(template, "丙", 0).Inputs)).RootElement;
        var byCode = SchemeApi.Trial(new SchemeTrialRequest(null, "TPL-07", Samples(new Dictionary<string, object> { ["name"] = "丙", ["inputs"] = inputs, ["奖金基数"] = 3000 })), hr, db, default);
        Assert.Equal(100m, byCode.Results.Single().Total);

        // A broken text: each problem with its line; a bad input: sample, item and value named.
        var broken = Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml.Replace("points: 60\n", "points: 六十\n", StringComparison.Ordinal), null, samples), hr, db, default));
        Assert.Equal(400, broken.Status);
        Assert.Contains(broken.Details, d => d.StartsWith("第 16 行", StringComparison.Ordinal) && d.Contains("六十", StringComparison.Ordinal));
        var bad = Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml, null,
            Samples(new { name = "丁", inputs = new Dictionary<string, object> { ["服务态度"] = "很好", ["回访完成率"] = "96%" }, 奖金基数 = 3000 })), hr, db, default));
        Assert.Contains(bad.Details, d => d.Contains("丁", StringComparison.Ordinal) && d.Contains("服务态度", StringComparison.Ordinal) && d.Contains("很好", StringComparison.Ordinal));
        var unknown = Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml, null, Samples(new { name = "戊", inputs = new { 服务 = "良好" } })), hr, db, default));
        Assert.Contains(unknown.Details, d => d.Contains("服务", StringComparison.Ordinal));

        // A trial is a few samples, not a company; no scheme, no samples, or another role: refused.
        var many = Samples([.. Enumerable.Range(0, 21).Select(i => new { name = "样例" + i, inputs = new { 服务态度 = "良好", 回访完成率 = "96%" } })]);
        Assert.Contains("最多 20 个样例", Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml, null, many), hr, db, default)).Message);
        Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(null, null, samples), hr, db, default));
        Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml, null, null), hr, db, default));
        foreach (var user in new[] { "rater1", "emp1", "viewer" })
            Assert.Equal(403, Assert.Throws<CycleException>(() => SchemeApi.Trial(new SchemeTrialRequest(Yaml, null, samples), ActorOf(user), db, default)).Status);
    }

    [Fact]
    public async Task Trial_OverHttp_AnswersResultsOrProblems()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var body = new { yaml = Yaml, subjects = new object[] { new Dictionary<string, object> { ["name"] = "甲", ["inputs"] = new Dictionary<string, object> { ["服务态度"] = "良好", ["回访完成率"] = "96%" }, ["奖金基数"] = 3000 } } };
        var ok = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/trial", body), HttpStatusCode.OK);
        var first = ok.GetProperty("results")[0];
        Assert.Equal((92m, "优秀"), (first.Dec("total"), first.Str("grade")));
        Assert.Contains("≥ 95%", first.GetProperty("indicators")[1].Str("explanation"));

        var broken = await Json.Read(await hr.PostAsJsonAsync("/api/schemes/trial", body with { yaml = Yaml.Replace("points: 60\n", "points: 六十\n", StringComparison.Ordinal) }), HttpStatusCode.BadRequest);
        Assert.Equal("方案有错误，无法试算", broken.Str("title"));
        Assert.Contains(broken.GetProperty("details").EnumerateArray(), d => d.GetString()!.StartsWith("第 16 行", StringComparison.Ordinal));

        using var rater = await Host.As("rater1");
        await Json.Read(await rater.PostAsJsonAsync("/api/schemes/trial", body), HttpStatusCode.Forbidden);
        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/schemes/trial", body)).StatusCode);
        // Larger than any scheme and a few samples: refused before it is read.
        var huge = await hr.PostAsJsonAsync("/api/schemes/trial", new { yaml = new string('#', 3 * 1024 * 1024), subjects = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }
}

public sealed class SqliteSchemeTrialApiTests() : SchemeTrialApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemeTrialApiTests() : SchemeTrialApiTests(DatabaseProvider.PostgreSql);
