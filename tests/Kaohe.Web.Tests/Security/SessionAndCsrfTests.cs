using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;
using static Kaohe.Web.Tests.Security.SecurityKit;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, finding 3: logout, a password change, an administrator's reset and disabling end existing sessions (an
/// old cookie stops working at once). Finding 4: state-changing requests from another origin — even another port of
/// the same host, which SameSite cookies let through — are refused and change nothing.
/// </summary>
public abstract class SessionAndCsrfTests(DatabaseProvider provider) : HostedTests(provider)
{
    /// <summary>Signs in without a cookie jar and returns the session cookie, to replay it later.</summary>
    private async Task<string> Cookie(string user, string? password = null)
    {
        using var client = Host.Client(cookies: false);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = password ?? TestHost.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kaohe=", StringComparison.Ordinal)).Split(';')[0];
    }

    private HttpClient With(string cookie)
    {
        var client = Host.Client(cookies: false);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task Logout_password_change_reset_and_disabling_end_the_sessions_they_should()
    {
        CreateCompany();
        // Logout: the same cookie, replayed, is refused.
        var a = await Cookie("rater1");
        using (var c = With(a))
        {
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/forms")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await c.PostAsync("/api/auth/logout", null)).StatusCode);
        }
        using (var replay = With(a)) Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/forms")).StatusCode);

        // Own password change: the other browser's session ends, this one goes on.
        var here = await Cookie("rater1");
        var there = await Cookie("rater1");
        using (var c = With(here))
            Assert.Equal(HttpStatusCode.NoContent, (await c.PostAsJsonAsync("/api/me/password", new { currentPassword = TestHost.Password, newPassword = "rater-new-2026" })).StatusCode);
        using (var c = With(there)) Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/api/forms")).StatusCode);
        using (var c = With(here)) Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/forms")).StatusCode);

        // The administrator's reset ends every session of the account.
        using var admin = await Host.As("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/rater1/password", new { password = "reset-by-admin-1", reason = "遗忘密码" })).StatusCode);
        using (var c = With(here)) Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/api/forms")).StatusCode);
        // … and the new password is an initial one.
        var afterReset = await Cookie("rater1", "reset-by-admin-1");
        using (var c = With(afterReset))
        {
            await Json.Read(await c.GetAsync("/api/forms"), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.NoContent, (await c.PostAsJsonAsync("/api/me/password", new { currentPassword = "reset-by-admin-1", newPassword = "rater-own-2026" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/forms")).StatusCode);
        }

        // Disabling: an open session cannot save a form any more.
        using var hr = await Host.As("hr");
        var detail = await Open(hr, Tpl07Request("E11"));
        var form = FormOf(detail, "E11", "主管评");
        var live = await Cookie("rater1", "rater-own-2026");
        using var rater = With(live);
        var current = await Json.Read(await rater.GetAsync($"/api/forms/{form}"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/rater1/disabled", new { disabled = true, reason = "离职" })).StatusCode);
        var before = Snapshot(Host);
        var refused = await rater.PutAsJsonAsync($"/api/forms/{form}", new { inputs = Full(), version = current.Int("version") });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(before, Snapshot(Host));
    }

    [Fact]
    public async Task Requests_from_another_origin_are_refused_and_change_nothing()
    {
        CreateCompany();
        using var hr = await Host.As("hr");
        var before = Snapshot(Host);
        async Task Refused(HttpRequestMessage request)
        {
            var response = await hr.SendAsync(request);
            var body = await Json.Read(response, HttpStatusCode.Forbidden);
            Assert.Contains("拒绝", body.Str("title"));
        }
        HttpRequestMessage Import(Action<HttpRequestMessage> headers)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/import/customers")
            {
                Content = Files.Upload("customers.csv", "客户编号,客户名称,所属单位,客户经理,开发日期\nX1,跨站客户,T1,E11,2026-10-01\n"),
            };
            headers(r);
            return r;
        }
        // The probe's attack: a page on another port of the same host posts the import with the HR cookie.
        await Refused(Import(r => r.Headers.Add("Origin", "http://localhost:9999")));
        await Refused(Import(r => r.Headers.Add("Sec-Fetch-Site", "same-site")));
        await Refused(Import(r => r.Headers.Referrer = new Uri("http://evil.example/page")));
        await Refused(Import(r => r.Headers.Add("Origin", "null")));
        var score = new HttpRequestMessage(HttpMethod.Post, "/api/score?scheme=TPL-01") { Content = Files.Upload("x.csv", "对象\n客户部\n") };
        score.Headers.Add("Origin", "http://127.0.0.1:8080");
        await Refused(score);
        var open = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = JsonContent.Create(Tpl07Request("E11")) };
        open.Headers.Add("Origin", "http://localhost:9999");
        await Refused(open);
        Assert.Equal(before, Snapshot(Host));

        // Login forms from elsewhere (login CSRF) are refused too.
        using var anonymous = Host.Client();
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "hr", password = TestHost.Password }) };
        login.Headers.Add("Origin", "http://localhost:9999");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendAsync(login)).StatusCode);

        // The live connection of the pages (WebSocket) from another origin is refused before it reaches Blazor.
        var ws = Host.Factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r => r.Headers.Origin = "http://localhost:9999";
        var handshake = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri("ws://localhost/_blazor"), CancellationToken.None));
        Assert.Contains("403", handshake.Message);

        // The same origin, or a client that is not a browser (no Origin, no Referer), goes through.
        var same = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = JsonContent.Create(Tpl07Request("E11")) };
        same.Headers.Add("Origin", "http://localhost");
        same.Headers.Add("Sec-Fetch-Site", "same-origin");
        await Json.Read(await hr.SendAsync(same), HttpStatusCode.Created);
        using var db = Host.Db.Database.CreateContext();
        Assert.Equal(0, db.Customers.Count(c => c.Code == "X1"));
    }
}

public sealed class SqliteSessionAndCsrfTests() : SessionAndCsrfTests(DatabaseProvider.Sqlite);

public sealed class PostgresSessionAndCsrfTests() : SessionAndCsrfTests(DatabaseProvider.PostgreSql);
