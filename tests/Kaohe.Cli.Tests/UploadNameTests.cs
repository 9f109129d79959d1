namespace Kaohe.Cli.Tests;

/// <summary>An upload's name is only a hint: what is shown and used is a short base name without control characters.</summary>
public sealed class UploadNameTests
{
    [Theory]
    [InlineData("客户.csv", "客户.csv")]
    [InlineData("..", "upload")]
    [InlineData(".", "upload")]
    [InlineData("", "upload")]
    [InlineData("   ", "upload")]
    [InlineData(".csv", "upload.csv")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\x.xlsx", "x.xlsx")]
    [InlineData("C:\\Users\\张三\\Desktop\\考核.xlsx", "考核.xlsx")]
    [InlineData("a\u0000b\r\n.csv", "ab.csv")]
    [InlineData("报表\u202Excod.csv", "报表xcod.csv")]
    [InlineData("dir/..", "upload")]
    public void Clean_Name_BaseNameOnly(string raw, string expected) => Assert.Equal(expected, UploadName.Clean(raw));

    [Fact]
    public void Clean_LongName_ShortenedKeepingTheExtension()
    {
        var clean = UploadName.Clean(new string('长', 300) + ".xlsx");

        Assert.Equal(UploadName.MaxLength, clean.Length);
        Assert.EndsWith("长.xlsx", clean);
    }

    [Fact]
    public void Clean_LongNameOfSurrogatePairs_NotCutInsideAPair()
    {
        var clean = UploadName.Clean(string.Concat(Enumerable.Repeat("𠀀", 200)) + ".csv");

        Assert.True(clean.Length <= UploadName.MaxLength);
        Assert.EndsWith(".csv", clean);
        Assert.False(char.IsHighSurrogate(clean[^5]));
    }

    [Theory]
    [InlineData("a.CSV", ".csv")]
    [InlineData("a.tar.gz", ".gz")]
    [InlineData("upload", "")]
    [InlineData("a.", "")]
    public void Extension_Name_LowerCaseWithDot(string name, string ext) => Assert.Equal(ext, UploadName.Extension(name));
}
