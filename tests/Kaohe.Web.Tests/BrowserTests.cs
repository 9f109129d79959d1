using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kaohe.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// A whole appraisal month in a real browser (Chromium from Debian, /usr/bin/chromium): the administrator opens
/// it, two raters rate, two appraisees assess themselves, the results are released, one appraisee confirms and
/// the other appeals, HR re-scores, the administrator publishes. Then what an appraisee and a rater may not open.
/// Screenshots of the main pages go to docs/screenshots when KAOHE_SCREENSHOTS is set.
/// </summary>
public abstract partial class BrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    /// <summary>The small company of every browser test of this class.</summary>
    protected override void Seed(KaoheDatabase database) => TinyCompany.Create(database);

    /// <summary>Fills the rater's only open form with the given scores (in form order) and submits it.</summary>
    private async Task RateAndSubmit(IPage page, string subject, params string[] scores)
    {
        await Go(page, "/forms");
        var row = page.Locator("[data-testid=tasks] tr", new() { HasText = subject });
        await row.GetByRole(AriaRole.Link, new() { Name = "填写" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("[data-testid=subject]")).ToContainTextAsync(subject);
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = "/tmp/kaohe-fail.png", FullPage = true });
            await File.WriteAllTextAsync("/tmp/kaohe-fail.html", await page.ContentAsync());
            throw;
        }
        await Live(page);
        var inputs = page.Locator("input[data-indicator]");
        await Assertions.Expect(inputs).ToHaveCountAsync(scores.Length);
        for (var i = 0; i < scores.Length; i++) await inputs.Nth(i).FillAsync(scores[i]);
        await page.Locator("textarea[data-testid=comment], [data-testid=comment] textarea").First.FillAsync($"评语：{subject}工作认真");
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "草稿已保存" })).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=submit]");
        await Confirm(page, "不能再修改");
        await Assertions.Expect(page.Locator("[data-testid=form-status]")).ToHaveTextAsync("已提交");
    }

    [Fact]
    public async Task A_month_is_walked_by_every_role_in_the_browser()
    {
        // The administrator opens the month.
        var admin = await SignIn("admin");
        await Go(admin, "/cycles");
        await admin.ClickAsync("[data-testid=new-cycle]");
        await Field(admin, "period").FillAsync("2026-10");
        await Field(admin, "subjects").FillAsync("E11 E12");
        await Field(admin, "payout-base").FillAsync("3000");
        await admin.ClickAsync("[data-testid=open]");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        var cycleUrl = new Uri(admin.Url).AbsolutePath;
        await Live(admin);
        await Assertions.Expect(admin.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("评分中");
        await Assertions.Expect(admin.Locator("[data-testid=not-rated]")).ToContainTextAsync("组长甲");
        await Shot(admin, "cycle-rating");

        // The scheme as its paper form.
        await Go(admin, "/schemes/TPL-07");
        await Assertions.Expect(admin.Locator(".paper-form").First).ToContainTextAsync("客户关系的维护");
        await Shot(admin, "scheme");

        // Two raters and two self-assessments.
        var rater1 = await SignIn("rater1");
        await RateAndSubmit(rater1, "员工甲", "9", "8", "9", "13", "4", "4", "5", "18", "19");
        await Shot(rater1, "rating-form");
        var rater2 = await SignIn("rater2");
        await RateAndSubmit(rater2, "员工乙", "10", "10", "9", "14", "5", "5", "5", "19", "20");
        var emp1 = await SignIn("emp1");
        await RateAndSubmit(emp1, "员工甲", "10", "10", "10", "15", "5", "5", "5", "20", "20");
        var emp2 = await SignIn("emp2");
        await RateAndSubmit(emp2, "员工乙", "10", "10", "10", "15", "5", "5", "5", "20", "20");

        // Results released.
        await Go(admin, cycleUrl);
        await Assertions.Expect(admin.Locator("[data-testid=not-rated]")).ToHaveCountAsync(0);
        await admin.ClickAsync("[data-testid=release]");
        await Confirm(admin, "此后评分表不能再修改");
        await Assertions.Expect(admin.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("确认中");

        // 员工甲 confirms: total 89, BP-02 payout 3000 × 89 / 100.
        await Go(emp1, "/results");
        await emp1.GetByRole(AriaRole.Link, new() { Name = "查看并确认" }).ClickAsync();
        await Live(emp1);
        await Assertions.Expect(emp1.Locator("[data-testid=total]")).ToHaveTextAsync("89");
        await Assertions.Expect(emp1.Locator("[data-testid=payout]")).ToHaveTextAsync("2,670.00");
        await Assertions.Expect(emp1.Locator("[data-testid=explanations]")).ToContainTextAsync("客户关系的维护");
        await Assertions.Expect(emp1.Locator("[data-testid=comments]")).ToContainTextAsync("评语：员工甲工作认真"); // the rater's words reach the appraisee
        await Shot(emp1, "result");
        await emp1.ClickAsync("[data-testid=confirm]");
        await Confirm(emp1, "不能再申诉");
        await Assertions.Expect(emp1.Locator("[data-testid=confirmation]")).ToHaveTextAsync("已确认");

        // 员工乙 appeals.
        await Go(emp2, "/results");
        await emp2.GetByRole(AriaRole.Link, new() { Name = "查看并确认" }).ClickAsync();
        await Live(emp2);
        var s2Url = new Uri(emp2.Url).AbsolutePath;
        await emp2.ClickAsync("[data-testid=appeal]");
        await Assertions.Expect(emp2.Locator("text=申诉须写明理由")).ToBeVisibleAsync();
        await emp2.GetByLabel("申诉理由（申诉时必填）").FillAsync("客诉处理漏计两起");
        await emp2.ClickAsync("[data-testid=appeal]");
        await Assertions.Expect(emp2.Locator("[data-testid=confirmation]")).ToHaveTextAsync("申诉中");

        // HR re-scores 客诉处理 in 主管评: 97 → 98.
        var hr = await SignIn("hr");
        await Go(hr, s2Url);
        await hr.GetByText("重新评分").ClickAsync();
        await hr.Locator("input[data-change='主管评/客诉处理'], [data-change='主管评/客诉处理'] input").First.FillAsync("10");
        await hr.GetByLabel("处理理由（必填，记入审计）").FillAsync("核实投诉记录，补计两起");
        await Shot(hr, "appeal");
        await hr.ClickAsync("[data-testid=do-resolve]");
        await Assertions.Expect(hr.Locator("[data-testid=resolution]")).ToContainTextAsync("重新评分");
        await Assertions.Expect(hr.Locator("[data-testid=total]")).ToHaveTextAsync("98");

        // Published and locked; the audit trail shows the change with its reason.
        await Go(admin, cycleUrl);
        await admin.ClickAsync("[data-testid=publish]");
        await Confirm(admin, "不能再确认、申诉或改分");
        await Assertions.Expect(admin.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("已发布");
        await Shot(admin, "cycle-published");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "审计记录" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=audit] tr", new() { HasText = "申诉改分" }).First).ToContainTextAsync("核实投诉记录");
        await Shot(admin, "audit");

        // Quick scoring: the engine's demo input for TPL-01 (the page's default scheme), scored in the browser.
        await Go(hr, "/score");
        await hr.Locator("input[type=file]").SetInputFilesAsync(Path.Combine(Repo.Root, "examples", "tpl01-customer-department.json"));
        await Assertions.Expect(hr.Locator("[data-testid=score-results]")).ToContainTextAsync("客户部");
        await Assertions.Expect(hr.Locator("[data-testid=download]")).ToBeVisibleAsync();
        await Shot(hr, "quick-score");

        // Metrics of a unit with the trend chart (ECharts) and the records behind a value.
        await Go(hr, "/metrics");
        await Field(hr, "metric-period").FillAsync("2026-10");
        await hr.ClickAsync("[data-testid=metric-show]");
        await Assertions.Expect(hr.Locator("[data-testid=metrics] tbody tr")).ToHaveCountAsync(Kaohe.Data.Metrics.MetricCatalog.All.Count, new() { Timeout = 30_000 }); // computed on demand; every metric has a month
        await hr.Locator("[data-testid=metrics] tbody tr", new() { HasText = "客户流失率" }).ClickAsync();
        await Assertions.Expect(hr.Locator("#metric-trend canvas")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // Importing a file through the page (the default kind, customers): a bad row is reported with its row and column.
        await Go(admin, "/import");
        var broken = Path.Combine(Path.GetTempPath(), $"customers-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(broken, "客户编号,客户名称,客户类别,客户经理工号,单位编码,开发日期\nK9,某公司,A,,NOPE,2025-01-01\n");
        await admin.Locator("input[type=file]").SetInputFilesAsync(broken);
        await Assertions.Expect(admin.Locator("[data-testid=import-errors]")).ToContainTextAsync("未写入任何数据");
        await Assertions.Expect(admin.Locator("td", new() { HasText = "NOPE" }).First).ToBeVisibleAsync();
        File.Delete(broken);
        await Shot(admin, "import-errors");

        // An appraisee cannot open another's result; a rater cannot open a form not theirs.
        var s1Id = int.Parse(Regex.Match(emp1.Url, @"/results/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Go(emp1, s2Url);
        await Assertions.Expect(emp1.Locator("[data-testid=refusal]")).ToContainTextAsync("不存在，或你无权查看");
        await Assertions.Expect(emp1.Locator("[data-testid=total]")).ToHaveCountAsync(0);
        await Go(rater1, $"/results/{s1Id}");
        await Assertions.Expect(rater1.Locator("[data-testid=refusal]")).ToContainTextAsync("不存在，或你无权查看");
        await Go(rater2, "/forms?all=true");
        using var db = _host.Db.Database.CreateContext();
        var othersForm = db.RatingForms.Single(f => f.Role == "主管评" && f.RaterAccountId == db.Accounts.Single(a => a.UserName == "rater1").Id).Id;
        await Go(rater2, $"/forms/{othersForm}");
        await Assertions.Expect(rater2.Locator("[data-testid=refusal]")).ToContainTextAsync("不存在，或你无权查看");
    }

}

public sealed class SqliteBrowserTests() : BrowserTests(DatabaseProvider.Sqlite);
