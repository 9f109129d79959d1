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
}
