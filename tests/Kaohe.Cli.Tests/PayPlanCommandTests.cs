using System.Text.Json;
using Xunit;

namespace Kaohe.Cli.Tests;

/// <summary>
/// <c>kaohe plan</c> with the monthly pay plans (TPL-27 loan officer, TPL-29 大客户经理助理): the worked examples with exact
/// figures, every output format, a plan file, and bad input (exit 2, one line per problem naming row and column).
/// </summary>
public sealed class PayPlanCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Example(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Kaohe.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "examples", "plans", name);
    }

    private static List<JsonElement> Months(CliResult r) =>
        [.. r.Json().GetProperty("people").EnumerateArray().SelectMany(p => p.GetProperty("months").EnumerateArray())];

    private static decimal[] Amounts(JsonElement month) => [.. month.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal())];

    [Fact]
    public void LoanOfficer_Example_TierBaseCountAndReferralFigures()
    {
        var r = CliFixture.Run("plan", "--plan", "TPL-27", "--input", Example("TPL-27-bank-loan-officer.csv"));
        Assert.True(r.ExitCode == 0, r.Err);
        var months = Months(r);
        Assert.Equal([2390m, 3760m, 1800m], months.Select(m => m.GetProperty("total").GetDecimal()));
        // 14 months in credit work, 35 loans handled, 0.8% overdue at the last month-end → 初级 2200; 1 new + 2 renewals × 0.5 = 2 loans → 60;
        // referrals 3万 → 30, 8万 → 50, 5.5万 → 50 (right-closed bands)
        var zhang = months[0];
        Assert.Equal("初级客户经理", zhang.GetProperty("tier").GetString());
        Assert.Equal([2200m, 60m, 130m], Amounts(zhang));
        Assert.Contains("初级客户经理：符合", string.Join("；", zhang.GetProperty("tier_reasons").EnumerateArray().Select(x => x.GetString())));
        Assert.Contains("第 3 笔 5.5 万元，属于 6–10 万元 一档，奖励 50 元", zhang.GetProperty("lines")[2].GetProperty("explanation").GetString());
        // 初级 for 13 months, 55 managed loans, overdue 1.2/1.6/1.5% (mean 1.4333%) → 中级 2700; the hand-entered ¥1,000.00 quality pay
        Assert.Equal("中级客户经理", months[1].GetProperty("tier").GetString());
        Assert.Equal([2700m, 60m, 1000m], Amounts(months[1]));
        Assert.Contains("1.4333%", months[1].GetProperty("tier_reasons")[1].GetString());
        // 4 months → 助理 1800; a referral not disbursed earns nothing
        Assert.Equal(("助理客户经理", 0m), (months[2].GetProperty("tier").GetString(), Amounts(months[2])[2]));
    }

    [Fact]
    public void Assistant_Example_PR04Figures()
    {
        var r = CliFixture.Run("plan", "--plan", "TPL-29", "--input", Example("TPL-29-key-account-assistant.json"));
        Assert.True(r.ExitCode == 0, r.Err);
        var months = Months(r);
        // 8 months' service, 26 days, full attendance, bonus 414 + 1840 + 160 = 2414 → 3474
        Assert.Equal([900m, 130m, 30m, 0m, 0m, 414m, 1840m, 0m, 160m], Amounts(months[0]));
        Assert.Equal(3474m, months[0].GetProperty("total").GetDecimal());
        Assert.False(months[0].TryGetProperty("tier", out _));
        // two years, 工龄奖 50 from the row, 24 days, not full attendance, sales 50% → 0, bonus 1840 → 3010
        Assert.Equal([900m, 120m, 0m, 50m, 100m, 0m, 1840m, 0m, 0m], Amounts(months[1]));
        Assert.Equal(3010m, months[1].GetProperty("total").GetDecimal());
    }

    [Fact]
    public void CsvXlsxAndStdin_CarryTheSameFigures()
    {
        var csv = CliFixture.Run("plan", "--plan", "TPL-29", "--input", Example("TPL-29-key-account-assistant.json"), "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Err);
        var lines = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("姓名,工号,月份,等级,项目,金额,说明", lines[0]);
        Assert.Equal(2 * 10 + 1, lines.Length);
        Assert.StartsWith("赵敏,A001,2026-05,,合计,3474,", lines[10]);
        Assert.StartsWith("钱芳,A002,2026-05,,工龄奖,50,", lines[14]);

        var xlsx = _cli.PathOf("薪酬.xlsx");
        var x = CliFixture.Run("plan", "--plan", "TPL-27", "--input", Example("TPL-27-bank-loan-officer.csv"), "--output", xlsx);
        Assert.True(x.ExitCode == 0, x.Err);
        Assert.True(new FileInfo(xlsx).Length > 0);

        var stdin = CliFixture.RunWithStdin(File.ReadAllText(Example("TPL-27-bank-loan-officer.csv")), "plan", "--plan", "TPL-27", "--input", "-");
        Assert.True(stdin.ExitCode == 0, stdin.Err);
        Assert.Equal([2390m, 3760m, 1800m], Months(stdin).Select(m => m.GetProperty("total").GetDecimal()));
    }

    [Fact]
    public void PlanFile_CompletesTheTruncatedCountTable()
    {
        var plan = _cli.Write("本行.yaml", """
            kind: loan_officer
            id: MY-27
            name: 本行信贷员薪酬
            count_pay:
              bands:
                - { from: 1, to: 2, amount: 30 }
                - { from: 3, amount: 40 }
            """);
        var input = _cli.Write("m.json", """[{ "姓名": "周强", "年份": 2026, "月份": 5, "从事信贷工作起始日": "2026-01-05", "当月新发放微小贷款笔数": "５" }]""");
        var r = CliFixture.Run("plan", "--plan", plan, "--input", input);
        Assert.True(r.ExitCode == 0, r.Err);
        // 5 new loans: 2 × 30 + 3 × 40 = 180
        Assert.Equal([1800m, 180m], Amounts(Months(r)[0]));
        // the built-in plan refuses the month: its table stops after the 2nd loan
        var refused = CliFixture.Run("plan", "--plan", "TPL-27", "--input", input);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("第 1 项 “当月放款笔数”：折算 5 笔，超出计件表（只到第 2 笔）", refused.Err);
    }

    [Fact]
    public void BadInput_Exit2_OneLocatedLinePerProblem()
    {
        var input = _cli.Write("bad.csv", """
            姓名,年份,月份,入职日期,出勤天数,满勤,清洗饮水机台数,未知列
            赵敏,2026,13,2025-02-30,abc,也许,-5,x
            ,2026,5,2025-01-01,20,否,100,
            钱芳,2026,5,2025-01-01,40,否,100,
            """);
        var output = _cli.PathOf("out.csv");
        var r = CliFixture.Run("plan", "--plan", "TPL-29", "--input", input, "--output", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
        [
            "第 2 行 “未知列”：不是本方案的输入列",
            "第 2 行 “月份”：13 不是 1–12 月",
            "第 2 行 “入职日期”：“2025-02-30”不是有效日期（应写作 2026-10-05）",
            "第 2 行 “出勤天数”：“abc”无法识别为次数",
            "第 2 行 “满勤”：“也许”应为 是 或 否",
            "第 2 行 “清洗饮水机台数”：不能为负数",
            "第 3 行 “姓名”：缺少姓名",
            "第 4 行 “出勤天数”：应为 0–31（40）",
        ], r.ErrLines[..^1]);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void LoanOfficer_ListsOfUnequalLength_AndDuplicateMonths_AreLocated()
    {
        var input = _cli.Write("lo.csv", """
            姓名,工号,年份,月份,从事信贷工作起始日,月末贷款余额,月末逾期贷款余额,推荐贷款金额,是否成功发放
            张三,L1,2026,5,2025-01-01,100万、120万,1万,3万、x,是
            张三,L1,2026,5,2025-01-01,,,,
            张三,L1,2026,5,2025-01-01,,,,
            """);
        var r = CliFixture.Run("plan", "--plan", "TPL-27", "--input", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(
        [
            "第 2 行 “月末逾期贷款余额”：有 1 个月末，而“月末贷款余额”有 2 个：各月末列的个数应相同（从早到晚，用“、”分隔）",
            "第 2 行 “是否成功发放”：有 1 项，而推荐贷款金额有 2 笔：应逐笔对应",
            "第 4 行 “月份”：张三 的 2026-05 在第 3 行已有一行",
        ], r.ErrLines[..^1]);
    }

    [Fact]
    public void Show_PayRulesInChinese_WithoutCodes()
    {
        var r = CliFixture.Run("plan", "--show", "TPL-29");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("绩效考核奖金 2300 元：销售指标占 20%（460 元），清洗饮水机、送水占 80%（1840 元）", r.Out);
        Assert.Contains("输入列：姓名、工号、年份、月份、入职日期", r.Out);
        var lo = CliFixture.Run("plan", "--show", "bank-loan-officer");
        Assert.Contains("基础薪酬按等级：助理客户经理 1800 元，初级 2200 元，中级 2700 元，高级 3500 元", lo.Out);
        Assert.Contains("第 1–2 笔每笔 30 元", lo.Out);
        foreach (var text in new[] { r.Out, lo.Out }) Assert.DoesNotMatch(@"\b(TQ|PR|OF|LN)-\d", text);
        var list = CliFixture.Run("plan", "--list");
        Assert.Contains("TPL-27\tbank-loan-officer\tXX银行贷款业务客户经理薪酬", list.Out);
        Assert.Contains("TPL-29\tkey-account-assistant\t大客户经理助理薪酬", list.Out);
    }
}
