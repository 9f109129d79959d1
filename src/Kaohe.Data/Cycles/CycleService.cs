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

/// <summary>
/// The appraisal workflow (C5): open a cycle for a scheme version, a period and its appraisees; raters fill in
/// and submit their forms (drafts, optimistic concurrency); HR releases the computed results; appraisees confirm
/// or appeal before a deadline (silence counts as confirmation); HR resolves appeals; publishing locks the cycle.
/// Every method checks what the actor may see and do, and every change to a score, grade or deduction is written
/// to the audit trail in the same transaction as the change.
/// </summary>
public sealed class CycleService(KaoheDb db, TimeProvider? clock = null)
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
    /// built-in template's current text (stored as a new version when it differs from the last stored one).
    /// </summary>
    public SchemeVersion CurrentVersion(string code, string actor)
    {
        var template = SchemeCatalog.Find(code);
        var schemeCode = template?.Id ?? code;
        var latest = db.SchemeVersions.Where(v => v.SchemeCode == schemeCode).OrderByDescending(v => v.Version).FirstOrDefault();
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
        return version;
    }

    // ------------------------------------------------------------------ opening

    /// <summary>Opens a cycle; returns its id. Nothing is written when anything is wrong.</summary>
    public int Open(Actor actor, OpenCycleRequest request)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以开启考核");
        if (request.ConfirmDays is < 0 or > 60) throw new CycleException("确认期限应为 0–60 天");
        using var tx = db.Database.BeginTransaction();
        var version = CurrentVersion((request.Scheme ?? "").Trim(), actor.UserName);
        if (version.Id == 0) db.SaveChanges();
        var scheme = SchemeStore.Parse(version.Yaml, $"{version.SchemeCode} v{version.Version}");
        if (!DataPeriod.TryParse(request.Period, out var period))
            throw new CycleException($"无法识别的期间“{request.Period}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）");
        var expected = scheme.Period switch
        {
            PeriodKind.Month => DataPeriodKind.Month,
            PeriodKind.Quarter => DataPeriodKind.Quarter,
            PeriodKind.Year => DataPeriodKind.Year,
            _ => (DataPeriodKind?)null,
        };
        if (expected is { } kind && period.Kind != kind)
            throw new CycleException($"方案 {scheme.Id} 按{PeriodWord(kind)}考核，期间“{request.Period}”不是{PeriodWord(kind)}");
        if (scheme.Raters.Any(r => r.Name == SharedRole))
            throw new CycleException($"方案的评分人角色不能叫“{SharedRole}”（系统保留）");

        var problems = new List<AppraisalProblem>();
        var subjects = DataAppraisal.Subjects(db, scheme, request.Subjects, string.IsNullOrWhiteSpace(request.StaffRole) ? null : request.StaffRole.Trim(), problems);
        if (problems.Count > 0) throw Problems("考核对象有误", problems);
        var staff = db.Staff.AsNoTracking().Where(s => s.LeftOn == null)
            .Select(s => new { s.Id, s.UnitId, s.SupervisorId, s.EmployeeNo, s.Name }).ToDictionary(s => s.Id);
        var accountsByStaff = db.Accounts.AsNoTracking().Where(a => a.StaffId != null && !a.Disabled)
            .OrderBy(a => a.Id).AsEnumerable().GroupBy(a => a.StaffId!.Value).ToDictionary(g => g.Key, g => g.First());
        var scope = ScopeUnits(actor);
        int UnitOf(AppraisalSubject s) => s.Kind == ScopeKind.Staff ? staff[s.ScopeId].UnitId : s.ScopeId;
        var outside = subjects.Where(s => scope is not null && !scope.Contains(UnitOf(s))).ToList();
        if (request.Subjects is { Count: > 0 } && outside.Count > 0)
            throw CycleException.Forbidden($"你只能考核所管单位内的对象：{string.Join("、", outside.Select(s => s.Name))} 不在其中");
        subjects = [.. subjects.Where(s => !outside.Contains(s))];
        if (subjects.Count == 0) throw new CycleException("没有可考核的对象：请先导入组织与员工，或检查所选对象");

        // The head of a unit: its one staff member whose supervisor is outside the unit (or who has none).
        var heads = staff.Values
            .Where(s => s.SupervisorId is not { } sup || !staff.TryGetValue(sup, out var boss) || boss.UnitId != s.UnitId)
            .GroupBy(s => s.UnitId).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        int? HeadOf(int unitId) => heads.TryGetValue(unitId, out var head) ? head : null;
        int? PersonOf(AppraisalSubject s) => s.Kind == ScopeKind.Staff ? s.ScopeId : HeadOf(s.ScopeId);
        int? SupervisorOf(AppraisalSubject s) => PersonOf(s) is { } p && staff.TryGetValue(p, out var st) ? st.SupervisorId : null;
        Account? AccountOfStaff(int? staffId) => staffId is { } id && accountsByStaff.TryGetValue(id, out var a) ? a : null;

        var named = new Dictionary<string, Account>(StringComparer.OrdinalIgnoreCase);
        Account Named(string userName, string context)
        {
            if (named.TryGetValue(userName, out var known)) return known;
            var normalized = AccountStore.Normalize(userName);
            var a = db.Accounts.AsNoTracking().SingleOrDefault(x => x.NormalizedUserName == normalized && !x.Disabled)
                    ?? throw new CycleException($"{context}：没有登录名为“{userName}”的可用账号");
            return named[userName] = a;
        }
        AppraisalSubject Find(string key, string context) =>
            subjects.FirstOrDefault(s => s.Code == key) ?? subjects.FirstOrDefault(s => s.Name == key)
            ?? throw new CycleException($"{context}：“{key}”不是本次考核的对象");

        // Nobody opens an appraisal of themselves (by person, whatever account they use).
        if (actor.StaffId is { } self && subjects.FirstOrDefault(s => PersonOf(s) == self) is { } mine)
            throw CycleException.Forbidden($"你不能开启考核自己的考核：{mine.Name}（{mine.Code}）{(mine.Kind == ScopeKind.Staff ? "是你本人" : "的负责人是你本人")}。请由其他考核管理员开启");

        var appraisees = new Dictionary<AppraisalSubject, Account?>();
        foreach (var s in subjects) appraisees[s] = AccountOfStaff(PersonOf(s));
        foreach (var (key, user) in request.Appraisees ?? new Dictionary<string, string>())
        {
            var s = Find(key, "被考核人账号");
            var account = Named(user, $"对象“{key}”的被考核人账号");
            // The account that sees and answers a result must be the person's own: for a person their account, for a
            // unit an account of someone in that unit.
            var own = s.Kind == ScopeKind.Staff
                ? account.StaffId == s.ScopeId
                : account.StaffId is { } st && staff.TryGetValue(st, out var member) && member.UnitId == s.ScopeId;
            if (!own)
                throw CycleException.Forbidden(s.Kind == ScopeKind.Staff
                    ? $"对象“{key}”的被考核人账号必须是{s.Name}（{s.Code}）本人的账号：“{account.UserName}”不是"
                    : $"对象“{key}”的被考核人账号必须属于{s.Name}的员工：“{account.UserName}”不是");
            appraisees[s] = account;
        }

        var roles = FormRoles(scheme);
        var chosen = new Dictionary<(AppraisalSubject, string), Account>();
        foreach (var a in request.Assignments ?? [])
        {
            var s = Find(a.Subject, "评分人安排");
            if (!roles.Contains(a.Role))
                throw new CycleException($"评分人安排：方案没有评分人角色“{a.Role}”，可选：{string.Join("、", roles)}");
            chosen[(s, a.Role)] = Named(a.Rater, $"对象“{a.Subject}”的“{a.Role}”");
        }
        foreach (var ((s, role), rater) in chosen)
        {
            if (role == SelfRole && rater.Id != appraisees[s]?.Id)
                throw new CycleException($"{s.Name}（{s.Code}）：“{SelfRole}”只能由被考核人本人填写，不能安排给“{rater.UserName}”");
        }

        var company = db.Units.AsNoTracking().Where(u => u.ParentId == null && u.Kind == UnitKind.Company).Select(u => u.Id).ToList();
        var metricInputs = new Dictionary<string, ImmutableDictionary<string, RawInput>>();
        if (scheme.Indicators.Any(i => i.Metric is not null))
        {
            if (company.Count != 1) throw new CycleException("组织中应有且只有一个公司（最上级单位），才能取公司口径的数据指标");
            var inputs = DataAppraisal.Inputs(scheme, period, subjects, new MetricStore(db), company[0],
                new Dictionary<string, SubjectInput>(), problems);
            var hard = problems.Where(p => !p.Message.StartsWith("缺少", StringComparison.Ordinal)).ToList();
            if (hard.Count > 0) throw Problems("无法从客户数据取得指标", hard);
            var bound = scheme.Indicators.Where(i => i.Metric is not null).Select(i => i.Name).ToHashSet();
            foreach (var (s, input) in subjects.Zip(inputs))
                metricInputs[s.Code] = input.Inputs.Where(kv => bound.Contains(kv.Key)).ToImmutableDictionary(StringComparer.Ordinal);
        }

        var missing = new List<string>();
        var cycle = new AppraisalCycle
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{scheme.Name} {period}" : request.Name.Trim(),
            SchemeVersionId = version.Id, Period = period.ToString(), Status = CycleStatus.Rating,
            ConfirmDays = request.ConfirmDays, CreatedBy = actor.UserName, CreatedAt = Now(), Version = 1,
        };
        if (cycle.Name.Length > 200) throw new CycleException("考核名称最多 200 个字");
        db.Cycles.Add(cycle);
        db.SaveChanges();
        var needsBase = scheme.Payout is { Base: null };
        var pendingForms = new List<(CycleSubject Row, string Role, int Rater)>();
        foreach (var s in subjects)
        {
            decimal? payoutBase = null;
            if (needsBase)
            {
                payoutBase = request.DefaultPayoutBase;
                if (request.PayoutBases is { } bases && (bases.TryGetValue(s.Code, out var b) || bases.TryGetValue(s.Name, out b))) payoutBase = b;
                if (payoutBase is { } pb && (pb < 0 || pb > MaxPayoutBase || decimal.Round(pb, 2) != pb))
                    throw new CycleException($"对象“{s.Name}”的奖金基数 {pb} 不合理：应在 0 到 {MaxPayoutBase:#,0} 元之间，最多两位小数");
            }
            var appraisee = appraisees[s];
            var row = new CycleSubject
            {
                CycleId = cycle.Id, IsStaff = s.Kind == ScopeKind.Staff, ScopeId = s.ScopeId, Code = s.Code, Name = s.Name,
                UnitId = UnitOf(s), PersonStaffId = PersonOf(s), AppraiseeAccountId = appraisee?.Id, PayoutBase = payoutBase,
                MetricsJson = RawInputJson.ToJson(metricInputs.GetValueOrDefault(s.Code) ?? ImmutableDictionary<string, RawInput>.Empty),
                Version = 1,
            };
            db.CycleSubjects.Add(row);
            foreach (var role in roles)
            {
                var rater = chosen.GetValueOrDefault((s, role))
                            ?? (role == SelfRole ? appraisee : AccountOfStaff(SupervisorOf(s)) ?? (role == SharedRole ? Named(actor.UserName, "开启人") : null));
                if (rater is null)
                {
                    missing.Add(role == SelfRole
                        ? $"{s.Name}（{s.Code}）：没有自己的账号，无法自评——请先为其建账号，或在“被考核人账号”中指定"
                        : $"{s.Name}（{s.Code}）：找不到“{role}”的评分人（直接上级没有账号）——请在评分人安排中指定");
                    continue;
                }
                if (role != SelfRole && ((appraisee is not null && rater.Id == appraisee.Id) || (rater.StaffId is { } rs && rs == PersonOf(s))))
                    throw CycleException.Forbidden($"{s.Name}（{s.Code}）：被考核人不能担任“{role}”给自己评分（自评除外）");
                pendingForms.Add((row, role, rater.Id));
            }
        }
        if (missing.Count > 0) throw new CycleException($"有 {missing.Count} 张评分表没有评分人", 400, missing);
        db.SaveChanges();
        foreach (var (row, role, rater) in pendingForms)
            db.RatingForms.Add(new RatingForm { CycleSubjectId = row.Id, Role = role, RaterAccountId = rater, Version = 1 });
        Audit(actor, cycle, null, "开启考核", "考核", Key(cycle), null, null, $"{scheme.Id} v{version.Version} {cycle.Period}，{subjects.Count} 个对象", null);
        db.SaveChanges();
        tx.Commit();
        return cycle.Id;
    }

    /// <summary>The forms each appraisee gets: one per rater role that rates an indicator, and one for the hand-entered rest.</summary>
    public static IReadOnlyList<string> FormRoles(Scheme scheme)
    {
        var roles = scheme.Raters.Select(r => r.Name).Where(r => scheme.Indicators.Any(i => i.RatedBy.Contains(r))).ToList();
        if (scheme.Indicators.Any(i => i.RatedBy.IsEmpty && i.Metric is null)) roles.Add(SharedRole);
        return roles;
    }

    /// <summary>The indicators a form of <paramref name="role"/> holds.</summary>
    public static IEnumerable<Indicator> FormIndicators(Scheme scheme, string role) => role == SharedRole
        ? scheme.Indicators.Where(i => i.RatedBy.IsEmpty && i.Metric is null)
        : scheme.Indicators.Where(i => i.RatedBy.Contains(role));

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
                s.Version);
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
        if (errors.Count > 0) throw new CycleException(submit ? "评分表有问题，未提交" : "评分表有问题，未保存", 400, errors);
        var comment = string.IsNullOrWhiteSpace(save.Comment) ? null : save.Comment.Trim();
        if (comment is { Length: > 4000 }) throw new CycleException("评语最多 4000 个字");

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
    private List<string> Validate(Scheme scheme, CycleSubject subject, string role, ImmutableDictionary<string, RawInput> inputs, bool complete)
    {
        var own = FormIndicators(scheme, role).ToList();
        var names = own.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var problems = inputs.Keys.Where(k => !names.Contains(k)).Select(k => $"“{k}”不是本表的指标").ToList();
        if (problems.Count > 0) return problems;
        if (complete)
            problems.AddRange(own.Where(i => !i.Optional && !inputs.ContainsKey(i.Name)).Select(i => $"{i.Name}：请填写"));
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
            .Select(e => $"{e.Indicator}：{(e.Value is null ? "" : $"“{e.Value}” ")}{e.Message}").Distinct());
        return problems;
    }

    // ------------------------------------------------------------------ results

    /// <summary>
    /// Computes every result and releases them to the appraisees, who then have <see cref="AppraisalCycle.ConfirmDays"/>
    /// days to confirm or appeal. Refused while forms are open (unless <see cref="ReleaseRequest.AllowMissing"/>) or
    /// when any input cannot be scored; then nothing changes.
    /// </summary>
    public CycleSummary Release(Actor actor, int cycleId, ReleaseRequest request)
    {
        using var tx = db.Database.BeginTransaction();
        CycleLock.Exclusive(db, cycleId);
        var cycle = ManagedCycle(actor, cycleId);
        if (cycle.Status != CycleStatus.Rating) throw new CycleException($"考核已{CycleWords.Status(cycle.Status)}，不能再发布结果", 409);
        if (cycle.Version != request.Version) throw new CycleException("考核状态已被他人更改，请刷新后重试", 409);
        var subjects = db.CycleSubjects.Where(s => s.CycleId == cycle.Id).OrderBy(s => s.Code).ToList();
        NotAboutSelf(actor, subjects, "计算并发布其结果");
        var ids = subjects.Select(s => s.Id).ToList();
        var forms = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList();
        var open = forms.Where(f => f.Status == FormStatus.Draft).ToList();
        if (open.Count > 0 && !request.AllowMissing)
            throw new CycleException($"还有 {open.Count} 张评分表未提交；确认要按缺评处理时请勾选“允许缺评”", 409,
                [.. open.Select(f => $"{subjects.First(s => s.Id == f.CycleSubjectId).Name}：{f.Role}")]);
        Compute(actor, cycle, subjects, forms, "计算结果", null);
        cycle.Status = CycleStatus.Confirming;
        cycle.ReleasedAt = Now();
        cycle.ConfirmDeadline = cycle.ReleasedAt.Value.AddDays(cycle.ConfirmDays);
        cycle.Version++;
        Audit(actor, cycle, null, "发布结果", "考核", Key(cycle), "状态", CycleWords.Status(CycleStatus.Rating), CycleWords.Status(CycleStatus.Confirming),
            open.Count > 0 ? $"允许缺评：{open.Count} 张评分表未提交" : null);
        SaveOrConflict("考核状态已被他人更改，请刷新后重试");
        tx.Commit();
        return Summary(cycle, ScopeUnits(actor));
    }

    /// <summary>Scores every subject of the cycle from the submitted forms and stores the results; audit of every changed total, grade and payout.</summary>
    private void Compute(Actor actor, AppraisalCycle cycle, List<CycleSubject> subjects, List<RatingForm> forms, string action, string? reason,
        int? appellant = null, List<CycleSubject>? reopened = null)
    {
        reopened ??= [];
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var inputs = subjects.Select(s =>
        {
            var shared = RawInputJson.FromJson(s.MetricsJson);
            var raters = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, RawInput>>(StringComparer.Ordinal);
            foreach (var f in forms.Where(f => f.CycleSubjectId == s.Id && f.Status == FormStatus.Submitted))
            {
                var given = RawInputJson.FromJson(f.InputsJson);
                if (f.Role == SharedRole) shared = shared.SetItems(given);
                else raters[f.Role] = given;
            }
            return new SubjectInput(s.Code, shared, raters.ToImmutable(), Extra(s), $"{s.Name}（{s.Code}）");
        }).ToList();
        var outcome = ScoringEngine.ScoreAll(scheme, inputs);
        if (!outcome.IsSuccess)
        {
            var names = subjects.ToDictionary(s => s.Code, s => s.Name);
            throw new CycleException("有输入无法计分，结果未计算", 400,
                [.. outcome.Errors.Select(e => $"{names.GetValueOrDefault(e.Subject, e.Subject)}（{e.Subject}）"
                    + (e.Indicator is null ? "" : $" / {e.Indicator}") + (e.Value is null ? "" : $"“{e.Value}”") + $"：{e.Message}")]);
        }
        var byCode = outcome.Results.ToDictionary(r => r.Subject);
        foreach (var s in subjects)
        {
            var r = byCode[s.Code];
            var json = JsonSerializer.Serialize(r, Json);
            if (json == s.ResultJson) continue;
            var key = Key(cycle) + "/" + s.Code;
            var before = s.ResultJson is null ? null : JsonSerializer.Deserialize<SubjectResult>(s.ResultJson, Json);
            var changes = 0;
            void Changed(string field, string? old, string? now)
            {
                if (old == now) return;
                Audit(actor, cycle, s, action, "考核结果", key, field, old, now, reason);
                changes++;
            }
            Changed("总分", Text(s.Total), Text(r.Total));
            Changed("等级", s.Grade, r.Grade);
            Changed("绩效奖金", Text(s.Payout), Text(r.Payout));
            Changed("奖金金额", Text(before?.Money), Text(r.Money));
            Changed("排名", before?.Rank?.ToString(CultureInfo.InvariantCulture), r.Rank?.ToString(CultureInfo.InvariantCulture));
            Changed("排名奖罚", Text(before?.RankAmount), Text(r.RankAmount));
            Changed("否决", before?.Vetoed == true ? "是" : "否", r.Vetoed ? "是" : "否");
            // Only the explanations or an indicator's score changed (a peer average moved): still a changed result.
            if (before is not null && changes == 0) Changed("评分明细", "原计算", "重新计算");
            s.Total = r.Total;
            s.Grade = r.Grade;
            s.Payout = r.Payout;
            s.ResultJson = json;
            s.Version++;
            if (before is not null && s.Id != appellant && ReopenConfirmation(actor, cycle, s)) reopened.Add(s);
        }
    }

    /// <summary>
    /// A released result changed (another appraisee's re-score moved a peer average, a rank or a reward): the
    /// appraisee's answer no longer applies. Their confirmation is reopened with a new deadline of the cycle's
    /// <see cref="AppraisalCycle.ConfirmDays"/> days; an open appeal stays open (HR resolves it on the new figures).
    /// </summary>
    private bool ReopenConfirmation(Actor actor, AppraisalCycle cycle, CycleSubject s)
    {
        if (cycle.Status != CycleStatus.Confirming || s.Confirmation == ConfirmationStatus.Appealed) return false;
        var was = Effective(s.Confirmation, DeadlinePassed(cycle, s));
        s.Confirmation = ConfirmationStatus.Pending;
        s.AnsweredAt = null;
        s.ConfirmDeadline = Now().AddDays(cycle.ConfirmDays);
        Audit(actor, cycle, s, "结果变更待重新确认", "考核结果", Key(cycle) + "/" + s.Code, "确认状态", CycleWords.Confirmation(was),
            CycleWords.Confirmation(ConfirmationStatus.Pending), $"本人结果因重新计分而变化，须在 {Local(s.ConfirmDeadline)} 前重新确认或申诉");
        return true;
    }

    /// <summary>The appraisee accepts the result.</summary>
    public ResultView Confirm(Actor actor, int subjectId, ConfirmRequest request) =>
        Answer(actor, subjectId, request.Version, ConfirmationStatus.Confirmed, null);

    /// <summary>The appraisee appeals with a reason; HR has to resolve it before the cycle can be published.</summary>
    public ResultView Appeal(Actor actor, int subjectId, AppealRequest request)
    {
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length == 0) throw new CycleException("申诉须写明理由");
        if (reason.Length > 2000) throw new CycleException("申诉理由最多 2000 个字");
        return Answer(actor, subjectId, request.Version, ConfirmationStatus.Appealed, reason);
    }

    private ResultView Answer(Actor actor, int subjectId, int version, ConfirmationStatus answer, string? reason)
    {
        var subject = db.CycleSubjects.SingleOrDefault(s => s.Id == subjectId) ?? throw CycleException.NotFound("考核结果");
        var cycle = db.Cycles.AsNoTracking().Single(c => c.Id == subject.CycleId);
        if (subject.AppraiseeAccountId != actor.AccountId)
        {
            if (SeesResult(actor, subject, cycle)) throw CycleException.Forbidden("只有被考核人本人可以确认或申诉");
            throw CycleException.NotFound("考核结果");
        }
        if (cycle.Status != CycleStatus.Confirming) throw new CycleException(cycle.Status == CycleStatus.Rating ? "结果尚未发布" : "考核已发布，不能再确认或申诉", 409);
        if (DeadlinePassed(cycle, subject)) throw new CycleException($"确认期限（{Local(DeadlineOf(cycle, subject))}）已过，结果已视为确认", 409);
        if (subject.Confirmation != ConfirmationStatus.Pending)
            throw new CycleException($"你已{CycleWords.Confirmation(subject.Confirmation)}，不能再次提交", 409);
        if (version != subject.Version) throw new CycleException("结果已更新，请刷新后再确认或申诉", 409);
        Audit(actor, cycle, subject, answer == ConfirmationStatus.Confirmed ? "确认结果" : "提出申诉", "考核结果", Key(cycle) + "/" + subject.Code, "确认状态",
            CycleWords.Confirmation(subject.Confirmation), CycleWords.Confirmation(answer), reason);
        subject.Confirmation = answer;
        subject.AnsweredAt = Now();
        subject.AppealReason = reason;
        subject.Version++;
        SaveOrConflict("结果已更新，请刷新后再确认或申诉");
        return ResultOf(subject, cycle);
    }

    /// <summary>
    /// HR resolves an appeal: <c>reject</c> keeps the result; <c>rescore</c> changes the given inputs of the subject's
    /// forms and recomputes the cycle. Both need a reason; every change is in the audit trail with it.
    /// </summary>
    public ResultView Resolve(Actor actor, int subjectId, ResolveRequest request)
    {
        var cycleId = db.CycleSubjects.AsNoTracking().Where(s => s.Id == subjectId).Select(s => (int?)s.CycleId).SingleOrDefault()
                      ?? throw CycleException.NotFound("考核结果");
        using var tx = db.Database.BeginTransaction();
        // A re-score recomputes the whole cycle (ranks, peer averages): nothing else may change it meanwhile.
        CycleLock.Exclusive(db, cycleId);
        var subject = db.CycleSubjects.SingleOrDefault(s => s.Id == subjectId) ?? throw CycleException.NotFound("考核结果");
        var cycle = db.Cycles.Single(c => c.Id == subject.CycleId);
        if (!ManagesSubject(actor, subject))
        {
            if (actor.Manages && actor.IsSubject(subject)) throw CycleException.Forbidden("你不能处理自己的申诉：请由其他考核管理员处理");
            if (SeesResult(actor, subject, cycle)) throw CycleException.Forbidden("只有考核管理员可以处理申诉");
            throw CycleException.NotFound("考核结果");
        }
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length == 0) throw new CycleException("处理申诉须写明理由");
        if (reason.Length > 2000) throw new CycleException("处理理由最多 2000 个字");
        if (cycle.Status != CycleStatus.Confirming) throw new CycleException("只有确认中的考核可以处理申诉", 409);
        if (subject.Confirmation != ConfirmationStatus.Appealed) throw new CycleException("该结果没有待处理的申诉", 409);
        if (request.Version != subject.Version) throw new CycleException("结果已被他人处理或更新，请刷新", 409);
        var decision = (request.Decision ?? "").Trim().ToLowerInvariant();
        string resolution;
        var reopened = new List<CycleSubject>();
        if (decision is "reject" or "驳回")
        {
            if (request.Changes is { Count: > 0 }) throw new CycleException("驳回申诉时不能改分；要改分请选择“重新评分”");
            resolution = "驳回：" + reason;
        }
        else if (decision is "rescore" or "重新评分")
        {
            if (request.Changes is not { Count: > 0 }) throw new CycleException("重新评分须至少修改一项评分");
            var scheme = SchemeOf(cycle.SchemeVersionId);
            var forms = db.RatingForms.Where(f => f.CycleSubjectId == subject.Id).ToList();
            foreach (var (formId, json) in request.Changes)
            {
                var form = forms.FirstOrDefault(f => f.Id == formId) ?? throw new CycleException($"评分表 {formId} 不属于该对象");
                var before = RawInputJson.FromJson(form.InputsJson);
                var after = before.SetItems(ReadInputs(json));
                var errors = Validate(scheme, subject, form.Role, after, complete: form.Status == FormStatus.Submitted);
                if (errors.Count > 0) throw new CycleException($"“{form.Role}”评分表有问题，未改分", 400, errors);
                if (after.Count == before.Count && after.All(kv => before.TryGetValue(kv.Key, out var b) && b.Display == kv.Value.Display))
                    throw new CycleException($"“{form.Role}”评分表没有任何改动：重新评分须至少改一项");
                AuditChanges(actor, form, subject, cycle, before, after, reason);
                form.InputsJson = RawInputJson.ToJson(after);
                form.SavedAt = Now();
                form.SavedBy = actor.UserName;
                form.Version++;
            }
            db.SaveChanges();
            var all = db.CycleSubjects.Where(s => s.CycleId == cycle.Id).OrderBy(s => s.Code).ToList();
            var ids = all.Select(s => s.Id).ToList();
            Compute(actor, cycle, all, db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList(), "申诉改分", reason,
                appellant: subject.Id, reopened: reopened);
            resolution = "重新评分：" + reason;
        }
        else throw new CycleException("处理方式应为 reject（驳回）或 rescore（重新评分）");
        Audit(actor, cycle, subject, "处理申诉", "考核结果", Key(cycle) + "/" + subject.Code, "确认状态", CycleWords.Confirmation(ConfirmationStatus.Appealed),
            CycleWords.Confirmation(ConfirmationStatus.Resolved), resolution);
        subject.Confirmation = ConfirmationStatus.Resolved;
        subject.Resolution = resolution;
        subject.ResolvedBy = actor.UserName;
        subject.ResolvedAt = Now();
        subject.Version++;
        SaveOrConflict("结果已被他人处理或更新，请刷新");
        tx.Commit();
        return ResultOf(subject, cycle);
    }

    /// <summary>
    /// Publishes and locks the cycle. Open appeals block it; so do unanswered results before the deadline. Past the
    /// deadline, unanswered results are recorded as confirmed (视为确认).
    /// </summary>
    public CycleSummary Publish(Actor actor, int cycleId, PublishRequest request)
    {
        using var tx = db.Database.BeginTransaction();
        CycleLock.Exclusive(db, cycleId);
        var cycle = ManagedCycle(actor, cycleId);
        if (cycle.Status != CycleStatus.Confirming)
            throw new CycleException(cycle.Status == CycleStatus.Rating ? "请先发布结果，让被考核人确认" : "考核已发布", 409);
        if (cycle.Version != request.Version) throw new CycleException("考核状态已被他人更改，请刷新后重试", 409);
        var subjects = db.CycleSubjects.Where(s => s.CycleId == cycle.Id).OrderBy(s => s.Code).ToList();
        NotAboutSelf(actor, subjects, "发布并锁定");
        var appealed = subjects.Where(s => s.Confirmation == ConfirmationStatus.Appealed).ToList();
        if (appealed.Count > 0)
            throw new CycleException($"还有 {appealed.Count} 个申诉未处理", 409, [.. appealed.Select(s => $"{s.Name}：{s.AppealReason}")]);
        var pending = subjects.Where(s => s.Confirmation == ConfirmationStatus.Pending).ToList();
        var waiting = pending.Where(s => !DeadlinePassed(cycle, s)).ToList();
        if (waiting.Count > 0)
            throw new CycleException($"还有 {waiting.Count} 人未确认，确认期限到 {Local(waiting.Max(s => DeadlineOf(cycle, s)))}；期限过后未确认的视为确认", 409,
                [.. waiting.Select(s => $"{s.Name}：期限 {Local(DeadlineOf(cycle, s))}")]);
        foreach (var s in pending)
        {
            Audit(actor, cycle, s, "视为确认", "考核结果", Key(cycle) + "/" + s.Code, "确认状态", CycleWords.Confirmation(ConfirmationStatus.Pending),
                CycleWords.Confirmation(ConfirmationStatus.DeemedConfirmed), $"确认期限 {Local(DeadlineOf(cycle, s))} 已过，未确认也未申诉");
            s.Confirmation = ConfirmationStatus.DeemedConfirmed;
            s.Version++;
        }
        cycle.Status = CycleStatus.Published;
        cycle.PublishedAt = Now();
        cycle.Version++;
        Audit(actor, cycle, null, "发布考核", "考核", Key(cycle), "状态", CycleWords.Status(CycleStatus.Confirming), CycleWords.Status(CycleStatus.Published), null);
        SaveOrConflict("考核状态已被他人更改，请刷新后重试");
        tx.Commit();
        return Summary(cycle, ScopeUnits(actor));
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
            c.ConfirmDeadline, c.CreatedAt, c.CreatedBy, c.Version);
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
        var indicators = scheme.Sections.SelectMany(sec => sec.Indicators.Where(own.Contains).Select(i =>
            new FormIndicator(i.Name, sec.Name, i.Points, i.Weight is { } w ? Fmt.Num(w * 100) + "%" : null, RuleDescriber.Describe(i), i.Note, i.Optional,
                i.Rule is GradeRule g ? [.. g.Options.Select(o => new GradeChoice(o.Word, o.Min, o.Max))] : [],
                values.RootElement.TryGetProperty(i.Name, out var v) ? v.Clone() : null))).ToList();
        return new FormView(form.Id, cycle.Id, cycle.Name, cycle.Period, cycle.Status, scheme.Name, subject.Id, subject.Code, subject.Name,
            form.Role, scheme.Raters.FirstOrDefault(r => r.Name == form.Role)?.Weight, rater.UserName, rater.DisplayName,
            form.Status, CycleWords.Form(form.Status), form.Version, form.SavedBy, form.SavedAt, form.SubmittedAt, form.Comment,
            indicators, Metrics(scheme, subject, cycle), form.Status == FormStatus.Submitted ? SubjectChanges(cycle, subject, form) : []);
    }

    private static List<MetricRow> Metrics(Scheme scheme, CycleSubject subject, AppraisalCycle cycle)
    {
        var stored = RawInputJson.FromJson(subject.MetricsJson);
        var rows = new List<MetricRow>();
        foreach (var ind in scheme.Indicators)
        {
            if (ind.Metric is not { } binding || !stored.TryGetValue(ind.Name, out var raw)) continue;
            var name = MetricCatalog.TryGet(binding.Code, out var def) ? def.Name : binding.Code;
            var scope = binding.Scope == MetricBindingScope.Company ? "全公司" : subject.Name;
            string value = raw.Display;
            string? baseline = null;
            if (raw is RawObject o)
            {
                value = o.Fields.GetValueOrDefault("value")?.Display ?? "";
                baseline = o.Fields.GetValueOrDefault("baseline")?.Display;
            }
            var source = $"客户数据：{name}（{binding.Code}），{scope}，{cycle.Period}";
            if (ind.Rule is BaselineRule b && baseline is not null) source += $"；基准为{BaselineWord(b.Source)}";
            rows.Add(new MetricRow(ind.Name, binding.Code, scope, value, baseline, source));
        }
        return rows;
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
            Metrics(scheme, s, cycle), result, s.Version, cycle.Status == CycleStatus.Rating ? [] : SubjectChanges(cycle, s));
    }

    /// <summary>
    /// What HR changed in this subject's submitted forms when resolving an appeal (申诉改分), oldest first: shown to the
    /// appraisee on the result and to each rater on their form, so nobody's input changes behind their back.
    /// </summary>
    private List<InputChange> SubjectChanges(AppraisalCycle cycle, CycleSubject s, RatingForm? only = null)
    {
        var keys = (only is null ? db.RatingForms.AsNoTracking().Where(f => f.CycleSubjectId == s.Id).Select(f => f.Role).ToList() : [only.Role])
            .Select(role => $"{Key(cycle)}/{s.Code}/{role}").ToHashSet(StringComparer.Ordinal);
        var prefix = Key(cycle) + "/" + s.Code + "/";
        return [.. db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "申诉改分" && a.Entity == "评分表" && (a.CycleId == cycle.Id || a.CycleId == null) && a.EntityKey.StartsWith(prefix))
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
        AuditLog.Add(db, Now(), actor.UserName,
            new AuditNote(action, entity, key, field, oldValue, newValue, reason, cycle.Id == 0 ? null : cycle.Id, subject?.UnitId), actor.Ip);

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

    private static string BaselineWord(BaselineSource s) => s switch
    {
        BaselineSource.HistoricalMin => "历史最低",
        BaselineSource.HistoricalMax => "历史最佳",
        BaselineSource.PreviousPeriod => "上期",
        BaselineSource.SamePeriodLastYear => "去年同期",
        _ => "方案给定",
    };

    private static CycleException Problems(string title, List<AppraisalProblem> problems) =>
        new($"{title}（{problems.Count} 处）", 400, [.. problems.Select(p => p.ToString())]);
}
