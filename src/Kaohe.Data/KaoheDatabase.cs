using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data;

/// <summary>
/// Where the base lives and how to open it. The default is SQLite in the data folder of <see cref="DataLocation"/>
/// (<c>$KAOHE_DATA_DIR</c>, else <c>data/</c> in the repository root, else the user's data folder): <c>data/kaohe.db</c>. A connection string in <c>$KAOHE_DB</c>
/// or <c>--db</c> selects another database: <c>Host=…;Database=…</c> (or <c>postgres://…</c>) for PostgreSQL,
/// <c>Data Source=file.db</c> or a path ending in <c>.db</c> for SQLite.
/// </summary>
public sealed class KaoheDatabase
{
    private readonly DbContextOptions _options;

    private KaoheDatabase(DatabaseProvider provider, string connectionString, DbContextOptions options, string? ownFolder = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _options = options;
        _ownFolder = ownFolder;
    }

    // The data folder Kaohe chose itself for its default file (restricted to the owner; never a folder the user named).
    private readonly string? _ownFolder;

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

    /// <summary>The default data folder, the same for the web app and the CLI (<see cref="DataLocation.Resolve(string?)"/>).</summary>
    public static string DefaultDataDirectory => DataLocation.Resolve().Folder;

    /// <summary>Opens the database named by <paramref name="connection"/>, else <c>$KAOHE_DB</c>, else the default SQLite file.</summary>
    /// <param name="connection">A connection string; null for the default.</param>
    /// <param name="dataDirectory">The folder of the default SQLite file (else <see cref="DefaultDataDirectory"/>).</param>
    public static KaoheDatabase Open(string? connection = null, string? dataDirectory = null)
    {
        connection ??= DataLocation.DatabaseFromEnvironment();
        string? ownFolder = null;
        if (string.IsNullOrWhiteSpace(connection))
        {
            var dir = dataDirectory is { Length: > 0 } d ? Path.GetFullPath(d) : DefaultDataDirectory;
            ownFolder = dir;
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
        return new KaoheDatabase(DatabaseProvider.Sqlite, builder.ToString(), sqlite, ownFolder);
    }

    /// <summary>
    /// The SQLite file holds people's scores and pay: readable and writable by the server's user only (0600; SQLite
    /// gives its -wal and -shm files the same mode), in a folder only that user can enter.
    /// </summary>
    private void RestrictFile()
    {
        if (OperatingSystem.IsWindows()) return;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || !File.Exists(file)) return;
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(f)) File.SetUnixFileMode(f, owner);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && _ownFolder is not null && Path.GetFullPath(folder) == _ownFolder)
            File.SetUnixFileMode(folder, owner | UnixFileMode.UserExecute);
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
            RestrictFile();
        }
    }
}
