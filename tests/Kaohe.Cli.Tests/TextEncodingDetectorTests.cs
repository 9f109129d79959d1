using System.Text;
using Kaohe.Data.Tests.Import;

namespace Kaohe.Cli.Tests;

/// <summary>
/// A CSV is read as UTF-8, UTF-16 with a BOM or GB18030 only when it plausibly is; Big5, Shift-JIS and Latin-1 files
/// are refused naming the encoding they look like, instead of being read as mojibake.
/// </summary>
public sealed class TextEncodingDetectorTests : IDisposable
{
    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static TextEncodingGuess Detect(byte[] bytes) => TextEncodingDetector.Detect(bytes, whole: true);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Detect_Unicode_Accepted(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(HostileFiles.Texts.Traditional),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(HostileFiles.Texts.Japanese)],
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(HostileFiles.Texts.Simplified)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(HostileFiles.Texts.Simplified)],
        };

        Assert.NotEqual(TextEncodingKind.Refused, Detect(bytes).Kind);
    }

    [Theory]
    [InlineData(HostileFiles.Texts.Simplified)]
    [InlineData("工号,姓名,单位编码,岗位\nE0001,朱镕基,HZ,客户经理\nE0002,张喆,HZ,客户经理\nE0003,王堃,NB,办事处主任\nE0004,李强,NB,客户经理\n")]
    [InlineData("客户编号,客户名称,客户类别\nC0001,“甲”公司（杭州）,Ａ\nC0002,乙公司,大客户\n")]
    public void Detect_Gbk_AcceptedAsGb18030(string text)
    {
        var guess = Detect(HostileFiles.Encode(text, "GB18030"));

        Assert.Equal(TextEncodingKind.Gb18030, guess.Kind);
        Assert.Equal(text, guess.ReaderEncoding!.GetString(HostileFiles.Encode(text, "GB18030")));
    }

    [Theory]
    [InlineData(HostileFiles.Texts.Traditional, "big5", "繁体 Big5")]
    [InlineData(HostileFiles.Texts.Japanese, "shift_jis", "日文 Shift-JIS")]
    [InlineData(HostileFiles.Texts.Western, "windows-1252", "西文 Latin-1")]
    [InlineData(HostileFiles.Texts.Western, "iso-8859-1", "西文 Latin-1")]
    public void Detect_OtherEncodings_RefusedNamingTheLikelyOne(string text, string codePage, string likely)
    {
        var guess = Detect(HostileFiles.Encode(text, codePage));

        Assert.Equal(TextEncodingKind.Refused, guess.Kind);
        Assert.Equal($"文件“a.csv”编码无法识别（看起来像{likely} 编码）：请在 Excel 中另存为“CSV UTF-8”后再导入", TextEncodingDetector.Message("a.csv", guess, "导入"));
    }

    [Fact]
    public void Detect_Utf16WithoutBom_Refused()
    {
        var guess = Detect(Encoding.Unicode.GetBytes("code,name\nC1,A\n"));

        Assert.Equal(TextEncodingKind.Refused, guess.Kind);
        Assert.Contains("UTF-16", guess.Reason);
    }

    [Fact]
    public void Detect_WorkbookNamedCsv_RefusedSayingSo()
    {
        var guess = Detect(HostileFiles.Xlsx(HostileFiles.Row(1, "对象")));

        Assert.Contains("是 Excel 工作簿（.xlsx）", guess.Reason);
    }

    [Fact]
    public void Detect_SampleCutInsideACharacter_StillGbk()
    {
        var bytes = HostileFiles.Encode(string.Concat(Enumerable.Repeat(HostileFiles.Texts.Simplified, 40)), "GB18030");

        Assert.Equal(TextEncodingKind.Gb18030, TextEncodingDetector.Detect(bytes.AsSpan(0, bytes.Length - 3), whole: false).Kind);
    }

    [Fact]
    public void Utf8CheckingStream_CharactersCutByReads_Pass()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("优秀𠀀a", 10_000)));
        using var checking = new Utf8CheckingStream(new MemoryStream(bytes));
        var buffer = new byte[7];
        var total = 0;
        int n;
        while ((n = checking.Read(buffer)) > 0) total += n;

        Assert.Equal(bytes.Length, total);
    }

    [Fact]
    public void Utf8CheckingStream_InvalidByteOrCutLastCharacter_Throws()
    {
        Assert.Throws<DecoderFallbackException>(() => new Utf8CheckingStream(new MemoryStream([0x41, 0xC4, 0xE3, 0x41])).CopyTo(Stream.Null));
        Assert.Throws<DecoderFallbackException>(() => new Utf8CheckingStream(new MemoryStream([0x41, 0xE4, 0xBC])).CopyTo(Stream.Null));
    }

    [Fact]
    public void Score_Big5Csv_Exit2NamingBig5()
    {
        var csv = "對象,工作態度,客戶滿意率,客戶流失率,客戶流失率[基數]\n華東辦事處,優秀,90%,2.5%,3%\n";
        var path = _fx.PathOf("考核.csv");
        File.WriteAllBytes(path, HostileFiles.Encode(csv, "big5"));

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("看起来像繁体 Big5 编码") && l.Contains("考核.csv"));
    }

    [Fact]
    public void Score_Utf8FileWithGbkFurtherOn_Exit2NamingTheLine()
    {
        // The first quarter megabyte is UTF-8, so the file is read as UTF-8; its GBK rows must not become U+FFFD.
        var head = "对象,工作态度,客户满意率,客户流失率,客户流失率[基数]\n";
        var rows = string.Concat(Enumerable.Range(1, 15_000).Select(i => $"S{i:D5},优秀,90%,2.5%,3%\n"));
        var path = _fx.PathOf("in.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(head + rows), .. HostileFiles.Encode("乙,优秀,90%,2.5%,3%\n", "GB18030")]);

        var r = CliFixture.Run("score", "-s", _fx.Scheme(), "-i", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("无法识别的字符") && l.Contains("行附近"));
    }
}
