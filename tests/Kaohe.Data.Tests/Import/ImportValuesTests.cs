using Kaohe.Data.Import;

namespace Kaohe.Data.Tests.Import;

/// <summary>Money and numbers in an import as people type them: currency signs, 元/万, thousands separators.</summary>
public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("500,000.00", "500000")]
    [InlineData("¥500,000.00", "500000")]
    [InlineData("￥500,000.00", "500000")]
    [InlineData("￥１，２３４元", "1234")]
    [InlineData("12万", "120000")]
    [InlineData("1.5万元", "15000")]
    [InlineData("-¥600", "-600")]
    [InlineData("1234", "1234")]
    public void TryNumber_ReadsMoneyAsTyped(string text, string expected)
    {
        Assert.True(ImportValues.TryNumber(text, out var v, out var reason), reason);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), v);
    }

    [Theory]
    [InlineData("5,00,0", "第 1 个逗号后应为 3 位数字")]
    [InlineData("1234,567", "第一个逗号前应有 1–3 位数字")]
    [InlineData("85%", "百分数")]
    public void TryNumber_RefusesMalformedGroupingWithWhereItGoesWrong(string text, string message)
    {
        Assert.False(ImportValues.TryNumber(text, out _, out var reason));
        Assert.Contains(message, reason);
    }
}
