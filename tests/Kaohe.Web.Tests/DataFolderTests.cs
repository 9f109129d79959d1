using System.Collections.Concurrent;
using Kaohe.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kaohe.Web.Tests;

/// <summary>One database for both doors: the web app finds the data folder as <c>kaohe</c> does, and says where it is at start.</summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kaohe-datafolder-").FullName;

    [Fact]
    public void DataFolder_StartedInTheProjectFolder_IsTheOneTheCliUsesAtTheRoot()
    {
        // `dotnet run --project src/Kaohe.Web` starts in the project folder; `kaohe` is typically run at the root.
        var none = new ConfigurationBuilder().Build();
        var web = KaoheWebApp.DataFolder(none, Path.Combine(Repo.Root, "src", "Kaohe.Web"));
        var cli = DataLocation.Resolve(null, Repo.Root);

        Assert.Equal(cli, web);
        if (Environment.GetEnvironmentVariable(DataLocation.FolderVariable) is not { Length: > 0 })
            Assert.Equal((Path.Combine(Repo.Root, "data"), DataFolderSource.Repository), (web.Folder, web.Source));
    }

    [Fact]
    public void DataFolder_TheWebsOwnSettingWins()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kaohe:DataDir"] = _dir }).Build();

        Assert.Equal(new DataLocation(_dir, DataFolderSource.Setting), KaoheWebApp.DataFolder(config, Repo.Root));
    }

    [Fact]
    public void Start_LogsTheDatabaseAndTheDataFolder()
    {
        var logs = new LogCapture();
        var file = Path.Combine(_dir, "kaohe.db");
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Kaohe:Db", $"Data Source={file};Pooling=False");
            b.UseSetting("Kaohe:DataDir", _dir);
            b.UseSetting("Kaohe:Demo", "false");
            b.UseSetting("Kaohe:AdminPassword", TestHost.AdminPassword);
            b.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });

        _ = factory.Server;

        Assert.Contains($"数据：SQLite {file}（数据目录 {_dir}，由设置 Kaohe:DataDir 指定）", logs.Lines);
        Assert.Contains("正在准备数据库…", logs.Lines);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Keeps every message of the "Kaohe" category.</summary>
    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IReadOnlyCollection<string> Lines => _lines;
        public ILogger CreateLogger(string categoryName) => categoryName == "Kaohe" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }
}
