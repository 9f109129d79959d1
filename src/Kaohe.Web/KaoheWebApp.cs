using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Demo;
using Kaohe.Data.Model;
using Kaohe.Web.Api;
using Kaohe.Web.Components;
using Kaohe.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using MudBlazor.Services;

namespace Kaohe.Web;

/// <summary>
/// The web application: Blazor (interactive server) with MudBlazor, cookie sign-in against server-side sessions, and
/// an HTTP API with an OpenAPI document at <c>/openapi/v1.json</c>.
/// Settings: <c>Kaohe:Db</c> (or <c>KAOHE_DB</c>; default SQLite in the data folder: <c>Kaohe:DataDir</c>, else the one the CLI uses,
/// <see cref="DataLocation"/>), <c>Kaohe:Demo</c> (create the
/// demo company on first run, default true), <c>Kaohe:AdminPassword</c> (the first administrator's password;
/// default a random one, written to a file only the server's user can read), <c>Kaohe:KeysDir</c> (the Data
/// Protection keys; default <c>keys</c> in the data folder), and the limits of <see cref="KaoheSettings"/>.
/// </summary>
public static class KaoheWebApp
{
    public static WebApplication Build(string[] args)
    {
        // The static files and manifests live beside the application, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // The workflow calls the database synchronously; with many raters saving at once the thread pool would
        // otherwise add threads one at a time while requests queue (bench/load).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128));
        // Serve the framework's and MudBlazor's files from the build output in every environment (`dotnet run`
        // starts in Production); a published app has them in its wwwroot and this finds nothing to add.
        builder.WebHost.UseStaticWebAssets();
        var settings = KaoheSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Per request the limit is set by WebGuards (uploads get this one, everything else a small one).
            k.Limits.MaxRequestBodySize = settings.MaxUploadBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = settings.MaxUploadBytes;
            o.ValueCountLimit = 200;
        });
        // Read when first needed, so that every configuration source (including a test host's) has been applied.
        builder.Services.AddSingleton(sp => KaoheDatabase.Open(
            sp.GetRequiredService<IConfiguration>()["Kaohe:Db"] ?? DataLocation.DatabaseFromEnvironment(), DataDirectory(sp.GetRequiredService<IConfiguration>())));
        builder.Services.AddScoped(sp => sp.GetRequiredService<KaoheDatabase>().CreateContext());
        builder.Services.AddScoped(sp => new CycleService(sp.GetRequiredService<KaoheDb>(), sp.GetService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new Kaohe.Web.Documents.PaperJobs(sp.GetRequiredService<KaoheDatabase>(),
            sp.GetRequiredService<ILogger<Kaohe.Web.Documents.PaperJobs>>(), sp.GetService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new SignInThrottle(settings, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ClientAddress>();
        builder.Services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Cookie and antiforgery keys live with the data, so sessions survive a restart and stay on this machine.
        var keys = builder.Configuration["Kaohe:KeysDir"] ?? Path.Combine(DataDirectory(builder.Configuration), "keys");
        builder.Services.AddDataProtection().SetApplicationName("Kaohe").PersistKeysToFileSystem(PrivateDirectory(keys));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOpenApi();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(SessionAuth.Configure);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var app = builder.Build();
        FirstRun(app);
        if (settings.TrustedProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in settings.TrustedProxies) forwarded.KnownProxies.Add(proxy);
            app.UseForwardedHeaders(forwarded);
        }
        WebGuards.Use(app, settings);
        // Unknown pages get the Chinese page; the API keeps its own answers.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after the status code pages, so a re-executed request finds the not-found page.
        app.UseRouting();
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        AuthApi.Map(app);
        CycleApi.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>The data folder: <c>Kaohe:DataDir</c>, else the CLI's (<see cref="DataLocation"/>: <c>KAOHE_DATA_DIR</c>, the repository's <c>data/</c> …).</summary>
    internal static DataLocation DataFolder(IConfiguration c, string? currentDirectory = null) =>
        DataLocation.Resolve(c["Kaohe:DataDir"], currentDirectory ?? Directory.GetCurrentDirectory());

    private static string DataDirectory(IConfiguration c) => DataFolder(c).Folder;

    /// <summary>The last line of a start: where to point the browser (nothing under a test server, which has no address).</summary>
    private static void Started(WebApplication app, ILogger log)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is { Count: > 0 }) log.LogInformation("已启动：{Urls}（按 Ctrl+C 停止）", string.Join(" ", addresses));
    }

    /// <summary>Reports each step as it happens (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    /// <summary>A folder only the server's user can enter (on Unix), created if needed.</summary>
    private static DirectoryInfo PrivateDirectory(string path)
    {
        var dir = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    /// <summary>Migrates the database; on first run creates the demo company and the first administrator.</summary>
    private static void FirstRun(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kaohe");
        var database = app.Services.GetRequiredService<KaoheDatabase>();
        var folder = DataFolder(app.Configuration);
        // Said at every start, so that whoever wonders why an import does not show sees which base each door opened.
        log.LogInformation("数据：{Database}（数据目录 {Folder}，{Why}）", database.Describe(), folder.Folder, folder.Why);
        log.LogInformation("正在准备数据库…");
        database.Migrate();
        app.Lifetime.ApplicationStarted.Register(() => Started(app, log));
        using var db = database.CreateContext();
        var passwordFile = folder.InitialAdminPasswordFile;
        if (db.Accounts.Any())
        {
            // The printed initial password is no longer valid once changed: do not leave it lying around.
            if (File.Exists(passwordFile) && !db.Accounts.Any(a => a.UserName == "admin" && a.MustChangePassword)) File.Delete(passwordFile);
            new SessionStore(db, app.Services.GetService<TimeProvider>()).Prune();
            return;
        }
        var demo = app.Configuration.GetValue("Kaohe:Demo", true) && !db.Units.Any();
        if (demo)
        {
            log.LogInformation("首次启动：正在创建演示公司…");
            var summary = DemoCompany.Create(database, new DemoOptions { LastMonth = DemoCompany.LastFullMonthBefore(DateOnly.FromDateTime(DateTime.Today)) },
                new Progress(step => log.LogInformation("  {Step}…", step)));
            log.LogInformation("正在逐月结账（冻结演示公司各月指标）…");
            DemoCompany.CloseAll(database, summary, "system");
        }
        var chosen = app.Configuration["Kaohe:AdminPassword"];
        var password = chosen ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        // A generated password is an initial one: it must be changed at first sign-in.
        new AccountStore(db, app.Services.GetService<TimeProvider>()).Create("system", new NewAccount("admin", "系统管理员", password, AccountRole.Admin, MustChangePassword: chosen is null));
        if (chosen is null)
        {
            // Never on the console or in a log: a file in the data folder only the server's user can read.
            Directory.CreateDirectory(Path.GetDirectoryName(passwordFile)!);
            File.WriteAllText(passwordFile, $"考核 Kaohe 初始管理员\n登录名：admin\n密码：{password}\n首次登录后须修改密码；修改后本文件自动删除。\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"Kaohe 已就绪：管理员登录名 admin，初始密码在 {passwordFile}（仅本机当前用户可读；首次登录后须修改）。");
        }
        else Console.WriteLine("Kaohe 已就绪：管理员登录名 admin，密码为 Kaohe:AdminPassword 所设。");
        if (demo)
        {
            var demoPassword = app.Configuration["Kaohe:DemoPassword"] ?? "kaohe-demo";
            var logins = DemoAccounts.Create(db, demoPassword);
            Console.WriteLine($"演示账号（密码均为 {demoPassword}，仅供试用）：" + string.Join("；", logins.Select(l => $"{l.UserName}（{l.DisplayName}{(l.EmployeeNo is null ? "" : " " + l.EmployeeNo)}，{l.RoleName}）")));
        }
    }
}
