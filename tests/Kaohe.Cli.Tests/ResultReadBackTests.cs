namespace Kaohe.Cli.Tests;

/// <summary>
/// Issue 13 item 4, as far as it goes: a result table written by <c>kaohe score</c> (CSV or XLSX) given back as input is
/// recognised and refused with the reason — its indicator columns are scores (优秀 → 20), not the values entered, so
/// scoring them again would be silently wrong.
/// </summary>
public sealed class ResultReadBackTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.xlsx")]
    public void Score_OfItsOwnResultTable_IsRefusedSayingTheColumnsAreScores(string output)
    {
        var scheme = _fx.Scheme();
        var input = _fx.Write("in.csv", "对象,工作态度,客户满意率,客户流失率,客户流失率[基数],奖金基数\n客户部,优秀,85%,2.5%,3.0%,3000\n");
        var first = CliFixture.Run("score", "-s", scheme, "-i", input, "-o", _fx.PathOf(output));
        Assert.True(first.ExitCode == 0, first.Err);

        var again = CliFixture.Run("score", "-s", scheme, "-i", _fx.PathOf(output));

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("这是计分结果表", again.Err);
        Assert.Contains("不是当初填写的原始值", again.Err);
    }
}
