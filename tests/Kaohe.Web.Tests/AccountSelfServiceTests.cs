using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests;

/// <summary>
/// The administrator edits an account's role, 工号 and unit and resets passwords through the API (the same service as
/// the accounts page): refusals name the field, changes are audited, and the account's sessions end at once.
/// </summary>
public abstract class AccountSelfServiceTests(DatabaseProvider provider) : HostedTests(provider)
{
    [Fact]
    public async Task The_administrator_edits_role_工号_and_unit_refusals_name_the_field_and_the_old_rights_end_at_once()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        using var rater1 = await Host.As("rater1");
        await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK);
        await Json.Read(await rater1.GetAsync("/api/cycles"), HttpStatusCode.Forbidden);

        var unknownNo = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/rater1", new { role = "Rater", employeeNo = "E99", unitCode = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(("没有工号为“E99”的员工", "employeeNo"), (unknownNo.Str("title"), unknownNo.Str("field")));
        var unknownUnit = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/rater1", new { role = "Hr", unitCode = "X9" }), HttpStatusCode.BadRequest);
        Assert.Equal(("没有编码为“X9”的单位", "unitCode"), (unknownUnit.Str("title"), unknownUnit.Str("field")));
        var self = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/admin", new { role = "Hr" }), HttpStatusCode.BadRequest);
        Assert.Equal("role", self.Str("field"));
        Assert.Contains("不能更改自己的角色", self.Str("title"));
        var appraisee = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/viewer", new { role = "Appraisee" }), HttpStatusCode.BadRequest);
        Assert.Equal("employeeNo", appraisee.Str("field"));
        await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/nobody", new { role = "Hr" }), HttpStatusCode.BadRequest);
        // Still a rater: the refused changes changed nothing and ended nothing.
        await Json.Read(await rater1.GetAsync("/api/forms"), HttpStatusCode.OK);

        using (var hr = await Host.As("hr"))
            await Json.Read(await hr.PatchAsJsonAsync("/api/accounts/rater1", new { role = "Admin" }), HttpStatusCode.Forbidden);

        var edited = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/RATER1", new { role = "Hr", employeeNo = "E01", unitCode = "T1", reason = "兼任一组考核管理员" }), HttpStatusCode.OK);
        Assert.Equal(("rater1", "考核管理员", "E01", "T1"), (edited.Str("userName"), edited.Str("roleName"), edited.Str("employeeNo"), edited.Str("unitCode")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await rater1.GetAsync("/api/forms")).StatusCode); // the old session ended
        using (var again = await Host.As("rater1"))
        {
            var cycles = await again.GetAsync("/api/cycles");
            Assert.Equal(HttpStatusCode.OK, cycles.StatusCode); // the new rights apply at the next sign-in
        }

        using var db = Host.Db.Database.CreateContext();
        var audit = db.AuditEntries.AsNoTracking().Where(a => a.Action == "修改账号" && a.EntityKey == "rater1").OrderBy(a => a.Id).ToList();
        Assert.Equal(["角色：考核人 → 考核管理员", "管辖范围：全公司 → T1（一组）"], audit.Select(a => $"{a.Field}：{a.OldValue} → {a.NewValue}"));
        Assert.All(audit, a => Assert.Equal(("admin", "兼任一组考核管理员"), (a.Actor, a.Reason)));

        // What a PATCH leaves out stays; an empty unit code means the whole company.
        var widened = await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/rater1", new { unitCode = "" }), HttpStatusCode.OK);
        Assert.Equal(("考核管理员", "E01", JsonValueKind.Null), (widened.Str("roleName"), widened.Str("employeeNo"), widened.GetProperty("unitCode").ValueKind));
        // The administrator may link their own 工号 (not change their role) and stays signed in.
        Assert.Equal("E00", (await Json.Read(await admin.PatchAsJsonAsync("/api/accounts/admin", new { employeeNo = "E00" }), HttpStatusCode.OK)).Str("employeeNo"));
        await Json.Read(await admin.GetAsync("/api/accounts"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reset_shows_a_generated_initial_password_once_and_the_user_must_change_it_before_anything_else()
    {
        CreateCompany();
        using var admin = await Host.As("admin");
        using var before = await Host.As("emp1");

        var noReason = await Json.Read(await admin.PostAsJsonAsync("/api/accounts/emp1/password", new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.Equal("reason", noReason.Str("field"));
        var weak = await Json.Read(await admin.PostAsJsonAsync("/api/accounts/emp1/password", new { password = "12345678", reason = "遗忘密码" }), HttpStatusCode.BadRequest);
        Assert.Equal(("password", "密码不能全是数字"), (weak.Str("field"), weak.Str("title")));
        using (var hr = await Host.As("hr"))
            await Json.Read(await hr.PostAsJsonAsync("/api/accounts/emp1/password", new { reason = "遗忘密码" }), HttpStatusCode.Forbidden);

        var answer = await Json.Read(await admin.PostAsJsonAsync("/api/accounts/emp1/password", new { reason = "遗忘密码" }), HttpStatusCode.OK);
        var initial = answer.Str("initialPassword");
        Assert.Equal(14, initial.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client().PostAsJsonAsync("/api/auth/login", new { userName = "emp1", password = TestHost.Password })).StatusCode);

        using var emp1 = await Host.As("emp1", initial);
        Assert.True((await Json.Read(await emp1.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("mustChangePassword").GetBoolean());
        Assert.Contains("初始密码", (await Json.Read(await emp1.GetAsync("/api/results/mine"), HttpStatusCode.Forbidden)).Str("title"));
        Assert.Equal(HttpStatusCode.NoContent, (await emp1.PostAsJsonAsync("/api/me/password", new { currentPassword = initial, newPassword = "my-own-secret-77" })).StatusCode);
        await Json.Read(await emp1.GetAsync("/api/results/mine"), HttpStatusCode.OK);

        // A typed password is not echoed back.
        var typed = await admin.PostAsJsonAsync("/api/accounts/emp1/password", new { password = "typed-by-admin-9", reason = "再次遗忘" });
        Assert.Equal(HttpStatusCode.NoContent, typed.StatusCode);
        Assert.Equal("", await typed.Content.ReadAsStringAsync());

        using var db = Host.Db.Database.CreateContext();
        var resets = db.AuditEntries.AsNoTracking().Where(a => a.Action == "重置密码" && a.EntityKey == "emp1").OrderBy(a => a.Id).ToList();
        Assert.Equal([("admin", "遗忘密码"), ("admin", "再次遗忘")], resets.Select(a => (a.Actor, a.Reason!)));
        Assert.DoesNotContain(db.AuditEntries.AsNoTracking().ToList(), a => $"{a.OldValue}{a.NewValue}{a.Reason}".Contains(initial, StringComparison.Ordinal));
    }
}

public sealed class SqliteAccountSelfServiceTests() : AccountSelfServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountSelfServiceTests() : AccountSelfServiceTests(DatabaseProvider.PostgreSql);
