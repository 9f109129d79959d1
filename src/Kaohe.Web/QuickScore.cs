using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.IO;
using Kaohe.Schemes;

namespace Kaohe.Web;

/// <summary>
/// The outcome of scoring an uploaded table: every result, or the problems (with row and column) — at most
/// <see cref="InputLimits.MaxProblems"/> of them and a last line saying how many more there are.
/// </summary>
public sealed record QuickScoreOutcome(Scheme Scheme, IReadOnlyList<SubjectResult> Results, IReadOnlyList<string> Problems, string? Period)
{
    /// <summary>The inputs the results were scored from, by subject key (工号 when the table gives one, else name; written into the download so it can be scored again).</summary>
    public IReadOnlyDictionary<string, Kaohe.Core.Inputs.SubjectInput> Inputs { get; init; } = new Dictionary<string, Kaohe.Core.Inputs.SubjectInput>();

    /// <summary>The problems found, listed or not.</summary>
    public int Found { get; init; } = Problems.Count;
}

/// <summary>
/// Quick scoring (快速计分): a table of inputs (CSV, XLSX or JSON, as <c>kaohe score</c> reads them) scored with a
/// scheme, without the customer base or a cycle. All or nothing: with any problem there are no results. What one
/// request may cost is bounded: the upload's size, its rows and columns (<see cref="MaxRows"/>, and the limits of
/// <see cref="InputLimits"/> and <see cref="XlsxGuard"/>), the problems listed, and its time (the caller's token).
/// </summary>
public static class QuickScore
{
    /// <summary>The largest upload accepted.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>The largest number of subjects shown in the browser; the download has them all.</summary>
    public const int MaxSubjects = 50_000;

    /// <summary>
    /// The last worksheet row an XLSX upload may use: MiniExcel yields every row up to the last one, so a cell in row
    /// 1,048,576 alone would be a million rows. Room for <see cref="MaxSubjects"/> with headings and blank rows.
    /// </summary>
    public const int MaxRows = 100_000;

    /// <summary>How long one quick scoring may take; callers combine it with the request's own token.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The extensions quick scoring reads; a name without extension is read by its content.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".txt", ".xlsx", ".xlsm", ".json"];

    /// <summary>A built-in template or the latest version of an own scheme.</summary>
    public static Scheme Resolve(KaoheDb db, string code)
    {
        // Never SchemeCatalog.Resolve: it would also read a file path on the server.
        if (SchemeCatalog.Find(code)?.Load.Scheme is { } builtin) return builtin;
        var detail = new SchemeStore(db).Get(code);
        return SchemeStore.Parse(detail.Yaml, code);
    }

    /// <summary>
    /// Reads and scores <paramref name="stream"/>. <paramref name="fileName"/> is what the client called the file: it
    /// is cleaned (<see cref="UploadName"/>) before it names the file in messages, and its extension decides the
    /// format (without one, the content does). <paramref name="cancel"/> stops reading and scoring
    /// (<see cref="OperationCanceledException"/>).
    /// </summary>
    public static QuickScoreOutcome Run(Scheme scheme, Stream stream, string fileName, CancellationToken cancel = default)
    {
        var name = UploadName.Clean(fileName);
        var ext = UploadName.Extension(name);
        if (ext.Length > 0 && !Extensions.Contains(ext))
        {
            stream.Dispose();
            return new QuickScoreOutcome(scheme, [],
                [ext == ".xls"
                    ? $"不支持旧版 Excel 文件“{name}”（.xls）：请在 Excel 中另存为 .xlsx 或“CSV UTF-8”"
                    : $"不支持的文件类型“{ext}”（文件“{name}”）：请上传 .csv、.xlsx 或 .json 文件"], null);
        }
        var problems = new Problems(null);
        SubjectSource source;
        try
        {
            source = SubjectSource.Open(stream, name, scheme, problems, MaxRows);
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
                subjects = [.. source.ReadSubjects(cancel).Take(MaxSubjects + 1)];
            }
            catch (InputException e)
            {
                return new QuickScoreOutcome(scheme, [], [e.Message], source.Period);
            }
            if (subjects.Count > MaxSubjects) problems.Add($"对象超过 {MaxSubjects:N0} 个：请把表格分成几个较小的文件再计分");
            if (subjects.Count == 0 && problems.Count == 0) problems.Add("文件中没有考核对象");
            if (problems.Count > 0)
                return new QuickScoreOutcome(scheme, [], Listed(problems.Kept, problems.Unlisted), source.Period) { Found = problems.Count };
            var outcome = ScoringEngine.ScoreAll(scheme, subjects, cancel);
            var errors = outcome.Errors.Take(InputLimits.MaxProblems).Select(e => e.ToString()).ToList();
            return new QuickScoreOutcome(scheme, outcome.Results, Listed(errors, outcome.Errors.Length - errors.Count), source.Period)
            {
                Found = outcome.Errors.Length,
                // A repeated name is one of the problems listed (ScoreAll reports it); its first row is the one scored.
                Inputs = subjects.DistinctBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, StringComparer.Ordinal),
            };
        }
    }

    /// <summary>The problems shown, and a last line saying how many more there are.</summary>
    private static List<string> Listed(IReadOnlyList<string> listed, int unlisted) =>
        unlisted > 0 ? [.. listed, Problems.UnlistedText(unlisted, listed.Count)] : [.. listed];

    /// <summary>The results as an XLSX workbook (the layout of <c>kaohe score --output x.xlsx</c>).</summary>
    public static byte[] Xlsx(QuickScoreOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var writer = new XlsxResultWriter(buffer, outcome.Scheme))
        {
            foreach (var r in outcome.Results) writer.Write(outcome.Inputs[r.Key], r, outcome.Period);
            writer.Complete(outcome.Period);
        }
        return buffer.ToArray();
    }
}
