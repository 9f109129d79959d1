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

/// <summary>Release, confirmation or appeal, resolution and publication of the results.</summary>
public sealed partial class CycleService
{
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
        // Read without tracking: a large cycle's results are written set-based below, not through the change tracker.
        var subjects = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycle.Id).OrderBy(s => s.Code).ToList();
        var versions = subjects.ToDictionary(s => s.Id, s => s.Version);
        NotAboutSelf(actor, subjects, "计算并发布其结果");
        var ids = subjects.Select(s => s.Id).ToList();
        var forms = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList();
        var open = forms.Where(f => f.Status == FormStatus.Draft).ToList();
        if (open.Count > 0 && !request.AllowMissing)
            throw new CycleException($"还有 {open.Count} 张评分表未提交；确认要按缺评处理时请勾选“允许缺评”", 409,
                [.. open.Select(f => $"{subjects.First(s => s.Id == f.CycleSubjectId).Name}：{f.Role}")]);
        var lines = Compute(actor, cycle, subjects, forms, "计算结果", null);
        var computed = subjects.Where(s => s.Version != versions[s.Id]).ToList();
        cycle.Status = CycleStatus.Confirming;
        cycle.ReleasedAt = Now();
        cycle.ConfirmDeadline = cycle.ReleasedAt.Value.AddDays(cycle.ConfirmDays);
        cycle.Version++;
        Audit(actor, cycle, null, "发布结果", "考核", Key(cycle), "状态", CycleWords.Status(CycleStatus.Rating), CycleWords.Status(CycleStatus.Confirming),
            open.Count > 0 ? $"允许缺评：{open.Count} 张评分表未提交" : null);
        SaveCycleWide("考核状态已被他人更改，请刷新后重试",
            () =>
            {
                BulkWriter.Update(db, computed, ResultColumns, s => [versions[s.Id]]);
                BulkWriter.Insert(db, lines);
                // A copy of these rows this context tracks from before (a page or command that showed the cycle) is stale
                // now: let the next query read them again.
                foreach (var stale in db.ChangeTracker.Entries<CycleSubject>().Where(e => e.Entity.CycleId == cycle.Id).ToList())
                    stale.State = EntityState.Detached;
            });
        tx.Commit();
        return Summary(cycle, ScopeUnits(actor));
    }

    /// <summary>What <see cref="Compute"/> may change of a subject.</summary>
    private static readonly string[] ResultColumns =
    [
        nameof(CycleSubject.Rank), nameof(CycleSubject.UnitRank), nameof(CycleSubject.RankAmount), nameof(CycleSubject.Money),
        nameof(CycleSubject.Total), nameof(CycleSubject.Grade), nameof(CycleSubject.Payout), nameof(CycleSubject.ResultJson),
        nameof(CycleSubject.Confirmation), nameof(CycleSubject.AnsweredAt), nameof(CycleSubject.ConfirmDeadline), nameof(CycleSubject.Version),
    ];

    /// <summary>Scores every subject of the cycle from the submitted forms and stores the results; audit of every changed total, grade and payout.</summary>
    /// <returns>The audit lines of the changed results, not yet added to the context: the caller writes them (<see cref="BulkWriter.Insert{T}"/>).</returns>
    private List<AuditEntry> Compute(Actor actor, AppraisalCycle cycle, List<CycleSubject> subjects, List<RatingForm> forms, string action, string? reason,
        int? appellant = null, List<CycleSubject>? reopened = null)
    {
        var lines = new List<AuditEntry>(subjects.Count);
        reopened ??= [];
        var scheme = GradedScheme(cycle);
        // One lookup, not a search of every form per subject (quadratic in a large cycle).
        var submitted = forms.Where(f => f.Status == FormStatus.Submitted).ToLookup(f => f.CycleSubjectId);
        var inputs = subjects.Select(s =>
        {
            var shared = RawInputJson.FromJson(s.MetricsJson);
            var raters = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, RawInput>>(StringComparer.Ordinal);
            foreach (var f in submitted[s.Id])
            {
                var given = RawInputJson.FromJson(f.InputsJson);
                if (f.Role == SharedRole) shared = shared.SetItems(given);
                else raters[f.Role] = given;
            }
            var (own, rated) = DataAppraisal.WithBoundRatings(scheme, shared, raters.ToImmutable());
            return new SubjectInput(s.Code, own, rated, Extra(s), $"{s.Name}（{s.Code}）");
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
        var (ranks, unitRanks) = Standing(subjects, byCode);
        // Each result with its explanations as stored: independent of the others, so on every core.
        var jsons = new string[subjects.Count];
        Parallel.For(0, subjects.Count, i => jsons[i] = JsonSerializer.Serialize(byCode[subjects[i].Code], Json));
        var at = 0;
        foreach (var s in subjects)
        {
            var r = byCode[s.Code];
            var json = jsons[at++];
            if (s.Rank != ranks[s.Id] || s.UnitRank != unitRanks[s.Id])
            {
                Changed2("排名", s.Rank, ranks[s.Id]);
                Changed2("单位内排名", s.UnitRank, unitRanks[s.Id]);
                s.Rank = ranks[s.Id];
                s.UnitRank = unitRanks[s.Id];
                s.Version++;
            }
            s.RankAmount = r.RankAmount;
            s.Money = r.Money;
            void Changed2(string field, int? old, int? now)
            {
                // Only a standing that moved on an already computed result is worth a line of its own.
                if (old != now && s.ResultJson is not null && old is not null)
                    lines.Add(AuditLine(actor, cycle, s, action, "考核结果", Key(cycle) + "/" + s.Code, field, old?.ToString(CultureInfo.InvariantCulture), now?.ToString(CultureInfo.InvariantCulture), reason));
            }
            if (json == s.ResultJson) continue;
            var key = Key(cycle) + "/" + s.Code;
            var before = s.ResultJson is null ? null : JsonSerializer.Deserialize<SubjectResult>(s.ResultJson, Json);
            var changes = 0;
            void Changed(string field, string? old, string? now)
            {
                if (old == now) return;
                lines.Add(AuditLine(actor, cycle, s, action, "考核结果", key, field, old, now, reason));
                changes++;
            }
            if (before is null)
            {
                // The first computation: one entry with every figure (a large cycle writes one line per person, not five).
                lines.Add(AuditLine(actor, cycle, s, action, "考核结果", key, "结果", null, string.Join("；", new[]
                {
                    $"总分 {Text(r.Total)}", r.Grade is { } g ? $"等级 {g}" : null, r.Payout is { } p ? $"绩效奖金 {Text(p)}" : null,
                    r.Money is { } m ? $"奖金金额 {Text(m)}" : null, r.RankAmount is { } ra ? $"排名奖罚 {Text(ra)}" : null, r.Vetoed ? "否决" : null,
                }.Where(x => x is not null)), reason));
                changes++;
            }
            else
            {
                Changed("总分", Text(s.Total), Text(r.Total));
                Changed("等级", s.Grade, r.Grade);
                Changed("绩效奖金", Text(s.Payout), Text(r.Payout));
                Changed("奖金金额", Text(before.Money), Text(r.Money));
                Changed("排名奖罚", Text(before.RankAmount), Text(r.RankAmount));
                Changed("否决", before.Vetoed ? "是" : "否", r.Vetoed ? "是" : "否");
            }
            // Only the explanations or an indicator's score changed (a peer average moved): still a changed result.
            if (before is not null && changes == 0) Changed("评分明细", "原计算", "重新计算");
            s.Total = r.Total;
            s.Grade = r.Grade;
            s.Payout = r.Payout;
            s.ResultJson = json;
            s.Version++;
            if (before is not null && s.Id != appellant && ReopenConfirmation(actor, cycle, s)) reopened.Add(s);
        }
        return lines;
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
        if (cycle.Status != CycleStatus.Confirming) throw new CycleException(cycle.Status == CycleStatus.Rating ? "结果尚未发布" : $"考核{CycleWords.Status(cycle.Status)}，不能再确认或申诉", 409);
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
        List<AuditEntry> lines = [];
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
                if (errors.Count > 0) throw new CycleException($"“{form.Role}”评分表有问题，未改分", 400, fields: errors);
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
            lines = Compute(actor, cycle, all, db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList(), "申诉改分", reason,
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
        SaveCycleWide("结果已被他人处理或更新，请刷新", () => BulkWriter.Insert(db, lines));
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
            throw new CycleException(cycle.Status == CycleStatus.Rating ? "请先发布结果，让被考核人确认" : $"考核{CycleWords.Status(cycle.Status)}", 409);
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
        var check = CheckDistribution(cycle, [.. subjects.Where(s => s.Total is not null).Select(s => s.Grade)]);
        if (check is { Ok: false })
        {
            var why = request.DistributionReason?.Trim();
            if (string.IsNullOrEmpty(why))
                throw new CycleException("等级分布不符合本次考核的要求：可调整等级标准，或写明原因后仍然发布", 409, [.. check.Breaches.Select(b => b.Message)]);
            if (why.Length > 2000) throw new CycleException("原因最多 2000 字");
            cycle.DistributionOverride = why;
            Audit(actor, cycle, null, "等级分布不符仍发布", "考核", Key(cycle), "等级分布", string.Join("；", check.Breaches.Select(b => b.Message)), "仍然发布", why);
        }
        cycle.Status = CycleStatus.Published;
        cycle.PublishedAt = Now();
        cycle.Version++;
        Kaohe.Data.Results.ConsequenceFinder.OnPublish(db, cycle, GradedScheme(cycle), subjects, actor.UserName, actor.Ip, Now());
        Audit(actor, cycle, null, "发布考核", "考核", Key(cycle), "状态", CycleWords.Status(CycleStatus.Confirming), CycleWords.Status(CycleStatus.Published), null);
        SaveCycleWide("考核状态已被他人更改，请刷新后重试");
        tx.Commit();
        return Summary(cycle, ScopeUnits(actor));
    }
}
