using System.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Scoring;
using Kaohe.Data.Tests.Import;
using Kaohe.Schemes;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

/// <summary>
/// What <c>kaohe score</c> and quick scoring give back is bounded and safe: formula-like text in headers (indicator
/// names from a user's scheme) is written as text, at most a thousand problems are listed with a count of the rest,
/// and reading and scoring stop when cancelled.
/// </summary>
public sealed class OutputBoundsTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private const string FormulaScheme = """
        id: TEST-FORMULA
        name: 公式注入测试
        sections:
          - name: 定性
            indicators:
              - { name: "=HYPERLINK(\"http://x\",\"点我\")", points: 10, manual: { min: 0, max: 10 } }
              - { name: "@SUM(A1)", points: 10, manual: { min: 0, max: 10 } }
              - { name: "-2 分", points: 10, manual: { min: -10, max: 10 } }
        """;

    private const string FormulaInput = """
        { "subjects": [ { "name": "甲", "inputs": { "=HYPERLINK(\"http://x\",\"点我\")": 5, "@SUM(A1)": 6, "-2 分": -5 } } ] }
        """;

    [Fact]
    public void Score_FormulaLikeIndicatorNames_HeadersWrittenAsTextInCsv()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(FormulaScheme), "-i", _fx.Write("in.json", FormulaInput), "-o", _fx.PathOf("out.csv"));

        Assert.True(r.ExitCode == 0, r.Err);
        var lines = File.ReadAllLines(_fx.PathOf("out.csv"), Encoding.UTF8);
        var header = lines[0].Split(',');
        Assert.DoesNotContain(header, h => h.Length > 0 && h.TrimStart('"')[0] is '=' or '+' or '-' or '@');
        Assert.Contains("'@SUM(A1)", header);
        Assert.Contains("'-2 分", header);
        Assert.Contains("'-2 分[得分]", header);
        Assert.Contains("'-2 分[评分依据]", header);
        // A genuine number stays a number.
        Assert.Contains(",-5,", lines[1]);
    }

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.xlsx")]
    public void Score_FormulaLikeIndicatorNames_ReadBackFromItsOwnOutputUnneutralised(string output)
    {
        var scheme = _fx.Scheme(FormulaScheme);
        var input = _fx.Write("in.json", FormulaInput);
        var expected = CliFixture.Run("score", "-s", scheme, "-i", input);
        Assert.True(CliFixture.Run("score", "-s", scheme, "-i", input, "-o", _fx.PathOf(output)).ExitCode == 0);

        var again = CliFixture.Run("score", "-s", scheme, "-i", _fx.PathOf(output));

        Assert.True(again.ExitCode == 0, again.Err);
        var totals = (expected.Json().GetProperty("results")[0].GetProperty("total").GetDecimal(), again.Json().GetProperty("results")[0].GetProperty("total").GetDecimal());
        Assert.Equal(totals.Item1, totals.Item2);
        Assert.Equal(expected.Json().GetProperty("results")[0].GetProperty("indicators").GetRawText(), again.Json().GetProperty("results")[0].GetProperty("indicators").GetRawText());
    }

    [Fact]
    public void Score_FormulaLikeIndicatorNames_HeadersWrittenAsTextInXlsx()
    {
        var r = CliFixture.Run("score", "-s", _fx.Scheme(FormulaScheme), "-i", _fx.Write("in.json", FormulaInput), "-o", _fx.PathOf("out.xlsx"));

        Assert.True(r.ExitCode == 0, r.Err);
        var rows = MiniExcel.Query(_fx.PathOf("out.xlsx"), useHeaderRow: false, sheetName: "结果").Cast<IDictionary<string, object?>>().ToList();
        var header = rows[0].Values.OfType<string>().ToList();
        Assert.DoesNotContain(header, h => h[0] is '=' or '+' or '-' or '@');
        Assert.Contains("'=HYPERLINK(\"http://x\",\"点我\")", header);
        Assert.Contains("'=HYPERLINK(\"http://x\",\"点我\")[得分]", header);
        Assert.Contains(rows[1].Values, v => v is double d && d == -5);
        var details = MiniExcel.Query(_fx.PathOf("out.xlsx"), useHeaderRow: true, sheetName: "评分依据").Cast<IDictionary<string, object?>>().ToList();
        Assert.All(details, d => Assert.StartsWith("'", (string)d["指标"]!));
    }

    [Fact]
    public void Score_ThousandsOfBadRows_ListsAThousandAndCountsTheRest()
    {
        var csv = new StringBuilder("对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n");
        for (var i = 1; i <= 3_000; i++) csv.Append($"S{i},很好,90%,2.5%,3%\n");

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", _fx.Write("in.csv", csv.ToString()));

        Assert.Equal(2, r.ExitCode);
        var lines = r.ErrLines;
        Assert.Equal(1_000, lines.Count(l => l.Contains("很好")));
        Assert.Equal("还有 2,000 个问题未列出（只列出了前 1,000 个）", lines[^2]);
        Assert.Contains("共 3000 个问题", lines[^1]);
    }

    [Fact]
    public void Problems_WithoutWriter_KeepsAtMostTheLimit()
    {
        var problems = new Problems(null, max: 3);
        for (var i = 0; i < 10; i++) problems.Add($"第 {i} 行");

        Assert.Equal(["第 0 行", "第 1 行", "第 2 行"], problems.Kept);
        Assert.Equal((10, 7), (problems.Count, problems.Unlisted));
        Assert.Equal("还有 7 个问题未列出（只列出了前 3 个）", problems.UnlistedLine);
    }

    public static TheoryData<string, byte[]> Inputs() => new()
    {
        { "in.csv", Encoding.UTF8.GetBytes("对象,工作态度\n" + string.Concat(Enumerable.Range(1, 100).Select(i => $"S{i},优秀\n"))) },
        { "in.xlsx", HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + string.Concat(Enumerable.Range(2, 100).Select(i => HostileFiles.Row(i, $"S{i}", "优秀")))) },
        { "in.json", Encoding.UTF8.GetBytes("{ \"subjects\": [" + string.Join(",", Enumerable.Range(1, 100).Select(i => $"{{ \"name\": \"S{i}\", \"inputs\": {{ \"工作态度\": \"优秀\" }} }}")) + "] }") },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ReadSubjects_Cancelled_StopsReading(string name, byte[] bytes)
    {
        var scheme = SchemeLoader.Load(Schemes.Small, "scheme.yaml").Scheme!;
        using var cancel = new CancellationTokenSource();
        using var source = SubjectSource.Open(new MemoryStream(bytes), name, scheme, new Problems(null));
        var read = 0;

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in source.ReadSubjects(cancel.Token))
                if (++read == 10) cancel.Cancel();
        });
        Assert.Equal(10, read);
    }

    [Fact]
    public void ScoreAll_Cancelled_StopsScoring()
    {
        var scheme = SchemeLoader.Load(Schemes.Small, "scheme.yaml").Scheme!;
        using var cancel = new CancellationTokenSource();
        var given = 0;
        IEnumerable<SubjectInput> Subjects()
        {
            for (var i = 0; i < 100; i++)
            {
                if (++given == 10) cancel.Cancel();
                yield return new SubjectInput($"S{i}", System.Collections.Immutable.ImmutableDictionary<string, RawInput>.Empty,
                    System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableDictionary<string, RawInput>>.Empty,
                    System.Collections.Immutable.ImmutableDictionary<string, RawInput>.Empty, $"第 {i} 行");
            }
        }

        Assert.Throws<OperationCanceledException>(() => ScoringEngine.ScoreAll(scheme, Subjects(), cancel.Token));
        Assert.Equal(10, given);
    }
}
