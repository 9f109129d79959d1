using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Kaohe.Schemes.Editing;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary><c>consequences:</c> in scheme files (GR-01, GR-02): loaded with defaults, refused at the field, written back, kept by the editor.</summary>
public sealed class SchemeConsequencesTests
{
    private const string Four = """
        id: C-01
        name: 后果测试
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        CONSEQUENCES
        sections:
          - name: 考核
            indicators:
              - name: 总分
                points: 100
                manual: { min: 0, max: 100 }
        """;

    private static SchemeLoadResult Load(string consequences, string yaml = Four) =>
        SchemeLoader.Load(yaml.Replace("CONSEQUENCES", consequences), "c.yaml");

    private static SchemeError SingleError(string consequences, string yaml = Four)
    {
        var r = Load(consequences, yaml);
        Assert.False(r.IsSuccess);
        return Assert.Single(r.Errors);
    }

    [Fact]
    public void Load_Defaults_AsRulesSays()
    {
        var r = Load("""
            consequences:
              - { kind: poor-streak, poor: 不合格 }
              - { kind: annual-cap, threshold: 合格 }
            """);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal<ConsequenceRule>([new PoorStreakRule("不合格", 2, 3, false, false), new AnnualCapRule("合格", 2, 3, true, false)], r.Scheme!.Consequences);
    }

    [Fact]
    public void Load_EverySetting()
    {
        var r = Load("""
            consequences:
              - { kind: poor-streak, poor: 合格, warn_after: 3, review_after: 5, cumulative_review: true, missing_breaks: true }
              - { kind: annual-cap, threshold: 良好, adjacent: 3, cumulative: 4, skip_not_assessed: false, cross_year: true }
            """);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal<ConsequenceRule>([new PoorStreakRule("合格", 3, 5, true, true), new AnnualCapRule("良好", 3, 4, false, true)], r.Scheme!.Consequences);
    }

    [Fact]
    public void Load_AnnualCapWithoutGrades_UsesTheLetterOrder_MinusSignNormalised()
    {
        var noGrades = Four.Replace("grades:\n  - { grade: 优秀, min: 90 }\n  - { grade: 良好, min: 80 }\n  - { grade: 合格, min: 60 }\n  - { grade: 不合格 }\n", "");
        var r = Load("consequences: [{ kind: annual-cap }, { kind: annual-cap, threshold: C− }]", noGrades);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal<ConsequenceRule>([new AnnualCapRule(), new AnnualCapRule("C-")], r.Scheme!.Consequences);
        var e = SingleError("consequences: [{ kind: annual-cap, threshold: E }]", noGrades);
        Assert.Equal("consequences[0].threshold", e.Field);
        Assert.Contains("“E”不在等级顺序中", e.Message);
    }

    [Theory]
    [InlineData("consequences: [{ kind: poor-streak, poor: 差 }]", "consequences[0].poor", "“差”不是本方案的等级，可选：优秀、良好、合格、不合格")]
    [InlineData("consequences: [{ kind: poor-streak }]", "consequences[0]", "缺少必填字段“poor”")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, warn_after: 0 }]", "consequences[0].warn_after", "warn_after 应为 1–100 的整数")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, warn_after: 1.5 }]", "consequences[0].warn_after", "整数")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, warn_after: 4 }]", "consequences[0].warn_after", "review_after（3）不能小于 warn_after（4）")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, review_after: 1 }]", "consequences[0].review_after", "review_after（1）不能小于 warn_after（2）")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, cumulative_review: 也许 }]", "consequences[0].cumulative_review", "应为 true 或 false")]
    [InlineData("consequences: [{ kind: poor-streak, poor: 不合格, warn: 2 }]", "consequences[0].warn", "未知字段“warn”")]
    [InlineData("consequences: [{ kind: annual-cap }]", "consequences[0]", "默认的封顶等级 B- 不是本方案的等级")]
    [InlineData("consequences: [{ kind: annual-cap, threshold: B- }]", "consequences[0].threshold", "“B-”不在等级顺序中")]
    [InlineData("consequences: [{ kind: annual-cap, threshold: 合格, adjacent: 6 }]", "consequences[0].adjacent", "adjacent 应为 1–5 的整数")]
    [InlineData("consequences: [{ kind: annual-cap, threshold: 合格, cumulative: 5 }]", "consequences[0].cumulative", "cumulative 应为 1–4 的整数")]
    [InlineData("consequences: [{ kind: streak }]", "consequences[0].kind", "consequences.kind 可选：poor-streak、annual-cap")]
    [InlineData("consequences: [不合格]", "consequences[0]", "应为映射")]
    [InlineData("consequences: { kind: poor-streak }", "consequences", "应为列表")]
    public void Load_Mistakes_AreErrorsAtTheField(string consequences, string field, string message)
    {
        var e = SingleError(consequences);
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
        Assert.Equal("c.yaml", e.File);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Load_PoorStreakWithoutSchemeGrades_IsAnError()
    {
        var noGrades = Four.Replace("grades:\n  - { grade: 优秀, min: 90 }\n  - { grade: 良好, min: 80 }\n  - { grade: 合格, min: 60 }\n  - { grade: 不合格 }\n", "");
        var e = SingleError("consequences: [{ kind: poor-streak, poor: D }]", noGrades);
        Assert.Equal("consequences[0].poor", e.Field);
        Assert.Contains("本方案没有设置等级", e.Message);
    }

    [Fact]
    public void Write_RoundTrip_KeepsEveryConsequence_DefaultsLeftOut()
    {
        var r = Load("""
            consequences:
              - { kind: poor-streak, poor: 不合格 }
              - { kind: poor-streak, poor: 合格, warn_after: 3, review_after: 5, cumulative_review: true, missing_breaks: true }
              - { kind: annual-cap, threshold: 良好, adjacent: 3, cumulative: 4, skip_not_assessed: false, cross_year: true }
            """);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var yaml = SchemeYamlWriter.Write(r.Scheme!);
        Assert.Contains("- { kind: poor-streak, poor: 不合格 }", yaml);
        var again = SchemeLoader.Load(yaml, "written");
        Assert.True(again.IsSuccess, string.Join("\n", again.Errors) + "\n---\n" + yaml);
        Assert.Null(Structural.Difference(r.Scheme, again.Scheme));
        Assert.Equal(3, again.Scheme!.Consequences.Length);
        Assert.Equal(yaml, SchemeYamlWriter.Write(again.Scheme));
    }

    [Fact]
    public void Write_NoConsequences_NoKey()
    {
        var r = Load("");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.DoesNotContain("consequences", SchemeYamlWriter.Write(r.Scheme!));
    }

    [Fact]
    public void Draft_KeepsTheConsequences_WhenWrittenBack()
    {
        var r = Load("""
            consequences:
              - { kind: poor-streak, poor: 合格, cumulative_review: true }
              - { kind: annual-cap, threshold: 良好 }
            """);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var draft = SchemeDraft.From(r.Scheme!);
        Assert.Equal(2, draft.Consequences.Count);
        draft.Name = "改过名字的方案";
        var outcome = draft.Check();
        Assert.True(outcome.CanSave, string.Join("\n", outcome.Problems));
        Assert.Contains("consequences:", outcome.Yaml);
        Assert.Equal<ConsequenceRule>([new PoorStreakRule("合格", 2, 3, true, false), new AnnualCapRule("良好")], outcome.Scheme!.Consequences);
        // a copy of a template keeps them too
        var copy = SchemeDraft.CopyOf(TestKit.Template("TPL-20"), "MY-20").Check();
        Assert.True(copy.CanSave, string.Join("\n", copy.Problems));
        Assert.Equal(new PoorStreakRule("不合格"), Assert.Single(copy.Scheme!.Consequences));
    }

    [Fact]
    public void Draft_AGradeRemovedThatAConsequenceNeeds_IsReportedAtTheGrades()
    {
        var draft = SchemeDraft.From(TestKit.Template("TPL-20"));
        draft.Id = "MY-20";
        draft.Grades.RemoveAt(3);  // 不合格 gone, the poor-streak rule still names it
        var outcome = draft.Check();
        Assert.False(outcome.CanSave);
        var problem = Assert.Single(outcome.Problems, p => p.Severity == Kaohe.Core.Lint.LintSeverity.Error);
        Assert.Equal(DraftPlace.Scheme("Grades"), problem.Place);
        Assert.StartsWith("考核结果的后果规则（连续不佳、年度封顶）：", problem.Message);
        Assert.Contains("“不合格”不是本方案的等级", problem.Message);
    }

    [Theory]
    [InlineData("TPL-20", "连续 2 次考核结果在不合格及以下：警告或罚款；第 3 次：考虑调整工作岗位或解除劳动合同")]
    [InlineData("TPL-21", "连续 2 次考核结果在不合格及以下：警告或罚款；第 3 次：考虑调整工作岗位或解除劳动合同")]
    [InlineData("TPL-22", "连续两个季度或全年累计三个季度在 B- 及以下：年度绩效不得高于 B-")]
    public void Templates_DescribeTheirConsequencesInChinese(string id, string text) =>
        Assert.Equal(text, RuleDescriber.Consequence(Assert.Single(TestKit.Template(id).Consequences)));

    [Fact]
    public void Tpl22_Gr01Example1_OnTheTemplatesOwnGrades()
    {
        // quarterly scores 76 (B), 62 (C), 70 (B-), 92 (A) → Q2 and Q3 adjacent at or below B- → annual grade capped at B-
        var s = TestKit.Template("TPL-22");
        var grades = new[] { 76m, 62m, 70m, 92m }.Select(t => ScoringEngine.GradeOf(s.Grades!, t).Grade).ToList();
        Assert.Equal(["B", "C", "B-", "A"], grades);
        var slots = grades.Select((g, i) => new HistorySlot($"2026-Q{i + 1}", 2026, g)).ToList();
        var cap = HistoryRules.AnnualCap((AnnualCapRule)s.Consequences[0], 2026, slots, HistoryRules.GradeOrder(s));
        Assert.Equal("B-", cap?.CapGrade);
        Assert.Equal("B-", ConsecutivePeriods.CapGrade("A", cap!.CapGrade!, HistoryRules.GradeOrder(s)));
    }
}
