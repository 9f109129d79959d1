using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Tests;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

/// <summary>
/// <c>kaohe results</c> and <c>kaohe paysheet</c> on a company with three published monthly cycles (2026-07 … 2026-09),
/// driven through <see cref="CycleService"/> as HR would in the browser: open, fill every form, release, publish.
/// </summary>
public abstract class ResultsCommandTests : IDisposable
{
    private readonly TestDatabase _db;
    private readonly CliFixture _files = new();
    private readonly Clock _clock = new(new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero));

    /// <summary>工号 → score of each month (E0006's name starts with '=': a formula if written carelessly).</summary>
    private static readonly Dictionary<string, decimal[]> Scores = new()
    {
        ["E0001"] = [95, 92, 88], ["E0002"] = [85, 55, 50], ["E0003"] = [70, 75, 81.5m],
        ["E0004"] = [40, 65, 99], ["E0005"] = [60, 60, 60], ["E0006"] = [91, 58, 73.25m],
    };

    private const string Scheme = """
        id: CLI-PAY
        name: 绩效工资测试表
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: proportional, per: 100 }
        ranking: { top_reward: 500, top_above: 80, penalty: -200, penalty_below: 60 }
        sections:
          - name: 工作
            indicators:
              - { name: 工作表现, points: 100, manual: { min: 0, max: 100 } }
        """;

    protected ResultsCommandTests(DatabaseProvider provider)
    {
        _db = TestDatabase.Create(provider);
        var units = _files.Write("units.csv", "单位编码,单位名称,类型,上级编码\nHQ,示例公司,公司,\nA,销售一部,部门,HQ\nB,销售二部,部门,HQ\n");
        var staff = _files.Write("staff.csv", "工号,姓名,单位编码,岗位,上级工号,入职日期\n"
            + "E0001,王芳,A,客户经理,,2020-01-01\nE0002,李强,A,客户经理,,2020-01-01\nE0003,张敏,A,客户经理,,2020-01-01\n"
            + "E0004,赵磊,B,客户经理,,2020-01-01\nE0005,刘洋,B,客户经理,,2020-01-01\nE0006,=SUM(1+1),B,客户经理,,2020-01-01\n");
        Assert.Equal(0, Kaohe("import", "units", units, "-q").ExitCode);
        var imported = Kaohe("import", "staff", staff, "-q");
        Assert.True(imported.ExitCode == 0, imported.Err);
        Seed();
    }

    private string Conn => _db.Database.ConnectionString;

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", Conn]);

    /// <summary>HR saves the scheme and runs 2026-07, 2026-08 and 2026-09 to publication (everyone 3000 元 base).</summary>
    private void Seed()
    {
        using var db = _db.Database.CreateContext();
        var account = new AccountStore(db).Create("admin", new NewAccount("hr", "人事", "Hr-Password-2026!", AccountRole.Hr));
        var hr = Actor.Of(account);
        new SchemeStore(db, _clock).Save(hr, Scheme);
        var months = new[] { "2026-07", "2026-08", "2026-09" };
        for (var m = 0; m < months.Length; m++)
        {
            var cycles = new CycleService(db, _clock);
            var id = cycles.Open(hr, new OpenCycleRequest("CLI-PAY", months[m], ConfirmDays: 1, DefaultPayoutBase: 3000));
            foreach (var s in cycles.Detail(hr, id).Subjects)
                foreach (var f in s.Forms)
                {
                    var inputs = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, decimal> { ["工作表现"] = Scores[s.Code][m] })).RootElement;
                    cycles.Submit(hr, f.Id, new FormSave(inputs, null, 1));
                }
            var released = cycles.Release(hr, id, new ReleaseRequest(cycles.Detail(hr, id).Cycle.Version));
            _clock.Advance(TimeSpan.FromDays(2));
            cycles.Publish(hr, id, new PublishRequest(released.Version, "测试：不检查强制分布"));
            _clock.Advance(TimeSpan.FromDays(28));
        }
    }

    [Fact]
    public void History_lists_every_published_month_in_each_format()
    {
        var table = Kaohe("results", "history", "--staff", "E0002");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("李强（E0002）", table.Out);
        foreach (var month in new[] { "2026-07", "2026-08", "2026-09" }) Assert.Contains(month, table.Out);
        Assert.Contains("不合格", table.Out); // 55 in August
        Assert.Contains("1,650.00", table.Out); // 3000 × 55 / 100 in money format

        var json = Kaohe("results", "history", "--staff", "E0002", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Err);
        var rows = json.Json().GetProperty("rows").EnumerateArray().Where(r => !r.GetProperty("is_rollup").GetBoolean()).ToList();
        Assert.Equal(["2026-07", "2026-08", "2026-09"], rows.Select(r => r.GetProperty("period").GetString()));
        Assert.Equal([85m, 55m, 50m], rows.Select(r => r.GetProperty("total").GetDecimal()));

        var csv = _files.PathOf("history.csv");
        Assert.Equal(0, Kaohe("results", "history", "--staff", "E0002", "--out", csv).ExitCode);
        var lines = File.ReadAllLines(csv, Encoding.UTF8);
        Assert.StartsWith("期间,方案", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => l.StartsWith("2026-0", StringComparison.Ordinal)));

        var xlsx = _files.PathOf("history.xlsx");
        Assert.Equal(0, Kaohe("results", "history", "--staff", "E0002", "--out", xlsx).ExitCode);
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["2026-07", "2026-08", "2026-09"], sheet.Where(r => (string?)r["类型"] == "考核").Select(r => (string?)r["期间"]));
        Assert.DoesNotContain(_files.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Paysheet_xlsx_totals_equal_the_sum_of_the_people_and_no_text_is_a_formula()
    {
        var path = _files.PathOf("绩效工资表.xlsx");
        var run = Kaohe("paysheet", "--period", "2026-09", "--out", path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("6 人", run.Out);

        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var people = rows.Where(r => r.TryGetValue("工号", out var no) && no is string s && s.StartsWith('E')).ToList();
        Assert.Equal(6, people.Count);
        var grand = rows.Last(r => r.Values.Any(v => v is string s && s.Contains("合计", StringComparison.Ordinal) && !s.Contains("小计", StringComparison.Ordinal)));
        var sumPeople = people.Sum(r => Convert.ToDecimal(r["合计"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sumPeople, Convert.ToDecimal(grand["合计"], System.Globalization.CultureInfo.InvariantCulture));
        // Every money cell of a person adds up to their 合计.
        foreach (var p in people)
        {
            var lines = new[] { "绩效奖金", "排名奖罚", "其他奖扣" }.Sum(c => p.TryGetValue(c, out var v) && v is not null and not "" ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : 0m);
            Assert.Equal(lines, Convert.ToDecimal(p["合计"], System.Globalization.CultureInfo.InvariantCulture));
        }
        // September: 3000 × total / 100 each, +500 for the best above 80, −200 for the worst below 60.
        var expected = Scores.Values.Sum(s => 3000m * s[2] / 100) + 500 - 200;
        Assert.Equal(expected, sumPeople);

        // The name that starts with '=' is text, and no cell of the workbook is a formula.
        var named = people.Single(r => (string?)r["工号"] == "E0006");
        Assert.EndsWith("=SUM(1+1)", (string?)named["姓名"], StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(path))
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                var xml = reader.ReadToEnd();
                Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            }

        var csv = _files.PathOf("绩效工资表.csv");
        Assert.Equal(0, Kaohe("paysheet", "--period", "2026-09", "--out", csv).ExitCode);
        var text = File.ReadAllText(csv, Encoding.UTF8);
        Assert.DoesNotContain(",=SUM", text, StringComparison.Ordinal);
        Assert.Contains("=SUM(1+1)", text, StringComparison.Ordinal);

        var table = Kaohe("paysheet", "--period", "2026-09", "--unit", "B");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("销售二部", table.Out);
        Assert.Contains("3 人", table.Out);
    }

    [Fact]
    public void Unknown_staff_bad_period_and_unknown_unit_are_Chinese_errors_with_exit_2()
    {
        var unknown = Kaohe("results", "history", "--staff", "E9999");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", unknown.Err);
        Assert.Empty(unknown.Out);

        var badPeriod = Kaohe("paysheet", "--period", "2026-13", "--out", _files.PathOf("x.xlsx"));
        Assert.Equal(2, badPeriod.ExitCode);
        Assert.Contains("无法识别的期间“2026-13”", badPeriod.Err);
        Assert.False(File.Exists(_files.PathOf("x.xlsx")));

        var unit = Kaohe("paysheet", "--period", "2026-09", "--unit", "NOPE");
        Assert.Equal(2, unit.ExitCode);
        Assert.Contains("没有编码为“NOPE”的单位", unit.Err);

        Assert.Contains("xlsx 格式需要用 --out", Kaohe("paysheet", "--period", "2026-09", "--format", "xlsx").Err);
        var rollup = Kaohe("results", "rollup", "--scheme", "CLI-PAY", "--period", "2026-09");
        Assert.Equal(2, rollup.ExitCode);
        Assert.Contains("应写作 2026-Q4（季度）或 2026（年）", rollup.Err);
        var weights = Kaohe("results", "rollup", "--scheme", "CLI-PAY", "--period", "2026-Q3", "--weights", "1,x,1");
        Assert.Equal(2, weights.ExitCode);
        Assert.Contains("权重“x”", weights.Err);
    }

    [Fact]
    public void A_quarter_rolls_up_into_the_history_and_consequences_are_listed()
    {
        var run = Kaohe("results", "rollup", "--scheme", "CLI-PAY", "--period", "2026-Q3");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("汇总 6 人", run.Out);
        // E0003: (70 + 75 + 81.5) / 3 = 75.5
        Assert.Contains("75.5", run.Out);

        var history = Kaohe("results", "history", "--staff", "E0003", "--format", "json");
        var rollup = Assert.Single(history.Json().GetProperty("rows").EnumerateArray(), r => r.GetProperty("is_rollup").GetBoolean());
        Assert.Equal("2026-Q3", rollup.GetProperty("period").GetString());
        Assert.Equal(75.5m, rollup.GetProperty("total").GetDecimal());

        var consequences = Kaohe("results", "consequences", "--all");
        Assert.True(consequences.ExitCode == 0, consequences.Err);
        var json = Kaohe("results", "consequences", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Err);
        Assert.Equal(JsonValueKind.Array, json.Json().ValueKind);
    }

    public void Dispose()
    {
        _files.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A clock the test moves: confirmation deadlines pass without waiting.</summary>
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}

public sealed class SqliteResultsCommandTests() : ResultsCommandTests(DatabaseProvider.Sqlite);

public sealed class PostgresResultsCommandTests() : ResultsCommandTests(DatabaseProvider.PostgreSql);
