using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

/// <summary>
/// Issue 13 item 4: the CSV and XLSX that <c>kaohe score</c> writes carry each subject's inputs beside its results, so
/// the file given back as input scores the same (the result columns are ignored), and a corrected cell changes only
/// its subject's result. A result table of the old layout (scores under the indicator names) is still refused.
/// </summary>
public sealed class ResultReadBackTests : IDisposable
{
    /// <summary>Shared inputs (a grade, a percent in bands, a rate against its 基数), a rated item and a payout base.</summary>
    private const string Scheme = """
        id: TEST-RT
        name: 回读测试表
        subject: person
        period: month
        total: 100
        raters:
          - { name: 自评, weight: 30% }
          - { name: 直接上级, weight: 70% }
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: proportional, per: 100 }
        sections:
          - name: 行为
            indicators:
              - { name: 工作态度, points: 20, raters: [自评, 直接上级], grade: { 优秀: 20, 良好: 15, 一般: 10, 差: 0 } }
              - { name: 出勤, points: 10, grade: { 全勤: 10, 缺勤: 0 } }
          - name: 业绩
            indicators:
              - name: 客户满意率
                points: 40
                bands:
                  unit: percent
                  bands:
                    - { when: ">= 90%", points: 40 }
                    - { when: "[80%, 90%)", points: 30 }
                    - { when: "< 80%", points: 10 }
              - name: 客户流失率
                points: 30
                baseline:
                  direction: lower_is_better
                  source: historical_min
                  unit: percent
                  base: 20
                  step: 1
                  up: 2
                  down: 3
                  cap: 30
                  floor: 0
                  label: 流失率
        """;

    // "=王五" starts like a formula: written neutralised, it must come back as the name it was.
    private const string CsvInput = "对象,工作态度@自评,工作态度@直接上级,出勤,客户满意率,客户流失率,客户流失率[基数],奖金基数\n"
                                    + "张三,优秀,良好,全勤,85%,2.5%,3.0%,3000\n"
                                    + "李四,一般,良好,缺勤,0.92,1.0%,3.0%,\n"
                                    + "=王五,良好,,全勤,79.5%,4%,3%,2000\n";

    private const string JsonInput = """
        { "subjects": [
            { "name": "张三", "inputs": { "出勤": "全勤", "客户满意率": "85%", "客户流失率": { "value": "2.5%", "baseline": "3.0%" } },
              "raters": { "自评": { "工作态度": "优秀" }, "直接上级": { "工作态度": "良好" } }, "奖金基数": 3000 },
            { "name": "李四", "inputs": { "出勤": "缺勤", "客户满意率": 0.92, "客户流失率": { "value": 0.01, "基数": "3.0%" } },
              "raters": { "自评": { "工作态度": "一般" }, "直接上级": { "工作态度": "良好" } }, "奖金基数": "待定", "绩效奖金": 2500 },
            { "name": "=王五", "inputs": { "工作态度": "良好", "出勤": "全勤", "客户满意率": "79.5%", "客户流失率": { "value": "4%", "baseline": "3%" } },
              "奖金基数": "2000" } ] }
        """;

    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("in.csv", "out.csv")]
    [InlineData("in.csv", "out.xlsx")]
    [InlineData("in.json", "out.csv")]
    [InlineData("in.json", "out.xlsx")]
    public void Score_OfItsOwnResultTable_GivesTheSameResults(string inputName, string output)
    {
        var scheme = _fx.Scheme(Scheme);
        var input = _fx.Write(inputName, inputName.EndsWith(".csv", StringComparison.Ordinal) ? CsvInput : JsonInput);
        var expected = Results(Score(scheme, input));
        var first = CliFixture.Run("score", "-s", scheme, "-i", input, "-o", _fx.PathOf(output));
        Assert.True(first.ExitCode == 0, first.Err);

        var again = Results(Score(scheme, _fx.PathOf(output)));

        Assert.Equal(3, expected.Count);
        // The JSON's 李四 has a base only under 绩效奖金 (奖金基数 is not a number): written as the 奖金基数 the engine used.
        Assert.Equal(inputName == "in.json", expected[1].StartsWith("李四|77.5|合格|1937.5|", StringComparison.Ordinal));
        Assert.Contains(expected, r => r.StartsWith("=王五|", StringComparison.Ordinal));
        Assert.Equal(expected, again);
    }

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.xlsx")]
    public void Score_OfItsOwnResultTableWithOneCellCorrected_ChangesOnlyThatSubject(string output)
    {
        var scheme = _fx.Scheme(Scheme);
        var first = CliFixture.Run("score", "-s", scheme, "-i", _fx.Write("in.csv", CsvInput), "-o", _fx.PathOf(output));
        Assert.True(first.ExitCode == 0, first.Err);
        var before = Results(Score(scheme, _fx.PathOf(output)));

        // The clerk corrects 张三's 客户满意率 from 85% to 95%: 30 → 40 points.
        var corrected = _fx.PathOf("corrected" + Path.GetExtension(output));
        if (output.EndsWith(".csv", StringComparison.Ordinal))
        {
            var lines = File.ReadAllLines(_fx.PathOf(output), Encoding.UTF8);
            // 对象, 工作态度 (shared, empty), 工作态度@自评, 工作态度@直接上级, 出勤, 客户满意率, …
            Assert.StartsWith("张三,,优秀,良好,全勤,85%,", lines[1]);
            lines[1] = lines[1].Replace(",85%,", ",95%,", StringComparison.Ordinal);
            File.WriteAllLines(corrected, lines, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }
        else
        {
            var rows = MiniExcel.Query(_fx.PathOf(output), useHeaderRow: true, sheetName: "结果").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("85%", rows[0]["客户满意率"]);
            rows[0]["客户满意率"] = "95%";
            MiniExcel.SaveAs(corrected, rows.Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList());
        }

        var after = Results(Score(scheme, corrected));

        Assert.Equal(before.Skip(1), after.Skip(1));
        Assert.NotEqual(before[0], after[0]);
        Assert.StartsWith("张三|76.5|合格|2295|", before[0]);
        Assert.StartsWith("张三|86.5|良好|2595|", after[0]);
        Assert.Contains("客户满意率=40:", after[0]);
    }

    [Fact]
    public void Score_OfItsOwnRankedResultTable_RankColumnsIgnoredAndSameRanks()
    {
        var scheme = _fx.Scheme(Schemes.Raters);
        var input = _fx.Write("in.csv", "对象,工作态度@自评,工作态度@直接上级,出勤\n张三,优秀,良好,45\n李四,一般,一般,20\n");
        var expected = Score(scheme, input);
        var first = CliFixture.Run("score", "-s", scheme, "-i", input, "-o", _fx.PathOf("out.xlsx"));
        Assert.True(first.ExitCode == 0, first.Err);

        var again = Score(scheme, _fx.PathOf("out.xlsx"));

        Assert.Equal(Results(expected), Results(again));
        Assert.Equal(
            expected.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("rank_amount").GetDecimal())),
            again.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("rank_amount").GetDecimal())));
    }

    [Fact]
    public void Score_OfAnOldLayoutResultTable_IsRefusedSayingTheColumnsAreScores()
    {
        // Before the inputs were written, the indicator columns held the scores.
        var old = _fx.Write("old.csv", "对象,总分,等级,奖金,工作态度,工作态度[评分依据],客户满意率,客户满意率[评分依据],客户流失率,客户流失率[评分依据]\n"
                                       + "客户部,80,良好,2400,20,评为“优秀” → 20 分,30,…,30,…\n");

        var again = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", old);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("旧版的计分结果表", again.Err);
        Assert.Contains("不是当初填写的原始值", again.Err);
    }

    [Fact]
    public void Score_ResultColumnsInAnInputTable_AreNotIgnoredWithoutTheExplanationColumns()
    {
        // 总分 alone does not make a result table: an unknown column in an input table is still an error.
        var input = _fx.Write("in.csv", "对象,工作态度,客户满意率,客户流失率,客户流失率[基数],总分\n客户部,优秀,85%,2.5%,3.0%,80\n");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", input);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("没有指标“总分”", r.Err);
    }

    private JsonElement Score(string scheme, string input)
    {
        var r = CliFixture.Run("score", "-s", scheme, "-i", input);
        Assert.True(r.ExitCode == 0, r.Err);
        return r.Json();
    }

    /// <summary>Each subject's name, total, grade, payout and every indicator's score and explanation, in order.</summary>
    private static List<string> Results(JsonElement root) =>
    [
        .. root.GetProperty("results").EnumerateArray().Select(r =>
            $"{r.GetProperty("subject").GetString()}|{r.GetProperty("total").GetDecimal()}|{Text(r, "grade")}|{Text(r, "payout")}|"
            + string.Join("|", r.GetProperty("indicators").EnumerateArray().Select(i =>
                $"{i.GetProperty("name").GetString()}={Text(i, "score")}:{i.GetProperty("explanation").GetString()}"))),
    ];

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Null ? "" : v.ToString() : "";
}
