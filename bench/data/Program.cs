using System.Diagnostics;
using System.Globalization;
using Kaohe.Data;
using Kaohe.Data.Metrics;
using Kaohe.Data.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kaohe.Bench.Data;

internal static class Program
{
    private const string Usage = """
        Kaohe.Bench.Data — issue 3 benchmark (b): every monthly metric over a large customer base, the metric
        engine against one hand-written SQL statement.

        usage: Kaohe.Bench.Data <command> --db CONNECTION [options]

          generate  [--customers 1000000] [--events 10000000] [--staff 1000] [--seed 42]
                    [--first 2024-11] [--months 24] [--recreate] [--reuse]
                    Fills a new database (migrated here) with the dataset. --reuse: exit 0 at once if the
                    database already holds a dataset of exactly these parameters. --recreate: drop the
                    PostgreSQL database / delete the SQLite file first.
          time      --mode engine|sql [--sql FILE] [--first 2024-11] [--months 24] [--runs 1]
                    One warm-up over the last month, then --runs timed computations of every metric for every
                    scope and month; prints one 'RESULT' line per run (seconds, rows).
          check     --sql FILE [--first 2024-11] [--months 24]
                    Engine and SQL once each; every metric / scope / month must have equal numerator,
                    denominator and value, and both must give the same keys. Exit 1 on any difference.
          verify    Derived fields and references of the generated rows (Month, UnitId, ResolutionMinutes,
                    IsFollowUp, event order, orphans). Exit 1 on any violation.
          info      The parameters and row counts a database was generated with.
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var o = Options.Parse(args.AsSpan(1));
            var connection = o.Get("db") ?? throw new ArgumentException("缺少 --db 连接串");
            var first = Month(o.Get("first") ?? "2024-11");
            var months = o.Int("months", 24);
            var last = Scale.Add(first, months - 1);
            switch (args[0])
            {
                case "generate":
                    return Generate(connection, o, first, months);
                case "time":
                    return Time(connection, o, first, last);
                case "check":
                    return Check(connection, File.ReadAllText(o.Get("sql") ?? throw new ArgumentException("缺少 --sql 文件")), first, last);
                case "verify":
                    return Verify.Run(KaoheDatabase.Open(connection), Console.Out);
                case "info":
                    var meta = Generator.ReadMeta(KaoheDatabase.Open(connection));
                    if (meta is null)
                    {
                        Console.Out.WriteLine("该数据库没有基准数据集（bench_dataset 表不存在）");
                        return 1;
                    }
                    foreach (var (k, v) in meta.OrderBy(m => m.Key, StringComparer.Ordinal)) Console.Out.WriteLine($"{k}\t{v}");
                    return 0;
                default:
                    Console.Error.WriteLine($"未知的命令“{args[0]}”");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("错误：" + e.Message);
            return 2;
        }
    }

    private static int Month(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var y) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            return y * 100 + m;
        throw new ArgumentException($"月份“{text}”应写作 yyyy-MM，例如 2024-11");
    }

    private static int Generate(string connection, Options o, int first, int months)
    {
        var scale = new Scale(o.Int("customers", 1_000_000), o.Long("events", 10_000_000), o.Int("staff", 1000), o.Int("seed", 42), first, months);
        var database = KaoheDatabase.Open(connection);
        if (o.Flag("reuse") && !o.Flag("recreate") && Exists(database))
        {
            var meta = Generator.ReadMeta(database);
            if (meta?.GetValueOrDefault("scale") == scale.Describe())
            {
                Console.Out.WriteLine($"复用 {database.Describe()}：{scale.Describe()}（生成于 {meta.GetValueOrDefault("generated_at")}，{meta.GetValueOrDefault("event_rows")} 行事件）");
                return 0;
            }
            if (meta is not null)
                throw new ArgumentException($"{database.Describe()} 中的数据集参数为 {meta.GetValueOrDefault("scale")}，与所要的 {scale.Describe()} 不同：加 --recreate 重建");
        }
        if (o.Flag("recreate")) Drop(database);
        Console.Out.WriteLine($"生成 {database.Describe()}：{scale.Describe()}");
        var sw = Stopwatch.StartNew();
        var g = new Generator(scale);
        g.Run(database, Console.Out);
        var events = g.Counts.Where(c => c.Key is not ("customers" or "units" or "staff")).Sum(c => c.Value);
        Console.Out.WriteLine($"GENERATED seconds={sw.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} customers={g.Counts["customers"]} event_rows={events} "
                              + string.Join(" ", g.Counts.Select(c => $"{c.Key}={c.Value}")));
        return 0;
    }

    private static bool Exists(KaoheDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
            return File.Exists(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = b.Database;
        b.Database = "postgres";
        using var c = new NpgsqlConnection(b.ToString());
        c.Open();
        using var q = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", c);
        q.Parameters.AddWithValue("n", name ?? "");
        return (long)q.ExecuteScalar()! > 0;
    }

    private static void Drop(KaoheDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
                if (File.Exists(f)) File.Delete(f);
            return;
        }
        var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = b.Database ?? throw new ArgumentException("PostgreSQL 连接串缺少 Database=");
        if (name is "postgres" or "template0" or "template1") throw new ArgumentException($"不删除系统数据库 {name}");
        b.Database = "postgres";
        using var c = new NpgsqlConnection(b.ToString());
        c.Open();
        using var q = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
        q.ExecuteNonQuery();
    }

    private static int Time(string connection, Options o, int first, int last)
    {
        var mode = o.Get("mode") ?? throw new ArgumentException("缺少 --mode engine|sql");
        if (mode is not ("engine" or "sql")) throw new ArgumentException($"--mode 应为 engine 或 sql，不是“{mode}”");
        var sql = mode == "sql" ? File.ReadAllText(o.Get("sql") ?? throw new ArgumentException("--mode sql 需要 --sql 文件")) : "";
        var runs = o.Int("runs", 1);
        var database = KaoheDatabase.Open(connection);
        Dictionary<Key, Numbers> Compute(int from, int to)
        {
            using var db = database.CreateContext();
            return mode == "engine" ? Reference.Engine(db, from, to) : Reference.Sql(db, sql, from, to);
        }
        using (var db = database.CreateContext())
        {
            var c = db.Database.GetDbConnection();
            LoadSteps.EnsureOpen(c);
            var version = LoadSteps.Scalar(c, null, database.Provider == DatabaseProvider.Sqlite ? "SELECT 'SQLite ' || sqlite_version()" : "SELECT version()");
            Console.Out.WriteLine($"DATABASE {database.Describe()} — {version}");
        }
        if (mode == "engine" && o.Flag("per-metric"))
        {
            // Where the engine's time goes: every metric alone over the whole window.
            foreach (var def in MetricCatalog.All)
            {
                using var db = database.CreateContext();
                var t = Stopwatch.StartNew();
                var n = new MetricEngine(db).Compute(PeriodKind.Month, first, last, [def.Code]).Count;
                Console.Out.WriteLine($"METRIC {def.Code,-24} {t.Elapsed.TotalSeconds,8:F2} s {n,8} rows");
            }
            return 0;
        }
        var sw = Stopwatch.StartNew();
        var warm = Compute(last, last);
        Console.Out.WriteLine($"WARMUP mode={mode} seconds={sw.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)} rows={warm.Count}");
        for (var i = 1; i <= runs; i++)
        {
            sw.Restart();
            var r = Compute(first, last);
            var s = sw.Elapsed.TotalSeconds;
            Console.Out.WriteLine($"RESULT mode={mode} run={i} seconds={s.ToString("F3", CultureInfo.InvariantCulture)} rows={r.Count} metrics={r.Keys.Select(k => k.Metric).Distinct().Count()}");
        }
        return 0;
    }

    private static int Check(string connection, string sql, int first, int last)
    {
        var database = KaoheDatabase.Open(connection);
        Dictionary<Key, Numbers> engine, reference;
        using (var db = database.CreateContext()) engine = Reference.Engine(db, first, last);
        using (var db = database.CreateContext()) reference = Reference.Sql(db, sql, first, last);
        var bad = Reference.Compare(engine, reference, Console.Out);
        Console.Out.WriteLine(bad == 0
            ? $"CHECK ok: {engine.Count} 个（指标, 口径, 月）的分子、分母、值全部相等"
            : $"CHECK FAILED: {bad} 个（指标, 口径, 月）不一致或只在一边出现（引擎 {engine.Count}，SQL {reference.Count}）");
        return bad == 0 ? 0 : 1;
    }
}

/// <summary>--name value / --flag options.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"参数“{args[i]}”不是 --选项");
            var name = args[i][2..];
            string? value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            o._values[name] = value;
        }
        return o;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback) => (int)Long(name, fallback);

    public long Long(string name, long fallback)
    {
        if (Get(name) is not { } text) return fallback;
        return long.TryParse(text.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new ArgumentException($"--{name} 的值“{text}”不是非负整数");
    }
}
