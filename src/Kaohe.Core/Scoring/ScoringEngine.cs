using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Core.Scoring;

/// <summary>
/// Scores subjects against a scheme: every indicator by its rule (combining raters by weight), then
/// sections, category caps, veto, total, grade, payout and — over a whole run — peer averages and ranking.
/// Pure: no I/O, no clock.
/// </summary>
public static class ScoringEngine
{
    /// <summary>Keys of a subject's extra values that give the payout base (奖金基数).</summary>
    public static readonly string[] PayoutBaseKeys = ["奖金基数", "绩效奖金", "月度绩效奖金", "计提奖金", "payout_base"];

    // The indicator names of the scheme scored last: a run scores one scheme many times. The holder is one
    // reference, so concurrent readers see either the old or the new pair, never a mix.
    private sealed record NameCache(Scheme Scheme, HashSet<string> Names);
    private static NameCache? _names;

    /// <summary>Whether scoring needs the whole run at once (peer averages or ranking); otherwise subjects stream.</summary>
    public static bool NeedsWholeRun(Scheme scheme) =>
        scheme.Ranking is not null || scheme.Indicators.Any(i => i.NotApplicable == NotApplicablePolicy.PeerAverage);

    /// <summary>Scores a whole run.</summary>
    /// <param name="cancel">Checked before each subject: a caller whose client has gone stops paying for the run
    /// (<see cref="OperationCanceledException"/>). A token is not I/O; the engine stays pure.</param>
    public static ScoringOutcome ScoreAll(Scheme scheme, IEnumerable<SubjectInput> subjects, CancellationToken cancel = default)
    {
        var errors = new List<ScoringError>();
        var evaluated = new List<(SubjectInput subject, List<IndicatorResult> indicators)>();
        var seen = new HashSet<string>();
        foreach (var s in subjects)
        {
            cancel.ThrowIfCancellationRequested();
            if (!seen.Add(s.Key))
                errors.Add(new ScoringError(s.Name, null, null, s.Code is null ? "对象重复出现" : $"对象重复出现（编号 {s.Code}）", s.Location));
            evaluated.Add((s, EvaluateIndicators(scheme, s, errors)));
        }
        if (errors.Count > 0) return new ScoringOutcome([], [.. errors]);

        cancel.ThrowIfCancellationRequested();
        FillPeerAverages(scheme, evaluated);
        var results = evaluated.Select(e =>
        {
            cancel.ThrowIfCancellationRequested();
            return Aggregate(scheme, e.subject, e.indicators);
        }).ToList();
        if (scheme.Ranking is { } ranking) results = Rank(ranking, results);
        return new ScoringOutcome([.. results], []);
    }

    /// <summary>Scores one subject on its own (no peer averages, no ranking). Errors are appended to <paramref name="errors"/>.</summary>
    public static SubjectResult? ScoreOne(Scheme scheme, SubjectInput subject, List<ScoringError> errors)
    {
        var before = errors.Count;
        var indicators = EvaluateIndicators(scheme, subject, errors);
        if (errors.Count > before) return null;
        for (var i = 0; i < indicators.Count; i++)
        {
            if (indicators[i].Status == IndicatorStatus.PeerAverage)
            {
                var ind = scheme.Indicators.First(x => x.Name == indicators[i].Name);
                var full = ind.Points ?? 0;
                indicators[i] = indicators[i] with { Score = full, Explanation = $"不适用，单独评分时无同批可比，按满分 {Num(full)} 分" };
            }
        }
        return Aggregate(scheme, subject, indicators);
    }

    // ------------------------------------------------------------------ indicators

    /// <summary>Evaluates every indicator of the scheme for one subject.</summary>
    public static List<IndicatorResult> EvaluateIndicators(Scheme scheme, SubjectInput subject, List<ScoringError> errors)
    {
        subject = WithCanonicalKeys(scheme, subject);
        CheckUnknownInputs(scheme, subject, errors);
        var count = 0;
        foreach (var section in scheme.Sections) count += section.Indicators.Length;
        var list = new List<IndicatorResult>(count);
        foreach (var section in scheme.Sections)
            foreach (var ind in section.Indicators)
                list.Add(ScoreIndicator(scheme, section, ind, subject, errors));
        return list;
    }

    /// <summary>
    /// Inputs keyed by an indicator's alias (the seed's traditional spelling …) under the indicator's name, for callers that
    /// build inputs themselves; the readers already do this. A key that is both kept as it is (the name wins).
    /// </summary>
    private static SubjectInput WithCanonicalKeys(Scheme scheme, SubjectInput subject)
    {
        if (scheme.Indicators.All(i => i.Aliases.IsEmpty)) return subject;
        ImmutableDictionary<string, RawInput> Fix(ImmutableDictionary<string, RawInput> inputs)
        {
            foreach (var key in inputs.Keys.ToList())
            {
                var name = IndicatorKeys.Canonical(scheme, key);
                if (name != key && !inputs.ContainsKey(name)) inputs = inputs.Remove(key).Add(name, inputs[key]);
            }
            return inputs;
        }
        return subject with
        {
            Inputs = Fix(subject.Inputs),
            Raters = subject.Raters.Count == 0 ? subject.Raters : subject.Raters.ToImmutableDictionary(kv => kv.Key, kv => Fix(kv.Value), subject.Raters.KeyComparer),
        };
    }

    private static void CheckUnknownInputs(Scheme scheme, SubjectInput subject, List<ScoringError> errors)
    {
        var cached = _names;
        HashSet<string> names;
        if (cached is not null && ReferenceEquals(cached.Scheme, scheme)) names = cached.Names;
        else
        {
            names = scheme.Indicators.Select(i => i.Name).ToHashSet();
            _names = new NameCache(scheme, names);
        }
        // Cheap check first: if every input key is an indicator name, there is nothing to report.
        var known = 0;
        foreach (var n in names)
            if (subject.Inputs.ContainsKey(n)) known++;
        if (known != subject.Inputs.Count)
        foreach (var key in subject.Inputs.Keys)
            if (!names.Contains(key))
                errors.Add(new ScoringError(subject.Name, key, subject.Inputs[key].Display, "方案中没有这个指标" + Suggest(key, names), subject.Location));
        if (subject.Raters.Count == 0 && subject.Extra.Count == 0) return;
        var roles = subject.Raters.Count == 0 ? [] : scheme.Raters.Select(r => r.Name).ToHashSet();
        foreach (var (role, inputs) in subject.Raters)
        {
            if (!roles.Contains(role))
            {
                errors.Add(new ScoringError(subject.Name, null, role, roles.Count == 0 ? "本方案没有评分人角色" : $"未知的评分人角色，可选：{string.Join("、", roles)}", subject.Location));
                continue;
            }
            foreach (var key in inputs.Keys)
            {
                var ind = scheme.Indicators.FirstOrDefault(i => i.Name == key);
                if (ind is null)
                    errors.Add(new ScoringError(subject.Name, key, inputs[key].Display, $"评分人“{role}”：方案中没有这个指标" + Suggest(key, names), subject.Location));
                else if (!ind.RatedBy.Contains(role))
                    errors.Add(new ScoringError(subject.Name, key, inputs[key].Display, ind.RatedBy.IsEmpty ? $"该指标不由评分人打分，请填在公共输入中，不要填在“{role}”下" : $"该指标不由“{role}”评分（评分人：{string.Join("、", ind.RatedBy)}）", subject.Location));
            }
        }
        foreach (var key in subject.Extra.Keys)
            if (!PayoutBaseKeys.Contains(key))
                errors.Add(new ScoringError(subject.Name, key, subject.Extra[key].Display, "未知的附加字段", subject.Location));
    }

    private static string Suggest(string key, IEnumerable<string> names)
    {
        var k = ValueParser.Normalize(key);
        var match = names.FirstOrDefault(n => n == k || n.Replace(" ", "") == k.Replace(" ", ""));
        if (match is not null && match != key) return $"（是否为“{match}”？注意全角/半角和空格）";
        var close = names.FirstOrDefault(n => n.Contains(k) || k.Contains(n));
        return close is null ? "" : $"（是否为“{close}”？）";
    }

    private static IndicatorResult ScoreIndicator(Scheme scheme, Section section, Indicator ind, SubjectInput subject, List<ScoringError> errors)
    {
        var label = ind.Name;
        IndicatorResult Failed() => FailedResult(ind, section);
        var sharedRaw = subject.Inputs.GetValueOrDefault(ind.Name);
        // Raters are used for this indicator when at least one of its rater roles gave it an input;
        // otherwise the shared input (a pre-combined value) is read.
        var useRaters = false;
        if (!ind.RatedBy.IsEmpty && subject.Raters.Count > 0)
            foreach (var r in ind.RatedBy)
                if (subject.Raters.TryGetValue(r, out var given) && given.ContainsKey(ind.Name)) { useRaters = true; break; }

        RuleScore combined;
        var raterScores = ImmutableArray<RaterScore>.Empty;
        if (useRaters && sharedRaw is not null)
        {
            errors.Add(new ScoringError(subject.Name, ind.Name, sharedRaw.Display, $"该指标由评分人（{string.Join("、", ind.RatedBy)}）评分，已有评分人的输入，公共输入会被忽略：请只填一处", subject.Location));
            return Failed();
        }
        if (useRaters)
        {
            var list = new List<RaterScore>();
            decimal weighted = 0, presentWeight = 0, allWeight = 0;
            var anyFailed = false;
            var anyVeto = false;
            foreach (var role in ind.RatedBy)
            {
                var w = scheme.Raters.FirstOrDefault(r => r.Name == role)?.Weight ?? 0;
                allWeight += w;
                if (!subject.Raters.TryGetValue(role, out var inputs))
                {
                    list.Add(new RaterScore(role, w, null, "未评分"));
                    continue;
                }
                var raw = inputs.GetValueOrDefault(ind.Name);
                var r = EvaluateOne(ind, raw, subject, $"{ind.Name}（{role}）", errors, label);
                if (r.Flag == RuleFlag.Failed) { anyFailed = true; continue; }
                if (r.Flag == RuleFlag.Veto) anyVeto = true;
                list.Add(new RaterScore(role, w, r.Score, r.Explanation));
                if (r.Score is { } sc && w > 0)
                {
                    weighted += w * sc;
                    presentWeight += w;
                }
            }
            if (anyFailed) return Failed();
            raterScores = [.. list];
            var missing = list.Where(x => x.Score is null && x.Weight > 0).Select(x => x.Role).ToList();
            if (missing.Count > 0 && scheme.MissingRater == MissingRaterPolicy.Error)
            {
                errors.Add(new ScoringError(subject.Name, ind.Name, null, $"缺少评分人：{string.Join("、", missing)}", subject.Location));
                return Failed();
            }
            if (presentWeight == 0)
            {
                errors.Add(new ScoringError(subject.Name, ind.Name, null, "没有计权评分人的评分", subject.Location));
                return Failed();
            }
            var divisor = scheme.MissingRater == MissingRaterPolicy.Renormalise ? presentWeight : allWeight;
            var value = weighted / divisor;
            var parts = string.Join(" + ", list.Where(x => x.Weight > 0 && x.Score is not null).Select(x => $"{x.Role} {Num(x.Score!.Value)} × {Num(x.Weight, 4)}"));
            var text = string.Join("；", list.Select(x => $"{x.Role}{(x.Weight == 0 ? "（仅供参考）" : "")}：{x.Explanation}"));
            text += $"；加权：({parts}){(divisor != 1 ? $" / {Num(divisor, 4)}" : "")} = {Num(value)} 分";
            if (missing.Count > 0)
                text += scheme.MissingRater == MissingRaterPolicy.Renormalise
                    ? $"（{string.Join("、", missing)}未评分，权重按到场评分人重新归一）"
                    : $"（{string.Join("、", missing)}未评分，按 0 分计）";
            combined = new RuleScore(value, text, anyVeto ? RuleFlag.Veto : RuleFlag.Scored);
        }
        else
        {
            combined = EvaluateOne(ind, sharedRaw, subject, ind.Name, errors, label);
            if (combined.Flag == RuleFlag.Failed) return Failed();
            if (!ind.RatedBy.IsEmpty && sharedRaw is not null)
                combined = combined with { Explanation = combined.Explanation + "（未分评分人，直接采用录入值）" };
        }

        switch (combined.Flag)
        {
            case RuleFlag.Excluded:
                return new IndicatorResult(ind.Name, section.Name, ind.Category, null, ind.Points, combined.Explanation, IndicatorStatus.Excluded, ind.Unit, raterScores);
            case RuleFlag.NotApplicable:
                return NotApplicable(scheme, section, ind, subject, combined.Explanation, errors) ?? Failed();
            case RuleFlag.Veto:
                return new IndicatorResult(ind.Name, section.Name, ind.Category, 0, ind.Points, combined.Explanation, IndicatorStatus.VetoTriggered, ind.Unit, raterScores);
        }

        var score = combined.Score!.Value;
        // Most indicators add nothing to the rule's explanation: only copy it into a builder when they do.
        StringBuilder? extra = null;
        StringBuilder Explain() => extra ??= new StringBuilder(combined.Explanation, combined.Explanation.Length + 64);
        foreach (var coef in ind.Coefficients)
        {
            var reader = new InputReader(subject.Name, ind.Name, sharedRaw, errors, subject.Location);
            var aux = reader.Number(coef.Input, coef.Unit);
            if (aux is null) return Failed();
            if (aux.Value.Value is not { } av)
            {
                reader.Error($"系数依据“{coef.Input}”必须是数值");
                return Failed();
            }
            var suffix = coef.Unit == ValueUnit.Percent ? "%" : "";
            var k = RuleEvaluator.ScoreInBands(coef.Bands, coef.Gap, av, suffix, $"{coef.Input} {(coef.Unit == ValueUnit.Percent ? PctAgainst(av, RuleEvaluator.Bounds(coef.Bands)) : Against(av, 4, RuleEvaluator.Bounds(coef.Bands)))}", reader, out _);
            if (k.Flag == RuleFlag.Failed) return Failed();
            var kv = k.Score!.Value;
            var before = score;
            score *= kv;
            Explain().Append($"；系数：{k.Explanation.Replace("按比例得分", "系数按比例").Replace("线性得分", "系数线性插值").Replace(" 分", "")}，{Num(before)} × {Num(kv, 4)} = {Num(score)} 分");
        }
        if (ind.ConvertTo is { } to && ind.Points is { } pts && pts != 0)
        {
            var before = score;
            score = score / pts * to;
            Explain().Append($"；按权重折算：{Num(before)} / {Num(pts)} × {Num(to)} = {Num(score)} 分");
        }
        var clamped = Steps.Clamp(score, ind.Floor, ind.Cap, out var note);
        if (note is not null) Explain().Append("；" + note);
        return new IndicatorResult(ind.Name, section.Name, ind.Category, clamped, ind.Points, extra?.ToString() ?? combined.Explanation, IndicatorStatus.Scored, ind.Unit, raterScores);
    }

    private static IndicatorResult FailedResult(Indicator ind, Section section) =>
        new(ind.Name, section.Name, ind.Category, null, ind.Points, "", IndicatorStatus.Failed, ind.Unit, []);

    private static RuleScore EvaluateOne(Indicator ind, RawInput? raw, SubjectInput subject, string name, List<ScoringError> errors, string label)
    {
        var reader = new InputReader(subject.Name, name, raw, errors, subject.Location);
        if (raw is RawScalar na && ValueParser.NotApplicableWords.Contains(ValueParser.Normalize(na.Text)))
            return new RuleScore(null, $"{label}不适用", RuleFlag.NotApplicable);
        if (reader.IsMissing && !ind.Optional && ind.Rule is not (DeductionRule or UnitRule or VetoRule))
        {
            reader.Error("缺少输入");
            return RuleScore.Fail;
        }
        if (reader.IsMissing && ind.Optional && ind.Rule is not (DeductionRule or UnitRule or VetoRule or GradeRule { Multiple: not MultipleGrades.Single }))
            return RuleScore.Of(0, "未填写（可选项）→ 0 分");
        var r = RuleEvaluator.Evaluate(ind.Rule, reader, ind.Points, label);
        return reader.Failed ? RuleScore.Fail : r;
    }

    private static IndicatorResult? NotApplicable(Scheme scheme, Section section, Indicator ind, SubjectInput subject, string text, List<ScoringError> errors)
    {
        switch (ind.NotApplicable)
        {
            case NotApplicablePolicy.PeerAverage:
                return new IndicatorResult(ind.Name, section.Name, ind.Category, null, ind.Points, text, IndicatorStatus.PeerAverage, ind.Unit, []);
            case NotApplicablePolicy.Full:
                var full = ind.Points ?? RuleEvaluator.MaxOf(ind.Rule, ind.Points) ?? 0;
                return new IndicatorResult(ind.Name, section.Name, ind.Category, full, ind.Points, text + $"，按满分 {Num(full)} 分", IndicatorStatus.Scored, ind.Unit, []);
            case NotApplicablePolicy.Zero:
                return new IndicatorResult(ind.Name, section.Name, ind.Category, 0, ind.Points, text + "，按 0 分", IndicatorStatus.Scored, ind.Unit, []);
            case NotApplicablePolicy.Exclude:
                return new IndicatorResult(ind.Name, section.Name, ind.Category, null, ind.Points, text + "，本项不计，权重重新分配", IndicatorStatus.Excluded, ind.Unit, []);
            default:
                errors.Add(new ScoringError(subject.Name, ind.Name, "不适用", "本方案中该指标不能填“不适用”", subject.Location));
                return null;
        }
    }

    private static void FillPeerAverages(Scheme scheme, List<(SubjectInput subject, List<IndicatorResult> indicators)> run)
    {
        foreach (var ind in scheme.Indicators.Where(i => i.NotApplicable == NotApplicablePolicy.PeerAverage))
        {
            var peers = run.Select(e => e.indicators.First(r => r.Name == ind.Name))
                .Where(r => r.Status == IndicatorStatus.Scored && r.Score is not null)
                .Select(r => r.Score!.Value).ToList();
            foreach (var (_, indicators) in run)
            {
                var idx = indicators.FindIndex(r => r.Name == ind.Name);
                if (indicators[idx].Status != IndicatorStatus.PeerAverage) continue;
                if (peers.Count == 0)
                {
                    var full = ind.Points ?? 0;
                    indicators[idx] = indicators[idx] with { Score = full, Explanation = indicators[idx].Explanation + $"，同批无人适用，按满分 {Num(full)} 分" };
                }
                else
                {
                    var mean = peers.Sum() / peers.Count;
                    indicators[idx] = indicators[idx] with { Score = mean, Explanation = indicators[idx].Explanation + $"，取同批 {peers.Count} 人的平均分 ({string.Join(" + ", peers.Select(p => Num(p)))}) / {peers.Count} = {Num(mean)} 分" };
                }
            }
        }
    }

    // ------------------------------------------------------------------ aggregation

    /// <summary>Combines indicator results into sections, total, grade and payout.</summary>
    public static SubjectResult Aggregate(Scheme scheme, SubjectInput subject, List<IndicatorResult> indicators)
    {
        var sectionCount = scheme.Sections.Length;
        var sections = ImmutableArray.CreateBuilder<SectionResult>(sectionCount);
        decimal total = 0;
        var vetoed = false;
        foreach (var i in indicators) vetoed |= i.Status == IndicatorStatus.VetoTriggered;
        // This runs for every subject of a 100,000-subject run: one pass per section, no LINQ on the common
        // path, the explanation builders reused per thread, numbers written straight into them.
        var totalText = t_totalText ??= new StringBuilder(160);
        totalText.Clear().Append("总分 = ");
        var anyPart = false;
        // Section → contribution per point of an item score, in section order (a name given twice keeps its last).
        var sectionFactors = t_factors is { } tf && tf.Length >= sectionCount ? tf : t_factors = new decimal[Math.Max(sectionCount, 8)];
        Dictionary<string, decimal>? factorMap = null;
        Dictionary<string, decimal> Factors()
        {
            if (factorMap is null)
            {
                factorMap = [];
                for (var k = 0; k < sectionCount; k++) factorMap[scheme.Sections[k].Name] = sectionFactors[k];
            }
            return factorMap;
        }
        // Excluded items ("无数据"/"不适用" with the exclude policy) are renormalised within their section when
        // sections carry weights, else over the whole form; a weighted section with nothing left drops out
        // and the other sections' weights are renormalised.
        var weighted = false;
        foreach (var s in scheme.Sections) weighted |= s.Weight is not null;
        decimal droppedWeight = 0;
        List<string>? droppedSections = null;
        var text = t_sectionText ??= new StringBuilder(96);
        for (var si = 0; si < sectionCount; si++)
        {
            var section = scheme.Sections[si];
            var factor = 1m;
            var mineCount = 0;
            var includedCount = 0;
            var excludedCount = 0;
            decimal sum = 0;
            text.Clear();
            foreach (var i in indicators)
            {
                if (i.Unit != ScoreUnit.Points || !string.Equals(i.Section, section.Name, StringComparison.Ordinal)) continue;
                mineCount++;
                if (i.Status == IndicatorStatus.Excluded) { excludedCount++; continue; }
                if (i.Score is not { } sc) continue;
                includedCount++;
                sum += scheme.RoundItemsTo is { } digits ? Math.Round(sc, digits, MidpointRounding.AwayFromZero) : sc;
                if (text.Length > 0) text.Append(" + ");
                text.Append($"{N(sc)}");
            }
            if (includedCount == 0) text.Append("无计分项");
            else text.Append(" = ").Append($"{N(sum)}");
            var value = sum;
            if (weighted && section.Weight is { } sw0 && excludedCount > 0 && excludedCount == mineCount)
            {
                droppedWeight += sw0;
                (droppedSections ??= []).Add(section.Name);
            }
            if (excludedCount > 0 && weighted)
            {
                var mine = new List<IndicatorResult>(mineCount);
                var included = new List<IndicatorResult>(includedCount);
                var excluded = new List<IndicatorResult>(excludedCount);
                foreach (var i in indicators)
                {
                    if (i.Unit != ScoreUnit.Points || !string.Equals(i.Section, section.Name, StringComparison.Ordinal)) continue;
                    mine.Add(i);
                    if (i.Status == IndicatorStatus.Excluded) { excluded.Add(i); continue; }
                    if (i.Score is not null) included.Add(i);
                }
                var all = mine.Sum(i => i.Max ?? 0);
                var kept = mine.Except(excluded).Sum(i => i.Max ?? 0);
                if (kept > 0 && all > kept)
                {
                    // Only the items whose points make up the section are rescaled; add-ons without points
                    // (a −5 deduction, a +3 bonus) count as they are.
                    var pointed = included.Where(i => (i.Max ?? 0) > 0).Sum(i => i.Score!.Value);
                    value = pointed * all / kept + (sum - pointed);
                    text.Append($"；{string.Join("、", excluded.Select(e => e.Name))}不计，{(pointed == sum ? "" : $"有分值的项 {Num(pointed)} ")}按 {Num(all)}/{Num(kept)} 重新归一 = {Num(value)}");
                }
            }
            if (section.ScaleTo is { } scale)
            {
                decimal nominal = 0;
                foreach (var i in section.Indicators) nominal += i.Points ?? 0;
                if (nominal > 0 && nominal != scale)
                {
                    var before = value;
                    value = value / nominal * scale;
                    factor = factor / nominal * scale;
                    text.Append($"；折算为 {N(scale)} 分制：{N(before)} / {N(nominal)} × {N(scale)} = {N(value)}");
                }
            }
            value = Steps.Clamp(value, section.Floor, section.Cap, out var note);
            if (note is not null) text.Append('；').Append(note);
            var contribution = section.Weight is { } w ? value * w : value;
            sectionFactors[si] = section.Weight is { } fw ? factor * fw : factor;
            sections.Add(new SectionResult(section.Name, value, section.Weight, contribution, text.ToString()));
            total += contribution;
            if (anyPart) totalText.Append(" + ");
            anyPart = true;
            if (section.Weight is { } ww) totalText.Append($"{section.Name} {N(value)} × {N(ww * 100, 4)}%");
            else totalText.Append($"{section.Name} {N(value)}");
        }
        totalText.Append(" = ").Append($"{N(total)}");
        var anyExcluded = false;
        foreach (var i in indicators) anyExcluded |= i.Status == IndicatorStatus.Excluded && i.Unit == ScoreUnit.Points;
        if (!weighted && anyExcluded)
        {
            var factors = Factors();
            var excludedAll = indicators.Where(i => i.Status == IndicatorStatus.Excluded && i.Unit == ScoreUnit.Points).ToList();
            static bool Weighed(IndicatorResult i) => i.Unit == ScoreUnit.Points && i.Category is not (IndicatorCategory.Bonus or IndicatorCategory.Deduction or IndicatorCategory.Veto);
            var all = indicators.Where(Weighed).Sum(i => i.Max ?? 0);
            var kept = all - excludedAll.Sum(i => i.Max ?? 0);
            if (kept > 0 && all > kept)
            {
                // Rescale exactly the items whose points define all/kept; bonus and deduction items count as they are.
                var pointed = indicators.Where(i => Weighed(i) && i.Score is not null && i.Status != IndicatorStatus.Excluded)
                    .Sum(i => i.Score!.Value * factors.GetValueOrDefault(i.Section, 1m));
                var beforeRenorm = total;
                total = total - pointed + pointed * all / kept;
                totalText.Append($"；{string.Join("、", excludedAll.Select(e => e.Name))}不计，{(pointed == beforeRenorm ? "" : $"计分项 {Num(pointed)} ")}按满分 {Num(all)}/{Num(kept)} 重新归一 = {Num(total)}");
            }
        }
        else if (droppedWeight > 0 && scheme.Sections.Where(x => x.Weight is not null).Sum(x => x.Weight!.Value) - droppedWeight is > 0 and var remaining)
        {
            var factors = Factors();
            var allWeights = remaining + droppedWeight;
            total = total * allWeights / remaining;
            foreach (var k in factors.Keys.ToList()) factors[k] = factors[k] * allWeights / remaining;
            totalText.Append($"；{string.Join("、", droppedSections!)}全部不计，其余分组权重重新归一：× {Num(allWeights * 100, 4)}% / {Num(remaining * 100, 4)}% = {Num(total)}");
        }

        foreach (var (category, cap) in scheme.CategoryCaps)
        {
            var negatives = indicators.Where(i => i.Category == category && i.Score < 0 && i.Status != IndicatorStatus.Excluded && i.Unit == ScoreUnit.Points).ToList();
            var deducted = -negatives.Sum(i => i.Score!.Value);
            if (deducted > cap)
            {
                // Give back the excess through the same section weights/scales the deductions went through.
                var factors = Factors();
                var giveBack = negatives.Sum(i => -i.Score!.Value * factors.GetValueOrDefault(i.Section, 1m)) * (deducted - cap) / deducted;
                total += giveBack;
                totalText.Append($"；{CategoryWord(category)}合计扣 {Num(deducted)} 分，超过上限 {Num(cap)} 分，按 {Num(cap)} 分扣 → {Num(total)}");
            }
        }
        if (vetoed)
        {
            total = scheme.VetoScore;
            totalText.Append($"；触发否决项（{string.Join("、", indicators.Where(i => i.Status == IndicatorStatus.VetoTriggered).Select(i => i.Name))}），考核结果无效，总分按 {Num(total)} 分");
        }
        if (scheme.NormaliseTo is { } to && scheme.NominalTotal is { } nominalTotal && nominalTotal != 0 && !vetoed)
        {
            var before = total;
            total = total / nominalTotal * to;
            totalText.Append($"；表满分 {Num(nominalTotal)} 分，折算为 {Num(to)} 分制：{Num(before)} / {Num(nominalTotal)} × {Num(to)} = {Num(total)}");
        }
        var clamped = Steps.Clamp(total, scheme.TotalFloor, scheme.TotalCap, out var tnote);
        if (tnote is not null) totalText.Append("；" + tnote.Replace("分", "分（总分）"));
        total = clamped;

        var (grade, gradeText) = scheme.Grades is { } scale2 ? GradeOf(scale2, total) : (null, null);

        decimal? moneyTotal = null;
        foreach (var i in indicators)
            if (i.Unit == ScoreUnit.Yuan && i.Score is { } m) moneyTotal = (moneyTotal ?? 0) + m;
        if (moneyTotal is { } mt) moneyTotal = Money(mt);
        var (payout, payoutText) = scheme.Payout is { } p ? Payout(p, total, subject) : (null, null);
        return new SubjectResult(subject.Name, total, totalText.ToString(), grade, gradeText, payout, payoutText, moneyTotal,
            null, null, null, vetoed, sections.MoveToImmutable(), [.. indicators], subject.Code);
    }

    /// <summary>
    /// The grade of a total on a scale: the first band (highest first) whose minimum the total reaches, with its reason;
    /// (null, null) when the total is below every band and the last band has a minimum.
    /// </summary>
    public static (string? Grade, string? Explanation) GradeOf(GradeScale scale, decimal total)
    {
        ArgumentNullException.ThrowIfNull(scale);
        foreach (var band in scale.Bands)
        {
            if (band.Min is null || (band.MinInclusive ? total >= band.Min : total > band.Min))
            {
                // Shown so that it never seems to reach the band above (89.995 is not "90" when 优秀 starts at 90).
                var shown = NumAgainst(total, [.. scale.Bands.Where(b => b.Min is not null).Select(b => b.Min!.Value)]);
                return (band.Grade, band.Min is null ? $"总分 {shown} 低于其他档 → {band.Grade}" : $"总分 {shown} {(band.MinInclusive ? "≥" : ">")} {Num(band.Min.Value)} → {band.Grade}");
            }
        }
        return (null, null);
    }

    [ThreadStatic] private static StringBuilder? t_totalText;
    [ThreadStatic] private static StringBuilder? t_sectionText;
    [ThreadStatic] private static decimal[]? t_factors;

    private static string CategoryWord(IndicatorCategory c) => c switch
    {
        IndicatorCategory.Qualitative => "定性指标",
        IndicatorCategory.Quantitative => "定量指标",
        IndicatorCategory.Bonus => "加分项",
        IndicatorCategory.Deduction => "扣分项",
        IndicatorCategory.Veto => "否决项",
        _ => throw new UnreachableException(),
    };

    /// <summary>Applies a payout rule (BP) to a total; the base comes from the rule or the subject.</summary>
    public static (decimal? Amount, string? Explanation) Payout(PayoutRule rule, decimal total, SubjectInput subject)
    {
        decimal? b = rule.Base;
        string? unreadable = null;
        if (b is null)
        {
            foreach (var key in PayoutBaseKeys)
            {
                if (subject.Extra.TryGetValue(key, out var raw) && raw is RawScalar s)
                {
                    var pv = ValueParser.Parse(s, ValueUnit.Money, allowNegative: false);
                    if (pv.Value is not null) { b = pv.Value; break; }
                    unreadable ??= $"{key}“{s.Text}”无法识别（{pv.Error ?? "不是金额"}）";
                }
            }
        }
        if (b is null) return (null, unreadable is null ? "未提供奖金基数（奖金基数），不计算奖金" : unreadable + "，不计算奖金");
        var basis = b.Value;
        switch (rule)
        {
            case ProportionalPayout pp:
                if (total <= 0) return (0, $"总分 {Num(total)} 不为正，奖金为 0 元（不倒扣工资）");
                var amount = total / pp.PerPoints * basis;
                var text = $"奖金 = {Num(total)} / {Num(pp.PerPoints)} × {Num(basis)} = {Num(amount)} 元";
                if (pp.CapAtBase && amount > basis) { amount = basis; text += $"，以奖金基数 {Num(basis)} 元封顶"; }
                return (Money(amount), text);
            case BandedPayout bp:
                var t = NumAgainst(total, bp.NoneBelow, bp.FullFrom);
                if (total < bp.NoneBelow) return (0, $"总分 {t} 低于 {Num(bp.NoneBelow)} 分，当月无绩效奖金");
                if (total >= bp.FullFrom) return (Money(basis), $"总分 {t} ≥ {Num(bp.FullFrom)} 分，全额奖金 {Num(basis)} 元");
                var prop = basis / bp.PerPoints * total;
                return (Money(prop), $"总分 {t} 在 {Num(bp.NoneBelow)}–{Num(bp.FullFrom)} 分之间：{Num(basis)} / {Num(bp.PerPoints)} × {t} = {Num(prop)} 元");
            case CoefficientPayout cp:
                decimal k;
                string ktext;
                if (cp.Table.IsEmpty)
                {
                    k = total / 100;
                    ktext = $"系数 k = {Num(total)} / 100 = {Num(k, 4)}";
                }
                else
                {
                    var row = cp.Table.OrderByDescending(r => r.Min).FirstOrDefault(r => total >= r.Min);
                    k = row?.Coefficient ?? 0;
                    ktext = row is null ? "总分低于系数表最低档，k = 0" : $"总分 {NumAgainst(total, [.. cp.Table.Select(r => r.Min)])} ≥ {Num(row.Min)}，系数 k = {Num(k, 4)}";
                }
                var actual = basis * (cp.FixedShare + (1 - cp.FixedShare) * k);
                return (Money(actual), $"{ktext}；实际奖金 = {Num(basis)} × ({Num(cp.FixedShare * 100)}% + {Num((1 - cp.FixedShare) * 100)}% × {Num(k, 4)}) = {Num(actual)} 元");
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>Ranks a run (RK): competition ranking (ties share a rank), rewards and penalties.</summary>
    public static List<SubjectResult> Rank(RankingRule rule, List<SubjectResult> results)
    {
        decimal M(SubjectResult r) => rule.ByPercentOf is { } of && of != 0 ? r.Total / of * 100 : r.Total;
        // PC-09: a subject all of whose indicators are excluded ("不适用") is not appraised this period:
        // it is neither ranked, rewarded nor penalised.
        static bool NotAssessed(SubjectResult r) => r.Indicators.Where(i => i.Unit == ScoreUnit.Points).All(i => i.Status == IndicatorStatus.Excluded);
        var ranked = new SubjectResult[results.Count];
        for (var i = 0; i < results.Count; i++)
            if (NotAssessed(results[i]))
                ranked[i] = results[i] with { RankExplanation = "本期无考核项，不列入考核和排名" };
        var ordered = results.Select((r, i) => (r, i, m: M(r))).Where(x => !NotAssessed(x.r)).OrderByDescending(x => x.m).ToList();
        var unit = rule.ByPercentOf is not null ? "%" : " 分";
        var rank = 0;
        for (var k = 0; k < ordered.Count; k++)
        {
            var (r, i, m) = ordered[k];
            // Competition ranking: a tie keeps the rank of the first of its score (the list is sorted, so one pass).
            if (k == 0 || m != ordered[k - 1].m) rank = k + 1;
            decimal amount = 0;
            var notes = new List<string> { $"得分 {NumAgainst(m, rule.TopAbove ?? m, rule.PenaltyBelow ?? m)}{unit}，排名第 {rank}" };
            if (rank == 1 && rule.TopReward is { } reward && (rule.TopAbove is null || m > rule.TopAbove))
            {
                amount += reward;
                notes.Add($"第一名且大于 {Num(rule.TopAbove ?? 0)}{unit}，奖励 {Num(reward)} 元");
            }
            else if (rank == 1 && rule.TopReward is not null) notes.Add($"第一名但未大于 {Num(rule.TopAbove ?? 0)}{unit}，不奖励");
            if (rule.Penalty is { } pen && rule.PenaltyBelow is { } below && m < below)
            {
                amount += pen;
                notes.Add($"低于 {Num(below)}{unit}，处罚 {Num(Math.Abs(pen))} 元");
            }
            ranked[i] = r with { Rank = rank, RankAmount = amount == 0 ? null : amount, RankExplanation = string.Join("；", notes) };
        }
        return [.. ranked];
    }
}
