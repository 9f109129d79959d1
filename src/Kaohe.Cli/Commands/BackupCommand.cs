using System.CommandLine;
using System.Globalization;
using Kaohe.Data;
using Kaohe.Data.Backup;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe backup &lt;file&gt;</c> and <c>kaohe restore &lt;file&gt; [--force]</c>: a backup of the customer base a clerk
/// can take while the web application runs, and its restore (docs/data.md, "Backup and restore"). Neither migrates
/// the database: a backup must not change what it copies, and a restore puts back exactly what was saved.
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup(CliIO io)
    {
        var file = new Argument<string>("file") { Description = "备份文件，例如 backups/kaohe-2026-12-01.db（PostgreSQL 为 pg_dump 格式）" };
        var force = new Option<bool>("--force") { Description = "备份文件已存在时覆盖它" };
        var db = DatabaseOption.Create();
        var command = new Command("backup", "备份数据库：可在网页系统运行时进行；备份文件只有本人可读") { file, force, db };
        command.SetAction(parse =>
        {
            var service = new BackupService(KaoheDatabase.Open(parse.GetValue(db)));
            var result = Try(() => service.Backup(parse.GetValue(file)!, parse.GetValue(force)));
            io.Out.WriteLine($"已备份到 {result.File}（{Size(result.Bytes)}）");
            io.Out.WriteLine("  " + Counts(result.Counts));
            return KaoheCli.Ok;
        });
        return command;
    }

    public static Command CreateRestore(CliIO io)
    {
        var file = new Argument<string>("file") { Description = "用 kaohe backup 生成的备份文件" };
        var force = new Option<bool>("--force") { Description = "目标数据库已有数据时仍然恢复（覆盖前先另存一份当前数据）" };
        var db = DatabaseOption.Create();
        var command = new Command("restore", "从备份恢复数据库：先检查备份文件；目标已有数据时需要 --force") { file, force, db };
        command.SetAction(parse =>
        {
            var database = KaoheDatabase.Open(parse.GetValue(db));
            var result = Try(() => new BackupService(database).Restore(parse.GetValue(file)!, parse.GetValue(force)));
            io.Out.WriteLine($"已从 {result.Source} 恢复到 {database.Describe()}");
            io.Out.WriteLine("  " + Counts(result.Counts));
            if (result.PreviousSavedTo is { } previous)
                io.Out.WriteLine($"  恢复前的数据已另存为 {previous}");
            return KaoheCli.Ok;
        });
        return command;
    }

    private static T Try<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (BackupException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static string Counts(IReadOnlyList<TableCount> counts) =>
        string.Join("，", counts.Select(c => $"{c.Label} {(c.Rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "—")}"));

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " 字节",
    };
}
