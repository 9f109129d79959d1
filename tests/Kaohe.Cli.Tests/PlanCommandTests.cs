using System.Text.Json;
using Xunit;

namespace Kaohe.Cli.Tests;

/// <summary><c>kaohe plan</c>: JSON and CSV input, every output format, bad input (exit 2, one located line per problem), the built-in examples.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Examples => Path.Combine(Root(), "examples", "plans");

    private static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Kaohe.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    private const string DocC = """
        姓名,工号,季度,目标,回款,浮动工资,KPI系数
        刘洋,D01,2026Q1,20万,8万,2000,1
        刘洋,D01,2026Q2,20万,16万,2000,1
        刘洋,D01,2026Q3,20万,25万,2000,1
        刘洋,D01,2026Q4,20万,30万,2000,1
        """;

    [Fact]
    public void Csv_DocC_JsonOutputWithTheWorkedFigures()
    {
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("c.csv", DocC));
        Assert.True(r.ExitCode == 0, r.Err);
        var json = r.Json();
        Assert.Equal("大客户部销售人员季度奖金方案", json.GetProperty("plan").GetProperty("name").GetString());
        var person = json.GetProperty("people")[0];
        Assert.Equal("刘洋", person.GetProperty("name").GetString());
        var periods = person.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal([0m, 9_600m, 8_000m, 13_000m], periods.Select(p => p.GetProperty("accrued").GetDecimal()));
        Assert.Equal(600m, periods[0].GetProperty("penalty").GetDecimal());
        Assert.Equal(2000m, periods[0].GetProperty("floating_wage").GetProperty("withheld").GetDecimal());
        Assert.Equal(2000m, periods[2].GetProperty("floating_wage").GetProperty("paid").GetDecimal());
        Assert.Equal(50_000m, periods[3].GetProperty("carry").GetDecimal());
        Assert.Equal("2026Q1", periods[0].GetProperty("period").GetString());
        Assert.Contains("扣发当季固定工资 600元", periods[0].GetProperty("explanation").GetString());
        Assert.Equal(0m, person.GetProperty("annual").GetProperty("true_up").GetDecimal());
    }

    [Fact]
    public void Json_DocB_AnnualTrueUp()
    {
        var rows = string.Join(",", new[] { 40, 80, 120, 220 }.Select((w, i) =>
            $$"""{ "姓名": "陈静", "季度": "2026Q{{i + 1}}", "任务": 1000000, "基数": 500000, "实际回款": "{{w}}万", "KPI得分": 100 }"""));
        var r = CliFixture.Run("plan", "--plan", "key-account-sales", "--input", _cli.Write("b.json", "[" + rows + "]"));
        Assert.True(r.ExitCode == 0, r.Err);
        var annual = r.Json().GetProperty("people")[0].GetProperty("annual");
        Assert.Equal(344_608m, annual.GetProperty("accrued").GetDecimal());
        Assert.Equal(46_992m, annual.GetProperty("true_up").GetDecimal());
    }

    [Fact]
    public void Stdin_Csv_Works()
    {
        var r = CliFixture.RunWithStdin(DocC, "plan", "--plan", "TPL-26", "--input", "-", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("姓名,工号,季度,任务额", lines[0]);
        Assert.Equal(6, lines.Length);                  // header, 4 quarters, the year
        Assert.Contains("2026年度", lines[5]);
    }

    [Fact]
    public void XlsxInput_NumbersAndTextCells_AreRead()
    {
        var input = _cli.PathOf("in.xlsx");
        var rows = new[] { (1, 80_000m), (2, 160_000m) }.Select(q => new Dictionary<string, object>
        {
            ["姓名"] = "刘洋", ["季度"] = $"2026Q{q.Item1}", ["目标"] = 200_000m, ["回款"] = q.Item2, ["KPI系数"] = 1m, ["贡献比例"] = "100%",
        }).ToList();
        MiniExcelLibs.MiniExcel.SaveAs(input, rows);
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", input);
        Assert.True(r.ExitCode == 0, r.Err);
        var periods = r.Json().GetProperty("people")[0].GetProperty("periods");
        Assert.Equal(9_600m, periods[1].GetProperty("accrued").GetDecimal());
        Assert.Equal(JsonValueKind.Null, r.Json().GetProperty("people")[0].GetProperty("annual").ValueKind);
    }

    [Fact]
    public void Xlsx_IsWrittenToTheOutputFile()
    {
        var output = _cli.PathOf("台账.xlsx");
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("c.csv", DocC), "--output", output);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(new FileInfo(output).Length > 0);
        Assert.Contains("已写入", r.Err);
    }

    [Fact]
    public void BadInput_Exit2_OneLocatedLinePerProblem_NoOutputFile()
    {
        const string bad = """
            姓名,季度,目标,回款,KPI得分,奖金
            刘洋,2026Q1,20万,85%,90,1
            刘洋,2026Q5,20万,8万,90,
            ,2026Q2,２０万,8万,90,
            刘洋,2026Q3,20万,abc,,
            """;
        var output = _cli.PathOf("out.json");
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("bad.csv", bad), "--output", output);
        Assert.Equal(2, r.ExitCode);
        Assert.False(File.Exists(output));
        var lines = r.ErrLines;
        Assert.Contains(lines, l => l.StartsWith("第 2 行 “奖金”") && l.Contains("不是本方案的输入列"));
        Assert.Contains(lines, l => l.StartsWith("第 2 行 “回款”"));
        Assert.Contains(lines, l => l.StartsWith("第 3 行 “季度”"));
        Assert.Contains(lines, l => l.StartsWith("第 4 行 “姓名”"));
        Assert.Contains(lines, l => l.StartsWith("第 5 行 “回款”"));
        Assert.DoesNotContain(lines, l => l.StartsWith("第 4 行 “目标”"));   // full-width digits are read
        Assert.Contains("未生成结果", lines[^1]);
    }

    [Fact]
    public void BadInput_EngineProblem_NamesPersonAndPeriod()
    {
        const string csv = """
            姓名,季度,目标,回款,KPI得分
            刘洋,2026Q1,30万,8万,90
            """;
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("x.csv", csv));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.StartsWith("刘洋 2026Q1 “目标”") && l.Contains("封顶额"));
    }

    [Fact]
    public void BadInput_MissingKpi_AndDuplicateQuarter()
    {
        const string csv = """
            姓名,季度,目标,回款
            刘洋,2026Q1,20万,8万
            刘洋,2026Q1,20万,8万
            """;
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("x.csv", csv));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.StartsWith("第 3 行 “季度”") && l.Contains("重复"));
        Assert.Contains(r.ErrLines, l => l.Contains("2026Q1 “KPI得分”"));
    }

    [Fact]
    public void BadJson_IsOneLine()
    {
        var r = CliFixture.Run("plan", "--plan", "TPL-26", "--input", _cli.Write("x.json", "[{\"姓名\": "));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("不是有效的 JSON", r.Err);
    }

    [Fact]
    public void UnknownPlan_Exit2()
    {
        var r = CliFixture.Run("plan", "--plan", "TPL-99", "--input", _cli.Write("c.csv", DocC));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("找不到奖金方案", r.Err);
    }

    [Fact]
    public void PlanFile_WithAnError_IsLocated()
    {
        var yaml = _cli.Write("p.yaml", "kind: key_account\nid: X\nname: 测试\nquarter:\n  in_target_rate: 400%\nkpi:\n  fixed_share: 80%\nrevenue:\n  types:\n    产品回款: { task: 1, bonus: engine }\n");
        var r = CliFixture.Run("plan", "--plan", yaml, "--input", _cli.Write("c.csv", DocC));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(":5:19: quarter.in_target_rate:", r.Err);
    }

    [Fact]
    public void List_AndShow_AreChinese()
    {
        var list = CliFixture.Run("plan", "--list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("TPL-24", list.Out);
        Assert.Contains("大客户销售人员奖金计提方案", list.Out);
        var show = CliFixture.Run("plan", "--show", "TPL-26");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("扣发当季固定工资 600元", show.Out);
        Assert.Contains("基数 = 目标 × 50%", show.Out);
        Assert.DoesNotContain("KA-", show.Out);
    }

    [Theory]
    [InlineData("TPL-24", "TPL-24-key-account-manager.csv")]
    [InlineData("TPL-25", "TPL-25-key-account-sales.json")]
    [InlineData("TPL-26", "TPL-26-key-account-department.csv")]
    public void EveryBuiltInPlan_RunsItsExample(string plan, string example)
    {
        foreach (var format in new[] { "json", "table" })
        {
            var r = CliFixture.Run("plan", "--plan", plan, "--input", Path.Combine(Examples, example), "--format", format);
            Assert.True(r.ExitCode == 0, r.Err);
            if (format == "json")
                Assert.True(r.Json().GetProperty("people").GetArrayLength() >= 2);
            else Assert.Contains("计提", r.Out);
        }
    }
}
