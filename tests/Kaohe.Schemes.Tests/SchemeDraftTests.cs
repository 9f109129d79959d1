using Kaohe.Core.Lint;
using Kaohe.Core.Model;
using Kaohe.Schemes.Editing;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>The editor's draft: opened from any scheme without loss, built from forms, every problem at its place.</summary>
public class SchemeDraftTests
{
    public static TheoryData<string> TemplateIds() => [.. SchemeCatalog.Templates.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void From_EveryTemplate_ChecksBackToTheSameScheme(string id)
    {
        var original = TestKit.Template(id);
        var outcome = SchemeDraft.From(original).Check();
        // The template's own id is refused for saving (built-in); everything else is as it was.
        Assert.Equal(["Id"], outcome.Problems.Where(p => p.Severity == LintSeverity.Error).Select(p => p.Place.Field));
        Assert.NotNull(outcome.Scheme);
        Assert.Null(Structural.Difference(original, outcome.Scheme));
    }

    [Fact]
    public void From_Templates_ShowMostRulesAsForms()
    {
        var items = SchemeCatalog.Templates.SelectMany(t => SchemeDraft.From(t.Load.Scheme!).Items()).ToList();
        var forms = items.Count(i => i.Draft.Rule is not FragmentDraft);
        // Steps, offsets, composites, coefficients and deduction tables stay YAML; the rest (most items) are forms.
        Assert.True(forms * 10 >= items.Count * 8, $"{forms} of {items.Count} items have a form");
        Assert.Contains(items, i => i.Draft.Rule is FragmentDraft { FromKind: "steps" });
        Assert.Contains(items, i => i.Draft.Rule is BaselineDraft);
        Assert.Contains(items, i => i.Draft.Rule is BandsDraft);
        Assert.Contains(items, i => i.Draft.Rule is DeductionDraft);
        Assert.Contains(items, i => i.Draft.Rule is GradeDraft);
    }

    [Fact]
    public void CopyOf_ATemplate_IsSavableUnderTheNewIdWithEverythingElseKept()
    {
        var template = TestKit.Template("TPL-07");
        var outcome = SchemeDraft.CopyOf(template, "MY-07").Check();
        Assert.True(outcome.CanSave, string.Join("\n", outcome.Problems));
        Assert.Equal("MY-07", outcome.Scheme!.Id);
        Assert.Equal("my-07", outcome.Scheme.Slug);
        Assert.Null(Structural.Difference(template with { Id = "MY-07", Slug = "my-07" }, outcome.Scheme));
        Assert.StartsWith("id: MY-07\nname: 客服经理月度绩效考核表\n", outcome.Yaml);
    }

    [Theory]
    [InlineData("TPL-07", true, "", "MY-07")]
    [InlineData("TPL-07", true, "MY-07", "MY-07-2")]
    [InlineData("TPL-07", true, "MY-07 MY-07-2", "MY-07-3")]
    [InlineData("MY-01", false, "MY-01", "MY-01-2")]
    [InlineData("MY-01", false, "MY-01 MY-01-2", "MY-01-3")]
    public void CopyId_IsFree(string code, bool template, string taken, string expected)
    {
        var codes = taken.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Equal(expected, SchemeDraft.CopyId(code, template, codes.Contains));
        Assert.True(SchemeDraft.CopyId(new string('长', 64), false, _ => false).Length <= SchemeLimits.MaxIdChars);
    }

    [Fact]
    public void Check_RatersGradesPayoutAndRanking_BuildTheSchemeLevelRules()
    {
        var d = Small();
        d.Raters = [new() { Name = "直接上级", WeightPercent = 70 }, new() { Name = "自评", WeightPercent = 30 }];
        d.Sections[0].Items[0].RatedBy = ["直接上级", "自评"];
        d.MissingRater = MissingRaterPolicy.Error;
        d.Payout = new PayoutDraft { Kind = PayoutKind.Banded, Base = 3000, NoneBelow = 60, FullFrom = 90 };
        d.Ranking = new RankingDraft { Enabled = true, TopReward = 500, TopAbove = 90 };
        var outcome = d.Check();
        Assert.True(outcome.CanSave, string.Join("\n", outcome.Problems));
        var s = outcome.Scheme!;
        Assert.Equal([("直接上级", 0.7m), ("自评", 0.3m)], s.Raters.Select(r => (r.Name, r.Weight)));
        Assert.Equal(MissingRaterPolicy.Error, s.MissingRater);
        Assert.Equal(new BandedPayout(3000, 60, 90, 100), s.Payout);
        Assert.Equal(new RankingRule(null, 500, 90, null, null), s.Ranking);
        Assert.Contains("raters: all", outcome.Yaml);
        Assert.Contains("- { name: 直接上级, weight: 70% }", outcome.Yaml);

        // Grades out of order, a payout whose full line is below its zero line, a nameless rater: each at its field.
        d.Grades = [new() { Grade = "合格", Min = 60 }, new() { Grade = "优秀", Min = 90 }];
        d.Payout.FullFrom = 50;
        d.Raters.Add(new RaterDraft { WeightPercent = 0 });
        var bad = d.Check();
        Assert.False(bad.CanSave);
        Assert.Contains(bad.AtField(-1, -1, "Grades"), p => p.Message.Contains("从高到低"));
        Assert.Contains(bad.AtField(-1, -1, "Payout.FullFrom"), p => p.Message.Contains("不能低于"));
        Assert.Contains(bad.AtField(-1, -1, "Raters[2].Name"), p => p.Message.Contains("请填写评分人"));
    }

    /// <summary>What the browser test builds: a section, a grade item and a band item, a grade table.</summary>
    public static SchemeDraft Small()
    {
        var d = SchemeDraft.New();
        d.Id = "MY-01";
        d.Name = "客服专员月度考核表";
        d.Sections[0].Name = "工作业绩";
        d.Sections[0].Items =
        [
            new ItemDraft { Name = "服务态度", Points = 40, Rule = RuleDraft.New("grade", 40) },
            new ItemDraft
            {
                Name = "回访完成率", Points = 60,
                Rule = new BandsDraft
                {
                    Bands =
                    [
                        new() { From = 95, FromInclusive = true, Points = 60 },
                        new() { From = 80, FromInclusive = true, To = 95, Points = 40 },
                        new() { To = 80, Points = 0 },
                    ],
                },
            },
        ];
        d.Grades = [new() { Grade = "优秀", Min = 90 }, new() { Grade = "合格", Min = 60 }, new() { Grade = "不合格" }];
        return d;
    }

    [Fact]
    public void Check_ASchemeBuiltInForms_LoadsLintsCleanAndScores()
    {
        var outcome = Small().Check();
        Assert.True(outcome.CanSave, string.Join("\n", outcome.Problems));
        Assert.DoesNotContain(outcome.Problems, p => p.Severity == LintSeverity.Warning);
        var scheme = outcome.Scheme!;
        Assert.Equal(["服务态度", "回访完成率"], scheme.Indicators.Select(i => i.Name));
        Assert.Equal(IndicatorCategory.Qualitative, scheme.Indicators.First().Category);
        var values = new Dictionary<string, string?> { ["服务态度"] = "良好", ["回访完成率"] = "96%" };
        var trial = SchemeTrial.Run(scheme, [TrialInputs.Build(scheme, "样例甲", values, null)]);
        Assert.True(trial.IsSuccess, string.Join("\n", trial.Errors));
        var r = trial.Results[0];
        Assert.Equal(32 + 60, r.Total);
        Assert.Equal("优秀", r.Grade);
        Assert.Contains("≥ 95%", r.Indicators[1].Explanation);
    }

    [Fact]
    public void Check_EmptyAndContradictoryFields_AreReportedAtTheField()
    {
        var d = Small();
        d.Id = "";
        d.Name = " ";
        var grade = (GradeDraft)d.Sections[0].Items[0].Rule;
        grade.Options[1].Word = "";
        grade.Options[2].Max = 1; // below its points (24)
        var bands = (BandsDraft)d.Sections[0].Items[1].Rule;
        bands.Bands[1].To = 70;   // 80 → 70
        d.Sections[0].Items.Add(new ItemDraft { Name = "服务态度", Points = 5, Rule = new ManualDraft { Min = 6, Max = 5 } });
        var outcome = d.Check();
        Assert.False(outcome.CanSave);
        string[] Fields(int s, int i) => [.. outcome.At(s, i).Where(p => p.Severity == LintSeverity.Error).Select(p => p.Place.Field)];
        Assert.Equal(["Id", "Name"], outcome.At(-1, -1).Where(p => p.Severity == LintSeverity.Error).Select(p => p.Place.Field));
        Assert.Equal(["Rule.Options[1].Word", "Rule.Options[2].Max"], Fields(0, 0));
        Assert.Equal(["Rule.Bands[1].To"], Fields(0, 1));
        Assert.Equal(["Name", "Rule.Max"], Fields(0, 2));
        Assert.Contains("与第 1 项同名", outcome.AtField(0, 2, "Name").Single().Message);
        Assert.Equal("请填写等级名称", outcome.AtField(0, 0, "Rule.Options[1].Word").Single().Message);
        // Nothing the clerk sees names a YAML field.
        Assert.All(outcome.Problems, p => Assert.DoesNotMatch("sections\\[|indicators\\[|points|raters", p.Message));
    }

    [Fact]
    public void Check_Lint_IsPlacedAtTheItemOrTheArea()
    {
        var d = Small();
        var bands = (BandsDraft)d.Sections[0].Items[1].Rule;
        bands.Bands[1].From = 70;
        bands.Bands[2].To = 85;     // [70, 95) and (−∞, 85) overlap
        d.Raters = [new() { Name = "直接上级", WeightPercent = 60 }, new() { Name = "自评", WeightPercent = 20 }];
        d.Sections[0].Items[0].RatedBy = ["直接上级", "自评"];
        d.Sections[0].Items[1].RatedBy = ["部门经理"];
        var outcome = d.Check();
        Assert.Contains(outcome.At(0, 1), p => p.Severity == LintSeverity.Warning && p.Message.Contains("重叠"));
        Assert.Contains(outcome.Problems, p => p.Place.Field == "Raters" && p.Message.Contains("合计 80%"));
        Assert.Contains(outcome.AtField(0, 1, "RatedBy"), p => p.Message.Contains("“部门经理”不在评分人名单中"));
    }

    [Fact]
    public void Check_ATotalThatDoesNotAddUp_IsAWarningAtTheTotal()
    {
        var d = Small();
        d.Sections[0].Items[1].Points = 50;
        ((BandsDraft)d.Sections[0].Items[1].Rule).Bands[0].Points = 50;
        var outcome = d.Check();
        Assert.True(outcome.CanSave);
        Assert.Contains(outcome.AtField(-1, -1, "Total"), p => p.Severity == LintSeverity.Warning && p.Message.Contains("90"));
    }

    [Fact]
    public void Fragment_ProblemsCiteTheFragmentsOwnLines()
    {
        var d = Small();
        var item = d.Sections[0].Items[1];
        Assert.True(item.ToFragment());
        var text = ((FragmentDraft)item.Rule).Yaml;
        Assert.StartsWith("bands:\n", text);
        Assert.Null(Structural.Difference(Small().Check().Scheme, d.Check().Scheme));

        ((FragmentDraft)item.Rule).Yaml = "bands:\n  bands:\n    - { when: \">= 95%\", points: 60 }\n    - { when: \"< 95%\", pionts: 0 }\n";
        var outcome = d.Check();
        var found = outcome.AtField(0, 1, "Fragment").ToList();
        Assert.All(found, p => Assert.Equal(4, p.FragmentLine));
        var p = Assert.Single(found, p => p.Message.StartsWith("第 4 行：未知的设置项“pionts”", StringComparison.Ordinal));
        Assert.Contains("bands.bands[1].pionts", p.Detail);

        ((FragmentDraft)item.Rule).Yaml = "bands: [\n";
        var syntax = Assert.Single(d.Check().AtField(0, 1, "Fragment"));
        Assert.StartsWith("第 1 行：写法有误", syntax.Message);
        Assert.DoesNotMatch("[a-z]{3,}", syntax.Message); // the parser's English is in the detail only
        Assert.Matches("[a-z]{3,}", syntax.Detail);

        ((FragmentDraft)item.Rule).Yaml = "note: 说明\nmanual: { min: 0, max: 60 }\n";
        Assert.Contains("“note”请在表单中设置", Assert.Single(d.Check().AtField(0, 1, "Fragment")).Message);
    }

    [Fact]
    public void Fragment_BackToAForm_WhenTheFormShowsItAll()
    {
        var item = new ItemDraft { Name = "加班", Points = 10, Rule = new FragmentDraft { Yaml = "deduction: { clauses: [ { name: 迟到, per: 2 } ] }\nmanual: true\n" } };
        Assert.Null(item.ToForm());
        var form = Assert.IsType<DeductionDraft>(item.Rule);
        Assert.True(item.Lost);
        Assert.Equal(2, form.Clauses[0].Points);

        var steps = new ItemDraft { Name = "阶梯", Points = 10, Rule = new FragmentDraft { Yaml = "steps: { pivot: 100%, above: { base: 10 } }" } };
        Assert.Contains("没有表单", steps.ToForm());
        Assert.IsType<FragmentDraft>(steps.Rule);

        var mean = new ItemDraft { Name = "日常", Points = 10, Rule = new FragmentDraft { Yaml = "manual: { min: 0, max: 10, mean: true }" } };
        Assert.Contains("人工打分", mean.ToForm());
    }

    public static TheoryData<string> Kinds() => [.. Kaohe.Core.Text.RuleNames.All.Select(n => n.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void New_EveryKind_StartsFromARuleThatLoadsAndScoresItsSample(string kind)
    {
        var d = Small();
        var item = d.Sections[0].Items[1];
        item.Rule = RuleDraft.New(kind, item.Points);
        var outcome = d.Check();
        Assert.True(outcome.CanSave, kind + ": " + string.Join("\n", outcome.Problems));
        Assert.Equal(kind, outcome.Scheme!.Sections[0].Indicators[1].Rule.Kind);
        // A form shows the rule it made; the other kinds start from an example fragment of the format.
        if (RuleDraft.FormKinds.Contains(kind)) Assert.IsType(item.Rule.GetType(), RuleDraft.FormFor(outcome.Scheme.Sections[0].Indicators[1].Rule, 60));
        else Assert.IsType<FragmentDraft>(item.Rule);
        Assert.NotEmpty(Kaohe.Core.Text.RuleNames.Of(kind).Name);
        var sample = TrialInputs.Sample(outcome.Scheme, "样例", 1);
        var trial = SchemeTrial.Run(outcome.Scheme, [sample]);
        Assert.True(trial.IsSuccess, kind + ": " + string.Join("\n", trial.Errors));
    }

    [Fact]
    public void RuleNames_NameEveryKindOnce()
    {
        Assert.Equal(SchemeLoader.RuleKinds.Order(), Kaohe.Core.Text.RuleNames.All.Select(n => n.Kind).Order());
        Assert.Equal(Kaohe.Core.Text.RuleNames.All.Count, Kaohe.Core.Text.RuleNames.All.Select(n => n.Name).Distinct().Count());
        Assert.Equal("等级评分", Kaohe.Core.Text.RuleNames.Of("grade").Name);
    }

    [Fact]
    public void Trial_FieldsAndInputs_FollowTheRule()
    {
        var scheme = TestKit.Template("TPL-01");
        var churn = scheme.Indicators.Single(i => i.Name == "当月公司客户流失率");
        Assert.Equal(["当月公司客户流失率", "当月公司客户流失率[baseline]"], TrialInputs.Fields(churn).Select(f => f.Key));
        var values = TrialInputs.SampleValues(scheme, 0);
        values["当月公司客户流失率"] = "2.5%";
        values["当月公司客户流失率[baseline]"] = "3.0%";
        var trial = SchemeTrial.Run(scheme, [TrialInputs.Build(scheme, "客户部", values, null)]);
        Assert.True(trial.IsSuccess, string.Join("\n", trial.Errors));
        Assert.Equal(15, trial.Results[0].Item("当月公司客户流失率"));

        values["当月公司客户流失率"] = "很多";
        var bad = SchemeTrial.Run(scheme, [TrialInputs.Build(scheme, "客户部", values, null)]);
        Assert.Contains(bad.Errors, e => e.Indicator == "当月公司客户流失率" && e.Value == "很多");
        Assert.NotNull(SchemeTrial.Run(scheme, [.. Enumerable.Range(0, SchemeTrial.MaxSubjects + 1).Select(i => TrialInputs.Sample(scheme, "样例" + i, 0))]).Refusal);
    }
}
