using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Kaohe.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Kaohe.Web.Api;

/// <summary>Sign-in through the API.</summary>
public sealed record LoginRequest(string UserName, string Password);

/// <summary>The signed-in user as the API shows it.</summary>
/// <param name="MustChangePassword">The account has an initial password: only changing it (POST /api/me/password) is allowed.</param>
public sealed record Me(string UserName, string DisplayName, string Role, string RoleName, int? StaffId, int? UnitId, bool MustChangePassword)
{
    public static Me Of(Account a) => new(a.UserName, a.DisplayName, a.Role.ToString(), AccountStore.RoleName(a.Role), a.StaffId, a.UnitId, a.MustChangePassword);
}

/// <summary>Marks an endpoint a user with an initial password may still call (their own account, changing the password, logging out).</summary>
public sealed class AllowedWithInitialPassword
{
    public static AllowedWithInitialPassword Instance { get; } = new();
}

/// <summary>Signing in and out: the login page's form posts and the API.</summary>
public static class AuthApi
{
    public static void Map(WebApplication app)
    {
        // The login page's form (a plain form post with an antiforgery token).
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http) =>
        {
            var back = SessionAuth.LocalOrHome(returnUrl);
            var result = await SessionAuth.SignIn(http, userName, password);
            if (!result.Succeeded)
            {
                var code = result.Kind switch
                {
                    SignInRefusal.Locked => "locked",
                    SignInRefusal.Disabled => "disabled",
                    SignInRefusal.TooManyAttempts => "wait",
                    _ => "1",
                };
                return Results.Redirect("/login?error=" + code + (back == "/" ? "" : "&returnUrl=" + Uri.EscapeDataString(back)));
            }
            if (result.Account!.MustChangePassword) return Results.Redirect("/account/password?returnUrl=" + Uri.EscapeDataString(back));
            return Results.Redirect(back);
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await SessionAuth.SignOut(http);
            return Results.Redirect("/login");
        }).ExcludeFromDescription();

        app.MapPost("/api/auth/login", async (LoginRequest request, HttpContext http) =>
        {
            var result = await SessionAuth.SignIn(http, request.UserName, request.Password);
            if (result.Succeeded) return Results.Ok(Me.Of(result.Account!));
            var status = result.Kind == SignInRefusal.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
            return Results.Problem(title: result.Refusal, statusCode: status);
        }).DisableAntiforgery().WithTags("账号").WithSummary("登录（成功后返回会话 Cookie）");
    }

    /// <summary>The endpoints of the signed-in user's own account, in the API group.</summary>
    public static void MapOwn(RouteGroupBuilder api)
    {
        api.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await SessionAuth.SignOut(http);
            return Results.NoContent();
        }).WithTags("账号").WithSummary("退出登录（结束本会话）").WithMetadata(AllowedWithInitialPassword.Instance);

        api.MapGet("/me", (HttpContext h, KaoheDb db) =>
        {
            var me = CycleApi.ActorOf(h);
            return Me.Of(db.Accounts.Single(a => a.Id == me.AccountId));
        }).WithTags("账号").WithSummary("当前用户").WithMetadata(AllowedWithInitialPassword.Instance);

        api.MapPost("/me/password", (ChangePasswordRequest r, HttpContext h, KaoheDb db, KaoheSettings settings) =>
        {
            var me = CycleApi.ActorOf(h);
            new AccountStore(db, h.RequestServices.GetService<TimeProvider>(), settings.SignIn)
                .ChangeOwnPassword(me.UserName, r.CurrentPassword, r.NewPassword, me.SessionId, me.Ip);
            return Results.NoContent();
        }).WithTags("账号").WithSummary("修改自己的密码（其他会话随即失效）").WithMetadata(AllowedWithInitialPassword.Instance);
    }
}
