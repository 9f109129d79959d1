using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Data.Model;
using Kaohe.Data.Results;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>
/// A cycle's grade bands and forced distribution (强制分布): HR may give the cycle its own bands instead of the scheme's
/// (before publication; once results are released they are recomputed and changed results go back to the appraisees
/// for confirmation) and limits on the share of each grade, checked before publication.
/// </summary>
public sealed partial class CycleService
{
    /// <summary>The most bands or limits a cycle may have.</summary>
    public const int MaxGradeBands = 20;

    private static readonly JsonSerializerOptions GradingJson = new(JsonSerializerDefaults.Web);

    /// <summary>The cycle's bands (its own or the scheme's), the limits and the check of its current results.</summary>
    public GradingView Grading(Actor actor, int cycleId)
    {
        var cycle = ManagedCycle(actor, cycleId);
        return GradingOf(cycle, db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.Total != null).Select(s => s.Grade).ToList());
    }

    /// <summary>Sets bands (before publication; after release the results are recomputed) and limits; audited.</summary>
    public GradingView SetGrading(Actor actor, int cycleId, GradingRequest request)
    {
        using var tx = db.Database.BeginTransaction();
        CycleLock.Exclusive(db, cycleId);
        var cycle = ManagedCycle(actor, cycleId);
        if (cycle.Status is CycleStatus.Published or CycleStatus.Cancelled)
            throw new CycleException($"考核{CycleWords.Status(cycle.Status)}，不能再修改等级标准", 409);
        if (cycle.Version != request.Version) throw new CycleException("考核状态已被他人更改，请刷新后重试", 409);
        var problems = new List<FieldProblem>();
        string? bandsJson = cycle.GradeBandsJson, limitsJson = cycle.DistributionJson;
        if (request.Bands is { } bands)
        {
            CheckBands(bands, problems);
            bandsJson = bands.Count == 0 ? null
                : JsonSerializer.Serialize(bands.Select(b => b with { Grade = (b.Grade ?? "").Trim() }).ToList(), GradingJson);
        }
        var order = HistoryRules.GradeOrder(request.Bands is { Count: > 0 } b2 ? SchemeWithBands(cycle, b2) : GradedScheme(cycle));
        if (request.Limits is { } limits)
        {
            CheckLimits(limits, order, problems);
            limitsJson = limits.Count == 0 ? null : JsonSerializer.Serialize(limits, GradingJson);
        }
        else if (limitsJson is not null)
        {
            // The bands changed under existing limits: the limits must still name grades of the cycle.
            CheckLimits(JsonSerializer.Deserialize<List<DistributionLimitInput>>(limitsJson, GradingJson)!, order, problems);
        }
        if (problems.Count > 0) throw new CycleException($"等级标准有 {problems.Count} 处问题", 400, null, problems);
        var subjects = db.CycleSubjects.Where(s => s.CycleId == cycle.Id).OrderBy(s => s.Code).ToList();
        NotAboutSelf(actor, subjects, "修改其等级标准");
        var bandsChanged = bandsJson != cycle.GradeBandsJson;
        if (bandsChanged)
        {
            Audit(actor, cycle, null, "修改等级标准", "考核", Key(cycle), "等级标准", BandsText(cycle.GradeBandsJson, cycle), BandsText(bandsJson, cycle), null);
            cycle.GradeBandsJson = bandsJson;
        }
        if (limitsJson != cycle.DistributionJson)
        {
            Audit(actor, cycle, null, "修改等级分布要求", "考核", Key(cycle), "等级分布", LimitsText(cycle.DistributionJson), LimitsText(limitsJson), null);
            cycle.DistributionJson = limitsJson;
        }
        if (bandsChanged && cycle.Status == CycleStatus.Confirming)
        {
            var ids = subjects.Select(s => s.Id).ToList();
            var forms = db.RatingForms.AsNoTracking().Where(f => ids.Contains(f.CycleSubjectId)).ToList();
            Compute(actor, cycle, subjects, forms, "调整等级标准", "考核管理员调整了本次考核的等级标准");
        }
        cycle.Version++;
        SaveCycleWide("考核状态已被他人更改，请刷新后重试");
        tx.Commit();
        return GradingOf(cycle, [.. subjects.Where(s => s.Total is not null).Select(s => s.Grade)]);
    }

    /// <summary>The scheme of the cycle with the cycle's own bands, when it has them.</summary>
    private Scheme GradedScheme(AppraisalCycle cycle)
    {
        var scheme = SchemeOf(cycle.SchemeVersionId);
        if (cycle.GradeBandsJson is null) return scheme;
        var bands = JsonSerializer.Deserialize<List<GradeBandInput>>(cycle.GradeBandsJson, GradingJson)!;
        return scheme with { Grades = Scale(bands) };
    }

    private Scheme SchemeWithBands(AppraisalCycle cycle, IReadOnlyList<GradeBandInput> bands) =>
        SchemeOf(cycle.SchemeVersionId) with { Grades = Scale(bands) };

    private static GradeScale Scale(IEnumerable<GradeBandInput> bands) =>
        new([.. bands.Select(b => new GradeBand(b.Grade.Trim(), b.Min, !b.Above))]);

    /// <summary>The check of the cycle's grades against its limits (empty when it has none).</summary>
    private DistributionCheck? CheckDistribution(AppraisalCycle cycle, IReadOnlyList<string?> grades)
    {
        if (cycle.DistributionJson is null) return null;
        var limits = JsonSerializer.Deserialize<List<DistributionLimitInput>>(cycle.DistributionJson, GradingJson)!;
        return GradeDistribution.Check(HistoryRules.GradeOrder(GradedScheme(cycle)),
            [.. limits.Select(l => new DistributionLimit(l.Grade, l.MaxPercent / 100m, l.MinPercent / 100m))], grades);
    }

    private GradingView GradingOf(AppraisalCycle cycle, IReadOnlyList<string?> grades)
    {
        var scheme = GradedScheme(cycle);
        var bands = scheme.Grades?.Bands.Select(b => new GradeBandInput(b.Grade, b.Min, !b.MinInclusive)).ToList() ?? [];
        var limits = cycle.DistributionJson is null ? [] : JsonSerializer.Deserialize<List<DistributionLimitInput>>(cycle.DistributionJson, GradingJson)!;
        var counts = HistoryRules.GradeOrder(scheme).Select(g => new GradeTally(g, grades.Count(x => x is not null && ConsecutivePeriods.Normalize(x) == g))).ToList();
        var check = CheckDistribution(cycle, grades);
        var open = cycle.Status is CycleStatus.Rating or CycleStatus.Confirming;
        return new GradingView(cycle.Id, open, open, cycle.GradeBandsJson is not null, bands, limits, counts,
            grades.Count(g => g is not null), [.. check?.Breaches.Select(b => b.Message) ?? []], cycle.DistributionOverride, cycle.Version);
    }

    private static void CheckBands(IReadOnlyList<GradeBandInput> bands, List<FieldProblem> problems)
    {
        if (bands.Count > MaxGradeBands) problems.Add(new("等级", $"最多 {MaxGradeBands} 个等级"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        decimal? previous = null;
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            var at = $"第 {i + 1} 档";
            var name = (b.Grade ?? "").Trim();
            if (name.Length == 0) problems.Add(new(at, "请填写等级名称"));
            else if (name.Length > 32) problems.Add(new(at, "等级名称最多 32 个字"));
            else if (!seen.Add(ConsecutivePeriods.Normalize(name))) problems.Add(new(at, $"等级“{name}”重复"));
            if (b.Min is null && i != bands.Count - 1) problems.Add(new(at, "只有最后一档可以不填最低分（表示其余）"));
            if (b.Min is { } min)
            {
                if (min is < -1000 or > 1000) problems.Add(new(at, "最低分应在 -1000 到 1000 之间"));
                if (previous is { } p && min >= p) problems.Add(new(at, $"最低分 {min.ToString(CultureInfo.InvariantCulture)} 应低于上一档的 {p.ToString(CultureInfo.InvariantCulture)}（等级从高到低排列）"));
                previous = min;
            }
        }
    }

    private static void CheckLimits(IReadOnlyList<DistributionLimitInput> limits, IReadOnlyList<string> order, List<FieldProblem> problems)
    {
        if (limits.Count > MaxGradeBands) problems.Add(new("等级分布", $"最多 {MaxGradeBands} 条要求"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in limits)
        {
            var grade = ConsecutivePeriods.Normalize((l.Grade ?? "").Trim());
            var at = $"等级分布：{l.Grade}";
            if (!order.Contains(grade)) problems.Add(new(at, $"本次考核没有等级“{l.Grade}”；可选：{string.Join("、", order)}"));
            else if (!seen.Add(grade)) problems.Add(new(at, "同一等级只能有一条要求"));
            if (l.MaxPercent is null && l.MinPercent is null) problems.Add(new(at, "请填写最多或最少的比例"));
            foreach (var (v, word) in new[] { (l.MaxPercent, "最多"), (l.MinPercent, "最少") })
                if (v is { } x && x is < 0 or > 100) problems.Add(new(at, $"{word}比例应在 0 到 100 之间（百分数）"));
            if (l.MaxPercent is { } max && l.MinPercent is { } minP && minP > max) problems.Add(new(at, "最少比例不能大于最多比例"));
        }
    }

    private string BandsText(string? json, AppraisalCycle cycle)
    {
        var scale = json is null ? SchemeOf(cycle.SchemeVersionId).Grades : Scale(JsonSerializer.Deserialize<List<GradeBandInput>>(json, GradingJson)!);
        var text = scale is null || scale.Bands.IsEmpty ? "无等级" : string.Join("；", scale.Bands.Select(b =>
            b.Min is null ? $"{b.Grade} 其余" : $"{b.Grade} {(b.MinInclusive ? "≥" : ">")} {b.Min.Value.ToString(CultureInfo.InvariantCulture)}"));
        return (json is null ? "方案标准：" : "本次标准：") + text;
    }

    private static string LimitsText(string? json)
    {
        if (json is null) return "不限";
        var limits = JsonSerializer.Deserialize<List<DistributionLimitInput>>(json, GradingJson)!;
        return string.Join("；", limits.Select(l => l.Grade
            + (l.MaxPercent is { } max ? $" 不超过 {max.ToString(CultureInfo.InvariantCulture)}%" : "")
            + (l.MinPercent is { } min ? $" 不少于 {min.ToString(CultureInfo.InvariantCulture)}%" : "")));
    }

    /// <summary>
    /// Competition ranks of the cycle (ties share the best rank) and within each unit. A scheme that ranks itself (RK)
    /// leaves out the subjects it did not rank (not assessed); otherwise every subject with a total is ranked.
    /// </summary>
    private static (Dictionary<int, int?> Ranks, Dictionary<int, int?> UnitRanks) Standing(List<CycleSubject> subjects, Dictionary<string, SubjectResult> results)
    {
        decimal? Measure(CycleSubject s) => results[s.Code] is { } r && !(r.Rank is null && r.RankExplanation is not null) ? r.Total : null;
        var ranks = Ranking.Competition([.. subjects.Select(Measure)]);
        var byId = subjects.Select((s, i) => (s.Id, Rank: ranks[i])).ToDictionary(x => x.Id, x => x.Rank);
        var unitRanks = new Dictionary<int, int?>();
        foreach (var unit in subjects.GroupBy(s => s.UnitId))
        {
            var list = unit.ToList();
            var r = Ranking.Competition([.. list.Select(Measure)]);
            for (var i = 0; i < list.Count; i++) unitRanks[list[i].Id] = r[i];
        }
        return (byId, unitRanks);
    }
}
