using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Demo;
using Kaohe.Data.Model;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 11, item 4 in the browser: a TPL-04 office form shows its three items from the customer base in their places in
/// the item table (items 8–10), read only, with the rates rounded as the form words them and the exact value in the
/// tooltip; the appraisee's result shows the same rounding.
/// </summary>
public abstract class DataBrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    private string _office = "";

    protected override void Seed(KaoheDatabase database)
    {
        var summary = DemoCompany.Create(database, new DemoOptions { LastMonth = 202610, Months = 13, Customers = 1500, Managers = 8 });
        DemoCompany.CloseAll(database, summary, "test");
        using var db = database.CreateContext();
        var unit = db.Units.Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Code).First();
        _office = unit.Code;
        var chief = db.Staff.Single(s => s.UnitId == unit.Id && s.Role == "办事处主任");
        var store = new AccountStore(db);
        store.Create("admin", new NewAccount("hr", "人事", TestHost.Password, AccountRole.Hr));
        store.Create("admin", new NewAccount("boss", "部门经理", TestHost.Password, AccountRole.Rater, chief.SupervisorId));
    }

    [Fact]
    public async Task Items_from_the_data_stand_in_their_places_rounded_as_the_form_words_them()
    {
        using (var api = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(_url) })
        {
            var login = await api.PostAsJsonAsync("/api/auth/login", new { userName = "hr", password = TestHost.Password });
            Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            var open = await api.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-04", period = "2026-10", subjects = new[] { _office } });
            Assert.True(open.IsSuccessStatusCode, await open.Content.ReadAsStringAsync());
        }

        var boss = await SignIn("boss");
        await boss.Locator("[data-testid=tasks]").GetByRole(AriaRole.Link, new() { Name = "填写" }).First.ClickAsync();
        await Assertions.Expect(boss).ToHaveURLAsync(new Regex("/forms/\\d+$"));
        await Live(boss);
        var rows = boss.Locator("[data-testid=items] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        // Items 1–7 are filled in; 8–10 come from the data, in their places, with nothing to type.
        await Assertions.Expect(boss.Locator("input[data-indicator]")).ToHaveCountAsync(7);
        for (var i = 7; i < 10; i++)
        {
            var row = rows.Nth(i);
            await Assertions.Expect(row).ToHaveClassAsync(new Regex("from-data"));
            await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(row.Locator("input")).ToHaveCountAsync(0);
            var shown = await row.Locator("[data-testid=data-value]").InnerTextAsync();
            // A rate reads with at most two decimals, never the engine's 28 digits (or says there is no data).
            Assert.StartsWith("本期 ", shown.Trim(), StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\d\.\d{3}", shown);
        }
        Assert.Matches(@"^本期 -?\d+(\.\d{1,2})?%", (await rows.Nth(7).Locator("[data-testid=data-value]").InnerTextAsync()).Trim());
        Assert.Contains("客户流失率", await rows.Nth(7).InnerTextAsync());
        // The exact value is in the tooltip.
        await rows.Nth(7).Locator("[data-testid=data-value]").HoverAsync();
        await Assertions.Expect(boss.Locator(".mud-tooltip", new() { HasText = "精确值" })).ToBeVisibleAsync();
        await Shot(boss, "form-data-items");
    }

    [Fact]
    public async Task A_released_value_from_the_data_drills_down_to_its_records_on_the_result_page()
    {
        using var api = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(_url) };
        using var boss = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(_url) };
        Assert.True((await api.PostAsJsonAsync("/api/auth/login", new { userName = "hr", password = TestHost.Password })).IsSuccessStatusCode);
        Assert.True((await boss.PostAsJsonAsync("/api/auth/login", new { userName = "boss", password = TestHost.Password })).IsSuccessStatusCode);
        var open = await api.PostAsJsonAsync("/api/cycles", new { scheme = "TPL-04", period = "2026-10", subjects = new[] { _office } });
        Assert.True(open.IsSuccessStatusCode, await open.Content.ReadAsStringAsync());
        var cycle = int.Parse(open.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var detail = await Json.Read(await api.GetAsync($"/api/cycles/{cycle}"), System.Net.HttpStatusCode.OK);
        var scheme = Kaohe.Schemes.SchemeCatalog.Find("TPL-04")!.Load.Scheme!;
        var typed = scheme.Indicators.Where(i => i.Metric is null).Select(i => i.Name).ToHashSet();
        var inputs = Kaohe.Schemes.Editing.TrialInputs.Sample(scheme, "样例", 0).Inputs.Where(kv => typed.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => (object)kv.Value.Display);
        var form = detail.GetProperty("subjects")[0].GetProperty("forms")[0].Int("id");
        var submitted = await Security.SecurityKit.Submit(boss, form, inputs);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var version = await Security.SecurityKit.CycleVersion(api, cycle);
        var released = await api.PostAsJsonAsync($"/api/cycles/{cycle}/release", new { version });
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync());
        var subject = Security.SecurityKit.SubjectOf(detail, _office);

        var hr = await SignIn("hr");
        await Go(hr, $"/results/{subject}");
        var churn = hr.Locator("tr", new() { HasText = "当月办事处客户流失率" }).Filter(new() { Has = hr.Locator("[data-testid=data-records-toggle]") });
        await churn.Locator("[data-testid=data-records-toggle]").ClickAsync();
        var records = hr.Locator("[data-testid=data-records]");
        await Assertions.Expect(records).ToContainTextAsync("当月办事处客户流失率：背后的记录");
        // The lost customers of the office in October (the numerator) and the customers it had at the start (denominator).
        var api1 = await Json.Read(await api.GetAsync($"/api/results/{subject}/records?indicator={Uri.EscapeDataString("当月办事处客户流失率")}"), System.Net.HttpStatusCode.OK);
        var lost = api1.GetProperty("numerator").Int("count");
        await Assertions.Expect(records).ToContainTextAsync("期内流失的客户");
        await Assertions.Expect(records).ToContainTextAsync("期初客户");
        if (lost > 0) await Assertions.Expect(records.Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain("churn_rate", await records.InnerTextAsync());
        await Shot(hr, "result-records");
        await churn.Locator("[data-testid=data-records-toggle]").ClickAsync();
        await Assertions.Expect(records).ToHaveCountAsync(0);
    }
}

public sealed class SqliteDataBrowserTests() : DataBrowserTests(DatabaseProvider.Sqlite);
