using Kaohe.Data.Model;

namespace Kaohe.Data.Accounts;

/// <summary>
/// What one audit entry says: who (login name, address), what (action, entity, key, field), old → new, why, and
/// the cycle and unit it belongs to (so HR scoped to a unit sees only their part of the trail).
/// </summary>
public sealed record AuditNote(
    string Action, string Entity, string EntityKey,
    string? Field = null, string? OldValue = null, string? NewValue = null, string? Reason = null,
    int? CycleId = null, int? UnitId = null);

/// <summary>
/// The one way entries enter the audit trail. Entries are added to the context and saved with the change they
/// describe (same <c>SaveChanges</c>, same transaction). Texts longer than their columns are cut with “…”, never
/// refused: the trail must not be the reason a change fails.
/// </summary>
public static class AuditLog
{
    /// <summary>Adds an entry made by <paramref name="actor"/> (a login name; "system" for the application) at <paramref name="at"/>.</summary>
    public static AuditEntry Add(KaoheDb db, DateTime at, string actor, AuditNote note, string? ip = null)
    {
        var entry = New(at, actor, note, ip);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// An entry not yet in any context, for a step that writes many at once (<see cref="Bulk.BulkWriter.Insert{T}"/>,
    /// in the same transaction as the change it describes).
    /// </summary>
    public static AuditEntry New(DateTime at, string actor, AuditNote note, string? ip = null)
    {
        return new AuditEntry
        {
            At = at, Actor = Cut(actor, 64)!, Action = Cut(note.Action, 32)!, Entity = Cut(note.Entity, 32)!,
            EntityKey = Cut(note.EntityKey, 200)!, Field = Cut(note.Field, 100), OldValue = Cut(note.OldValue, 2000),
            NewValue = Cut(note.NewValue, 2000), Reason = Cut(note.Reason, 2000), CycleId = note.CycleId, UnitId = note.UnitId,
            Ip = Cut(ip, 64),
        };
    }

    /// <summary>Text cut to <paramref name="max"/> characters (the last one “…”).</summary>
    public static string? Cut(string? text, int max) => text is { } t && t.Length > max ? t[..(max - 1)] + "…" : text;
}
