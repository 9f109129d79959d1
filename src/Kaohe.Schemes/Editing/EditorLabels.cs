using Kaohe.Core.Model;

namespace Kaohe.Schemes.Editing;

/// <summary>The choices of the editor's selects, in the words of the forms (no YAML words).</summary>
public static class EditorLabels
{
    public static IReadOnlyList<(Direction Value, string Label)> Directions { get; } =
        [(Direction.HigherIsBetter, "越高越好"), (Direction.LowerIsBetter, "越低越好")];

    public static IReadOnlyList<(BaselineSource Value, string Label)> Sources { get; } =
    [
        (BaselineSource.HistoricalMin, "历史最低"), (BaselineSource.HistoricalMax, "历史最佳（最高）"),
        (BaselineSource.PreviousPeriod, "上期（上月末）"), (BaselineSource.SamePeriodLastYear, "去年同期"),
        (BaselineSource.Constant, "固定基数"), (BaselineSource.Input, "录入时填写基数"),
    ];

    public static IReadOnlyList<(ValueUnit Value, string Label)> Units { get; } =
    [
        (ValueUnit.Percent, "百分比"), (ValueUnit.Number, "数值"), (ValueUnit.Count, "次数（整数）"), (ValueUnit.Money, "金额（元）"),
        (ValueUnit.Hours, "小时"), (ValueUnit.Days, "天"), (ValueUnit.Points, "分"),
    ];

    public static IReadOnlyList<(StepRounding Value, string Label)> Roundings { get; } =
        [(StepRounding.Floor, "不足一步不计"), (StepRounding.Ceiling, "不足一步按一步计"), (StepRounding.ProRata, "按比例折算")];

    public static IReadOnlyList<(DifferenceMode Value, string Label)> Differences { get; } =
        [(DifferenceMode.Points, "按百分点（2% → 3% 差 1 个百分点）"), (DifferenceMode.Relative, "按相对比例（2% → 3% 差 50%）")];

    public static IReadOnlyList<(NoDataPolicy Value, string Label)> NoDatas { get; } =
    [
        (NoDataPolicy.Base, "得持平分"), (NoDataPolicy.Full, "得满分"), (NoDataPolicy.Zero, "得 0 分"),
        (NoDataPolicy.Exclude, "本项不计"), (NoDataPolicy.Error, "必须有数据"),
    ];

    public static IReadOnlyList<(BandMeasure Value, string Label)> Measures { get; } =
        [(BandMeasure.Value, "数值本身"), (BandMeasure.RatioToTarget, "完成率（实际 / 目标）"), (BandMeasure.DifferenceFromBaseline, "与基数之差")];

    public static IReadOnlyList<(RatingMapping Value, string Label)> Mappings { get; } =
        [(RatingMapping.Proportional, "级数 / 最高级 × 分值"), (RatingMapping.Raw, "级数就是得分"), (RatingMapping.ZeroBased, "最低级得 0 分，线性到满分")];

    public static IReadOnlyList<(LinearMode Value, string Label)> LinearModes { get; } =
        [(LinearMode.Proportional, "按比例：分值 × 完成率"), (LinearMode.Rescaled, "从起点算：起点 0 分，100% 满分")];

    public static IReadOnlyList<(MultipleGrades Value, string Label)> Multiples { get; } =
        [(MultipleGrades.Single, "只能选一个等级"), (MultipleGrades.Sum, "可选多个，分数相加"), (MultipleGrades.Max, "可选多个，取最高")];

    public static IReadOnlyList<(ClauseMode Value, string Label)> ClauseModes { get; } =
    [
        (ClauseMode.PerOccurrence, "每次扣"), (ClauseMode.Once, "发生即扣（只扣一次）"), (ClauseMode.Ranged, "每次在范围内扣"),
        (ClauseMode.Amount, "评分人直接给扣分"), (ClauseMode.PerQuantity, "按数量扣（如每小时）"), (ClauseMode.AtLeast, "发生即至少扣"),
    ];

    public static IReadOnlyList<(BandKind Value, string Label)> BandKinds { get; } =
        [(BandKind.Fixed, "固定分"), (BandKind.Choice, "评分人在范围内给分"), (BandKind.Linear, "档内线性"), (BandKind.Proportional, "按比例")];

    public static IReadOnlyList<(NotApplicablePolicy Value, string Label)> NotApplicables { get; } =
    [
        (NotApplicablePolicy.Error, "不允许填“不适用”"), (NotApplicablePolicy.PeerAverage, "取同批平均分"), (NotApplicablePolicy.Full, "得满分"),
        (NotApplicablePolicy.Zero, "得 0 分"), (NotApplicablePolicy.Exclude, "本项不计，权重重新分配"),
    ];

    public static IReadOnlyList<(IndicatorCategory? Value, string Label)> Categories { get; } =
    [
        (null, "按计分方式自动"), (IndicatorCategory.Qualitative, "定性"), (IndicatorCategory.Quantitative, "定量"),
        (IndicatorCategory.Bonus, "加分"), (IndicatorCategory.Deduction, "扣分"), (IndicatorCategory.Veto, "否决"),
    ];

    public static IReadOnlyList<(MissingRaterPolicy Value, string Label)> MissingRaters { get; } =
    [
        (MissingRaterPolicy.Renormalise, "按已评分的人重新分配权重"), (MissingRaterPolicy.CountAsZero, "缺评的人按 0 分计"),
        (MissingRaterPolicy.Error, "必须所有人都评分"),
    ];

    public static IReadOnlyList<(PayoutKind Value, string Label)> PayoutKinds { get; } =
    [
        (PayoutKind.None, "不计算奖金"), (PayoutKind.Proportional, "按比例：总分 / 100 × 奖金基数"),
        (PayoutKind.Banded, "分档：低于某分无奖金，达到某分全额"), (PayoutKind.Coefficient, "系数：基数 × (固定部分 + 浮动部分 × 系数)"),
    ];

    public static IReadOnlyList<(SubjectKind Value, string Label)> Subjects { get; } =
        [.. Enum.GetValues<SubjectKind>().Select(k => (k, Kaohe.Core.Text.Words.Subject(k)))];

    public static IReadOnlyList<(PeriodKind Value, string Label)> Periods { get; } =
        [.. Enum.GetValues<PeriodKind>().Select(k => (k, Kaohe.Core.Text.Words.Period(k)))];
}
