using System.Globalization;
using System.Security.Claims;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kaohe.Web.Security;

/// <summary>
/// Sign-in, sign-out and the check of every request against the server-side session (<see cref="SessionStore"/>):
/// the cookie only names a session; a revoked or expired session, or a disabled account, is signed out at once.
/// </summary>
public static class SessionAuth
{
    /// <summary>The claim that holds the session id.</summary>
    public const string SessionClaim = "sid";

    /// <summary>The claim with the account's staff id (工号 record), present when the account is linked to one (我的历史 in the menu).</summary>
    public const string StaffClaim = "staff";

    /// <summary>The client's address as the audit trail records it.</summary>
    public static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    /// <summary>The acting user of the request (set when the session was checked), or null.</summary>
    public static Actor? ActorOf(HttpContext http) => http.Items[typeof(Actor)] as Actor;

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.LoginPath = "/login";
        o.AccessDeniedPath = "/denied";
        o.Cookie.Name = "kaohe";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        // Secure whenever the request is HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto).
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.SlidingExpiration = true;
        o.ExpireTimeSpan = TimeSpan.FromHours(12);
        o.Events.OnValidatePrincipal = Validate;
        // The API answers 401/403; only pages are redirected.
        o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            return WebGuards.Problem(context.HttpContext, status, status == 401 ? "请先登录" : "你没有权限执行此操作");
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task Validate(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var sid = context.Principal?.FindFirstValue(SessionClaim);
        var live = await new SessionStore(services.GetRequiredService<KaoheDb>(), services.GetService<TimeProvider>(),
            services.GetRequiredService<KaoheSettings>().Session).CheckAsync(sid, http.RequestAborted);
        if (live is null)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        http.Items[typeof(Actor)] = Actor.Of(live.Account, sid, Address(http));
        // A changed role or name takes effect without signing in again.
        var principal = context.Principal!;
        if (principal.FindFirstValue(ClaimTypes.Role) != live.Account.Role.ToString() || principal.Identity?.Name != live.Account.UserName
            || principal.FindFirstValue("display_name") != live.Account.DisplayName
            || principal.FindFirstValue(StaffClaim) != live.Account.StaffId?.ToString(CultureInfo.InvariantCulture))
        {
            context.ReplacePrincipal(Principal(live.Account, sid!));
            context.ShouldRenew = true;
        }
    }

    /// <summary>Checks name and password (with the per-address throttle and the account lockout) and starts a session.</summary>
    public static async Task<SignInResult> SignIn(HttpContext http, string? userName, string? password)
    {
        var services = http.RequestServices;
        var address = Address(http) ?? "unknown";
        var throttle = services.GetRequiredService<SignInThrottle>();
        if (throttle.Refusal(address) is { } wait) return new SignInResult(null, wait, SignInRefusal.TooManyAttempts);
        var settings = services.GetRequiredService<KaoheSettings>();
        var clock = services.GetService<TimeProvider>();
        var db = services.GetRequiredService<KaoheDb>();
        var result = new AccountStore(db, clock, settings.SignIn).SignIn(userName, password, address);
        if (result.Account is not { } account)
        {
            throttle.Failed(address);
            return result;
        }
        var session = new SessionStore(db, clock, settings.Session).Start(account, address, http.Request.Headers.UserAgent.ToString());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account, session.Id));
        return result;
    }

    /// <summary>Ends the request's session on the server and removes the cookie.</summary>
    public static async Task SignOut(HttpContext http)
    {
        var sid = http.User.FindFirstValue(SessionClaim);
        var db = http.RequestServices.GetRequiredService<KaoheDb>();
        new SessionStore(db, http.RequestServices.GetService<TimeProvider>()).Revoke(sid, "退出登录");
        if (ActorOf(http) is { } actor)
        {
            AuditLog.Add(db, (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime, actor.UserName,
                new AuditNote("退出登录", "账号", actor.UserName), Address(http));
            db.SaveChanges();
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static ClaimsPrincipal Principal(Account account, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new("display_name", account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(SessionClaim, sessionId),
        };
        if (account.StaffId is { } staff) claims.Add(new Claim(StaffClaim, staff.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>A return address that stays on this site (a path, not “//host” or “/\host”), else “/”.</summary>
    public static string LocalOrHome(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/') return "/";
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) return "/";
        if (url.Any(c => char.IsControl(c) || c == '\\')) return "/";
        return url;
    }
}
