using System.Collections.Immutable;

namespace Kaohe.Core.Plans.Pay;

/// <summary>The customer-manager grades "四等六级" plus 见习 (TQ-02), lowest first.</summary>
public enum BankGrade
{
    /// <summary>见习客户经理 (other marketing staff).</summary>
    Trainee,
    /// <summary>助理客户经理.</summary>
    Assistant,
    /// <summary>客户经理二级 (the lower of the two 客户经理 levels).</summary>
    ManagerLevel2,
    /// <summary>客户经理一级.</summary>
    ManagerLevel1,
    /// <summary>高级客户经理二级.</summary>
    SeniorLevel2,
    /// <summary>高级客户经理一级.</summary>
    SeniorLevel1,
    /// <summary>资深客户经理.</summary>
    Principal,
}

/// <summary>
/// The entry conditions of the 客户经理 grades (seed S4 L66, repeated at L132 and L140; TQ-02). The seed gives
/// conditions only for 助理 and 客户经理; the 高级 and 资深 grades "按总、省行规定执行", so they are taken as appointed.
/// </summary>
public sealed record BankGradeParameters
{
    /// <summary>The seed's conditions: S4 L66 "第九条 … 壹年之上银行工作经验,通过员工岗位技能鉴定考试", "第十条 … 二年之上银行工作经历".</summary>
    public static BankGradeParameters Default { get; } = new();

    /// <summary>助理: months of bank work, at least (S4 L66 "壹年之上", "之上" = 以上, inclusive); default 12.</summary>
    public int AssistantBankMonths { get; init; } = 12;
    /// <summary>助理: the skills exam (员工岗位技能鉴定考试) must be passed (S4 L66); default true.</summary>
    public bool AssistantNeedsExam { get; init; } = true;
    /// <summary>客户经理: months of bank work, at least (S4 L66 "二年之上"); default 24.</summary>
    public int ManagerBankMonths { get; init; } = 24;
    /// <summary>客户经理: the skills exam is needed too (the seed's 第十条 does not say so); default false.</summary>
    public bool ManagerNeedsExam { get; init; } = false;
    /// <summary>The qualitative conditions (第九条 2–3, 第十条 2–3) left empty; default counted as met.</summary>
    public JudgmentWhenEmpty QualitiesWhenEmpty { get; init; } = JudgmentWhenEmpty.Met;
    /// <summary>The day bank work is counted to; default the month's last day.</summary>
    public TenureDate TenureDate { get; init; } = TenureDate.MonthEnd;
}

/// <summary>What TQ-02 needs about one person.</summary>
public sealed record BankGradeInput
{
    /// <summary>年份.</summary>
    public required int Year { get; init; }
    /// <summary>月份.</summary>
    public required int Month { get; init; }
    /// <summary>银行工作起始日 (at this bank).</summary>
    public required DateOnly BankWorkStart { get; init; }
    /// <summary>此前银行工作月数 (bank work elsewhere before, whole months; default 0).</summary>
    public int PriorBankMonths { get; init; }
    /// <summary>通过员工岗位技能鉴定考试.</summary>
    public bool ExamPassed { get; init; }
    /// <summary>助理客户经理定性条件 (财务分析能力, 金融产品知识, 常规营销业务; empty: see parameters).</summary>
    public bool? AssistantQualities { get; init; }
    /// <summary>客户经理定性条件 (法规知识, 分析方案, 业务运作与风险控制; empty: see parameters).</summary>
    public bool? ManagerQualities { get; init; }
    /// <summary>聘任等级 (the grade the bank appointed, if any).</summary>
    public BankGrade? AppointedGrade { get; init; }
}

/// <summary>
/// The result of TQ-02: the highest grade the entry conditions allow (见习, 助理 or 客户经理二级), the appointed grade
/// checked against them, and the reasons in Chinese.
/// </summary>
/// <param name="Eligible">The highest grade the seed's entry conditions allow.</param>
/// <param name="Grade">The appointed grade when one is given, otherwise <paramref name="Eligible"/>.</param>
/// <param name="AppointmentMeetsConditions">False when the appointed grade needs conditions the person does not meet.</param>
public sealed record BankGradeResult(BankGrade Eligible, BankGrade Grade, bool AppointmentMeetsConditions, ImmutableArray<string> Reasons, ImmutableArray<PayProblem> Problems)
{
    /// <summary>True when the input could be read.</summary>
    public bool IsValid => Problems.IsEmpty;

    /// <summary>The reasons joined in one sentence.</summary>
    public string Explanation => string.Join("；", Reasons);
}

/// <summary>TQ-02: the 兴业银行 customer-manager grades and their entry conditions.</summary>
public static class BankGrades
{
    /// <summary>The grade's Chinese name.</summary>
    public static string Name(BankGrade g) => g switch
    {
        BankGrade.Trainee => "见习客户经理",
        BankGrade.Assistant => "助理客户经理",
        BankGrade.ManagerLevel2 => "客户经理（二级）",
        BankGrade.ManagerLevel1 => "客户经理（一级）",
        BankGrade.SeniorLevel2 => "高级客户经理（二级）",
        BankGrade.SeniorLevel1 => "高级客户经理（一级）",
        BankGrade.Principal => "资深客户经理",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>
    /// The title shown to customers (S4 L66 "对外营销时助理客户经理和客户经理(二级、壹级)统称客户经理,高级客户经理(二级、壹级)统称高级客户经理").
    /// </summary>
    public static string ExternalTitle(BankGrade g) => g switch
    {
        BankGrade.Trainee => "见习客户经理",
        BankGrade.Assistant or BankGrade.ManagerLevel2 or BankGrade.ManagerLevel1 => "客户经理",
        BankGrade.SeniorLevel2 or BankGrade.SeniorLevel1 => "高级客户经理",
        BankGrade.Principal => "资深客户经理",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Evaluates the entry conditions; bad input gives problems (never an exception).</summary>
    public static BankGradeResult Evaluate(BankGradeParameters p, BankGradeInput input)
    {
        var problems = new Problems();
        problems.Months("方案·助理所需银行工作月数", p.AssistantBankMonths);
        problems.Months("方案·客户经理所需银行工作月数", p.ManagerBankMonths);
        var month = problems.Month(input.Year, input.Month);
        if (input.PriorBankMonths is < 0 or > 1200) problems.Add("此前银行工作月数", $"应为 0–1200（{input.PriorBankMonths}）");
        problems.Date("银行工作起始日", input.BankWorkStart, month);
        if (problems.Any || month is not { } m) return new BankGradeResult(BankGrade.Trainee, BankGrade.Trainee, false, [], [.. problems.All]);

        var asOf = Tenure.AsOf(m, p.TenureDate);
        // Work elsewhere counts as whole months moved back from the start date here.
        var start = input.BankWorkStart.AddMonths(-input.PriorBankMonths);
        var service = Tenure.Describe(start, asOf) + (input.PriorBankMonths > 0 ? $"（含此前银行工作 {input.PriorBankMonths} 个月）" : "");
        var reasons = new List<string>();

        bool Qualities(bool? given, string what)
        {
            var ok = given ?? p.QualitiesWhenEmpty == JudgmentWhenEmpty.Met;
            reasons.Add(given switch
            {
                true => $"{what}具备",
                false => $"{what}不具备",
                null => ok ? $"{what}未填写，视为具备" : $"{what}未填写，视为不具备",
            });
            return ok;
        }

        var aMonths = Tenure.Reaches(start, asOf, p.AssistantBankMonths, strict: false);
        reasons.Add($"银行工作 {service}，{(aMonths ? "已" : "未")}满 {p.AssistantBankMonths} 个月（助理客户经理）");
        var exam = !p.AssistantNeedsExam || input.ExamPassed;
        if (p.AssistantNeedsExam || p.ManagerNeedsExam) reasons.Add(input.ExamPassed ? "已通过员工岗位技能鉴定考试" : "未通过员工岗位技能鉴定考试");
        var assistant = aMonths & exam & Qualities(input.AssistantQualities, "助理客户经理的定性条件");

        var mMonths = Tenure.Reaches(start, asOf, p.ManagerBankMonths, strict: false);
        reasons.Add($"银行工作{(mMonths ? "已" : "未")}满 {p.ManagerBankMonths} 个月（客户经理）");
        var manager = mMonths & (!p.ManagerNeedsExam || input.ExamPassed) & Qualities(input.ManagerQualities, "客户经理的定性条件");

        var eligible = manager ? BankGrade.ManagerLevel2 : assistant ? BankGrade.Assistant : BankGrade.Trainee;
        reasons.Add(eligible switch
        {
            BankGrade.ManagerLevel2 => "符合客户经理任职条件（二级、一级由支行聘任）",
            BankGrade.Assistant => "符合助理客户经理任职条件，不符合客户经理任职条件",
            _ => "不符合助理客户经理任职条件，为见习客户经理",
        });

        var grade = input.AppointedGrade ?? eligible;
        var meets = true;
        if (input.AppointedGrade is { } a)
        {
            if (a >= BankGrade.SeniorLevel2) reasons.Add($"聘任为{Name(a)}，按总行、省行规定执行，不在此判断");
            else
            {
                meets = a switch
                {
                    BankGrade.Trainee => true,
                    BankGrade.Assistant => assistant,
                    _ => manager,
                };
                reasons.Add(meets ? $"聘任为{Name(a)}，符合任职条件" : $"聘任为{Name(a)}，但不符合其任职条件");
            }
        }
        return new BankGradeResult(eligible, grade, meets, [.. reasons], []);
    }
}
