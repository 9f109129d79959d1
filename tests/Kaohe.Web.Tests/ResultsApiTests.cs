using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 12 through the HTTP API on each provider: three published months of a scheme with grades, a ranking and a
/// poor-streak rule (员工乙 不合格 twice → a warning to act on), the history of a person and a unit, the charts, the
/// grade bands and forced distribution (publish only with a reason), consequences handled by HR, the quarter roll-up
/// (a missing month is shown as missing) and the pay sheet as JSON, CSV and XLSX; and who may not.
/// </summary>
public abstract class ResultsApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    /// <summary>A month scheme as HR would save it: GR-03's four levels, BP proportional pay, RK ranking, GR-02.</summary>
    public const string Scheme = """
        id: WEB-HIST
        name: 月度历史测试表
        subject: person
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: proportional, base: 3000, per: 100 }
        ranking: { by_percent_of: 100, top_reward: 500, top_above: 90, penalty: -200, penalty_below: 60 }
        consequences:
          - { kind: poor-streak, poor: 不合格 }
        sections:
          - name: 考核
            indicators:
              - { name: 工作质量, points: 100, manual: true }
        """;

    /// <summary>The name of a third appraisee in 一组: a formula if a file writes it carelessly.</summary>
    public const string FormulaName = "=HYPERLINK(\"http://x\",\"点我\")";

    private static readonly string[] Months = ["2026-07", "2026-08", "2026-09"];

    /// <summary>工号 → the score of each month; null = not appraised that month (E13 misses September).</summary>
    private static readonly Dictionary<string, decimal?[]> Scores = new()
    {
        ["E11"] = [95, 85, 92],
        ["E12"] = [55, 50, 65],
        ["E13"] = [75, 70, null],
    };

    private sealed record Month(int Cycle, Dictionary<string, int> Subjects);

    /// <summary>TinyCompany plus E13 (一组, 组长甲 rates) whose name starts with '='; the scheme saved by HR.</summary>
    private async Task<HttpClient> Start()
    {
        CreateCompany();
        using (var db = Host.Db.Database.CreateContext())
        {
            var t1 = db.Units.Single(u => u.Code == "T1");
            var head = db.Staff.Single(s => s.EmployeeNo == "E01");
            db.Staff.Add(new Staff { EmployeeNo = "E13", Name = FormulaName, UnitId = t1.Id, Role = "客服经理", SupervisorId = head.Id });
            db.SaveChanges();
        }
        var hr = await Host.As("hr");
        await Json.Read(await hr.PostAsJsonAsync("/api/schemes", new { yaml = Scheme }), HttpStatusCode.OK);
        return hr;
    }

    /// <summary>Opens, rates (each head rates their people), releases and confirms month <paramref name="m"/>; publishes unless told not to.</summary>
    private async Task<Month> RunMonth(int m, bool publish = true, string? reason = null)
    {
        using var hr = await Host.As("hr");
        var who = Scores.Where(s => s.Value[m] is not null).Select(s => s.Key).ToArray();
        var detail = await Open(hr, new { scheme = "WEB-HIST", period = Months[m], subjects = who, confirmDays = 3 });
        var cycle = detail.GetProperty("cycle").Int("id");
        using var rater1 = await Host.As("rater1");
        using var rater2 = await Host.As("rater2");
        foreach (var code in who)
        {
            var rater = code == "E12" ? rater2 : rater1;
            var submitted = await Submit(rater, FormOf(detail, code, "考核评分"), new Dictionary<string, object> { ["工作质量"] = Scores[code][m]! });
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        }
        await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version = await CycleVersion(hr, cycle) }), HttpStatusCode.OK);
        var subjects = who.ToDictionary(c => c, c => SubjectOf(detail, c));
        // Everyone with an account confirms; E13 has none: its result counts as confirmed once the deadline has passed.
        foreach (var (code, user) in new[] { ("E11", "emp1"), ("E12", "emp2") })
        {
            if (!subjects.TryGetValue(code, out var s)) continue;
            using var emp = await Host.As(user);
            var r = await Result(emp, s);
            await Json.Read(await emp.PostAsJsonAsync($"/api/results/{s}/confirm", new { version = r.Int("version") }), HttpStatusCode.OK);
        }
        if (publish)
            await Json.Read(await hr.PostAsJsonAsync($"/api/cycles/{cycle}/publish", new { version = await CycleVersion(hr, cycle), distributionReason = reason }), HttpStatusCode.OK);
        return new Month(cycle, subjects);
    }

    private int StaffId(string employeeNo)
    {
        using var db = Host.Db.Database.CreateContext();
        return db.Staff.AsNoTracking().Single(s => s.EmployeeNo == employeeNo).Id;
    }

    private int UnitId(string code)
    {
        using var db = Host.Db.Database.CreateContext();
        return db.Units.AsNoTracking().Single(u => u.Code == code).Id;
    }

    [Fact]
    public async Task Three_published_months_give_history_consequences_rollups_charts_and_a_pay_sheet()
    {
        (await Start()).Dispose();
        // E13 has no account: its result counts as confirmed only after the deadline, so the clock moves on before
        // July and August are published (and everyone signs in again).
        var july = await RunMonthWithDeadline(0);
        await RunMonthWithDeadline(1);

        using var hrNow = await Host.As("hr");
        // 员工乙 is 不合格 in July and August: a warning or fine is due, on the result and in HR's list.
        var open = await Json.Read(await hrNow.GetAsync("/api/consequences"), HttpStatusCode.OK);
        var warning = Assert.Single(open.EnumerateArray());
        Assert.Equal(("E12", "2026-08", "WarningOrFine", "Open"), (warning.Str("code"), warning.Str("period"), warning.Str("type"), warning.Str("status")));
        Assert.False(string.IsNullOrWhiteSpace(warning.Str("title")));
        Assert.Contains("不合格", warning.Str("explanation"));
        using (var emp2 = await Host.As("emp2"))
        {
            var row = await Json.Read(await emp2.GetAsync("/api/me/history"), HttpStatusCode.OK);
            var last = row.GetProperty("rows").EnumerateArray().Last();
            Assert.Equal("2026-08", last.Str("period"));
            Assert.Equal(warning.Int("id"), Assert.Single(last.GetProperty("consequences").EnumerateArray()).Int("id"));
            // An appraisee sees only their own history.
            await Json.Read(await emp2.GetAsync($"/api/people/{StaffId("E11")}/history"), HttpStatusCode.NotFound);
            await Json.Read(await emp2.GetAsync("/api/people/by-no/E11/history"), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.OK, (await emp2.GetAsync($"/api/people/{StaffId("E12")}/history")).StatusCode);
        }

        // Handling needs a note; viewers may not; a stale version is a conflict.
        using (var viewer = await Host.As("viewer"))
        {
            await Json.Read(await viewer.PostAsJsonAsync($"/api/consequences/{warning.Int("id")}/handle", new { note = "已警告", version = warning.Int("version") }), HttpStatusCode.Forbidden);
            Assert.NotEmpty((await Json.Read(await viewer.GetAsync("/api/dashboard"), HttpStatusCode.OK)).GetProperty("cycles").EnumerateArray());
        }
        var noNote = await Json.Read(await hrNow.PostAsJsonAsync($"/api/consequences/{warning.Int("id")}/handle", new { note = " ", version = warning.Int("version") }), HttpStatusCode.BadRequest);
        Assert.Contains("处理情况", noNote.Str("title"));
        var handled = await Json.Read(await hrNow.PostAsJsonAsync($"/api/consequences/{warning.Int("id")}/handle", new { note = "已书面警告，本人签字", version = warning.Int("version") }), HttpStatusCode.OK);
        Assert.Equal(("Handled", "已书面警告，本人签字", "hr"), (handled.Str("status"), handled.Str("handledNote"), handled.Str("handledBy")));
        await Json.Read(await hrNow.PostAsJsonAsync($"/api/consequences/{warning.Int("id")}/handle", new { note = "再次", version = warning.Int("version") }), HttpStatusCode.Conflict);
        Assert.Empty((await Json.Read(await hrNow.GetAsync("/api/consequences"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Single((await Json.Read(await hrNow.GetAsync("/api/consequences?all=true"), HttpStatusCode.OK)).EnumerateArray());
        using (var db = Host.Db.Database.CreateContext())
            Assert.Contains(db.AuditEntries.AsNoTracking().ToList(), a => a.Reason == "已书面警告，本人签字" || a.NewValue == "已书面警告，本人签字");

        // September: a forced distribution (优秀 at most 20 %) that the month breaks — publishing needs a reason.
        var september = await RunMonth(2, publish: false);
        var grading = await Json.Read(await hrNow.GetAsync($"/api/cycles/{september.Cycle}/grading"), HttpStatusCode.OK);
        Assert.Equal(["优秀", "良好", "合格", "不合格"], grading.GetProperty("bands").EnumerateArray().Select(b => b.Str("grade")));
        using (var viewer = await Host.As("viewer"))
            await Json.Read(await viewer.PutAsJsonAsync($"/api/cycles/{september.Cycle}/grading", new { limits = new[] { new { grade = "优秀", maxPercent = 20m } }, version = grading.Int("version") }), HttpStatusCode.Forbidden);
        var limited = await Json.Read(await hrNow.PutAsJsonAsync($"/api/cycles/{september.Cycle}/grading",
            new { limits = new[] { new { grade = "优秀", maxPercent = 20m, minPercent = (decimal?)null } }, version = grading.Int("version") }), HttpStatusCode.OK);
        Assert.NotEmpty(limited.GetProperty("breaches").EnumerateArray()); // 1 of 2 = 50 % 优秀
        var refused = await hrNow.PostAsJsonAsync($"/api/cycles/{september.Cycle}/publish", new { version = await CycleVersion(hrNow, september.Cycle) });
        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        Assert.Contains("原因", (await Json.Read(refused, refused.StatusCode)).Str("title"));
        await Json.Read(await hrNow.PostAsJsonAsync($"/api/cycles/{september.Cycle}/publish",
            new { version = await CycleVersion(hrNow, september.Cycle), distributionReason = "本月两人，比例无意义" }), HttpStatusCode.OK);
        using (var db = Host.Db.Database.CreateContext())
            Assert.Contains(db.AuditEntries.AsNoTracking().Where(a => a.CycleId == september.Cycle).ToList(), a => (a.Reason ?? a.NewValue ?? "").Contains("本月两人", StringComparison.Ordinal));

        // History: every published month, ranks of N, money lines.
        var e11 = await Json.Read(await hrNow.GetAsync("/api/people/by-no/E11/history"), HttpStatusCode.OK);
        var rows = e11.GetProperty("rows").EnumerateArray().Where(r => !r.GetProperty("isRollup").GetBoolean()).ToList();
        Assert.Equal(Months, rows.Select(r => r.Str("period")));
        Assert.Equal([95m, 85m, 92m], rows.Select(r => r.Dec("total")));
        Assert.Equal(["优秀", "良好", "优秀"], rows.Select(r => r.Str("grade")));
        Assert.Equal((1, 3), (rows[0].Int("rank"), rows[0].Int("rankOf")));
        Assert.Equal((2850m, 500m), (rows[0].Dec("payout"), rows[0].Dec("rankAmount")));
        var byId = await Json.Read(await hrNow.GetAsync($"/api/people/{StaffId("E11")}/history"), HttpStatusCode.OK);
        Assert.Equal(e11.GetProperty("rows").GetArrayLength(), byId.GetProperty("rows").GetArrayLength());
        // hr1 covers 一组 only: 员工乙 (二组) is not theirs.
        using (var hr1 = await Host.As("hr1"))
            await Json.Read(await hr1.GetAsync($"/api/people/{StaffId("E12")}/history"), HttpStatusCode.NotFound);

        var people = await Json.Read(await hrNow.GetAsync("/api/people?search=E1&take=10"), HttpStatusCode.OK);
        Assert.Equal(["E11", "E12", "E13"], people.EnumerateArray().Select(p => p.Str("employeeNo")).Order(StringComparer.Ordinal));
        Assert.Equal("2026-09", people.EnumerateArray().Single(p => p.Str("employeeNo") == "E11").Str("lastPeriod"));
        Assert.Contains("take", (await Json.Read(await hrNow.GetAsync("/api/people?take=100000"), HttpStatusCode.BadRequest)).Str("title"));
        using (var emp1 = await Host.As("emp1"))
            Assert.True((await emp1.GetAsync("/api/people")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);

        var unit = await Json.Read(await hrNow.GetAsync($"/api/units/{UnitId("T1")}/history"), HttpStatusCode.OK);
        var unitJuly = unit.GetProperty("periods").EnumerateArray().First(p => p.Str("period") == "2026-07");
        Assert.Equal((2, 85m), (unitJuly.Int("people"), unitJuly.Dec("average"))); // E11 95, E13 75

        var charts = await Json.Read(await hrNow.GetAsync($"/api/cycles/{july.Cycle}/charts"), HttpStatusCode.OK);
        Assert.Equal(3, charts.GetProperty("ranking").GetArrayLength());
        Assert.Equal(3, charts.GetProperty("grades").EnumerateArray().Sum(g => g.Int("count")));
        var dashboard = await Json.Read(await hrNow.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        Assert.NotEmpty(dashboard.GetProperty("cycles").EnumerateArray());
        Assert.Equal(Months, dashboard.GetProperty("trend").EnumerateArray().Select(t => t.Str("period")));

        // The quarter: E13 has no September result — shown as missing, never counted as 0.
        using (var viewer = await Host.As("viewer"))
            await Json.Read(await viewer.PostAsJsonAsync("/api/rollups", new { schemeCode = "WEB-HIST", period = "2026-Q3" }), HttpStatusCode.Forbidden);
        Assert.Contains("无法识别的期间", (await Json.Read(await hrNow.PostAsJsonAsync("/api/rollups", new { schemeCode = "WEB-HIST", period = "2026-13" }), HttpStatusCode.BadRequest)).Str("title"));
        Assert.Contains("季度或年度", (await Json.Read(await hrNow.PostAsJsonAsync("/api/rollups", new { schemeCode = "WEB-HIST", period = "2026-09" }), HttpStatusCode.BadRequest)).Str("title"));
        var run = await Json.Read(await hrNow.PostAsJsonAsync("/api/rollups", new { schemeCode = "WEB-HIST", period = "2026-Q3" }), HttpStatusCode.OK);
        var q = run.GetProperty("rows").EnumerateArray().ToDictionary(r => r.Str("code"));
        Assert.Equal(["E11", "E12", "E13"], q.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Fmt2((95m + 85m + 92m) / 3), Fmt2(q["E11"].Dec("total")));
        Assert.Equal(72.5m, q["E13"].Dec("total")); // (75 + 70) / 2: the missing month is left out
        Assert.Equal(1, q["E13"].Int("missing"));
        Assert.Contains(q["E13"].GetProperty("parts").EnumerateArray(), p => p.Str("period") == "2026-09" && p.GetProperty("total").ValueKind == JsonValueKind.Null);
        var stored = await Json.Read(await hrNow.GetAsync("/api/rollups?scheme=WEB-HIST&period=2026-Q3"), HttpStatusCode.OK);
        Assert.Equal(3, stored.GetArrayLength());
        Assert.Contains(e11.GetProperty("rows").EnumerateArray().Concat((await Json.Read(await hrNow.GetAsync("/api/people/by-no/E11/history"), HttpStatusCode.OK)).GetProperty("rows").EnumerateArray()),
            r => r.GetProperty("isRollup").GetBoolean() && r.Str("period") == "2026-Q3");

        // The pay sheet of July: three people, two units' subtotals, the grand total.
        Assert.Contains("无法识别的期间", (await Json.Read(await hrNow.GetAsync("/api/paysheet?period=7月"), HttpStatusCode.BadRequest)).Str("title"));
        Assert.Contains("期间", (await Json.Read(await hrNow.GetAsync("/api/paysheet.csv"), HttpStatusCode.BadRequest)).Str("title"));
        var summary = await Json.Read(await hrNow.GetAsync("/api/paysheet?period=2026-07"), HttpStatusCode.OK);
        Assert.Equal(3, summary.Int("people"));
        var lines = await Json.Read(await hrNow.GetAsync("/api/paysheet/lines?period=2026-07"), HttpStatusCode.OK);
        var persons = lines.EnumerateArray().Where(l => l.Str("kind") == "Person").ToList();
        Assert.Equal(3, persons.Count);
        foreach (var l in lines.EnumerateArray())
            Assert.Equal(l.Dec("sum"), l.GetProperty("amounts").EnumerateArray().Sum(a => a.ValueKind == JsonValueKind.Null ? 0 : a.GetDecimal()));
        Assert.Equal(summary.Dec("grandTotal"), persons.Sum(l => l.Dec("sum")));
        Assert.Equal(summary.Dec("grandTotal"), lines.EnumerateArray().Single(l => l.Str("kind") == "GrandTotal").Dec("sum"));
        var e12July = persons.Single(l => l.Str("employeeNo") == "E12");
        Assert.Equal(1650m - 200m, e12July.Dec("sum")); // 3000 × 55 % and the ranking penalty below 60

        // CSV: same totals; the '=' name is text.
        var csvResponse = await hrNow.GetAsync("/api/paysheet.csv?period=2026-07");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Contains("filename*=UTF-8''", csvResponse.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal("绩效工资表-2026-07.csv", csvResponse.Content.Headers.ContentDisposition.FileNameStar);
        var csv = Sheet.FromCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        csv.CheckTotals(summary.Dec("grandTotal"), 3);
        Assert.DoesNotContain(csv.AllCells, c => c.StartsWith('='));
        Assert.Contains(csv.AllCells, c => c.Contains("HYPERLINK", StringComparison.Ordinal));

        // XLSX: same totals; no cell is a formula.
        var xlsxResponse = await hrNow.GetAsync("/api/paysheet.xlsx?period=2026-07");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("绩效工资表-2026-07.xlsx", xlsxResponse.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await xlsxResponse.Content.ReadAsByteArrayAsync();
        Sheet.AssertNoFormula(bytes);
        var xlsx = Sheet.FromXlsx(bytes);
        xlsx.CheckTotals(summary.Dec("grandTotal"), 3);
        Assert.Contains(xlsx.AllCells, c => c.Contains("HYPERLINK", StringComparison.Ordinal));

        // hr1's sheet covers 一组 only; an unpublished month is named and left out.
        using (var hr1 = await Host.As("hr1"))
        {
            var mine = await Json.Read(await hr1.GetAsync("/api/paysheet?period=2026-07"), HttpStatusCode.OK);
            Assert.Equal(2, mine.Int("people"));
        }
        var october = await Open(hrNow, new { scheme = "WEB-HIST", period = "2026-10", subjects = new[] { "E11" }, confirmDays = 3 });
        var octoberSheet = await Json.Read(await hrNow.GetAsync("/api/paysheet?period=2026-10"), HttpStatusCode.OK);
        Assert.Equal(0, octoberSheet.Int("people"));
        Assert.NotEmpty(octoberSheet.GetProperty("notPublished").EnumerateArray());
        Assert.NotEqual(0, october.GetProperty("cycle").Int("id"));
    }

    /// <summary>A month published after the confirmation deadline (E13 has no account to confirm with).</summary>
    private async Task<Month> RunMonthWithDeadline(int m)
    {
        var month = await RunMonth(m, publish: false);
        Host.Clock.Now += TimeSpan.FromDays(4);
        using var hrLater = await Host.As("hr");
        await Json.Read(await hrLater.PostAsJsonAsync($"/api/cycles/{month.Cycle}/publish", new { version = await CycleVersion(hrLater, month.Cycle) }), HttpStatusCode.OK);
        return month;
    }

    private static string Fmt2(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A downloaded pay sheet read back as rows of text, found by its header row (工号 … 合计).</summary>
public sealed class Sheet(List<string[]> rows)
{
    public IEnumerable<string> AllCells => rows.SelectMany(r => r);

    public static Sheet FromCsv(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString()); cell.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return new Sheet(rows);
    }

    public static Sheet FromXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v switch
            {
                null => "",
                double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                long n => n.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            }).ToArray()).ToList();
        return new Sheet(rows);
    }

    /// <summary>No cell of any sheet is a formula (no &lt;f&gt; element in the worksheet XML).</summary>
    public static void AssertNoFormula(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f ", xml, StringComparison.Ordinal);
        }
    }

    /// <summary>The header row's column names and the rows under it.</summary>
    public (string[] Header, List<string[]> Body) Table()
    {
        var at = rows.FindIndex(r => r.Contains("工号") && r.Contains("合计"));
        Assert.True(at >= 0, "no header row with 工号 and 合计: " + string.Join(" | ", rows.Take(3).Select(r => string.Join(",", r))));
        return (rows[at], rows.Skip(at + 1).Where(r => r.Any(c => c.Length > 0)).ToList());
    }

    public static decimal Number(string text) =>
        text.Length == 0 || text == "—" ? 0m : decimal.Parse(text.Replace(",", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal).Replace('−', '-'), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>
    /// Every person's 合计 is the sum of the money columns (those between 排名 and 合计); each unit's subtotal is the sum
    /// of its people; the grand total is the sum of the people and equals <paramref name="grand"/>. Returns the people's rows.
    /// </summary>
    public List<string[]> CheckTotals(decimal grand, int people)
    {
        var (header, body) = Table();
        var no = Array.IndexOf(header, "工号");
        var unit = Array.IndexOf(header, "单位");
        var sum = Array.IndexOf(header, "合计");
        var firstMoney = Array.IndexOf(header, "排名") + 1;
        Assert.True(firstMoney > 0 && firstMoney < sum, "money columns between 排名 and 合计: " + string.Join(",", header));
        var persons = body.Where(r => r.Length > no && r[no].Length > 0 && !r[no].Contains("计", StringComparison.Ordinal)).ToList();
        Assert.Equal(people, persons.Count);
        foreach (var r in body)
        {
            var money = Enumerable.Range(firstMoney, sum - firstMoney).Sum(i => i < r.Length ? Number(r[i]) : 0m);
            Assert.Equal(money, Number(r[sum]));
        }
        Assert.Equal(grand, persons.Sum(r => Number(r[sum])));
        var totals = body.Except(persons).ToList();
        Assert.Contains(totals, r => Number(r[sum]) == grand && r.Take(sum).Any(c => c.Contains("总计", StringComparison.Ordinal) || c.StartsWith("合计", StringComparison.Ordinal)));
        // Each unit's subtotal line names the unit and sums its people.
        foreach (var g in persons.GroupBy(r => r[unit]))
        {
            var expected = g.Sum(r => Number(r[sum]));
            Assert.Contains(totals, r => r[unit] == g.Key && r.Any(c => c.Contains("小计", StringComparison.Ordinal)) && Number(r[sum]) == expected);
        }
        return persons;
    }
}

public sealed class SqliteResultsApiTests() : ResultsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresResultsApiTests() : ResultsApiTests(DatabaseProvider.PostgreSql);
