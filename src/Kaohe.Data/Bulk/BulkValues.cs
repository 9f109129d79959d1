using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Kaohe.Data.Bulk;

/// <summary>
/// How the set-based write paths (<see cref="Import.BulkStage"/>, <see cref="BulkWriter"/>) read a property's value
/// from an entity and hand it to the database: PostgreSQL's binary COPY with the column's type, or a prepared SQLite
/// statement bound by position, in the texts EF Core's SQLite provider itself writes (so that a value written here
/// compares equal to one EF wrote).
/// </summary>
internal static class BulkValues
{
    /// <summary>A getter that returns the provider value of a property (value converters applied).</summary>
    public static Func<object, object?> Getter(IProperty property)
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

    /// <summary>The provider form of a value EF holds (an original value, say), value converters applied.</summary>
    public static object? ToProvider(IProperty property, object? value) =>
        value is not null && property.GetTypeMapping().Converter is { } c ? c.ConvertToProvider(value) : value;

    /// <summary>Writes one value of a COPY row; <paramref name="column"/> names it in the error of an unknown type.</summary>
    public static void Write(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type, string column)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case int v: copy.Write(v, type); break;
            case long v: copy.Write(v, type); break;
            case string v: copy.Write(v, type); break;
            case bool v: copy.Write(v, type); break;
            case DateOnly v: copy.Write(v, type); break;
            case DateTime v: copy.Write(v, type); break;
            case decimal v: copy.Write(v, type); break;
            case short v: copy.Write(v, type); break;
            case var v: throw new InvalidOperationException($"{column}: unsupported value type {v.GetType().Name}");
        }
    }

    /// <summary>Binds one value of a prepared SQLite statement at position <paramref name="at"/> (from 1).</summary>
    public static int Bind(sqlite3_stmt stmt, int at, object? value, string column) => value switch
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
        var v => throw new InvalidOperationException($"{column}: unsupported value type {v.GetType().Name}"),
    };

    /// <summary>Throws the SQLite error of a result code that is not success.</summary>
    public static void Check(sqlite3 handle, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
        SqliteException.ThrowExceptionForRC(rc, handle);
    }

    /// <summary>The COPY type of a PostgreSQL column type as the EF model names it.</summary>
    public static NpgsqlDbType TypeOf(string? store) => (store ?? "").ToLowerInvariant() switch
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
        var s => throw new InvalidOperationException($"unsupported PostgreSQL column type “{s}” for a bulk write"),
    };

    /// <summary>A quoted identifier.</summary>
    public static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
