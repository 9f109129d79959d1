namespace Kaohe.Core.Plans;

/// <summary>A quarter's revenue after the plan's revenue rules.</summary>
/// <param name="Task">What counts toward the task.</param>
/// <param name="TaskOnly">The part of <paramref name="Task"/> that earns no engine bonus.</param>
/// <param name="Separate">Bonuses outside the engine (exact).</param>
/// <param name="Reimbursement">Expenses reimbursed.</param>
/// <param name="BigShare">Big deals' share of the quarter's deals, or null when no deals were entered.</param>
/// <param name="Notes">Explanation sentences.</param>
/// <param name="Warnings">Things to look at.</param>
public sealed record CreditedRevenue(
    decimal Task, decimal TaskOnly, decimal Separate, decimal Reimbursement, decimal? BigShare,
    IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings);

/// <summary>Turns a quarter's entered revenue into task revenue and bonuses outside the engine, by the plan's revenue rules.</summary>
public static class Crediting
{
    /// <summary>The shares of a joint-selling amount: (signer, local); they always sum to 1.</summary>
    public static (decimal Signer, decimal Local) JointShares(JointSplitRule rule, JointParty collector, bool tobacco)
    {
        if (tobacco && rule.TobaccoToSigner) return (1m, 0m);
        var signer = collector == JointParty.Signer ? rule.CollectorShare : 1m - rule.CollectorShare;
        return (signer, 1m - signer);
    }

    /// <summary>Credits one quarter; problems are added to <paramref name="problems"/> as (field, message).</summary>
    public static CreditedRevenue Credit(RevenueRules rules, QuarterInput q, List<(string Field, string Message)> problems)
    {
        var notes = new List<string>();
        var warnings = new List<string>();
        var amounts = new Dictionary<RevenueType, decimal>();
        var unearned = new Dictionary<RevenueType, decimal>();     // bonus split: the others' part of the bonus
        var share = q.Share;
        if (share is < 0m or > 1m) problems.Add(("贡献比例", $"应在 0 到 100% 之间，实为 {PlanText.Rate(share)}"));
        var bonusSplit = rules.Split == ContributionSplit.Bonus && share != 1m;
        // Revenue split: the person's share of each amount. Bonus split: the whole amount, with the others' share unearned.
        void AddShared(RevenueType t, decimal v)
        {
            amounts[t] = amounts.GetValueOrDefault(t) + (bonusSplit ? v : v * share);
            if (bonusSplit) unearned[t] = unearned.GetValueOrDefault(t) + v * (1m - share);
        }
        void Add(RevenueType t, decimal v) => amounts[t] = amounts.GetValueOrDefault(t) + v;
        var shareText = share == 1m || bonusSplit ? "" : $" × 贡献比例 {PlanText.Rate(share)}";
        if (bonusSplit) notes.Add($"按贡献比例 {PlanText.Rate(share)} 分配奖金：收入全额计入任务额，其中 {PlanText.Rate(1m - share)} 不由本人计奖");

        var transfer = 0m;
        if (q.ImplementationStandardQuote is { } quote)
        {
            if (!rules.StandardQuoteTransfer) problems.Add(("实施标准报价", "本方案没有按标准报价划拨实施费的规定"));
            else
            {
                var impl = q.Revenue.GetValueOrDefault(RevenueType.Implementation);
                transfer = Math.Max(0m, quote - impl);
                if (transfer > 0)
                    notes.Add($"实施收入 {PlanText.Yuan(impl)} 低于标准报价 {PlanText.Yuan(quote)}，从产品收入划拨 {PlanText.Yuan(transfer)} 作实施收入");
            }
        }
        foreach (var (type, raw) in q.Revenue)
        {
            if (type == RevenueType.TransferredImplementation) { problems.Add(("划拨实施收入", "由实施标准报价算出，不能直接填写")); continue; }
            var v = raw;
            if (type == RevenueType.Product) v -= transfer;
            if (type == RevenueType.SecondaryDevelopment && rules.SecondaryDevelopmentAtMargin)
            {
                notes.Add($"二次开发收入 {PlanText.Yuan(raw)} 减成本 {PlanText.Yuan(q.SecondaryDevelopmentCost)}，按毛利 {PlanText.Yuan(raw - q.SecondaryDevelopmentCost)} 计");
                v = raw - q.SecondaryDevelopmentCost;
            }
            AddShared(type, v);
        }
        if (transfer > 0) AddShared(RevenueType.TransferredImplementation, transfer);
        if (q.SecondaryDevelopmentCost != 0 && !rules.SecondaryDevelopmentAtMargin)
            problems.Add(("二次开发成本", "本方案不按毛利计二次开发收入"));

        if (q.Costs is { Total: not 0m } costs)
        {
            if (!rules.NetOfCosts) problems.Add(("合作伙伴分利", "本方案没有从回款中扣除分利和费用的规定"));
            else
            {
                AddShared(RevenueType.Product, -costs.Total);
                notes.Add($"回款扣除合作伙伴分利 {PlanText.Yuan(costs.PartnerShare)}、销售费用 {PlanText.Yuan(costs.SalesExpenses)}、大额招待费 {PlanText.Yuan(costs.Entertainment)}、项目差旅费 {PlanText.Yuan(costs.Travel)}，共 {PlanText.Yuan(costs.Total)}{shareText}");
            }
        }

        foreach (var j in q.JointSales ?? [])
        {
            if (rules.JointSplit is not { } split) { problems.Add(("联合销售收入", "本方案没有联合销售分成的规定")); break; }
            var (signer, local) = JointShares(split, j.Collector, j.Tobacco);
            var mine = j.Party == JointParty.Signer ? signer : local;
            Add(RevenueType.Product, j.Amount * mine);
            var who = j.Collector == JointParty.Signer ? "签约方" : "属地方";
            notes.Add(j.Tobacco && split.TobaccoToSigner
                ? $"联合销售 {PlanText.Yuan(j.Amount)} 为烟草合同，不分成，签约方得全部，本人{(j.Party == JointParty.Signer ? "得" : "不得")} {PlanText.Yuan(j.Amount * mine)}"
                : $"联合销售 {PlanText.Yuan(j.Amount)} 由{who}收款，签约方得 {PlanText.Rate(signer)}、属地方得 {PlanText.Rate(local)}，本人为{(j.Party == JointParty.Signer ? "签约方" : "属地方")}，计 {PlanText.Yuan(j.Amount * mine)}");
        }

        decimal task = 0, taskOnly = 0, separate = 0;
        foreach (var (type, name) in RevenueTypes.All)
        {
            if (!amounts.TryGetValue(type, out var v) || v == 0m) continue;
            if (!rules.Treatments.TryGetValue(type, out var t))
            {
                problems.Add((name, "本方案不计这类收入"));
                continue;
            }
            var parts = new List<string>();
            var counted = v * t.TaskFactor;
            var others = unearned.GetValueOrDefault(type);
            if (t.TaskFactor != 0m)
            {
                task += counted;
                if (!t.EngineBonus) taskOnly += counted;
                else if (others != 0m) taskOnly += others * t.TaskFactor;
                parts.Add(t.TaskFactor == 1m ? "计入任务额" : $"按 {PlanText.Rate(t.TaskFactor)} 计入任务额 {PlanText.Yuan(counted)}");
                if (!t.EngineBonus) parts.Add("不按任务比率计奖");
            }
            else parts.Add("不计入任务额");
            if (t.SeparateRate is { } rate)
            {
                separate += (v - others) * rate;
                parts.Add($"另按 {PlanText.Rate(rate)} 计奖 {PlanText.Yuan((v - others) * rate)}" + (others != 0m ? "（本人贡献部分）" : ""));
            }
            else if (t.TaskFactor == 0m || !t.EngineBonus) parts.Add("不计奖");
            notes.Add($"{name} {PlanText.Yuan(v)}{(q.Share == 1m || bonusSplit ? "" : "（已乘贡献比例）")}：{string.Join("，", parts)}");
        }

        if (rules.ImplementationFloor is { } floor && q.ContractTotal is { } total && total > 0)
        {
            var impl = q.Revenue.GetValueOrDefault(RevenueType.Implementation) + transfer;
            if (impl < floor * total)
                warnings.Add($"实施收入 {PlanText.Yuan(impl)} 低于合同总价 {PlanText.Yuan(total)} 的 {PlanText.Rate(floor)}（{PlanText.Yuan(floor * total)}）");
        }
        var reimbursement = 0m;
        if (q.DatabaseSets != 0)
        {
            if (rules.DatabasePerSet is not { } perSet) problems.Add(("数据库套数", "本方案没有数据库报销的规定"));
            else
            {
                reimbursement = q.DatabaseSets * perSet;
                notes.Add($"数据库 {q.DatabaseSets} 套 × {PlanText.Yuan(perSet)} = {PlanText.Yuan(reimbursement)}，按费用报销，不计入奖金");
            }
        }
        return new CreditedRevenue(task, taskOnly, separate, reimbursement, null, notes, warnings);
    }
}
