using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data;

/// <summary>Keeps the <see cref="UnitClosure"/> table in step with the unit tree.</summary>
public static class UnitTree
{
    /// <summary>Every unit's name by id (for lists that show the unit of each row).</summary>
    public static Dictionary<int, string> Names(KaoheDb db) =>
        db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionary(u => u.Id, u => u.Name);

    /// <summary>
    /// Recomputes the closure of the whole tree (org trees have hundreds of units, not millions) inside the
    /// caller's transaction. Throws <see cref="InvalidOperationException"/> with the units' codes on a cycle.
    /// </summary>
    public static void RebuildClosure(KaoheDb db)
    {
        var units = db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Code }).ToList();
        var parent = units.ToDictionary(u => u.Id, u => u.ParentId);
        var code = units.ToDictionary(u => u.Id, u => u.Code);
        var rows = new List<UnitClosure>(units.Count * 4);
        foreach (var u in units)
        {
            var seen = new HashSet<int>();
            int? current = u.Id;
            var depth = 0;
            while (current is { } id)
            {
                if (!seen.Add(id))
                    throw new InvalidOperationException($"组织单位的上级关系成环：{string.Join(" → ", seen.Select(s => code[s]))} → {code[id]}");
                rows.Add(new UnitClosure { AncestorId = id, DescendantId = u.Id, Depth = depth++ });
                current = parent.GetValueOrDefault(id);
            }
        }
        db.UnitClosure.ExecuteDelete();
        db.UnitClosure.AddRange(rows);
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
}
