using System.Globalization;
using System.Security.Claims;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Kaohe.Web.Components;

/// <summary>
/// Base of the pages: the signed-in user as an <see cref="Actor"/>, checked against the server-side session when the
/// page opens and again before every action (a logout in another tab, a password change, a reset or disabling the
/// account stop the page at once), and calls into the workflow with a fresh database context each, so a long-lived
/// page never works on stale rows. Refusals are shown as messages; the page keeps what the user typed.
/// </summary>
public abstract class KaohePage : ComponentBase
{
    [Inject] protected KaoheDatabase Database { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected IServiceProvider Services { get; set; } = default!;
    [Inject] protected KaoheSettings Settings { get; set; } = default!;
    [Inject] protected ClientAddress Client { get; set; } = default!;
    [CascadingParameter] protected Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The refusal shown when the session ended while the page was open.</summary>
    public const string SessionEnded = "登录已失效（可能已在其他页面退出、修改了密码或账号被停用），本次操作未执行。页面上的内容仍在，请在新标签页重新登录后再操作。";

    /// <summary>The signed-in user, once loaded.</summary>
    protected Actor? Me { get; private set; }

    /// <summary>The last refusal: its message and detail lines.</summary>
    protected CycleException? Refusal { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Me = await LoadActor();
        if (Me is null)
        {
            Nav.NavigateTo("/login", forceLoad: true);
            return;
        }
        if (Me.MustChangePassword && this is not Pages.PasswordPage)
        {
            Nav.NavigateTo("/account/password?returnUrl=" + Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri)), forceLoad: true);
            return;
        }
        await LoadAsync();
    }

    /// <summary>Loads the page's data once the user is known.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    private string? _sessionId;

    private async Task<Actor?> LoadActor()
    {
        if (AuthState is null) return null;
        _sessionId = (await AuthState).User.FindFirstValue(SessionAuth.SessionClaim);
        return CheckSession();
    }

    /// <summary>The user of this page's session if the session is still live, else null.</summary>
    private Actor? CheckSession()
    {
        using var db = Database.CreateContext();
        var live = new SessionStore(db, Services.GetService<TimeProvider>(), Settings.Session).Check(_sessionId);
        return live is null ? null : Actor.Of(live.Account, _sessionId, Client.Value);
    }

    /// <summary>Runs a workflow call; on a refusal shows it and returns false.</summary>
    protected bool Try(Action<CycleService> action, string? done = null) =>
        TryDb(db => action(new CycleService(db, Services.GetService<TimeProvider>())), done);

    /// <summary>Runs work on a fresh database context; a refusal (workflow or account) is shown and gives false.</summary>
    protected bool TryDb(Action<KaoheDb> action, string? done = null)
    {
        Refusal = null;
        if (!StillSignedIn()) return false;
        try
        {
            using var db = Database.CreateContext();
            action(db);
            if (done is not null) Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (Exception e) when (e is CycleException or AccountException)
        {
            Refusal = e as CycleException ?? new CycleException(e.Message);
            Snackbar.Add(e.Message, Refusal.Status == 409 ? Severity.Warning : Severity.Error);
            return false;
        }
    }

    /// <summary>
    /// Checks the session at the moment of an action, not when the page was opened; false (and the refusal shown,
    /// the page's input kept) when it has ended.
    /// </summary>
    protected bool StillSignedIn()
    {
        if (Me is null) return false;
        if (CheckSession() is not { } now)
        {
            Refusal = new CycleException(SessionEnded, 401);
            Snackbar.Add(SessionEnded, Severity.Error);
            return false;
        }
        if (now.MustChangePassword && this is not Pages.PasswordPage)
        {
            Refusal = new CycleException("请先修改初始密码", 403);
            Snackbar.Add(Refusal.Message, Severity.Error);
            return false;
        }
        Me = now;
        return true;
    }

    /// <summary>
    /// Asks before an action that cannot be undone, saying what will happen; true when the user confirms. The dialog
    /// has the testable ids <c>confirm-yes</c> / <c>confirm-no</c>.
    /// </summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes)
    {
        var parameters = new DialogParameters<Shared.ConfirmDialog>
        {
            { d => d.Title, title }, { d => d.Message, message }, { d => d.Yes, yes },
        };
        var dialog = await Dialogs.ShowAsync<Shared.ConfirmDialog>(title, parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        var answer = await dialog.Result;
        return answer is { Canceled: false };
    }

    /// <summary>Runs a workflow query; null (and the refusal shown) when refused.</summary>
    protected T? Get<T>(Func<CycleService, T> query) where T : class
    {
        T? result = null;
        Try(s => result = query(s));
        return result;
    }

    protected static string Money(decimal? d) => d is { } v ? v.ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    protected static string Num(decimal? d) => d is { } v ? Kaohe.Core.Text.Fmt.Num(v) : "—";

    /// <summary>A UTC moment in China time (the users' clock).</summary>
    protected static string When(DateTime? utc) => LocalTime(utc);

    /// <summary>A stored UTC time as Beijing time (components that are not pages use it too).</summary>
    public static string LocalTime(DateTime? utc) => utc is { } u ? u.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
