using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Tests.Results;
using Kaohe.Tests.Offline;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Cli.Tests;

/// <summary>
/// <c>kaohe cycle forms</c> and <c>forms-upload</c> (issue 13 item 3) on <see cref="ResultsCompany"/>: boss rates E11,
/// E12, E21 on the 月度测评 scheme (综合得分, 0–100).
/// </summary>
public sealed class CycleFormsCommandTests : IDisposable
{
    private readonly ResultsCompany _company = new(DatabaseProvider.Sqlite);
    private readonly CliFixture _files = new();
    private readonly int _cycle;
    private readonly string _conn;

    public CycleFormsCommandTests()
    {
        using var db = _company.Db();
        _conn = db.Database.GetConnectionString()!;
        _cycle = new CycleService(db, _company.Clock).Open(_company.As("hr"), new OpenCycleRequest("月度测评", "2026-10", Subjects: ["E11", "E12", "E21"]));
    }

    public void Dispose()
    {
        _files.Dispose();
        _company.Dispose();
    }

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", _conn]);

    private string Fill(string name, byte[] book, Dictionary<string, WorkbookEdit.Value> cells)
    {
        var path = _files.PathOf(name);
        File.WriteAllBytes(path, WorkbookEdit.Set(book, "部长-考核评分", cells));
        return path;
    }

    [Fact]
    public void FormsUpload_WithoutAs_SavesTheDraftsOnTheRatersBehalf()
    {
        var download = Kaohe("cycle", "forms", "--cycle", $"{_cycle}", "--out", _files.PathOf("forms.xlsx"));
        Assert.True(download.ExitCode == 0, download.Err);
        Assert.Contains("3 张未提交评分表", download.Out);
        var filled = Fill("filled.xlsx", File.ReadAllBytes(_files.PathOf("forms.xlsx")), new() { ["D5"] = 88, ["D6"] = "９０" });

        var upload = Kaohe("cycle", "forms-upload", "--cycle", $"{_cycle}", "--file", filled);

        Assert.True(upload.ExitCode == 0, upload.Err);
        Assert.Contains("已保存 2 张评分表为草稿", upload.Out);
        using var db = _company.Db();
        var audit = db.AuditEntries.AsNoTracking().Where(a => a.CycleId == _cycle && a.Action == "修改评分").ToList();
        Assert.Equal(["88", "90"], audit.Select(a => a.NewValue).Order());
        Assert.All(audit, a => Assert.StartsWith("由 HR 代为上传", a.Reason));
    }

    [Fact]
    public void FormsUpload_AsTheRaterWithABadCell_ListsTheCellAndSavesNothing()
    {
        Assert.Equal(0, Kaohe("cycle", "forms", "--cycle", $"{_cycle}", "--out", _files.PathOf("mine.xlsx"), "--as", "boss").ExitCode);
        var filled = Fill("bad.xlsx", File.ReadAllBytes(_files.PathOf("mine.xlsx")), new() { ["D5"] = 88, ["D6"] = 101 });

        var upload = Kaohe("cycle", "forms-upload", "--cycle", $"{_cycle}", "--file", filled, "--as", "boss");

        Assert.Equal(2, upload.ExitCode);
        Assert.Contains("工作表“部长-考核评分”第 6 行 D 列（“101”）", upload.Err);
        Assert.Contains("未保存任何内容", upload.Err);
        using var db = _company.Db();
        Assert.False(db.AuditEntries.Any(a => a.CycleId == _cycle && a.Entity == "评分表"));
    }
}
