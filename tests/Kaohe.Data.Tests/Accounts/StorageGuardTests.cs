using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Accounts;

/// <summary>
/// Issue 10, finding 10: text longer than its column is refused with a Chinese message before it is written (SQLite
/// would store it and PostgreSQL fail); the SQLite file is readable by its owner only.
/// </summary>
public abstract class StorageGuardTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public void Text_longer_than_its_column_is_refused_with_the_field_and_nothing_is_written()
    {
        using var db = Db();
        var unit = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
        db.Units.Add(unit);
        db.SaveChanges();
        db.Staff.Add(new Staff { EmployeeNo = new string('9', 65), Name = "王芳", UnitId = unit.Id, Role = "客户经理" });
        var e = Assert.Throws<CycleException>(() => db.SaveChanges());
        Assert.Contains("员工的“工号”最多 64 个字", e.Message);
        db.ChangeTracker.Clear();
        unit.Name = new string('名', 201);
        db.Units.Update(unit);
        Assert.Contains("单位的“名称”最多 200 个字", Assert.Throws<CycleException>(() => db.SaveChanges()).Message);
        using var fresh = Db();
        Assert.Equal(0, fresh.Staff.Count());
        Assert.Equal("公司", fresh.Units.AsNoTracking().Single().Name);
    }
}

public sealed class SqliteStorageGuardTests() : StorageGuardTests(DatabaseProvider.Sqlite);

public sealed class PostgresStorageGuardTests() : StorageGuardTests(DatabaseProvider.PostgreSql);

public sealed class SqliteFileModeTests
{
    [Fact]
    public void The_default_database_file_and_its_folder_are_the_owners_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Path.Combine(Path.GetTempPath(), "kaohe-mode-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = KaoheDatabase.Open(null, dir);
            Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
            database.Migrate();
            const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(dir, "kaohe.db")));
            Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
