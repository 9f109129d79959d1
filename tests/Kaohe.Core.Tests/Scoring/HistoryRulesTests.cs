using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Xunit;

namespace Kaohe.Core.Tests.Scoring;

/// <summary>GR-01 (annual cap) and GR-02 (consecutive poor results) over a published history, with the RULES §15 examples.</summary>
public sealed class HistoryRulesTests
{
    private static readonly IReadOnlyList<string> Letters = ConsecutivePeriods.DefaultGradeOrder;
    private static readonly string[] FourLevels = ["优秀", "良好", "合格", "不合格"];

    /// <summary>"B,C,-,A" → quarter slots Q1… of <paramref name="year"/>; "-" = not assessed.</summary>
    private static List<HistorySlot> Quarters(string grades, int year = 2026, int firstQuarter = 1) =>
        [.. grades.Split(',').Select((g, i) => new HistorySlot($"{year}-Q{firstQuarter + i}", year, g == "-" ? null : g))];

    /// <summary>"不合格,合格,-" → monthly slots from 2026-01; "-" = no published result.</summary>
    private static List<HistorySlot> Months(string grades) =>
        [.. grades.Split(',').Select((g, i) => new HistorySlot($"2026-{i + 1:00}", 2026, g == "-" ? null : g))];

    private static readonly AnnualCapRule Cap = new();
    private static readonly PoorStreakRule Poor = new("不合格");

    // ------------------------------------------------------------ GR-01

    [Theory]
    [InlineData("B,C,B-,A", true)]    // ex. 1: Q2 and Q3 adjacent → cap B−
    [InlineData("B-,B+,C,B-", true)]  // ex. 2: three in the year → cap
    [InlineData("B-,B,B-,B", false)]  // ex. 3: two, not adjacent → no cap
    public void AnnualCap_Gr01Examples(string quarters, bool capped)
    {
        var outcome = HistoryRules.AnnualCap(Cap, 2026, Quarters(quarters), Letters);
        Assert.Equal(capped, outcome is not null);
        if (outcome is null) return;
        Assert.Equal(ConsequenceKind.AnnualGradeCap, outcome.Kind);
        Assert.Equal("B-", outcome.CapGrade);
        Assert.Equal("年度绩效不得高于 B-", outcome.Title);
        Assert.Equal("B-", ConsecutivePeriods.CapGrade("A", outcome.CapGrade!));
    }

    [Fact]
    public void AnnualCap_Example1_ExplainsTheAdjacentQuarters()
    {
        var outcome = HistoryRules.AnnualCap(Cap, 2026, Quarters("B,C,B-,A"), Letters)!;
        Assert.Equal("2026-Q1 B，2026-Q2 C，2026-Q3 B-，2026-Q4 A：2026-Q2、2026-Q3连续两个季度在 B- 及以下，年度绩效不得高于 B-", outcome.Explanation);
    }

    [Fact]
    public void AnnualCap_Example2_ExplainsEveryReason()
    {
        // Q3 C and Q4 B− are adjacent as well: both reasons are given
        var outcome = HistoryRules.AnnualCap(Cap, 2026, Quarters("B-,B+,C,B-"), Letters)!;
        Assert.EndsWith("：2026-Q3、2026-Q4连续两个季度在 B- 及以下；2026 年累计三个季度在 B- 及以下，年度绩效不得高于 B-", outcome.Explanation);
    }

    [Fact]
    public void AnnualCap_CumulativeAlone_WhenMoreAdjacentQuartersAreNeeded()
    {
        var outcome = HistoryRules.AnnualCap(Cap with { Adjacent = 3 }, 2026, Quarters("B-,A,B-,C"), Letters)!;
        Assert.EndsWith("：2026 年累计三个季度在 B- 及以下，年度绩效不得高于 B-", outcome.Explanation);
    }

    [Fact]
    public void AnnualCap_Example4_SkipsTheNotAssessedQuarter_BreakChainReadingDoesNot()
    {
        // ex. 4: Q2 B−, Q3 not assessed, Q4 C (the scheme started in Q2, so there is no Q1)
        var q = Quarters("B−,-,C", firstQuarter: 2);
        var skip = HistoryRules.AnnualCap(Cap, 2026, q, Letters);
        Assert.NotNull(skip);
        Assert.Contains("不考核的季度跳过", skip.Explanation);
        Assert.Contains("2026-Q3 不考核", skip.Explanation);
        Assert.Null(HistoryRules.AnnualCap(Cap with { SkipNotAssessed = false }, 2026, q, Letters));
    }

    [Fact]
    public void AnnualCap_CrossYear_Q4OfLastYearIsAdjacentOnlyWhenSwitchedOn()
    {
        // Q4 2025 C, then Q1 2026 B− and nothing else poor in 2026.
        List<HistorySlot> q = [new("2025-Q4", 2025, "C"), .. Quarters("B-,A,A,A")];
        Assert.Null(HistoryRules.AnnualCap(Cap, 2026, q, Letters));
        var cross = HistoryRules.AnnualCap(Cap with { CrossYear = true }, 2026, q, Letters);
        Assert.NotNull(cross);
        Assert.Contains("2025-Q4、2026-Q1连续两个季度", cross.Explanation);
        Assert.Contains("跨年度相邻", cross.Explanation);
    }

    [Fact]
    public void AnnualCap_CrossYear_LastYearsQuarterNeverCountsTowardsTheCumulativeThree()
    {
        // 2025-Q4 C, then A, B−, A, B−: two poor quarters in 2026, none adjacent; counting 2025-Q4 would make three
        List<HistorySlot> q = [new("2025-Q4", 2025, "C"), .. Quarters("A,B-,A,B-")];
        Assert.Null(HistoryRules.AnnualCap(Cap with { CrossYear = true }, 2026, q, Letters));
        // A run of last year's quarter alone caps nothing, however long.
        List<HistorySlot> only = [new("2025-Q4", 2025, "D"), .. Quarters("A,A,A,A")];
        Assert.Null(HistoryRules.AnnualCap(Cap with { CrossYear = true, Adjacent = 1 }, 2026, only, Letters));
    }

    [Theory]
    [InlineData("A,A,A,A")]
    [InlineData("-,-,-,-")]
    [InlineData("B+,B,B+,B")]
    public void AnnualCap_NothingAtOrBelowTheThreshold_NoCap(string quarters) =>
        Assert.Null(HistoryRules.AnnualCap(Cap, 2026, Quarters(quarters), Letters));

    [Fact]
    public void AnnualCap_ParametersChangeTheCounts()
    {
        // three adjacent needed: B−, C adjacent is not enough; cumulative 2 is
        Assert.Null(HistoryRules.AnnualCap(Cap with { Adjacent = 3, Cumulative = 4 }, 2026, Quarters("B-,C,A,B-"), Letters));
        Assert.NotNull(HistoryRules.AnnualCap(Cap with { Adjacent = 3, Cumulative = 2 }, 2026, Quarters("B-,A,A,C"), Letters));
        // a higher threshold: B counts
        Assert.NotNull(HistoryRules.AnnualCap(Cap with { Threshold = "B" }, 2026, Quarters("A,B,B,A"), Letters));
    }

    [Fact]
    public void AnnualCap_OrderWrittenWithTheMinusSign_CapGradeNormalised()
    {
        string[] order = ["A", "B−", "C"];
        var outcome = HistoryRules.AnnualCap(Cap, 2026, Quarters("B-,C,A,A"), order);
        Assert.Equal("B-", outcome?.CapGrade);
    }

    [Fact]
    public void AnnualCap_UnknownGrade_ChineseArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => HistoryRules.AnnualCap(Cap, 2026, Quarters("B,E"), Letters));
        Assert.Contains("等级“E”不在等级顺序中", e.Message);
    }

    // ------------------------------------------------------------ GR-02

    [Theory]
    // ex. 1–4 under the consecutive (default) reading and the cumulative one
    [InlineData("不合格,不合格", false, ConsequenceKind.WarningOrFine)]
    [InlineData("不合格,不合格", true, ConsequenceKind.WarningOrFine)]
    [InlineData("不合格,不合格,不合格", false, ConsequenceKind.ReassignmentReview)]
    [InlineData("不合格,不合格,不合格", true, ConsequenceKind.ReassignmentReview)]
    [InlineData("不合格,合格,不合格", false, null)]
    [InlineData("不合格,合格,不合格", true, null)]
    [InlineData("不合格,合格,不合格,合格,不合格", false, null)]
    [InlineData("不合格,合格,不合格,合格,不合格", true, ConsequenceKind.ReassignmentReview)]
    public void PoorStreak_Gr02Examples(string history, bool cumulative, ConsequenceKind? expected)
    {
        var outcome = HistoryRules.PoorStreak(Poor with { CumulativeReview = cumulative }, Months(history), FourLevels);
        Assert.Equal(expected, outcome?.Kind);
    }

    [Fact]
    public void PoorStreak_TitlesAndExplanations()
    {
        var warn = HistoryRules.PoorStreak(Poor, Months("合格,不合格,不合格"), FourLevels)!;
        Assert.Equal("警告或罚款", warn.Title);
        Assert.Null(warn.CapGrade);
        Assert.Equal("2026-02 不合格，2026-03 不合格：连续 2 次考核结果在不合格及以下，给予警告或罚款", warn.Explanation);

        var review = HistoryRules.PoorStreak(Poor, Months("不合格,不合格,不合格"), FourLevels)!;
        Assert.Equal("考虑调整工作岗位或解除劳动合同", review.Title);
        Assert.Contains("连续第 3 次考核结果在不合格及以下", review.Explanation);

        var cumulative = HistoryRules.PoorStreak(Poor with { CumulativeReview = true }, Months("不合格,合格,不合格,合格,不合格"), FourLevels)!;
        Assert.Equal("2026-01 不合格，2026-02 合格，2026-03 不合格，2026-04 合格，2026-05 不合格：累计第 3 次考核结果在不合格及以下，考虑调整工作岗位或解除劳动合同", cumulative.Explanation);
    }

    [Fact]
    public void PoorStreak_MissingPeriod_SkippedByDefault_BreaksWhenSwitchedOn()
    {
        var h = Months("不合格,-,不合格");
        var skipped = HistoryRules.PoorStreak(Poor, h, FourLevels);
        Assert.Equal(ConsequenceKind.WarningOrFine, skipped?.Kind);
        Assert.Contains("2026-02无已发布结果，不中断连续", skipped!.Explanation);
        Assert.Null(HistoryRules.PoorStreak(Poor with { MissingBreaks = true }, h, FourLevels));
        // three poor around two gaps: review when skipped, nothing when the gaps break the chain
        var h3 = Months("不合格,-,不合格,-,不合格");
        Assert.Equal(ConsequenceKind.ReassignmentReview, HistoryRules.PoorStreak(Poor, h3, FourLevels)?.Kind);
        Assert.Null(HistoryRules.PoorStreak(Poor with { MissingBreaks = true }, h3, FourLevels));
    }

    [Theory]
    [InlineData("不合格,不合格,-")]  // the period just published has no result
    [InlineData("不合格,不合格,合格")] // the last result is not poor
    [InlineData("不合格")]
    [InlineData("")]
    public void PoorStreak_NothingDue(string history) =>
        Assert.Null(HistoryRules.PoorStreak(Poor, history.Length == 0 ? [] : Months(history), FourLevels));

    [Fact]
    public void PoorStreak_CustomOrder_PoorIsAtOrBelowTheThreshold()
    {
        // poor = 合格 and below: 合格 and 不合格 both count
        var rule = new PoorStreakRule("合格");
        Assert.Equal(ConsequenceKind.WarningOrFine, HistoryRules.PoorStreak(rule, Months("良好,合格,不合格"), FourLevels)?.Kind);
        Assert.Null(HistoryRules.PoorStreak(rule, Months("合格,良好,不合格"), FourLevels));
        // letters: poor at or below C, with the minus sign U+2212
        var letters = new PoorStreakRule("C");
        Assert.Equal(ConsequenceKind.WarningOrFine, HistoryRules.PoorStreak(letters, Months("C−,D"), Letters)?.Kind);
        Assert.Null(HistoryRules.PoorStreak(letters, Months("C−,C+"), Letters));
    }

    [Fact]
    public void PoorStreak_WarnAndReviewCountsAreParameters()
    {
        var rule = Poor with { WarnAfter = 3, ReviewAfter = 4 };
        Assert.Null(HistoryRules.PoorStreak(rule, Months("不合格,不合格"), FourLevels));
        Assert.Equal(ConsequenceKind.WarningOrFine, HistoryRules.PoorStreak(rule, Months("不合格,不合格,不合格"), FourLevels)?.Kind);
        Assert.Equal(ConsequenceKind.ReassignmentReview, HistoryRules.PoorStreak(rule, Months("不合格,不合格,不合格,不合格"), FourLevels)?.Kind);
    }

    [Fact]
    public void PoorStreak_UnknownGrade_ChineseArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => HistoryRules.PoorStreak(Poor, Months("差,不合格"), FourLevels));
        Assert.Contains("等级“差”不在等级顺序中", e.Message);
        Assert.Throws<ArgumentException>(() => HistoryRules.PoorStreak(new PoorStreakRule("差"), Months("不合格"), FourLevels));
    }

    // ------------------------------------------------------------ grade order, descriptions

    [Fact]
    public void GradeOrder_SchemeBandsOrTheDefaultLetters()
    {
        var plain = Kit.Scheme(Kit.Sec("考核", null, Kit.Ind("总分", new ManualRule(0, 100, false, null), 100)));
        Assert.Equal(Letters, HistoryRules.GradeOrder(plain));
        var four = plain with { Grades = new GradeScale([new("优秀", 90, true), new("良好", 80, true), new("合格", 60, true), new("不合格", null, true)]) };
        Assert.Equal(FourLevels, HistoryRules.GradeOrder(four));
    }

    [Fact]
    public void Describe_ConsequenceRules_InChinese()
    {
        Assert.Equal("连续 2 次考核结果在不合格及以下：警告或罚款；第 3 次：考虑调整工作岗位或解除劳动合同", RuleDescriber.Consequence(Poor));
        Assert.Equal("连续两个季度或全年累计三个季度在 B- 及以下：年度绩效不得高于 B-", RuleDescriber.Consequence(Cap));
        Assert.Contains("累计第 3 次", RuleDescriber.Consequence(Poor with { CumulativeReview = true }));
        Assert.Contains("中断连续", RuleDescriber.Consequence(Poor with { MissingBreaks = true }));
        Assert.Contains("上年第四季度与本年第一季度视为相邻", RuleDescriber.Consequence(Cap with { CrossYear = true }));
        Assert.Contains("不考核的季度中断连续", RuleDescriber.Consequence(Cap with { SkipNotAssessed = false }));
    }

    [Fact]
    public void Scheme_HasNoConsequencesUnlessGiven()
    {
        var plain = Kit.Scheme(Kit.Sec("考核", null, Kit.Ind("总分", new ManualRule(0, 100, false, null), 100)));
        Assert.Empty(plain.Consequences);
        Assert.Equal("poor-streak", Poor.Kind);
        Assert.Equal("annual-cap", Cap.Kind);
    }
}
