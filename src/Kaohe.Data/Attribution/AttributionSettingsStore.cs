using System.Runtime.CompilerServices;
using Kaohe.Core.Attribution;
using Kaohe.Core.Inputs;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Attribution;

/// <summary>
/// A unit's attribution settings: stored as the “键=值” lines of <c>kaohe attribute --set</c> (docs/attribution.md),
/// read with the same code; a unit without stored settings uses the documented defaults.
/// </summary>
public static class AttributionSettingsStore
{
    private static readonly ConditionalWeakTable<KaoheDb, Dictionary<int, AttributionSettings>> Cache = new();

    /// <summary>The settings of <paramref name="unitId"/>, and the problems of the stored lines (empty when usable).</summary>
    public static AttributionSettings For(KaoheDb db, int unitId, List<string> problems)
    {
        var text = db.AttributionSettings.AsNoTracking().Where(s => s.UnitId == unitId).Select(s => s.Settings).SingleOrDefault();
        return Parse(text ?? "", problems);
    }

    /// <summary>The settings of a unit, cached for the life of <paramref name="db"/> (an import's context); unusable stored settings read as the defaults.</summary>
    public static AttributionSettings Cached(KaoheDb db, int unitId)
    {
        var cache = Cache.GetValue(db, _ => []);
        if (cache.TryGetValue(unitId, out var s)) return s;
        var problems = new List<string>();
        s = For(db, unitId, problems);
        return cache[unitId] = problems.Count == 0 ? s : AttributionSettings.Default;
    }

    /// <summary>Reads “键=值” lines (blank lines and lines starting with # are skipped).</summary>
    public static AttributionSettings Parse(string text, List<string> problems)
    {
        var values = new List<KeyValuePair<string, RawScalar>>();
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOfAny(['=', '＝']);
            if (eq <= 0)
            {
                problems.Add($"设置第 {n} 行：应写成“键=值”，例如 回访期限天数=7");
                continue;
            }
            values.Add(new(line[..eq].Trim(), new RawScalar(line[(eq + 1)..].Trim())));
        }
        DateOnly? ignored = null;
        return AttributionSettingsInput.Read(values, AttributionSettings.Default, "设置", problems, ref ignored);
    }
}
