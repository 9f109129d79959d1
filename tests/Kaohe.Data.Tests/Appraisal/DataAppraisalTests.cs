using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Kaohe.Schemes;
using Kaohe.Schemes.Editing;

namespace Kaohe.Data.Tests.Appraisal;

/// <summary>Inputs of an appraisal from data, with a metric source whose values the test sets.</summary>
public sealed class DataAppraisalTests
{
    private static readonly Period October = Period.Parse("2026-10");

    private sealed class FakeMetrics : IMetricSource
    {
        public Dictionary<(string, ScopeKind, int), decimal?> Values { get; } = [];
        public Dictionary<(string, ScopeKind, int, BaselineSource), decimal?> Baselines { get; } = [];
        /// <summary>Numerator and denominator of a metric read <c>as: counts</c>.</summary>
        public Dictionary<(string, ScopeKind, int), (decimal, decimal)> Counts { get; } = [];
        public List<(string, ScopeKind, int, Period)> Reads { get; } = [];

        public bool IsKnown(string metric) => Kaohe.Data.Metrics.MetricCatalog.TryGet(metric, out _);

        public MetricReading Read(string metric, ScopeKind kind, int scopeId, Period period)
        {
            Reads.Add((metric, kind, scopeId, period));
            var percent = !Kaohe.Data.Metrics.MetricCatalog.TryGet(metric, out var def) || def.IsPercent;
            if (Counts.TryGetValue((metric, kind, scopeId), out var c))
                return new MetricReading(c.Item2 == 0 ? null : c.Item1 / c.Item2, c.Item1, c.Item2, percent, Frozen: true);
            var v = Values.GetValueOrDefault((metric, kind, scopeId));
            return new MetricReading(v, 0, v is null ? 0 : 1, percent, Frozen: true);
        }

        public BaselineReading Baseline(string metric, ScopeKind kind, int scopeId, Period period, BaselineSource source)
        {
            var v = Baselines.GetValueOrDefault((metric, kind, scopeId, source));
            return new BaselineReading(v, v is null ? null : period.Previous());
        }

        public Dictionary<(string, ScopeKind, int), decimal?> Targets { get; } = [];

        public decimal? Target(string word, ScopeKind kind, int scopeId, Period period, bool percent, bool additive) =>
            Targets.GetValueOrDefault((word, kind, scopeId));

        public int UnitOfStaff(int staffId) => 1000 + staffId;
    }

    private static Scheme Template(string code) => SchemeCatalog.Resolve(code).Scheme!;

    private static SubjectInput Grades(string name, params (string Indicator, string Grade)[] grades) => new(
        name,
        grades.ToImmutableDictionary(g => g.Indicator, g => (RawInput)new RawScalar(g.Grade)),
        ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty,
        ImmutableDictionary<string, RawInput>.Empty);

    private static (string, string)[] AllQualitative(Scheme scheme, string grade) =>
        [.. scheme.Indicators.Where(i => i.Metric is null).Select(i => (i.Name, grade))];

    [Fact]
    public void Tpl04_office_takes_rates_and_baselines_from_its_own_metrics_and_scores_them()
    {
        var scheme = Template("TPL-04");
        var office = new AppraisalSubject("杭州办事处", "HZ", ScopeKind.Unit, 7);
        var metrics = new FakeMetrics();
        // BL-01 example 2: H = 3.0 %, c = 1.8 % → 16; BL-02 example 1: L = 2.0 %, g = 4.5 % → 17;
        // BL-03 example 2: B = 95 %, s = 92.5 % → 13.
        metrics.Values[("churn_rate", ScopeKind.Unit, 7)] = 0.018m;
        metrics.Baselines[("churn_rate", ScopeKind.Unit, 7, BaselineSource.HistoricalMin)] = 0.03m;
        metrics.Values[("growth_rate", ScopeKind.Unit, 7)] = 0.045m;
        metrics.Baselines[("growth_rate", ScopeKind.Unit, 7, BaselineSource.PreviousPeriod)] = 0.02m;
        metrics.Values[("complaint_satisfaction", ScopeKind.Unit, 7)] = 0.925m;
        metrics.Baselines[("complaint_satisfaction", ScopeKind.Unit, 7, BaselineSource.HistoricalMax)] = 0.95m;
        var problems = new List<AppraisalProblem>();
        var entered = new Dictionary<string, SubjectInput> { ["HZ"] = Grades("HZ", AllQualitative(scheme, "良好")) };

        var inputs = DataAppraisal.Inputs(scheme, October, [office], metrics, companyUnitId: 1, entered, problems);

        Assert.Empty(problems);
        var input = Assert.Single(inputs);
        Assert.Equal("杭州办事处", input.Name);
        var churn = Assert.IsType<RawObject>(input.Inputs["当月办事处客户流失率"]);
        Assert.Equal("1.8%", ((RawScalar)churn.Fields["value"]).Text);
        Assert.Equal("3%", ((RawScalar)churn.Fields["baseline"]).Text);
        Assert.All(metrics.Reads, r => Assert.Equal((ScopeKind.Unit, 7, October), (r.Item2, r.Item3, r.Item4)));

        var outcome = ScoringEngine.ScoreAll(scheme, inputs);
        Assert.Empty(outcome.Errors);
        var result = Assert.Single(outcome.Results);
        Assert.Equal(16m, result.Indicators.Single(i => i.Name == "当月办事处客户流失率").Score);
        Assert.Equal(17m, result.Indicators.Single(i => i.Name == "当月办事处客户增长率").Score);
        Assert.Equal(13m, result.Indicators.Single(i => i.Name == "当月办事处客户投诉处理满意率").Score);
        // 良好: 6 for 客户开发情况, 3 for the six others → 24; quantitative 16 + 17 + 13 = 46.
        Assert.Equal(70m, result.Total);
    }

    [Fact]
    public void A_target_comes_from_the_target_records_of_the_scope_and_a_missing_one_is_a_problem_naming_the_word()
    {
        var scheme = Template("TPL-14");
        var dept = new AppraisalSubject("客服部", "KFB", ScopeKind.Unit, 5);
        var metrics = new FakeMetrics();
        metrics.Values[("KF-16", ScopeKind.Unit, 5)] = 0.95m;
        foreach (var code in new[] { "KF-03", "customer_retention", "complaint_resolution_rate", "KF-08", "KF-05" })
            metrics.Values[(code, ScopeKind.Company, 1)] = 0.9m;
        metrics.Targets[("费用预算达成率", ScopeKind.Unit, 5)] = 1m;
        foreach (var word in new[] { "客户回访率", "客户保有率", "投诉解决率", "客户满意度评分" })
            metrics.Targets[(word, ScopeKind.Company, 1)] = 0.85m;
        var entered = new Dictionary<string, SubjectInput> { ["KFB"] = Grades("KFB", [.. scheme.Indicators.Where(i => i.Metric is null).Select(i => (i.Name, "{\"value\": \"80%\", \"target\": \"90%\"}"))]) };
        var problems = new List<AppraisalProblem>();

        var inputs = DataAppraisal.Inputs(scheme, October, [dept], metrics, companyUnitId: 1, entered, problems);

        var budget = Assert.IsType<RawObject>(Assert.Single(inputs).Inputs["部门费用预算达成率"]);
        Assert.Equal(("95%", "100%"), (((RawScalar)budget.Fields["value"]).Text, ((RawScalar)budget.Fields["target"]).Text));
        var missing = Assert.Single(problems);
        Assert.Equal("客户投诉解决满意度", missing.Indicator);
        Assert.Contains("“客户投诉解决满意度”的目标", missing.Message);
    }

    [Fact]
    public void Tpl23_fields_fill_the_fallback_the_coefficient_the_cap_condition_and_each_counter_from_the_data()
    {
        var scheme = Template("TPL-23");
        var manager = new AppraisalSubject("陈强", "E0013", ScopeKind.Staff, 9);
        var metrics = new FakeMetrics();
        void Of(string code, decimal value) => metrics.Values[(code, ScopeKind.Staff, 9)] = value;
        void Counted(string code, decimal actual, decimal target) => metrics.Counts[(code, ScopeKind.Staff, 9)] = (actual, target);
        Counted("telecom_revenue", 2, 1);          // 10 + 5 × (2 − 1) = 15
        Of("net_group_products", 2);               // 2 × 3 = 6
        Of("net_integrated_access", 1);            // 1 × 3
        Of("net_business_access", 2);              // + 2 × 1.5 = 6
        Counted("group_formation", 7, 10);         // 70 % < 80 %, but 15 built this month → 10
        Of("groups_formed_month", 15);
        Counted("member_collection", 45, 50);      // 90 % → 10 × 0.9 = 9, × authenticity 85 % → 7.65
        Of("member_authenticity", 0.85m);
        Of("KF-20", 0.55m);                        // 15 pp over 40 % → 7.5, uncapped: 120 target users ≥ 100
        metrics.Targets[("4G目标用户数", ScopeKind.Staff, 9)] = 120;
        Of("package_4g_rate", 0.29m);              // below 30 % → −5
        Counted("contract_renewal", 40, 40);       // 5
        Counted("work_phone_users", 30, 25);       // capped at 5
        Of("high_value_returns", 2);               // 2 × 5 − 1 × 5 = 5
        Of("return_stalls", 1);
        Of("key_card_recovery", 0.95m);            // ≥ 93 % → 2.5
        Of("KF-17", 0.97m);                        // < 97.5 % → 0
        // 服务进驻 = 2 (no idle week) + clamp(3 − 0.2 × 1 − 0.1 × 2 pp late + 0.5 − 0.1 × 2 steps, 0, 3) = 2 + 2.9.
        Of("idle_weeks", 0);
        Of("unvisited_groups", 1);
        Of("unrenewed_agreements", 0);
        Of("alert_timeliness", 0.93m);
        metrics.Targets[("预警处理及时率", ScopeKind.Staff, 9)] = 0.95m;
        Of("group_product_recovery", 0.85m);
        // 客户满意度 = 3 × (80 % − 78 %) / 3 % + 2 × (90 % − 85 %) / 10 % = 2 + 1.
        Of("group_satisfaction", 0.85m);
        Of("gold_satisfaction", 0.82m);
        Of("group_product_survey", 0.80m);
        Of("gold_report_rate", 0.90m);
        var typed = scheme.Indicators.Where(i => i.Metric is null).Select(i => i.Name).ToHashSet();
        var sample = TrialInputs.Sample(scheme, "陈强", 0).Inputs.Where(kv => typed.Contains(kv.Key)).ToImmutableDictionary();
        var entered = new Dictionary<string, SubjectInput>
        {
            ["E0013"] = new("陈强", sample, ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty, null, "E0013"),
        };
        var problems = new List<AppraisalProblem>();

        var inputs = DataAppraisal.Inputs(scheme, October, [manager], metrics, companyUnitId: 1, entered, problems);

        Assert.Empty(problems);
        var input = Assert.Single(inputs).Inputs;
        var built = Assert.IsType<RawObject>(input["集团组建"]);
        Assert.Equal(("7", "10", "15"), (((RawScalar)built.Fields["value"]).Text, ((RawScalar)built.Fields["target"]).Text, ((RawScalar)built.Fields["當月成功組建數"]).Text));
        var access = Assert.IsType<RawObject>(input["全业务渗透"]);
        Assert.Equal(["商企", "綜合接入"], access.Fields.Keys.Order());
        Assert.Equal("120", ((RawScalar)((RawObject)input["4G拍照用户换卡"]).Fields["目標用戶數"]).Text);
        var outcome = ScoringEngine.ScoreAll(scheme, inputs);
        Assert.Empty(outcome.Errors);
        var scores = Assert.Single(outcome.Results).Indicators.ToDictionary(i => i.Name, i => i.Score);
        Assert.Equal(15m, scores["通信和信息化收入—统付新增或划帐收入"]);
        Assert.Equal(6m, scores["集团产品渗透"]);
        Assert.Equal(6m, scores["全业务渗透"]);
        Assert.Equal(10m, scores["集团组建"]);
        Assert.Equal(7.65m, scores["成员收集"]);
        Assert.Equal(7.5m, scores["4G拍照用户换卡"]);
        Assert.Equal(-5m, scores["4G拍照用户换套餐"]);
        Assert.Equal(5m, scores["存量合约发展"]);
        Assert.Equal(5m, scores["百万工作机用户到达"]);
        Assert.Equal(5m, scores["高价值用户回流"]);
        Assert.Equal(2.5m, scores["欠费回收率"]);
        Assert.Equal(4.9m, scores["服务进驻"]);
        Assert.Equal(3m, scores["客户满意度"]);
        Assert.Equal("95%", ((RawScalar)((RawObject)input["服务进驻"]).Fields["預警處理及時率目標"]).Text);

        // A formula's input without data stops the opening, naming what is missing.
        metrics.Values.Remove(("gold_report_rate", ScopeKind.Staff, 9));
        problems.Clear();
        DataAppraisal.Inputs(scheme, October, [manager], metrics, companyUnitId: 1, entered, problems);
        Assert.Contains(problems, p => p.Indicator == "客户满意度" && p.Message.Contains("金牌客户整理上报率") && p.Message.Contains("不能为无数据"));

        // Without the 目标 of the cap condition's word the opening is refused, naming the word.
        metrics.Targets.Clear();
        problems.Clear();
        DataAppraisal.Inputs(scheme, October, [manager], metrics, companyUnitId: 1, entered, problems);
        Assert.Equal(2, problems.Count(p => p.Message.Contains("“4G目标用户数”的目标")));
    }

    [Fact]
    public void Exact_rates_pass_without_rounding_and_no_data_or_no_history_use_the_words_the_engine_reads()
    {
        var scheme = Template("TPL-04");
        var office = new AppraisalSubject("宁波办事处", "NB", ScopeKind.Unit, 8);
        var metrics = new FakeMetrics();
        metrics.Values[("churn_rate", ScopeKind.Unit, 8)] = 1m / 42m;
        metrics.Values[("growth_rate", ScopeKind.Unit, 8)] = -0.0125m;
        // complaint satisfaction: zero complaints → N/A; no baselines at all → no history.
        var entered = new Dictionary<string, SubjectInput> { ["宁波办事处"] = Grades("宁波办事处", AllQualitative(scheme, "优秀")) };
        var problems = new List<AppraisalProblem>();

        var input = DataAppraisal.Inputs(scheme, October, [office], metrics, 1, entered, problems).Single();

        Assert.Empty(problems);
        var churn = (RawObject)input.Inputs["当月办事处客户流失率"];
        Assert.Equal(((1m / 42m) * 100m).ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture) + "%",
            ((RawScalar)churn.Fields["value"]).Text);
        Assert.Equal(DataAppraisal.NoHistory, ((RawScalar)churn.Fields["baseline"]).Text);
        Assert.Equal("-1.25%", ((RawScalar)((RawObject)input.Inputs["当月办事处客户增长率"]).Fields["value"]).Text);
        Assert.Equal(DataAppraisal.NoData, ((RawScalar)((RawObject)input.Inputs["当月办事处客户投诉处理满意率"]).Fields["value"]).Text);

        var result = ScoringEngine.ScoreAll(scheme, [input]);
        Assert.Empty(result.Errors);
        // No history → the base 15 on each rate (G7); N/A → base 15 (template note); 优秀 everywhere → 40.
        Assert.Equal(85m, result.Results[0].Total);
    }

    [Fact]
    public void Tpl01_reads_company_rates_although_the_department_is_appraised()
    {
        var scheme = Template("TPL-01");
        var dept = new AppraisalSubject("客户部", "KH", ScopeKind.Unit, 3);
        var metrics = new FakeMetrics();
        var problems = new List<AppraisalProblem>();
        DataAppraisal.Inputs(scheme, October, [dept], metrics, companyUnitId: 1,
            new Dictionary<string, SubjectInput> { ["客户部"] = Grades("客户部", AllQualitative(scheme, "良好")) }, problems);
        Assert.Empty(problems);
        Assert.Equal(3, metrics.Reads.Count);
        Assert.All(metrics.Reads, r => Assert.Equal((ScopeKind.Company, 1), (r.Item2, r.Item3)));
    }

    [Fact]
    public void Missing_grades_entered_metric_values_unknown_subjects_and_unknown_metrics_are_reported()
    {
        var scheme = Template("TPL-04");
        var office = new AppraisalSubject("杭州办事处", "HZ", ScopeKind.Unit, 7);
        var metrics = new FakeMetrics();
        var grades = Grades("HZ", ("负责区域内客户调查情况", "优秀"), ("当月办事处客户流失率", "2%"));
        var entered = new Dictionary<string, SubjectInput> { ["HZ"] = grades, ["温州办事处"] = Grades("温州办事处") };
        var problems = new List<AppraisalProblem>();

        DataAppraisal.Inputs(scheme, October, [office], metrics, 1, entered, problems);

        Assert.Contains(problems, p => p.Subject == "温州办事处" && p.Message.Contains("不是本次考核对象"));
        Assert.Contains(problems, p => p.Indicator == "当月办事处客户流失率" && p.Message.Contains("取自客户数据"));
        Assert.Equal(6, problems.Count(p => p.Message.StartsWith("缺少评分", StringComparison.Ordinal)));
        Assert.DoesNotContain(problems, p => p.Indicator == "负责区域内客户调查情况");

        var bad = scheme with
        {
            Sections = [.. scheme.Sections.Select(s => s with
            {
                Indicators = [.. s.Indicators.Select(i => i.Metric is null ? i : i with { Metric = new MetricBinding("churn", MetricBindingScope.Subject) })],
            })],
        };
        var unknown = new List<AppraisalProblem>();
        Assert.Empty(DataAppraisal.Inputs(bad, October, [office], metrics, 1, entered, unknown));
        Assert.Equal(3, unknown.Count);
        Assert.All(unknown, p => Assert.Contains("未知的数据指标“churn”", p.Message));
    }
}

/// <summary>The subjects of a scheme, read from the base, on both providers.</summary>
public abstract class AppraisalSubjectTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private void Seed()
    {
        using var db = Db();
        var hq = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
        var sales = new OrgUnit { Code = "XS", Name = "销售部", Kind = UnitKind.Department, Parent = hq };
        db.Units.AddRange(hq, sales,
            new OrgUnit { Code = "O2", Name = "宁波办事处", Kind = UnitKind.Office, Parent = sales },
            new OrgUnit { Code = "O1", Name = "杭州办事处", Kind = UnitKind.Office, Parent = sales });
        db.SaveChanges();
        db.Staff.AddRange(
            new Staff { EmployeeNo = "E2", Name = "李四", UnitId = sales.Id, Role = "客户经理" },
            new Staff { EmployeeNo = "E1", Name = "张三", UnitId = sales.Id, Role = "客户经理" },
            new Staff { EmployeeNo = "E3", Name = "王五", UnitId = sales.Id, Role = "部门经理" },
            new Staff { EmployeeNo = "E4", Name = "赵六", UnitId = sales.Id, Role = "客户经理", LeftOn = new DateOnly(2026, 1, 31) });
        db.SaveChanges();
    }

    [Fact]
    public void Offices_in_code_order_filtered_by_name_or_code_and_unknown_names_reported()
    {
        Seed();
        using var db = Db();
        var scheme = SchemeCatalog.Resolve("TPL-04").Scheme!;
        var problems = new List<AppraisalProblem>();

        var all = DataAppraisal.Subjects(db, scheme, null, null, problems);
        Assert.Equal(["O1", "O2"], all.Select(s => s.Code));
        Assert.All(all, s => Assert.Equal(ScopeKind.Unit, s.Kind));

        var some = DataAppraisal.Subjects(db, scheme, ["宁波办事处", "O1", "上海办事处"], null, problems);
        Assert.Equal(["宁波办事处", "杭州办事处"], some.Select(s => s.Name));
        var p = Assert.Single(problems);
        Assert.Equal("上海办事处", p.Subject);
    }

    [Fact]
    public void A_person_scheme_appraises_current_staff_optionally_of_one_role()
    {
        Seed();
        using var db = Db();
        var scheme = SchemeCatalog.Resolve("TPL-04").Scheme! with { SubjectKind = SubjectKind.Person };
        var problems = new List<AppraisalProblem>();
        Assert.Equal(["E1", "E2", "E3"], DataAppraisal.Subjects(db, scheme, null, null, problems).Select(s => s.Code));
        Assert.Equal(["张三", "李四"], DataAppraisal.Subjects(db, scheme, null, "客户经理", problems).Select(s => s.Name));
        Assert.Empty(problems);
    }
}

public sealed class SqliteAppraisalSubjectTests() : AppraisalSubjectTests(DatabaseProvider.Sqlite);

public sealed class PostgresAppraisalSubjectTests() : AppraisalSubjectTests(DatabaseProvider.PostgreSql);
