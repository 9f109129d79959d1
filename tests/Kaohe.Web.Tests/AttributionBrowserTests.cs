using System.Text.RegularExpressions;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// The 案场客户归属 page: the supervisor opens a month, sees each consultant's commission, decides the open conflict
/// (a missing reason is marked at the field), reads a customer's timeline and filters the register.
/// </summary>
public abstract class AttributionBrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    protected override void Seed(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        var company = new OrgUnit { Code = "HQ", Name = "示例置业", Kind = UnitKind.Company };
        db.Units.Add(company);
        db.SaveChanges();
        var office = new OrgUnit { Code = "AC", Name = "湖滨案场", Kind = UnitKind.Project, ParentId = company.Id };
        db.Units.Add(office);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var boss = new Staff { EmployeeNo = "A0", Name = "韩经理", UnitId = office.Id, Role = "案场经理" };
        db.Staff.Add(boss);
        db.SaveChanges();
        var zhang = new Staff { EmployeeNo = "A1", Name = "张伟", UnitId = office.Id, Role = "置业顾问", SupervisorId = boss.Id };
        var li = new Staff { EmployeeNo = "A2", Name = "李娜", UnitId = office.Id, Role = "置业顾问", SupervisorId = boss.Id };
        db.Staff.AddRange(zhang, li);
        db.SaveChanges();
        DateTime At(int day, int h, int m) => new(2026, 3, day, h, m, 0, DateTimeKind.Utc);
        db.SalesReceptions.AddRange(
            new SalesReception { UnitId = office.Id, Customer = "客户甲", StaffId = zhang.Id, At = At(1, 10, 2), HasTime = true, Month = 202603, RotaPosition = "1" },
            new SalesReception { UnitId = office.Id, Customer = "客户乙", StaffId = zhang.Id, At = At(2, 11, 0), HasTime = true, Month = 202603 },
            new SalesReception { UnitId = office.Id, Customer = "客户乙", StaffId = li.Id, At = At(2, 11, 0), HasTime = true, Month = 202603 });
        db.SalesDeals.Add(new SalesDeal
        {
            UnitId = office.Id, Code = "CJ-1", Customer = "客户甲", StaffId = zhang.Id, At = At(1, 16, 0), HasTime = true, Month = 202603,
            CommissionFen = 10_000_00, SaleAmountFen = 1_000_000_00,
        });
        db.SaveChanges();
        new AccountStore(db).Create("admin", new NewAccount("boss", "韩经理", TestHost.Password, AccountRole.Rater, StaffId: boss.Id));
    }

    [Fact]
    public async Task The_supervisor_reads_the_month_decides_a_conflict_and_reads_why_a_customer_is_theirs()
    {
        var page = await SignIn("boss");
        await page.Locator("[data-testid=nav-sales-office]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sales-office$"));
        await Live(page);
        await Field(page, "attr-month").FillAsync("2026-03");
        await page.Locator("[data-testid=attr-show]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attr-title]")).ToContainTextAsync("湖滨案场 · 2026-03");
        var commission = page.Locator("[data-testid=attr-commission] tbody tr");
        await Assertions.Expect(commission).ToHaveCountAsync(1);
        await Assertions.Expect(commission.First).ToContainTextAsync("张伟");
        await Assertions.Expect(commission.First).ToContainTextAsync("10,000.00");

        // Deciding without a reason marks the field; with one, the conflict is settled.
        var conflict = page.Locator("[data-testid=attr-conflict]");
        await Assertions.Expect(conflict).ToContainTextAsync("客户乙");
        await conflict.Locator("[data-testid=attr-decide]").ClickAsync();
        await Assertions.Expect(conflict).ToContainTextAsync("请写明裁定理由");
        await Field(page, "attr-decide-reason").FillAsync("监控显示张伟先迎上前");
        await conflict.Locator("[data-testid=attr-decide]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attr-no-conflict]")).ToBeVisibleAsync();

        // A customer's timeline says why they are whose.
        await page.Locator("[data-testid=attr-customers] tbody tr", new() { HasText = "客户乙" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attr-why]")).ToContainTextAsync("为什么归 张伟");
        await Assertions.Expect(page.Locator("[data-testid=attr-timeline]")).ToContainTextAsync("主管裁定");

        // The register filtered by customer.
        await Assertions.Expect(page.Locator("[data-testid=attr-register] tbody tr")).ToHaveCountAsync(3);
        await Field(page, "attr-filter-customer").FillAsync("客户甲");
        await Assertions.Expect(page.Locator("[data-testid=attr-register] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=attr-rota]")).ToContainTextAsync("下一位接待");
        // No codes on the page.
        Assert.DoesNotMatch(@"AT-0\d|TPL-\d", await page.Locator(".mud-main-content").InnerTextAsync());
        await Shot(page, "sales-office");
    }
}

public sealed class SqliteAttributionBrowserTests() : AttributionBrowserTests(DatabaseProvider.Sqlite);
