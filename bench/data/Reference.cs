using System.Data.Common;
using System.Globalization;
using Kaohe.Data;
using Kaohe.Data.Metrics;
using Kaohe.Data.Time;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Bench.Data;

/// <summary>One metric value's identity: metric code, scope (0 company, 1 unit subtree, 2 staff), month.</summary>
internal readonly record struct Key(string Metric, int Kind, int Id, int Month);

/// <summary>Numerator, denominator and value in the engine's units (see <see cref="MetricResult"/>).</summary>
internal readonly record struct Numbers(decimal Numerator, decimal? Denominator, decimal? Value);

/// <summary>The two ways of computing every monthly metric, and their comparison.</summary>
internal static class Reference
{
    /// <summary>
    /// The metrics the hand-written SQL (bench/sql/metrics-*.sql) computes: those of issue 3 (S0's three rates and
    /// KF-01 … KF-20). The engine has more since (issue 14); the benchmark compares and times these only.
    /// </summary>
    public static readonly IReadOnlyList<string> Covered =
        ["churn_rate", "growth_rate", "complaint_satisfaction", .. Enumerable.Range(1, 20).Select(i => $"KF-{i:D2}")];

    /// <summary>The <see cref="Covered"/> metrics for every scope and month of [first, last] by the engine (MetricEngine.Compute over months).</summary>
    public static Dictionary<Key, Numbers> Engine(KaoheDb db, int first, int last)
    {
        var results = new MetricEngine(db).Compute(PeriodKind.Month, first, last, Covered);
        var d = new Dictionary<Key, Numbers>(results.Count);
        foreach (var r in results)
            d.Add(new Key(r.Metric, (int)r.ScopeKind, r.ScopeId, r.Period.FirstMonth), new Numbers(r.Numerator, r.Denominator, r.Value));
        return d;
    }

    /// <summary>
    /// Scales from the integers the hand-written SQL returns (raw stored units) to the engine's units, per metric:
    /// (numerator divisor, denominator divisor). Money is summed in 分 × 100 = 元 × 10,000, like the targets.
    /// </summary>
    private static (decimal Num, decimal Den) ScaleOf(string metric) => metric switch
    {
        "KF-04" => (60m, 1m),
        "KF-08" or "KF-09" => (10_000m, 1m),
        "KF-10" or "KF-11" or "KF-16" or "KF-17" or "KF-18" or "KF-19" or "KF-20" => (10_000m, 10_000m),
        _ => (1m, 1m),
    };

    /// <summary>
    /// Every metric for every scope and month of [first, last] by one hand-written SQL statement (bench/sql). The
    /// statement returns (metric, scope_kind, scope_id, month, num, den) as integers in stored units; they are scaled
    /// and divided here with the engine's exact decimal rules (a zero denominator gives no value; counts have no
    /// denominator; KF-18 is this month − last month).
    /// </summary>
    public static Dictionary<Key, Numbers> Sql(KaoheDb db, string sql, int first, int last)
    {
        var connection = db.Database.GetDbConnection();
        LoadSteps.EnsureOpen(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        Add(command, "@first_month", first);
        Add(command, "@last_month", last);
        var d = new Dictionary<Key, Numbers>(1 << 16);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var metric = r.GetString(0);
            var key = new Key(metric, (int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3));
            var num = r.GetInt64(4);
            long? den = r.IsDBNull(5) ? null : r.GetInt64(5);
            var (ns, ds) = ScaleOf(metric);
            Numbers n;
            if (metric is "KF-06" or "KF-07" or "KF-15")
                n = new Numbers(num / ns, null, num / ns);
            else if (metric == "KF-18")
                n = new Numbers(num / ns, den / ds, den is null ? null : (num - den.Value) / ns);
            else
            {
                var dv = den ?? throw new InvalidDataException($"{metric} {key}: 分母为空");
                n = new Numbers(num / ns, dv / ds, dv == 0 ? null : num * ds / (dv * ns));
            }
            if (!d.TryAdd(key, n)) throw new InvalidDataException($"SQL 结果中 {key} 出现两次");
        }
        return d;
    }

    private static void Add(DbCommand command, string name, int value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>
    /// Compares the two results: same keys, and for each equal numerator, denominator and value. Prints the first
    /// differences per metric and a per-metric summary; returns the number of differing or missing keys.
    /// </summary>
    public static long Compare(Dictionary<Key, Numbers> engine, Dictionary<Key, Numbers> sql, TextWriter o, int show = 5)
    {
        var metrics = engine.Keys.Select(k => k.Metric).Concat(sql.Keys.Select(k => k.Metric)).Distinct()
            .OrderBy(m => MetricCatalog.All.ToList().FindIndex(d => d.Code == m)).ToList();
        long bad = 0;
        o.WriteLine($"{"metric",-24} {"engine",9} {"sql",9} {"equal",9} {"differ",7} {"only engine",12} {"only sql",9}");
        foreach (var m in metrics)
        {
            long equal = 0, differ = 0, onlyEngine = 0, onlySql = 0;
            var examples = new List<string>();
            foreach (var (k, e) in engine.Where(x => x.Key.Metric == m))
            {
                if (!sql.TryGetValue(k, out var s))
                {
                    onlyEngine++;
                    if (examples.Count < show) examples.Add($"    仅引擎有 {Describe(k)}: {Describe(e)}");
                }
                else if (e != s)
                {
                    differ++;
                    if (examples.Count < show) examples.Add($"    不同 {Describe(k)}: 引擎 {Describe(e)}  SQL {Describe(s)}");
                }
                else equal++;
            }
            foreach (var k in sql.Keys.Where(x => x.Metric == m && !engine.ContainsKey(x)))
            {
                onlySql++;
                if (examples.Count < show) examples.Add($"    仅 SQL 有 {Describe(k)}: {Describe(sql[k])}");
            }
            o.WriteLine($"{m,-24} {engine.Keys.Count(k => k.Metric == m),9} {sql.Keys.Count(k => k.Metric == m),9} {equal,9} {differ,7} {onlyEngine,12} {onlySql,9}");
            foreach (var x in examples) o.WriteLine(x);
            bad += differ + onlyEngine + onlySql;
        }
        return bad;
    }

    private static string Describe(Key k) =>
        $"{k.Metric} {(k.Kind switch { 0 => "公司", 1 => "单位", _ => "员工" })}#{k.Id} {k.Month}";

    private static string Describe(Numbers n) =>
        string.Create(CultureInfo.InvariantCulture, $"{n.Numerator}/{n.Denominator?.ToString(CultureInfo.InvariantCulture) ?? "—"} = {n.Value?.ToString(CultureInfo.InvariantCulture) ?? "N/A"}");
}
