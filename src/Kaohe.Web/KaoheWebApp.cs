using System.Security.Claims;
using System.Security.Cryptography;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Web.Api;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Kaohe.Data.Demo;
using Kaohe.Data.Model;
using Kaohe.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Kaohe.Web;

/// <summary>
/// The web application: Blazor (interactive server) with MudBlazor, cookie sign-in against the accounts of the
/// customer base, and an HTTP API with an OpenAPI document at <c>/openapi/v1.json</c>.
/// Settings: <c>Kaohe:Db</c> (or <c>KAOHE_DB</c>; default SQLite in the data folder), <c>Kaohe:Demo</c> (create the
/// demo company on first run, default true), <c>Kaohe:AdminPassword</c> (the first administrator's password;
/// default a random one, printed), <c>Kaohe:KeysDir</c> (the Data Protection keys; default <c>keys</c> in the data folder).
/// </summary>
public static class KaoheWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The workflow calls the database synchronously; with many raters saving at once the thread pool would
        // otherwise add threads one at a time while requests queue (bench/load).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128));
        // Serve the framework's and MudBlazor's files from the build output in every environment (`dotnet run`
        // starts in Production); a published app has them in its wwwroot and this finds nothing to add.
        builder.WebHost.UseStaticWebAssets();
        // Read when first needed, so that every configuration source (including a test host's) has been applied.
        builder.Services.AddSingleton(sp => KaoheDatabase.Open(
            sp.GetRequiredService<IConfiguration>()["Kaohe:Db"] ?? Environment.GetEnvironmentVariable("KAOHE_DB")));
        builder.Services.AddScoped(sp => sp.GetRequiredService<KaoheDatabase>().CreateContext());
        builder.Services.AddScoped(sp => new CycleService(sp.GetRequiredService<KaoheDb>(), sp.GetService<TimeProvider>()));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Cookie and antiforgery keys live with the data, so sessions survive a restart and stay on this machine.
        var keys = builder.Configuration["Kaohe:KeysDir"] ?? Path.Combine(KaoheDatabase.DefaultDataDirectory, "keys");
        builder.Services.AddDataProtection().SetApplicationName("Kaohe").PersistKeysToFileSystem(Directory.CreateDirectory(keys));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOpenApi();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "kaohe";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403; only pages are redirected to the login page.
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
        });

        var app = builder.Build();
        FirstRun(app);
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        MapAccountEndpoints(app);
        CycleApi.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Migrates the database; on first run creates the demo company and the first administrator.</summary>
    private static void FirstRun(WebApplication app)
    {
        var database = app.Services.GetRequiredService<KaoheDatabase>();
        database.Migrate();
        using var db = database.CreateContext();
        if (db.Accounts.Any()) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kaohe");
        var demo = app.Configuration.GetValue("Kaohe:Demo", true) && !db.Units.Any();
        if (demo)
        {
            log.LogInformation("首次启动：正在创建演示公司并逐月结账（约一分钟）…");
            var summary = DemoCompany.Create(database, new DemoOptions { LastMonth = DemoCompany.LastFullMonthBefore(DateOnly.FromDateTime(DateTime.Today)) });
            DemoCompany.CloseAll(database, summary, "system");
        }
        var password = app.Configuration["Kaohe:AdminPassword"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        new AccountStore(db).Create("system", new NewAccount("admin", "系统管理员", password, AccountRole.Admin));
        // Printed once, on the console of whoever started the app; not logged to files.
        Console.WriteLine($"Kaohe 已就绪：用登录名 admin、密码 {password} 登录（登录后请修改密码）。");
        if (demo)
        {
            var demoPassword = app.Configuration["Kaohe:DemoPassword"] ?? "kaohe-demo";
            var logins = DemoAccounts.Create(db, demoPassword);
            Console.WriteLine($"演示账号（密码均为 {demoPassword}）：" + string.Join("；", logins.Select(l => $"{l.UserName}（{l.DisplayName}{(l.EmployeeNo is null ? "" : " " + l.EmployeeNo)}，{l.RoleName}）")));
        }
    }

    private static void MapAccountEndpoints(WebApplication app)
    {
        // The login form of the login page (a plain form post with an antiforgery token).
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, KaoheDb db) =>
        {
            if (await SignIn(http, db, userName, password) is null)
                return Results.LocalRedirect("/login?error=1" + (IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""));
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();

        var api = app.MapGroup("/api").WithTags("账号");
        api.MapPost("/auth/login", async (LoginRequest request, HttpContext http, KaoheDb db) =>
        {
            var account = await SignIn(http, db, request.UserName, request.Password);
            return account is null
                ? Results.Problem(title: "登录名或密码不正确", statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok(Me.Of(account));
        }).DisableAntiforgery().WithSummary("登录（成功后返回会话 Cookie）");

        api.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.NoContent();
        }).RequireAuthorization().WithSummary("退出登录");

        api.MapGet("/me", (ClaimsPrincipal user, KaoheDb db) =>
        {
            var id = int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
            var account = db.Accounts.AsNoTracking().SingleOrDefault(a => a.Id == id && !a.Disabled);
            return account is null ? Results.Unauthorized() : Results.Ok(Me.Of(account));
        }).RequireAuthorization().WithSummary("当前用户");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>Checks the name and password and, when they match an enabled account, starts its session.</summary>
    private static async Task<Account?> SignIn(HttpContext http, KaoheDb db, string? userName, string? password)
    {
        var account = new AccountStore(db).Authenticate(userName ?? "", password ?? "");
        if (account is not null) await http.SignInAsync(Principal(account));
        return account;
    }

    private static ClaimsPrincipal Principal(Account account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new("display_name", account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>Sign-in through the API.</summary>
public sealed record LoginRequest(string UserName, string Password);

/// <summary>The signed-in user as the API shows it.</summary>
public sealed record Me(string UserName, string DisplayName, string Role, string RoleName, int? StaffId, int? UnitId)
{
    public static Me Of(Account a) => new(a.UserName, a.DisplayName, a.Role.ToString(), AccountStore.RoleName(a.Role), a.StaffId, a.UnitId);
}
