using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

using Kaohe.Data.Bulk;

namespace Kaohe.Data.Import;

/// <summary>
/// The set-based write path of an import: the rows of a file are streamed into a temporary staging table (binary
/// <c>COPY</c> in batches on PostgreSQL, one prepared <c>INSERT</c> bound by position on SQLite), checked there (rows of
/// the file with the same natural key; against the target table, closed months), and merged with one
/// <c>INSERT … ON CONFLICT (natural key) DO UPDATE … WHERE something changed</c>. At most one batch of rows is held
/// in memory; the stage itself lives in the database's temporary storage (on disk past its cache). Everything runs in
/// the caller's transaction: if the import fails, is cancelled or the process dies, the staging table and the merge
/// vanish with it. A cancellation interrupts a running statement. The table, its columns, the natural key (the
/// entity's one unique index) and the types come from the EF model.
/// </summary>
internal abstract class BulkStage : IDisposable
{
    protected const string Stage = "kaohe_stage";
    protected const string RowColumn = "kaohe_row";
    protected const string KeyColumn = "kaohe_key";

    private readonly Func<object, object?>[] _getters;
    private readonly string? _monthSql;

    protected BulkStage(KaoheDb db, Type entity, string? monthSql)
    {
        Db = db;
        Connection = db.Database.GetDbConnection();
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model");
        Table = type.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Table, type.GetSchema());
        var pk = type.FindPrimaryKey()!.Properties;
        if (pk.Count != 1) throw new InvalidOperationException($"{entity.Name}: a bulk-imported record needs a single-column key");
        IdColumn = pk[0].GetColumnName(table)!;
        var unique = type.GetIndexes().Where(i => i.IsUnique).ToList();
        if (unique.Count != 1) throw new InvalidOperationException($"{entity.Name}: a bulk-imported record needs exactly one unique index (its natural key)");
        var keyProps = unique[0].Properties;
        var properties = type.GetProperties().Where(p => !pk.Contains(p)).ToArray();
        Columns = properties.Select(p => p.GetColumnName(table)!).ToArray();
        KeyColumns = keyProps.Select(p => p.GetColumnName(table)!).ToArray();
        ValueColumns = Columns.Except(KeyColumns).ToArray();
        StoreTypes = properties.Select(p => p.GetColumnType(table)).ToArray();
        _getters = properties.Select(BulkValues.Getter).ToArray();
        _monthSql = monthSql;
    }

    protected KaoheDb Db { get; }
    protected DbConnection Connection { get; }
    protected string Table { get; }
    protected string IdColumn { get; }
    /// <summary>Every column but the surrogate id, in the model's property order.</summary>
    protected string[] Columns { get; }
    protected string[] KeyColumns { get; }
    protected string[] ValueColumns { get; }
    protected string[] StoreTypes { get; }

    /// <summary>A stage for the database behind <paramref name="db"/> (whose transaction must be open).</summary>
    public static BulkStage Create(KaoheDb db, Type entity, string? monthSql) => db.Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresStage(db, entity, monthSql),
        _ => new SqliteStage(db, entity, monthSql),
    };

    /// <summary>Stages one record: its file row number and natural key (for messages) and its column values.</summary>
    public void Add(int row, string key, object entity)
    {
        var values = new object?[_getters.Length];
        for (var i = 0; i < values.Length; i++) values[i] = _getters[i](entity);
        Write(row, key, values);
    }

    /// <summary>Finishes staging (flushes what is buffered).</summary>
    public abstract void Complete();

    protected abstract void Write(int row, string key, object?[] values);

    /// <summary>The provider's NULL-safe "not equal" operator.</summary>
    protected abstract string DistinctOperator { get; }

    /// <summary>SQL that is true when rows <paramref name="a"/> and <paramref name="b"/> differ in a value column.</summary>
    protected string Differs(string a, string b) =>
        ValueColumns.Length == 0 ? "FALSE" : "(" + string.Join(" OR ", ValueColumns.Select(c => $"{a}.{Q(c)} {DistinctOperator} {b}.{Q(c)}")) + ")";

    /// <summary>
    /// <c>INSERT … SELECT … FROM</c> the stage into the table, updating a record whose natural key exists only where
    /// a value differs. <paramref name="target"/> names the table's row in the update's condition, declared by
    /// <paramref name="tableAs"/> (an alias, or nothing). "WHERE true" keeps SQLite from reading ON CONFLICT as a join
    /// constraint of the SELECT.
    /// </summary>
    protected string Upsert(string target, string tableAs) =>
        $"""
        INSERT INTO {Q(Table)}{tableAs} ({ColumnList()})
        SELECT {ColumnList()} FROM {Stage} WHERE true ORDER BY {RowColumn}
        ON CONFLICT ({string.Join(", ", KeyColumns.Select(Q))}) DO {(ValueColumns.Length == 0 ? "NOTHING"
            : "UPDATE SET " + string.Join(", ", ValueColumns.Select(c => $"{Q(c)} = excluded.{Q(c)}")) + " WHERE " + Differs(target, "excluded"))}
        """;

    /// <summary>
    /// Staged rows whose natural key an earlier staged row already has: row, key and the first row of that key, in row
    /// order, at most <paramref name="limit"/>; and how many there are in all.
    /// </summary>
    public (List<(int Row, string Key, int First)> Rows, int Total) Duplicates(int limit, CancellationToken cancel)
    {
        var result = new List<(int, string, int)>();
        var total = Scalar($"""
            SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {Stage} GROUP BY {KeyColumn} HAVING count(*) > 1) d
            """, cancel);
        if (total == 0 || limit <= 0) return (result, total);
        var sql = $"""
            SELECT s.{RowColumn}, s.{KeyColumn}, f.first_row
            FROM {Stage} s JOIN (SELECT {KeyColumn}, min({RowColumn}) AS first_row FROM {Stage} GROUP BY {KeyColumn} HAVING count(*) > 1) f
              ON f.{KeyColumn} = s.{KeyColumn}
            WHERE s.{RowColumn} > f.first_row
            ORDER BY s.{RowColumn} LIMIT {limit}
            """;
        Query(sql, cancel, reader => result.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2))));
        return (result, total);
    }

    /// <summary>
    /// Staged records that would add or change a record of a closed month (the new record's month, or the month of
    /// the record it would change): row, key and the closed month, in row order, at most <paramref name="limit"/>;
    /// and how many there are in all. An identical re-import is not a change.
    /// </summary>
    public (List<(int Row, string Key, int Month)> Rows, int Total) ClosedConflicts(int limit, CancellationToken cancel)
    {
        var result = new List<(int, string, int)>();
        if (_monthSql is null) return (result, 0);
        var newMonth = string.Format(CultureInfo.InvariantCulture, _monthSql, "s");
        var oldMonth = string.Format(CultureInfo.InvariantCulture, _monthSql, "t");
        var closed = "(SELECT \"Month\" FROM closed_periods)";
        var from = $"""
            FROM {Stage} s LEFT JOIN {Q(Table)} t ON {On("t", "s")}
            WHERE ({newMonth} IN {closed} OR {oldMonth} IN {closed})
              AND (t.{Q(IdColumn)} IS NULL OR {Differs("t", "s")})
            """;
        var sql = $"""
            SELECT s.{RowColumn}, s.{KeyColumn}, CASE WHEN {oldMonth} IN {closed} THEN {oldMonth} ELSE {newMonth} END
            {from}
            ORDER BY s.{RowColumn} LIMIT {limit}
            """;
        Query(sql, cancel, reader => result.Add((reader.GetInt32(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture))));
        return (result, result.Count < limit ? result.Count : Scalar($"SELECT count(*) {from}", cancel));
    }

    /// <summary>Merges the stage into the table; returns how many records were inserted and updated.</summary>
    public abstract (int Inserted, int Updated) Merge(CancellationToken cancel);

    /// <summary>Stops the statement running on the connection (called from the thread that cancels).</summary>
    protected abstract void Interrupt(DbCommand command);

    /// <summary>Runs <paramref name="sql"/> so that <paramref name="cancel"/> interrupts it (then throwing <see cref="OperationCanceledException"/>).</summary>
    protected T Run<T>(string sql, CancellationToken cancel, Func<DbCommand, T> run)
    {
        cancel.ThrowIfCancellationRequested();
        using var cmd = Command(sql);
        using var interrupt = cancel.Register(() => Interrupt(cmd));
        try
        {
            return run(cmd);
        }
        catch (DbException e) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException("import cancelled", e, cancel);
        }
    }

    /// <summary>Reads every row of a query.</summary>
    protected void Query(string sql, CancellationToken cancel, Action<DbDataReader> row) => Run(sql, cancel, cmd =>
    {
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) row(reader);
        return 0;
    });

    /// <summary>The one integer a query returns.</summary>
    protected int Scalar(string sql, CancellationToken cancel) =>
        Run(sql, cancel, cmd => Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture));

    /// <summary>Executes a statement that cancellation may interrupt.</summary>
    protected void Execute(string sql, CancellationToken cancel) => Run(sql, cancel, cmd => cmd.ExecuteNonQuery());

    protected string On(string a, string b) => string.Join(" AND ", KeyColumns.Select(c => $"{a}.{Q(c)} = {b}.{Q(c)}"));

    protected static string Q(string identifier) => BulkValues.Q(identifier);

    protected string ColumnList() => string.Join(", ", Columns.Select(Q));

    protected DbCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = Db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = 0;
        return cmd;
    }

    protected void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    public virtual void Dispose() { }
}

/// <summary>PostgreSQL: binary COPY into a temporary table dropped at commit, merged with ON CONFLICT … RETURNING.</summary>
internal sealed class PostgresStage : BulkStage
{
    // Rows are copied in batches, so that the connection is free between them for the lookups of the row builders.
    private const int BatchRows = 20_000;
    private readonly List<(int Row, string Key, object?[] Values)> _batch = new(BatchRows);
    private readonly NpgsqlDbType[] _types;

    public PostgresStage(KaoheDb db, Type entity, string? monthSql) : base(db, entity, monthSql)
    {
        _types = StoreTypes.Select(BulkValues.TypeOf).ToArray();
        Execute($"DROP TABLE IF EXISTS {Stage}");
        Execute($"CREATE TEMP TABLE {Stage} ON COMMIT DROP AS SELECT 0 AS {RowColumn}, ''::text AS {KeyColumn}, {ColumnList()} FROM {Q(Table)} WITH NO DATA");
        // Sorting and hashing a million staged rows should stay in memory.
        Execute("SET LOCAL work_mem = '256MB'");
    }

    protected override void Write(int row, string key, object?[] values)
    {
        _batch.Add((row, key, values));
        if (_batch.Count == BatchRows) Flush();
    }

    private void Flush()
    {
        if (_batch.Count == 0) return;
        using var copy = ((NpgsqlConnection)Connection).BeginBinaryImport(
            $"COPY {Stage} ({RowColumn}, {KeyColumn}, {ColumnList()}) FROM STDIN (FORMAT BINARY)");
        foreach (var (row, key, values) in _batch)
        {
            copy.StartRow();
            copy.Write(row, NpgsqlDbType.Integer);
            copy.Write(key, NpgsqlDbType.Text);
            for (var i = 0; i < values.Length; i++) BulkValues.Write(copy, values[i], _types[i], $"{Table}.{Columns[i]}");
        }
        copy.Complete();
        _batch.Clear();
    }

    public override void Complete()
    {
        Flush();
        Execute($"ANALYZE {Stage}");
    }

    protected override string DistinctOperator => "IS DISTINCT FROM";

    public override (int Inserted, int Updated) Merge(CancellationToken cancel)
    {
        // RETURNING counts the rows written: xmax = 0 for a new row, else an update.
        var sql = $"""
            WITH m AS ({Upsert("t", " AS t")}
              RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM m
            """;
        (int, int) counts = default;
        Query(sql, cancel, reader => counts = ((int)reader.GetInt64(0), (int)reader.GetInt64(1)));
        return counts;
    }

    protected override void Interrupt(DbCommand command) => command.Cancel();
}

/// <summary>
/// SQLite: a temporary table (kept in memory) filled through one prepared INSERT bound by position with the
/// SQLite API itself (binding by parameter name costs more than the insert), merged with INSERT … ON CONFLICT.
/// </summary>
internal sealed class SqliteStage : BulkStage
{
    private sqlite3_stmt? _insert;
    private readonly sqlite3 _handle;

    public SqliteStage(KaoheDb db, Type entity, string? monthSql) : base(db, entity, monthSql)
    {
        _handle = ((SqliteConnection)Connection).Handle ?? throw new InvalidOperationException("SQLite connection is not open");
        // The stage goes to a temporary file past the cache (in memory it would grow with the file: 3.5 million
        // visits are over a gigabyte); the merge into a large table should not thrash a 2 MB page cache.
        Execute("PRAGMA temp_store = FILE");
        Execute("PRAGMA cache_size = -65536");
        Execute("PRAGMA temp.cache_size = -65536");
        Execute($"DROP TABLE IF EXISTS temp.{Stage}");
        Execute($"CREATE TEMP TABLE {Stage} AS SELECT 0 AS {RowColumn}, '' AS {KeyColumn}, {ColumnList()} FROM {Q(Table)} WHERE 0");
        var sql = $"INSERT INTO temp.{Stage} ({RowColumn}, {KeyColumn}, {ColumnList()}) VALUES ({string.Join(", ", Enumerable.Repeat("?", Columns.Length + 2))})";
        Check(raw.sqlite3_prepare_v2(_handle, sql, out var stmt));
        _insert = stmt;
    }

    protected override void Write(int row, string key, object?[] values)
    {
        var stmt = _insert!;
        Check(raw.sqlite3_bind_int64(stmt, 1, row));
        Check(raw.sqlite3_bind_text(stmt, 2, key));
        for (var i = 0; i < values.Length; i++)
        {
            var at = i + 3;
            var rc = BulkValues.Bind(stmt, at, values[i], $"{Table}.{Columns[i]}");
            Check(rc);
        }
        var step = raw.sqlite3_step(stmt);
        if (step != raw.SQLITE_DONE) Check(step);
        Check(raw.sqlite3_reset(stmt));
    }

    private void Check(int rc) => BulkValues.Check(_handle, rc);

    public override void Complete()
    {
        _insert?.Dispose();
        _insert = null;
    }

    protected override string DistinctOperator => "IS NOT";

    public override (int Inserted, int Updated) Merge(CancellationToken cancel)
    {
        int inserted = 0, updated = 0;
        Query($"""
            SELECT coalesce(sum(t.{Q(IdColumn)} IS NULL), 0), coalesce(sum(t.{Q(IdColumn)} IS NOT NULL AND {Differs("t", "s")}), 0)
            FROM {Stage} s LEFT JOIN {Q(Table)} t ON {On("t", "s")}
            """, cancel, reader =>
        {
            inserted = (int)reader.GetInt64(0);
            updated = (int)reader.GetInt64(1);
        });
        Execute(Upsert(Q(Table), ""), cancel);
        Execute($"DROP TABLE IF EXISTS temp.{Stage}");
        return (inserted, updated);
    }

    // Thread-safe: it only sets a flag the running statement checks.
    protected override void Interrupt(DbCommand command) => raw.sqlite3_interrupt(_handle);

    public override void Dispose()
    {
        _insert?.Dispose();
        _insert = null;
    }
}
