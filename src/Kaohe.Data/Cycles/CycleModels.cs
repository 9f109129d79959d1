using System.Text.Json;
using Kaohe.Core.Scoring;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>Who is acting: the signed-in account with its role and the part of the organisation it covers.</summary>
public sealed record Actor(int AccountId, string UserName, string DisplayName, AccountRole Role, int? UnitId, int? StaffId)
{
    /// <summary>The actor of an account.</summary>
    public static Actor Of(Account a, string? sessionId = null, string? ip = null) =>
        new(a.Id, a.UserName, a.DisplayName, a.Role, a.UnitId, a.StaffId)
        {
            SessionId = sessionId, Ip = ip, MustChangePassword = a.MustChangePassword,
        };

    /// <summary>The session the actor acts in (web), for ending the others when the password changes.</summary>
    public string? SessionId { get; init; }

    /// <summary>The address the request came from, for the audit trail.</summary>
    public string? Ip { get; init; }

    /// <summary>
    /// The machine's user at the command line: whoever holds the database acts with an administrator's reach and
    /// needs no account (as <c>kaohe period</c> and <c>kaohe import</c> do); the audit trail names the login.
    /// </summary>
    public static Actor Machine(string user) => new(0, user, user, AccountRole.Admin, null, null);

    /// <summary>The account still has an initial password: nothing but changing it is allowed.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>True when <paramref name="subject"/> is about this person (by account or by staff member).</summary>
    public bool IsSubject(CycleSubject subject) =>
        subject.AppraiseeAccountId == AccountId || (StaffId is { } me && subject.PersonStaffId == me);

    /// <summary>Administrators and HR run cycles (within their units).</summary>
    public bool Manages => Role is AccountRole.Admin or AccountRole.Hr;

    /// <summary>Those who manage cycles and the read-only viewers: they see results, pay and consequences in their units.</summary>
    public bool Oversees => Manages || Role == AccountRole.Viewer;

    /// <summary>
    /// The units this user covers: the subtree of <see cref="UnitId"/> (from the closure table); null = the whole
    /// company (administrators, and accounts without a unit).
    /// </summary>
    public HashSet<int>? ScopeUnits(KaoheDb db) => Role == AccountRole.Admin || UnitId is not { } unit
        ? null
        : [.. db.UnitClosure.AsNoTracking().Where(c => c.AncestorId == unit).Select(c => c.DescendantId)];
}

/// <summary>Why a request was refused; <see cref="Status"/> is the HTTP status the API answers with.</summary>
public class CycleException(string message, int status = 400, IReadOnlyList<string>? details = null, IReadOnlyList<FieldProblem>? fields = null)
    : Exception(message)
{
    public int Status { get; } = status;
    /// <summary>One line per problem (indicator, subject), when there are several.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [.. (fields ?? []).Select(f => f.ToString())];
    /// <summary>The problems of a form, each at its field (an indicator's name, or 评语), so a page marks them where they are.</summary>
    public IReadOnlyList<FieldProblem> Fields { get; } = fields ?? [];

    public static CycleException NotFound(string what) => new($"{what}不存在，或你无权查看", 404);
    public static CycleException Forbidden(string message) => new(message, 403);
}

/// <summary>A problem at one field of a form: the indicator's name (or 评语) and what is wrong, in Chinese.</summary>
public sealed record FieldProblem(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}：{Message}";
}

/// <summary>
/// A save made on an older version of a form or result: refused, with the state that is now stored, so the user
/// can compare and keep their own input.
/// </summary>
public sealed class ConflictException(string message, object current) : CycleException(message, 409)
{
    public object Current { get; } = current;
}

/// <summary>Opening a cycle.</summary>
/// <param name="Scheme">A built-in template code (TPL-01) or the code of an own scheme.</param>
/// <param name="Period">2026-10, 2026-Q4 or 2026, matching the scheme's period.</param>
/// <param name="Subjects">Unit codes or 工号 (or names); empty = every subject of the scheme's kind in the actor's units.</param>
/// <param name="ConfirmDays">Days the appraisees have to confirm or appeal once results are released.</param>
/// <param name="Appraisees">Subject → login name of the account that confirms the result (default: the staff member's own account, or the head of the unit).</param>
/// <param name="Assignments">Raters other than the default (the appraisee for 自评, the supervisor otherwise).</param>
/// <param name="PayoutBases">Subject → bonus base (奖金基数) when the scheme takes it from the subject.</param>
/// <param name="DefaultPayoutBase">The bonus base of every subject not in <paramref name="PayoutBases"/>.</param>
/// <param name="StaffRole">For a person scheme without <paramref name="Subjects"/>: only staff of this post (客户经理).</param>
/// <param name="Replaces">A re-run: the cancelled cycle of the same scheme and period this one replaces.</param>
public sealed record OpenCycleRequest(
    string Scheme,
    string Period,
    string? Name = null,
    IReadOnlyList<string>? Subjects = null,
    int ConfirmDays = 3,
    IReadOnlyDictionary<string, string>? Appraisees = null,
    IReadOnlyList<AssignmentRequest>? Assignments = null,
    IReadOnlyDictionary<string, decimal>? PayoutBases = null,
    decimal? DefaultPayoutBase = null,
    string? StaffRole = null,
    int? Replaces = null);

/// <summary>Cancelling a cycle that is not published, with the reason (audited).</summary>
public sealed record CancelRequest(string Reason, int Version);

/// <summary>Who rates one subject in one rater role.</summary>
public sealed record AssignmentRequest(string Subject, string Role, string Rater);

/// <summary>Saving (or submitting) a form: the inputs by indicator, a comment, and the version the user started from.</summary>
public sealed record FormSave(JsonElement? Inputs, string? Comment, int Version);

/// <summary>An appeal: why the appraisee does not accept the result.</summary>
public sealed record AppealRequest(string Reason, int Version);

/// <summary>Confirming a result.</summary>
public sealed record ConfirmRequest(int Version);

/// <summary>HR's decision on an appeal: reject, or re-score with changed inputs of the subject's forms.</summary>
/// <param name="Decision"><c>reject</c> (驳回) or <c>rescore</c> (重新评分).</param>
/// <param name="Changes">For a re-score: form id → the indicators to change and their new values.</param>
public sealed record ResolveRequest(string Decision, string Reason, int Version, IReadOnlyDictionary<int, JsonElement>? Changes = null);

/// <summary>Releasing the results: with <see cref="AllowMissing"/>, forms not submitted are left out (the scheme's missing-rater rule applies).</summary>
public sealed record ReleaseRequest(int Version, bool AllowMissing = false);

/// <summary>Publishing (locking) a cycle; DistributionReason: why it is published although its grade distribution breaks the limits.</summary>
public sealed record PublishRequest(int Version, string? DistributionReason = null);

/// <summary>A cycle in a list.</summary>
public sealed record CycleSummary(
    int Id, string Name, string SchemeCode, string SchemeName, int SchemeVersion, string Period,
    CycleStatus Status, string StatusName, int Subjects, int FormsSubmitted, int Forms,
    DateTime? ConfirmDeadline, DateTime CreatedAt, string CreatedBy, int Version,
    string? CancelReason = null, int? ReplacesCycleId = null);

/// <summary>A rating form as HR's progress view lists it.</summary>
public sealed record FormRow(int Id, string Role, string Rater, string RaterName, FormStatus Status, string StatusName, DateTime? SavedAt, DateTime? SubmittedAt);

/// <summary>An appraisee of a cycle as HR sees it.</summary>
public sealed record SubjectRow(
    int Id, string Code, string Name, string? Appraisee, decimal? Total, string? Grade, decimal? Payout,
    ConfirmationStatus Confirmation, string ConfirmationName, string? AppealReason, string? Resolution,
    IReadOnlyList<FormRow> Forms, int Version, int? Rank = null, int? UnitRank = null, decimal? RankAmount = null);

/// <summary>A rater who has not submitted everything yet.</summary>
public sealed record PendingRater(string Rater, string RaterName, int Open, IReadOnlyList<string> Subjects);

/// <summary>A cycle with its appraisees, forms and who has not rated yet.</summary>
public sealed record CycleDetail(CycleSummary Cycle, IReadOnlyList<SubjectRow> Subjects, IReadOnlyList<PendingRater> NotRated);

/// <summary>One indicator on a rating form, as the paper form prints it.</summary>
/// <param name="Standard">The scoring standard (评分标准) in words.</param>
/// <param name="Options">The grade choices (优/良/中/差 …) of a grade rule, with their score ranges.</param>
/// <param name="Value">The value entered so far (JSON), or null.</param>
/// <param name="Data">Set for an item whose value comes from the customer base: shown in its place, not filled in.</param>
/// <param name="Manual">The source's rule is lost and the value is entered by hand (said once per form, not in each standard).</param>
public sealed record FormIndicator(
    string Name, string Section, decimal? Points, string? Weight, string Standard, string? Note, bool Optional,
    IReadOnlyList<GradeChoice> Options, JsonElement? Value, MetricRow? Data = null, bool Manual = false);

/// <summary>A grade choice of a grade rule.</summary>
public sealed record GradeChoice(string Word, decimal Min, decimal Max);

/// <summary>
/// A quantitative indicator filled from the customer base: value and baseline as the form words them (rates to
/// 2 decimals, "1.61%"), the exact values the score was computed from, and where they came from.
/// </summary>
public sealed record MetricRow(string Indicator, string Metric, string Scope, string Value, string? Baseline, string Source,
    string ExactValue, string? ExactBaseline)
{
    /// <summary>The target the rule compares with (目标 records, or the metric's denominator), rounded for display.</summary>
    public string? Target { get; init; }
    /// <summary>The target as the rule read it.</summary>
    public string? ExactTarget { get; init; }
    /// <summary>Whose records the value comes from (company = 0 id: the company unit), for the drill-down to the records.</summary>
    public ScopeKind ScopeKind { get; init; }
    /// <summary>The scope's id (unit or staff member; 0 for the company).</summary>
    public int ScopeId { get; init; }
}

/// <summary>A rater's 评语 on a submitted form, shown to the appraisee with the result.</summary>
public sealed record RaterComment(string Role, string Rater, string Comment);

/// <summary>A rating form: what the rater fills in, with the subject's metric values for reference.</summary>
public sealed record FormView(
    int Id, int CycleId, string CycleName, string Period, CycleStatus CycleStatus, string SchemeName,
    int SubjectId, string SubjectCode, string SubjectName,
    string Role, decimal? RoleWeight, string Rater, string RaterName,
    FormStatus Status, string StatusName, int Version, string? SavedBy, DateTime? SavedAt, DateTime? SubmittedAt, string? Comment,
    IReadOnlyList<FormIndicator> Indicators, IReadOnlyList<MetricRow> Metrics, IReadOnlyList<InputChange> Changes);

/// <summary>A submitted input changed by HR when resolving an appeal (申诉改分): who, when, what, old → new and why.</summary>
public sealed record InputChange(DateTime At, string By, string Role, string Indicator, string? OldValue, string? NewValue, string Reason);

/// <summary>A rater's submitted form that HR changed while resolving an appeal (shown on the rater's home page).</summary>
public sealed record RescoreNotice(int FormId, int CycleId, string CycleName, string SubjectCode, string SubjectName, string Role, IReadOnlyList<InputChange> Changes);

/// <summary>A to-do entry of a rater.</summary>
public sealed record FormTask(int Id, int CycleId, string CycleName, string Period, string SubjectCode, string SubjectName, string Role, FormStatus Status, string StatusName, DateTime? SavedAt);

/// <summary>An appraisee's result: total, grade, payout and every point explained, with the confirmation state.</summary>
public sealed record ResultView(
    int SubjectId, int CycleId, string CycleName, string SchemeName, string Period, CycleStatus CycleStatus,
    string SubjectCode, string SubjectName, decimal? Total, string? Grade, decimal? Payout,
    ConfirmationStatus Confirmation, string ConfirmationName, DateTime? ConfirmDeadline, bool CanAnswer,
    string? AppealReason, string? Resolution, string? ResolvedBy, IReadOnlyList<MetricRow> Metrics, SubjectResult? Result, int Version,
    IReadOnlyList<InputChange> Changes, IReadOnlyList<RaterComment> Comments);

/// <summary>An entry of the audit trail as HR views it.</summary>
public sealed record AuditRow(DateTime At, string Actor, string Action, string Entity, string EntityKey, string? Field, string? OldValue, string? NewValue, string? Reason);

/// <summary>Words for the states, as the UI shows them.</summary>
public static class CycleWords
{
    public static string Status(CycleStatus s) => s switch
    {
        CycleStatus.Rating => "评分中",
        CycleStatus.Confirming => "确认中",
        CycleStatus.Cancelled => "已取消",
        _ => "已发布",
    };

    public static string Form(FormStatus s) => s == FormStatus.Draft ? "草稿" : "已提交";

    public static string Confirmation(ConfirmationStatus s) => s switch
    {
        ConfirmationStatus.Pending => "待确认",
        ConfirmationStatus.Confirmed => "已确认",
        ConfirmationStatus.DeemedConfirmed => "逾期视为确认",
        ConfirmationStatus.Appealed => "申诉中",
        _ => "申诉已处理",
    };

}
