using Kaohe.Core.Plans;

namespace Kaohe.Schemes.Plans;

public static partial class PlanLoader
{
    private static readonly Dictionary<string, ContributionSplit> Splits = new() { ["revenue"] = ContributionSplit.Revenue, ["bonus"] = ContributionSplit.Bonus };

    private static RevenueRules ReadRevenue(YamlNode r)
    {
        var treatments = new Dictionary<RevenueType, RevenueTreatment>();
        if (r.Get("types", true) is { } tn)
        {
            foreach (var (key, v) in tn.Pairs())
            {
                var match = RevenueTypes.All.Where(t => t.Name == key).ToList();
                if (match.Count == 0)
                {
                    v.Error($"未知的收入类型“{key}”，可选：{string.Join("、", RevenueTypes.All.Select(t => t.Name))}");
                    continue;
                }
                treatments[match[0].Type] = ReadTreatment(v);
            }
        }
        JointSplitRule? joint = null;
        if (r.Get("joint_split") is { } jn)
        {
            joint = new JointSplitRule(Required(jn, "collector_share"), jn.Bool("tobacco_to_signer", true));
            jn.RejectUnknown();
        }
        var perSet = r.Number("database_per_set", null);
        if (perSet is < 0 or > MaxAmount) r.Get("database_per_set")!.Error($"每套报销金额应在 0 到 {PlanText.Yuan(MaxAmount)} 之间");
        var rules = new RevenueRules(treatments, r.Bool("net_of_costs", false), joint, Fraction(r, "implementation_floor", null),
            perSet, r.Bool("standard_quote_transfer", false), r.Bool("secondary_development_at_margin", false),
            r.Enum("contribution_split", ContributionSplit.Revenue, Splits));
        if (rules.StandardQuoteTransfer && !treatments.ContainsKey(RevenueType.TransferredImplementation))
            r.Get("standard_quote_transfer")!.Error("按标准报价划拨实施费时，收入类型中需写明“划拨实施收入”如何计");
        if (!treatments.ContainsKey(RevenueType.Product)) r.Get("types")?.Error("收入类型中至少要有“产品回款”");
        r.RejectUnknown();
        return rules;
    }

    /// <summary><c>{ task: 50%, bonus: engine }</c>; bonus is <c>engine</c>, <c>none</c>, or a separate rate such as <c>6%</c>.</summary>
    private static RevenueTreatment ReadTreatment(YamlNode v)
    {
        var task = Required(v, "task");
        var bonusNode = v.Get("bonus", true);
        var text = bonusNode?.Text?.Trim();
        RevenueTreatment treatment;
        switch (text)
        {
            case "engine":
                if (task == 0) bonusNode!.Error("不计入任务额的收入不能按任务比率（engine）计奖");
                treatment = new RevenueTreatment(task, true, null);
                break;
            case "none":
                treatment = new RevenueTreatment(task, false, null);
                break;
            case null:
                treatment = new RevenueTreatment(task, false, null);
                break;
            default:
                if (!decimal.TryParse(Kaohe.Core.Inputs.ValueParser.Normalize(text).TrimEnd('%'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    bonusNode!.Error($"“{text}”不是可选的计奖方式：engine（按任务比率计奖）、none（不计奖）或另计的比率如 6%");
                    return new RevenueTreatment(task, false, null);
                }
                var rate = Fraction(v, "bonus", null);
                treatment = new RevenueTreatment(task, false, rate);
                break;
        }
        v.RejectUnknown();
        return treatment;
    }
}
