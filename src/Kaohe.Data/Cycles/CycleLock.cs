using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>
/// Serialises what must not interleave on one cycle: saving a form (shared: many raters at once) against releasing,
/// re-scoring and publishing (exclusive). Without it a submit that lands while the results are being computed is
/// accepted but left out of them. Call inside a transaction, before reading the cycle.
/// </summary>
/// <remarks>
/// PostgreSQL: row locks on the cycle (<c>FOR SHARE</c> / <c>FOR UPDATE</c>), held until the transaction ends, so a
/// release waits for saves in flight and saves after it see the new status. SQLite: every write transaction EF begins
/// is <c>BEGIN IMMEDIATE</c>, which already takes the database's single write lock before the first read.
/// </remarks>
internal static class CycleLock
{
    public static void Shared(KaoheDb db, int cycleId) => Take(db, cycleId, "FOR SHARE");

    public static void Exclusive(KaoheDb db, int cycleId) => Take(db, cycleId, "FOR UPDATE");

    private static void Take(KaoheDb db, int cycleId, string mode)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("CycleLock needs a transaction");
        if (db.Provider != DatabaseProvider.PostgreSql) return;
        // mode is one of the two constants above, never user text.
#pragma warning disable EF1002
        db.Database.ExecuteSqlRaw($"SELECT 1 FROM cycles WHERE \"Id\" = {{0}} {mode}", cycleId);
#pragma warning restore EF1002
    }
}
