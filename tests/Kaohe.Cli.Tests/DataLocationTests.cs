using Kaohe.Data;

namespace Kaohe.Cli.Tests;

/// <summary>
/// One database for both doors: the data folder is decided by <see cref="DataLocation"/>, from the repository root
/// wherever in the clone a door starts (the web's own check of the same rule is in Kaohe.Web.Tests).
/// </summary>
public sealed class DataLocationTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("kaohe-repo-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("kaohe-home-").FullName;

    public DataLocationTests()
    {
        File.WriteAllText(Path.Combine(_repo, "Kaohe.slnx"), "<Solution />");
        Directory.CreateDirectory(Path.Combine(_repo, "src", "Kaohe.Web"));
    }

    private DataLocation Resolve(string cwd, string? named = null, string? dataDir = null) =>
        DataLocation.Resolve(named, cwd, v => v == DataLocation.FolderVariable ? dataDir : null, _home, "/opt/kaohe");

    [Theory]
    [InlineData("")]
    [InlineData("src")]
    [InlineData("src/Kaohe.Web")]
    public void Resolve_AnywhereInTheClone_IsTheRootsDataFolder(string sub)
    {
        var location = Resolve(Path.Combine(_repo, sub));

        Assert.Equal(Path.Combine(_repo, "data"), location.Folder);
        Assert.Equal(DataFolderSource.Repository, location.Source);
        Assert.Equal("仓库根目录下的 data/", location.Why);
    }

    [Fact]
    public void Resolve_SettingThenEnvironmentWin_RelativeToTheCurrentDirectory()
    {
        var web = Path.Combine(_repo, "src", "Kaohe.Web");
        Assert.Equal(Path.Combine(_repo, "elsewhere"), Resolve(web, dataDir: "../../elsewhere").Folder);
        Assert.Equal(DataFolderSource.Environment, Resolve(web, dataDir: "/srv/kaohe").Source);
        var setting = Resolve(web, named: "/srv/web", dataDir: "/srv/kaohe");
        Assert.Equal((Path.GetFullPath("/srv/web"), DataFolderSource.Setting), (setting.Folder, setting.Source));
    }

    [Fact]
    public void Resolve_OutsideAClone_TheUsersDataFolder_ElseBesideTheApp()
    {
        var outside = Directory.CreateTempSubdirectory("kaohe-outside-").FullName;
        try
        {
            Assert.Equal((Path.Combine(_home, "kaohe"), DataFolderSource.UserData), (Resolve(outside).Folder, Resolve(outside).Source));
            var bare = DataLocation.Resolve(null, outside, _ => null, "", "/opt/kaohe");
            Assert.Equal((Path.Combine("/opt/kaohe", "data"), DataFolderSource.BesideApp), (bare.Folder, bare.Source));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void TheCli_FromThisClone_UsesTheRepositoryDataFolder()
    {
        // The test runs inside the clone (bin/…), like `kaohe` started anywhere in it; KAOHE_DATA_DIR overrides.
        var root = DataLocation.RepositoryRoot(Directory.GetCurrentDirectory());
        Assert.NotNull(root);
        var expected = Environment.GetEnvironmentVariable(DataLocation.FolderVariable) is { Length: > 0 } dir
            ? $"数据目录：{Path.GetFullPath(dir)}（由环境变量 KAOHE_DATA_DIR 指定）"
            : $"数据目录：{Path.Combine(root, "data")}（仓库根目录下的 data/）";
        var where = CliFixture.Run("where");
        Assert.Equal(0, where.ExitCode);
        Assert.Contains(expected, where.Out);
    }

    public void Dispose()
    {
        Directory.Delete(_repo, recursive: true);
        Directory.Delete(_home, recursive: true);
    }
}
