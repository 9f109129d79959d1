using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>
/// Serialises what must not interleave on one cycle: saving a form (shared: many raters at once) against releasing,
/// re-scoring and publishing (exclusive). Without it a submit that lands while the results are being computed is
/// accepted but left out of them. Call inside a transaction, before reading the cycle.
/// </summary>
/// <remarks>
/// PostgreSQL: a transaction-scoped advisory lock on the cycle (<c>pg_advisory_xact_lock_shared</c> /
/// <c>pg_advisory_xact_lock</c>), held until the transaction ends, so a release waits for saves in flight and saves
/// after it see the new status. An advisory lock lives in the lock manager only; a row lock (<c>FOR SHARE</c>) taken
/// by hundreds of raters at once rewrote the cycle's row as an ever larger multixact and, in the load benchmark,
/// exhausted the connection pool. SQLite: every write transaction EF begins is <c>BEGIN IMMEDIATE</c>, which already
/// takes the database's single write lock before the first read.
/// </remarks>
internal static class CycleLock
{
    // The first key of the two-key advisory lock: Kaohe's cycles ("KH"), apart from any other use of advisory locks.
    private const int Space = 0x4B48;

    public static void Shared(KaoheDb db, int cycleId) => Take(db, cycleId, shared: true);

    public static void Exclusive(KaoheDb db, int cycleId) => Take(db, cycleId, shared: false);

    private static void Take(KaoheDb db, int cycleId, bool shared)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("CycleLock needs a transaction");
        if (db.Provider != DatabaseProvider.PostgreSql) return;
        if (shared) db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock_shared({Space}, {cycleId})");
        else db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({Space}, {cycleId})");
    }
}
