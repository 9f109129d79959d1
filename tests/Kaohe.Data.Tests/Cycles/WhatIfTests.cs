using System.Collections.Immutable;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Scoring;
using Kaohe.Data.Cycles;
using Kaohe.Data.Tests.Results;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Cycles;

/// <summary>
/// What-if on a result and on a form (issue 14): the answer is the engine's <see cref="WhatIf"/> — what <c>kaohe whatif</c>
/// prints — on the inputs the scorer sees; it is asked by whoever may read the result or form and changes nothing.
/// </summary>
public abstract class WhatIfTests(DatabaseProvider provider) : IDisposable
{
    /// <summary>A person scheme with one quantitative item (客户流失率, 20 points, base 15 at the baseline, ±1 a point) and one manual item.</summary>
    public const string Yaml = """
        id: 流失测算
        name: 客服流失测算
        subject: person
        period: month
        total: 100
        sections:
          - name: 定量
            indicators:
              - name: 客户流失率
                points: 20
                baseline:
                  direction: lower_is_better
                  source: historical_min
                  unit: percent
                  base: 15
                  step: 1
                  up: 1
                  down: 1
                  cap: 20
                  floor: 0
                  rounding: floor
                  difference: points
                  no_data: base
                  label: 流失率
          - name: 定性
            indicators:
              - name: 综合得分
                points: 80
                manual: { min: 0, max: 80 }
        """;

    private static readonly JsonElement Churn = JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["客户流失率"] = new Dictionary<string, string> { ["value"] = "4%", ["baseline"] = "5%" },
        ["综合得分"] = "70",
    });

    private readonly ResultsCompany _co = new(provider);

    public void Dispose()
    {
        _co.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A released cycle of E11 rated with churn 4% against a baseline of 5%: (subject id, form id).</summary>
    private (int Subject, int Form) Released()
    {
        using var db = _co.Db();
        new SchemeStore(db).Save(Actor.Machine("test"), Yaml);
        var cycles = new CycleService(db, _co.Clock);
        var id = cycles.Open(_co.As("hr"), new OpenCycleRequest("流失测算", "2026-10", Subjects: ["E11"]));
        var form = db.RatingForms.AsNoTracking().Single(f => db.CycleSubjects.Any(s => s.Id == f.CycleSubjectId && s.CycleId == id));
        cycles.Submit(_co.As("boss"), form.Id, new FormSave(Churn, null, form.Version));
        cycles.Release(_co.As("hr"), id, new ReleaseRequest(_co.Version(id)));
        return (form.CycleSubjectId, form.Id);
    }

    /// <summary>What <c>kaohe whatif --indicator 客户流失率 --target …</c> answers for the same inputs.</summary>
    private static WhatIfResult Cli(decimal target, string value = "4%") =>
        Cli(target, new RawObject(ImmutableDictionary<string, RawInput>.Empty.Add("value", new RawScalar(value)).Add("baseline", new RawScalar("5%"))));

    private static WhatIfResult Cli(decimal target, RawInput input)
    {
        var scheme = SchemeStore.Parse(Yaml, "test");
        var indicator = scheme.Indicators.Single(i => i.Name == "客户流失率");
        var subject = new SubjectInput("张一", ImmutableDictionary<string, RawInput>.Empty.Add("客户流失率", input),
            ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty);
        return WhatIf.Solve(scheme, indicator, subject, "value", target);
    }

    [Fact]
    public void ResultWhatIf_ChurnFor18Points_IsTheCliAnswerOnTheStoredInputs()
    {
        var (subject, _) = Released();
        using var db = _co.Db();
        var audit = db.AuditEntries.Count();
        var service = new CycleService(db, _co.Clock);

        var items = service.ResultWhatIfItems(_co.As("e11"), subject);
        var item = Assert.Single(items);
        Assert.Equal(("客户流失率", "定量", 20m, "4%", 16m), (item.Indicator, item.Section, item.Points, item.Value, item.Score));

        var answer = service.ResultWhatIf(_co.As("e11"), subject, new WhatIfQuestion("客户流失率", "１８"));
        var cli = Cli(18);
        Assert.True(answer.Reachable);
        Assert.Equal((cli.Value, cli.Score, cli.Explanation), (answer.Value, answer.Score, answer.Sentence));
        Assert.Equal((2m, "2%", 18m), (answer.Value!.Value, answer.ValueText, answer.Points));
        Assert.Contains("≤ 2%", answer.Sentence);
        Assert.Equal(("4%", 16m), (answer.CurrentValue, answer.CurrentScore));
        // HR of the unit asks the same and gets the same; nothing is written.
        Assert.Equal(answer, service.ResultWhatIf(_co.As("hr"), subject, new WhatIfQuestion("客户流失率", "18")));
        Assert.Equal(audit, db.AuditEntries.Count());
    }

    [Fact]
    public void ResultWhatIf_AnotherAppraiseeOrHrOfAnotherUnit_IsToldItDoesNotExist()
    {
        var (subject, _) = Released();
        using var db = _co.Db();
        var service = new CycleService(db, _co.Clock);
        foreach (var user in new[] { "e12", "hr2" })
        {
            Assert.Equal(404, Assert.Throws<CycleException>(() => service.ResultWhatIf(_co.As(user), subject, new WhatIfQuestion("客户流失率", "18"))).Status);
            Assert.Equal(404, Assert.Throws<CycleException>(() => service.ResultWhatIfItems(_co.As(user), subject)).Status);
        }
    }

    [Theory]
    [InlineData("客户流失率", "21", "points", "0 到 20 分")]
    [InlineData("客户流失率", "-1", "points", "0 到 20 分")]
    [InlineData("客户流失率", "十八", "points", "阿拉伯数字")]
    [InlineData("客户流失率", " ", "points", "请填写")]
    [InlineData("客户流失率", "18888888888888888888888888888888888888888888888888", "points", "0 到 20 之间的数字")]
    [InlineData("综合得分", "18", "indicator", "不是可以测算的定量指标")]
    [InlineData("客户满意率", "18", "indicator", "没有指标")]
    [InlineData("", "18", "indicator", "请选择")]
    public void ResultWhatIf_BadQuestion_IsRefusedAtItsField(string indicator, string points, string field, string says)
    {
        var (subject, _) = Released();
        using var db = _co.Db();
        var e = Assert.Throws<CycleException>(() => new CycleService(db, _co.Clock).ResultWhatIf(_co.As("e11"), subject, new WhatIfQuestion(indicator, points)));
        Assert.Equal(400, e.Status);
        Assert.Equal(field, Assert.Single(e.Fields).Field);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void FormWhatIf_WithoutABaseline_AnswersThatItCannotBeSolvedAsTheCliSays()
    {
        var (_, formId) = Released();
        using var db = _co.Db();
        // HR looks at the submitted form as it would be with the baseline left out.
        var onPage = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["客户流失率"] = "4%" });
        var answer = new CycleService(db, _co.Clock).FormWhatIf(_co.As("hr"), formId, new WhatIfQuestion("客户流失率", "18"), onPage);
        var cli = Cli(18, new RawScalar("4%"));
        Assert.NotNull(cli.Error);
        Assert.False(answer.Reachable);
        Assert.Null(answer.Value);
        Assert.Equal($"无法反推“客户流失率”：{cli.Error}", answer.Sentence);
    }

    [Fact]
    public void FormWhatIf_UsesTheRatersUnsavedInputs_AndOnlyTheRaterOrHrMayAsk()
    {
        using var db = _co.Db();
        new SchemeStore(db).Save(Actor.Machine("test"), Yaml);
        var service = new CycleService(db, _co.Clock);
        var id = service.Open(_co.As("hr"), new OpenCycleRequest("流失测算", "2026-10", Subjects: ["E11"]));
        var form = db.RatingForms.AsNoTracking().Single(f => db.CycleSubjects.Any(s => s.Id == f.CycleSubjectId && s.CycleId == id));

        // Nothing entered yet: the item is listed with no current value; the answer still comes (the baseline is missing, so it says why not).
        var empty = Assert.Single(service.FormWhatIfItems(_co.As("boss"), form.Id));
        Assert.Equal(("客户流失率", (string?)null, (decimal?)null), (empty.Indicator, empty.Value, empty.Score));

        // The values on the page, not yet saved, are what the answer is about.
        var onPage = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["客户流失率"] = new Dictionary<string, string> { ["value"] = "6%", ["baseline"] = "5%" },
        });
        var answer = service.FormWhatIf(_co.As("boss"), form.Id, new WhatIfQuestion("客户流失率", "18"), onPage);
        var cli = Cli(18, "6%");
        Assert.Equal((cli.Value, cli.Explanation), (answer.Value, answer.Sentence));
        Assert.Equal(("6%", 14m), (answer.CurrentValue, answer.CurrentScore));
        // Asking saved nothing: the form is as it was opened.
        var stored = db.RatingForms.AsNoTracking().Single(f => f.Id == form.Id);
        Assert.Equal((form.Version, form.InputsJson, (DateTime?)null), (stored.Version, stored.InputsJson, stored.SavedAt));

        var stranger = Assert.Throws<CycleException>(() => service.FormWhatIf(_co.As("boss"), form.Id, new WhatIfQuestion("客户流失率", "18"),
            JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["出勤"] = "1" })));
        Assert.Equal(400, stranger.Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => service.FormWhatIf(_co.As("e11"), form.Id, new WhatIfQuestion("客户流失率", "18"))).Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => service.FormWhatIf(_co.As("hr2"), form.Id, new WhatIfQuestion("客户流失率", "18"))).Status);
        Assert.Equal(answer.Value, service.FormWhatIf(_co.As("hr"), form.Id, new WhatIfQuestion("客户流失率", "18"), onPage).Value);
    }
}

public sealed class SqliteWhatIfTests() : WhatIfTests(DatabaseProvider.Sqlite);

public sealed class PostgresWhatIfTests() : WhatIfTests(DatabaseProvider.PostgreSql);
