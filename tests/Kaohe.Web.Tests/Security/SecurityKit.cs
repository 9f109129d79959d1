using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kaohe.Data.Accounts;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Web.Tests.Security;

/// <summary>What the security tests share: extra accounts, opening and rating a cycle through the API.</summary>
public static class SecurityKit
{
    /// <summary>TPL-07's nine items (10, 10, 10, 15, 5, 5, 5, 20, 20 points).</summary>
    public static readonly string[] Tpl07 =
        ["客户关系的维护", "建立客户信息库", "客诉处理", "主管考核第4-5项（原表丢失）", "分析/执行能力", "协调/沟通能力", "责任感/全局观念/企业认同感", "财务制度遵守与执行", "出勤率及行政制度执行"];

    public static Dictionary<string, object> Values(params decimal[] scores) => Tpl07.Zip(scores).ToDictionary(p => p.First, p => (object)p.Second);

    public static Dictionary<string, object> Full() => Values(10, 10, 10, 15, 5, 5, 5, 20, 20);

    /// <summary>A person scheme with one hand-entered item and a ranking (rank 1 above 80 earns 3,000; below 60 costs 1,000).</summary>
    public const string RankingScheme = """
        id: SEC-RANK
        name: 安全测试排名表
        subject: person
        period: month
        total: 100
        ranking: { by_percent_of: 100, top_reward: 3000, top_above: 80, penalty: -1000, penalty_below: 60 }
        sections:
          - name: 考核
            indicators:
              - { name: 工作质量, points: 100, manual: true }
        """;

    /// <summary>Creates an account directly (as the administrator would), linked to a staff member by 工号 and/or a unit by code.</summary>
    public static void Account(TestHost host, string user, AccountRole role, string? employeeNo = null, string? unitCode = null)
    {
        using var db = host.Db.Database.CreateContext();
        int? staff = employeeNo is null ? null : db.Staff.AsNoTracking().Single(s => s.EmployeeNo == employeeNo).Id;
        int? unit = unitCode is null ? null : db.Units.AsNoTracking().Single(u => u.Code == unitCode).Id;
        new AccountStore(db).Create("admin", new NewAccount(user, user, TestHost.Password, role, staff, unit));
    }

    public static async Task<JsonElement> Open(HttpClient hr, object request) =>
        await Json.Read(await hr.PostAsJsonAsync("/api/cycles", request), HttpStatusCode.Created);

    public static object Tpl07Request(params string[] subjects) => new
    {
        scheme = "TPL-07", period = "2026-10", subjects, confirmDays = 3, defaultPayoutBase = 1000m,
    };

    public static int FormOf(JsonElement detail, string code, string role) =>
        detail.GetProperty("subjects").EnumerateArray().Single(s => s.Str("code") == code)
            .GetProperty("forms").EnumerateArray().Single(f => f.Str("role") == role).Int("id");

    public static int SubjectOf(JsonElement detail, string code) =>
        detail.GetProperty("subjects").EnumerateArray().Single(s => s.Str("code") == code).Int("id");

    public static async Task<HttpResponseMessage> Submit(HttpClient rater, int form, object inputs)
    {
        var current = await Json.Read(await rater.GetAsync($"/api/forms/{form}"), HttpStatusCode.OK);
        return await rater.PostAsJsonAsync($"/api/forms/{form}/submit", new { inputs, version = current.Int("version") });
    }

    public static async Task<int> CycleVersion(HttpClient hr, int cycle) =>
        (await Json.Read(await hr.GetAsync($"/api/cycles/{cycle}"), HttpStatusCode.OK)).GetProperty("cycle").Int("version");

    public static async Task<JsonElement> Result(HttpClient c, int subject) => await Json.Read(await c.GetAsync($"/api/results/{subject}"), HttpStatusCode.OK);

    /// <summary>Everything that decides pay, as stored: to show a refused request changed nothing.</summary>
    public static string Snapshot(TestHost host)
    {
        using var db = host.Db.Database.CreateContext();
        var subjects = db.CycleSubjects.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Total}:{s.Grade}:{s.Payout}:{s.Confirmation}:{s.AppraiseeAccountId}:{s.Version}").ToList();
        var forms = db.RatingForms.AsNoTracking().OrderBy(f => f.Id).Select(f => $"{f.Id}:{f.InputsJson}:{f.Status}:{f.Version}").ToList();
        var cycles = db.Cycles.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Status}:{c.Version}").ToList();
        var customers = db.Customers.Count();
        var accounts = db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.UserName}:{a.Role}:{a.Disabled}:{a.PasswordHash}").ToList();
        return string.Join("\n", subjects.Concat(forms).Concat(cycles).Concat(accounts).Append(customers.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
