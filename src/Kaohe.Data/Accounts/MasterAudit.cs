using System.Globalization;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kaohe.Data.Accounts;

/// <summary>
/// The audit of the organisation's master data — units and staff, which decide who rates whom and who sees what:
/// every unit or staff member added, and every field changed (old → new, units and supervisors by their codes), is
/// written to the audit trail by <see cref="KaoheDb.SaveChanges(bool)"/> whenever the context has an
/// <see cref="KaoheDb.AuditActor"/> (imports set it; the demo company, created in bulk, does not).
/// </summary>
internal static class MasterAudit
{
    public static void Write(KaoheDb db, string actor, DateTime now)
    {
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity is OrgUnit or Staff).ToList();
        if (entries.Count == 0) return;
        var unitCodes = new Dictionary<int, string>();
        var staffNos = new Dictionary<int, string>();
        string Unit(int? id) => id is not { } i ? "（无）" : unitCodes.TryGetValue(i, out var c) ? c
            : unitCodes[i] = db.Units.AsNoTracking().Where(u => u.Id == i).Select(u => u.Code).SingleOrDefault() ?? i.ToString(CultureInfo.InvariantCulture);
        string Person(int? id) => id is not { } i ? "（无）" : staffNos.TryGetValue(i, out var c) ? c
            : staffNos[i] = db.Staff.AsNoTracking().Where(s => s.Id == i).Select(s => s.EmployeeNo).SingleOrDefault() ?? i.ToString(CultureInfo.InvariantCulture);
        string? Show(PropertyEntry p, object? value) => p.Metadata.Name switch
        {
            "ParentId" or "UnitId" => Unit((int?)value),
            "SupervisorId" => Person((int?)value),
            "Kind" when value is UnitKind k => Words(k),
            _ => value switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            },
        };
        foreach (var e in entries)
        {
            var (what, key, unit) = e.Entity switch
            {
                OrgUnit u => ("单位", u.Code, e.State == EntityState.Added ? null : (int?)u.Id),
                Staff s => ("员工", s.EmployeeNo, (int?)s.UnitId),
                _ => throw new InvalidOperationException("only units and staff"),
            };
            var fields = e.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !p.Metadata.IsShadowProperty()).ToList();
            if (e.State == EntityState.Added)
            {
                var all = string.Join("；", fields.Select(p => $"{FieldWords.Field(p.Metadata.Name)}={Show(p, p.CurrentValue) ?? "（空）"}"));
                AuditLog.Add(db, now, actor, new AuditNote("新增" + what, what, key, null, null, all, null, UnitId: unit));
                continue;
            }
            foreach (var p in fields.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
                AuditLog.Add(db, now, actor, new AuditNote("修改" + what, what, key, FieldWords.Field(p.Metadata.Name),
                    Show(p, p.OriginalValue), Show(p, p.CurrentValue), null, UnitId: unit));
        }
    }

    private static string Words(UnitKind k) => k switch
    {
        UnitKind.Company => "公司",
        UnitKind.Department => "部门",
        UnitKind.Office => "办事处",
        UnitKind.Team => "小组",
        UnitKind.Region => "区域",
        UnitKind.Function => "职能",
        _ => "项目",
    };
}
