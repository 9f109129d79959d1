using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using DataPeriod = Kaohe.Data.Time.Period;
using DataPeriodKind = Kaohe.Data.Time.PeriodKind;

namespace Kaohe.Data.Results;

/// <summary>
/// Finds the consequences a newly published cycle completes (GR-02 poor streaks; GR-01 annual caps of quarterly
/// schemes) over each appraisee's published history of the same scheme, and adds them, with an audit entry each, to
/// the context of the publication (saved in its transaction). The history of a person is every published result of
/// the scheme, period by period; a period without a result is a gap the rule skips or breaks on, as it says.
/// The cumulative reading of GR-02 counts the poor results of the current calendar year.
/// </summary>
public static class ConsequenceFinder
{
    /// <summary>Chinese names of the consequence types.</summary>
    public static string TypeName(ConsequenceType t) => t switch
    {
        ConsequenceType.WarningOrFine => "警告或罚款",
        ConsequenceType.ReassignmentReview => "调岗或解约审查",
        _ => "年度等级封顶",
    };

    /// <summary>Chinese names of the states.</summary>
    public static string StatusName(ConsequenceStatus s) => s == ConsequenceStatus.Open ? "待处理" : "已处理";

    /// <summary>Adds the consequences due now that <paramref name="cycle"/>'s results are published; returns them.</summary>
    public static List<Consequence> OnPublish(KaoheDb db, AppraisalCycle cycle, Scheme scheme, IReadOnlyList<CycleSubject> subjects,
        string actor, string? ip, DateTime now)
    {
        var found = new List<Consequence>();
        if (scheme.Consequences.IsDefaultOrEmpty || !DataPeriod.TryParse(cycle.Period, out var current)) return found;
        var order = HistoryRules.GradeOrder(scheme);
        var graded = subjects.Where(s => s.Active && s.Total is not null).ToList();
        if (graded.Count == 0) return found;
        var code = graded[0].SchemeCode;
        // The published history of the scheme, one projection for all subjects (the cycle itself is not published yet).
        var history = (from s in db.CycleSubjects.AsNoTracking()
                       join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                       where c.Status == CycleStatus.Published && s.Active && s.SchemeCode == code && c.Id != cycle.Id
                       select new { s.IsStaff, s.ScopeId, s.Period, s.Grade }).ToList()
            .Where(h => DataPeriod.TryParse(h.Period, out var p) && p.Kind == current.Kind && p.CompareTo(current) < 0)
            .ToLookup(h => (h.IsStaff, h.ScopeId), h => (Period: DataPeriod.Parse(h.Period), h.Grade));
        var existing = db.Consequences.AsNoTracking().Where(x => x.SchemeCode == code).Select(x => new { x.IsStaff, x.ScopeId, x.Type, x.Period, x.CapYear }).ToList()
            .ToLookup(x => (x.IsStaff, x.ScopeId));
        foreach (var s in graded)
        {
            var past = history[(s.IsStaff, s.ScopeId)].ToDictionary(h => h.Period, string? (h) => h.Grade);
            past[current] = s.Grade;
            foreach (var rule in scheme.Consequences)
            {
                ConsequenceOutcome? outcome = rule switch
                {
                    PoorStreakRule poor when s.Grade is not null => HistoryRules.PoorStreak(poor, Slots(past, current, poor.CumulativeReview), order),
                    AnnualCapRule cap when current.Kind == DataPeriodKind.Quarter && s.Grade is not null => HistoryRules.AnnualCap(cap, current.Year, Quarters(past, current, cap.CrossYear), order),
                    _ => null,
                };
                if (outcome is null) continue;
                var type = outcome.Kind switch
                {
                    ConsequenceKind.WarningOrFine => ConsequenceType.WarningOrFine,
                    ConsequenceKind.ReassignmentReview => ConsequenceType.ReassignmentReview,
                    _ => ConsequenceType.AnnualGradeCap,
                };
                int? capYear = type == ConsequenceType.AnnualGradeCap ? current.Year : null;
                // An annual cap is due once a year; the others once per period.
                if (existing[(s.IsStaff, s.ScopeId)].Any(x => x.Type == type
                                      && (capYear is null ? x.Period == cycle.Period : x.CapYear == capYear))) continue;
                var c = new Consequence
                {
                    CycleId = cycle.Id, CycleSubjectId = s.Id, IsStaff = s.IsStaff, ScopeId = s.ScopeId, Code = s.Code, Name = s.Name,
                    UnitId = s.UnitId, PersonStaffId = s.PersonStaffId, SchemeCode = s.SchemeCode, Period = cycle.Period, CapYear = capYear,
                    Type = type, Title = outcome.Title, Explanation = outcome.Explanation, CapGrade = outcome.CapGrade,
                    Status = ConsequenceStatus.Open, CreatedAt = now,
                };
                db.Consequences.Add(c);
                found.Add(c);
                AuditLog.Add(db, now, actor, new AuditNote("考核结果处理", "考核结果处理", $"{cycle.Period}/{s.Code}", TypeName(type), null,
                    outcome.Title, outcome.Explanation, cycle.Id, s.UnitId), ip);
            }
        }
        return found;
    }

    /// <summary>Every period from the first published one (or, for a cumulative count, the start of the year) to the current one.</summary>
    private static List<HistorySlot> Slots(Dictionary<DataPeriod, string?> past, DataPeriod current, bool thisYearOnly)
    {
        var first = past.Keys.Min();
        if (thisYearOnly)
        {
            var start = current.Kind == DataPeriodKind.Year ? current : current with { Index = 1 };
            if (first.CompareTo(start) < 0) first = start;
        }
        var slots = new List<HistorySlot>();
        for (var p = first; p.CompareTo(current) <= 0; p = p.Next())
            slots.Add(new HistorySlot(p.ToString(), p.Year, past.GetValueOrDefault(p)));
        return slots;
    }

    /// <summary>The quarters Q1 … current of the year (with Q4 of the year before when adjacency crosses years).</summary>
    internal static List<HistorySlot> Quarters(Dictionary<DataPeriod, string?> grades, DataPeriod current, bool crossYear)
    {
        var slots = new List<HistorySlot>();
        var first = new DataPeriod(DataPeriodKind.Quarter, current.Year, 1);
        if (crossYear) first = first.Previous();
        for (var p = first; p.CompareTo(current) <= 0; p = p.Next())
            slots.Add(new HistorySlot(p.ToString(), p.Year, grades.GetValueOrDefault(p)));
        return slots;
    }
}
