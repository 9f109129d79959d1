using System.Globalization;
using System.Text.Json;
using Kaohe.Core.Model;
using Kaohe.Core.Text;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.IO.Documents;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Documents;

/// <summary>A cycle's results as documents: the summary and one form per appraisee, both read as they are written.</summary>
/// <param name="Title">The cycle's name, for the file name and the PDF's title.</param>
/// <param name="Count">How many appraisees the actor may see (for progress).</param>
public sealed record CycleDocuments(string Title, int Count, PaperSummary Summary, IEnumerable<PaperForm> Forms);

/// <summary>
/// Builds the paper documents (issue 13) of rating forms and results from what the pages show: the form view
/// (<see cref="CycleService.Form"/>) and the result view (<see cref="CycleService.Result"/>,
/// <see cref="CycleService.ResultsInBatches"/>), so a document shows exactly what its reader may see on the page and
/// is refused exactly when the page would be. The figures are the stored ones (total, grade, payout, rank, each
/// item's score and explanation); the 评分标准 are the scheme's rules in words (<see cref="RuleDescriber"/>), as the
/// form page prints them. No developer codes appear: items by name, raters by role and name.
/// </summary>
public sealed class PaperDocuments(KaoheDb db, TimeProvider? clock = null)
{
    /// <summary>The signature lines of the seeds' forms.</summary>
    public static readonly IReadOnlyList<string> Signatures = ["考核人签字", "被考核人签字"];

    private readonly CycleService _cycles = new(db, clock);
    private readonly Dictionary<int, int> _versionOfCycle = [];
    private readonly Dictionary<int, string> _unitNames = [];

    /// <summary>A rating form, for its rater or HR of the appraisee's unit; <paramref name="blank"/> leaves out what was entered.</summary>
    public PaperForm Form(Actor actor, int formId, bool blank = false)
    {
        var f = _cycles.Form(actor, formId);
        var place = Place(f.SubjectId);
        var header = new List<PaperField>
        {
            new("考核对象", $"{f.SubjectName}（{f.SubjectCode}）"), new("考核期间", f.Period),
            new("单位", place.Unit), new("岗位", place.Post),
            new("评分角色", f.Role + (f.RoleWeight is { } w ? $"（权重 {Fmt.Num(w * 100)}%）" : "")), new("考核人", f.RaterName),
            new("考核名称", f.CycleName), new("状态", blank ? "空白表" : f.StatusName),
        };
        var no = 0;
        var sections = f.Indicators.GroupBy(i => i.Section).Select(g => new PaperSection(g.Key, [.. g.Select(i => new PaperItem(
            ++no, i.Name + (i.Optional ? "（选填）" : ""), Points(i.Points, i.Weight), Standard(i.Standard, i.Note),
            i.Data is { } d ? PaperFigure.Of(d.Baseline is null ? $"本期 {d.Value}" : $"本期 {d.Value}，基准 {d.Baseline}")
                : blank ? null : PaperFigure.Of(Entered(i.Value)),
            i.Data is { } data ? data.Source + "（取自客户数据，不需填写）" : i.Manual ? "原表评分规则已丢失，由评分人直接录入得分" : ""))])).ToList();
        var scheme = _cycles.SchemeOf(VersionOf(f.CycleId));
        var full = Words.TotalPoints(scheme);
        PaperTotal[] totals = [new(full is { } t ? $"合计（满分 {Fmt.Num(t)} 分）" : "合计", PaperFigure.Of((string?)null), "总分、等级和绩效奖金在结果发布后由系统计算")];
        return new PaperForm(f.SchemeName, $"评分表 · {f.Role}", $"{f.SubjectCode} {f.SubjectName} {f.Role}", header, "得分 / 评定",
            sections, totals, [new PaperField("评语", blank ? "" : f.Comment ?? "")], Signatures);
    }

    /// <summary>A result, for whoever may see it on the result page (the appraisee once released, HR and viewers of the unit).</summary>
    public PaperForm Result(Actor actor, int subjectId) => Result(_cycles.Result(actor, subjectId));

    /// <summary>
    /// A cycle's results for the actor (as the cycle page lists them): the summary lines and the forms, each read in
    /// batches while they are written. The access check is made here, before anything is written.
    /// </summary>
    public CycleDocuments Cycle(Actor actor, int cycleId)
    {
        var count = _cycles.ResultCount(actor, cycleId);
        var cycle = db.Cycles.AsNoTracking().Where(c => c.Id == cycleId).Select(c => new { c.Name, c.Period, c.Status, c.SchemeVersionId }).Single();
        var scheme = _cycles.SchemeOf(cycle.SchemeVersionId);
        var lines = _cycles.ExportLines(actor, cycleId);
        var results = _cycles.ResultsInBatches(actor, cycleId);
        var n = 0;
        var summary = new PaperSummary($"{cycle.Name} — 考核结果汇总",
            [new("考核方案", scheme.Name), new("考核期间", cycle.Period), new("考核状态", CycleWords.Status(cycle.Status)), new("人数", count.ToString(CultureInfo.InvariantCulture))],
            ["序号", "工号", "姓名", "单位", "岗位", "总分", "等级", "排名", "绩效奖金（元）", "排名奖罚（元）", "其他奖扣（元）", "确认状态"],
            lines.Select(l =>
            {
                var place = Place(l.UnitId, l.IsStaff, l.ScopeId);
                return (IReadOnlyList<PaperFigure>)[PaperFigure.Of(++n, 0), PaperFigure.Of(l.Code), PaperFigure.Of(l.Name), PaperFigure.Of(place.Unit),
                    PaperFigure.Of(place.Post), PaperFigure.Of(l.Total), PaperFigure.Of(l.Grade), PaperFigure.Of(l.Rank, 0), PaperFigure.Money(l.Payout),
                    PaperFigure.Money(l.RankAmount), PaperFigure.Money(l.Money), PaperFigure.Of(l.ConfirmationName)];
            }));
        return new CycleDocuments(cycle.Name, count, summary, results.Select(Result));
    }

    private PaperForm Result(ResultView r)
    {
        var scheme = _cycles.SchemeOf(VersionOf(r.CycleId));
        var byName = scheme.Indicators.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var subject = db.CycleSubjects.AsNoTracking().Where(s => s.Id == r.SubjectId).Select(s => new { s.UnitId, s.IsStaff, s.ScopeId, s.Rank, s.RankAmount, s.Money }).Single();
        var place = Place(subject.UnitId, subject.IsStaff, subject.ScopeId);
        var header = new List<PaperField>
        {
            new("考核对象", $"{r.SubjectName}（{r.SubjectCode}）"), new("考核期间", r.Period),
            new("单位", place.Unit), new("岗位", place.Post),
            new("考核人", Raters(r.SubjectId)), new("确认状态", r.ConfirmationName),
            new("考核名称", r.CycleName), new("考核状态", CycleWords.Status(r.CycleStatus)),
        };
        var no = 0;
        List<PaperSection> sections;
        var totals = new List<PaperTotal>();
        if (r.Result is { } res)
        {
            sections = [.. res.Indicators.GroupBy(i => i.Section).Select(g =>
            {
                var sec = res.Sections.FirstOrDefault(s => s.Name == g.Key);
                return new PaperSection(g.Key, [.. g.Select(i =>
                {
                    var ind = byName.GetValueOrDefault(i.Name);
                    return new PaperItem(++no, i.Name, ind is null ? Points(i.Max, null) : Points(ind.Points, Weight(ind)),
                        ind is null ? "" : Standard(RuleDescriber.Describe(ind, manualNote: false), ind.Note),
                        i.Score is { } s ? PaperFigure.Of(s) : PaperFigure.Of(Words.Status(i.Status)), i.Explanation);
                })], sec is null ? null : PaperFigure.Of(sec.Score), sec?.Explanation);
            })];
            totals.Add(new("总分", PaperFigure.Of(r.Total), res.TotalExplanation));
            if (r.Grade is not null || res.GradeExplanation is not null) totals.Add(new("等级", PaperFigure.Of(r.Grade), res.GradeExplanation ?? ""));
            if (r.Payout is not null || res.PayoutExplanation is not null) totals.Add(new("绩效奖金（元）", PaperFigure.Money(r.Payout), res.PayoutExplanation ?? ""));
            if (subject.Rank is not null) totals.Add(new("排名", PaperFigure.Of(subject.Rank, 0), res.RankExplanation ?? ""));
            if (subject.RankAmount is not null) totals.Add(new("排名奖罚（元）", PaperFigure.Money(subject.RankAmount), ""));
            if (subject.Money is not null) totals.Add(new("其他奖扣（元）", PaperFigure.Money(subject.Money), "以金额计的扣款与奖励，不计入总分"));
        }
        else
        {
            // Not computed yet (still being rated): the form's items with their standards, and no figure.
            sections = [.. scheme.Sections.Select(sec => new PaperSection(sec.Name, [.. sec.Indicators.Select(ind => new PaperItem(
                ++no, ind.Name, Points(ind.Points, Weight(ind)), Standard(RuleDescriber.Describe(ind, manualNote: false), ind.Note), null, ""))]))];
            totals.Add(new("总分", PaperFigure.Of("尚未计算"), "结果在全部评分表提交并发布后计算"));
        }
        var remarks = new List<PaperField>();
        remarks.AddRange(r.Comments.Select(c => new PaperField($"评语（{c.Role}，{c.Rater}）", c.Comment)));
        if (r.Changes.Count > 0)
            remarks.Add(new("申诉改分", string.Join("\n", r.Changes.Select(c => $"{c.Role}“{c.Indicator}”：{c.OldValue ?? "空"} → {c.NewValue ?? "空"}（{c.By}：{c.Reason}）"))));
        if (r.AppealReason is not null) remarks.Add(new("申诉理由", r.AppealReason));
        if (r.Resolution is not null) remarks.Add(new("申诉处理", r.ResolvedBy is null ? r.Resolution : $"{r.Resolution}（{r.ResolvedBy}）"));
        return new PaperForm(r.SchemeName, "考核结果", $"{r.SubjectCode} {r.SubjectName}", header, "得分", sections, totals, remarks, Signatures);
    }

    /// <summary>The raters of a subject as the header names them: 主管评：部长；自评：张一.</summary>
    private string Raters(int subjectId)
    {
        var raters = (from f in db.RatingForms.AsNoTracking()
                      join a in db.Accounts.AsNoTracking() on f.RaterAccountId equals a.Id
                      where f.CycleSubjectId == subjectId
                      orderby f.Id
                      select new { f.Role, a.DisplayName }).ToList();
        return string.Join("；", raters.Select(x => $"{x.Role}：{x.DisplayName}"));
    }

    private int VersionOf(int cycleId)
    {
        if (!_versionOfCycle.TryGetValue(cycleId, out var version))
            _versionOfCycle[cycleId] = version = db.Cycles.AsNoTracking().Where(c => c.Id == cycleId).Select(c => c.SchemeVersionId).Single();
        return version;
    }

    private (string Unit, string Post) Place(int subjectId)
    {
        var s = db.CycleSubjects.AsNoTracking().Where(x => x.Id == subjectId).Select(x => new { x.UnitId, x.IsStaff, x.ScopeId }).Single();
        return Place(s.UnitId, s.IsStaff, s.ScopeId);
    }

    /// <summary>The unit's name and, for a person, the post (客户经理); a unit has none (—).</summary>
    private (string Unit, string Post) Place(int unitId, bool isStaff, int scopeId)
    {
        if (!_unitNames.TryGetValue(unitId, out var unit))
            _unitNames[unitId] = unit = db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefault() ?? "";
        var post = isStaff ? db.Staff.AsNoTracking().Where(s => s.Id == scopeId).Select(s => s.Role).SingleOrDefault() ?? "" : "—";
        return (unit, post);
    }

    private static string? Weight(Indicator ind) => ind.Weight is { } w ? Fmt.Num(w * 100) + "%" : null;

    private static string Points(decimal? points, string? weight) =>
        (points is { } p ? Fmt.Num(p) : "") + (weight is null ? "" : points is null ? weight : $"（{weight}）");

    private static string Standard(string standard, string? note) => string.IsNullOrWhiteSpace(note) ? standard : $"{standard}\n{note}";

    /// <summary>A value as the rater typed it: text as is, a number as written.</summary>
    private static string? Entered(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { } v => v.GetRawText(),
    };
}
