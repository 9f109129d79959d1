using System.Text.Json;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

public sealed class AttributeCommandTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }

    // The §20 examples 3 and 4 (commission 10,000 元) and a lapse, as JSON events.
    private const string Json = """
        { "settings": { "协助提成比例": "20%" },
          "events": [
            { "类型": "来访", "客户": "王先生", "顾问": "张丽", "时间": "2026-03-02 10:00" },
            { "类型": "忙碌", "顾问": "张丽", "开始": "2026-03-05 09:00", "结束": "2026-03-05 12:00" },
            { "类型": "来访", "客户": "王先生", "顾问": "李强", "时间": "2026-03-05 10:00", "说出顾问": "张丽" },
            { "类型": "成交", "客户": "王先生", "顾问": "李强", "时间": "2026-03-05 11:00", "提成金额": 10000, "成交编号": "D1" },
            { "类型": "来访", "客户": "赵女士", "顾问": "张丽", "时间": "2026-03-02 11:00" },
            { "类型": "来访", "客户": "赵女士", "顾问": "王芳", "时间": "2026-03-06 15:00" },
            { "类型": "成交", "客户": "赵女士", "顾问": "王芳", "时间": "2026-03-06 16:00", "提成金额": "1万", "成交编号": "D2" },
            { "类型": "来访", "客户": "孙先生", "顾问": "张丽", "时间": "2026-03-02 15:00" },
            { "类型": "来访", "客户": "孙先生", "顾问": "王芳", "时间": "2026-03-11 10:00", "说出顾问": "张丽" }
          ] }
        """;

    private const string Csv = """
        类型,客户,顾问,时间,开始,结束,说出顾问,提成金额,成交编号
        来访,王先生,张丽,2026-03-02 10:00,,,,,
        忙碌,,张丽,,2026-03-05 09:00,2026-03-05 12:00,,,
        来访,王先生,李强,2026-03-05 10:00,,,张丽,,
        成交,王先生,李强,2026-03-05 11:00,,,,"10,000",D1
        来访,赵女士,张丽,2026-03-02 11:00,,,,,
        来访,赵女士,王芳,2026-03-06 15:00,,,,,
        成交,赵女士,王芳,2026-03-06 16:00,,,,10000元,D2
        来访,孙先生,张丽,2026-03-02 15:00,,,,,
        来访,孙先生,王芳,2026-03-11 10:00,,,张丽,,
        """;

    private static JsonElement Deal(JsonElement root, string id) => root.GetProperty("deals").EnumerateArray().Single(d => d.GetProperty("deal").GetString() == id);

    private static JsonElement Customer(JsonElement root, string name) =>
        root.GetProperty("customers").EnumerateArray().Single(d => d.GetProperty("customer").GetString() == name);

    private static string Commission(JsonElement deal) =>
        string.Join(" / ", deal.GetProperty("commission").EnumerateArray().Select(p => $"{p.GetProperty("consultant").GetString()} {p.GetProperty("amount").GetDecimal():0.##}"));

    private static void AssertExamples(JsonElement root)
    {
        var d1 = Deal(root, "D1");
        Assert.Equal("张丽", d1.GetProperty("performance_to").GetString());
        Assert.Equal("张丽 8000 / 李强 2000", Commission(d1));
        Assert.Contains("业绩仍归首次接待的 张丽", d1.GetProperty("explanation").GetString());
        var d2 = Deal(root, "D2");
        Assert.Equal("王芳", d2.GetProperty("performance_to").GetString());
        Assert.Equal("王芳 8000 / 张丽 2000", Commission(d2));
        Assert.Equal("王芳", Customer(root, "孙先生").GetProperty("owner").GetString());
        Assert.StartsWith("为什么归 王芳：", Customer(root, "孙先生").GetProperty("explanation").GetString());
        Assert.Equal(2, Customer(root, "孙先生").GetProperty("history").GetArrayLength());
        Assert.Equal("张丽", Customer(root, "赵女士").GetProperty("owner").GetString());
        Assert.Equal(0, root.GetProperty("conflicts").GetArrayLength());
    }

    [Fact]
    public void Json_ExamplesGiveTheRulesFigures()
    {
        var r = CliFixture.Run("attribute", "-i", _fx.Write("events.json", Json));
        Assert.True(r.ExitCode == 0, r.Err);
        AssertExamples(r.Json());
    }

    [Fact]
    public void Csv_GivesTheSameAsJson()
    {
        var r = CliFixture.Run("attribute", "-i", _fx.Write("events.csv", Csv, bom: true));
        Assert.True(r.ExitCode == 0, r.Err);
        AssertExamples(r.Json());
    }

    [Fact]
    public void Stdin_Json_AndXlsx_Work()
    {
        var r = CliFixture.RunWithStdin(Json, "attribute", "-i", "-");
        Assert.True(r.ExitCode == 0, r.Err);
        AssertExamples(r.Json());

        var lines = Csv.Split('\n');
        var header = lines[0].Trim().Split(',');
        var rows = lines.Skip(1).Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
            .Select(cells => header.Select((h, i) => (h, v: cells[i].Trim('"'))).ToDictionary(x => x.h, x => (object)x.v)).ToList();
        var xlsx = _fx.PathOf("events.xlsx");
        MiniExcel.SaveAs(xlsx, rows);
        var x = CliFixture.Run("attribute", "-i", xlsx);
        Assert.True(x.ExitCode == 0, x.Err);
        AssertExamples(x.Json());
    }

    [Fact]
    public void Set_ChangesAReading()
    {
        var r = CliFixture.Run("attribute", "-i", _fx.Write("events.json", Json), "--set", "说出名字优先于失效=是");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("张丽", Customer(r.Json(), "孙先生").GetProperty("owner").GetString());
        Assert.Equal("是", r.Json().GetProperty("settings").GetProperty("说出名字优先于失效").GetString());
    }

    [Fact]
    public void BadCsv_Exits2_WithOneLocatedLinePerProblem_AndNoOutputFile()
    {
        var input = _fx.Write("bad.csv", """
            类型,客户,顾问,时间,提成金额,罚款金额
            来访,甲,张丽,2026-02-30 10:00,,
            成交,甲,张丽,2026-03-01,85%,
            成交,甲,张丽,2026-03-01,１２万,
            飞行,甲,张丽,2026-03-01,,
            甩客,,张丽,2026-03-01,,800
            """);
        var r = CliFixture.Run("attribute", "-i", input, "-o", _fx.PathOf("out.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
        [
            "第 2 行（来访）“时间”：“2026-02-30 10:00”不是有效的日期或时间",
            "第 3 行（成交）“提成金额”：金额不能带单位“%”",
            "第 5 行：未知的类型“飞行”，可选：来访、回访、休息、忙碌、拒接、成交、裁定、甩客",
            "共 3 个问题，未生成结果文件（“" + _fx.PathOf("out.json") + "”未改动）。",
        ], r.ErrLines);
        Assert.DoesNotContain("out.json", _fx.Files());
    }

    [Fact]
    public void BadJson_NamesTheEventAndField()
    {
        const string json = """
            { "settings": { "协助提成比例": "120%" },
              "events": [
                { "类型": "成交", "客户": "甲", "顾问": "张丽", "时间": "2026-03-01", "提成金额": "¥1,00.00" },
                { "类型": "来访", "客户": "甲", "时间": "2026-03-01 10:00", "颜色": "红" },
                { "类型": "裁定", "客户": "甲", "顾问": "张丽", "时间": "2026-03-02", "成交编号": "无此号", "原因": "核对" }
              ] }
            """;
        var r = CliFixture.Run("attribute", "-i", _fx.Write("bad.json", json));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l == "设置“协助提成比例”：不能超过 100%");
        Assert.Contains(r.ErrLines, l => l.StartsWith("第 1 个事件（成交）“提成金额”：“1,00.00”中第 1 个逗号后应为 3 位数字"));
        Assert.Contains(r.ErrLines, l => l.StartsWith("第 2 个事件：未知的字段“颜色”"));
        Assert.Contains(r.ErrLines, l => l == "第 2 个事件（来访）“顾问”：不能为空");
        Assert.DoesNotContain(r.ErrLines, l => l.Contains("Exception") || l.Contains("AT-"));
    }

    [Fact]
    public void EngineProblems_AreLocated_FineOutOfRange_UnknownDeal()
    {
        var input = _fx.Write("bad.csv", """
            类型,客户,顾问,时间,成交编号,原因,罚款金额
            甩客,,张丽,2026-03-01,,,800
            裁定,甲,张丽,2026-03-02,无此号,核对,
            """);
        var r = CliFixture.Run("attribute", "-i", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("第 2 行：甩客罚款 800 元 不在规定的 100–500 元之间", r.ErrLines);
        Assert.Contains("第 3 行：没有编号为“无此号”的成交", r.ErrLines);
    }

    [Theory]
    [InlineData("month.json")]
    [InlineData("month.csv")]
    public void Examples_Run(string file)
    {
        var r = CliFixture.Run("attribute", "-i", Path.Combine(Root(), "examples", "attribution", file));
        Assert.True(r.ExitCode == 0, r.Err);
        var root = r.Json();
        Assert.True(root.GetProperty("customers").GetArrayLength() > 0);
        foreach (var d in root.GetProperty("deals").EnumerateArray().Where(d => !d.GetProperty("pending").GetBoolean()))
            Assert.Equal(d.GetProperty("commission_total").GetDecimal(), d.GetProperty("commission").EnumerateArray().Sum(p => p.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public void MonthExample_TotalsPerConsultant()
    {
        // 张丽: CJ-001 10000 + CJ-002 8000; 李强: CJ-002 2000 + CJ-003 2000 + CJ-004 7111.10 + CJ-005 6000;
        // 王芳: CJ-003 8000 + CJ-004 1777.78 (20% of 8888.88 = 1777.776 → 1777.78), fined 300.
        var r = CliFixture.Run("attribute", "-i", Path.Combine(Root(), "examples", "attribution", "month.json"));
        Assert.True(r.ExitCode == 0, r.Err);
        var totals = r.Json().GetProperty("consultants").EnumerateArray()
            .ToDictionary(t => t.GetProperty("consultant").GetString()!, t => (t.GetProperty("commission").GetDecimal(), t.GetProperty("fines").GetDecimal(), t.GetProperty("net").GetDecimal()));
        Assert.Equal((18000m, 0m, 18000m), totals["张丽"]);
        Assert.Equal((17111.10m, 0m, 17111.10m), totals["李强"]);
        Assert.Equal((9777.78m, 300m, 9477.78m), totals["王芳"]);
        var conflicts = r.Json().GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, c => Assert.True(c.GetProperty("resolved").GetBoolean()));
    }

    [Fact]
    public void Table_IsForPeople()
    {
        var r = CliFixture.Run("attribute", "-i", _fx.Write("events.json", Json), "-f", "table");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("客户归属", r.Out);
        Assert.Contains("成交分配", r.Out);
        Assert.Contains("顾问合计", r.Out);
    }

    [Fact]
    public void EmptyInput_Exits2()
    {
        var r = CliFixture.Run("attribute", "-i", _fx.Write("empty.csv", ""));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("是空的", r.Err);
    }
}
