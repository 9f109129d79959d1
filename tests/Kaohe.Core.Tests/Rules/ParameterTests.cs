using Kaohe.Core.Formulas;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Rules;

/// <summary>
/// Every rule kind and every parameter of RULES.md §1–§11 with fresh numbers (not the catalog's examples),
/// each expected value computed by hand in the comment next to it. Boundaries follow G1 (以上/以下 inclusive,
/// 高于/低于/超过 strict), partial steps G3 (floor / ceiling / pro-rata), differences G2 (pp / relative),
/// limits G4, no data G6, no history G7; decimals such as 92.8% with 0.2% steps must be exact.
/// </summary>
public sealed class ParameterTests
{
    private static decimal R2(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);

    // ================================================================ grade (QR / LV word scales)

    private static GradeRule Fixed(params (string Word, decimal Points)[] options) =>
        new([.. options.Select(o => new GradeOption(o.Word, o.Points, o.Points, null, []))], MultipleGrades.Single);

    [Fact]
    public void Grade_QR03_SalesDepartment_FreshGrades()
    {
        // 售前售中 一般 30 + 投诉 良好 15 + 信息收集 差 0 = 45
        var service = Fixed(("优秀", 60), ("良好", 50), ("一般", 30), ("差", 0));
        var part = Fixed(("优秀", 20), ("良好", 15), ("一般", 8), ("差", 0));
        Assert.Equal(45m, Score(service, "一般") + Score(part, "良好") + Score(part, "差"));
    }

    [Fact]
    public void Grade_QR04_Office_DevelopmentOnItsOwnScale()
    {
        // 开发 良好 → 6 (10/6/2/0); six others: 优秀, 优秀, 一般, 一般, 一般, 差 → 5+5+1+1+1+0 = 13; total 19
        var dev = Fixed(("优秀", 10), ("良好", 6), ("一般", 2), ("差", 0));
        var other = Fixed(("优秀", 5), ("良好", 3), ("一般", 1), ("差", 0));
        var total = Score(dev, "良好") + new[] { "优秀", "优秀", "一般", "一般", "一般", "差" }.Sum(w => Score(other, w));
        Assert.Equal(19m, total);
    }

    // QR-05 on a 20-point item: 优 20; 良 16–18 (default 17 = midpoint 0.85); 中 14; 可 12; 差 0–10 (default 5).
    private static GradeRule FiveGrades20 => new([
        new("优", 20, 20, null, ["A"]), new("良", 16, 18, 17, ["B"]), new("中", 14, 14, null, []),
        new("可", 12, 12, null, []), new("差", 0, 10, 5, [])], MultipleGrades.Single);

    [Theory]
    [InlineData("优", "20")]
    [InlineData("A", "20")]            // alias
    [InlineData("Ａ", "20")]           // full-width alias letter
    [InlineData("良", "17")]           // word only → default midpoint 0.85 × 20
    [InlineData("良:16.4", "16.4")]    // chosen inside 16–18
    [InlineData("良：18", "18")]       // full-width colon
    [InlineData("良 16", "16")]        // space separator, lower end inclusive
    [InlineData("良（17.5）", "17.5")] // full-width parentheses
    [InlineData("中", "14")]
    [InlineData("可", "12")]
    [InlineData("差", "5")]            // default 0.25 × 20
    [InlineData("差:0", "0")]
    [InlineData("差:10", "10")]        // upper end inclusive
    [InlineData("优:20", "20")]        // a fixed grade may repeat its own value
    [InlineData(" 良 ", "17")]         // surrounding spaces
    public void Grade_QR05_RangesDefaultsAndChosenValues(string input, string expected) =>
        Assert.Equal(D(expected), Score(FiveGrades20, input));

    [Fact]
    public void Grade_QR05_ChosenValueAsObject() =>
        Assert.Equal(16.8m, Score(FiveGrades20, Obj(("grade", "良"), ("score", "16.8"))));

    [Theory]
    [InlineData("良:15.99", "16–18")]   // below the 良 range
    [InlineData("良:18.01", "16–18")]   // above the 良 range
    [InlineData("差:10.5", "0–10")]
    [InlineData("优:19", "固定为 20 分")]
    [InlineData("良好", "未知的等级“良好”")]
    [InlineData("良:八", "分值无法识别")]
    public void Grade_QR05_RejectsOutOfRangeAndUnknown(string input, string message) =>
        Assert.Contains(message, EvalErrors(FiveGrades20, input)[0].Message);

    // LV-04 灵活应变能力: ① 1, ②–③ 2–3, ④–⑤ 4–5 (ranges must be chosen: no default)
    private static GradeRule Circled => new([
        new("①", 1, 1, null, []), new("②", 2, 3, null, []), new("④", 4, 5, null, [])], MultipleGrades.Single);

    [Theory]
    [InlineData("①", "1")]
    [InlineData("②:3", "3")]
    [InlineData("④:4.5", "4.5")]
    [InlineData("④：5", "5")]
    public void Grade_LV04_CircledDigitWords(string input, string expected) =>
        // NFKC turns ④ into 4: the words must be compared in the same normal form (bug fixed: "④:5" was "未知的等级“4”")
        Assert.Equal(D(expected), Score(Circled, input));

    [Fact]
    public void Grade_LV04_RangeWithoutDefaultMustBeChosen() =>
        Assert.Contains("4–5", EvalErrors(Circled, "④")[0].Message);

    [Fact]
    public void Grade_LV04_Example_FreshLevels()
    {
        // 专业知识 ③ 3 + 分析判断 ④ chosen 4 + 沟通 ① 1 + 灵活应变 ② chosen 2 = 10
        var knowledge = new GradeRule([new("①", 1, 1, null, []), new("②", 2, 2, null, []), new("③", 3, 3, null, []), new("④", 4, 5, null, [])], MultipleGrades.Single);
        Assert.Equal(10m, Score(knowledge, "③") + Score(knowledge, "④:4") + Score(knowledge, "①") + Score(Circled, "②:2"));
    }

    private static GradeRule Awards(MultipleGrades m) => new([new("省级", 5, 5, null, []), new("市级", 3, 3, null, []), new("县级", 0, 0, null, [])], m);

    [Theory]
    [InlineData("省级、市级、省级", MultipleGrades.Sum, "13")]   // 5 + 3 + 5
    [InlineData("市级,县级", MultipleGrades.Sum, "3")]           // 3 + 0
    [InlineData("市级；县级；市级", MultipleGrades.Max, "3")]     // best of 3, 0, 3
    [InlineData("县级、省级", MultipleGrades.Max, "5")]
    public void Grade_QR07_SeveralCommendations(string input, MultipleGrades m, string expected) =>
        Assert.Equal(D(expected), Score(Awards(m), input));

    [Fact]
    public void Grade_QR07_NoneRecorded_IsZero_AndSingleRejectsTwoWords()
    {
        Assert.Equal(0m, Score(Awards(MultipleGrades.Sum), null));
        Assert.Equal(8m, Score(Awards(MultipleGrades.Sum), new[] { "市级", "省级" }));
        Assert.Contains("只能选一个等级", EvalErrors(Awards(MultipleGrades.Single), new[] { "市级", "省级" })[0].Message);
        Assert.Contains("缺少等级", EvalErrors(Awards(MultipleGrades.Single), null)[0].Message);
    }

    // ================================================================ rating (LV-01, LV-02)

    [Fact]
    public void Rating_LV01_FreshLevels()
    {
        // levels (2, 2, 4, 1) on 25-point items: 10 + 10 + 20 + 5 = 45
        var rule = new RatingRule(1, 5, true, RatingMapping.Proportional);
        Assert.Equal(45m, new[] { 2, 2, 4, 1 }.Sum(l => Score(rule, l, 25)));
    }

    [Theory]
    [InlineData(RatingMapping.Proportional, "72")]   // 30 + 70 × 3/5 = 30 + 42
    [InlineData(RatingMapping.Raw, "45")]            // 3 × 5 + 10 × 3
    [InlineData(RatingMapping.ZeroBased, "65")]      // 30 + 70 × (3−1)/4 = 30 + 35
    public void Rating_LV02_FiveOnKnowledgeThreeElsewhere(RatingMapping mapping, string expected)
    {
        decimal[] points = [10, 10, 10, 10, 10, 10, 10, 5, 5, 5, 5, 5, 5];
        var rule = new RatingRule(1, 5, true, mapping);
        Assert.Equal(D(expected), points.Select((p, i) => Score(rule, i < 3 ? 5 : 3, p)).Sum());
    }

    [Theory]
    [InlineData("3.5", false, "7")]      // 3.5 / 5 × 10
    [InlineData("4级", true, "8")]       // a "级" suffix is accepted: 4 / 5 × 10
    [InlineData("１", true, "2")]        // full-width digit: 1 / 5 × 10
    public void Rating_Values(string input, bool integer, string expected) =>
        Assert.Equal(D(expected), Score(new RatingRule(1, 5, integer, RatingMapping.Proportional), input, 10));

    [Theory]
    [InlineData("3.5")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    public void Rating_OutsideScaleOrNotWhole_Rejected(string input) =>
        Assert.Contains("1–5 的整数", EvalErrors(new RatingRule(1, 5, true, RatingMapping.Proportional), input, 10)[0].Message);

    [Fact]
    public void Rating_WithoutItemPoints_UsesTheScaleMax() =>
        // no points: p = max = 5; 4/5 × 5 = 4
        Assert.Equal(4m, Score(new RatingRule(1, 5, true, RatingMapping.Proportional), 4));

    // ================================================================ checklist (LV-05)

    [Theory]
    [InlineData(0, "0")]
    [InlineData(3, "3")]
    [InlineData(5, "5")]
    public void Checklist_Training_OnePointEach(int ticked, string expected) =>
        Assert.Equal(D(expected), Score(new ChecklistRule([], 5, 1), ticked));

    [Fact]
    public void Checklist_TwoElementsAt2_5_AndNames()
    {
        var rule = new ChecklistRule(["有效完成", "有创新"], 2, 5);
        Assert.Equal(5m, Score(rule, 1));                                     // 1 × 5
        Assert.Equal(10m, Score(rule, new[] { "有效完成", "有创新" }));      // 2 × 5
        Assert.Equal(5m, Score(rule, new[] { "有创新", "有创新" }));          // a name counts once
        Assert.Equal(5m, Score(rule, "1项"));
    }

    [Fact]
    public void Checklist_FullWidthElementNames_MatchInNormalForm()
    {
        // element written with full-width parentheses in the scheme; the clerk types half-width (or vice versa)
        var rule = new ChecklistRule(["活动主题（方案）", "组织有序"], 2, 2.5m);
        Assert.Equal(2.5m, Score(rule, new[] { "活动主题(方案)" }));
        Assert.Equal(5m, Score(rule, new[] { "活动主题（方案）", "组织有序" }));
    }

    [Fact]
    public void Checklist_TooManyUnknownOrNegative_Rejected()
    {
        var rule = new ChecklistRule(["活动主题", "组织有序", "完成", "有竞争对手"], 4, 2.5m);
        Assert.Contains("不能超过 4", EvalErrors(rule, 5)[0].Message);
        var unknown = EvalErrors(rule, new[] { "活动主题", "有奖品" })[0].Message;
        Assert.Contains("有奖品", unknown);
        Assert.Contains("组织有序", unknown);
        Assert.Contains("不能为负数", EvalErrors(rule, -1)[0].Message);
        Assert.Contains("整数", EvalErrors(rule, "2.5")[0].Message);
    }

    // ================================================================ manual

    [Fact]
    public void Manual_MeanOfDailyScores()
    {
        // (80 + 85 + 90.5) / 3 = 255.5 / 3 = 85.1666…
        var r = Eval(new ManualRule(0, 100, true, null), new[] { "80", "85", "90.5" });
        Assert.Equal(85.17m, R2(r.Score!.Value));
    }

    [Fact]
    public void Manual_MeanOfJoinedText_AndItemErrorsNameTheItem()
    {
        // "78、82.5" → (78 + 82.5)/2 = 80.25
        Assert.Equal(80.25m, Score(new ManualRule(0, 100, true, null), "78、82.5"));
        var e = EvalErrors(new ManualRule(0, 100, true, null), new[] { "80", "八十" })[0];
        Assert.Contains("第 2 个评分", e.Message);
        Assert.Contains("阿拉伯数字", e.Message);
        Assert.Equal("八十", e.Value);
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData("0", true)]
    [InlineData("10.01", false)]
    [InlineData("-0.01", false)]
    public void Manual_RangeIsInclusive(string v, bool ok)
    {
        var rule = new ManualRule(0, 10, false, null);
        if (ok) Assert.Equal(D(v), Score(rule, v));
        else Assert.Contains("0–10", EvalErrors(rule, v)[0].Message);
    }

    [Theory]
    [InlineData("-30", true)]
    [InlineData("1", true)]      // "1-100分之间": 1 itself allowed
    [InlineData("-1", true)]
    [InlineData("0", true)]      // 0 = no adjustment
    [InlineData("0.99", false)]
    [InlineData("-0.5", false)]
    [InlineData("100.5", false)]
    public void Manual_DD14_PlusMinus1To100(string v, bool ok)
    {
        var rule = new ManualRule(-100, 100, false, When("(-1,1)"));
        if (ok) Assert.Equal(D(v), Score(rule, v));
        else Assert.NotEmpty(EvalErrors(rule, v));
    }

    // ================================================================ veto

    [Theory]
    [InlineData("是", RuleFlag.Veto)]
    [InlineData("√", RuleFlag.Veto)]
    [InlineData("否", RuleFlag.Scored)]
    [InlineData("无", RuleFlag.Scored)]
    public void Veto_YesNo(string input, RuleFlag flag) => Assert.Equal(flag, Eval(new VetoRule(), input).Flag);

    [Fact]
    public void Veto_GarbageRejected() => Assert.Contains("是/否", EvalErrors(new VetoRule(), "也许")[0].Message);

    // ================================================================ baseline (BL)

    // BL-01, H = 2.4% (historical lowest churn), lower is better
    [Theory]
    [InlineData("0.9%", StepRounding.Floor, DifferenceMode.Points, "16")]      // 1.5 pp better → 1 step → 16
    [InlineData("0.9%", StepRounding.Ceiling, DifferenceMode.Points, "17")]    // ceil 1.5 = 2
    [InlineData("0.9%", StepRounding.ProRata, DifferenceMode.Points, "16.5")]
    [InlineData("0.9%", StepRounding.Floor, DifferenceMode.Relative, "20")]    // 1.5/2.4 = 62.5% → 15 + 62 → cap 20
    [InlineData("4.45%", StepRounding.Floor, DifferenceMode.Points, "13")]     // 2.05 pp worse → 2 steps
    [InlineData("4.45%", StepRounding.Ceiling, DifferenceMode.Points, "12")]   // 3 steps
    [InlineData("4.45%", StepRounding.ProRata, DifferenceMode.Points, "12.95")]
    [InlineData("4.45%", StepRounding.Floor, DifferenceMode.Relative, "0")]    // 85.4% worse → floor 0
    [InlineData("3.4%", StepRounding.Floor, DifferenceMode.Points, "14")]      // exactly 1 pp: every rounding agrees
    [InlineData("3.4%", StepRounding.Ceiling, DifferenceMode.Points, "14")]
    [InlineData("3.4%", StepRounding.ProRata, DifferenceMode.Points, "14")]
    [InlineData("2.4%", StepRounding.Ceiling, DifferenceMode.Points, "15")]    // equal → base
    [InlineData("2.39%", StepRounding.Floor, DifferenceMode.Points, "15")]     // 0.01 pp better: no complete step
    [InlineData("2.39%", StepRounding.Ceiling, DifferenceMode.Points, "16")]   // a started step counts
    [InlineData("2.39%", StepRounding.ProRata, DifferenceMode.Points, "15.01")]
    [InlineData("0%", StepRounding.ProRata, DifferenceMode.Points, "17.4")]    // 2.4 pp better
    [InlineData("2.376%", StepRounding.Floor, DifferenceMode.Relative, "16")]  // (2.4 − 2.376)/2.4 = 1% exactly → 1 step
    [InlineData("2.3761%", StepRounding.Floor, DifferenceMode.Relative, "15")] // 0.99583% → no complete step
    [InlineData("2.3761%", StepRounding.Ceiling, DifferenceMode.Relative, "16")]
    [InlineData("22%", StepRounding.Floor, DifferenceMode.Points, "0")]        // 19.6 pp worse → floored at 0
    public void Baseline_BL01_Churn(string churn, StepRounding rounding, DifferenceMode mode, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.LowerIsBetter, rounding, mode, BaselineSource.HistoricalMin), Obj(("value", churn), ("baseline", "2.4%"))));

    [Fact]
    public void Baseline_BL01_ZeroHistoricalLowest_NoBonusPossible()
    {
        // H = 0%: c = 0.5% → 0.5 pp worse, no complete step → 15; c = 1.5% → 1 step → 14; c = 0% → 15 (no bonus possible)
        var rule = Baseline(Direction.LowerIsBetter);
        Assert.Equal(15m, Score(rule, Obj(("value", "0.5%"), ("baseline", "0%"))));
        Assert.Equal(14m, Score(rule, Obj(("value", "1.5%"), ("baseline", "0%"))));
        Assert.Equal(15m, Score(rule, Obj(("value", "0%"), ("baseline", "0%"))));
        // relative against a 0 baseline: worse by an unbounded relative amount → the floor 0; equal → 15
        var relative = Baseline(Direction.LowerIsBetter, mode: DifferenceMode.Relative);
        Assert.Equal(0m, Score(relative, Obj(("value", "0.5%"), ("baseline", "0%"))));
        Assert.Equal(15m, Score(relative, Obj(("value", "0%"), ("baseline", "0%"))));
    }

    // BL-03, B = 96.3% (historical best satisfaction), higher is better
    [Theory]
    [InlineData("98.3%", StepRounding.Floor, DifferenceMode.Points, "17")]     // +2 pp
    [InlineData("100%", StepRounding.Floor, DifferenceMode.Points, "18")]      // +3.7 pp → 3 steps
    [InlineData("100%", StepRounding.Ceiling, DifferenceMode.Points, "19")]
    [InlineData("100%", StepRounding.ProRata, DifferenceMode.Points, "18.7")]
    [InlineData("90.1%", StepRounding.Floor, DifferenceMode.Points, "9")]      // −6.2 pp → 6 steps
    [InlineData("90.1%", StepRounding.Ceiling, DifferenceMode.Points, "8")]
    [InlineData("90.1%", StepRounding.ProRata, DifferenceMode.Points, "8.8")]
    [InlineData("90.1%", StepRounding.Floor, DifferenceMode.Relative, "9")]    // 6.2/96.3 = 6.438% → 6 steps
    [InlineData("90.1%", StepRounding.Ceiling, DifferenceMode.Relative, "8")]  // → 7 steps
    [InlineData("96.3%", StepRounding.Floor, DifferenceMode.Relative, "15")]
    public void Baseline_BL03_Satisfaction(string s, StepRounding rounding, DifferenceMode mode, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, rounding, mode, BaselineSource.HistoricalMax), Obj(("value", s), ("baseline", "96.3%"))));

    // BL-02 reading A: the baseline is last month's growth rate L (may be negative)
    [Theory]
    [InlineData("2.0%", "-1.5%", StepRounding.Floor, DifferenceMode.Points, "18")]     // d = +3.5
    [InlineData("2.0%", "-1.5%", StepRounding.ProRata, DifferenceMode.Points, "18.5")]
    [InlineData("2.0%", "-1.5%", StepRounding.Ceiling, DifferenceMode.Points, "19")]
    [InlineData("-4.0%", "-1.5%", StepRounding.Floor, DifferenceMode.Points, "13")]    // d = −2.5
    [InlineData("-4.0%", "-1.5%", StepRounding.Ceiling, DifferenceMode.Points, "12")]
    [InlineData("-4.0%", "-1.5%", StepRounding.ProRata, DifferenceMode.Points, "12.5")]
    [InlineData("-4.0%", "-1.5%", StepRounding.Floor, DifferenceMode.Relative, "0")]   // 2.5/1.5 = 166.7% worse
    [InlineData("2.0%", "-1.5%", StepRounding.Floor, DifferenceMode.Relative, "20")]   // 3.5/1.5 = 233% better
    [InlineData("-1.2%", "-1.5%", StepRounding.Floor, DifferenceMode.Relative, "20")]  // 0.3/1.5 = 20% better → 35 → cap
    [InlineData("-1.485%", "-1.5%", StepRounding.Floor, DifferenceMode.Relative, "16")] // 0.015/1.5 = 1% exactly
    public void Baseline_BL02_ReadingA_PreviousPeriod(string g, string last, StepRounding rounding, DifferenceMode mode, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, rounding, mode, BaselineSource.PreviousPeriod), Obj(("value", g), ("baseline", last))));

    // BL-02 reading B: constant 0 baseline (zero growth earns 15)
    [Theory]
    [InlineData("3.5%", "18")]
    [InlineData("-4%", "11")]
    [InlineData("7.9%", "20")]     // 22 → cap 20
    [InlineData("-15.2%", "0")]    // 15 − 15 = 0
    [InlineData("-16%", "0")]      // −1 → floor 0
    [InlineData("0", "15")]        // text "0" = 0%
    [InlineData("0.035", "18")]    // text fraction 0.035 = 3.5%
    public void Baseline_BL02_ReadingB_ConstantZero(string g, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, source: BaselineSource.Constant, constant: 0), g));

    [Fact]
    public void Baseline_BL02_ReadingB_Relative_ZeroBaselineGoesToTheLimits()
    {
        var rule = Baseline(Direction.HigherIsBetter, mode: DifferenceMode.Relative, source: BaselineSource.Constant, constant: 0);
        Assert.Equal(20m, Score(rule, "0.5%"));
        Assert.Equal(0m, Score(rule, "-0.5%"));
        Assert.Equal(15m, Score(rule, "0%"));
    }

    [Fact]
    public void Baseline_CapAndFloorOptional()
    {
        // no cap: 7.9 pp above 0 → 15 + 7 = 22; no floor: 16 pp below → 15 − 16 = −1
        Assert.Equal(22m, Score(Baseline(Direction.HigherIsBetter, cap: null, source: BaselineSource.Constant, constant: 0), "7.9%"));
        Assert.Equal(-1m, Score(Baseline(Direction.HigherIsBetter, floor: null, source: BaselineSource.Constant, constant: 0), "-16%"));
    }

    // BL-04: base B0, +0.5 per complete pp, no deduction, cap 20
    [Theory]
    [InlineData("91.9%", "85%", 0, StepRounding.Floor, "3")]       // d = 6.9 → 6 steps × 0.5
    [InlineData("91.9%", "85%", 0, StepRounding.Ceiling, "3.5")]   // 7 steps
    [InlineData("91.9%", "85%", 0, StepRounding.ProRata, "3.45")]  // 6.9 × 0.5
    [InlineData("90%", "40%", 0, StepRounding.Floor, "20")]        // 50 × 0.5 = 25 → cap 20
    [InlineData("60%", "90%", 0, StepRounding.Floor, "0")]         // negative growth: no deduction
    [InlineData("60%", "90%", 15, StepRounding.Floor, "15")]
    [InlineData("95.5%", "85%", 15, StepRounding.Floor, "20")]     // 15 + 5 = 20 exactly
    [InlineData("97%", "85%", 15, StepRounding.Floor, "20")]       // 15 + 6 → cap 20
    public void Baseline_BL04_ImprovementOnly(string now, string prior, int b0, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, rounding, @base: b0, up: 0.5m, down: 0, source: BaselineSource.PreviousPeriod), Obj(("value", now), ("baseline", prior))));

    [Theory]
    [InlineData("92.8%", StepRounding.Floor, "2.9")]    // (93 − 92.8)/0.2 = 1 exactly in decimal
    [InlineData("92.6%", StepRounding.Floor, "2.8")]    // 2 steps
    [InlineData("92.2%", StepRounding.Floor, "2.6")]    // 4 steps
    [InlineData("92.1%", StepRounding.Floor, "2.6")]    // 4.5 → 4
    [InlineData("92.1%", StepRounding.Ceiling, "2.5")]  // 4.5 → 5
    [InlineData("92.1%", StepRounding.ProRata, "2.55")]
    [InlineData("93.4%", StepRounding.Floor, "3.2")]    // 0.4/0.2 = 2 steps up
    public void Baseline_StepOf0_2Percent_IsDecimalExact(string v, StepRounding rounding, string expected)
    {
        var rule = Baseline(Direction.HigherIsBetter, rounding, @base: 3, up: 0.1m, down: 0.1m, cap: null, source: BaselineSource.Constant, constant: 93) with { Step = 0.2m };
        Assert.Equal(D(expected), Score(rule, v));
    }

    [Theory]
    [InlineData(NoDataPolicy.Base, "15")]
    [InlineData(NoDataPolicy.Full, "20")]   // full = the cap (20)
    [InlineData(NoDataPolicy.Zero, "0")]
    public void Baseline_G6_NoData(NoDataPolicy policy, string expected) =>
        Assert.Equal(D(expected), Score(Baseline(Direction.HigherIsBetter, noData: policy), Obj(("value", "无数据"), ("baseline", "96%"))));

    [Fact]
    public void Baseline_G6_NoData_ExcludeAndError()
    {
        var excluded = Eval(Baseline(Direction.HigherIsBetter, noData: NoDataPolicy.Exclude), Obj(("value", "N/A"), ("baseline", "96%")));
        Assert.Equal(RuleFlag.Excluded, excluded.Flag);
        Assert.Null(excluded.Score);
        Assert.Contains("无数据", EvalErrors(Baseline(Direction.HigherIsBetter, noData: NoDataPolicy.Error), Obj(("value", "无数据"), ("baseline", "96%")))[0].Message);
    }

    [Theory]
    [InlineData("无历史")]
    [InlineData("无数据")]
    [InlineData("n/a")]
    public void Baseline_G7_NoHistory_ScoresTheBase(string noHistory)
    {
        // no prior period: baseline = current value → 15, whatever the value
        Assert.Equal(15m, Score(Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMin), Obj(("value", "9.7%"), ("baseline", noHistory))));
        Assert.Equal(15m, Score(Baseline(Direction.HigherIsBetter, source: BaselineSource.HistoricalMax), Obj(("value", "61%"), ("baseline", noHistory))));
    }

    [Fact]
    public void Baseline_JsonNumbersAreFractions() =>
        // 0.009 → 0.9%, 0.024 → 2.4%: 1.5 pp better → 16
        Assert.Equal(16m, Score(Baseline(Direction.LowerIsBetter), Obj(("value", 0.009m), ("baseline", 0.024m))));

    [Fact]
    public void Baseline_MissingBaseline_IsAnErrorNamingTheField() =>
        Assert.Contains("基数", EvalErrors(Baseline(Direction.LowerIsBetter), "2%")[0].Message);

    // ================================================================ bands (TB and piecewise LN)

    [Theory]
    [InlineData("100%", "3")]
    [InlineData("80%", "3")]       // 80%(含)以上
    [InlineData("79.99%", "2.5")]
    [InlineData("60%", "2.5")]     // 60%(含)
    [InlineData("59.99%", "1.5")]
    [InlineData("40%", "1.5")]
    [InlineData("39.99%", "1")]
    [InlineData("10%", "1")]
    [InlineData("9.99%", "0")]
    [InlineData("0%", "0")]
    [InlineData("0.8", "3")]       // text fraction
    public void Bands_TB03_RegularPremium(string a, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=80", 3), B("[60,80)", 2.5m), B("[40,60)", 1.5m), B("[10,40)", 1), B("<10", 0)), a));

    [Theory]
    [InlineData("79.999%", "0.8")]
    [InlineData("10%", "0.2")]
    [InlineData("0.1%", "0")]
    [InlineData("150%", "1")]
    public void Bands_TB04_SinglePremium(string a, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=80", 1), B("[60,80)", 0.8m), B("[40,60)", 0.5m), B("[10,40)", 0.2m), B("<10", 0)), a));

    [Theory]
    [InlineData("90%", 0, "20")]
    [InlineData("89.99%", 0, "10")]
    [InlineData("85%", 0, "10")]
    [InlineData("84.99%", 0, "0")]    // the gap [80, 85): default 0
    [InlineData("84.99%", 5, "5")]    // alternative: interpolated 5
    [InlineData("80%", 10, "10")]     // alternative: 10
    [InlineData("79.99%", 10, "0")]   // below 80 is a real band, not the gap
    public void Bands_TB01_GapIsAParameter(string r, int gap, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0)) with { Gap = gap }, r));

    [Theory]
    [InlineData("90.01%", 0, "10")]
    [InlineData("90%", 0, "0")]     // 高于 90% is strict; 90 itself is unspecified → gap 0
    [InlineData("90%", 10, "10")]   // alternative reading
    [InlineData("89.99%", 10, "0")]
    public void Bands_TB07_StrictAbove90(string r, int gap, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">90", 10), B("<90", 0)) with { Gap = gap }, r));

    [Theory]
    [InlineData("90", "10")]    // 90分以上 / 90分以下 both claim 90: the favourable band is listed first
    [InlineData("89.5", "5")]
    [InlineData("100", "10")]
    public void Bands_TB08_DoubleClaimedBoundaryGoesToFavourableBand(string test, string expected)
    {
        var rule = new BandRule([B(">=90", 10), B("<=90", 5)], ValueUnit.Points, BandMeasure.Value, 0, NoDataPolicy.Full, "测试成绩");
        Assert.Equal(D(expected), Score(rule, test));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(1, "0.5")]
    [InlineData(2, "0")]
    [InlineData(5, "0")]
    public void Bands_TB06_CancellationsByCount(int n, string expected) =>
        Assert.Equal(D(expected), Score(new BandRule([B("=0", 1), B("=1", 0.5m), B(">=2", 0)], ValueUnit.Count, BandMeasure.Value, 0, NoDataPolicy.Full, "契撤件数"), n));

    private static BandRule ErrorRate => new([B("=0", 10), B("(0,3]", 5), B(">3", 0)], ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "错漏率");

    [Theory]
    [InlineData(0, 150, "10")]
    [InlineData(1, 34, "5")]      // 2.94%
    [InlineData(1, 33, "0")]      // 3.03% > 3%
    [InlineData(3, 100, "5")]     // 3% exactly: 以内 includes 3
    [InlineData(9, 300, "5")]     // 3% exactly from a non-100 denominator
    [InlineData(10, 333, "0")]    // 3.003%
    public void Bands_TB02_ErrorRateFromCounts(int errors, int records, string expected) =>
        Assert.Equal(D(expected), Score(ErrorRate, Obj(("value", errors), ("target", records))));

    [Fact]
    public void Bands_TB02_NoRecordsChecked_IsNoData_FullPoints()
    {
        // 0 / 0 → 无数据 → G6 full points of the 10-point item
        Assert.Equal(10m, Score(ErrorRate, Obj(("value", 0), ("target", 0)), 10));
        // without item points, "full" is the best band (10)
        Assert.Equal(10m, Score(ErrorRate, Obj(("value", 0), ("target", 0))));
        Assert.Equal(0m, Score(ErrorRate with { NoData = NoDataPolicy.Zero }, Obj(("value", 0), ("target", 0)), 10));
    }

    [Theory]
    [InlineData("195000", "200000", "2.5")]    // 97.5% exactly (及以上)
    [InlineData("194999", "200000", "0")]      // 97.4995%
    [InlineData("19.5万", "20万", "2.5")]
    public void Bands_TB09_GroupProductRecoveryFromAmounts(string paid, string billed, string expected)
    {
        var rule = new BandRule([B(">=97.5", 2.5m), B("<97.5", 0)], ValueUnit.Money, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "集團產品回收率");
        Assert.Equal(D(expected), Score(rule, Obj(("value", paid), ("target", billed))));
    }

    [Theory]
    [InlineData("93%", "97.5%", "5")]
    [InlineData("92.99%", "97.5%", "2.5")]
    [InlineData("93%", "97.49%", "2.5")]
    [InlineData("50%", "50%", "0")]
    public void Bands_TB09_TwoHalves(string diamond, string group, string expected)
    {
        CompositeRule rule = new([
            new("钻金卡回收率", 2.5m, Bands(B(">=93", 2.5m), B("<93", 0))),
            new("集团产品回收率", 2.5m, Bands(B(">=97.5", 2.5m), B("<97.5", 0)))], null, null);
        Assert.Equal(D(expected), Score(rule, Obj(("钻金卡回收率", diamond), ("集团产品回收率", group))));
    }

    private static BandRule GroupSatisfactionR => Bands(B(">=81", 3), new Band(When("[78,81)"), new LinearOutcome(0, 3), null), B("<70", -1));

    [Theory]
    [InlineData("81%", "3")]
    [InlineData("80.99%", "2.99")]   // 3 × 2.99/3
    [InlineData("79.2%", "1.2")]     // 3 × 1.2/3
    [InlineData("78%", "0")]         // R: 0 at the lower end
    [InlineData("77.99%", "0")]      // gap [70, 78) → 0
    [InlineData("70%", "0")]
    [InlineData("69.99%", "-1")]     // 低於70% 扣1分
    [InlineData("0%", "-1")]
    public void Bands_LN08_RescaledTwoSided(string s, string expected) =>
        Assert.Equal(D(expected), Score(GroupSatisfactionR, s));

    [Theory]
    [InlineData("87.5%", "0.5")]    // 2 × 2.5/10
    [InlineData("94.99%", "1.998")] // 2 × 9.99/10
    [InlineData("95%", "2")]
    [InlineData("85%", "0")]
    [InlineData("75%", "0")]        // gap [75, 85)
    [InlineData("74.99%", "-1")]
    public void Bands_LN09_Rescaled(string r, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=95", 2), new Band(When("[85,95)"), new LinearOutcome(0, 2), null), B("<75", -1)), r));

    [Theory]
    [InlineData("78%", "2.89")]     // P: 3 × 78/81 = 2.888…
    [InlineData("80%", "2.96")]     // 3 × 80/81 = 2.962…
    public void Bands_LN08_ProportionalReading(string s, string expected)
    {
        var rule = Bands(B(">=81", 3), new Band(When("[78,81)"), new ProportionalOutcome(3, 81), null), B("<70", -1));
        Assert.Equal(D(expected), R2(Score(rule, s)));
    }

    [Theory]
    [InlineData(12, 21, "2.86")]   // 57.142857% × 5 / 100
    [InlineData(9, 21, "2.14")]    // 42.857%
    [InlineData(6, 15, "2")]       // 40% exactly: in band
    [InlineData(8, 21, "0")]       // 38.1% < 40%
    [InlineData(21, 21, "5")]
    [InlineData(30, 21, "5")]
    public void Bands_LN04_ProportionalBandOnCompletion(int done, int target, string expected)
    {
        var rule = new BandRule([B(">=100", 5), new Band(When("[40,100)"), new ProportionalOutcome(5, 100), null), B("<40", 0)],
            ValueUnit.Count, BandMeasure.RatioToTarget, 0, NoDataPolicy.Full, "存量合约");
        Assert.Equal(D(expected), R2(Score(rule, Obj(("value", done), ("target", target)))));
    }

    private static BandRule Efficiency => new([
        B(">=80", 10), B("[60,80)", 9),
        new Band(When("[50,60)"), new ChoiceOutcome(6, 8), null),
        new Band(When("<50"), new ChoiceOutcome(1, 5), null)], ValueUnit.Percent, BandMeasure.Value, 0, NoDataPolicy.Full, "销售计划完成率");

    [Theory]
    [InlineData("80%", null, "10")]
    [InlineData("79.99%", null, "9")]
    [InlineData("60%", null, "9")]
    [InlineData("55%", "7.5", "7.5")]
    [InlineData("50%", "6", "6")]
    [InlineData("59.99%", "8", "8")]
    [InlineData("49.99%", "5", "5")]
    [InlineData("0%", "1", "1")]
    public void Bands_LV03_WorkEfficiency_ChoiceBands(string r, string? chosen, string expected)
    {
        object input = chosen is null ? r : Obj(("value", r), ("score", chosen));
        Assert.Equal(D(expected), Score(Efficiency, input));
    }

    [Theory]
    [InlineData("55%", "8.5", "6–8")]
    [InlineData("55%", "5.9", "6–8")]
    [InlineData("45%", "6", "1–5")]
    [InlineData("45%", "0", "1–5")]
    public void Bands_LV03_ChosenValueOutsideItsBand_Rejected(string r, string chosen, string range) =>
        Assert.Contains(range, EvalErrors(Efficiency, Obj(("value", r), ("score", chosen)))[0].Message);

    [Fact]
    public void Bands_LV03_PlanExecution_60IsTheFavourableBand()
    {
        // G1 default: 60% is claimed by "60-69%" and "不超过60%"; listing [60,70) first gives it the 6–8 band
        var rule = new BandRule([B(">=80", 10), B("[70,80)", 9), new Band(When("[60,70)"), new ChoiceOutcome(6, 8), null), new Band(When("<=60"), new ChoiceOutcome(1, 5), null)],
            ValueUnit.Percent, BandMeasure.Value, 0, NoDataPolicy.Full, "计划完成率");
        Assert.Equal(6m, Score(rule, Obj(("value", "60%"), ("score", "6"))));
        Assert.Contains("6–8", EvalErrors(rule, Obj(("value", "60%"), ("score", "5")))[0].Message);
        Assert.Contains("6–8", EvalErrors(rule, "65%")[0].Message);   // a choice band needs the rater's value
    }

    private static BandRule OrphanSales => new([B(">=0", 5), B("<0", 0)], ValueUnit.Money, BandMeasure.DifferenceFromBaseline, 0, NoDataPolicy.Full, "孤儿客户销售额");

    [Theory]
    [InlineData("100万", "100万", "5")]       // 不低于去年同期
    [InlineData("99.99万", "100万", "0")]     // 100 元 lower
    [InlineData("1,000,001", "100万", "5")]
    [InlineData("100万", "无历史", "5")]       // G7: no same period last year → baseline = current → difference 0
    public void Bands_BL06_DifferenceFromLastYear(string now, string lastYear, string expected) =>
        Assert.Equal(D(expected), Score(OrphanSales, Obj(("value", now), ("baseline", lastYear))));

    [Theory]
    [InlineData(NoDataPolicy.Full, "20")]    // no item points → the best band
    [InlineData(NoDataPolicy.Zero, "0")]
    public void Bands_NoDataPolicies(NoDataPolicy policy, string expected) =>
        Assert.Equal(D(expected), Score(Bands(B(">=90", 20), B("[85,90)", 10), B("<80", 0)) with { NoData = policy }, "无数据"));

    // ================================================================ linear (LN)

    private static LinearRule GroupBuilding(LinearMode mode = LinearMode.Proportional, bool capped = true) =>
        Linear(15, 0.8m, mode, capped, fallback: new("当月组建数", 15, 10));

    [Theory]
    [InlineData(40, LinearMode.Proportional, "12")]     // a = 0.8 exactly: 15 × 0.8
    [InlineData(40, LinearMode.Rescaled, "0")]          // R: 0 at the threshold
    [InlineData(45, LinearMode.Proportional, "13.5")]   // 15 × 0.9
    [InlineData(45, LinearMode.Rescaled, "7.5")]        // 15 × 0.1/0.2
    [InlineData(49, LinearMode.Proportional, "14.7")]
    [InlineData(49, LinearMode.Rescaled, "13.5")]       // 15 × 0.18/0.2
    [InlineData(50, LinearMode.Rescaled, "15")]
    [InlineData(60, LinearMode.Proportional, "15")]     // capped at W
    public void Linear_LN02_GroupBuilding_T50(int built, LinearMode mode, string expected) =>
        Assert.Equal(D(expected), Score(GroupBuilding(mode), Obj(("value", built), ("target", 50), ("当月组建数", 0))));

    [Theory]
    [InlineData(15, "10")]   // below 80% but 15 built this month (以上, inclusive)
    [InlineData(16, "10")]
    [InlineData(14, "0")]
    public void Linear_LN02_FallbackBelowThreshold(int thisMonth, string expected) =>
        // 39/50 = 78% < 80%
        Assert.Equal(D(expected), Score(GroupBuilding(), Obj(("value", 39), ("target", 50), ("当月组建数", thisMonth))));

    [Fact]
    public void Linear_LN02_UncappedAndFallbackInputRequired()
    {
        Assert.Equal(18m, Score(GroupBuilding(capped: false), Obj(("value", 60), ("target", 50), ("当月组建数", 0))));   // 15 × 1.2
        Assert.Contains("当月组建数", EvalErrors(GroupBuilding(), Obj(("value", 39), ("target", 50)))[0].Message);
    }

    [Theory]
    [InlineData(14, LinearMode.Proportional, "4.67")]   // 5 × 14/15 = 4.666…
    [InlineData(14, LinearMode.Rescaled, "4.44")]       // 5 × (0.9333 − 0.4)/0.6 = 4.444…
    [InlineData(6, LinearMode.Proportional, "2")]       // 40% exactly: in band (低于40%不得分)
    [InlineData(6, LinearMode.Rescaled, "0")]
    [InlineData(5, LinearMode.Proportional, "0")]       // 33.3%
    public void Linear_LN04_StockContracts_T15(int count, LinearMode mode, string expected) =>
        Assert.Equal(D(expected), R2(Score(Linear(5, 0.4m, mode), Obj(("value", count), ("target", 15)))));

    [Fact]
    public void Linear_LN04_DecimalBoundary() =>
        // 8.4 / 21 = 0.4 exactly → in band: 5 × 0.4 = 2
        Assert.Equal(2m, Score(Linear(5, 0.4m), Obj(("value", "8.4"), ("target", 21))));

    [Theory]
    [InlineData(120, true, "2.4")]    // 5 × 120/250
    [InlineData(0, true, "0")]
    [InlineData(-7, true, "0")]       // negative net adds → 0
    [InlineData(300, true, "5")]
    [InlineData(300, false, "6")]     // uncapped 5 × 1.2
    public void Linear_LN05_WorkPhones_T250(int net, bool capped, string expected) =>
        Assert.Equal(D(expected), Score(Linear(5, 0, capped: capped), Obj(("value", net), ("target", 250))));

    [Theory]
    [InlineData("5", "20")]     // 10 + 5 × (5 − 3)
    [InlineData("3", "10")]
    [InlineData("2", "6.67")]   // 10 × 2/3
    [InlineData("0", "0")]
    [InlineData("3.5", "12.5")] // pro-rata prepayment families: 10 + 5 × 0.5
    public void Linear_LN01_ExtraFamilies_T3(string families, string expected) =>
        Assert.Equal(D(expected), R2(Score(Linear(10, 0, extra: 5), Obj(("value", families), ("target", 3)))));

    [Theory]
    [InlineData(20000, "368")]    // M = 0.8 → 460 × 0.8
    [InlineData(19999, "0")]      // < 80% → no bonus
    [InlineData(23000, "423.2")]  // 460 × 0.92
    [InlineData(30000, "460")]    // capped
    public void Linear_LN10_AssistantSalesBonus_T25000(int actual, string expected) =>
        Assert.Equal(D(expected), Score(Linear(460, 0.8m), Obj(("value", actual), ("target", 25000))));

    [Theory]
    [InlineData(-3, "-5")]   // a negative achievement is below the threshold: −5, not 0 (bug fixed)
    [InlineData(0, "-5")]
    [InlineData(8, "-5")]    // 38% < 40%
    [InlineData(9, "2.14")]  // 5 × 9/21
    public void Linear_BelowThresholdPenalty_IsMonotonic(int done, string expected) =>
        Assert.Equal(D(expected), R2(Score(Linear(5, 0.4m, below: -5), Obj(("value", done), ("target", 21)))));

    [Theory]
    [InlineData(NoDataPolicy.Full, "5")]
    [InlineData(NoDataPolicy.Zero, "0")]
    public void Linear_ZeroOrNegativeTarget_IsNoData(NoDataPolicy policy, string expected)
    {
        var rule = Linear(5, 0.4m) with { NoData = policy };
        Assert.Equal(D(expected), Score(rule, Obj(("value", 3), ("target", 0))));
        Assert.Equal(D(expected), Score(rule, Obj(("value", 3), ("target", -2))));
    }

    [Theory]
    [InlineData("96%", "76.8")]   // LN-12: 80 × 0.96
    [InlineData("110%", "80")]
    [InlineData("0.5", "40")]     // a fraction: 50%
    [InlineData("１００％", "80")]
    public void Linear_LN12_ConstantTargetOnAPercent(string rate, string expected) =>
        Assert.Equal(D(expected), Score(Linear(80, 0, target: 100) with { Unit = ValueUnit.Percent }, rate));

    // ================================================================ per_unit (UB)

    private static UnitRule FullService(decimal? floor = 0) =>
        new([new UnitCounter("综合接入", 3), new UnitCounter("商企", 1.5m)], 0, null, floor, true, ValueUnit.Count);

    [Theory]
    [InlineData(-1, 3, "1.5")]     // −3 + 4.5
    [InlineData(-2, 1, "0")]       // −6 + 1.5 = −4.5 → floor 0
    [InlineData(4, 0, "12")]
    [InlineData(7, 5, "28.5")]     // 21 + 7.5, uncapped
    public void PerUnit_UB05_NetAddsWithFloor(int access, int business, string expected) =>
        Assert.Equal(D(expected), Score(FullService(), Obj(("综合接入", access), ("商企", business))));

    [Fact]
    public void PerUnit_NoFloor_GoesNegative_AndMissingCounterIsZero()
    {
        Assert.Equal(-4.5m, Score(FullService(null), Obj(("综合接入", -2), ("商企", 1))));
        Assert.Equal(6m, Score(FullService(), Obj(("综合接入", 2))));
    }

    [Theory]
    [InlineData(2, 10, 4, "8")]
    [InlineData(2, 10, 5, "10")]
    [InlineData(2, 10, 6, "10")]   // capped at the weight
    [InlineData(5, 20, 3, "15")]
    [InlineData(5, 20, 5, "20")]
    public void PerUnit_UB09_CappedAtWeight(int per, int cap, int n, string expected) =>
        Assert.Equal(D(expected), Score(new UnitRule([new UnitCounter("份数", per)], 0, cap, 0, false, ValueUnit.Count), n));

    [Fact]
    public void PerUnit_UB01_Uncapped_And_UB10_Money()
    {
        Assert.Equal(35m, Score(new UnitRule([new UnitCounter("新客户", 5)], 0, null, 0, false, ValueUnit.Count), "7家"));
        Assert.Equal(60m, Score(new UnitRule([new UnitCounter("课程", 20)], 0, null, 0, false, ValueUnit.Count), 3));
    }

    [Theory]
    [InlineData(0, 2, "-10")]    // two idle 2-week runs
    [InlineData(3, 1, "10")]     // 15 − 5
    public void PerUnit_UB06_BonusAndPenalty_NoFloor(int groups, int idle, string expected) =>
        Assert.Equal(D(expected), Score(new UnitRule([new UnitCounter("回流成功集团", 5), new UnitCounter("连续两周无进度", -5)], 0, null, null, false, ValueUnit.Count),
            Obj(("回流成功集团", groups), ("连续两周无进度", idle))));

    [Fact]
    public void PerUnit_FullWidthCounterNames_MatchInNormalForm()
    {
        // counter written with full-width parentheses in the scheme, typed half-width by the clerk: 3 × 2 + 1.5 × 1
        var rule = new UnitRule([new UnitCounter("综合接入（含G9）", 3), new UnitCounter("商企", 1.5m)], 0, null, 0, true, ValueUnit.Count);
        Assert.Equal(7.5m, Score(rule, Obj(("综合接入(含G9)", 2), ("商企", 1))));
        Assert.Contains("商企业", EvalErrors(rule, Obj(("商企业", 1)))[0].Message);
    }

    [Fact]
    public void PerUnit_WithBase() =>
        // base 10 + 2 × 3 = 16
        Assert.Equal(16m, Score(new UnitRule([new UnitCounter("次数", 2)], 10, null, 0, false, ValueUnit.Count), 3));

    [Fact]
    public void PerUnit_Rejections()
    {
        var rule = new UnitRule([new UnitCounter("净增", 3)], 0, null, 0, false, ValueUnit.Count);
        Assert.Contains("不能为负数", EvalErrors(rule, -1)[0].Message);
        Assert.Contains("整数", EvalErrors(rule, "2.5")[0].Message);
    }

    // ================================================================ deduction (DD)

    private static DeductionRule Discipline => Deduction(10, 0, Per("上班聊天玩游戏", 2), Per("因私离岗", 3), Per("卫生不合格", 3));

    [Theory]
    [InlineData(1, 1, 0, "5")]     // 10 − 2 − 3
    [InlineData(2, 1, 1, "0")]     // 10 − 4 − 3 − 3 = 0 exactly
    [InlineData(3, 2, 0, "0")]     // 10 − 6 − 6 = −2 → floor 0
    [InlineData(0, 0, 0, "10")]
    public void Deduction_DD01_Discipline(int chat, int away, int hygiene, string expected) =>
        Assert.Equal(D(expected), Score(Discipline, Obj(("上班聊天玩游戏", chat), ("因私离岗", away), ("卫生不合格", hygiene))));

    [Fact]
    public void Deduction_NothingEntered_IsFullItem() => Assert.Equal(10m, Score(Discipline, null));

    private static DeductionRule Attendance => Deduction(10, 0,
        Per("请假迟到早退", 1), Per("旷工", 5), Per("请假未经批准", 2), AtLeast("请假3天（含3天）以上", 10));

    [Fact]
    public void Deduction_DD02_Attendance()
    {
        Assert.Equal(3m, Score(Attendance, Obj(("旷工", 1), ("请假迟到早退", 2))));                   // 10 − 5 − 2
        Assert.Equal(0m, Score(Attendance, Obj(("请假迟到早退", 1), ("请假3天（含3天）以上", 1))));     // at least 10
        Assert.Equal(0m, Score(Attendance, Obj(("旷工", 2), ("请假3天（含3天）以上", 1))));            // 10 vs at least 10
        // the clause's name written with half-width parentheses by the clerk still matches (NFKC)
        Assert.Equal(0m, Score(Attendance, Obj(("请假3天(含3天)以上", 1))));
    }

    [Fact]
    public void Deduction_DD03_NegativesAllowed_RangedChoices()
    {
        var work = Deduction(30, null, Per("客户或公司人员投诉", 5), Ranged("开单错误", 1, 5), Ranged("生产进度不熟悉", 1, 5));
        Assert.Equal(4m, Score(work, Obj(("客户或公司人员投诉", 3), ("开单错误", "2、4"), ("生产进度不熟悉", "5"))));   // 30 − 15 − 6 − 5
        Assert.Equal(-5m, Score(work, Obj(("客户或公司人员投诉", 5), ("开单错误", new[] { "5", "5" }))));              // 30 − 25 − 10
        Assert.Contains("1–5", EvalErrors(work, Obj(("开单错误", "0.5")))[0].Message);
        Assert.Contains("1–5", EvalErrors(work, Obj(("开单错误", Obj(("次数", 2)))))[0].Message);                     // an object is an error, not a crash
    }

    [Theory]
    [InlineData(0, 3, 0, "-6")]     // 3 × 2
    [InlineData(1, 1, 0, "-10")]    // 10 + 2 = 12 → capped at 10
    [InlineData(0, 0, 1, "-5")]
    [InlineData(0, 5, 0, "-10")]    // exactly the cap
    public void Deduction_DD05_CategoryCap(int cheat, int loose, int late, string expected)
    {
        var rule = new DeductionRule(0, [Per("考核舞弊", 10), Per("不严格按考核表", 2), Per("不及时考核", 5)], 10, null, null);
        Assert.Equal(D(expected), Score(rule, Obj(("考核舞弊", cheat), ("不严格按考核表", loose), ("不及时考核", late))));
    }

    [Theory]
    [InlineData(1, 2, "0")]    // 20 − 10 − 10
    [InlineData(0, 1, "15")]
    [InlineData(1, 0, "10")]
    [InlineData(3, 0, "0")]    // −10 → 0
    public void Deduction_DD06_WeeklyReports(int missing, int failed, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(20, 0, Per("少做", 10), Per("未通过", 5)), Obj(("少做", missing), ("未通过", failed))));

    [Theory]
    [InlineData("0.01", StepRounding.Ceiling, "5")]   // a started hour counts (binding decision)
    [InlineData("1", StepRounding.Ceiling, "5")]
    [InlineData("1", StepRounding.Floor, "5")]
    [InlineData("1.01", StepRounding.Ceiling, "0")]
    [InlineData("2", StepRounding.Ceiling, "0")]
    [InlineData("0.5", StepRounding.Floor, "10")]
    [InlineData("0.5", StepRounding.ProRata, "7.5")]
    [InlineData("1.75", StepRounding.ProRata, "1.25")]  // 10 − 8.75
    [InlineData("1.5小时", StepRounding.Ceiling, "0")]
    [InlineData("1.5 h", StepRounding.Floor, "5")]
    public void Deduction_DD07_HoursOver(string hours, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(10, 0, Hours("超时小时", 5, r)), hours));

    [Theory]
    [InlineData(1, 0, 1, null, "0.4")]    // 1 − 0.2 − 0.4
    [InlineData(2, 1, 0, null, "0.3")]    // 1 − 0.4 − 0.3
    [InlineData(0, 0, 3, null, "0")]      // 1 − 1.2 → 0
    [InlineData(0, 0, 3, "none", "-0.2")] // negative reading
    public void Deduction_DD08_Complaints(int customer, int teller, int branch, string? noFloor, string expected)
    {
        var rule = Deduction(1, noFloor is null ? 0 : null, Per("客户投诉", 0.2m), Per("柜员投诉", 0.3m), Per("网点主任投诉", 0.4m));
        Assert.Equal(D(expected), Score(rule, Obj(("客户投诉", customer), ("柜员投诉", teller), ("网点主任投诉", branch))));
    }

    [Theory]
    [InlineData(4, "0.2")]
    [InlineData(5, "0")]      // 1 − 5 × 0.2 = 0 exactly
    public void Deduction_DD08_OperationErrors(int errors, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(1, 0, Per("差错件", 0.2m)), errors));

    [Theory]
    [InlineData(5, "0.5")]   // 3 − 2.5
    [InlineData(6, "0")]
    [InlineData(7, "0")]
    public void Deduction_DD11_SalesRules(int violations, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(3, 0, Per("违规", 0.5m)), violations));

    [Theory]
    [InlineData(13, "0.7")]   // 2 − 1.3
    [InlineData(20, "0")]
    [InlineData(21, "0")]
    public void Deduction_DD09_PriceCompliance(int items, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(2, 0, Per("品种不到位", 0.1m)), items));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "0")]
    [InlineData(2, "-1")]
    [InlineData(3, "-5")]     // 三次(含三次)以上
    [InlineData(10, "-5")]
    public void Deduction_TB10_LateTable(int lates, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(0, null, Table("迟到", ("=2", 1), (">=3", 5))), lates));

    [Theory]
    [InlineData(2, 2, "5")]     // 10 − 4 − 1
    [InlineData(6, 4, "-7")]    // 10 − 12 − 5, negative allowed
    [InlineData(0, 1, "10")]
    public void Deduction_DD03_AttendanceDaysAndLates(int missingDays, int lates, string expected) =>
        Assert.Equal(D(expected), Score(Deduction(10, null, Per("缺勤天数", 2), Table("迟到", ("=2", 1), (">=3", 5))), Obj(("缺勤天数", missingDays), ("迟到", lates))));

    [Fact]
    public void Deduction_DD04_RecoveryAdds_UncappedOrCapped()
    {
        var rule = new DeductionRule(30, [Per("流失大客户", 10), Per("挽回大客户", -5)], null, null, null);
        Assert.Equal(40m, Score(rule, Obj(("挽回大客户", 2))));                          // 30 + 10
        Assert.Equal(30m, Score(rule with { Cap = 30 }, Obj(("挽回大客户", 2))));
        Assert.Equal(-5m, Score(rule, Obj(("流失大客户", 4), ("挽回大客户", 1))));      // 30 − 40 + 5
    }

    [Fact]
    public void Deduction_UnknownClause_ListsTheClauses()
    {
        var e = EvalErrors(Discipline, Obj(("上班玩游戏", 1)))[0];
        Assert.Contains("上班玩游戏", e.Message);
        Assert.Contains("上班聊天玩游戏", e.Message);
    }

    // ================================================================ steps (ST)

    private static StepRule SalesTask(StepRounding r = StepRounding.Floor, decimal? cap = null) =>
        Steps(100, Side(30, 1, 2, r), Side(30, 5, 3, r), 0, cap, BandMeasure.RatioToTarget, [new StepGate(new Bound(50, false), 0)], unit: ValueUnit.Money);

    [Theory]
    [InlineData("76万", StepRounding.Floor, "27")]          // 95% exactly: one step, every rounding
    [InlineData("76万", StepRounding.Ceiling, "27")]
    [InlineData("76万", StepRounding.ProRata, "27")]
    [InlineData("75.99万", StepRounding.Floor, "27")]       // 94.9875%: 1.0025 steps
    [InlineData("75.99万", StepRounding.Ceiling, "24")]
    [InlineData("75.99万", StepRounding.ProRata, "26.9925")]
    [InlineData("80.8万", StepRounding.Floor, "32")]        // 101%
    [InlineData("81.2万", StepRounding.Floor, "32")]        // 101.5% → 1 step
    [InlineData("81.2万", StepRounding.Ceiling, "34")]
    [InlineData("81.2万", StepRounding.ProRata, "33")]
    [InlineData("100万", StepRounding.Floor, "80")]         // 125% → 30 + 50, uncapped
    [InlineData("40万", StepRounding.Floor, "0")]           // 50%: 10 steps → 0 (continuous with the gate)
    [InlineData("39.99万", StepRounding.Floor, "0")]        // < 50% gate
    [InlineData("0", StepRounding.Floor, "0")]
    [InlineData("800,000", StepRounding.Floor, "30")]
    public void Steps_ST01_SalesTask_Target80万(string actual, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(SalesTask(r), Obj(("value", actual), ("target", "80万"))));

    [Fact]
    public void Steps_ST01_CapAndZeroTarget()
    {
        Assert.Equal(30m, Score(SalesTask(cap: 30), Obj(("value", "80.8万"), ("target", "80万"))));
        Assert.Equal(30m, Score(SalesTask(), Obj(("value", "5万"), ("target", "0")), 30));   // target 0 → 无数据 → full 30
        Assert.Equal(27m, Score(SalesTask(), Obj(("value", 760000), ("target", 800000))));   // JSON numbers
    }

    private static StepRule PlanCompletion(StepRounding r = StepRounding.Floor) => Steps(100, Side(20, 5, 2, r), Side(20, 5, 2, r), 0, 25);

    [Theory]
    [InlineData("105%", StepRounding.Floor, "22")]
    [InlineData("104.99%", StepRounding.Floor, "20")]
    [InlineData("104.99%", StepRounding.Ceiling, "22")]
    [InlineData("102.5%", StepRounding.ProRata, "21")]
    [InlineData("95%", StepRounding.Floor, "18")]
    [InlineData("95.01%", StepRounding.Floor, "20")]
    [InlineData("95.01%", StepRounding.Ceiling, "18")]
    [InlineData("112.5%", StepRounding.Floor, "24")]
    [InlineData("115%", StepRounding.Floor, "25")]     // 26 → cap 25
    [InlineData("52%", StepRounding.Floor, "2")]       // 9.6 → 9 steps: 20 − 18
    [InlineData("50%", StepRounding.Floor, "0")]
    [InlineData("47%", StepRounding.Floor, "0")]       // 10.6 → 10 steps: 20 − 20
    public void Steps_ST02_PlanCompletion(string c, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(PlanCompletion(r), c));

    [Fact]
    public void Steps_ST02_JsonNumberIsAFraction() =>
        // JSON 1.05 = 105% → one step up: 22 (text "1.05" would be rejected as ambiguous)
        Assert.Equal(22m, Score(PlanCompletion(), 1.05m));

    private static StepRule Forecast(StepRounding r = StepRounding.Floor) => Steps(95, Side(15, 1, 1, r), Side(15, 1, 0.5m, r));

    [Theory]
    [InlineData("94.5%", StepRounding.Floor, "15")]
    [InlineData("94.5%", StepRounding.Ceiling, "14.5")]
    [InlineData("94.5%", StepRounding.ProRata, "14.75")]
    [InlineData("95%", StepRounding.Floor, "15")]
    [InlineData("96.9%", StepRounding.Floor, "16")]
    [InlineData("99.99%", StepRounding.Floor, "19")]
    [InlineData("99.99%", StepRounding.ProRata, "19.99")]
    [InlineData("80%", StepRounding.Floor, "7.5")]     // 15 − 0.5 × 15
    [InlineData("65%", StepRounding.Floor, "0")]       // 15 − 15
    [InlineData("64%", StepRounding.Floor, "0")]       // −0.5 → floor 0
    public void Steps_ST03_ForecastAccuracy(string a, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Forecast(r), a));

    [Theory]
    [InlineData("97.01%", StepRounding.Floor, "4")]
    [InlineData("97.01%", StepRounding.Ceiling, "3")]
    [InlineData("97.01%", StepRounding.ProRata, "3.01")]
    [InlineData("94.2%", StepRounding.Floor, "1")]     // 3.8 → 3
    [InlineData("93%", StepRounding.Floor, "0")]       // −1 → 0
    [InlineData("100%", StepRounding.Floor, "4")]      // no bonus above 98
    public void Steps_ST04_VisitSales(string a, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Steps(98, Side(4), Side(4, 1, 1, r)), a));

    [Theory]
    [InlineData("97%", "-3")]
    [InlineData("96.5%", "-3")]
    [InlineData("100%", "0")]
    [InlineData("103%", "0")]
    public void Steps_ST07_InformationQuantity(string completion, string expected) =>
        Assert.Equal(D(expected), Score(Steps(100, Side(0), Side(0, 1, 1), null), completion));

    [Theory]
    [InlineData("87.5%", "90%", StepRounding.Floor, "-0.2")]
    [InlineData("87.5%", "90%", StepRounding.ProRata, "-0.25")]
    [InlineData("90%", "90%", StepRounding.Floor, "0")]
    [InlineData("95%", "90%", StepRounding.Floor, "0")]
    [InlineData("75%", "90%", StepRounding.Floor, "-1.5")]
    [InlineData("0.875", "0.9", StepRounding.Floor, "-0.2")]   // text fractions
    public void Steps_ST08_WarningTimeliness_TargetInput(string actual, string target, StepRounding r, string expected) =>
        Assert.Equal(D(expected), Score(Steps(null, Side(0), Side(0, 1, 0.1m, r), null, null), Obj(("value", actual), ("target", target))));

    private static StepRule DiamondGold(StepRounding r = StepRounding.Floor) =>
        Steps(93, Side(0.5m), Side(0, 0.2m, 0.1m, r), null, null, gates: [new StepGate(new Bound(92, false), -0.5m)]);

    [Theory]
    [InlineData("92.6%", StepRounding.Floor, "-0.2")]     // 0.4/0.2 = 2
    [InlineData("92.2%", StepRounding.Floor, "-0.4")]     // 0.8/0.2 = 4
    [InlineData("92.01%", StepRounding.Floor, "-0.4")]    // 0.99/0.2 = 4.95
    [InlineData("92.01%", StepRounding.Ceiling, "-0.5")]
    [InlineData("92.01%", StepRounding.ProRata, "-0.495")]
    [InlineData("92%", StepRounding.Ceiling, "-0.5")]     // 5 steps: continuous with the gate
    [InlineData("91.99%", StepRounding.Floor, "-0.5")]    // gate
    [InlineData("92.99%", StepRounding.Floor, "0")]
    [InlineData("92.99%", StepRounding.Ceiling, "-0.1")]
    [InlineData("93.5%", StepRounding.Floor, "0.5")]
    [InlineData("100%", StepRounding.Floor, "0.5")]
    public void Steps_ST09_DiamondGoldRecovery(string r, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(DiamondGold(rounding), r));

    [Fact]
    public void Steps_ST09_JsonFraction_92_8_IsExactlyOneStep() =>
        // JSON 0.928 → 92.8%; (93 − 92.8)/0.2 = 1 exactly (a binary double would give 0.99999…)
        Assert.Equal(-0.1m, Score(DiamondGold(), 0.928m));

    [Theory]
    [InlineData("88%", StepRounding.Floor, "-0.1")]
    [InlineData("82.1%", StepRounding.Floor, "-0.3")]    // 7.9/2 = 3.95
    [InlineData("82.1%", StepRounding.Ceiling, "-0.4")]
    [InlineData("80%", StepRounding.Floor, "-0.5")]
    [InlineData("79.99%", StepRounding.Floor, "-0.5")]
    [InlineData("89.99%", StepRounding.Floor, "0")]
    [InlineData("89.99%", StepRounding.Ceiling, "-0.1")]
    [InlineData("90%", StepRounding.Floor, "0.5")]
    public void Steps_ST10_GroupProductRecovery(string r, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(Steps(90, Side(0.5m), Side(0, 2, 0.1m, rounding), null, null, gates: [new StepGate(new Bound(80, false), -0.5m)]), r));

    private static StepRule CardSwap(decimal threshold, StepRounding r = StepRounding.Floor) =>
        Steps(threshold, Side(0, 1, 0.5m, r), Side(-5), null, 5, waiver: new CapWaiver("目标用户数", 100));

    [Theory]
    [InlineData("52.5%", 99, StepRounding.Floor, "5")]     // 12 × 0.5 = 6 → cap 5 (users < 100)
    [InlineData("52.5%", 100, StepRounding.Floor, "6")]    // ≥ 100 users: uncapped
    [InlineData("46.5%", 80, StepRounding.ProRata, "3.25")]
    [InlineData("40.99%", 80, StepRounding.Floor, "0")]
    [InlineData("40%", 80, StepRounding.Floor, "0")]
    [InlineData("39.99%", 80, StepRounding.Floor, "-5")]
    [InlineData("0%", 80, StepRounding.Floor, "-5")]
    [InlineData("100%", 150, StepRounding.Floor, "30")]
    public void Steps_LN06_CardSwap(string r, int users, StepRounding rounding, string expected) =>
        Assert.Equal(D(expected), Score(CardSwap(40, rounding), Obj(("value", r), ("目标用户数", users))));

    [Theory]
    [InlineData("36.9%", "3")]       // 6 steps × 0.5
    [InlineData("29.999%", "-5")]
    public void Steps_LN07_PlanSwap(string r, string expected) =>
        Assert.Equal(D(expected), Score(CardSwap(30), Obj(("value", r), ("目标用户数", 60))));

    [Fact]
    public void Steps_InclusiveGate()
    {
        var rule = Steps(100, Side(10), Side(10, 10, 1), 0, null, gates: [new StepGate(new Bound(60, true), 0)]);
        Assert.Equal(0m, Score(rule, "60%"));     // 不超过 60 (≤)
        Assert.Equal(7m, Score(rule, "60.01%"));  // 39.99 / 10 = 3.999 → 3 steps: 10 − 3
    }

    // ================================================================ achievement (AC)

    private static AchievementRule Ac(decimal points, decimal? cap = 1.2m, Direction d = Direction.HigherIsBetter, ValueUnit u = ValueUnit.Number) =>
        new(points, cap, d, u, NoDataPolicy.Full);

    [Theory]
    [InlineData(50, 40, "24")]     // 1.25 → 1.2 × 20
    [InlineData(47, 40, "23.5")]   // 1.175 × 20
    [InlineData(48, 40, "24")]     // 1.2 exactly
    [InlineData(30, 40, "15")]
    [InlineData(0, 40, "0")]
    [InlineData(-5, 40, "0")]
    [InlineData(7, 0, "20")]       // target 0 → no data → full points
    public void Achievement_AC01_CappedRatio(int actual, int target, string expected) =>
        Assert.Equal(D(expected), Score(Ac(20), Obj(("value", actual), ("target", target))));

    [Fact]
    public void Achievement_Uncapped_PercentAndMoney()
    {
        Assert.Equal(25m, Score(Ac(20, null), Obj(("value", 50), ("target", 40))));
        Assert.Equal(30.6m, Score(Ac(30, u: ValueUnit.Percent), Obj(("value", "96.9%"), ("target", "95%"))));   // 1.02 × 30
        Assert.Equal(30.6m, Score(Ac(30, u: ValueUnit.Percent), Obj(("value", "0.969"), ("target", "0.95"))));
        Assert.Equal(22m, Score(Ac(20, u: ValueUnit.Money), Obj(("value", "55万"), ("target", "50万"))));      // 1.1 × 20
    }

    [Theory]
    [InlineData(4, "12")]      // 5/4 = 1.25 → 1.2 × 10
    [InlineData(5, "10")]
    [InlineData(8, "6.25")]    // 5/8
    [InlineData(0, "10")]      // no complaints: ratio undefined → no data → full points
    public void Achievement_LowerIsBetter(int actual, string expected) =>
        Assert.Equal(D(expected), Score(Ac(10, d: Direction.LowerIsBetter), Obj(("value", actual), ("target", 5))));

    // ================================================================ offset (OF)

    private static OffsetRule Water(decimal rho, bool extrasWhenFailed = true) =>
        new(new OffsetQuantity("清洗饮水机", 100, 4, "台"), new OffsetQuantity("送水", 1000, 2, "桶"), rho, 1840, extrasWhenFailed);

    [Theory]
    [InlineData(95, 1004, 2, true, "8")]       // needs 10 buckets, 4 spare → fails; extras 4 × 2
    [InlineData(95, 1004, 2, false, "0")]      // voiding reading
    [InlineData(95, 1010, 2, true, "1840")]    // 10 buckets used, none left
    [InlineData(100, 999, 2, true, "0")]       // 1 bucket short, no spare machine
    [InlineData(101, 998, 2, true, "1840")]    // 2 buckets short = 1 machine × 2
    [InlineData(105, 998, 2, true, "1856")]    // 1 machine used, 4 left × 4
    [InlineData(101, 995, 10, true, "1842")]   // 5 buckets = 0.5 machine; 0.5 × 4 left
    [InlineData(98, 1010, 3, true, "1848")]    // 6 buckets used, 4 × 2 left
    [InlineData(0, 1200, 2, true, "1840")]     // 200 buckets cover 100 machines exactly
    [InlineData(0, 1199, 2, true, "398")]      // fails; 199 spare × 2
    [InlineData(150, 0, 2, true, "200")]       // 1000 buckets need 500 machines; fails; 50 × 4
    [InlineData(100, 1000, 2, true, "1840")]   // D = 100 / 1000 exactly: met
    public void Offset_OF01(int machines, int buckets, int rho, bool extras, string expected) =>
        Assert.Equal(D(expected), Score(Water(rho, extras), Obj(("清洗饮水机", machines), ("送水", buckets))));

    [Fact]
    public void Offset_RejectsNegativeAndMissing()
    {
        Assert.Contains("不能为负数", EvalErrors(Water(2), Obj(("清洗饮水机", -1), ("送水", 1000)))[0].Message);
        Assert.Contains("送水", EvalErrors(Water(2), Obj(("清洗饮水机", 100)))[0].Message);
    }

    // ================================================================ formula

    private static FormulaRule F(string expression, params (string Name, ValueUnit Unit)[] inputs) =>
        new(Formula.Parse(expression).Formula!, [.. inputs.Select(i => new FormulaInput(i.Name, i.Unit))], null, null);

    [Theory]
    [InlineData("92.8%", "-0.1")]   // (0.93 − 0.928)/0.002 = 1 exactly
    [InlineData("92.6%", "-0.2")]
    [InlineData("92.01%", "-0.4")]
    public void Formula_PercentInputsAreFractions_AndExact(string r, string expected) =>
        Assert.Equal(D(expected), Score(F("-0.1 * floor((93% - 回收率) / 0.2%)", ("回收率", ValueUnit.Percent)), r));

    [Fact]
    public void Formula_SeveralInputs_FloorAndCap()
    {
        // BL-01 as a formula with G3 floor on both sides: 15 + sign(d) × floor(|d|)
        var rule = F("clamp(15 + if(基数 >= 流失率, floor((基数 - 流失率) * 100), -floor((流失率 - 基数) * 100)), 0, 20)", ("流失率", ValueUnit.Percent), ("基数", ValueUnit.Percent));
        Assert.Equal(16m, Score(rule, Obj(("流失率", "0.9%"), ("基数", "2.4%"))));
        Assert.Equal(13m, Score(rule, Obj(("流失率", "4.45%"), ("基数", "2.4%"))));
        var capped = F("a * 2", ("a", ValueUnit.Number)) with { Cap = 10, Floor = 0 };
        Assert.Equal(10m, Score(capped, "7"));
        Assert.Equal(0m, Score(capped, "-3"));
    }

    // ================================================================ composite

    [Fact]
    public void Composite_DD12_ServiceStationing_CappedBusinessNorms()
    {
        // 業務規範 (cap 3): 3 − 0.2 × 1 lapsed group = 2.8; 預警 93.4% vs 95% → 1.6 → 1 step → −0.1;
        // 鑽金卡 92.8% → −0.1; 集團產品 91% → +0.5; Σ = 3.1 → cap 3.  進駐: 0 weeks missed → 2.  Total 5.
        CompositeRule norms = new([
            new("走访未达标", null, Deduction(3, null, Per("走访未达标", 0.2m))),
            new("预警处理及时率", null, Steps(null, Side(0), Side(0, 1, 0.1m), null, null)),
            new("钻金卡回收率", null, DiamondGold()),
            new("集团产品回收率", null, Steps(90, Side(0.5m), Side(0, 2, 0.1m), null, null, gates: [new StepGate(new Bound(80, false), -0.5m)]))], 0, 3);
        CompositeRule item = new([
            new("进驻", 2, new BandRule([B("=0", 2), B(">=1", 0)], ValueUnit.Count, BandMeasure.Value, 0, NoDataPolicy.Full, "无进驻周数")),
            new("业务规范", 3, norms)], 0, 5);
        var input = Obj(("进驻", 0), ("业务规范", Obj(("走访未达标", 1), ("预警处理及时率", Obj(("value", "93.4%"), ("target", "95%"))), ("钻金卡回收率", "92.8%"), ("集团产品回收率", "91%"))));
        Assert.Equal(5m, Score(item, input));
        // one week without stationing and 2 lapsed groups: 0 + (2.6 − 0.1 − 0.1 + 0.5 = 2.9)
        var input2 = Obj(("进驻", 1), ("业务规范", Obj(("走访未达标", 2), ("预警处理及时率", Obj(("value", "93.4%"), ("target", "95%"))), ("钻金卡回收率", "92.8%"), ("集团产品回收率", "91%"))));
        Assert.Equal(2.9m, Score(item, input2));
    }

    [Fact]
    public void Composite_ScalarInput_ListsTheParts()
    {
        CompositeRule rule = new([new("首访", 1, Bands(B(">=70", 1), B("<70", 0))), new("再访", 0.5m, Bands(B(">=20", 0.5m), B("<20", 0)))], null, null);
        var e = EvalErrors(rule, "72%")[0].Message;
        Assert.Contains("指标[首访]", e);
        Assert.Contains("指标[再访]", e);
        Assert.Contains("缺少输入", EvalErrors(rule, Obj(("首访", "72%")))[0].Message);   // a missing part is named
    }
}
