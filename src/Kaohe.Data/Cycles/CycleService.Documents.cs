using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>An appraisee of a cycle as the summary sheet of an export lists it: the stored figures of its result.</summary>
public sealed record ExportLine(
    int SubjectId, string Code, string Name, int UnitId, bool IsStaff, int ScopeId, decimal? Total, string? Grade, decimal? Payout,
    int? Rank, decimal? RankAmount, decimal? Money, string ConfirmationName);

/// <summary>
/// Reading a whole cycle for its paper documents (issue 13): the same appraisees and results as
/// <see cref="Results"/> — the same access check (<c>VisibleCycle</c>: HR of the units, viewers once released) and
/// the same filter (in the actor's units, never their own appraisal) — but read from the database in batches of
/// <c>batch</c> subjects as the caller enumerates, so an export of a large cycle never holds it whole.
/// </summary>
public sealed partial class CycleService
{
    /// <summary>The number of appraisees of the cycle the actor may see (for progress); refuses as <see cref="Results"/> does.</summary>
    public int ResultCount(Actor actor, int cycleId)
    {
        var cycle = VisibleCycle(actor, cycleId);
        // Only the columns that say whose appraisal it is, streamed: counting reads no result.
        return Visible(cycle.Id, ScopeUnits(actor))
            .Select(s => new CycleSubject { AppraiseeAccountId = s.AppraiseeAccountId, PersonStaffId = s.PersonStaffId })
            .AsEnumerable().Count(s => !actor.IsSubject(s));
    }

    /// <summary>The results of the cycle, as <see cref="Results"/>, read in batches. The access check is made at once, not on enumeration.</summary>
    public IEnumerable<ResultView> ResultsInBatches(Actor actor, int cycleId, int batch = 100)
    {
        var cycle = VisibleCycle(actor, cycleId);
        return Batches(actor, cycle, ScopeUnits(actor), batch).Select(s => ResultOf(s, cycle));
    }

    /// <summary>The summary lines of the cycle (stored total, grade, payout, rank), in the order of <see cref="ResultsInBatches"/>.</summary>
    public IEnumerable<ExportLine> ExportLines(Actor actor, int cycleId, int batch = 500)
    {
        var cycle = VisibleCycle(actor, cycleId);
        return Batches(actor, cycle, ScopeUnits(actor), batch).Select(s =>
        {
            var confirmation = Effective(s.Confirmation, DeadlinePassed(cycle, s));
            return new ExportLine(s.Id, s.Code, s.Name, s.UnitId, s.IsStaff, s.ScopeId, s.Total, s.Grade, s.Payout, s.Rank, s.RankAmount, s.Money,
                CycleWords.Confirmation(confirmation));
        });
    }

    private IQueryable<CycleSubject> Visible(int cycleId, HashSet<int>? scope)
    {
        var query = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId);
        if (scope is not null)
        {
            var units = scope.ToList();
            query = query.Where(s => units.Contains(s.UnitId));
        }
        return query;
    }

    /// <summary>The visible subjects by code (then id), a batch per query, continuing after the last one read (keyset paging).</summary>
    private IEnumerable<CycleSubject> Batches(Actor actor, AppraisalCycle cycle, HashSet<int>? scope, int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch));
        string? lastCode = null;
        var lastId = 0;
        while (true)
        {
            var query = Visible(cycle.Id, scope);
            if (lastCode is not null)
            {
                var (code, id) = (lastCode, lastId);
                query = query.Where(s => string.Compare(s.Code, code) > 0 || (s.Code == code && s.Id > id));
            }
            var page = query.OrderBy(s => s.Code).ThenBy(s => s.Id).Take(batch).ToList();
            foreach (var s in page)
                if (!actor.IsSubject(s)) yield return s;
            if (page.Count < batch) yield break;
            (lastCode, lastId) = (page[^1].Code, page[^1].Id);
        }
    }
}
