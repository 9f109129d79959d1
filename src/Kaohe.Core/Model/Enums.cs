namespace Kaohe.Core.Model;

/// <summary>The kind of indicator, as the seeds' forms classify them (指标类别).</summary>
public enum IndicatorCategory
{
    /// <summary>定性: judged by a rater.</summary>
    Qualitative,
    /// <summary>定量: computed from a measured value.</summary>
    Quantitative,
    /// <summary>加分: a bonus item.</summary>
    Bonus,
    /// <summary>扣分: a deduction item.</summary>
    Deduction,
    /// <summary>否决: a veto item that voids the appraisal when triggered.</summary>
    Veto,
}

/// <summary>Who or what is appraised.</summary>
public enum SubjectKind { Department, Office, Person, Team }

/// <summary>The appraisal period length.</summary>
public enum PeriodKind { Day, Week, Month, Quarter, HalfYear, Year }

/// <summary>Which side of a measured value is good.</summary>
public enum Direction
{
    /// <summary>A larger value is better (growth, satisfaction).</summary>
    HigherIsBetter,
    /// <summary>A smaller value is better (churn, error rate, cost).</summary>
    LowerIsBetter,
}

/// <summary>How a partial step counts (§0 G3).</summary>
public enum StepRounding
{
    /// <summary>Complete steps only: n = floor(diff / step). The default.</summary>
    Floor,
    /// <summary>Any started step counts: n = ceil(diff / step).</summary>
    Ceiling,
    /// <summary>Pro-rata: n = diff / step, a real number.</summary>
    ProRata,
}

/// <summary>How a difference between a value and its baseline is measured (§0 G2).</summary>
public enum DifferenceMode
{
    /// <summary>Percentage points (or plain units for non-rates): 3.0% → 2.0% is 1 point. The default.</summary>
    Points,
    /// <summary>Relative percent of the baseline: 3.0% → 2.0% is 33.3%.</summary>
    Relative,
}

/// <summary>Where a baseline-relative rule takes its baseline from (the data layer computes it; for
/// <c>kaohe score</c> it is given as the <c>基数</c> input unless constant).</summary>
public enum BaselineSource
{
    /// <summary>历史最低: the minimum over all closed prior periods.</summary>
    HistoricalMin,
    /// <summary>历史最佳/最高: the maximum over all closed prior periods.</summary>
    HistoricalMax,
    /// <summary>上期 / 上月末: the previous period's value.</summary>
    PreviousPeriod,
    /// <summary>去年同期: the same period last year.</summary>
    SamePeriodLastYear,
    /// <summary>A constant written in the scheme.</summary>
    Constant,
    /// <summary>Whatever the input supplies.</summary>
    Input,
}

/// <summary>The unit in which an input value is read.</summary>
public enum ValueUnit
{
    /// <summary>A rate, held in percentage points: "2.5%", or a fraction 0.025.</summary>
    Percent,
    /// <summary>A plain decimal number.</summary>
    Number,
    /// <summary>A whole number of occurrences (≥ 0 unless the rule allows negatives).</summary>
    Count,
    /// <summary>An amount of money in 元 ("12万" is accepted).</summary>
    Money,
    /// <summary>Elapsed hours.</summary>
    Hours,
    /// <summary>Days.</summary>
    Days,
    /// <summary>Points entered by a rater.</summary>
    Points,
}

/// <summary>What a rate whose denominator is zero ("无数据", §0 G6) scores.</summary>
public enum NoDataPolicy
{
    /// <summary>The rule's neutral base (BL items: 15).</summary>
    Base,
    /// <summary>Full points of the item.</summary>
    Full,
    /// <summary>Zero points.</summary>
    Zero,
    /// <summary>The item is excluded and the section renormalised over the remaining items.</summary>
    Exclude,
    /// <summary>No data is an input error.</summary>
    Error,
}

/// <summary>What an indicator scores for a subject to which it does not apply ("不适用", PC-08).</summary>
public enum NotApplicablePolicy
{
    /// <summary>Not applicable is an input error.</summary>
    Error,
    /// <summary>The mean score of the peers in the same run for whom it applies; full points if none (PC-08).</summary>
    PeerAverage,
    /// <summary>Full points.</summary>
    Full,
    /// <summary>Zero points.</summary>
    Zero,
    /// <summary>Excluded; the section is renormalised.</summary>
    Exclude,
}

/// <summary>How the scores of several raters of one indicator are combined when a rater is missing (MR).</summary>
public enum MissingRaterPolicy
{
    /// <summary>Renormalise the weights over the raters present (MR-01 default).</summary>
    Renormalise,
    /// <summary>A missing rater counts as 0 points.</summary>
    CountAsZero,
    /// <summary>A missing rater is an input error.</summary>
    Error,
}

/// <summary>The unit of an indicator's result.</summary>
public enum ScoreUnit
{
    /// <summary>Points that count toward the total.</summary>
    Points,
    /// <summary>Money in 元, reported beside the total (UB-10, OF-01); never added to points.</summary>
    Yuan,
}
