using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.IO;
using Kaohe.Schemes;

namespace Kaohe.Web;

/// <summary>The outcome of scoring an uploaded table: every result, or every problem (with row and column).</summary>
public sealed record QuickScoreOutcome(Scheme Scheme, IReadOnlyList<SubjectResult> Results, IReadOnlyList<string> Problems, string? Period);

/// <summary>
/// Quick scoring (快速计分): a table of inputs (CSV, XLSX or JSON, as <c>kaohe score</c> reads them) scored with a
/// scheme, without the customer base or a cycle. All or nothing: with any problem there are no results.
/// </summary>
public static class QuickScore
{
    /// <summary>The largest upload accepted.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>The largest number of subjects shown in the browser; the download has them all.</summary>
    public const int MaxSubjects = 50_000;

    /// <summary>A built-in template or the latest version of an own scheme.</summary>
    public static Scheme Resolve(KaoheDb db, string code)
    {
        // Never SchemeCatalog.Resolve: it would also read a file path on the server.
        if (SchemeCatalog.Find(code)?.Load.Scheme is { } builtin) return builtin;
        var detail = new SchemeStore(db).Get(code);
        return SchemeStore.Parse(detail.Yaml, code);
    }

    /// <summary>Reads and scores <paramref name="stream"/>; <paramref name="fileName"/> decides the format (else its content).</summary>
    public static QuickScoreOutcome Run(Scheme scheme, Stream stream, string fileName)
    {
        var problems = new Problems(null);
        SubjectSource source;
        try
        {
            source = SubjectSource.Open(stream, fileName, scheme, problems);
        }
        catch (InputException e)
        {
            return new QuickScoreOutcome(scheme, [], [e.Message], null);
        }
        using (source)
        {
            List<Kaohe.Core.Inputs.SubjectInput> subjects;
            try
            {
                subjects = [.. source.ReadSubjects().Take(MaxSubjects + 1)];
            }
            catch (InputException e)
            {
                return new QuickScoreOutcome(scheme, [], [e.Message], source.Period);
            }
            if (subjects.Count > MaxSubjects) problems.Add($"对象超过 {MaxSubjects:N0} 个：请用 kaohe score 计分大文件");
            if (subjects.Count == 0 && problems.Count == 0) problems.Add("文件中没有考核对象");
            if (problems.Count > 0) return new QuickScoreOutcome(scheme, [], [.. problems.Kept], source.Period);
            var outcome = ScoringEngine.ScoreAll(scheme, subjects);
            return new QuickScoreOutcome(scheme, outcome.Results, [.. outcome.Errors.Select(e => e.ToString())], source.Period);
        }
    }

    /// <summary>The results as an XLSX workbook (the layout of <c>kaohe score --output x.xlsx</c>).</summary>
    public static byte[] Xlsx(QuickScoreOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var writer = new XlsxResultWriter(buffer, outcome.Scheme))
        {
            foreach (var r in outcome.Results) writer.Write(r, outcome.Period);
            writer.Complete(outcome.Period);
        }
        return buffer.ToArray();
    }
}
