using System.Diagnostics;
using Npgsql;

namespace Kaohe.Data.Backup;

/// <summary>
/// Finds and runs PostgreSQL's client tools (pg_dump, pg_restore): on the PATH, else the newest
/// <c>/usr/lib/postgresql/*/bin</c> (Debian's layout; the <c>postgresql</c> and <c>postgresql-client</c> packages).
/// Connection parameters go on the command line except the password, which the child gets in <c>PGPASSWORD</c>
/// only (a command line is visible to every user of the machine).
/// </summary>
internal sealed class PostgresTools(IReadOnlyList<string> searchPath)
{
    /// <summary>The PATH, then Debian's versioned folders, newest first.</summary>
    public static PostgresTools Default => new([.. PathFolders(), .. DebianFolders()]);

    private static IEnumerable<string> PathFolders() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> DebianFolders()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: decimal.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"));
    }

    /// <summary>The full path of <paramref name="tool"/>, or a <see cref="BackupException"/> that says how to install it.</summary>
    public string Require(string tool)
    {
        var name = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        foreach (var folder in searchPath)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new BackupException(
            $"找不到 {tool}：PostgreSQL 数据库的备份与恢复要用 PostgreSQL 的客户端工具 pg_dump 和 pg_restore。" +
            "请安装与服务器同版本或更新的客户端（Debian/Ubuntu：sudo apt-get install postgresql-client），" +
            "或把它们所在的文件夹加入 PATH；详见 docs/data.md 的“备份与恢复”");
    }

    /// <summary>The arguments and environment of a run: connection parameters as options, the password only in the environment.</summary>
    internal static (List<string> Arguments, Dictionary<string, string> Environment) Command(NpgsqlConnectionStringBuilder? cs, IEnumerable<string> arguments)
    {
        var args = new List<string>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (cs is not null)
        {
            if (!string.IsNullOrEmpty(cs.Host)) args.Add("--host=" + cs.Host);
            if (cs.Port > 0) args.Add("--port=" + cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(cs.Username)) args.Add("--username=" + cs.Username);
            // Never prompt: a run without a terminal would hang on the question.
            args.Add("--no-password");
            if (!string.IsNullOrEmpty(cs.Password)) env["PGPASSWORD"] = cs.Password;
            if (cs.SslMode != SslMode.Prefer) env["PGSSLMODE"] = cs.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }
        args.AddRange(arguments);
        if (cs is not null && !args.Any(a => a.StartsWith("--dbname=", StringComparison.Ordinal)) && !string.IsNullOrEmpty(cs.Database))
            args.Add("--dbname=" + cs.Database);
        return (args, env);
    }

    /// <summary>Runs <paramref name="tool"/>; its standard output, or a <see cref="BackupException"/> with what it reported.</summary>
    /// <param name="what">The step, in Chinese, for the message ("备份", "恢复", "读取备份").</param>
    public string Run(string tool, NpgsqlConnectionStringBuilder? cs, IEnumerable<string> arguments, string what)
    {
        var (args, env) = Command(cs, arguments);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in env) start.Environment[key] = value;
        start.Environment["LC_MESSAGES"] = "C";
        using var process = Process.Start(start) ?? throw new BackupException($"无法启动 {tool}");
        // Both streams are read at once: a child that fills one pipe while we wait on the other would never end.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errors = stderr.GetAwaiter().GetResult().Trim();
        if (process.ExitCode != 0)
            throw new BackupException($"{what}失败，{Path.GetFileName(tool)} 报告：{(errors.Length > 0 ? errors : "（没有说明）")}");
        return stdout;
    }
}
