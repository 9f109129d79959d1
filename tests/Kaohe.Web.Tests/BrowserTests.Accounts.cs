using System.Text.RegularExpressions;
using Kaohe.Data.Metrics;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 11, items 8 and 9 in the browser: the administrator changes an account's role and unit (an unknown unit is
    /// refused at the field) and resets its password to a generated one shown once; that user signs in with it, is sent
    /// to change it first, then works with the new role. HR reopens the last closed month with a reason and sees the
    /// reopening in the list.
    /// </summary>
    [Fact]
    public async Task The_administrator_edits_an_account_and_resets_its_password_and_HR_reopens_a_closed_month_in_the_browser()
    {
        using (var db = _host.Db.Database.CreateContext())
        {
            var closing = new MonthClosing(db, _host.Clock);
            closing.Close("admin", "2026-09");
            closing.Close("admin", "2026-10");
        }

        var admin = await SignIn("admin");
        await Assertions.Expect(admin.Locator("[data-testid=change-password-link]")).ToBeVisibleAsync();
        await Go(admin, "/accounts");
        var row = admin.Locator("[data-testid=accounts] tr", new() { HasText = "rater2" });
        await row.Locator("[data-testid=edit]").ClickAsync();
        var panel = admin.Locator("[data-testid=edit-panel]");
        await Assertions.Expect(panel).ToContainTextAsync("修改账号：rater2（组长乙）");
        await Pick(admin, "edit-role", "考核管理员");
        await Field(admin, "edit-unit").FillAsync("X9");
        await admin.ClickAsync("[data-testid=edit-save]");
        await Assertions.Expect(panel.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "没有编码为“X9”的单位" })).ToBeVisibleAsync();
        await Shot(admin, "accounts-edit");
        await Field(admin, "edit-unit").FillAsync("T2");
        await admin.ClickAsync("[data-testid=edit-save]");
        await Assertions.Expect(row).ToContainTextAsync("考核管理员");
        await Assertions.Expect(row).ToContainTextAsync("T2（二组）");
        await Assertions.Expect(panel.Locator(".mud-input-helper-text.mud-input-error")).ToHaveCountAsync(0);

        // Reset to a generated password: asked first, shown once.
        await Field(admin, "reset-reason").FillAsync("忘记密码");
        await admin.ClickAsync("[data-testid=reset]");
        await Confirm(admin, "所有登录立即失效");
        var shown = admin.Locator("[data-testid=initial-password]");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var initial = (await shown.InnerTextAsync()).Trim();
        Assert.Matches("^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$", initial);
        await Assertions.Expect(row).ToContainTextAsync("待修改初始密码");

        // rater2 signs in with it and must choose their own password before anything else.
        var context = await _browser!.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var rater2 = await context.NewPageAsync();
        rater2.SetDefaultTimeout(30_000);
        await rater2.GotoAsync(_url + "/cycles");
        await rater2.FillAsync("#userName", "rater2");
        await rater2.FillAsync("#password", initial);
        await rater2.ClickAsync("button[type=submit]");
        await Assertions.Expect(rater2).ToHaveURLAsync(new Regex("/account/password"));
        await Live(rater2);
        await Assertions.Expect(rater2.Locator("[data-testid=must-change]")).ToBeVisibleAsync();
        await rater2.FillAsync("#current-password", initial);
        await rater2.FillAsync("#new-password", "my-own-secret-2027");
        await rater2.FillAsync("#new-password-again", "my-own-secret-2027");
        await rater2.ClickAsync("[data-testid=change-password]");
        await Assertions.Expect(rater2.Locator("[data-testid=password-changed]")).ToBeVisibleAsync();
        await Go(rater2, "/cycles"); // a page for HR: the new role applies
        await Assertions.Expect(rater2).ToHaveURLAsync(new Regex("/cycles$"));
        await Assertions.Expect(rater2.Locator("[data-testid=denied]")).ToHaveCountAsync(0);
        await Assertions.Expect(rater2.Locator("[data-testid=new-cycle]")).ToBeVisibleAsync();

        // HR reopens the last closed month with a reason.
        var hr = await SignIn("hr");
        await hr.GetByRole(AriaRole.Link, new() { Name = "月份关账" }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/months$"));
        await Live(hr);
        var months = hr.Locator("[data-testid=months]");
        await Assertions.Expect(months).ToContainTextAsync("2026-10");
        await months.Locator("tr", new() { HasText = "2026-10" }).Locator("[data-testid=reopen]").ClickAsync();
        await Assertions.Expect(months.Locator("tr", new() { HasText = "2026-09" }).Locator("[data-testid=reopen]")).ToHaveCountAsync(0);
        await hr.ClickAsync("[data-testid=reopen-confirm]");
        await Assertions.Expect(hr.Locator("[data-testid=reopen-panel] .mud-input-helper-text.mud-input-error", new() { HasText = "须写明原因" })).ToBeVisibleAsync();
        await hr.Locator("textarea[data-testid=reopen-reason], [data-testid=reopen-reason] textarea").First.FillAsync("更正 10 月的投诉记录");
        await hr.ClickAsync("[data-testid=reopen-confirm]");
        await Assertions.Expect(hr.Locator("[data-testid=reopen-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(months).Not.ToContainTextAsync("2026-10");
        await Assertions.Expect(months).ToContainTextAsync("2026-09");
        var history = hr.Locator("[data-testid=month-history] tr", new() { HasText = "重新开账" });
        await Assertions.Expect(history).ToContainTextAsync("更正 10 月的投诉记录");
        await Assertions.Expect(history).ToContainTextAsync("hr");
        await Shot(hr, "months");
    }
}
