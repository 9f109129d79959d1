using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

public abstract partial class BrowserTests
{
    /// <summary>Text of the page a user can see: visible text nodes, not inside a closed disclosure (技术细节) or a script.</summary>
    private const string VisibleTextScript = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const el = node.parentElement;
            if (!el || el.closest('details, script, style, noscript, #blazor-error-ui')) continue;
            if (!el.checkVisibility({ visibilityProperty: true })) continue;
            const text = node.textContent.trim();
            if (text) out.push(text);
          }
          return out.join('\n');
        }
        """;

    /// <summary>
    /// What a user must not meet outside the administrators' disclosure: rule codes of RULES.md (G6, WS-06, QR-04; scheme
    /// numbers such as TPL-01 are names people use), section references, metric ids, YAML field paths, English parser words.
    /// </summary>
    private static readonly (string What, Regex Pattern)[] DeveloperPatterns =
    [
        ("rule code", new Regex(@"\b(?!TPL-)[A-Z]{1,3}-\d{2}\b")),
        ("rule code", new Regex(@"（G\d+）|\bG\d+\b(?![\w-])")),
        ("RULES reference", new Regex(@"RULES|§")),
        ("metric id", new Regex(@"\b[a-z]+_[a-z_]+\b")),
        ("field path", new Regex(@"\b(sections|indicators|raters|grades)\[")),
        ("English message", new Regex(@"\b(Expected|expected|Exception|mapping|scalar|YamlDotNet|null|undefined|Authorizing)\b")),
        ("command line", new Regex(@"\bkaohe (period|schemes|score|import|backup)\b")),
    ];

    private static async Task<string[]> DeveloperText(IPage page)
    {
        var text = await page.EvaluateAsync<string>(VisibleTextScript);
        return [.. DeveloperPatterns.SelectMany(p => p.Pattern.Matches(text).Select(m => $"{p.What} “{m.Value}” in “{Line(text, m.Index)}”"))];
    }

    private static string Line(string text, int at)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var end = text.IndexOf('\n', at);
        return text[start..(end < 0 ? text.Length : end)];
    }

    /// <summary>Exactly one &lt;title&gt; in the document, in Chinese.</summary>
    private static async Task OneChineseTitle(IPage page)
    {
        await Assertions.Expect(page.Locator("title")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^[\u4e00-\u9fff].*考核 Kaohe$"));
    }

    /// <summary>
    /// Issue 11, item 6: an unknown address and a page the role may not open are Chinese pages with one title, whether
    /// typed into the address bar or reached inside the app; the page has a favicon.
    /// </summary>
    [Fact]
    public async Task Unknown_and_forbidden_pages_are_Chinese_with_one_title()
    {
        var emp = await SignIn("emp1");
        await OneChineseTitle(emp);
        await Assertions.Expect(emp.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "favicon.svg");
        var icon = await emp.APIRequest.GetAsync(_url + "/favicon.svg");
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/svg+xml", icon.Headers["content-type"], StringComparison.Ordinal);

        foreach (var path in new[] { "/nope", "/a/b/c.html", "/cycles/abc", "/schemes/TPL-01/edit/more" })
        {
            var response = await emp.GotoAsync(_url + path);
            Assert.Equal(404, response!.Status);
            await Live(emp);
            await Assertions.Expect(emp.Locator("[data-testid=not-found]")).ToContainTextAsync("地址可能输错了");
            await Assertions.Expect(emp).ToHaveTitleAsync("找不到页面 · 考核 Kaohe");
            await OneChineseTitle(emp);
        }
        await Shot(emp, "not-found");

        foreach (var path in new[] { "/accounts", "/import", "/metrics", "/score" })
        {
            await Go(emp, path);
            await Assertions.Expect(emp.Locator("[data-testid=denied]")).ToContainTextAsync("没有打开这个页面的权限");
            await Assertions.Expect(emp).ToHaveTitleAsync("无权访问 · 考核 Kaohe");
            await OneChineseTitle(emp);
        }
        await Shot(emp, "denied");

        // Inside the app (no new page load) the router answers the same way.
        await Go(emp, "/");
        await emp.EvaluateAsync("Blazor.navigateTo('/accounts')");
        await Assertions.Expect(emp.Locator("[data-testid=denied]")).ToContainTextAsync("没有打开这个页面的权限");
        await Assertions.Expect(emp).ToHaveTitleAsync("无权访问 · 考核 Kaohe");
        await OneChineseTitle(emp);
        await emp.EvaluateAsync("Blazor.navigateTo('/nowhere/at/all')");
        await Assertions.Expect(emp.Locator("[data-testid=not-found]")).ToContainTextAsync("地址可能输错了");
        await Assertions.Expect(emp).ToHaveTitleAsync("找不到页面 · 考核 Kaohe");
        await OneChineseTitle(emp);

        // A cycle that does not exist, opened by HR: the page says so in Chinese.
        var hr = await SignIn("hr");
        await Go(hr, "/cycles/99999");
        await OneChineseTitle(hr);
        Assert.Empty(await DeveloperText(hr));

        // A request refused before any page (another site's form post) gets a Chinese page with one title too.
        var refused = await hr.APIRequest.PostAsync(_url + "/login", new() { Headers = new Dictionary<string, string> { ["Origin"] = "http://evil.example" } });
        Assert.Equal(403, refused.Status);
        var html = await refused.TextAsync();
        Assert.Single(Regex.Matches(html, "<title>"));
        Assert.Contains("<title>请求被拒绝 · 考核 Kaohe</title>", html, StringComparison.Ordinal);
        Assert.Contains("来源不符的请求被拒绝", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 11, item 6: the pages of schemes, metrics, customers, quick scoring and imports show no rule codes, section
    /// references, metric ids, field paths or English parser words to HR or to the administrator (whose technical
    /// detail stays behind the closed 技术细节 disclosure).
    /// </summary>
    [Fact]
    public async Task Scheme_metric_and_import_pages_show_no_developer_codes()
    {
        var problems = new List<string>();
        foreach (var user in new[] { "hr", "admin" })
        {
            var page = await SignIn(user);
            async Task Check(string where)
            {
                await OneChineseTitle(page);
                problems.AddRange((await DeveloperText(page)).Select(p => $"[{user} {where}] {p}"));
            }
            foreach (var path in new[] { "/", "/schemes", "/schemes/TPL-01", "/schemes/TPL-06", "/schemes/TPL-01/edit", "/schemes/new?from=TPL-07", "/customers", "/score", "/import" })
            {
                await Go(page, path);
                await Assertions.Expect(page.Locator(".mud-main-content h4, .mud-main-content h5, .mud-main-content [role=tablist]").First).ToBeVisibleAsync();
                await Check(path);
            }

            // Quick scoring: every score's explanation in Chinese.
            await Go(page, "/score");
            await page.Locator("input[type=file]").SetInputFilesAsync(Path.Combine(Repo.Root, "examples", "tpl01-customer-department.json"));
            await page.Locator("[data-testid=score-results] tbody tr").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "总分" })).ToBeVisibleAsync();
            await Check("/score results");

            // A scheme text with mistakes, checked: the problems in Chinese.
            await Go(page, "/schemes/TPL-01");
            await page.GetByRole(AriaRole.Tab, new() { Name = "编辑 YAML" }).ClickAsync();
            var yaml = page.Locator("textarea[data-testid=yaml]");
            await yaml.FillAsync("id: MY-09\nname: 试\nsections:\n  - name: 甲\n    indicators:\n      - name: 乙\n        points: 十\n        rule: { kind: nope }\n");
            await page.ClickAsync("[data-testid=check]");
            await Assertions.Expect(page.Locator("[data-testid=yaml-error]").First).ToBeVisibleAsync();
            await Check("/schemes/TPL-01 check");

            await Go(page, "/metrics");
            await Field(page, "metric-period").FillAsync("2026-10");
            await page.ClickAsync("[data-testid=metric-show]");
            await Assertions.Expect(page.Locator("[data-testid=metrics] tbody tr")).ToHaveCountAsync(Kaohe.Data.Metrics.MetricCatalog.All.Count);
            await page.Locator("[data-testid=metrics] tbody tr", new() { HasText = "客户流失率" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=metric-trend]")).ToBeVisibleAsync();
            await Check("/metrics");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Issue 11, item 10: an import of thousands of customers shows its phases as they pass, including the write into the
    /// database with the rows written; a closed month's refusal points HR to the page that reopens it.
    /// </summary>
    [Fact]
    public async Task An_import_shows_its_write_phase_and_a_closed_month_points_to_its_page()
    {
        var hr = await SignIn("hr");
        await Go(hr, "/import");
        var csv = new StringBuilder("客户编号,客户名称,客户类别,客户经理工号,单位编码,开发日期\n");
        for (var i = 1; i <= 8_000; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"P{i:D6},客户{i},A,E11,T1,2025-01-01\n");
        var file = Path.Combine(Path.GetTempPath(), $"customers-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        try
        {
            await hr.Locator("input[type=file]").SetInputFilesAsync(file);
            var phase = hr.Locator("[data-testid=import-phase]");
            await Assertions.Expect(phase).ToContainTextAsync(new Regex(@"写入数据库：已写入 [\d,]+ / 8,000 行"));
            await Shot(hr, "import-writing");
            await Assertions.Expect(hr.Locator("[data-testid=import-done]")).ToContainTextAsync("8,000 行，新增 8,000", new() { Timeout = 120_000 });
        }
        finally
        {
            File.Delete(file);
        }

        // A sale in a closed month: refused, and HR is sent to the page that reopens months, not to a command.
        using (var db = _host.Db.Database.CreateContext())
            new Kaohe.Data.Metrics.MetricStore(db).Close(Kaohe.Data.Time.Period.Parse("2026-10"), "hr", DateTime.UtcNow);
        await Pick(hr, "import-kind", "销售");
        var sales = Path.Combine(Path.GetTempPath(), $"sales-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(sales, "订单编号,客户编号,工号,日期,金额\nXS9001,P000001,E11,2026-10-09,10\n");
        try
        {
            await hr.Locator("input[type=file]").Last.SetInputFilesAsync(sales);
            await Assertions.Expect(hr.Locator("[data-testid=import-errors]")).ToContainTextAsync("未写入任何数据");
            var closed = hr.Locator("[data-testid=import-closed]");
            await Assertions.Expect(closed).ToContainTextAsync("2026-10 已关闭");
            await Assertions.Expect(closed.GetByRole(AriaRole.Link, new() { Name = "「已关闭月份」" })).ToHaveAttributeAsync("href", "/months");
            Assert.Empty(await DeveloperText(hr));
            await Shot(hr, "import-closed-month");
        }
        finally
        {
            File.Delete(sales);
        }
    }
}
