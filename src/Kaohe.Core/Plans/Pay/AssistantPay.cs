using Kaohe.Core.Text;

namespace Kaohe.Core.Plans.Pay;

/// <summary>What the lunch allowance is paid per (PR-04).</summary>
public enum LunchBasis
{
    /// <summary>Per day worked (default).</summary>
    DaysWorked,
    /// <summary>Per working day of the month (应出勤天数), whether worked or not.</summary>
    WorkingDays,
}

/// <summary>
/// The monthly pay of the 大客户经理助理 (seed S4 L156; PR-04, BP-06, TPL-29): "基本薪900元+午餐5元/天+满勤30元+工龄奖x元/月+
/// 养老补贴100元+绩效考核奖金2300元", the 工龄奖 and 养老补贴 only after a year's service.
/// </summary>
public sealed record AssistantPayParameters
{
    /// <summary>The seed's scheme with every RULES default.</summary>
    public static AssistantPayParameters Default { get; } = new();

    /// <summary>基本薪 (S4 L156 "基本薪900元"); default 900 元.</summary>
    public decimal BasicPay { get; init; } = 900;
    /// <summary>午餐 per day (S4 L156 "午餐5元/天"); default 5 元.</summary>
    public decimal LunchPerDay { get; init; } = 5;
    /// <summary>Per day worked (default) or per working day.</summary>
    public LunchBasis LunchBasis { get; init; } = LunchBasis.DaysWorked;
    /// <summary>满勤 (S4 L156 "满勤30元"); default 30 元.</summary>
    public decimal FullAttendancePay { get; init; } = 30;
    /// <summary>
    /// 工龄奖 per month (S4 L156 "工龄奖x元/月": x is not given; "详见薪资制度"). Default none: a person who has served a year
    /// needs the amount in the month input or here, otherwise the month is refused.
    /// </summary>
    public decimal? SeniorityPay { get; init; }
    /// <summary>养老补贴 (S4 L156 "养老补贴100元"); default 100 元.</summary>
    public decimal PensionAllowance { get; init; } = 100;
    /// <summary>Months of service for 工龄奖 and 养老补贴 (S4 L156 "服务期满1年以上"); default 12.</summary>
    public int SeniorityMonths { get; init; } = 12;
    /// <summary>"满1年以上" read as at least a year (default false); true needs more than a year.</summary>
    public bool SeniorityMonthsStrict { get; init; } = false;
    /// <summary>The day service is counted to; default the month's last day.</summary>
    public TenureDate TenureDate { get; init; } = TenureDate.MonthEnd;
    /// <summary>The performance bonus (S4 L156).</summary>
    public AssistantBonusParameters Bonus { get; init; } = AssistantBonusParameters.Default;
}

/// <summary>One assistant's month.</summary>
public sealed record AssistantMonthInput
{
    /// <summary>年份.</summary>
    public required int Year { get; init; }
    /// <summary>月份.</summary>
    public required int Month { get; init; }
    /// <summary>入职日期.</summary>
    public required DateOnly HireDate { get; init; }
    /// <summary>出勤天数.</summary>
    public int DaysWorked { get; init; }
    /// <summary>应出勤天数 (needed when lunch is paid per working day; checked against 满勤 when given).</summary>
    public int? WorkingDays { get; init; }
    /// <summary>满勤.</summary>
    public bool FullAttendance { get; init; }
    /// <summary>工龄奖（元/月）for this person (from the 薪资制度); overrides the plan's amount.</summary>
    public decimal? SeniorityPay { get; init; }
    /// <summary>销售实际完成额 (元).</summary>
    public decimal SalesActual { get; init; }
    /// <summary>当月销售考核指标 (元).</summary>
    public decimal SalesTarget { get; init; }
    /// <summary>清洗饮水机台数.</summary>
    public int MachinesCleaned { get; init; }
    /// <summary>送水桶数（普通版）.</summary>
    public int BucketsRegular { get; init; }
    /// <summary>送水桶数（升级版）.</summary>
    public int BucketsUpgraded { get; init; }
}

/// <summary>The monthly pay of a 大客户经理助理 (TPL-29).</summary>
public static class AssistantPay
{
    /// <summary>The checks of the parameters alone, shared with <see cref="PayPlanCheck"/>.</summary>
    internal static void CheckParameters(AssistantPayParameters p, Problems problems)
    {
        problems.Money("方案·基本薪", p.BasicPay);
        problems.Money("方案·午餐每天", p.LunchPerDay);
        problems.Money("方案·满勤奖", p.FullAttendancePay);
        if (p.SeniorityPay is { } sp) problems.Money("方案·工龄奖", sp);
        problems.Money("方案·养老补贴", p.PensionAllowance);
        problems.Months("方案·工龄奖所需服务月数", p.SeniorityMonths);
        p.Bonus.Check(problems);
    }

    /// <summary>
    /// The month's pay lines: 基本工资, 午餐补贴, 满勤奖, 工龄奖, 养老补贴, 销售指标奖金, 清洗饮水机、送水奖金 and the two
    /// extras; or the problems of the input and the parameters. Each line is rounded to 0.01 元.
    /// </summary>
    public static PayResult Compute(AssistantPayParameters p, AssistantMonthInput x)
    {
        var problems = new Problems();
        CheckParameters(p, problems);

        var month = problems.Month(x.Year, x.Month);
        var daysInMonth = month is { } mm ? mm.Last.Day : 31;
        if (x.DaysWorked < 0 || x.DaysWorked > daysInMonth) problems.Add("出勤天数", $"应为 0–{daysInMonth}（{x.DaysWorked}）");
        if (x.WorkingDays is { } wd)
        {
            if (wd < 0 || wd > daysInMonth) problems.Add("应出勤天数", $"应为 0–{daysInMonth}（{wd}）");
            else if (x.FullAttendance && x.DaysWorked < wd) problems.Add("满勤", $"出勤 {x.DaysWorked} 天少于应出勤 {wd} 天，不能是满勤");
        }
        else if (p.LunchBasis == LunchBasis.WorkingDays) problems.Add("应出勤天数", "方案按应出勤天数发午餐补贴，需要填写");
        if (x.SeniorityPay is { } xs && (xs < 0 || xs > 100000)) problems.Add("工龄奖", $"应为 0–100000 元（{Fmt.Num(xs, 4)}）");
        if (x.SalesActual < 0) problems.Add("销售实际完成额", $"不能为负数（{Fmt.Num(x.SalesActual, 4)}）");
        if (x.SalesTarget < 0) problems.Add("当月销售考核指标", $"不能为负数（{Fmt.Num(x.SalesTarget, 4)}）");
        else if (x.SalesTarget is > 0 and < 0.01m) problems.Add("当月销售考核指标", $"应为 0 或不少于 0.01 元（{Fmt.Num(x.SalesTarget, 6)}）");
        else if (x.SalesTarget > MaxSales) problems.Add("当月销售考核指标", "超过 1 万亿元");
        if (x.SalesActual > MaxSales) problems.Add("销售实际完成额", "超过 1 万亿元");
        Count("清洗饮水机台数", x.MachinesCleaned, problems);
        Count("送水桶数（普通版）", x.BucketsRegular, problems);
        Count("送水桶数（升级版）", x.BucketsUpgraded, problems);
        problems.Date("入职日期", x.HireDate, month);
        if (problems.Any || month is not { } m) return PayResult.Fail(problems.All);

        var asOf = Tenure.AsOf(m, p.TenureDate);
        var served = Tenure.Reaches(x.HireDate, asOf, p.SeniorityMonths, p.SeniorityMonthsStrict);
        var service = $"入职 {Tenure.Describe(x.HireDate, asOf)}，{(served ? "已" : "未")}{Tenure.Threshold(p.SeniorityMonths, p.SeniorityMonthsStrict)}";
        decimal? seniority = x.SeniorityPay ?? p.SeniorityPay;
        if (served && seniority is null)
            return PayResult.Fail([new PayProblem("工龄奖", $"{service}，应发工龄奖，但方案和本月数据都没有给出工龄奖每月金额")]);

        var lines = new List<PayLine>();
        var basic = Fmt.Money(p.BasicPay);
        lines.Add(new PayLine("基本工资", basic, $"基本薪 {Fmt.Num(basic)} 元"));
        var lunchDays = p.LunchBasis == LunchBasis.DaysWorked ? x.DaysWorked : x.WorkingDays!.Value;
        var lunch = Fmt.Money(p.LunchPerDay * lunchDays);
        lines.Add(new PayLine("午餐补贴", lunch,
            $"{(p.LunchBasis == LunchBasis.DaysWorked ? "出勤" : "应出勤")} {lunchDays} 天 × {Fmt.Num(p.LunchPerDay)} 元 = {Fmt.Num(lunch)} 元"));
        lines.Add(x.FullAttendance
            ? new PayLine("满勤奖", Fmt.Money(p.FullAttendancePay), $"满勤 → {Fmt.Num(p.FullAttendancePay)} 元")
            : new PayLine("满勤奖", 0, "未满勤 → 0 元"));
        if (served)
        {
            var s = Fmt.Money(seniority!.Value);
            lines.Add(new PayLine("工龄奖", s, $"{service} → {(x.SeniorityPay is null ? "方案" : "本月录入的")}工龄奖 {Fmt.Num(s)} 元"));
            lines.Add(new PayLine("养老补贴", Fmt.Money(p.PensionAllowance), $"{service} → {Fmt.Num(p.PensionAllowance)} 元"));
        }
        else
        {
            lines.Add(new PayLine("工龄奖", 0, $"{service} → 0 元"));
            lines.Add(new PayLine("养老补贴", 0, $"{service} → 0 元"));
        }
        lines.AddRange(AssistantBonus.Lines(p.Bonus,
            new AssistantBonusInput(x.SalesActual, x.SalesTarget, x.MachinesCleaned, x.BucketsRegular + x.BucketsUpgraded)));
        return PayResult.Of(lines, []);
    }

    private const decimal MaxSales = 1_000_000_000_000m;

    private static void Count(string field, int v, Problems problems)
    {
        if (v is < 0 or > 10_000_000) problems.Add(field, $"应为 0–10000000 的整数（{v}）");
    }
}
