using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data;

/// <summary>
/// Where the base lives and how to open it. The default is SQLite in the data folder
/// (<c>$KAOHE_DATA_DIR</c>, else <c>./data</c>): <c>data/kaohe.db</c>. A connection string in <c>$KAOHE_DB</c>
/// or <c>--db</c> selects another database: <c>Host=…;Database=…</c> (or <c>postgres://…</c>) for PostgreSQL,
/// <c>Data Source=file.db</c> or a path ending in <c>.db</c> for SQLite.
/// </summary>
public sealed class KaoheDatabase
{
    private readonly DbContextOptions _options;

    private KaoheDatabase(DatabaseProvider provider, string connectionString, DbContextOptions options)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _options = options;
    }

    /// <summary>The provider chosen by the connection string.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string in use (for PostgreSQL it may contain a password: do not print it).</summary>
    public string ConnectionString { get; }

    /// <summary>A description safe to print: the SQLite file, or PostgreSQL host and database.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>The default data folder: <c>$KAOHE_DATA_DIR</c>, else <c>./data</c> under the current directory.</summary>
    public static string DefaultDataDirectory =>
        Environment.GetEnvironmentVariable("KAOHE_DATA_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.GetFullPath("data");

    /// <summary>Opens the database named by <paramref name="connection"/>, else <c>$KAOHE_DB</c>, else the default SQLite file.</summary>
    public static KaoheDatabase Open(string? connection = null)
    {
        connection ??= Environment.GetEnvironmentVariable("KAOHE_DB");
        if (string.IsNullOrWhiteSpace(connection))
        {
            var dir = DefaultDataDirectory;
            Directory.CreateDirectory(dir);
            connection = "Data Source=" + Path.Combine(dir, "kaohe.db");
        }
        connection = connection.Trim();
        if (IsPostgres(connection))
        {
            var cs = connection.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && connection.Contains("://")
                ? FromUrl(connection)
                : connection;
            var options = new DbContextOptionsBuilder<PostgresKaoheDb>()
                .UseNpgsql(cs, o => o.CommandTimeout(3600))
                .Options;
            return new KaoheDatabase(DatabaseProvider.PostgreSql, cs, options);
        }
        if (!connection.Contains('=')) connection = "Data Source=" + connection;
        var builder = new SqliteConnectionStringBuilder(connection);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 60;
        var sqlite = new DbContextOptionsBuilder<SqliteKaoheDb>()
            .UseSqlite(builder.ToString(), o => o.CommandTimeout(3600))
            .Options;
        return new KaoheDatabase(DatabaseProvider.Sqlite, builder.ToString(), sqlite);
    }

    private static bool IsPostgres(string connection) =>
        connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connection.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connection.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var b = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ToString();
    }

    /// <summary>A new context; the caller disposes it.</summary>
    public KaoheDb CreateContext() => Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresKaoheDb((DbContextOptions<PostgresKaoheDb>)_options),
        _ => new SqliteKaoheDb((DbContextOptions<SqliteKaoheDb>)_options),
    };

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public void Migrate()
    {
        using var db = CreateContext();
        db.Database.Migrate();
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (the web app) go on while an import writes; persistent per database file.
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
    }
}
