using System.CommandLine;
using Kaohe.Data;

namespace Kaohe.Cli.Commands;

/// <summary>The <c>--db</c> option shared by the commands that use the customer base.</summary>
internal static class DatabaseOption
{
    /// <summary>A new <c>--db</c> option (each command needs its own instance).</summary>
    public static Option<string?> Create() => new("--db")
    {
        Description = "数据库：PostgreSQL 连接串（Host=…;Database=…）或 SQLite 文件；默认取环境变量 KAOHE_DB，否则为数据目录 ./data/kaohe.db（可用 KAOHE_DATA_DIR 改）",
    };

    /// <summary>Opens the database named by the option (or the default) and applies pending migrations.</summary>
    public static KaoheDatabase Open(string? connection)
    {
        var database = KaoheDatabase.Open(connection);
        database.Migrate();
        return database;
    }
}
