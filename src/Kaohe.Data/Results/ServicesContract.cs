// TEMPORARY CONTRACT (replaced by the implementations in this folder before the branch lands).
#pragma warning disable CS9113
using Kaohe.Data.Cycles;

namespace Kaohe.Data.Results;

/// <summary>The results history: a person's, a unit's, the archive list, the dashboards.</summary>
public sealed class ResultHistory(KaoheDb db)
{
    /// <summary>A person's history; HR/viewers in scope, the person themself. 404 (CycleException) otherwise.</summary>
    public PersonHistory Person(Actor actor, int staffId) => throw new NotImplementedException();
    /// <summary>A person's history by 工号.</summary>
    public PersonHistory PersonByEmployeeNo(Actor actor, string employeeNo) => throw new NotImplementedException();
    /// <summary>The actor's own history (an appraisee).</summary>
    public PersonHistory Mine(Actor actor) => throw new NotImplementedException();
    /// <summary>员工档案: people in the actor's scope with their latest result; search by 工号/姓名; paged.</summary>
    public IReadOnlyList<PersonSummary> People(Actor actor, string? search, int skip = 0, int take = 50) => throw new NotImplementedException();
    /// <summary>A unit's history (subtree).</summary>
    public UnitHistory Unit(Actor actor, int unitId) => throw new NotImplementedException();
    /// <summary>The charts of one cycle (HR/viewers in scope).</summary>
    public CycleCharts Charts(Actor actor, int cycleId) => throw new NotImplementedException();
    /// <summary>One published (or released) result as a history line: rank of N, unit rank, money lines, consequences.</summary>
    public HistoryRow Row(Actor actor, int subjectId) => throw new NotImplementedException();
    /// <summary>Home charts of HR and managers: the latest published cycles in scope and the monthly trend.</summary>
    public Dashboard Dashboard(Actor actor, int cycles = 3) => throw new NotImplementedException();
}

/// <summary>Consequences from the history: HR's list and recording what was done.</summary>
public sealed class ConsequenceService(KaoheDb db)
{
    /// <summary>Consequences in scope; open only by default.</summary>
    public IReadOnlyList<ConsequenceRow> List(Actor actor, bool openOnly = true) => throw new NotImplementedException();
    /// <summary>Marks a consequence handled with a note (audited); 409 on a stale version.</summary>
    public ConsequenceRow Handle(Actor actor, int id, HandleConsequenceRequest request) => throw new NotImplementedException();
}

/// <summary>Roll-ups of published results into quarters and years.</summary>
public sealed class RollupService(KaoheDb db)
{
    /// <summary>Computes (or recomputes) the roll-up for every appraisee in scope with a published result in the period.</summary>
    public RollupRun Compute(Actor actor, RollupRequest request) => throw new NotImplementedException();
    /// <summary>Stored roll-ups in scope of a scheme and period (both optional).</summary>
    public IReadOnlyList<RollupRow> List(Actor actor, string? schemeCode, string? period) => throw new NotImplementedException();
}

/// <summary>The pay sheet (绩效工资表) of a period from published cycles.</summary>
public sealed class PaySheetService(KaoheDb db)
{
    /// <summary>Heading, unit subtotals and grand total.</summary>
    public PaySheetSummary Summary(Actor actor, PaySheetQuery query) => throw new NotImplementedException();
    /// <summary>Every line in order (people by unit, each unit's subtotal after its people, the grand total last); streamed.</summary>
    public IEnumerable<PayLine> Lines(Actor actor, PaySheetQuery query) => throw new NotImplementedException();
    /// <summary>Writes the sheet as XLSX (streamed; no text becomes a formula).</summary>
    public void WriteXlsx(Actor actor, PaySheetQuery query, Stream output) => throw new NotImplementedException();
    /// <summary>Writes the sheet as CSV (UTF-8 with BOM; texts starting with = + - @ are neutralised).</summary>
    public void WriteCsv(Actor actor, PaySheetQuery query, Stream output) => throw new NotImplementedException();
}
