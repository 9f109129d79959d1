using System.Collections.Immutable;
using Kaohe.Core.Formulas;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Schemes.Editing;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>
/// The writer is what lets the editor open any scheme: Load → Write → Load must give the same scheme for every template
/// and every rule kind and option, and the rewritten scheme must score like the original.
/// </summary>
public class SchemeYamlWriterTests
{
    public static TheoryData<string> TemplateIds() => [.. SchemeCatalog.Templates.Select(t => t.Id)];

    private static Scheme RoundTrip(Scheme scheme, out string yaml)
    {
        yaml = SchemeYamlWriter.Write(scheme);
        var again = SchemeLoader.Load(yaml, "written");
        Assert.True(again.IsSuccess, string.Join("\n", again.Errors) + "\n---\n" + yaml);
        return again.Scheme!;
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Write_EveryTemplate_LoadsBackToAnEqualScheme(string id)
    {
        var original = TestKit.Template(id);
        var again = RoundTrip(original, out var yaml);
        Assert.Null(Structural.Difference(original, again));
        // Writing is stable: the written text is its own canonical form.
        Assert.Equal(yaml, SchemeYamlWriter.Write(again));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Write_EveryTemplate_ScoresSampleInputsLikeTheOriginal(string id)
    {
        var original = TestKit.Template(id);
        var again = RoundTrip(original, out _);
        var subjects = new[] { TrialInputs.Sample(original, "样例甲", 0), TrialInputs.Sample(original, "样例乙", 1) };
        var a = ScoringEngine.ScoreAll(original, subjects);
        var b = ScoringEngine.ScoreAll(again, subjects);
        Assert.True(a.IsSuccess, id + ": the sample inputs should score: " + string.Join("\n", a.Errors));
        Assert.Null(Structural.Difference(a.Results, b.Results, "results"));
    }

    [Fact]
    public void Write_ExampleInputs_ScoreTheSameAfterARoundTrip()
    {
        var original = TestKit.Template("TPL-01");
        var again = RoundTrip(original, out _);
        var subject = TestKit.Subject("客户部",
            ("公司客户调查情况", "优秀"), ("当月公司客户流失率", TestKit.Obj(("value", "2.5%"), ("baseline", "3.0%"))));
        var a = ScoringEngine.ScoreAll(original, [subject]);
        var b = ScoringEngine.ScoreAll(again, [subject]);
        Assert.Null(Structural.Difference(a.Errors.Select(e => e.ToString()).ToList(), b.Errors.Select(e => e.ToString()).ToList(), "errors"));
        Assert.Null(Structural.Difference(a.Results, b.Results, "results"));
    }

    /// <summary>Every rule kind with every non-default parameter the format has, and every scheme-level option.</summary>
    public const string Everything = """
        id: ALL-1
        slug: everything
        name: "全部规则: 测试"
        source: 测试
        subject: team
        period: quarter
        total: 95
        normalise_to: 100
        total_cap: 120
        total_floor: -10
        raters:
          - { name: 自评, weight: 0 }
          - { name: 上级, weight: 2/3 }
          - { name: "人力 资源", weight: 0.3333333333333333333333333333 }
        missing_rater: zero
        category_caps: { 扣分: 30, 加分: 10 }
        veto_score: 5
        round_items: 2
        grades:
          - { grade: 优秀, above: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 其他 }
        payout: { kind: coefficient, base: 3000, fixed_share: 70%, table: [ { min: 90, k: 1.2 }, { min: 0, k: 0.8 } ] }
        ranking: { by_percent_of: 95, top_reward: 500, top_above: 90, penalty: -300, penalty_below: 60 }
        scales:
          四级: { 优: 5, 良: 3 }
        notes: [ "备注: 一", "含 \"引号\" 与 # 号", "  前后空格  ", "第二行\n换行" ]
        lost: [ 丢失的一项 ]
        sections:
          - name: 定性
            weight: 40%
            scale_to: 100
            cap: 100
            floor: 0
            indicators:
              - { name: 等级, points: 5, grade: 四级, raters: all, note: "说明: 有冒号" }
              - name: 区间等级
                points: 10
                weight: 10%
                rule: QR-05
                raters: [上级]
                grade:
                  options:
                    优: { fraction: 100%, aliases: [A, "1"] }
                    良: { fraction: "80-90%", default: 85% }
                    ④: { min: 4, max: 5 }
                    options: 1
                  multiple: max
              - { name: 嘉奖, category: 加分, optional: false, grade: { options: { 通报表扬: 2, 书面表扬: 1 }, multiple: sum } }
              - { name: 评级, points: 25, rating: { min: 0, max: 5, integer: false, mapping: zero_based } }
              - { name: 检查, points: 10, checklist: { elements: [主题, 组织], points_each: 2.5 } }
              - { name: 检查数, points: 5, checklist: { count: 5, points_each: 1 } }
              - { name: 人工, points: 100, manual: { min: -100, max: 100, excluded: "(-1, 1)" }, not_applicable: peer_average }
              - { name: 平均, points: 10, manual: { min: 0, max: 10, mean: true }, optional: true }
              - { name: 丢失, points: 50, manual: { min: 0, max: 40, lost: true } }
              - { name: 丢失全分, points: 15, manual: true }
              - { name: 丢失等级, points: 5, manual: true, grade: { 好: 5, 差: 0 } }
              - { name: 否决, veto: {}, optional: false }
          - name: 定量
            weight: 60%
            indicators:
              - name: 流失率
                points: 20
                unit: points
                metric: { code: churn_rate, scope: company }
                floor: none
                cap: 25
                baseline:
                  direction: lower_is_better
                  source: constant
                  constant: 3.5
                  unit: number
                  base: 15
                  step: 0.5
                  up: 2
                  down: 0
                  cap: none
                  floor: none
                  rounding: pro_rata
                  difference: relative
                  no_data: exclude
                  label: 流失
              - { name: 增长, points: 10, metric: growth_rate, baseline: { direction: higher_is_better, source: historical_max, base: 5, step: 1, up: 1, down: 1 } }
              - name: 分档
                points: 20
                convert_to: 10
                coefficient:
                  input: 真实性
                  unit: number
                  gap: 0.5
                  bands:
                    - { when: ">= 0.9", factor: 1 }
                    - { when: "[0.8, 0.9)", proportional: 1, reference: 2 }
                bands:
                  unit: money
                  measure: ratio
                  gap: 3
                  no_data: zero
                  label: 完成
                  bands:
                    - { when: ">= 100%", points: 20, note: 满分 }
                    - { when: "(90%, 100%)", choose: "16-19" }
                    - { when: "[80%, 90%]", linear: [10, 15] }
                    - { when: "[40%, 80%)", proportional: 5 }
                    - { when: "< 0%", choose: "-3~-1" }
                    - { when: "= 85.5%", points: 1 }
                    - { when: "all", points: 0 }
              - { name: 差额, points: 5, bands: { measure: difference, unit: number, bands: [ { when: "> 0", proportional: 1, reference: 3 }, { when: "<= 0", points: 0 } ] } }
              - name: 线性
                points: 15
                not_applicable: exclude
                linear: { points: 12, threshold: 80%, mode: rescaled, capped: false, extra_per_unit: 5, below: -5, fallback: { input: 组建数, at_least: 15, points: 10 }, target: 73, unit: count, no_data: error, label: 完成 }
              - { name: 线性默认, points: 15, linear: {} }
              - { name: 按件, unit: yuan, per_unit: { name: 件, points: 5, base: 2, cap: 50, floor: none, negative_counts: true, unit: number } }
              - { name: 多计数, per_unit: { counters: [ { name: 综合, points: 3 }, { name: 商企, points: -1.5 } ] } }
              - name: 扣分
                points: 10
                deduction:
                  start: 12
                  floor: none
                  cap: 15
                  max_deduction: 20
                  clauses:
                    - { name: 聊天, per: 2 }
                    - { name: 挽回, per: -5 }
                    - { name: 投诉, once: 5 }
                    - { name: 不熟悉, range: [1, 5] }
                    - { name: 过程, amount: 30 }
                    - { name: 迟到, table: [ { when: "= 2", points: 1 }, { when: ">= 3", points: 5 } ] }
                    - { name: 超时, per_quantity: 5, step: 0.5, unit: hours, rounding: ceiling }
                    - { name: 请假, at_least: 10 }
              - { name: 纯扣分, deduction: { clauses: [ { name: 违规, per: 1 } ] } }
              - name: 阶梯
                points: 30
                steps:
                  measure: ratio
                  pivot: 100%
                  unit: number
                  rounding: ceiling
                  difference: relative
                  above: { base: 30, per: 1, points: 2, rounding: floor }
                  below: { base: 28, per: 5, points: 3 }
                  gates: [ { below: 50%, points: 0 }, { at_or_below: 20, points: -1 } ]
                  floor: none
                  cap: 40
                  cap_unless: { input: 目标用户数, at_least: 100 }
                  no_data: base
                  label: 完成
              - { name: 阶梯输入, points: 10, steps: { pivot: input, above: { base: 10 } } }
              - { name: 达成, points: 10, achievement: { points: 8, cap: 120%, direction: lower_is_better, unit: money, no_data: zero } }
              - { name: 达成默认, points: 10, achievement: {} }
              - name: 抵消
                unit: yuan
                offset:
                  first: { name: 清洗, quota: 100, extra: 4, unit: 台 }
                  second: { name: 送水, quota: 1000 }
                  ratio: 2
                  amount: 1840
                  extras_when_failed: false
              - name: 公式
                points: 20
                formula:
                  expression: "clamp(if(流失率 <= 基数, 15 + floor((基数 - 流失率) * 100), 15), 0, 20)"
                  inputs: { 流失率: percent, 基数: percent }
                  floor: 0
                  cap: 20
              - name: 组合
                points: 1.5
                composite:
                  floor: 0
                  cap: 1.5
                  parts:
                    - { name: 首访, points: 1, bands: { bands: [ { when: ">= 70%", points: 1 }, { when: "< 70%", points: 0 } ] } }
                    - { name: 再访, manual: { min: 0, max: 0.5 } }
                    - { name: 基数比, points: 0.5, baseline: { direction: higher_is_better, source: input, base: 0.5, step: 1, up: 0, down: 0.1 } }
        """;

    [Fact]
    public void Write_EveryRuleKindAndOption_LoadsBackToAnEqualScheme()
    {
        var load = SchemeLoader.Load(Everything.Replace("2/3", "0.6666666666666666666666666667", StringComparison.Ordinal), "everything");
        Assert.True(load.IsSuccess, string.Join("\n", load.Errors));
        var original = load.Scheme!;
        Assert.Equal(SchemeLoader.RuleKinds.ToHashSet(), AllKinds(original).ToHashSet());
        var again = RoundTrip(original, out var yaml);
        Assert.Null(Structural.Difference(original, again));
        Assert.Contains("\"全部规则: 测试\"", yaml);
        Assert.Contains("\"第二行\\n换行\"", yaml);
        Assert.Contains("\"  前后空格  \"", yaml);
        Assert.Equal(yaml, SchemeYamlWriter.Write(again));
    }

    private static IEnumerable<string> AllKinds(Scheme s)
    {
        static IEnumerable<string> Of(Rule r) => r is CompositeRule c ? [r.Kind, .. c.Parts.SelectMany(p => Of(p.Rule))] : [r.Kind];
        return s.Indicators.SelectMany(i => Of(i.Rule)).Distinct();
    }

    [Theory]
    [InlineData("")]
    [InlineData("true")]
    [InlineData("none")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("1.5")]
    [InlineData("- 项目")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("[x]")]
    [InlineData("{x}")]
    [InlineData("x, y")]
    [InlineData("'单引号'")]
    [InlineData("\"双引号\"")]
    [InlineData("反斜杠\\")]
    [InlineData("制表\t符")]
    [InlineData("回车\r换行\n")]
    [InlineData("\u2028行分隔\u0085")]
    [InlineData("𠀀表情😀")]
    [InlineData("> 折叠")]
    [InlineData("| 字面")]
    [InlineData("* 别名")]
    [InlineData("& 锚")]
    [InlineData("! 标签")]
    [InlineData("% 指令")]
    [InlineData("@ at")]
    [InlineData("` 反引号")]
    [InlineData("...")]
    [InlineData("---")]
    public void Write_AnyText_ReadsBackUnchanged(string text)
    {
        var scheme = TestKit.Template("TPL-07");
        var first = scheme.Sections[0];
        var renamed = scheme with
        {
            Name = "名" + text,
            Notes = [text],
            Sections = [first with { Name = text.Length == 0 ? "空" : text, Indicators = [first.Indicators[0] with { Note = text, Name = "项" + text }, .. first.Indicators[1..]] }, .. scheme.Sections[1..]],
        };
        var again = RoundTrip(renamed, out _);
        Assert.Equal(renamed.Notes[0], again.Notes[0]);
        Assert.Equal(renamed.Name, again.Name);
        Assert.Equal(renamed.Sections[0].Name, again.Sections[0].Name);
        Assert.Equal(renamed.Sections[0].Indicators[0].Name, again.Sections[0].Indicators[0].Name);
        Assert.Equal(text, again.Sections[0].Indicators[0].Note);
    }

    [Fact]
    public void Structural_Difference_FindsAChangedParameter()
    {
        // The comparer the round-trip tests rely on sees a change deep inside a rule.
        var scheme = TestKit.Template("TPL-01");
        var ind = scheme.Sections.SelectMany(s => s.Indicators).First(i => i.Rule is BaselineRule);
        var changed = scheme with
        {
            Sections = [.. scheme.Sections.Select(s => s with { Indicators = [.. s.Indicators.Select(i => i == ind ? i with { Rule = ((BaselineRule)i.Rule) with { Step = 2 } } : i)] })],
        };
        Assert.Contains(".Rule.Step", Structural.Difference(scheme, changed));
        Assert.Null(Structural.Difference(scheme, scheme with { Sections = [.. scheme.Sections] }));
        var f1 = Formula.Parse("a + 1").Formula!;
        Assert.NotNull(Structural.Difference(f1, Formula.Parse("a + 2").Formula!));
        Assert.Null(Structural.Difference(f1, Formula.Parse("a+1").Formula!));
    }

    [Fact]
    public void WriteStandard_ALostGradeItem_KeepsTheFlagBesideTheRule()
    {
        var scheme = SchemeLoader.Load(Everything.Replace("2/3", "0.5", StringComparison.Ordinal), "x").Scheme!;
        var lost = scheme.Indicators.Single(i => i.Name == "丢失等级");
        var text = SchemeYamlWriter.WriteStandard(lost);
        Assert.Equal("manual: true\ngrade: { 好: 5, 差: 0 }\n", text);
        var coefficient = scheme.Indicators.Single(i => i.Name == "分档");
        Assert.StartsWith("convert_to: 10\ncoefficient:\n  input: 真实性\n", SchemeYamlWriter.WriteStandard(coefficient));
        _ = ImmutableArray<int>.Empty;
    }
}
