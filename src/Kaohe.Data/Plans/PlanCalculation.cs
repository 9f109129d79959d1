using Kaohe.Core.Plans;
using Kaohe.Data.Import;
using Kaohe.Schemes.Plans;

namespace Kaohe.Data.Plans;

/// <summary>What a plan computed from input rows: the key-account ledgers or the monthly pay, and every problem.</summary>
/// <param name="Ledgers">Per person, the quarters and the year (a key-account plan).</param>
/// <param name="Months">Per person and month, the pay lines (a loan officer's or an assistant's plan).</param>
/// <param name="Problems">One Chinese line per problem, naming row and column or person and period; nothing is computed when there is one.</param>
public sealed record PlanOutcome(IReadOnlyList<PersonLedger> Ledgers, IReadOnlyList<PayMonthResult> Months, IReadOnlyList<string> Problems);

/// <summary>Runs a plan on input rows: the one computation of <c>kaohe plan</c> and the web's 奖金方案 page.</summary>
public static class PlanCalculation
{
    /// <summary>The largest uploaded table (web page and API).</summary>
    public const long MaxUploadBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Computes <paramref name="doc"/> on an uploaded file: JSON when <paramref name="fileName"/> ends in .json, else a
    /// CSV/XLSX table (written to a temporary file for <see cref="ImportTable"/> and deleted after).
    /// </summary>
    public static PlanOutcome Run(PlanDocument doc, byte[] content, string fileName)
    {
        var problems = new List<string>();
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext == ".json") return Run(doc, PlanInputReader.ReadJson(content, fileName, problems), problems, fileName);
        var temp = Path.Combine(Path.GetTempPath(), $"kaohe-plan-{Guid.NewGuid():N}{(ext == ".xlsx" ? ".xlsx" : ".csv")}");
        try
        {
            File.WriteAllBytes(temp, content);
            return Run(doc, PlanInputReader.ReadTable(temp, fileName, problems), problems, fileName);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Computes <paramref name="doc"/> on <paramref name="rows"/> (already read, with the reading's
    /// <paramref name="problems"/>); <paramref name="inputName"/> names the input in the message for an empty one.
    /// </summary>
    public static PlanOutcome Run(PlanDocument doc, List<PlanRow> rows, List<string> problems, string inputName)
    {
        if (doc.KeyAccount is not { } plan)
        {
            IReadOnlyList<PayMonthResult> months = [];
            if (problems.Count == 0)
                months = doc.LoanOfficer is { } lo
                    ? PayRows.LoanOfficer(lo, rows, ImportValues.TryDate, problems)
                    : PayRows.Assistant(doc.Assistant!, rows, ImportValues.TryDate, problems);
            if (problems.Count == 0 && months.Count == 0) problems.Add($"输入“{inputName}”中没有任何人员的数据");
            return new PlanOutcome([], problems.Count == 0 ? months : [], problems);
        }
        var people = problems.Count == 0 ? PlanRows.Read(plan, rows, problems) : [];
        if (problems.Count == 0 && people.Count == 0) problems.Add($"输入“{inputName}”中没有任何人员的数据");
        var ledgers = new List<PersonLedger>();
        foreach (var person in people)
        {
            var outcome = LedgerEngine.Run(plan, person);
            if (outcome.Ledger is { } l) ledgers.Add(l);
            problems.AddRange(outcome.Problems.Select(p => p.ToString()));
        }
        return new PlanOutcome(problems.Count == 0 ? ledgers : [], [], problems);
    }
}
