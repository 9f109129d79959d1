namespace Kaohe.Cli.Tests;

/// <summary>Hostile scheme files through the command line (security issue 10): refused with exit code 2, never a crash.</summary>
public sealed class SchemeLimitsCommandTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Deep() => _fx.Write("deep.yaml", "notes: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

    [Fact]
    public void Lint_NestedHundredThousandDeep_Exit2WithTheChineseMessage()
    {
        // Used to overflow the stack in YamlStream.Load and kill the process (exit 134).
        var path = Deep();
        var r = CliFixture.Run("schemes", "lint", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("无法加载（1 个错误）", r.Out);
        Assert.Contains($"{path}:1:71: notes[0]", r.Out);
        Assert.Contains("嵌套层数超过 64 层", r.Out);
        Assert.DoesNotContain("Exception", r.Out + r.Err);
    }

    [Fact]
    public void Score_WithDeepSchemeFile_Exit2AndNoOutputFile()
    {
        var input = _fx.Write("in.json", """{ "subjects": [] }""");
        var output = _fx.PathOf("out.json");
        var r = CliFixture.Run("score", "--scheme", Deep(), "--input", input, "--output", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("嵌套层数超过 64 层", r.Err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Lint_AliasBomb_Exit2()
    {
        var yaml = "x: &a [" + string.Join(", ", Enumerable.Range(0, 500)) + "]\nnotes: [" + string.Join(", ", Enumerable.Repeat("*a", 2_000)) + "]\n";
        var r = CliFixture.Run("schemes", "lint", _fx.Write("bomb.yaml", yaml));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("别名展开后的节点过多（超过 100,000 个）", r.Out);
    }
}
