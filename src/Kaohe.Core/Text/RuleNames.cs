using Kaohe.Core.Model;

namespace Kaohe.Core.Text;

/// <summary>The name of a rule kind as HR picks it (等级评分, 基准比较 …), with one line saying what it does.</summary>
/// <param name="Kind">The discriminator of the kind (<see cref="Rule.Kind"/>).</param>
public sealed record RuleName(string Kind, string Name, string Help);

/// <summary>
/// The Chinese names of the rule kinds: the one table the scheme editor, its lists and its messages take them from.
/// Every kind of <see cref="Rule"/> has exactly one entry.
/// </summary>
public static class RuleNames
{
    /// <summary>Every kind, in the order a clerk meets them: the common hand-rated ones first.</summary>
    public static IReadOnlyList<RuleName> All { get; } =
    [
        new("manual", "人工打分", "评分人在规定范围内直接给分（如 0–10 分）"),
        new("grade", "等级评分", "评分人选一个等级（优秀、良好…），每个等级对应分数或分数范围"),
        new("rating", "按级评分", "评 1–5 级等，按级别折算成分数"),
        new("checklist", "检查项计分", "每完成一项检查内容得固定分"),
        new("baseline", "基准比较", "与历史最低、上期、去年同期等基数比较，每好（差）一步加（扣）分"),
        new("bands", "阈值分档", "数值落在哪一档就得哪一档的分"),
        new("linear", "完成率", "完成率 = 实际 / 目标，按完成率得分"),
        new("achievement", "达成率", "得分 = 实际 / 目标 × 分值，可设封顶"),
        new("deduction", "按次扣分", "从本项分值起扣，每发生一次扣分，扣完为止"),
        new("per_unit", "按次加分", "每发生一次（每一件）加固定分，可设上限"),
        new("steps", "阶梯计分", "以目标为界，每高（低）一档加（扣）分"),
        new("formula", "公式", "按自己写的计算公式得分"),
        new("veto", "否决项", "填“是”则本次考核结果无效"),
        new("offset", "互相抵补", "两项定额，不足部分可互相抵补，结果为金额"),
        new("composite", "多项合成", "由几个部分的得分相加"),
    ];

    /// <summary>The entry of a kind.</summary>
    public static RuleName Of(string kind) =>
        All.FirstOrDefault(n => n.Kind == kind) ?? throw new ArgumentException($"unknown rule kind {kind}", nameof(kind));

    /// <summary>The Chinese name of a rule's kind.</summary>
    public static string Of(Rule rule) => Of(rule.Kind).Name;
}
