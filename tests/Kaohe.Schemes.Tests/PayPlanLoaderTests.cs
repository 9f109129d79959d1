using System.Reflection;
using Kaohe.Core.Plans.Pay;
using Kaohe.Schemes.Plans;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>
/// The monthly pay plans (<c>kind: loan_officer</c>, <c>kind: assistant</c>): the built-ins hold the calculators'
/// defaults, every key maps onto a parameter, a changed parameter changes the pay, and errors name line, column and field.
/// </summary>
public class PayPlanLoaderTests
{
    private static PlanDocument Load(string yaml)
    {
        var r = PlanLoader.Load(yaml, "pay.yaml");
        Assert.True(r.Errors.IsEmpty, string.Join("\n", r.Errors));
        return r.Plan!;
    }

    private static PlanDocument BuiltIn(string code)
    {
        var r = PlanCatalog.Find(code)!;
        Assert.True(r.Errors.IsEmpty, string.Join("\n", r.Errors));
        return r.Plan!;
    }

    private static void SameLoanOfficer(LoanOfficerPayParameters expected, LoanOfficerPayParameters actual)
    {
        Assert.Equal(expected.Tiers, actual.Tiers);
        Assert.Equal(expected.CountPay with { Bands = [] }, actual.CountPay with { Bands = [] });
        Assert.Equal(expected.CountPay.Bands.ToArray(), actual.CountPay.Bands.ToArray());
        Assert.Equal(expected.Referral with { Bands = [] }, actual.Referral with { Bands = [] });
        Assert.Equal(expected.Referral.Bands.ToArray(), actual.Referral.Bands.ToArray());
        Assert.Equal((expected.AssistantBasePay, expected.JuniorBasePay, expected.IntermediateBasePay, expected.SeniorBasePay),
            (actual.AssistantBasePay, actual.JuniorBasePay, actual.IntermediateBasePay, actual.SeniorBasePay));
    }

    [Fact]
    public void BuiltIns_HoldTheCalculatorDefaults()
    {
        var officer = BuiltIn("TPL-27");
        Assert.Equal(("loan_officer", "XX银行贷款业务客户经理薪酬"), (officer.Kind, officer.Name));
        Assert.Null(officer.KeyAccount);
        SameLoanOfficer(LoanOfficerPayParameters.Default, officer.LoanOfficer!);
        var assistant = BuiltIn("key-account-assistant");
        Assert.Equal(("assistant", "大客户经理助理薪酬"), (assistant.Kind, assistant.Name));
        Assert.Equal(AssistantPayParameters.Default, assistant.Assistant);
        Assert.All([officer, assistant], d => Assert.NotEmpty(d.Notes));
    }

    [Fact]
    public void KeyAccountFields_InAPayPlan_AreUnknown()
    {
        var r = PlanLoader.Load("kind: assistant\nid: A-4\nname: 助理\nquarter:\n  in_target_rate: 4%\n", "pay.yaml");
        var e = Assert.Single(r.Errors);
        Assert.Equal((4, 1, "quarter"), (e.Line, e.Column, e.Field));
        Assert.Contains("未知字段", e.Message);
    }

    [Fact]
    public void EmptyPlans_TakeEveryDefault()
    {
        SameLoanOfficer(LoanOfficerPayParameters.Default, Load("kind: loan_officer\nid: L-1\nname: 信贷员\n").LoanOfficer!);
        Assert.Equal(AssistantPayParameters.Default, Load("kind: assistant\nid: A-1\nname: 助理\n").Assistant);
    }

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    [Theory]
    [InlineData("TPL-27", typeof(LoanOfficerPayParameters), typeof(LoanOfficerTierParameters), typeof(CountPayParameters), typeof(ReferralParameters))]
    [InlineData("TPL-29", typeof(AssistantPayParameters), typeof(AssistantBonusParameters))]
    public void EveryParameter_HasItsSnakeCaseKey_InTheBuiltIn(string code, params Type[] records)
    {
        // The built-ins write every key out; each parameter record property must appear as its snake_case key.
        var yaml = PlanCatalog.PlanText(code)!;
        foreach (var t in records)
            foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                Assert.Matches($@"(?m)^\s*{Snake(prop.Name)}:", yaml);
    }

    private static LoanOfficerMonthInput Month(int newLoans) => new()
    {
        Tier = new LoanOfficerTierInput { Year = 2026, Month = 5, CreditWorkStart = new DateOnly(2026, 1, 5) },
        Loans = new LoanCounts(newLoans),
    };

    [Fact]
    public void ChangedParameters_ChangeThePay()
    {
        var doc = Load("""
            kind: loan_officer
            id: L-2
            name: 本行信贷员薪酬
            assistant_base_pay: 2000
            count_pay:
              bands:
                - { from: 1, to: 2, amount: 30 }
                - { from: 3, to: 5, amount: 40 }
                - { from: 6, amount: 50 }
            referral:
              gaps: floor_to_whole_wan
            """);
        var p = doc.LoanOfficer!;
        Assert.Equal(BandGaps.FloorToWholeWan, p.Referral.Gaps);
        Assert.Null(p.CountPay.Bands[2].To);
        // 7 new loans, graduated: 2 × 30 + 3 × 40 + 2 × 50 = 280; base 2000 (4 months: 助理)
        var r = LoanOfficerPay.Compute(p, Month(7));
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        Assert.Equal([2000m, 280m], r.Lines.Select(l => l.Amount));
        // the built-in refuses the same month: its table stops after the 2nd loan
        Assert.False(LoanOfficerPay.Compute(BuiltIn("TPL-27").LoanOfficer!, Month(7)).IsValid);
    }

    [Fact]
    public void Assistant_SeniorityPayFromThePlan_PR04Example2()
    {
        var p = Load("kind: assistant\nid: A-2\nname: 助理\nseniority_pay: 50\nbonus:\n  sales_above_full: proportional\n  buckets_per_machine: 10\n").Assistant!;
        Assert.Equal((50m, SalesAboveFull.Proportional, 10m), (p.SeniorityPay, p.Bonus.SalesAboveFull, p.Bonus.BucketsPerMachine));
        var input = new AssistantMonthInput
        {
            Year = 2026, Month = 5, HireDate = new DateOnly(2024, 5, 31), DaysWorked = 24, SalesActual = 500, SalesTarget = 1000,
            MachinesCleaned = 100, BucketsRegular = 1000,
        };
        Assert.Equal(3010m, AssistantPay.Compute(p, input).Total);
    }

    private const string Officer = "kind: loan_officer\nid: L-3\nname: 信贷员\n";
    private const string Assistant = "kind: assistant\nid: A-3\nname: 助理\n";

    [Theory]
    [InlineData(Officer + "junior_base_pay: 2200元", 4, 18, "junior_base_pay", "不是数值")]
    [InlineData(Officer + "senior_base_pay: -1", 4, 18, "senior_base_pay", "应在 0 到 1000000000 之间")]
    [InlineData(Officer + "tiers:\n  lapse: demote", 5, 10, "tiers.lapse", "不是可选值")]
    [InlineData(Officer + "tiers:\n  junior_max_overdue_rate: 120%", 5, 28, "tiers.junior_max_overdue_rate", "应在 0% 到 100% 之间")]
    [InlineData(Officer + "tiers:\n  mean_overdue_months: 2.5", 5, 24, "tiers.mean_overdue_months", "应为整数")]
    [InlineData(Officer + "tiers:\n  junior_months: 6", 5, 3, "tiers.junior_months", "未知字段")]
    [InlineData(Officer + "count_pay:\n  bands:\n    - { from: 1, to: 2, amount: 30 }\n    - { from: 4, amount: 40 }", 6, 5, "count_pay.bands", "起点应为第 3 笔")]
    [InlineData(Officer + "count_pay:\n  bands:\n    - { from: 1, amount: }", 6, 26, "count_pay.bands[0].amount", "应为数值")]
    [InlineData(Officer + "referral:\n  bands:\n    - { from: 1, to: 5, amont: 30 }", 6, 7, "count_pay", "")]
    [InlineData(Assistant + "lunch_basis: calendar", 4, 14, "lunch_basis", "不是可选值")]
    [InlineData(Assistant + "bonus:\n  sales_share: 30%", 5, 3, "bonus", "合计超过 100%")]
    [InlineData(Assistant + "bonus:\n  machine_quota: 100台", 5, 18, "bonus.machine_quota", "不是数值")]
    [InlineData(Assistant + "seniority_months: 1201", 4, 19, "seniority_months", "应在 0 到 1200 之间")]
    public void Errors_NameLineColumnAndField(string yaml, int line, int column, string field, string message)
    {
        var r = PlanLoader.Load(yaml, "pay.yaml");
        Assert.Null(r.Plan);
        if (field == "count_pay")
        {
            // a referral band with a typo: the missing amount (at the band) and the unknown key, both located
            Assert.Equal([("referral.bands[0]", 6, 7), ("referral.bands[0].amont", 6, 25)],
                r.Errors.Select(e => (e.Field, e.Line, e.Column)).OrderBy(x => x.Column));
            return;
        }
        var e = Assert.Single(r.Errors);
        Assert.Equal((line, column, field), (e.Line, e.Column, e.Field));
        Assert.Contains(message, e.Message);
        Assert.DoesNotMatch("[A-Z]{2}-\\d", e.Message);
    }
}
