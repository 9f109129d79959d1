using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kaohe.Data.Accounts;
using Kaohe.Data.Backup;
using Kaohe.Data.Demo;
using Kaohe.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kaohe.Data.Tests.Backup;

/// <summary>
/// kaohe backup / restore on both providers: a backup taken from a live database with data, the database changed,
/// the backup restored: every table is as it was at backup time (rows and a checksum of their values). Refusals:
/// a database with data without --force, files that are not Kaohe backups, backups of a newer version.
/// </summary>
public abstract class BackupTests : IDisposable
{
    private static readonly DemoOptions Small = new() { LastMonth = 202610, Months = 4, Customers = 300 };

    protected BackupTests(DatabaseProvider provider)
    {
        Test = TestDatabase.Create(provider);
        Folder = Path.Combine(Path.GetTempPath(), "kaohe-backup-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The live database of the test (a fresh one per test).</summary>
    protected TestDatabase Test { get; }

    protected KaoheDatabase Database => Test.Database;

    protected KaoheDb Db() => Database.CreateContext();

    /// <summary>The test's own folder for backup files.</summary>
    protected string Folder { get; }

    protected string FileIn(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        Test.Dispose();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The demo company (small), one account and an audit entry of our own.</summary>
    protected void Fill(KaoheDatabase database)
    {
        DemoCompany.Create(database, Small);
        using var db = database.CreateContext();
        new AccountStore(db).Create("system", new NewAccount("hr", "考核管理员", "backup-test-pw-1", AccountRole.Hr));
        db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), Actor = "hr", Action = "备份测试", Entity = "测试", EntityKey = "1" });
        db.SaveChanges();
    }

    /// <summary>Changes to units, customers, events and the audit trail after the backup.</summary>
    protected static void Change(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        var company = db.Units.Single(u => u.Code == "HQ");
        db.Units.Add(new OrgUnit { Code = "NEW", Name = "备份后新建的单位", Kind = UnitKind.Office, ParentId = company.Id });
        foreach (var c in db.Customers.OrderBy(c => c.Id).Take(20)) c.Name += "（改）";
        db.CustomerEvents.RemoveRange(db.CustomerEvents.OrderBy(e => e.Id).Take(5));
        db.AuditEntries.RemoveRange(db.AuditEntries.Where(a => a.Action == "备份测试"));
        db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), Actor = "hr", Action = "备份之后", Entity = "测试", EntityKey = "2" });
        db.SaveChanges();
    }

    /// <summary>Every table of the model: its row count and a SHA-256 of its rows in primary-key order.</summary>
    protected static SortedDictionary<string, string> State(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var keys = entity.FindPrimaryKey()!.Properties.Select(p => "\"" + p.GetColumnName() + "\"");
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", keys)}";
            using var reader = command.ExecuteReader();
            var rows = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (reader.Read())
            {
                rows++;
                var sb = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    sb.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
                sha.AppendData(Encoding.UTF8.GetBytes(sb.Append('\n').ToString()));
            }
            state[table] = $"{rows} rows, {Convert.ToHexString(sha.GetHashAndReset())[..16]}";
        }
        return state;
    }

    private BackupService Service(KaoheDatabase? database = null) =>
        new(database ?? Database, new FixedClock(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8))));

    [Fact]
    public void Backup_ChangeAndRestore_GivesBackEveryTableAsItWasAtBackupTime()
    {
        Fill(Database);
        var before = State(Database);
        var file = FileIn("kaohe-backup");

        var backup = Service().Backup(file);

        Assert.Equal(file, backup.File);
        Assert.Equal(new FileInfo(file).Length, backup.Bytes);
        Assert.True(backup.Bytes > 0);
        Assert.Equal(["单位", "员工", "客户", "考核", "审计记录"], backup.Counts.Select(c => c.Label));
        Assert.Equal(300, backup.Counts.Single(c => c.Label == "客户").Rows);
        using (var db = Db())
        {
            Assert.Equal(db.Units.LongCount(), backup.Counts.Single(c => c.Label == "单位").Rows);
            Assert.Equal(db.AuditEntries.LongCount(), backup.Counts.Single(c => c.Label == "审计记录").Rows);
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(Folder).Select(Path.GetFileName));   // no temporary file left

        Change(Database);
        var changed = State(Database);
        Assert.NotEqual(before, changed);
        Assert.NotEqual(before["units"], changed["units"]);
        Assert.NotEqual(before["customers"], changed["customers"]);
        Assert.NotEqual(before["customer_events"], changed["customer_events"]);
        Assert.NotEqual(before["audit_entries"], changed["audit_entries"]);

        var restored = Service().Restore(file, force: true);

        Assert.Equal(before, State(Database));
        Assert.Equal(backup.Counts, restored.Counts);
        Assert.NotNull(restored.PreviousSavedTo);
        Assert.Contains("before-restore-20261201-093000", restored.PreviousSavedTo);
        AssertPreviousHolds(restored.PreviousSavedTo!, changed);
    }

    /// <summary>The data a restore replaced was saved first, and can itself be restored.</summary>
    protected abstract void AssertPreviousHolds(string previous, SortedDictionary<string, string> changed);

    [Fact]
    public void Restore_OverDatabaseWithData_RefusedWithoutForce_AndNothingChanges()
    {
        Fill(Database);
        var file = FileIn("b1");
        Service().Backup(file);
        Change(Database);
        var changed = State(Database);

        var e = Assert.Throws<BackupException>(() => Service().Restore(file, force: false));

        Assert.Contains("已有数据", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Contains("客户 300", e.Message);
        Assert.Equal(changed, State(Database));
        Assert.Equal(["b1"], Directory.GetFiles(Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Restore_IntoEmptyDatabase_NeedsNoForce()
    {
        Fill(Database);
        var before = State(Database);
        var file = FileIn("b2");
        Service().Backup(file);
        using var empty = TestDatabase.Create(Test.Provider);

        var restored = Service(empty.Database).Restore(file, force: false);

        Assert.Null(restored.PreviousSavedTo);
        Assert.Equal(before, State(empty.Database));
    }

    [Fact]
    public void Backup_WhileAWriterHoldsAnOpenTransaction_CopiesTheCommittedState()
    {
        Fill(Database);
        var committed = State(Database);
        var file = FileIn("online");
        using (var writer = OpenWriterWithUncommittedAuditEntry())
        {
            var backup = Service().Backup(file);
            Assert.Equal(committed["audit_entries"].Split(' ')[0], backup.Counts.Single(c => c.Table == "audit_entries").Rows!.Value.ToString(CultureInfo.InvariantCulture));
            writer.Commit();
        }
        using var copy = TestDatabase.Create(Test.Provider);
        Service(copy.Database).Restore(file, force: false);
        Assert.Equal(committed, State(copy.Database));
        Assert.NotEqual(committed["audit_entries"], State(Database)["audit_entries"]);
    }

    /// <summary>A second connection inside a write transaction that has inserted an audit entry and not committed.</summary>
    protected abstract IOpenWriter OpenWriterWithUncommittedAuditEntry();

    protected interface IOpenWriter : IDisposable
    {
        void Commit();
    }

    [Fact]
    public void Backup_ExistingFile_RefusedUnlessOverwrite()
    {
        Fill(Database);
        var file = FileIn("exists");
        File.WriteAllText(file, "an older backup");

        var e = Assert.Throws<BackupException>(() => Service().Backup(file));
        Assert.Contains("已存在", e.Message);
        Assert.Equal("an older backup", File.ReadAllText(file));

        Service().Backup(file, overwrite: true);
        Assert.NotEqual("an older backup", File.ReadAllText(file, Encoding.Latin1)[..15]);
    }

    [Fact]
    public void Restore_TextFile_Refused()
    {
        var file = FileIn("notes.txt");
        File.WriteAllText(file, "这不是备份");
        var e = Assert.Throws<BackupException>(() => Service().Restore(file, force: true));
        Assert.Contains("不是 Kaohe 的备份文件", e.Message);
    }

    [Fact]
    public void Restore_MissingFile_Refused() =>
        Assert.Contains("找不到备份文件", Assert.Throws<BackupException>(() => Service().Restore(FileIn("nowhere.db"), force: true)).Message);

    [Fact]
    public void Restore_DatabaseThatIsNotKaohe_RefusedAndNothingChanges()
    {
        Fill(Database);
        var before = State(Database);
        var file = ForeignBackup();

        var e = Assert.Throws<BackupException>(() => Service().Restore(file, force: true));

        Assert.Contains("不是 Kaohe 的数据库备份", e.Message);
        Assert.Contains("units", e.Message);
        Assert.Equal(before, State(Database));
    }

    /// <summary>A backup, in this provider's format, of a database that is not Kaohe's (one table of its own).</summary>
    protected abstract string ForeignBackup();

    [Fact]
    public void Restore_BackupOfANewerVersion_Refused()
    {
        Fill(Database);
        using (var db = Db())
            db.Database.ExecuteSqlRaw("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231235959_FromTheFuture', '99.0.0')");
        var file = FileIn("future");
        Service().Backup(file);
        using var target = TestDatabase.Create(Test.Provider);

        var e = Assert.Throws<BackupException>(() => Service(target.Database).Restore(file, force: true));

        Assert.Contains("更新版本", e.Message);
        Assert.Contains("29991231235959_FromTheFuture", e.Message);
    }

    [Fact]
    public void Restore_BackupOfTheOtherProvider_RefusedWithTheReason()
    {
        var file = FileIn("other");
        File.WriteAllBytes(file, Test.Provider == DatabaseProvider.Sqlite ? "PGDMP\u0001\u000e\0"u8.ToArray() : "SQLite format 3\0"u8.ToArray());
        var e = Assert.Throws<BackupException>(() => Service().Restore(file, force: true));
        Assert.Contains(Test.Provider == DatabaseProvider.Sqlite ? "PostgreSQL 数据库的备份" : "SQLite 数据库的备份", e.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("UTC+8", now.Offset, "UTC+8", "UTC+8");
    }
}

public sealed class SqliteBackupTests() : BackupTests(DatabaseProvider.Sqlite)
{
    private string LiveFile => new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;

    protected override void AssertPreviousHolds(string previous, SortedDictionary<string, string> changed)
    {
        Assert.Equal(Path.GetDirectoryName(LiveFile), Path.GetDirectoryName(previous));
        Assert.StartsWith(Path.GetFileName(LiveFile) + ".before-restore-", Path.GetFileName(previous));
        try
        {
            Assert.Equal(changed, State(KaoheDatabase.Open("Data Source=" + previous + ";Pooling=False")));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(previous));
        }
        finally
        {
            File.Delete(previous);
        }
    }

    protected override IOpenWriter OpenWriterWithUncommittedAuditEntry() => new SqliteWriter(Database.ConnectionString);

    private sealed class SqliteWriter : IOpenWriter
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _tx;

        public SqliteWriter(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _tx = _connection.BeginTransaction(deferred: false);
            using var insert = _connection.CreateCommand();
            insert.Transaction = _tx;
            insert.CommandText = "INSERT INTO audit_entries (\"At\", \"Actor\", \"Action\", \"Entity\", \"EntityKey\") VALUES ('2026-12-01 00:00:00', 'w', '未提交', '测试', 'x')";
            insert.ExecuteNonQuery();
        }

        public void Commit() => _tx.Commit();

        public void Dispose()
        {
            _tx.Dispose();
            _connection.Dispose();
        }
    }

    protected override string ForeignBackup()
    {
        var file = FileIn("foreign.db");
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x');";
        command.ExecuteNonQuery();
        return file;
    }

    [Fact]
    public void Restore_OverALiveFileWithPagesStillInItsWal_KeepsThemInTheSavedCopyAndLeavesNoStaleWal()
    {
        Fill(Database);
        var before = State(Database);
        var file = FileIn("wal");
        new BackupService(Database).Backup(file);

        // A connection that keeps its writes in the -wal (no checkpoint) and stays open during the restore.
        using var holder = new SqliteConnection(Database.ConnectionString);
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_autocheckpoint = 0; UPDATE customers SET \"Name\" = \"Name\" || '（WAL）';";
            command.ExecuteNonQuery();
        }
        Assert.True(new FileInfo(LiveFile + "-wal").Length > 0);
        var changed = State(Database);

        var restored = new BackupService(Database).Restore(file, force: true);

        Assert.Equal(before, State(Database));
        using (var check = new SqliteConnection(Database.ConnectionString))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", command.ExecuteScalar());
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar());
        }
        holder.Close();
        Assert.Equal(before, State(Database));
        AssertPreviousHolds(restored.PreviousSavedTo!, changed);
    }

    [Fact]
    public void Restore_WhileAnotherConnectionKeepsWriting_RefusedAndNothingChanges()
    {
        Fill(Database);
        var file = FileIn("busy");
        new BackupService(Database).Backup(file);
        Change(Database);
        var changed = State(Database);
        using var writer = new SqliteConnection(Database.ConnectionString);
        writer.Open();
        using var tx = writer.BeginTransaction(deferred: false);

        var service = new BackupService(Database) { BusyTimeout = TimeSpan.FromMilliseconds(200) };
        var e = Assert.Throws<BackupException>(() => service.Restore(file, force: true));

        Assert.StartsWith("数据库一直被其他程序占用", e.Message);
        tx.Rollback();
        Assert.Equal(changed, State(Database));
        foreach (var saved in Directory.GetFiles(Path.GetDirectoryName(LiveFile)!, Path.GetFileName(LiveFile) + ".before-restore-*"))
            File.Delete(saved);
    }

    [Fact]
    public void Restore_IntoAFileThatIsNotADatabase_RefusedWithoutForce_SetAsideWithForce()
    {
        Fill(Database);
        var before = State(Database);
        var file = FileIn("b3");
        new BackupService(Database).Backup(file);
        var garbage = FileIn("garbage.db");
        File.WriteAllText(garbage, "not a database at all, but someone's file");
        var target = KaoheDatabase.Open("Data Source=" + garbage + ";Pooling=False");

        var e = Assert.Throws<BackupException>(() => new BackupService(target).Restore(file, force: false));
        Assert.Contains("不是可读取的 SQLite 数据库", e.Message);
        Assert.Equal("not a database at all, but someone's file", File.ReadAllText(garbage));

        var restored = new BackupService(target).Restore(file, force: true);
        Assert.Equal(before, State(target));
        Assert.Equal("not a database at all, but someone's file", File.ReadAllText(restored.PreviousSavedTo!));
    }

    [Fact]
    public void Backup_OfAMissingDatabaseFile_Refused()
    {
        var missing = KaoheDatabase.Open("Data Source=" + FileIn("none.db"));
        var e = Assert.Throws<BackupException>(() => new BackupService(missing).Backup(FileIn("b.db")));
        Assert.Contains("不存在", e.Message);
        Assert.False(File.Exists(FileIn("none.db")));
    }

    [Fact]
    public void Restore_CorruptedSqliteFile_Refused()
    {
        Fill(Database);
        var file = FileIn("corrupt");
        new BackupService(Database).Backup(file);
        var bytes = File.ReadAllBytes(file);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 8192; i++) bytes[i] = 0x5A;
        File.WriteAllBytes(file, bytes);
        using var target = TestDatabase.Create(DatabaseProvider.Sqlite);

        var e = Assert.Throws<BackupException>(() => new BackupService(target.Database).Restore(file, force: true));
        Assert.Contains("损坏", e.Message);
    }
}

public sealed class PostgresBackupTests() : BackupTests(DatabaseProvider.PostgreSql)
{
    private NpgsqlConnectionStringBuilder Cs => new(Database.ConnectionString);

    protected override void AssertPreviousHolds(string previous, SortedDictionary<string, string> changed)
    {
        Assert.Equal(Folder, Path.GetDirectoryName(previous));
        Assert.EndsWith(".dump", previous);
        using var other = TestDatabase.Create(DatabaseProvider.PostgreSql);
        new BackupService(other.Database).Restore(previous, force: false);
        Assert.Equal(changed, State(other.Database));
    }

    protected override IOpenWriter OpenWriterWithUncommittedAuditEntry() => new PostgresWriter(Database.ConnectionString);

    private sealed class PostgresWriter : IOpenWriter
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _tx;

        public PostgresWriter(string connectionString)
        {
            _connection = new NpgsqlConnection(connectionString);
            _connection.Open();
            _tx = _connection.BeginTransaction();
            using var insert = new NpgsqlCommand(
                "INSERT INTO audit_entries (\"At\", \"Actor\", \"Action\", \"Entity\", \"EntityKey\") VALUES (now(), 'w', '未提交', '测试', 'x')", _connection, _tx);
            insert.ExecuteNonQuery();
        }

        public void Commit() => _tx.Commit();

        public void Dispose()
        {
            _tx.Dispose();
            _connection.Dispose();
        }
    }

    protected override string ForeignBackup()
    {
        using var foreign = TestDatabase.Create(DatabaseProvider.PostgreSql);
        var cs = new NpgsqlConnectionStringBuilder(foreign.Database.ConnectionString);
        using (var connection = new NpgsqlConnection(cs.ToString()))
        {
            connection.Open();
            using var command = new NpgsqlCommand(
                "DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE notes (id serial PRIMARY KEY, text text); INSERT INTO notes (text) VALUES ('x');", connection);
            command.ExecuteNonQuery();
        }
        var file = FileIn("foreign.dump");
        new BackupService(foreign.Database).Backup(file);
        return file;
    }

    [Fact]
    public void Backup_WithoutPgDump_SaysHowToInstallIt()
    {
        var service = new BackupService(Database, null, new PostgresTools([Folder]));
        var e = Assert.Throws<BackupException>(() => service.Backup(FileIn("b.dump")));
        Assert.StartsWith("找不到 pg_dump", e.Message);
        Assert.Contains("postgresql-client", e.Message);
        Assert.Contains("docs/data.md", e.Message);
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Fact]
    public void Restore_OlderBackupIntoNewerSchema_DropsTheTablesTheBackupDoesNotKnow()
    {
        // A backup taken before a migration that added a table: simulated by a database without rating_forms.
        Fill(Database);
        using (var db = Db()) db.Database.ExecuteSqlRaw("DROP TABLE rating_forms");
        var file = FileIn("older");
        new BackupService(Database).Backup(file);
        using var target = TestDatabase.Create(DatabaseProvider.PostgreSql);
        Fill(target.Database);

        new BackupService(target.Database).Restore(file, force: true);

        using var connection = new NpgsqlConnection(target.Database.ConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT to_regclass('rating_forms') IS NULL", connection);
        Assert.Equal(true, exists.ExecuteScalar());
    }
}

/// <summary>How pg_dump and pg_restore are called: the password never on the command line.</summary>
public sealed class PostgresToolsBackupTests
{
    [Fact]
    public void Command_PasswordOnlyInTheEnvironment()
    {
        var cs = new NpgsqlConnectionStringBuilder("Host=db.example;Port=5433;Username=kaohe;Password=s3cret-pw;Database=kaohe;SSL Mode=Require");
        var (args, env) = PostgresTools.Command(cs, ["--format=custom", "--file=/tmp/x.dump"]);

        Assert.DoesNotContain(args, a => a.Contains("s3cret-pw", StringComparison.Ordinal));
        Assert.Equal("s3cret-pw", env["PGPASSWORD"]);
        Assert.Equal("require", env["PGSSLMODE"]);
        Assert.Equal(["--host=db.example", "--port=5433", "--username=kaohe", "--no-password", "--format=custom", "--file=/tmp/x.dump", "--dbname=kaohe"], args);
    }

    [Fact]
    public void ArchiveTables_ReadsTheTableEntriesOfTheList()
    {
        const string list = """
            ;
            ; Archive created at 2026-12-01 09:30:00 CST
            ;
            215; 1259 16390 TABLE public units postgres
            216; 1259 16391 TABLE public __EFMigrationsHistory postgres
            3390; 0 16390 TABLE DATA public units postgres
            3180; 2606 16400 CONSTRAINT public units PK_units postgres
            """;
        Assert.Equal(new HashSet<string> { "units", "__EFMigrationsHistory" }, BackupService.ArchiveTables(list));
    }

    [Fact]
    public void CopyRows_ReadsTheMigrationIds()
    {
        const string sql = "SET x = 1;\nCOPY public.\"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") FROM stdin;\n20261123140056_Initial\t10.0.1\n20261123173026_Accounts\t10.0.1\n\\.\n\n";
        Assert.Equal(["20261123140056_Initial", "20261123173026_Accounts"], BackupService.CopyRows(sql));
    }
}
