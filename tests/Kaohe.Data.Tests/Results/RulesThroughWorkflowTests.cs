using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Results;

namespace Kaohe.Data.Tests.Results;

/// <summary>
/// The examples of RULES §14 (BP-02), §15 (GR-01, GR-02) and §16 (RK-01's boundaries) as sequences of cycles that are
/// opened, rated, released and published through <see cref="CycleService"/>: the figures come from the stored results
/// and the consequences from what publication recorded.
/// </summary>
public abstract class RulesThroughWorkflowTests(DatabaseProvider provider) : IDisposable
{
    private readonly ResultsCompany _co = new(provider);

    public void Dispose()
    {
        _co.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, decimal> One(string code, decimal score) => new() { [code] = score };

    private List<ConsequenceRow> Consequences()
    {
        using var db = _co.Db();
        return [.. new ConsequenceService(db).List(_co.As("hr"), openOnly: false)];
    }

    // Quarter scores giving the grades of the examples: 76 B, 61 C, 71 B−, 81 B+, 95 A+.
    private void Quarters(params decimal?[] scores)
    {
        for (var q = 0; q < scores.Length; q++)
            if (scores[q] is { } s) _co.Month("季度触点", $"2026-Q{q + 1}", One("E11", s));
    }

    [Fact]
    public void GR01_example_2_three_poor_quarters_in_the_year_cap_the_annual_grade()
    {
        Quarters(71, 81, 61, 71); // B−, B+, C, B−
        var cap = Assert.Single(Consequences());
        Assert.Equal(("2026-Q4", "B-"), (cap.Period, cap.CapGrade));
        Assert.Contains("累计", cap.Explanation);
    }

    [Fact]
    public void GR01_example_3_two_poor_quarters_not_adjacent_give_no_cap()
    {
        Quarters(71, 76, 71, 76); // B−, B, B−, B
        Assert.Empty(Consequences());
        using var db = _co.Db();
        var year = Assert.Single(new RollupService(db).Compute(_co.As("hr"), new RollupRequest("季度触点", "2026")).Rows);
        // (71 + 76 + 71 + 76) / 4 = 73.5 → B−, uncapped.
        Assert.Equal((73.5m, "B-", "B-"), (year.Total!.Value, year.GradeBeforeCap, year.Grade));
    }

    [Fact]
    public void GR01_example_4_a_not_assessed_quarter_is_skipped_so_Q2_and_Q4_are_adjacent()
    {
        Quarters(null, 71, null, 61); // Q2 B−, Q3 not assessed, Q4 C
        var cap = Assert.Single(Consequences());
        Assert.Equal(("2026-Q4", ConsequenceType.AnnualGradeCap), (cap.Period, cap.Type));
    }

    [Fact]
    public void GR02_example_3_poor_fair_poor_gives_nothing()
    {
        _co.Month("月度测评", "2026-01", One("E21", 50));
        _co.Month("月度测评", "2026-02", One("E21", 70));
        _co.Month("月度测评", "2026-03", One("E21", 50));
        Assert.Empty(Consequences());
    }

    [Fact]
    public void GR02_example_4_under_the_cumulative_reading_the_third_poor_result_calls_for_a_review()
    {
        using (var db = _co.Db())
            new SchemeStore(db).Save(Actor.Machine("test"), ResultsCompany.MonthlyYaml
                .Replace("id: 月度测评", "id: 月度累计").Replace("{ kind: poor-streak, poor: 不合格 }", "{ kind: poor-streak, poor: 不合格, cumulative_review: true }"));
        decimal[] scores = [50, 70, 50, 70, 50]; // 不佳, 合格, 不佳, 合格, 不佳
        for (var m = 0; m < scores.Length; m++)
        {
            _co.Month("月度测评", $"2026-0{m + 1}", One("E21", scores[m]));
            _co.Month("月度累计", $"2026-0{m + 1}", One("E21", scores[m]));
        }
        // Consecutive reading (月度测评): nothing. Cumulative (月度累计): the fifth month is the third poor result.
        var review = Assert.Single(Consequences());
        Assert.Equal(("月度累计", "2026-05", ConsequenceType.ReassignmentReview), (review.SchemeCode, review.Period, review.Type));
    }

    [Fact]
    public void BP02_and_RK_boundaries_through_a_published_month()
    {
        // BP-02 (base 3,000): 59 → 0, 60 → 1,800, 89.5 → 2,685; RK: the top at 89.5 is not above 90, 60 is not below 60.
        _co.Month("月度测评", "2026-10", new Dictionary<string, decimal> { ["E11"] = 59, ["E12"] = 60, ["E21"] = 89.5m });
        using var db = _co.Db();
        var lines = new PaySheetService(db).Lines(_co.As("hr"), new PaySheetQuery("2026-10")).Where(l => l.Kind == PayLineKind.Person)
            .ToDictionary(l => l.EmployeeNo);
        Assert.Equal((0m, -200m), (lines["E11"].Amounts[0]!.Value, lines["E11"].Amounts[1]!.Value));
        Assert.Equal((1800m, (decimal?)null), (lines["E12"].Amounts[0]!.Value, lines["E12"].Amounts[1]));
        Assert.Equal((2685m, (decimal?)null, 1), (lines["E21"].Amounts[0]!.Value, lines["E21"].Amounts[1], lines["E21"].Rank!.Value));
        _co.Month("月度测评", "2026-11", new Dictionary<string, decimal> { ["E11"] = 90, ["E12"] = 90, ["E21"] = 96 });
        var nov = new PaySheetService(db).Lines(_co.As("hr"), new PaySheetQuery("2026-11")).Where(l => l.Kind == PayLineKind.Person).ToDictionary(l => l.EmployeeNo);
        // 90 → the full 3,000; 96 first and above 90 → +500; the two at 90 share rank 2.
        Assert.Equal((3000m, 3500m), (nov["E11"].Amounts[0]!.Value, nov["E21"].Sum));
        Assert.Equal((2, 2), (nov["E11"].Rank!.Value, nov["E12"].Rank!.Value));
    }
}

public sealed class SqliteRulesThroughWorkflowTests() : RulesThroughWorkflowTests(DatabaseProvider.Sqlite);

public sealed class PostgresRulesThroughWorkflowTests() : RulesThroughWorkflowTests(DatabaseProvider.PostgreSql);
