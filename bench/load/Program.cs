using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

// Usage: Kaohe.Bench.Load <base-url> <postgres-connection> <admin-password> [raters=200] [seconds=60] [think-ms=1000]
// The database must be the (empty, migrated) database of the running app.
var url = args[0].TrimEnd('/');
var connection = args[1];
var adminPassword = args[2];
var raters = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 60;
var thinkMs = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1000;
const int SubjectsPerRater = 5;
const string Password = "load-test-2026";
string[] items = ["客户关系的维护", "建立客户信息库", "客诉处理", "主管考核第4-5项（原表丢失）", "分析/执行能力", "协调/沟通能力", "责任感/全局观念/企业认同感", "财务制度遵守与执行", "出勤率及行政制度执行"];
decimal[] points = [10, 10, 10, 15, 5, 5, 5, 20, 20];

var database = KaoheDatabase.Open(connection);
Console.WriteLine($"setup: {raters} raters × {SubjectsPerRater} appraisees (TPL-07 with its 自评 renamed 复评, so the rater fills both forms) …");
var setup = Stopwatch.StartNew();
Setup(database, raters);
Console.WriteLine($"  org and accounts: {setup.Elapsed.TotalSeconds:F1} s");

var handler = () => new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var admin = new HttpClient(handler()) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
(await admin.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = adminPassword })).EnsureSuccessStatusCode();
// 自评 belongs to the appraisee, who has no account here: the same form under another role name (weight 0, as 自评),
// which the rater fills besides 主管评 — two forms per appraisee and rater, as before.
var scheme = Kaohe.Schemes.SchemeCatalog.TemplateText("TPL-07")!
    .Replace("id: TPL-07", "id: LOAD-07", StringComparison.Ordinal)
    .Replace("slug: customer-service-manager-monthly", "slug: load-07", StringComparison.Ordinal)
    .Replace("{ name: 自评, weight: 0 }", "{ name: 复评, weight: 0 }", StringComparison.Ordinal);
(await admin.PostAsJsonAsync("/api/schemes", new { yaml = scheme })).EnsureSuccessStatusCode();
var assignments = Enumerable.Range(0, raters).SelectMany(r => Enumerable.Range(0, SubjectsPerRater)
    .Select(k => new { subject = SubjectNo(r, k), role = "复评", rater = RaterName(r) })).ToList();
var open = await admin.PostAsJsonAsync("/api/cycles", new
{
    scheme = "LOAD-07", period = "2026-10", name = "负载测试", subjects = assignments.Select(a => a.subject).ToList(),
    defaultPayoutBase = 3000, assignments,
});
if (!open.IsSuccessStatusCode) throw new InvalidOperationException($"opening the cycle: {open.StatusCode} {await open.Content.ReadAsStringAsync()}");
var cycleId = (await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cycle").GetProperty("id").GetInt32();
Console.WriteLine($"  cycle {cycleId} opened: {setup.Elapsed.TotalSeconds:F1} s");

// Every rater signs in twice: two tabs working on the same forms, each saving with the version it last saw.
var clients = new List<Rater>();
var logins = new ConcurrentBag<Rater>();
await Parallel.ForEachAsync(Enumerable.Range(0, raters), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
{
    var tabs = new HttpClient[2];
    for (var t = 0; t < 2; t++)
    {
        tabs[t] = new HttpClient(handler()) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        (await tabs[t].PostAsJsonAsync("/api/auth/login", new { userName = RaterName(r), password = Password })).EnsureSuccessStatusCode();
    }
    var forms = (await tabs[0].GetFromJsonAsync<JsonElement>("/api/forms"))!.EnumerateArray().Select(f => f.GetProperty("id").GetInt32()).ToArray();
    if (forms.Length != 2 * SubjectsPerRater) throw new InvalidOperationException($"{RaterName(r)} has {forms.Length} forms");
    logins.Add(new Rater(r, tabs, forms));
});
clients.AddRange(logins.OrderBy(c => c.Index));
Console.WriteLine($"  {clients.Count * 2} sessions signed in: {setup.Elapsed.TotalSeconds:F1} s");

// ---- phase 1: rating (after a warm-up of the same work, not measured, so the JIT and the query caches are ready)
var acknowledged = new ConcurrentDictionary<int, (int Version, string Inputs, bool Submitted)>();
var conflicts = 0L;
var warmup = new Stats("warm-up");
await Rate(warmup, Math.Min(10, seconds));
if (warmup.ErrorCount > 0) Console.WriteLine($"  warm-up errors: {warmup.ErrorCount}");
var rating = new Stats("save/submit");
await Rate(rating, seconds);

async Task Rate(Stats stats, int duration)
{
    var stop = DateTime.UtcNow.AddSeconds(duration);
    await Task.WhenAll(clients.Select(c => Task.Run(async () =>
    {
        var rng = c.Random;
        await Task.Delay(rng.Next(thinkMs + 1));
        while (DateTime.UtcNow < stop && c.Open.Count > 0)
        {
            var form = c.Open[rng.Next(c.Open.Count)];
            var tab = rng.Next(2);
            if (!c.Versions.TryGetValue((tab, form), out var version))
            {
                using var get = await c.Tabs[tab].GetAsync($"/api/forms/{form}");
                if (!get.IsSuccessStatusCode)
                {
                    stats.Error(TimeSpan.Zero, $"GET form {(int)get.StatusCode}");
                    await Task.Delay(thinkMs);
                    continue;
                }
                version = (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
            }
            var inputs = items.Select((name, i) => (name, value: rng.Next(0, (int)points[i] + 1))).ToDictionary(x => x.name, x => (object)x.value);
            var count = c.Saves.GetValueOrDefault(form);
            var submit = count >= 6 && rng.Next(4) == 0; // a form is submitted after several drafts
            var sw = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = submit
                    ? await c.Tabs[tab].PostAsJsonAsync($"/api/forms/{form}/submit", new { inputs, comment = $"第 {count + 1} 次", version })
                    : await c.Tabs[tab].PutAsJsonAsync($"/api/forms/{form}", new { inputs, comment = $"第 {count + 1} 次", version });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                stats.Error(sw.Elapsed, e.GetType().Name);
                continue;
            }
            var elapsed = sw.Elapsed;
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement : default;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                stats.Ok(elapsed);
                var newVersion = body.GetProperty("version").GetInt32();
                c.Versions[(tab, form)] = newVersion;
                c.Saves[form] = count + 1;
                acknowledged[form] = (newVersion, Canonical(inputs), submit);
                if (submit) c.Open.Remove(form);
            }
            else if (response.StatusCode == HttpStatusCode.Conflict && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("current", out var current))
            {
                // The other tab saved in between: refused, never merged. This tab takes the stored version.
                stats.Ok(elapsed);
                Interlocked.Increment(ref conflicts);
                c.Versions[(tab, form)] = current.GetProperty("version").GetInt32();
            }
            else
            {
                stats.Error(elapsed, $"{(int)response.StatusCode} {text}");
            }
            await Task.Delay(thinkMs / 2 + rng.Next(thinkMs + 1));
        }
    })));
    stats.Stop();
}

// ---- verification: every form holds exactly the last acknowledged save
using (var db = database.CreateContext())
{
    var forms = db.RatingForms.AsNoTracking().Select(f => new { f.Id, f.Version, f.InputsJson, f.Status }).ToList();
    var lost = 0;
    foreach (var f in forms)
    {
        if (!acknowledged.TryGetValue(f.Id, out var ack))
        {
            if (f.Version != 1) { lost++; Console.WriteLine($"form {f.Id}: changed without an acknowledged save"); }
            continue;
        }
        var stored = Canonical(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(f.InputsJson)!.ToDictionary(kv => kv.Key, kv => (object)kv.Value.GetInt32()));
        if (f.Version != ack.Version || stored != ack.Inputs || (f.Status == FormStatus.Submitted) != ack.Submitted)
        {
            lost++;
            Console.WriteLine($"form {f.Id}: stored v{f.Version} {stored} ≠ acknowledged v{ack.Version} {ack.Inputs}");
        }
    }
    var audits = db.AuditEntries.Count(a => a.Action == "修改评分");
    Console.WriteLine($"verify: {forms.Count} forms, {acknowledged.Count} saved at least once, {forms.Count(f => f.Status == FormStatus.Submitted)} submitted, " +
                      $"{lost} lost or overwritten; {conflicts} saves refused as conflicts (two tabs); {audits} audit entries of changed values");
    rating.Lost = lost;
}

// ---- phase 2: the trivial endpoint, same clients, same pacing
var ping = new Stats("GET /api/ping");
var stopPing = DateTime.UtcNow.AddSeconds(seconds);
await Task.WhenAll(clients.Select(c => Task.Run(async () =>
{
    var rng = new Random(c.Index + 1000);
    await Task.Delay(rng.Next(thinkMs + 1));
    while (DateTime.UtcNow < stopPing)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await c.Tabs[rng.Next(2)].GetAsync("/api/ping");
            if (response.IsSuccessStatusCode) ping.Ok(sw.Elapsed);
            else ping.Error(sw.Elapsed, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            ping.Error(sw.Elapsed, e.GetType().Name);
        }
        await Task.Delay(thinkMs / 2 + rng.Next(thinkMs + 1));
    }
}))).ConfigureAwait(false);
ping.Stop();

Console.WriteLine();
Console.WriteLine($"{raters} raters (2 sessions each), {seconds} s per phase, pause between requests {thinkMs / 2}–{thinkMs * 3 / 2} ms");
Console.WriteLine(Stats.Header);
Console.WriteLine(rating.Line());
Console.WriteLine(ping.Line());
Console.WriteLine($"ratio save/submit ÷ ping: p50 {rating.P(50) / ping.P(50):F2}×, p99 {rating.P(99) / ping.P(99):F2}×, throughput {rating.Throughput / ping.Throughput:F2}×");
foreach (var e in warmup.Errors.Concat(rating.Errors).Concat(ping.Errors).GroupBy(e => e).OrderByDescending(g => g.Count()).Take(10))
    Console.WriteLine($"  error ×{e.Count()}: {e.Key[..Math.Min(200, e.Key.Length)]}");
var met = rating.P(99) < 200 && rating.ErrorCount == 0 && rating.Lost == 0;
Console.WriteLine(met ? "target met: p99 < 200 ms, 0 errors, 0 lost writes" : "TARGET MISSED");
foreach (var c in clients) foreach (var t in c.Tabs) t.Dispose();
return met ? 0 : 1;

static string RaterName(int r) => $"rater{r:D3}";
static string SubjectNo(int r, int k) => $"L{r:D3}{k}";
static string Canonical(Dictionary<string, object> inputs) =>
    string.Join(";", inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

// A company with one department per 20 raters; each rater (a team head) supervises five appraisees.
static void Setup(KaoheDatabase database, int raters)
{
    using (var db = database.CreateContext())
    {
        if (db.Units.Any()) throw new InvalidOperationException("the database is not empty: run.sh creates a fresh one");
        var company = new OrgUnit { Code = "LC", Name = "负载公司", Kind = UnitKind.Company };
        db.Units.Add(company);
        db.SaveChanges();
        var teams = new List<OrgUnit>();
        for (var r = 0; r < raters; r++) teams.Add(new OrgUnit { Code = $"LT{r:D3}", Name = $"{r + 1}组", Kind = UnitKind.Team, ParentId = company.Id });
        db.Units.AddRange(teams);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var heads = teams.Select((t, r) => new Staff { EmployeeNo = $"LH{r:D3}", Name = $"组长{r + 1}", UnitId = t.Id, Role = "组长" }).ToList();
        db.Staff.AddRange(heads);
        db.SaveChanges();
        db.Staff.AddRange(heads.SelectMany((h, r) => Enumerable.Range(0, SubjectsPerRater).Select(k =>
            new Staff { EmployeeNo = SubjectNo(r, k), Name = $"客服{r + 1}-{k + 1}", UnitId = h.UnitId, Role = "客服经理", SupervisorId = h.Id })));
        db.SaveChanges();
    }
    // Accounts: the password hash (PBKDF2, 600,000 rounds) dominates; two at a time, one per core.
    var heads2 = Enumerable.Range(0, raters).ToList();
    Parallel.ForEach(heads2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
    {
        using var db = database.CreateContext();
        var staff = db.Staff.AsNoTracking().Single(s => s.EmployeeNo == $"LH{r:D3}").Id;
        new AccountStore(db).Create("admin", new NewAccount(RaterName(r), $"组长{r + 1}", Password, AccountRole.Rater, staff));
    });
}

internal sealed record Rater(int Index, HttpClient[] Tabs, int[] Forms)
{
    public Random Random { get; } = new(Index);
    public Dictionary<(int Tab, int Form), int> Versions { get; } = [];
    public Dictionary<int, int> Saves { get; } = [];
    public List<int> Open { get; } = [.. Forms];
}

internal sealed class Stats(string name)
{
    private readonly ConcurrentBag<double> _ms = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _seconds;
    public ConcurrentBag<string> Errors { get; } = [];
    public int ErrorCount => Errors.Count;
    public int Lost { get; set; }

    public void Ok(TimeSpan t) => _ms.Add(t.TotalMilliseconds);
    public void Error(TimeSpan t, string what) { _ms.Add(t.TotalMilliseconds); Errors.Add(what); }
    public void Stop() => _seconds = _clock.Elapsed.TotalSeconds;
    public double Throughput => _ms.Count / _seconds;

    public double P(double p)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public const string Header = "endpoint          requests  req/s    p50 ms   p99 ms   max ms   errors";
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{name,-16} {_ms.Count,9} {Throughput,6:F1} {P(50),8:F1} {P(99),8:F1} {P(100),8:F1} {ErrorCount,8}");
}
