using System.CommandLine;
using Kaohe.Data;

namespace Kaohe.Cli.Commands;

/// <summary>The <c>--db</c> option shared by the commands that use the customer base, and <c>kaohe where</c>.</summary>
/// <remarks>
/// The default database is the web app's: <see cref="DataLocation"/> decides the folder for both doors, so an import
/// made here shows in the web app started from the same clone.
/// </remarks>
internal static class DatabaseOption
{
    /// <summary>A new <c>--db</c> option (each command needs its own instance).</summary>
    public static Option<string?> Create() => new("--db")
    {
        Description = "数据库：PostgreSQL 连接串（Host=…;Database=…）或 SQLite 文件；默认取环境变量 KAOHE_DB，"
                      + "否则为数据目录下的 kaohe.db（与网页端相同；数据目录见 kaohe where，可用 KAOHE_DATA_DIR 改）",
    };

    /// <summary>Opens the database named by the option (or the default) and applies pending migrations.</summary>
    public static KaoheDatabase Open(string? connection)
    {
        var database = KaoheDatabase.Open(connection);
        database.Migrate();
        return database;
    }

    /// <summary>The data folder of this run (the same rule as the web app's), without creating anything.</summary>
    public static DataLocation Folder() => DataLocation.Resolve();

    /// <summary>One line for <c>kaohe --help</c>: where the default database is.</summary>
    public static string HelpLine()
    {
        var folder = Folder();
        return DataLocation.DatabaseFromEnvironment() is not null
            ? $"数据库：环境变量 {DataLocation.DatabaseVariable} 所指（kaohe where 查看）。"
            : $"数据：{folder.DefaultDatabaseFile}（{folder.Why}，与网页端相同；kaohe where 查看）。";
    }

    /// <summary><c>kaohe where</c>: the database and data folder this command would use, and why.</summary>
    public static Command CreateWhere(CliIO io)
    {
        var db = Create();
        var command = new Command("where", "显示数据所在：数据库、数据目录及其来由（网页端与命令行从同一仓库启动时相同）") { db };
        command.SetAction(parse =>
        {
            var folder = Folder();
            var named = parse.GetValue(db);
            var connection = named ?? DataLocation.DatabaseFromEnvironment();
            if (connection is null)
            {
                io.Out.WriteLine($"数据库：SQLite {folder.DefaultDatabaseFile}{(File.Exists(folder.DefaultDatabaseFile) ? "" : "（尚未创建）")}");
            }
            else
            {
                var source = named is not null ? "--db" : "环境变量 " + DataLocation.DatabaseVariable;
                io.Out.WriteLine($"数据库：{KaoheDatabase.Open(connection).Describe()}（由 {source} 指定）");
            }
            io.Out.WriteLine($"数据目录：{folder.Folder}（{folder.Why}）");
            io.Out.WriteLine($"改用其他位置：设环境变量 {DataLocation.FolderVariable}（数据目录）或 {DataLocation.DatabaseVariable}（PostgreSQL 连接串），网页端与命令行都读这两个变量。");
            return KaoheCli.Ok;
        });
        return command;
    }
}
