using Kaohe.Data.Appraisal;
using System.Collections.Immutable;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>A what-if question: which quantitative item, and the points wanted from it (as typed: full-width digits, “18分”).</summary>
public sealed record WhatIfQuestion(string? Indicator, string? Points);

/// <summary>A quantitative item a what-if can be asked about, with where it stands now.</summary>
/// <param name="Points">The most the item scores (its 分值): the largest target a question may name.</param>
/// <param name="Value">The current value as the form words it (rates to 2 decimals), or null when none is entered yet.</param>
/// <param name="Score">The points the current value gives, or null when it cannot be scored yet.</param>
public sealed record WhatIfItem(string Indicator, string Section, decimal Points, string? Value, decimal? Score);

/// <summary>The answer to “what value of this item reaches these points?”, found and verified by the engine (<see cref="WhatIf"/>).</summary>
/// <param name="Reachable">False when no value reaches the points: <see cref="Sentence"/> says why (the most the item can give).</param>
/// <param name="Value">The least favourable value that still reaches the points (percentage points for a rate).</param>
/// <param name="ValueText">The value as the form words it (3%, 850.01).</param>
/// <param name="Score">The points that value really gives.</param>
/// <param name="Sentence">The answer in Chinese, word for word what <c>kaohe whatif</c> prints.</param>
public sealed record WhatIfAnswer(
    string Indicator, decimal Points, decimal Max, bool Reachable, decimal? Value, string? ValueText, decimal? Score, string Sentence,
    string? CurrentValue, decimal? CurrentScore);

/// <summary>
/// What-if on a result or a form (issue 14): “what churn rate do I need for 18 points?” asked of the stored inputs as the
/// scorer sees them — the cycle's frozen metrics and the submitted forms for a result, the form's own (draft) inputs for a
/// form. Whoever may read the result or the form may ask; asking changes nothing and writes nothing to the audit trail.
/// </summary>
public sealed partial class CycleService
{
    /// <summary>The quantitative items of a result a what-if can solve, with their current values and points.</summary>
    public IReadOnlyList<WhatIfItem> ResultWhatIfItems(Actor actor, int subjectId) => Items(OfResult(actor, subjectId));

    /// <summary>Solves a what-if on a result (for whoever may read the result).</summary>
    public WhatIfAnswer ResultWhatIf(Actor actor, int subjectId, WhatIfQuestion question) => Solve(OfResult(actor, subjectId), question);

    /// <summary>
    /// The quantitative items of a form a what-if can solve: its own and those from the data. <paramref name="inputs"/> are the
    /// rater's values on the page, not yet saved (null: the stored draft).
    /// </summary>
    public IReadOnlyList<WhatIfItem> FormWhatIfItems(Actor actor, int formId, JsonElement? inputs = null) => Items(OfForm(actor, formId, inputs));

    /// <summary>Solves a what-if on a form (for its rater and HR of the appraisee's unit), with the page's unsaved values if given.</summary>
    public WhatIfAnswer FormWhatIf(Actor actor, int formId, WhatIfQuestion question, JsonElement? inputs = null) => Solve(OfForm(actor, formId, inputs), question);

    /// <summary>
    /// Whether a what-if can solve the indicator: a monotone rule of one numeric value (baseline, bands without a rater's
    /// choice, linear, steps, achievement), scored in points with a known 分值, and at most one rater role (several are
    /// weighted together, so no one value decides the item).
    /// </summary>
    public static bool Solvable(Indicator indicator) =>
        indicator.Unit == ScoreUnit.Points && MaxOf(indicator) > 0 && indicator.RatedBy.Length <= 1
        && indicator.Rule switch
        {
            BaselineRule or LinearRule or StepRule or AchievementRule => true,
            BandRule b => !b.Bands.Any(x => x.Outcome is ChoiceOutcome),
            _ => false,
        };

    /// <summary>The scorer's inputs of one subject: its frozen metrics and the given forms (the submitted ones, for a result).</summary>
    private static SubjectInput ScorerInput(Scheme scheme, CycleSubject s, IEnumerable<RatingForm> forms) =>
        ScorerInput(scheme, s, forms.Select(f => (f.Role, RawInputJson.FromJson(f.InputsJson))));

    /// <summary>The scorer's inputs of one subject: its frozen metrics and each role's values; a rated item's data value goes to its raters.</summary>
    private static SubjectInput ScorerInput(Scheme scheme, CycleSubject s, IEnumerable<(string Role, ImmutableDictionary<string, RawInput> Values)> forms)
    {
        var shared = RawInputJson.FromJson(s.MetricsJson);
        var raters = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, RawInput>>(StringComparer.Ordinal);
        foreach (var (role, given) in forms)
        {
            if (role == SharedRole) shared = shared.SetItems(given);
            else raters[role] = given;
        }
        var (own, rated) = DataAppraisal.WithBoundRatings(scheme, shared, raters.ToImmutable());
        return new SubjectInput(s.Code, own, rated, Extra(s), $"{s.Name}（{s.Code}）");
    }

    /// <summary>What a what-if works on: the scheme, the subject's inputs, the items that can be asked about and any stored scores.</summary>
    private sealed record WhatIfSource(Scheme Scheme, SubjectInput Input, IReadOnlyList<Indicator> Items, IReadOnlyDictionary<string, decimal?> Stored);

    private WhatIfSource OfResult(Actor actor, int subjectId)
    {
        var subject = db.CycleSubjects.AsNoTracking().SingleOrDefault(s => s.Id == subjectId) ?? throw CycleException.NotFound("考核结果");
        var cycle = db.Cycles.AsNoTracking().Single(c => c.Id == subject.CycleId);
        if (!SeesResult(actor, subject, cycle)) throw CycleException.NotFound("考核结果");
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var forms = db.RatingForms.AsNoTracking().Where(f => f.CycleSubjectId == subject.Id && f.Status == FormStatus.Submitted).OrderBy(f => f.Id).ToList();
        // The page shows the stored result: its current points are those, not a second computation.
        var stored = subject.ResultJson is null
            ? new Dictionary<string, decimal?>()
            : JsonSerializer.Deserialize<SubjectResult>(subject.ResultJson, Json)!.Indicators.ToDictionary(i => i.Name, i => i.Score, StringComparer.Ordinal);
        return new WhatIfSource(scheme, ScorerInput(scheme, subject, forms), [.. scheme.Indicators.Where(Solvable)], stored);
    }

    private WhatIfSource OfForm(Actor actor, int formId, JsonElement? inputs)
    {
        var (form, subject, cycle) = LoadForm(formId, tracked: false);
        if (form.RaterAccountId != actor.AccountId && !ManagesSubject(actor, subject)) throw CycleException.NotFound("评分表");
        var scheme = SchemeOf(cycle.SchemeVersionId);
        var own = FormIndicators(scheme, form.Role).ToList();
        var names = own.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var given = inputs is null ? RawInputJson.FromJson(form.InputsJson) : ReadInputs(inputs);
        if (given.Keys.FirstOrDefault(k => !names.Contains(k)) is { } stranger)
            throw new CycleException($"“{stranger}”不是本表的指标", fields: [new FieldProblem(stranger, "不是本表的指标")]);
        var metrics = RawInputJson.FromJson(subject.MetricsJson);
        // The form's own items and those from the data, in the order the form prints them.
        var items = scheme.Indicators.Where(i => (names.Contains(i.Name) || metrics.ContainsKey(i.Name)) && Solvable(i)).ToList();
        return new WhatIfSource(scheme, ScorerInput(scheme, subject, [(form.Role, given)]), items, new Dictionary<string, decimal?>());
    }

    private List<WhatIfItem> Items(WhatIfSource source)
    {
        var sections = source.Scheme.Sections.SelectMany(s => s.Indicators.Select(i => (i.Name, Section: s.Name))).ToDictionary(x => x.Name, x => x.Section, StringComparer.Ordinal);
        return [.. source.Items.Select(i =>
        {
            var raw = BaseInput(source.Input, i);
            return new WhatIfItem(i.Name, sections[i.Name], MaxOf(i), Shown(raw), CurrentScore(source, i, raw));
        })];
    }

    private WhatIfAnswer Solve(WhatIfSource source, WhatIfQuestion question)
    {
        var name = question.Indicator is { } n ? ValueParser.Normalize(n) : "";
        if (name.Length == 0) throw new CycleException("请选择要测算的指标", fields: [new FieldProblem("indicator", "请选择指标")]);
        var indicator = source.Items.FirstOrDefault(i => i.Name == name) ?? source.Items.FirstOrDefault(i => ValueParser.Normalize(i.Name) == name);
        if (indicator is null)
        {
            var known = source.Scheme.Indicators.Any(i => i.Name == name || ValueParser.Normalize(i.Name) == name);
            var choices = source.Items.Count == 0 ? "本表没有可以测算的定量指标" : "可测算的指标：" + string.Join("、", source.Items.Select(i => i.Name));
            // What was typed is said back, but not at any length (a query string may be long).
            var said = name.Length > 40 ? name[..40] + "……" : name;
            throw new CycleException(known ? $"“{said}”不是可以测算的定量指标；{choices}" : $"没有指标“{said}”；{choices}",
                fields: [new FieldProblem("indicator", known ? "该指标不能测算" : "没有这个指标")]);
        }
        var max = MaxOf(indicator);
        var points = TargetPoints(question.Points, max);
        var raw = BaseInput(source.Input, indicator);
        var subject = new SubjectInput(source.Input.Name, raw is null ? ImmutableDictionary<string, RawInput>.Empty : ImmutableDictionary<string, RawInput>.Empty.Add(indicator.Name, raw),
            ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, source.Input.Extra, source.Input.Location);
        var result = WhatIf.Solve(source.Scheme, indicator, subject, "value", points);
        var current = CurrentScore(source, indicator, raw);
        if (result.Error is not null)
            return new WhatIfAnswer(indicator.Name, points, max, false, null, null, null, $"无法反推“{indicator.Name}”：{result.Error}", Shown(raw), current);
        var unit = WhatIf.UnitOf(indicator.Rule, "value");
        var text = result.Value is { } v ? (unit == ValueUnit.Percent ? Fmt.Pct(v) : Fmt.Num(v, 4)) : null;
        return new WhatIfAnswer(indicator.Name, points, max, true, result.Value, text, result.Score, result.Explanation, Shown(raw), current);
    }

    /// <summary>The wanted points as typed (８５, 18分), within [0, the item's points]; otherwise a refusal at the field.</summary>
    private static decimal TargetPoints(string? text, decimal max)
    {
        static CycleException Bad(string message) => new(message, fields: [new FieldProblem("points", message)]);
        if (string.IsNullOrWhiteSpace(text)) throw Bad("请填写目标得分");
        if (text.Length > 40) throw Bad($"目标得分应是 0 到 {Fmt.Num(max)} 之间的数字");
        var parsed = ValueParser.Parse(new RawScalar(text), ValueUnit.Points);
        if (parsed.Value is not { } points) throw Bad(parsed.Error ?? $"“{ValueParser.Normalize(text)}”不是分数");
        if (points < 0 || points > max) throw Bad($"目标得分应在 0 到 {Fmt.Num(max)} 分之间（本项分值 {Fmt.Num(max)} 分）");
        return points;
    }

    /// <summary>The most the item scores: its converted points when it has them, else its 分值.</summary>
    private static decimal MaxOf(Indicator i) => i.ConvertTo ?? i.Points ?? 0;

    /// <summary>The item's input as the scorer reads it: the shared input, or that of its one rater role.</summary>
    private static RawInput? BaseInput(SubjectInput input, Indicator i) =>
        i.RatedBy.IsEmpty
            ? input.Inputs.GetValueOrDefault(i.Name)
            : input.Raters.GetValueOrDefault(i.RatedBy[0])?.GetValueOrDefault(i.Name);

    /// <summary>The value of an input as the form words it (the value field of an object with a baseline or target).</summary>
    private static string? Shown(RawInput? raw)
    {
        var value = raw is RawObject o
            ? o.Fields.FirstOrDefault(f => f.Key is "value" or "值" or "实际" or "实际值" or "完成").Value
            : raw;
        return value is null ? null : Fmt.Reading(value.Display);
    }

    /// <summary>The stored score of the item, or the score its current input gives (null while it cannot be scored).</summary>
    private static decimal? CurrentScore(WhatIfSource source, Indicator i, RawInput? raw)
    {
        if (source.Stored.TryGetValue(i.Name, out var stored)) return stored;
        if (raw is null) return null;
        var section = new Section("whatif", null, null, null, null, [i]);
        var one = source.Scheme with { Sections = [section] };
        var subject = new SubjectInput(source.Input.Name, ImmutableDictionary<string, RawInput>.Empty.Add(i.Name, raw),
            ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, source.Input.Extra, source.Input.Location);
        var errors = new List<ScoringError>();
        var scored = ScoringEngine.EvaluateIndicators(one, subject, errors);
        return errors.Count > 0 ? null : scored[0].Score;
    }
}
