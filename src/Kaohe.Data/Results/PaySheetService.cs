using System.Globalization;
using System.Text;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.IO;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using DataPeriod = Kaohe.Data.Time.Period;

namespace Kaohe.Data.Results;

/// <summary>
/// The pay sheet (绩效工资表, C9) of a period: one line per appraisee and scheme from the published cycles of the
/// period in the actor's scope — 工号, 姓名, 单位, 方案, 总分, 等级, 排名 and the money columns of
/// <see cref="PaySheetLayout"/> with their 合计 — a subtotal after each unit's people and a grand total. Lines are read
/// from the database as they are written (memory does not grow with the number of people). Texts are written so that
/// no spreadsheet evaluates them as formulas.
/// </summary>
public sealed class PaySheetService(KaoheDb db)
{
    private sealed record Scope(DataPeriod Period, string ScopeName, HashSet<int>? Units);

    private sealed record Row(string Code, string Name, int UnitId, string UnitName, string UnitCode, int VersionId, decimal? Total, string? Grade,
        int? Rank, decimal? Payout, decimal? RankAmount, decimal? Money);

    /// <summary>Heading, unit subtotals and grand total.</summary>
    public PaySheetSummary Summary(Actor actor, PaySheetQuery query)
    {
        var scope = Resolve(actor, query);
        var text = scope.Period.ToString();
        var subjects = Subjects(scope, text);
        var units = db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Code }).ToDictionary(u => u.Id);
        // Summed here, not in SQL: SQLite has no decimal sums (it would add doubles); rows are read one by one.
        var byUnit = subjects.Select(s => new { s.UnitId, s.Payout, s.RankAmount, s.Money }).AsEnumerable()
            .GroupBy(s => s.UnitId)
            .Select(g => new { g.Key, N = g.Count(), Payout = g.Sum(s => s.Payout), Rank = g.Sum(s => s.RankAmount), Money = g.Sum(s => s.Money) })
            .OrderBy(u => units.TryGetValue(u.Key, out var x) ? x.Code : "", StringComparer.Ordinal)
            .Select(u => Subtotal(PayLineKind.UnitSubtotal, units.TryGetValue(u.Key, out var x) ? x.Name : "", text, u.N, [u.Payout, u.Rank, u.Money]))
            .ToList();
        var grand = Total(byUnit, text);
        var cycles = (from c in db.Cycles.AsNoTracking()
                      where c.Period == text && db.CycleSubjects.Any(s => s.CycleId == c.Id && (scope.Units == null || scope.Units.Contains(s.UnitId)))
                      select new { c.Name, c.Status }).ToList();
        return new PaySheetSummary(text, scope.ScopeName, PaySheetLayout.MoneyColumns, grand.People, grand.Sum, byUnit,
            [.. cycles.Where(c => c.Status == CycleStatus.Published).Select(c => c.Name).Order(StringComparer.Ordinal)],
            [.. cycles.Where(c => c.Status is CycleStatus.Rating or CycleStatus.Confirming).Select(c => $"{c.Name}（{CycleWords.Status(c.Status)}）").Order(StringComparer.Ordinal)]);
    }

    /// <summary>Every line in order (people by unit, each unit's subtotal after its people, the grand total last); streamed.</summary>
    public IEnumerable<PayLine> Lines(Actor actor, PaySheetQuery query)
    {
        var scope = Resolve(actor, query);
        return Stream(scope);
    }

    private IEnumerable<PayLine> Stream(Scope scope)
    {
        var text = scope.Period.ToString();
        var schemes = db.SchemeVersions.AsNoTracking().Select(v => new { v.Id, v.Name }).ToDictionary(v => v.Id, v => v.Name);
        var units = new List<PayLine>();
        string? unitName = null;
        var current = new List<decimal?[]>();
        decimal?[]? sums = null;
        var people = 0;
        foreach (var r in Rows(scope, text))
        {
            if (unitName is not null && r.UnitName != unitName)
            {
                var sub = Subtotal(PayLineKind.UnitSubtotal, unitName, text, people, sums!);
                units.Add(sub);
                yield return sub;
                sums = null;
                people = 0;
            }
            unitName = r.UnitName;
            decimal?[] amounts = [r.Payout, r.RankAmount, r.Money];
            sums ??= new decimal?[amounts.Length];
            for (var i = 0; i < amounts.Length; i++)
                if (amounts[i] is { } a) sums[i] = (sums[i] ?? 0) + a;
            people++;
            yield return new PayLine(PayLineKind.Person, r.Code, r.Name, r.UnitName, schemes.GetValueOrDefault(r.VersionId, ""), text, r.Total, r.Grade, r.Rank,
                amounts, amounts.Sum(a => a ?? 0), 1);
        }
        if (unitName is not null)
        {
            var sub = Subtotal(PayLineKind.UnitSubtotal, unitName, text, people, sums!);
            units.Add(sub);
            yield return sub;
        }
        yield return Total(units, text);
    }

    /// <summary>Writes the sheet as XLSX (streamed; no text becomes a formula).</summary>
    public void WriteXlsx(Actor actor, PaySheetQuery query, Stream output)
    {
        var scope = Resolve(actor, query);
        var header = Header();
        var rows = Stream(scope).Select(l =>
        {
            var cells = Cells(l);
            var row = new Dictionary<string, object?>(header.Length);
            for (var i = 0; i < header.Length; i++) row[header[i]] = cells[i] is string s ? CellText.Safe(s) : cells[i];
            return row;
        });
        MiniExcel.SaveAs(output, rows, sheetName: "绩效工资表", excelType: ExcelType.XLSX);
    }

    /// <summary>Writes the sheet as CSV (UTF-8 with BOM; texts starting with = + - @ are neutralised).</summary>
    public void WriteCsv(Actor actor, PaySheetQuery query, Stream output)
    {
        var scope = Resolve(actor, query);
        using var w = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        w.Write(string.Join(",", Header().Select(Quote)));
        w.Write("\r\n");
        foreach (var l in Stream(scope))
        {
            // Money with its two decimals (元), a score with at most two.
            w.Write(string.Join(",", Cells(l).Select((c, i) => c switch
            {
                null => "",
                string s => Quote(CellText.Safe(s)),
                decimal d => d.ToString(i >= FirstMoneyColumn ? "0.00" : "0.##", CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                _ => Quote(Convert.ToString(c, CultureInfo.InvariantCulture)),
            })));
            w.Write("\r\n");
        }
    }

    /// <summary>The index of the first money column in <see cref="Header"/> (after 排名).</summary>
    public const int FirstMoneyColumn = 8;

    /// <summary>The column headings, in order.</summary>
    public static string[] Header() => ["工号", "姓名", "单位", "方案", "期间", "总分", "等级", "排名", .. PaySheetLayout.MoneyColumns, "合计"];

    /// <summary>The cells of a line under <see cref="Header"/>: texts, decimals (money to 0.01 元) and ranks.</summary>
    public static object?[] Cells(PayLine l)
    {
        var name = l.Kind switch
        {
            PayLineKind.UnitSubtotal => $"单位小计（{l.People} 人）",
            PayLineKind.GrandTotal => $"合计（{l.People} 人）",
            _ => l.Name,
        };
        return [l.EmployeeNo, name, l.UnitName, l.SchemeName, l.Period, l.Total is { } t ? Kaohe.Core.Text.Fmt.Round2(t) : null, l.Grade, l.Rank,
            .. l.Amounts.Select(a => (object?)a), l.Sum];
    }

    private static string Quote(string? s)
    {
        s ??= "";
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    private static PayLine Subtotal(PayLineKind kind, string unit, string period, int people, decimal?[] sums) =>
        new(kind, "", kind == PayLineKind.GrandTotal ? "合计" : "单位小计", unit, "", period, null, null, null, [.. sums], sums.Sum(a => a ?? 0), people);

    private static PayLine Total(IReadOnlyList<PayLine> units, string period)
    {
        var n = PaySheetLayout.MoneyColumns.Count;
        var sums = new decimal?[n];
        foreach (var u in units)
            for (var i = 0; i < n; i++)
                if (u.Amounts[i] is { } a) sums[i] = (sums[i] ?? 0) + a;
        return Subtotal(PayLineKind.GrandTotal, "全部", period, units.Sum(u => u.People), sums);
    }

    private IQueryable<CycleSubject> Subjects(Scope scope, string period)
    {
        var q = from s in db.CycleSubjects.AsNoTracking()
                join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
                where s.Active && c.Status == CycleStatus.Published && s.Period == period
                select s;
        if (scope.Units is { } units) q = q.Where(s => units.Contains(s.UnitId));
        return q;
    }

    private IEnumerable<Row> Rows(Scope scope, string period) =>
        from s in Subjects(scope, period)
        join c in db.Cycles.AsNoTracking() on s.CycleId equals c.Id
        join u in db.Units.AsNoTracking() on s.UnitId equals u.Id
        orderby u.Code, s.Code, c.Id
        select new Row(s.Code, s.Name, s.UnitId, u.Name, u.Code, c.SchemeVersionId, s.Total, s.Grade, s.Rank, s.Payout, s.RankAmount, s.Money);

    private Scope Resolve(Actor actor, PaySheetQuery query)
    {
        if (!actor.Oversees) throw CycleException.Forbidden("只有考核管理员和查看人员可以查看绩效工资表");
        if (!DataPeriod.TryParse(query.Period, out var period))
            throw new CycleException($"无法识别的期间“{query.Period}”：应写作 2026-10（月）、2026-Q4（季度）或 2026（年）", 400, null,
                [new FieldProblem("期间", "应写作 2026-10（月）、2026-Q4（季度）或 2026（年）")]);
        var scope = actor.ScopeUnits(db);
        var name = scope is null ? "全公司" : db.Units.AsNoTracking().Where(u => u.Id == actor.UnitId).Select(u => u.Name).FirstOrDefault() ?? "";
        if (query.UnitId is { } unit)
        {
            var u = db.Units.AsNoTracking().FirstOrDefault(x => x.Id == unit);
            if (u is null || (scope is not null && !scope.Contains(unit))) throw CycleException.NotFound("单位");
            scope = [.. db.UnitClosure.AsNoTracking().Where(c => c.AncestorId == unit).Select(c => c.DescendantId)];
            name = u.Name;
        }
        return new Scope(period, name, scope);
    }
}
