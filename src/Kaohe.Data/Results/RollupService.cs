using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using DataPeriod = Kaohe.Data.Time.Period;
using DataPeriodKind = Kaohe.Data.Time.PeriodKind;

namespace Kaohe.Data.Results;

/// <summary>
/// Roll-ups (C6): a quarter or a year of an appraisee rolled up from the published monthly (or quarterly) results of
/// one scheme — by default the mean of the periods that have a result, a missing period listed as missing and never
/// counted as 0 unless HR says so; weights per period are a parameter. The grade comes from the scheme's bands; a year's
/// grade is capped when the scheme declares an annual cap (GR-01) and its quarters call for it, with the consequence
/// recorded. Results are stored, explained and audited; computing again replaces them.
/// </summary>
public sealed class RollupService(KaoheDb db, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Published(bool IsStaff, int ScopeId, string Code, string Name, int UnitId, int? PersonStaffId, int? Account,
        DataPeriod Period, decimal? Total, string? Grade, int VersionId, DateTime? PublishedAt);

    /// <summary>Computes (or recomputes) the roll-up for every appraisee in scope with a published result in the period.</summary>
    public RollupRun Compute(Actor actor, RollupRequest request)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以汇总季度或年度结果");
        var code = (request.SchemeCode ?? "").Trim();
        if (code.Length == 0) throw Field("方案", "请选择方案");
        if (!DataPeriod.TryParse(request.Period, out var target) || target.Kind == DataPeriodKind.Month)
            throw Field("期间", $"汇总期间应为季度（如 2026-Q4）或年度（如 2026），不能是“{request.Period}”");
        var scope = actor.ScopeUnits(db);
        var rows = (from s in db.CycleSubjects.AsNoTracking()
                    join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                    where s.SchemeCode == code && s.Active && c.Status == CycleStatus.Published
                    select new { s.IsStaff, s.ScopeId, s.Code, s.Name, s.UnitId, s.PersonStaffId, s.AppraiseeAccountId, s.Period, s.Total, s.Grade, c.SchemeVersionId, c.PublishedAt })
            .ToList()
            .Select(r => DataPeriod.TryParse(r.Period, out var p) && p.Kind != target.Kind && p.Kind != DataPeriodKind.Year
                         && p.FirstMonth >= target.FirstMonth && p.LastMonth <= target.LastMonth
                ? new Published(r.IsStaff, r.ScopeId, r.Code, r.Name, r.UnitId, r.PersonStaffId, r.AppraiseeAccountId, p, r.Total, r.Grade, r.SchemeVersionId, r.PublishedAt)
                : null)
            .OfType<Published>().ToList();
        if (rows.Count == 0) throw new CycleException($"方案“{code}”在 {target.Label} 内没有已发布的考核结果，无法汇总", 404);
        // Monthly results when there are any, else quarterly ones.
        var partKind = rows.Any(r => r.Period.Kind == DataPeriodKind.Month) ? DataPeriodKind.Month : DataPeriodKind.Quarter;
        rows = [.. rows.Where(r => r.Period.Kind == partKind)];
        var periods = new List<DataPeriod>();
        for (var p = new DataPeriod(partKind, target.Year, partKind == DataPeriodKind.Month ? target.FirstMonth % 100 : (target.FirstMonth % 100 + 2) / 3);
             p.LastMonth <= target.LastMonth; p = p.Next())
            periods.Add(p);
        var latest = rows.OrderBy(r => r.PublishedAt).Last();
        var scheme = new CycleService(db).SchemeOf(latest.VersionId);
        var schemeName = db.SchemeVersions.AsNoTracking().Where(v => v.Id == latest.VersionId).Select(v => v.Name).First();
        RollupRule rule;
        try
        {
            rule = new RollupRule(request.Weights is { Count: > 0 } w ? [.. w] : [], request.Missing);
            Rollup.Compute(rule, [.. periods.Select(p => new RollupPart(p.ToString(), null))]);
        }
        catch (ArgumentException e)
        {
            throw Field("权重", e.Message.Split(" (Parameter")[0]);
        }
        var method = Method(rule, periods.Count);
        var notes = new List<string>();
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var stored = db.Rollups.Where(r => r.SchemeCode == code && r.Period == target.ToString()).ToList()
            .ToDictionary(r => (r.IsStaff, r.ScopeId));
        var order = HistoryRules.GradeOrder(scheme);
        var capRule = scheme.Consequences.OfType<AnnualCapRule>().FirstOrDefault();
        var computed = 0;
        var changed = 0;
        var results = new List<RollupResult>();
        foreach (var who in rows.GroupBy(r => (r.IsStaff, r.ScopeId)))
        {
            var last = who.OrderBy(r => r.Period).Last();
            if (scope is not null && !scope.Contains(last.UnitId)) continue;
            if ((actor.StaffId is { } me && last.PersonStaffId == me) || last.Account == actor.AccountId)
            {
                notes.Add($"{last.Name}（{last.Code}）是你本人的考核，未汇总：请由其他考核管理员汇总");
                continue;
            }
            var byPeriod = who.GroupBy(r => r.Period).ToDictionary(g => g.Key, g => g.First());
            var parts = periods.Select(p => new RollupPart(p.ToString(), byPeriod.GetValueOrDefault(p)?.Total)).ToList();
            var outcome = Rollup.Compute(rule, parts);
            var text = new List<string> { outcome.Explanation };
            string? grade = null, before = null;
            if (outcome.Total is { } total && scheme.Grades is { } scale)
            {
                var (g, gText) = ScoringEngine.GradeOf(scale, total);
                grade = before = g;
                if (gText is not null) text.Add(gText);
            }
            var capped = grade is not null && capRule is not null && target.Kind == DataPeriodKind.Year
                ? Cap(capRule, target, partKind, who.Key, code, byPeriod, order) : null;
            if (capped is { } cap && grade is not null)
            {
                var after = ConsecutivePeriods.CapGrade(grade, cap.CapGrade!, order);
                text.Add(after == grade ? $"{cap.Explanation}；{grade} 不高于 {cap.CapGrade}，不变" : $"{cap.Explanation}；年度等级 {grade} → {after}");
                grade = after;
            }
            var row = stored.GetValueOrDefault(who.Key);
            var isNew = row is null;
            row ??= new RollupResult { IsStaff = who.Key.IsStaff, ScopeId = who.Key.ScopeId, SchemeCode = code, Period = target.ToString() };
            var explanation = string.Join("；", text);
            var partsJson = JsonSerializer.Serialize(periods.Select(p => new RollupPartRow(p.ToString(), byPeriod.GetValueOrDefault(p)?.Total, byPeriod.GetValueOrDefault(p)?.Grade)), Json);
            var differs = isNew || row.Total != outcome.Total || row.Grade != grade || row.PartsJson != partsJson || row.Method != method;
            if (differs)
            {
                var key = $"{code}/{target}/{last.Code}";
                AuditLog.Add(db, now, actor.UserName, new AuditNote(isNew ? "汇总" : "重新汇总", "汇总结果", key, "总分/等级",
                    isNew ? null : $"{Num(row.Total)} {row.Grade}".Trim(), $"{Num(outcome.Total)} {grade}".Trim(), explanation, null, last.UnitId), actor.Ip);
                changed++;
            }
            row.Code = last.Code;
            row.Name = last.Name;
            row.UnitId = last.UnitId;
            row.PersonStaffId = last.PersonStaffId;
            row.SchemeName = schemeName;
            row.Method = method;
            row.PartsJson = partsJson;
            row.Missing = outcome.Missing.Length;
            row.Total = outcome.Total;
            row.GradeBeforeCap = before;
            row.Grade = grade;
            row.Explanation = AuditLog.Cut(explanation, 4000)!;
            if (differs)
            {
                row.CreatedBy = actor.UserName;
                row.CreatedAt = now;
                row.Version++;
            }
            if (isNew) db.Rollups.Add(row);
            results.Add(row);
            computed++;
            if (capped is { } c2 && !db.Consequences.Any(x => x.IsStaff == who.Key.IsStaff && x.ScopeId == who.Key.ScopeId && x.SchemeCode == code
                                                            && x.Type == ConsequenceType.AnnualGradeCap && x.CapYear == target.Year))
            {
                db.Consequences.Add(new Consequence
                {
                    IsStaff = who.Key.IsStaff, ScopeId = who.Key.ScopeId, Code = last.Code, Name = last.Name, UnitId = last.UnitId,
                    PersonStaffId = last.PersonStaffId, SchemeCode = code, Period = target.ToString(), CapYear = target.Year,
                    Type = ConsequenceType.AnnualGradeCap, Title = c2.Title, Explanation = c2.Explanation, CapGrade = c2.CapGrade, CreatedAt = now,
                });
                AuditLog.Add(db, now, actor.UserName, new AuditNote("考核结果处理", "考核结果处理", $"{target}/{last.Code}", "年度等级封顶", null, c2.Title,
                    c2.Explanation, null, last.UnitId), actor.Ip);
            }
        }
        if (computed == 0 && notes.Count == 0) throw new CycleException($"你负责的单位在 {target.Label} 内没有方案“{code}”的已发布结果", 404);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            throw new CycleException("汇总结果已被他人同时更新，请重新汇总", 409);
        }
        var units = UnitTree.Names(db);
        return new RollupRun(code, target.ToString(), computed, changed, [.. results.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => ToRow(r, units))], notes);
    }

    /// <summary>Stored roll-ups in scope of a scheme and period (both optional).</summary>
    public IReadOnlyList<RollupRow> List(Actor actor, string? schemeCode, string? period)
    {
        if (!actor.Oversees) throw CycleException.Forbidden("只有考核管理员和查看人员可以查看汇总结果");
        var q = db.Rollups.AsNoTracking().AsQueryable();
        if (actor.ScopeUnits(db) is { } scope) q = q.Where(r => scope.Contains(r.UnitId));
        if (!string.IsNullOrWhiteSpace(schemeCode)) q = q.Where(r => r.SchemeCode == schemeCode.Trim());
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!DataPeriod.TryParse(period, out var p)) throw Field("期间", $"无法识别的期间“{period}”：应写作 2026-Q4（季度）或 2026（年）");
            var text = p.ToString();
            q = q.Where(r => r.Period == text);
        }
        var units = UnitTree.Names(db);
        return [.. q.OrderBy(r => r.Period).ThenBy(r => r.SchemeCode).ThenBy(r => r.Code).Take(5000).ToList().Select(r => ToRow(r, units))];
    }

    /// <summary>The GR-01 cap of a year: from the published quarter grades, or from the stored quarter roll-ups of a monthly scheme.</summary>
    private ConsequenceOutcome? Cap(AnnualCapRule rule, DataPeriod year, DataPeriodKind partKind, (bool IsStaff, int ScopeId) who, string code,
        Dictionary<DataPeriod, Published> byPeriod, IReadOnlyList<string> order)
    {
        var grades = new Dictionary<DataPeriod, string?>();
        if (partKind == DataPeriodKind.Quarter)
        {
            foreach (var (p, r) in byPeriod) grades[p] = r.Grade;
            if (rule.CrossYear)
            {
                var q4 = new DataPeriod(DataPeriodKind.Quarter, year.Year - 1, 4).ToString();
                var last = (from s in db.CycleSubjects.AsNoTracking()
                            join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                            where s.SchemeCode == code && s.Active && c.Status == CycleStatus.Published && s.Period == q4
                                  && s.IsStaff == who.IsStaff && s.ScopeId == who.ScopeId
                            select s.Grade).FirstOrDefault();
                grades[DataPeriod.Parse(q4)] = last;
            }
        }
        else
        {
            var from = rule.CrossYear ? $"{year.Year - 1}-Q4" : null;
            foreach (var r in db.Rollups.AsNoTracking().Where(r => r.SchemeCode == code && r.IsStaff == who.IsStaff && r.ScopeId == who.ScopeId).ToList())
                if (DataPeriod.TryParse(r.Period, out var p) && p.Kind == DataPeriodKind.Quarter && (p.Year == year.Year || r.Period == from))
                    grades[p] = r.Grade;
        }
        var q = ConsequenceFinder.Quarters(grades, new DataPeriod(DataPeriodKind.Quarter, year.Year, 4), rule.CrossYear);
        return HistoryRules.AnnualCap(rule, year.Year, q, order);
    }

    private static string Method(RollupRule rule, int periods)
    {
        var weights = rule.Weights.IsDefaultOrEmpty ? "各期等权平均" : $"加权平均（权重 {string.Join("、", rule.Weights.Select(w => Num(w)))}）";
        var missing = rule.Missing switch
        {
            MissingPeriodPolicy.RequireAll => "缺期不汇总",
            MissingPeriodPolicy.CountAsZero => "缺期按 0 分",
            _ => "缺期按已有期计算",
        };
        return $"{periods} 期，{weights}，{missing}";
    }

    internal static RollupRow ToRow(RollupResult r, IReadOnlyDictionary<int, string> units) =>
        new(r.Id, r.IsStaff ? r.ScopeId : null, r.Code, r.Name, units.GetValueOrDefault(r.UnitId, ""), r.SchemeCode, r.SchemeName, r.Period, r.Method,
            JsonSerializer.Deserialize<List<RollupPartRow>>(r.PartsJson, Json) ?? [], r.Missing, r.Total, r.GradeBeforeCap, r.Grade, r.Explanation,
            r.CreatedAt, r.CreatedBy);


    private static string Num(decimal? v) => v is { } x ? Fmt.Round2(x).ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static CycleException Field(string field, string message) => new(message, 400, null, [new FieldProblem(field, message)]);
}
