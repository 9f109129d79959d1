using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.Core.Plans;

public static partial class PlanRows
{
    private static QuarterInput? ReadQuarter(KeyAccountPlan plan, PlanRow row, Action<string, string> bad, int quarter)
    {
        var target = OneOf(row, TargetColumns, ValueUnit.Money, bad);
        if (target is null && !TargetColumns.Any(row.Fields.ContainsKey)) bad("目标", "缺少目标（任务）");
        var revenue = new Dictionary<RevenueType, decimal>();
        if (OneOf(row, ProductColumns, ValueUnit.Money, bad) is { } product) revenue[RevenueType.Product] = product;
        foreach (var (type, name) in RevenueTypes.All)
            if (type is not (RevenueType.Product or RevenueType.TransferredImplementation) && Number(row, name, ValueUnit.Money, bad) is { } v)
                revenue[type] = v;

        var raterScores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in plan.Kpi.Raters)
            if (Number(row, r.Name, ValueUnit.Number, bad) is { } s) raterScores[r.Name] = s;
        var kpi = new KpiInput(Number(row, "KPI系数", ValueUnit.Number, bad), Number(row, "KPI得分", ValueUnit.Number, bad), raterScores);

        var share = 1m;
        if (Number(row, "贡献比例", ValueUnit.Percent, bad) is { } pct)
        {
            if (pct is <= 0 or > 100) bad("贡献比例", $"应大于 0 且不超过 100%，实为 {Kaohe.Core.Text.Fmt.Pct(pct)}");
            share = pct / 100m;
        }
        var costs = new CostDeductions(
            Number(row, "合作伙伴分利", ValueUnit.Money, bad) ?? 0, Number(row, "销售费用", ValueUnit.Money, bad) ?? 0,
            Number(row, "大额招待费", ValueUnit.Money, bad) ?? 0, Number(row, "项目差旅费", ValueUnit.Money, bad) ?? 0);
        var sets = Number(row, "数据库套数", ValueUnit.Count, bad) ?? 0;
        if (sets > 100_000) { bad("数据库套数", "数量过大"); sets = 0; }
        if (target is null) return null;
        return new QuarterInput(
            quarter, target.Value, Number(row, "基数", ValueUnit.Money, bad), revenue, kpi,
            Number(row, "浮动工资", ValueUnit.Money, bad) ?? 0, share, costs,
            JointSales(row, bad), Deals(row, bad),
            Number(row, "二次开发成本", ValueUnit.Money, bad) ?? 0,
            Number(row, "合同总价", ValueUnit.Money, bad),
            Number(row, "实施标准报价", ValueUnit.Money, bad),
            (int)sets,
            Flag(row, "新业务员", bad) ?? false);
    }

    private static JointParty? Party(RawInput? raw, string column, Action<string, string> bad)
    {
        var text = raw is RawScalar s ? ValueParser.Normalize(s.Text) : null;
        switch (text)
        {
            case "签约方" or "总签方" or "大客户部": return JointParty.Signer;
            case "属地方" or "分公司" or "地方分公司": return JointParty.Local;
            case null or "": bad(column, "缺少：应为 签约方 或 属地方"); return null;
            default: bad(column, $"“{text}”应为 签约方 或 属地方"); return null;
        }
    }

    private static List<JointSale>? JointSales(PlanRow row, Action<string, string> bad)
    {
        var sales = new List<JointSale>();
        void One(IReadOnlyDictionary<string, RawInput> f, string where)
        {
            var sub = new PlanRow(row.Location, f);
            var amount = Number(sub, "联合销售收入", ValueUnit.Money, (c, m) => bad(where + c, m));
            if (amount is null) { if (!f.ContainsKey("联合销售收入")) bad(where + "联合销售收入", "缺少金额"); return; }
            var party = Party(f.GetValueOrDefault("本人角色"), where + "本人角色", bad);
            var collector = Party(f.GetValueOrDefault("收款方"), where + "收款方", bad);
            var tobacco = Flag(sub, "烟草合同", (c, m) => bad(where + c, m)) ?? false;
            if (party is { } p && collector is { } c) sales.Add(new JointSale(amount.Value, p, c, tobacco));
        }
        if (row.Fields.ContainsKey("联合销售收入") || row.Fields.ContainsKey("本人角色") || row.Fields.ContainsKey("收款方"))
            One(row.Fields, "");
        else if (row.Fields.ContainsKey("烟草合同")) bad("烟草合同", "只在填写联合销售收入时使用");
        if (row.Fields.TryGetValue("联合销售", out var list))
        {
            if (list is not RawList items) { bad("联合销售", "应为列表，每项含 联合销售收入、本人角色、收款方、烟草合同"); return sales; }
            var i = 0;
            foreach (var item in items.Items)
            {
                i++;
                if (item is RawObject o) One(o.Fields, $"联合销售第 {i} 项 ");
                else bad($"联合销售第 {i} 项", "应为对象");
            }
        }
        return sales;
    }

    private static List<decimal>? Deals(PlanRow row, Action<string, string> bad)
    {
        if (!row.Fields.TryGetValue("单笔金额", out var raw)) return null;
        IEnumerable<RawInput> items = raw switch
        {
            RawList l => l.Items,
            RawScalar s when !s.IsNumber => ValueParser.Normalize(s.Text).Split([';', '；', '、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => (RawInput)new RawScalar(t)),
            _ => [raw],
        };
        var deals = new List<decimal>();
        var i = 0;
        foreach (var item in items)
        {
            i++;
            if (deals.Count >= 10_000) { bad("单笔金额", "笔数过多（最多 10,000 笔）"); return null; }
            if (item is not RawScalar s) { bad("单笔金额", $"第 {i} 笔应为金额"); continue; }
            var v = ValueParser.Parse(s, ValueUnit.Money, allowNegative: false);
            if (v.Value is { } d) deals.Add(d);
            else bad("单笔金额", $"第 {i} 笔：{v.Error ?? "不是金额"}");
        }
        return deals;
    }
}
