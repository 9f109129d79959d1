using Kaohe.Core.Plans.Pay;

namespace Kaohe.Core.Plans;

/// <summary>
/// The parameter checks the monthly pay calculators make (<see cref="LoanOfficerPay.Compute"/>,
/// <see cref="AssistantPay.Compute"/>), run on the parameters alone, so that a plan file the calculators would refuse is
/// refused when it is loaded. Fields are named in Chinese (方案·…).
/// </summary>
public static class PayPlanCheck
{
    /// <summary>Every problem of a loan officer's pay parameters (empty when they are usable).</summary>
    public static IReadOnlyList<PayProblem> Check(LoanOfficerPayParameters p)
    {
        var problems = new Problems();
        LoanOfficerPay.CheckParameters(p, problems, tiers: true);
        return problems.All;
    }

    /// <summary>Every problem of a 大客户经理助理's pay parameters (empty when they are usable).</summary>
    public static IReadOnlyList<PayProblem> Check(AssistantPayParameters p)
    {
        var problems = new Problems();
        AssistantPay.CheckParameters(p, problems);
        return problems.All;
    }
}
