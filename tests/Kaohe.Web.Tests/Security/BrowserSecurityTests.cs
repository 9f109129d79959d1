using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 10 where the page is the way in: a page opened before a logout (in another tab) or before the account was
/// disabled cannot save any more, and keeps what was typed; an initial password is changed before anything else;
/// a page the role may not open says so in Chinese; the content security policy breaks nothing.
/// </summary>
public abstract partial class BrowserTests
{
    [Fact]
    public async Task Open_pages_stop_when_the_session_ends_and_initial_passwords_are_changed_first()
    {
        using (var api = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(_url) })
        {
            var login = await api.PostAsJsonAsync("/api/auth/login", new { userName = "hr", password = TestHost.Password });
            Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            var open = await api.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-07", period = "2026-10", subjects = new[] { "E11", "E12" }, defaultPayoutBase = 1000m });
            Assert.True(open.IsSuccessStatusCode, await open.Content.ReadAsStringAsync());
        }
        int FormId(string rater)
        {
            using var db = _host.Db.Database.CreateContext();
            var account = db.Accounts.Single(a => a.UserName == rater).Id;
            return db.RatingForms.Single(f => f.RaterAccountId == account && f.Role == "主管评").Id;
        }
        string Stored(int form)
        {
            using var db = _host.Db.Database.CreateContext();
            return db.RatingForms.AsNoTracking().Single(f => f.Id == form).InputsJson;
        }

        // rater1 has the form open in one tab and logs out in another: the first tab cannot save, and keeps the input.
        var rater1 = await SignIn("rater1");
        var form1 = FormId("rater1");
        await Go(rater1, $"/forms/{form1}");
        await rater1.Locator("input[data-indicator]").First.FillAsync("7");
        await Assertions.Expect(rater1.Locator("[data-testid=autosave]")).ToContainTextAsync("已自动保存", new() { Timeout = 15_000 });
        Assert.Equal("""{"客户关系的维护":"7"}""", Stored(form1)); // the draft saved itself while signed in
        var other = await rater1.Context.NewPageAsync();
        await Go(other, "/");
        await other.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/login"));
        await rater1.Locator("input[data-indicator]").First.FillAsync("6");
        await rater1.ClickAsync("[data-testid=save]");
        await Assertions.Expect(rater1.Locator("[data-testid=refusal]")).ToContainTextAsync("登录已失效");
        await Assertions.Expect(rater1.Locator("input[data-indicator]").First).ToHaveValueAsync("6");
        Assert.Equal("""{"客户关系的维护":"7"}""", Stored(form1));

        // rater2 is disabled by the administrator while the form is open: the save is refused too.
        var rater2 = await SignIn("rater2");
        var form2 = FormId("rater2");
        await Go(rater2, $"/forms/{form2}");
        await rater2.Locator("input[data-indicator]").First.FillAsync("8");
        await Assertions.Expect(rater2.Locator("[data-testid=autosave]")).ToContainTextAsync("已自动保存", new() { Timeout = 15_000 });
        using (var db = _host.Db.Database.CreateContext()) new AccountStore(db).SetDisabled("admin", "rater2", true, "离职");
        await rater2.Locator("input[data-indicator]").First.FillAsync("5");
        await rater2.ClickAsync("[data-testid=save]");
        await Assertions.Expect(rater2.Locator("[data-testid=refusal]")).ToContainTextAsync("登录已失效");
        Assert.Equal("""{"客户关系的维护":"8"}""", Stored(form2));

        // A new account with an initial password: the first sign-in leads to changing it.
        int staff;
        using (var db = _host.Db.Database.CreateContext())
        {
            staff = db.Staff.Single(s => s.EmployeeNo == "E00").Id;
            new AccountStore(db).Create("admin", new NewAccount("newboss", "部长", "initial-secret-1", AccountRole.Rater, staff, MustChangePassword: true));
        }
        var context = await _browser!.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var newbie = await context.NewPageAsync();
        newbie.Console += (_, m) => { lock (Log) Log.Add($"[newboss] {m.Type}: {m.Text}"); };
        await newbie.GotoAsync(_url + "/forms");
        await newbie.FillAsync("#userName", "newboss");
        await newbie.FillAsync("#password", "initial-secret-1");
        await newbie.ClickAsync("button[type=submit]");
        await Assertions.Expect(newbie).ToHaveURLAsync(new Regex("/account/password"));
        await Live(newbie);
        await Assertions.Expect(newbie.Locator("[data-testid=must-change]")).ToBeVisibleAsync();
        // Elsewhere the app sends them back here first.
        await newbie.GotoAsync(_url + "/results");
        await Assertions.Expect(newbie).ToHaveURLAsync(new Regex("/account/password"));
        await Live(newbie);
        await newbie.FillAsync("#current-password", "initial-secret-1");
        await newbie.FillAsync("#new-password", "password");
        await Assertions.Expect(newbie.GetByText("常被泄露")).ToBeVisibleAsync();
        await newbie.FillAsync("#new-password", "my-own-secret-2026");
        await newbie.FillAsync("#new-password-again", "my-own-secret-2026");
        await newbie.ClickAsync("[data-testid=change-password]");
        await Assertions.Expect(newbie.Locator("[data-testid=password-changed]")).ToBeVisibleAsync();
        await Shot(newbie, "password-changed");
        await Go(newbie, "/results");
        await Assertions.Expect(newbie).ToHaveURLAsync(new Regex("/results$"));

        // A page the role may not open says so in Chinese.
        await Go(newbie, "/accounts");
        await Assertions.Expect(newbie.Locator("[data-testid=denied]")).ToContainTextAsync("没有打开这个页面的权限");

        // The content security policy stopped nothing the pages do.
        lock (Log) Assert.DoesNotContain(Log, l => l.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
