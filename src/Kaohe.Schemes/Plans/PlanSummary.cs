using Kaohe.Core.Plans;

namespace Kaohe.Schemes.Plans;

/// <summary>
/// An incentive plan as people read it: its rules in Chinese, the notes on the seed's gaps, the warnings a careful clerk
/// would raise and the input columns. The one description both <c>kaohe plan --show</c> and the web's 奖金方案 page give.
/// </summary>
/// <param name="Id">The plan's code (TPL-25), used to select it.</param>
/// <param name="KindName">The plan family in Chinese (大客户季度奖金, 贷款客户经理月度薪酬, 大客户经理助理月度薪酬).</param>
/// <param name="Period">季度 or 月度: the period of one input row.</param>
/// <param name="ColumnsNote">How the input rows are laid out, beside the column list.</param>
public sealed record PlanSummary(
    string Id, string Name, string KindName, string Period, string Description,
    IReadOnlyList<string> Rules, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Columns, string ColumnsNote)
{
    /// <summary>The summary of a loaded plan.</summary>
    public static PlanSummary Of(PlanDocument doc)
    {
        if (doc.KeyAccount is { } ka)
            return new PlanSummary(doc.Id, doc.Name, "大客户季度奖金", "季度", doc.Description, PlanDescriber.Describe(ka), doc.Notes,
                PlanLint.Check(ka), PlanRows.Columns(ka), "每人每季度一行");
        var loanOfficer = doc.LoanOfficer is not null;
        var rules = doc.LoanOfficer is { } lo ? PayPlanDescriber.Describe(lo) : PayPlanDescriber.Describe(doc.Assistant!);
        return new PlanSummary(doc.Id, doc.Name, loanOfficer ? "贷款客户经理月度薪酬" : "大客户经理助理月度薪酬", "月度", doc.Description,
            rules, doc.Notes, [], PayPlanDescriber.Columns(loanOfficer),
            loanOfficer ? "每人每月一行；月末各列与推荐贷款金额可填多个值，用“、”分隔，从早到晚" : "每人每月一行");
    }
}
