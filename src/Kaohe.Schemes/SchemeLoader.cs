using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Kaohe.Core.Formulas;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kaohe.Schemes;

/// <summary>The outcome of loading a scheme file: the scheme, or every error with its place.</summary>
public sealed record SchemeLoadResult(Scheme? Scheme, ImmutableArray<SchemeError> Errors)
{
    /// <summary>Whether the file loaded without errors.</summary>
    public bool IsSuccess => Scheme is not null && Errors.IsEmpty;
}

/// <summary>
/// Loads scheme YAML (docs/scheme-format.md) onto the Core records. Every error is reported with file,
/// line, column and field path; loading never stops at the first problem.
/// </summary>
public static partial class SchemeLoader
{
    /// <summary>The rule kind keys an indicator (or a composite part) may carry; exactly one is required.</summary>
    public static readonly string[] RuleKinds =
        ["grade", "rating", "checklist", "manual", "veto", "baseline", "bands", "linear", "per_unit", "deduction", "steps", "achievement", "offset", "formula", "composite"];

    private static readonly Dictionary<string, IndicatorCategory> Categories = new()
    {
        ["定性"] = IndicatorCategory.Qualitative, ["qualitative"] = IndicatorCategory.Qualitative,
        ["定量"] = IndicatorCategory.Quantitative, ["quantitative"] = IndicatorCategory.Quantitative,
        ["加分"] = IndicatorCategory.Bonus, ["bonus"] = IndicatorCategory.Bonus,
        ["扣分"] = IndicatorCategory.Deduction, ["deduction"] = IndicatorCategory.Deduction,
        ["否决"] = IndicatorCategory.Veto, ["veto"] = IndicatorCategory.Veto,
    };

    private static readonly Dictionary<string, SubjectKind> Subjects = new()
    {
        ["department"] = SubjectKind.Department, ["部门"] = SubjectKind.Department,
        ["office"] = SubjectKind.Office, ["办事处"] = SubjectKind.Office,
        ["person"] = SubjectKind.Person, ["个人"] = SubjectKind.Person,
        ["team"] = SubjectKind.Team, ["团队"] = SubjectKind.Team,
    };

    private static readonly Dictionary<string, PeriodKind> Periods = new()
    {
        ["day"] = PeriodKind.Day, ["week"] = PeriodKind.Week, ["month"] = PeriodKind.Month,
        ["quarter"] = PeriodKind.Quarter, ["half_year"] = PeriodKind.HalfYear, ["year"] = PeriodKind.Year,
        ["日"] = PeriodKind.Day, ["周"] = PeriodKind.Week, ["月"] = PeriodKind.Month, ["季度"] = PeriodKind.Quarter, ["半年"] = PeriodKind.HalfYear, ["年"] = PeriodKind.Year,
    };

    private static readonly Dictionary<string, Direction> Directions = new()
    {
        ["higher_is_better"] = Direction.HigherIsBetter, ["越高越好"] = Direction.HigherIsBetter,
        ["lower_is_better"] = Direction.LowerIsBetter, ["越低越好"] = Direction.LowerIsBetter,
    };

    private static readonly Dictionary<string, StepRounding> Roundings = new()
    {
        ["floor"] = StepRounding.Floor, ["ceiling"] = StepRounding.Ceiling, ["ceil"] = StepRounding.Ceiling, ["pro_rata"] = StepRounding.ProRata,
    };

    private static readonly Dictionary<string, DifferenceMode> Differences = new()
    {
        ["points"] = DifferenceMode.Points, ["relative"] = DifferenceMode.Relative,
    };

    private static readonly Dictionary<string, BaselineSource> Sources = new()
    {
        ["historical_min"] = BaselineSource.HistoricalMin, ["historical_max"] = BaselineSource.HistoricalMax,
        ["previous_period"] = BaselineSource.PreviousPeriod, ["same_period_last_year"] = BaselineSource.SamePeriodLastYear,
        ["constant"] = BaselineSource.Constant, ["input"] = BaselineSource.Input,
    };

    private static readonly Dictionary<string, ValueUnit> Units = new()
    {
        ["percent"] = ValueUnit.Percent, ["number"] = ValueUnit.Number, ["count"] = ValueUnit.Count,
        ["money"] = ValueUnit.Money, ["hours"] = ValueUnit.Hours, ["days"] = ValueUnit.Days, ["points"] = ValueUnit.Points,
    };

    private static readonly Dictionary<string, NoDataPolicy> NoDatas = new()
    {
        ["base"] = NoDataPolicy.Base, ["full"] = NoDataPolicy.Full, ["zero"] = NoDataPolicy.Zero, ["exclude"] = NoDataPolicy.Exclude, ["error"] = NoDataPolicy.Error,
    };

    private static readonly Dictionary<string, NotApplicablePolicy> NotApplicables = new()
    {
        ["error"] = NotApplicablePolicy.Error, ["peer_average"] = NotApplicablePolicy.PeerAverage, ["full"] = NotApplicablePolicy.Full,
        ["zero"] = NotApplicablePolicy.Zero, ["exclude"] = NotApplicablePolicy.Exclude,
    };

    private static readonly Dictionary<string, MissingRaterPolicy> MissingRaters = new()
    {
        ["renormalise"] = MissingRaterPolicy.Renormalise, ["zero"] = MissingRaterPolicy.CountAsZero, ["error"] = MissingRaterPolicy.Error,
    };

    private static readonly Dictionary<string, BandMeasure> Measures = new()
    {
        ["value"] = BandMeasure.Value, ["ratio"] = BandMeasure.RatioToTarget, ["difference"] = BandMeasure.DifferenceFromBaseline,
    };

    private static readonly Dictionary<string, RatingMapping> Mappings = new()
    {
        ["proportional"] = RatingMapping.Proportional, ["raw"] = RatingMapping.Raw, ["zero_based"] = RatingMapping.ZeroBased,
    };

    private static readonly Dictionary<string, LinearMode> LinearModes = new()
    {
        ["proportional"] = LinearMode.Proportional, ["rescaled"] = LinearMode.Rescaled,
    };

    private static readonly Dictionary<string, MultipleGrades> Multiples = new()
    {
        ["single"] = MultipleGrades.Single, ["sum"] = MultipleGrades.Sum, ["max"] = MultipleGrades.Max,
    };

    private static readonly Dictionary<string, ScoreUnit> ScoreUnits = new()
    {
        ["points"] = ScoreUnit.Points, ["分"] = ScoreUnit.Points, ["yuan"] = ScoreUnit.Yuan, ["元"] = ScoreUnit.Yuan,
    };

    /// <summary>Loads a scheme from a file on disk (refused unread beyond <see cref="SchemeLimits.MaxTextChars"/>).</summary>
    public static SchemeLoadResult LoadFile(string path) =>
        YamlBudget.ReadFile(path, out var text) is { } error ? new SchemeLoadResult(null, [error]) : Load(text, path);

    /// <summary>
    /// Loads a scheme from YAML text; <paramref name="file"/> names it in errors. Text beyond <see cref="SchemeLimits"/>
    /// (size, nesting, alias expansion) is refused with one error before any tree is built from it.
    /// </summary>
    public static SchemeLoadResult Load(string yaml, string file)
    {
        yaml ??= "";
        var errors = new SchemeErrors();
        var stream = new YamlStream();
        try
        {
            if (YamlBudget.Check(yaml, file) is { } limit) return new SchemeLoadResult(null, [limit]);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var hint = e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || e.InnerException is ArgumentException
                ? "（同一映射中有重复的键；丢失规则的人工录入项写成 manual: { min: 0, max: 50, lost: true }）"
                : "";
            return new SchemeLoadResult(null, [new SchemeError(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML 语法错误：" + WithoutMarks(e.Message) + hint)]);
        }
        catch (ArgumentException e)
        {
            return new SchemeLoadResult(null, [new SchemeError(file, 0, 0, "", "YAML 中有重复的键：" + e.Message + "（丢失规则的人工录入项写成 manual: { min: 0, max: 50, lost: true }）")]);
        }
        if (stream.Documents.Count != 1)
            return new SchemeLoadResult(null, [new SchemeError(file, 1, 1, "", "文件应恰好包含一个 YAML 文档")]);
        var root = new YamlNode(stream.Documents[0].RootNode, file, errors);
        if (!root.IsMapping)
        {
            root.Error("方案文件的顶层应为映射");
            return new SchemeLoadResult(null, errors.ToImmutableArray());
        }
        var scheme = ReadScheme(root);
        return new SchemeLoadResult(errors.Count == 0 ? scheme : null, errors.ToImmutableArray());
    }

    /// <summary>YamlDotNet's message without its "(Line: 1, Col: 2, Idx: 3) - (…): " prefix: the error carries line and column.</summary>
    /// <summary>A YamlDotNet message without its position marks (the error carries line and column itself).</summary>
    internal static string WithoutMarks(string message) => YamlMarks().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlMarks();

    private static Scheme ReadScheme(YamlNode root)
    {
        var id = root.String("id", true) ?? "";
        if (root.Get("id") is { Text: not null } idNode) CheckCode(idNode, "方案编号（id）");
        var slug = root.String("slug") ?? id.ToLowerInvariant();
        if (root.Get("slug") is { Text: not null } slugNode) CheckCode(slugNode, "方案别名（slug）");
        var name = root.String("name", true) ?? "";
        root.LimitLength("name", SchemeLimits.MaxNameChars, "方案名称");
        var scales = new Dictionary<string, ImmutableArray<GradeOption>>();
        if (root.Get("scales") is { } sc)
            foreach (var (k, v) in sc.Pairs())
                scales[k] = ReadGradeOptions(v, null);

        var raters = ImmutableArray<RaterRole>.Empty;
        if (root.Get("raters") is { } rn)
        {
            raters = [.. rn.Items().Select(r =>
            {
                var role = new RaterRole(r.String("name", true) ?? "", r.Ratio("weight") ?? 0);
                r.LimitLength("name", SchemeLimits.MaxRaterNameChars, "评分人名称");
                r.RejectUnknown();
                return role;
            })];
            if (raters.Length > SchemeLimits.MaxRaters) rn.Error($"评分人过多：最多 {SchemeLimits.MaxRaters} 个，实际 {raters.Length} 个");
        }

        var sections = ImmutableArray<Section>.Empty;
        if (root.Get("sections", true) is { } sn)
            sections = [.. sn.Items().Select(s => ReadSection(s, scales, raters))];

        var caps = ImmutableDictionary<IndicatorCategory, decimal>.Empty;
        if (root.Get("category_caps") is { } cc)
            foreach (var (k, v) in cc.Pairs())
            {
                if (!Categories.TryGetValue(k, out var cat)) { v.Error($"未知的指标类别“{k}”"); continue; }
                if (v.Decimal() is { } d) caps = caps.SetItem(cat, d);
            }

        var scheme = new Scheme(
            id, slug, name, root.String("source"),
            root.Enum("subject", SubjectKind.Person, Subjects),
            root.Enum("period", PeriodKind.Month, Periods),
            sections, raters,
            root.Enum("missing_rater", MissingRaterPolicy.Renormalise, MissingRaters),
            root.Number("total_cap", null), root.Number("total_floor", null),
            root.Number("total"), root.Number("normalise_to"),
            caps, root.Number("veto_score", 0) ?? 0,
            root.Get("grades") is { } g ? ReadGrades(g) : null,
            root.Get("payout") is { } p ? ReadPayout(p) : null,
            root.Get("ranking") is { } rk ? ReadRanking(rk) : null,
            root.Get("notes") is { } notes ? [.. notes.Items().Select(n => n.Text ?? "")] : [],
            root.Get("lost") is { } lost ? [.. lost.Items().Select(n => n.Text ?? "")] : []);

        if (root.Get("consequences") is { } consequences)
            scheme = scheme with { Consequences = ReadConsequences(consequences, scheme.Grades) };
        if (root.Number("round_items") is { } digits)
        {
            if (digits is < 0 or > 6 || digits != decimal.Truncate(digits)) root.Get("round_items")!.Error("round_items 应为 0–6 的整数（小数位数）");
            else scheme = scheme with { RoundItemsTo = (int)digits };
        }
        var names = new HashSet<string>();
        foreach (var (s, i) in sections.Select((s, i) => (s, i)))
            foreach (var ind in s.Indicators)
                if (!names.Add(ind.Name))
                    root.Get("sections")!.Error($"指标名称“{ind.Name}”重复：输入按指标名称对应，名称必须唯一");
        // An alias names its indicator in an input: one naming another indicator (or another's alias) would be ambiguous.
        var aliasOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ind in scheme.Indicators)
            foreach (var alias in ind.Aliases)
            {
                if (names.Contains(alias))
                    root.Get("sections")!.Error($"指标“{ind.Name}”的别名“{alias}”与另一指标的名称相同：输入无法区分");
                else if (aliasOf.TryGetValue(alias, out var other) && other != ind.Name)
                    root.Get("sections")!.Error($"别名“{alias}”同时属于指标“{other}”和“{ind.Name}”：输入无法区分");
                else aliasOf[alias] = ind.Name;
            }
        var roles = raters.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var ind in scheme.Indicators)
            foreach (var role in ind.RatedBy)
                if (!roles.Contains(role))
                    root.Get("sections")!.Error($"指标“{ind.Name}”的评分人“{role}”未在 raters 中定义");
        if (root.Get("sections") is { } sectionsNode && CountBands(scheme) is var bandCount && bandCount > SchemeLimits.MaxBandsTotal)
            sectionsNode.Error($"档位过多：全部指标合计最多 {SchemeLimits.MaxBandsTotal:N0} 个档位，实际 {bandCount:N0} 个");
        root.RejectUnknown();
        return scheme;
    }

    /// <summary>
    /// A scheme id or slug: 1–64 letters (CJK included), digits, "-", "_" and "."; not starting with "." and without "..".
    /// Ids name stored versions and appear in URLs and file names, so nothing that could act as a path or break a line.
    /// </summary>
    private static void CheckCode(YamlNode node, string what)
    {
        var code = node.Text ?? "";
        if (code.Length == 0) { node.Error($"{what}不能为空"); return; }
        if (code.Length > SchemeLimits.MaxIdChars) { node.Error($"{what}过长：最多 {SchemeLimits.MaxIdChars} 个字符，实际 {code.Length} 个"); return; }
        for (var i = 0; i < code.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf16(code.AsSpan(i), out var r, out var n) != System.Buffers.OperationStatus.Done)
            {
                node.Error($"{what}含有无效字符（第 {i + 1} 个字符）");
                return;
            }
            if (!(System.Text.Rune.IsLetter(r) || System.Text.Rune.IsDigit(r) || r.Value is '-' or '_' or '.'))
            {
                var shown = r.Value switch
                {
                    ' ' => "空格",
                    '/' => "“/”",
                    '\\' => "“\\”",
                    _ when System.Text.Rune.IsControl(r) => "控制字符（如换行）",
                    _ when System.Text.Rune.IsWhiteSpace(r) => "空白字符",
                    _ => $"“{r}”",
                };
                node.Error($"{what}“{Shown(code)}”不能含有{shown}（第 {i + 1} 个字符）：只能用字母（含汉字）、数字和 - _ .");
                return;
            }
            i += n;
        }
        if (code[0] == '.') node.Error($"{what}“{Shown(code)}”不能以“.”开头");
        else if (code.Contains("..", StringComparison.Ordinal)) node.Error($"{what}“{Shown(code)}”不能含有“..”");
    }

    /// <summary>A code as it can be quoted in a one-line message: control characters shown as "?".</summary>
    private static string Shown(string code) => string.Concat(code.Select(c => char.IsControl(c) ? '?' : c));

    private static Section ReadSection(YamlNode s, Dictionary<string, ImmutableArray<GradeOption>> scales, ImmutableArray<RaterRole> raters)
    {
        var name = s.String("name", true) ?? "";
        s.LimitLength("name", SchemeLimits.MaxItemNameChars, "分组名称");
        var indicators = s.Get("indicators", true) is { } list
            ? list.Items().Select(i => ReadIndicator(i, scales, raters)).ToImmutableArray()
            : [];
        var section = new Section(name, s.Ratio("weight"), s.Number("scale_to"), s.Number("cap", null), s.Number("floor", null), indicators);
        s.RejectUnknown();
        return section;
    }

    private static Indicator ReadIndicator(YamlNode n, Dictionary<string, ImmutableArray<GradeOption>> scales, ImmutableArray<RaterRole> raters)
    {
        var name = n.String("name", true) ?? "";
        n.LimitLength("name", SchemeLimits.MaxItemNameChars, "指标名称");
        var points = n.Number("points");
        var rule = ReadRule(n, points, scales);
        var ratedBy = ImmutableArray<string>.Empty;
        if (n.Get("raters") is { } rb)
        {
            if (rb.Text == "all") ratedBy = [.. raters.Select(r => r.Name)];
            else ratedBy = [.. rb.Items().Select(x => x.Text ?? "")];
        }
        var coefficients = ImmutableArray<Coefficient>.Empty;
        if (n.Get("coefficient") is { } cn)
        {
            var unit = cn.Enum("unit", ValueUnit.Percent, Units);
            coefficients = [new Coefficient(cn.String("input", true) ?? "", unit, ReadBands(cn.Get("bands", true)!, unit), cn.Number("gap", 0) ?? 0)];
            cn.RejectUnknown();
        }
        var isLenient = rule is DeductionRule or UnitRule or VetoRule;
        var ind = new Indicator(
            name,
            n.Enum("category", rule switch
            {
                DeductionRule => IndicatorCategory.Deduction,
                VetoRule => IndicatorCategory.Veto,
                UnitRule => IndicatorCategory.Bonus,
                GradeRule or RatingRule or ChecklistRule or ManualRule => IndicatorCategory.Qualitative,
                _ => IndicatorCategory.Quantitative,
            }, Categories),
            points,
            n.Ratio("weight"),
            n.Number("convert_to"),
            rule,
            ratedBy,
            coefficients,
            n.Number("floor", null),
            n.Number("cap", null),
            n.Enum("not_applicable", NotApplicablePolicy.Error, NotApplicables),
            n.Enum("unit", ScoreUnit.Points, ScoreUnits),
            IsLost(n),
            n.Bool("optional", isLenient),
            n.String("rule"),
            n.String("note"))
        {
            Metric = ReadMetric(n.Get("metric")),
            Aliases = ReadAliases(n.Get("aliases"), name),
        };
        n.RejectUnknown(RuleKinds);
        if (ind.Rule is CompositeRule { Parts: var parts } && parts.Any(p => p.Metric is not null))
        {
            if (ind.Metric is not null) n.Error("组合项的数据来源写在各组成部分的 metric 上，不能同时写在本项上");
            else if (parts.Any(p => p.Metric is null))
                n.Error($"组合项的组成部分要么全部取自客户数据，要么全部填写：{string.Join("、", parts.Where(p => p.Metric is null).Select(p => p.Name))} 没有 metric");
            else
                ind = ind with
                {
                    Metric = new MetricBinding(string.Join("、", parts.Select(p => p.Metric!.Code)), MetricBindingScope.Subject)
                    {
                        Parts = parts.ToImmutableDictionary(p => p.Name, p => p.Metric!, StringComparer.Ordinal),
                    },
                };
        }
        return ind;
    }

    /// <summary><c>aliases: [客戶流失率, 流失率]</c> (or one name): other names an input may give the indicator.</summary>
    private static ImmutableArray<string> ReadAliases(YamlNode? a, string name)
    {
        if (a is null || a.IsNull) return [];
        var items = a.IsScalar ? [a] : a.Items().ToList();
        var aliases = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
        {
            var alias = item.Text?.Trim() ?? "";
            if (alias.Length == 0) item.Error("别名不能为空");
            else if (alias.Length > SchemeLimits.MaxItemNameChars) item.Error($"别名过长：最多 {SchemeLimits.MaxItemNameChars} 个字");
            else if (alias == name) item.Error($"别名“{alias}”与指标名称相同");
            else if (aliases.Contains(alias)) item.Error($"别名“{alias}”重复");
            else aliases.Add(alias);
        }
        return aliases.ToImmutable();
    }

    /// <summary><c>metric: churn_rate</c> or <c>metric: { code: churn_rate, scope: company }</c>.</summary>
    private static MetricBinding? ReadMetric(YamlNode? m)
    {
        if (m is null) return null;
        if (m.IsScalar)
        {
            if (string.IsNullOrWhiteSpace(m.Text)) { m.Error("metric 应为指标代码，例如 churn_rate"); return null; }
            return new MetricBinding(m.Text.Trim(), MetricBindingScope.Subject);
        }
        var fields = ReadMetricFields(m.Get("fields"));
        var binding = new MetricBinding(m.String("code", fields is null)?.Trim() ?? "", m.Enum("scope", MetricBindingScope.Subject, MetricScopes))
        {
            Shape = m.Enum("as", MetricBindingShape.Value, MetricShapes),
            Target = m.String("target")?.Trim() is { Length: > 0 } t ? t : null,
            Baseline = m.Get("baseline") is null ? null : m.Enum("baseline", BaselineSource.PreviousPeriod, Sources),
            Fields = fields,
        };
        if (binding.Shape == MetricBindingShape.Counts && binding.Target is not null)
            m.Error("metric 的 as: counts 已用分母作目标，不能再写 target");
        if (binding.Code.Length == 0 && (binding.Target is not null || binding.Baseline is not null || binding.Shape != MetricBindingShape.Value))
            m.Error("metric 只有 fields 时不能写 target、baseline 或 as（它们属于 code 指定的指标）");
        if (fields is not null && binding.Code.Length > 0 && fields.Keys.FirstOrDefault(k => k is "value" or "target" or "baseline") is { } clash)
            m.Error($"fields 中的“{clash}”与指标本身的输入重名");
        m.RejectUnknown();
        return binding;
    }

    /// <summary>
    /// <c>fields: { 當月成功組建數: groups_formed_month, 目標用戶數: { target: 4G目标用户数 } }</c>: further input fields
    /// from the data, each a metric's value or a target word.
    /// </summary>
    private static ImmutableDictionary<string, MetricField>? ReadMetricFields(YamlNode? f)
    {
        if (f is null || f.IsNull) return null;
        var fields = ImmutableDictionary.CreateBuilder<string, MetricField>(StringComparer.Ordinal);
        foreach (var (key, value) in f.Pairs())
        {
            var name = key.Trim();
            if (name.Length == 0) { value.Error("fields 的字段名不能为空"); continue; }
            if (value.IsScalar)
            {
                if (string.IsNullOrWhiteSpace(value.Text)) value.Error($"字段“{name}”应为指标代码或 {{ target: 目标词 }}");
                else fields[name] = new MetricField(value.Text.Trim(), null);
                continue;
            }
            var metric = value.String("metric")?.Trim();
            var target = value.String("target")?.Trim();
            value.RejectUnknown();
            if (string.IsNullOrEmpty(metric) == string.IsNullOrEmpty(target))
                value.Error($"字段“{name}”要么写指标代码（metric），要么写目标词（target），二者取一");
            else fields[name] = new MetricField(string.IsNullOrEmpty(metric) ? null : metric, string.IsNullOrEmpty(target) ? null : target);
        }
        if (fields.Count == 0) { f.Error("fields 不能为空"); return null; }
        return fields.ToImmutable();
    }

    private static readonly Dictionary<string, MetricBindingScope> MetricScopes = new()
    {
        ["subject"] = MetricBindingScope.Subject, ["对象"] = MetricBindingScope.Subject,
        ["company"] = MetricBindingScope.Company, ["公司"] = MetricBindingScope.Company,
        ["unit"] = MetricBindingScope.Unit, ["所在单位"] = MetricBindingScope.Unit,
    };

    private static readonly Dictionary<string, MetricBindingShape> MetricShapes = new()
    {
        ["value"] = MetricBindingShape.Value, ["值"] = MetricBindingShape.Value,
        ["counts"] = MetricBindingShape.Counts, ["分子分母"] = MetricBindingShape.Counts,
    };

    /// <summary>An indicator whose rule the seed lost: <c>manual: true</c>, or <c>manual: { …, lost: true }</c>.</summary>
    private static bool IsLost(YamlNode n)
    {
        if (n.Get("manual") is not { } m) return false;
        if (m.IsScalar) return m.Text is "true" or "yes" or "是";
        return m.Bool("lost", false);
    }

    private static Rule ReadRule(YamlNode n, decimal? points, Dictionary<string, ImmutableArray<GradeOption>> scales)
    {
        var present = RuleKinds.Where(n.Has).ToList();
        // `manual: true` is the "rule lost" flag: alone, it means a manual entry within [0, points].
        if (present.Contains("manual") && n.Get("manual") is { IsScalar: true })
        {
            present.Remove("manual");
            if (present.Count == 0) return new ManualRule(0, points ?? 0, false, null);
        }
        if (present.Count != 1)
        {
            n.Error(present.Count == 0
                ? $"缺少计分规则：需要以下之一：{string.Join("、", RuleKinds)}"
                : $"只能有一种计分规则，却写了：{string.Join("、", present)}");
            return new ManualRule(0, points ?? 0, false, null);
        }
        var kind = present[0];
        var r = n.Get(kind)!;
        Rule rule = kind switch
        {
            "grade" => ReadGrade(r, points, scales),
            "rating" => new RatingRule(r.Number("min", 1) ?? 1, r.Number("max", 5) ?? 5, r.Bool("integer", true), r.Enum("mapping", RatingMapping.Proportional, Mappings)),
            "checklist" => ReadChecklist(r),
            "manual" => ReadManual(r, points),
            "veto" => new VetoRule(),
            "baseline" => ReadBaseline(r, points),
            "bands" => ReadBandRule(r),
            "linear" => ReadLinear(r, points),
            "per_unit" => ReadPerUnit(r),
            "deduction" => ReadDeduction(r, points),
            "steps" => ReadSteps(r, points),
            "achievement" => new AchievementRule(r.Number("points", points) ?? points ?? 0, r.Ratio("cap"), r.Enum("direction", Direction.HigherIsBetter, Directions), r.Enum("unit", ValueUnit.Number, Units), r.Enum("no_data", NoDataPolicy.Full, NoDatas)),
            "offset" => ReadOffset(r),
            "formula" => ReadFormula(r),
            "composite" => ReadComposite(r, scales),
            _ => throw new InvalidOperationException(kind),
        };
        if (r.IsMapping && kind is not "grade") r.RejectUnknown();
        return rule;
    }

    private static GradeRule ReadGrade(YamlNode r, decimal? points, Dictionary<string, ImmutableArray<GradeOption>> scales)
    {
        if (r.IsScalar)
        {
            if (r.Text is { } scaleName && scales.TryGetValue(scaleName, out var named)) return new GradeRule(named, MultipleGrades.Single);
            r.Error($"未定义的等级表“{r.Text}”");
            return new GradeRule([], MultipleGrades.Single);
        }
        if (r.IsMapping && r.Has("options"))
        {
            var multiple = r.Enum("multiple", MultipleGrades.Single, Multiples);
            var optionsNode = r.Get("options")!;
            var options = optionsNode.IsScalar && optionsNode.Text is { } sn && scales.TryGetValue(sn, out var s2) ? s2 : ReadGradeOptions(optionsNode, points);
            r.RejectUnknown();
            return new GradeRule(options, multiple);
        }
        return new GradeRule(ReadGradeOptions(r, points), MultipleGrades.Single);
    }

    /// <summary>word: 5 | word: "8-9" | word: { min, max, default, fraction, aliases }.</summary>
    private static ImmutableArray<GradeOption> ReadGradeOptions(YamlNode r, decimal? points)
    {
        var list = new List<GradeOption>();
        foreach (var (word, v) in r.Pairs())
        {
            if (v.IsScalar)
            {
                var t = v.Text ?? "";
                var m = RangePattern().Match(t);
                if (m.Success)
                {
                    var lo = decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    var hi = decimal.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (lo > hi) v.Error("区间下限大于上限");
                    list.Add(new GradeOption(word, lo, hi, null, []));
                }
                else if (v.Decimal() is { } p) list.Add(new GradeOption(word, p, p, null, []));
                continue;
            }
            decimal min, max;
            decimal? def;
            if (v.Has("fraction"))
            {
                var f = v.Get("fraction")!;
                var fm = f.Text is { } ft ? RangePattern().Match(ft.Replace("%", "")) : Match.Empty;
                var scale = (points ?? 0) / (ft0(f) ? 100 : 1);
                static bool ft0(YamlNode x) => (x.Text ?? "").Contains('%');
                if (fm.Success)
                {
                    min = decimal.Parse(fm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * scale;
                    max = decimal.Parse(fm.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) * scale;
                }
                else min = max = (f.Decimal() ?? 0) * scale;
                if (points is null) v.Error("按比例（fraction）的等级需要指标有 points");
                var dn = v.Get("default");
                def = dn is null ? null : (dn.Decimal() ?? 0) * scale;
            }
            else
            {
                min = v.Number("min", null, true) ?? 0;
                max = v.Number("max", min) ?? min;
                def = v.Number("default");
            }
            if (min > max) v.Error("区间下限大于上限");
            if (def is { } d && (d < min || d > max)) v.Error("默认值不在区间内");
            var aliases = v.Get("aliases") is { } a ? a.Items().Select(x => x.Text ?? "").ToImmutableArray() : [];
            v.RejectUnknown();
            list.Add(new GradeOption(word, min, max, def, aliases));
        }
        if (list.Count == 0) r.Error("等级表为空");
        return [.. list];
    }

    [GeneratedRegex(@"^\s*(-?\d+(?:\.\d+)?)\s*[-–~]\s*(-?\d+(?:\.\d+)?)\s*$")]
    private static partial Regex RangePattern();

    private static ManualRule ReadManual(YamlNode r, decimal? points)
    {
        _ = r.Bool("lost", false);
        var min = r.Number("min", 0) ?? 0;
        var max = r.Number("max", points) ?? points ?? 0;
        if (min > max) r.Error("min 大于 max");
        return new ManualRule(min, max, r.Bool("mean", false), r.Get("excluded") is { } ex ? ParseInterval(ex, ValueUnit.Points) : null);
    }

    private static ChecklistRule ReadChecklist(YamlNode r)
    {
        var elements = r.Get("elements") is { } e ? e.Items().Select(x => x.Text ?? "").ToImmutableArray() : [];
        var count = (int)(r.Number("count", elements.Length) ?? elements.Length);
        if (count <= 0) r.Error("检查项数量必须大于 0");
        return new ChecklistRule(elements, count, r.Number("points_each", null, true) ?? 0);
    }

    private static BaselineRule ReadBaseline(YamlNode r, decimal? points)
    {
        var unit = r.Enum("unit", ValueUnit.Percent, Units);
        var source = r.Enum("source", BaselineSource.Input, Sources);
        var constant = r.Number("constant");
        if (source == BaselineSource.Constant && constant is null) r.Error("基数来源为 constant 时需要 constant");
        return new BaselineRule(
            r.Enum("direction", Direction.HigherIsBetter, Directions),
            r.Number("base", 15) ?? 15,
            r.Number("step", 1) ?? 1,
            r.Number("up", 1) ?? 0,
            r.Number("down", 1) ?? 0,
            r.Number("cap", points),
            r.Number("floor", 0),
            r.Enum("rounding", StepRounding.Floor, Roundings),
            r.Enum("difference", DifferenceMode.Points, Differences),
            source, constant, unit,
            r.Enum("no_data", NoDataPolicy.Base, NoDatas),
            r.String("label"));
    }

    private static BandRule ReadBandRule(YamlNode r)
    {
        var unit = r.Enum("unit", ValueUnit.Percent, Units);
        var measure = r.Enum("measure", BandMeasure.Value, Measures);
        var bands = ReadBands(r.Get("bands", true) ?? r, measure == BandMeasure.RatioToTarget ? ValueUnit.Percent : unit);
        return new BandRule(bands, unit, measure, r.Number("gap", 0) ?? 0, r.Enum("no_data", NoDataPolicy.Full, NoDatas), r.String("label"));
    }

    private static ImmutableArray<Band> ReadBands(YamlNode list, ValueUnit unit)
    {
        var bands = new List<Band>();
        foreach (var b in list.Items())
        {
            var whenNode = b.Get("when", true);
            var range = whenNode is null ? new Interval(null, null) : ParseInterval(whenNode, unit) ?? new Interval(null, null);
            BandOutcome outcome;
            if ((b.Get("points") ?? b.Get("factor")) is { } pn) outcome = new FixedOutcome(pn.Decimal() ?? 0);
            else if (b.Get("choose") is { } cn)
            {
                var m = cn.Text is { } t ? RangePattern().Match(t) : Match.Empty;
                if (!m.Success) { cn.Error("应写成区间，例如 \"6-8\""); outcome = new FixedOutcome(0); }
                else outcome = new ChoiceOutcome(decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (b.Get("linear") is { } ln)
            {
                var ends = ln.Items().Select(x => x.Decimal() ?? 0).ToList();
                if (ends.Count != 2) { ln.Error("linear 应为 [下端分值, 上端分值]"); outcome = new FixedOutcome(0); }
                else
                {
                    if (range.Lower is null || range.Upper is null) ln.Error("线性档位需要有上下两端");
                    outcome = new LinearOutcome(ends[0], ends[1]);
                }
            }
            else if (b.Get("proportional") is { } pr)
                outcome = new ProportionalOutcome(pr.Decimal() ?? 0, b.Number("reference", unit == ValueUnit.Percent ? 100 : 1) ?? 1);
            else
            {
                b.Error("档位需要 points、choose、linear 或 proportional 之一");
                outcome = new FixedOutcome(0);
            }
            bands.Add(new Band(range, outcome, b.String("note")));
            b.RejectUnknown();
        }
        if (bands.Count > SchemeLimits.MaxBandsPerList) list.Error(TooManyBands(bands.Count));
        return [.. bands];
    }

    private static string TooManyBands(int count) => $"档位过多：一个列表最多 {SchemeLimits.MaxBandsPerList} 个档位，实际 {count} 个";

    /// <summary>Every band of every list of the scheme (rule bands, coefficient bands, deduction tables, composite parts included).</summary>
    private static int CountBands(Scheme scheme)
    {
        static int OfRule(Rule rule) => rule switch
        {
            BandRule b => b.Bands.Length,
            DeductionRule d => d.Clauses.Sum(c => c.Table.Length),
            CompositeRule c => c.Parts.Sum(p => OfRule(p.Rule)),
            _ => 0,
        };
        return scheme.Sections.SelectMany(s => s.Indicators).Sum(i => OfRule(i.Rule) + i.Coefficients.Sum(c => c.Bands.Length));
    }

    /// <summary>Parses an interval: "[85%, 90%)", "≥ 90%", "&gt; 90", "&lt; 80%", "&lt;= 3", "= 0" or "all".</summary>
    internal static Interval? ParseInterval(YamlNode n, ValueUnit unit)
    {
        var raw = n.Text;
        if (raw is null) { n.Error("区间应为文本，例如 \"[85%, 90%)\" 或 \">= 90%\""); return null; }
        var t = Kaohe.Core.Inputs.ValueParser.Normalize(raw).Replace("％", "%").Replace("≥", ">=").Replace("≤", "<=").Replace("∞", "inf");
        decimal? Num(string s)
        {
            s = s.Trim();
            if (s is "+inf" or "inf" or "-inf" or "") return null;
            var pct = s.EndsWith('%');
            if (pct) s = s[..^1];
            if (!decimal.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                n.Error($"区间“{raw}”中的“{s}”不是数值");
                return null;
            }
            return v;
        }
        if (t == "all" || t == "*") return new Interval(null, null);
        // Split by hand, not by a backtracking pattern: "[" followed by thousands of spaces and no closing bracket
        // made the former regular expression run for minutes.
        if (t.Length >= 2 && t[0] is '[' or '(' && t[^1] is ']' or ')')
        {
            var inner = t.AsSpan(1, t.Length - 2);
            var comma = inner.IndexOf(',');
            if (comma >= 0 && inner[(comma + 1)..].IndexOfAny(']', ')') < 0)
            {
                var lo = Num(inner[..comma].ToString());
                var hi = Num(inner[(comma + 1)..].ToString());
                var interval = new Interval(
                    lo is null ? null : new Bound(lo.Value, t[0] == '['),
                    hi is null ? null : new Bound(hi.Value, t[^1] == ']'));
                if (lo is not null && hi is not null && lo > hi) n.Error($"区间“{raw}”下限大于上限");
                return interval;
            }
        }
        foreach (var op in (ReadOnlySpan<string>)[">=", "<=", "==", ">", "<", "="])
        {
            if (!t.StartsWith(op, StringComparison.Ordinal)) continue;
            var rest = t[op.Length..].TrimStart();
            if (rest.Length == 0 || rest.Contains('\n')) break;
            var v = Num(rest);
            if (v is null) return null;
            return op switch
            {
                ">=" => new Interval(new Bound(v.Value, true), null),
                ">" => new Interval(new Bound(v.Value, false), null),
                "<=" => new Interval(null, new Bound(v.Value, true)),
                "<" => new Interval(null, new Bound(v.Value, false)),
                _ => new Interval(new Bound(v.Value, true), new Bound(v.Value, true)),
            };
        }
        n.Error($"无法识别区间“{raw}”，例如 \"[85%, 90%)\"、\">= 90%\"、\"< 80%\"");
        return null;
    }

    private static LinearRule ReadLinear(YamlNode r, decimal? points)
    {
        ThresholdFallback? fallback = null;
        if (r.Get("fallback") is { } f)
        {
            fallback = new ThresholdFallback(f.String("input", true) ?? "", f.Number("at_least", null, true) ?? 0, f.Number("points", null, true) ?? 0);
            f.RejectUnknown();
        }
        return new LinearRule(
            r.Number("points", points) ?? points ?? 0,
            r.Ratio("threshold", 0) ?? 0,
            r.Enum("mode", LinearMode.Proportional, LinearModes),
            r.Bool("capped", true),
            r.Number("extra_per_unit"),
            r.Number("below", 0) ?? 0,
            fallback,
            r.Number("target"),
            r.Enum("unit", ValueUnit.Number, Units),
            r.Enum("no_data", NoDataPolicy.Full, NoDatas),
            r.String("label"));
    }

    private static UnitRule ReadPerUnit(YamlNode r)
    {
        ImmutableArray<UnitCounter> counters;
        if (r.Get("counters") is { } cs)
            counters = [.. cs.Items().Select(c =>
            {
                var counter = new UnitCounter(c.String("name", true) ?? "", c.Number("points", null, true) ?? 0);
                c.LimitLength("name", SchemeLimits.MaxItemNameChars, "计数项名称");
                c.RejectUnknown();
                return counter;
            })];
        else counters = [new UnitCounter(r.String("name") ?? "数量", r.Number("points", null, true) ?? 0)];
        return new UnitRule(counters, r.Number("base", 0) ?? 0, r.Number("cap", null), r.Number("floor", 0),
            r.Bool("negative_counts", false), r.Enum("unit", ValueUnit.Count, Units));
    }

    private static DeductionRule ReadDeduction(YamlNode r, decimal? points)
    {
        var clauses = new List<DeductionClause>();
        foreach (var c in r.Get("clauses", true)?.Items() ?? [])
        {
            var name = c.String("name", true) ?? "";
            c.LimitLength("name", SchemeLimits.MaxItemNameChars, "扣分条款名称");
            var rounding = c.Enum("rounding", StepRounding.Floor, Roundings);
            var unit = c.Enum("unit", ValueUnit.Count, Units);
            DeductionClause clause;
            if (c.Get("per") is { } per) clause = new DeductionClause(name, ClauseMode.PerOccurrence, per.Decimal() ?? 0, 0, 0, [], rounding, 1, unit);
            else if (c.Get("once") is { } once) clause = new DeductionClause(name, ClauseMode.Once, once.Decimal() ?? 0, 0, 0, [], rounding, 1, unit);
            else if (c.Get("range") is { } range)
            {
                var ends = range.Items().Select(x => x.Decimal() ?? 0).ToList();
                if (ends.Count != 2 || ends[0] > ends[1]) range.Error("range 应为 [最少, 最多]");
                clause = new DeductionClause(name, ClauseMode.Ranged, 0, ends.ElementAtOrDefault(0), ends.ElementAtOrDefault(1), [], rounding, 1, unit);
            }
            else if (c.Get("amount") is { } amount) clause = new DeductionClause(name, ClauseMode.Amount, 0, 0, amount.Decimal() ?? 0, [], rounding, 1, unit);
            else if (c.Get("table") is { } table)
            {
                var steps = table.Items().Select(t =>
                {
                    var step = new DeductionStep(ParseInterval(t.Get("when", true) ?? t, ValueUnit.Count) ?? new Interval(null, null), t.Number("points", null, true) ?? 0);
                    t.RejectUnknown();
                    return step;
                }).ToImmutableArray();
                if (steps.Length > SchemeLimits.MaxBandsPerList) table.Error(TooManyBands(steps.Length));
                clause = new DeductionClause(name, ClauseMode.Table, 0, 0, 0, steps, rounding, 1, unit);
            }
            else if (c.Get("per_quantity") is { } pq)
                clause = new DeductionClause(name, ClauseMode.PerQuantity, pq.Decimal() ?? 0, 0, 0, [], rounding, c.Number("step", 1) ?? 1, unit);
            else if (c.Get("at_least") is { } al) clause = new DeductionClause(name, ClauseMode.AtLeast, al.Decimal() ?? 0, 0, 0, [], rounding, 1, unit);
            else
            {
                c.Error("扣分条款需要 per、once、range、amount、table、per_quantity 或 at_least 之一");
                continue;
            }
            c.RejectUnknown();
            clauses.Add(clause);
        }
        if (clauses.Select(c => c.Name).Distinct().Count() != clauses.Count) r.Error("扣分条款名称重复");
        return new DeductionRule(r.Number("start", points ?? 0) ?? 0, [.. clauses], r.Number("max_deduction", null), r.Number("floor", 0), r.Number("cap", null));
    }

    private static StepRule ReadSteps(YamlNode r, decimal? points)
    {
        var unit = r.Enum("unit", ValueUnit.Percent, Units);
        var rounding = r.Enum("rounding", StepRounding.Floor, Roundings);
        StepSide Side(string key, decimal defaultBase)
        {
            var s = r.Get(key);
            if (s is null) return new StepSide(defaultBase, 0, 0, rounding);
            var side = new StepSide(s.Number("base", defaultBase) ?? defaultBase, s.Number("per", 0) ?? 0, s.Number("points", 0) ?? 0, s.Enum("rounding", rounding, Roundings));
            s.RejectUnknown();
            return side;
        }
        var above = Side("above", points ?? 0);
        var below = Side("below", above.Base);
        var gates = ImmutableArray<StepGate>.Empty;
        if (r.Get("gates") is { } gs)
            gates = [.. gs.Items().Select(g =>
            {
                var inclusive = g.Has("at_or_below");
                var bound = (inclusive ? g.Number("at_or_below") : g.Number("below", null, true)) ?? 0;
                var gate = new StepGate(new Bound(bound, inclusive), g.Number("points", null, true) ?? 0);
                g.RejectUnknown();
                return gate;
            })];
        CapWaiver? waiver = null;
        if (r.Get("cap_unless") is { } cu)
        {
            waiver = new CapWaiver(cu.String("input", true) ?? "", cu.Number("at_least", null, true) ?? 0);
            cu.RejectUnknown();
        }
        var pivotNode = r.Get("pivot");
        decimal? pivot = pivotNode is null ? null : pivotNode.Text == "input" ? null : pivotNode.Decimal();
        var measure = r.Enum("measure", BandMeasure.Value, Measures);
        if (pivotNode is null && measure == BandMeasure.Value) r.Error("需要 pivot（或 pivot: input 表示由“目标”输入给出）");
        return new StepRule(pivot, measure, above, below, gates, r.Number("floor", 0), r.Number("cap", null), waiver, unit,
            r.Enum("no_data", NoDataPolicy.Full, NoDatas), r.String("label"))
        { Difference = r.Enum("difference", DifferenceMode.Points, Differences) };
    }

    private static OffsetRule ReadOffset(YamlNode r)
    {
        OffsetQuantity Q(string key)
        {
            var q = r.Get(key, true);
            if (q is null) return new OffsetQuantity(key, 0, 0, "");
            var oq = new OffsetQuantity(q.String("name", true) ?? key, q.Number("quota", null, true) ?? 0, q.Number("extra", 0) ?? 0, q.String("unit") ?? "");
            q.RejectUnknown();
            return oq;
        }
        var ratio = r.Number("ratio", null, true) ?? 1;
        if (ratio <= 0) r.Error("抵消比例必须大于 0");
        return new OffsetRule(Q("first"), Q("second"), ratio <= 0 ? 1 : ratio, r.Number("amount", null, true) ?? 0, r.Bool("extras_when_failed", true));
    }

    private static Rule ReadFormula(YamlNode r)
    {
        var exprNode = r.Get("expression", true);
        var inputs = ImmutableArray<FormulaInput>.Empty;
        if (r.Get("inputs", true) is { } inNode)
            inputs = [.. inNode.Pairs().Select(p => new FormulaInput(p.Key, Units.TryGetValue(p.Value.Text ?? "", out var u) ? u : Fail(p.Value)))];
        static ValueUnit Fail(YamlNode v) { v.Error($"未知的单位“{v.Text}”，可选：{string.Join("、", Units.Keys)}"); return ValueUnit.Number; }
        var floor = r.Number("floor", null);
        var cap = r.Number("cap", null);
        if (exprNode?.Text is not { } text) return new ManualRule(0, 0, false, null);
        var parsed = Formula.Parse(text);
        if (!parsed.IsSuccess)
        {
            foreach (var e in parsed.Errors)
                exprNode.Error($"公式第 {e.Column} 列：{e.Message}");
            return new ManualRule(0, 0, false, null);
        }
        foreach (var name in parsed.Formula!.InputNames)
            if (!inputs.Any(i => i.Name == name)) exprNode.Error($"公式用到的输入“{name}”未在 inputs 中声明单位");
        return new FormulaRule(parsed.Formula, inputs, floor, cap);
    }

    private static CompositeRule ReadComposite(YamlNode r, Dictionary<string, ImmutableArray<GradeOption>> scales)
    {
        var parts = new List<RulePart>();
        foreach (var p in r.Get("parts", true)?.Items() ?? [])
        {
            var name = p.String("name", true) ?? "";
            p.LimitLength("name", SchemeLimits.MaxItemNameChars, "组成部分名称");
            var pts = p.Number("points");
            var rule = ReadRule(p, pts, scales);
            parts.Add(new RulePart(name, pts, rule) { Metric = ReadMetric(p.Get("metric")) });
            p.RejectUnknown(RuleKinds);
        }
        if (parts.Select(p => p.Name).Distinct().Count() != parts.Count) r.Error("组成部分名称重复");
        return new CompositeRule([.. parts], r.Number("floor", null), r.Number("cap", null));
    }

    private static GradeScale ReadGrades(YamlNode g)
    {
        var bands = g.Items().Select(b =>
        {
            var incl = !b.Has("above");
            var min = incl ? b.Number("min") : b.Number("above");
            var band = new GradeBand(b.String("grade", true) ?? "", min, incl);
            b.LimitLength("grade", SchemeLimits.MaxGradeChars, "等级名称");
            b.RejectUnknown();
            return band;
        }).ToImmutableArray();
        for (var i = 1; i < bands.Length; i++)
            if (bands[i - 1].Min is null || (bands[i].Min is { } m && m > bands[i - 1].Min))
                g.Error("等级档位应从高到低排列，最后一档可不写 min");
        return new GradeScale(bands);
    }

    private static PayoutRule? ReadPayout(YamlNode p)
    {
        var kind = p.String("kind", true);
        var b = p.Number("base");
        PayoutRule? rule = kind switch
        {
            "proportional" => new ProportionalPayout(b, p.Number("per", 100) ?? 100, p.Bool("cap_at_base", false)),
            "banded" => new BandedPayout(b, p.Number("none_below", null, true) ?? 0, p.Number("full_from", null, true) ?? 0, p.Number("per", 100) ?? 100),
            "coefficient" => new CoefficientPayout(b, p.Ratio("fixed_share", 0.8m) ?? 0.8m,
                p.Get("table") is { } t ? [.. t.Items().Select(row =>
                {
                    var band = new CoefficientBand(row.Number("min", null, true) ?? 0, row.Number("k", null, true) ?? 0);
                    row.RejectUnknown();
                    return band;
                })] : []),
            _ => null,
        };
        if (rule is null && kind is not null) p.Get("kind")!.Error("payout.kind 可选：proportional、banded、coefficient");
        p.RejectUnknown();
        return rule;
    }

    /// <summary>The consequence kinds a <c>consequences:</c> item may name.</summary>
    public static readonly string[] ConsequenceKinds = ["poor-streak", "annual-cap"];

    private static ImmutableArray<ConsequenceRule> ReadConsequences(YamlNode list, GradeScale? grades)
    {
        var own = grades?.Bands.Select(b => ConsecutivePeriods.Normalize(b.Grade)).ToList() ?? [];
        IReadOnlyList<string> order = own.Count > 0 ? own : ConsecutivePeriods.DefaultGradeOrder;
        var rules = ImmutableArray.CreateBuilder<ConsequenceRule>();
        var count = 0;
        foreach (var c in list.Items())
        {
            if (++count == SchemeLimits.MaxConsequences + 1) list.Error($"后果规则过多：最多 {SchemeLimits.MaxConsequences} 条");
            if (!c.IsMapping) { c.Error("应为映射，例如 { kind: poor-streak, poor: 不合格 }"); continue; }
            var kind = c.String("kind", true);
            switch (kind)
            {
                case "poor-streak":
                {
                    var poor = c.String("poor", true);
                    if (poor is not null)
                    {
                        poor = ConsecutivePeriods.Normalize(poor);
                        if (own.Count == 0) c.Get("poor")!.Error("本方案没有设置等级（grades），无法判断考核结果是否不佳：请先设置等级");
                        else if (!own.Contains(poor)) c.Get("poor")!.Error($"“{poor}”不是本方案的等级，可选：{string.Join("、", own)}");
                    }
                    var warn = Whole(c, "warn_after", 2, 1, 100);
                    var review = Whole(c, "review_after", 3, 1, 100);
                    if (review < warn) (c.Get("review_after") ?? c.Get("warn_after") ?? c).Error($"review_after（{review}）不能小于 warn_after（{warn}）");
                    rules.Add(new PoorStreakRule(poor ?? "", warn, review, c.Bool("cumulative_review", false), c.Bool("missing_breaks", false)));
                    break;
                }
                case "annual-cap":
                {
                    var thresholdNode = c.Get("threshold");
                    var threshold = ConsecutivePeriods.Normalize((thresholdNode is null ? null : c.String("threshold")) ?? "B-");
                    if (!order.Contains(threshold))
                        (thresholdNode ?? c).Error(thresholdNode is null
                            ? $"默认的封顶等级 B- 不是本方案的等级：请用 threshold 指定，可选：{string.Join("、", order)}"
                            : $"“{threshold}”不在等级顺序中，可选：{string.Join("、", order)}");
                    rules.Add(new AnnualCapRule(threshold, Whole(c, "adjacent", 2, 1, 5), Whole(c, "cumulative", 3, 1, 4),
                        c.Bool("skip_not_assessed", true), c.Bool("cross_year", false)));
                    break;
                }
                default:
                    if (kind is not null) c.Get("kind")!.Error($"consequences.kind 可选：{string.Join("、", ConsequenceKinds)}");
                    continue;
            }
            c.RejectUnknown();
        }
        return rules.ToImmutable();
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent or wrong.</summary>
    private static int Whole(YamlNode n, string key, int fallback, int min, int max)
    {
        if (n.Get(key) is not { } node) return fallback;
        if (node.IsNull) { node.Error($"{key} 应为 {min}–{max} 的整数"); return fallback; }
        if (node.Decimal() is not { } v) return fallback;
        if (v < min || v > max || v != decimal.Truncate(v)) { node.Error($"{key} 应为 {min}–{max} 的整数"); return fallback; }
        return (int)v;
    }

    private static RankingRule ReadRanking(YamlNode r)
    {
        var rule = new RankingRule(r.Number("by_percent_of"), r.Number("top_reward"), r.Number("top_above"), r.Number("penalty"), r.Number("penalty_below"));
        r.RejectUnknown();
        return rule;
    }
}
