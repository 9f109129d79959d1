using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace Kaohe.Web.Components.Pages;

/// <summary>
/// Never losing what a rater typed: every edit is kept at once in this browser (localStorage) and saved to the server
/// as a draft after a short pause; a page opened again restores the browser's draft when the server does not have it;
/// leaving with unsaved changes asks first (menu, Back, reload, closing the tab).
/// </summary>
public partial class FormPage
{
    /// <summary>The pause after the last keystroke before the draft is saved to the server.</summary>
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromSeconds(2);

    private int _edits;
    private bool _dirty;
    private bool _localChecked;
    private string? _restoredAt;
    private string? _autosaveState;
    private bool _autosaveProblem;
    private CancellationTokenSource? _pending;

    private string LocalKey => $"kaohe-form:{Id}:{Me?.UserName}";

    private sealed record LocalDraft(int Version, Dictionary<string, string?> Values, string? Comment, string At);

    private async Task Edit(string name, string? value)
    {
        if (ReadOnly || !_values.ContainsKey(name)) return;
        _values[name] = value;
        _errors.Remove(name);
        await Changed();
    }

    private async Task EditComment(string? value)
    {
        if (ReadOnly) return;
        _comment = value;
        _errors.Remove(CommentField);
        await Changed();
    }

    /// <summary>An edit: kept in the browser now, saved to the server after <see cref="AutosaveDelay"/> without another.</summary>
    private async Task Changed()
    {
        _edits++;
        _dirty = true;
        SayAutosave("有修改，稍后自动保存", problem: false);
        var draft = new LocalDraft(_version, new Dictionary<string, string?>(_values), _comment, DateTime.Now.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture));
        try
        {
            await JS.InvokeAsync<bool>("kaoheDraft.put", LocalKey, JsonSerializer.Serialize(draft));
        }
        catch (JSDisconnectedException)
        {
            return; // the browser has gone: nothing to keep it in, and no page to save from
        }
        Schedule();
    }

    private void Schedule()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        var cancel = _pending = new CancellationTokenSource();
        _ = AutosaveLater(cancel.Token);
    }

    private async Task AutosaveLater(CancellationToken cancel)
    {
        try
        {
            await Task.Delay(AutosaveDelay, cancel);
        }
        catch (OperationCanceledException)
        {
            return; // another edit came, or the page closed
        }
        await InvokeAsync(async () =>
        {
            if (cancel.IsCancellationRequested || !_dirty) return;
            if (_busy)
            {
                Schedule(); // a save is running: try again after it
                return;
            }
            await Write(submit: false, auto: true);
        });
    }

    /// <summary>The server has what is on the page: the browser's copy is no longer needed.</summary>
    private async Task Saved()
    {
        _dirty = false;
        _restoredAt = null;
        try
        {
            await JS.InvokeVoidAsync("kaoheDraft.drop", LocalKey);
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone; its copy is dropped the next time the saved form is opened.
        }
    }

    private void SayAutosave(string state, bool problem)
    {
        _autosaveState = state;
        _autosaveProblem = problem;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_localChecked || _form is null || Me is null) return;
        _localChecked = true;
        var json = await JS.InvokeAsync<string?>("kaoheDraft.get", LocalKey);
        if (json is null) return;
        LocalDraft? draft;
        try
        {
            draft = JsonSerializer.Deserialize<LocalDraft>(json);
        }
        catch (JsonException)
        {
            draft = null; // not ours, or cut short: the server's draft stands
        }
        if (draft?.Values is null || ReadOnly)
        {
            await Saved();
            return;
        }
        var values = _values.Keys.ToDictionary(k => k, k => draft.Values.GetValueOrDefault(k));
        var same = values.All(kv => Same(kv.Value, _values[kv.Key])) && Same(draft.Comment, _comment);
        if (same)
        {
            await Saved();
            return;
        }
        // The draft was typed on the version it names: when someone saved since, saving it shows the conflict.
        _values = values;
        _comment = draft.Comment;
        _version = draft.Version;
        _restoredAt = draft.At;
        _dirty = true;
        SayAutosave("已恢复本机暂存的输入，稍后自动保存", problem: false);
        StateHasChanged();
        Schedule();
    }

    private static bool Same(string? a, string? b) => (string.IsNullOrWhiteSpace(a) ? "" : a.Trim()) == (string.IsNullOrWhiteSpace(b) ? "" : b.Trim());

    private async Task DiscardLocal()
    {
        _pending?.Cancel();
        await Saved();
        _restoredAt = null;
        if (Get(s => s.Form(Me!, Id)) is { } form) Show(form);
        SayAutosave("已放弃本机输入", problem: false);
    }

    /// <summary>Leaving by the menu or a link: the draft is saved first; when it cannot be, the user is asked.</summary>
    private async Task OnLeaving(LocationChangingContext context)
    {
        if (ReadOnly || !_dirty) return;
        _pending?.Cancel();
        if (!_busy && await Write(submit: false, auto: true)) return;
        var why = _autosaveState ?? "尚未保存";
        if (!await ConfirmAsync("离开这张评分表？", $"有修改还没有保存到服务器（{why}）。输入已暂存在本机，回到这张表时会自动恢复。", "离开"))
            context.PreventNavigation();
    }

    public ValueTask DisposeAsync()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
