namespace Kaohe.Cli.Tests;

public sealed class WhatIfCommandTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void WhatIf_BaselineIndicatorWithSetBaseline_PrintsRequiredValue()
    {
        // base 30 at the baseline 3%, +2 per full point lower: 34 points needs ≤ 1%.
        var r = CliFixture.Run("whatif", "-s", _fx.Scheme(), "--indicator", "客户流失率", "--target", "34", "--set", "基数=3%");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("客户流失率", r.Out);
        Assert.Contains("≤ 1%", r.Out);
    }

    [Fact]
    public void WhatIf_WithInputFileSubject_TakesOtherFieldsFromIt()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,4%\n乙,优秀,90%,2.5%,3%\n";

        var r = CliFixture.Run("whatif", "-s", _fx.Scheme(), "--indicator", "客户流失率", "--target", "34",
            "--input", _fx.Write("in.csv", csv), "--subject", "甲");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("≤ 2%", r.Out);
    }

    [Fact]
    public void WhatIf_TargetAboveMaximum_Exit2Explaining()
    {
        var r = CliFixture.Run("whatif", "-s", _fx.Scheme(), "--indicator", "客户满意率", "--target", "50");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("客户满意率", r.Err);
    }

    [Fact]
    public void WhatIf_UnknownIndicator_Exit2()
    {
        var r = CliFixture.Run("whatif", "-s", _fx.Scheme(), "--indicator", "满意率", "--target", "30");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("客户满意率", r.Err);
    }

    [Fact]
    public void WhatIf_SubjectNotInInput_Exit2()
    {
        var csv = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n甲,优秀,90%,2.5%,4%\n";

        var r = CliFixture.Run("whatif", "-s", _fx.Scheme(), "--indicator", "客户流失率", "--target", "34",
            "--input", _fx.Write("in.csv", csv), "--subject", "丙");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("丙", r.Err);
    }
}
