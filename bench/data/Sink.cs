using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Kaohe.Bench.Data;

/// <summary>Column types of the generated tables, as EF Core stores them on each provider.</summary>
internal enum Col
{
    Int,
    Long,
    Text,
    Bool,
    /// <summary>DateOnly: PostgreSQL <c>date</c>, SQLite TEXT <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>DateTime (UTC): PostgreSQL <c>timestamp with time zone</c>, SQLite TEXT <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    Time,
}

/// <summary>
/// Bulk loader of one table: PostgreSQL binary <c>COPY</c>, or SQLite one prepared <c>INSERT</c> per row inside the
/// caller's transaction. Values are written in the representation EF Core uses for the model's types (so the
/// engine reads the generated rows exactly as it reads imported ones).
/// </summary>
internal abstract class TableSink : IDisposable
{
    protected TableSink(string table, (string Name, Col Type)[] columns)
    {
        Table = table;
        Columns = columns;
        Values = new object?[columns.Length];
    }

    /// <summary>The table loaded.</summary>
    public string Table { get; }

    /// <summary>The columns, in the order of <see cref="Values"/>.</summary>
    public (string Name, Col Type)[] Columns { get; }

    /// <summary>The row being built; <see cref="Write"/> sends it.</summary>
    public object?[] Values { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes <see cref="Values"/> as one row.</summary>
    public void Write()
    {
        WriteRow();
        Rows++;
    }

    protected abstract void WriteRow();

    /// <summary>Completes the load (COPY must be completed, otherwise it is rolled back).</summary>
    public abstract void Complete();

    public abstract void Dispose();

    protected static string Quote(string name) => "\"" + name + "\"";

    /// <summary>A sink on <paramref name="connection"/> (Npgsql or Microsoft.Data.Sqlite).</summary>
    public static TableSink Open(DbConnection connection, DbTransaction? transaction, string table, (string, Col)[] columns) =>
        connection switch
        {
            NpgsqlConnection pg => new PostgresSink(pg, table, columns),
            SqliteConnection lite => new SqliteSink(lite, (SqliteTransaction?)transaction, table, columns),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
}

internal sealed class PostgresSink : TableSink
{
    private readonly NpgsqlBinaryImporter _copy;

    public PostgresSink(NpgsqlConnection connection, string table, (string, Col)[] columns) : base(table, columns)
    {
        var list = string.Join(", ", columns.Select(c => Quote(c.Item1)));
        _copy = connection.BeginBinaryImport($"COPY {Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)");
    }

    protected override void WriteRow()
    {
        _copy.StartRow();
        for (var i = 0; i < Values.Length; i++)
        {
            var v = Values[i];
            if (v is null)
            {
                _copy.WriteNull();
                continue;
            }
            switch (Columns[i].Type)
            {
                case Col.Int: _copy.Write((int)v, NpgsqlDbType.Integer); break;
                case Col.Long: _copy.Write((long)v, NpgsqlDbType.Bigint); break;
                case Col.Text: _copy.Write((string)v, NpgsqlDbType.Varchar); break;
                case Col.Bool: _copy.Write((bool)v, NpgsqlDbType.Boolean); break;
                case Col.Date: _copy.Write((DateOnly)v, NpgsqlDbType.Date); break;
                case Col.Time: _copy.Write((DateTime)v, NpgsqlDbType.TimestampTz); break;
                default: throw new InvalidOperationException(Columns[i].Type.ToString());
            }
        }
    }

    public override void Complete() => _copy.Complete();

    public override void Dispose() => _copy.Dispose();
}

internal sealed class SqliteSink : TableSink
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;

    public SqliteSink(SqliteConnection connection, SqliteTransaction? transaction, string table, (string, Col)[] columns) : base(table, columns)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Item1)))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        _parameters = new SqliteParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var type = columns[i].Item2 switch
            {
                Col.Text or Col.Date or Col.Time => SqliteType.Text,
                _ => SqliteType.Integer,
            };
            _parameters[i] = _insert.Parameters.Add("$p" + i, type);
        }
        _insert.Prepare();
    }

    protected override void WriteRow()
    {
        for (var i = 0; i < Values.Length; i++)
        {
            _parameters[i].Value = Values[i] switch
            {
                null => DBNull.Value,
                bool b => b ? 1L : 0L,
                int n => (long)n,
                // EF Core's SQLite formats: DateOnly "yyyy-MM-dd", DateTime "yyyy-MM-dd HH:mm:ss.FFFFFFF".
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                var other => other,
            };
        }
        _insert.ExecuteNonQuery();
    }

    public override void Complete() { }

    public override void Dispose() => _insert.Dispose();
}

/// <summary>Provider-specific steps around a bulk load: dropping and recreating secondary indexes, statistics.</summary>
internal static class LoadSteps
{
    /// <summary>Drops the secondary indexes of <paramref name="table"/> and returns their definitions, to recreate after the load.</summary>
    public static List<string> DropIndexes(DbConnection connection, DbTransaction? transaction, string table)
    {
        var defs = new List<(string Name, string Sql)>();
        using (var q = connection.CreateCommand())
        {
            q.Transaction = transaction;
            q.CommandText = connection is NpgsqlConnection
                ? "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = @t AND indexname NOT LIKE 'PK\\_%'"
                : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @t AND sql IS NOT NULL";
            var p = q.CreateParameter();
            p.ParameterName = "@t";
            p.Value = table;
            q.Parameters.Add(p);
            using var r = q.ExecuteReader();
            while (r.Read()) defs.Add((r.GetString(0), r.GetString(1)));
        }
        foreach (var (name, _) in defs) Exec(connection, transaction, $"DROP INDEX \"{name}\"");
        return [.. defs.Select(d => d.Sql)];
    }

    /// <summary>Runs one statement.</summary>
    public static void Exec(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var c = connection.CreateCommand();
        c.Transaction = transaction;
        c.CommandText = sql;
        c.CommandTimeout = 0;
        c.ExecuteNonQuery();
    }

    /// <summary>Runs one scalar query.</summary>
    public static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var c = connection.CreateCommand();
        c.Transaction = transaction;
        c.CommandText = sql;
        c.CommandTimeout = 0;
        var v = c.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    /// <summary>Opens <paramref name="connection"/> if needed.</summary>
    public static void EnsureOpen(DbConnection connection)
    {
        if (connection.State != ConnectionState.Open) connection.Open();
    }
}
