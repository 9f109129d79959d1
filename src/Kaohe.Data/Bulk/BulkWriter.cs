using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using static Kaohe.Data.Bulk.BulkValues;

namespace Kaohe.Data.Bulk;

/// <summary>
/// Saves the tracked changes of one entity type set-based, for the steps that change a whole cycle at once (release,
/// a re-score, publication): ten thousand results and their audit lines through <c>SaveChanges</c> are ten thousand
/// statements, here they are one <c>COPY</c> and one <c>UPDATE … FROM</c> on PostgreSQL, and one prepared statement
/// stepped per row on SQLite. Added entities are inserted (their generated keys are not read back: they are no longer
/// tracked afterwards, so use this for rows nothing else in the unit of work refers to, such as audit entries);
/// modified ones are updated with every mapped column, on the condition that their concurrency tokens still hold
/// their original values, else <see cref="DbUpdateConcurrencyException"/> as <c>SaveChanges</c> would throw. Runs in
/// the caller's transaction, which must be open: if anything later fails, nothing of this is kept.
/// </summary>
internal static class BulkWriter
{
    private const string Stage = "kaohe_bulk";

    /// <summary>
    /// Writes the added and modified entities of each of <paramref name="types"/> (in that order) and marks them saved.
    /// Changes are detected once, here; the caller's <c>SaveChanges</c> for the rest then need not look again.
    /// </summary>
    public static void Flush(KaoheDb db, params Type[] types)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("a bulk write needs the caller's transaction");
        db.ChangeTracker.DetectChanges();
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var type in types) Flush(db, type);
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException)
        {
            // As SaveChanges reports it, so that callers handle a unique key or a foreign key the same way.
            throw new DbUpdateException(e.Message, e);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    private static void Flush(KaoheDb db, Type type)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.Metadata.ClrType == type && e.State is EntityState.Added or EntityState.Modified).ToList();
        if (entries.Count == 0) return;
        var added = entries.Where(e => e.State == EntityState.Added).ToList();
        var modified = entries.Where(e => e.State == EntityState.Modified).ToList();
        if (added.Count > 0)
        {
            var map = new Map(db, type, null);
            if (db.Provider == DatabaseProvider.PostgreSql) map.CopyInsert(db, added);
            else map.SqliteInsert(db, added);
            // The database gave their keys; EF does not know them: they leave the unit of work as written.
            foreach (var e in added) e.State = EntityState.Detached;
        }
        if (modified.Count > 0)
        {
            // Only the columns some entity changed are written.
            var map = new Map(db, type, modified);
            var updated = db.Provider == DatabaseProvider.PostgreSql ? map.CopyUpdate(db, modified) : map.SqliteUpdate(db, modified);
            if (updated != modified.Count)
                throw new DbUpdateConcurrencyException($"{map.Table}: {modified.Count - updated} of {modified.Count} rows were changed or deleted meanwhile");
            // Written: they leave the unit of work (accepting ten thousand entries' values costs more than the write).
            foreach (var e in modified) e.State = EntityState.Detached;
        }
    }

    /// <summary>The table of an entity type: its key, the columns an insert writes and an update sets, the concurrency tokens.</summary>
    private sealed class Map
    {
        public readonly string Table;
        private readonly IProperty _key;
        private readonly string _keyColumn;
        private readonly IProperty[] _insert;
        private readonly IProperty[] _set;
        private readonly IProperty[] _tokens;
        private readonly Func<IProperty, string> _column;

        /// <summary>The map of <paramref name="type"/>; an update sets the properties modified in any of <paramref name="modified"/>.</summary>
        public Map(KaoheDb db, Type type, List<EntityEntry>? modified)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            Table = entity.GetTableName()!;
            var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
            _column = p => p.GetColumnName(table)!;
            var pk = entity.FindPrimaryKey()!.Properties;
            if (pk.Count != 1) throw new InvalidOperationException($"{type.Name}: a bulk write needs a single-column key");
            _key = pk[0];
            _keyColumn = _column(_key);
            var all = entity.GetProperties().ToArray();
            _insert = [.. all.Where(p => p != _key || p.ValueGenerated == ValueGenerated.Never)];
            _set = [.. all.Where(p => p != _key && (modified is null || modified.Any(e => e.Property(p.Name).IsModified)))];
            _tokens = [.. all.Where(p => p.IsConcurrencyToken)];
        }

        private string Columns(IEnumerable<IProperty> ps) => string.Join(", ", ps.Select(p => Q(_column(p))));

        private NpgsqlDbType[] Types(IEnumerable<IProperty> ps, KaoheDb db)
        {
            var entity = db.Model.FindEntityType(_key.DeclaringType.ClrType)!;
            var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
            return [.. ps.Select(p => TypeOf(p.GetColumnType(table)))];
        }

        private static object? Current(EntityEntry e, IProperty p) => ToProvider(p, e.CurrentValues[p]);

        private static object? Original(EntityEntry e, IProperty p) => ToProvider(p, e.OriginalValues[p]);

        private static DbCommand Command(KaoheDb db, string sql)
        {
            var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandTimeout = 0;
            return cmd;
        }

        private static int Execute(KaoheDb db, string sql)
        {
            using var cmd = Command(db, sql);
            return cmd.ExecuteNonQuery();
        }

        private void Copy(KaoheDb db, string target, IProperty[] columns, IEnumerable<object?[]> rows)
        {
            var types = Types(columns, db);
            var names = columns.Select(p => $"{Table}.{_column(p)}").ToArray();
            using var copy = ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImport(
                $"COPY {target} FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                copy.StartRow();
                for (var i = 0; i < row.Length; i++) Write(copy, row[i], types[i], names[i]);
            }
            copy.Complete();
        }

        /// <summary>PostgreSQL: one binary COPY straight into the table.</summary>
        public void CopyInsert(KaoheDb db, IEnumerable<EntityEntry> rows) =>
            Copy(db, $"{Q(Table)} ({Columns(_insert)})", _insert, rows.Select(e => _insert.Select(p => Current(e, p)).ToArray()));

        /// <summary>PostgreSQL: the new values (and the tokens' old ones) copied to a temporary table, then one UPDATE … FROM it.</summary>
        public int CopyUpdate(KaoheDb db, IEnumerable<EntityEntry> rows)
        {
            var tokens = _tokens.Select((p, i) => $"{Q(_column(p))} AS kaohe_t{i}");
            Execute(db, $"DROP TABLE IF EXISTS {Stage}");
            Execute(db, $"CREATE TEMP TABLE {Stage} ON COMMIT DROP AS SELECT {string.Join(", ", [Q(_keyColumn), .. tokens, Columns(_set)])} FROM {Q(Table)} WITH NO DATA");
            IProperty[] staged = [_key, .. _tokens, .. _set];
            Copy(db, Stage, staged, rows.Select(e => (object?[])[Current(e, _key), .. _tokens.Select(p => Original(e, p)), .. _set.Select(p => Current(e, p))]));
            var updated = Execute(db, $"""
                UPDATE {Q(Table)} AS t SET {string.Join(", ", _set.Select(p => $"{Q(_column(p))} = s.{Q(_column(p))}"))}
                FROM {Stage} AS s
                WHERE t.{Q(_keyColumn)} = s.{Q(_keyColumn)}{string.Concat(_tokens.Select((p, i) => $" AND t.{Q(_column(p))} IS NOT DISTINCT FROM s.kaohe_t{i}"))}
                """);
            Execute(db, $"DROP TABLE {Stage}");
            return updated;
        }

        /// <summary>SQLite: one prepared INSERT, stepped per row.</summary>
        public void SqliteInsert(KaoheDb db, IEnumerable<EntityEntry> rows) =>
            Step(db, $"INSERT INTO {Q(Table)} ({Columns(_insert)}) VALUES ({string.Join(", ", _insert.Select(_ => "?"))})",
                rows.Select(e => _insert.Select(p => Current(e, p)).ToArray()), _insert);

        /// <summary>SQLite: one prepared UPDATE … WHERE key AND tokens unchanged, stepped per row; returns the rows it changed.</summary>
        public int SqliteUpdate(KaoheDb db, IEnumerable<EntityEntry> rows)
        {
            var sql = $"UPDATE {Q(Table)} SET {string.Join(", ", _set.Select(p => Q(_column(p)) + " = ?"))} WHERE {Q(_keyColumn)} = ?"
                      + string.Concat(_tokens.Select(p => $" AND {Q(_column(p))} IS ?"));
            return Step(db, sql, rows.Select(e => (object?[])[.. _set.Select(p => Current(e, p)), Current(e, _key), .. _tokens.Select(p => Original(e, p))]),
                [.. _set, _key, .. _tokens]);
        }

        private int Step(KaoheDb db, string sql, IEnumerable<object?[]> rows, IProperty[] columns)
        {
            var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle ?? throw new InvalidOperationException("SQLite connection is not open");
            var names = columns.Select(p => $"{Table}.{_column(p)}").ToArray();
            Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var stmt));
            using (stmt)
            {
                var changed = 0;
                foreach (var row in rows)
                {
                    for (var i = 0; i < row.Length; i++) Check(handle, Bind(stmt, i + 1, row[i], names[i]));
                    var rc = raw.sqlite3_step(stmt);
                    if (rc != raw.SQLITE_DONE) Check(handle, rc);
                    changed += raw.sqlite3_changes(handle);
                    Check(handle, raw.sqlite3_reset(stmt));
                }
                return changed;
            }
        }
    }
}
