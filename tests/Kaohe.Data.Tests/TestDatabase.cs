using Kaohe.Data;
using Npgsql;

namespace Kaohe.Data.Tests;

/// <summary>
/// A fresh, migrated database for one test class, on SQLite (a temp file) or PostgreSQL (a new database on
/// the server named by <c>KAOHE_TEST_PG</c>, default the cluster of <c>scripts/pg-start.sh</c>). A PostgreSQL
/// test never skips: if the server is not there, the test fails and says how to start it.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _pgName;
    private readonly string? _pgAdmin;

    private TestDatabase(KaoheDatabase database, string? sqliteFile, string? pgName, string? pgAdmin)
    {
        Database = database;
        _sqliteFile = sqliteFile;
        _pgName = pgName;
        _pgAdmin = pgAdmin;
    }

    /// <summary>The opened, migrated database.</summary>
    public KaoheDatabase Database { get; }

    /// <summary>The provider under test.</summary>
    public DatabaseProvider Provider => Database.Provider;

    /// <summary>Connection string of the PostgreSQL test server.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("KAOHE_TEST_PG") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    /// <summary>Creates a new empty database of <paramref name="provider"/> and applies the migrations.</summary>
    public static TestDatabase Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "kaohe-test-" + Guid.NewGuid().ToString("N") + ".db");
            var db = KaoheDatabase.Open("Data Source=" + file + ";Pooling=False");
            db.Migrate();
            return new TestDatabase(db, file, null, null);
        }
        var name = "kaohe_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            using var admin = new NpgsqlConnection(PostgresServer);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL test server not reachable at {PostgresServer}: start it with scripts/pg-start.sh " +
                "(bash scripts/test.sh does so) or set KAOHE_TEST_PG. " + e.Message, e);
        }
        var b = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        var pg = KaoheDatabase.Open(b.ToString());
        pg.Migrate();
        return new TestDatabase(pg, null, name, PostgresServer);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        if (_pgName is not null && _pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(_pgAdmin);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }
}

/// <summary>
/// Base of a test class that runs on both providers: write the tests once in an abstract class deriving from
/// this, and derive one sealed class per provider.
/// </summary>
public abstract class DatabaseTests : IDisposable
{
    protected DatabaseTests(DatabaseProvider provider)
    {
        Test = TestDatabase.Create(provider);
    }

    /// <summary>The database of this test (a fresh one per test).</summary>
    protected TestDatabase Test { get; }

    /// <summary>The opened database.</summary>
    protected KaoheDatabase Database => Test.Database;

    /// <summary>A new context on the test database.</summary>
    protected KaoheDb Db() => Test.Database.CreateContext();

    public void Dispose()
    {
        Test.Dispose();
        GC.SuppressFinalize(this);
    }
}
