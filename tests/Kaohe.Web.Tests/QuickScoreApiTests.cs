using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>Quick scoring through the API: the same reader and engine as <c>kaohe score</c>, all or nothing.</summary>
public abstract class QuickScoreApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task A_table_is_scored_with_explanations_downloaded_as_xlsx_and_a_bad_row_is_named()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var csv = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "examples", "tpl04-offices.csv"));

        var scored = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.csv", csv)), HttpStatusCode.OK);
        var first = scored.GetProperty("results")[0];
        Assert.Equal(("华东办事处", 75m), (first.Str("subject"), first.Dec("total")));
        Assert.NotEmpty(first.GetProperty("indicators")[0].Str("explanation"));

        var xlsx = await hr.PostAsync("/api/score?scheme=TPL-04&format=xlsx", Files.Upload("offices.csv", csv));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);

        var bad = csv.Replace("华东办事处,良好,优秀", "华东办事处,很好,优秀", StringComparison.Ordinal);
        var refused = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.csv", bad)), HttpStatusCode.BadRequest);
        Assert.Contains(refused.GetProperty("details").EnumerateArray(), d => d.GetString()!.Contains("很好", StringComparison.Ordinal) && d.GetString()!.Contains("华东办事处", StringComparison.Ordinal));

        // A server path is not a scheme; raters do not use quick scoring.
        await Json.Read(await hr.PostAsync("/api/score?scheme=/etc/passwd", Files.Upload("offices.csv", csv)), HttpStatusCode.NotFound);
        using var rater = await Host.As("rater1");
        await Json.Read(await rater.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.csv", csv)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_downloaded_xlsx_uploaded_again_scores_the_same_and_a_corrected_cell_changes_only_its_subject()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var csv = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "examples", "tpl04-offices.csv"));
        var scored = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("offices.csv", csv)), HttpStatusCode.OK);
        var download = await hr.PostAsync("/api/score?scheme=TPL-04&format=xlsx", Files.Upload("offices.csv", csv));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var xlsx = await download.Content.ReadAsByteArrayAsync();

        var again = await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("TPL-04-结果.xlsx", xlsx)), HttpStatusCode.OK);

        Assert.Equal(Summary(scored), Summary(again));
        Assert.True(Summary(scored).Count > 1);

        // A clerk corrects 华东办事处's first grade (良好 → 优秀) in the downloaded workbook and scores it again.
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "结果")
            .Cast<IDictionary<string, object?>>().Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList();
        var first = rows[0].Keys.ElementAt(1);
        Assert.Equal(("华东办事处", "良好"), (rows[0]["对象"], rows[0][first]));
        rows[0][first] = "优秀";
        using var corrected = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(corrected, rows);

        var after = Summary(await Json.Read(await hr.PostAsync("/api/score?scheme=TPL-04", Files.Upload("corrected.xlsx", corrected.ToArray())), HttpStatusCode.OK));

        Assert.NotEqual(Summary(scored)[0], after[0]);
        Assert.Equal(Summary(scored).Skip(1), after.Skip(1));
    }

    /// <summary>Each subject's total, grade and every indicator's score.</summary>
    private static List<string> Summary(JsonElement scored) =>
    [
        .. scored.GetProperty("results").EnumerateArray().Select(r =>
            $"{r.Str("subject")}|{r.Dec("total")}|{r.GetProperty("grade")}|"
            + string.Join("|", r.GetProperty("indicators").EnumerateArray().Select(i => $"{i.Str("name")}={i.GetProperty("score")}"))),
    ];
}

public sealed class SqliteQuickScoreApiTests() : QuickScoreApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresQuickScoreApiTests() : QuickScoreApiTests(DatabaseProvider.PostgreSql);
