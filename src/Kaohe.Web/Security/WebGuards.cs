using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Kaohe.Web.Security;

/// <summary>
/// Middleware that every request passes: security headers, request size limits with a Chinese answer, and the
/// same-origin check of state-changing requests (CSRF, including from another port of the same host, which
/// SameSite cookies do not stop).
/// </summary>
public static class WebGuards
{
    /// <summary>Endpoints that take a file upload, with the upload limit; every other request gets the small limit.</summary>
    public static bool IsUpload(PathString path) =>
        path.StartsWithSegments("/api/import") || path.StartsWithSegments("/api/score");

    public static void Use(WebApplication app, KaoheSettings settings)
    {
        app.Use((context, next) => Headers(context, next));
        app.Use((context, next) => SameOrigin(context, next, settings));
        app.Use((context, next) => Limits(context, next, settings));
    }

    private static Task Headers(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Blazor Server needs no inline or evaluated script; MudBlazor sets inline styles.
            h["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                           + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            if (context.Request.IsHttps) h["Strict-Transport-Security"] = "max-age=31536000";
            // Scores, results and accounts must not stay in shared caches or the browser's history cache.
            if (context.Request.Path.StartsWithSegments("/api")) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// A request that changes something (POST, PUT, PATCH, DELETE) or opens the live connection (WebSocket) must come
    /// from a page of this application: its Origin (or, without one, its Referer) is this server's, and the
    /// browser's Sec-Fetch-Site does not say otherwise. Clients that send neither (scripts, curl) are not browsers
    /// and carry no one else's cookie.
    /// </summary>
    private static async Task SameOrigin(HttpContext context, Func<Task> next, KaoheSettings settings)
    {
        var request = context.Request;
        var changing = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        if (!changing && !context.WebSockets.IsWebSocketRequest)
        {
            await next();
            return;
        }
        var own = $"{request.Scheme}://{request.Host.Value}";
        bool Allowed(string origin) =>
            string.Equals(origin.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase)
            || settings.AllowedOrigins.Any(o => string.Equals(o, origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        string? refusal = null;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") refusal = "跨站请求被拒绝：请从考核系统自己的页面操作";
        else if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            if (!Allowed(origin)) refusal = "来源不符的请求被拒绝：请从考核系统自己的页面操作";
        }
        else if (request.Headers.Referer.ToString() is { Length: > 0 } referer)
        {
            if (!Uri.TryCreate(referer, UriKind.Absolute, out var uri) || !Allowed(uri.GetLeftPart(UriPartial.Authority)))
                refusal = "来源不符的请求被拒绝：请从考核系统自己的页面操作";
        }
        if (refusal is null)
        {
            await next();
            return;
        }
        await Problem(context, StatusCodes.Status403Forbidden, refusal);
    }

    private static async Task Limits(HttpContext context, Func<Task> next, KaoheSettings settings)
    {
        var limit = IsUpload(context.Request.Path) ? settings.MaxUploadBytes : settings.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(context, limit);
            return;
        }
        try
        {
            await next();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLarge(context, limit);
            return;
        }
        catch (InvalidDataException) when (!context.Response.HasStarted && context.Request.HasFormContentType)
        {
            // The form reader's own limits (multipart body or section too long).
            await TooLarge(context, limit);
            return;
        }
        // Minimal APIs answer a body that grew past the limit while being bound with an empty 413.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            await TooLarge(context, limit);
    }

    private static Task TooLarge(HttpContext context, long limit) =>
        Problem(context, StatusCodes.Status413PayloadTooLarge, $"请求过大：最多 {Size(limit)}" + (IsUpload(context.Request.Path) ? "（上传文件的上限可由管理员用 Kaohe:MaxUploadMB 设置）" : ""));

    /// <summary>A size as people read it (KB, MB).</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024d / 1024:0.#} MB" : $"{bytes / 1024d:0.#} KB";

    /// <summary>Writes a problem answer (JSON with a Chinese title) for the API, a plain Chinese page otherwise.</summary>
    public static Task Problem(HttpContext context, int status, string title)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api"))
            return Results.Problem(title: title, statusCode: status).ExecuteAsync(context);
        context.Response.ContentType = "text/html; charset=utf-8";
        var heading = status switch
        {
            StatusCodes.Status403Forbidden => "请求被拒绝",
            StatusCodes.Status413PayloadTooLarge => "请求过大",
            _ => "无法完成请求",
        };
        // A page of its own (the app's layout and styles are not involved), in Chinese, with one title.
        return context.Response.WriteAsync(
            $"""
             <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
             <link rel="icon" type="image/svg+xml" href="/favicon.svg"><title>{heading} · 考核 Kaohe</title></head>
             <body style="font-family:sans-serif;margin:3em auto;max-width:40em;padding:0 1em"><h1 style="font-weight:400">{heading}</h1>
             <p data-testid="problem">{WebUtility.HtmlEncode(title)}</p><p><a href="/">返回首页</a></p></body></html>
             """);
    }
}

/// <summary>
/// Failed sign-ins per client address in a sliding 10-minute window: past the limit the address must wait, whatever
/// account it tries (the per-account lockout stops guessing one password; this stops trying many accounts).
/// </summary>
public sealed class SignInThrottle(KaoheSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>The message when <paramref name="address"/> must wait, else null.</summary>
    public string? Refusal(string address)
    {
        if (!_failures.TryGetValue(address, out var q)) return null;
        lock (q)
        {
            Trim(q);
            if (q.Count < settings.SignInFailuresPerAddress) return null;
            var wait = q.Peek() + Window - clock.GetUtcNow();
            return $"登录失败次数过多，请 {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} 分钟后再试";
        }
    }

    public void Failed(string address)
    {
        var q = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (q)
        {
            Trim(q);
            q.Enqueue(clock.GetUtcNow());
        }
        // Bounded memory: forget quiet addresses now and then.
        if (_failures.Count > 10_000)
            foreach (var (key, queue) in _failures)
                lock (queue)
                {
                    Trim(queue);
                    if (queue.Count == 0) _failures.TryRemove(key, out _);
                }
    }

    private void Trim(Queue<DateTimeOffset> q)
    {
        var cutoff = clock.GetUtcNow() - Window;
        while (q.Count > 0 && q.Peek() < cutoff) q.Dequeue();
    }
}
