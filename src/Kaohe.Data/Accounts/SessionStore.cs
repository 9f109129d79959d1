using System.Security.Cryptography;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Accounts;

/// <summary>How long a session lives.</summary>
/// <param name="Idle">Without activity for this long the session ends (default 2 hours).</param>
/// <param name="Absolute">The session ends this long after sign-in whatever the activity (default 12 hours).</param>
public sealed record SessionPolicy(TimeSpan Idle, TimeSpan Absolute)
{
    public static SessionPolicy Default { get; } = new(TimeSpan.FromHours(2), TimeSpan.FromHours(12));
}

/// <summary>A live session with its account, as checked for one request or page action.</summary>
public sealed record LiveSession(Session Session, Account Account);

/// <summary>
/// Server-side sessions: the cookie names a session, and the session decides. Revoking one (logout) or all of an
/// account's (password change, reset, disabling) ends them on every browser and tab at the next request or action.
/// </summary>
public sealed class SessionStore(KaoheDb db, TimeProvider? clock = null, SessionPolicy? policy = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SessionPolicy _policy = policy ?? SessionPolicy.Default;

    /// <summary>Starts a session for <paramref name="account"/>.</summary>
    public Session Start(Account account, string? ip, string? userAgent)
    {
        var now = Now();
        var session = new Session
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            AccountId = account.Id, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + _policy.Absolute,
            Ip = AuditLog.Cut(ip, 64), UserAgent = AuditLog.Cut(userAgent, 300),
        };
        db.Sessions.Add(session);
        db.SaveChanges();
        return session;
    }

    /// <summary>
    /// The session and its account when the session is live: not revoked, not past its absolute end or idle limit,
    /// and its account enabled; else null. Activity is recorded at most once a minute.
    /// </summary>
    public LiveSession? Check(string? sessionId) => CheckAsync(sessionId, sync: true, default).GetAwaiter().GetResult();

    /// <summary>As <see cref="Check"/>, without blocking a thread (every request of the web application calls it).</summary>
    public Task<LiveSession?> CheckAsync(string? sessionId, CancellationToken cancel = default) => CheckAsync(sessionId, sync: false, cancel);

    private async Task<LiveSession?> CheckAsync(string? sessionId, bool sync, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 64) return null;
        var query = (from s in db.Sessions
                     join a in db.Accounts on s.AccountId equals a.Id
                     where s.Id == sessionId
                     select new { s, a }).AsNoTracking();
        var row = sync ? query.SingleOrDefault() : await query.SingleOrDefaultAsync(cancel);
        if (row is null) return null;
        var now = Now();
        if (row.s.RevokedAt is not null || now >= row.s.ExpiresAt || now - row.s.LastSeenAt >= _policy.Idle || row.a.Disabled) return null;
        if (now - row.s.LastSeenAt >= TimeSpan.FromMinutes(1))
        {
            var touch = db.Sessions.Where(s => s.Id == sessionId);
            if (sync) touch.ExecuteUpdate(u => u.SetProperty(s => s.LastSeenAt, now));
            else await touch.ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancel);
            row.s.LastSeenAt = now;
        }
        return new LiveSession(row.s, row.a);
    }

    /// <summary>Ends one session (logout).</summary>
    public void Revoke(string? sessionId, string reason)
    {
        if (string.IsNullOrEmpty(sessionId)) return;
        var now = Now();
        db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdate(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    /// <summary>Ends every session of an account except <paramref name="keep"/>; returns how many ended.</summary>
    public int RevokeAll(int accountId, string reason, string? keep = null)
    {
        var now = Now();
        return db.Sessions.Where(s => s.AccountId == accountId && s.RevokedAt == null && s.Id != (keep ?? ""))
            .ExecuteUpdate(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    /// <summary>Deletes sessions that ended more than a day ago (housekeeping; the audit trail keeps the sign-ins).</summary>
    public int Prune()
    {
        var cutoff = Now() - TimeSpan.FromDays(1);
        return db.Sessions.Where(s => s.ExpiresAt < cutoff || (s.RevokedAt != null && s.RevokedAt < cutoff)).ExecuteDelete();
    }

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;
}
