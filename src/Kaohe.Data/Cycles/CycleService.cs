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
using Kaohe.Data.Bulk;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Microsoft.EntityFrameworkCore;
using DataPeriod = Kaohe.Data.Time.Period;
using DataPeriodKind = Kaohe.Data.Time.PeriodKind;

namespace Kaohe.Data.Cycles;

/// <summary>
/// The appraisal workflow (C5): open a cycle for a scheme version, a period and its appraisees; raters fill in
/// and submit their forms (drafts, optimistic concurrency); HR releases the computed results; appraisees confirm
/// or appeal before a deadline (silence counts as confirmation); HR resolves appeals; publishing locks the cycle.
/// Every method checks what the actor may see and do, and every change to a score, grade or deduction is written
/// to the audit trail in the same transaction as the change.
/// </summary>
public sealed partial class CycleService(KaoheDb db, TimeProvider? clock = null)
{
    /// <summary>The largest bonus base (奖金基数) accepted, in 元: larger numbers are typing errors.</summary>
    public const decimal MaxPayoutBase = 100_000_000m;

    /// <summary>The role of the form that holds the hand-entered indicators no rater role covers.</summary>
    public const string SharedRole = "考核评分";

    /// <summary>The self-assessment role of the seeds; the appraisee fills it in.</summary>
    public const string SelfRole = "自评";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    // Keyed by database as well: ids are per database, and one process may open several (the tests do).
    private static readonly ConcurrentDictionary<(string Database, int Id), Scheme> ById = new();
    private static readonly ConditionalWeakTable<Scheme, Scheme> Flattened = new();
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // ------------------------------------------------------------------ schemes

    /// <summary>
    /// The scheme of a stored version. A version never changes once committed, so schemes are cached by id; only
    /// committed versions get here (<see cref="Open"/> parses the version it may still roll back itself).
    /// </summary>
    public Scheme SchemeOf(int versionId) => ById.GetOrAdd((db.Database.GetConnectionString() ?? "", versionId), key =>
    {
        var v = db.SchemeVersions.AsNoTracking().Where(x => x.Id == key.Id).Select(x => new { x.SchemeCode, x.Version, x.Yaml }).Single();
        return SchemeStore.Parse(v.Yaml, $"{v.SchemeCode} v{v.Version}");
    });

    /// <summary>
    /// The version a new cycle of <paramref name="code"/> uses: the latest stored version of an own scheme, or the
    /// built-in template's current text, stored (and committed at once, outside any transaction of the caller) as a new
    /// version when it differs from the last stored one. Two users doing so at once store it once.
    /// </summary>
    public SchemeVersion CurrentVersion(string code, string actor)
    {
        var template = SchemeCatalog.Find(code);
        var schemeCode = template?.Id ?? code;
        for (var attempt = 0; ; attempt++)
        {
            var latest = db.SchemeVersions.AsNoTracking().Where(v => v.SchemeCode == schemeCode).OrderByDescending(v => v.Version).FirstOrDefault();
            if (template is null)
                return latest ?? throw new CycleException($"找不到方案“{code}”：既不是内置模板代码（如 TPL-01），也不是已保存的自定义方案");
            if (template.Load.Scheme is not { } scheme) throw new CycleException($"内置模板 {template.Id} 无法读取");
            var text = SchemeCatalog.TemplateText(template.Id)!;
            if (latest is not null && latest.Yaml == text) return latest;
            var version = new SchemeVersion
            {
                SchemeCode = template.Id, Version = (latest?.Version ?? 0) + 1, Name = scheme.Name, Yaml = text,
                Builtin = true, CreatedBy = actor, CreatedAt = Now(),
            };
            db.SchemeVersions.Add(version);
            try
            {
                db.SaveChanges();
                return version;
            }
            catch (DbUpdateException e) when (attempt < 3 && IsUniqueViolation(e))
            {
                // Stored by someone else a moment ago: read it again.
                db.ChangeTracker.Clear();
            }
        }
    }

    // ------------------------------------------------------------------ access

    /// <summary>The units the actor covers (null = all), read once per service: a request asks several times.</summary>
    private HashSet<int>? ScopeUnits(Actor actor)
    {
        if (_scope is { } known && known.Actor == actor) return known.Units;
        var units = actor.ScopeUnits(db);
        _scope = (actor, units);
        return units;
    }

    private (Actor Actor, HashSet<int>? Units)? _scope;

    private bool InScope(Actor actor, int unitId) => ScopeUnits(actor) is not { } scope || scope.Contains(unitId);

    /// <summary>HR of the subject's unit, unless the subject is the actor: nobody manages their own appraisal.</summary>
    private bool ManagesSubject(Actor actor, CycleSubject subject) => actor.Manages && InScope(actor, subject.UnitId) && !actor.IsSubject(subject);

    private bool SeesResult(Actor actor, CycleSubject subject, AppraisalCycle cycle) =>
        ManagesSubject(actor, subject)
        || (cycle.Status != CycleStatus.Rating && (subject.AppraiseeAccountId == actor.AccountId
                                                   || (actor.Role == AccountRole.Viewer && InScope(actor, subject.UnitId))));

    private AppraisalCycle VisibleCycle(Actor actor, int cycleId)
    {
        if (!actor.Manages && actor.Role != AccountRole.Viewer) throw CycleException.NotFound("考核");
        var cycle = db.Cycles.AsNoTracking().SingleOrDefault(c => c.Id == cycleId) ?? throw CycleException.NotFound("考核");
        if (actor.Role == AccountRole.Viewer && cycle.Status == CycleStatus.Rating) throw CycleException.NotFound("考核");
        if (ScopeUnits(actor) is { } scope)
        {
            var units = scope.ToList();
            if (!db.CycleSubjects.Any(s => s.CycleId == cycleId && units.Contains(s.UnitId))) throw CycleException.NotFound("考核");
        }
        return cycle;
    }

    /// <summary>A cycle the actor may change: HR of every one of its appraisees' units.</summary>
    private AppraisalCycle ManagedCycle(Actor actor, int cycleId)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以操作考核");
        var cycle = db.Cycles.SingleOrDefault(c => c.Id == cycleId) ?? throw CycleException.NotFound("考核");
        if (ScopeUnits(actor) is { } scope)
        {
            var units = db.CycleSubjects.Where(s => s.CycleId == cycleId).Select(s => s.UnitId).Distinct().ToList();
            if (!units.Any(scope.Contains)) throw CycleException.NotFound("考核");
            if (!units.All(scope.Contains)) throw CycleException.Forbidden("该考核包含你所管单位以外的对象，只能由上级考核管理员操作");
        }
        return cycle;
    }

    /// <summary>The subjects of a cycle the actor manages or views: in their units, and never their own appraisal.</summary>
    private List<CycleSubject> SubjectsIn(Actor actor, int cycleId, HashSet<int>? scope)
    {
        var query = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId);
        if (scope is not null)
        {
            var units = scope.ToList();
            query = query.Where(s => units.Contains(s.UnitId));
        }
        return [.. query.OrderBy(s => s.Code).AsEnumerable().Where(s => !actor.IsSubject(s))];
    }

    /// <summary>Refuses a change of the whole cycle (release, publish) by someone the cycle appraises.</summary>
    private void NotAboutSelf(Actor actor, IEnumerable<CycleSubject> subjects, string what)
    {
        if (subjects.FirstOrDefault(actor.IsSubject) is { } own)
            throw CycleException.Forbidden($"该考核包含你本人（{own.Name}，{own.Code}），你不能{what}；请由其他考核管理员操作");
    }

    // ------------------------------------------------------------------ views

    private CycleSummary Summary(AppraisalCycle c, HashSet<int>? scope)
    {
        var version = db.SchemeVersions.AsNoTracking().Where(v => v.Id == c.SchemeVersionId).Select(v => new { v.SchemeCode, v.Name, v.Version }).Single();
        var subjects = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == c.Id);
        if (scope is not null)
        {
            var units = scope.ToList();
            subjects = subjects.Where(s => units.Contains(s.UnitId));
        }
        var ids = subjects.Select(s => s.Id);
        var counts = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId))
            .GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() }).ToList();
        return new CycleSummary(c.Id, c.Name, version.SchemeCode, version.Name, version.Version, c.Period, c.Status, CycleWords.Status(c.Status),
            subjects.Count(), counts.Where(x => x.Key == FormStatus.Submitted).Sum(x => x.Count), counts.Sum(x => x.Count),
            c.ConfirmDeadline, c.CreatedAt, c.CreatedBy, c.Version, c.CancelReason, c.ReplacesCycleId);
    }

    private (RatingForm Form, CycleSubject Subject, AppraisalCycle Cycle) LoadForm(int formId, bool tracked)
    {
        // One query for the form with its subject and cycle (the hot path of rating).
        var query = from f in db.RatingForms
                    join s in db.CycleSubjects on f.CycleSubjectId equals s.Id
                    join c in db.Cycles on s.CycleId equals c.Id
                    where f.Id == formId
                    select new { f, s, c };
        // Tracked or not as a whole (EF applies AsNoTracking to the whole query, wherever it is written).
        var row = (tracked ? query : query.AsNoTracking()).SingleOrDefault() ?? throw CycleException.NotFound("评分表");
        return (row.f, row.s, row.c);
    }

    private FormView View(RatingForm form, CycleSubject subject, AppraisalCycle cycle)
    {
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var rater = db.Accounts.AsNoTracking().Where(a => a.Id == form.RaterAccountId).Select(a => new { a.UserName, a.DisplayName }).Single();
        using var values = JsonDocument.Parse(form.InputsJson);
        var own = FormIndicators(scheme, form.Role).ToHashSet();
        var metrics = Metrics(scheme, subject, cycle);
        var data = metrics.ToDictionary(m => m.Indicator, StringComparer.Ordinal);
        // The form's own items to fill in, and the items from the data in their places (read only), as on the paper form.
        var indicators = scheme.Sections.SelectMany(sec => sec.Indicators.Where(i => own.Contains(i) || data.ContainsKey(i.Name)).Select(i =>
            new FormIndicator(i.Name, sec.Name, i.Points, i.Weight is { } w ? Fmt.Num(w * 100) + "%" : null, RuleDescriber.Describe(i, manualNote: false), i.Note, i.Optional,
                i.Rule is GradeRule g ? [.. g.Options.Select(o => new GradeChoice(o.Word, o.Min, o.Max))] : [],
                own.Contains(i) && values.RootElement.TryGetProperty(i.Name, out var v) ? v.Clone() : null,
                own.Contains(i) ? null : data[i.Name], i.Manual))).ToList();
        return new FormView(form.Id, cycle.Id, cycle.Name, cycle.Period, cycle.Status, scheme.Name, subject.Id, subject.Code, subject.Name,
            form.Role, scheme.Raters.FirstOrDefault(r => r.Name == form.Role)?.Weight, rater.UserName, rater.DisplayName,
            form.Status, CycleWords.Form(form.Status), form.Version, form.SavedBy, form.SavedAt, form.SubmittedAt, form.Comment,
            indicators, metrics, form.Status == FormStatus.Submitted ? SubjectChanges(cycle, subject, form) : []);
    }

    private List<MetricRow> Metrics(Scheme scheme, CycleSubject subject, AppraisalCycle cycle)
    {
        var stored = RawInputJson.FromJson(subject.MetricsJson);
        var rows = new List<MetricRow>();
        string? unitName = null;
        void Row(string label, MetricBinding binding, RawInput raw, Rule? rule)
        {
            var name = MetricCatalog.TryGet(binding.Code, out var def) ? def.Name : binding.Code;
            var (scope, scopeKind, scopeId) = binding.Scope switch
            {
                MetricBindingScope.Company => ("全公司", ScopeKind.Company, 0),
                MetricBindingScope.Unit when subject.IsStaff => (unitName ??= db.Units.AsNoTracking().Where(u => u.Id == subject.UnitId).Select(u => u.Name).Single(),
                    ScopeKind.Unit, subject.UnitId),
                _ => (subject.Name, subject.IsStaff ? ScopeKind.Staff : ScopeKind.Unit, subject.ScopeId),
            };
            string value = raw.Display;
            string? baseline = null, target = null;
            if (raw is RawObject o)
            {
                value = o.Fields.GetValueOrDefault("value")?.Display ?? "";
                baseline = o.Fields.GetValueOrDefault("baseline")?.Display;
                target = o.Fields.GetValueOrDefault("target")?.Display;
            }
            var source = $"客户数据：{name}，{scope}，{cycle.Period}";
            if (binding.Shape == MetricBindingShape.Counts) source = $"客户数据：{name}的分子（实际）与分母（目标），{scope}，{cycle.Period}";
            var from = rule is BaselineRule b ? b.Source : binding.Baseline;
            if (from is { } f && baseline is not null) source += $"；基准为{BaselineWord(f, (rule as BaselineRule)?.Direction)}";
            if (binding.Target is { } word) source += $"；目标取自目标数据“{word}”";
            var (shown, shownBaseline) = Fmt.Readings(value, baseline);
            rows.Add(new MetricRow(label, binding.Code, scope, shown, shownBaseline, source, value, baseline)
            {
                Target = target is null ? null : Fmt.Reading(target), ExactTarget = target, ScopeKind = scopeKind, ScopeId = scopeId,
            });
        }
        foreach (var ind in scheme.Indicators)
        {
            if (ind.Metric is not { } binding || !stored.TryGetValue(ind.Name, out var raw)) continue;
            if (binding.Parts is { } parts && ind.Rule is CompositeRule c && raw is RawObject whole)
            {
                foreach (var part in c.Parts)
                    if (whole.Fields.TryGetValue(part.Name, out var pr)) Row($"{ind.Name}·{part.Name}", parts[part.Name], pr, part.Rule);
            }
            else
            {
                if (binding.Code.Length > 0) Row(ind.Name, binding, raw, ind.Rule);
                if (binding.Fields is { } fields && raw is RawObject o) FieldRows(ind.Name, binding, fields, o);
            }
        }
        return rows;

        // The further fields of a bound input (a fallback count, a coefficient's rate, each counter): a row each.
        void FieldRows(string indicator, MetricBinding binding, IEnumerable<KeyValuePair<string, MetricField>> fields, RawObject raw)
        {
            foreach (var (name, field) in fields)
            {
                if (!raw.Fields.TryGetValue(name, out var value)) continue;
                var label = $"{indicator}·{name}";
                if (field.Metric is { } code) Row(label, new MetricBinding(code, binding.Scope), value, null);
                else
                {
                    var count = rows.Count;
                    Row(label, new MetricBinding("", binding.Scope), value, null);
                    rows[count] = rows[count] with { Source = $"目标数据：“{field.Target}”，{rows[count].Scope}，{cycle.Period}" };
                }
            }
        }
    }

    private ResultView ResultOf(CycleSubject s, AppraisalCycle cycle)
    {
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var deadlinePassed = DeadlinePassed(cycle, s);
        var confirmation = Effective(s.Confirmation, deadlinePassed);
        var result = s.ResultJson is null ? null : JsonSerializer.Deserialize<SubjectResult>(s.ResultJson, Json);
        var canAnswer = cycle.Status == CycleStatus.Confirming && !deadlinePassed && s.Confirmation == ConfirmationStatus.Pending;
        return new ResultView(s.Id, cycle.Id, cycle.Name, scheme.Name, cycle.Period, cycle.Status, s.Code, s.Name, s.Total, s.Grade, s.Payout,
            confirmation, CycleWords.Confirmation(confirmation), DeadlineOf(cycle, s), canAnswer, s.AppealReason, s.Resolution, s.ResolvedBy,
            Metrics(scheme, s, cycle), result, s.Version, cycle.Status == CycleStatus.Rating ? [] : SubjectChanges(cycle, s), Comments(s));
    }

    /// <summary>The 评语 of the subject's submitted forms, in the order of the forms, with the rater's role and name.</summary>
    private List<RaterComment> Comments(CycleSubject s) =>
        [.. (from f in db.RatingForms.AsNoTracking()
             join a in db.Accounts.AsNoTracking() on f.RaterAccountId equals a.Id
             where f.CycleSubjectId == s.Id && f.Status == FormStatus.Submitted && f.Comment != null
             orderby f.Id
             select new RaterComment(f.Role, a.DisplayName, f.Comment!)).ToList()];

    /// <summary>
    /// What HR changed in this subject's submitted forms when resolving an appeal (申诉改分), oldest first: shown to the
    /// appraisee on the result and to each rater on their form, so nobody's input changes behind their back.
    /// </summary>
    private List<InputChange> SubjectChanges(AppraisalCycle cycle, CycleSubject s, RatingForm? only = null)
    {
        // Appeals come after release: while rating there is nothing to look up (and a large cycle's trail is long).
        if (cycle.Status == CycleStatus.Rating) return [];
        var keys = (only is null ? db.RatingForms.AsNoTracking().Where(f => f.CycleSubjectId == s.Id).Select(f => f.Role).ToList() : [only.Role])
            .Select(role => $"{Key(cycle)}/{s.Code}/{role}").ToHashSet(StringComparer.Ordinal);
        var prefix = Key(cycle) + "/" + s.Code + "/";
        return [.. db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "申诉改分" && a.Entity == "评分表" && a.CycleId == cycle.Id && a.EntityKey.StartsWith(prefix))
            .OrderBy(a => a.Id).AsEnumerable().Where(a => keys.Contains(a.EntityKey))
            .Select(a => new InputChange(a.At, a.Actor, a.EntityKey[prefix.Length..], a.Field ?? "", a.OldValue, a.NewValue, a.Reason ?? ""))];
    }

    private Dictionary<int, (string UserName, string DisplayName)> AccountNames(IEnumerable<int> ids)
    {
        var list = ids.Distinct().ToList();
        return db.Accounts.AsNoTracking().Where(a => list.Contains(a.Id)).Select(a => new { a.Id, a.UserName, a.DisplayName })
            .ToList().ToDictionary(a => a.Id, a => (a.UserName, a.DisplayName));
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The subject's deadline: its own after a reopened confirmation, else the cycle's.</summary>
    private static DateTime? DeadlineOf(AppraisalCycle cycle, CycleSubject subject) => subject.ConfirmDeadline ?? cycle.ConfirmDeadline;

    private bool DeadlinePassed(AppraisalCycle cycle, CycleSubject subject) =>
        cycle.Status == CycleStatus.Confirming && DeadlineOf(cycle, subject) is { } d && Now() > d;

    private static ConfirmationStatus Effective(ConfirmationStatus stored, bool deadlinePassed) =>
        stored == ConfirmationStatus.Pending && deadlinePassed ? ConfirmationStatus.DeemedConfirmed : stored;

    private static ImmutableDictionary<string, RawInput> Extra(CycleSubject s) => s.PayoutBase is { } b
        ? ImmutableDictionary<string, RawInput>.Empty.Add("奖金基数", new RawScalar(b.ToString(CultureInfo.InvariantCulture), IsNumber: true))
        : ImmutableDictionary<string, RawInput>.Empty;

    private void AuditChanges(Actor actor, RatingForm form, CycleSubject subject, AppraisalCycle cycle,
        IReadOnlyDictionary<string, RawInput> before, IReadOnlyDictionary<string, RawInput> after, string? reason)
    {
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(key)?.Display;
            var now = after.GetValueOrDefault(key)?.Display;
            if (old != now) Audit(actor, cycle, subject, reason is null ? "修改评分" : "申诉改分", "评分表", FormKey(cycle, subject, form), key, old, now, reason);
        }
    }

    private void Audit(Actor actor, AppraisalCycle cycle, CycleSubject? subject, string action, string entity, string key, string? field,
        string? oldValue, string? newValue, string? reason) =>
        db.AuditEntries.Add(AuditLine(actor, cycle, subject, action, entity, key, field, oldValue, newValue, reason));

    /// <summary>An audit entry not yet added to the context (a whole cycle's are written at once).</summary>
    private AuditEntry AuditLine(Actor actor, AppraisalCycle cycle, CycleSubject? subject, string action, string entity, string key, string? field,
        string? oldValue, string? newValue, string? reason) =>
        AuditLog.New(Now(), actor.UserName,
            new AuditNote(action, entity, key, field, oldValue, newValue, reason, cycle.Id == 0 ? null : cycle.Id, subject?.UnitId), actor.Ip);

    /// <summary>
    /// Saves a change to a whole cycle (release, a re-score, new grade bands, publication, cancellation): its results and
    /// audit lines set-based (<see cref="BulkWriter"/>: ten thousand rows are one statement, not ten thousand), then the
    /// rest through EF, all in the caller's transaction. A result changed meanwhile is the same conflict as in
    /// <see cref="SaveOrConflict"/>. <paramref name="untracked"/> writes what the caller read without tracking, first.
    /// </summary>
    private void SaveCycleWide(string message, Action? untracked = null)
    {
        try
        {
            untracked?.Invoke();
            BulkWriter.Flush(db, typeof(CycleSubject), typeof(AuditEntry));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CycleException(message, 409);
        }
        // Changes were detected once, by the flush: the rest is a few entities.
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            SaveOrConflict(message);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    private void SaveOrConflict(string message)
    {
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CycleException(message, 409);
        }
    }

    private static string Key(AppraisalCycle c) => "考核" + c.Id.ToString(CultureInfo.InvariantCulture);

    private static string FormKey(AppraisalCycle c, CycleSubject s, RatingForm f) => $"{Key(c)}/{s.Code}/{f.Role}";

    private static string? Text(decimal? d) => d is { } v ? Fmt.Num(v) : null;

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    /// <summary>A moment in China time (the users' clock), for messages.</summary>
    private static string Local(DateTime? utc) => utc is { } u ? u.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）" : "";

    private static string PeriodWord(DataPeriodKind k) => k switch
    {
        DataPeriodKind.Month => "月",
        DataPeriodKind.Quarter => "季度",
        _ => "年",
    };

    // The highest month is 历史最佳 only where higher is better (unknown outside a baseline rule: say what it is).
    private static string BaselineWord(BaselineSource s, Direction? direction) => s switch
    {
        BaselineSource.HistoricalMin => "历史最低",
        BaselineSource.HistoricalMax => direction == Direction.HigherIsBetter ? "历史最佳" : "历史最高",
        BaselineSource.PreviousPeriod => "上期",
        BaselineSource.SamePeriodLastYear => "去年同期",
        _ => "方案给定",
    };

    private static CycleException Problems(string title, List<AppraisalProblem> problems) =>
        new($"{title}（{problems.Count} 处）", 400, [.. problems.Select(p => p.ToString())]);
}
