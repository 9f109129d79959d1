namespace Kaohe.Data.Metrics;

/// <summary>How a metric's value is expressed.</summary>
public enum MetricUnit
{
    /// <summary>A rate; the value is a fraction (0.025 = 2.5 %).</summary>
    Percent,
    /// <summary>Percentage points (KF-18).</summary>
    PercentagePoints,
    /// <summary>Hours (KF-04).</summary>
    Hours,
    /// <summary>A count.</summary>
    Count,
    /// <summary>A mean score.</summary>
    Score,
    /// <summary>An amount in 元 (条均价增长额).</summary>
    Amount,
}

/// <summary>A metric of the customer base: RULES.md §21 (KF) and the S0 definitions.</summary>
/// <param name="Code">Stable code used by schemes (<c>metric:</c>) and the CLI.</param>
/// <param name="Name">Chinese name as the seeds write it.</param>
/// <param name="HigherIsBetter">Direction; null when neither (a count such as 呼叫数).</param>
/// <param name="Formula">The formula in Chinese, numerator / denominator as the records give them.</param>
/// <param name="Rule">RULES.md reference.</param>
/// <param name="MonthOnly">Defined for months only (KF-18: this month − last month).</param>
public sealed record MetricDefinition(
    string Code, string Name, MetricUnit Unit, bool? HigherIsBetter, string Formula, string Rule, bool MonthOnly = false)
{
    /// <summary>The value is a rate shown in percent.</summary>
    public bool IsPercent => Unit == MetricUnit.Percent;

    /// <summary>Set for a metric summed from reported figures (指标实际值) and, for a completion rate, targets (目标).</summary>
    public ReportedWords? Reported { get; init; }

    /// <summary>
    /// Set for a level reported month by month (指标实际值 of this word: a 合格率, a 成长度, a 条均价增长额), taken as
    /// reported for the unit or person it was reported for — never summed, defined for months only.
    /// </summary>
    public string? ReportedLevel { get; init; }

    /// <summary>Other names the metric is found by (the seed's traditional forms: 集團產品當年回收率 …).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>
/// A metric over reported figures: the sum of the 指标实际值 rows of word <paramref name="Actual"/> in the scope and
/// period; with <paramref name="Target"/>, that sum over the sum of the 目标 rows of that word (a completion rate).
/// Stored × 10,000 like every quantity; shown as entered.
/// </summary>
public sealed record ReportedWords(string Actual, string? Target = null);

/// <summary>
/// The words the records use for the kinds the metrics count (service tasks, expenses, surveys, targets,
/// actuals). The import documents the same words (docs/data-import.md).
/// </summary>
public static class MetricWords
{
    public const string Feedback = "意见反馈";
    public const string InfoTransfer = "信息传递";
    public const string BusinessVolume = "业务量";
    public const string SurveyTask = "调研任务";
    public const string Improvement = "流程改进";
    public const string ServiceExpense = "服务费用";
    public const string DepartmentExpense = "部门费用";
    public const string ServiceBudget = "服务费用预算";
    public const string DepartmentBudget = "费用预算";
    public const string SalesTarget = "销售额";
    public const string CustomerSatisfaction = "客户满意度";
    public const string DepartmentSatisfaction = "部门协作满意度";
    public const string Recovered = "回收金额";
    public const string Billed = "出账收入";
    public const string PassRate = "产品合格率";
    public const string Swapped4G = "4G换卡用户数";
    public const string Target4G = "4G目标用户数";
    public const string Repackaged4G = "4G换套餐用户数";

    /// <summary>Customer classes counted as key customers (大客户) by KF-06 and KF-07 (default: 大客户).</summary>
    public static readonly IReadOnlyList<string> KeyCustomerClasses = ["大客户"];
}

/// <summary>Every metric Kaohe computes.</summary>
public static class MetricCatalog
{
    /// <summary>
    /// The reported figures the seeds' industry forms are measured by (a dealer's car sales, a tobacco office's
    /// volumes, an insurer's premiums, a carrier's grid figures, a sales rep's leads): imported as 指标实际值 (and 目标
    /// for a completion rate) under these words.
    /// </summary>
    private static readonly (string Code, string Name, string Word, bool Target, string Rule)[] Reported =
    [
        ("new_car_sales", "新车销量达成", "新车销量", true, "AC-01"),
        ("aged_stock_sales", "超90天车辆销售达成", "超90天车辆销量", true, "AC-01"),
        ("ds_model_sales", "D+S车型销量达成", "D+S车型销量", true, "AC-01"),
        ("finance_deals", "金融台次达成", "金融台次", true, "AC-01"),
        ("used_car_sales", "二手车销量达成", "二手车销量", true, "AC-01"),
        ("cigarette_sales", "卷烟销量完成率", "卷烟销量", true, "LN-11"),
        ("cultivated_brand_sales", "培育品牌卷烟销量完成率", "培育品牌卷烟销量", true, "LN-11"),
        ("key_brand_sales", "重点品牌销量完成率", "重点品牌销量", true, "LN-12"),
        ("blank_villages", "消除空白村完成率", "消除空白村数", true, "LN-11"),
        ("prospect_leads", "意向客户/场地信息条数", "意向客户信息", false, "UB-09"),
        ("blank_market_info", "空白市场信息条数", "空白市场信息", false, "UB-09"),
        ("feasibility_reports", "可行性分析报告份数", "可行性分析报告", false, "UB-09"),
        ("regular_premium_rate", "期交保费达成率", "期交保费", true, "TB-03"),
        ("single_premium_rate", "趸交保费达成率", "趸交保费", true, "TB-04"),
        ("policy_cancellations", "契撤件数", "契撤件数", false, "TB-06"),
        ("misleading_complaints", "误导购买投诉件数", "误导购买投诉", false, "TB-12"),
        ("false_information", "虚假信息件数", "虚假信息", false, "TB-12"),
        ("telecom_revenue", "通信和信息化收入完成率", "通信和信息化收入", true, "LN-01"),
        ("group_formation", "集团组建完成率", "集团组建数", true, "LN-02"),
        ("member_collection", "成员收集完成率", "成员收集数", true, "LN-03"),
        ("contract_renewal", "存量合约发展完成率", "存量合约发展数", true, "LN-04"),
        ("work_phone_users", "百万工作机用户到达完成率", "工作机到达用户数", true, "LN-05"),
        ("high_value_returns", "高价值用户回流数", "高价值用户回流数", false, "UB-06"),
        ("return_stalls", "回流连续两周无进度次数", "回流无进度次数", false, "UB-06"),
        ("net_group_products", "集团产品净增家数", "集团产品净增家数", false, "UB-04"),
        ("net_integrated_access", "综合接入净增家数", "综合接入净增家数", false, "UB-05"),
        ("net_business_access", "商企净增家数", "商企净增家数", false, "UB-05"),
        ("groups_formed_month", "当月成功组建集团数", "当月成功组建数", false, "PC-03"),
        ("visit_plan", "拜访工作计划完成率", "拜访组数", true, "LN-14"),
        ("expansion_plan", "拓展工作计划完成率", "拓展组数", true, "LN-14"),
        ("site_delivery_plan", "输送客户到案场完成率", "输送到案场客户数", true, "LN-14"),
        ("idle_weeks", "无进驻周数", "无进驻周数", false, "DD-12"),
        ("unvisited_groups", "走访未达标集团数", "走访未达标集团数", false, "DD-12"),
        ("unrenewed_agreements", "三优协议未续签数", "三优协议未续签数", false, "DD-12"),
    ];

    /// <summary>
    /// Levels reported month by month under their word (指标实际值), taken as reported: the tobacco office's growth and
    /// width figures, a grid manager's member authenticity, an insurer's recovery rate.
    /// </summary>
    private static readonly (string Code, string Name, string Word, MetricUnit Unit, string Rule)[] Levels =
    [
        ("pass_rate", "产品合格率", PassRateWord, MetricUnit.Percent, "BL-05"),
        ("key_brand_growth", "重点品牌成长度", "重点品牌成长度", MetricUnit.Percent, "LN-11"),
        ("cigarette_growth", "卷烟销售成长率", "卷烟销售成长率", MetricUnit.Percent, "LN-11"),
        ("avg_price_growth", "条均价增长额", "条均价增长额", MetricUnit.Amount, "LN-11"),
        ("brand_width", "品牌平均宽度占比", "品牌宽度占比", MetricUnit.Percent, "LN-11"),
        ("forecast_accuracy", "客户需求预测准确率", "需求预测准确率", MetricUnit.Percent, "ST-03"),
        ("visit_sales_success", "访销成功率", "访销成功率", MetricUnit.Percent, "ST-04"),
        ("member_authenticity", "成员真实性", "成员真实性", MetricUnit.Percent, "PC-01"),
        ("key_card_recovery", "集团钻金卡客户回收率", "集团钻金卡客户回收率", MetricUnit.Percent, "TB-09"),
        ("group_product_recovery", "集团产品回收率", "集团产品回收率", MetricUnit.Percent, "ST-10"),
        ("alert_timeliness", "预警处理及时率", "预警处理及时率", MetricUnit.Percent, "ST-08"),
        ("group_satisfaction", "集团客户满意度", "集团客户满意度", MetricUnit.Percent, "LN-08"),
        ("gold_satisfaction", "金牌客户满意度", "金牌客户满意度", MetricUnit.Percent, "LN-08"),
        ("group_product_survey", "集团产品使用调研满意度", "集团产品使用调研满意度", MetricUnit.Percent, "LN-08"),
        ("gold_report_rate", "金牌客户整理上报率", "金牌客户整理上报率", MetricUnit.Percent, "LN-09"),
    ];

    private const string PassRateWord = MetricWords.PassRate;

    /// <summary>
    /// The reported levels that are shares of a whole (合格率, 准确率, 真实性 …: between 0 and 100 %), written as percent
    /// numbers (98.5 = 98.5 %); the import refuses a number that could be a fraction. Growth rates may be negative or
    /// over 100 and are not in this set.
    /// </summary>
    public static IReadOnlySet<string> ShareWords { get; } = Levels
        .Where(l => l.Unit == MetricUnit.Percent && l.Code is not ("key_brand_growth" or "cigarette_growth"))
        .Select(l => l.Word).ToHashSet(StringComparer.Ordinal);

    /// <summary>The metrics: S0 first, then KF-01 … KF-20, then those of issue 14.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new("churn_rate", "客户流失率", MetricUnit.Percent, false, "期内流失客户数 / 期初客户数", "BL-01, KF-21"),
        new("growth_rate", "客户增长率", MetricUnit.Percent, true, "(期末客户数 − 期初客户数) / 期初客户数", "BL-02, KF-21"),
        new("complaint_satisfaction", "投诉处理满意率", MetricUnit.Percent, true, "期内处理完毕且客户满意的投诉数 / 期内处理完毕的投诉数", "BL-03, KF-21"),
        new("KF-01", "客户意见反馈及时率", MetricUnit.Percent, true, "在标准时间内反馈客户意见的次数 / 总共需要反馈的次数（意见反馈事项，按到期月）", "KF-01"),
        new("KF-02", "客户服务信息传递及时率", MetricUnit.Percent, true, "标准时间内传递信息次数 / 需要向相关部门传递信息总次数（信息传递事项）", "KF-02"),
        new("KF-03", "客户回访率", MetricUnit.Percent, true, "实际回访的客户数 / 计划回访的客户数（按客户去重：计划内回访已完成的客户 / 有计划内回访的客户；计划外回访不计）", "KF-03"),
        new("KF-04", "客户投诉解决速度", MetricUnit.Hours, false, "期内解决投诉的解决总时间（小时）/ 期内解决投诉总数", "KF-04"),
        new("KF-05", "客户投诉解决满意率", MetricUnit.Percent, true, "客户对解决结果满意的投诉数 / 期内收到的投诉总数", "KF-05"),
        new("KF-06", "大客户流失数", MetricUnit.Count, false, "期内流失的大客户数", "KF-06"),
        new("KF-07", "大客户回访次数", MetricUnit.Count, true, "期内完成的大客户回访次数", "KF-07"),
        new("KF-08", "客户满意度", MetricUnit.Score, true, "受访客户满意度评分的算术平均值", "KF-08"),
        new("KF-09", "部门协作满意度", MetricUnit.Score, true, "部门满意度评分的算术平均值", "KF-09"),
        new("KF-10", "呼叫中心业务计划完成率", MetricUnit.Percent, true, "实际完成业务量 / 计划业务量（业务量事项）", "KF-10"),
        new("KF-11", "服务费用预算控制率", MetricUnit.Percent, false, "服务费用开支额 / 服务费用预算额（本单位目标“服务费用预算”）", "KF-11"),
        new("KF-12", "客户调研计划完成率", MetricUnit.Percent, true, "实际完成的调研任务 / 计划调研任务", "KF-12"),
        new("KF-13", "呼叫中心服务流程改进目标完成率", MetricUnit.Percent, true, "实际完成的改进目标 / 计划改进目标", "KF-13"),
        new("KF-14", "转接率", MetricUnit.Percent, false, "转接电话数 / 全部接通电话数", "KF-14"),
        new("KF-15", "呼叫数", MetricUnit.Count, null, "全部呼入呼出电话数（含未接通、放弃）", "KF-15"),
        new("KF-16", "费用预算达成率", MetricUnit.Percent, false, "考核期部门费用实际支出 / 考核期部门费用预算（本单位目标“费用预算”）", "KF-16"),
        new("KF-17", "集团产品当年回收率", MetricUnit.Percent, true, "年初至期末回收金额 / 年初至期末出账收入", "KF-17") { Aliases = ["集團產品當年回收率"] },
        new("KF-18", "产品质量合格率增长比", MetricUnit.PercentagePoints, true, "本月产品合格率 − 上月产品合格率（百分点）", "KF-18", MonthOnly: true) { Aliases = ["產品質量合格率增長比"] },
        new("KF-19", "区域销售完成率", MetricUnit.Percent, true, "实际销售额 / 销售额目标（本单位或本人的目标）", "KF-19"),
        new("KF-20", "4G换卡占比", MetricUnit.Percent, true, "年初至期末累计换卡用户数 / 目标用户总数", "KF-20") { Aliases = ["4G換卡占比"] },
        // Computed from the records the customer base keeps (issue 14).
        new("customer_retention", "客户保有率", MetricUnit.Percent, true, "(期初客户数 − 期内流失客户数) / 期初客户数", "NC-03"),
        new("key_retention", "大客户保有率", MetricUnit.Percent, true, "(期初大客户数 − 期内流失大客户数) / 期初大客户数", "NC-02"),
        new("call_answer_rate", "电话接听率", MetricUnit.Percent, true, "接通的电话数 / 全部呼入呼出电话数", "NC-02"),
        new("complaint_count", "客户投诉次数", MetricUnit.Count, false, "期内收到的投诉数", "NC-02"),
        new("complaint_resolution_rate", "投诉解决率", MetricUnit.Percent, true, "期内收到且已解决的投诉数 / 期内收到的投诉数", "NC-03"),
        new("complaint_score", "投诉处理满意度评分", MetricUnit.Score, true, "期内处理完毕的投诉的满意度评分之和 / 有评分的投诉数", "NC-02"),
        new("service_completion", "客户服务工作完成率", MetricUnit.Percent, true, "期内完成的服务事项数 / 期内到期的服务事项数（意见反馈、信息传递、调研任务、流程改进）", "LN-13"),
        new("touchpoint_rate", "触点检查合格率", MetricUnit.Percent, true, "合格的检查项数 / 适用的检查项数（《客户触点分级管理检查表》，按季度）", "RK-01"),
        new("new_customers", "新开发客户数", MetricUnit.Count, true, "期内开发（新增）的客户数", "ST-01"),
        new("survey_satisfaction_rate", "客户满意率", MetricUnit.Percent, true, "客户满意度调查中评分 4 分及以上（满意、非常满意）的问卷数 / 问卷数", "TB-07"),
        new("package_4g_rate", "4G换套餐占比", MetricUnit.Percent, true, "年初至期末累计换套餐（换资费）用户数 / 目标用户总数", "LN-07"),
        new("first_visit_success", "首访成功率", MetricUnit.Percent, true, "首次回访成功的件数 / 已做首次回访的件数", "TB-05"),
        new("second_visit_success", "再访成功率", MetricUnit.Percent, true, "第二次回访成功的件数 / 已做第二次回访的件数", "TB-05"),
        new("third_visit_success", "三访成功率", MetricUnit.Percent, true, "第三次回访成功的件数 / 已做第三次回访的件数", "TB-05"),
        new("site_deliveries", "客户专员输送到案场客户数", MetricUnit.Percent, true,
            "《客户来访登记》中由其输送（输送人）到案场的来访数 / 上报的“输送到案场客户数”计划（目标）", "LN-14"),
        // Levels reported month by month.
        .. Levels.Select(l => new MetricDefinition(l.Code, l.Name, l.Unit, true, $"上报的本月“{l.Word}”（指标实际值，按上报的单位或个人）", l.Rule, MonthOnly: true)
            { ReportedLevel = l.Word }),
        // Summed from reported figures (指标实际值) and targets (目标) of the same word.
        .. Reported.Select(r => new MetricDefinition(r.Code, r.Name, r.Target ? MetricUnit.Percent : MetricUnit.Count, true,
            r.Target ? $"“{r.Word}”实际值 / “{r.Word}”目标（指标实际值与目标）" : $"上报的“{r.Word}”之和（指标实际值）", r.Rule)
            { Reported = new ReportedWords(r.Word, r.Target ? r.Word : null) }),
    ];


    private static readonly Dictionary<string, MetricDefinition> ByKey = Build();

    private static Dictionary<string, MetricDefinition> Build()
    {
        var d = new Dictionary<string, MetricDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in All)
        {
            d[m.Code] = m;
            d.TryAdd(m.Name, m);
            foreach (var alias in m.Aliases) d.TryAdd(alias, m);
        }
        return d;
    }

    /// <summary>The metric with this code or Chinese name.</summary>
    public static bool TryGet(string codeOrName, out MetricDefinition metric) =>
        ByKey.TryGetValue(codeOrName.Trim(), out metric!);

    /// <summary>The metric with this code or name, or an error listing the codes.</summary>
    public static MetricDefinition Get(string codeOrName) =>
        TryGet(codeOrName, out var m) ? m
            : throw new KeyNotFoundException($"未知的指标“{codeOrName}”。可用：{string.Join("、", All.Select(x => x.Code))}");
}
