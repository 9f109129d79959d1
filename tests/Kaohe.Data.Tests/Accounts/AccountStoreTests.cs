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

    [Fact]
    public void An_account_signs_in_with_its_password_ignoring_the_case_of_its_name_and_its_creation_is_audited()
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
            Assert.Null(store.Authenticate("wangfang", "rating-2027"));
            Assert.Null(store.Authenticate("nobody", "rating-2026"));
            var entry = db.AuditEntries.Single();
            Assert.Equal(("admin", "创建账号", "WangFang", "被考核人"), (entry.Actor, entry.Action, entry.EntityKey, entry.NewValue));
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
            Assert.Single(db.AuditEntries);
        }
    }

    [Fact]
    public void A_changed_password_and_a_disabled_account_take_effect_and_are_audited_with_their_reason()
    {
        Seed();
        using (var db = Db())
        {
            var store = new AccountStore(db);
            store.Create("admin", new NewAccount("rater1", "考核人甲", "first-password", AccountRole.Rater));
            store.ChangePassword("admin", "RATER1", "second-password", "遗忘密码");
            Assert.Null(store.Authenticate("rater1", "first-password"));
            Assert.NotNull(store.Authenticate("rater1", "second-password"));
            Assert.Throws<AccountException>(() => store.SetDisabled("admin", "rater1", true, " "));
            store.SetDisabled("admin", "rater1", true, "离职");
            Assert.Null(store.Authenticate("rater1", "second-password"));
            Assert.Contains("没有登录名", Assert.Throws<AccountException>(() => store.ChangePassword("admin", "nobody", "whatever-123")).Message);
        }
        using (var db = Db())
        {
            var trail = db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Reason + ":" + e.OldValue + "→" + e.NewValue).ToList();
            Assert.Equal(["创建账号::→考核人", "修改密码:遗忘密码:→", "停用账号:离职:启用→停用"], trail);
        }
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountStoreTests() : AccountStoreTests(DatabaseProvider.PostgreSql);
