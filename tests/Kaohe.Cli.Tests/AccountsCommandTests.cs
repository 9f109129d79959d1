using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Kaohe.Data.Tests;

namespace Kaohe.Cli.Tests;

/// <summary><c>kaohe accounts list</c> and <c>reset-password</c> on a temporary SQLite database.</summary>
public sealed class AccountsCommandTests : IDisposable
{
    private const string AdminPassword = "first-boss-2026";
    private readonly TestDatabase _db = TestDatabase.Create(DatabaseProvider.Sqlite);

    public AccountsCommandTests()
    {
        using var db = _db.Database.CreateContext();
        var store = new AccountStore(db);
        store.Create("system", new NewAccount("admin", "系统管理员", AdminPassword, AccountRole.Admin));
        store.Create("admin", new NewAccount("hr", "人力资源部", "hr-secret-2026", AccountRole.Hr));
        Assert.True(store.SignIn("admin", AdminPassword, "127.0.0.1").Succeeded);
    }

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", _db.Database.ConnectionString]);

    [Fact]
    public void List_ShowsEveryAccountWithRoleStateAndLastSignIn()
    {
        var list = Kaohe("accounts", "list");

        Assert.True(list.ExitCode == 0, list.Err);
        foreach (var head in new[] { "用户名", "姓名", "角色", "单位", "状态", "上次登录" }) Assert.Contains(head, list.Out);
        var admin = Assert.Single(list.Out.Split('\n'), l => l.Contains("admin", StringComparison.Ordinal) && l.Contains("系统管理员", StringComparison.Ordinal));
        Assert.Matches(@"20\d\d-\d\d-\d\d \d\d:\d\d", admin);       // signed in once
        var hr = Assert.Single(list.Out.Split('\n'), l => l.Contains("人力资源部", StringComparison.Ordinal));
        Assert.Contains("考核管理员", hr);
        Assert.Contains("正常", hr);
        Assert.Contains("—", hr);                                       // never signed in
        Assert.Contains("共 2 个账号", list.Out);
        Assert.Contains("数据库：SQLite ", list.Err);
    }

    [Fact]
    public void ResetPassword_Generated_PrintsItOnce_ItSignsIn_SessionsEnd_Audited()
    {
        string session;
        using (var db = _db.Database.CreateContext())
        {
            var admin = db.Accounts.Single(a => a.UserName == "admin");
            session = new SessionStore(db).Start(admin, "127.0.0.1", "test").Id;
        }

        var reset = Kaohe("accounts", "reset-password", "ADMIN");

        Assert.True(reset.ExitCode == 0, reset.Err);
        var line = Assert.Single(reset.Out.Split('\n'), l => l.StartsWith("新密码：", StringComparison.Ordinal));
        var password = line["新密码：".Length..].Trim();
        Assert.Matches("^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$", password);
        Assert.Contains("只显示这一次", reset.Out);
        Assert.Contains("下次登录时须修改", reset.Out);
        using (var db = _db.Database.CreateContext())
        {
            var store = new AccountStore(db);
            Assert.Null(store.Authenticate("admin", AdminPassword));
            var signedIn = store.SignIn("admin", password, "127.0.0.1");
            Assert.True(signedIn.Succeeded, signedIn.Refusal);
            Assert.True(signedIn.Account!.MustChangePassword);
            Assert.Null(new SessionStore(db).Check(session));
            var audit = db.AuditEntries.Single(e => e.Action == "重置密码");
            Assert.Equal("admin", audit.EntityKey);
            Assert.Equal(Environment.UserName, audit.Actor);
            Assert.Equal(Commands.AccountsCommand.DefaultReason, audit.Reason);
            Assert.DoesNotContain(password, audit.NewValue ?? "", StringComparison.Ordinal);
        }
        // Once: a second reset gives another password, and the first no longer works.
        var again = Kaohe("accounts", "reset-password", "admin", "--reason", "再次测试");
        Assert.DoesNotContain(password, again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ResetPassword_TypedOnStdin_IsSetAndNotPrinted()
    {
        var reset = CliFixture.RunWithStdin("Typed-Secret-2026\n",
            "accounts", "reset-password", "hr", "--password", "--reason", "忘记密码", "--db", _db.Database.ConnectionString);

        Assert.True(reset.ExitCode == 0, reset.Err);
        Assert.DoesNotContain("Typed-Secret-2026", reset.Out + reset.Err, StringComparison.Ordinal);
        using var db = _db.Database.CreateContext();
        Assert.NotNull(new AccountStore(db).Authenticate("hr", "Typed-Secret-2026"));
        Assert.Equal("忘记密码", db.AuditEntries.Single(e => e.Action == "重置密码").Reason);
    }

    [Fact]
    public void ResetPassword_UnknownUserOrWeakPassword_ExitTwoInChinese_NothingChanges()
    {
        var unknown = Kaohe("accounts", "reset-password", "nobody");
        Assert.Equal(KaoheCli.BadInput, unknown.ExitCode);
        Assert.Contains("没有登录名为“nobody”的账号", unknown.Err);

        var weak = CliFixture.RunWithStdin("123\n", "accounts", "reset-password", "hr", "--password", "--db", _db.Database.ConnectionString);
        Assert.Equal(KaoheCli.BadInput, weak.ExitCode);
        Assert.StartsWith("新密码不符合要求：", weak.ErrLines.Last(), StringComparison.Ordinal);

        using var db = _db.Database.CreateContext();
        Assert.NotNull(new AccountStore(db).Authenticate("hr", "hr-secret-2026"));
        Assert.False(db.AuditEntries.Any(e => e.Action == "重置密码"));
    }

    public void Dispose() => _db.Dispose();
}
