using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Offline;
using Kaohe.Data.Tests.Results;
using Kaohe.IO.Offline;
using Kaohe.Tests.Offline;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Offline;

/// <summary>
/// Offline rating round trip (issue 13 item 3) on both providers: the rater (or HR) downloads the open forms, the
/// workbook is filled as Excel stores cells, and the upload lands as drafts with the web form's rules.
/// The company is <see cref="ResultsCompany"/>: boss rates E11 张一, E12 =李二, E21 王三 on one shared form each.
/// </summary>
public abstract class OfflineRatingTests(DatabaseProvider provider) : IDisposable
{
    private const string Yaml = """
        id: 离线测评
        name: 离线测评
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        sections:
          - name: 综合
            indicators:
              - name: 工作质量
                points: 60
                manual: { min: 0, max: 60 }
              - name: 工作态度
                points: 40
                grade: { 优秀: 40, 良好: 30, 一般: 20, 差: 0 }
        """;

    private readonly ResultsCompany _company = new(provider);

    public void Dispose() => _company.Dispose();

    private int Open(string period = "2026-10", IReadOnlyList<AssignmentRequest>? assignments = null)
    {
        using var db = _company.Db();
        if (!db.SchemeVersions.Any(v => v.SchemeCode == "离线测评")) new SchemeStore(db).Save(Actor.Machine("test"), Yaml);
        return new CycleService(db, _company.Clock).Open(_company.As("hr"),
            new OpenCycleRequest("离线测评", period, Subjects: ["E11", "E12", "E21"], Assignments: assignments));
    }

    private byte[] Download(string user, int cycle)
    {
        using var db = _company.Db();
        using var output = new MemoryStream();
        new OfflineRating(new CycleService(db, _company.Clock)).DownloadAsync(_company.As(user), cycle, output).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private OfflineOutcome Upload(string user, int cycle, byte[] workbook)
    {
        using var db = _company.Db();
        return new OfflineRating(new CycleService(db, _company.Clock)).Upload(_company.As(user), cycle, new MemoryStream(workbook), "离线评分表.xlsx");
    }

    private Dictionary<string, RatingForm> Forms(int cycle)
    {
        using var db = _company.Db();
        return (from f in db.RatingForms.AsNoTracking()
                join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                where s.CycleId == cycle
                select new { s.Code, f }).ToDictionary(x => x.Code, x => x.f);
    }

    private List<AuditEntry> Audit(int cycle)
    {
        using var db = _company.Db();
        return [.. db.AuditEntries.AsNoTracking().Where(a => a.CycleId == cycle && a.Entity == "评分表").OrderBy(a => a.Id)];
    }

    private static string Value(RatingForm form, string item) => RawInputJson.FromJson(form.InputsJson)[item].Display;

    private static string Sheet(byte[] workbook) => WorkbookEdit.SheetNames(workbook).Single(n => n != "说明");

    [Fact]
    public void Upload_FilledByRater_SavesDraftsWithAnAuditLineForEveryValue()
    {
        var cycle = Open();
        var book = Download("boss", cycle);
        var sheet = Sheet(book);
        Assert.Equal("部长-考核评分", sheet);
        var filled = WorkbookEdit.Set(book, sheet, new Dictionary<string, WorkbookEdit.Value>
        {
            ["D5"] = 52.5m, ["E5"] = "良好", ["F5"] = "工作细致",
            ["D6"] = "４５", ["E6"] = "优秀",
        });

        var outcome = Upload("boss", cycle, filled);

        Assert.Empty(outcome.Problems);
        Assert.Equal(2, outcome.Saved);
        Assert.Equal(1, outcome.Unchanged);
        var forms = Forms(cycle);
        Assert.Equal("52.5", Value(forms["E11"], "工作质量"));
        Assert.Equal("良好", Value(forms["E11"], "工作态度"));
        Assert.Equal("工作细致", forms["E11"].Comment);
        Assert.Equal("45", Value(forms["E12"], "工作质量"));
        Assert.All(new[] { forms["E11"], forms["E12"] }, f => Assert.Equal((FormStatus.Draft, 2, "boss"), (f.Status, f.Version, f.SavedBy)));
        Assert.Equal(1, forms["E21"].Version);
        var audit = Audit(cycle);
        Assert.Equal(5, audit.Count);
        Assert.All(audit, a => Assert.Equal(("boss", "离线评分表上传"), (a.Actor, a.Reason)));
        Assert.Contains(audit, a => a is { Action: "修改评分", Field: "工作质量", NewValue: "45" } && a.EntityKey.EndsWith("/E12/考核评分", StringComparison.Ordinal));
        Assert.Contains(audit, a => a is { Action: "修改评语", NewValue: "工作细致" });
    }

    [Fact]
    public void Download_WritesTheStoredValuesAndUploadingItUnchangedChangesNothing()
    {
        var cycle = Open();
        var filled = WorkbookEdit.Set(Download("boss", cycle), "部长-考核评分", new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 50, ["E5"] = "一般" });
        Assert.Equal(1, Upload("boss", cycle, filled).Saved);
        var audit = Audit(cycle).Count;

        var again = Upload("boss", cycle, filled);
        var fresh = Upload("boss", cycle, Download("boss", cycle));

        Assert.Equal((0, 3), (again.Saved, again.Unchanged));
        Assert.Empty(again.Problems);
        Assert.Equal((0, 3), (fresh.Saved, fresh.Unchanged));
        Assert.Equal(audit, Audit(cycle).Count);
        Assert.Equal(2, Forms(cycle)["E11"].Version);
    }

    [Fact]
    public void Upload_WithBadCells_ReportsEachAtItsSheetRowAndColumnAndWritesNothing()
    {
        var cycle = Open();
        var filled = WorkbookEdit.Set(Download("boss", cycle), "部长-考核评分", new Dictionary<string, WorkbookEdit.Value>
        {
            ["D5"] = 70, ["E5"] = "良好",
            ["E6"] = "很好",
            ["D7"] = new WorkbookEdit.Value(30, null, "SUM(10,20)"),
            ["G7"] = "多余",
        });

        var outcome = Upload("boss", cycle, filled);

        Assert.Equal(0, outcome.Saved);
        var places = outcome.Problems.Select(p => (p.Sheet, p.Row, p.Column)).ToHashSet();
        Assert.Equal(4, outcome.Problems.Count);
        Assert.Contains(("部长-考核评分", 5, "D"), places);
        Assert.Contains(("部长-考核评分", 6, "E"), places);
        Assert.Contains(("部长-考核评分", 7, "D"), places);
        Assert.Contains(("部长-考核评分", 7, "G"), places);
        Assert.Contains("公式", outcome.Problems.Single(p => p is { Row: 7, Column: "D" }).Reason);
        Assert.Equal("很好", outcome.Problems.Single(p => p is { Row: 6 }).Value);
        Assert.All(Forms(cycle).Values, f => Assert.Equal(1, f.Version));
        Assert.Empty(Audit(cycle));
    }

    [Fact]
    public void Upload_OfAFormSavedSinceTheDownload_IsRefusedForThatRowAndNothingIsWritten()
    {
        var cycle = Open();
        var book = Download("boss", cycle);
        using (var db = _company.Db())
        {
            var form = Forms(cycle)["E11"];
            new CycleService(db, _company.Clock).Save(_company.As("boss"), form.Id,
                new FormSave(JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["工作质量"] = 40 }), null, form.Version));
        }
        var filled = WorkbookEdit.Set(book, "部长-考核评分", new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 55, ["D6"] = 30 });

        var outcome = Upload("boss", cycle, filled);

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((5, "A"), (problem.Row, problem.Column));
        Assert.Contains("下载后已被", problem.Reason);
        var forms = Forms(cycle);
        Assert.Equal("40", Value(forms["E11"], "工作质量"));
        Assert.Equal(1, forms["E12"].Version);
    }

    [Fact]
    public void Upload_ByHrForARater_IsAuditedAsDoneOnTheRatersBehalf()
    {
        var cycle = Open();
        var book = Download("hr", cycle);
        var filled = WorkbookEdit.Set(book, Sheet(book), new Dictionary<string, WorkbookEdit.Value> { ["D7"] = 48, ["E7"] = "良好" });

        var outcome = Upload("hr", cycle, filled);

        Assert.Equal(1, outcome.Saved);
        Assert.Equal("hr", Forms(cycle)["E21"].SavedBy);
        var audit = Audit(cycle);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("hr", a.Actor));
        Assert.All(audit, a => Assert.StartsWith("由 HR 代为上传", a.Reason));
    }

    [Fact]
    public void Upload_OfAnotherRatersForms_IsRefused()
    {
        var cycle = Open(assignments: [new AssignmentRequest("E21", CycleService.SharedRole, "e11")]);
        var bossBook = Download("boss", cycle);
        Assert.Equal(2, Forms(cycle).Values.Count(f => f.RaterAccountId != Forms(cycle)["E21"].RaterAccountId));
        var filled = WorkbookEdit.Set(bossBook, Sheet(bossBook), new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 30 });

        var byOther = Upload("e11", cycle, filled);
        var byScopedHr = Upload("hr2", cycle, filled);

        Assert.Contains(byOther.Problems, p => p.Row == 5 && p.Reason.Contains("你无权填写", StringComparison.Ordinal));
        Assert.Contains(byScopedHr.Problems, p => p.Row == 5 && p.Reason.Contains("你无权填写", StringComparison.Ordinal));
        Assert.Empty(Audit(cycle));
    }

    [Fact]
    public void Upload_OfAnotherCyclesWorkbook_OrOfAnyOtherFile_IsRefusedWithAMessage()
    {
        var cycle = Open();
        var other = Open("2026-11");
        var otherBook = Download("boss", other);

        var wrongCycle = Upload("boss", cycle, WorkbookEdit.Set(otherBook, Sheet(otherBook), new Dictionary<string, WorkbookEdit.Value> { ["D5"] = 30 }));
        var notOurs = Upload("boss", cycle, [.. "PK\u0003\u0004 not a workbook"u8]);
        var tooLarge = Upload("boss", cycle, new byte[XlsxSheetsReader.MaxFileBytes + 1]);

        Assert.Contains("不是本考核", Assert.Single(wrongCycle.Problems).Reason);
        Assert.Contains("无法读取", Assert.Single(notOurs.Problems).Reason);
        Assert.Contains("上限", Assert.Single(tooLarge.Problems).Reason);
        Assert.Empty(Audit(cycle));
    }

    [Fact]
    public void Download_ByARaterOfAnotherCycle_IsNotFound()
    {
        var cycle = Open();
        using var db = _company.Db();
        var e = Assert.Throws<CycleException>(() => new CycleService(db, _company.Clock).OfflineForms(_company.As("e21"), cycle));
        Assert.Equal(404, e.Status);
    }
}

public sealed class SqliteOfflineRatingTests() : OfflineRatingTests(DatabaseProvider.Sqlite);

public sealed class PostgresOfflineRatingTests() : OfflineRatingTests(DatabaseProvider.PostgreSql);
