using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Text;
using Kaohe.Data.Cycles;
using Kaohe.IO.Offline;

namespace Kaohe.Data.Offline;

/// <summary>
/// Offline rating (issue 13, decision 0010): a cycle's open forms as one workbook — per rater and role one grid of
/// appraisees × items — and the filled workbook back into the forms as drafts through
/// <see cref="CycleService.SaveOffline"/>, which applies the web form's rules (who may write, validation by the engine,
/// the version downloaded, the audit of every changed value) to all rows in one transaction.
/// </summary>
public sealed class OfflineRating(CycleService cycles)
{
    /// <summary>The workbook's file name for a cycle.</summary>
    public static string FileName(int cycleId) => $"离线评分表-考核{cycleId.ToString(CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>
    /// Writes the open forms the actor fills offline (HR: every draft form of their appraisees; a rater: their own) to
    /// <paramref name="output"/>. Returns how many forms it holds.
    /// </summary>
    public async Task<int> DownloadAsync(Actor actor, int cycleId, Stream output, CancellationToken cancel = default)
    {
        var batch = cycles.OfflineForms(actor, cycleId);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "说明" };
        var sheets = batch.Forms.GroupBy(f => (f.RaterAccountId, f.Role))
            .OrderBy(g => g.First().RaterName, StringComparer.Ordinal).ThenBy(g => g.Key.Role, StringComparer.Ordinal)
            .Select(g => Sheet(batch, [.. g], names)).ToList();
        string[] instructions =
        [
            $"离线评分表 · {batch.CycleName}（{batch.Period}，{batch.SchemeName}）",
            $"共 {batch.Forms.Count} 张评分表，{sheets.Count} 个工作表：每个工作表是一位评分人的一种评分表，每行一位被考核人。",
            "请只在浅黄色的格子里填写：分数直接填数字，等级从下拉列表中选择；表头的批注是评分标准，第 4 行是填写要求。",
            "请不要修改工号、姓名和隐藏的识别码，不要增删行、复制行或改工作表名；不要填写公式。",
            "填好后在系统中上传本文件：所填内容保存为草稿（不会提交），请在网页上核对后再提交。",
            "若评分表在下载后已在网页上修改，上传时这一行会被拒绝，以免覆盖：请重新下载后再填写。",
        ];
        await OfflineWorkbookWriter.WriteAsync(output, instructions, sheets, cancel);
        return batch.Forms.Count;
    }

    private static GridSheet Sheet(OfflineForms batch, List<OfflineForm> forms, HashSet<string> names)
    {
        var first = forms[0];
        var columns = first.Items.Select(Column).Append(new GridColumn(OfflineLayout.CommentKey, "评语", "可不填，最多 4000 字", null, [], Wide: true)).ToList();
        var rows = forms.Select(f => new GridRow(
            $"{f.FormId.ToString(CultureInfo.InvariantCulture)}:{f.Version.ToString(CultureInfo.InvariantCulture)}", f.SubjectCode, f.SubjectName,
            [.. f.Items.Select(i => f.Values.GetValueOrDefault(i.Name) is { } v ? Cell(v) : null), f.Comment])).ToList();
        var title = $"{batch.CycleName} · {first.Role} · 评分人：{first.RaterName}（{first.RaterUserName}）";
        return new GridSheet(UniqueName($"{first.RaterName}-{first.Role}", names), title,
            $"{batch.CycleId.ToString(CultureInfo.InvariantCulture)}|{first.RaterAccountId.ToString(CultureInfo.InvariantCulture)}|{first.Role}", columns, rows);
    }

    private static GridColumn Column(Indicator i)
    {
        var header = i.Points is { } p ? $"{i.Name}（{Fmt.Num(p)}分）" : i.Name;
        var standard = RuleDescriber.Describe(i, manualNote: false) + (i.Note is { Length: > 0 } note ? "\n" + note : "");
        var optional = i.Optional ? "（可不填）" : "";
        return i.Rule switch
        {
            GradeRule g => new GridColumn(i.Name, header, string.Join("/", g.Options.Select(o => o.Word)) + optional, standard, [.. g.Options.Select(o => o.Word)]),
            ManualRule m => new GridColumn(i.Name, header, $"{Fmt.Num(m.Min)}～{Fmt.Num(m.Max)} 分{optional}", standard, [], m.Min, m.Max),
            _ => new GridColumn(i.Name, header, "按评分标准填写（见表头批注）" + optional, standard, []),
        };
    }

    /// <summary>A stored input as a cell: a number as a number, anything else as the text it reads as.</summary>
    private static object Cell(RawInput v) =>
        v is RawScalar { IsNumber: true } s && decimal.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : v.Display;

    /// <summary>A valid, unique sheet name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string UniqueName(string wanted, HashSet<string> names)
    {
        var clean = new string([.. wanted.Select(c => "[]:*?/\\'".Contains(c) ? '_' : c)]).Trim();
        if (clean.Length == 0) clean = "评分表";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !names.Add(name); n++)
        {
            var suffix = $"({n.ToString(CultureInfo.InvariantCulture)})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }

    /// <summary>
    /// Reads an uploaded workbook and saves its rows as drafts. Every problem — of the file, of a sheet, of a cell — is
    /// in the outcome with its place; when there is any, nothing is written.
    /// </summary>
    public OfflineOutcome Upload(Actor actor, int cycleId, Stream file, string fileName, CancellationToken cancel = default)
    {
        var (read, refusal) = XlsxSheetsReader.Read(file, fileName, cancel);
        if (refusal is not null) return new OfflineOutcome(0, 0, [CellProblem.File(refusal)]);
        var problems = new List<CellProblem>();
        var grids = OfflineWorkbookReader.Read(read, problems);
        var entries = new List<OfflineEntry>();
        foreach (var grid in grids)
        {
            var tag = grid.Tag.Split('|', 3);
            if (tag.Length != 3 || !int.TryParse(tag[0], NumberStyles.None, CultureInfo.InvariantCulture, out var cycle))
            {
                problems.Add(new CellProblem(grid.Sheet, OfflineLayout.KeyRow, "A", null, "工作表的识别信息被改动，无法读取：请重新下载离线评分表"));
                continue;
            }
            if (cycle != cycleId)
            {
                problems.Add(new CellProblem(grid.Sheet, OfflineLayout.KeyRow, "A", null,
                    $"这个工作表是考核{cycle}的离线评分表，不是本考核（考核{cycleId}）的：请在对应的考核中上传"));
                continue;
            }
            foreach (var row in grid.Rows)
                if (Entry(grid.Sheet, row, problems) is { } entry) entries.Add(entry);
        }
        if (problems.Count == 0 && entries.Count == 0)
            problems.Add(CellProblem.File("离线评分表中没有任何评分表行：请在下载的文件中填写后再上传"));
        return cycles.SaveOffline(actor, cycleId, entries, problems);
    }

    private static OfflineEntry? Entry(string sheet, UploadRow row, List<CellProblem> problems)
    {
        var id = row.Id.Split(':');
        if (id.Length != 2 || !int.TryParse(id[0], NumberStyles.None, CultureInfo.InvariantCulture, out var form)
            || !int.TryParse(id[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            problems.Add(new CellProblem(sheet, row.Row, "A", row.Id, "识别码被改动，无法知道这是哪张评分表：请重新下载离线评分表"));
            return null;
        }
        var inputs = new Dictionary<string, OfflineValue>(StringComparer.Ordinal);
        string? comment = null;
        var commentColumn = "A";
        foreach (var (key, cell) in row.Values)
        {
            if (key == OfflineLayout.CommentKey)
            {
                comment = cell.Text.Trim() is { Length: > 0 } c ? c : null;
                commentColumn = cell.Column;
                continue;
            }
            inputs[key] = new OfflineValue(cell.Column, Value(cell));
        }
        return new OfflineEntry(sheet, row.Row, "A", form, version, inputs, comment, commentColumn);
    }

    /// <summary>
    /// A cell as the engine reads it: a number cell as an exact decimal; a text as typed but with full-width digits,
    /// letters and signs made half-width (８５ → 85), as the web form's values are read.
    /// </summary>
    private static RawScalar Value(UploadCell cell) =>
        cell.IsNumber && decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? new RawScalar(d.ToString(CultureInfo.InvariantCulture), IsNumber: true)
            : new RawScalar(ValueParser.Normalize(cell.Text));
}
