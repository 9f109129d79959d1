using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kaohe.Data;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, findings 7 (request limits), 10 (headers, cookies, return addresses, paging, the access-denied page)
/// and 11 (the app works started from any folder).
/// </summary>
public abstract partial class HardeningTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_an_https_session_cookie_is_secure()
    {
        CreateCompany();
        using var client = Host.Client();
        foreach (var path in new[] { "/login", "/api/me" })
        {
            var r = await client.GetAsync(path);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            var csp = r.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("object-src 'none'", csp);
        }
        using var https = Host.Client(cookies: false, baseAddress: "https://localhost");
        var login = await https.PostAsJsonAsync("/api/auth/login", new { userName = "hr", password = TestHost.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kaohe=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age", login.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("http://evil.example", "/")]
    [InlineData("\t/evil", "/")]
    [InlineData("/%0d%0aSet-Cookie:x=1", "/%0d%0aSet-Cookie:x=1")]
    [InlineData("/cycles?x=1", "/cycles?x=1")]
    public async Task Odd_return_addresses_after_sign_in_stay_on_the_site_and_never_fail(string returnUrl, string expected)
    {
        CreateCompany();
        using var client = Host.Client();
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = Token().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "hr", ["password"] = TestHost.Password, ["returnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Paging_far_past_the_end_answers_an_empty_page_and_denied_or_unknown_pages_are_chinese()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var far = await Json.Read(await hr.GetAsync("/api/customers?page=2147483647&size=200"), HttpStatusCode.OK);
        Assert.Equal((2147483647, 0), (far.Int("page"), far.GetProperty("items").GetArrayLength()));
        await Json.Read(await hr.GetAsync("/api/customers?page=-1"), HttpStatusCode.BadRequest);

        using var rater = await Host.As("rater1");
        var denied = await rater.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var deniedPage = await rater.GetAsync(denied.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, deniedPage.StatusCode);
        Assert.Contains("无权访问", await deniedPage.Content.ReadAsStringAsync());
        var unknown = await rater.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("找不到这个页面", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client().GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_limits_get_a_chinese_413_that_names_the_limit()
    {
        Host.Settings["Kaohe:MaxUploadMB"] = "1";
        CreateCompany();
        using var hr = await Host.As("hr");
        var json = new StringContent("{\"scheme\":\"" + new string('x', 3 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        var big = await Json.Read(await hr.PostAsync("/api/cycles", json), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("请求过大：最多 2 MB", big.Str("title"));
        var upload = await Json.Read(await hr.PostAsync("/api/import/customers", Files.Upload("big.csv", new byte[1536 * 1024])), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("最多 1 MB", upload.Str("title"));
        Assert.Contains("Kaohe:MaxUploadMB", upload.Str("title"));
        // Under the limit the import itself answers (here: the file is not a table).
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, (await hr.PostAsync("/api/import/customers", Files.Upload("small.csv", new byte[512 * 1024]))).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteHardeningTests() : HardeningTests(DatabaseProvider.Sqlite);

public sealed class PostgresHardeningTests() : HardeningTests(DatabaseProvider.PostgreSql);

/// <summary>Finding 11: the published app, started as a process from a folder that is not its own, serves its pages and files.</summary>
public sealed class WebRootTests
{
    [Fact]
    public async Task The_published_app_started_from_another_folder_serves_its_static_files_and_the_login_page()
    {
        // Published from the Release build the test run made (no rebuild): the layout an installation has.
        var published = Directory.CreateTempSubdirectory("kaohe-published-").FullName;
        var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(Repo.Root, "src", "Kaohe.Web"), "-c", "Release", "-o", published, "--no-build", "-nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var publishLog = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, publishLog);
        var app = Path.Combine(published, "Kaohe.Web.dll");
        Assert.True(File.Exists(app), publishLog);
        var cwd = Directory.CreateTempSubdirectory("kaohe-cwd-").FullName;
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["Kaohe__Demo"] = "false";
        start.Environment["Kaohe__AdminPassword"] = "web-root-test-2026";
        start.Environment["KAOHE_DATA_DIR"] = Path.Combine(cwd, "data");
        start.Environment.Remove("KAOHE_DB");
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage? login = null;
            for (var i = 0; i < 120 && login is null; i++)
            {
                try { login = await http.GetAsync("/login"); }
                catch (HttpRequestException) { await Task.Delay(500); }
                Assert.False(process.HasExited, output.ToString());
            }
            Assert.NotNull(login);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            foreach (var file in new[] { "/_framework/blazor.web.js", "/app.css", "/_content/MudBlazor/MudBlazor.min.css", "/lib/echarts/echarts.min.js", "/kaohe.js" })
            {
                var r = await http.GetAsync(file);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                Assert.True((await r.Content.ReadAsByteArrayAsync()).Length > 100, $"{file} is empty");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(cwd, recursive: true);
            Directory.Delete(published, recursive: true);
        }
    }
}
