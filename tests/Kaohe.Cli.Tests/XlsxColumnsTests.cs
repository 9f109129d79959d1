using Kaohe.Cli.IO;

namespace Kaohe.Cli.Tests;

public sealed class XlsxColumnsTests
{
    [Theory]
    [InlineData("A", 0)]
    [InlineData("Z", 25)]
    [InlineData("AA", 26)]
    [InlineData("AB", 27)]
    [InlineData("ZZ", 701)]
    [InlineData("AAA", 702)]
    public void ColumnIndex_Letters_ZeroBasedIndexAndBack(string letters, int index)
    {
        Assert.Equal(index, XlsxSubjectSource.ColumnIndex(letters));
        Assert.Equal(letters, XlsxSubjectSource.ColumnName(index));
    }

    [Theory]
    [InlineData(0.85, "0.85", true)]
    [InlineData(85d, "85", true)]
    [InlineData(0.1 + 0.2, "0.3", true)]
    public void ToCell_Double_ExactDecimalText(double value, string text, bool isNumber) =>
        Assert.Equal(new Cell(text, isNumber), XlsxSubjectSource.ToCell(value));
}
