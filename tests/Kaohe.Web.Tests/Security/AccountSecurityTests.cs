using System.Net;
using System.Net.Http.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests.Security;

/// <summary>
/// Issue 10, finding 9: lockout and a per-address limit on sign-in, a password policy, initial passwords that must be
/// changed, the last administrator kept, login names normalised (NFKC). Finding 8: sign-ins are in the audit trail.
/// </summary>
public abstract class AccountSecurityTests(DatabaseProvider provider) : HostedTests(provider)
{
    private async Task<HttpResponseMessage> Login(HttpClient c, string user, string password) =>
        await c.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lock_ends()
    {
        CreateCompany();
        using var client = Host.Client();
        for (var i = 1; i <= 4; i++)
            Assert.Contains("登录名或密码不正确", (await Json.Read(await Login(client, "hr", $"guess-{i}-xyz"), HttpStatusCode.Unauthorized)).Str("title"));
        Assert.Contains("锁定", (await Json.Read(await Login(client, "hr", "guess-5-xyz"), HttpStatusCode.Unauthorized)).Str("title"));
        Assert.Contains("锁定", (await Json.Read(await Login(client, "hr", TestHost.Password), HttpStatusCode.Unauthorized)).Str("title"));
        Host.Clock.Now += TimeSpan.FromMinutes(16);
        Assert.Equal(HttpStatusCode.OK, (await Login(client, "hr", TestHost.Password)).StatusCode);
        using var db = Host.Db.Database.CreateContext();
        var trail = db.AuditEntries.AsNoTracking().Where(a => a.EntityKey == "hr" && a.Action.StartsWith("登录")).OrderBy(a => a.Id).Select(a => a.Action).ToList();
        Assert.Equal([.. Enumerable.Repeat("登录失败", 6), "登录"], trail);
    }

    [Fact]
    public async Task Many_failures_from_one_address_make_it_wait_whatever_account_it_tries()
    {
        CreateCompany();
        using var client = Host.Client();
        for (var i = 0; i < 20; i++) await Json.Read(await Login(client, $"nobody{i}", "whatever-123"), HttpStatusCode.Unauthorized);
        var wait = await Json.Read(await Login(client, "hr", TestHost.Password), (HttpStatusCode)429);
        Assert.Contains("分钟后再试", wait.Str("title"));
        Host.Clock.Now += TimeSpan.FromMinutes(11);
        Assert.Equal(HttpStatusCode.OK, (await Login(client, "hr", TestHost.Password)).StatusCode);
    }

    [Fact]
    public async Task Weak_passwords_the_last_administrator_and_full_width_names_are_handled()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        foreach (var (password, reason) in new[] { ("aaaaaaaa", "4 个不同"), ("password", "泄露"), ("newuser1x", "登录名"), ("12345678", "全是数字") })
        {
            var refused = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new { userName = "newuser1x", displayName = "新人", password, role = "Viewer" }), HttpStatusCode.BadRequest);
            Assert.Contains(reason, refused.Str("title"));
        }
        // ａｄｍｉｎ is admin: one account, not a second one.
        var twin = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new { userName = "ａｄｍｉｎ", displayName = "假管理员", password = "some-secret-2026", role = "Admin" }), HttpStatusCode.BadRequest);
        Assert.Contains("已被使用", twin.Str("title"));
        using var wide = Host.Client();
        Assert.Equal("admin", (await Json.Read(await Login(wide, "ａｄｍｉｎ", TestHost.AdminPassword), HttpStatusCode.OK)).Str("userName"));
        // The last administrator cannot be disabled, and nobody disables themselves.
        await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new { userName = "admin2", displayName = "管理员乙", password = "second-boss-2026", role = "Admin" }), HttpStatusCode.OK);
        Assert.Contains("自己", (await Json.Read(await admin.PostAsJsonAsync("/api/accounts/admin/disabled", new { disabled = true, reason = "测试" }), HttpStatusCode.BadRequest)).Str("title"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/admin2/disabled", new { disabled = true, reason = "测试" })).StatusCode);
        using var db = Host.Db.Database.CreateContext();
        Assert.Contains("最后一个", Assert.Throws<Kaohe.Data.Accounts.AccountException>(() =>
            new Kaohe.Data.Accounts.AccountStore(db).SetDisabled("system", "admin", true, "测试")).Message);
    }

    [Fact]
    public async Task A_generated_first_password_is_never_printed_lives_in_a_private_file_and_must_be_changed()
    {
        Host.GenerateAdminPassword = true;
        _ = Host.Factory.Services;
        var file = Path.Combine(Host.DataDir, "initial-admin-password.txt");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var password = File.ReadAllLines(file).Single(l => l.StartsWith("密码：", StringComparison.Ordinal))["密码：".Length..];
        using var admin = Host.Client();
        var me = await Json.Read(await Login(admin, "admin", password), HttpStatusCode.OK);
        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());
        await Json.Read(await admin.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/me/password", new { currentPassword = password, newPassword = "my-own-secret-2026" })).StatusCode);
        await Json.Read(await admin.GetAsync("/api/accounts"), HttpStatusCode.OK);
        Host.Restart();
        _ = Host.Factory.Services;
        Assert.False(File.Exists(file)); // the changed password's file does not linger
    }
}

public sealed class SqliteAccountSecurityTests() : AccountSecurityTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountSecurityTests() : AccountSecurityTests(DatabaseProvider.PostgreSql);
