using Kaohe.Data;
using Kaohe.Data.Demo;
using Kaohe.Data.Tests;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Cli.Tests;

/// <summary><c>kaohe backup</c> and <c>kaohe restore</c> through the command line, on both providers.</summary>
public abstract class BackupCommandTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly CliFixture _files = new();

    private CliResult Kaohe(params string[] args) => CliFixture.Run([.. args, "--db", _db.Database.ConnectionString]);

    private int Changed()
    {
        using var db = _db.Database.CreateContext();
        return db.Customers.Count(c => c.Name == "备份后改名");
    }

    [Fact]
    public void Backup_Change_Restore_PrintsWhatItDidInChinese()
    {
        DemoCompany.Create(_db.Database, new DemoOptions { LastMonth = 202610, Months = 3, Customers = 200 });
        var file = _files.PathOf("daily/kaohe-2026-12-01.bak");

        var backup = Kaohe("backup", file);

        Assert.True(backup.ExitCode == 0, backup.Err);
        Assert.StartsWith($"已备份到 {file}（", backup.Out);
        Assert.Matches(@"（[0-9.]+ (KB|MB)）", backup.Out);
        Assert.Contains("单位 16，员工 ", backup.Out);
        Assert.Contains("客户 200，考核 0，审计记录 0", backup.Out);
        Assert.Equal(2, Kaohe("backup", file).ExitCode);   // an existing backup is not replaced silently

        using (var db = _db.Database.CreateContext()) db.Database.ExecuteSqlRaw("UPDATE customers SET \"Name\" = '备份后改名'");
        Assert.Equal(200, Changed());

        var refused = Kaohe("restore", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("已有数据（单位 16", refused.Err);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(200, Changed());

        var restored = Kaohe("restore", file, "--force");
        Assert.True(restored.ExitCode == 0, restored.Err);
        Assert.Contains($"已从 {file} 恢复到 {_db.Database.Describe()}", restored.Out);
        Assert.Contains("客户 200", restored.Out);
        Assert.Contains("恢复前的数据已另存为 ", restored.Out);
        Assert.Equal(0, Changed());
        var previous = restored.Out.Split("恢复前的数据已另存为 ")[1].Trim();
        Assert.True(File.Exists(previous), previous);
        File.Delete(previous);
    }

    [Fact]
    public void Restore_FileThatIsNotABackup_Exit2()
    {
        var file = _files.Write("notes.txt", "今天的会议记录");
        var r = Kaohe("restore", file, "--force");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("不是 Kaohe 的备份文件", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void Restore_MissingFile_Exit2() =>
        Assert.Contains("找不到备份文件", Kaohe("restore", _files.PathOf("none.bak")).Err);

    public void Dispose()
    {
        _db.Dispose();
        _files.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBackupCommandTests() : BackupCommandTests(DatabaseProvider.Sqlite);

public sealed class PostgresBackupCommandTests() : BackupCommandTests(DatabaseProvider.PostgreSql);
