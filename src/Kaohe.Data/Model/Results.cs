namespace Kaohe.Data.Model;

/// <summary>What a rule over the published history prescribes (GR-01, GR-02).</summary>
public enum ConsequenceType
{
    /// <summary>警告或罚款: the second consecutive poor result (GR-02).</summary>
    WarningOrFine = 0,
    /// <summary>考虑调整工作岗位或解除劳动合同: the third poor result (GR-02).</summary>
    ReassignmentReview = 1,
    /// <summary>年度绩效封顶: the annual grade may not be above a grade (GR-01).</summary>
    AnnualGradeCap = 2,
}

/// <summary>Whether HR has acted on a consequence.</summary>
public enum ConsequenceStatus
{
    /// <summary>待处理.</summary>
    Open = 0,
    /// <summary>已处理: HR recorded what was done.</summary>
    Handled = 1,
}

/// <summary>
/// A consequence due from an appraisee's published history, found when a cycle was published (or a year rolled up):
/// a warning or fine, a reassignment review, a cap on the annual grade. HR acts on it and records what was done.
/// </summary>
public sealed class Consequence
{
    public int Id { get; set; }
    /// <summary>The published cycle whose result completed the sequence (null for one found by a roll-up).</summary>
    public int? CycleId { get; set; }
    public int? CycleSubjectId { get; set; }
    public bool IsStaff { get; set; }
    public int ScopeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int UnitId { get; set; }
    public int? PersonStaffId { get; set; }
    public string SchemeCode { get; set; } = "";
    /// <summary>The period whose result completed the sequence (2026-10, 2026-Q2).</summary>
    public string Period { get; set; } = "";
    /// <summary>The year an annual-grade cap applies to (GR-01); null otherwise.</summary>
    public int? CapYear { get; set; }
    public ConsequenceType Type { get; set; }
    public string Title { get; set; } = "";
    public string Explanation { get; set; } = "";
    public string? CapGrade { get; set; }
    public ConsequenceStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? HandledBy { get; set; }
    public DateTime? HandledAt { get; set; }
    public string? HandledNote { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A quarter or year result rolled up from an appraisee's published monthly or quarterly results of one scheme:
/// the total (weighted mean by default), the grade (with an annual cap applied), the parts and the explanation.
/// Computing it again replaces the figures (audited); it joins the results history.
/// </summary>
public sealed class RollupResult
{
    public int Id { get; set; }
    public bool IsStaff { get; set; }
    public int ScopeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int UnitId { get; set; }
    public int? PersonStaffId { get; set; }
    public string SchemeCode { get; set; } = "";
    public string SchemeName { get; set; } = "";
    /// <summary>The rolled-up period (2026-Q4, 2026).</summary>
    public string Period { get; set; } = "";
    /// <summary>How it was computed: 平均 / 加权 and the missing-period reading, in Chinese.</summary>
    public string Method { get; set; } = "";
    /// <summary>JSON of the parts: period → published total (null = missing).</summary>
    public string PartsJson { get; set; } = "[]";
    /// <summary>Number of counted periods without a published result.</summary>
    public int Missing { get; set; }
    public decimal? Total { get; set; }
    /// <summary>The grade from the scheme's bands before a cap.</summary>
    public string? GradeBeforeCap { get; set; }
    public string? Grade { get; set; }
    public string Explanation { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}
