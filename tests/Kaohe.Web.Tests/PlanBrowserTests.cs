using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>The 奖金方案 pages (issue 15): the list from the menu, and a plan as its rules, notes and input columns.</summary>
public sealed class PlanBrowserTests() : BrowserSession(DatabaseProvider.Sqlite)
{
    protected override void Seed(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        new AccountStore(db).Create("admin", new NewAccount("clerk", "财务", TestHost.Password, AccountRole.Hr));
    }

    [Fact]
    public async Task A_clerk_finds_the_plans_in_the_menu_and_reads_one_as_its_rules()
    {
        var page = await SignIn("clerk");
        await page.ClickAsync("[data-testid=nav-plans]");
        var rows = page.Locator("[data-testid=plans] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("大客户部销售人员");
        await rows.Nth(2).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=plan-name]")).ToContainTextAsync("大客户部销售人员");
        await Assertions.Expect(page.Locator("[data-testid=plan-rules] li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=plan-rules]")).ToContainTextAsync("600");
        await Assertions.Expect(page.Locator("[data-testid=plan-columns]")).ToContainTextAsync("季度");

        // The clerk uploads the example year of Doc C and reads every quarter with its explanation (the CLI's figures).
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(Path.Combine(Repo.Root, "examples", "plans", "TPL-26-key-account-department.csv"));
        var ledger = page.Locator("[data-testid=plan-ledger]").First;
        await Assertions.Expect(ledger.Locator("[data-testid=plan-actual]")).ToHaveTextAsync(["0.00", "9,312.00", "12,200.00", "12,870.00"]);
        await Assertions.Expect(ledger).ToContainTextAsync("与基数的差额 20,000元 需用以后季度的完成额补足");
        await Shot(page, "plan-page");

        // A broken table: every problem at its row and column, nothing computed.
        var bad = Path.Combine(Path.GetTempPath(), $"kaohe-plan-bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(bad, "姓名,季度,回款\n张三,2026Q5,１２万\n");
        try
        {
            await page.Locator("input[type=file]").Last.SetInputFilesAsync(bad);
            await Assertions.Expect(page.Locator("[data-testid=plan-problems]")).ToContainTextAsync("第 2 行 “季度”");
            await Assertions.Expect(page.Locator("[data-testid=plan-ledger]")).ToHaveCountAsync(0);
        }
        finally
        {
            File.Delete(bad);
        }

        await Go(page, "/plans/TPL-99");
        await Assertions.Expect(page.GetByText("奖金方案“TPL-99”不存在")).ToBeVisibleAsync();
    }
}
