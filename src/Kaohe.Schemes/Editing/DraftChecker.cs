using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Kaohe.Core.Lint;
using Kaohe.Core.Model;

namespace Kaohe.Schemes.Editing;

/// <summary>
/// Where a problem of a draft is: the scheme (<see cref="Section"/> −1) with a header field or area ("Id", "Raters",
/// "Grades", "Payout" …), a section (<see cref="Item"/> −1), or an item with its field ("Name", "Points", "Rule.Max",
/// "Rule.Options[1].Word", "Fragment").
/// </summary>
public sealed record DraftPlace(int Section, int Item, string Field)
{
    public static DraftPlace Scheme(string field = "") => new(-1, -1, field);
}

/// <summary>One problem of a draft, in Chinese, with where it is.</summary>
/// <param name="Detail">The technical text (YAML line, field path) for whoever wants it; null when there is none.</param>
/// <param name="FragmentLine">For a fragment's problem, its line in the fragment (0 = the whole fragment).</param>
/// <param name="YamlLine">For a problem the loader found in the written YAML, its line there (0 = none).</param>
public sealed record DraftProblem(DraftPlace Place, LintSeverity Severity, string Message, string? Detail = null, int FragmentLine = 0, int YamlLine = 0);

/// <summary>The outcome of <see cref="SchemeDraft.Check"/>.</summary>
/// <param name="Scheme">The scheme as it would be saved, read back from <paramref name="Yaml"/>; null when the text does not load.</param>
/// <param name="Preview">What the form looks like now: <paramref name="Scheme"/>, or the scheme as built (broken items as
/// hand entries) when the text does not load. Its sections and items are the draft's, index for index.</param>
/// <param name="Yaml">The text that would be saved.</param>
public sealed record DraftOutcome(Scheme? Scheme, Scheme Preview, string Yaml, IReadOnlyList<DraftProblem> Problems)
{
    /// <summary>Whether the draft may be saved: it loads and nothing is an error.</summary>
    public bool CanSave => Scheme is not null && !Problems.Any(p => p.Severity == LintSeverity.Error);

    public IEnumerable<DraftProblem> At(int section, int item) => Problems.Where(p => p.Place.Section == section && p.Place.Item == item);

    public IEnumerable<DraftProblem> AtField(int section, int item, string field) => At(section, item).Where(p => p.Place.Field == field);
}

/// <summary>Builds, writes, reads back and lints a draft (<see cref="SchemeDraft.Check"/>).</summary>
internal static partial class DraftChecker
{
    public static DraftOutcome Check(SchemeDraft d)
    {
        var problems = new List<DraftProblem>();
        void Error(DraftPlace place, string message) => problems.Add(new DraftProblem(place, LintSeverity.Error, message));
        var scheme = Build(d, problems, Error);
        string yaml;
        try
        {
            yaml = SchemeYamlWriter.Write(scheme);
        }
        catch (ArgumentException e)
        {
            Error(DraftPlace.Scheme(), e.Message);
            return new DraftOutcome(null, scheme, "", problems);
        }
        var load = SchemeLoader.Load(yaml, "方案");
        foreach (var e in load.Errors)
        {
            // Reported at the item while building, with its place.
            if (e.Message.StartsWith("指标名称“", StringComparison.Ordinal) && e.Message.Contains("重复", StringComparison.Ordinal)) continue;
            if (e.Message.Contains("未在 raters 中定义", StringComparison.Ordinal)) continue;
            // The editor has no form for consequences: the only way to break one is to change the grades it names,
            // so its problem is shown with the grade table and says which rule needs the grade.
            var consequence = e.Field.StartsWith("consequences", StringComparison.Ordinal);
            problems.Add(new DraftProblem(consequence ? DraftPlace.Scheme("Grades") : PlaceOf(e.Field), LintSeverity.Error,
                (consequence ? "考核结果的后果规则（连续不佳、年度封顶）：" : "") + EditorWords.Plain(e.Message),
                $"第 {e.Line} 行第 {e.Column} 列 {e.Field}：{e.Message}".Replace("  ", " ", StringComparison.Ordinal), YamlLine: e.Line));
        }
        if (load.Scheme is { } loaded)
            foreach (var f in SchemeLinter.Lint(loaded))
            {
                var (place, prefix) = PlaceOf(f, loaded);
                problems.Add(new DraftProblem(place, f.Severity, prefix + EditorWords.Plain(f.Message)));
            }
        return new DraftOutcome(load.Scheme, load.Scheme ?? scheme, yaml, problems);
    }

    private static Scheme Build(SchemeDraft d, List<DraftProblem> problems, Action<DraftPlace, string> error)
    {
        var id = d.Id?.Trim() ?? "";
        if (id.Length == 0) error(DraftPlace.Scheme("Id"), "请填写方案编号（如 MY-01）");
        else if (SchemeCatalog.Find(id) is not null) error(DraftPlace.Scheme("Id"), $"“{id}”是内置模板的编号，内置模板不能修改：请换一个自己的编号（如 MY-{id}）");
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) error(DraftPlace.Scheme("Name"), "请填写方案名称");

        var raters = new List<RaterRole>();
        for (var i = 0; i < d.Raters.Count; i++)
        {
            var r = d.Raters[i];
            var rn = r.Name?.Trim() ?? "";
            if (rn.Length == 0) { error(DraftPlace.Scheme($"Raters[{i}].Name"), "请填写评分人（如 直接上级）"); continue; }
            if (raters.Any(x => x.Name == rn)) error(DraftPlace.Scheme($"Raters[{i}].Name"), $"评分人“{rn}”重复");
            if (r.WeightPercent is < 0 or > 100) error(DraftPlace.Scheme($"Raters[{i}].WeightPercent"), "权重应在 0%–100% 之间");
            raters.Add(new RaterRole(rn, (r.WeightPercent ?? 0) / 100));
        }
        var roles = raters.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        GradeScale? grades = null;
        if (d.Grades.Count > 0)
        {
            var bands = new List<GradeBand>();
            for (var i = 0; i < d.Grades.Count; i++)
            {
                var g = d.Grades[i];
                var word = g.Grade?.Trim() ?? "";
                if (word.Length == 0) { error(DraftPlace.Scheme($"Grades[{i}].Grade"), "请填写等级名称（如 优秀）"); continue; }
                if (g.Min is null && i < d.Grades.Count - 1) error(DraftPlace.Scheme($"Grades[{i}].Min"), "只有最后一档可以不写分数线");
                bands.Add(new GradeBand(word, g.Min, !g.Above));
            }
            grades = new GradeScale([.. bands]);
        }

        var payout = d.Payout.ToRule((field, message) => error(DraftPlace.Scheme(field), message));
        if (d.Sections.Count == 0) error(DraftPlace.Scheme("Sections"), "至少要有一个考核项目（分组）");

        var names = new Dictionary<string, (int Section, int Item)>(StringComparer.Ordinal);
        var sections = new List<Section>();
        for (var si = 0; si < d.Sections.Count; si++)
        {
            var s = d.Sections[si];
            var sname = s.Name?.Trim() ?? "";
            if (sname.Length == 0) error(new DraftPlace(si, -1, "Name"), "请填写考核项目名称");
            if (s.Items.Count == 0) problems.Add(new DraftProblem(new DraftPlace(si, -1, ""), LintSeverity.Warning, "这个考核项目还没有考核内容"));
            var indicators = new List<Indicator>();
            for (var ii = 0; ii < s.Items.Count; ii++)
            {
                var item = s.Items[ii];
                DraftPlace At(string field) => new(si, ii, field);
                var iname = item.Name?.Trim() ?? "";
                if (iname.Length == 0) error(At("Name"), "请填写考核内容（指标名称）");
                else if (names.TryGetValue(iname, out var first))
                    error(At("Name"), $"与第 {Number(d, first)} 项同名：每项名称必须不同（录入时按名称对应）");
                else names[iname] = (si, ii);
                foreach (var role in item.RatedBy.Where(r => !roles.Contains(r)))
                    error(At("RatedBy"), $"评分人“{role}”不在评分人名单中：请在“评分人与等级”中添加，或取消勾选");

                Rule rule;
                var lost = item.Lost;
                var coefficients = ImmutableArray<Coefficient>.Empty;
                decimal? convertTo = null;
                if (item.Rule is FragmentDraft fragment)
                {
                    var (standard, fp) = RuleFragment.Read(fragment.Yaml, iname, item.Points);
                    foreach (var p in fp)
                        problems.Add(new DraftProblem(At("Fragment"), LintSeverity.Error, p.Message, p.Detail.Length > 0 ? p.Detail : null, p.Line));
                    rule = standard?.Rule ?? StandIn(item.Points);
                    lost = standard?.Lost ?? false;
                    coefficients = standard?.Coefficients ?? [];
                    convertTo = standard?.ConvertTo;
                }
                else
                {
                    var fp = new FieldProblems();
                    var built = item.Rule.ToRule(item.Points, fp);
                    foreach (var (field, message) in fp.Items) error(At("Rule." + field), message);
                    rule = built ?? StandIn(item.Points);
                }
                if (item.Floor is { } lo && item.Cap is { } hi && hi < lo) error(At("Cap"), "本项最高分不能小于最低分");
                // A binding of fields only (each counter of a per-unit item from the data) has no code to show or edit: kept as loaded.
                var metric = string.IsNullOrWhiteSpace(item.MetricCode) ? item.MetricLoaded is { Code.Length: 0, Fields: not null } fieldsOnly ? fieldsOnly : null
                    : item.MetricLoaded is { } loaded
                        ? loaded with
                        {
                            Code = item.MetricCode.Trim(),
                            Scope = item.MetricCompanyWide ? MetricBindingScope.Company
                                : loaded.Scope == MetricBindingScope.Company ? MetricBindingScope.Subject : loaded.Scope,
                        }
                        : new MetricBinding(item.MetricCode.Trim(), item.MetricCompanyWide ? MetricBindingScope.Company : MetricBindingScope.Subject);
                indicators.Add(new Indicator(
                    iname.Length == 0 ? $"第{Number(d, (si, ii))}项" : iname,
                    item.Category ?? SchemeYamlWriter.DefaultCategory(rule),
                    item.Points, item.WeightPercent / 100, convertTo, rule,
                    [.. item.RatedBy.Where(roles.Contains)], coefficients, item.Floor, item.Cap, item.NotApplicable, item.Unit, lost,
                    item.Optional ?? SchemeYamlWriter.DefaultOptional(rule), Blank(item.RuleRef), Blank(item.Note))
                { Metric = metric, Aliases = [.. item.Aliases.Select(a => a.Trim()).Where(a => a.Length > 0 && a != iname).Distinct()] });
            }
            sections.Add(new Section(sname.Length == 0 ? $"项目{si + 1}" : sname, s.WeightPercent / 100, s.ScaleTo, s.Cap, s.Floor, [.. indicators]));
        }

        return new Scheme(
            id.Length == 0 ? "NEW" : id, d.Slug ?? (id.Length == 0 ? "new" : id.ToLowerInvariant()), name.Length == 0 ? "未命名方案" : name,
            Blank(d.Source), d.Subject, d.Period, [.. sections], [.. raters], d.MissingRater,
            d.TotalCap, d.TotalFloor, d.Total, d.NormaliseTo, d.CategoryCaps.ToImmutableDictionary(), d.VetoScore ?? 0,
            grades, payout, d.Ranking.ToRule(),
            [.. d.Notes.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())],
            [.. d.Lost.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())])
        { RoundItemsTo = d.RoundItems, Consequences = [.. d.Consequences] };
    }

    /// <summary>What a broken item is written with meanwhile: a hand entry within its points.</summary>
    private static ManualRule StandIn(decimal? points) => new(0, Math.Max(0, points ?? 0), false, null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The item's number on the form (序号), counted across sections from 1.</summary>
    private static int Number(SchemeDraft d, (int Section, int Item) at) =>
        d.Sections.Take(at.Section).Sum(s => s.Items.Count) + at.Item + 1;

    [GeneratedRegex(@"^sections\[(\d+)\](?:\.indicators\[(\d+)\])?(?:\.(.*))?$")]
    private static partial Regex SectionPath();

    /// <summary>The place of a loader error from its field path in the written YAML (whose order is the draft's).</summary>
    private static DraftPlace PlaceOf(string field)
    {
        var m = SectionPath().Match(field);
        if (m.Success)
        {
            var si = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var ii = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            var rest = m.Groups[3].Value;
            var f = rest switch
            {
                "name" => "Name",
                "points" => "Points",
                _ when ii >= 0 && rest.Length > 0 => "Rule",
                _ => "",
            };
            return new DraftPlace(si, ii, f);
        }
        var head = field.Split('.', '[')[0];
        return DraftPlace.Scheme(head switch
        {
            "id" or "slug" => "Id",
            "name" => "Name",
            "raters" => "Raters",
            "grades" => "Grades",
            "payout" => "Payout",
            "ranking" => "Ranking",
            "total" => "Total",
            _ => "",
        });
    }

    /// <summary>The place of a lint finding from its "where" (指标“…”, 分组“…”, 评分人…, 等级, 总分 …) and what of it to keep in front of the message.</summary>
    private static (DraftPlace Place, string Prefix) PlaceOf(LintFinding f, Scheme scheme)
    {
        var where = f.Where;
        if (where.StartsWith("指标“", StringComparison.Ordinal) && where.IndexOf('”', 3) is var end and > 3)
        {
            var name = where[3..end];
            var rest = where[(end + 1)..].Trim();
            for (var si = 0; si < scheme.Sections.Length; si++)
                for (var ii = 0; ii < scheme.Sections[si].Indicators.Length; ii++)
                    if (scheme.Sections[si].Indicators[ii].Name == name)
                        return (new DraftPlace(si, ii, "Rule"), rest.Length == 0 ? "" : rest.Trim('[', ']') + "：");
        }
        if (where.StartsWith("分组“", StringComparison.Ordinal) && where.IndexOf('”', 3) is var send and > 3)
        {
            var name = where[3..send];
            for (var si = 0; si < scheme.Sections.Length; si++)
                if (scheme.Sections[si].Name == name) return (new DraftPlace(si, -1, ""), "");
        }
        if (where.StartsWith("评分人", StringComparison.Ordinal)) return (DraftPlace.Scheme("Raters"), where == "评分人" ? "" : where + "：");
        if (where == "等级") return (DraftPlace.Scheme("Grades"), "");
        return (DraftPlace.Scheme(where == "总分" ? "Total" : ""), where + "：");
    }
}
