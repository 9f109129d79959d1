namespace Kaohe.Data.Model;

/// <summary>
/// A stored version of a scheme (its YAML). Built-in templates are stored the first time a cycle uses them and
/// again whenever their text changes; own schemes get a new version on every save. A cycle points at the version
/// it was opened with, so later edits never change a running or published appraisal.
/// </summary>
public sealed class SchemeVersion
{
    public int Id { get; set; }
    /// <summary>The scheme's code (TPL-01, or the id of an own scheme).</summary>
    public string SchemeCode { get; set; } = "";
    /// <summary>1, 2, … per <see cref="SchemeCode"/>.</summary>
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string Yaml { get; set; } = "";
    /// <summary>A built-in template (read-only in the UI) rather than an own scheme.</summary>
    public bool Builtin { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>Where a cycle is in its workflow.</summary>
public enum CycleStatus
{
    /// <summary>评分中: raters fill in and submit their forms.</summary>
    Rating = 0,
    /// <summary>确认中: results are computed and shown to the appraisees, who confirm or appeal before the deadline.</summary>
    Confirming = 1,
    /// <summary>已发布: locked; nothing changes any more.</summary>
    Published = 2,
    /// <summary>已取消: stopped before publication (with a reason); its appraisees may be appraised again by a re-run.</summary>
    Cancelled = 3,
}

/// <summary>An appraisal cycle: one scheme version, one period, a set of appraisees.</summary>
public sealed class AppraisalCycle
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int SchemeVersionId { get; set; }
    /// <summary>The period as text (2026-10, 2026-Q4, 2026).</summary>
    public string Period { get; set; } = "";
    public CycleStatus Status { get; set; }
    /// <summary>Days the appraisees have to confirm or appeal once results are released.</summary>
    public int ConfirmDays { get; set; }
    /// <summary>When the results were released (status 确认中).</summary>
    public DateTime? ReleasedAt { get; set; }
    /// <summary>Past this moment an unanswered result counts as confirmed (the seeds: 不签名则视为默认).</summary>
    public DateTime? ConfirmDeadline { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>Changed on every status change, so two HR users cannot release or publish over each other.</summary>
    public int Version { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>The cancelled cycle this one re-runs, when it was opened as a re-run.</summary>
    public int? ReplacesCycleId { get; set; }
    /// <summary>HR's grade bands for this cycle (JSON of bands, highest first) instead of the scheme's; null = the scheme's.</summary>
    public string? GradeBandsJson { get; set; }
    /// <summary>The forced-distribution limits (强制分布) checked before publication (JSON); null = none.</summary>
    public string? DistributionJson { get; set; }
    /// <summary>Why the cycle was published although its grade distribution broke the limits.</summary>
    public string? DistributionOverride { get; set; }
}

/// <summary>How an appraisee has answered a released result.</summary>
public enum ConfirmationStatus
{
    /// <summary>Not released yet, or released and not answered.</summary>
    Pending = 0,
    /// <summary>确认: the appraisee accepted the result.</summary>
    Confirmed = 1,
    /// <summary>视为确认: the deadline passed without an answer.</summary>
    DeemedConfirmed = 2,
    /// <summary>申诉中: the appraisee appealed; HR has to resolve it.</summary>
    Appealed = 3,
    /// <summary>申诉已处理: HR re-scored or rejected the appeal.</summary>
    Resolved = 4,
}

/// <summary>One appraisee (an org unit or a staff member) of a cycle, with the metric inputs and the result.</summary>
public sealed class CycleSubject
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    /// <summary>The subject is a staff member (else an org unit).</summary>
    public bool IsStaff { get; set; }
    /// <summary>The scheme's code and the period (copied from the cycle): one active appraisal per subject, scheme and period.</summary>
    public string SchemeCode { get; set; } = "";
    public string Period { get; set; } = "";
    /// <summary>False once the cycle is cancelled (or for an older duplicate from before the rule): not counted as an appraisal.</summary>
    public bool Active { get; set; } = true;
    /// <summary>Staff id or unit id.</summary>
    public int ScopeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The unit the subject belongs to (the unit itself for a unit), for scoping by org unit.</summary>
    public int UnitId { get; set; }
    /// <summary>
    /// The person this appraisal is about: the staff member, or for an org unit its head at opening. Nobody may
    /// rate (other than 自评), resolve, release or publish an appraisal about themselves.
    /// </summary>
    public int? PersonStaffId { get; set; }
    /// <summary>The account that sees this result and confirms or appeals it.</summary>
    public int? AppraiseeAccountId { get; set; }
    /// <summary>The bonus base (奖金基数) when the scheme's payout takes it from the subject.</summary>
    public decimal? PayoutBase { get; set; }
    /// <summary>The metric-bound indicators as taken from the customer base at opening: JSON of indicator → value, baseline, source.</summary>
    public string MetricsJson { get; set; } = "{}";
    /// <summary>The computed result (JSON of the engine's result with every explanation); null before computing.</summary>
    public string? ResultJson { get; set; }
    public decimal? Total { get; set; }
    public string? Grade { get; set; }
    public decimal? Payout { get; set; }
    /// <summary>Rank in the cycle by total (competition ranking: ties share the best rank); null without a total.</summary>
    public int? Rank { get; set; }
    /// <summary>Rank among the cycle's appraisees of the same unit.</summary>
    public int? UnitRank { get; set; }
    /// <summary>The scheme's ranking reward (+) or penalty (−) in 元 (RK), when any.</summary>
    public decimal? RankAmount { get; set; }
    /// <summary>Other money lines of the result in 元 (items scored in 元: deductions, rewards).</summary>
    public decimal? Money { get; set; }
    public ConfirmationStatus Confirmation { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>
    /// This subject's own deadline when its result changed after release (a re-score of the cycle) and its
    /// confirmation was reopened; otherwise the cycle's <see cref="AppraisalCycle.ConfirmDeadline"/> applies.
    /// </summary>
    public DateTime? ConfirmDeadline { get; set; }
    public string? AppealReason { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>Concurrency token: an answer or a resolution made on an older state is refused.</summary>
    public int Version { get; set; }
}

/// <summary>Whether a rating form is still being worked on.</summary>
public enum FormStatus
{
    /// <summary>草稿: saved, may change.</summary>
    Draft = 0,
    /// <summary>已提交: locked for the rater; counts in the result.</summary>
    Submitted = 1,
}

/// <summary>
/// The form one rater fills in for one appraisee: the indicators of one rater role (自评, 直接上级 …), or, for a
/// scheme without rater roles, every indicator that is entered by hand (role 考核人).
/// </summary>
public sealed class RatingForm
{
    public int Id { get; set; }
    public int CycleSubjectId { get; set; }
    /// <summary>The scheme's rater role, or <c>考核评分</c> (CycleService.SharedRole) for the shared inputs.</summary>
    public string Role { get; set; } = "";
    public int RaterAccountId { get; set; }
    /// <summary>The inputs as JSON: indicator → value (the format of <c>kaohe score</c>'s inputs).</summary>
    public string InputsJson { get; set; } = "{}";
    public string? Comment { get; set; }
    public FormStatus Status { get; set; }
    public DateTime? SavedAt { get; set; }
    public string? SavedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    /// <summary>Concurrency token, raised on every save: a save made on an older version is refused, never merged silently.</summary>
    public int Version { get; set; }
}
