using System.Text.Json;

namespace Kaohe.Cli.Tests;

public sealed class SchemesCommandTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void List_Default_PrintsTableWithChineseHeaders()
    {
        var r = CliFixture.Run("schemes", "list");

        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var h in new[] { "代码", "别名", "名称", "对象", "周期", "指标数", "总分" })
            Assert.Contains(h, r.Out);
        Assert.Contains("内置模板", r.Out);
    }

    [Fact]
    public void List_JsonFormat_OneEntryPerTemplate()
    {
        var r = CliFixture.Run("schemes", "list", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var list = r.Json();
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(Kaohe.Schemes.SchemeCatalog.Templates.Length, list.GetArrayLength());
        foreach (var entry in list.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("id").GetString()));
            Assert.True(entry.TryGetProperty("indicators", out _));
        }
    }

    [Fact]
    public void Show_SchemeFile_PrintsFormWithRulesGradesAndPayout()
    {
        var r = CliFixture.Run("schemes", "show", _fx.Scheme());

        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var text in new[]
                 {
                     "测试考核表", "TEST-01", "定性指标", "定量指标", "工作态度", "按等级评分：优秀 20 分、良好 15 分",
                     "客户满意率", "≥ 90% 40 分", "流失率与历史最低比较", "每低 1 个百分点加 2 分", "良好 ≥ 80 分",
                     "奖金 = 总分 / 100 × 奖金基数",
                 })
            Assert.Contains(text, r.Out);
    }

    [Fact]
    public void Show_UnknownScheme_Exit2()
    {
        var r = CliFixture.Run("schemes", "show", "NO-SUCH-SCHEME");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NO-SUCH-SCHEME", r.Err);
    }

    [Fact]
    public void Show_Tpl01_WhenTemplateLoads_PrintsItsIndicators()
    {
        if (!Kaohe.Schemes.SchemeCatalog.Resolve("TPL-01").IsSuccess) return;

        var r = CliFixture.Run("schemes", "show", "TPL-01");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("当月公司客户流失率", r.Out);
        Assert.Contains("历史最低", r.Out);
    }

    [Fact]
    public void Lint_CleanFile_Exit0()
    {
        var r = CliFixture.Run("schemes", "lint", _fx.Scheme());

        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("TEST-01", r.Out);
        Assert.Contains("共检查 1 个方案", r.Out);
    }

    [Fact]
    public void Lint_FileThatDoesNotLoad_Exit2WithErrors()
    {
        var bad = _fx.Scheme("id: BAD\nname: 坏方案\nsections: [ { name: 甲, indicators: [ { name: 乙, points: 5, grade: { 好: 5 }, colour: red } ] } ]\n", "bad.yaml");

        var r = CliFixture.Run("schemes", "lint", bad);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("无法加载", r.Out);
        Assert.Contains("colour", r.Out);
    }

    [Fact]
    public void Lint_FileWithLintError_Exit2()
    {
        var yaml = Schemes.Small.Replace("- { grade: 良好, min: 80 }", "- { grade: 优秀, min: 80 }", StringComparison.Ordinal);

        var r = CliFixture.Run("schemes", "lint", _fx.Scheme(yaml));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("[错误]", r.Out);
    }

    [Fact]
    public void Lint_SeveralFiles_GroupedPerScheme()
    {
        var a = _fx.Scheme(Schemes.Small, "a.yaml");
        var b = _fx.Scheme(Schemes.Raters, "b.yaml");

        var r = CliFixture.Run("schemes", "lint", a, b);

        Assert.Contains("== TEST-01", r.Out);
        Assert.Contains("== TEST-02", r.Out);
        Assert.Contains("共检查 2 个方案", r.Out);
    }

    [Fact]
    public void Lint_NoArgument_ChecksEveryTemplate()
    {
        var r = CliFixture.Run("schemes", "lint");

        Assert.Contains($"共检查 {Kaohe.Schemes.SchemeCatalog.Templates.Length} 个方案", r.Out);
        Assert.Equal(r.ExitCode, CliFixture.Run("schemes", "lint", "--all").ExitCode);
    }
}
