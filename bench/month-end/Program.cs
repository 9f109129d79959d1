using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Results;
using Microsoft.EntityFrameworkCore;

// The month-end benchmark of issue 12, one step per process (bench/month-end/run.sh wraps each in /usr/bin/time -v):
//   Kaohe.Bench.MonthEnd setup    <conn> <N> <out-dir>   company, N staff, raters' accounts, frozen metrics, the scheme
//   Kaohe.Bench.MonthEnd open     <conn> <out-dir>       CycleService.Open (data-bound inputs frozen from the metrics)
//   Kaohe.Bench.MonthEnd fill     <conn> <out-dir> [P]   every form saved+submitted by its rater through CycleService.Submit, P workers
//   Kaohe.Bench.MonthEnd export   <conn> <out-dir>       the same inputs as a `kaohe score` JSON input (outside the timed steps)
//   Kaohe.Bench.MonthEnd release  <conn> <out-dir>       CycleService.Release
//   Kaohe.Bench.MonthEnd publish  <conn> <out-dir>       CycleService.Publish
//   Kaohe.Bench.MonthEnd paysheet <conn> <out-dir> xlsx|csv   PaySheetService.WriteXlsx / WriteCsv to a file
//   Kaohe.Bench.MonthEnd check    <conn> <out-dir> <score.json>  released totals = kaohe score's totals, pay sheet total
// Each step prints one line "STEP <name> <count> <seconds>" that run.sh collects.
var step = args[0];
var database = KaoheDatabase.Open(args[1]);
var outDir = args[step == "setup" ? 3 : 2];
Directory.CreateDirectory(outDir);
const string Period = "2026-10";
const string SchemeCode = "BENCH-ME";
var state = Path.Combine(outDir, "cycle-id.txt");
var clock = Stopwatch.StartNew();

switch (step)
{
    case "setup":
        Setup(database, int.Parse(args[2], CultureInfo.InvariantCulture), outDir);
        break;
    case "open":
    {
        using var db = database.CreateContext();
        var hr = Hr(db);
        clock.Restart();
        var id = new CycleService(db).Open(hr, new OpenCycleRequest(SchemeCode, Period, "月末基准", ConfirmDays: 0, DefaultPayoutBase: 5000));
        Report("open", db.CycleSubjects.Count(s => s.CycleId == id), clock);
        File.WriteAllText(state, id.ToString(CultureInfo.InvariantCulture));
        break;
    }
    case "fill":
        Fill(database, CycleId(), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4);
        break;
    case "export":
        Export(database, CycleId(), outDir);
        break;
    case "release":
    {
        using var db = database.CreateContext();
        var hr = Hr(db);
        var id = CycleId();
        var version = db.Cycles.AsNoTracking().Single(c => c.Id == id).Version;
        clock.Restart();
        new CycleService(db).Release(hr, id, new ReleaseRequest(version));
        Report("release", db.CycleSubjects.Count(s => s.CycleId == id), clock);
        break;
    }
    case "publish":
    {
        using var db = database.CreateContext();
        var hr = Hr(db);
        var id = CycleId();
        var version = db.Cycles.AsNoTracking().Single(c => c.Id == id).Version;
        clock.Restart();
        new CycleService(db).Publish(hr, id, new PublishRequest(version, "基准测试：强制分布不作检查"));
        Report("publish", db.CycleSubjects.Count(s => s.CycleId == id), clock);
        break;
    }
    case "paysheet":
    {
        var format = args[3];
        using var db = database.CreateContext();
        var hr = Hr(db);
        var path = Path.Combine(outDir, "paysheet." + format);
        clock.Restart();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var service = new PaySheetService(db);
            if (format == "xlsx") service.WriteXlsx(hr, new PaySheetQuery(Period), file);
            else service.WriteCsv(hr, new PaySheetQuery(Period), file);
        }
        var cycleId = CycleId();
        Report("paysheet-" + format, db.CycleSubjects.Count(s => s.CycleId == cycleId), clock);
        Console.WriteLine($"  {path}: {new FileInfo(path).Length / 1024.0 / 1024:F1} MB");
        break;
    }
    case "check":
        Check(database, CycleId(), args[3]);
        break;
    default:
        throw new ArgumentException("unknown step " + step);
}
return 0;

int CycleId() => int.Parse(File.ReadAllText(state), CultureInfo.InvariantCulture);

static void Report(string name, int count, Stopwatch clock) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STEP {name} {count} {clock.Elapsed.TotalSeconds:F2}"));

static Actor Hr(KaoheDb db) => Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == "hr"));

// ------------------------------------------------------------------ setup

static void Setup(KaoheDatabase database, int n, string outDir)
{
    const int Departments = 10, TeamsPerDepartment = 10;
    const string Password = "Bench-MonthEnd-2026!";
    var clock = Stopwatch.StartNew();
    using var db = database.CreateContext();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    if (db.Staff.Any()) throw new InvalidOperationException("the benchmark database is not empty");
    var company = new OrgUnit { Code = "HQ", Name = "基准集团有限公司", Kind = UnitKind.Company };
    db.Units.Add(company);
    db.SaveChanges();
    var departments = Enumerable.Range(1, Departments).Select(d => new OrgUnit { Code = $"D{d:D2}", Name = $"第{d}事业部", Kind = UnitKind.Department, ParentId = company.Id }).ToList();
    db.Units.AddRange(departments);
    db.SaveChanges();
    var teams = departments.SelectMany((d, i) => Enumerable.Range(1, TeamsPerDepartment)
        .Select(t => new OrgUnit { Code = $"{d.Code}T{t:D2}", Name = $"{d.Name}{t}组", Kind = UnitKind.Team, ParentId = d.Id })).ToList();
    db.Units.AddRange(teams);
    db.SaveChanges();
    UnitTree.RebuildClosure(db);

    var no = 0;
    Staff NewStaff(int unit, string role, int? supervisor) => new()
    {
        EmployeeNo = $"B{++no:D6}", Name = Name(no), UnitId = unit, Role = role, SupervisorId = supervisor, HiredOn = new DateOnly(2020, 1, 1),
    };
    var ceo = NewStaff(company.Id, "总经理", null);
    db.Staff.Add(ceo);
    db.SaveChanges();
    var chiefs = departments.Select(d => NewStaff(d.Id, "事业部经理", ceo.Id)).ToList();
    db.Staff.AddRange(chiefs);
    db.SaveChanges();
    var heads = teams.Select((t, i) => NewStaff(t.Id, "组长", chiefs[i / TeamsPerDepartment].Id)).ToList();
    db.Staff.AddRange(heads);
    db.SaveChanges();
    var members = Math.Max(0, n - 1 - chiefs.Count - heads.Count);
    for (var done = 0; done < members;)
    {
        var batch = Math.Min(5000, members - done);
        for (var k = 0; k < batch; k++)
        {
            var t = (done + k) % teams.Count;
            db.Staff.Add(NewStaff(teams[t].Id, "客户经理", heads[t].Id));
        }
        db.SaveChanges();
        db.ChangeTracker.Clear();
        done += batch;
    }
    Console.WriteLine($"  org: {teams.Count + departments.Count + 1} units, {no:N0} staff ({clock.Elapsed.TotalSeconds:F1} s)");

    // Raters: everyone who supervises someone has an account; HR opens, releases and publishes (and rates the CEO).
    var store = new AccountStore(db);
    var hrAccount = store.Create("bench", new NewAccount("hr", "人事", Password, AccountRole.Hr));
    // The raters' accounts as AccountStore.Create makes them, with the one password hash computed once (PBKDF2 is slow on purpose).
    foreach (var s in new[] { ceo }.Concat(chiefs).Concat(heads))
        db.Accounts.Add(new Account
        {
            UserName = "r" + s.EmployeeNo, NormalizedUserName = AccountStore.Normalize("r" + s.EmployeeNo), DisplayName = s.Name,
            PasswordHash = hrAccount.PasswordHash, Role = AccountRole.Rater, StaffId = s.Id, CreatedAt = DateTime.UtcNow,
        });
    db.SaveChanges();
    Console.WriteLine($"  accounts: {2 + chiefs.Count + heads.Count} ({clock.Elapsed.TotalSeconds:F1} s)");

    // The closed months 2026-09 and 2026-10 with each person's frozen metrics (as `kaohe period close` leaves them).
    var ids = db.Staff.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToList();
    var now = DateTime.UtcNow;
    foreach (var month in new[] { 202609, 202610 })
        db.ClosedPeriods.Add(new ClosedPeriod { Month = month, ClosedAt = now, ClosedBy = "bench" });
    db.SaveChanges();
    for (var i = 0; i < ids.Count; i += 5000)
    {
        foreach (var id in ids.Skip(i).Take(5000))
            foreach (var (period, shift) in new[] { ("2026-09", 0), ("2026-10", 1) })
            {
                var sales = 70 + (id * 7 + shift * 13) % 50;          // 70 … 119 % of target
                var visits = 60 + (id * 11 + shift * 5) % 41;          // 60 … 100 % of planned visits
                db.MetricValues.Add(new MetricValue { Metric = "KF-19", ScopeKind = ScopeKind.Staff, ScopeId = id, Period = period, Numerator = sales, Denominator = 100, Value = sales / 100m, Frozen = true, ComputedAt = now });
                db.MetricValues.Add(new MetricValue { Metric = "KF-03", ScopeKind = ScopeKind.Staff, ScopeId = id, Period = period, Numerator = visits, Denominator = 100, Value = visits / 100m, Frozen = true, ComputedAt = now });
            }
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
    Console.WriteLine($"  frozen metrics: {ids.Count * 4:N0} values ({clock.Elapsed.TotalSeconds:F1} s)");

    var hr = Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == "hr"));
    var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench-me.yaml"));
    new SchemeStore(db).Save(hr, yaml);
    File.WriteAllText(Path.Combine(outDir, "bench-me.yaml"), yaml);
    Console.WriteLine($"  setup done: {clock.Elapsed.TotalSeconds:F1} s");
}

static string Name(int i)
{
    const string family = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    const string given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
    return $"{family[i % family.Length]}{given[i / family.Length % given.Length]}{given[i / 7 % given.Length]}";
}

// ------------------------------------------------------------------ fill

static void Fill(KaoheDatabase database, int cycleId, int workers)
{
    List<(int Account, List<(int Form, int Version, string Code)> Forms)> raters;
    using (var db = database.CreateContext())
    {
        raters = [.. (from f in db.RatingForms.AsNoTracking()
                      join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                      where s.CycleId == cycleId && f.Status == FormStatus.Draft
                      select new { f.RaterAccountId, f.Id, f.Version, s.Code }).AsEnumerable()
            .GroupBy(x => x.RaterAccountId)
            .Select(g => (g.Key, g.OrderBy(x => x.Id).Select(x => (x.Id, x.Version, x.Code)).ToList()))];
    }
    var total = raters.Sum(r => r.Forms.Count);
    string[] words = ["优秀", "良好", "良好", "一般", "差"];
    var clock = Stopwatch.StartNew();
    var done = 0;
    // Raters work at once (P of them at a time), each form saved and submitted by its own rater.
    Parallel.ForEach(raters, new ParallelOptions { MaxDegreeOfParallelism = workers }, rater =>
    {
        using var db = database.CreateContext();
        var actor = Actor.Of(db.Accounts.AsNoTracking().Single(a => a.Id == rater.Account));
        var service = new CycleService(db);
        foreach (var (form, version, code) in rater.Forms)
        {
            var word = words[(code.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % words.Length];
            using var inputs = JsonDocument.Parse($"{{\"工作态度\":\"{word}\"}}");
            service.Submit(actor, form, new FormSave(inputs.RootElement, null, version));
            db.ChangeTracker.Clear();
            var d = Interlocked.Increment(ref done);
            if (d % 10_000 == 0) Console.WriteLine($"  {d:N0} / {total:N0} forms ({clock.Elapsed.TotalSeconds:F0} s)");
        }
    });
    Report("fill", total, clock);
}

// ------------------------------------------------------------------ export for kaohe score

static void Export(KaoheDatabase database, int cycleId, string outDir)
{
    using var db = database.CreateContext();
    var forms = (from f in db.RatingForms.AsNoTracking()
                 join s in db.CycleSubjects.AsNoTracking() on f.CycleSubjectId equals s.Id
                 where s.CycleId == cycleId && f.Status == FormStatus.Submitted
                 select new { f.CycleSubjectId, f.InputsJson }).ToDictionary(x => x.CycleSubjectId, x => x.InputsJson);
    var path = Path.Combine(outDir, "score-input.json");
    using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    using var w = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    w.WriteStartObject();
    w.WriteString("period", Period);
    w.WriteStartArray("subjects");
    var n = 0;
    foreach (var s in db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).OrderBy(s => s.Code)
                 .Select(s => new { s.Id, s.Code, s.MetricsJson, s.PayoutBase }).AsEnumerable())
    {
        w.WriteStartObject();
        w.WriteString("name", s.Code);
        w.WriteStartObject("inputs");
        foreach (var json in new[] { s.MetricsJson, forms.GetValueOrDefault(s.Id) })
        {
            if (string.IsNullOrEmpty(json)) continue;
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject()) p.WriteTo(w);
        }
        w.WriteEndObject();
        if (s.PayoutBase is { } b) w.WriteNumber("奖金基数", b);
        w.WriteEndObject();
        n++;
    }
    w.WriteEndArray();
    w.WriteEndObject();
    w.Flush();
    Console.WriteLine($"  exported {n:N0} subjects to {path} ({file.Length / 1024.0 / 1024:F1} MB)");
}

// ------------------------------------------------------------------ check

static void Check(KaoheDatabase database, int cycleId, string scoreJson)
{
    using var db = database.CreateContext();
    var released = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).Select(s => new { s.Code, s.Total, s.Payout })
        .ToDictionary(s => s.Code);
    using var stream = File.OpenRead(scoreJson);
    using var doc = JsonDocument.Parse(stream);
    var results = doc.RootElement.GetProperty("results");
    int same = 0, differ = 0;
    foreach (var r in results.EnumerateArray())
    {
        var code = r.GetProperty("subject").GetString()!;
        var total = r.GetProperty("total").GetDecimal();
        if (released.TryGetValue(code, out var s) && s.Total == total) same++;
        else if (differ++ < 5) Console.WriteLine($"  differs: {code} released {s?.Total} score {total}");
    }
    Console.WriteLine($"CHECK totals: {same:N0} equal, {differ:N0} differ, {released.Count - same - differ:N0} missing from the score output");
    var csv = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scoreJson))!, "paysheet.csv");
    if (File.Exists(csv))
    {
        var lines = File.ReadLines(csv, Encoding.UTF8).Count();
        Console.WriteLine($"CHECK pay sheet CSV: {lines:N0} lines for {released.Count:N0} people");
    }
}
