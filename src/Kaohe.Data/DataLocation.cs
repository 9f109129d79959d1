namespace Kaohe.Data;

/// <summary>How the data folder was chosen, for the line each door prints at start.</summary>
public enum DataFolderSource
{
    /// <summary>Named by the caller (the web app's <c>Kaohe:DataDir</c>).</summary>
    Setting,
    /// <summary>Named by <c>$KAOHE_DATA_DIR</c>.</summary>
    Environment,
    /// <summary><c>data/</c> in the repository root: the folder holding <c>Kaohe.slnx</c>, at or above the current directory.</summary>
    Repository,
    /// <summary>The user's data folder (a published application started outside a clone).</summary>
    UserData,
    /// <summary><c>data/</c> beside the application (no repository and no user data folder).</summary>
    BesideApp,
}

/// <summary>
/// Where Kaohe keeps its default SQLite database, the web app's keys and the initial administrator password: one rule
/// for the web app and the <c>kaohe</c> command, so that both started anywhere in a clone open the same base.
/// </summary>
/// <remarks>
/// In order: a folder named by the caller (the web app's <c>Kaohe:DataDir</c>); <c>$KAOHE_DATA_DIR</c>; <c>data/</c> in the
/// repository root, found by walking up from the current directory to the folder holding <c>Kaohe.slnx</c> (so
/// <c>dotnet run --project src/Kaohe.Web</c>, which starts in <c>src/Kaohe.Web</c>, and <c>kaohe</c> started at the root
/// agree); outside a clone (a published application) the user's data folder, <c>~/.local/share/kaohe</c> on Linux
/// (<c>%LOCALAPPDATA%\kaohe</c> on Windows), shared by a published web app and CLI run by the same user; and when
/// there is no home folder at all, <c>data/</c> beside the application. A connection string (<c>--db</c>,
/// <c>$KAOHE_DB</c>, <c>Kaohe:Db</c>) replaces the default database but not this folder.
/// </remarks>
public sealed record DataLocation(string Folder, DataFolderSource Source)
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "Kaohe.slnx";

    /// <summary>The environment variable that names the data folder, for both doors.</summary>
    public const string FolderVariable = "KAOHE_DATA_DIR";

    /// <summary>The environment variable that names the database (a connection string), for both doors.</summary>
    public const string DatabaseVariable = "KAOHE_DB";

    /// <summary>The data folder for this process: the current directory and the real environment.</summary>
    public static DataLocation Resolve(string? named = null) => Resolve(named, Directory.GetCurrentDirectory());

    /// <summary>The data folder for a door started in <paramref name="currentDirectory"/>, with the real environment.</summary>
    public static DataLocation Resolve(string? named, string currentDirectory) =>
        Resolve(named, currentDirectory, System.Environment.GetEnvironmentVariable,
            System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData), AppContext.BaseDirectory);

    /// <summary>The data folder given everything it depends on (for tests: no process state is read).</summary>
    /// <param name="named">A folder the caller's own setting names, or null.</param>
    /// <param name="currentDirectory">Where the walk up to the repository root starts.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="userData">The user's local application data folder; empty when there is none.</param>
    /// <param name="appDirectory">The application's own folder.</param>
    public static DataLocation Resolve(string? named, string currentDirectory, Func<string, string?> environment, string userData, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(named)) return new(Path.GetFullPath(named, currentDirectory), DataFolderSource.Setting);
        if (environment(FolderVariable) is { Length: > 0 } dir && !string.IsNullOrWhiteSpace(dir))
            return new(Path.GetFullPath(dir, currentDirectory), DataFolderSource.Environment);
        if (RepositoryRoot(currentDirectory) is { } root) return new(Path.Combine(root, "data"), DataFolderSource.Repository);
        if (!string.IsNullOrWhiteSpace(userData)) return new(Path.Combine(userData, "kaohe"), DataFolderSource.UserData);
        return new(Path.Combine(appDirectory, "data"), DataFolderSource.BesideApp);
    }

    /// <summary>The folder at or above <paramref name="start"/> that holds <c>Kaohe.slnx</c>, or null.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }

    /// <summary>The connection string named by <c>$KAOHE_DB</c>, or null for the default SQLite file.</summary>
    public static string? DatabaseFromEnvironment() =>
        System.Environment.GetEnvironmentVariable(DatabaseVariable) is { } cs && !string.IsNullOrWhiteSpace(cs) ? cs : null;

    /// <summary>Where the folder came from, in the words both doors print.</summary>
    public string Why => Source switch
    {
        DataFolderSource.Setting => "由设置 Kaohe:DataDir 指定",
        DataFolderSource.Environment => $"由环境变量 {FolderVariable} 指定",
        DataFolderSource.Repository => "仓库根目录下的 data/",
        DataFolderSource.UserData => "当前用户的数据目录",
        _ => "程序所在目录下的 data/",
    };

    /// <summary>The file the web app writes the generated first administrator password to (deleted once it is changed).</summary>
    public string InitialAdminPasswordFile => Path.Combine(Folder, "initial-admin-password.txt");

    /// <summary>The default SQLite file in this folder.</summary>
    public string DefaultDatabaseFile => Path.Combine(Folder, "kaohe.db");
}
