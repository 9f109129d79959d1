using System.Security.Cryptography;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Import;

/// <summary>One problem of an import: row (header = 1), column, value and reason.</summary>
public sealed record ImportError(int Row, string? Column, string? Value, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"第 {Row} 行" + (Column is null ? "" : $"，列“{Column}”") + (Value is null ? "" : $"，值“{Value}”") + "：" + Reason;
}

/// <summary>Progress of an import.</summary>
public sealed record ImportProgress(string Phase, int Rows, long Bytes, long TotalBytes);

/// <summary>The outcome: every error (and nothing written), or the counts of what was written.</summary>
public sealed record ImportReport(string Kind, int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    /// <summary>The file was imported.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>One column of an import kind.</summary>
public sealed record ImportColumn(string Name, string[] Aliases, ColumnType Type, bool Required, string Description);

/// <summary>
/// Imports a CSV or XLSX file of one record kind into the customer base: every row is validated (types,
/// required fields, references, duplicates, closed periods); if any row is bad, every problem is reported and
/// nothing is written; otherwise the rows are upserted on their natural key in one transaction, so importing the
/// same file again changes nothing.
/// </summary>
public static class Importer
{
    /// <summary>Imports <paramref name="path"/> as <paramref name="kind"/> (a name of <see cref="ImportKinds"/>).</summary>
    public static ImportReport Run(KaoheDatabase database, string kind, string path, IProgress<ImportProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var spec = ImportKinds.Find(kind) ?? throw new ImportFileException(
            $"未知的导入类型“{kind}”。可用：{string.Join("、", ImportKinds.All.Select(k => $"{k.Name}（{k.Title}）"))}");
        if (!File.Exists(path)) throw new ImportFileException($"文件“{path}”不存在");
        var total = new FileInfo(path).Length;
        using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var errors = new List<ImportError>();
        var ctx = new ImportContext(db, errors);
        var counter = new RowCounter();
        var rows = ReadRows(spec, path, errors, counter, total, progress, cancel);
        return spec.Bulk is null
            ? RunMaster(spec, ctx, rows, counter, path, total, progress, cancel)
            : RunBulk(spec, spec.Bulk, ctx, rows, counter, path, total, progress, cancel);
    }

    /// <summary>
    /// The rows of the file that pass the type checks, streamed; a bad cell is reported in <paramref name="errors"/>
    /// and its row skipped. Reading stops after 1,000 problems.
    /// </summary>
    private static IEnumerable<ParsedRow> ReadRows(ImportKindSpec spec, string path, List<ImportError> errors, RowCounter counter, long total,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        int[]? map = null;
        var count = 0;
        var sawHeader = false;
        foreach (var row in ImportTable.Read(path, b => progress?.Report(new ImportProgress("读取", count, b, total))))
        {
            cancel.ThrowIfCancellationRequested();
            if (!sawHeader)
            {
                sawHeader = true;
                map = MapHeader(spec, row, errors);
                if (map is null) yield break;
                continue;
            }
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            count++;
            counter.Rows = count;
            var values = new Dictionary<string, object?>(spec.Columns.Count);
            var ok = true;
            for (var i = 0; i < spec.Columns.Count; i++)
            {
                var col = spec.Columns[i];
                var raw = map![i] >= 0 && map[i] < row.Cells.Count ? row.Cells[map[i]] : null;
                var text = ImportValues.Clean(raw);
                if (text is null)
                {
                    if (col.Required) { errors.Add(new ImportError(row.Row, col.Name, null, "必填")); ok = false; }
                    continue;
                }
                if (Parse(col, text, out var value, out var reason)) values[col.Name] = value;
                else { errors.Add(new ImportError(row.Row, col.Name, text, reason!)); ok = false; }
            }
            if (ok) yield return new ParsedRow(row.Row, values);
            if (errors.Count > MaxErrors) { errors.Add(new ImportError(row.Row, null, null, "错误过多，停止检查")); yield break; }
        }
        if (!sawHeader) errors.Add(new ImportError(1, null, null, "文件是空的：第 1 行应为表头"));
    }

    private const int MaxErrors = 1000;

    /// <summary>How many data rows (not blank) were read, bad ones included.</summary>
    private sealed class RowCounter
    {
        public int Rows;
    }

    private static string DuplicateReason(int first) => $"与第 {first} 行重复（同一条记录出现两次）";

    /// <summary>Masters (units, staff, customers, events): read whole, checked across rows, written through EF.</summary>
    private static ImportReport RunMaster(ImportKindSpec spec, ImportContext ctx, IEnumerable<ParsedRow> parsed, RowCounter counter, string path, long total,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var db = ctx.Db;
        var errors = ctx.Errors;
        var rows = parsed.ToList();
        var count = counter.Rows;
        if (errors.Count > 0) return new ImportReport(spec.Name, count, 0, 0, 0, errors);

        progress?.Report(new ImportProgress("校验", count, total, total));
        ctx.ClosedMonths = db.ClosedPeriods.AsNoTracking().Select(p => p.Month).ToHashSet();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var key = spec.Key(r);
            if (!first.TryAdd(key, r.Row)) errors.Add(new ImportError(r.Row, null, key, DuplicateReason(first[key])));
        }
        if (errors.Count > 0) return new ImportReport(spec.Name, count, 0, 0, 0, errors);

        using var tx = db.Database.BeginTransaction();
        var outcome = spec.Apply!(ctx, rows, progress, cancel);
        if (errors.Count > 0)
        {
            tx.Rollback();
            return new ImportReport(spec.Name, count, 0, 0, 0, errors.OrderBy(e => e.Row).ToList());
        }
        return Finish(spec, db, tx, path, count, outcome, total, progress);
    }

    /// <summary>
    /// Records (visits, complaints, sales …): streamed row by row into a staging table while they are read, then
    /// checked and merged set-based (<see cref="BulkStage"/>). Only the natural keys are kept in memory, to find a
    /// record that appears twice in the file.
    /// </summary>
    private static ImportReport RunBulk(ImportKindSpec spec, BulkSpec bulk, ImportContext ctx, IEnumerable<ParsedRow> parsed, RowCounter counter, string path,
        long total, IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var db = ctx.Db;
        var errors = ctx.Errors;
        using var tx = db.Database.BeginTransaction();
        using var stage = BulkStage.Create(db, bulk.Entity, bulk.MonthSql);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var staged = 0;
        foreach (var row in parsed)
        {
            // A row that cannot become a record is reported for that; its key may not even be well defined.
            var entity = bulk.Build(ctx, row);
            if (entity is null) continue;
            var key = spec.Key(row);
            if (!first.TryAdd(key, row.Row))
            {
                errors.Add(new ImportError(row.Row, null, key, DuplicateReason(first[key])));
                continue;
            }
            if (errors.Count > 0) continue;
            stage.Add(row.Row, key, entity);
            staged++;
        }
        var count = counter.Rows;
        if (errors.Count > 0)
        {
            tx.Rollback();
            return new ImportReport(spec.Name, count, 0, 0, 0, errors.OrderBy(e => e.Row).ToList());
        }
        stage.Complete();
        progress?.Report(new ImportProgress("校验", count, total, total));
        foreach (var (row, key, month) in stage.ClosedConflicts(MaxErrors + 1))
            errors.Add(new ImportError(row, null, key, ImportContext.ClosedReason(month)));
        if (errors.Count > 0)
        {
            tx.Rollback();
            return new ImportReport(spec.Name, count, 0, 0, 0, errors);
        }
        progress?.Report(new ImportProgress("写入", count, total, total));
        var (inserted, updated) = stage.Merge();
        return Finish(spec, db, tx, path, count, new ApplyOutcome(inserted, updated, staged - inserted - updated), total, progress);
    }

    private static ImportReport Finish(ImportKindSpec spec, KaoheDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, string path,
        int count, ApplyOutcome outcome, long total, IProgress<ImportProgress>? progress)
    {
        db.ImportRuns.Add(new ImportRun
        {
            Kind = spec.Name, FileName = Path.GetFileName(path), FileSha256 = Sha256(path), StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow,
            Rows = count, Inserted = outcome.Inserted, Updated = outcome.Updated, Unchanged = outcome.Unchanged,
        });
        db.SaveChanges();
        tx.Commit();
        progress?.Report(new ImportProgress("完成", count, total, total));
        return new ImportReport(spec.Name, count, outcome.Inserted, outcome.Updated, outcome.Unchanged, []);
    }

    private static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f)).ToLowerInvariant();
    }

    private static int[]? MapHeader(ImportKindSpec spec, TableRow header, List<ImportError> errors)
    {
        var names = header.Cells.Select(c => ImportValues.Clean(c)?.ToLowerInvariant()).ToList();
        var map = new int[spec.Columns.Count];
        var used = new HashSet<int>();
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var col = spec.Columns[i];
            var accepted = col.Aliases.Prepend(col.Name).Select(a => a.ToLowerInvariant()).ToHashSet();
            map[i] = names.FindIndex(n => n is not null && accepted.Contains(n));
            if (map[i] >= 0) used.Add(map[i]);
            else if (col.Required) errors.Add(new ImportError(1, col.Name, null, $"缺少必需的列（可用列名：{string.Join(" / ", col.Aliases.Prepend(col.Name))}）"));
        }
        for (var c = 0; c < names.Count; c++)
            if (names[c] is { } n && !used.Contains(c))
                errors.Add(new ImportError(1, header.Cells[c], null, $"未知的列；{spec.Title}的列为：{string.Join("、", spec.Columns.Select(x => x.Name))}"));
        return errors.Count > 0 ? null : map;
    }

    private static bool Parse(ImportColumn col, string text, out object? value, out string? reason)
    {
        value = null;
        reason = null;
        switch (col.Type)
        {
            case ColumnType.Text:
                value = text;
                return true;
            case ColumnType.Date:
                if (!ImportValues.TryDate(text, out var d, out reason)) return false;
                value = d;
                return true;
            case ColumnType.DateTime:
                if (!ImportValues.TryDateTime(text, out var dt, out reason)) return false;
                value = dt;
                return true;
            case ColumnType.Boolean:
                if (!ImportValues.TryBoolean(text, out var b, out reason)) return false;
                value = b;
                return true;
            case ColumnType.Period:
                if (!Period.TryParse(text, out var p)) { reason = "不是有效期间（应写作 2026-10、2026-Q4 或 2026）"; return false; }
                value = p;
                return true;
            case ColumnType.Integer:
                if (!ImportValues.TryNumber(text, out var i, out reason)) return false;
                if (i != decimal.Truncate(i) || i < 0 || i > int.MaxValue) { reason = "应为非负整数"; return false; }
                value = (int)i;
                return true;
            case ColumnType.Money:
                if (!ImportValues.TryNumber(text, out var m, out reason) || !ImportValues.TryScaled(m, 2, out var fen, out reason)) return false;
                value = fen;
                return true;
            default:
                if (!ImportValues.TryNumber(text, out var q, out reason) || !ImportValues.TryScaled(q, 4, out var scaled, out reason)) return false;
                value = scaled;
                return true;
        }
    }
}

/// <summary>A row that passed the type checks: column name → typed value (absent when empty).</summary>
public sealed record ParsedRow(int Row, Dictionary<string, object?> Values)
{
    /// <summary>The value of a column, or default.</summary>
    public T? Get<T>(string column) => Values.TryGetValue(column, out var v) && v is T t ? t : default;

    /// <summary>True when the column has a value.</summary>
    public bool Has(string column) => Values.ContainsKey(column);
}

/// <summary>What an import wrote.</summary>
public readonly record struct ApplyOutcome(int Inserted, int Updated, int Unchanged);

/// <summary>Lookups shared by the kinds while they apply rows.</summary>
public sealed class ImportContext(KaoheDb db, List<ImportError> errors)
{
    private Dictionary<string, int>? _units;
    private Dictionary<string, (int Id, int UnitId)>? _staff;
    private Dictionary<string, (int Id, int UnitId, int? StaffId)>? _customers;

    public KaoheDb Db { get; } = db;
    public List<ImportError> Errors { get; } = errors;
    public HashSet<int> ClosedMonths { get; set; } = [];

    public Dictionary<string, int> Units => _units ??= Db.Units.AsNoTracking().ToDictionary(u => u.Code, u => u.Id);
    public Dictionary<string, (int Id, int UnitId)> Staff => _staff ??= Db.Staff.AsNoTracking().ToDictionary(s => s.EmployeeNo, s => (s.Id, s.UnitId));
    public Dictionary<string, (int Id, int UnitId, int? StaffId)> Customers =>
        _customers ??= Db.Customers.AsNoTracking().ToDictionary(c => c.Code, c => (c.Id, c.OwnerUnitId, c.OwnerStaffId));

    private Dictionary<int, int?>? _acquiredBy;

    /// <summary>Customer id → the staff member who acquired it (the Acquired event's staff).</summary>
    public Dictionary<int, int?> AcquiredBy => _acquiredBy ??= Db.CustomerEvents.AsNoTracking()
        .Where(e => e.Kind == CustomerEventKind.Acquired).ToDictionary(e => e.CustomerId, e => e.StaffId);

    /// <summary>Forget cached lookups after rows of a referenced kind were written.</summary>
    public void Invalidate() { _units = null; _staff = null; _customers = null; _acquiredBy = null; }

    public void Error(ParsedRow row, string? column, object? value, string reason) =>
        Errors.Add(new ImportError(row.Row, column, value?.ToString(), reason));

    /// <summary>The unit id named in a column, or an error.</summary>
    public int? Unit(ParsedRow row, string column)
    {
        var code = row.Get<string>(column);
        if (code is null) return null;
        if (Units.TryGetValue(code, out var id)) return id;
        Error(row, column, code, "未知的单位编码（请先导入组织）");
        return null;
    }

    /// <summary>The staff member named in a column, or an error.</summary>
    public (int Id, int UnitId)? StaffOf(ParsedRow row, string column)
    {
        var no = row.Get<string>(column);
        if (no is null) return null;
        if (Staff.TryGetValue(no, out var s)) return s;
        Error(row, column, no, "未知的工号（请先导入员工）");
        return null;
    }

    /// <summary>The customer named in a column, or an error.</summary>
    public (int Id, int UnitId, int? StaffId)? CustomerOf(ParsedRow row, string column)
    {
        var code = row.Get<string>(column);
        if (code is null) return null;
        if (Customers.TryGetValue(code, out var c)) return c;
        Error(row, column, code, "未知的客户编号（请先导入客户）");
        return null;
    }

    /// <summary>Reports a month that is closed (frozen) for a dated record.</summary>
    public bool CheckOpen(ParsedRow row, string column, int month, object? value)
    {
        if (!ClosedMonths.Contains(month)) return true;
        Error(row, column, value, ClosedReason(month));
        return false;
    }

    /// <summary>Why a record of a closed month cannot be imported or changed.</summary>
    public static string ClosedReason(int month) =>
        $"属于已结账期间 {Period.FromMonthKey(month)}，指标已冻结，不能导入或修改（如需更正请先 kaohe period reopen {Period.FromMonthKey(month)}）";
}
