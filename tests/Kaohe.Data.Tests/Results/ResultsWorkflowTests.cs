using Kaohe.Core.Scoring;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Results;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kaohe.Data.Tests.Results;

/// <summary>
/// RULES §14–§16 through the workflow: a sequence of published cycles gives the ranks and rank rewards (RK), the
/// payouts (BP-02), the consequences (GR-02 on the second and third poor month; GR-01 on two adjacent poor quarters),
/// the roll-ups (a missing month shown, never counted as 0; the annual grade capped) and the pay sheet.
/// </summary>
public abstract class ResultsWorkflowTests(DatabaseProvider provider) : IDisposable
{
    private readonly ResultsCompany _co = new(provider);

    public void Dispose()
    {
        _co.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, decimal> Scores(params (string Code, decimal Score)[] s) => s.ToDictionary(x => x.Code, x => x.Score);

    private void ThreeMonths()
    {
        _co.Month("月度测评", "2026-10", Scores(("E11", 55), ("E12", 95), ("E21", 70)));
        _co.Month("月度测评", "2026-11", Scores(("E11", 50), ("E12", 85), ("E21", 59)));
        _co.Month("月度测评", "2026-12", Scores(("E11", 58), ("E21", 80)));
    }

    [Fact]
    public void Ranks_rewards_and_payouts_are_stored_and_shown_in_the_history()
    {
        ThreeMonths();
        using var db = _co.Db();
        var history = new ResultHistory(db).PersonByEmployeeNo(_co.As("hr"), "E12");
        var oct = history.Rows.Single(r => r.Period == "2026-10");
        // E12 95: rank 1 of 3 and above 90 → +500; BP-02 ≥ 90 → the full 3,000.
        Assert.Equal((95m, "优秀", 1, 3, 1, 2, 3000m, 500m), (oct.Total!.Value, oct.Grade, oct.Rank, oct.RankOf, oct.UnitRank, oct.UnitRankOf, oct.Payout!.Value, oct.RankAmount!.Value));
        var nov = history.Rows.Single(r => r.Period == "2026-11");
        // 85: first again but not above 90 → no reward; 60–89 → 3,000 × 85 / 100 = 2,550.
        Assert.Equal((1, 2550m, (decimal?)null), (nov.Rank!.Value, nov.Payout!.Value, nov.RankAmount));
        var e11 = new ResultHistory(db).PersonByEmployeeNo(_co.As("hr"), "E11").Rows.Single(r => r.Period == "2026-10");
        // 55: last of 3, below 60 → −200 and no bonus (BP-02 < 60).
        Assert.Equal((3, 2, 0m, -200m), (e11.Rank!.Value, e11.UnitRank!.Value, e11.Payout!.Value, e11.RankAmount!.Value));
    }

    [Fact]
    public void Two_poor_months_give_a_warning_and_the_third_a_reassignment_review_on_the_result_in_the_list_and_in_the_audit()
    {
        ThreeMonths();
        using var db = _co.Db();
        var list = new ConsequenceService(db).List(_co.As("hr"));
        Assert.Equal([("E11", "2026-12", ConsequenceType.ReassignmentReview), ("E11", "2026-11", ConsequenceType.WarningOrFine)],
            list.Select(c => (c.Code, c.Period, c.Type)));
        Assert.Equal(HistoryRules.WarningTitle, list[1].Title);
        Assert.Contains("不合格", list[1].Explanation);
        // E21: 70 合格, 59 不合格, 80 良好 → a single poor month: nothing.
        Assert.DoesNotContain(list, c => c.Code == "E21");
        // On the result of November.
        var nov = new ResultHistory(db).PersonByEmployeeNo(_co.As("e11"), "E11").Rows.Single(r => r.Period == "2026-11");
        Assert.Equal([HistoryRules.WarningTitle], nov.Consequences.Select(c => c.Title));
        Assert.Equal(2, db.AuditEntries.Count(a => a.Action == "考核结果处理"));

        // Handling needs a note, is audited, and cannot be done twice.
        var warning = list[1];
        var service = new ConsequenceService(db);
        Assert.Equal(400, Assert.Throws<CycleException>(() => service.Handle(_co.As("hr"), warning.Id, new HandleConsequenceRequest(" ", warning.Version))).Status);
        Assert.Equal(403, Assert.Throws<CycleException>(() => service.Handle(_co.As("viewer"), warning.Id, new HandleConsequenceRequest("已警告", warning.Version))).Status);
        // HR of 二组 does not see 一组's consequences.
        Assert.Equal(404, Assert.Throws<CycleException>(() => service.Handle(_co.As("hr2"), warning.Id, new HandleConsequenceRequest("已警告", warning.Version))).Status);
        var handled = service.Handle(_co.As("hr"), warning.Id, new HandleConsequenceRequest("已书面警告", warning.Version));
        Assert.Equal(("已处理", "hr", "已书面警告"), (handled.StatusName, handled.HandledBy, handled.HandledNote));
        Assert.Equal(409, Assert.Throws<CycleException>(() => service.Handle(_co.As("hr"), warning.Id, new HandleConsequenceRequest("再处理", handled.Version))).Status);
        Assert.Single(new ConsequenceService(db).List(_co.As("hr")));
        Assert.Equal(2, new ConsequenceService(db).List(_co.As("hr"), openOnly: false).Count);
        Assert.Single(db.AuditEntries.Where(a => a.Action == "处理考核结果" && a.Reason == "已书面警告"));
    }

    [Fact]
    public void A_quarter_rolls_up_as_the_mean_of_the_published_months_and_a_missing_month_is_shown_not_counted()
    {
        ThreeMonths();
        using var db = _co.Db();
        var run = new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-Q4"));
        Assert.Equal((3, 3), (run.Computed, run.Changed));
        var e12 = run.Rows.Single(r => r.Code == "E12");
        // (95 + 85) / 2 = 90 → 优秀; December is missing, listed, not counted as 0.
        Assert.Equal((90m, "优秀", 1), (e12.Total!.Value, e12.Grade, e12.Missing));
        Assert.Equal([("2026-10", (decimal?)95m), ("2026-11", 85m), ("2026-12", null)], e12.Parts.Select(p => (p.Period, p.Total)));
        Assert.Contains("2026-12 缺", e12.Explanation);
        var e11 = run.Rows.Single(r => r.Code == "E11");
        Assert.Equal((55m + 50m + 58m) / 3, e11.Total);
        Assert.Equal("不合格", e11.Grade);

        // Other readings are parameters: a missing month as 0, or no roll-up while one is missing; weights per month.
        var zero = new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-Q4", null, MissingPeriodPolicy.CountAsZero));
        Assert.Equal((95m + 85m + 0m) / 3, zero.Rows.Single(r => r.Code == "E12").Total);
        var strict = new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-Q4", null, MissingPeriodPolicy.RequireAll));
        Assert.Null(strict.Rows.Single(r => r.Code == "E12").Total);
        var weighted = new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-Q4", [1, 1, 2]));
        Assert.Equal((70m + 59m + 2 * 80m) / 4, weighted.Rows.Single(r => r.Code == "E21").Total);
        // Stored once per person and period (recomputed in place), in the history, every change audited.
        Assert.Equal(3, db.Rollups.Count());
        var row = new ResultHistory(db).PersonByEmployeeNo(_co.As("hr"), "E21").Rows.Single(r => r.IsRollup);
        Assert.Equal(("2026-Q4", "汇总"), (row.Period, row.State));
        Assert.True(db.AuditEntries.Count(a => a.Entity == "汇总结果") >= 6);

        var bad = Assert.Throws<CycleException>(() => new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-Q4", [1, 2])));
        Assert.Equal("权重", bad.Fields.Single().Field);
        Assert.Equal(400, Assert.Throws<CycleException>(() => new RollupService(db).Compute(_co.As("hr"), new RollupRequest("月度测评", "2026-10"))).Status);
        Assert.Equal(403, Assert.Throws<CycleException>(() => new RollupService(db).Compute(_co.As("viewer"), new RollupRequest("月度测评", "2026-Q4"))).Status);
    }

    [Fact]
    public void Two_adjacent_poor_quarters_cap_the_annual_grade_at_B_minus()
    {
        // GR-01 example 1 shape: Q1 B (76), Q2 C (61), Q3 B− (71), Q4 A+ (95).
        _co.Month("季度触点", "2026-Q1", Scores(("E11", 76)));
        _co.Month("季度触点", "2026-Q2", Scores(("E11", 61)));
        using (var db = _co.Db()) Assert.Empty(new ConsequenceService(db).List(_co.As("hr")));
        _co.Month("季度触点", "2026-Q3", Scores(("E11", 71)));
        _co.Month("季度触点", "2026-Q4", Scores(("E11", 95)));
        using var db2 = _co.Db();
        var cap = Assert.Single(new ConsequenceService(db2).List(_co.As("hr")));
        Assert.Equal((ConsequenceType.AnnualGradeCap, "B-", 2026, "2026-Q3"), (cap.Type, cap.CapGrade, cap.CapYear, cap.Period));
        var year = new RollupService(db2).Compute(_co.As("hr"), new RollupRequest("季度触点", "2026"));
        var e11 = Assert.Single(year.Rows);
        // (76 + 61 + 71 + 95) / 4 = 75.75 → B, capped at B−.
        Assert.Equal((75.75m, "B", "B-"), (e11.Total!.Value, e11.GradeBeforeCap, e11.Grade));
        Assert.Contains("B-", e11.Explanation);
        // The cap is recorded once for the year.
        Assert.Single(new ConsequenceService(db2).List(_co.As("hr"), openOnly: false));
    }

    [Fact]
    public void The_pay_sheet_lists_published_results_by_unit_with_subtotals_and_a_grand_total_and_writes_no_formula()
    {
        ThreeMonths();
        var open = _co.Release("月度测评", "2026-09", Scores(("E11", 90)));
        using var db = _co.Db();
        var sheet = new PaySheetService(db);
        var hr = _co.As("hr");
        var lines = sheet.Lines(hr, new PaySheetQuery("2026-10")).ToList();
        // 一组: E11 0 − 200, E12 3,000 + 500; 二组: E21 2,100 (BP-02: 3,000 × 70 / 100), rank 2 → nothing.
        Assert.Equal([
            (PayLineKind.Person, "E11", -200m), (PayLineKind.Person, "E12", 3500m), (PayLineKind.UnitSubtotal, "", 3300m),
            (PayLineKind.Person, "E21", 2100m), (PayLineKind.UnitSubtotal, "", 2100m), (PayLineKind.GrandTotal, "", 5400m)],
            lines.Select(l => (l.Kind, l.EmployeeNo, l.Sum)));
        var summary = sheet.Summary(hr, new PaySheetQuery("2026-10"));
        Assert.Equal((3, 5400m), (summary.People, summary.GrandTotal));
        Assert.Equal([3300m, 2100m], summary.Units.Select(u => u.Sum));
        // A cycle not yet published is named and not counted.
        var sept = sheet.Summary(hr, new PaySheetQuery("2026-09"));
        Assert.Equal((0, 0m), (sept.People, sept.GrandTotal));
        Assert.Single(sept.NotPublished);
        // HR of 二组 sees only 二组.
        Assert.Equal(2100m, sheet.Summary(_co.As("hr2"), new PaySheetQuery("2026-10")).GrandTotal);
        Assert.Equal(403, Assert.Throws<CycleException>(() => sheet.Summary(_co.As("e11"), new PaySheetQuery("2026-10"))).Status);
        Assert.Equal(400, Assert.Throws<CycleException>(() => sheet.Summary(hr, new PaySheetQuery("十月"))).Status);

        using var xlsx = new MemoryStream();
        sheet.WriteXlsx(hr, new PaySheetQuery("2026-10"), xlsx);
        xlsx.Position = 0;
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal("'=李二", rows[1]["姓名"]);
        Assert.Equal(5400m, Convert.ToDecimal(rows[5]["合计"]));
        Assert.Equal(-200m, Convert.ToDecimal(rows[0]["排名奖罚"]));
        using var csv = new MemoryStream();
        sheet.WriteCsv(hr, new PaySheetQuery("2026-10"), csv);
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF');
        Assert.StartsWith("工号,姓名,单位,方案,期间,总分,等级,排名,绩效奖金,排名奖罚,其他奖扣,合计\r\n", text);
        Assert.Contains("E12,'=李二,一组,客服月度测评,2026-10,95,优秀,1,3000.00,500.00,,3500.00\r\n", text);
        Assert.EndsWith(",合计（3 人）,全部,,2026-10,,,,5100.00,300.00,,5400.00\r\n", text);
        Assert.True(open > 0);
    }

    [Fact]
    public void A_breached_distribution_blocks_publication_until_HR_gives_a_reason_and_bands_can_be_adjusted_before()
    {
        var id = _co.Release("月度测评", "2026-10", Scores(("E11", 55), ("E12", 95), ("E21", 70)));
        using (var db = _co.Db())
        {
            var cycles = new CycleService(db, _co.Clock);
            var view = cycles.SetGrading(_co.As("hr"), id, new GradingRequest(null, [new DistributionLimitInput("优秀", 20, null)], _co.Version(id)));
            // 1 of 3 优秀 = 33.33% > 20% (at most 0 of 3).
            Assert.Single(view.Breaches);
            Assert.Contains("优秀 1 人", view.Breaches[0]);
            var bad = Assert.Throws<CycleException>(() => cycles.SetGrading(_co.As("hr"), id,
                new GradingRequest(null, [new DistributionLimitInput("卓越", 10, null)], _co.Version(id))));
            Assert.Contains(bad.Fields, f => f.Message.Contains("没有等级“卓越”"));
            // Raising the bar for 优秀 to 96 (after release: recomputed, audited, confirmation reopened).
            var raised = cycles.SetGrading(_co.As("hr"), id, new GradingRequest(
                [new GradeBandInput("优秀", 96), new GradeBandInput("良好", 80), new GradeBandInput("合格", 60), new GradeBandInput("不合格", null)], null, _co.Version(id)));
            Assert.Empty(raised.Breaches);
            Assert.Equal("良好", db.CycleSubjects.AsNoTracking().Single(s => s.CycleId == id && s.Code == "E12").Grade);
            Assert.Contains(db.AuditEntries.AsNoTracking(), a => a.Action == "修改等级标准" && a.CycleId == id);
            // Back to the scheme's bands: the breach is back.
            Assert.Single(cycles.SetGrading(_co.As("hr"), id, new GradingRequest([], null, _co.Version(id))).Breaches);
        }
        var refused = Assert.Throws<CycleException>(() => _co.Publish(id));
        Assert.Equal(409, refused.Status);
        Assert.Contains("等级分布", refused.Message);
        _co.Publish(id, "本月客户表扬集中，经总经理同意");
        using var after = _co.Db();
        Assert.Equal("本月客户表扬集中，经总经理同意", after.Cycles.AsNoTracking().Single(c => c.Id == id).DistributionOverride);
        Assert.Single(after.AuditEntries.AsNoTracking().Where(a => a.Action == "等级分布不符仍发布" && a.Reason == "本月客户表扬集中，经总经理同意"));
    }

    [Fact]
    public void An_appraisee_sees_only_their_own_history_and_HR_only_their_units()
    {
        ThreeMonths();
        using var db = _co.Db();
        var h = new ResultHistory(db);
        Assert.Equal(3, h.Mine(_co.As("e11")).Rows.Count);
        Assert.Equal(404, Assert.Throws<CycleException>(() => h.Person(_co.As("e11"), _co.Staff["E12"])).Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => h.Person(_co.As("hr2"), _co.Staff["E11"])).Status);
        Assert.Equal(3, h.Person(_co.As("hr2"), _co.Staff["E21"]).Rows.Count);
        Assert.Equal(["E21"], h.People(_co.As("hr2"), null).Select(p => p.EmployeeNo));
        Assert.Equal(403, Assert.Throws<CycleException>(() => h.People(_co.As("e11"), null)).Status);
        var unit = h.Unit(_co.As("hr"), _co.T1);
        Assert.Equal([("2026-10", 2, 75m), ("2026-11", 2, 67.5m), ("2026-12", 1, 58m)], unit.Periods.Select(p => (p.Period, p.People, p.Average!.Value)));
        Assert.Equal(3000m + 0m, unit.Periods[0].PayoutTotal);
        var dash = h.Dashboard(_co.As("hr"));
        Assert.Equal(3, dash.Cycles.Count);
        Assert.Equal(["2026-10", "2026-11", "2026-12"], dash.Trend.Select(t => t.Period));
        Assert.Equal((55m + 95m + 70m) / 3, dash.Trend[0].Average);
    }
}

public sealed class SqliteResultsWorkflowTests() : ResultsWorkflowTests(DatabaseProvider.Sqlite);

public sealed class PostgresResultsWorkflowTests() : ResultsWorkflowTests(DatabaseProvider.PostgreSql);
