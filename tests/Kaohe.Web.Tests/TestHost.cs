using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Kaohe.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaohe.Web.Tests;

/// <summary>A clock the tests move forward (confirmation deadlines).</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The web application on a fresh database of one provider, with a movable clock.</summary>
public sealed class TestHost : IDisposable
{
    public const string AdminPassword = "first-boss-2026";
    public const string Password = "kaohe-test-2026";

    public TestDatabase Db { get; }
    public TestClock Clock { get; } = new();
    public string KeysDir { get; } = Path.Combine(Path.GetTempPath(), "kaohe-keys-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    private int? _kestrelPort;

    public TestHost(DatabaseProvider provider) => Db = TestDatabase.Create(provider);

    /// <summary>More settings for the app (Kaohe:MaxUploadMB …), applied when the host starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Let the app generate the first administrator's password (written to <see cref="DataDir"/>) instead of setting it.</summary>
    public bool GenerateAdminPassword { get; set; }

    /// <summary>The app's data folder (initial password file, keys).</summary>
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "kaohe-data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Serve on a real socket (for a browser) instead of the in-memory test server.</summary>
    public void UseKestrel(int port) => _kestrelPort = port;

    public WebApplicationFactory<Program> Factory => _factory ??= Create();

    private WebApplicationFactory<Program> Create()
    {
        var factory = Configure();
        if (_kestrelPort is { } port) factory.UseKestrel(port);
        return factory;
    }

    private WebApplicationFactory<Program> Configure() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Kaohe:Db", Db.Database.ConnectionString);
        b.UseSetting("Kaohe:Demo", "false");
        if (!GenerateAdminPassword) b.UseSetting("Kaohe:AdminPassword", AdminPassword);
        b.UseSetting("Kaohe:KeysDir", KeysDir);
        b.UseSetting("Kaohe:DataDir", DataDir);
        foreach (var (key, value) in Settings) b.UseSetting(key, value);
        b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        // appsettings.json asks for port 5000; a test server never takes a fixed port.
        b.UseSetting(WebHostDefaults.ServerUrlsKey, _kestrelPort is { } p ? $"http://127.0.0.1:{p}" : "http://127.0.0.1:0");
    });

    /// <summary>Starts a new host on the same database and keys (a restart).</summary>
    public void Restart()
    {
        _factory?.Dispose();
        _factory = null;
    }

    public HttpClient Client(bool cookies = true, string? baseAddress = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies };
        // Without one, the factory's own (the test server, or the Kestrel address).
        if (baseAddress is not null) options.BaseAddress = new Uri(baseAddress);
        return Factory.CreateClient(options);
    }

    /// <summary>A client signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> As(string user, string? password = null)
    {
        var client = Client();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = password ?? (user == "admin" ? AdminPassword : Password) });
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login {user}: {login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return client;
    }

    public void Dispose()
    {
        _factory?.Dispose();
        Db.Dispose();
        if (Directory.Exists(KeysDir)) Directory.Delete(KeysDir, recursive: true);
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
    }
}

/// <summary>
/// A company small enough to read: 总公司 → 客服部 (head 部长) → 一组 (head 组长甲, staff 员工甲) and 二组 (head 组长乙,
/// staff 员工乙). Accounts: hr (all units), hr1 (一组 only), rater1/rater2 (the two team heads), emp1/emp2 (the two
/// staff), viewer (all units).
/// </summary>
public static class TinyCompany
{
    public static void Create(KaoheDatabase database)
    {
        using var db = database.CreateContext();
        var company = new OrgUnit { Code = "C", Name = "总公司", Kind = UnitKind.Company };
        db.Units.Add(company);
        db.SaveChanges();
        var dept = new OrgUnit { Code = "D1", Name = "客服部", Kind = UnitKind.Department, ParentId = company.Id };
        db.Units.Add(dept);
        db.SaveChanges();
        var t1 = new OrgUnit { Code = "T1", Name = "一组", Kind = UnitKind.Team, ParentId = dept.Id };
        var t2 = new OrgUnit { Code = "T2", Name = "二组", Kind = UnitKind.Team, ParentId = dept.Id };
        db.Units.AddRange(t1, t2);
        db.SaveChanges();
        UnitTree.RebuildClosure(db);
        var boss = new Staff { EmployeeNo = "E00", Name = "部长", UnitId = dept.Id, Role = "部门经理" };
        db.Staff.Add(boss);
        db.SaveChanges();
        var h1 = new Staff { EmployeeNo = "E01", Name = "组长甲", UnitId = t1.Id, Role = "组长", SupervisorId = boss.Id };
        var h2 = new Staff { EmployeeNo = "E02", Name = "组长乙", UnitId = t2.Id, Role = "组长", SupervisorId = boss.Id };
        db.Staff.AddRange(h1, h2);
        db.SaveChanges();
        var e1 = new Staff { EmployeeNo = "E11", Name = "员工甲", UnitId = t1.Id, Role = "客服经理", SupervisorId = h1.Id };
        var e2 = new Staff { EmployeeNo = "E12", Name = "员工乙", UnitId = t2.Id, Role = "客服经理", SupervisorId = h2.Id };
        db.Staff.AddRange(e1, e2);
        db.SaveChanges();
        var store = new AccountStore(db);
        store.Create("admin", new NewAccount("hr", "人事甲", TestHost.Password, AccountRole.Hr));
        store.Create("admin", new NewAccount("hr1", "一组人事", TestHost.Password, AccountRole.Hr, UnitId: t1.Id));
        store.Create("admin", new NewAccount("rater1", "组长甲", TestHost.Password, AccountRole.Rater, StaffId: h1.Id));
        store.Create("admin", new NewAccount("rater2", "组长乙", TestHost.Password, AccountRole.Rater, StaffId: h2.Id));
        store.Create("admin", new NewAccount("emp1", "员工甲", TestHost.Password, AccountRole.Appraisee, StaffId: e1.Id));
        store.Create("admin", new NewAccount("emp2", "员工乙", TestHost.Password, AccountRole.Appraisee, StaffId: e2.Id));
        store.Create("admin", new NewAccount("viewer", "查看者", TestHost.Password, AccountRole.Viewer));
    }
}

/// <summary>Small helpers for JSON answers.</summary>
public static class Json
{
    public static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();
    public static decimal Dec(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();
}

/// <summary>The repository's root (for the examples).</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kaohe.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Kaohe.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Tests on a web host of one provider, disposed with the test.</summary>
public abstract class HostedTests(DatabaseProvider provider) : IDisposable
{
    protected TestHost Host { get; } = new(provider);

    /// <summary>Starts the app (first run: migrate, administrator) and creates <see cref="TinyCompany"/>.</summary>
    protected void CreateCompany()
    {
        _ = Host.Factory.Services;
        TinyCompany.Create(Host.Db.Database);
    }

    public void Dispose()
    {
        Host.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Request bodies for the API tests.</summary>
public static class Files
{
    /// <summary>A multipart upload of one file in the field <c>file</c>.</summary>
    public static MultipartFormDataContent Upload(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }

    public static MultipartFormDataContent Upload(string name, string text) => Upload(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The kind of body an endpoint accepts: a small CSV upload, or <paramref name="json"/>.</summary>
    public static HttpContent BodyFor(Microsoft.AspNetCore.Http.Endpoint endpoint, object json) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true
            ? Upload("x.csv", "a,b\n1,2\n")
            : System.Net.Http.Json.JsonContent.Create(json);
}
