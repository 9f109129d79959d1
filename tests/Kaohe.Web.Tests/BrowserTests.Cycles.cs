using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 11, item 3 in the browser: a second cycle for the same people, scheme and month is refused saying who
    /// and where; HR cancels the first with a reason (asked to confirm), then opens the month again as a re-run.
    /// </summary>
    [Fact]
    public async Task A_duplicate_cycle_is_refused_and_a_cancelled_one_is_rerun_in_the_browser()
    {
        var hr = await SignIn("hr");
        await OpenTpl07(hr, "2026-10", "E11 E12");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        var first = new Uri(hr.Url).AbsolutePath;
        await Assertions.Expect(hr.Locator(".mud-typography-h4").First).ToContainTextAsync("2026-10");

        await OpenTpl07(hr, "2026-10", "E12");
        var refusal = hr.Locator("[data-testid=refusal]");
        await Assertions.Expect(refusal).ToContainTextAsync("不能重复考核");
        await Assertions.Expect(refusal).ToContainTextAsync("员工乙（E12）：已在“客服经理月度绩效考核表 2026-10”");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles$"));
        await Shot(hr, "cycle-duplicate");

        // Cancelling needs a reason; the button stays disabled until one is written.
        await Go(hr, first);
        await hr.ClickAsync("[data-testid=cancel-cycle]");
        await Assertions.Expect(hr.Locator("[data-testid=do-cancel]")).ToBeDisabledAsync();
        await hr.Locator("textarea[data-testid=cancel-reason], [data-testid=cancel-reason] textarea").First.FillAsync("方案选错");
        await hr.ClickAsync("[data-testid=do-cancel]");
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("已取消");
        await Assertions.Expect(hr.Locator("[data-testid=cancelled]")).ToContainTextAsync("方案选错");

        // The same month again must say it re-runs the cancelled cycle.
        await Go(hr, "/cycles");
        await hr.ClickAsync("[data-testid=new-cycle]");
        await Field(hr, "period").FillAsync("2026-10");
        await Field(hr, "subjects").FillAsync("E11 E12");
        await Field(hr, "payout-base").FillAsync("3000");
        await hr.ClickAsync("[data-testid=replaces]");
        await hr.Locator(".mud-popover-open .mud-list-item", new() { HasText = "2026-10" }).First.ClickAsync();
        await hr.ClickAsync("[data-testid=open]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        Assert.NotEqual(first, new Uri(hr.Url).AbsolutePath);
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("评分中");
    }

    /// <summary>
    /// Issue 11, item 5: HR's home lists the cycle in progress with its open forms; 催办 on the cycle asks first, lists
    /// who was reminded with a message to paste into a work chat; the rater sees the reminder on their home page.
    /// </summary>
    [Fact]
    public async Task Hr_home_shows_open_forms_and_remind_reaches_the_rater_in_the_browser()
    {
        var hr = await SignIn("hr");
        await Go(hr, "/");
        await Assertions.Expect(hr.Locator("[data-testid=desk-empty]")).ToBeVisibleAsync();
        await OpenTpl07(hr, "2026-10", "E11 E12");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        var cycleUrl = new Uri(hr.Url).AbsolutePath;

        await Go(hr, "/");
        var desk = hr.Locator("[data-testid=desk-cycles]");
        await Assertions.Expect(desk).ToContainTextAsync("客服经理月度绩效考核表 2026-10");
        await Assertions.Expect(desk).ToContainTextAsync("0 / 4（4 张未提交）");
        await Shot(hr, "hr-home");
        await desk.GetByRole(AriaRole.Link, new() { Name = "查看并催办" }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex(Regex.Escape(cycleUrl) + "$"));
        await Live(hr);
        await hr.ClickAsync("[data-testid=remind]");
        await Confirm(hr, "尚未提交评分表的评分人");
        await Assertions.Expect(hr.Locator("[data-testid=remind-text]")).ToContainTextAsync("组长乙：1 张（员工乙）");
        await Shot(hr, "remind");

        var rater2 = await SignIn("rater2");
        await Go(rater2, "/");
        await Assertions.Expect(rater2.Locator("[data-testid=reminder]")).ToContainTextAsync("还有 1 张评分表未提交");
        await Go(rater2, "/forms");
        await Assertions.Expect(rater2.Locator("[data-testid=reminder]")).ToBeVisibleAsync();
    }

    private async Task OpenTpl07(IPage page, string period, string subjects)
    {
        await Go(page, "/cycles");
        await page.ClickAsync("[data-testid=new-cycle]");
        await Field(page, "period").FillAsync(period);
        await Field(page, "subjects").FillAsync(subjects);
        await Field(page, "payout-base").FillAsync("3000");
        await page.ClickAsync("[data-testid=open]");
    }
}
