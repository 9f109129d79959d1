using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Kaohe.Data;
using Kaohe.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kaohe.Bench.Data;

/// <summary>What to generate. Row i of every table depends only on (seed, table, i) and the scale.</summary>
/// <param name="Customers">Number of customers (every one has an Acquired event).</param>
/// <param name="Events">Target total of dated rows (customer events, complaints, visits, sales, service tasks, calls,
/// expenses, surveys, targets, actuals); the record tables share what the customer events and the monthly
/// targets/actuals leave.</param>
/// <param name="Staff">Staff members (≥ 48: 8 department managers, the rest customer managers in 40 offices).</param>
/// <param name="Seed">Seed of the hash.</param>
/// <param name="FirstMonth">First month of the window (yyyymm).</param>
/// <param name="Months">Months in the window.</param>
internal sealed record Scale(int Customers, long Events, int Staff, int Seed, int FirstMonth, int Months)
{
    /// <summary>Last month of the window (yyyymm).</summary>
    public int LastMonth => Add(FirstMonth, Months - 1);

    /// <summary>yyyymm plus <paramref name="n"/> months.</summary>
    public static int Add(int yyyymm, int n)
    {
        var m = yyyymm / 100 * 12 + yyyymm % 100 - 1 + n;
        return m / 12 * 100 + m % 12 + 1;
    }

    /// <summary>The parameters as stored in bench_dataset (a reused database must match them all).</summary>
    public string Describe() => $"customers={Customers} events={Events} staff={Staff} seed={Seed} months={FirstMonth}+{Months}";
}

/// <summary>
/// Fills a migrated, empty customer base with a deterministic dataset: 1 company, 4 departments, 40 offices, the
/// staff, the customers with their lifecycle events (acquired before or inside the window, some transferred,
/// lost, recovered), and inside the window complaints, visits and follow-ups, sales, service tasks, calls,
/// expenses, surveys, monthly targets and reported actuals. Derived fields follow Entities.cs: Month = yyyymm of
/// the date the metrics group by, UnitId = the unit of the staff member (or customer owner) at the time,
/// ResolutionMinutes = resolved − received, IsFollowUp = kind contains 回访, money in 分, quantities × 10,000.
/// Pseudo-randomness is a SplitMix64 hash of (seed, table, row, field), so the same scale gives the same rows on
/// both providers.
/// </summary>
internal sealed class Generator
{
    private const int Departments = 4;
    private const int Offices = 40;
    private const int CompanyId = 1;
    private const int FirstDepartmentId = 2;
    private const int FirstOfficeId = FirstDepartmentId + Departments; // 6 … 45
    private const int UnitCount = 1 + Departments + Offices;

    // Shares (in %) of the record tables in what the customer events, targets and actuals leave of the event budget.
    private static readonly (string Table, int Percent)[] Shares =
    [
        ("complaints", 9), ("visits", 30), ("sales", 17), ("service_tasks", 13), ("calls", 24), ("expenses", 1), ("surveys", 6),
    ];

    private readonly Scale _scale;
    private readonly ulong _seed;
    private readonly int _w0;          // day number of the window's first day
    private readonly int _w1;          // day number of the window's last day
    private readonly int _history0;    // first acquisition day (2019-01-01)
    private readonly int[] _monthOfDay; // yyyymm by (day − _history0)
    private readonly int _managers;
    private readonly int[] _staffUnit;

    // Customer lifecycle, by customer id (1-based; index 0 unused).
    private int[] _acquired = [];
    private int[] _staff0 = [];
    private int[] _transfer = [];  // 0 = never transferred
    private int[] _staff1 = [];
    private int[] _lost = [];      // 0 = never lost
    private int[] _recovered = []; // 0 = not recovered

    public Generator(Scale scale)
    {
        if (scale.Staff < 48) throw new ArgumentException("--staff 至少为 48（8 名部门经理 + 40 个办事处各至少 1 名客户经理）");
        if (scale.Customers < 1) throw new ArgumentException("--customers 至少为 1");
        _scale = scale;
        _seed = (ulong)scale.Seed;
        _w0 = new DateOnly(scale.FirstMonth / 100, scale.FirstMonth % 100, 1).DayNumber;
        _w1 = new DateOnly(scale.LastMonth / 100, scale.LastMonth % 100, 1).AddMonths(1).DayNumber - 1;
        _history0 = new DateOnly(Math.Min(2019, scale.FirstMonth / 100 - 1), 1, 1).DayNumber;
        _monthOfDay = new int[_w1 + 400 - _history0];
        for (var d = 0; d < _monthOfDay.Length; d++)
        {
            var date = DateOnly.FromDayNumber(_history0 + d);
            _monthOfDay[d] = date.Year * 100 + date.Month;
        }
        _managers = scale.Staff - 2 * Departments;
        _staffUnit = new int[scale.Staff + 1];
        for (var s = 1; s <= scale.Staff; s++)
            _staffUnit[s] = s <= _managers ? FirstOfficeId + (s - 1) % Offices : FirstDepartmentId + (s - _managers - 1) / 2;
    }

    /// <summary>Rows written per table.</summary>
    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    // ------------------------------------------------------------------ randomness

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A hash of (seed, table, row, field).</summary>
    private ulong H(int table, long row, int field) => Mix(Mix(_seed * 0x100000001B3UL + (ulong)table) ^ ((ulong)row << 8 | (uint)field));

    /// <summary>Uniform in [0, n).</summary>
    private int U(int table, long row, int field, int n) => (int)(H(table, row, field) % (ulong)n);

    /// <summary>True with probability percent / 100.</summary>
    private bool P(int table, long row, int field, int percent) => H(table, row, field) % 100 < (ulong)percent;

    private int MonthOf(int day) => _monthOfDay[day - _history0];

    private static DateOnly Day(int day) => DateOnly.FromDayNumber(day);

    private static DateTime At(int day, int minute) =>
        DateTime.SpecifyKind(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue).AddMinutes(minute), DateTimeKind.Utc);

    private static int MonthOf(DateTime t) => t.Year * 100 + t.Month;

    /// <summary>A day of the window on or after the customer's acquisition.</summary>
    private int CustomerDay(int table, long row, int customer)
    {
        var day = _w0 + U(table, row, 1, _w1 - _w0 + 1);
        var acquired = _acquired[customer];
        return day >= acquired ? day : acquired + U(table, row, 2, _w1 - acquired + 1);
    }

    private int OwnerAt(int customer, int day) => _transfer[customer] != 0 && day >= _transfer[customer] ? _staff1[customer] : _staff0[customer];

    private int Manager(int table, long row, int field) => 1 + U(table, row, field, _managers);

    private static string UnitCode(int id) => id switch
    {
        CompanyId => "C00",
        < FirstOfficeId => $"D{id - FirstDepartmentId + 1:D2}",
        _ => $"O{id - FirstOfficeId + 1:D2}",
    };

    private static string StaffCode(int id) => $"E{id:D5}";

    // ------------------------------------------------------------------ the run

    /// <summary>Generates everything into <paramref name="database"/> (migrated here; must be empty).</summary>
    public void Run(KaoheDatabase database, TextWriter log)
    {
        database.Migrate();
        using var db = database.CreateContext();
        if (db.Units.Any() || db.Customers.Any())
            throw new InvalidOperationException($"{database.Describe()} 不是空的：数据集只能写入新建的数据库（用 --recreate 重建）");
        var total = Stopwatch.StartNew();

        Org(db);
        UnitTree.RebuildClosure(db);
        log.WriteLine($"  组织：{UnitCount} 个单位，{_scale.Staff} 名员工（{total.Elapsed.TotalSeconds:F1} s）");

        var connection = db.Database.GetDbConnection();
        LoadSteps.EnsureOpen(connection);
        var pg = connection is NpgsqlConnection;
        DbTransaction? tx = null;
        if (pg)
        {
            // Rows are consistent by construction; foreign keys are not checked row by row during COPY (they are
            // checked afterwards by `verify`).
            LoadSteps.Exec(connection, null, "SET session_replication_role = replica");
        }
        else
        {
            LoadSteps.Exec(connection, null, "PRAGMA foreign_keys = OFF");
            LoadSteps.Exec(connection, null, "PRAGMA journal_mode = MEMORY");
            LoadSteps.Exec(connection, null, "PRAGMA synchronous = OFF");
            LoadSteps.Exec(connection, null, "PRAGMA cache_size = -262144");
            tx = connection.BeginTransaction();
        }

        string[] bulkTables = ["customers", "customer_events", "complaints", "visits", "sales", "service_tasks", "calls", "expenses", "surveys", "targets", "indicator_actuals"];
        var indexes = new List<string>();
        foreach (var t in bulkTables) indexes.AddRange(LoadSteps.DropIndexes(connection, tx, t));

        var customerEvents = Customers(connection, tx, log, total);
        var fixedRows = Targets(connection, tx) + Actuals(connection, tx);
        var rest = Math.Max(0, _scale.Events - customerEvents - fixedRows);
        log.WriteLine($"  客户 {_scale.Customers:N0}，客户事件 {customerEvents:N0}，目标与上报 {fixedRows:N0}；其余 {rest:N0} 行分给各类记录（{total.Elapsed.TotalSeconds:F1} s）");
        foreach (var (table, percent) in Shares)
        {
            var n = rest * percent / 100;
            var sw = Stopwatch.StartNew();
            switch (table)
            {
                case "complaints": Complaints(connection, tx, n); break;
                case "visits": Visits(connection, tx, n); break;
                case "sales": Sales(connection, tx, n); break;
                case "service_tasks": ServiceTasks(connection, tx, n); break;
                case "calls": Calls(connection, tx, n); break;
                case "expenses": Expenses(connection, tx, n); break;
                case "surveys": Surveys(connection, tx, n); break;
            }
            log.WriteLine($"  {table,-18} {n,12:N0} 行  {sw.Elapsed.TotalSeconds,6:F1} s");
        }

        var ix = Stopwatch.StartNew();
        foreach (var sql in indexes) LoadSteps.Exec(connection, tx, sql);
        log.WriteLine($"  重建 {indexes.Count} 个索引  {ix.Elapsed.TotalSeconds:F1} s");
        if (pg)
        {
            foreach (var t in bulkTables)
                LoadSteps.Exec(connection, null, $"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'Id'), (SELECT max(\"Id\") FROM \"{t}\"))");
            LoadSteps.Exec(connection, null, "SET session_replication_role = DEFAULT");
        }
        else
        {
            tx!.Commit();
            tx.Dispose();
        }
        var an = Stopwatch.StartNew();
        LoadSteps.Exec(connection, null, "ANALYZE");
        if (!pg)
        {
            LoadSteps.Exec(connection, null, "PRAGMA journal_mode = WAL");
            LoadSteps.Exec(connection, null, "PRAGMA foreign_keys = ON");
        }
        log.WriteLine($"  ANALYZE  {an.Elapsed.TotalSeconds:F1} s");
        Meta(connection, total.Elapsed);
    }

    /// <summary>Records the parameters and counts in bench_dataset, so a later run can reuse the database.</summary>
    private void Meta(DbConnection connection, TimeSpan elapsed)
    {
        LoadSteps.Exec(connection, null, "CREATE TABLE bench_dataset (key VARCHAR(64) PRIMARY KEY, value VARCHAR(400) NOT NULL)");
        var rows = new List<(string, string)>
        {
            ("scale", _scale.Describe()),
            ("generated_at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"),
            ("seconds", elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)),
            ("event_rows", Counts.Where(c => c.Key is not ("customers" or "units" or "staff")).Sum(c => c.Value).ToString(CultureInfo.InvariantCulture)),
        };
        rows.AddRange(Counts.Select(c => ("rows." + c.Key, c.Value.ToString(CultureInfo.InvariantCulture))));
        foreach (var (k, v) in rows)
            LoadSteps.Exec(connection, null, $"INSERT INTO bench_dataset (key, value) VALUES ('{k}', '{v}')");
    }

    /// <summary>The parameters a database was generated with (null when it has no bench_dataset table).</summary>
    public static Dictionary<string, string>? ReadMeta(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        LoadSteps.EnsureOpen(connection);
        var exists = database.Provider == DatabaseProvider.PostgreSql
            ? LoadSteps.Scalar(connection, null, "SELECT to_regclass('bench_dataset') IS NOT NULL") is true
            : Convert.ToInt64(LoadSteps.Scalar(connection, null, "SELECT count(*) FROM sqlite_master WHERE name = 'bench_dataset'"), CultureInfo.InvariantCulture) > 0;
        if (!exists) return null;
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT key, value FROM bench_dataset";
        using var r = c.ExecuteReader();
        var d = new Dictionary<string, string>();
        while (r.Read()) d[r.GetString(0)] = r.GetString(1);
        return d;
    }

    // ------------------------------------------------------------------ org

    private void Org(KaoheDb db)
    {
        for (var id = 1; id <= UnitCount; id++)
        {
            db.Units.Add(new OrgUnit
            {
                Id = id,
                Code = UnitCode(id),
                Name = id == CompanyId ? "本公司" : id < FirstOfficeId ? $"客户服务{id - FirstDepartmentId + 1}部" : $"第{id - FirstOfficeId + 1}办事处",
                Kind = id == CompanyId ? UnitKind.Company : id < FirstOfficeId ? UnitKind.Department : UnitKind.Office,
                ParentId = id == CompanyId ? null : id < FirstOfficeId ? CompanyId : FirstDepartmentId + (id - FirstOfficeId) / (Offices / Departments),
            });
        }
        db.SaveChanges();
        var hired = new DateOnly(2018, 1, 1);
        for (var s = 1; s <= _scale.Staff; s++)
        {
            db.Staff.Add(new Staff
            {
                Id = s,
                EmployeeNo = StaffCode(s),
                Name = $"员工{s}",
                UnitId = _staffUnit[s],
                Role = s > _managers ? "部门经理" : s <= Offices ? "办事处主任" : "客户经理",
                HiredOn = hired.AddDays(U(1, s, 0, 1500)),
            });
        }
        db.SaveChanges();
        db.ChangeTracker.Clear();
        Counts["units"] = UnitCount;
        Counts["staff"] = _scale.Staff;
    }

    // ------------------------------------------------------------------ customers and their events

    private static readonly (string Name, Col Type)[] CustomerColumns =
    [
        ("Id", Col.Int), ("Code", Col.Text), ("Name", Col.Text), ("Class", Col.Text), ("OwnerStaffId", Col.Int),
        ("OwnerUnitId", Col.Int), ("AcquiredOn", Col.Date), ("LostOn", Col.Date),
    ];

    private static readonly (string Name, Col Type)[] EventColumns =
    [
        ("Id", Col.Long), ("CustomerId", Col.Int), ("Kind", Col.Int), ("OccurredOn", Col.Date), ("Month", Col.Int),
        ("UnitId", Col.Int), ("StaffId", Col.Int), ("FromUnitId", Col.Int), ("FromStaffId", Col.Int), ("Reason", Col.Text),
    ];

    private static readonly string[] LossReasons = ["价格", "竞争对手", "服务不满意", "业务调整", "搬迁"];

    /// <summary>
    /// Customers and their events: acquired (65 % before the window, from 2019), then possibly transferred to another
    /// manager (8 %), lost (12 %; the owner at that time), recovered (35 % of the lost), in that order on distinct days.
    /// </summary>
    private long Customers(DbConnection connection, DbTransaction? tx, TextWriter log, Stopwatch total)
    {
        const int T = 2;
        var n = _scale.Customers;
        _acquired = new int[n + 1];
        _staff0 = new int[n + 1];
        _transfer = new int[n + 1];
        _staff1 = new int[n + 1];
        _lost = new int[n + 1];
        _recovered = new int[n + 1];
        for (var c = 1; c <= n; c++)
        {
            _acquired[c] = P(T, c, 0, 65) ? _history0 + U(T, c, 1, _w0 - _history0) : _w0 + U(T, c, 2, _w1 - _w0 + 1);
            _staff0[c] = Manager(T, c, 3);
            var after = _acquired[c];
            if (after < _w1 && P(T, c, 4, 8))
            {
                _transfer[c] = after + 1 + U(T, c, 5, _w1 - after);
                var other = Manager(T, c, 6);
                _staff1[c] = other == _staff0[c] ? other % _managers + 1 : other;
                after = _transfer[c];
            }
            if (after < _w1 && P(T, c, 7, 12))
            {
                _lost[c] = after + 1 + U(T, c, 8, _w1 - after);
                after = _lost[c];
                if (after < _w1 && P(T, c, 9, 35)) _recovered[c] = after + 1 + U(T, c, 10, _w1 - after);
            }
        }

        using (var s = TableSink.Open(connection, tx, "customers", CustomerColumns))
        {
            var v = s.Values;
            for (var c = 1; c <= n; c++)
            {
                var k = U(T, c, 11, 100);
                var owner = _transfer[c] != 0 ? _staff1[c] : _staff0[c];
                v[0] = c;
                v[1] = $"K{c:D8}";
                v[2] = $"客户{c}";
                v[3] = k < 5 ? "大客户" : k < 20 ? "A" : k < 50 ? "B" : "C";
                v[4] = owner;
                v[5] = _staffUnit[owner];
                v[6] = Day(_acquired[c]);
                v[7] = _lost[c] != 0 && _recovered[c] == 0 ? Day(_lost[c]) : null;
                s.Write();
            }
            s.Complete();
            Counts["customers"] = s.Rows;
        }
        log.WriteLine($"  customers          {n,12:N0} 行  ({total.Elapsed.TotalSeconds:F1} s)");

        using (var s = TableSink.Open(connection, tx, "customer_events", EventColumns))
        {
            var v = s.Values;
            long id = 0;
            void Event(int c, CustomerEventKind kind, int day, int staff, int? fromStaff, string? reason)
            {
                v[0] = ++id;
                v[1] = c;
                v[2] = (int)kind;
                v[3] = Day(day);
                v[4] = MonthOf(day);
                v[5] = _staffUnit[staff];
                v[6] = staff;
                v[7] = fromStaff is { } f ? _staffUnit[f] : null;
                v[8] = fromStaff;
                v[9] = reason;
                s.Write();
            }
            for (var c = 1; c <= n; c++)
            {
                Event(c, CustomerEventKind.Acquired, _acquired[c], _staff0[c], null, null);
                if (_transfer[c] != 0) Event(c, CustomerEventKind.Transferred, _transfer[c], _staff1[c], _staff0[c], "客户经理调整");
                if (_lost[c] != 0) Event(c, CustomerEventKind.Lost, _lost[c], OwnerAt(c, _lost[c]), null, LossReasons[U(T, c, 12, LossReasons.Length)]);
                if (_recovered[c] != 0) Event(c, CustomerEventKind.Recovered, _recovered[c], OwnerAt(c, _recovered[c]), null, null);
            }
            s.Complete();
            Counts["customer_events"] = s.Rows;
            return s.Rows;
        }
    }

    // ------------------------------------------------------------------ targets and reported actuals

    private static readonly (string Name, Col Type)[] TargetColumns =
    [
        ("Id", Col.Long), ("ScopeKey", Col.Text), ("UnitId", Col.Int), ("StaffId", Col.Int), ("Period", Col.Text),
        ("FirstMonth", Col.Int), ("LastMonth", Col.Int), ("Metric", Col.Text), ("Value", Col.Long), ("BaseValue", Col.Long), ("Weight", Col.Long),
    ];

    private static string PeriodText(int yyyymm) => $"{yyyymm / 100}-{yyyymm % 100:D2}";

    /// <summary>Units in the subtree of <paramref name="unit"/> that are not the company (its own budget is its own).</summary>
    private static int SubtreeUnits(int unit) => unit == CompanyId ? UnitCount - 1 : unit < FirstOfficeId ? 1 + Offices / Departments : 1;

    private int ManagersUnder(int unit) => unit == CompanyId ? _managers
        : unit < FirstOfficeId ? Enumerable.Range(FirstOfficeId + (unit - FirstDepartmentId) * (Offices / Departments), Offices / Departments).Sum(ManagersIn)
        : ManagersIn(unit);

    private int ManagersIn(int office) => _managers / Offices + ((office - FirstOfficeId) < _managers % Offices ? 1 : 0);

    /// <summary>
    /// Monthly targets: 销售额 and 4G目标用户数 for every customer manager and every unit; 服务费用预算 and 费用预算 for
    /// every unit (about what its subtree spends, ±).
    /// </summary>
    private long Targets(DbConnection connection, DbTransaction? tx)
    {
        const int T = 3;
        using var s = TableSink.Open(connection, tx, "targets", TargetColumns);
        var v = s.Values;
        long id = 0;
        var expensesPerUnitMonth = Math.Max(1.0, EstimatedRest() * 0.01 / ((UnitCount - 1) * _scale.Months * 2.0));
        void Target(string scope, int? unit, int? staff, int month, string metric, long value)
        {
            v[0] = ++id;
            v[1] = scope;
            v[2] = unit;
            v[3] = staff;
            v[4] = PeriodText(month);
            v[5] = month;
            v[6] = month;
            v[7] = metric;
            v[8] = value;
            v[9] = null;
            v[10] = null;
            s.Write();
        }
        for (var m = 0; m < _scale.Months; m++)
        {
            var month = Scale.Add(_scale.FirstMonth, m);
            for (var st = 1; st <= _managers; st++)
            {
                Target("S:" + StaffCode(st), null, st, month, "销售额", (200_000L + U(T, id, 1, 300_000)) * 10_000);
                Target("S:" + StaffCode(st), null, st, month, "4G目标用户数", (200L + U(T, id, 2, 200)) * 10_000);
            }
            for (var u = 1; u <= UnitCount; u++)
            {
                var scope = "U:" + UnitCode(u);
                var managers = ManagersUnder(u);
                Target(scope, u, null, month, "销售额", managers * (300_000L + U(T, id, 3, 100_000)) * 10_000);
                Target(scope, u, null, month, "4G目标用户数", managers * 300L * 10_000);
                var budget = (long)(SubtreeUnits(u) * expensesPerUnitMonth * 10_050 * (95 + U(T, id, 4, 30)) / 100);
                Target(scope, u, null, month, "服务费用预算", budget * 10_000);
                Target(scope, u, null, month, "费用预算", (long)(budget * (0.9 + U(T, id, 5, 30) / 100.0)) * 10_000);
            }
        }
        s.Complete();
        Counts["targets"] = s.Rows;
        return s.Rows;
    }

    private long EstimatedRest() => Math.Max(0, _scale.Events - (long)(_scale.Customers * 1.21) - _scale.Months * (2L * _managers + 4 * UnitCount + 3L * _managers + UnitCount));

    private static readonly (string Name, Col Type)[] ActualColumns =
    [
        ("Id", Col.Long), ("ScopeKey", Col.Text), ("UnitId", Col.Int), ("StaffId", Col.Int), ("Month", Col.Int), ("Metric", Col.Text), ("Value", Col.Long),
    ];

    /// <summary>
    /// Reported actuals: 出账收入, 回收金额 and 4G换卡用户数 per customer manager and month; 产品合格率 per unit and month
    /// (and the month before the window, so the first month has a previous one for KF-18).
    /// </summary>
    private long Actuals(DbConnection connection, DbTransaction? tx)
    {
        const int T = 4;
        using var s = TableSink.Open(connection, tx, "indicator_actuals", ActualColumns);
        var v = s.Values;
        long id = 0;
        void Actual(string scope, int unit, int? staff, int month, string metric, long value)
        {
            v[0] = ++id;
            v[1] = scope;
            v[2] = unit;
            v[3] = staff;
            v[4] = month;
            v[5] = metric;
            v[6] = value;
            s.Write();
        }
        for (var m = -1; m < _scale.Months; m++)
        {
            var month = Scale.Add(_scale.FirstMonth, m);
            for (var u = 1; u <= UnitCount; u++)
                Actual("U:" + UnitCode(u), u, null, month, "产品合格率", (9_500L + U(T, id, 1, 500)) * 100);
            if (m < 0) continue;
            for (var st = 1; st <= _managers; st++)
            {
                var billed = 100_000L + U(T, id, 2, 200_000);
                Actual("S:" + StaffCode(st), _staffUnit[st], st, month, "出账收入", billed * 10_000);
                Actual("S:" + StaffCode(st), _staffUnit[st], st, month, "回收金额", billed * (85 + U(T, id, 3, 16)) * 100);
                Actual("S:" + StaffCode(st), _staffUnit[st], st, month, "4G换卡用户数", U(T, id, 4, 31) * 10_000L);
            }
        }
        s.Complete();
        Counts["indicator_actuals"] = s.Rows;
        return s.Rows;
    }

    // ------------------------------------------------------------------ record tables

    private static readonly (string Name, Col Type)[] ComplaintColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("CustomerId", Col.Int), ("UnitId", Col.Int), ("HandlerStaffId", Col.Int),
        ("ReceivedAt", Col.Time), ("Month", Col.Int), ("RespondedAt", Col.Time), ("ResolvedAt", Col.Time), ("ResolvedMonth", Col.Int),
        ("ResolutionMinutes", Col.Long), ("Channel", Col.Text), ("Category", Col.Text), ("Outcome", Col.Text), ("Satisfied", Col.Bool), ("Score", Col.Long),
    ];

    private static readonly string[] Channels = ["电话", "营业厅", "网站", "信函"];
    private static readonly string[] Categories = ["网络质量", "资费账单", "服务态度", "装维时限"];

    /// <summary>
    /// Complaints: handled by the customer's manager at the time (95 %; else by no one and counted for the owner's
    /// unit), 92 % resolved after 30 min … 3 days (5 % up to 20 days; so some resolve the next month), 85 % of the
    /// resolved satisfied, score 1–5.
    /// </summary>
    private void Complaints(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 5;
        using var s = TableSink.Open(connection, tx, "complaints", ComplaintColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var customer = 1 + U(T, i, 0, _scale.Customers);
            var day = CustomerDay(T, i, customer);
            var owner = OwnerAt(customer, day);
            int? handler = P(T, i, 3, 95) ? owner : null;
            var received = At(day, U(T, i, 4, 24 * 60));
            var resolved = P(T, i, 5, 92);
            long minutes = P(T, i, 6, 5) ? 60 + U(T, i, 7, 20 * 24 * 60) : 30 + U(T, i, 7, 3 * 24 * 60);
            var resolvedAt = received.AddMinutes(minutes);
            var satisfied = resolved && P(T, i, 8, 85);
            v[0] = i;
            v[1] = $"TS{i:D9}";
            v[2] = customer;
            v[3] = _staffUnit[owner];
            v[4] = handler;
            v[5] = received;
            v[6] = MonthOf(received);
            v[7] = received.AddMinutes(5 + U(T, i, 9, 240));
            v[8] = resolved ? resolvedAt : null;
            v[9] = resolved ? MonthOf(resolvedAt) : null;
            v[10] = resolved ? minutes : null;
            v[11] = Channels[U(T, i, 10, Channels.Length)];
            v[12] = Categories[U(T, i, 11, Categories.Length)];
            v[13] = resolved ? (satisfied ? "已解决，客户认可" : "已解决，客户仍不满意") : null;
            v[14] = resolved ? satisfied : null;
            v[15] = resolved ? (satisfied ? 4L + U(T, i, 12, 2) : 1L + U(T, i, 12, 3)) * 10_000 : null;
            s.Write();
        }
        s.Complete();
        Counts["complaints"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] VisitColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("CustomerId", Col.Int), ("StaffId", Col.Int), ("UnitId", Col.Int), ("Kind", Col.Text),
        ("IsFollowUp", Col.Bool), ("Planned", Col.Bool), ("PlannedOn", Col.Date), ("DoneOn", Col.Date), ("Month", Col.Int),
        ("Success", Col.Bool), ("Attempt", Col.Int),
    ];

    /// <summary>
    /// Visits by the customer's manager at the time: 45 % 拜访, 35 % 回访, 20 % 电话回访 (follow-ups). Follow-ups are
    /// planned at 80 %, visits at 50 %; a planned one is done at 85 % within 0–9 days (not after the window); an
    /// unplanned one is done on its day. Month = month of the done date, else of the planned date.
    /// </summary>
    private void Visits(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 6;
        using var s = TableSink.Open(connection, tx, "visits", VisitColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var customer = 1 + U(T, i, 0, _scale.Customers);
            var day = CustomerDay(T, i, customer);
            var staff = OwnerAt(customer, day);
            var k = U(T, i, 3, 100);
            var kind = k < 45 ? "拜访" : k < 80 ? "回访" : "电话回访";
            var followUp = kind.Contains("回访", StringComparison.Ordinal);
            var planned = P(T, i, 4, followUp ? 80 : 50);
            int? done = planned
                ? (P(T, i, 5, 85) && day + U(T, i, 6, 10) is var d && d <= _w1 ? d : null)
                : day;
            v[0] = i;
            v[1] = $"BF{i:D10}";
            v[2] = customer;
            v[3] = staff;
            v[4] = _staffUnit[staff];
            v[5] = kind;
            v[6] = followUp;
            v[7] = planned;
            v[8] = planned ? Day(day) : null;
            v[9] = done is { } dd ? Day(dd) : null;
            v[10] = MonthOf(done ?? day);
            v[11] = done is null ? null : P(T, i, 7, 90);
            v[12] = done is null ? null : 1 + U(T, i, 8, 3);
            s.Write();
        }
        s.Complete();
        Counts["visits"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] SaleColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("CustomerId", Col.Int), ("StaffId", Col.Int), ("UnitId", Col.Int), ("Date", Col.Date),
        ("Month", Col.Int), ("AmountFen", Col.Long), ("ProductType", Col.Text),
    ];

    private static readonly string[] Products = ["宽带", "移动", "专线", "IDC", "云服务"];

    /// <summary>Sales by the customer's manager at the time (97 %; else no staff, the owner's unit), 10 … 50,010 元.</summary>
    private void Sales(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 7;
        using var s = TableSink.Open(connection, tx, "sales", SaleColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var customer = 1 + U(T, i, 0, _scale.Customers);
            var day = CustomerDay(T, i, customer);
            var owner = OwnerAt(customer, day);
            v[0] = i;
            v[1] = $"XS{i:D10}";
            v[2] = customer;
            v[3] = P(T, i, 3, 97) ? owner : null;
            v[4] = _staffUnit[owner];
            v[5] = Day(day);
            v[6] = MonthOf(day);
            v[7] = 1_000L + U(T, i, 4, 5_000_000);
            v[8] = Products[U(T, i, 5, Products.Length)];
            s.Write();
        }
        s.Complete();
        Counts["sales"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] TaskColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("Kind", Col.Text), ("UnitId", Col.Int), ("StaffId", Col.Int), ("CustomerId", Col.Int),
        ("DueOn", Col.Date), ("Month", Col.Int), ("DoneOn", Col.Date), ("WithinStandard", Col.Bool), ("Planned", Col.Long), ("Completed", Col.Long),
    ];

    /// <summary>
    /// Service tasks: 意见反馈 30 % (of a customer, by its manager), 信息传递 25 %, 业务量 15 %, 调研任务 15 %, 流程改进
    /// 15 % (by any staff member at 90 %, else a unit). Done at 88 %, 3 days early … 4 days late; within the standard =
    /// done by the due date. 业务量 quantities 100 … 2,099 planned, 70 … 109 % of it completed (× 10,000).
    /// </summary>
    private void ServiceTasks(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 8;
        using var s = TableSink.Open(connection, tx, "service_tasks", TaskColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var k = U(T, i, 0, 100);
            var kind = k < 30 ? "意见反馈" : k < 55 ? "信息传递" : k < 70 ? "业务量" : k < 85 ? "调研任务" : "流程改进";
            int? customer = null;
            int? staff;
            int unit;
            int due;
            if (kind == "意见反馈")
            {
                var c = 1 + U(T, i, 1, _scale.Customers);
                customer = c;
                due = CustomerDay(T, i, c);
                staff = OwnerAt(c, due);
                unit = _staffUnit[staff.Value];
            }
            else
            {
                due = _w0 + U(T, i, 2, _w1 - _w0 + 1);
                staff = P(T, i, 3, 90) ? 1 + U(T, i, 4, _scale.Staff) : null;
                unit = staff is { } st ? _staffUnit[st] : FirstDepartmentId + U(T, i, 5, UnitCount - 1);
            }
            int? done = P(T, i, 6, 88) && due - 3 + U(T, i, 7, 8) is var d0 && d0 <= _w1 ? d0 : null; // not done after the window
            long planned = 10_000, completed = done is null ? 0 : 10_000;
            if (kind == "业务量")
            {
                planned = (100L + U(T, i, 8, 2_000)) * 10_000;
                completed = planned * (70 + U(T, i, 9, 40)) / 100;
            }
            v[0] = i;
            v[1] = $"SW{i:D10}";
            v[2] = kind;
            v[3] = unit;
            v[4] = staff;
            v[5] = customer;
            v[6] = Day(due);
            v[7] = MonthOf(due);
            v[8] = done is { } d ? Day(d) : null;
            v[9] = done is { } d2 && d2 <= due;
            v[10] = planned;
            v[11] = completed;
            s.Write();
        }
        s.Complete();
        Counts["service_tasks"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] CallColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("UnitId", Col.Int), ("StaffId", Col.Int), ("At", Col.Time), ("Month", Col.Int),
        ("Inbound", Col.Bool), ("Connected", Col.Bool), ("Transferred", Col.Bool), ("Abandoned", Col.Bool),
    ];

    /// <summary>Calls: 85 % by a staff member (else an office queue), 70 % inbound, 88 % connected, 12 % of those transferred, 60 % of unconnected inbound abandoned.</summary>
    private void Calls(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 9;
        using var s = TableSink.Open(connection, tx, "calls", CallColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var day = _w0 + U(T, i, 0, _w1 - _w0 + 1);
            int? staff = P(T, i, 1, 85) ? 1 + U(T, i, 2, _scale.Staff) : null;
            var at = At(day, 8 * 60 + U(T, i, 3, 12 * 60));
            var inbound = P(T, i, 4, 70);
            var connected = P(T, i, 5, 88);
            v[0] = i;
            v[1] = $"HJ{i:D10}";
            v[2] = staff is { } st ? _staffUnit[st] : FirstOfficeId + U(T, i, 6, Offices);
            v[3] = staff;
            v[4] = at;
            v[5] = MonthOf(at);
            v[6] = inbound;
            v[7] = connected;
            v[8] = connected && P(T, i, 7, 12);
            v[9] = !connected && inbound && P(T, i, 8, 60);
            s.Write();
        }
        s.Complete();
        Counts["calls"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] ExpenseColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("UnitId", Col.Int), ("Category", Col.Text), ("Date", Col.Date), ("Month", Col.Int), ("AmountFen", Col.Long),
    ];

    /// <summary>Expenses of the departments and offices: 服务费用 or 部门费用 (half each), 100 … 20,000 元.</summary>
    private void Expenses(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 10;
        using var s = TableSink.Open(connection, tx, "expenses", ExpenseColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var day = _w0 + U(T, i, 0, _w1 - _w0 + 1);
            v[0] = i;
            v[1] = $"FY{i:D9}";
            v[2] = FirstDepartmentId + U(T, i, 1, UnitCount - 1);
            v[3] = P(T, i, 2, 50) ? "服务费用" : "部门费用";
            v[4] = Day(day);
            v[5] = MonthOf(day);
            v[6] = 10_000L + U(T, i, 3, 1_990_001);
            s.Write();
        }
        s.Complete();
        Counts["expenses"] = s.Rows;
    }

    private static readonly (string Name, Col Type)[] SurveyColumns =
    [
        ("Id", Col.Long), ("Code", Col.Text), ("Kind", Col.Text), ("CustomerId", Col.Int), ("UnitId", Col.Int), ("StaffId", Col.Int),
        ("Respondent", Col.Text), ("Date", Col.Date), ("Month", Col.Int), ("Score", Col.Long),
    ];

    /// <summary>
    /// Surveys: 75 % 客户满意度 of a customer, rating its manager and unit at the time; 25 % 部门协作满意度 rating a
    /// department or office (answered by a staff member). Scores 1.0 … 5.0 in steps of 0.5.
    /// </summary>
    private void Surveys(DbConnection connection, DbTransaction? tx, long n)
    {
        const int T = 11;
        using var s = TableSink.Open(connection, tx, "surveys", SurveyColumns);
        var v = s.Values;
        for (long i = 1; i <= n; i++)
        {
            var customerSurvey = P(T, i, 0, 75);
            v[0] = i;
            v[1] = $"WJ{i:D10}";
            if (customerSurvey)
            {
                var c = 1 + U(T, i, 1, _scale.Customers);
                var day = CustomerDay(T, i, c);
                var staff = OwnerAt(c, day);
                v[2] = "客户满意度";
                v[3] = c;
                v[4] = _staffUnit[staff];
                v[5] = staff;
                v[6] = $"客户{c}";
                v[7] = Day(day);
                v[8] = MonthOf(day);
            }
            else
            {
                var day = _w0 + U(T, i, 2, _w1 - _w0 + 1);
                v[2] = "部门协作满意度";
                v[3] = null;
                v[4] = FirstDepartmentId + U(T, i, 3, UnitCount - 1);
                v[5] = null;
                v[6] = StaffCode(1 + U(T, i, 4, _scale.Staff));
                v[7] = Day(day);
                v[8] = MonthOf(day);
            }
            v[9] = (2L + U(T, i, 5, 9)) * 5_000;
            s.Write();
        }
        s.Complete();
        Counts["surveys"] = s.Rows;
    }
}
