using Kaohe.Data.Accounts;

namespace Kaohe.Web.Security;

/// <summary>
/// The limits and security settings of the web application, read once from configuration (appsettings.json,
/// environment variables <c>Kaohe__…</c>, command line). docs/SECURITY.md lists them.
/// </summary>
public sealed class KaoheSettings
{
    /// <summary>The largest upload (imports), in bytes: <c>Kaohe:MaxUploadMB</c>, default 200. Kestrel's limit for the upload endpoints is the same number.</summary>
    public long MaxUploadBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>The largest body of any other request (JSON, forms): 2 MB.</summary>
    public long MaxBodyBytes { get; init; } = 2L * 1024 * 1024;

    /// <summary>Sessions: <c>Kaohe:SessionIdleMinutes</c> (default 120) and <c>Kaohe:SessionHours</c> (default 12).</summary>
    public SessionPolicy Session { get; init; } = SessionPolicy.Default;

    /// <summary>Lockout: <c>Kaohe:LockoutFailures</c> (default 5) wrong passwords in a row lock the account for <c>Kaohe:LockoutMinutes</c> (default 15).</summary>
    public SignInPolicy SignIn { get; init; } = SignInPolicy.Default;

    /// <summary>Failed sign-ins from one address within 10 minutes before that address must wait: <c>Kaohe:SignInFailuresPerAddress</c>, default 20.</summary>
    public int SignInFailuresPerAddress { get; init; } = 20;

    /// <summary>
    /// Origins besides the request's own that may send state-changing requests: <c>Kaohe:PublicOrigin</c> (e.g.
    /// <c>https://kaohe.example.com</c>, several separated by commas), for a reverse proxy that rewrites the Host.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Reverse proxies whose X-Forwarded-For/-Proto are trusted: <c>Kaohe:TrustedProxies</c> (IP addresses, comma-separated).</summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>The longest a quick scoring request may compute before it is stopped: 2 minutes.</summary>
    public TimeSpan ScoreTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static KaoheSettings From(IConfiguration c)
    {
        var upload = c.GetValue("Kaohe:MaxUploadMB", 200);
        if (upload is < 1 or > 2048) throw new InvalidOperationException("Kaohe:MaxUploadMB 应在 1–2048 之间");
        var idle = c.GetValue("Kaohe:SessionIdleMinutes", 120);
        var hours = c.GetValue("Kaohe:SessionHours", 12);
        var failures = c.GetValue("Kaohe:LockoutFailures", 5);
        var lockMinutes = c.GetValue("Kaohe:LockoutMinutes", 15);
        if (idle < 1 || hours < 1 || failures < 1 || lockMinutes < 1) throw new InvalidOperationException("会话与锁定设置应为正数");
        return new KaoheSettings
        {
            MaxUploadBytes = upload * 1024L * 1024,
            Session = new SessionPolicy(TimeSpan.FromMinutes(idle), TimeSpan.FromHours(hours)),
            SignIn = new SignInPolicy(failures, TimeSpan.FromMinutes(lockMinutes)),
            SignInFailuresPerAddress = c.GetValue("Kaohe:SignInFailuresPerAddress", 20),
            AllowedOrigins = [.. (c["Kaohe:PublicOrigin"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(o => o.TrimEnd('/'))],
            TrustedProxies = [.. (c["Kaohe:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(System.Net.IPAddress.Parse)],
        };
    }
}
