using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kaohe.Data.Backup;

/// <summary>An expected failure of a backup or a restore (missing file, not a Kaohe database, refusal): the message is for the clerk.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>The rows of one key table; <see cref="Rows"/> is null when the database has no such table (an older backup).</summary>
public sealed record TableCount(string Label, string Table, long? Rows);

/// <summary>What a backup wrote.</summary>
/// <param name="File">The backup file (full path).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Counts">Rows of the key tables in the backup.</param>
public sealed record BackupResult(string File, long Bytes, IReadOnlyList<TableCount> Counts);

/// <summary>What a restore put in place.</summary>
/// <param name="Source">The backup file restored from (full path).</param>
/// <param name="Counts">Rows of the key tables in the database now.</param>
/// <param name="PreviousSavedTo">Where the data the restore replaced was saved, or null when there was none.</param>
public sealed record RestoreResult(string Source, IReadOnlyList<TableCount> Counts, string? PreviousSavedTo);

/// <summary>
/// Backups a clerk can run while the web application works, and their restore (docs/data.md, "Backup and restore").
/// SQLite: SQLite's online backup API copies a consistent snapshot of the live file (WAL lets writers go on) into a
/// temporary file beside the target, which is checked and then renamed into place; a restore checks the file
/// (integrity, Kaohe tables, migrations this build knows), saves the current data beside the database and copies
/// the backup in with the same API, in one transaction. PostgreSQL: <c>pg_dump --format=custom</c> and
/// <c>pg_restore --clean --if-exists --no-owner --single-transaction</c> with the connection's parameters (the
/// password only in the child's environment). Backup files are readable by their owner only.
/// </summary>
public sealed class BackupService
{
    /// <summary>The tables counted in every report, with the words the clerk knows them by.</summary>
    public static readonly IReadOnlyList<(string Label, string Table)> KeyTables =
        [("单位", "units"), ("员工", "staff"), ("客户", "customers"), ("考核", "cycles"), ("审计记录", "audit_entries")];

    /// <summary>Tables without which a database is not a Kaohe database (those of the first migration, and the history).</summary>
    internal static readonly IReadOnlyList<string> RequiredTables = ["__EFMigrationsHistory", "units", "staff", "customers"];

    private const string MigrationsTable = "__EFMigrationsHistory";

    private readonly KaoheDatabase _database;
    private readonly TimeProvider _clock;
    private readonly PostgresTools _tools;

    public BackupService(KaoheDatabase database, TimeProvider? clock = null)
        : this(database, clock, PostgresTools.Default)
    {
    }

    internal BackupService(KaoheDatabase database, TimeProvider? clock, PostgresTools tools)
    {
        _database = database;
        _clock = clock ?? TimeProvider.System;
        _tools = tools;
    }

    /// <summary>How long a SQLite backup or restore waits for another connection's write to end.</summary>
    internal TimeSpan BusyTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Backs the database up to <paramref name="file"/>; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    public BackupResult Backup(string file, bool overwrite = false)
    {
        var target = Path.GetFullPath(file);
        if (Directory.Exists(target)) throw new BackupException($"“{target}”是文件夹：请给出备份文件的名字，例如 {Path.Combine(target, "kaohe-" + Stamp() + ".db")}");
        if (File.Exists(target) && !overwrite) throw new BackupException($"备份文件“{target}”已存在：请换一个文件名，或加 --force 覆盖它");
        var folder = Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"无法创建备份文件夹“{folder}”：{e.Message}");
        }
        return _database.Provider == DatabaseProvider.Sqlite ? BackupSqlite(target) : BackupPostgres(target);
    }

    /// <summary>
    /// Restores <paramref name="file"/> into the database. A database that holds data is replaced only when
    /// <paramref name="force"/>, and its data is first saved beside it (SQLite) or beside the backup file (PostgreSQL).
    /// </summary>
    public RestoreResult Restore(string file, bool force)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new BackupException($"找不到备份文件“{source}”");
        var kind = BackupFiles.Kind(source);
        var expected = _database.Provider == DatabaseProvider.Sqlite ? BackupKind.Sqlite : BackupKind.PostgresDump;
        if (kind == BackupKind.Unknown)
            throw new BackupException($"“{source}”不是 Kaohe 的备份文件：既不是 SQLite 数据库，也不是 pg_dump 的备份");
        if (kind != expected)
            throw new BackupException(kind == BackupKind.Sqlite
                ? $"“{source}”是 SQLite 数据库的备份，而目标是 PostgreSQL 数据库（{_database.Describe()}）：请恢复到 SQLite 文件（--db 文件路径）"
                : $"“{source}”是 PostgreSQL 数据库的备份（pg_dump），而目标是 SQLite 数据库（{_database.Describe()}）：请用 --db 指定 PostgreSQL 数据库");
        return _database.Provider == DatabaseProvider.Sqlite ? RestoreSqlite(source, force) : RestorePostgres(source, force);
    }

    // ------------------------------------------------------------------ SQLite

    private string SqliteFile()
    {
        var file = new SqliteConnectionStringBuilder(_database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase))
            throw new BackupException("内存数据库不能备份或恢复：请用 --db 指定数据库文件");
        return Path.GetFullPath(file);
    }

    private SqliteConnection OpenSqlite(string file, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder(_database.ConnectionString) { DataSource = file, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        // The backup API takes SQLite's locks itself: wait for a writer rather than fail at once.
        Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
        return connection;
    }

    private BackupResult BackupSqlite(string target)
    {
        var live = SqliteFile();
        if (!File.Exists(live)) throw new BackupException($"数据库文件“{live}”不存在：没有可备份的数据");
        if (SamePath(live, target)) throw new BackupException("备份文件不能是数据库文件本身");
        return BackupFiles.WithTemporary(BackupFiles.CreatePrivateTemp(target), temp =>
        {
            using (var source = OpenSqlite(live, SqliteOpenMode.ReadOnly))
            using (var copy = OpenSqlite(temp, SqliteOpenMode.ReadWrite))
            {
                // One step: a consistent snapshot of the committed state; in WAL mode writers are not blocked meanwhile.
                source.BackupDatabase(copy);
                // The copy is one self-contained file (no -wal beside it).
                Execute(copy, "PRAGMA journal_mode = DELETE;");
                if (Scalar(copy, "PRAGMA quick_check;") is not "ok")
                    throw new BackupException("备份文件校验未通过：数据库可能已损坏，请检查磁盘后重试");
            }
            var counts = CountSqlite(temp);
            BackupFiles.MoveIntoPlace(temp, target);
            return new BackupResult(target, new FileInfo(target).Length, counts);
        });
    }

    private RestoreResult RestoreSqlite(string source, bool force)
    {
        var live = SqliteFile();
        if (SamePath(live, source)) throw new BackupException("备份文件就是当前的数据库文件：无需恢复");
        // Every check is made on our own copy, so the file cannot change between the check and the restore.
        return BackupFiles.WithTemporary(BackupFiles.CreatePrivateTemp(live), temp =>
        {
            File.Copy(source, temp, overwrite: true);
            BackupFiles.MakePrivate(temp);
            CheckSqliteBackup(temp, source);
            string? previous = null;
            var counts = CountSqlite(temp);
            var exists = File.Exists(live);
            var (current, readable) = exists ? SqliteContents(live) : (null, true);
            if (current is not null && !force)
                throw new BackupException($"目标数据库“{live}”已有数据（{current}）：恢复会覆盖它们。确认要覆盖，请加 --force（覆盖前会先另存一份）");
            if (exists && readable)
            {
                using var liveConnection = OpenSqlite(live, SqliteOpenMode.ReadWrite);
                if (current is not null)
                {
                    previous = BackupFiles.FreeName($"{live}.before-restore-{Stamp()}");
                    SaveCurrentSqlite(liveConnection, previous);
                }
                using var restored = OpenSqlite(temp, SqliteOpenMode.ReadOnly);
                // Through SQLite, not by renaming files: the live file may be in WAL mode with pages in its -wal,
                // and other connections may have it open. The copy is one transaction of the destination.
                try
                {
                    restored.BackupDatabase(liveConnection);
                }
                catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
                {
                    throw new BackupException($"数据库一直被其他程序占用（写入中），恢复没有进行，数据库未改动：请先停止网页系统再恢复" +
                        (previous is null ? "" : $"（另存的 {previous} 可以删除）"));
                }
                Execute(liveConnection, "PRAGMA journal_mode = WAL;");
            }
            else
            {
                foreach (var stale in new[] { live + "-wal", live + "-shm" })
                    if (File.Exists(stale)) throw new BackupException($"数据库文件旁有“{stale}”，而数据库文件本身{(exists ? "无法读取" : "不存在")}：请先确认没有程序在使用数据库，删除它后重试");
                if (exists)
                {
                    // Not a database SQLite can open (so no -wal of its own to lose), replaced only with --force: set aside as it is.
                    previous = BackupFiles.FreeName($"{live}.before-restore-{Stamp()}");
                    File.Move(live, previous);
                }
                BackupFiles.MoveIntoPlace(temp, live);
                using var restored = OpenSqlite(live, SqliteOpenMode.ReadWrite);
                Execute(restored, "PRAGMA journal_mode = WAL;");
            }
            return new RestoreResult(source, counts, previous);
        });
    }

    private void SaveCurrentSqlite(SqliteConnection live, string previous)
    {
        var file = BackupFiles.CreatePrivate(previous);
        using var copy = OpenSqlite(file, SqliteOpenMode.ReadWrite);
        live.BackupDatabase(copy);
        Execute(copy, "PRAGMA journal_mode = DELETE;");
    }

    /// <summary>
    /// A short description of the data in a SQLite file ("单位 12，员工 60 …"), or null when it holds no data; a file
    /// SQLite cannot read counts as holding data (it is never replaced without --force).
    /// </summary>
    private (string? Description, bool Readable) SqliteContents(string file)
    {
        try
        {
            using var connection = OpenSqlite(file, SqliteOpenMode.ReadOnly);
            var tables = SqliteTables(connection);
            var withRows = tables.Where(t => t != MigrationsTable && !t.StartsWith("sqlite_", StringComparison.Ordinal))
                .Count(t => Scalar(connection, $"SELECT EXISTS (SELECT 1 FROM {Quote(t)});") is 1L);
            return (withRows == 0 ? null : Describe(CountTables(connection, tables), withRows), true);
        }
        catch (SqliteException)
        {
            return ("不是可读取的 SQLite 数据库", false);
        }
    }

    private void CheckSqliteBackup(string copy, string shownAs)
    {
        string integrity;
        HashSet<string> tables;
        List<string> migrations;
        try
        {
            using var connection = OpenSqlite(copy, SqliteOpenMode.ReadOnly);
            integrity = string.Join("；", Column(connection, "PRAGMA integrity_check;").Take(5));
            tables = SqliteTables(connection);
            migrations = tables.Contains(MigrationsTable) ? Column(connection, $"SELECT MigrationId FROM {Quote(MigrationsTable)} ORDER BY MigrationId;") : [];
        }
        catch (SqliteException)
        {
            throw new BackupException($"“{shownAs}”无法作为 SQLite 数据库读取：文件已损坏，或不是 SQLite 数据库");
        }
        if (integrity != "ok") throw new BackupException($"“{shownAs}”已损坏（完整性检查：{integrity}），不能恢复");
        CheckKaohe(shownAs, tables, migrations);
    }

    /// <summary>Refuses a database without the Kaohe tables, or with migrations this build does not know (a newer version's).</summary>
    private void CheckKaohe(string shownAs, IReadOnlySet<string> tables, IReadOnlyList<string> migrations)
    {
        var missing = RequiredTables.Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0 || migrations.Count == 0)
            throw new BackupException($"“{shownAs}”不是 Kaohe 的数据库备份：缺少数据表 {string.Join("、", missing.DefaultIfEmpty(MigrationsTable))}");
        using var db = _database.CreateContext();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = migrations.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new BackupException($"“{shownAs}”来自更新版本的 Kaohe（本版本不认识其数据库结构 {string.Join("、", unknown)}）：请用新版本的 kaohe 恢复");
    }

    private static HashSet<string> SqliteTables(SqliteConnection connection) =>
        Column(connection, "SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet(StringComparer.Ordinal);

    private List<TableCount> CountSqlite(string file)
    {
        using var connection = OpenSqlite(file, SqliteOpenMode.ReadOnly);
        return CountTables(connection, SqliteTables(connection));
    }

    // ------------------------------------------------------------------ PostgreSQL

    private BackupResult BackupPostgres(string target)
    {
        var pgDump = _tools.Require("pg_dump");
        var cs = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        return BackupFiles.WithTemporary(BackupFiles.CreatePrivateTemp(target), temp =>
        {
            using var connection = OpenPostgres(cs);
            // The counts and the dump see the same snapshot: pg_dump joins this transaction's exported snapshot.
            using var tx = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            var snapshot = (string)Scalar(connection, "SELECT pg_export_snapshot();", tx)!;
            var counts = CountTables(connection, PostgresTables(connection, tx), tx);
            _tools.Run(pgDump, cs, ["--format=custom", "--file=" + temp, "--snapshot=" + snapshot], "备份");
            tx.Commit();
            BackupFiles.MakePrivate(temp);   // pg_dump may have re-created the file with the default mode
            BackupFiles.MoveIntoPlace(temp, target);
            return new BackupResult(target, new FileInfo(target).Length, counts);
        });
    }

    private RestoreResult RestorePostgres(string source, bool force)
    {
        var pgRestore = _tools.Require("pg_restore");
        var cs = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        // pg_restore reads the archive by name; check and restore the same bytes from our own copy.
        return BackupFiles.WithTemporary(BackupFiles.CreatePrivateTemp(Path.Combine(Path.GetTempPath(), "kaohe-restore.dump")), temp =>
        {
            File.Copy(source, temp, overwrite: true);
            var list = _tools.Run(pgRestore, null, ["--list", temp], "读取备份");
            var archived = ArchiveTables(list);
            var history = _tools.Run(pgRestore, null, ["--data-only", "--table=" + MigrationsTable, "--file=-", temp], "读取备份");
            CheckKaohe(source, archived, CopyRows(history));

            EnsurePostgresDatabase();
            string? previous = null;
            using (var connection = OpenPostgres(cs))
            {
                var tables = PostgresTables(connection, null);
                var current = PostgresContents(connection, tables);
                if (current is not null)
                {
                    if (!force)
                        throw new BackupException($"目标数据库 {_database.Describe()} 已有数据（{current}）：恢复会覆盖它们。确认要覆盖，请加 --force（覆盖前会先另存一份）");
                    previous = BackupFiles.FreeName(Path.Combine(Path.GetDirectoryName(source)!, $"{cs.Database}.before-restore-{Stamp()}.dump"));
                    BackupPostgres(previous);
                }
            }

            try
            {
                DropTablesNotInArchive(cs, archived);
                _tools.Run(pgRestore, cs, ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--dbname=" + cs.Database, temp], "恢复");
            }
            catch (BackupException e) when (previous is not null)
            {
                throw new BackupException($"{e.Message}\n恢复前的数据已另存为 {previous}，可用 kaohe restore \"{previous}\" --force 还原");
            }
            using var after = OpenPostgres(cs);
            return new RestoreResult(source, CountTables(after, PostgresTables(after, null), null), previous);
        });
    }

    /// <summary>
    /// Restoring a backup older than the database: --clean drops only what the archive has, so the tables of the newer
    /// migrations would stay behind (and their foreign keys would stop --clean from dropping the tables they point
    /// to); the restored history no longer lists them, so the next migration would fail on them. They are dropped
    /// first, and only tables of Kaohe's model.
    /// </summary>
    private void DropTablesNotInArchive(NpgsqlConnectionStringBuilder cs, IReadOnlySet<string> archived)
    {
        using var db = _database.CreateContext();
        var model = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        using var connection = OpenPostgres(cs);
        var stale = PostgresTables(connection, null).Where(t => model.Contains(t) && !archived.Contains(t)).ToList();
        if (stale.Count == 0) return;
        using var tx = connection.BeginTransaction();
        foreach (var table in stale) Execute(connection, $"DROP TABLE IF EXISTS {Quote(table)} CASCADE;", tx);
        tx.Commit();
    }

    private void EnsurePostgresDatabase()
    {
        using var db = _database.CreateContext();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!creator.Exists()) creator.Create();
    }

    private NpgsqlConnection OpenPostgres(NpgsqlConnectionStringBuilder cs)
    {
        var connection = new NpgsqlConnection(cs.ToString());
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new BackupException($"无法连接数据库 {_database.Describe()}：{(e is PostgresException pg ? pg.MessageText : e.Message)}");
        }
        return connection;
    }

    private static HashSet<string> PostgresTables(NpgsqlConnection connection, NpgsqlTransaction? tx) =>
        Column(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE';", tx)
            .ToHashSet(StringComparer.Ordinal);

    private static string? PostgresContents(NpgsqlConnection connection, HashSet<string> tables)
    {
        var withRows = tables.Where(t => t != MigrationsTable)
            .Count(t => Scalar(connection, $"SELECT EXISTS (SELECT 1 FROM {Quote(t)});") is true);
        return withRows == 0 ? null : Describe(CountTables(connection, tables), withRows);
    }

    /// <summary>The tables of a custom-format archive, from <c>pg_restore --list</c> ("… TABLE public units owner").</summary>
    internal static HashSet<string> ArchiveTables(string list)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in list.Split('\n'))
        {
            if (line.StartsWith(';')) continue;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.IndexOf(words, "TABLE");
            // "TABLE DATA" lines name the same tables; the schema-qualified form is "TABLE <schema> <name> <owner>".
            if (at >= 0 && at + 2 < words.Length && words[at + 1] != "DATA") tables.Add(words[at + 2]);
        }
        return tables;
    }

    /// <summary>The first column of the rows of a COPY block in pg_restore's SQL output (the migration ids).</summary>
    internal static List<string> CopyRows(string sql)
    {
        var rows = new List<string>();
        var inCopy = false;
        foreach (var raw in sql.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!inCopy)
            {
                inCopy = line.StartsWith("COPY ", StringComparison.Ordinal) && line.EndsWith("FROM stdin;", StringComparison.Ordinal);
                continue;
            }
            if (line == "\\.") break;
            rows.Add(line.Split('\t')[0]);
        }
        return rows;
    }

    // ------------------------------------------------------------------ shared

    private static List<TableCount> CountTables(System.Data.Common.DbConnection connection, IReadOnlySet<string> tables, System.Data.Common.DbTransaction? tx = null) =>
        [.. KeyTables.Select(k => new TableCount(k.Label, k.Table,
            tables.Contains(k.Table) ? Convert.ToInt64(Scalar(connection, $"SELECT COUNT(*) FROM {Quote(k.Table)};", tx), CultureInfo.InvariantCulture) : null))];

    private static string Describe(IReadOnlyList<TableCount> counts, int tablesWithRows)
    {
        var known = counts.Where(c => c.Rows is > 0).Select(c => $"{c.Label} {c.Rows:N0}").ToList();
        return known.Count > 0 ? string.Join("，", known) : $"{tablesWithRows} 个数据表有记录";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Execute(System.Data.Common.DbConnection connection, string sql, System.Data.Common.DbTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(System.Data.Common.DbConnection connection, string sql, System.Data.Common.DbTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteScalar();
    }

    private static List<string> Column(System.Data.Common.DbConnection connection, string sql, System.Data.Common.DbTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Local time for file names a clerk reads: 20261201-093000.</summary>
    private string Stamp() => _clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}
