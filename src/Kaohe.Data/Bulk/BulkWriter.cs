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
            map.Insert(db, added.Select(Tracked));
            // The database gave their keys; EF does not know them: they leave the unit of work as written.
            foreach (var e in added) e.State = EntityState.Detached;
        }
        if (modified.Count > 0)
        {
            // Only the columns some entity changed are written.
            var changed = new Map(db, type, null).Properties.Where(p => modified.Any(e => e.Property(p.Name).IsModified)).Select(p => p.Name).ToList();
            var map = new Map(db, type, changed);
            map.Update(db, modified.Select(Tracked), modified.Count);
            // Written: they leave the unit of work (accepting ten thousand entries' values costs more than the write).
            foreach (var e in modified) e.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Updates <paramref name="properties"/> of entities the context does not track (read without tracking and changed
    /// in memory), where each one's concurrency tokens still hold <paramref name="originalTokens"/> (in the model's
    /// property order), else <see cref="DbUpdateConcurrencyException"/>. In the caller's transaction, which must be open.
    /// </summary>
    public static void Update<T>(KaoheDb db, IReadOnlyCollection<T> entities, IReadOnlyList<string> properties, Func<T, object?[]> originalTokens)
        where T : class
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("a bulk write needs the caller's transaction");
        if (entities.Count == 0) return;
        var map = new Map(db, typeof(T), properties);
        try
        {
            map.Update(db, entities.Select(e => map.Untracked(e, originalTokens(e).Select(t => (object?)t).ToArray())), entities.Count);
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException)
        {
            throw new DbUpdateException(e.Message, e);
        }
    }

    /// <summary>
    /// Inserts entities the context does not track (their generated keys are not read back). In the caller's
    /// transaction, which must be open.
    /// </summary>
    public static void Insert<T>(KaoheDb db, IReadOnlyCollection<T> entities) where T : class
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("a bulk write needs the caller's transaction");
        if (entities.Count == 0) return;
        var map = new Map(db, typeof(T), null);
        try
        {
            map.Insert(db, entities.Select(e => map.Untracked(e, null)));
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException)
        {
            throw new DbUpdateException(e.Message, e);
        }
    }

    /// <summary>One row to write: a property's value now, and a concurrency token's value as read (provider values).</summary>
    private sealed record Row(Func<IProperty, object?> Current, Func<IProperty, int, object?> Original);

    private static Row Tracked(EntityEntry e) =>
        new(p => ToProvider(p, e.CurrentValues[p]), (p, _) => ToProvider(p, e.OriginalValues[p]));

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

        private readonly Dictionary<IProperty, Func<object, object?>> _getters;

        /// <summary>The map of <paramref name="type"/>; an update sets <paramref name="set"/> (property names), by default every column.</summary>
        public Map(KaoheDb db, Type type, IReadOnlyList<string>? set)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            Table = entity.GetTableName()!;
            var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
            _column = p => p.GetColumnName(table)!;
            var pk = entity.FindPrimaryKey()!.Properties;
            if (pk.Count != 1) throw new InvalidOperationException($"{type.Name}: a bulk write needs a single-column key");
            _key = pk[0];
            _keyColumn = _column(_key);
            Properties = entity.GetProperties().ToArray();
            _insert = [.. Properties.Where(p => p != _key || p.ValueGenerated == ValueGenerated.Never)];
            _set = set is null ? [.. Properties.Where(p => p != _key)]
                : [.. set.Select(n => entity.FindProperty(n) ?? throw new InvalidOperationException($"{type.Name} has no property {n}"))];
            _tokens = [.. Properties.Where(p => p.IsConcurrencyToken)];
            _getters = [];
        }

        /// <summary>Every mapped property, in the model's order.</summary>
        public IProperty[] Properties { get; }

        /// <summary>A row of an entity the context does not track: values read by compiled getters, the tokens as given.</summary>
        public Row Untracked(object entity, object?[]? tokens)
        {
            if (tokens is not null && tokens.Length != _tokens.Length)
                throw new InvalidOperationException($"{Table}: {_tokens.Length} concurrency tokens expected, {tokens.Length} given");
            return new Row(p => Getter(p)(entity), (p, i) => tokens is null
                ? throw new InvalidOperationException($"{Table}: no original values of the concurrency tokens were given")
                : ToProvider(p, tokens[i]));
        }

        private Func<object, object?> Getter(IProperty p)
        {
            if (!_getters.TryGetValue(p, out var get)) _getters[p] = get = BulkValues.Getter(p);
            return get;
        }

        public void Insert(KaoheDb db, IEnumerable<Row> rows)
        {
            if (db.Provider == DatabaseProvider.PostgreSql) CopyInsert(db, rows);
            else SqliteInsert(db, rows);
        }

        /// <summary>Updates the rows; a row whose tokens moved on (or that is gone) makes it a conflict.</summary>
        public void Update(KaoheDb db, IEnumerable<Row> rows, int count)
        {
            var updated = db.Provider == DatabaseProvider.PostgreSql ? CopyUpdate(db, rows) : SqliteUpdate(db, rows);
            if (updated != count)
                throw new DbUpdateConcurrencyException($"{Table}: {count - updated} of {count} rows were changed or deleted meanwhile");
        }

        private string Columns(IEnumerable<IProperty> ps) => string.Join(", ", ps.Select(p => Q(_column(p))));

        private NpgsqlDbType[] Types(IEnumerable<IProperty> ps, KaoheDb db)
        {
            var entity = db.Model.FindEntityType(_key.DeclaringType.ClrType)!;
            var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
            return [.. ps.Select(p => TypeOf(p.GetColumnType(table)))];
        }

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
        private void CopyInsert(KaoheDb db, IEnumerable<Row> rows) =>
            Copy(db, $"{Q(Table)} ({Columns(_insert)})", _insert, rows.Select(r => _insert.Select(r.Current).ToArray()));

        /// <summary>PostgreSQL: the new values (and the tokens' old ones) copied to a temporary table, then one UPDATE … FROM it.</summary>
        private int CopyUpdate(KaoheDb db, IEnumerable<Row> rows)
        {
            var tokens = _tokens.Select((p, i) => $"{Q(_column(p))} AS kaohe_t{i}");
            Execute(db, $"DROP TABLE IF EXISTS {Stage}");
            Execute(db, $"CREATE TEMP TABLE {Stage} ON COMMIT DROP AS SELECT {string.Join(", ", [Q(_keyColumn), .. tokens, Columns(_set)])} FROM {Q(Table)} WITH NO DATA");
            IProperty[] staged = [_key, .. _tokens, .. _set];
            Copy(db, Stage, staged, rows.Select(r => (object?[])[r.Current(_key), .. _tokens.Select(r.Original), .. _set.Select(r.Current)]));
            var updated = Execute(db, $"""
                UPDATE {Q(Table)} AS t SET {string.Join(", ", _set.Select(p => $"{Q(_column(p))} = s.{Q(_column(p))}"))}
                FROM {Stage} AS s
                WHERE t.{Q(_keyColumn)} = s.{Q(_keyColumn)}{string.Concat(_tokens.Select((p, i) => $" AND t.{Q(_column(p))} IS NOT DISTINCT FROM s.kaohe_t{i}"))}
                """);
            Execute(db, $"DROP TABLE {Stage}");
            return updated;
        }

        /// <summary>SQLite: one prepared INSERT, stepped per row.</summary>
        private void SqliteInsert(KaoheDb db, IEnumerable<Row> rows) =>
            Step(db, $"INSERT INTO {Q(Table)} ({Columns(_insert)}) VALUES ({string.Join(", ", _insert.Select(_ => "?"))})",
                rows.Select(r => _insert.Select(r.Current).ToArray()), _insert);

        /// <summary>SQLite: one prepared UPDATE … WHERE key AND tokens unchanged, stepped per row; returns the rows it changed.</summary>
        private int SqliteUpdate(KaoheDb db, IEnumerable<Row> rows)
        {
            var sql = $"UPDATE {Q(Table)} SET {string.Join(", ", _set.Select(p => Q(_column(p)) + " = ?"))} WHERE {Q(_keyColumn)} = ?"
                      + string.Concat(_tokens.Select(p => $" AND {Q(_column(p))} IS ?"));
            return Step(db, sql, rows.Select(r => (object?[])[.. _set.Select(r.Current), r.Current(_key), .. _tokens.Select(r.Original)]),
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
