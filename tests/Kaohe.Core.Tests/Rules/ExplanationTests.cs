using Kaohe.Core.Formulas;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Rules;

/// <summary>
/// 评分依据: every explanation must let a clerk redo the computation — the input values, the baseline or
/// target, the relation (高于/低于) in the right direction, the unit (个百分点, %, 元, 小时) and the final score.
/// </summary>
public sealed class ExplanationTests
{
    private static string Why(Rule rule, object? input, decimal? points = null) => Eval(rule, input, points).Explanation;

    private static void Has(string text, params string[] parts)
    {
        foreach (var p in parts) Assert.True(text.Contains(p, StringComparison.Ordinal), $"expected “{p}” in: {text}");
    }

    private static void HasNot(string text, params string[] parts)
    {
        foreach (var p in parts) Assert.False(text.Contains(p, StringComparison.Ordinal), $"did not expect “{p}” in: {text}");
    }

    // ------------------------------------------------------------ baseline

    [Fact]
    public void Baseline_Points_BetterThanLowest()
    {
        var t = Why(Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMin), Obj(("value", "0.9%"), ("baseline", "2.4%")));
        Has(t, "比率 0.9%", "历史最低 2.4%", "低于历史最低 1.5 个百分点", "优于基数", "每 1 个百分点加 1 分", "计 1 步（不足一步不计）", "15 + 1 = 16 分");
        Assert.EndsWith("→ 16 分", t);
    }

    [Fact]
    public void Baseline_HighestMonthOfALowerIsBetterRate_IsNotCalledTheBest()
    {
        var t = Why(Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMax), Obj(("value", "0.9%"), ("baseline", "2.4%")));
        Has(t, "历史最高 2.4%");
        HasNot(t, "历史最佳");
    }

    [Fact]
    public void Baseline_Points_WorseThanBest_ProRata()
    {
        var t = Why(Baseline(Direction.HigherIsBetter, StepRounding.ProRata, source: BaselineSource.HistoricalMax), Obj(("value", "90.1%"), ("baseline", "96.3%")));
        Has(t, "90.1%", "历史最佳 96.3%", "低于历史最佳 6.2 个百分点", "差于基数", "每 1 个百分点扣 1 分", "计 6.2 步（按比例折算）", "15 − 6.2 = 8.8 分");
        Assert.EndsWith("→ 8.8 分", t);
    }

    [Fact]
    public void Baseline_HigherChurn_SaysHigherAndWorse()
    {
        // churn above the lowest is 高于 (the value) and 差于 (for the score): both words must be right
        var t = Why(Baseline(Direction.LowerIsBetter), Obj(("value", "4.45%"), ("baseline", "2.4%")));
        Has(t, "高于基数 2.05 个百分点", "差于基数", "15 − 2 = 13 分");
        HasNot(t, "低于基数", "优于基数");
    }

    [Fact]
    public void Baseline_Relative_ShowsPointsAndRelativePercentWithTheDivision()
    {
        var t = Why(Baseline(Direction.LowerIsBetter, mode: DifferenceMode.Relative, source: BaselineSource.HistoricalMin), Obj(("value", "0.9%"), ("baseline", "2.4%")));
        Has(t, "低于历史最低 1.5 个百分点", "相对降低 62.5%", "1.5 / 2.4 × 100%", "每 1%加 1 分", "计 62 步", "超过上限，按 20 分");
        HasNot(t, "低于历史最低 62.5%");   // was ambiguous: 62.5 read as a level, not a relative change
        Assert.EndsWith("→ 20 分", t);
    }

    [Fact]
    public void Baseline_Relative_ZeroBaseline_FallsBackToPointsWithThePointUnit()
    {
        var rule = Baseline(Direction.HigherIsBetter, mode: DifferenceMode.Relative, cap: null, source: BaselineSource.Constant, constant: 0);
        var t = Why(rule, "2.5%");
        Has(t, "无法按相对百分比比较，改按差值", "高于基准 2.5 个百分点", "15 + 2 = 17 分");
    }

    [Fact]
    public void Baseline_NoHistory_DoesNotPretendThereIsAHistoricalValue()
    {
        var t = Why(Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMin), Obj(("value", "9.7%"), ("baseline", "无历史")));
        Has(t, "比率 9.7%", "无历史数据", "以本期值 9.7% 为历史最低", "基础分 15 分");
        HasNot(t, "历史最低 9.7%");
    }

    [Fact]
    public void Baseline_NoData_FloorAndNoDeduction()
    {
        Has(Why(Baseline(Direction.HigherIsBetter), Obj(("value", "无数据"), ("baseline", "96%"))), "无数据（分母为 0）", "按基础分 15 分");
        Has(Why(Baseline(Direction.LowerIsBetter), Obj(("value", "22%"), ("baseline", "2.4%"))), "15 − 19 = -4 分", "扣完为止，按 0 分", "→ 0 分");
        Has(Why(Baseline(Direction.HigherIsBetter, @base: 0, up: 0.5m, down: 0), Obj(("value", "60%"), ("baseline", "90%"))), "低于基数 30 个百分点", "下降不扣分，按基础分", "→ 0 分");
        Has(Why(Baseline(Direction.HigherIsBetter), Obj(("value", "96.5%"), ("baseline", "96%"))), "不足 1 个百分点，不加分，按基础分", "→ 15 分");
    }

    // ------------------------------------------------------------ steps

    private static StepRule SalesTask => Steps(100, Side(30, 1, 2), Side(30, 5, 3), 0, null, BandMeasure.RatioToTarget, [new StepGate(new Bound(50, false), 0)], unit: ValueUnit.Money);

    [Fact]
    public void Steps_SalesTask_ShowsActualTargetCompletionStepsInYuanAndPercent()
    {
        var t = Why(SalesTask, Obj(("value", "75.99万"), ("target", "80万")));
        Has(t, "实际 759900 元", "目标 800000 元", "完成率 94.9875%", "低于 100% 5.0125 个百分点", "每 5 个百分点扣 3 分", "计 1 步（不足一步不计）", "30 − 3 = 27 分");
        Assert.EndsWith("→ 27 分", t);
        var up = Why(SalesTask, Obj(("value", "81.2万"), ("target", "80万")));
        Has(up, "完成率 101.5%", "达到 100%（高出 1.5 个百分点）", "每 1 个百分点加 2 分", "30 + 2 = 32 分");
        var gate = Why(SalesTask, Obj(("value", "39.99万"), ("target", "80万")));
        Has(gate, "完成率 49.9875%", "低于 50%", "→ 0 分");
    }

    [Fact]
    public void Steps_TargetInput_IsNamedAsTheTarget()
    {
        var t = Why(Steps(null, Side(0), Side(0, 1, 0.1m), null, null), Obj(("value", "87.5%"), ("target", "90%")));
        Has(t, "87.5%", "目标 90%", "低于 90% 2.5 个百分点", "每 1 个百分点扣 0.1 分", "计 2 步", "0 − 0.2 = -0.2 分");
        Assert.EndsWith("→ -0.2 分", t);
    }

    [Fact]
    public void Steps_DecimalStep_And_Gate()
    {
        var rule = Steps(93, Side(0.5m), Side(0, 0.2m, 0.1m), null, null, gates: [new StepGate(new Bound(92, false), -0.5m)]);
        Has(Why(rule, "92.8%"), "92.8%", "低于 93% 0.2 个百分点", "每 0.2 个百分点扣 0.1 分", "计 1 步", "→ -0.1 分");
        Has(Why(rule, "91.99%"), "91.99%", "低于 92%", "-0.5 分", "→ -0.5 分");
        Has(Why(rule, "93%"), "达到 93%", "→ 0.5 分");
    }

    [Fact]
    public void Steps_CapAndWaiver()
    {
        var rule = Steps(40, Side(0, 1, 0.5m), Side(-5), null, 5, waiver: new CapWaiver("目标用户数", 100));
        Has(Why(rule, Obj(("value", "52.5%"), ("目标用户数", 99))), "达到 40%（高出 12.5 个百分点）", "计 12 步", "0 + 6 = 6 分", "超过上限，按 5 分", "→ 5 分");
        Has(Why(rule, Obj(("value", "52.5%"), ("目标用户数", 120))), "目标用户数 120 ≥ 100，加分不封顶", "→ 6 分");
        Has(Why(rule, Obj(("value", "39.99%"), ("目标用户数", 99))), "低于 40% 0.01 个百分点", "→ -5 分");
    }

    [Fact]
    public void Steps_NonPercentUnit_HasNoPercentWords()
    {
        // a count pivot (e.g. 10 visits): "低于 10 3" must not speak of percentage points
        var t = Why(Steps(10, Side(5), Side(5, 1, 1), 0, null, unit: ValueUnit.Count), 7);
        Has(t, "指标 7", "低于 10 3", "每 1 扣 1 分", "5 − 3 = 2 分");
        HasNot(t, "百分点", "%");
    }

    // ------------------------------------------------------------ linear

    [Fact]
    public void Linear_ProportionalRescaledFallback()
    {
        var p = Why(Linear(15, 0.8m), Obj(("value", 45), ("target", 50)));
        Has(p, "完成 45", "目标 50", "完成率 90%", "15 × 90% = 13.5 分");
        var r = Why(Linear(15, 0.8m, LinearMode.Rescaled), Obj(("value", 45), ("target", 50)));
        Has(r, "80% 为 0 分", "15 × (90% − 80%)/(100% − 80%) = 7.5 分");
        var f = Why(Linear(15, 0.8m, fallback: new("当月组建数", 15, 10)), Obj(("value", 39), ("target", 50), ("当月组建数", 15)));
        Has(f, "完成率 78%", "低于 80%", "当月组建数 15 ≥ 15 → 10 分");
        var x = Why(Linear(10, 0, extra: 5), Obj(("value", 5), ("target", 3)));
        Has(x, "达到目标得 10 分", "超出 2 个单位每个加 5 分", "10 + 10 = 20 分", "上不封顶");
        var neg = Why(Linear(5, 0.4m, below: -5), Obj(("value", -3), ("target", 21)));
        Has(neg, "完成 -3", "完成为负", "低于 40% → -5 分");
        Has(Why(Linear(5, 0.4m), Obj(("value", 3), ("target", 0))), "目标为 0", "无数据", "满分 5 分");
        Has(Why(Linear(5, 0.4m), Obj(("value", 3), ("target", -2))), "目标为 -2（不为正）");
    }

    // ------------------------------------------------------------ bands

    [Fact]
    public void Bands_FixedGapRatioLinearProportionalDifference()
    {
        Has(Why(Bands(B(">=80", 3), B("[60,80)", 2.5m), B("[40,60)", 1.5m), B("[10,40)", 1), B("<10", 0)), "59.99%"), "59.99%", "落在“≥ 40% 且 < 60%”档 → 1.5 分");
        Has(Why(Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0)) with { Gap = 5 }, "84.99%"), "84.99%", "规则未规定", "按 5 分");
        var ratio = Why(new BandRule([B("=0", 10), B("(0,3]", 5), B(">3", 0)], ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "错漏率"), Obj(("value", 1), ("target", 34)));
        Has(ratio, "错漏率", "实际 1", "目标 34", "实际/目标 = 2.9412%", "> 0% 且 ≤ 3%", "→ 5 分");
        HasNot(ratio, "完成率");   // an error rate is not a completion rate
        var lin = Why(Bands(B(">=81", 3), new Band(When("[78,81)"), new LinearOutcome(0, 3), null), B("<70", -1)), "79.2%");
        Has(lin, "79.2%", "0 + (3 − 0) × (79.2 − 78)/(81 − 78) = 1.2 分");
        var prop = Why(Bands(B(">=81", 3), new Band(When("[78,81)"), new ProportionalOutcome(3, 81), null), B("<70", -1)), "78%");
        Has(prop, "3 × 78% / 81% = 2.89 分");   // the reference carries its % (was "/ 81")
        var diff = Why(new BandRule([B(">=0", 5), B("<0", 0)], ValueUnit.Money, BandMeasure.DifferenceFromBaseline, 0, NoDataPolicy.Full, "销售额"), Obj(("value", "99.99万"), ("baseline", "100万")));
        Has(diff, "销售额 999900 元", "基数 1000000 元", "低于基数 100 元", "→ 0 分");
        var noHistory = Why(new BandRule([B(">=0", 5), B("<0", 0)], ValueUnit.Money, BandMeasure.DifferenceFromBaseline, 0, NoDataPolicy.Full, "销售额"), Obj(("value", "100万"), ("baseline", "无历史")));
        Has(noHistory, "无历史数据", "→ 5 分");
        var zero = Why(new BandRule([B("=0", 10), B("(0,3]", 5), B(">3", 0)], ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "错漏率"), Obj(("value", 0), ("target", 0)), 10);
        Has(zero, "错漏率目标为 0", "无数据", "按满分 10 分");
    }

    [Fact]
    public void Bands_Choice_ShowsTheBandAndTheRatersValue() =>
        Has(Why(new BandRule([B(">=80", 10), new Band(When("[50,60)"), new ChoiceOutcome(6, 8), null)], ValueUnit.Percent, BandMeasure.Value, 0, NoDataPolicy.Full, "完成率"), Obj(("value", "55%"), ("score", "7.5"))),
            "完成率 55%", "6–8 分", "评分人给 7.5 分");

    // ------------------------------------------------------------ achievement, offset, per-unit, deduction

    [Fact]
    public void Achievement_ShowsWhichWayTheRatioIsTaken()
    {
        var t = Why(new AchievementRule(20, 1.2m, Direction.HigherIsBetter, ValueUnit.Number, NoDataPolicy.Full), Obj(("value", 50), ("target", 40)));
        Has(t, "目标 40", "实际 50", "实际/目标 = 125%", "最高 120% 封顶", "120% × 权重 20 = 24 分");
        var low = Why(new AchievementRule(10, 1.2m, Direction.LowerIsBetter, ValueUnit.Number, NoDataPolicy.Full), Obj(("value", 8), ("target", 5)));
        Has(low, "目标 5", "实际 8", "目标/实际（越低越好） = 62.5%", "= 6.25 分");
        var zero = Why(new AchievementRule(10, 1.2m, Direction.LowerIsBetter, ValueUnit.Number, NoDataPolicy.Full), Obj(("value", 0), ("target", 5)));
        Has(zero, "实际为 0");
        HasNot(zero, "目标为 0");   // it was the actual, not the target, that was 0
    }

    [Fact]
    public void Offset_ShowsQuotasOffsetAndExtras()
    {
        var rule = new OffsetRule(new OffsetQuantity("清洗饮水机", 100, 4, "台"), new OffsetQuantity("送水", 1000, 2, "桶"), 2, 1840, true);
        Has(Why(rule, Obj(("清洗饮水机", 95), ("送水", 1010))), "清洗饮水机 95 台（标准 100）", "送水 1010 桶（标准 1000）", "1 台 = 2 桶", "清洗饮水机差 5，用 10 桶抵消", "合计 1840 元");
        Has(Why(rule, Obj(("清洗饮水机", 95), ("送水", 1004))), "无法完全抵消，无此项奖金", "超额部分仍计薪 8 元", "合计 8 元");
    }

    [Fact]
    public void PerUnit_ShowsEachCounter()
    {
        var rule = new UnitRule([new UnitCounter("综合接入", 3), new UnitCounter("商企", 1.5m)], 0, null, 0, true, ValueUnit.Count);
        var t = Why(rule, Obj(("综合接入", -1), ("商企", 3)));
        Has(t, "综合接入 -1 × 3 = −3", "商企 3 × 1.5 = +4.5", "合计 1.5 分", "上不封顶", "→ 1.5 分");
        Has(Why(rule, Obj(("综合接入", -2), ("商企", 1))), "合计 -4.5 分", "扣完为止，按 0 分", "→ 0 分");
        Has(Why(new UnitRule([new UnitCounter("新客户", 2)], 0, 15, 0, false, ValueUnit.Count), 9), "新客户 9 × 2 = +18", "超过上限，按 15 分", "→ 15 分");
    }

    [Fact]
    public void Deduction_ShowsEachClauseAndTheSubtraction()
    {
        var rule = Deduction(10, 0, Per("上班聊天玩游戏", 2), Per("因私离岗", 3), Once("卫生不合格", 3));
        var t = Why(rule, Obj(("上班聊天玩游戏", 2), ("因私离岗", 1), ("卫生不合格", 2)));
        Has(t, "上班聊天玩游戏 2 次 × 2 分 = 扣 4 分", "因私离岗 1 次 × 3 分 = 扣 3 分", "卫生不合格（2 次，按一次计）扣 3 分", "10 − 10 = 0 分");
        Assert.EndsWith("→ 0 分", t);
        Has(Why(Deduction(10, 0, Hours("超时小时", 5, StepRounding.Ceiling)), "1.5"), "超时小时 1.5 小时", "每 1 小时扣 5 分", "计 2 步（不足一步按一步计）", "扣 10 分", "10 − 10 = 0 分");
        Has(Why(Deduction(20, null, Per("聊天", 2), Ranged("顶撞", 5, 10)), Obj(("聊天", 3), ("顶撞", "8、10"))), "顶撞 2 次（8、10）共扣 18 分", "20 − 24 = -4 分", "本项可扣至负数");
        Has(Why(new DeductionRule(0, [Per("考核舞弊", 10), Per("不严格", 2)], 10, null, null), Obj(("考核舞弊", 1), ("不严格", 1))), "合计扣 12 分，超过本项扣分上限，按 10 分扣", "→ -10 分");
        Has(Why(Deduction(10, 0, Per("迟到", 1), AtLeast("请假3天以上", 10)), Obj(("迟到", 1), ("请假3天以上", 1))), "因“请假3天以上”，扣分按 10 分计", "→ 0 分");
        Has(Why(new DeductionRule(30, [Per("流失大客户", 10), Per("挽回大客户", -5)], null, null, null), Obj(("挽回大客户", 2))), "挽回大客户 2 次 × 5 分 = 加 10 分", "30 + 10 = 40 分", "→ 40 分");
        Has(Why(Deduction(0, null, Table("迟到", ("=2", 1), (">=3", 5))), 3), "迟到 3 次（≥ 3 次）扣 5 分", "→ -5 分");
        Has(Why(Deduction(10, 0, Per("迟到", 1)), null), "无扣分记录", "→ 10 分");
        Has(Why(Deduction(0, null, Table("迟到", ("=2", 1), (">=3", 5))), 2), "迟到 2 次（= 2 次）扣 1 分", "→ -1 分");
        Has(Why(new BandRule([B("=0", 1), B("=1", 0.5m), B(">=2", 0)], ValueUnit.Count, BandMeasure.Value, 0, NoDataPolicy.Full, "契撤件数"), 1), "契撤件数 1，落在“= 1”档 → 0.5 分");
    }

    // ------------------------------------------------------------ words, ratings, checklists, manual, formula, composite

    [Fact]
    public void WordsRatingsChecklistsManual()
    {
        var five = new GradeRule([new("优", 20, 20, null, []), new("良", 16, 18, 17, [])], MultipleGrades.Single);
        Has(Why(five, "良:16.4"), "评为“良（16–18 分中取 16.4）” → 16.4 分");
        Has(Why(five, "良"), "未给分值，取默认 17", "允许 16–18", "→ 17 分");
        Has(Why(new GradeRule([new("省级", 5, 5, null, []), new("市级", 3, 3, null, [])], MultipleGrades.Sum), "省级、市级"), "省级 5 + 市级 3 = 8 分");
        Has(Why(new RatingRule(1, 5, true, RatingMapping.Proportional), 4, 10), "评 4 级（满级 5）", "4/5 × 10 = 8 分");
        Has(Why(new RatingRule(1, 5, true, RatingMapping.ZeroBased), 3, 10), "(3 − 1)/(5 − 1) × 10 = 5 分");
        Has(Why(new ChecklistRule(["活动主题", "组织有序", "完成", "有竞争对手"], 4, 2.5m), new[] { "活动主题", "完成" }), "完成 2/4 项，每项 2.5 分 → 5 分");
        Has(Why(new ManualRule(0, 100, true, null), new[] { "80", "85", "90.5" }), "3 次评分 80、85、90.5 的平均 = 85.17 分");
        Has(Why(new ManualRule(0, 10, false, null), "7.5"), "人工评定 7.5 分（允许 0–10）");
    }

    [Fact]
    public void FormulaAndComposite()
    {
        var f = new FormulaRule(Formula.Parse("-0.1 * floor((93% - 回收率) / 0.2%)").Formula!, [new FormulaInput("回收率", ValueUnit.Percent)], null, null);
        Has(Why(f, "92.8%"), "回收率 = 92.8%", "= -0.1", "→ -0.1 分");
        CompositeRule c = new([new("首访成功率", 1, Bands(B(">=70", 1), B("<70", 0))), new("再访成功率", 0.5m, Bands(B(">=20", 0.5m), B("<20", 0)))], null, null);
        var t = Why(c, Obj(("首访成功率", "72%"), ("再访成功率", "18%")));
        Has(t, "首访成功率：", "72%", "→ 1 分", "再访成功率：", "18%", "→ 0 分", "合计 1 分");
    }

    // ------------------------------------------------------------ the stated score is the computed score

    public static TheoryData<string, Rule, object, decimal?> Cases => new()
    {
        { "BL", Baseline(Direction.LowerIsBetter, StepRounding.ProRata), Obj(("value", "4.45%"), ("baseline", "2.4%")), null },
        { "BL-rel", Baseline(Direction.HigherIsBetter, StepRounding.ProRata, DifferenceMode.Relative), Obj(("value", "90.1%"), ("baseline", "96.3%")), null },
        { "ST", Steps(100, Side(30, 1, 2, StepRounding.ProRata), Side(30, 5, 3, StepRounding.ProRata), 0, null, BandMeasure.RatioToTarget, unit: ValueUnit.Money), Obj(("value", "75.99万"), ("target", "80万")), null },
        { "ST-09", Steps(93, Side(0.5m), Side(0, 0.2m, 0.1m, StepRounding.ProRata), null, null), "92.01%", null },
        { "LN", Linear(15, 0.8m, LinearMode.Rescaled), Obj(("value", 73), ("target", 81)), null },
        { "LN-P", Linear(15, 0.8m), Obj(("value", 62), ("target", 73)), null },
        { "TB-lin", Bands(B(">=95", 2), new Band(When("[85,95)"), new LinearOutcome(0, 2), null), B("<75", -1)), "94.99%", null },
        { "TB-prop", new BandRule([B(">=100", 5), new Band(When("[40,100)"), new ProportionalOutcome(5, 100), null), B("<40", 0)], ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "存量合约"), Obj(("value", 12), ("target", 21)), null },
        { "AC", new AchievementRule(30, 1.2m, Direction.HigherIsBetter, ValueUnit.Percent, NoDataPolicy.Full), Obj(("value", "96.9%"), ("target", "95%")), null },
        { "DD", Deduction(1, 0, Per("客户投诉", 0.2m), Per("柜员投诉", 0.3m)), Obj(("客户投诉", 1), ("柜员投诉", 1)), null },
        { "UB", new UnitRule([new UnitCounter("综合接入", 3), new UnitCounter("商企", 1.5m)], 0, null, 0, true, ValueUnit.Count), Obj(("综合接入", 2), ("商企", 3)), null },
        { "RT", new RatingRule(1, 5, true, RatingMapping.Proportional), 3, 25m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheStatedFinalScoreIsTheComputedScoreRoundedForDisplay(string name, Rule rule, object input, decimal? points)
    {
        var r = Eval(rule, input, points);
        Assert.True(r.Explanation.EndsWith($"{Fmt.Num(r.Score!.Value)} 分", StringComparison.Ordinal), $"{name}: {r.Score} vs {r.Explanation}");
    }
}
