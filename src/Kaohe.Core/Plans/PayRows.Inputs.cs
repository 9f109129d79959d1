using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Plans.Pay;

namespace Kaohe.Core.Plans;

public static partial class PayRows
{
    private static readonly Dictionary<string, LoanOfficerTier> Tiers = new(StringComparer.Ordinal)
    {
        ["助理"] = LoanOfficerTier.Assistant, ["初级"] = LoanOfficerTier.Junior, ["中级"] = LoanOfficerTier.Intermediate, ["高级"] = LoanOfficerTier.Senior,
    };

    private static LoanOfficerMonthInput? ReadLoanOfficer(Row row, (int Year, int Month) ym, PayDateReader dates)
    {
        var start = Date(row, "从事信贷工作起始日", dates, true);
        var junior = Date(row, "评定为初级客户经理日期", dates, false);
        var intermediate = Date(row, "评定为中级客户经理日期", dates, false);
        LoanOfficerTier? previous = null;
        if (Text(row, "上月等级") is { } pt)
        {
            var key = pt.Replace("客户经理", "").Replace("信贷员", "");
            if (Tiers.TryGetValue(key, out var t)) previous = t;
            else row.Bad("上月等级", $"“{pt}”不是等级，可选：助理、初级、中级、高级");
        }
        var monthEnds = MonthEnds(row);
        var referrals = Referrals(row);
        var input = new LoanOfficerMonthInput
        {
            Tier = new LoanOfficerTierInput
            {
                Year = ym.Year,
                Month = ym.Month,
                CreditWorkStart = start ?? default,
                JuniorSince = junior,
                IntermediateSince = intermediate,
                PreviousTier = previous,
                LoansHandled = Count(row, "经办贷款笔数") ?? 0,
                LoansManaged = Count(row, "当前管户贷款笔数") ?? 0,
                Proficient = Flag(row, "熟练办理信贷业务"),
                MonthEnds = monthEnds ?? [],
            },
            Loans = new LoanCounts(Count(row, "当月新发放微小贷款笔数") ?? 0, Count(row, "续贷笔数") ?? 0, Count(row, "并贷笔数") ?? 0, Count(row, "展期笔数") ?? 0),
            Referrals = referrals ?? [],
            BalanceGrowthPay = Number(row, "贷款余额新增绩效薪酬", ValueUnit.Money),
            BalancePay = Number(row, "贷款余额绩效薪酬", ValueUnit.Money),
            QualityPay = Number(row, "贷款质量绩效薪酬", ValueUnit.Money),
            AverageLoanPay = Number(row, "贷款户均绩效薪酬", ValueUnit.Money),
        };
        return start is null || monthEnds is null || referrals is null ? null : input;
    }

    private static readonly string[] MonthEndColumns = ["月末贷款余额", "月末逾期贷款余额", "月末贷款笔数", "月末逾期贷款笔数", "月末逾期率"];

    /// <summary>The month-ends, oldest first, from the five list columns (each list as long as the others). Null after a problem.</summary>
    private static ImmutableArray<MonthEndLoans>? MonthEnds(Row row)
    {
        var lists = MonthEndColumns.Select(c => (Column: c, Items: Items(row, c))).Where(x => x.Items is not null).ToList();
        if (lists.Count == 0) return [];
        var length = lists[0].Items!.Count;
        var ok = true;
        foreach (var (column, items) in lists.Skip(1))
            if (items!.Count != length)
            {
                row.Bad(column, $"有 {items.Count} 个月末，而“{lists[0].Column}”有 {length} 个：各月末列的个数应相同（从早到晚，用“、”分隔）");
                ok = false;
            }
        if (!ok) return null;
        decimal?[] Values(string column, ValueUnit unit)
        {
            var items = lists.FirstOrDefault(x => x.Column == column).Items;
            var values = new decimal?[length];
            if (items is null) return values;
            for (var i = 0; i < length; i++)
            {
                values[i] = Number(row, column, items[i].Raw, unit, items[i].Where);
                if (values[i] is null) ok = false;
            }
            return values;
        }
        var balance = Values("月末贷款余额", ValueUnit.Money);
        var overdue = Values("月末逾期贷款余额", ValueUnit.Money);
        var count = Values("月末贷款笔数", ValueUnit.Count);
        var overdueCount = Values("月末逾期贷款笔数", ValueUnit.Count);
        var rate = Values("月末逾期率", ValueUnit.Percent);
        if (!ok) return null;
        static int? Int(decimal? v) => v is { } x ? (int)Math.Min(x, int.MaxValue) : null;
        return [.. Enumerable.Range(0, length).Select(i => new MonthEndLoans(balance[i], overdue[i], Int(count[i]), Int(overdueCount[i]), rate[i]))];
    }

    /// <summary>The referred loans: 推荐贷款金额 (a list) and, optionally, 是否成功发放 (a list as long; default 是). Null after a problem.</summary>
    private static ImmutableArray<ReferredLoan>? Referrals(Row row)
    {
        var amounts = Items(row, "推荐贷款金额");
        var disbursed = Items(row, "是否成功发放");
        if (amounts is null)
        {
            if (disbursed is not null) { row.Bad("是否成功发放", "没有填写推荐贷款金额"); return null; }
            return [];
        }
        if (disbursed is not null && disbursed.Count != amounts.Count)
        {
            row.Bad("是否成功发放", $"有 {disbursed.Count} 项，而推荐贷款金额有 {amounts.Count} 笔：应逐笔对应");
            return null;
        }
        var loans = new List<ReferredLoan>();
        var ok = true;
        for (var i = 0; i < amounts.Count; i++)
        {
            var amount = Number(row, "推荐贷款金额", amounts[i].Raw, ValueUnit.Money, $"第 {i + 1} 笔");
            var done = true;
            if (disbursed is not null)
            {
                if (disbursed[i].Raw is RawScalar s && ValueParser.ParseBool(s) is { } b && ValueParser.Normalize(s.Text).Length > 0) done = b;
                else { row.Bad("是否成功发放", $"第 {i + 1} 笔“{disbursed[i].Raw.Display}”应为 是 或 否"); ok = false; }
            }
            if (amount is null) ok = false;
            else loans.Add(new ReferredLoan(amount.Value, done));
        }
        return ok ? [.. loans] : null;
    }

    private static AssistantMonthInput? ReadAssistant(Row row, (int Year, int Month) ym, PayDateReader dates)
    {
        var hire = Date(row, "入职日期", dates, true);
        var days = Count(row, "出勤天数");
        if (days is null && !row.Fields.ContainsKey("出勤天数")) row.Bad("出勤天数", "缺少出勤天数");
        var input = new AssistantMonthInput
        {
            Year = ym.Year,
            Month = ym.Month,
            HireDate = hire ?? default,
            DaysWorked = days ?? 0,
            WorkingDays = Count(row, "应出勤天数"),
            FullAttendance = Flag(row, "满勤") ?? false,
            SeniorityPay = Number(row, "工龄奖", ValueUnit.Money),
            SalesActual = Number(row, "销售实际完成额", ValueUnit.Money) ?? 0,
            SalesTarget = Number(row, "当月销售考核指标", ValueUnit.Money) ?? 0,
            MachinesCleaned = Count(row, "清洗饮水机台数") ?? 0,
            BucketsRegular = Count(row, "送水桶数(普通版)") ?? 0,
            BucketsUpgraded = Count(row, "送水桶数(升级版)") ?? 0,
        };
        return hire is null || days is null ? null : input;
    }
}
