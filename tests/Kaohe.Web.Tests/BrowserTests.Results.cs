using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 12 in the browser: HR runs three monthly cycles (2026-07 … 09) of a scheme with grades, a ranking and a
/// poor-streak rule. 员工乙 is 不合格 in July and August: after August is published the warning shows on the result
/// and in 考核结果处理, where HR records what was done. HR rolls the quarter up (E13 was not appraised in September:
/// 缺), the charts are drawn, and the July pay sheet is downloaded as Excel and checked cell by cell against the
/// amounts computed here (3000 × total / 100, +500 for first place above 90, −200 below 60).
/// </summary>
public abstract class ResultsBrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    private static readonly string[] Months = ["2026-07", "2026-08", "2026-09"];

    /// <summary>工号 → score of each month (null = not appraised).</summary>
    private static readonly Dictionary<string, decimal?[]> Scores = new()
    {
        ["E11"] = [95, 85, 92],
        ["E12"] = [55, 50, 65],
        ["E13"] = [75, 70, null],
    };

    private static readonly Dictionary<string, (string Name, string Unit, string Rater, string Account)> People = new()
    {
        ["E11"] = ("员工甲", "一组", "rater1", "emp1"),
        ["E12"] = ("员工乙", "二组", "rater2", "emp2"),
        ["E13"] = (ResultsApiTests.FormulaName, "一组", "rater1", "emp3"),
    };

    protected override void Seed(KaoheDatabase database)
    {
        TinyCompany.Create(database);
        using var db = database.CreateContext();
        var t1 = db.Units.Single(u => u.Code == "T1");
        var head = db.Staff.Single(s => s.EmployeeNo == "E01");
        var e13 = new Staff { EmployeeNo = "E13", Name = ResultsApiTests.FormulaName, UnitId = t1.Id, Role = "客服经理", SupervisorId = head.Id };
        db.Staff.Add(e13);
        db.SaveChanges();
        new AccountStore(db).Create("admin", new NewAccount("emp3", "员工丙", TestHost.Password, AccountRole.Appraisee, StaffId: e13.Id));
        var hr = db.Accounts.Single(a => a.UserName == "hr");
        new SchemeStore(db).Save(Actor.Of(hr), ResultsApiTests.Scheme);
    }

    /// <summary>A client of the API signed in as <paramref name="user"/> (the raters and appraisees act through it).</summary>
    private async Task<HttpClient> Api(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_url) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = TestHost.Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>Picks a choice of a MudSelect marked with data-testid (its input is hidden: the select around it is clicked).</summary>
    private static async Task Pick(IPage page, string testId, string choice)
    {
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator($"input[data-testid={testId}]") }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = choice }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static decimal Payout(decimal total) => 3000m * total / 100m;

    private static decimal RankAmount(string code, int m)
    {
        var scores = Scores.Where(s => s.Value[m] is not null).ToDictionary(s => s.Key, s => s.Value[m]!.Value);
        var mine = scores[code];
        if (mine == scores.Values.Max() && mine > 90) return 500m;
        return mine < 60 ? -200m : 0m;
    }

    /// <summary>HR opens month <paramref name="m"/> in the browser; the raters rate and the appraisees confirm through the API; HR releases and publishes in the browser.</summary>
    private async Task<Dictionary<string, int>> RunMonth(IPage hr, int m, bool limitExcellent = false)
    {
        var who = Scores.Where(s => s.Value[m] is not null).Select(s => s.Key).ToArray();
        await Go(hr, "/cycles");
        await hr.ClickAsync("[data-testid=new-cycle]");
        await Pick(hr, "scheme", "WEB-HIST");
        await Field(hr, "period").FillAsync(Months[m]);
        await Field(hr, "subjects").FillAsync(string.Join(" ", who));
        await hr.ClickAsync("[data-testid=open]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        await Live(hr);
        var cycle = int.Parse(new Uri(hr.Url).AbsolutePath.Split('/').Last(), CultureInfo.InvariantCulture);

        using var hrApi = await Api("hr");
        var detail = await Json.Read(await hrApi.GetAsync($"/api/cycles/{cycle}"), HttpStatusCode.OK);
        var subjects = who.ToDictionary(c => c, c => Security.SecurityKit.SubjectOf(detail, c));
        foreach (var code in who)
        {
            using var rater = await Api(People[code].Rater);
            var submitted = await Security.SecurityKit.Submit(rater, Security.SecurityKit.FormOf(detail, code, "考核评分"),
                new Dictionary<string, object> { ["工作质量"] = Scores[code][m]! });
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        }

        await Go(hr, $"/cycles/{cycle}");
        await hr.ClickAsync("[data-testid=release]");
        await Confirm(hr, "发给被考核人确认");
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("确认中");
        // The ranks are in the cycle's table: first of N.
        var first = Scores.Where(s => s.Value[m] is not null).MaxBy(s => s.Value[m])!.Key;
        await Assertions.Expect(hr.Locator("[data-testid=subjects] tr", new() { HasText = first }).Locator("[data-testid=rank]")).ToHaveTextAsync($"1 / {who.Length}");

        foreach (var code in who)
        {
            using var emp = await Api(People[code].Account);
            var r = await Security.SecurityKit.Result(emp, subjects[code]);
            await Json.Read(await emp.PostAsJsonAsync($"/api/results/{subjects[code]}/confirm", new { version = r.Int("version") }), HttpStatusCode.OK);
        }
        await Go(hr, $"/cycles/{cycle}");
        if (limitExcellent)
        {
            // 强制分布: 优秀 at most 20 % — one of two is 优秀, so HR sees the breach in red and must give a reason.
            await hr.GetByRole(AriaRole.Tab, new() { Name = "等级与分布" }).ClickAsync();
            await Assertions.Expect(hr.Locator("[data-testid=bands] tbody tr")).ToHaveCountAsync(4);
            await hr.ClickAsync("[data-testid=limit-add]");
            await Field(hr, "limit-grade").FillAsync("优秀");
            await Field(hr, "limit-max").FillAsync("abc");
            await hr.ClickAsync("[data-testid=grading-save]");
            await Assertions.Expect(hr.Locator("[data-testid=limits]")).ToContainTextAsync("不是数字");
            await Field(hr, "limit-max").FillAsync("20");
            await hr.ClickAsync("[data-testid=grading-save]");
            await Assertions.Expect(hr.Locator("[data-testid=breaches]")).ToContainTextAsync("优秀 1 人");
            await Assertions.Expect(hr.Locator("[data-testid=grading-chart] canvas")).ToHaveCountAsync(1);
            await hr.WaitForTimeoutAsync(1200); // the chart's animation
            await Shot(hr, "cycle-grading");
            await hr.ClickAsync("[data-testid=publish]");
            await Assertions.Expect(hr.Locator("[data-testid=publish-breaches]")).ToContainTextAsync("超过上限 20%");
            await hr.ClickAsync("[data-testid=publish-anyway]");
            await Assertions.Expect(hr.Locator("[data-testid=publish-panel]")).ToContainTextAsync("须写明仍然发布的理由");
            await hr.Locator("textarea[data-testid=distribution-reason], [data-testid=distribution-reason] textarea").First.FillAsync("本月只有两人，比例不适用");
            await hr.ClickAsync("[data-testid=publish-anyway]");
            await Confirm(hr, "本月只有两人");
        }
        else
        {
            await hr.ClickAsync("[data-testid=publish]");
            await Confirm(hr, "发布后所有结果锁定");
        }
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("已发布");
        return subjects;
    }

    [Fact]
    public async Task Three_months_end_with_a_consequence_a_quarter_and_a_pay_sheet_checked_cell_by_cell()
    {
        var hr = await SignIn("hr");
        await Go(hr, "/");
        await Assertions.Expect(hr.Locator("[data-testid=dashboard-empty]")).ToBeVisibleAsync();

        await RunMonth(hr, 0);
        var august = await RunMonth(hr, 1);

        // The second 不合格 in a row: a warning on 员工乙's August result, for HR and for 员工乙.
        await Go(hr, $"/results/{august["E12"]}");
        var warning = hr.Locator("[data-testid=result-consequence]");
        await Assertions.Expect(warning).ToHaveCountAsync(1);
        await Assertions.Expect(warning).ToContainTextAsync("不合格");
        await Assertions.Expect(hr.Locator("[data-testid=rank]")).ToHaveTextAsync("3 / 3");
        await Shot(hr, "result-consequence");
        var emp2 = await SignIn("emp2");
        await Go(emp2, "/history");
        await Assertions.Expect(emp2.Locator("[data-testid=history] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(emp2.Locator("[data-testid=history-consequence]")).ToContainTextAsync("2026-08");
        await Assertions.Expect(emp2.Locator("[data-testid=history-chart] canvas")).ToHaveCountAsync(1);
        await emp2.WaitForTimeoutAsync(1200); // the charts' animation
        await Shot(emp2, "my-history");

        // 考核结果处理: HR writes what was done (required) and the item leaves the open list.
        await Go(hr, "/");
        await Assertions.Expect(hr.Locator("[data-testid=home-consequences]")).ToContainTextAsync("待处理事项 1 项");
        await hr.ClickAsync("[data-testid=home-consequences]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/consequences$"));
        await Live(hr);
        var row = hr.Locator("[data-testid=consequences] tbody tr", new() { HasText = "员工乙" });
        await Assertions.Expect(row).ToContainTextAsync("2026-08");
        await Shot(hr, "consequences");
        await row.Locator("[data-testid=handle]").ClickAsync();
        var dialog = hr.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=handle-save]").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("请写明处理情况");
        await dialog.Locator("textarea").First.FillAsync("已于 9 月 2 日书面警告，本人签字");
        await dialog.Locator("[data-testid=handle-save]").ClickAsync();
        await Assertions.Expect(hr.Locator("[data-testid=consequences-empty]")).ToBeVisibleAsync();
        await hr.Locator("[data-testid=consequence-filter]").GetByText("全部").ClickAsync();
        await Assertions.Expect(hr.Locator("[data-testid=handled-note]")).ToContainTextAsync("书面警告");

        await RunMonth(hr, 2, limitExcellent: true);
        await hr.GetByRole(AriaRole.Tab, new() { Name = "图表" }).ClickAsync();
        await Assertions.Expect(hr.Locator("[data-testid=chart-ranking] canvas")).ToHaveCountAsync(1);

        // The quarter: E13 has no September result — 缺, and the mean of the months it has.
        await Go(hr, "/rollups");
        await Pick(hr, "rollup-scheme", "WEB-HIST");
        await Field(hr, "rollup-period").FillAsync("2026-13");
        await hr.ClickAsync("[data-testid=rollup-compute]");
        await Assertions.Expect(hr.Locator("[data-testid=rollup-form]")).ToContainTextAsync("无法识别的期间");
        await Field(hr, "rollup-period").FillAsync("2026-Q3");
        await Field(hr, "rollup-weights").FillAsync("1,1");
        await hr.ClickAsync("[data-testid=rollup-compute]");
        await Assertions.Expect(hr.Locator("[data-testid=rollup-form]")).ToContainTextAsync("应填 3 个权重");
        await Field(hr, "rollup-weights").FillAsync("");
        await hr.ClickAsync("[data-testid=rollup-compute]");
        await Assertions.Expect(hr.Locator("[data-testid=rollup-done]")).ToContainTextAsync("3 人");
        var e13 = hr.Locator("[data-testid=rollup-row]", new() { HasText = "E13" });
        await Assertions.Expect(e13.Locator("[data-part='2026-09'] [data-testid=part-missing]")).ToHaveTextAsync("缺");
        await Assertions.Expect(e13.Locator("[data-testid=rollup-total]")).ToHaveTextAsync("72.5");
        await Assertions.Expect(hr.Locator("[data-testid=rollup-row]", new() { HasText = "E11" }).Locator("[data-testid=rollup-total]")).ToHaveTextAsync("90.67");
        await e13.Locator("[data-testid=rollup-explain]").ClickAsync();
        await Assertions.Expect(hr.Locator("[data-testid=rollup-explanation]")).ToBeVisibleAsync();
        await Shot(hr, "rollups");

        // The charts: HR's home (latest cycles and the trend), the archive, a cycle.
        await Go(hr, "/");
        await Assertions.Expect(hr.Locator("[data-testid=dashboard-trend] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(hr.Locator("[data-testid=chart-grades] canvas").First).ToBeAttachedAsync();
        await Assertions.Expect(hr.Locator("[data-testid=chart-ranking] canvas").First).ToBeAttachedAsync();
        await Assertions.Expect(hr.Locator("[data-testid=chart-units] canvas").First).ToBeAttachedAsync();
        await hr.WaitForTimeoutAsync(1200); // the charts' animation
        await Shot(hr, "home-dashboard");
        await Go(hr, "/archive");
        await Field(hr, "archive-search").FillAsync("员工乙");
        await hr.ClickAsync("[data-testid=archive-go]");
        await hr.Locator("[data-testid=archive] tbody tr", new() { HasText = "员工乙" }).GetByRole(AriaRole.Link, new() { Name = "员工乙" }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/archive/\\d+$"));
        await Live(hr);
        await Assertions.Expect(hr.Locator("[data-testid=history] tbody tr", new() { HasText = "2026-Q3" })).ToContainTextAsync("汇总");
        await Assertions.Expect(hr.Locator("[data-testid=consequence-chip]")).ToContainTextAsync("已处理");
        await Assertions.Expect(hr.Locator("[data-testid=history-chart] canvas")).ToHaveCountAsync(1);
        await hr.WaitForTimeoutAsync(1200); // the charts' animation
        await Shot(hr, "archive-person");
        await hr.ClickAsync("[data-testid=unit-link]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/units/\\d+/history$"));
        await Live(hr);
        await Assertions.Expect(hr.Locator("[data-testid=unit-chart] canvas")).ToHaveCountAsync(1);
        await hr.WaitForTimeoutAsync(1200); // the charts' animation
        await Shot(hr, "unit-history");

        // The July pay sheet: the preview, then the Excel file, every total checked against the amounts computed here.
        await Go(hr, "/paysheet");
        await Field(hr, "pay-period").FillAsync("2026-07");
        await hr.ClickAsync("[data-testid=pay-show]");
        var expected = Scores.Keys.ToDictionary(c => c, c => (Payout: Payout(Scores[c][0]!.Value), Rank: RankAmount(c, 0)));
        var grand = expected.Values.Sum(e => e.Payout + e.Rank);
        await Assertions.Expect(hr.Locator("[data-testid=pay-grand-total]")).ToHaveTextAsync(grand.ToString("#,0.00", CultureInfo.InvariantCulture));
        await Assertions.Expect(hr.Locator("[data-testid=pay-lines] tr.pay-subtotal")).ToHaveCountAsync(2);
        await Shot(hr, "paysheet");
        var download = await hr.RunAndWaitForDownloadAsync(() => hr.ClickAsync("[data-testid=pay-xlsx]"));
        Assert.Equal("绩效工资表-2026-07.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), "kaohe-paysheet-test-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Sheet.AssertNoFormula(bytes);
            var sheet = Sheet.FromXlsx(bytes);
            var persons = sheet.CheckTotals(grand, 3);
            var (header, body) = sheet.Table();
            int Col(string name) => Array.IndexOf(header, name);
            foreach (var (code, e) in expected)
            {
                var line = persons.Single(r => r[Col("工号")] == code);
                Assert.EndsWith(People[code].Name, line[Col("姓名")], StringComparison.Ordinal); // a leading quote may neutralise the formula
                Assert.Equal(People[code].Unit, line[Col("单位")]);
                Assert.Equal(e.Payout, Sheet.Number(line[Col("绩效奖金")]));
                Assert.Equal(e.Rank, Sheet.Number(line[Col("排名奖罚")]));
                Assert.Equal(e.Payout + e.Rank, Sheet.Number(line[Col("合计")]));
            }
            foreach (var unit in new[] { "一组", "二组" })
            {
                var subtotal = expected.Where(e => People[e.Key].Unit == unit).Sum(e => e.Value.Payout + e.Value.Rank);
                var line = Assert.Single(body, r => r[Col("单位")] == unit && r[Col("工号")].Length == 0 && r.Any(c => c.Contains("小计", StringComparison.Ordinal)));
                Assert.Equal(subtotal, Sheet.Number(line[Col("合计")]));
                foreach (var (column, amount) in new[] { ("绩效奖金", (Func<(decimal Payout, decimal Rank), decimal>)(e => e.Payout)), ("排名奖罚", e => e.Rank) })
                    Assert.Equal(expected.Where(e => People[e.Key].Unit == unit).Sum(e => amount(e.Value)), Sheet.Number(line[Col(column)]));
            }
            var total = Assert.Single(body, r => r[Col("工号")].Length == 0 && r.Take(Col("合计")).Any(c => c.StartsWith("合计", StringComparison.Ordinal) || c.Contains("总计", StringComparison.Ordinal)));
            Assert.Equal(grand, Sheet.Number(total[Col("合计")]));
            Assert.Equal(expected.Values.Sum(e => e.Payout), Sheet.Number(total[Col("绩效奖金")]));
            Assert.Equal(expected.Values.Sum(e => e.Rank), Sheet.Number(total[Col("排名奖罚")]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class SqliteResultsBrowserTests() : ResultsBrowserTests(DatabaseProvider.Sqlite);
