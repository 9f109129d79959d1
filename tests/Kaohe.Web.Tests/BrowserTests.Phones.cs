using System.Text.RegularExpressions;
using Kaohe.Data.Model;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 11, item 7: the month on a 390 px phone. The drawer starts closed and opens over the content; the app bar
    /// keeps the user and 退出; every list shows its rows as cards whose cells name their field; the paper form
    /// scrolls sideways in its own box; no page ever scrolls sideways.
    /// </summary>
    [Fact]
    public async Task On_a_phone_lists_are_labelled_cards_and_no_page_scrolls_sideways()
    {
        var admin = await SignInPhone("admin");
        await Go(admin, "/cycles");

        // The drawer: closed at first, over the content when opened, closed again after choosing a page.
        var cyclesLink = admin.GetByRole(AriaRole.Link, new() { Name = "考核管理" });
        await Assertions.Expect(cyclesLink).Not.ToBeInViewportAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeInViewportAsync();
        await Assertions.Expect(admin.Locator(".kaohe-user")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await Assertions.Expect(cyclesLink).ToBeInViewportAsync();
        Assert.Equal(0, (await admin.Locator(".mud-main-content").BoundingBoxAsync())!.X);
        await cyclesLink.ClickAsync();
        await Assertions.Expect(cyclesLink).Not.ToBeInViewportAsync();
        await NoSideScroll(admin);

        // A cycle opened and its page, while it is being rated.
        await OpenTpl07(admin, "2026-10", "E11 E12");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        var cycleUrl = new Uri(admin.Url).AbsolutePath;
        await Live(admin);
        await Assertions.Expect(admin.Locator("[data-testid=not-rated]")).ToContainTextAsync("组长甲");
        await CardLabels(admin.Locator("[data-testid=subjects]"), "员工甲", "被考核人", "评分表");
        await NoSideScroll(admin);

        // The scheme's paper form stays a table and scrolls inside its own box.
        await Go(admin, "/schemes/TPL-07");
        var items = admin.Locator(".paper-form .items").First;
        await Assertions.Expect(items).ToContainTextAsync("客户关系的维护");
        Assert.True(await items.EvaluateAsync<bool>("e => e.querySelector('table').offsetWidth > e.clientWidth"), "the paper form should keep its width and scroll in its own box");
        await NoSideScroll(admin);

        // A rater: the list of forms, then a form filled and submitted.
        var rater1 = await SignInPhone("rater1");
        await Assertions.Expect(rater1.Locator("[data-testid=tasks]")).ToBeVisibleAsync();
        await CardLabels(rater1.Locator("[data-testid=tasks]"), "员工甲", "被考核人", "状态");
        await NoSideScroll(rater1);
        await Shot(rater1, "phone-forms");
        await RateAndSubmit(rater1, "员工甲", "9", "8", "9", "13", "4", "4", "5", "18", "19");
        await CardLabels(rater1.Locator(".paper-form .items"), "客户关系的维护", "考核内容", "分值", "评分标准", "得分");
        await NoSideScroll(rater1);
        await Shot(rater1, "phone-form");

        var emp1 = await SignInPhone("emp1");
        await RateAndSubmit(emp1, "员工甲", "10", "10", "10", "15", "5", "5", "5", "20", "20");
        var rater2 = await SignIn("rater2");
        await RateAndSubmit(rater2, "员工乙", "10", "10", "9", "14", "5", "5", "5", "19", "20");
        var emp2 = await SignIn("emp2");
        await RateAndSubmit(emp2, "员工乙", "10", "10", "10", "15", "5", "5", "5", "20", "20");

        // Released on the phone: the cycle page with its results.
        await Go(admin, cycleUrl);
        await admin.ClickAsync("[data-testid=release]");
        await Confirm(admin, "此后评分表不能再修改");
        await Assertions.Expect(admin.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("确认中");
        await CardLabels(admin.Locator("[data-testid=subjects]"), "员工甲", "总分", "确认");
        await Assertions.Expect(admin.Locator("[data-testid=subjects] td[data-label=总分]", new() { HasText = "89" })).ToBeVisibleAsync();
        await NoSideScroll(admin);
        await admin.Locator(".mud-snackbar button").First.ClickAsync(); // the notice closed, not over the picture
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Shot(admin, "phone-cycle");
        await Go(admin, "/cycles");
        await CardLabels(admin.Locator("[data-testid=cycles]"), "2026-10", "状态", "评分进度");
        await Assertions.Expect(admin.Locator("[data-testid=cycles] td[data-label=状态]")).ToContainTextAsync("确认中");
        await NoSideScroll(admin);
        await Shot(admin, "phone-cycles");

        // The appraisee: their results, then one result.
        await Go(emp1, "/results");
        await CardLabels(emp1.Locator("[data-testid=my-results]"), "2026-10", "总分", "状态");
        await NoSideScroll(emp1);
        await Shot(emp1, "phone-results");
        await emp1.GetByRole(AriaRole.Link, new() { Name = "查看并确认" }).ClickAsync();
        await Live(emp1);
        await Assertions.Expect(emp1.Locator("[data-testid=total]")).ToHaveTextAsync("89");
        await CardLabels(emp1.Locator("[data-testid=explanations]"), "客户关系的维护", "指标", "得分", "分值", "评分依据");
        await NoSideScroll(emp1);
        await Shot(emp1, "phone-result");
        await Go(emp1, "/");
        await Assertions.Expect(emp1.Locator("[data-testid=todo-count]")).ToBeVisibleAsync();
        await NoSideScroll(emp1);

        // HR: the customer list and one customer's records, as cards.
        using (var db = _host.Db.Database.CreateContext())
        {
            var unit = db.Units.Single(u => u.Code == "T1").Id;
            var customer = new Customer { Code = "K001", Name = "某某商贸有限公司", Class = "A", OwnerUnitId = unit, OwnerStaffId = db.Staff.Single(s => s.EmployeeNo == "E11").Id, AcquiredOn = new(2026, 3, 2) };
            db.Customers.Add(customer);
            db.SaveChanges();
            db.CustomerEvents.Add(new CustomerEvent { CustomerId = customer.Id, Kind = CustomerEventKind.Acquired, OccurredOn = customer.AcquiredOn, Month = 202603, UnitId = unit });
            db.SaveChanges();
        }
        var hr = await SignInPhone("hr");
        await Go(hr, "/customers");
        var customers = hr.Locator("[data-testid=customers]");
        await CardLabels(customers, "K001", "名称", "状态");
        await customers.Locator("td[data-label=名称]", new() { HasText = "某某商贸" }).ClickAsync();
        var detail = hr.Locator("[data-testid=customer-detail]");
        await CardLabels(detail, "2026-03-02", "类别", "日期");
        await NoSideScroll(hr);
    }

    /// <summary>A new browser session on a 390 × 844 touch phone, signed in through the login page.</summary>
    private async Task<IPage> SignInPhone(string user)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, m) => { lock (Log) Log.Add($"[{user} phone] {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (Log) Log.Add($"[{user} phone] page error: {e}"); };
        await page.GotoAsync(_url + "/forms");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await NoSideScroll(page);
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", user == "admin" ? TestHost.AdminPassword : TestHost.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/forms$"));
        await Live(page);
        return page;
    }

    /// <summary>The page fits the window: nothing makes the document wider than the phone.</summary>
    private static async Task NoSideScroll(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url}: the page is {widths[0]} px wide in a {widths[1]} px window");
    }

    /// <summary>
    /// The table shows its rows as cards: no header row, and in the row holding <paramref name="row"/> each named cell
    /// (given in the row's order) is visible with its field name drawn before its value, below the cell before it.
    /// </summary>
    private static async Task CardLabels(ILocator table, string row, params string[] labels)
    {
        await Assertions.Expect(table.Locator("thead tr").First).ToBeHiddenAsync();
        var card = table.Locator("tbody tr", new() { HasText = row }).First;
        double? above = null;
        foreach (var label in labels)
        {
            var cell = card.Locator($"td[data-label='{label}']");
            await Assertions.Expect(cell).ToBeVisibleAsync();
            var drawn = await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
            Assert.Equal($"\"{label}\"", drawn);
            var box = (await cell.BoundingBoxAsync())!;
            Assert.True(above is null || box.Y >= above - 1, $"{label}: the cell should sit below the one before it, as a line of a card");
            above = box.Y + box.Height;
        }
    }
}
