using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Kaohe.Data.Accounts;
using Kaohe.Data.Appraisal;
using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Microsoft.EntityFrameworkCore;
using DataPeriod = Kaohe.Data.Time.Period;
using DataPeriodKind = Kaohe.Data.Time.PeriodKind;

namespace Kaohe.Data.Cycles;

/// <summary>What each user sees (cycles, forms, results, the audit trail) and the raters' drafts and submissions.</summary>
public sealed partial class CycleService
{
    // ------------------------------------------------------------------ reading

    /// <summary>The cycles the actor runs or views (HR and administrators: with an appraisee in their units; viewers: released ones).</summary>
    public IReadOnlyList<CycleSummary> List(Actor actor)
    {
        if (!actor.Manages && actor.Role != AccountRole.Viewer) throw CycleException.Forbidden("只有考核管理员和查看者可以浏览考核");
        var scope = ScopeUnits(actor);
        var query = db.Cycles.AsNoTracking().AsQueryable();
        if (actor.Role == AccountRole.Viewer) query = query.Where(c => c.Status != CycleStatus.Rating);
        if (scope is not null)
        {
            var units = scope.ToList();
            query = query.Where(c => db.CycleSubjects.Any(s => s.CycleId == c.Id && units.Contains(s.UnitId)));
        }
        return [.. query.OrderByDescending(c => c.Id).ToList().Select(c => Summary(c, scope))];
    }

    /// <summary>A cycle with its appraisees (those in the actor's units), their forms, and who has not rated yet.</summary>
    public CycleDetail Detail(Actor actor, int cycleId)
    {
        var cycle = VisibleCycle(actor, cycleId);
        var scope = ScopeUnits(actor);
        var subjects = SubjectsIn(actor, cycle.Id, scope);
        var ids = subjects.Select(s => s.Id).ToList();
        var forms = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList();
        var accounts = AccountNames(forms.Select(f => f.RaterAccountId).Concat(subjects.Where(s => s.AppraiseeAccountId != null).Select(s => s.AppraiseeAccountId!.Value)));
        var rows = subjects.Select(s =>
        {
            var confirmation = Effective(s.Confirmation, DeadlinePassed(cycle, s));
            return new SubjectRow(
                s.Id, s.Code, s.Name, s.AppraiseeAccountId is { } a ? accounts[a].UserName : null, s.Total, s.Grade, s.Payout,
                confirmation, CycleWords.Confirmation(confirmation), s.AppealReason, s.Resolution,
                [.. forms.Where(f => f.CycleSubjectId == s.Id).OrderBy(f => f.Id).Select(f => new FormRow(
                    f.Id, f.Role, accounts[f.RaterAccountId].UserName, accounts[f.RaterAccountId].DisplayName, f.Status,
                    CycleWords.Form(f.Status), f.SavedAt, f.SubmittedAt))],
                s.Version, s.Rank, s.UnitRank, s.RankAmount);
        }).ToList();
        var pending = forms.Where(f => f.Status == FormStatus.Draft).GroupBy(f => f.RaterAccountId)
            .Select(g => new PendingRater(accounts[g.Key].UserName, accounts[g.Key].DisplayName, g.Count(),
                [.. g.Select(f => subjects.First(s => s.Id == f.CycleSubjectId)).Select(s => s.Name).Distinct()]))
            .OrderByDescending(p => p.Open).ThenBy(p => p.Rater, StringComparer.Ordinal).ToList();
        return new CycleDetail(Summary(cycle, scope), rows, pending);
    }

    /// <summary>The actor's to-do list: every form assigned to them in cycles still being rated, drafts first.</summary>
    public IReadOnlyList<FormTask> Tasks(Actor actor, bool includeDone = false)
    {
        var rows = (from f in db.RatingForms.AsNoTracking()
                    join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                    join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                    where f.RaterAccountId == actor.AccountId && (includeDone || (c.Status == CycleStatus.Rating && f.Status == FormStatus.Draft))
                    orderby f.Status, c.Id descending, s.Code, f.Role
                    select new { f.Id, CycleId = c.Id, CycleName = c.Name, c.Period, s.Code, s.Name, f.Role, f.Status, f.SavedAt }).ToList();
        return [.. rows.Select(r => new FormTask(r.Id, r.CycleId, r.CycleName, r.Period, r.Code, r.Name, r.Role, r.Status, CycleWords.Form(r.Status), r.SavedAt))];
    }

    /// <summary>The actor's submitted forms that HR changed while resolving an appeal, newest first (the rater's notice).</summary>
    public IReadOnlyList<RescoreNotice> RescoreNotices(Actor actor)
    {
        var forms = (from f in db.RatingForms.AsNoTracking()
                     join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                     join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                     where f.RaterAccountId == actor.AccountId && f.Status == FormStatus.Submitted && c.Status != CycleStatus.Rating
                     select new { f, s, c }).ToList();
        if (forms.Count == 0) return [];
        var cycles = forms.Select(x => x.c.Id).Distinct().ToList();
        var changed = db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "申诉改分" && a.Entity == "评分表" && a.CycleId != null && cycles.Contains(a.CycleId.Value))
            .Select(a => a.EntityKey).Distinct().ToHashSet(StringComparer.Ordinal);
        return [.. forms.Where(x => changed.Contains(FormKey(x.c, x.s, x.f))).OrderByDescending(x => x.c.Id)
            .Select(x => new RescoreNotice(x.f.Id, x.c.Id, x.c.Name, x.s.Code, x.s.Name, x.f.Role, SubjectChanges(x.c, x.s, x.f)))];
    }

    /// <summary>A form, for its rater or for HR of the appraisee's unit.</summary>
    public FormView Form(Actor actor, int formId)
    {
        var (form, subject, cycle) = LoadForm(formId, tracked: false);
        if (form.RaterAccountId != actor.AccountId && !ManagesSubject(actor, subject)) throw CycleException.NotFound("评分表");
        return View(form, subject, cycle);
    }

    /// <summary>The results of a cycle the actor may see: HR and viewers of the appraisees' units (viewers once released).</summary>
    public IReadOnlyList<ResultView> Results(Actor actor, int cycleId)
    {
        var cycle = VisibleCycle(actor, cycleId);
        return [.. SubjectsIn(actor, cycle.Id, ScopeUnits(actor)).Select(s => ResultOf(s, cycle))];
    }

    /// <summary>
    /// One appraisee's result: for the appraisee once results are released, for HR of the unit, for viewers of the
    /// unit once released. Anyone else is told it does not exist.
    /// </summary>
    public ResultView Result(Actor actor, int subjectId)
    {
        var subject = db.CycleSubjects.AsNoTracking().SingleOrDefault(s => s.Id == subjectId) ?? throw CycleException.NotFound("考核结果");
        var cycle = db.Cycles.AsNoTracking().Single(c => c.Id == subject.CycleId);
        if (!SeesResult(actor, subject, cycle)) throw CycleException.NotFound("考核结果");
        return ResultOf(subject, cycle);
    }

    /// <summary>The actor's own results (as appraisee) in released and published cycles.</summary>
    public IReadOnlyList<ResultView> MyResults(Actor actor)
    {
        var rows = (from s in db.CycleSubjects.AsNoTracking()
                    join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                    where s.AppraiseeAccountId == actor.AccountId && c.Status != CycleStatus.Rating
                    orderby c.Id descending
                    select new { s, c }).ToList();
        return [.. rows.Select(r => ResultOf(r.s, r.c))];
    }

    /// <summary>The audit trail of a cycle (its forms, results and workflow), newest first; HR and administrators only.</summary>
    /// <remarks>
    /// HR scoped to a unit sees the cycle's own entries and those of appraisees in their units only; nobody sees the
    /// entries about their own appraisal here (they see their result once it is released).
    /// </remarks>
    public IReadOnlyList<AuditRow> Audit(Actor actor, int cycleId)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以查看审计记录");
        var cycle = VisibleCycle(actor, cycleId);
        var key = Key(cycle);
        var prefix = key + "/";
        var scope = ScopeUnits(actor);
        var all = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycle.Id).Select(s => new { s.Code, s.UnitId, s.AppraiseeAccountId, s.PersonStaffId }).ToList();
        // Subject keys a user may see: in scope and not about themselves. Entries written before audit rows carried
        // their unit are matched by their key (考核12/E0013[/角色]).
        var visible = all.Where(s => (scope is null || scope.Contains(s.UnitId))
                                     && s.AppraiseeAccountId != actor.AccountId && (actor.StaffId is null || s.PersonStaffId != actor.StaffId))
            .Select(s => prefix + s.Code).ToHashSet(StringComparer.Ordinal);
        bool Shown(AuditEntry a)
        {
            if (a.EntityKey == key) return true;
            var rest = a.EntityKey.Length > prefix.Length ? a.EntityKey[prefix.Length..] : "";
            // The subject's code is the key up to the form's role; codes may themselves contain “/”, so try each cut.
            for (var cut = rest.IndexOf('/'); ; cut = rest.IndexOf('/', cut + 1))
            {
                if (visible.Contains(prefix + (cut < 0 ? rest : rest[..cut]))) return true;
                if (cut < 0) return false;
            }
        }
        return [.. db.AuditEntries.AsNoTracking()
            .Where(a => a.CycleId == cycle.Id || (a.CycleId == null && (a.EntityKey == key || a.EntityKey.StartsWith(prefix))))
            .OrderByDescending(a => a.Id).AsEnumerable().Where(Shown)
            .Select(a => new AuditRow(a.At, a.Actor, a.Action, a.Entity, a.EntityKey, a.Field, a.OldValue, a.NewValue, a.Reason))];
    }

    // ------------------------------------------------------------------ rating

    /// <summary>Saves a draft. A save made on an older version is refused with the stored state (409), never merged.</summary>
    public FormView Save(Actor actor, int formId, FormSave save) => Write(actor, formId, save, submit: false);

    /// <summary>Saves and submits a form; every required indicator must have a valid value. A submitted form is locked.</summary>
    public FormView Submit(Actor actor, int formId, FormSave save) => Write(actor, formId, save, submit: true);

    private FormView Write(Actor actor, int formId, FormSave save, bool submit)
    {
        void Check(RatingForm form, CycleSubject subject, AppraisalCycle cycle)
        {
            if (form.RaterAccountId != actor.AccountId)
            {
                if (ManagesSubject(actor, subject)) throw CycleException.Forbidden("评分表只能由指定的评分人填写；申诉改分请用“处理申诉”");
                throw CycleException.NotFound("评分表");
            }
            if (form.Role != SelfRole && actor.IsSubject(subject))
                throw CycleException.Forbidden("你不能给自己评分（自评除外）：请联系考核管理员重新安排评分人");
            if (cycle.Status != CycleStatus.Rating) throw new CycleException($"考核已{CycleWords.Status(cycle.Status)}，评分表不能再修改", 409);
            if (form.Status == FormStatus.Submitted) throw new CycleException("评分表已提交，不能再修改；如需更正请联系考核管理员", 409);
            if (save.Version != form.Version) throw Conflict(form, subject, cycle);
        }

        // Checked and validated by the engine first, holding no lock and no connection …
        var (form, subject, cycle) = LoadForm(formId, tracked: false);
        Check(form, subject, cycle);
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var inputs = ReadInputs(save.Inputs);
        var errors = Validate(scheme, subject, form.Role, inputs, submit);
        var comment = string.IsNullOrWhiteSpace(save.Comment) ? null : save.Comment.Trim();
        if (comment is { Length: > 4000 }) errors.Add(new FieldProblem(CommentField, $"评语最多 4000 个字（现有 {comment.Length} 个）"));
        if (errors.Count > 0)
            throw new CycleException($"评分表有 {errors.Count} 处问题，未{(submit ? "提交" : "保存")}", 400, fields: errors);

        // … then written under the cycle's lock, shared with other raters and exclusive against release: a save either
        // lands before the results are computed (and counts) or sees the cycle released (and is refused).
        using var tx = db.Database.BeginTransaction();
        CycleLock.Shared(db, cycle.Id);
        (form, subject, cycle) = LoadForm(formId, tracked: true);
        Check(form, subject, cycle);

        var before = RawInputJson.FromJson(form.InputsJson);
        AuditChanges(actor, form, subject, cycle, before, inputs, null);
        if (comment != form.Comment) Audit(actor, cycle, subject, "修改评语", "评分表", FormKey(cycle, subject, form), "评语", form.Comment, comment, null);
        form.InputsJson = RawInputJson.ToJson(inputs);
        form.Comment = comment;
        form.SavedAt = Now();
        form.SavedBy = actor.UserName;
        form.Version++;
        if (submit)
        {
            form.Status = FormStatus.Submitted;
            form.SubmittedAt = form.SavedAt;
            Audit(actor, cycle, subject, "提交评分", "评分表", FormKey(cycle, subject, form), null, "草稿", "已提交", null);
        }
        try
        {
            db.SaveChanges();
            tx.Commit();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report what is stored now.
            tx.Rollback();
            db.ChangeTracker.Clear();
            var (now, s, c) = LoadForm(formId, tracked: false);
            throw Conflict(now, s, c);
        }
        return View(form, subject, cycle);
    }

    private ConflictException Conflict(RatingForm form, CycleSubject subject, AppraisalCycle cycle) =>
        new($"这张评分表已被 {form.SavedBy ?? "他人"} 于 {Local(form.SavedAt)} 保存（第 {form.Version} 版），你的修改没有保存。"
            + "你的输入仍在页面上：请对照最新内容后再保存。", View(form, subject, cycle));

    private static ImmutableDictionary<string, RawInput> ReadInputs(JsonElement? json)
    {
        if (json is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return ImmutableDictionary<string, RawInput>.Empty;
        if (e.ValueKind != JsonValueKind.Object) throw new CycleException("inputs 应为对象：{ \"指标名\": 值 }");
        return RawInputJson.ReadFields(e).Where(kv => !(kv.Value is RawScalar s && ValueParser.Normalize(s.Text).Length == 0))
            .ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks a form's inputs with the engine: every value must be readable by its indicator's rule; when
    /// <paramref name="complete"/>, every required indicator of the form must have one.
    /// </summary>
    private List<FieldProblem> Validate(Scheme scheme, CycleSubject subject, string role, ImmutableDictionary<string, RawInput> inputs, bool complete)
    {
        var own = FormIndicators(scheme, role).ToList();
        var names = own.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var problems = inputs.Keys.Where(k => !names.Contains(k)).Select(k => new FieldProblem(k, $"“{k}”不是本表的指标")).ToList();
        if (problems.Count > 0) return problems;
        if (complete)
            problems.AddRange(own.Where(i => !i.Optional && !inputs.ContainsKey(i.Name)).Select(i => new FieldProblem(i.Name, "请填写")));
        // Each value is read as a single rater would give it: the scheme without rater roles.
        var flat = Flattened.GetValue(scheme, s => s with
        {
            Raters = [],
            Sections = [.. s.Sections.Select(sec => sec with { Indicators = [.. sec.Indicators.Select(i => i with { RatedBy = [] })] })],
        });
        var all = RawInputJson.FromJson(subject.MetricsJson).SetItems(inputs);
        var errors = new List<ScoringError>();
        ScoringEngine.EvaluateIndicators(flat, new SubjectInput(subject.Code, all, ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, Extra(subject)), errors);
        problems.AddRange(errors.Where(e => e.Indicator is { } i && names.Contains(i) && inputs.ContainsKey(i))
            .Select(e => new FieldProblem(e.Indicator!, ValueMessage(e.Value, e.Message))).Distinct());
        // In the form's order, so the first problem is the first field marked.
        var order = own.Select((i, n) => (i.Name, n)).ToDictionary(x => x.Name, x => x.n, StringComparer.Ordinal);
        return [.. problems.OrderBy(p => order.GetValueOrDefault(p.Field, int.MaxValue))];
    }

    /// <summary>The field name of the rater's comment in <see cref="FieldProblem"/>s.</summary>
    public const string CommentField = "评语";

    /// <summary>The engine's message about a value, naming the value once: “abc”无法识别为分数, not “abc” “abc”无法识别为分数.</summary>
    internal static string ValueMessage(string? value, string message) =>
        value is null || message.Contains($"“{value}”", StringComparison.Ordinal) ? message : $"“{value}”{message}";
}
