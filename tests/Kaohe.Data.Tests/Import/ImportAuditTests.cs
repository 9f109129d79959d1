using System.Text;
using Kaohe.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Import;

/// <summary>
/// Issue 10, finding 8: an import leaves its actor in <c>import_runs</c> and an entry in the audit trail; units and
/// staff (who rates whom, who sees what) are audited one by one, field by field, with units and supervisors by their
/// codes. Finding 10: text longer than its column is refused with its row before anything is written.
/// </summary>
public abstract class ImportAuditTests(DatabaseProvider provider) : DatabaseTests(provider), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-import-audit-").FullName;

    private string Csv(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Imports_are_audited_with_their_actor_and_units_and_staff_change_by_change()
    {
        var units = Csv("units.csv", "单位编码,单位名称,类型,上级编码\nHQ,总公司,公司,\nT1,一组,小组,HQ\nT2,二组,小组,HQ\n");
        Assert.True(Importer.Run(Database, "units", units, actor: "hr").Succeeded);
        var staff = Csv("staff.csv", "工号,姓名,单位编码,岗位,上级工号\nE01,组长,T1,组长,\nE11,员工甲,T1,客服经理,E01\n");
        Assert.True(Importer.Run(Database, "staff", staff, actor: "hr").Succeeded);
        // 员工甲 moves to 二组 and loses their supervisor; importing the same file again changes nothing more.
        var moved = Csv("staff2.csv", "工号,姓名,单位编码,岗位,上级工号\nE01,组长,T1,组长,\nE11,员工甲,T2,客服经理,\n");
        Assert.True(Importer.Run(Database, "staff", moved, actor: "admin").Succeeded);
        Assert.True(Importer.Run(Database, "staff", moved, actor: "admin").Succeeded);

        using var db = Db();
        var runs = db.ImportRuns.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Kind + ":" + r.Actor).ToList();
        Assert.Equal(["units:hr", "staff:hr", "staff:admin", "staff:admin"], runs);
        var trail = db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
        Assert.Equal(4, trail.Count(a => a.Action == "导入"));
        Assert.True(trail.Any(a => a.Action == "导入" && a.Actor == "hr" && a.EntityKey == "组织：units.csv" && a.NewValue == "新增 3，更新 0，未变 0"), string.Join("\n", trail.Where(a => a.Action == "导入").Select(a => a.EntityKey + "=" + a.NewValue)));
        Assert.Equal(["HQ", "T1", "T2"], trail.Where(a => a.Action == "新增单位").Select(a => a.EntityKey).Order());
        // Parents and supervisors are set in a second pass (they may come later in the file): added, then linked.
        Assert.Contains("名称=一组", trail.Single(a => a.Action == "新增单位" && a.EntityKey == "T1").NewValue);
        Assert.Contains(trail, a => a.Action == "修改单位" && a.EntityKey == "T1" && a.Field == "上级单位" && a.NewValue == "HQ");
        Assert.Contains("所属单位=T1", trail.Single(a => a.Action == "新增员工" && a.EntityKey == "E11").NewValue);
        var changes = trail.Where(a => a.Action == "修改员工").Select(a => $"{a.Actor}:{a.EntityKey}:{a.Field}:{a.OldValue}→{a.NewValue}").ToList();
        Assert.Equal(["admin:E11:上级:E01→（无）", "admin:E11:所属单位:T1→T2", "hr:E11:上级:（无）→E01"], changes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_longer_than_its_column_is_refused_with_its_row_and_nothing_is_written()
    {
        var units = Csv("units.csv", "单位编码,单位名称,类型,上级编码\nHQ,总公司,公司,\n" + new string('X', 65) + ",太长,小组,HQ\n");
        var report = Importer.Run(Database, "units", units, actor: "hr");
        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "单位编码"), (error.Row, error.Column));
        Assert.Contains("最多 64 个字", error.Reason);
        using var db = Db();
        Assert.Equal(0, db.Units.Count());
        Assert.Equal(0, db.AuditEntries.Count());
    }

    [Fact]
    public void Closing_and_reopening_a_month_are_audited_and_a_reopen_needs_a_reason()
    {
        Assert.True(Importer.Run(Database, "units", Csv("units.csv", "单位编码,单位名称,类型,上级编码\nHQ,总公司,公司,\n"), actor: "hr").Succeeded);
        var month = Kaohe.Data.Time.Period.Parse("2026-10");
        var at = new DateTime(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);
        using (var db = Db()) new Kaohe.Data.Metrics.MetricStore(db).Close(month, "hr", at);
        using (var db = Db())
        {
            var store = new Kaohe.Data.Metrics.MetricStore(db);
            Assert.Contains("原因", Assert.Throws<InvalidOperationException>(() => store.Reopen(month, "admin", at.AddHours(1), " ")).Message);
            store.Reopen(month, "admin", at.AddHours(1), "更正十月投诉");
        }
        using (var db = Db()) new Kaohe.Data.Metrics.MetricStore(db).Close(month, "hr2", at.AddHours(2));
        using var check = Db();
        var trail = check.AuditEntries.AsNoTracking().Where(a => a.Entity == "期间").OrderBy(a => a.Id)
            .Select(a => a.Action + ":" + a.Actor + ":" + a.OldValue + "→" + a.NewValue + ":" + a.Reason).ToList();
        Assert.Equal(3, trail.Count);
        Assert.StartsWith("结账:hr:未结账→已结账:冻结", trail[0]);
        Assert.Equal("重新开账:admin:已结账（hr，2026-11-02 09:00）→未结账:更正十月投诉", trail[1]);
        Assert.StartsWith("结账:hr2:", trail[2]);
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}

public sealed class SqliteImportAuditTests() : ImportAuditTests(DatabaseProvider.Sqlite);

public sealed class PostgresImportAuditTests() : ImportAuditTests(DatabaseProvider.PostgreSql);
