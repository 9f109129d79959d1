using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>Accounts through the API: only the administrator manages them; changes need reasons and are audited.</summary>
public abstract class AccountApiTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task The_administrator_creates_and_disables_accounts_and_users_change_their_own_password()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        var created = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "emp3", displayName = "部长", password = "first-password-1", role = "Appraisee", employeeNo = "E00",
        }), HttpStatusCode.OK);
        Assert.Equal(("E00", "被考核人"), (created.Str("employeeNo"), created.Str("roleName")));
        var unknownStaff = await Json.Read(await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "emp4", displayName = "某", password = "first-password-1", role = "Appraisee", employeeNo = "E99",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("E99", unknownStaff.Str("title"));
        Assert.Contains((await Json.Read(await admin.GetAsync("/api/accounts"), HttpStatusCode.OK)).EnumerateArray(), a => a.Str("userName") == "emp3");

        using var hr = await Host.As("hr");
        await Json.Read(await hr.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        await Json.Read(await hr.PostAsJsonAsync("/api/accounts", new { userName = "x9", displayName = "x", password = "first-password-1", role = "Admin" }), HttpStatusCode.Forbidden);

        using var emp3 = await Host.As("emp3", "first-password-1");
        // An initial password: nothing but changing it is allowed.
        Assert.True((await Json.Read(await emp3.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("mustChangePassword").GetBoolean());
        Assert.Contains("初始密码", (await Json.Read(await emp3.GetAsync("/api/results/mine"), HttpStatusCode.Forbidden)).Str("title"));
        await Json.Read(await emp3.PostAsJsonAsync("/api/me/password", new { currentPassword = "wrong-one-123", newPassword = "second-password-2" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await emp3.PostAsJsonAsync("/api/me/password", new { currentPassword = "first-password-1", newPassword = "second-password-2" })).StatusCode);
        using var again = await Host.As("emp3", "second-password-2");
        await Json.Read(await again.GetAsync("/api/results/mine"), HttpStatusCode.OK);

        await Json.Read(await admin.PostAsJsonAsync("/api/accounts/emp3/disabled", new { disabled = true, reason = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/emp3/disabled", new { disabled = true, reason = "离职" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/me")).StatusCode);
        using var db = Host.Db.Database.CreateContext();
        var audit = db.AuditEntries.Where(a => a.EntityKey == "emp3").Select(a => a.Action).ToList();
        Assert.Equal(["创建账号", "创建账号", "创建账号", "登录", "修改密码失败", "修改密码", "登录", "停用账号"], audit);
        Assert.Equal("离职", db.AuditEntries.Single(a => a.Action == "停用账号").Reason);
    }
}

public sealed class SqliteAccountApiTests() : AccountApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountApiTests() : AccountApiTests(DatabaseProvider.PostgreSql);
