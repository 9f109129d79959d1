using Kaohe.Cli.IO;

namespace Kaohe.Cli.Tests;

public sealed class CellTextTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 123", "'+86 123")]
    [InlineData("-2 分", "'-2 分")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("客户部", "客户部")]
    [InlineData("评为“优秀” → 5 分", "评为“优秀” → 5 分")]
    [InlineData("", "")]
    public void Safe_TextStartingWithFormulaCharacter_PrefixedWithQuote(string text, string expected) =>
        Assert.Equal(expected, CellText.Safe(text));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+86 123")]
    [InlineData("-2 分")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("客户部")]
    [InlineData("'")]
    [InlineData("")]
    public void Restore_OfSafe_GivesTheTextBack(string text) =>
        Assert.Equal(text, CellText.Restore(CellText.Safe(text)));

    [Theory]
    [InlineData("'客户部", "'客户部")]
    [InlineData("'5", "'5")]
    [InlineData("'-5", "-5")]
    public void Restore_RemovesOnlyTheQuoteBeforeAFormulaCharacter(string text, string expected) =>
        Assert.Equal(expected, CellText.Restore(text));
}
