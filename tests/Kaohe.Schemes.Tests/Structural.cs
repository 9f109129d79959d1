using System.Collections;
using System.Reflection;
using Kaohe.Core.Formulas;

namespace Kaohe.Schemes.Tests;

/// <summary>
/// Structural comparison of scheme records, independent of the writer: records by their public properties, lists
/// element by element (ImmutableArray compares by reference otherwise), dictionaries by key, formulas by their
/// canonical text, decimals by value (12.50 = 12.5). Returns the path of the first difference.
/// </summary>
public static class Structural
{
    public static string? Difference(object? a, object? b, string path = "scheme")
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} ≠ {Show(b)}";
        if (a.GetType() != b.GetType()) return $"{path}: {a.GetType().Name} ≠ {b.GetType().Name}";
        switch (a)
        {
            case string or decimal or int or bool or Enum:
                return a.Equals(b) ? null : $"{path}: {Show(a)} ≠ {Show(b)}";
            case Formula fa:
                return fa.ToString() == ((Formula)b).ToString() ? null : $"{path}: {fa} ≠ {b}";
            case IDictionary da:
            {
                var db = (IDictionary)b;
                if (da.Count != db.Count) return $"{path}: {da.Count} entries ≠ {db.Count}";
                foreach (DictionaryEntry e in da)
                {
                    if (!db.Contains(e.Key)) return $"{path}[{e.Key}]: missing";
                    if (Difference(e.Value, db[e.Key], $"{path}[{e.Key}]") is { } d) return d;
                }
                return null;
            }
            case IEnumerable ea:
            {
                var la = ea.Cast<object?>().ToList();
                var lb = ((IEnumerable)b).Cast<object?>().ToList();
                if (la.Count != lb.Count) return $"{path}: {la.Count} items ≠ {lb.Count}";
                for (var i = 0; i < la.Count; i++)
                    if (Difference(la[i], lb[i], $"{path}[{i}]") is { } d) return d;
                return null;
            }
        }
        var type = a.GetType();
        if (type.IsValueType && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
            return Equals(a, b) ? null : $"{path}: {a} ≠ {b}";
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "Indicators" && type == typeof(Kaohe.Core.Model.Scheme)) continue;
            if (Difference(p.GetValue(a), p.GetValue(b), path + "." + p.Name) is { } d) return d;
        }
        return null;
    }

    private static string Show(object? o) => o is null ? "null" : o is string s ? $"\"{s}\"" : o.ToString() ?? "";
}
