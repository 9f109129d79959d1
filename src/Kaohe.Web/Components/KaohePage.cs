using System.Globalization;
using System.Security.Claims;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Kaohe.Web.Components;

/// <summary>
/// Base of the pages: the signed-in user as an <see cref="Actor"/> (looked up on every call, so a disabled account
/// stops at once), and calls into the workflow with a fresh database context each, so a long-lived page never
/// works on stale rows. Refusals are shown as messages; the page keeps what the user typed.
/// </summary>
public abstract class KaohePage : ComponentBase
{
    [Inject] protected KaoheDatabase Database { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected IServiceProvider Services { get; set; } = default!;
    [CascadingParameter] protected Task<AuthenticationState>? AuthState { get; set; }

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
        await LoadAsync();
    }

    /// <summary>Loads the page's data once the user is known.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    private async Task<Actor?> LoadActor()
    {
        if (AuthState is null) return null;
        var user = (await AuthState).User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        var accountId = int.Parse(id, CultureInfo.InvariantCulture);
        await using var db = Database.CreateContext();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && !a.Disabled);
        return account is null ? null : Actor.Of(account);
    }

    /// <summary>Runs a workflow call; on a refusal shows it and returns false.</summary>
    protected bool Try(Action<CycleService> action, string? done = null) =>
        TryDb(db => action(new CycleService(db, Services.GetService<TimeProvider>())), done);

    /// <summary>Runs work on a fresh database context; a refusal (workflow or account) is shown and gives false.</summary>
    protected bool TryDb(Action<KaoheDb> action, string? done = null)
    {
        Refusal = null;
        if (Me is null) return false;
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
    protected static string When(DateTime? utc) => utc is { } u ? u.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
