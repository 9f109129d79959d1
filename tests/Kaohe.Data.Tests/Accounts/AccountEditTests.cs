using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Accounts;

/// <summary>The administrator changes an account's role, 工号 and unit, and resets its password (typed or generated).</summary>
public abstract class AccountEditTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private const string Pw = "kaohe-edit-2026";

    private void Seed()
    {
        using var db = Db();
        var hq = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
        db.Units.Add(hq);
        db.SaveChanges();
        var office = new OrgUnit { Code = "BJ", Name = "北京办事处", Kind = UnitKind.Office, ParentId = hq.Id };
        db.Units.Add(office);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        db.Staff.AddRange(new Staff { EmployeeNo = "E0001", Name = "王芳", UnitId = office.Id, Role = "客户经理" },
            new Staff { EmployeeNo = "E0002", Name = "李强", UnitId = office.Id, Role = "主任" });
        db.SaveChanges();
        var store = new AccountStore(db);
        store.Create("system", new NewAccount("admin", "管理员", Pw, AccountRole.Admin));
        store.Create("admin", new NewAccount("wang", "王芳", Pw, AccountRole.Viewer));
    }

    private static AccountException Refused(Action act, string field)
    {
        var e = Assert.Throws<AccountException>(act);
        Assert.Equal(field, e.Field);
        return e;
    }

    [Fact]
    public void A_role_工号_and_unit_change_is_audited_before_and_after_and_ends_the_accounts_sessions()
    {
        Seed();
        using var db = Db();
        var wang = db.Accounts.Single(a => a.UserName == "wang");
        var sessions = new SessionStore(db);
        var live = sessions.Start(wang, "10.0.0.1", "test");
        var changed = new AccountStore(db).Edit("admin", "WANG", new AccountChange(AccountRole.Rater, " E0001 ", "BJ"), "10.0.0.9", "调任北京办事处");
        Assert.Equal(["角色", "关联员工", "管辖范围"], changed);
        Assert.Null(sessions.Check(live.Id)); // the viewer's rights ended with the change

        using var check = Db();
        var after = check.Accounts.AsNoTracking().Single(a => a.UserName == "wang");
        Assert.Equal(AccountRole.Rater, after.Role);
        Assert.Equal(check.Staff.Single(s => s.EmployeeNo == "E0001").Id, after.StaffId);
        Assert.Equal(check.Units.Single(u => u.Code == "BJ").Id, after.UnitId);
        var audit = check.AuditEntries.AsNoTracking().Where(a => a.Action == "修改账号").OrderBy(a => a.Id)
            .Select(a => new { a.Actor, a.EntityKey, a.Field, a.OldValue, a.NewValue, a.Reason, a.Ip }).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal(("admin", "wang", "调任北京办事处", "10.0.0.9"), (a.Actor, a.EntityKey, a.Reason, a.Ip)));
        Assert.Equal(("角色", "查看者", "考核人"), (audit[0].Field, audit[0].OldValue, audit[0].NewValue));
        Assert.Equal(("关联员工", "（无）", "E0001（王芳）"), (audit[1].Field, audit[1].OldValue, audit[1].NewValue));
        Assert.Equal(("管辖范围", "全公司", "BJ（北京办事处）"), (audit[2].Field, audit[2].OldValue, audit[2].NewValue));
        Assert.Equal("账号权限变更：角色、关联员工、管辖范围", check.Sessions.AsNoTracking().Single(s => s.Id == live.Id).RevokedReason);

        // Saving the same values again changes nothing and ends nothing.
        var again = sessions.Start(after, null, null);
        Assert.Empty(new AccountStore(check).Edit("admin", "wang", new AccountChange(AccountRole.Rater, "E0001", "BJ")));
        Assert.NotNull(new SessionStore(check).Check(again.Id));
        Assert.Equal(3, check.AuditEntries.Count(a => a.Action == "修改账号"));
    }

    [Fact]
    public void Unknown_工号_or_unit_an_appraisee_without_staff_and_self_demotion_are_refused_at_their_field()
    {
        Seed();
        using var db = Db();
        var store = new AccountStore(db);
        Assert.Equal("没有工号为“E9999”的员工", Refused(() => store.Edit("admin", "wang", new AccountChange(AccountRole.Rater, "E9999", null)), AccountFields.EmployeeNo).Message);
        Assert.Equal("没有编码为“SH”的单位", Refused(() => store.Edit("admin", "wang", new AccountChange(AccountRole.Viewer, null, "SH")), AccountFields.UnitCode).Message);
        Assert.Contains("须关联员工", Refused(() => store.Edit("admin", "wang", new AccountChange(AccountRole.Appraisee, "", null)), AccountFields.EmployeeNo).Message);
        Assert.Contains("不能更改自己的角色", Refused(() => store.Edit("admin", "ADMIN", new AccountChange(AccountRole.Hr, null, null)), AccountFields.Role).Message);
        Assert.Contains("没有登录名", Assert.Throws<AccountException>(() => store.Edit("admin", "nobody", new AccountChange(AccountRole.Hr, null, null))).Message);
        using var check = Db();
        Assert.Equal(AccountRole.Viewer, check.Accounts.Single(a => a.UserName == "wang").Role);
        Assert.Equal(0, check.AuditEntries.Count(a => a.Action == "修改账号"));
    }

    [Fact]
    public void The_last_enabled_administrator_cannot_lose_the_role_but_one_of_two_can()
    {
        Seed();
        using (var db = Db())
        {
            var store = new AccountStore(db);
            store.Create("admin", new NewAccount("boss2", "第二管理员", Pw, AccountRole.Admin));
            store.SetDisabled("admin", "boss2", true, "外派");
            // boss2 is disabled: admin is the last usable administrator, so another administrator account cannot demote it either.
            Assert.Contains("最后一个可用的系统管理员", Refused(() => store.Edit("boss2", "admin", new AccountChange(AccountRole.Hr, null, null)), AccountFields.Role).Message);
            store.SetDisabled("admin", "boss2", false, "回来了");
            Assert.Equal(["角色"], store.Edit("admin", "boss2", new AccountChange(AccountRole.Hr, null, null)));
        }
        using var check = Db();
        Assert.Equal(AccountRole.Hr, check.Accounts.Single(a => a.UserName == "boss2").Role);
        Assert.Equal(AccountRole.Admin, check.Accounts.Single(a => a.UserName == "admin").Role);
    }

    [Fact]
    public void An_administrator_links_their_own_工号_and_keeps_their_session()
    {
        Seed();
        using var db = Db();
        var me = db.Accounts.Single(a => a.UserName == "admin");
        var sessions = new SessionStore(db);
        var mine = sessions.Start(me, null, null);
        Assert.Equal(["关联员工"], new AccountStore(db).Edit("admin", "admin", new AccountChange(AccountRole.Admin, "E0002", null)));
        Assert.NotNull(sessions.Check(mine.Id));
        Assert.Equal("E0002（李强）", db.AuditEntries.AsNoTracking().Single(a => a.Action == "修改账号").NewValue);
    }

    [Fact]
    public void A_reset_without_a_password_generates_one_that_passes_the_policy_and_must_be_changed()
    {
        Seed();
        string generated;
        using (var db = Db())
        {
            var store = new AccountStore(db);
            Assert.Equal(AccountFields.Reason, Refused(() => store.ResetPassword("admin", "wang", null, " "), AccountFields.Reason).Field);
            Assert.Contains("常被泄露", Refused(() => store.ResetPassword("admin", "wang", "password", "遗忘密码"), AccountFields.Password).Message);
            generated = store.ResetPassword("admin", "wang", null, "遗忘密码", "10.0.0.9");
        }
        Assert.Matches("^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$", generated);
        Assert.Null(PasswordPolicy.Problem(generated, "wang", "王芳"));
        using var check = Db();
        var store2 = new AccountStore(check);
        Assert.Null(store2.Authenticate("wang", Pw));
        var signedIn = store2.SignIn("wang", generated, null);
        Assert.True(signedIn.Succeeded);
        Assert.True(signedIn.Account!.MustChangePassword);
        var entry = check.AuditEntries.AsNoTracking().Where(a => a.Action == "重置密码").OrderBy(a => a.Id).Last();
        Assert.Equal(("admin", "遗忘密码", "10.0.0.9"), (entry.Actor, entry.Reason, entry.Ip));
        Assert.DoesNotContain(check.AuditEntries.AsNoTracking().ToList().Select(a => $"{a.NewValue}|{a.OldValue}|{a.Reason}"), t => t.Contains(generated, StringComparison.Ordinal));
        // Many generated passwords are all different (no fixed or short-cycled generator).
        Assert.Equal(200, Enumerable.Range(0, 200).Select(_ => AccountStore.GeneratePassword()).Distinct().Count());
    }
}

public sealed class SqliteAccountEditTests() : AccountEditTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountEditTests() : AccountEditTests(DatabaseProvider.PostgreSql);
