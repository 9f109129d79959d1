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
/// A web app on Kestrel with its data (<see cref="Seed"/>) and a headless Chromium (from Debian, /usr/bin/chromium):
/// signing in through the login page, waiting until a page is live, screenshots to docs/screenshots when
/// KAOHE_SCREENSHOTS is set.
/// </summary>
public abstract class BrowserSession(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>Creates the data the tests of the class work on.</summary>
    protected abstract void Seed(KaoheDatabase database);

    protected readonly TestHost _host = new(provider);
    private IPlaywright? _playwright;
    protected IBrowser? _browser;
    protected string _url = "";

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _host.UseKestrel(port);
        _host.Factory.StartServer();
        _url = _host.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Seed(_host.Db.Database);
        using (var probe = new HttpClient())
        {
            var r = await probe.GetAsync(_url + "/login");
            Assert.True(r.IsSuccessStatusCode, $"server at {_url}: {r.StatusCode}");
        }
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("KAOHE_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium not found at {chromium}: scripts/test.sh installs Debian's chromium package");
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>A new browser session signed in through the login page.</summary>
    protected async Task<IPage> SignIn(string user)
    {
        var context = await _browser!.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, m) => { lock (Log) Log.Add($"[{user}] {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (Log) Log.Add($"[{user}] page error: {e}"); };
        await page.GotoAsync(_url + "/forms");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", user == "admin" ? TestHost.AdminPassword : TestHost.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/forms$")); // back where the user wanted to go
        await Live(page);
        return page;
    }

    /// <summary>Waits until the page is connected to the server (interactive), so clicks are handled.</summary>
    protected async Task Live(IPage page)
    {
        try
        {
            await page.Locator("#kaohe-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException e)
        {
            string log;
            lock (Log) log = string.Join("\n", Log.TakeLast(30));
            throw new TimeoutException($"{page.Url} did not become interactive; browser console:\n{log}", e);
        }
    }

    protected readonly List<string> Log = [];

    protected async Task Go(IPage page, string path)
    {
        await page.GotoAsync(_url + path);
        await Live(page);
    }

    /// <summary>The input of a MudBlazor field marked with data-testid (MudBlazor puts the attribute on the input).</summary>
    protected static ILocator Field(IPage page, string id) => page.Locator($"input[data-testid={id}], [data-testid={id}] input").First;

    protected static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("KAOHE_SCREENSHOTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    /// <summary>An irreversible action asks first and says what cannot be undone; the user agrees.</summary>
    protected static async Task Confirm(IPage page, string says)
    {
        var dialog = page.Locator(".mud-dialog", new() { HasText = says });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=confirm-yes]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _host.Dispose();
    }
}
