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

namespace Kaohe.Data.Import;

/// <summary>
/// The set-based write path of an import: the rows of a file are streamed into a temporary staging table (binary
/// <c>COPY</c> in batches on PostgreSQL, one prepared <c>INSERT</c> bound by position on SQLite), checked there against
/// the target table in one query (closed months), and merged with one <c>INSERT … ON CONFLICT (natural key) DO UPDATE
/// … WHERE something changed</c>. At most one batch of rows is held in memory. Everything runs in the
/// caller's transaction: if the import fails or the process dies, the staging table and the merge vanish with it.
/// The table, its columns, the natural key (the entity's one unique index) and the types come from the EF model.
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
        _getters = properties.Select(Getter).ToArray();
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
    /// Staged records that would add or change a record of a closed month (the new record's month, or the month of
    /// the record it would change): row, key and the closed month. An identical re-import is not a change.
    /// </summary>
    public List<(int Row, string Key, int Month)> ClosedConflicts(int limit)
    {
        var result = new List<(int, string, int)>();
        if (_monthSql is null) return result;
        var newMonth = string.Format(CultureInfo.InvariantCulture, _monthSql, "s");
        var oldMonth = string.Format(CultureInfo.InvariantCulture, _monthSql, "t");
        var closed = "(SELECT \"Month\" FROM closed_periods)";
        var sql = $"""
            SELECT s.{RowColumn}, s.{KeyColumn}, CASE WHEN {oldMonth} IN {closed} THEN {oldMonth} ELSE {newMonth} END
            FROM {Stage} s LEFT JOIN {Q(Table)} t ON {On("t", "s")}
            WHERE ({newMonth} IN {closed} OR {oldMonth} IN {closed})
              AND (t.{Q(IdColumn)} IS NULL OR {Differs("t", "s")})
            ORDER BY s.{RowColumn} LIMIT {limit}
            """;
        using var cmd = Command(sql);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) result.Add((reader.GetInt32(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        return result;
    }

    /// <summary>Merges the stage into the table; returns how many records were inserted and updated.</summary>
    public abstract (int Inserted, int Updated) Merge();

    protected string On(string a, string b) => string.Join(" AND ", KeyColumns.Select(c => $"{a}.{Q(c)} = {b}.{Q(c)}"));

    protected static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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

    /// <summary>A getter that returns the provider value of a property (value converters applied).</summary>
    private static Func<object, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} has no CLR property");
        var obj = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(obj, info.DeclaringType!), info), typeof(object));
        var get = Expression.Lambda<Func<object, object?>>(body, obj).Compile();
        var converter = property.GetTypeMapping().Converter;
        if (converter is null) return get;
        var toProvider = converter.ConvertToProvider;
        return o => get(o) is { } v ? toProvider(v) : null;
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
        _types = StoreTypes.Select(TypeOf).ToArray();
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
            for (var i = 0; i < values.Length; i++)
            {
                switch (values[i])
                {
                    case null: copy.WriteNull(); break;
                    case int v: copy.Write(v, _types[i]); break;
                    case long v: copy.Write(v, _types[i]); break;
                    case string v: copy.Write(v, _types[i]); break;
                    case bool v: copy.Write(v, _types[i]); break;
                    case DateOnly v: copy.Write(v, _types[i]); break;
                    case DateTime v: copy.Write(v, _types[i]); break;
                    case decimal v: copy.Write(v, _types[i]); break;
                    case short v: copy.Write(v, _types[i]); break;
                    case var v: throw new InvalidOperationException($"{Table}.{Columns[i]}: unsupported value type {v.GetType().Name}");
                }
            }
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

    public override (int Inserted, int Updated) Merge()
    {
        // RETURNING counts the rows written: xmax = 0 for a new row, else an update.
        var sql = $"""
            WITH m AS ({Upsert("t", " AS t")}
              RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM m
            """;
        using var cmd = Command(sql);
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private static NpgsqlDbType TypeOf(string? store) => (store ?? "").ToLowerInvariant() switch
    {
        "integer" or "int" or "int4" or "serial" => NpgsqlDbType.Integer,
        "bigint" or "int8" => NpgsqlDbType.Bigint,
        "smallint" or "int2" => NpgsqlDbType.Smallint,
        "boolean" or "bool" => NpgsqlDbType.Boolean,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" or "timestamptz" => NpgsqlDbType.TimestampTz,
        "timestamp without time zone" or "timestamp" => NpgsqlDbType.Timestamp,
        "text" => NpgsqlDbType.Text,
        var s when s.StartsWith("character varying", StringComparison.Ordinal) || s.StartsWith("varchar", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
        var s when s.StartsWith("numeric", StringComparison.Ordinal) => NpgsqlDbType.Numeric,
        var s => throw new InvalidOperationException($"unsupported PostgreSQL column type “{s}” for a bulk import"),
    };

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
        // The stage lives in memory, and the merge into a large table should not thrash a 2 MB page cache.
        Execute("PRAGMA temp_store = MEMORY");
        Execute("PRAGMA cache_size = -262144");
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
            var rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(stmt, at),
                int v => raw.sqlite3_bind_int64(stmt, at, v),
                long v => raw.sqlite3_bind_int64(stmt, at, v),
                short v => raw.sqlite3_bind_int64(stmt, at, v),
                bool v => raw.sqlite3_bind_int64(stmt, at, v ? 1 : 0),
                string v => raw.sqlite3_bind_text(stmt, at, v),
                // The texts EF Core's SQLite provider writes for these types, so that a re-import compares equal.
                DateOnly v => raw.sqlite3_bind_text(stmt, at, v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                DateTime v => raw.sqlite3_bind_text(stmt, at, v.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                decimal v => raw.sqlite3_bind_text(stmt, at, v.ToString("0.0###########################", CultureInfo.InvariantCulture)),
                var v => throw new InvalidOperationException($"{Table}.{Columns[i]}: unsupported value type {v.GetType().Name}"),
            };
            Check(rc);
        }
        var step = raw.sqlite3_step(stmt);
        if (step != raw.SQLITE_DONE) Check(step);
        Check(raw.sqlite3_reset(stmt));
    }

    private void Check(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
        SqliteException.ThrowExceptionForRC(rc, _handle);
    }

    public override void Complete()
    {
        _insert?.Dispose();
        _insert = null;
    }

    protected override string DistinctOperator => "IS NOT";

    public override (int Inserted, int Updated) Merge()
    {
        int inserted, updated;
        using (var count = Command($"""
            SELECT coalesce(sum(t.{Q(IdColumn)} IS NULL), 0), coalesce(sum(t.{Q(IdColumn)} IS NOT NULL AND {Differs("t", "s")}), 0)
            FROM {Stage} s LEFT JOIN {Q(Table)} t ON {On("t", "s")}
            """))
        using (var reader = count.ExecuteReader())
        {
            reader.Read();
            inserted = (int)reader.GetInt64(0);
            updated = (int)reader.GetInt64(1);
        }
        Execute(Upsert(Q(Table), ""));
        Execute($"DROP TABLE IF EXISTS temp.{Stage}");
        return (inserted, updated);
    }

    public override void Dispose()
    {
        _insert?.Dispose();
        _insert = null;
    }
}
