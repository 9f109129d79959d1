namespace Kaohe.Data.Model;

/// <summary>What a user may do (issue 4). Data is further scoped by <see cref="Account.UnitId"/> and <see cref="Account.StaffId"/>.</summary>
public enum AccountRole
{
    /// <summary>系统管理员: everything, including accounts.</summary>
    Admin = 0,
    /// <summary>考核管理员 (HR): schemes, cycles, results, appeals and the audit trail of their units.</summary>
    Hr = 1,
    /// <summary>考核人 (rater): the forms assigned to them.</summary>
    Rater = 2,
    /// <summary>被考核人 (appraisee): their own results only.</summary>
    Appraisee = 3,
    /// <summary>查看者 (viewer): read-only results and metrics of their units.</summary>
    Viewer = 4,
}

/// <summary>A user of Kaohe: a login, a role and the part of the organisation it covers.</summary>
public sealed class Account
{
    public int Id { get; set; }
    /// <summary>Login name as typed at creation; unique ignoring case (see <see cref="NormalizedUserName"/>).</summary>
    public string UserName { get; set; } = "";
    /// <summary>Upper-case invariant form of the login name, with a unique index.</summary>
    public string NormalizedUserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>Salted PBKDF2 hash in the self-describing form of <see cref="Accounts.PasswordHashing"/>; never the password.</summary>
    public string PasswordHash { get; set; } = "";
    public AccountRole Role { get; set; }
    /// <summary>The staff member this user is (raters and appraisees), if any.</summary>
    public int? StaffId { get; set; }
    /// <summary>The unit whose subtree this user covers (HR, viewers); null = the whole company.</summary>
    public int? UnitId { get; set; }
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The password was set by someone else (creation, administrator's reset): the user must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Wrong passwords since the last successful sign-in (reset on success and when a lock ends).</summary>
    public int FailedSignIns { get; set; }
    /// <summary>Sign-in is refused until this moment (UTC) after too many wrong passwords.</summary>
    public DateTime? LockedUntil { get; set; }
}

/// <summary>
/// A signed-in session. The cookie carries only its id; every request and every page action checks that the session
/// exists, is not revoked or expired and that its account is enabled, so logging out, a password change, an
/// administrator's reset and disabling take effect at once on every browser and tab.
/// </summary>
public sealed class Session
{
    /// <summary>Random, unguessable (32 bytes, Base64url).</summary>
    public string Id { get; set; } = "";
    public int AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Last activity, written at most once a minute (the idle timeout counts from it).</summary>
    public DateTime LastSeenAt { get; set; }
    /// <summary>The session ends at this moment whatever the activity (absolute lifetime).</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>Why it ended: 退出登录, 修改密码, 管理员重置密码, 账号停用 ….</summary>
    public string? RevokedReason { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
}

/// <summary>
/// One change in the audit trail: who, when, what (entity, key, field), old → new, and why. Every change to a
/// score, grade, deduction or account is written here in the same transaction as the change itself.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Login name of the user who made the change ("system" for the application itself).</summary>
    public string Actor { get; set; } = "";
    /// <summary>What happened, e.g. 创建账号, 修改密码, 修改评分.</summary>
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
    /// <summary>The appraisal cycle the change belongs to, if any (to show a cycle's trail).</summary>
    public int? CycleId { get; set; }
    /// <summary>The org unit the change concerns, if any: HR scoped to a unit sees only entries of its units.</summary>
    public int? UnitId { get; set; }
    /// <summary>The address the request came from (sign-ins, web actions).</summary>
    public string? Ip { get; set; }
}
