using System.Diagnostics;
using Kaohe.Core.Model;

namespace Kaohe.Schemes;

/// <summary>
/// Writes a <see cref="Scheme"/> as scheme YAML (docs/scheme-format.md) that <see cref="SchemeLoader"/> reads back to an
/// equal scheme: every rule kind, every parameter and every scheme-level option. This is what lets the scheme editor
/// open any template or own scheme and save what HR built in a form. Values equal to the loader's default are left out,
/// so the text reads like a hand-written template; comments and named <c>scales</c> of the source are not kept (a
/// named scale is written out where it is used).
/// </summary>
public static class SchemeYamlWriter
{
    /// <summary>The whole scheme as YAML text.</summary>
    public static string Write(Scheme scheme) => YamlRender.Document(SchemeMap(scheme));

    /// <summary>
    /// The keys of an indicator that make up its scoring standard — the rule kind, the "rule lost" flag, the coefficient and
    /// the conversion — as a YAML fragment at indentation 0 (the editor's advanced field).
    /// </summary>
    public static string WriteStandard(Indicator indicator)
    {
        var map = new YamlMap();
        StandardEntries(map, indicator);
        return YamlRender.Document(map);
    }

    /// <summary>A rule alone as its YAML fragment (<c>grade: { … }</c>), at indentation 0.</summary>
    public static string WriteRule(Rule rule, decimal? points)
    {
        var map = new YamlMap();
        RuleEntry(map, rule, points);
        return YamlRender.Document(map);
    }

    /// <summary>The category the loader gives an indicator that does not name one.</summary>
    public static IndicatorCategory DefaultCategory(Rule rule) => rule switch
    {
        DeductionRule => IndicatorCategory.Deduction,
        VetoRule => IndicatorCategory.Veto,
        UnitRule => IndicatorCategory.Bonus,
        GradeRule or RatingRule or ChecklistRule or ManualRule => IndicatorCategory.Qualitative,
        _ => IndicatorCategory.Quantitative,
    };

    /// <summary>Whether the loader makes an indicator optional when the file does not say (deductions, bonuses, vetoes).</summary>
    public static bool DefaultOptional(Rule rule) => rule is DeductionRule or UnitRule or VetoRule;

    // ------------------------------------------------------------------ scheme

    private static YamlMap SchemeMap(Scheme s)
    {
        var root = new YamlMap();
        root.Text("id", s.Id);
        if (s.Slug != s.Id.ToLowerInvariant()) root.Text("slug", s.Slug);
        root.Text("name", s.Name);
        root.Text("source", s.Source);
        root.Word("subject", Token(s.SubjectKind));
        root.Word("period", Token(s.Period));
        root.Add("total", s.NominalTotal);
        root.Add("normalise_to", s.NormaliseTo);
        root.Add("total_cap", s.TotalCap);
        root.Add("total_floor", s.TotalFloor);
        if (!s.Raters.IsEmpty)
        {
            var raters = new YamlSeq();
            foreach (var r in s.Raters)
                raters.Items.Add(new YamlMap { Flow = true }.Text("name", r.Name).Add("weight", Ratio(r.Weight)));
            root.Add("raters", raters);
        }
        if (s.MissingRater != MissingRaterPolicy.Renormalise || !s.Raters.IsEmpty) root.Word("missing_rater", Token(s.MissingRater));
        if (!s.CategoryCaps.IsEmpty)
        {
            var caps = new YamlMap { Flow = true };
            foreach (var (cat, cap) in s.CategoryCaps.OrderBy(c => c.Key)) caps.Add(Kaohe.Core.Text.Words.Category(cat), cap);
            root.Add("category_caps", caps);
        }
        if (s.VetoScore != 0) root.Add("veto_score", s.VetoScore);
        if (s.RoundItemsTo is { } digits) root.Add("round_items", digits);
        if (s.Grades is { } grades) root.Add("grades", GradesSeq(grades));
        if (s.Payout is { } payout) root.Add("payout", PayoutMap(payout));
        if (s.Ranking is { } ranking) root.Add("ranking", RankingMap(ranking));
        if (!s.Consequences.IsDefaultOrEmpty)
        {
            var consequences = new YamlSeq();
            foreach (var c in s.Consequences) consequences.Items.Add(ConsequenceMap(c));
            root.Add("consequences", consequences);
        }
        if (!s.Notes.IsEmpty) root.Add("notes", TextSeq(s.Notes));
        if (!s.Lost.IsEmpty) root.Add("lost", TextSeq(s.Lost));
        var sections = new YamlSeq();
        foreach (var section in s.Sections) sections.Items.Add(SectionMap(section, s.Raters));
        root.Add("sections", sections);
        return root;
    }

    private static YamlSeq TextSeq(IEnumerable<string> texts)
    {
        var seq = new YamlSeq();
        foreach (var t in texts) seq.Items.Add(YamlScalar.OfText(t));
        return seq;
    }

    private static YamlSeq GradesSeq(GradeScale grades)
    {
        var seq = new YamlSeq();
        foreach (var b in grades.Bands)
        {
            var m = new YamlMap { Flow = true }.Text("grade", b.Grade);
            if (!b.MinInclusive) m.Limit("above", b.Min);
            else m.Add("min", b.Min);
            seq.Items.Add(m);
        }
        return seq;
    }

    private static YamlMap PayoutMap(PayoutRule p)
    {
        var m = new YamlMap { Flow = true }.Word("kind", p.Kind);
        switch (p)
        {
            case ProportionalPayout pp:
                m.Add("base", pp.BaseAmount);
                if (pp.PerPoints != 100) m.Add("per", pp.PerPoints);
                if (pp.CapAtBase) m.Word("cap_at_base", "true");
                break;
            case BandedPayout bp:
                m.Add("base", bp.BaseAmount).Add("none_below", bp.NoneBelow).Add("full_from", bp.FullFrom);
                if (bp.PerPoints != 100) m.Add("per", bp.PerPoints);
                break;
            case CoefficientPayout cp:
                m.Add("base", cp.BaseAmount);
                if (cp.FixedShare != 0.8m) m.Add("fixed_share", Ratio(cp.FixedShare));
                if (!cp.Table.IsEmpty)
                {
                    var table = new YamlSeq();
                    foreach (var row in cp.Table) table.Items.Add(new YamlMap { Flow = true }.Add("min", row.Min).Add("k", row.Coefficient));
                    m.Add("table", table);
                }
                break;
            default:
                throw new UnreachableException($"payout kind {p.Kind}");
        }
        return m;
    }

    private static YamlMap RankingMap(RankingRule r) => new YamlMap { Flow = true }
        .Add("by_percent_of", r.ByPercentOf).Add("top_reward", r.TopReward).Add("top_above", r.TopAbove)
        .Add("penalty", r.Penalty).Add("penalty_below", r.PenaltyBelow);

    private static YamlMap ConsequenceMap(ConsequenceRule c)
    {
        var m = new YamlMap { Flow = true }.Word("kind", c.Kind);
        switch (c)
        {
            case PoorStreakRule p:
                m.Text("poor", p.PoorAtOrBelow);
                if (p.WarnAfter != 2) m.Add("warn_after", p.WarnAfter);
                if (p.ReviewAfter != 3) m.Add("review_after", p.ReviewAfter);
                if (p.CumulativeReview) m.Word("cumulative_review", "true");
                if (p.MissingBreaks) m.Word("missing_breaks", "true");
                break;
            case AnnualCapRule a:
                if (a.Threshold != "B-") m.Text("threshold", a.Threshold);
                if (a.Adjacent != 2) m.Add("adjacent", a.Adjacent);
                if (a.Cumulative != 3) m.Add("cumulative", a.Cumulative);
                if (!a.SkipNotAssessed) m.Word("skip_not_assessed", "false");
                if (a.CrossYear) m.Word("cross_year", "true");
                break;
            default:
                throw new UnreachableException($"consequence kind {c.Kind}");
        }
        return m;
    }

    // ------------------------------------------------------------------ sections and indicators

    private static YamlMap SectionMap(Section s, System.Collections.Immutable.ImmutableArray<RaterRole> raters)
    {
        var m = new YamlMap().Text("name", s.Name);
        if (s.Weight is { } w) m.Add("weight", Ratio(w));
        m.Add("scale_to", s.ScaleTo).Add("cap", s.Cap).Add("floor", s.Floor);
        var items = new YamlSeq();
        foreach (var i in s.Indicators) items.Items.Add(IndicatorMap(i, raters));
        m.Add("indicators", items);
        return m;
    }

    private static YamlMap IndicatorMap(Indicator i, System.Collections.Immutable.ImmutableArray<RaterRole> raters)
    {
        var m = new YamlMap().Text("name", i.Name);
        if (!i.Aliases.IsEmpty)
        {
            var aliases = new YamlSeq { Flow = true };
            foreach (var a in i.Aliases) aliases.Items.Add(YamlScalar.OfText(a));
            m.Add("aliases", aliases);
        }
        if (i.Category != DefaultCategory(i.Rule)) m.Text("category", Kaohe.Core.Text.Words.Category(i.Category));
        m.Add("points", i.Points);
        if (i.Weight is { } w) m.Add("weight", Ratio(w));
        m.Text("rule", i.RuleRef);
        if (!i.RatedBy.IsEmpty)
        {
            if (!raters.IsEmpty && i.RatedBy.SequenceEqual(raters.Select(r => r.Name))) m.Word("raters", "all");
            else
            {
                var seq = new YamlSeq { Flow = true };
                foreach (var r in i.RatedBy) seq.Items.Add(YamlScalar.OfText(r));
                m.Add("raters", seq);
            }
        }
        m.Add("floor", i.Floor).Add("cap", i.Cap);
        if (i.NotApplicable != NotApplicablePolicy.Error) m.Word("not_applicable", Token(i.NotApplicable));
        if (i.Unit != ScoreUnit.Points) m.Word("unit", "yuan");
        if (i.Optional != DefaultOptional(i.Rule)) m.Word("optional", i.Optional ? "true" : "false");
        m.Text("note", i.Note);
        // A composite item's binding is written on its parts (the rule's entry).
        if (i.Metric is { Parts: null } metric) m.Add("metric", MetricEntry(metric));
        StandardEntries(m, i);
        return m;
    }

    /// <summary><c>metric: code</c>, or the flow map with the scope, shape, target and baseline.</summary>
    private static YamlValue MetricEntry(MetricBinding metric)
    {
        if (metric is { Scope: MetricBindingScope.Subject, Shape: MetricBindingShape.Value, Target: null, Baseline: null, Fields: null }) return YamlScalar.OfText(metric.Code);
        var map = new YamlMap { Flow = true };
        if (metric.Code.Length > 0) map.Text("code", metric.Code);
        if (metric.Scope != MetricBindingScope.Subject) map.Word("scope", metric.Scope == MetricBindingScope.Company ? "company" : "unit");
        if (metric.Shape == MetricBindingShape.Counts) map.Word("as", "counts");
        if (metric.Target is { } target) map.Text("target", target);
        if (metric.Baseline is { } b) map.Word("baseline", Token(b));
        if (metric.Fields is { } fields)
        {
            var fm = new YamlMap { Flow = true };
            foreach (var (name, field) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                fm.Add(name, field.Metric is { } code ? YamlScalar.OfText(code) : new YamlMap { Flow = true }.Text("target", field.Target!));
            map.Add("fields", fm);
        }
        return map;
    }

    /// <summary>The rule kind with the "lost" flag, the coefficient and the conversion.</summary>
    private static void StandardEntries(YamlMap m, Indicator i)
    {
        m.Add("convert_to", i.ConvertTo);
        if (i.Coefficients.Length > 1)
            throw new ArgumentException($"指标“{i.Name}”有 {i.Coefficients.Length} 个系数：方案文件每个指标只能写一个", nameof(i));
        foreach (var c in i.Coefficients)
        {
            var cm = new YamlMap().Text("input", c.Input);
            if (c.Unit != ValueUnit.Percent) cm.Word("unit", Token(c.Unit));
            if (c.Gap != 0) cm.Add("gap", c.Gap);
            cm.Add("bands", BandsSeq(c.Bands, c.Unit, coefficient: true));
            m.Add("coefficient", cm);
        }
        if (i.Manual)
        {
            // manual: true alone is the lost rule's entry within [0, points]; beside another kind it only flags it.
            if (i.Rule is ManualRule mr)
            {
                if (mr is { Min: 0, Mean: false, ExcludedRange: null } && mr.Max == (i.Points ?? 0)) m.Word("manual", "true");
                else m.Add("manual", ManualMap(mr, i.Points).Word("lost", "true"));
                return;
            }
            m.Word("manual", "true");
        }
        RuleEntry(m, i.Rule, i.Points);
    }

    // ------------------------------------------------------------------ rules

    private static void RuleEntry(YamlMap m, Rule rule, decimal? points)
    {
        switch (rule)
        {
            case GradeRule g: m.Add("grade", GradeValue(g)); break;
            case RatingRule r:
                m.Add("rating", new YamlMap { Flow = true }.Add("min", r.Min).Add("max", r.Max)
                    .Word("integer", r.Integer ? "true" : "false").Word("mapping", Token(r.Mapping)));
                break;
            case ChecklistRule c:
            {
                var cm = new YamlMap { Flow = true };
                if (!c.Elements.IsEmpty)
                {
                    var elements = new YamlSeq { Flow = true };
                    foreach (var e in c.Elements) elements.Items.Add(YamlScalar.OfText(e));
                    cm.Add("elements", elements);
                }
                if (c.ElementCount != c.Elements.Length) cm.Add("count", c.ElementCount);
                cm.Add("points_each", c.PointsPerElement);
                m.Add("checklist", cm);
                break;
            }
            case ManualRule mr: m.Add("manual", ManualMap(mr, points)); break;
            case VetoRule: m.Add("veto", new YamlMap { Flow = true }); break;
            case BaselineRule b: m.Add("baseline", BaselineMap(b, points)); break;
            case BandRule b: m.Add("bands", BandRuleMap(b)); break;
            case LinearRule l: m.Add("linear", LinearMap(l, points)); break;
            case UnitRule u: m.Add("per_unit", PerUnitMap(u)); break;
            case DeductionRule d: m.Add("deduction", DeductionMap(d, points)); break;
            case StepRule s: m.Add("steps", StepsMap(s, points)); break;
            case AchievementRule a:
            {
                var am = new YamlMap { Flow = true };
                if (a.Points != (points ?? 0)) am.Add("points", a.Points);
                if (a.CapRatio is { } cap) am.Add("cap", Ratio(cap));
                if (a.Direction != Direction.HigherIsBetter) am.Word("direction", Token(a.Direction));
                if (a.Unit != ValueUnit.Number) am.Word("unit", Token(a.Unit));
                if (a.NoData != NoDataPolicy.Full) am.Word("no_data", Token(a.NoData));
                m.Add("achievement", am);
                break;
            }
            case OffsetRule o:
            {
                static YamlMap Q(OffsetQuantity q)
                {
                    var qm = new YamlMap { Flow = true }.Text("name", q.Name).Add("quota", q.Quota);
                    if (q.ExtraPerUnit != 0) qm.Add("extra", q.ExtraPerUnit);
                    if (q.UnitName.Length > 0) qm.Text("unit", q.UnitName);
                    return qm;
                }
                var om = new YamlMap().Add("first", Q(o.First)).Add("second", Q(o.Second)).Add("ratio", o.Ratio).Add("amount", o.Amount);
                if (!o.ExtrasWhenFailed) om.Word("extras_when_failed", "false");
                m.Add("offset", om);
                break;
            }
            case FormulaRule f:
            {
                var fm = new YamlMap().Text("expression", f.Expression.Source);
                var inputs = new YamlMap { Flow = true };
                foreach (var input in f.Inputs) inputs.Word(input.Name, Token(input.Unit));
                fm.Add("inputs", inputs).Add("floor", f.Floor).Add("cap", f.Cap);
                m.Add("formula", fm);
                break;
            }
            case CompositeRule c:
            {
                var cm = new YamlMap().Add("floor", c.Floor).Add("cap", c.Cap);
                var parts = new YamlSeq();
                foreach (var p in c.Parts)
                {
                    var pm = new YamlMap { Flow = true }.Text("name", p.Name).Add("points", p.Points);
                    if (p.Metric is { } pb) pm.Add("metric", MetricEntry(pb));
                    RuleEntry(pm, p.Rule, p.Points);
                    parts.Items.Add(pm);
                }
                cm.Add("parts", parts);
                m.Add("composite", cm);
                break;
            }
            default:
                throw new UnreachableException($"rule kind {rule.Kind}");
        }
    }

    private static YamlValue GradeValue(GradeRule g)
    {
        var options = new YamlMap { Flow = true };
        foreach (var o in g.Options)
        {
            if (o.IsFixed && o.Default is null && o.Aliases.IsEmpty) options.Add(o.Word, o.Min);
            else
            {
                var om = new YamlMap { Flow = true }.Add("min", o.Min);
                if (o.Max != o.Min) om.Add("max", o.Max);
                om.Add("default", o.Default);
                if (!o.Aliases.IsEmpty)
                {
                    var aliases = new YamlSeq { Flow = true };
                    foreach (var a in o.Aliases) aliases.Items.Add(YamlScalar.OfText(a));
                    om.Add("aliases", aliases);
                }
                options.Add(o.Word, om);
            }
        }
        // The short form is a mapping of words; a word that is itself "options" needs the long form.
        if (g.Multiple == MultipleGrades.Single && g.Options.All(o => o.Word != "options")) return options;
        var m = new YamlMap().Add("options", options);
        if (g.Multiple != MultipleGrades.Single) m.Word("multiple", Token(g.Multiple));
        return m;
    }

    private static YamlMap ManualMap(ManualRule r, decimal? points)
    {
        var m = new YamlMap { Flow = true };
        if (r.Min != 0) m.Add("min", r.Min);
        if (r.Max != (points ?? 0)) m.Add("max", r.Max);
        if (r.Mean) m.Word("mean", "true");
        if (r.ExcludedRange is { } ex) m.Text("excluded", Interval(ex, percent: false));
        return m;
    }

    private static YamlMap BaselineMap(BaselineRule b, decimal? points)
    {
        var m = new YamlMap();
        m.Word("direction", Token(b.Direction)).Word("source", Token(b.Source));
        m.Add("constant", b.Constant);
        if (b.Unit != ValueUnit.Percent) m.Word("unit", Token(b.Unit));
        m.Add("base", b.Base).Add("step", b.Step).Add("up", b.UpPoints).Add("down", b.DownPoints);
        if (b.Cap != points) m.Limit("cap", b.Cap);
        if (b.Floor != 0) m.Limit("floor", b.Floor);
        if (b.Rounding != StepRounding.Floor) m.Word("rounding", Token(b.Rounding));
        if (b.Difference != DifferenceMode.Points) m.Word("difference", Token(b.Difference));
        if (b.NoData != NoDataPolicy.Base) m.Word("no_data", Token(b.NoData));
        m.Text("label", b.Label);
        return m;
    }

    private static YamlMap BandRuleMap(BandRule b)
    {
        var m = new YamlMap();
        if (b.Unit != ValueUnit.Percent) m.Word("unit", Token(b.Unit));
        if (b.Measure != BandMeasure.Value) m.Word("measure", Token(b.Measure));
        if (b.Gap != 0) m.Add("gap", b.Gap);
        if (b.NoData != NoDataPolicy.Full) m.Word("no_data", Token(b.NoData));
        m.Text("label", b.Label);
        // Ratios are always measured in percent (ReadBandRule reads their intervals so).
        var unit = b.Measure == BandMeasure.RatioToTarget ? ValueUnit.Percent : b.Unit;
        m.Add("bands", BandsSeq(b.Bands, unit, coefficient: false));
        return m;
    }

    private static YamlSeq BandsSeq(IEnumerable<Band> bands, ValueUnit unit, bool coefficient)
    {
        var seq = new YamlSeq();
        foreach (var band in bands)
        {
            var bm = new YamlMap { Flow = true }.Text("when", Interval(band.Range, unit == ValueUnit.Percent));
            switch (band.Outcome)
            {
                case FixedOutcome f: bm.Add(coefficient ? "factor" : "points", f.Points); break;
                case ChoiceOutcome c: bm.Text("choose", Range(c.Min, c.Max)); break;
                case LinearOutcome l:
                    var ends = new YamlSeq { Flow = true };
                    ends.Items.Add(YamlScalar.Number(l.AtLower));
                    ends.Items.Add(YamlScalar.Number(l.AtUpper));
                    bm.Add("linear", ends);
                    break;
                case ProportionalOutcome p:
                    bm.Add("proportional", p.Points);
                    if (p.Reference != (unit == ValueUnit.Percent ? 100 : 1)) bm.Add("reference", p.Reference);
                    break;
                default:
                    throw new UnreachableException($"band outcome {band.Outcome}");
            }
            bm.Text("note", band.Note);
            seq.Items.Add(bm);
        }
        return seq;
    }

    private static YamlMap LinearMap(LinearRule l, decimal? points)
    {
        var m = new YamlMap();
        if (l.Points != (points ?? 0)) m.Add("points", l.Points);
        if (l.Threshold != 0) m.Add("threshold", Ratio(l.Threshold));
        if (l.Mode != LinearMode.Proportional) m.Word("mode", Token(l.Mode));
        if (!l.Capped) m.Word("capped", "false");
        m.Add("extra_per_unit", l.ExtraPerUnit);
        if (l.BelowThreshold != 0) m.Add("below", l.BelowThreshold);
        if (l.Fallback is { } fb)
            m.Add("fallback", new YamlMap { Flow = true }.Text("input", fb.Input).Add("at_least", fb.AtLeast).Add("points", fb.Points));
        m.Add("target", l.Target);
        if (l.Unit != ValueUnit.Number) m.Word("unit", Token(l.Unit));
        if (l.NoData != NoDataPolicy.Full) m.Word("no_data", Token(l.NoData));
        m.Text("label", l.Label);
        return m;
    }

    private static YamlMap PerUnitMap(UnitRule u)
    {
        var m = new YamlMap();
        if (u.Counters.Length == 1)
        {
            if (u.Counters[0].Name != "数量") m.Text("name", u.Counters[0].Name);
            m.Add("points", u.Counters[0].PointsPerUnit);
        }
        else
        {
            var counters = new YamlSeq();
            foreach (var c in u.Counters) counters.Items.Add(new YamlMap { Flow = true }.Text("name", c.Name).Add("points", c.PointsPerUnit));
            m.Add("counters", counters);
        }
        if (u.Base != 0) m.Add("base", u.Base);
        m.Add("cap", u.Cap);
        if (u.Floor != 0) m.Limit("floor", u.Floor);
        if (u.AllowNegativeCounts) m.Word("negative_counts", "true");
        if (u.Unit != ValueUnit.Count) m.Word("unit", Token(u.Unit));
        return m;
    }

    private static YamlMap DeductionMap(DeductionRule d, decimal? points)
    {
        var m = new YamlMap();
        if (d.Start != (points ?? 0)) m.Add("start", d.Start);
        if (d.Floor != 0) m.Limit("floor", d.Floor);
        m.Add("cap", d.Cap).Add("max_deduction", d.MaxDeduction);
        var clauses = new YamlSeq();
        foreach (var c in d.Clauses)
        {
            var cm = new YamlMap { Flow = true }.Text("name", c.Name);
            switch (c.Mode)
            {
                case ClauseMode.PerOccurrence: cm.Add("per", c.Points); break;
                case ClauseMode.Once: cm.Add("once", c.Points); break;
                case ClauseMode.Ranged:
                    var range = new YamlSeq { Flow = true };
                    range.Items.Add(YamlScalar.Number(c.Min));
                    range.Items.Add(YamlScalar.Number(c.Max));
                    cm.Add("range", range);
                    break;
                case ClauseMode.Amount: cm.Add("amount", c.Max); break;
                case ClauseMode.Table:
                    var table = new YamlSeq();
                    foreach (var t in c.Table) table.Items.Add(new YamlMap { Flow = true }.Text("when", Interval(t.Range, percent: false)).Add("points", t.Points));
                    cm.Add("table", table);
                    break;
                case ClauseMode.PerQuantity:
                    cm.Add("per_quantity", c.Points);
                    if (c.Step != 1) cm.Add("step", c.Step);
                    break;
                case ClauseMode.AtLeast: cm.Add("at_least", c.Points); break;
                default: throw new UnreachableException($"clause mode {c.Mode}");
            }
            if (c.Rounding != StepRounding.Floor) cm.Word("rounding", Token(c.Rounding));
            if (c.Unit != ValueUnit.Count) cm.Word("unit", Token(c.Unit));
            clauses.Items.Add(cm);
        }
        m.Add("clauses", clauses);
        return m;
    }

    private static YamlMap StepsMap(StepRule s, decimal? points)
    {
        var m = new YamlMap();
        var percent = s.Unit == ValueUnit.Percent || s.Measure == BandMeasure.RatioToTarget;
        if (s.Measure != BandMeasure.Value) m.Word("measure", Token(s.Measure));
        m.Add("pivot", s.Pivot is { } p ? Measured(p, percent) : YamlScalar.Word("input"));
        if (s.Unit != ValueUnit.Percent) m.Word("unit", Token(s.Unit));
        var rounding = s.Above.Rounding;
        if (rounding != StepRounding.Floor) m.Word("rounding", Token(rounding));
        if (s.Difference != DifferenceMode.Points) m.Word("difference", Token(s.Difference));
        YamlMap Side(StepSide side)
        {
            var sm = new YamlMap { Flow = true }.Add("base", side.Base);
            if (side.StepSize != 0) sm.Add("per", side.StepSize);
            if (side.PointsPerStep != 0) sm.Add("points", side.PointsPerStep);
            if (side.Rounding != rounding) sm.Word("rounding", Token(side.Rounding));
            return sm;
        }
        m.Add("above", Side(s.Above)).Add("below", Side(s.Below));
        if (!s.Gates.IsEmpty)
        {
            var gates = new YamlSeq();
            foreach (var g in s.Gates)
                gates.Items.Add(new YamlMap { Flow = true }.Add(g.Below.Inclusive ? "at_or_below" : "below", Measured(g.Below.Value, percent)).Add("points", g.Points));
            m.Add("gates", gates);
        }
        if (s.Floor != 0) m.Limit("floor", s.Floor);
        m.Add("cap", s.Cap);
        if (s.CapWaiver is { } w) m.Add("cap_unless", new YamlMap { Flow = true }.Text("input", w.Input).Add("at_least", w.AtLeast));
        if (s.NoData != NoDataPolicy.Full) m.Word("no_data", Token(s.NoData));
        m.Text("label", s.Label);
        _ = points;
        return m;
    }

    // ------------------------------------------------------------------ values

    /// <summary>A ratio as a percentage ("30%") when that reads back exactly, else as the fraction itself.</summary>
    private static YamlScalar Ratio(decimal fraction)
    {
        // Only ordinary weights read better as percentages (and a huge number times 100 would not fit a decimal).
        if (Math.Abs(fraction) >= 1_000_000) return YamlScalar.Number(fraction);
        var pct = fraction * 100;
        if (pct == decimal.Round(pct, 6) && pct / 100 == fraction) return YamlScalar.Word(Kaohe.Core.Text.Fmt.Exact(pct) + "%");
        return YamlScalar.Number(fraction);
    }

    /// <summary>A value of a percent measure with its sign ("100%"); the loader reads both "100%" and 100 as 100.</summary>
    private static YamlScalar Measured(decimal value, bool percent) =>
        YamlScalar.Word(Kaohe.Core.Text.Fmt.Exact(value) + (percent ? "%" : ""));

    /// <summary>"6-8" (or "-3~-1" when a bound is negative), as grade and band ranges are written.</summary>
    private static string Range(decimal min, decimal max) =>
        Kaohe.Core.Text.Fmt.Exact(min) + (min < 0 || max < 0 ? "~" : "-") + Kaohe.Core.Text.Fmt.Exact(max);

    /// <summary>An interval in the format's notation: "all", "&gt;= 90%", "&lt; 80%", "= 2", "[85%, 90%)".</summary>
    internal static string Interval(Interval range, bool percent)
    {
        var u = percent ? "%" : "";
        string N(decimal v) => Kaohe.Core.Text.Fmt.Exact(v) + u;
        return (range.Lower, range.Upper) switch
        {
            (null, null) => "all",
            ({ } lo, null) => (lo.Inclusive ? ">= " : "> ") + N(lo.Value),
            (null, { } hi) => (hi.Inclusive ? "<= " : "< ") + N(hi.Value),
            ({ } lo, { } hi) when lo.Inclusive && hi.Inclusive && lo.Value == hi.Value => "= " + N(lo.Value),
            ({ } lo, { } hi) => (lo.Inclusive ? "[" : "(") + N(lo.Value) + ", " + N(hi.Value) + (hi.Inclusive ? "]" : ")"),
        };
    }

    // ------------------------------------------------------------------ words of the format

    internal static string Token(SubjectKind k) => k switch
    {
        SubjectKind.Department => "department", SubjectKind.Office => "office", SubjectKind.Person => "person", SubjectKind.Team => "team",
        _ => throw new UnreachableException(),
    };

    internal static string Token(PeriodKind p) => p switch
    {
        PeriodKind.Day => "day", PeriodKind.Week => "week", PeriodKind.Month => "month", PeriodKind.Quarter => "quarter",
        PeriodKind.HalfYear => "half_year", PeriodKind.Year => "year",
        _ => throw new UnreachableException(),
    };

    internal static string Token(MissingRaterPolicy p) => p switch
    {
        MissingRaterPolicy.Renormalise => "renormalise", MissingRaterPolicy.CountAsZero => "zero", MissingRaterPolicy.Error => "error",
        _ => throw new UnreachableException(),
    };

    internal static string Token(NotApplicablePolicy p) => p switch
    {
        NotApplicablePolicy.Error => "error", NotApplicablePolicy.PeerAverage => "peer_average", NotApplicablePolicy.Full => "full",
        NotApplicablePolicy.Zero => "zero", NotApplicablePolicy.Exclude => "exclude",
        _ => throw new UnreachableException(),
    };

    internal static string Token(NoDataPolicy p) => p switch
    {
        NoDataPolicy.Base => "base", NoDataPolicy.Full => "full", NoDataPolicy.Zero => "zero", NoDataPolicy.Exclude => "exclude", NoDataPolicy.Error => "error",
        _ => throw new UnreachableException(),
    };

    internal static string Token(ValueUnit u) => u switch
    {
        ValueUnit.Percent => "percent", ValueUnit.Number => "number", ValueUnit.Count => "count", ValueUnit.Money => "money",
        ValueUnit.Hours => "hours", ValueUnit.Days => "days", ValueUnit.Points => "points",
        _ => throw new UnreachableException(),
    };

    internal static string Token(Direction d) => d == Direction.HigherIsBetter ? "higher_is_better" : "lower_is_better";

    internal static string Token(StepRounding r) => r switch
    {
        StepRounding.Floor => "floor", StepRounding.Ceiling => "ceiling", StepRounding.ProRata => "pro_rata",
        _ => throw new UnreachableException(),
    };

    internal static string Token(DifferenceMode d) => d == DifferenceMode.Points ? "points" : "relative";

    internal static string Token(BaselineSource s) => s switch
    {
        BaselineSource.HistoricalMin => "historical_min", BaselineSource.HistoricalMax => "historical_max",
        BaselineSource.PreviousPeriod => "previous_period", BaselineSource.SamePeriodLastYear => "same_period_last_year",
        BaselineSource.Constant => "constant", BaselineSource.Input => "input",
        _ => throw new UnreachableException(),
    };

    internal static string Token(BandMeasure m) => m switch
    {
        BandMeasure.Value => "value", BandMeasure.RatioToTarget => "ratio", BandMeasure.DifferenceFromBaseline => "difference",
        _ => throw new UnreachableException(),
    };

    internal static string Token(RatingMapping m) => m switch
    {
        RatingMapping.Proportional => "proportional", RatingMapping.Raw => "raw", RatingMapping.ZeroBased => "zero_based",
        _ => throw new UnreachableException(),
    };

    internal static string Token(LinearMode m) => m == LinearMode.Proportional ? "proportional" : "rescaled";

    internal static string Token(MultipleGrades m) => m switch
    {
        MultipleGrades.Single => "single", MultipleGrades.Sum => "sum", MultipleGrades.Max => "max",
        _ => throw new UnreachableException(),
    };
}
