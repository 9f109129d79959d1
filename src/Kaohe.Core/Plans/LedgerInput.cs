namespace Kaohe.Core.Plans;

/// <summary>One person's figures for a year of quarters.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Id">工号, or empty.</param>
/// <param name="Year">The year (e.g. 2026).</param>
/// <param name="Periods">The quarters, in order, each at most once.</param>
public sealed record PersonLedgerInput(string Name, string Id, int Year, IReadOnlyList<QuarterInput> Periods);

/// <summary>Which party a joint-selling line belongs to.</summary>
public enum JointParty
{
    /// <summary>签约方: the signer of the master contract.</summary>
    Signer,
    /// <summary>属地方: the local branch where the customer is.</summary>
    Local,
}

/// <summary>A joint-selling licence amount: the person's party, who collected, and whether it is a tobacco contract.</summary>
/// <param name="Amount">The contract's licence revenue collected in the quarter.</param>
/// <param name="Party">The person's side.</param>
/// <param name="Collector">The side that collected.</param>
/// <param name="Tobacco">A tobacco-industry contract (not split by default).</param>
public sealed record JointSale(decimal Amount, JointParty Party, JointParty Collector, bool Tobacco);

/// <summary>The deductions from product collections (partner share, sales expenses, large entertainment, project travel).</summary>
/// <param name="PartnerShare">合作伙伴分利.</param>
/// <param name="SalesExpenses">销售费用.</param>
/// <param name="Entertainment">大额招待费.</param>
/// <param name="Travel">项目差旅费.</param>
public sealed record CostDeductions(decimal PartnerShare, decimal SalesExpenses, decimal Entertainment, decimal Travel)
{
    /// <summary>No deductions.</summary>
    public static readonly CostDeductions Zero = new(0, 0, 0, 0);
    /// <summary>Their sum.</summary>
    public decimal Total => PartnerShare + SalesExpenses + Entertainment + Travel;
}

/// <summary>The KPI as entered: a coefficient, a score, or the raters' scores (by rater name). One of them is needed.</summary>
/// <param name="Coefficient">KPI系数 given directly.</param>
/// <param name="Score">KPI得分.</param>
/// <param name="RaterScores">Scores by rater name.</param>
public sealed record KpiInput(decimal? Coefficient, decimal? Score, IReadOnlyDictionary<string, decimal> RaterScores)
{
    /// <summary>A coefficient given directly.</summary>
    public static KpiInput Of(decimal coefficient) => new(coefficient, null, new Dictionary<string, decimal>());
}

/// <summary>
/// One quarter of one person. Amounts are the project's (or the quarter's) totals; <paramref name="Share"/> is the person's
/// contribution share applied to every revenue amount of this line.
/// </summary>
/// <param name="Quarter">1–4.</param>
/// <param name="Target">The quarter's target (任务/目标).</param>
/// <param name="Base">The quarter's base, or null to take target × the plan's base ratio.</param>
/// <param name="Revenue">Revenue by type (before the share).</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="FloatingWage">The quarter's floating wage (元), 0 when not entered.</param>
/// <param name="Share">Contribution share 0..1 (1 = alone).</param>
/// <param name="Costs">Deductions from product collections.</param>
/// <param name="JointSales">Joint-selling licence amounts.</param>
/// <param name="Deals">Single deal amounts of the quarter (for the big-ticket condition), or empty.</param>
/// <param name="SecondaryDevelopmentCost">Cost of the secondary development revenue.</param>
/// <param name="ContractTotal">Contract total, for the implementation floor check, or null.</param>
/// <param name="ImplementationStandardQuote">Standard implementation quote, or null.</param>
/// <param name="DatabaseSets">Database sets sold.</param>
/// <param name="NewHire">This is the person's first quarter as a new salesperson.</param>
public sealed record QuarterInput(
    int Quarter,
    decimal Target,
    decimal? Base,
    IReadOnlyDictionary<RevenueType, decimal> Revenue,
    KpiInput Kpi,
    decimal FloatingWage = 0m,
    decimal Share = 1m,
    CostDeductions? Costs = null,
    IReadOnlyList<JointSale>? JointSales = null,
    IReadOnlyList<decimal>? Deals = null,
    decimal SecondaryDevelopmentCost = 0m,
    decimal? ContractTotal = null,
    decimal? ImplementationStandardQuote = null,
    int DatabaseSets = 0,
    bool NewHire = false);
