namespace Kaohe.Core.Plans;

/// <summary>The KPI coefficient of a quarter: entered directly, or from the score (or the raters' weighted scores) through the plan's table.</summary>
public static class Kpi
{
    /// <summary>The KPI score from the raters' scores: Σ weight × score. Null when a rater's score is missing.</summary>
    public static decimal? WeightedScore(KpiRules rules, IReadOnlyDictionary<string, decimal> scores)
    {
        if (rules.Raters.Count == 0) return null;
        decimal sum = 0;
        foreach (var r in rules.Raters)
        {
            if (!scores.TryGetValue(r.Name, out var s)) return null;
            sum += r.Weight * s;
        }
        return sum;
    }

    /// <summary>The coefficient for a score: the highest band whose lower bound the score reaches (0 below every band), or score / 100 without bands.</summary>
    public static decimal Coefficient(KpiRules rules, decimal score)
    {
        if (rules.Bands.Count == 0) return score / 100m;
        KpiBand? best = null;
        foreach (var b in rules.Bands)
            if (score >= b.MinScore && (best is null || b.MinScore > best.MinScore)) best = b;
        return best?.Coefficient ?? 0m;
    }

    /// <summary>Resolves a quarter's KPI; the note explains where k came from. Problems are (field, message).</summary>
    public static (decimal? Score, decimal K, string Note) Resolve(KpiRules rules, KpiInput input, List<(string, string)> problems)
    {
        if (input.Coefficient is { } k)
        {
            if (k < 0) problems.Add(("KPI系数", "不能为负数"));
            return (input.Score, k, $"KPI奖金系数 {PlanText.Num(k)}（直接填写）");
        }
        var fromRaters = input.Score is null ? WeightedScore(rules, input.RaterScores) : null;
        var score = input.Score ?? fromRaters;
        if (score is not { } s)
        {
            problems.Add(("KPI得分", rules.Raters.Count > 0
                ? $"缺少 KPI得分、KPI系数或评分人（{string.Join("、", rules.Raters.Select(r => r.Name))}）的评分"
                : "缺少 KPI得分或KPI系数"));
            return (null, 0m, "");
        }
        var coefficient = Coefficient(rules, s);
        var how = fromRaters is not null
            ? "KPI得分 = " + string.Join(" + ", rules.Raters.Select(r => $"{r.Name} {PlanText.Num(input.RaterScores[r.Name])} × {PlanText.Rate(r.Weight)}")) + $" = {PlanText.Num(s)}"
            : $"KPI得分 {PlanText.Num(s)}";
        var table = rules.Bands.Count == 0
            ? $"按得分 ÷ 100 折算系数 {PlanText.Num(coefficient)}（集团标准未给出，暂以此代替）"
            : $"按系数表折算为 {PlanText.Num(coefficient)}";
        return (s, coefficient, how + "，" + table);
    }
}
