using System.Globalization;
using System.CommandLine;
using Kaohe.Cli.IO;
using Kaohe.Data.Accounts;
using Spectre.Console;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe accounts list | reset-password</c>: whoever holds the database can see the accounts and set a new password,
/// the way back when the administrator's password is lost (the web app prints it only once). The same
/// <see cref="AccountStore.ResetPassword"/> as the web's 重置密码: audited, the account's sessions end, the user must choose
/// their own password at the next sign-in. The actor in the audit trail is the machine's user.
/// </summary>
internal static class AccountsCommand
{
    /// <summary>The reason written to the audit trail when none is given.</summary>
    public const string DefaultReason = "通过命令行 kaohe accounts reset-password 重置";

    public static Command Create(CliIO io)
    {
        var command = new Command("accounts", "账号：列出全部账号；重置某个账号的密码（忘记管理员密码时用）");
        command.Add(List(io));
        command.Add(Reset(io));
        return command;
    }

    private static Command List(CliIO io)
    {
        var db = DatabaseOption.Create();
        var command = new Command("list", "列出账号：用户名、姓名、角色、单位、状态、上次登录") { db };
        command.SetAction(parse =>
        {
            var database = DatabaseOption.Open(parse.GetValue(db));
            io.Err.WriteLine($"数据库：{database.Describe()}");
            using var ctx = database.CreateContext();
            var accounts = AccountList.All(ctx);
            if (accounts.Count == 0)
            {
                io.Out.WriteLine("还没有账号：首次启动网页端时会创建管理员 admin。");
                return KaoheCli.Ok;
            }
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var table = new Table().Border(TableBorder.Square);
            foreach (var h in new[] { "用户名", "姓名", "角色", "工号", "单位", "状态", "上次登录" }) table.AddColumn(h);
            foreach (var a in accounts)
                table.AddRow(Cells(a.UserName, a.DisplayName, AccountStore.RoleName(a.Role), a.EmployeeNo ?? "—", a.Unit ?? "全公司",
                    a.State(now), a.LastSignIn is { } at ? Beijing(at) : "—"));
            PlainConsole.Create(io.Out).Write(table);
            io.Out.WriteLine($"共 {accounts.Count} 个账号（上次登录为北京时间）。");
            return KaoheCli.Ok;
        });
        return command;
    }

    private static Command Reset(CliIO io)
    {
        var user = new Argument<string>("用户名") { Description = "要重置密码的账号的登录名" };
        var typed = new Option<bool>("--password")
        {
            Description = "自己输入新密码（从标准输入读一行；在终端中则提示输入两次、不回显）；不加则生成一个强密码并只显示这一次",
        };
        var reason = new Option<string?>("--reason") { Description = $"原因，记入审计（默认“{DefaultReason}”）" };
        var db = DatabaseOption.Create();
        var command = new Command("reset-password", "重置账号的密码：结束其全部登录会话，记入审计；下次登录须自行修改密码") { user, typed, reason, db };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(user) ?? "";
            var connection = parse.GetValue(db) ?? Kaohe.Data.DataLocation.DatabaseFromEnvironment();
            var database = DatabaseOption.Open(connection);
            io.Err.WriteLine($"数据库：{database.Describe()}");
            using var ctx = database.CreateContext();
            var password = parse.GetValue(typed) ? ReadPassword(io) : null;
            string set;
            try
            {
                set = new AccountStore(ctx).ResetPassword(Environment.UserName, name, password, parse.GetValue(reason) ?? DefaultReason);
            }
            catch (AccountException e)
            {
                throw new CliException(e.Field == AccountFields.Password ? "新密码不符合要求：" + e.Message : e.Message);
            }
            var account = AccountList.All(ctx).Single(a => string.Equals(AccountStore.Normalize(a.UserName), AccountStore.Normalize(name), StringComparison.Ordinal));
            io.Out.WriteLine($"已重置 {account.UserName}（{account.DisplayName}，{AccountStore.RoleName(account.Role)}）的密码。");
            if (password is null)
            {
                io.Out.WriteLine($"新密码：{set}");
                io.Out.WriteLine("此密码只显示这一次，请现在交给本人；它不会保存在任何地方。");
            }
            io.Out.WriteLine(account.MustChangePassword ? "下次登录时须修改为自己的密码。" : "下次登录即可使用。");
            io.Out.WriteLine("该账号的全部登录会话已结束；此次重置已记入审计。");
            // The web app's file of the first administrator's generated password now holds a password that no longer works.
            var stale = DatabaseOption.Folder().InitialAdminPasswordFile;
            if (connection is null && account.UserName == "admin" && File.Exists(stale))
            {
                File.Delete(stale);
                io.Out.WriteLine($"已删除不再有效的初始密码文件 {stale}。");
            }
            if (account.Disabled) io.Out.WriteLine("注意：该账号已停用，启用后才能登录（网页端「账号」页）。");
            return KaoheCli.Ok;
        });
        return command;
    }

    /// <summary>The new password: one line of standard input, or typed twice at the terminal without echo.</summary>
    private static string ReadPassword(CliIO io)
    {
        if (io.StdIn is not null || Console.IsInputRedirected)
        {
            using var reader = new StreamReader(io.OpenStdIn(), leaveOpen: io.StdIn is not null);
            var line = reader.ReadLine();
            if (string.IsNullOrEmpty(line)) throw new CliException("--password：标准输入中没有新密码（应为一行）");
            return line;
        }
        var first = Prompt(io, "新密码：");
        var second = Prompt(io, "再输入一次：");
        if (first != second) throw new CliException("两次输入的密码不一致，密码未改");
        if (first.Length == 0) throw new CliException("没有输入新密码，密码未改");
        return first;
    }

    private static string Prompt(CliIO io, string label)
    {
        io.Err.Write(label);
        io.Err.Flush();
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        io.Err.WriteLine();
        return text.ToString();
    }

    private static string Beijing(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Text[] Cells(params string[] cells) => [.. cells.Select(c => new Text(c))];
}
