using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Accounts;

public class PasswordHashingTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_is_salted()
    {
        var a = PasswordHashing.Hash("考核2026-secret", iterations: 1000);
        var b = PasswordHashing.Hash("考核2026-secret", iterations: 1000);
        Assert.NotEqual(a, b); // a fresh salt each time
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", a, StringComparison.Ordinal);
        Assert.True(PasswordHashing.Verify("考核2026-secret", a));
        Assert.False(PasswordHashing.Verify("考核2026-Secret", a));
        Assert.False(PasswordHashing.Verify("", a));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("pbkdf2-sha256$1000$AAAA$")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void A_malformed_stored_hash_never_matches(string stored) =>
        Assert.False(PasswordHashing.Verify("plain-text-password", stored));

    [Fact]
    public void New_hashes_use_the_default_iterations() =>
        Assert.StartsWith($"pbkdf2-sha256${PasswordHashing.DefaultIterations}$", PasswordHashing.Hash("long enough"), StringComparison.Ordinal);
}

public abstract class AccountStoreTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private (int Unit, int Staff) Seed()
    {
        using var db = Db();
        var unit = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
        db.Units.Add(unit);
        db.SaveChanges();
        var staff = new Staff { EmployeeNo = "E0001", Name = "王芳", UnitId = unit.Id, Role = "客户经理" };
        db.Staff.Add(staff);
        db.SaveChanges();
        return (unit.Id, staff.Id);
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = T0;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_account_signs_in_with_its_password_ignoring_the_case_and_width_of_its_name_and_its_creation_is_audited()
    {
        var (unit, staff) = Seed();
        using (var db = Db())
            new AccountStore(db).Create("admin", new NewAccount("WangFang", "王芳", "rating-2026", AccountRole.Appraisee, staff, unit));
        using (var db = Db())
        {
            var store = new AccountStore(db);
            var signedIn = store.Authenticate(" wangfang ", "rating-2026");
            Assert.NotNull(signedIn);
            Assert.Equal(("WangFang", AccountRole.Appraisee, (int?)staff), (signedIn.UserName, signedIn.Role, signedIn.StaffId));
            // Full-width letters are the same name (NFKC), not a second account.
            Assert.NotNull(store.Authenticate("ｗａｎｇｆａｎｇ", "rating-2026"));
            Assert.Contains("已被使用", Assert.Throws<AccountException>(() =>
                store.Create("admin", new NewAccount("ＷａｎｇＦａｎｇ", "另一个", "another-2026", AccountRole.Viewer))).Message);
            Assert.Null(store.Authenticate("wangfang", "rating-2027"));
            Assert.Null(store.Authenticate("nobody", "rating-2026"));
            var entries = db.AuditEntries.OrderBy(e => e.Id).ToList();
            Assert.Equal(["角色:被考核人", "关联员工:E0001（王芳）", "管辖范围:HQ（公司）"], entries.Select(e => e.Field + ":" + e.NewValue));
            Assert.All(entries, e => Assert.Equal(("admin", "创建账号", "WangFang"), (e.Actor, e.Action, e.EntityKey)));
            Assert.DoesNotContain(db.AuditEntries.AsNoTracking().ToList(), e => (e.NewValue ?? "").Contains("rating", StringComparison.Ordinal));
            Assert.DoesNotContain("rating-2026", db.Accounts.Single().PasswordHash, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_requests_are_refused_with_a_reason_and_nothing_is_written()
    {
        var (unit, staff) = Seed();
        using (var db = Db())
        {
            var store = new AccountStore(db);
            store.Create("admin", new NewAccount("hr01", "人事", "hr-password", AccountRole.Hr, null, unit));
            void Refused(NewAccount request, string reason) =>
                Assert.Contains(reason, Assert.Throws<AccountException>(() => store.Create("admin", request)).Message);
            Refused(new NewAccount("HR01", "另一个", "another-password", AccountRole.Viewer), "已被使用");
            Refused(new NewAccount("x", "太短", "long-password", AccountRole.Viewer), "登录名");
            Refused(new NewAccount("bad name", "空格", "long-password", AccountRole.Viewer), "登录名");
            Refused(new NewAccount("short", "短密码", "1234567", AccountRole.Viewer), "8–128");
            Refused(new NewAccount("digits", "全数字", "12345678", AccountRole.Viewer), "全是数字");
            Refused(new NewAccount("nostaff", "无工号", "long-password", AccountRole.Appraisee), "关联员工");
            Refused(new NewAccount("ghost", "不存在", "long-password", AccountRole.Rater, staff + 1000), "员工不存在");
            Refused(new NewAccount("ghost2", "不存在", "long-password", AccountRole.Viewer, null, unit + 1000), "单位不存在");
        }
        using (var db = Db())
        {
            Assert.Equal(["hr01"], db.Accounts.Select(a => a.UserName).ToList());
            Assert.Equal(2, db.AuditEntries.Count()); // 角色 and 管辖范围 of hr01
        }
    }

    [Theory]
    [InlineData("aaaaaaaa", "4 个不同")]
    [InlineData("abababab", "4 个不同")]
    [InlineData("password", "常被泄露")]
    [InlineData("Password1", "常被泄露")]
    [InlineData("woaini1314", "常被泄露")]
    [InlineData("12345678a", "常被泄露")]
    [InlineData("abcdefgh", "连续")]
    [InlineData("qwertyuiop", "连续")]
    [InlineData("87654321x", null)]
    [InlineData("zhangwei2026", "登录名或姓名")]
    [InlineData("ＺＨＡＮＧＷＥＩ-2026", "登录名或姓名")]
    [InlineData("张伟的密码2026", "登录名或姓名")]
    [InlineData("月底考核-2026", null)]
    [InlineData("correct horse battery", null)]
    public void The_password_policy_refuses_guessable_passwords(string password, string? reason)
    {
        var problem = PasswordPolicy.Problem(password, "zhangwei", "张伟");
        if (reason is null) Assert.Null(problem);
        else Assert.Contains(reason, problem);
    }

    [Fact]
    public void Wrong_passwords_lock_the_account_for_a_while_and_every_attempt_is_audited_with_its_address()
    {
        Seed();
        var clock = new Clock();
        using (var db = Db()) new AccountStore(db).Create("admin", new NewAccount("rater1", "考核人甲", "first-password", AccountRole.Rater));
        using (var db = Db())
        {
            var store = new AccountStore(db, clock, new SignInPolicy(3, TimeSpan.FromMinutes(15)));
            Assert.Equal(SignInRefusal.WrongNameOrPassword, store.SignIn("rater1", "wrong-1", "10.0.0.9").Kind);
            Assert.Equal(SignInRefusal.WrongNameOrPassword, store.SignIn("rater1", "wrong-2", "10.0.0.9").Kind);
            var third = store.SignIn("rater1", "wrong-3", "10.0.0.9");
            Assert.Equal(SignInRefusal.Locked, third.Kind);
            Assert.Contains("锁定", third.Refusal);
            // Locked: even the right password is refused until the lock ends.
            Assert.Equal(SignInRefusal.Locked, store.SignIn("rater1", "first-password", "10.0.0.9").Kind);
            Assert.Null(store.Authenticate("rater1", "first-password"));
            clock.Now += TimeSpan.FromMinutes(16);
            Assert.True(store.SignIn("RATER1", "first-password", "10.0.0.10").Succeeded);
            Assert.Equal(SignInRefusal.WrongNameOrPassword, store.SignIn("nobody", "first-password", "10.0.0.11").Kind);
        }
        using (var db = Db())
        {
            var trail = db.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith("登录")).OrderBy(e => e.Id)
                .Select(e => e.Action + ":" + e.EntityKey + ":" + e.Ip).ToList();
            Assert.Equal(["登录失败:rater1:10.0.0.9", "登录失败:rater1:10.0.0.9", "登录失败:rater1:10.0.0.9", "登录失败:rater1:10.0.0.9",
                "登录:rater1:10.0.0.10", "登录失败:nobody:10.0.0.11"], trail);
            Assert.Contains(db.AuditEntries.AsNoTracking().ToList(), e => (e.Reason ?? "").Contains("连续 3 次", StringComparison.Ordinal));
            Assert.Equal(0, db.Accounts.Single().FailedSignIns);
        }
    }

    [Fact]
    public void A_changed_or_reset_password_and_a_disabled_account_end_every_session_and_are_audited_with_their_reason()
    {
        Seed();
        var clock = new Clock();
        using (var db = Db())
        {
            var store = new AccountStore(db, clock);
            store.Create("admin", new NewAccount("admin", "管理员", "boss-secret-2026", AccountRole.Admin));
            store.Create("admin", new NewAccount("rater1", "考核人甲", "first-password", AccountRole.Rater, MustChangePassword: true));
        }
        string keep, other;
        using (var db = Db())
        {
            var sessions = new SessionStore(db, clock);
            var account = db.Accounts.Single(a => a.UserName == "rater1");
            Assert.True(account.MustChangePassword);
            keep = sessions.Start(account, "10.0.0.1", "ua").Id;
            other = sessions.Start(account, "10.0.0.2", "ua").Id;
            Assert.NotNull(sessions.Check(keep));
            Assert.Equal(43, keep.Length); // 32 random bytes, Base64url
        }
        using (var db = Db())
        {
            var store = new AccountStore(db, clock);
            Assert.Contains("当前密码不正确", Assert.Throws<AccountException>(() => store.ChangeOwnPassword("rater1", "nope-nope", "second-password", keep)).Message);
            Assert.Contains("登录名或姓名", Assert.Throws<AccountException>(() => store.ChangeOwnPassword("rater1", "first-password", "rater1-2026", keep)).Message);
            store.ChangeOwnPassword("rater1", "first-password", "second-password", keep);
            var sessions = new SessionStore(db, clock);
            Assert.NotNull(sessions.Check(keep));
            Assert.Null(sessions.Check(other)); // the other browser is signed out
            Assert.False(db.Accounts.AsNoTracking().Single(a => a.UserName == "rater1").MustChangePassword);

            store.ResetPassword("admin", "RATER1", "third-password", "遗忘密码");
            Assert.Null(sessions.Check(keep));
            Assert.True(db.Accounts.AsNoTracking().Single(a => a.UserName == "rater1").MustChangePassword);
            Assert.Null(store.Authenticate("rater1", "second-password"));
            var again = sessions.Start(db.Accounts.AsNoTracking().Single(a => a.UserName == "rater1"), null, null).Id;
            Assert.Throws<AccountException>(() => store.SetDisabled("admin", "rater1", true, " "));
            store.SetDisabled("admin", "rater1", true, "离职");
            Assert.Null(sessions.Check(again));
            Assert.Null(store.Authenticate("rater1", "third-password"));
            Assert.Contains("没有登录名", Assert.Throws<AccountException>(() => store.ResetPassword("admin", "nobody", "whatever-123", "x")).Message);
            Assert.Contains("最后一个", Assert.Throws<AccountException>(() => store.SetDisabled("admin", "admin", true, "测试")).Message);
        }
        using (var db = Db())
        {
            var trail = db.AuditEntries.AsNoTracking().Where(e => e.EntityKey == "rater1" && e.Action != "创建账号").OrderBy(e => e.Id)
                .Select(e => e.Action + ":" + e.Reason + ":" + e.OldValue + "→" + e.NewValue).ToList();
            Assert.Equal(["修改密码失败:密码错误（连续第 1 次）:→", "修改密码:本人修改:→", "重置密码:遗忘密码:→", "停用账号:离职:启用→停用"], trail);
        }
    }

    [Fact]
    public void Sessions_end_when_idle_or_old_and_a_logout_ends_only_its_own()
    {
        Seed();
        var clock = new Clock();
        var policy = new SessionPolicy(TimeSpan.FromHours(2), TimeSpan.FromHours(12));
        using (var db = Db()) new AccountStore(db).Create("admin", new NewAccount("rater1", "考核人甲", "first-password", AccountRole.Rater));
        using var ctx = Db();
        var sessions = new SessionStore(ctx, clock, policy);
        var account = ctx.Accounts.Single();
        var a = sessions.Start(account, null, null).Id;
        var b = sessions.Start(account, null, null).Id;
        Assert.NotEqual(a, b);
        for (var h = 0; h < 11; h++)
        {
            clock.Now += TimeSpan.FromHours(1);
            Assert.NotNull(sessions.Check(a)); // active every hour
        }
        Assert.Null(sessions.Check(b)); // idle for 11 hours
        clock.Now += TimeSpan.FromHours(1);
        Assert.Null(sessions.Check(a)); // 12 hours after sign-in, however active
        var c = sessions.Start(account, null, null).Id;
        var d = sessions.Start(account, null, null).Id;
        sessions.Revoke(c, "退出登录");
        Assert.Null(sessions.Check(c));
        Assert.NotNull(sessions.Check(d));
        Assert.Null(sessions.Check("forged-session-id"));
        Assert.Null(sessions.Check(new string('x', 5000)));
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountStoreTests() : AccountStoreTests(DatabaseProvider.PostgreSql);
