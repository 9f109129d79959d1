using System.Text;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Accounts;

/// <summary>
/// A request that cannot be carried out, with a message for the user (in Chinese) and, when one input is at fault,
/// which (<see cref="AccountFields"/>), so the page can show the message at that field.
/// </summary>
public sealed class AccountException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input at fault (one of <see cref="AccountFields"/>), or null when the request as a whole is refused.</summary>
    public string? Field { get; } = field;
}

/// <summary>Names of the inputs an <see cref="AccountException"/> can point at (the API's JSON names).</summary>
public static class AccountFields
{
    public const string Role = "role";
    public const string EmployeeNo = "employeeNo";
    public const string UnitCode = "unitCode";
    public const string Password = "password";
    public const string Reason = "reason";
}

/// <summary>What the administrator changes on an existing account: role, the linked staff member by 工号 and the covered unit by code (empty = none / the whole company).</summary>
public sealed record AccountChange(AccountRole Role, string? EmployeeNo, string? UnitCode);

/// <summary>What a new account needs.</summary>
/// <param name="MustChangePassword">The password is an initial one someone else chose: the user must change it at first sign-in.</param>
public sealed record NewAccount(string UserName, string DisplayName, string Password, AccountRole Role, int? StaffId = null, int? UnitId = null,
    bool MustChangePassword = false);

/// <summary>How sign-in failures are limited: after <paramref name="MaxFailures"/> wrong passwords in a row the account is locked for <paramref name="Lock"/>.</summary>
public sealed record SignInPolicy(int MaxFailures, TimeSpan Lock)
{
    public static SignInPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}

/// <summary>Why a sign-in was refused.</summary>
public enum SignInRefusal
{
    None,
    WrongNameOrPassword,
    Locked,
    Disabled,
    /// <summary>Too many failures from the client's address (decided by the web application).</summary>
    TooManyAttempts,
}

/// <summary>The outcome of a sign-in: the account, or the reason shown to the user.</summary>
public sealed record SignInResult(Account? Account, string? Refusal, SignInRefusal Kind = SignInRefusal.None)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// The accounts of Kaohe: creation with checks, sign-in with lockout, password changes and disabling. Every change
/// and every sign-in (also failed ones) is written to the audit trail; passwords are stored only as salted hashes
/// and never logged. Login names are compared after Unicode NFKC normalisation and case folding, so a full-width
/// ａｄｍｉｎ is admin.
/// </summary>
public sealed class AccountStore(KaoheDb db, TimeProvider? clock = null, SignInPolicy? signIn = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SignInPolicy _signIn = signIn ?? SignInPolicy.Default;

    // Verified against when the user does not exist, so that a wrong name costs as long as a wrong password.
    private static readonly Lazy<string> Dummy = new(() => PasswordHashing.Hash("kaohe-no-such-user"));

    /// <summary>The message for a wrong name or password (the same for both, so names cannot be probed).</summary>
    public const string WrongNameOrPassword = "登录名或密码不正确";

    /// <summary>Words for the roles, as the UI shows them.</summary>
    public static string RoleName(AccountRole role) => role switch
    {
        AccountRole.Admin => "系统管理员",
        AccountRole.Hr => "考核管理员",
        AccountRole.Rater => "考核人",
        AccountRole.Appraisee => "被考核人",
        _ => "查看者",
    };

    /// <summary>A login name as stored: trimmed and NFKC-normalised (full-width letters become ASCII).</summary>
    public static string CleanName(string? userName) => (userName ?? "").Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>The key names are unique by: <see cref="CleanName"/> in upper case.</summary>
    public static string Normalize(string? userName) => CleanName(userName).ToUpperInvariant();

    /// <summary>Creates an account; <paramref name="actor"/> is the login name of whoever creates it.</summary>
    public Account Create(string actor, NewAccount request, string? ip = null)
    {
        var name = CleanName(request.UserName);
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            throw new AccountException("登录名应为 2–64 个字母、数字或 . _ - @");
        var display = (request.DisplayName ?? "").Trim();
        if (display.Length is 0 or > 100 || display.Any(char.IsControl)) throw new AccountException("姓名不能为空，最多 100 个字");
        if (PasswordPolicy.Problem(request.Password, name, display) is { } weak) throw new AccountException(weak);
        if (!Enum.IsDefined(request.Role)) throw new AccountException("未知的角色");
        if (request.Role == AccountRole.Appraisee && request.StaffId is null)
            throw new AccountException("被考核人账号须关联员工（工号），才能只看到自己的结果");
        string? employeeNo = null, unitCode = null;
        if (request.StaffId is { } staff)
        {
            var s = db.Staff.AsNoTracking().Where(x => x.Id == staff).Select(x => new { x.EmployeeNo, x.Name }).SingleOrDefault()
                    ?? throw new AccountException("关联的员工不存在");
            employeeNo = $"{s.EmployeeNo}（{s.Name}）";
        }
        if (request.UnitId is { } unit)
        {
            var u = db.Units.AsNoTracking().Where(x => x.Id == unit).Select(x => new { x.Code, x.Name }).SingleOrDefault()
                    ?? throw new AccountException("管辖的单位不存在");
            unitCode = $"{u.Code}（{u.Name}）";
        }
        var normalized = Normalize(name);
        if (db.Accounts.Any(a => a.NormalizedUserName == normalized)) throw new AccountException($"登录名“{name}”已被使用");

        var account = new Account
        {
            UserName = name, NormalizedUserName = normalized, DisplayName = display, PasswordHash = PasswordHashing.Hash(request.Password),
            Role = request.Role, StaffId = request.StaffId, UnitId = request.UnitId, CreatedAt = Now(),
            MustChangePassword = request.MustChangePassword,
        };
        db.Accounts.Add(account);
        Audit(actor, "创建账号", name, "角色", null, RoleName(request.Role), null, ip, request.UnitId);
        if (employeeNo is not null) Audit(actor, "创建账号", name, "关联员工", null, employeeNo, null, ip, request.UnitId);
        Audit(actor, "创建账号", name, "管辖范围", null, unitCode ?? "全公司", null, ip, request.UnitId);
        Save();
        return account;
    }

    /// <summary>The account for a login name and password, or null (unknown name, wrong password, disabled, locked). Records nothing.</summary>
    public Account? Authenticate(string userName, string password)
    {
        var account = db.Accounts.AsNoTracking().SingleOrDefault(a => a.NormalizedUserName == Normalize(userName));
        if (account is null)
        {
            PasswordHashing.Verify(password ?? "", Dummy.Value);
            return null;
        }
        return PasswordHashing.Verify(password ?? "", account.PasswordHash) && !account.Disabled && !IsLocked(account) ? account : null;
    }

    /// <summary>
    /// Signs in: checks the password, counts failures (locking the account for a while after
    /// <see cref="SignInPolicy.MaxFailures"/> in a row) and records the attempt in the audit trail.
    /// </summary>
    public SignInResult SignIn(string? userName, string? password, string? ip)
    {
        var typed = AuditLog.Cut(CleanName(userName), 64)!;
        var normalized = Normalize(userName);
        var account = normalized.Length == 0 ? null : db.Accounts.SingleOrDefault(a => a.NormalizedUserName == normalized);
        if (account is null)
        {
            PasswordHashing.Verify(password ?? "", Dummy.Value);
            Audit(typed.Length == 0 ? "（空）" : typed, "登录失败", typed, null, null, null, "登录名不存在", ip);
            Save();
            return new SignInResult(null, WrongNameOrPassword, SignInRefusal.WrongNameOrPassword);
        }
        if (IsLocked(account))
        {
            Audit(account.UserName, "登录失败", account.UserName, null, null, null, $"账号锁定中（至 {Local(account.LockedUntil)}）", ip);
            Save();
            return new SignInResult(null, LockedMessage(account), SignInRefusal.Locked);
        }
        if (!PasswordHashing.Verify(password ?? "", account.PasswordHash))
        {
            var refusal = Fail(account, ip);
            Save();
            return new SignInResult(null, refusal, IsLocked(account) ? SignInRefusal.Locked : SignInRefusal.WrongNameOrPassword);
        }
        if (account.Disabled)
        {
            Audit(account.UserName, "登录失败", account.UserName, null, null, null, "账号已停用", ip);
            Save();
            return new SignInResult(null, "账号已停用，请联系系统管理员", SignInRefusal.Disabled);
        }
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        Audit(account.UserName, "登录", account.UserName, null, null, null, null, ip);
        Save();
        return new SignInResult(account, null);
    }

    /// <summary>The user's own password change: the current password is checked (failures count like sign-ins), the other sessions end.</summary>
    public void ChangeOwnPassword(string userName, string? current, string newPassword, string? keepSession, string? ip = null)
    {
        var account = Find(userName);
        if (IsLocked(account)) throw new AccountException(LockedMessage(account));
        if (!PasswordHashing.Verify(current ?? "", account.PasswordHash))
        {
            var refusal = Fail(account, ip, "修改密码失败");
            Save();
            throw new AccountException(refusal == WrongNameOrPassword ? "当前密码不正确" : refusal);
        }
        if (current == newPassword) throw new AccountException("新密码不能与当前密码相同");
        SetPassword(account, newPassword, mustChange: false);
        Audit(account.UserName, "修改密码", account.UserName, "密码", null, null, "本人修改", ip);
        new SessionStore(db, _clock).RevokeAll(account.Id, "修改密码", keepSession);
        Save();
    }

    /// <summary>
    /// An administrator sets a new password: the one typed (it must pass <see cref="PasswordPolicy"/>), or, when none is
    /// typed, a generated one that is returned to be shown once and never stored in the clear. The user must change it at
    /// next sign-in (unless it is the administrator's own account); every session of the account ends.
    /// </summary>
    /// <returns>The password now set (the generated one, or the one typed).</returns>
    public string ResetPassword(string actor, string userName, string? newPassword, string reason, string? ip = null)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new AccountException("重置密码须写明原因", AccountFields.Reason);
        var account = Find(userName);
        var password = string.IsNullOrEmpty(newPassword) ? GeneratePassword(account.UserName, account.DisplayName) : newPassword;
        SetPassword(account, password, mustChange: !string.Equals(Normalize(actor), account.NormalizedUserName, StringComparison.Ordinal));
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        Audit(actor, "重置密码", account.UserName, "密码", null, null, reason.Trim(), ip, account.UnitId);
        new SessionStore(db, _clock).RevokeAll(account.Id, "管理员重置密码");
        Save();
        return password;
    }

    // Letters and digits that cannot be mistaken for one another when read aloud or copied by hand (no 0/O, 1/l/I).
    private const string Readable = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random initial password of 12 readable characters in three groups (about 69 bits) that passes the policy.</summary>
    public static string GeneratePassword(string? userName = null, string? displayName = null)
    {
        while (true)
        {
            var c = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Readable, 12);
            var password = $"{new string(c, 0, 4)}-{new string(c, 4, 4)}-{new string(c, 8, 4)}";
            if (PasswordPolicy.Problem(password, userName, displayName) is null) return password;
        }
    }

    /// <summary>
    /// The administrator changes an account's role, linked staff member (工号) and covered unit. Refused, naming the
    /// input at fault: an unknown 工号 or unit, an appraisee without a staff member, an administrator changing their
    /// own role, or the last enabled administrator losing the role. Every changed field is audited (before → after);
    /// when anything changed, the account's sessions end at once, so rights it no longer has end with them.
    /// </summary>
    /// <returns>The fields that changed (empty when nothing did).</returns>
    public IReadOnlyList<string> Edit(string actor, string userName, AccountChange change, string? ip = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        var account = Find(userName);
        if (!Enum.IsDefined(change.Role)) throw new AccountException("未知的角色", AccountFields.Role);
        int? staffId = null, unitId = null;
        if (!string.IsNullOrWhiteSpace(change.EmployeeNo))
        {
            var no = change.EmployeeNo.Normalize(NormalizationForm.FormKC).Trim();
            staffId = db.Staff.AsNoTracking().Where(s => s.EmployeeNo == no).Select(s => (int?)s.Id).SingleOrDefault()
                      ?? throw new AccountException($"没有工号为“{no}”的员工", AccountFields.EmployeeNo);
        }
        if (!string.IsNullOrWhiteSpace(change.UnitCode))
        {
            var code = change.UnitCode.Normalize(NormalizationForm.FormKC).Trim();
            unitId = db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (int?)u.Id).SingleOrDefault()
                     ?? throw new AccountException($"没有编码为“{code}”的单位", AccountFields.UnitCode);
        }
        if (change.Role == AccountRole.Appraisee && staffId is null)
            throw new AccountException("被考核人账号须关联员工（工号），才能只看到自己的结果", AccountFields.EmployeeNo);
        var self = string.Equals(Normalize(actor), account.NormalizedUserName, StringComparison.Ordinal);
        if (self && change.Role != account.Role)
            throw new AccountException("不能更改自己的角色：请另一位系统管理员操作", AccountFields.Role);
        if (account.Role == AccountRole.Admin && change.Role != AccountRole.Admin
            && !db.Accounts.Any(a => a.Id != account.Id && a.Role == AccountRole.Admin && !a.Disabled))
            throw new AccountException("这是最后一个可用的系统管理员账号，不能改为其他角色：请先为另一人建系统管理员账号", AccountFields.Role);

        var changed = new List<string>();
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (change.Role != account.Role)
        {
            Audit(actor, "修改账号", account.UserName, "角色", RoleName(account.Role), RoleName(change.Role), why, ip, unitId ?? account.UnitId);
            account.Role = change.Role;
            changed.Add("角色");
        }
        if (staffId != account.StaffId)
        {
            Audit(actor, "修改账号", account.UserName, "关联员工", StaffText(account.StaffId), StaffText(staffId), why, ip, unitId ?? account.UnitId);
            account.StaffId = staffId;
            changed.Add("关联员工");
        }
        if (unitId != account.UnitId)
        {
            Audit(actor, "修改账号", account.UserName, "管辖范围", UnitText(account.UnitId), UnitText(unitId), why, ip, unitId ?? account.UnitId);
            account.UnitId = unitId;
            changed.Add("管辖范围");
        }
        if (changed.Count == 0) return changed;
        // Ending the account's sessions ends the old rights at once, on every browser and API client. An administrator
        // editing their own 工号 or unit (their role cannot change) keeps theirs: their rights do not narrow.
        if (!self) new SessionStore(db, _clock).RevokeAll(account.Id, "账号权限变更：" + string.Join("、", changed));
        Save();
        return changed;
    }

    private string StaffText(int? id) => id is not { } i ? "（无）"
        : db.Staff.AsNoTracking().Where(s => s.Id == i).Select(s => s.EmployeeNo + "（" + s.Name + "）").SingleOrDefault() ?? "（已删除）";

    private string UnitText(int? id) => id is not { } i ? "全公司"
        : db.Units.AsNoTracking().Where(u => u.Id == i).Select(u => u.Code + "（" + u.Name + "）").SingleOrDefault() ?? "（已删除）";

    /// <summary>Disables or enables an account; a disabled account cannot sign in and its sessions end at once. The last enabled administrator cannot be disabled.</summary>
    public void SetDisabled(string actor, string userName, bool disabled, string reason, string? ip = null)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new AccountException("停用或启用账号须写明原因", AccountFields.Reason);
        var account = Find(userName);
        if (account.Disabled == disabled) return;
        if (disabled && account.Role == AccountRole.Admin && !db.Accounts.Any(a => a.Id != account.Id && a.Role == AccountRole.Admin && !a.Disabled))
            throw new AccountException("这是最后一个可用的系统管理员账号，不能停用：请先为另一人建系统管理员账号");
        Audit(actor, disabled ? "停用账号" : "启用账号", account.UserName, "状态", account.Disabled ? "停用" : "启用", disabled ? "停用" : "启用", reason.Trim(), ip, account.UnitId);
        account.Disabled = disabled;
        if (disabled) new SessionStore(db, _clock).RevokeAll(account.Id, "账号停用");
        Save();
    }

    private void SetPassword(Account account, string newPassword, bool mustChange)
    {
        if (PasswordPolicy.Problem(newPassword, account.UserName, account.DisplayName) is { } weak) throw new AccountException(weak, AccountFields.Password);
        account.PasswordHash = PasswordHashing.Hash(newPassword);
        account.MustChangePassword = mustChange;
    }

    /// <summary>Counts a wrong password; returns the message for the user.</summary>
    private string Fail(Account account, string? ip, string action = "登录失败")
    {
        account.FailedSignIns++;
        if (account.FailedSignIns >= _signIn.MaxFailures)
        {
            account.LockedUntil = Now() + _signIn.Lock;
            account.FailedSignIns = 0;
            Audit(account.UserName, action, account.UserName, null, null, null,
                $"密码错误，连续 {_signIn.MaxFailures} 次：账号锁定至 {Local(account.LockedUntil)}", ip);
            return LockedMessage(account);
        }
        Audit(account.UserName, action, account.UserName, null, null, null, $"密码错误（连续第 {account.FailedSignIns} 次）", ip);
        return WrongNameOrPassword;
    }

    private bool IsLocked(Account account) => account.LockedUntil is { } until && Now() < until;

    private string LockedMessage(Account account) =>
        $"密码连续错误次数过多，账号已暂时锁定，请于 {Local(account.LockedUntil)} 之后再试，或请系统管理员重置密码";

    private Account Find(string userName) =>
        db.Accounts.SingleOrDefault(a => a.NormalizedUserName == Normalize(userName)) ?? throw new AccountException($"没有登录名为“{CleanName(userName)}”的账号");

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private static string Local(DateTime? utc) => utc is { } u ? u.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "（北京时间）" : "";

    private void Audit(string actor, string action, string key, string? field, string? oldValue, string? newValue, string? reason, string? ip, int? unitId = null) =>
        AuditLog.Add(db, Now(), actor, new AuditNote(action, "账号", key, field, oldValue, newValue, reason, UnitId: unitId), ip);

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
            db.ChangeTracker.Clear();
            throw new AccountException("登录名已被使用");
        }
    }
}
