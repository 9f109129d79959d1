using System.Text.Json;
using Kaohe.Core.Lint;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.IO;
using Kaohe.Schemes;
using Kaohe.Schemes.Editing;

namespace Kaohe.Web.Api;

/// <summary>
/// The scheme editor's endpoints, beside the scheme list and saving in <see cref="CycleApi"/>: the trial score (试算) of a
/// scheme that may not be saved yet. Wired into the API group (session, refusals as problems) by <c>SchemeApi.Map(api)</c>.
/// </summary>
public static class SchemeApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/schemes").WithTags("方案");
        schemes.MapPost("/trial", (SchemeTrialRequest r, HttpContext h, KaoheDb db) => Trial(r, CycleApi.ActorOf(h), db, h.RequestAborted))
            .WithSummary($"试算：方案（yaml 文本或 scheme 编号）与至多 {SchemeTrial.MaxSubjects} 个样例（subjects，同 kaohe score 的 JSON 输入），返回每项得分与评分依据（考核管理员）");
    }

    /// <summary>Scores the samples with the scheme; every problem of the text or the inputs is a 400 with its lines.</summary>
    public static SchemeTrialAnswer Trial(SchemeTrialRequest r, Actor actor, KaoheDb db, CancellationToken cancel)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以试算方案");
        Scheme scheme;
        if (!string.IsNullOrEmpty(r.Yaml))
        {
            if (r.Yaml.Length > SchemeLimits.MaxTextChars)
                throw new CycleException($"方案文本过长：最多 {SchemeLimits.MaxTextChars:N0} 个字符", 413);
            var load = SchemeLoader.Load(r.Yaml, "方案");
            if (load.Scheme is null || !load.Errors.IsEmpty)
                throw new CycleException("方案有错误，无法试算", 400,
                    [.. load.Errors.Select(e => e.Line > 0 ? $"第 {e.Line} 行第 {e.Column} 列 {e.Field}：{e.Message}" : $"{e.Field}：{e.Message}")]);
            scheme = load.Scheme;
        }
        else if (!string.IsNullOrWhiteSpace(r.Scheme)) scheme = QuickScore.Resolve(db, r.Scheme.Trim());
        else throw new CycleException("请给出要试算的方案：yaml（方案文本）或 scheme（方案编号）");

        if (r.Subjects is not { ValueKind: JsonValueKind.Array } samples)
            throw new CycleException("请给出样例：subjects 数组，每项 { \"name\": …, \"inputs\": { 指标名: 值 } }，与 kaohe score 的 JSON 输入相同");
        if (samples.GetArrayLength() > SchemeTrial.MaxSubjects)
            throw new CycleException($"试算最多 {SchemeTrial.MaxSubjects} 个样例（更多请用快速计分）");

        // The samples are read exactly as kaohe score and quick scoring read a JSON input.
        var problems = new Problems(null);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, JsonElement> { ["subjects"] = samples });
        List<Kaohe.Core.Inputs.SubjectInput> subjects;
        using (var source = SubjectSource.Open(new MemoryStream(json), "试算.json", scheme, problems))
            subjects = [.. source.ReadSubjects(cancel)];
        if (problems.Count > 0) throw new CycleException("样例有误，未试算", 400, [.. problems.Kept, .. problems.UnlistedLine is { } more ? [more] : Array.Empty<string>()]);

        var outcome = SchemeTrial.Run(scheme, subjects, cancel);
        if (outcome.Refusal is { } refusal) throw new CycleException(refusal);
        if (outcome.Errors.Count > 0)
            throw new CycleException($"共 {outcome.Errors.Count} 个输入问题，未试算", 400, [.. outcome.Errors.Take(InputLimits.MaxProblems).Select(e => e.ToString())]);
        return new SchemeTrialAnswer(scheme.Id, scheme.Name, [.. SchemeLinter.Lint(scheme).Select(l => l.ToString())], outcome.Results);
    }
}

/// <summary>A trial score: the scheme as YAML (a draft) or by code (a template or a saved scheme), and the samples.</summary>
/// <param name="Subjects">As <c>subjects</c> of kaohe score's JSON input: <c>[{ "name": "样例", "inputs": { "服务态度": "良好" }, "奖金基数": 3000 }]</c>.</param>
public sealed record SchemeTrialRequest(string? Yaml, string? Scheme, JsonElement? Subjects);

/// <summary>The trial's results with every item's score and explanation, and the scheme's lint findings.</summary>
public sealed record SchemeTrialAnswer(string Scheme, string Name, IReadOnlyList<string> Lint, IReadOnlyList<SubjectResult> Results);
