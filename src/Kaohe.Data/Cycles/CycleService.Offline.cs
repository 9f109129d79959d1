using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Data.Model;
using Kaohe.IO.Offline;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>A draft form as the offline workbook lists it: its id and version, rater, role, appraisee, items and what is entered.</summary>
public sealed record OfflineForm(int FormId, int Version, int RaterAccountId, string RaterUserName, string RaterName, string Role,
    string SubjectCode, string SubjectName, IReadOnlyList<Indicator> Items, IReadOnlyDictionary<string, RawInput> Values, string? Comment);

/// <summary>The open forms of a cycle for offline rating.</summary>
public sealed record OfflineForms(int CycleId, string CycleName, string Period, string SchemeName, IReadOnlyList<OfflineForm> Forms);

/// <summary>An uploaded value at its place (the cell's column letter).</summary>
public sealed record OfflineValue(string Column, RawInput Value);

/// <summary>One uploaded row: where it is, the form and the version it was downloaded at, its values by indicator and its comment.</summary>
/// <param name="IdColumn">The column of the hidden id (where problems of the whole row are placed).</param>
/// <param name="Comment">The comment with its column, or null when the comment cell is empty.</param>
/// <param name="CommentColumn">The comment's column (for a problem with an empty comment there is none).</param>
public sealed record OfflineEntry(string Sheet, int Row, string IdColumn, int FormId, int Version,
    IReadOnlyDictionary<string, OfflineValue> Inputs, string? Comment, string CommentColumn);

/// <summary>What an upload did: forms saved as drafts, forms already as uploaded, or — when any problem — nothing.</summary>
public sealed record OfflineOutcome(int Saved, int Unchanged, IReadOnlyList<CellProblem> Problems);

/// <summary>Offline rating (issue 13): the open forms as a workbook lists them, and a whole uploaded workbook saved as drafts at once.</summary>
public sealed partial class CycleService
{
    /// <summary>
    /// The draft forms of a cycle being rated that the actor fills offline: HR — every draft form of the appraisees in
    /// their units (never their own appraisal); anyone else — their own draft forms in the cycle.
    /// </summary>
    public OfflineForms OfflineForms(Actor actor, int cycleId)
    {
        AppraisalCycle cycle;
        IQueryable<RatingForm> forms;
        if (actor.Manages)
        {
            cycle = VisibleCycle(actor, cycleId);
            var ids = SubjectsIn(actor, cycleId, ScopeUnits(actor)).Select(s => s.Id).ToList();
            forms = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId));
        }
        else
        {
            cycle = db.Cycles.AsNoTracking().SingleOrDefault(c => c.Id == cycleId) ?? throw CycleException.NotFound("考核");
            forms = db.RatingForms.AsNoTracking().Where(f => f.RaterAccountId == actor.AccountId && db.CycleSubjects.Any(s => s.Id == f.CycleSubjectId && s.CycleId == cycleId));
            if (!forms.Any()) throw CycleException.NotFound("考核");
        }
        if (cycle.Status != CycleStatus.Rating) throw new CycleException($"考核已{CycleWords.Status(cycle.Status)}，不能再离线评分", 409);
        var rows = (from f in forms.Where(f => f.Status == FormStatus.Draft)
                    join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                    orderby f.RaterAccountId, f.Role, s.Code
                    select new { f, s }).ToList();
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var accounts = AccountNames(rows.Select(r => r.f.RaterAccountId));
        var items = new Dictionary<string, IReadOnlyList<Indicator>>(StringComparer.Ordinal);
        return new OfflineForms(cycle.Id, cycle.Name, cycle.Period, scheme.Name, [.. rows.Select(r => new OfflineForm(r.f.Id, r.f.Version, r.f.RaterAccountId, accounts[r.f.RaterAccountId].UserName, accounts[r.f.RaterAccountId].DisplayName,
                r.f.Role, r.s.Code, r.s.Name,
                items.TryGetValue(r.f.Role, out var known) ? known : items[r.f.Role] = [.. FormIndicators(scheme, r.f.Role)],
                RawInputJson.FromJson(r.f.InputsJson), r.f.Comment))]);
    }

    /// <summary>
    /// Saves uploaded forms as drafts with the rules of <see cref="Save"/> — the rater's own forms, or HR's on the rater's
    /// behalf (audited with the reason “由 HR 代为上传”); each value validated by the engine; a form saved since its
    /// download refused — all in one transaction: when any row has a problem, nothing is written. A row whose values
    /// equal what is stored is left alone (no new version, no audit line), so uploading the same file again does nothing.
    /// </summary>
    /// <param name="problemsBefore">Problems found before (reading the file): the rows are still checked, so every bad cell is
    /// listed at once, but nothing is written.</param>
    public OfflineOutcome SaveOffline(Actor actor, int cycleId, IReadOnlyList<OfflineEntry> entries, IEnumerable<CellProblem>? problemsBefore = null)
    {
        var problems = new List<CellProblem>(problemsBefore ?? []);
        var changed = new List<(OfflineEntry Entry, ImmutableDictionary<string, RawInput> Inputs, bool OnBehalf)>();
        var unchanged = 0;
        foreach (var entry in entries)
        {
            var before = problems.Count;
            if (Prepare(actor, cycleId, entry, problems) is not { } prepared) continue;
            if (prepared.Unchanged) unchanged++;
            else if (problems.Count == before) changed.Add((entry, prepared.Inputs, prepared.OnBehalf));
        }
        if (problems.Count > 0 || changed.Count == 0) return new OfflineOutcome(0, unchanged, problems);

        using var tx = db.Database.BeginTransaction();
        CycleLock.Shared(db, cycleId);
        foreach (var (entry, inputs, onBehalf) in changed)
        {
            var (form, subject, cycle) = LoadForm(entry.FormId, tracked: true);
            // Checked again under the lock: someone may have saved, submitted or released in between.
            if (RowRefusal(actor, cycleId, entry, form, subject, cycle, out _) is { } refusal)
            {
                problems.Add(new CellProblem(entry.Sheet, entry.Row, entry.IdColumn, null, refusal));
                continue;
            }
            var reason = onBehalf ? $"由 HR 代为上传（离线评分表，评分人 {AccountNames([form.RaterAccountId])[form.RaterAccountId].DisplayName}）" : "离线评分表上传";
            var key = FormKey(cycle, subject, form);
            var stored = RawInputJson.FromJson(form.InputsJson);
            foreach (var name in stored.Keys.Union(inputs.Keys).Order(StringComparer.Ordinal))
            {
                var old = stored.GetValueOrDefault(name)?.Display;
                var now = inputs.GetValueOrDefault(name)?.Display;
                if (old != now) Audit(actor, cycle, subject, "修改评分", "评分表", key, name, old, now, reason);
            }
            if (entry.Comment != form.Comment) Audit(actor, cycle, subject, "修改评语", "评分表", key, "评语", form.Comment, entry.Comment, reason);
            form.InputsJson = RawInputJson.ToJson(inputs);
            form.Comment = entry.Comment;
            form.SavedAt = Now();
            form.SavedBy = actor.UserName;
            form.Version++;
        }
        if (problems.Count > 0) return Abandon(tx, problems);
        try
        {
            db.SaveChanges();
            tx.Commit();
        }
        catch (DbUpdateConcurrencyException)
        {
            problems.Add(new CellProblem("", 0, "", null, "保存时有人同时修改了其中的评分表：本次上传未保存，请重新下载后再填写"));
            return Abandon(tx, problems);
        }
        return new OfflineOutcome(changed.Count, unchanged, []);
    }

    private OfflineOutcome Abandon(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, List<CellProblem> problems)
    {
        tx.Rollback();
        db.ChangeTracker.Clear();
        return new OfflineOutcome(0, 0, problems);
    }

    /// <summary>
    /// Checks one row without writing: the inputs it would save (a value typed as it is stored keeps the stored input),
    /// whether they equal what is stored, and whether HR acts for the rater. Problems are added at their cells.
    /// </summary>
    private (ImmutableDictionary<string, RawInput> Inputs, bool Unchanged, bool OnBehalf)? Prepare(Actor actor, int cycleId, OfflineEntry entry, List<CellProblem> problems)
    {
        void Add(string column, string? value, string reason) => problems.Add(new CellProblem(entry.Sheet, entry.Row, column, value, reason));
        var row = (from f in db.RatingForms.AsNoTracking()
                   join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                   join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                   where f.Id == entry.FormId
                   select new { f, s, c }).SingleOrDefault();
        if (row is null)
        {
            Add(entry.IdColumn, null, "找不到这一行的评分表（识别码被改动，或评分表已随考核删除）");
            return null;
        }
        var (form, subject, cycle) = (row.f, row.s, row.c);
        var stored = RawInputJson.FromJson(form.InputsJson);
        var inputs = entry.Inputs.ToImmutableDictionary(kv => kv.Key,
            kv => stored.TryGetValue(kv.Key, out var s) && s.Display == kv.Value.Value.Display ? s : kv.Value.Value, StringComparer.Ordinal);
        var unchanged = entry.Comment == form.Comment && stored.Count == inputs.Count
                        && stored.All(kv => inputs.TryGetValue(kv.Key, out var v) && v.Display == kv.Value.Display);
        if (RowRefusal(actor, cycleId, entry, form, subject, cycle, out var onBehalf) is { } refusal)
        {
            // The same values as stored overwrite nothing: not a problem, whatever happened since the download.
            if (unchanged && subject.CycleId == cycleId && (form.RaterAccountId == actor.AccountId || onBehalf)) return (inputs, true, onBehalf);
            Add(entry.IdColumn, null, refusal);
            return null;
        }
        if (unchanged) return (inputs, true, onBehalf);
        var scheme = SchemeOf(cycle.SchemeVersionId);
        foreach (var p in Validate(scheme, subject, form.Role, inputs, complete: false))
            Add(entry.Inputs.TryGetValue(p.Field, out var at) ? at.Column : entry.IdColumn, at?.Value.Display, $"{subject.Name}（{subject.Code}）的“{p.Field}”：{p.Message}");
        if (entry.Comment is { Length: > 4000 } comment)
            Add(entry.CommentColumn, comment[..20] + "…", $"评语最多 4000 个字（现有 {comment.Length} 个）");
        return (inputs, false, onBehalf);
    }

    /// <summary>Why this row may not be saved by the actor now (the checks of <see cref="Save"/>, with HR acting for the rater), or null.</summary>
    private string? RowRefusal(Actor actor, int cycleId, OfflineEntry entry, RatingForm form, CycleSubject subject, AppraisalCycle cycle, out bool onBehalf)
    {
        onBehalf = false;
        if (subject.CycleId != cycleId) return $"这一行的评分表属于另一个考核（考核{subject.CycleId}），不是本考核（考核{cycleId}）：请上传本考核的离线评分表";
        if (form.RaterAccountId != actor.AccountId)
        {
            if (!ManagesSubject(actor, subject)) return "你无权填写这张评分表：它不是你的评分表";
            onBehalf = true;
        }
        if (form.Role != SelfRole && actor.IsSubject(subject)) return "你不能给自己评分（自评除外）";
        if (cycle.Status != CycleStatus.Rating) return $"考核已{CycleWords.Status(cycle.Status)}，评分表不能再修改";
        if (form.Status == FormStatus.Submitted) return $"{subject.Name}（{subject.Code}）的评分表已提交，不能再修改；如需更正请联系考核管理员";
        if (entry.Version != form.Version)
            return $"{subject.Name}（{subject.Code}）的评分表在下载后已被 {form.SavedBy ?? "他人"} 于 {Local(form.SavedAt)} 保存（第 {form.Version} 版）："
                   + "为免覆盖，本次上传未保存；请重新下载离线评分表后再填写";
        return null;
    }
}
