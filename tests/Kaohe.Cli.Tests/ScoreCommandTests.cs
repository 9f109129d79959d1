using System.Text;
using System.Text.Json;
using Kaohe.Cli.Commands;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private const string JsonInput = """
        { "period": "2026-10",
          "subjects": [
            { "name": "客户部",
              "inputs": {
                "工作态度": "优秀",
                "客户满意率": "85%",
                "客户流失率": { "value": "2.5%", "baseline": "3.0%" }
              },
              "奖金基数": 3000 },
            { "name": "市场部",
              "inputs": {
                "工作态度": "良好",
                "客户满意率": 0.92,
                "客户流失率": { "value": "1.0%", "基数": "3.0%" }
              } } ] }
        """;

    private const string CsvInput = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数\n" +
                                    "客户部,优秀,85%,2.5%,3.0%,3000\n" +
                                    "市场部,良好,0.92,1.0%,3.0%,\n";

    private static JsonElement Indicator(JsonElement result, string name) =>
        result.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    private static void AssertFirstTwo(JsonElement root)
    {
        var results = root.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var a = results[0];
        Assert.Equal("客户部", a.GetProperty("subject").GetString());
        Assert.Equal(80m, a.GetProperty("total").GetDecimal());
        Assert.Equal("80", a.GetProperty("total_exact").GetString());
        Assert.Equal("良好", a.GetProperty("grade").GetString());
        Assert.Equal(2400m, a.GetProperty("payout").GetDecimal());
        Assert.Equal(30m, Indicator(a, "客户满意率").GetProperty("score").GetDecimal());
        Assert.Equal(40m, Indicator(a, "客户满意率").GetProperty("max").GetDecimal());
        Assert.Equal("定量", Indicator(a, "客户满意率").GetProperty("category").GetString());
        Assert.Equal("定性", Indicator(a, "工作态度").GetProperty("category").GetString());
        Assert.Contains("2.5%", Indicator(a, "客户流失率").GetProperty("explanation").GetString());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("explanation").GetProperty("total").GetString()));
        Assert.Equal(2, a.GetProperty("sections").GetArrayLength());

        var b = results[1];
        Assert.Equal("市场部", b.GetProperty("subject").GetString());
        Assert.Equal(89m, b.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("payout").ValueKind);
        Assert.Equal(34m, Indicator(b, "客户流失率").GetProperty("score").GetDecimal());
    }

    // ------------------------------------------------------------------ formats in and out

    [Fact]
    public void Score_JsonInputToJsonFile_WritesScoresGradesAndPayout()
    {
        var scheme = _fx.Scheme();
        var input = _fx.Write("in.json", JsonInput);
        var output = _fx.PathOf("out.json");

        var r = CliFixture.Run("score", "--scheme", scheme, "--input", input, "--output", output);

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("", r.Out);
        var root = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.Equal("TEST-01", root.GetProperty("scheme").GetString());
        Assert.Equal("测试考核表", root.GetProperty("scheme_name").GetString());
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        AssertFirstTwo(root);
        Assert.Equal(["in.json", "out.json", "scheme.yaml"], _fx.Files());
    }

    [Fact]
    public void Score_CsvInputWithoutOutput_WritesJsonToStdout()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput));

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    [Fact]
    public void Score_CsvWithBomAndCrLf_ReadsLikePlainCsv()
    {
        var input = _fx.Write("in.csv", CsvInput.Replace("\n", "\r\n"), bom: true);

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input);

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    [Fact]
    public void Score_XlsxInput_NumericCellsAreFractionsAndTextIsText()
    {
        var input = _fx.PathOf("in.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["对象"] = "客户部", ["工作态度"] = "优秀", ["客户满意率"] = 0.85m, ["客户流失率"] = "2.5%", ["客户流失率[基数]"] = 0.03m, ["奖金基数"] = 3000m },
            new() { ["对象"] = "市场部", ["工作态度"] = "良好", ["客户满意率"] = "92%", ["客户流失率"] = 0.01m, ["客户流失率[基数]"] = "3%", ["奖金基数"] = null },
        };
        MiniExcel.SaveAs(input, rows);

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input);

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    [Fact]
    public void Score_XlsxInputWithProblem_NamesSpreadsheetRow()
    {
        var input = _fx.PathOf("in.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["对象"] = "客户部", ["工作态度"] = "优秀", ["客户满意率"] = 0.85m, ["客户流失率"] = "2.5%", ["客户流失率[基数]"] = "3%" },
            new() { ["对象"] = "市场部", ["工作态度"] = "极好", ["客户满意率"] = 0.9m, ["客户流失率"] = "2.5%", ["客户流失率[基数]"] = "3%" },
        };
        MiniExcel.SaveAs(input, rows);

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 3 行") && l.Contains("市场部") && l.Contains("工作态度") && l.Contains("极好"));
    }

    [Fact]
    public void Score_CsvOutput_OneRowPerSubjectWithScoreAndExplanationColumns()
    {
        var output = _fx.PathOf("out.csv");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput), "-o", output);

        Assert.True(r.ExitCode == 0, r.Err);
        var bytes = File.ReadAllBytes(output);
        Assert.True(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), "CSV file starts with a BOM for Excel");
        var lines = File.ReadAllLines(output, Encoding.UTF8);
        Assert.Equal(3, lines.Length);
        // The inputs as they were given (in the columns an input table has), then the results.
        Assert.Equal("对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数,总分,等级,奖金,"
                     + "工作态度[得分],工作态度[评分依据],客户满意率[得分],客户满意率[评分依据],客户流失率[得分],客户流失率[评分依据]", lines[0]);
        Assert.StartsWith("客户部,优秀,85%,2.5%,3.0%,3000,80,良好,2400,20,", lines[1]);
        Assert.StartsWith("市场部,良好,0.92,1.0%,3.0%,,89,良好,,15,", lines[2]);
        Assert.Contains($"已写入 {output}（2 个对象）", r.Err);
    }

    [Fact]
    public void Score_MoneyWithCurrencySignAndGrouping_IsReadLikeAPlainNumber()
    {
        var input = _fx.Write("money.csv", "对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数\n客户部,优秀,85%,2.5%,3.0%,\"￥3,000.00\"\n");
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input, "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(2400m, r.Json().GetProperty("results")[0].GetProperty("payout").GetDecimal());

        var bad = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("bad.csv", "对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数\n客户部,优秀,\"8,5%\",2.5%,3.0%,\n"), "--format", "json");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("第 1 个逗号后应为 3 位数字，实有 1 位", bad.Err);
    }

    [Fact]
    public void Score_FormatCsvToStdout_HasNoBom()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", JsonInput), "--format", "csv");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.StartsWith("对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数,总分,等级,奖金,", r.Out);
    }

    [Fact]
    public void Score_XlsxOutput_HasResultSheetAndExplanationSheet()
    {
        var output = _fx.PathOf("out.xlsx");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", JsonInput), "-o", output);

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(["结果", "评分依据"], MiniExcel.GetSheetNames(output));
        var results = MiniExcel.Query(output, useHeaderRow: true, sheetName: "结果").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("客户部", results[0]["对象"]);
        Assert.Equal(80d, Convert.ToDouble(results[0]["总分"]));
        Assert.Equal("良好", results[0]["等级"]);
        Assert.Equal("85%", results[0]["客户满意率"]);
        Assert.Equal("2.5%", results[0]["客户流失率"]);
        Assert.Equal("3.0%", results[0]["客户流失率[基数]"]);
        Assert.Equal(30d, Convert.ToDouble(results[0]["客户满意率[得分]"]));
        Assert.False(string.IsNullOrEmpty(results[0]["客户满意率[评分依据]"] as string));

        var details = MiniExcel.Query(output, useHeaderRow: true, sheetName: "评分依据").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, details.Count);
        Assert.Equal(["对象", "分组", "指标", "得分", "满分", "评分依据"], details[0].Keys);
        Assert.Equal("定量指标", details[1]["分组"]);
        Assert.Equal("客户满意率", details[1]["指标"]);
        Assert.Equal(40d, Convert.ToDouble(details[1]["满分"]));
    }

    [Fact]
    public void Score_XlsxFormatWithoutOutput_Exit2()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", JsonInput), "-f", "xlsx");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--output", r.Err);
    }

    [Fact]
    public void Score_TableFormat_PrintsChineseHeadersAndTotals()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", JsonInput), "-f", "table");

        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var word in new[] { "指标", "得分", "满分", "评分依据", "客户部", "市场部", "总分：80", "等级：良好", "奖金：2400 元" })
            Assert.Contains(word, r.Out);
    }

    [Fact]
    public void Score_StdinDash_SniffsJson()
    {
        var r = CliFixture.RunWithStdin(JsonInput, "score", "-s", _fx.Scheme(), "-i", "-");

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    [Fact]
    public void Score_StdinDash_SniffsCsv()
    {
        var r = CliFixture.RunWithStdin(CsvInput, "score", "-s", _fx.Scheme(), "-i", "-");

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    // ------------------------------------------------------------------ values as users type them

    [Theory]
    [InlineData("85%")]
    [InlineData("８５％")]
    [InlineData(" 85 % ")]
    [InlineData("0.85")]
    [InlineData("  0.85\t")]
    public void Score_PercentWrittenInUsualWays_ReadAs85Percent(string value)
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n" +
                  $"客户部,优秀,\"{value}\",2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.True(r.ExitCode == 0, r.Err);
        var ind = Indicator(r.Json().GetProperty("results")[0], "客户满意率");
        Assert.Equal(30m, ind.GetProperty("score").GetDecimal());
        Assert.Contains("85%", ind.GetProperty("explanation").GetString());
    }

    [Fact]
    public void Score_JsonNumberFraction_ReadAsPercent()
    {
        var json = """{ "subjects": [ { "name": "甲", "inputs": { "工作态度": "一般", "客户满意率": 0.95, "客户流失率": { "value": 0.02, "baseline": 0.03 } } } ] }""";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json));

        Assert.True(r.ExitCode == 0, r.Err);
        var result = r.Json().GetProperty("results")[0];
        Assert.Equal(40m, Indicator(result, "客户满意率").GetProperty("score").GetDecimal());
        Assert.Equal(32m, Indicator(result, "客户流失率").GetProperty("score").GetDecimal());
        Assert.Equal(82m, result.GetProperty("total").GetDecimal());
    }

    [Fact]
    public void Score_JsonNumberAboveOne_ReadAsFraction()
    {
        var json = """{ "subjects": [ { "name": "甲", "inputs": { "工作态度": "一般", "客户满意率": 1.12, "客户流失率": { "value": 0.02, "baseline": 0.03 } } } ] }""";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json));

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("112%", Indicator(r.Json().GetProperty("results")[0], "客户满意率").GetProperty("explanation").GetString());
    }

    [Fact]
    public void Score_AmbiguousBareNumber_RejectedNamingSubjectIndicatorAndValue()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n客户部,优秀,85,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        var line = Assert.Single(r.ErrLines, l => l.Contains("客户满意率"));
        Assert.Contains("第 2 行", line);
        Assert.Contains("客户部", line);
        Assert.Contains("“85”", line);
        Assert.Contains("歧义", line);
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line per problem, no file

    [Fact]
    public void Score_UnknownIndicator_Exit2NamingIt()
    {
        var json = """{ "subjects": [ { "name": "甲", "inputs": { "工作态度": "优秀", "客户满意率": "90%", "客户流失率": { "value": "2%", "baseline": "3%" }, "客户满意度": "90%" } } ] }""";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines, l => l.Contains("客户满意度"));
        Assert.Contains("subjects[0]", line);
        Assert.Contains("甲", line);
        Assert.Contains("没有这个指标", line);
    }

    [Fact]
    public void Score_UnknownGradeWord_Exit2NamingSubjectIndicatorAndValue()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n客户部,很好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines, l => l.Contains("很好"));
        Assert.Contains("客户部", line);
        Assert.Contains("工作态度", line);
        Assert.Contains("优秀", line);
    }

    [Fact]
    public void Score_MissingRequiredInput_Exit2()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n客户部,优秀,,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines, l => l.Contains("客户满意率"));
        Assert.Contains("缺少输入", line);
        Assert.Contains("第 2 行", line);
    }

    [Fact]
    public void Score_SeveralProblems_AllReportedOneLineEach()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n" +
                  "甲,很好,90%,2.5%,3%\n" +       // unknown grade
                  "乙,优秀,abc,2.5%,3%\n" +         // unreadable value
                  "丙,优秀,90%,2.5%,3%\n" +         // fine
                  "丁,优秀,120,2.5%,\n";            // ambiguous and missing baseline

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        var problems = r.ErrLines.Where(l => l.StartsWith("第 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, l => l.Contains("第 2 行") && l.Contains("甲") && l.Contains("很好"));
        Assert.Contains(problems, l => l.Contains("第 3 行") && l.Contains("乙") && l.Contains("abc"));
        Assert.Contains(problems, l => l.Contains("第 5 行") && l.Contains("丁") && l.Contains("120"));
        Assert.Contains(problems, l => l.Contains("第 5 行") && l.Contains("丁") && l.Contains("基数"));
        Assert.Contains("共 4 个问题", r.ErrLines[^1]);
    }

    [Fact]
    public void Score_BadInput_NoOutputFileCreated()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,3%\n乙,很好,90%,2.5%,3%\n";
        var input = _fx.Write("in.csv", csv);
        var scheme = _fx.Scheme();

        foreach (var name in new[] { "out.json", "out.csv", "out.xlsx", "out.txt" })
        {
            var r = CliFixture.Run("score", "-s", scheme, "-i", input, "-o", _fx.PathOf(name));
            Assert.Equal(2, r.ExitCode);
        }

        Assert.Equal(["in.csv", "scheme.yaml"], _fx.Files());
    }

    [Fact]
    public void Score_BadInput_ExistingOutputFileLeftUntouched()
    {
        var output = _fx.Write("out.json", "previous results");
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,很好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv), "-o", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("previous results", File.ReadAllText(output));
        Assert.Equal(["in.csv", "out.json", "scheme.yaml"], _fx.Files());
    }

    [Fact]
    public void Score_GoodInput_ReplacesExistingOutputFile()
    {
        var output = _fx.Write("out.json", "previous results");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput), "-o", output);

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(JsonDocument.Parse(File.ReadAllText(output)).RootElement);
        Assert.Equal(["in.csv", "out.json", "scheme.yaml"], _fx.Files());
    }

    [Fact]
    public void Score_MalformedJson_Exit2WithLine()
    {
        var json = "{ \"subjects\": [\n  { \"name\": \"甲\",\n    \"inputs\": { \"工作态度\": \"优秀\" }\n    \"x\": 1 } ] }";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json), "-o", _fx.PathOf("out.json"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("JSON 格式错误") && l.Contains("第 4 行"));
        Assert.False(File.Exists(_fx.PathOf("out.json")));
    }

    [Fact]
    public void Score_JsonWithoutSubjectName_Exit2NamingIndex()
    {
        var json = """{ "subjects": [ { "inputs": { "工作态度": "优秀" } } ] }""";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("subjects[0]") && l.Contains("name"));
    }

    [Fact]
    public void Score_CsvWithUnknownColumn_Exit2NamingColumnOnce()
    {
        var csv = "对象,工作态度,客户满意度,客户满意率,客户流失率,客户流失率[基数]\n" +
                  "甲,优秀,1,90%,2.5%,3%\n乙,优秀,2,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines, l => l.Contains("客户满意度"));
        Assert.Contains("第 3 列", line);
        Assert.Contains("表头", line);
        Assert.Contains("是否为“客户满意率”", line);
        Assert.DoesNotContain(r.ErrLines, l => l.Contains("缺少输入"));
    }

    [Fact]
    public void Score_CsvWithoutSubjectColumn_Exit2()
    {
        var csv = "部门,工作态度,客户满意率\n甲,优秀,90%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("“对象”列"));
    }

    [Fact]
    public void Score_CsvRowWithMoreCellsThanHeader_Exit2NamingRow()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,3%,多余\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 2 行") && l.Contains("多余"));
    }

    [Fact]
    public void Score_CsvWithBadQuote_Exit2NamingRow()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,3%\n乙,优\"秀,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 3 行") && l.Contains("CSV"));
    }

    [Fact]
    public void Score_CsvRowWithoutSubjectName_Exit2AndBlankRowsIgnored()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,3%\n,,,,\n,良好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines, l => l.Contains("缺少对象名称"));
        Assert.Contains("第 4 行", line);
    }

    [Fact]
    public void Score_DuplicateSubject_Exit2()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,3%\n甲,良好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 3 行") && l.Contains("重复"));
    }

    [Fact]
    public void Score_NotUtf8Csv_ReadAsGb18030()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030");
        var path = _fx.PathOf("in.csv");
        File.WriteAllBytes(path, gbk.GetBytes(CsvInput));

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", path);

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    [Fact]
    public void Score_JsonTopLevelArray_Exit2Explaining()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", "[ { \"name\": \"甲\" } ]"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("顶层应为对象", r.Err);
    }

    [Fact]
    public void Score_XlsxThatIsNotAWorkbook_Exit2()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.xlsx", "对象,工作态度\n甲,优秀\n"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Excel", r.Err);
    }

    [Fact]
    public void Score_EmptyCsv_Exit2()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", ""));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("空的", r.Err);
    }

    [Fact]
    public void Score_CsvDuplicateColumn_Exit2()
    {
        var csv = "对象,工作态度,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,良好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 3 列") && l.Contains("重复"));
    }

    [Fact]
    public void Score_QuotedLineBreakInCsv_LaterRowsKeepTheirLineNumbers()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n\"甲\n（总部）\",优秀,90%,2.5%,3%\n乙,极好,90%,2.5%,3%\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("第 4 行") && l.Contains("乙") && l.Contains("极好"));
    }

    [Fact]
    public void Score_ProblemsAcrossBatches_ReportedInRowOrder()
    {
        var csv = new StringBuilder("对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n");
        for (var i = 0; i < 2000; i++)
            csv.Append(i % 150 == 7 ? (i % 300 == 7 ? $",优秀,90%,2%,3%\n" : $"部门{i},极好,90%,2%,3%\n") : $"部门{i},优秀,90%,2%,3%\n");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv.ToString()));

        Assert.Equal(2, r.ExitCode);
        var rows = r.ErrLines.Where(l => l.StartsWith("第 ", StringComparison.Ordinal))
            .Select(l => int.Parse(l[2..l.IndexOf(" 行", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 2000).Where(i => i % 150 == 7).Select(i => i + 2), rows);
    }

    [Fact]
    public void Score_OutputDash_WritesToStdout()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput), "-o", "-");

        Assert.True(r.ExitCode == 0, r.Err);
        AssertFirstTwo(r.Json());
    }

    // ------------------------------------------------------------------ spreadsheet safety

    [Fact]
    public void Score_FormulaLikeText_NeutralisedInCsvAndXlsx()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n" +
                  "\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",优秀,90%,2.5%,3%\n" +
                  "@SUM(A1),优秀,90%,2.5%,3%\n" +
                  "+甲,优秀,90%,2.5%,3%\n" +
                  "-乙,优秀,90%,2.5%,3%\n";
        var input = _fx.Write("in.csv", csv);

        var r1 = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input, "-o", _fx.PathOf("out.csv"));
        var r2 = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input, "-o", _fx.PathOf("out.xlsx"));

        Assert.True(r1.ExitCode == 0, r1.Err);
        Assert.True(r2.ExitCode == 0, r2.Err);
        var lines = File.ReadAllLines(_fx.PathOf("out.csv"), Encoding.UTF8);
        Assert.StartsWith("\"'=HYPERLINK(", lines[1]);
        Assert.StartsWith("'@SUM(A1),", lines[2]);
        Assert.StartsWith("'+甲,", lines[3]);
        Assert.StartsWith("'-乙,", lines[4]);
        var subjects = MiniExcel.Query(_fx.PathOf("out.xlsx"), useHeaderRow: true, sheetName: "结果").Cast<IDictionary<string, object?>>().Select(x => (string)x["对象"]!).ToList();
        Assert.All(subjects, s => Assert.StartsWith("'", s));
        var details = MiniExcel.Query(_fx.PathOf("out.xlsx"), useHeaderRow: true, sheetName: "评分依据").Cast<IDictionary<string, object?>>().Select(x => (string)x["对象"]!).ToList();
        Assert.All(details, s => Assert.StartsWith("'", s));
    }

    [Fact]
    public void Score_NegativeScores_StayNumbersInCsv()
    {
        const string yaml = """
            id: TEST-NEG
            name: 扣分测试
            sections:
              - name: 扣分
                indicators:
                  - { name: 违纪, points: 0, deduction: { start: 0, floor: none, clauses: [ { name: 迟到, per: 2 } ] } }
            """;
        var csv = "对象,违纪\n甲,3\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(yaml), "-i", _fx.Write("in.csv", csv), "-o", _fx.PathOf("out.csv"));

        Assert.True(r.ExitCode == 0, r.Err);
        var lines = File.ReadAllLines(_fx.PathOf("out.csv"), Encoding.UTF8);
        // 对象, 违纪, 违纪[迟到], 总分, 等级, 奖金, 违纪[得分]
        Assert.StartsWith("甲,3,,-6,,,-6,", lines[1]);
    }

    // ------------------------------------------------------------------ raters, whole runs

    [Fact]
    public void Score_RaterColumnsAndRanking_CombinedByWeightAndRanked()
    {
        var csv = "对象,工作态度@自评,工作态度@直接上级,出勤\n张三,优秀,良好,45\n李四,一般,一般,20\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(Schemes.Raters), "-i", _fx.Write("in.csv", csv));

        Assert.True(r.ExitCode == 0, r.Err);
        var results = r.Json().GetProperty("results");
        var zhang = results[0];
        Assert.Equal(43m, Indicator(zhang, "工作态度").GetProperty("score").GetDecimal());   // 50 × 0.3 + 40 × 0.7
        Assert.Equal(2, Indicator(zhang, "工作态度").GetProperty("raters").GetArrayLength());
        Assert.Equal(88m, zhang.GetProperty("total").GetDecimal());
        Assert.Equal(1, zhang.GetProperty("rank").GetInt32());
        Assert.Equal(500m, zhang.GetProperty("rank_amount").GetDecimal());
        Assert.Equal(2, results[1].GetProperty("rank").GetInt32());
        Assert.Equal(-200m, results[1].GetProperty("rank_amount").GetDecimal());
    }

    [Fact]
    public void Score_JsonRaters_CombinedByWeight()
    {
        var json = """{ "subjects": [ { "name": "张三", "inputs": { "出勤": 45 }, "raters": { "自评": { "工作态度": "优秀" }, "直接上级": { "工作态度": "良好" } } } ] }""";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(Schemes.Raters), "-i", _fx.Write("in.json", json));

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(43m, Indicator(r.Json().GetProperty("results")[0], "工作态度").GetProperty("score").GetDecimal());
    }

    [Fact]
    public void Score_UnknownRaterColumn_Exit2()
    {
        var csv = "对象,工作态度@同事,出勤\n张三,优秀,45\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(Schemes.Raters), "-i", _fx.Write("in.csv", csv));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("同事") && l.Contains("评分人"));
    }

    [Fact]
    public void Score_WholeRunWithErrors_Exit2AndNoFile()
    {
        var csv = "对象,工作态度@自评,工作态度@直接上级,出勤\n张三,优秀,良好,45\n李四,一般,极好,20\n";

        var r = CliFixture.Run("score", "-s", _fx.Scheme(Schemes.Raters), "-i", _fx.Write("in.csv", csv), "-o", _fx.PathOf("out.json"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("李四") && l.Contains("极好"));
        Assert.False(File.Exists(_fx.PathOf("out.json")));
    }

    // ------------------------------------------------------------------ streams

    [Fact]
    public void Score_ManySubjectsAcrossReadBuffers_AllScoredInOrder()
    {
        const int n = 3000;
        var json = new StringBuilder("{ \"subjects\": [\n");
        var csv = new StringBuilder("对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n");
        for (var i = 0; i < n; i++)
        {
            if (i > 0) json.Append(",\n");
            json.Append($$"""  { "name": "部门{{i}}", "inputs": { "工作态度": "优秀", "客户满意率": "{{80 + i % 20}}%", "客户流失率": { "value": "2%", "baseline": "3%" } } }""");
            csv.Append($"部门{i},优秀,{80 + i % 20}%,2%,3%\n");
        }
        json.Append("\n], \"period\": \"2026-Q4\" }");

        var fromJson = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.json", json.ToString()));
        var fromCsv = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv.ToString()));

        Assert.True(fromJson.ExitCode == 0, fromJson.Err);
        Assert.True(fromCsv.ExitCode == 0, fromCsv.Err);
        var a = fromJson.Json();
        Assert.Equal("2026-Q4", a.GetProperty("period").GetString());
        var results = a.GetProperty("results");
        Assert.Equal(n, results.GetArrayLength());
        Assert.Equal("部门2999", results[n - 1].GetProperty("subject").GetString());
        Assert.Equal(results.EnumerateArray().Select(x => x.GetProperty("total").GetDecimal()),
            fromCsv.Json().GetProperty("results").EnumerateArray().Select(x => x.GetProperty("total").GetDecimal()));
    }

    // ------------------------------------------------------------------ schemes and files

    [Fact]
    public void Score_UnknownScheme_Exit2()
    {
        var r = CliFixture.Run("score", "-s", "NO-SUCH", "-i", _fx.Write("in.csv", CsvInput));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NO-SUCH", r.Err);
    }

    [Fact]
    public void Score_SchemeFileWithErrors_Exit2WithFileLine()
    {
        var bad = _fx.Scheme("id: BAD\nname: 坏方案\nsections:\n  - name: 甲\n    indicators:\n      - { name: 乙, points: 5, colour: red, grade: { 好: 5 } }\n", "bad.yaml");

        var r = CliFixture.Run("score", "-s", bad, "-i", _fx.Write("in.csv", CsvInput));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("bad.yaml:6"));
    }

    [Fact]
    public void Score_MissingInputFile_Exit2()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.PathOf("nope.csv"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("找不到输入文件", r.Err);
    }

    [Fact]
    public void Score_OutputDirectoryMissing_Exit2()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput), "-o", _fx.PathOf("no/such/dir/out.json"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("目录不存在", r.Err);
    }

    [Fact]
    public void Score_MissingRequiredOption_Exit2WithUsageHint()
    {
        var r = CliFixture.Run("score", "--input", "x.csv");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--scheme", r.Err);
    }

    [Fact]
    public void Score_InternalError_Exit1NamingExceptionType()
    {
        var output = _fx.PathOf("out.json");
        ScoreCommand.BeforeScoring.Value = _ => throw new InvalidOperationException("模拟故障");
        try
        {
            var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", CsvInput), "-o", output);

            Assert.Equal(1, r.ExitCode);
            Assert.Contains("内部错误：模拟故障", r.Err);
            Assert.Contains("System.InvalidOperationException", r.Err);
            Assert.Equal(["in.csv", "scheme.yaml"], _fx.Files());
        }
        finally
        {
            ScoreCommand.BeforeScoring.Value = null;
        }
    }

    // ------------------------------------------------------------------ built-in template

    [Fact]
    public void Score_Tpl01Csv_ScoresWhenTemplateLoads()
    {
        var load = Kaohe.Schemes.SchemeCatalog.Resolve("TPL-01");
        if (!load.IsSuccess) return; // the template is written concurrently; nothing to check until it loads

        var header = "对象,公司客户调查情况,公司客户开发情况,实施客户开发企划案情况,客户信息库建立和维护情况,客户业绩管理与考核情况,客户信用管理情况,服务方案制定和实施情况,客户投诉处理情况," +
                     "当月公司客户流失率,当月公司客户流失率[基数],当月公司客户增长率,当月公司客户增长率[基数],当月客户投诉处理满意率,当月客户投诉处理满意率[基数]\n";
        var csv = header + "客户部,优秀,优秀,良好,良好,一般,一般,差,优秀,2.5%,3.0%,5%,4%,95%,96%\n";

        var r = CliFixture.Run("score", "-s", "TPL-01", "-i", _fx.Write("in.csv", csv));

        Assert.True(r.ExitCode == 0, r.Err);
        var result = r.Json().GetProperty("results")[0];
        Assert.Equal("TPL-01", r.Json().GetProperty("scheme").GetString());
        // 5+5+3+3+1+1+0+5 = 23; churn 2.5% vs 3.0% → 15; growth 5% vs 4% → 16; satisfaction 95% vs 96% → 14.
        Assert.Equal(68m, result.GetProperty("total").GetDecimal());
        Assert.Equal(15m, Indicator(result, "当月公司客户流失率").GetProperty("score").GetDecimal());
    }
}
