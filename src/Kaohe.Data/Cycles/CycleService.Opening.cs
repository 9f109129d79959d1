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

/// <summary>Opening a cycle: subjects, appraisee accounts, raters, the data-bound inputs frozen from the customer base.</summary>
public sealed partial class CycleService
{
    // ------------------------------------------------------------------ opening

    /// <summary>Opens a cycle; returns its id. Nothing is written when anything is wrong.</summary>
    public int Open(Actor actor, OpenCycleRequest request)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以开启考核");
        if (request.ConfirmDays is < 0 or > 60) throw new CycleException("确认期限应为 0–60 天");
        var version = CurrentVersion((request.Scheme ?? "").Trim(), actor.UserName);
        using var tx = db.Database.BeginTransaction();
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
            DataAppraisal.Find(subjects, null, key, out var shared) ?? throw new CycleException(shared.Count > 1
                ? $"{context}：有 {shared.Count} 个人叫“{key}”（{string.Join("、", shared.Select(s => s.Code))}），请用工号指明"
                : $"{context}：“{key}”不是本次考核的对象");

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
                // Stored once, shared; at release a rated item's value goes to each of its raters (DataAppraisal.WithBoundRatings).
                metricInputs[s.Code] = input.Inputs.Concat(input.Raters.Values.SelectMany(r => r)).Where(kv => bound.Contains(kv.Key))
                    .GroupBy(kv => kv.Key).ToImmutableDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        }

        var replaces = CheckNotAppraisedYet(subjects, version.SchemeCode, period.ToString(), request.Replaces);

        var missing = new List<string>();
        var cycle = new AppraisalCycle
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{scheme.Name} {period}" : request.Name.Trim(),
            SchemeVersionId = version.Id, Period = period.ToString(), Status = CycleStatus.Rating,
            ConfirmDays = request.ConfirmDays, CreatedBy = actor.UserName, CreatedAt = Now(), Version = 1,
            ReplacesCycleId = replaces?.Id,
        };
        if (cycle.Name.Length > 200) throw new CycleException("考核名称最多 200 个字");
        db.Cycles.Add(cycle);
        db.SaveChanges();
        var needsBase = scheme.Payout is { Base: null };
        var pendingForms = new List<(CycleSubject Row, string Role, int Rater)>();
        var rows = new List<CycleSubject>(subjects.Count);
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
                SchemeCode = version.SchemeCode, Period = cycle.Period, Active = true,
                UnitId = UnitOf(s), PersonStaffId = PersonOf(s), AppraiseeAccountId = appraisee?.Id, PayoutBase = payoutBase,
                MetricsJson = RawInputJson.ToJson(metricInputs.GetValueOrDefault(s.Code) ?? ImmutableDictionary<string, RawInput>.Empty),
                Version = 1,
            };
            rows.Add(row);
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
        SaveSubjects(cycle.Id, rows);
        // A form per subject and rater: tens of thousands of rows in a large company, written set-based, in this order.
        BulkWriter.Insert(db, [.. pendingForms.Select(f => new RatingForm { CycleSubjectId = f.Row.Id, Role = f.Role, RaterAccountId = f.Rater, Version = 1 })]);
        Audit(actor, cycle, null, "开启考核", "考核", Key(cycle), null, null, $"{scheme.Name}（{scheme.Id} 第 {version.Version} 版）{cycle.Period}，{subjects.Count} 个对象",
            replaces is null ? null : $"重新考核，替代已取消的“{replaces.Name}”（考核 {replaces.Id}）");
        db.SaveChanges();
        tx.Commit();
        return cycle.Id;
    }

    /// <summary>
    /// Writes the new cycle's subjects set-based and in order (a large company's are tens of thousands of rows) and
    /// gives each its key; the unique index of active appraisals decides between two HR users opening at once.
    /// </summary>
    private void SaveSubjects(int cycleId, List<CycleSubject> rows)
    {
        try
        {
            BulkWriter.Insert(db, rows);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw new CycleException("刚才已有人为这些对象开启了同一方案、同一期间的考核，请刷新考核列表", 409);
        }
        var ids = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId)
            .Select(s => new { s.Id, s.IsStaff, s.ScopeId }).ToDictionary(s => (s.IsStaff, s.ScopeId), s => s.Id);
        foreach (var r in rows) r.Id = ids[(r.IsStaff, r.ScopeId)];
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: "23505" }
        || e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    /// <summary>
    /// One appraisal per person (or unit), scheme and period: refuses subjects already in an active cycle of the same
    /// scheme and period, naming who and where. Someone whose appraisal was cancelled is appraised again only by an
    /// explicit re-run (<paramref name="replaces"/>, the cancelled cycle), so the history says why there are two.
    /// </summary>
    private AppraisalCycle? CheckNotAppraisedYet(IReadOnlyList<AppraisalSubject> subjects, string schemeCode, string period, int? replaces)
    {
        var staff = subjects.Where(s => s.Kind == ScopeKind.Staff).Select(s => s.ScopeId).ToList();
        var units = subjects.Where(s => s.Kind != ScopeKind.Staff).Select(s => s.ScopeId).ToList();
        var earlier = (from s in db.CycleSubjects.AsNoTracking()
                       join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                       where s.SchemeCode == schemeCode && s.Period == period
                             && ((s.IsStaff && staff.Contains(s.ScopeId)) || (!s.IsStaff && units.Contains(s.ScopeId)))
                       select new { s.Code, s.Name, s.Active, CycleId = c.Id, CycleName = c.Name, c.Status }).ToList();
        var active = earlier.Where(e => e.Active).ToList();
        if (active.Count > 0)
            throw new CycleException($"有 {active.Select(a => a.Code).Distinct().Count()} 个对象本期已按此方案考核，不能重复考核：请先取消原考核，或把他们从本次对象中去掉", 409,
                [.. active.Select(a => $"{a.Name}（{a.Code}）：已在“{a.CycleName}”（考核 {a.CycleId}，{CycleWords.Status(a.Status)}）中")]);
        AppraisalCycle? replaced = null;
        if (replaces is { } id)
        {
            replaced = db.Cycles.AsNoTracking().SingleOrDefault(c => c.Id == id) ?? throw new CycleException($"要替代的考核 {id} 不存在");
            if (replaced.Status != CycleStatus.Cancelled) throw new CycleException($"要替代的考核“{replaced.Name}”没有取消：只能重新考核已取消的考核");
            var code = db.SchemeVersions.AsNoTracking().Where(v => v.Id == replaced.SchemeVersionId).Select(v => v.SchemeCode).Single();
            if (code != schemeCode || replaced.Period != period)
                throw new CycleException($"要替代的考核“{replaced.Name}”是另一方案或另一期间（{code} {replaced.Period}）的");
        }
        var cancelled = earlier.Where(e => e.Status == CycleStatus.Cancelled && e.CycleId != replaced?.Id).ToList();
        if (cancelled.Count > 0)
            throw new CycleException("有对象本期的同一考核已取消：重新考核时请注明替代哪一次已取消的考核（“重新考核”）", 409,
                [.. cancelled.Select(a => $"{a.Name}（{a.Code}）：“{a.CycleName}”（考核 {a.CycleId}）已取消")]);
        return replaced;
    }

    /// <summary>
    /// Cancels a cycle that is not published yet, with a reason (audited): its forms and results stop counting, and
    /// its appraisees may be appraised again for the same scheme and period by a re-run.
    /// </summary>
    public CycleSummary Cancel(Actor actor, int cycleId, CancelRequest request)
    {
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length == 0) throw new CycleException("取消考核须写明原因");
        if (reason.Length > 2000) throw new CycleException("取消原因最多 2000 个字");
        using var tx = db.Database.BeginTransaction();
        CycleLock.Exclusive(db, cycleId);
        var cycle = ManagedCycle(actor, cycleId);
        if (cycle.Status == CycleStatus.Published) throw new CycleException("考核已发布，不能取消", 409);
        if (cycle.Status == CycleStatus.Cancelled) throw new CycleException("考核已取消", 409);
        if (cycle.Version != request.Version) throw new CycleException("考核状态已被他人更改，请刷新后重试", 409);
        var subjects = db.CycleSubjects.Where(s => s.CycleId == cycle.Id).ToList();
        NotAboutSelf(actor, subjects, "取消它");
        foreach (var s in subjects) s.Active = false;
        Audit(actor, cycle, null, "取消考核", "考核", Key(cycle), "状态", CycleWords.Status(cycle.Status), CycleWords.Status(CycleStatus.Cancelled), reason);
        cycle.Status = CycleStatus.Cancelled;
        cycle.CancelledAt = Now();
        cycle.CancelledBy = actor.UserName;
        cycle.CancelReason = reason;
        cycle.Version++;
        SaveCycleWide("考核状态已被他人更改，请刷新后重试");
        tx.Commit();
        return Summary(cycle, ScopeUnits(actor));
    }

    /// <summary>The forms each appraisee gets: one per rater role that rates an indicator, and one for the hand-entered rest.</summary>
    public static IReadOnlyList<string> FormRoles(Scheme scheme)
    {
        var roles = scheme.Raters.Select(r => r.Name).Where(r => scheme.Indicators.Any(i => i.RatedBy.Contains(r) && i.Metric is null)).ToList();
        if (scheme.Indicators.Any(i => i.RatedBy.IsEmpty && i.Metric is null)) roles.Add(SharedRole);
        return roles;
    }

    /// <summary>The indicators a form of <paramref name="role"/> holds.</summary>
    public static IEnumerable<Indicator> FormIndicators(Scheme scheme, string role) => role == SharedRole
        ? scheme.Indicators.Where(i => i.RatedBy.IsEmpty && i.Metric is null)
        : scheme.Indicators.Where(i => i.RatedBy.Contains(role) && i.Metric is null);
}
