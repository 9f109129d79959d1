using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kaohe.Web.Tests;

/// <summary>The web application on a fresh database of each provider: first run, sign-in, the API's guard, OpenAPI.</summary>
public abstract partial class WebTests(DatabaseProvider provider) : HostedTests(provider)
{
    private const string AdminPassword = TestHost.AdminPassword;
    private TestDatabase _db => Host.Db;
    private string _keys => Host.KeysDir;
    private WebApplicationFactory<Program> Factory => Host.Factory;

    private HttpClient Client() => Host.Client();

    private static async Task<HttpResponseMessage> ApiLogin(HttpClient client, string user, string password) =>
        await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [Fact]
    public async Task The_first_run_creates_one_administrator_who_signs_in_through_the_api()
    {
        using var client = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        var wrong = await ApiLogin(client, "admin", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("登录名或密码不正确", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ApiLogin(client, "ADMIN", AdminPassword)).StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(("admin", "Admin", "系统管理员"), (me.GetProperty("userName").GetString(), me.GetProperty("role").GetString(), me.GetProperty("roleName").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        using var db = _db.Database.CreateContext();
        Assert.Equal(["admin"], db.Accounts.Select(a => a.UserName).ToList());
        // Its creation (role, scope), the failed and the good sign-in and the logout, with the client's address.
        Assert.Equal(["创建账号:角色", "创建账号:管辖范围", "登录失败:", "登录:", "退出登录:"],
            db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action + ":" + a.Field).ToList());
    }

    [Fact]
    public async Task Pages_need_a_sign_in_and_the_login_form_needs_its_antiforgery_token_and_stays_on_the_site()
    {
        using var client = Client();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        Assert.Contains("登录名", page);
        var token = Token().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        FormUrlEncodedContent Form(string password, string returnUrl, bool withToken = true) => new(
            (withToken ? new[] { KeyValuePair.Create("__RequestVerificationToken", token) } : [])
                .Concat([KeyValuePair.Create("userName", "admin"), KeyValuePair.Create("password", password), KeyValuePair.Create("returnUrl", returnUrl)]));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/login", Form(AdminPassword, "/", withToken: false))).StatusCode);
        var bad = await client.PostAsync("/account/login", Form("wrong-password", "/"));
        Assert.StartsWith("/login?error=1", bad.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var good = await client.PostAsync("/account/login", Form(AdminPassword, "//evil.example/steal"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("/", good.Headers.Location!.OriginalString); // never redirected off the site
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session()
    {
        using var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await ApiLogin(client, "admin", AdminPassword)).StatusCode);
        using (var db = _db.Database.CreateContext())
        {
            var store = new AccountStore(db);
            store.Create("admin", new NewAccount("viewer1", "查看者甲", "viewer-password", Kaohe.Data.Model.AccountRole.Viewer));
        }
        using var viewer = Client();
        Assert.Equal(HttpStatusCode.OK, (await ApiLogin(viewer, "viewer1", "viewer-password")).StatusCode);
        using (var db = _db.Database.CreateContext()) new AccountStore(db).SetDisabled("admin", "viewer1", true, "测试");
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin(viewer, "viewer1", "viewer-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_because_the_keys_are_kept_with_the_data()
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await ApiLogin(client, "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kaohe=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Single(Directory.GetFiles(_keys, "key-*.xml")); // in the configured folder, not the user profile

        Host.Restart(); // a new host: same database, same keys folder
        using var restarted = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        restarted.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = Client();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/me", paths);
        Assert.Contains("/api/auth/login", paths);
        Assert.DoesNotContain("/account/login", paths);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteWebTests() : WebTests(DatabaseProvider.Sqlite);

public sealed class PostgresWebTests() : WebTests(DatabaseProvider.PostgreSql);
