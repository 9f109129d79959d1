using System.Collections.Immutable;
using Kaohe.Core.Model;

namespace Kaohe.Schemes.Editing;

/// <summary>
/// A scheme as HR edits it in the paper-form layout: a mutable draft of the header, raters, grades, payout, ranking,
/// notes and the sections with their items. It maps from any <see cref="Scheme"/> (a template or an own scheme) and,
/// through <see cref="Check"/>, to the scheme YAML that is saved — read back by <see cref="SchemeLoader"/> and linted,
/// with every problem placed at the field, item or section it concerns. Weights are edited as percentages (30 = 30%).
/// </summary>
public sealed class SchemeDraft
{
    public string? Id { get; set; }
    /// <summary>Kept from the source; a copy gets none (the id is its name then).</summary>
    public string? Slug { get; set; }
    public string? Name { get; set; }
    /// <summary>Where the form comes from; kept, not edited.</summary>
    public string? Source { get; set; }
    public SubjectKind Subject { get; set; } = SubjectKind.Person;
    public PeriodKind Period { get; set; } = PeriodKind.Month;
    /// <summary>The total the form is out of (总分).</summary>
    public decimal? Total { get; set; } = 100;
    public decimal? NormaliseTo { get; set; }
    public decimal? TotalCap { get; set; }
    public decimal? TotalFloor { get; set; }
    public decimal? VetoScore { get; set; } = 0;
    public int? RoundItems { get; set; }
    public List<RaterDraft> Raters { get; set; } = [];
    public MissingRaterPolicy MissingRater { get; set; } = MissingRaterPolicy.Renormalise;
    /// <summary>Caps on the summed points of a category (扣分 ≤ 30), kept from the source.</summary>
    public Dictionary<IndicatorCategory, decimal> CategoryCaps { get; set; } = [];
    public List<GradeBandDraft> Grades { get; set; } = [];
    public PayoutDraft Payout { get; set; } = new();
    public RankingDraft Ranking { get; set; } = new();
    /// <summary>
    /// Rules over published history (GR-01 annual cap, GR-02 consecutive poor results), kept from the source unchanged:
    /// the editor has no form for them yet, and saving a draft must not drop them.
    /// </summary>
    public List<ConsequenceRule> Consequences { get; set; } = [];
    public List<string> Notes { get; set; } = [];
    public List<string> Lost { get; set; } = [];
    public List<SectionDraft> Sections { get; set; } = [];

    /// <summary>A new scheme: one section with one item rated 0–10 by hand, on 100 points.</summary>
    public static SchemeDraft New() => new()
    {
        Sections = [new SectionDraft { Name = "工作业绩", Items = [ItemDraft.New("工作完成情况", 10)] }],
    };

    /// <summary>The draft of an existing scheme; every item whose rule has no exact form keeps it as a YAML fragment.</summary>
    public static SchemeDraft From(Scheme s) => new()
    {
        Id = s.Id, Slug = s.Slug == s.Id.ToLowerInvariant() ? null : s.Slug, Name = s.Name, Source = s.Source,
        Subject = s.SubjectKind, Period = s.Period, Total = s.NominalTotal, NormaliseTo = s.NormaliseTo,
        TotalCap = s.TotalCap, TotalFloor = s.TotalFloor, VetoScore = s.VetoScore, RoundItems = s.RoundItemsTo,
        Raters = [.. s.Raters.Select(r => new RaterDraft { Name = r.Name, WeightPercent = r.Weight * 100 })],
        MissingRater = s.MissingRater,
        CategoryCaps = new(s.CategoryCaps),
        Grades = [.. s.Grades?.Bands.Select(b => new GradeBandDraft { Grade = b.Grade, Min = b.Min, Above = !b.MinInclusive }) ?? []],
        Payout = PayoutDraft.From(s.Payout),
        Ranking = RankingDraft.From(s.Ranking),
        Consequences = [.. s.Consequences],
        Notes = [.. s.Notes],
        Lost = [.. s.Lost],
        Sections = [.. s.Sections.Select(sec => new SectionDraft
        {
            Name = sec.Name, WeightPercent = sec.Weight * 100, ScaleTo = sec.ScaleTo, Cap = sec.Cap, Floor = sec.Floor,
            Items = [.. sec.Indicators.Select(ItemDraft.From)],
        })],
    };

    /// <summary>
    /// A copy of a scheme as the start of an own one: a new id (<paramref name="newId"/>), no slug; everything else kept.
    /// </summary>
    public static SchemeDraft CopyOf(Scheme s, string newId)
    {
        var d = From(s);
        d.Id = newId;
        d.Slug = null;
        return d;
    }

    /// <summary>
    /// A free code for a copy: MY-07 for the template TPL-07 (MY-07-2, MY-07-3 … when taken), MY-01-2 … for an own MY-01;
    /// never longer than a code may be.
    /// </summary>
    public static string CopyId(string code, bool template, Func<string, bool> taken)
    {
        var stem = template ? "MY-" + (code.StartsWith("TPL-", StringComparison.OrdinalIgnoreCase) ? code[4..] : code) : code;
        if (stem.Length > SchemeLimits.MaxIdChars - 4) stem = stem[..(SchemeLimits.MaxIdChars - 4)];
        var k = template ? 1 : 2;
        var id = k == 1 ? stem : $"{stem}-{k}";
        while (taken(id) && k < 9999) id = $"{stem}-{++k}";
        return id;
    }

    /// <summary>Every item in form order with its section and item index.</summary>
    public IEnumerable<(int Section, int Item, ItemDraft Draft)> Items() =>
        Sections.SelectMany((s, si) => s.Items.Select((it, ii) => (si, ii, it)));

    /// <summary>
    /// Builds the scheme, writes it as YAML, reads it back and lints it: the scheme (null when it does not load), the
    /// YAML that would be saved, and every problem with its place. Items whose form has a problem are written with a
    /// stand-in rule so the rest of the form can still be previewed and linted; such a draft cannot be saved.
    /// </summary>
    public DraftOutcome Check() => DraftChecker.Check(this);
}

/// <summary>A rater role with its weight in percent.</summary>
public sealed class RaterDraft
{
    public string? Name { get; set; }
    public decimal? WeightPercent { get; set; }
}

/// <summary>A grade of the total: <see cref="Grade"/> from <see cref="Min"/> points (or above it); empty = everything below.</summary>
public sealed class GradeBandDraft
{
    public string? Grade { get; set; }
    public decimal? Min { get; set; }
    /// <summary>Strictly above <see cref="Min"/> (“90 分以上不含 90”).</summary>
    public bool Above { get; set; }
}

/// <summary>How a total becomes money.</summary>
public enum PayoutKind
{
    /// <summary>无奖金规则.</summary>
    None,
    /// <summary>按比例：总分 / 100 × 基数.</summary>
    Proportional,
    /// <summary>分档：低于某分无奖金，达到某分全额，之间按比例.</summary>
    Banded,
    /// <summary>系数：基数 × (固定部分 + 浮动部分 × 系数).</summary>
    Coefficient,
}

/// <summary>One row of a payout coefficient table: from <see cref="Min"/> points the coefficient is <see cref="K"/>.</summary>
public sealed class CoefficientRowDraft
{
    public decimal? Min { get; set; }
    public decimal? K { get; set; }
}

/// <summary>The payout rule (BP) as a form.</summary>
public sealed class PayoutDraft
{
    public PayoutKind Kind { get; set; }
    /// <summary>The bonus base in 元; empty = each appraisee's own (entered when a cycle is opened).</summary>
    public decimal? Base { get; set; }
    public decimal? Per { get; set; } = 100;
    public bool CapAtBase { get; set; }
    public decimal? NoneBelow { get; set; } = 60;
    public decimal? FullFrom { get; set; } = 90;
    public decimal? FixedSharePercent { get; set; } = 80;
    public List<CoefficientRowDraft> Table { get; set; } = [];

    public static PayoutDraft From(PayoutRule? p) => p switch
    {
        ProportionalPayout pp => new() { Kind = PayoutKind.Proportional, Base = pp.BaseAmount, Per = pp.PerPoints, CapAtBase = pp.CapAtBase },
        BandedPayout bp => new() { Kind = PayoutKind.Banded, Base = bp.BaseAmount, NoneBelow = bp.NoneBelow, FullFrom = bp.FullFrom, Per = bp.PerPoints },
        CoefficientPayout cp => new()
        {
            Kind = PayoutKind.Coefficient, Base = cp.BaseAmount, FixedSharePercent = cp.FixedShare * 100,
            Table = [.. cp.Table.Select(r => new CoefficientRowDraft { Min = r.Min, K = r.Coefficient })],
        },
        _ => new(),
    };

    internal PayoutRule? ToRule(Action<string, string> problem)
    {
        var per = Per ?? 100;
        if (per <= 0) problem("Payout.Per", "每多少分应大于 0");
        if (Base is < 0) problem("Payout.Base", "奖金基数不能为负");
        switch (Kind)
        {
            case PayoutKind.Proportional:
                return new ProportionalPayout(Base, per, CapAtBase);
            case PayoutKind.Banded:
                if (NoneBelow is null) problem("Payout.NoneBelow", "请填写无奖金的分数线");
                if (FullFrom is null) problem("Payout.FullFrom", "请填写全额发放的分数线");
                if (NoneBelow is { } nb && FullFrom is { } ff && ff < nb) problem("Payout.FullFrom", "全额分数线不能低于无奖金分数线");
                return new BandedPayout(Base, NoneBelow ?? 0, FullFrom ?? 0, per);
            case PayoutKind.Coefficient:
                var share = (FixedSharePercent ?? 80) / 100;
                if (share is < 0 or > 1) problem("Payout.FixedSharePercent", "固定部分应在 0%–100% 之间");
                var rows = new List<CoefficientBand>();
                for (var i = 0; i < Table.Count; i++)
                {
                    if (Table[i].Min is null && Table[i].K is null) continue;
                    if (Table[i].Min is null) problem($"Payout.Table[{i}].Min", "请填写分数");
                    if (Table[i].K is null) problem($"Payout.Table[{i}].K", "请填写系数");
                    if (i > 0 && Table[i].Min is { } m && Table[i - 1].Min is { } prev && m >= prev) problem($"Payout.Table[{i}].Min", "分数应从高到低排列");
                    rows.Add(new CoefficientBand(Table[i].Min ?? 0, Table[i].K ?? 0));
                }
                return new CoefficientPayout(Base, share, [.. rows]);
            default:
                return null;
        }
    }
}

/// <summary>The ranking with rewards and penalties (RK) as a form.</summary>
public sealed class RankingDraft
{
    public bool Enabled { get; set; }
    public decimal? ByPercentOf { get; set; }
    public decimal? TopReward { get; set; }
    public decimal? TopAbove { get; set; }
    public decimal? Penalty { get; set; }
    public decimal? PenaltyBelow { get; set; }

    public static RankingDraft From(RankingRule? r) => r is null ? new() : new()
    {
        Enabled = true, ByPercentOf = r.ByPercentOf, TopReward = r.TopReward, TopAbove = r.TopAbove, Penalty = r.Penalty, PenaltyBelow = r.PenaltyBelow,
    };

    internal RankingRule? ToRule() => Enabled ? new RankingRule(ByPercentOf, TopReward, TopAbove, Penalty, PenaltyBelow) : null;
}

/// <summary>A section (考核项目): its name, weight and items.</summary>
public sealed class SectionDraft
{
    public string? Name { get; set; }
    /// <summary>The section's weight in percent; empty = its points add up directly.</summary>
    public decimal? WeightPercent { get; set; }
    public decimal? ScaleTo { get; set; }
    public decimal? Cap { get; set; }
    public decimal? Floor { get; set; }
    public List<ItemDraft> Items { get; set; } = [];
}

/// <summary>
/// An item (考核内容) of the form: name, points, printed weight, who rates it, its note and limits, and its scoring standard
/// (<see cref="Rule"/>: a form, or a YAML fragment that also carries a coefficient or a conversion when it has one).
/// </summary>
public sealed class ItemDraft
{
    public string? Name { get; set; }
    public decimal? Points { get; set; }
    /// <summary>The weight the form prints, in percent (display and lint).</summary>
    public decimal? WeightPercent { get; set; }
    /// <summary>Empty = from the rule kind (定性 for grades, 扣分 for deductions …).</summary>
    public IndicatorCategory? Category { get; set; }
    /// <summary>The RULES.md id; kept, not shown.</summary>
    public string? RuleRef { get; set; }
    /// <summary>Rater roles who rate the item; empty = one shared input.</summary>
    public List<string> RatedBy { get; set; } = [];
    /// <summary>Empty = from the rule kind (deductions, bonuses and vetoes may be left empty).</summary>
    public bool? Optional { get; set; }
    /// <summary>考核内容 as the form prints it under the item.</summary>
    public string? Note { get; set; }
    /// <summary>The seed lost the item's rule (a form's rule; a fragment says it itself).</summary>
    public bool Lost { get; set; }
    public decimal? Floor { get; set; }
    public decimal? Cap { get; set; }
    public NotApplicablePolicy NotApplicable { get; set; } = NotApplicablePolicy.Error;
    public ScoreUnit Unit { get; set; } = ScoreUnit.Points;
    /// <summary>The customer-base metric code that fills the item (docs/metrics.md); empty = entered by hand.</summary>
    public string? MetricCode { get; set; }
    public bool MetricCompanyWide { get; set; }
    /// <summary>The binding the item was loaded with: its shape, target word, baseline and unit scope survive an edit of the code or scope.</summary>
    public MetricBinding? MetricLoaded { get; set; }
    /// <summary>Other names an input may give the item (scheme YAML <c>aliases</c>); kept through an edit.</summary>
    public List<string> Aliases { get; set; } = [];
    public RuleDraft Rule { get; set; } = new ManualDraft();

    /// <summary>A new item rated by hand from 0 to its points.</summary>
    public static ItemDraft New(string name, decimal points) => new() { Name = name, Points = points, Rule = new ManualDraft { Min = 0 } };

    public static ItemDraft From(Indicator i)
    {
        var form = i.Coefficients.IsEmpty && i.ConvertTo is null ? RuleDraft.FormFor(i.Rule, i.Points) : null;
        return new ItemDraft
        {
            Name = i.Name, Points = i.Points, WeightPercent = i.Weight * 100,
            Category = i.Category == SchemeYamlWriter.DefaultCategory(i.Rule) ? null : i.Category,
            RuleRef = i.RuleRef, RatedBy = [.. i.RatedBy],
            Optional = i.Optional == SchemeYamlWriter.DefaultOptional(i.Rule) ? null : i.Optional,
            Note = i.Note, Lost = form is not null && i.Manual, Floor = i.Floor, Cap = i.Cap, NotApplicable = i.NotApplicable, Unit = i.Unit,
            MetricCode = i.Metric?.Code, MetricCompanyWide = i.Metric?.Scope == MetricBindingScope.Company, MetricLoaded = i.Metric,
            Aliases = [.. i.Aliases],
            Rule = form ?? new FragmentDraft { FromKind = i.Rule.Kind, Yaml = SchemeYamlWriter.WriteStandard(i) },
        };
    }

    /// <summary>A deep copy (复制本项).</summary>
    public ItemDraft Copy()
    {
        var copy = (ItemDraft)MemberwiseClone();
        copy.RatedBy = [.. RatedBy];
        copy.Aliases = [.. Aliases];
        copy.Rule = Rule.Copy();
        return copy;
    }

    /// <summary>
    /// Switches the standard to the YAML fragment of what the form holds now (for the parameters a form does not show).
    /// False (nothing changed) when the form has a problem: the fragment would not say what the form means.
    /// </summary>
    public bool ToFragment()
    {
        if (Rule is FragmentDraft) return true;
        if (Rule.ToRule(Points, new FieldProblems()) is not { } rule) return false;
        var ind = new Indicator(Name ?? "", IndicatorCategory.Qualitative, Points, null, null, rule, [], [], null, null,
            NotApplicablePolicy.Error, ScoreUnit.Points, Lost, false, null, null);
        Rule = new FragmentDraft { FromKind = rule.Kind, Yaml = SchemeYamlWriter.WriteStandard(ind) };
        Lost = false;
        return true;
    }

    /// <summary>
    /// Switches a fragment back to its form. Null when done; else why not (the fragment has a problem, its kind has no
    /// form, or it holds what the form cannot show) — the fragment is then kept as it is.
    /// </summary>
    public string? ToForm()
    {
        if (Rule is not FragmentDraft f) return null;
        var (standard, problems) = RuleFragment.Read(f.Yaml, Name ?? "", Points);
        if (standard is null) return "YAML 片段有错误，请先改正：" + string.Join("；", problems.Select(p => p.Message));
        if (!standard.Coefficients.IsEmpty || standard.ConvertTo is not null)
            return "本项有系数或折算，表单无法显示，请继续用 YAML 片段编辑";
        if (RuleDraft.FormFor(standard.Rule, Points) is not { } form)
            return $"“{Kaohe.Core.Text.RuleNames.Of(standard.Rule)}”的这些设置没有表单，请继续用 YAML 片段编辑";
        Rule = form;
        Lost = standard.Lost;
        return null;
    }
}
