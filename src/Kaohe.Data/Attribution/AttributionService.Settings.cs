using Kaohe.Core.Attribution;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Attribution;

/// <summary>A unit's attribution settings: the stored “键=值” lines and the effective values with their meanings.</summary>
public sealed record AttributionSettingsView(int UnitId, string Text, IReadOnlyList<KeyValuePair<string, string>> Effective, IReadOnlyList<SettingInfo> Available);

public sealed partial class AttributionService
{
    /// <summary>The settings of a unit (who may see the unit may see them).</summary>
    public AttributionSettingsView Settings(Actor actor, int unitId)
    {
        CheckSee(actor, unitId);
        var text = db.AttributionSettings.AsNoTracking().Where(s => s.UnitId == unitId).Select(s => s.Settings).SingleOrDefault() ?? "";
        var settings = AttributionSettingsStore.Parse(text, []);
        return new AttributionSettingsView(unitId, text, AttributionSettingsInput.Describe(settings), AttributionSettingsInput.Settings.Where(s => s.Key != AttributionSettingsInput.AsOfKey).ToList());
    }

    /// <summary>
    /// Stores a unit's settings (administrators and HR of the unit; empty text: the defaults). Refused with every
    /// problem when a line cannot be read; the change is audited (old → new) in the same <c>SaveChanges</c>.
    /// </summary>
    public AttributionSettingsView SaveSettings(Actor actor, int unitId, string? text)
    {
        CheckSee(actor, unitId);
        if (!actor.Manages || !MayDecide(actor, unitId)) throw CycleException.Forbidden("只有考核管理员可以修改案场的归属设置");
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length > 4000) throw new CycleException("设置最多 4000 个字", 400, fields: [new FieldProblem("设置", "最多 4000 个字")]);
        var problems = new List<string>();
        if (text.Contains(AttributionSettingsInput.AsOfKey, StringComparison.Ordinal)) problems.Add($"“{AttributionSettingsInput.AsOfKey}”不是案场设置：页面按所选月份读取结果");
        AttributionSettingsStore.Parse(text, problems);
        if (problems.Count > 0) throw new CycleException("设置未保存：" + string.Join("；", problems), 400, problems, [.. problems.Select(p => new FieldProblem("设置", p))]);
        var row = db.AttributionSettings.SingleOrDefault(s => s.UnitId == unitId);
        var old = row?.Settings ?? "";
        if (old == text) return Settings(actor, unitId);
        var now = _clock.GetUtcNow().UtcDateTime;
        if (row is null) db.AttributionSettings.Add(row = new UnitAttributionSettings { UnitId = unitId });
        row.Settings = text;
        row.UpdatedAt = now;
        row.UpdatedBy = AuditLog.Cut(actor.UserName, 64)!;
        AuditLog.Add(db, now, actor.UserName, new AuditNote("修改归属设置", "客户归属", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), "设置",
            old.Length == 0 ? "（默认）" : old, text.Length == 0 ? "（默认）" : text, UnitId: unitId), actor.Ip);
        db.SaveChanges();
        return Settings(actor, unitId);
    }
}
