using System.Collections.Immutable;
using System.Globalization;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Appraisal;

/// <summary>A metric value as the appraisal reads it.</summary>
/// <param name="Value">The value (a fraction for percent metrics); null when the denominator is 0 (N/A, G6).</param>
/// <param name="IsPercent">The metric is a rate shown in percent.</param>
/// <param name="Frozen">The value is the frozen one of a closed period.</param>
public sealed record MetricReading(decimal? Value, decimal Numerator, decimal? Denominator, bool IsPercent, bool Frozen)
{
    /// <summary>The metric adds up over months (a count, an amount), so its target does too.</summary>
    public bool Additive { get; init; }
}

/// <summary>A baseline of a metric (历史最低, 历史最佳, 上期, 同期).</summary>
/// <param name="Value">The baseline; null when there is no usable history.</param>
/// <param name="From">The period the baseline was taken from.</param>
public sealed record BaselineReading(decimal? Value, Period? From);

/// <summary>Where the appraisal takes metric values and baselines from (the metric store).</summary>
public interface IMetricSource
{
    /// <summary>True when <paramref name="metric"/> is a known metric code.</summary>
    bool IsKnown(string metric);

    /// <summary>The metric for a scope and period: the frozen value of a closed period, else computed from the records.</summary>
    MetricReading Read(string metric, ScopeKind kind, int scopeId, Period period);

    /// <summary>The baseline of the metric for the scope and period, per RULES G7 (closed prior periods only).</summary>
    BaselineReading Baseline(string metric, ScopeKind kind, int scopeId, Period period, BaselineSource source);

    /// <summary>
    /// The target (目标 records of <paramref name="word"/>) of exactly this scope for the period: for an
    /// <paramref name="additive"/> figure (a count, an amount) the sum of the months; for a level (a rate, a score) the
    /// last month's — a rate (<paramref name="percent"/>) written as a percent number such as 90, returned as a
    /// fraction. Null when the scope has no target of that word in the period.
    /// </summary>
    decimal? Target(string word, ScopeKind kind, int scopeId, Period period, bool percent, bool additive);

    /// <summary>The unit a staff member works in.</summary>
    int UnitOfStaff(int staffId);
}

/// <summary>An appraised subject of the customer base: an org unit or a staff member.</summary>
/// <param name="Name">Display name (办事处 name or staff name); the output's 对象.</param>
/// <param name="Code">Unit code or 工号; a grades file may name the subject by either.</param>
public sealed record AppraisalSubject(string Name, string Code, ScopeKind Kind, int ScopeId);

/// <summary>A problem of an appraisal from data (unknown metric, unknown subject, missing grade).</summary>
/// <param name="Code">The subject's code (工号) when the problem is about one subject of the base: names repeat.</param>
public sealed record AppraisalProblem(string Subject, string? Indicator, string Message, string? Code = null)
{
    /// <summary>What identifies the subject: its code when known, else the name.</summary>
    public string Key => Code ?? Subject;

    /// <inheritdoc />
    public override string ToString()
    {
        var who = Code is null || Code == Subject ? Subject : $"{Subject}（{Code}）";
        return Indicator is null ? $"{who}：{Message}" : $"{who} / {Indicator}：{Message}";
    }
}

/// <summary>
/// Builds the inputs of an appraisal from the customer base (issue 3, <c>kaohe appraise</c>): the subjects of
/// the scheme's kind, the quantitative indicators bound to a metric (<c>metric:</c> in the scheme) with their
/// baselines, merged with the qualitative grades entered by people.
/// </summary>
public static class DataAppraisal
{
    /// <summary>The word the engine reads as "no data" (zero denominator).</summary>
    public const string NoData = "无数据";

    /// <summary>The word the engine reads as "no history" for a baseline (G7: the score is the base).</summary>
    public const string NoHistory = "无历史";

    /// <summary>
    /// The subjects a scheme appraises: every unit of its kind (office, department, team), or every staff member
    /// for a person scheme (optionally only those of <paramref name="role"/>). <paramref name="only"/> restricts
    /// them by name or code; an unknown one is a problem.
    /// </summary>
    public static IReadOnlyList<AppraisalSubject> Subjects(KaoheDb db, Scheme scheme, IReadOnlyCollection<string>? only,
        string? role, List<AppraisalProblem> problems)
    {
        List<AppraisalSubject> all;
        if (scheme.SubjectKind == SubjectKind.Person)
        {
            var query = db.Staff.AsNoTracking().Where(s => s.LeftOn == null);
            if (!string.IsNullOrWhiteSpace(role)) query = query.Where(s => s.Role == role);
            all = query.OrderBy(s => s.EmployeeNo)
                .Select(s => new AppraisalSubject(s.Name, s.EmployeeNo, ScopeKind.Staff, s.Id)).ToList();
        }
        else
        {
            var kind = scheme.SubjectKind switch
            {
                SubjectKind.Office => UnitKind.Office,
                SubjectKind.Team => UnitKind.Team,
                _ => UnitKind.Department,
            };
            all = db.Units.AsNoTracking().Where(u => u.Kind == kind).OrderBy(u => u.Code)
                .Select(u => new AppraisalSubject(u.Name, u.Code, ScopeKind.Unit, u.Id)).ToList();
        }
        if (only is null || only.Count == 0) return all;
        var chosen = new List<AppraisalSubject>();
        foreach (var name in only)
        {
            var match = Find(all, null, name, out var shared);
            if (shared.Count > 1) problems.Add(new AppraisalProblem(name, null, SharedName(shared)));
            else if (match is null) problems.Add(new AppraisalProblem(name, null, $"不是本方案的考核对象（{KindWord(scheme.SubjectKind)}），或不存在"));
            else if (!chosen.Contains(match)) chosen.Add(match);
        }
        return chosen;
    }

    /// <summary>
    /// The subject an entered row names: by its code column when it has one, else by its 对象 text as a code, else as
    /// a name. Null when none matches, or when the name is shared (<paramref name="shared"/> then lists them all).
    /// </summary>
    public static AppraisalSubject? Find(IReadOnlyList<AppraisalSubject> subjects, string? code, string name, out List<AppraisalSubject> shared)
    {
        shared = [];
        if (code is not null) return subjects.FirstOrDefault(s => s.Code == code);
        if (subjects.FirstOrDefault(s => s.Code == name) is { } byCode) return byCode;
        shared = [.. subjects.Where(s => s.Name == name)];
        return shared.Count == 1 ? shared[0] : null;
    }

    private static string SharedName(List<AppraisalSubject> shared) =>
        $"有 {shared.Count} 个同名对象（{string.Join("、", shared.Select(s => s.Code))}），请用工号（编码）指明是哪一个";

    /// <summary>The inputs of each subject, with the entered grades keyed by subject name or code (see the list overload).</summary>
    public static IReadOnlyList<SubjectInput> Inputs(
        Scheme scheme, Period period, IReadOnlyList<AppraisalSubject> subjects, IMetricSource metrics,
        int companyUnitId, IReadOnlyDictionary<string, SubjectInput> entered, List<AppraisalProblem> problems) =>
        Inputs(scheme, period, subjects, metrics, companyUnitId, [.. entered.Values], problems);

    /// <summary>
    /// The inputs of each subject: the metric-bound indicators from <paramref name="metrics"/> (value and, for a
    /// baseline rule, the baseline its source names), and every other indicator from <paramref name="entered"/>
    /// (each naming its subject by code — a 工号 column or the 对象 text — or by a name no one else has). An entered
    /// value for a metric-bound indicator is a problem (the data decides); a missing entered value of a required
    /// indicator is reported as missing. The inputs carry each subject's code, so people who share a name stay apart.
    /// </summary>
    public static IReadOnlyList<SubjectInput> Inputs(
        Scheme scheme, Period period, IReadOnlyList<AppraisalSubject> subjects, IMetricSource metrics,
        int companyUnitId, IReadOnlyList<SubjectInput> entered, List<AppraisalProblem> problems)
    {
        foreach (var ind in scheme.Indicators)
            if (ind.Metric is { } binding)
                foreach (var code in MetricCodes(binding))
                    if (!metrics.IsKnown(code))
                        problems.Add(new AppraisalProblem(scheme.Id, ind.Name, $"方案引用了未知的数据指标“{code}”（kaohe metrics list 列出可用的指标）"));
        if (problems.Count > 0) return [];

        var byKey = new Dictionary<string, SubjectInput>(StringComparer.Ordinal);
        foreach (var e in entered)
        {
            var where = e.Location is null ? "" : $"（评分文件{e.Location}）";
            var match = Find(subjects, e.Code, e.Name, out var shared);
            if (shared.Count > 1) problems.Add(new AppraisalProblem(e.Name, null, SharedName(shared) + where));
            else if (match is null)
                problems.Add(new AppraisalProblem(e.Name, null, "评分文件中的对象不是本次考核对象（名称或工号/编码不符）" + where, e.Code));
            else if (!byKey.TryAdd(match.Code, e))
                problems.Add(new AppraisalProblem(match.Name, null, "评分文件中对象重复出现" + where, match.Code));
        }

        var result = new List<SubjectInput>(subjects.Count);
        foreach (var s in subjects)
        {
            byKey.TryGetValue(s.Code, out var given);
            var inputs = ImmutableDictionary.CreateBuilder<string, RawInput>(StringComparer.Ordinal);
            foreach (var ind in scheme.Indicators)
            {
                if (ind.Metric is { } binding)
                {
                    if (given is not null && given.Inputs.ContainsKey(ind.Name))
                        problems.Add(new AppraisalProblem(s.Name, ind.Name, "该指标取自客户数据，评分文件中不应填写", s.Code));
                    (ScopeKind, int) ScopeOf(MetricBinding b) => b.Scope switch
                    {
                        MetricBindingScope.Company => (ScopeKind.Company, companyUnitId),
                        MetricBindingScope.Unit when s.Kind == ScopeKind.Staff => (ScopeKind.Unit, metrics.UnitOfStaff(s.ScopeId)),
                        _ => (s.Kind, s.ScopeId),
                    };
                    if (binding.Parts is { } parts && ind.Rule is CompositeRule composite)
                    {
                        // A composite item from the data: the object of its parts' inputs, each part from its own metric.
                        inputs[ind.Name] = Fields([.. composite.Parts.Select(p =>
                        {
                            var (pk, pid) = ScopeOf(parts[p.Name]);
                            return (p.Name, MetricInput(p.Rule, parts[p.Name], pk, pid, period, metrics));
                        })]);
                        continue;
                    }
                    var (kind, id) = ScopeOf(binding);
                    inputs[ind.Name] = MetricInput(ind.Rule, binding, kind, id, period, metrics);
                    if (inputs[ind.Name] is RawObject { Fields: var f })
                    {
                        var missing = binding.Fields?.Where(x => x.Value.Target is not null && f.GetValueOrDefault(x.Key) is RawScalar { Text: NoTarget })
                            .Select(x => x.Value.Target!).ToList() ?? [];
                        if (binding.Target is { } word && f.GetValueOrDefault("target") is RawScalar { Text: NoTarget }) missing.Insert(0, word);
                        foreach (var w in missing)
                            problems.Add(new AppraisalProblem(s.Name, ind.Name, $"客户数据中没有本期“{w}”的目标：请先导入目标（目标数据）再考核", s.Code));
                        // A formula reads numbers only: a field without data cannot be scored.
                        if (ind.Rule is FormulaRule && binding.Fields is { } formulaFields)
                            foreach (var (name, field) in formulaFields)
                                if (field.Metric is { } code && f.GetValueOrDefault(name) is RawScalar { Text: NoData })
                                    problems.Add(new AppraisalProblem(s.Name, ind.Name,
                                        $"客户数据中没有本期的“{MetricName(code)}”（公式的输入“{name}”不能为无数据）：请先导入指标实际值再考核", s.Code));
                    }
                }
                else if (given is not null && given.Inputs.TryGetValue(ind.Name, out var value))
                {
                    inputs[ind.Name] = value;
                }
                else if (!ind.Optional && ind.RatedBy.IsEmpty)
                {
                    problems.Add(new AppraisalProblem(s.Name, ind.Name, "缺少评分（需要人工填写，见 --grades-template）", s.Code));
                }
            }
            var (shared, raters) = WithBoundRatings(scheme, inputs.ToImmutable(),
                given?.Raters ?? ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty);
            foreach (var ind in scheme.Indicators.Where(i => !i.RatedBy.IsEmpty && i.Metric is null))
                foreach (var role in ind.RatedBy)
                    if (!(raters.TryGetValue(role, out var r) && r.ContainsKey(ind.Name)) && !ind.Optional)
                        problems.Add(new AppraisalProblem(s.Name, ind.Name, $"缺少评分人“{role}”的评分", s.Code));
            result.Add(new SubjectInput(
                s.Name, shared, raters,
                given?.Extra ?? ImmutableDictionary<string, RawInput>.Empty,
                given?.Location ?? $"{KindWord(scheme.SubjectKind)} {s.Code}", s.Code));
        }
        return result;
    }

    /// <summary>
    /// An indicator that every rater scores (<c>raters:</c>) but whose value comes from the customer base: each rater's
    /// inputs get the same data value (the raters' weights then combine equal scores), for every rater role that
    /// scores it — also a role that has nothing else to enter and so no form.
    /// </summary>
    /// <returns>The shared inputs without those values (the engine takes a rated item from its raters only) and the raters' inputs with them.</returns>
    public static (ImmutableDictionary<string, RawInput> Shared, ImmutableDictionary<string, ImmutableDictionary<string, RawInput>> Raters) WithBoundRatings(
        Scheme scheme, ImmutableDictionary<string, RawInput> shared, ImmutableDictionary<string, ImmutableDictionary<string, RawInput>> raters)
    {
        foreach (var ind in scheme.Indicators)
        {
            if (ind.Metric is null || ind.RatedBy.IsEmpty || !shared.TryGetValue(ind.Name, out var value)) continue;
            var placed = false;
            foreach (var role in ind.RatedBy)
            {
                var rolesOwn = scheme.Indicators.Any(i => i.Metric is null && i.RatedBy.Contains(role));
                if (raters.TryGetValue(role, out var given)) raters = raters.SetItem(role, given.SetItem(ind.Name, value));
                else if (!rolesOwn) raters = raters.SetItem(role, ImmutableDictionary<string, RawInput>.Empty.WithComparers(StringComparer.Ordinal).Add(ind.Name, value));
                else continue;
                placed = true;
            }
            // No rater has scored yet (a cycle being opened): the value stays shared until the raters' forms come in.
            if (placed) shared = shared.Remove(ind.Name);
        }
        return (shared, raters);
    }

    /// <summary>The word a bound target input holds when the scope has no target (the engine reports it as invalid).</summary>
    public const string NoTarget = "无目标";

    private static string MetricName(string code) => Metrics.MetricCatalog.TryGet(code, out var d) ? d.Name : code;

    /// <summary>Every metric code a binding reads: its own, its parts' and its fields'.</summary>
    public static IEnumerable<string> MetricCodes(MetricBinding binding) =>
        (binding.Parts is { } parts ? parts.Values.SelectMany(MetricCodes) : binding.Code.Length > 0 ? [binding.Code] : [])
        .Concat(binding.Fields?.Values.Select(f => f.Metric).OfType<string>() ?? []);

    private static RawInput MetricInput(Rule rule, MetricBinding binding, ScopeKind kind, int scopeId, Period period, IMetricSource metrics)
    {
        var main = binding.Code.Length == 0 ? null : CodeInput(rule, binding, kind, scopeId, period, metrics);
        if (binding.Fields is not { } extra) return main!;
        var fields = main switch
        {
            null => [],
            RawObject o => o.Fields.Select(f => (f.Key, f.Value)).ToList(),
            _ => new List<(string, RawInput)> { ("value", main) },
        };
        foreach (var (name, field) in extra)
        {
            if (field.Metric is { } code)
            {
                var reading = metrics.Read(code, kind, scopeId, period);
                fields.Add((name, Text(reading.Value, reading.IsPercent, NoData)));
            }
            else
            {
                // A target word's figure (目标用户数, 预警处理及时率目标 …): a level, the last month's of the period; a rate
                // when the formula reads the field as one.
                var percent = rule is FormulaRule f && f.Inputs.Any(i => i.Name == name && i.Unit == ValueUnit.Percent);
                fields.Add((name, Text(metrics.Target(field.Target!, kind, scopeId, period, percent, false), percent, NoTarget)));
            }
        }
        return Fields([.. fields]);
    }

    private static RawInput CodeInput(Rule rule, MetricBinding binding, ScopeKind kind, int scopeId, Period period, IMetricSource metrics)
    {
        var metric = binding.Code;
        var reading = metrics.Read(metric, kind, scopeId, period);
        if (binding.Shape == MetricBindingShape.Counts)
            return Fields(("value", Text(reading.Numerator, false, NoData)), ("target", Text(reading.Denominator, false, NoData)));
        var value = Text(reading.Value, reading.IsPercent, NoData);
        var source = rule is BaselineRule { Source: not (BaselineSource.Constant or BaselineSource.Input) } b ? b.Source : binding.Baseline;
        var fields = new List<(string, RawInput)> { ("value", value) };
        if (source is { } from)
            fields.Add(("baseline", Text(metrics.Baseline(metric, kind, scopeId, period, from).Value, reading.IsPercent, NoHistory)));
        if (binding.Target is { } word)
            fields.Add(("target", Text(metrics.Target(word, kind, scopeId, period, reading.IsPercent, reading.Additive), reading.IsPercent, NoTarget)));
        return fields.Count == 1 ? value : Fields([.. fields]);
    }

    private static RawObject Fields(params (string Name, RawInput Value)[] fields) =>
        new(fields.Aggregate(ImmutableDictionary<string, RawInput>.Empty, (d, f) => d.Add(f.Name, f.Value)));

    /// <summary>An exact text the engine's value parser reads: "2.5%" for a rate, the plain number otherwise.</summary>
    private static RawScalar Text(decimal? value, bool percent, string none)
    {
        if (value is not { } v) return new RawScalar(none);
        var text = percent
            ? (v * 100m).ToString("0.############################", CultureInfo.InvariantCulture) + "%"
            : v.ToString("0.############################", CultureInfo.InvariantCulture);
        return new RawScalar(text);
    }

    private static string KindWord(SubjectKind kind) => kind switch
    {
        SubjectKind.Office => "办事处",
        SubjectKind.Person => "员工",
        SubjectKind.Team => "小组",
        _ => "部门",
    };
}
