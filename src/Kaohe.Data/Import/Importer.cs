using Kaohe.Data.Accounts;
using System.Security.Cryptography;
using Kaohe.Data.Model;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Import;

/// <summary>One problem of an import: row (header = 1), column, value and reason.</summary>
/// <param name="ClosedPeriod">
/// When the row falls in a closed (frozen) month: that month, e.g. "2026-10". The reason then says only what is wrong;
/// how to reopen the month differs between the command line (see <see cref="ToString"/>) and the web (a page for HR).
/// </param>
public sealed record ImportError(int Row, string? Column, string? Value, string Reason, string? ClosedPeriod = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"第 {Row} 行" + (Column is null ? "" : $"，列“{Column}”") + (Value is null ? "" : $"，值“{Value}”") + "：" + Reason
        + (ClosedPeriod is null ? "" : $"（如需更正请先 kaohe period reopen {ClosedPeriod}）");
}

/// <summary>Progress of an import.</summary>
/// <param name="Phase">读取, 校验, 写入 or 完成.</param>
/// <param name="Rows">Data rows read so far; in the 写入 phase with a known <paramref name="ToWrite"/>, rows written so far.</param>
/// <param name="Bytes">Bytes of the file read so far (reading is the only phase measured in bytes).</param>
/// <param name="ToWrite">
/// In the 写入 phase, the rows to write when they are written in batches (units, staff, customers, customer events);
/// 0 when the rows are merged with one statement whose progress cannot be observed (the record kinds).
/// </param>
public sealed record ImportProgress(string Phase, int Rows, long Bytes, long TotalBytes, int ToWrite = 0);

/// <summary>The outcome: every error (and nothing written), or the counts of what was written.</summary>
/// <param name="Errors">
/// The problems, at most <see cref="ImportErrors.MaxListed"/> of them in row order; when there were more, a last entry
/// says how many more and from which row, and when checking stopped early, a last entry says where.
/// </param>
/// <param name="Found">The problems found, listed or not (checking may have stopped before finding all).</param>
public sealed record ImportReport(string Kind, int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors, int Found = 0)
{
    /// <summary>The file was imported.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>One column of an import kind.</summary>
public sealed record ImportColumn(string Name, string[] Aliases, ColumnType Type, bool Required, string Description);

/// <summary>
/// The problems of one import: the first <see cref="MaxListed"/> are kept, the rest only counted (with the first
/// row among them), so a file of a million bad rows costs a thousand messages.
/// </summary>
public sealed class ImportErrors : IReadOnlyList<ImportError>
{
    /// <summary>Problems kept and reported.</summary>
    public const int MaxListed = 1000;

    private readonly List<ImportError> _listed = [];

    /// <summary>Problems found, listed or not.</summary>
    public int Total { get; private set; }

    /// <summary>The smallest row of the problems not listed.</summary>
    public int? FirstUnlistedRow { get; private set; }

    /// <summary>Where checking stopped early (too many problems), if it did.</summary>
    public int? StoppedAt { get; private set; }

    /// <summary>Whether <see cref="MaxListed"/> problems are listed.</summary>
    public bool Full => _listed.Count >= MaxListed;

    /// <summary>Records a problem.</summary>
    public void Add(ImportError error)
    {
        Total++;
        if (_listed.Count < MaxListed) _listed.Add(error);
        else FirstUnlistedRow = Math.Min(FirstUnlistedRow ?? int.MaxValue, error.Row);
    }

    /// <summary>Records problems that are only counted, the first of them at <paramref name="firstRow"/>.</summary>
    public void AddUnlisted(int count, int firstRow)
    {
        if (count <= 0) return;
        Total += count;
        FirstUnlistedRow = Math.Min(FirstUnlistedRow ?? int.MaxValue, firstRow);
    }

    /// <summary>Records that checking stopped after <paramref name="row"/>.</summary>
    public void Stop(int row) => StoppedAt = row;

    /// <summary>The problems for the report: the listed ones by row, then how many more there were and where checking stopped.</summary>
    public List<ImportError> Report()
    {
        var list = _listed.OrderBy(e => e.Row).ToList();
        if (FirstUnlistedRow is { } first)
            list.Add(new ImportError(first, null, null, $"从这一行起还有 {Total - _listed.Count:N0} 个问题未列出（只列出了前 {_listed.Count:N0} 个）"));
        if (StoppedAt is { } stop)
            list.Add(new ImportError(stop, null, null, "错误过多，已停止检查：此后的行未检查"));
        return list;
    }

    /// <inheritdoc />
    public int Count => _listed.Count;

    /// <inheritdoc />
    public ImportError this[int index] => _listed[index];

    /// <inheritdoc />
    public IEnumerator<ImportError> GetEnumerator() => _listed.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Imports a CSV or XLSX file of one record kind into the customer base: every row is validated (types,
/// required fields, references, duplicates, closed periods); if any row is bad, every problem is reported (the first
/// thousand listed, the rest counted) and nothing is written; otherwise the rows are upserted on their natural key in
/// one transaction, so importing the same file again changes nothing. A cancelled import throws
/// <see cref="OperationCanceledException"/> in any phase and writes nothing. Memory is bounded: record kinds hold one
/// batch of rows (duplicates are found in the staging table), master kinds at most <see cref="MaxMasterRows"/> rows.
/// </summary>
public static class Importer
{
    /// <summary>
    /// Data rows of one file of a master kind (units, staff, customers, customer events), whose checks span rows and
    /// which are therefore held in memory (about half a kilobyte a row); larger files are refused and can be split.
    /// </summary>
    public const int MaxMasterRows = 200_000;

    /// <summary>Imports <paramref name="path"/> as <paramref name="kind"/> (a name of <see cref="ImportKinds"/>).</summary>
    /// <param name="displayName">The file's name as the user knows it, for messages and the import record (default: <paramref name="path"/>).</param>
    /// <param name="actor">Who imports (a login name, or the operating-system user of the CLI): recorded with the import and in the audit trail.</param>
    public static ImportReport Run(KaoheDatabase database, string kind, string path, IProgress<ImportProgress>? progress = null,
        CancellationToken cancel = default, string? displayName = null, string? actor = null)
    {
        var name = displayName ?? path;
        actor = string.IsNullOrWhiteSpace(actor) ? "system" : actor;
        var spec = ImportKinds.Find(kind) ?? throw new ImportFileException(
            $"未知的导入类型“{kind}”。可用：{string.Join("、", ImportKinds.All.Select(k => $"{k.Name}（{k.Title}）"))}");
        if (!File.Exists(path)) throw new ImportFileException($"文件“{name}”不存在");
        cancel.ThrowIfCancellationRequested();
        var total = new FileInfo(path).Length;
        using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Units and staff decide who rates whom: each one added or changed goes to the audit trail.
        db.AuditActor = actor;
        var errors = new ImportErrors();
        var ctx = new ImportContext(db, errors);
        var counter = new RowCounter();
        var file = new ImportFile(path, name, total, actor);
        var rows = ReadRows(spec, file, errors, counter, progress, spec.Bulk is null ? MaxMasterRows : null, cancel);
        return spec.Bulk is null
            ? RunMaster(spec, ctx, rows, counter, file, progress, cancel)
            : RunBulk(spec, spec.Bulk, ctx, rows, counter, file, progress, cancel);
    }

    /// <summary>The file being imported: where it is, what the user calls it, its size.</summary>
    private sealed record ImportFile(string Path, string Name, long Bytes, string Actor);

    /// <summary>
    /// The rows of the file that pass the type checks, streamed; a bad cell is reported in <paramref name="errors"/>
    /// and its row skipped. Reading stops once <see cref="ImportErrors.MaxListed"/> problems are listed, or after
    /// <paramref name="maxRows"/> data rows.
    /// </summary>
    private static IEnumerable<ParsedRow> ReadRows(ImportKindSpec spec, ImportFile file, ImportErrors errors, RowCounter counter,
        IProgress<ImportProgress>? progress, int? maxRows, CancellationToken cancel)
    {
        int[]? map = null;
        var count = 0;
        var sawHeader = false;
        foreach (var row in ImportTable.Read(file.Path, b => progress?.Report(new ImportProgress("读取", count, b, file.Bytes)), file.Name, cancel))
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
            if (count == maxRows)
            {
                errors.Add(new ImportError(row.Row, null, null,
                    $"{spec.Title}每个文件最多 {maxRows:N0} 行（需要跨行检查的记录要全部读入内存）：请分成几个文件导入" +
                    (spec.Name == "customer-events" ? "，每个文件按时间顺序" : "")));
                yield break;
            }
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
            if (errors.Full)
            {
                errors.Stop(row.Row);
                yield break;
            }
        }
        if (!sawHeader) errors.Add(new ImportError(1, null, null, "文件是空的：第 1 行应为表头"));
    }

    /// <summary>How many data rows (not blank) were read, bad ones included.</summary>
    private sealed class RowCounter
    {
        public int Rows;
    }

    private static string DuplicateReason(int first) => $"与第 {first} 行重复（同一条记录出现两次）";

    private static ImportReport Refused(ImportKindSpec spec, int rows, ImportErrors errors) =>
        new(spec.Name, rows, 0, 0, 0, errors.Report(), errors.Total);

    /// <summary>Masters (units, staff, customers, events): read whole (at most <see cref="MaxMasterRows"/>), checked across rows, written through EF.</summary>
    private static ImportReport RunMaster(ImportKindSpec spec, ImportContext ctx, IEnumerable<ParsedRow> parsed, RowCounter counter, ImportFile file,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var db = ctx.Db;
        var errors = ctx.Errors;
        var rows = parsed.ToList();
        var count = counter.Rows;
        if (errors.Count > 0) return Refused(spec, count, errors);

        progress?.Report(new ImportProgress("校验", count, file.Bytes, file.Bytes));
        cancel.ThrowIfCancellationRequested();
        ctx.ClosedMonths = db.ClosedPeriods.AsNoTracking().Select(p => p.Month).ToHashSet();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var key = spec.Key(r);
            if (!first.TryAdd(key, r.Row)) errors.Add(new ImportError(r.Row, null, key, DuplicateReason(first[key])));
            CheckMasterLengths(db, r, errors);
        }
        if (errors.Count > 0) return Refused(spec, count, errors);

        using var tx = db.Database.BeginTransaction();
        var outcome = spec.Apply!(ctx, rows, progress, cancel);
        if (errors.Count > 0)
        {
            tx.Rollback();
            return Refused(spec, count, errors);
        }
        return Finish(spec, db, tx, file, count, outcome, progress, cancel);
    }

    /// <summary>
    /// Records (visits, complaints, sales …): streamed row by row into a staging table while they are read, then
    /// checked and merged set-based (<see cref="BulkStage"/>). Duplicates are found in the staging table too, so memory
    /// does not grow with the file.
    /// </summary>
    private static ImportReport RunBulk(ImportKindSpec spec, BulkSpec bulk, ImportContext ctx, IEnumerable<ParsedRow> parsed, RowCounter counter, ImportFile file,
        IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var db = ctx.Db;
        var errors = ctx.Errors;
        using var tx = db.Database.BeginTransaction();
        using var stage = BulkStage.Create(db, bulk.Entity, bulk.MonthSql);
        var staged = 0;
        foreach (var row in parsed)
        {
            // A row that cannot become a record is reported for that; its key may not even be well defined. Rows are
            // still staged after a problem (never merged then), to find the duplicates among them.
            var entity = bulk.Build(ctx, row);
            if (entity is null) continue;
            if (!FitsColumns(db, entity, row.Row, errors)) continue;
            stage.Add(row.Row, spec.Key(row), entity);
            staged++;
        }
        var count = counter.Rows;
        stage.Complete();
        progress?.Report(new ImportProgress("校验", count, file.Bytes, file.Bytes));
        if (errors.StoppedAt is null)
        {
            var free = ImportErrors.MaxListed - errors.Count;
            var (duplicates, all) = stage.Duplicates(free + 1, cancel);
            foreach (var (row, key, firstRow) in duplicates.Take(free)) errors.Add(new ImportError(row, null, key, DuplicateReason(firstRow)));
            if (all > free) errors.AddUnlisted(all - free, duplicates[free].Row);
        }
        if (errors.Count > 0)
        {
            tx.Rollback();
            return Refused(spec, count, errors);
        }
        var (closed, allClosed) = stage.ClosedConflicts(ImportErrors.MaxListed + 1, cancel);
        foreach (var (row, key, month) in closed.Take(ImportErrors.MaxListed))
            errors.Add(new ImportError(row, null, key, ImportContext.ClosedReason(month), Period.FromMonthKey(month).ToString()));
        if (allClosed > ImportErrors.MaxListed) errors.AddUnlisted(allClosed - ImportErrors.MaxListed, closed[ImportErrors.MaxListed].Row);
        if (errors.Count > 0)
        {
            tx.Rollback();
            return Refused(spec, count, errors);
        }
        // One set-based statement: its progress cannot be observed, so the page shows the phase without a percentage.
        progress?.Report(new ImportProgress("写入", count, file.Bytes, file.Bytes));
        var (inserted, updated) = stage.Merge(cancel);
        return Finish(spec, db, tx, file, count, new ApplyOutcome(inserted, updated, staged - inserted - updated), progress, cancel);
    }

    private static ImportReport Finish(ImportKindSpec spec, KaoheDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, ImportFile file,
        int count, ApplyOutcome outcome, IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        var sha = Sha256(file.Path, cancel);
        var fileName = AuditLog.Cut(System.IO.Path.GetFileName(file.Name), 500)!;
        db.ImportRuns.Add(new ImportRun
        {
            Kind = spec.Name, FileName = fileName, FileSha256 = sha, StartedAt = DateTime.UtcNow,
            FinishedAt = DateTime.UtcNow, Rows = count, Inserted = outcome.Inserted, Updated = outcome.Updated, Unchanged = outcome.Unchanged,
            Actor = AuditLog.Cut(file.Actor, 64),
        });
        // One entry per import in the trail (records and customers by their counts and the file's hash; units and
        // staff also field by field, see MasterAudit).
        AuditLog.Add(db, DateTime.UtcNow, file.Actor, new AuditNote("导入", "导入", $"{spec.Title}：{fileName}", "记录", null,
            $"新增 {outcome.Inserted:N0}，更新 {outcome.Updated:N0}，未变 {outcome.Unchanged:N0}", $"共 {count:N0} 行；文件 SHA-256 {sha}"));
        db.SaveChanges();
        // The last moment a cancellation can still undo everything.
        cancel.ThrowIfCancellationRequested();
        tx.Commit();
        progress?.Report(new ImportProgress("完成", count, file.Bytes, file.Bytes));
        return new ImportReport(spec.Name, count, outcome.Inserted, outcome.Updated, outcome.Unchanged, []);
    }

    /// <summary>Text longer than its column in a record about to be staged: one error per field, with the row.</summary>
    private static bool FitsColumns(KaoheDb db, object entity, int row, ImportErrors errors)
    {
        var type = db.Model.FindEntityType(entity.GetType());
        if (type is null) return true;
        var ok = true;
        foreach (var p in type.GetProperties())
        {
            if (p.ClrType != typeof(string) || p.GetMaxLength() is not { } max || p.PropertyInfo?.GetValue(entity) is not string text || text.Length <= max) continue;
            errors.Add(new ImportError(row, FieldWords.Field(p.Name), text.Length > 30 ? text[..30] + "…" : text, $"最多 {max} 个字，这里有 {text.Length} 个"));
            ok = false;
        }
        return ok;
    }

    // The stored text columns of the master files and the fields they go to.
    private static readonly (string Column, Type Entity, string Property)[] MasterText =
    [
        ("单位编码", typeof(OrgUnit), nameof(OrgUnit.Code)), ("单位名称", typeof(OrgUnit), nameof(OrgUnit.Name)),
        ("工号", typeof(Staff), nameof(Staff.EmployeeNo)), ("姓名", typeof(Staff), nameof(Staff.Name)), ("岗位", typeof(Staff), nameof(Staff.Role)),
        ("客户编号", typeof(Customer), nameof(Customer.Code)), ("客户名称", typeof(Customer), nameof(Customer.Name)),
        ("客户类别", typeof(Customer), nameof(Customer.Class)), ("原因", typeof(CustomerEvent), nameof(CustomerEvent.Reason)),
    ];

    private static void CheckMasterLengths(KaoheDb db, ParsedRow r, ImportErrors errors)
    {
        foreach (var (column, entity, property) in MasterText)
        {
            if (r.Get<string>(column) is not { } text) continue;
            if (db.Model.FindEntityType(entity)?.FindProperty(property)?.GetMaxLength() is { } max && text.Length > max)
                errors.Add(new ImportError(r.Row, column, text.Length > 30 ? text[..30] + "…" : text, $"最多 {max} 个字，这里有 {text.Length} 个"));
        }
    }

    private static string Sha256(string path, CancellationToken cancel)
    {
        using var f = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = f.Read(buffer)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static int[]? MapHeader(ImportKindSpec spec, TableRow header, ImportErrors errors)
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
public sealed class ImportContext(KaoheDb db, ImportErrors errors)
{
    private Dictionary<string, int>? _units;
    private Dictionary<string, (int Id, int UnitId)>? _staff;
    private Dictionary<string, (int Id, int UnitId, int? StaffId)>? _customers;

    public KaoheDb Db { get; } = db;
    public ImportErrors Errors { get; } = errors;
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
        Errors.Add(new ImportError(row.Row, column, value?.ToString(), ClosedReason(month), Period.FromMonthKey(month).ToString()));
        return false;
    }

    /// <summary>Why a record of a closed month cannot be imported or changed.</summary>
    public static string ClosedReason(int month) =>
        $"属于已结账期间 {Period.FromMonthKey(month)}，指标已冻结，不能导入或修改";
}
