using Kaohe.Core.Plans.Pay;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans;

/// <summary>The rules of a monthly pay plan in Chinese with its parameters (for <c>kaohe plan --show</c>).</summary>
public static class PayPlanDescriber
{
    /// <summary>The loan officer's rules, one line each.</summary>
    public static IReadOnlyList<string> Describe(LoanOfficerPayParameters p)
    {
        var t = p.Tiers;
        var c = p.CountPay;
        var r = p.Referral;
        string Months(int m, bool strict) => strict ? $"超过 {m} 个月" : $"满 {m} 个月";
        return
        [
            $"基础薪酬按等级：助理客户经理 {Fmt.Num(p.AssistantBasePay)} 元，初级 {Fmt.Num(p.JuniorBasePay)} 元，中级 {Fmt.Num(p.IntermediateBasePay)} 元，高级 {Fmt.Num(p.SeniorBasePay)} 元",
            "等级从高到低判断，取条件全部满足的最高一级；都不满足为助理客户经理",
            $"初级客户经理：从事信贷工作{Months(t.JuniorCreditMonths, t.JuniorCreditMonthsStrict)}，熟练办理信贷业务（未填写时按{(t.ProficiencyWhenEmpty == JudgmentWhenEmpty.Met ? "具备" : "不具备")}），经办贷款不少于 {t.JuniorLoansHandled} 笔，考核前月末贷款逾期率不超过 {Fmt.Pct(t.JuniorMaxOverdueRate)}",
            $"中级客户经理：评定为初级满 {t.IntermediateMonthsAsJunior} 个月，当前管户贷款不少于 {t.IntermediateLoansManaged} 笔，近 {t.MeanOverdueMonths} 个月末平均贷款逾期率不超过 {Fmt.Pct(t.IntermediateMaxMeanOverdueRate)}",
            $"高级客户经理：评定为中级满 {t.SeniorMonthsAsIntermediate} 个月，当前管户贷款不少于 {t.SeniorLoansManaged} 笔，近 {t.MeanOverdueMonths} 个月末平均贷款逾期率不超过 {Fmt.Pct(t.SeniorMaxMeanOverdueRate)}",
            "逾期率按" + (t.OverdueBasis == OverdueBasis.Balance ? "逾期贷款余额 ÷ 贷款余额" : "逾期贷款笔数 ÷ 贷款笔数") + "，平均逾期率"
                + (t.OverdueMean == OverdueMean.Simple ? "取各月末逾期率的简单平均" : "按各月末合计加权") + "；月末无贷款时逾期率" + (t.NoLoansIsZeroOverdue ? "按 0%" : "按无数据（条件不满足）"),
            "条件不再满足时：" + t.Lapse switch
            {
                TierLapse.KeepRatedTier => "已评定的等级保留，条件只用于晋升",
                TierLapse.ReEvaluate => "每月重新判断等级",
                _ => "不低于上月等级",
            } + "；工龄与任职时间算到" + (t.TenureDate == TenureDate.MonthEnd ? "当月最后一天" : "当月第一天"),
            "放款笔数绩效薪酬（" + (c.Method == CountPayMethod.Graduated ? "累进：每笔按所在档计" : "全额：全部笔数按达到的档计") + "）："
                + string.Join("，", c.Bands.Select(b => (b.To is { } to ? $"第 {Fmt.Num(b.From, 0)}–{Fmt.Num(to, 0)} 笔" : $"第 {Fmt.Num(b.From, 0)} 笔起") + $"每笔 {Fmt.Num(b.Amount)} 元"))
                + $"；续贷、并贷、展期按 {Fmt.Num(c.ConvertedLoanFactor, 4)} 笔折算，折算后的零头" + (c.Fractions == FractionalLoans.ProRata ? "按比例计" : "舍去")
                + "；超出表格的笔数" + c.Beyond switch { BeyondTable.Refuse => "无法计算（方案须补全表格）", BeyondTable.LastBandRate => "按最后一档计", _ => "不计" },
            "贷款推荐奖励（每笔成功发放的推荐贷款）：" + string.Join("，", r.Bands.Select(b => (b.To is { } to ? $"{Fmt.Num(b.From, 4)}–{Fmt.Num(to, 4)} 万元" : $"{Fmt.Num(b.From, 4)} 万元以上") + $" {Fmt.Num(b.Amount)} 元"))
                + "；两档之间的金额" + (r.Gaps == BandGaps.RightClosed ? "归入上一档之后的一档（如 5.5 万元按 6–10 万元）" : "先舍去不足 1 万元的部分")
                + "；低于最低档" + (r.BelowFirstBand == OutsideTable.NearestBand ? "按最低档" : "不奖励") + "，高于最高档" + (r.AboveLastBand == OutsideTable.NearestBand ? "按最高档" : "不奖励"),
            "贷款余额新增、贷款余额、贷款质量、贷款户均绩效薪酬：办法未给出计算方法，按录入金额发放",
            "每项薪酬在发放时四舍五入到分，合计为各项之和",
        ];
    }

    /// <summary>The 大客户经理助理's rules, one line each.</summary>
    public static IReadOnlyList<string> Describe(AssistantPayParameters p)
    {
        var b = p.Bonus;
        var sales = Fmt.Money(b.BonusBase * b.SalesShare / 100);
        var service = Fmt.Money(b.BonusBase * b.ServiceShare / 100);
        return
        [
            $"基本薪 {Fmt.Num(p.BasicPay)} 元；午餐补贴每天 {Fmt.Num(p.LunchPerDay)} 元，按" + (p.LunchBasis == LunchBasis.DaysWorked ? "出勤天数" : "应出勤天数") + $"；满勤奖 {Fmt.Num(p.FullAttendancePay)} 元",
            $"工龄奖 {(p.SeniorityPay is { } s ? Fmt.Num(s) + " 元/月" : "金额未给出，需在每月数据中填写")}、养老补贴 {Fmt.Num(p.PensionAllowance)} 元：入职{(p.SeniorityMonthsStrict ? "超过" : "满")} {p.SeniorityMonths} 个月方有（工龄算到" + (p.TenureDate == TenureDate.MonthEnd ? "当月最后一天" : "当月第一天") + "）",
            $"绩效考核奖金 {Fmt.Num(b.BonusBase)} 元：销售指标占 {Fmt.Pct(b.SalesShare)}（{Fmt.Num(sales)} 元），清洗饮水机、送水占 {Fmt.Pct(b.ServiceShare)}（{Fmt.Num(service)} 元）",
            $"销售指标奖金：完成率低于 {Fmt.Pct(b.SalesGate)} 无此项奖金；{Fmt.Pct(b.SalesGate)} 至 {Fmt.Pct(b.SalesFull)} 按实际完成率 × {Fmt.Num(sales)} 元；超过 {Fmt.Pct(b.SalesFull)} "
                + (b.SalesAboveFull == SalesAboveFull.Capped ? $"按 {Fmt.Num(sales)} 元封顶" : "仍按完成率计") + "；当月指标为 0 时" + (b.ZeroSalesTarget == ZeroSalesTarget.Full ? "按全额" : "无此项奖金"),
            $"清洗饮水机、送水奖金：每月清洗饮水机 {b.MachineQuota} 台、送水 {b.BucketQuota} 桶（普通版与升级版合计）为标准，一方不足可用另一方超出的部分抵补（1 台折合 {Fmt.Num(b.BucketsPerMachine, 4)} 桶）；"
                + (b.ServiceItems == ServiceItems.OneItem ? "两项都达标（含抵补）才发放" : "洗机、送水各占一半，各自达标（含抵补）发放"),
            $"超额薪资：超出标准的每台饮水机 {Fmt.Num(b.MachineExtraRate)} 元、每桶水 {Fmt.Num(b.BucketExtraRate)} 元" + (b.OffsetUnitsEarnExtras ? "（用于抵补的部分也计）" : "（用于抵补的部分不再计）")
                + "；清洗送水未达标时超额薪资" + (b.ExtrasWhenItemFails == ExtrasWhenItemFails.Paid ? "照发" : "不发"),
            "每项薪酬在发放时四舍五入到分，合计为各项之和",
        ];
    }

    /// <summary>The input columns, for the plan's kind.</summary>
    public static IReadOnlyList<string> Columns(bool loanOfficer) => loanOfficer ? PayRows.LoanOfficerColumns : PayRows.AssistantColumns;
}
