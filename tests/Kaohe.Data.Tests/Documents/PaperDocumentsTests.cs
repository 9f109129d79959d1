using System.Text.Json;
using Kaohe.Data.Cycles;
using Kaohe.Data.Documents;
using Kaohe.Data.Tests.Results;
using Kaohe.IO.Documents;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Documents;

/// <summary>
/// A released cycle of a two-section scheme over <see cref="ResultsCompany"/> (E11 张一, E12 “=李二”, E21 王三, rated by
/// the boss): what the paper document tests of the data, the command line and the web start from.
/// </summary>
public sealed class PaperCompany : IDisposable
{
    public const string PaperYaml = """
        id: 纸质测评
        name: 客服纸质考核表
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: banded, base: 3000, none_below: 60, full_from: 90, per: 100 }
        sections:
          - name: 工作态度
            indicators:
              - name: 出勤
                points: 20
                grade: { 优秀: 20, 良好: 15, 一般: 10, 差: 0 }
              - name: 责任心
                points: 20
                manual: { min: 0, max: 20 }
                note: 主动承担，不推诿
          - name: 工作业绩
            indicators:
              - name: 客户回访
                points: 30
                manual: { min: 0, max: 30 }
              - name: 投诉处理
                points: 30
                manual: { min: 0, max: 30 }
        """;

    public PaperCompany(DatabaseProvider provider)
    {
        Co = new ResultsCompany(provider);
        Cycle = Open();
    }

    public ResultsCompany Co { get; }

    /// <summary>The released cycle (确认中).</summary>
    public int Cycle { get; }

    public string ConnectionString
    {
        get
        {
            using var db = Co.Db();
            return db.Database.GetConnectionString()!;
        }
    }

    public void Dispose() => Co.Dispose();

    // Opened, rated by the boss (E11 90 优秀, E12 75 合格, E21 60 合格) and released.
    private int Open()
    {
        using var db = Co.Db();
        new SchemeStore(db).Save(Actor.Machine("test"), PaperYaml);
        var cycles = new CycleService(db, Co.Clock);
        var id = cycles.Open(Co.As("hr"), new OpenCycleRequest("纸质测评", "2026-10", Subjects: ["E11", "E12", "E21"], ConfirmDays: 3));
        var boss = Co.As("boss");
        var scores = new Dictionary<string, object[]> { ["E11"] = ["优秀", 18, 27, 25], ["E12"] = ["良好", 16, 24, 20], ["E21"] = ["一般", 12, 20, 18] };
        var subjects = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == id).ToDictionary(s => s.Id, s => s.Code);
        foreach (var f in db.RatingForms.AsNoTracking().Where(f => subjects.Keys.Contains(f.CycleSubjectId)).ToList())
        {
            var v = scores[subjects[f.CycleSubjectId]];
            var inputs = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["出勤"] = v[0], ["责任心"] = v[1], ["客户回访"] = v[2], ["投诉处理"] = v[3] });
            cycles.Submit(boss, f.Id, new FormSave(inputs, "认真负责", f.Version));
        }
        cycles.Release(Co.As("hr"), id, new ReleaseRequest(Co.Version(id)));
        return id;
    }

    public int Subject(string code)
    {
        using var db = Co.Db();
        return db.CycleSubjects.AsNoTracking().Single(s => s.CycleId == Cycle && s.Code == code).Id;
    }

    public int FormOf(string code)
    {
        var subject = Subject(code);
        using var db = Co.Db();
        return db.RatingForms.AsNoTracking().Single(f => f.CycleSubjectId == subject).Id;
    }
}

/// <summary>
/// Issue 13: forms and results as paper documents, built from what the pages show and refused where the pages refuse;
/// the workbook read back (cells, merged 考核项目 cells, print settings, no formula from a name typed as “=李二”).
/// </summary>
public abstract class PaperDocumentsTests(DatabaseProvider provider) : IDisposable
{
    private readonly PaperCompany _paper = new(provider);
    private ResultsCompany Co => _paper.Co;
    private int CycleId => _paper.Cycle;

    public void Dispose()
    {
        _paper.Dispose();
        GC.SuppressFinalize(this);
    }

    private int Subject(string code) => _paper.Subject(code);

    private int FormOf(string code) => _paper.FormOf(code);

    [Fact]
    public void Result_has_the_header_the_sections_with_their_items_and_subtotals_and_the_stored_total_grade_and_payout()
    {
        using var db = Co.Db();
        var stored = db.CycleSubjects.AsNoTracking().Single(s => s.Id == Subject("E11"));
        var doc = new PaperDocuments(db, Co.Clock).Result(Co.As("hr"), stored.Id);
        Assert.Equal("客服纸质考核表", doc.Title);
        Assert.Equal("张一（E11）", doc.Header.Single(h => h.Label == "考核对象").Value);
        Assert.Equal(("一组", "客服"), (doc.Header.Single(h => h.Label == "单位").Value, doc.Header.Single(h => h.Label == "岗位").Value));
        Assert.Contains("部长", doc.Header.Single(h => h.Label == "考核人").Value);
        Assert.Equal(["工作态度", "工作业绩"], doc.Sections.Select(s => s.Name));
        Assert.Equal([1, 2, 3, 4], doc.Sections.SelectMany(s => s.Items).Select(i => i.No));
        var attendance = doc.Sections[0].Items[0];
        Assert.Equal(("出勤", "20", 20m), (attendance.Name, attendance.Points, attendance.Score!.Value.Number!.Value));
        Assert.Contains("优秀", attendance.Standard);
        Assert.False(string.IsNullOrWhiteSpace(attendance.Remark));
        Assert.Contains("主动承担", doc.Sections[0].Items[1].Standard);
        Assert.Equal((38m, 52m), (doc.Sections[0].Subtotal!.Value.Number!.Value, doc.Sections[1].Subtotal!.Value.Number!.Value));
        // The figures are the stored ones.
        Assert.Equal(stored.Total, doc.Totals.Single(t => t.Label == "总分").Value.Number);
        Assert.Equal(stored.Grade, doc.Totals.Single(t => t.Label == "等级").Value.Word);
        Assert.Equal(stored.Payout, doc.Totals.Single(t => t.Label == "绩效奖金（元）").Value.Number);
        Assert.Equal((90m, "优秀", 3000m), (stored.Total!.Value, stored.Grade, stored.Payout!.Value));
        Assert.Contains(doc.Remarks, r => r.Label.StartsWith("评语", StringComparison.Ordinal) && r.Value == "认真负责");
        Assert.Equal(["考核人签字", "被考核人签字"], doc.Signatures);
        // No developer codes: no rule ids, no section numbers.
        Assert.DoesNotContain(doc.Sections.SelectMany(s => s.Items), i => i.Standard.Contains("GR-", StringComparison.Ordinal));
    }

    [Fact]
    public void Form_shows_what_the_rater_entered_and_a_blank_form_leaves_it_out()
    {
        using var db = Co.Db();
        var docs = new PaperDocuments(db, Co.Clock);
        var filled = docs.Form(Co.As("boss"), FormOf("E12"));
        Assert.Equal("=李二（E12）", filled.Header.Single(h => h.Label == "考核对象").Value);
        Assert.Equal(["良好", "16", "24", "20"], filled.Sections.SelectMany(s => s.Items).Select(i => i.Score!.Value.Text));
        Assert.Equal("认真负责", filled.Remarks.Single().Value);
        var blank = docs.Form(Co.As("hr"), FormOf("E12"), blank: true);
        Assert.All(blank.Sections.SelectMany(s => s.Items), i => Assert.Null(i.Score));
        Assert.Equal("", blank.Remarks.Single().Value);
        Assert.Equal("空白表", blank.Header.Single(h => h.Label == "状态").Value);
        Assert.StartsWith("合计（满分 100 分）", blank.Totals.Single().Label);
    }

    [Fact]
    public void Documents_are_refused_exactly_where_the_pages_refuse()
    {
        using var db = Co.Db();
        var docs = new PaperDocuments(db, Co.Clock);
        // An appraisee: their own result only; no form; no cycle.
        Assert.Equal("张一（E11）", docs.Result(Co.As("e11"), Subject("E11")).Header[0].Value);
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Result(Co.As("e11"), Subject("E12"))).Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Form(Co.As("e11"), FormOf("E11"))).Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Cycle(Co.As("e11"), CycleId)).Status);
        // A rater: the forms they rate, not the results.
        Assert.NotNull(docs.Form(Co.As("boss"), FormOf("E21")));
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Result(Co.As("boss"), Subject("E21"))).Status);
        // HR of 二组: its appraisee only, in the cycle's export too.
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Result(Co.As("hr2"), Subject("E11"))).Status);
        Assert.Equal(404, Assert.Throws<CycleException>(() => docs.Form(Co.As("hr2"), FormOf("E11"))).Status);
        var scoped = docs.Cycle(Co.As("hr2"), CycleId);
        Assert.Equal(1, scoped.Count);
        Assert.Equal(["E21 王三"], scoped.Forms.Select(f => f.Name));
        Assert.Single(scoped.Summary.Rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public void A_cycle_read_in_batches_gives_every_visible_appraisee_once_in_code_order(int batch)
    {
        using var db = Co.Db();
        var cycles = new CycleService(db, Co.Clock);
        Assert.Equal(["E11", "E12", "E21"], cycles.ResultsInBatches(Co.As("hr"), CycleId, batch).Select(r => r.SubjectCode));
        Assert.Equal(["E11", "E12", "E21"], cycles.ExportLines(Co.As("hr"), CycleId, batch).Select(l => l.Code));
        Assert.Equal(["E21"], cycles.ResultsInBatches(Co.As("hr2"), CycleId, batch).Select(r => r.SubjectCode));
        // The same figures as the page's list of results.
        Assert.Equal(cycles.Results(Co.As("hr"), CycleId).Select(r => (r.SubjectCode, r.Total, r.Grade, r.Payout)),
            cycles.ResultsInBatches(Co.As("hr"), CycleId, batch).Select(r => (r.SubjectCode, r.Total, r.Grade, r.Payout)));
    }

    [Fact]
    public void Cycle_workbook_has_a_summary_and_a_sheet_per_appraisee_with_merged_sections_print_settings_and_no_formula()
    {
        using var db = Co.Db();
        var cycle = new PaperDocuments(db, Co.Clock).Cycle(Co.As("hr"), CycleId);
        Assert.Equal(3, cycle.Count);
        var book = new WorkbookReader(Workbook(cycle.Summary, cycle.Forms));
        Assert.Equal(["汇总", "E11 张一", "E12 =李二", "E21 王三"], book.Sheets.Select(s => s.Name));

        var summary = book["汇总"];
        var e12 = WorkbookReader.Find(summary, "=李二");
        Assert.Contains(e12, summary.StringCells);
        var row = WorkbookReader.RowOf(e12);
        // 序号, 工号, 姓名, 单位, 岗位, 总分 …: E12 scored 16 + 15 + 24 + 20 = 75 (良好 is 15 points).
        Assert.Equal(("E12", "一组", "客服", "75", "合格"), (summary.Cells[$"B{row}"], summary.Cells[$"D{row}"], summary.Cells[$"E{row}"], summary.Cells[$"F{row}"], summary.Cells[$"G{row}"]));

        var sheet = book["E12 =李二"];
        Assert.Equal(0, book.Sheets.Sum(s => s.Formulas));
        Assert.Equal("客服纸质考核表", sheet.Cells["A1"]);
        Assert.Contains("A1:G1", sheet.Merges);
        var subject = WorkbookReader.Find(sheet, "=李二（E12）");
        Assert.Contains(subject, sheet.StringCells);
        // The item table: heading, then 工作态度 over its two items and its subtotal, merged.
        var heading = WorkbookReader.RowOf(WorkbookReader.Find(sheet, "评分标准"));
        Assert.Equal(["序号", "考核项目", "考核内容", "分值", "评分标准", "得分", "备注"], "ABCDEFG".Select(c => sheet.Cells[$"{c}{heading}"]));
        Assert.Equal(("1", "工作态度", "出勤", "20", "15"), (sheet.Cells[$"A{heading + 1}"], sheet.Cells[$"B{heading + 1}"], sheet.Cells[$"C{heading + 1}"], sheet.Cells[$"D{heading + 1}"], sheet.Cells[$"F{heading + 1}"]));
        Assert.Contains($"B{heading + 1}:B{heading + 3}", sheet.Merges);
        Assert.Equal(("小计", "31"), (sheet.Cells[$"C{heading + 3}"], sheet.Cells[$"F{heading + 3}"]));
        Assert.Equal("工作业绩", sheet.Cells[$"B{heading + 4}"]);
        Assert.Contains($"B{heading + 4}:B{heading + 6}", sheet.Merges);
        var total = WorkbookReader.RowOf(WorkbookReader.Find(sheet, "总分"));
        Assert.Equal("75", sheet.Cells[$"F{total}"]);
        Assert.Contains($"A{total}:E{total}", sheet.Merges);
        Assert.Contains("考核人签字：", sheet.Cells.Values);
        Assert.Contains("被考核人签字：", sheet.Cells.Values);
        // Printed on A4, one page wide, the item heading on every page, numbered.
        var index = book.Sheets.IndexOf(sheet);
        Assert.Equal($"'E12 =李二'!${heading}:${heading}", book.PrintTitles[index]);
        Assert.Equal((9u, 1u, 0u), (sheet.Page!.PaperSize!.Value, sheet.Page.FitToWidth!.Value, sheet.Page.FitToHeight!.Value));
        Assert.True(sheet.FitToPage);
        Assert.Contains("&P", sheet.OddFooter);
    }

    private static byte[] Workbook(PaperSummary? summary, IEnumerable<PaperForm> forms)
    {
        using var output = new MemoryStream();
        PaperWorkbook.WriteAsync(output, summary, forms).GetAwaiter().GetResult();
        Samples.Save($"paper-{(summary is null ? "form" : "cycle")}.xlsx", output.ToArray());
        return output.ToArray();
    }
}

public sealed class SqlitePaperDocumentsTests() : PaperDocumentsTests(DatabaseProvider.Sqlite);

public sealed class PostgresPaperDocumentsTests() : PaperDocumentsTests(DatabaseProvider.PostgreSql);
