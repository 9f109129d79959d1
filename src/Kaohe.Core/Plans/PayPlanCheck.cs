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
        problems.Money("方案·助理客户经理基础薪酬", p.AssistantBasePay);
        problems.Money("方案·初级客户经理基础薪酬", p.JuniorBasePay);
        problems.Money("方案·中级客户经理基础薪酬", p.IntermediateBasePay);
        problems.Money("方案·高级客户经理基础薪酬", p.SeniorBasePay);
        LoanOfficerTiers.CheckParameters(p.Tiers, problems);
        CountPay.Check(p.CountPay, problems);
        ReferralReward.Check(p.Referral, problems);
        return problems.All;
    }

    /// <summary>Every problem of a 大客户经理助理's pay parameters (empty when they are usable).</summary>
    public static IReadOnlyList<PayProblem> Check(AssistantPayParameters p)
    {
        var problems = new Problems();
        problems.Money("方案·基本薪", p.BasicPay);
        problems.Money("方案·午餐每天", p.LunchPerDay);
        problems.Money("方案·满勤奖", p.FullAttendancePay);
        if (p.SeniorityPay is { } sp) problems.Money("方案·工龄奖", sp);
        problems.Money("方案·养老补贴", p.PensionAllowance);
        problems.Months("方案·工龄奖所需服务月数", p.SeniorityMonths);
        p.Bonus.Check(problems);
        return problems.All;
    }
}
