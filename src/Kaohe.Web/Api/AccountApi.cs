using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Api;

/// <summary>An account as the administrator's list shows it (never the password hash).</summary>
public sealed record AccountRow(string UserName, string DisplayName, AccountRole Role, string RoleName, string? EmployeeNo, string? UnitCode, bool Disabled, DateTime CreatedAt,
    bool MustChangePassword = false, string? StaffName = null, string? UnitName = null);

/// <summary>Creating an account: the staff member by 工号 (raters, appraisees) and the covered unit by code (HR, viewers).</summary>
public sealed record CreateAccountRequest(string UserName, string DisplayName, string Password, AccountRole Role, string? EmployeeNo = null, string? UnitCode = null);

/// <summary>Disabling or enabling an account, with the reason for the audit trail.</summary>
public sealed record DisableRequest(bool Disabled, string Reason);

/// <summary>A new password set by the administrator, with the reason; without a password one is generated and returned once.</summary>
public sealed record ResetPasswordRequest(string? Password, string Reason);

/// <summary>The generated initial password, shown once to the administrator (never stored in the clear, never logged).</summary>
public sealed record ResetPasswordAnswer(string InitialPassword);

/// <summary>
/// The administrator's change of an account: role, staff member by 工号 and covered unit by code, with an optional
/// reason for the audit trail. A property left out (null) keeps its value; an empty 工号 or unit code removes the link
/// (no staff member; the whole company).
/// </summary>
public sealed record EditAccountRequest(AccountRole? Role, string? EmployeeNo, string? UnitCode, string? Reason = null);

/// <summary>The user's own password change.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>Accounts: the administrator manages them; everyone changes their own password.</summary>
public static class AccountApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("账号").AddEndpointFilter(FieldRefusals);
        accounts.MapGet("", (HttpContext h, KaoheDb db) => AccountService.List(CycleApi.ActorOf(h), db)).WithSummary("账号列表（系统管理员）");
        accounts.MapPost("", (CreateAccountRequest r, HttpContext h, KaoheDb db) => AccountService.Create(CycleApi.ActorOf(h), db, r)).WithSummary("创建账号（系统管理员）");
        accounts.MapPost("/{userName}/disabled", (string userName, DisableRequest r, HttpContext h, KaoheDb db) =>
        {
            AccountService.SetDisabled(CycleApi.ActorOf(h), db, userName, r.Disabled, r.Reason);
            return Results.NoContent();
        }).WithSummary("停用或启用账号（系统管理员；停用后其会话立即失效）");
        accounts.MapPost("/{userName}/password", (string userName, ResetPasswordRequest r, HttpContext h, KaoheDb db) =>
        {
            var password = AccountService.ResetPassword(CycleApi.ActorOf(h), db, userName, r.Password, r.Reason);
            return string.IsNullOrEmpty(r.Password) ? Results.Ok(new ResetPasswordAnswer(password)) : Results.NoContent();
        }).WithSummary("重置密码（系统管理员；不填密码则生成一个并只返回这一次；对方须在下次登录时修改，其会话立即失效）");
        accounts.MapPatch("/{userName}", (string userName, EditAccountRequest r, HttpContext h, KaoheDb db) =>
            AccountService.Edit(CycleApi.ActorOf(h), db, userName, r))
            .WithSummary("修改账号的角色、工号和管辖单位（系统管理员；有改动时其会话立即失效）");
    }

    /// <summary>A refusal about one input says which (<c>field</c>: role, employeeNo, unitCode, password, reason), so a client can show it there.</summary>
    private static async ValueTask<object?> FieldRefusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccountException e) when (e.Field is not null)
        {
            return Results.Problem(title: e.Message, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["field"] = e.Field });
        }
    }
}

/// <summary>What the account endpoints and the accounts page share.</summary>
public static class AccountService
{
    public static void Admin(Actor actor)
    {
        if (actor.Role != AccountRole.Admin) throw CycleException.Forbidden("只有系统管理员可以管理账号");
    }

    public static void SetDisabled(Actor actor, KaoheDb db, string userName, bool disabled, string? reason)
    {
        Admin(actor);
        if (AccountStore.Normalize(userName) == AccountStore.Normalize(actor.UserName)) throw new AccountException("不能停用或启用自己的账号");
        new AccountStore(db).SetDisabled(actor.UserName, userName, disabled, reason ?? "", actor.Ip);
    }

    /// <summary>Resets a password (the one given, or a generated one); returns the password now set.</summary>
    public static string ResetPassword(Actor actor, KaoheDb db, string userName, string? password, string? reason)
    {
        Admin(actor);
        return new AccountStore(db).ResetPassword(actor.UserName, userName, password, reason ?? "", actor.Ip);
    }

    /// <summary>Changes role, 工号 and unit; returns the account as the list shows it now.</summary>
    public static AccountRow Edit(Actor actor, KaoheDb db, string userName, EditAccountRequest r)
    {
        Admin(actor);
        ArgumentNullException.ThrowIfNull(r);
        var current = Rows(db, AccountStore.Normalize(userName)).SingleOrDefault()
                      ?? throw new AccountException($"没有登录名为“{AccountStore.CleanName(userName)}”的账号");
        new AccountStore(db).Edit(actor.UserName, userName,
            new AccountChange(r.Role ?? current.Role, r.EmployeeNo ?? current.EmployeeNo, r.UnitCode ?? current.UnitCode), actor.Ip, r.Reason);
        return Rows(db, AccountStore.Normalize(userName)).Single();
    }

    public static IReadOnlyList<AccountRow> List(Actor actor, KaoheDb db)
    {
        Admin(actor);
        return Rows(db, null);
    }

    private static List<AccountRow> Rows(KaoheDb db, string? normalized) =>
        [.. AccountList.Placed(db, normalized).Select(x => new AccountRow(x.Account.UserName, x.Account.DisplayName, x.Account.Role,
            AccountStore.RoleName(x.Account.Role), x.EmployeeNo, x.UnitCode, x.Account.Disabled, x.Account.CreatedAt,
            x.Account.MustChangePassword, x.StaffName, x.UnitName))];

    public static AccountRow Create(Actor actor, KaoheDb db, CreateAccountRequest r)
    {
        Admin(actor);
        if (!Enum.IsDefined(r.Role)) throw new AccountException("未知的角色", AccountFields.Role);
        int? staff = null, unit = null;
        if (!string.IsNullOrWhiteSpace(r.EmployeeNo))
            staff = db.Staff.AsNoTracking().Where(s => s.EmployeeNo == r.EmployeeNo.Trim()).Select(s => (int?)s.Id).SingleOrDefault()
                    ?? throw new AccountException($"没有工号为“{r.EmployeeNo.Trim()}”的员工", AccountFields.EmployeeNo);
        if (!string.IsNullOrWhiteSpace(r.UnitCode))
            unit = db.Units.AsNoTracking().Where(u => u.Code == r.UnitCode.Trim()).Select(u => (int?)u.Id).SingleOrDefault()
                   ?? throw new AccountException($"没有编码为“{r.UnitCode.Trim()}”的单位", AccountFields.UnitCode);
        // The administrator chose the password: the user must choose their own at first sign-in.
        var account = new AccountStore(db).Create(actor.UserName, new NewAccount(r.UserName, r.DisplayName, r.Password, r.Role, staff, unit, MustChangePassword: true), actor.Ip);
        return new AccountRow(account.UserName, account.DisplayName, account.Role, AccountStore.RoleName(account.Role),
            string.IsNullOrWhiteSpace(r.EmployeeNo) ? null : r.EmployeeNo.Trim(), string.IsNullOrWhiteSpace(r.UnitCode) ? null : r.UnitCode.Trim(), account.Disabled, account.CreatedAt);
    }
}
