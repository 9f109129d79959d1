using Kaohe.Core.Lint;
using Kaohe.Core.Model;
using Xunit;

namespace Kaohe.Schemes.Tests;

public sealed class SchemeLoaderTests
{
    private const string Minimal = """
        id: X-01
        name: 测试表
        subject: office
        period: month
        total: 40
        sections:
          - name: 定量指标
            indicators:
              - name: 当月办事处客户流失率
                points: 20
                rule: BL-01
                baseline: { direction: lower_is_better, source: historical_min }
              - name: 满意度
                points: 20
                bands:
                  bands:
                    - { when: ">= 90%", points: 20 }
                    - { when: "[85%, 90%)", points: 10 }
                    - { when: "< 80%", points: 0 }
        """;

    [Fact]
    public void Metric_binding_reads_the_short_and_the_long_form_and_rejects_a_bad_scope()
    {
        var yaml = Minimal.Replace("        rule: BL-01\n", "        rule: BL-01\n        metric: churn_rate\n");
        var r = SchemeLoader.Load(yaml, "m.yaml");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal(new MetricBinding("churn_rate", MetricBindingScope.Subject), r.Scheme!.Indicators.First().Metric);
        Assert.Null(r.Scheme.Indicators.Last().Metric);

        var company = SchemeLoader.Load(Minimal.Replace("        rule: BL-01\n", "        rule: BL-01\n        metric: { code: churn_rate, scope: 公司 }\n"), "m.yaml");
        Assert.Equal(new MetricBinding("churn_rate", MetricBindingScope.Company), company.Scheme!.Indicators.First().Metric);

        var bad = SchemeLoader.Load(Minimal.Replace("        rule: BL-01\n", "        rule: BL-01\n        metric: { code: churn_rate, scope: region }\n"), "m.yaml");
        Assert.False(bad.IsSuccess);
        Assert.Contains(bad.Errors, e => e.ToString().Contains("scope") && e.ToString().Contains("m.yaml"));
    }

    [Fact]
    public void Metric_fields_read_a_metric_or_a_target_word_each_and_refuse_what_is_ambiguous()
    {
        SchemeLoadResult Load(string metric) =>
            SchemeLoader.Load(Minimal.Replace("        rule: BL-01\n", "        rule: BL-01\n        metric: " + metric + "\n"), "m.yaml");

        var r = Load("{ code: churn_rate, fields: { 當月數: groups_formed_month, 目標用戶數: { target: 4G目标用户数 } } }");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var fields = r.Scheme!.Indicators.First().Metric!.Fields!;
        Assert.Equal(new MetricField("groups_formed_month", null), fields["當月數"]);
        Assert.Equal(new MetricField(null, "4G目标用户数"), fields["目標用戶數"]);

        // Fields alone (each counter of a per-unit item): no code needed.
        var counters = Load("{ fields: { 綜合接入: net_integrated_access, 商企: net_business_access } }");
        Assert.True(counters.IsSuccess, string.Join("\n", counters.Errors));
        Assert.Equal("", counters.Scheme!.Indicators.First().Metric!.Code);

        foreach (var (bad, words) in new[]
        {
            ("{ code: churn_rate, fields: { 甲: { metric: churn_rate, target: 词 } } }", "二者取一"),
            ("{ code: churn_rate, fields: { value: growth_rate } }", "重名"),
            ("{ fields: { 甲: growth_rate }, target: 词 }", "只有 fields"),
            ("{ code: churn_rate, fields: {} }", "不能为空"),
            ("{ }", "code"),
        })
        {
            var e = Load(bad);
            Assert.False(e.IsSuccess, bad);
            Assert.Contains(e.Errors, x => x.ToString().Contains(words) && x.ToString().StartsWith("m.yaml:"));
        }
    }

    [Fact]
    public void Load_Minimal_MapsOntoCoreRecords()
    {
        var r = SchemeLoader.Load(Minimal, "x.yaml");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var s = r.Scheme!;
        Assert.Equal("X-01", s.Id);
        Assert.Equal("x-01", s.Slug);
        Assert.Equal(SubjectKind.Office, s.SubjectKind);
        var bl = Assert.IsType<BaselineRule>(s.Sections[0].Indicators[0].Rule);
        Assert.Equal(Direction.LowerIsBetter, bl.Direction);
        Assert.Equal(BaselineSource.HistoricalMin, bl.Source);
        Assert.Equal(15m, bl.Base);
        Assert.Equal(20m, bl.Cap);
        Assert.Equal(0m, bl.Floor);
        Assert.Equal(StepRounding.Floor, bl.Rounding);
        Assert.Equal(DifferenceMode.Points, bl.Difference);
        Assert.Equal(IndicatorCategory.Quantitative, s.Sections[0].Indicators[0].Category);
        var bands = Assert.IsType<BandRule>(s.Sections[0].Indicators[1].Rule);
        Assert.Equal(3, bands.Bands.Length);
        Assert.True(bands.Bands[1].Range.Contains(85));
        Assert.False(bands.Bands[1].Range.Contains(90));
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryErrorWithLineAndField()
    {
        const string yaml = """
            id: X-02
            name: 坏表
            sections:
              - name: 一
                indicators:
                  - name: 甲
                    points: 二十
                    grade: { 优秀: 5, 良好: 3 }
                  - name: 乙
                    pionts: 5
                    manual: { min: 0, max: 5 }
                  - name: 丙
                    points: 5
                  - name: 丁
                    points: 5
                    bands:
                      bands:
                        - { when: "大于 90%", points: 5 }
                    steps: { pivot: 100% }
            """;
        var r = SchemeLoader.Load(yaml, "bad.yaml");
        Assert.False(r.IsSuccess);
        Assert.Null(r.Scheme);
        Assert.Contains(r.Errors, e => e.Line == 7 && e.Field == "sections[0].indicators[0].points" && e.Message.Contains("二十"));
        Assert.Contains(r.Errors, e => e.Line == 10 && e.Field.EndsWith("pionts") && e.Message.Contains("未知字段"));
        Assert.Contains(r.Errors, e => e.Field == "sections[0].indicators[2]" && e.Message.Contains("缺少计分规则"));
        Assert.Contains(r.Errors, e => e.Field == "sections[0].indicators[3]" && e.Message.Contains("只能有一种计分规则"));
        Assert.All(r.Errors, e => Assert.Equal("bad.yaml", e.File));
        Assert.True(r.Errors.Length >= 4);
    }

    [Fact]
    public void Load_YamlSyntaxError_HasLine()
    {
        var r = SchemeLoader.Load("id: X\nname: [unclosed\n", "syntax.yaml");
        var e = Assert.Single(r.Errors);
        Assert.True(e.Line >= 2);
        Assert.Contains("YAML", e.Message);
    }

    [Fact]
    public void Load_DuplicateIndicatorNamesAndUnknownRater_AreErrors()
    {
        const string yaml = """
            id: X-03
            name: 重复
            raters: [ { name: 自评, weight: 100% } ]
            sections:
              - name: 一
                indicators:
                  - { name: 甲, points: 5, manual: {}, raters: [主管] }
                  - { name: 甲, points: 5, manual: {} }
            """;
        var r = SchemeLoader.Load(yaml, "dup.yaml");
        Assert.Contains(r.Errors, e => e.Message.Contains("重复"));
        Assert.Contains(r.Errors, e => e.Message.Contains("主管"));
    }

    [Fact]
    public void Load_BadFormula_PointsAtTheColumn()
    {
        const string yaml = """
            id: X-04
            name: 公式
            sections:
              - name: 一
                indicators:
                  - name: 甲
                    points: 10
                    formula: { expression: "min(a, b", inputs: { a: number, b: number } }
            """;
        var r = SchemeLoader.Load(yaml, "f.yaml");
        Assert.Contains(r.Errors, e => e.Message.Contains("公式第") && e.Line == 8);
    }

    [Fact]
    public void Load_FormulaKind_ScoresThroughTheEngine()
    {
        const string yaml = """
            id: X-05
            name: 公式
            sections:
              - name: 一
                indicators:
                  - name: 流失
                    points: 20
                    formula:
                      expression: "clamp(if(流失率 <= 基数, 15 + floor((基数 - 流失率) * 100), 15 - floor((流失率 - 基数) * 100)), 0, 20)"
                      inputs: { 流失率: percent, 基数: percent }
            """;
        var r = SchemeLoader.Load(yaml, "f.yaml");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var result = Kaohe.Core.Scoring.ScoringEngine.ScoreAll(r.Scheme!, [TestKit.Subject("甲", ("流失", TestKit.Obj(("流失率", "1.8%"), ("基数", "3.0%"))))]);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(16m, result.Results[0].Total);
        var worse = Kaohe.Core.Scoring.ScoringEngine.ScoreAll(r.Scheme!, [TestKit.Subject("甲", ("流失", TestKit.Obj(("流失率", "5.5%"), ("基数", "3.0%"))))]);
        Assert.Equal(13m, worse.Results[0].Total);
    }
}

public sealed class SchemeLintTests
{
    private static IReadOnlyList<LintFinding> LintYaml(string yaml)
    {
        var r = SchemeLoader.Load(yaml, "lint.yaml");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        return SchemeLinter.Lint(r.Scheme!);
    }

    [Fact]
    public void Lint_GapOverlapUncappedAndSums()
    {
        var findings = LintYaml("""
            id: L-01
            name: 检查
            total: 100
            lost: [ "第 4–5 项丢失" ]
            sections:
              - name: 一
                indicators:
                  - name: 完成率
                    points: 20
                    bands:
                      bands:
                        - { when: ">= 90%", points: 20 }
                        - { when: "[85%, 90%)", points: 10 }
                        - { when: "< 80%", points: 0 }
                  - name: 测试成绩
                    points: 10
                    bands:
                      unit: number
                      bands:
                        - { when: ">= 90", points: 10 }
                        - { when: "<= 90", points: 5 }
                  - name: 新客户
                    per_unit: { points: 5 }
                  - name: 丢失项
                    points: 15
                    manual: true
            """);
        Assert.Contains(findings, f => f.Severity == LintSeverity.Note && f.Message.Contains("[80%, 85%)"));
        Assert.Contains(findings, f => f.Severity == LintSeverity.Warning && f.Message.Contains("边界 90"));
        Assert.Contains(findings, f => f.Severity == LintSeverity.Note && f.Where.Contains("新客户") && f.Message.Contains("不封顶"));
        Assert.Contains(findings, f => f.Severity == LintSeverity.Warning && f.Where == "总分" && f.Message.Contains("45"));
        Assert.Contains(findings, f => f.Where == "原表丢失");
        Assert.Contains(findings, f => f.Where.Contains("丢失项") && f.Message.Contains("人工录入"));
    }

    [Fact]
    public void Lint_WeightsThatDoNotAddUp_AndRaterWithoutWeight()
    {
        var findings = LintYaml("""
            id: L-02
            name: 检查
            raters: [ { name: 自评, weight: 0 }, { name: 主管, weight: 90% } ]
            sections:
              - { name: 业绩, weight: 80%, indicators: [ { name: 甲, points: 100, manual: {}, raters: [自评, 主管] } ] }
              - { name: 行为, weight: 10%, indicators: [ { name: 乙, points: 100, manual: {} } ] }
            """);
        Assert.Contains(findings, f => f.Where == "分组权重" && f.Message.Contains("90%"));
        Assert.Contains(findings, f => f.Where.Contains("自评") && f.Message.Contains("没有权重"));
        Assert.Contains(findings, f => f.Where == "评分人" && f.Message.Contains("90%"));
    }

    [Fact]
    public void Lint_UnreachableCaps()
    {
        var findings = LintYaml("""
            id: L-03
            name: 检查
            sections:
              - name: 一
                indicators:
                  - name: 执行率
                    points: 20
                    baseline: { base: 15, up: 0, down: 1, cap: 20 }
                  - name: 扣分类
                    category: 扣分
                    deduction: { start: 0, max_deduction: 30, floor: none, clauses: [ { name: 不及时, once: 10 }, { name: 差, once: 10 } ] }
            """);
        Assert.Contains(findings, f => f.Where.Contains("执行率") && f.Message.Contains("永远达不到"));
        Assert.Contains(findings, f => f.Where.Contains("扣分类") && f.Message.Contains("扣分上限 30 分永远达不到"));
    }
}
