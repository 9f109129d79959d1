using System.Net;
using System.Text;
using Kaohe.Data;
using Kaohe.Data.Tests.Import;
using Kaohe.IO;
using Kaohe.Schemes;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Uploads through the API (security issue 10): hostile names, hostile workbooks and foreign encodings are answered
/// with a Chinese refusal naming the file as the user named it — never an empty 500, never a server path — and quick
/// scoring stops when its token is cancelled.
/// </summary>
public abstract class UploadLimitTests(DatabaseProvider provider) : HostedTests(provider)
{
    private static readonly string LongName = new string('长', 300) + ".csv";

    private static byte[] Example(params string[] path) => File.ReadAllBytes(Path.Combine([Repo.Root, "examples", .. path]));

    [Fact]
    public async Task Import_HostileNames_AnsweredInChinese()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        var units = Example("import", "units.csv");

        foreach (var name in new[] { "..", "." })
        {
            var refused = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload(name, units)), HttpStatusCode.BadRequest);
            Assert.Equal("文件“upload”没有扩展名：请用 .csv（UTF-8）或 .xlsx 文件", refused.Str("title"));
        }
        var pdf = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("units.pdf", units)), HttpStatusCode.BadRequest);
        Assert.Equal("不支持的文件类型“.pdf”（文件“units.pdf”）：请用 .csv（UTF-8）或 .xlsx 文件", pdf.Str("title"));

        await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload(LongName, units)), HttpStatusCode.OK);
        await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("../../etc/units.csv", units)), HttpStatusCode.OK);
        using var db = Host.Db.Database.CreateContext();
        var names = db.ImportRuns.OrderBy(r => r.Id).Select(r => r.FileName).ToList();
        Assert.Equal(100, names[0].Length);
        Assert.EndsWith("长.csv", names[0]);
        Assert.Equal("units.csv", names[1]);
    }

    [Fact]
    public async Task Import_RefusedFiles_NameTheUploadNeverTheServerPath()
    {
        CreateCompany();
        using var admin = await Host.As("admin");

        var big5 = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("组织.csv", HostileFiles.Encode(HostileFiles.Texts.Traditional, "big5"))), HttpStatusCode.BadRequest);
        var bomb = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("组织.xlsx", HostileFiles.SharedStringBomb())), HttpStatusCode.BadRequest);
        var xfd = await Json.Read(await admin.PostAsync("/api/import/units", Files.Upload("组织.xlsx",
            HostileFiles.Xlsx(HostileFiles.Row(1, "单位编码", "单位名称", "类型") + "<row r=\"2\">" + HostileFiles.Cell("XFD2", "x") + "</row>"))), HttpStatusCode.BadRequest);

        Assert.Equal("文件“组织.csv”编码无法识别（看起来像繁体 Big5 编码）：请在 Excel 中另存为“CSV UTF-8”后再导入", big5.Str("title"));
        Assert.StartsWith("Excel 文件“组织.xlsx”", bomb.Str("title"));
        Assert.Equal("Excel 文件“组织.xlsx”第一个工作表第 2 行的单元格 XFD2 超出了支持的列数（最多 256 列）", xfd.Str("title"));
        foreach (var title in new[] { big5, bomb, xfd }.Select(p => p.Str("title")))
        {
            Assert.DoesNotContain(Path.GetTempPath(), title);
            Assert.DoesNotContain("kaohe-upload", title);
        }
    }

    [Fact]
    public async Task Score_HostileNames_AnsweredInChinese()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var csv = Example("tpl04-offices.csv");

        // Without an extension the content decides: this is a CSV.
        foreach (var name in new[] { "..", ".", LongName, "../../offices.csv" })
            await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload(name, csv)), HttpStatusCode.OK);

        var pdf = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.pdf", csv)), HttpStatusCode.BadRequest);
        Assert.Equal("不支持的文件类型“.pdf”（文件“offices.pdf”）：请上传 .csv、.xlsx 或 .json 文件", Assert.Single(pdf.GetProperty("details").EnumerateArray()).GetString());
        var xls = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.xls", csv)), HttpStatusCode.BadRequest);
        Assert.StartsWith("不支持旧版 Excel 文件“offices.xls”", Assert.Single(xls.GetProperty("details").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Score_HostileWorkbooks_Refused()
    {
        CreateCompany();
        using var hr = await Host.As("hr");

        var bomb = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("考核.xlsx", HostileFiles.SharedStringBomb())), HttpStatusCode.BadRequest);
        var xfd = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("考核.xlsx",
            HostileFiles.Xlsx(HostileFiles.Row(1, "对象") + "<row r=\"7\">" + HostileFiles.Cell("A7", "华东办事处") + HostileFiles.Cell("XFD7", "x") + "</row>"))), HttpStatusCode.BadRequest);
        var far = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("考核.xlsx",
            HostileFiles.Xlsx(HostileFiles.Row(1, "对象") + "<row r=\"1048576\">" + HostileFiles.Cell("A1048576", "华东办事处") + "</row>"))), HttpStatusCode.BadRequest);

        Assert.StartsWith("Excel 文件“考核.xlsx”", Assert.Single(bomb.GetProperty("details").EnumerateArray()).GetString());
        Assert.Equal("Excel 文件“考核.xlsx”第一个工作表第 7 行的单元格 XFD7 超出了支持的列数（最多 256 列）", Assert.Single(xfd.GetProperty("details").EnumerateArray()).GetString());
        Assert.Equal($"Excel 文件“考核.xlsx”第一个工作表的第 1,048,576 行超出了支持的行数（最多 {QuickScore.MaxRows:N0} 行）", Assert.Single(far.GetProperty("details").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Score_ThousandsOfBadRows_ListsAThousandAndCountsTheRest()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var csv = new StringBuilder("对象,负责区域内客户调查情况\n");
        for (var i = 1; i <= 2_500; i++) csv.Append($"办事处{i},很好\n");

        var refused = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.csv", csv.ToString())), HttpStatusCode.BadRequest);

        var details = refused.GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Equal(1_001, details.Count);
        Assert.StartsWith("还有 ", details[^1]);
        Assert.EndsWith("个问题未列出（只列出了前 1,000 个）", details[^1]);
    }

    [Fact]
    public void QuickScore_ThousandsOfBadRows_FoundCountsThemAll()
    {
        var scheme = SchemeCatalog.Find("TPL-04")!.Load.Scheme!;
        var csv = new StringBuilder("对象,负责区域内客户调查情况\n");
        for (var i = 1; i <= 1_500; i++) csv.Append($"办事处{i},很好\n");

        var outcome = QuickScore.Run(scheme, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "offices.csv");

        Assert.Equal(1_001, outcome.Problems.Count);
        Assert.True(outcome.Found > 1_500, $"found {outcome.Found}");
        Assert.Equal(Problems.UnlistedText(outcome.Found - 1_000, 1_000), outcome.Problems[^1]);
    }

    /// <summary>A stream that cancels a token once it has been read from.</summary>
    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cancel) : MemoryStream(bytes)
    {
        // MemoryStream's span overload comes here for a derived type.
        public override int Read(byte[] buffer, int offset, int count)
        {
            cancel.Cancel();
            return base.Read(buffer, offset, count);
        }
    }

    [Theory]
    [InlineData("offices.csv")]
    [InlineData("offices.xlsx")]
    public void QuickScore_CancelledWhileReading_Stops(string name)
    {
        var scheme = SchemeCatalog.Find("TPL-04")!.Load.Scheme!;
        var bytes = name.EndsWith(".csv", StringComparison.Ordinal)
            ? Example("tpl04-offices.csv")
            : HostileFiles.Xlsx(HostileFiles.Row(1, "对象") + HostileFiles.Row(2, "华东办事处"));
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => QuickScore.Run(scheme, new CancellingStream(bytes, cancel), name, cancel.Token));
    }
}

public sealed class SqliteUploadLimitTests() : UploadLimitTests(DatabaseProvider.Sqlite);

public sealed class PostgresUploadLimitTests() : UploadLimitTests(DatabaseProvider.PostgreSql);
