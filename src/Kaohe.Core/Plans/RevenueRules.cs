namespace Kaohe.Core.Plans;

/// <summary>The kinds of revenue a key-account plan treats differently. Each has a Chinese input name (<see cref="RevenueTypes"/>).</summary>
public enum RevenueType
{
    /// <summary>产品回款: product / software / licence collections.</summary>
    Product,
    /// <summary>实施收入: implementation revenue.</summary>
    Implementation,
    /// <summary>划拨实施收入: implementation moved from the licence up to the standard quote (derived, not entered).</summary>
    TransferredImplementation,
    /// <summary>维护收入.</summary>
    Maintenance,
    /// <summary>培训收入.</summary>
    Training,
    /// <summary>服务收入.</summary>
    Service,
    /// <summary>增模块/加站点服务收入.</summary>
    ModuleService,
    /// <summary>数据转换收入.</summary>
    DataConversion,
    /// <summary>配套用品收入.</summary>
    Supplies,
    /// <summary>二次开发收入 (with its cost when counted at gross margin).</summary>
    SecondaryDevelopment,
    /// <summary>未进入销售漏斗/CRM 的项目收入.</summary>
    NotInFunnel,
}

/// <summary>Chinese names of the revenue types (input column names and explanation words).</summary>
public static class RevenueTypes
{
    /// <summary>Every type with its input name, in a stable order.</summary>
    public static readonly IReadOnlyList<(RevenueType Type, string Name)> All =
    [
        (RevenueType.Product, "产品回款"),
        (RevenueType.Implementation, "实施收入"),
        (RevenueType.TransferredImplementation, "划拨实施收入"),
        (RevenueType.Maintenance, "维护收入"),
        (RevenueType.Training, "培训收入"),
        (RevenueType.Service, "服务收入"),
        (RevenueType.ModuleService, "增模块服务收入"),
        (RevenueType.DataConversion, "数据转换收入"),
        (RevenueType.Supplies, "配套用品收入"),
        (RevenueType.SecondaryDevelopment, "二次开发收入"),
        (RevenueType.NotInFunnel, "未入漏斗收入"),
    ];

    /// <summary>The Chinese name of a type.</summary>
    public static string Name(RevenueType type) => All.First(t => t.Type == type).Name;
}

/// <summary>
/// How one revenue type counts: <paramref name="TaskFactor"/> of it counts toward the task (0 = not at all);
/// with <paramref name="EngineBonus"/> the task-counted part earns the quarterly engine's rate; <paramref name="SeparateRate"/>
/// (a fraction) pays a bonus on the whole amount outside the engine.
/// </summary>
/// <param name="TaskFactor">Share of the amount that counts toward the task (0..1).</param>
/// <param name="EngineBonus">Whether the task-counted part earns the engine's bonus.</param>
/// <param name="SeparateRate">A bonus rate outside the engine, or null.</param>
public sealed record RevenueTreatment(decimal TaskFactor, bool EngineBonus, decimal? SeparateRate);

/// <summary>
/// Joint selling: on a master contract the party that collects gets <paramref name="CollectorShare"/> of the licence
/// revenue, the other party the rest; with <paramref name="TobaccoToSigner"/>, a tobacco contract goes wholly to the signer.
/// </summary>
/// <param name="CollectorShare">The collector's share (0.7).</param>
/// <param name="TobaccoToSigner">Tobacco contracts are not split: 100% to the signer.</param>
public sealed record JointSplitRule(decimal CollectorShare, bool TobaccoToSigner);

/// <summary>What a contribution share (贡献比例) divides.</summary>
public enum ContributionSplit
{
    /// <summary>The revenue: each participant is credited share × revenue, and earns the bonus on that (default).</summary>
    Revenue,
    /// <summary>The bonus only: the revenue counts in full toward each participant's task, the bonus on it is × share.</summary>
    Bonus,
}

/// <summary>The plan's revenue rules.</summary>
/// <param name="Treatments">Every revenue type the plan knows; a type not listed is refused in the input.</param>
/// <param name="NetOfCosts">Partner share, sales expenses, large entertainment and project travel are deducted from the product collections.</param>
/// <param name="JointSplit">The joint-selling split, or null when the plan has none.</param>
/// <param name="ImplementationFloor">Implementation must be at least this share of the contract total (flagged, not refused), or null.</param>
/// <param name="DatabasePerSet">元 reimbursed per database set (an expense, not a bonus), or null.</param>
/// <param name="StandardQuoteTransfer">Implementation below its standard quote takes the difference from the licence.</param>
/// <param name="SecondaryDevelopmentAtMargin">Secondary development counts at revenue − cost.</param>
/// <param name="Split">What the contribution share divides.</param>
public sealed record RevenueRules(
    IReadOnlyDictionary<RevenueType, RevenueTreatment> Treatments,
    bool NetOfCosts,
    JointSplitRule? JointSplit,
    decimal? ImplementationFloor,
    decimal? DatabasePerSet,
    bool StandardQuoteTransfer,
    bool SecondaryDevelopmentAtMargin,
    ContributionSplit Split = ContributionSplit.Revenue);
