using System.Globalization;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Accounts;

/// <summary>A request that cannot be carried out, with a message for the user (in Chinese).</summary>
public sealed class AccountException(string message) : Exception(message);

/// <summary>What a new account needs.</summary>
public sealed record NewAccount(string UserName, string DisplayName, string Password, AccountRole Role, int? StaffId = null, int? UnitId = null);

/// <summary>
/// The accounts of Kaohe: creation with checks, sign-in, password changes and disabling. Every change is written
/// to the audit trail in the same transaction; passwords are stored only as salted hashes and never logged.
/// </summary>
public sealed class AccountStore(KaoheDb db, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Verified against when the user does not exist, so that a wrong name costs as long as a wrong password.
    private static readonly Lazy<string> Dummy = new(() => PasswordHashing.Hash("kaohe-no-such-user"));

    /// <summary>Words for the roles, as the UI shows them.</summary>
    public static string RoleName(AccountRole role) => role switch
    {
        AccountRole.Admin => "系统管理员",
        AccountRole.Hr => "考核管理员",
        AccountRole.Rater => "考核人",
        AccountRole.Appraisee => "被考核人",
        _ => "查看者",
    };

    /// <summary>Creates an account; <paramref name="actor"/> is the login name of whoever creates it.</summary>
    public Account Create(string actor, NewAccount request)
    {
        var name = (request.UserName ?? "").Trim();
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            throw new AccountException("登录名应为 2–64 个字母、数字或 . _ - @");
        var display = (request.DisplayName ?? "").Trim();
        if (display.Length is 0 or > 100) throw new AccountException("姓名不能为空，最多 100 个字");
        CheckPassword(request.Password);
        if (request.Role == AccountRole.Appraisee && request.StaffId is null)
            throw new AccountException("被考核人账号须关联员工（工号），才能只看到自己的结果");
        if (request.StaffId is { } staff && !db.Staff.Any(s => s.Id == staff)) throw new AccountException("关联的员工不存在");
        if (request.UnitId is { } unit && !db.Units.Any(u => u.Id == unit)) throw new AccountException("管辖的单位不存在");
        var normalized = Normalize(name);
        if (db.Accounts.Any(a => a.NormalizedUserName == normalized)) throw new AccountException($"登录名“{name}”已被使用");

        var account = new Account
        {
            UserName = name, NormalizedUserName = normalized, DisplayName = display, PasswordHash = PasswordHashing.Hash(request.Password),
            Role = request.Role, StaffId = request.StaffId, UnitId = request.UnitId, CreatedAt = Now(),
        };
        db.Accounts.Add(account);
        Audit(actor, "创建账号", name, "角色", null, RoleName(request.Role), null);
        Save();
        return account;
    }

    /// <summary>The account for a login name and password, or null (unknown name, wrong password, disabled).</summary>
    public Account? Authenticate(string userName, string password)
    {
        var normalized = Normalize((userName ?? "").Trim());
        var account = db.Accounts.AsNoTracking().SingleOrDefault(a => a.NormalizedUserName == normalized);
        if (account is null)
        {
            PasswordHashing.Verify(password ?? "", Dummy.Value);
            return null;
        }
        return PasswordHashing.Verify(password ?? "", account.PasswordHash) && !account.Disabled ? account : null;
    }

    /// <summary>Sets a new password (by the user or an administrator).</summary>
    public void ChangePassword(string actor, string userName, string newPassword, string? reason = null)
    {
        var account = Find(userName);
        CheckPassword(newPassword);
        account.PasswordHash = PasswordHashing.Hash(newPassword);
        Audit(actor, "修改密码", account.UserName, "密码", null, null, reason);
        Save();
    }

    /// <summary>Disables or enables an account; a disabled account cannot sign in.</summary>
    public void SetDisabled(string actor, string userName, bool disabled, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new AccountException("停用或启用账号须写明原因");
        var account = Find(userName);
        if (account.Disabled == disabled) return;
        Audit(actor, disabled ? "停用账号" : "启用账号", account.UserName, "状态", account.Disabled ? "停用" : "启用", disabled ? "停用" : "启用", reason);
        account.Disabled = disabled;
        Save();
    }

    private Account Find(string userName)
    {
        var normalized = Normalize((userName ?? "").Trim());
        return db.Accounts.SingleOrDefault(a => a.NormalizedUserName == normalized) ?? throw new AccountException($"没有登录名为“{userName}”的账号");
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrWhiteSpace(password) || password.Length is < 8 or > 128)
            throw new AccountException("密码应为 8–128 个字符");
        if (password.All(char.IsDigit)) throw new AccountException("密码不能全是数字");
    }

    private static string Normalize(string userName) => userName.ToUpperInvariant();

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private void Audit(string actor, string action, string key, string? field, string? oldValue, string? newValue, string? reason) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = Now(), Actor = actor, Action = action, Entity = "账号", EntityKey = key, Field = field,
            OldValue = oldValue, NewValue = newValue, Reason = reason,
        });

    private void Save()
    {
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (e.InnerException?.Message.Contains("NormalizedUserName", StringComparison.Ordinal) == true
                                          || e.InnerException?.Message.Contains("IX_accounts", StringComparison.Ordinal) == true)
        {
            // Two people creating the same name at once: the unique index decides.
            throw new AccountException("登录名已被使用");
        }
    }
}
