using System.IO.Compression;
using Kaohe.Core.Model;
using Kaohe.Data.Tests.Import;
using Kaohe.Schemes;
using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

/// <summary>
/// Hostile workbooks are refused in Chinese, with the place, before MiniExcel reads them, within bounded memory: the
/// zip bomb of the security probe, a lying size, column XFD, a far row, over-long text, absurd packages.
/// </summary>
public sealed class XlsxGuardTests
{
    private static readonly Scheme Scheme = SchemeLoader.Load(Schemes.Small, "scheme.yaml").Scheme!;

    /// <summary>Reads a workbook as quick scoring does; returns the problems and the bytes this thread allocated meanwhile.</summary>
    private static (IReadOnlyList<string> Problems, long Allocated) Read(byte[] xlsx, int maxRows = 100_000)
    {
        var problems = new Problems(null);
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var source = SubjectSource.Open(new MemoryStream(xlsx), "考核表.xlsx", Scheme, problems, maxRows))
            _ = source.ReadSubjects().ToList();
        return (problems.Kept, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private const long Bound = 64L * 1024 * 1024;

    [Fact]
    public void Read_SharedStringBomb_RefusedInChineseWithinBoundedMemory()
    {
        var bomb = HostileFiles.SharedStringBomb();
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");

        var (problems, allocated) = Read(bomb);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Excel 文件“考核表.xlsx”", problem);
        Assert.True(allocated < Bound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Read_SharedStringBombWithALyingSize_StoppedWhileInflating()
    {
        // The zip says the strings are 1,000 bytes; inflating them must stop at the limit, not at 300 MB.
        var bomb = HostileFiles.WithDeclaredSize(HostileFiles.SharedStringBomb(), "xl/sharedStrings.xml", 1000);

        var (problems, allocated) = Read(bomb);

        var problem = Assert.Single(problems);
        Assert.Contains("考核表.xlsx", problem);
        Assert.True(allocated < Bound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Read_SharedStringLongerThanACell_RefusedNamingTheCell()
    {
        var xlsx = HostileFiles.Xlsx(
            HostileFiles.Row(1, "对象", "工作态度") + "<row r=\"2\">" + HostileFiles.Cell("A2", "甲") + "<c r=\"B2\" t=\"s\"><v>0</v></c></row>",
            sharedStrings: $"<si><t>{new string('优', 40_000)}</t></si>");

        var (problems, _) = Read(xlsx);

        var problem = Assert.Single(problems);
        Assert.Contains("第 2 行的单元格 B2 超过 32,767 个字符", problem);
    }

    [Fact]
    public void Read_InlineTextLongerThanACell_RefusedNamingTheCell()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + HostileFiles.Row(2, "甲", new string('x', 33_000)));

        var (problems, _) = Read(xlsx);

        Assert.Contains("第 2 行的单元格 B2 超过 32,767 个字符", Assert.Single(problems));
    }

    [Fact]
    public void Read_CellInColumnXfd_RefusedNamingTheCell()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + "<row r=\"7\">" + HostileFiles.Cell("A7", "甲") + HostileFiles.Cell("XFD7", "x") + "</row>");

        var (problems, allocated) = Read(xlsx);

        Assert.Equal("Excel 文件“考核表.xlsx”第一个工作表第 7 行的单元格 XFD7 超出了支持的列数（最多 256 列）", Assert.Single(problems));
        Assert.True(allocated < Bound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Read_DimensionReachingColumnXfd_Refused()
    {
        // MiniExcel takes the row width from the dimension: every row would be 16,384 cells wide.
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + HostileFiles.Row(2, "甲", "优秀"), dimension: "A1:XFD2");

        var (problems, _) = Read(xlsx);

        Assert.Contains("范围“A1:XFD2”超出了支持的列数（最多 256 列）", Assert.Single(problems));
    }

    [Fact]
    public void Read_CellsWithoutReferencesBeyondTheColumnLimit_Refused()
    {
        var cells = string.Concat(Enumerable.Repeat("<c t=\"inlineStr\"><is><t>x</t></is></c>", 300));
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + $"<row>{cells}</row>");

        var (problems, _) = Read(xlsx);

        Assert.Contains("第 2 行的单元格 IW2 超出了支持的列数", Assert.Single(problems));
    }

    [Fact]
    public void Read_RowBeyondTheCallersLimit_Refused()
    {
        // MiniExcel would yield a million empty rows to reach it.
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + HostileFiles.Row(2, "甲", "优秀") + "<row r=\"1048576\">" + HostileFiles.Cell("A1048576", "乙") + "</row>");

        var (problems, _) = Read(xlsx, maxRows: 100_000);

        Assert.Equal("Excel 文件“考核表.xlsx”第一个工作表的第 1,048,576 行超出了支持的行数（最多 100,000 行）", Assert.Single(problems));
    }

    [Fact]
    public void Read_HugeCompressionRatioInAnyPart_Refused()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度"), more: zip =>
        {
            using var s = zip.CreateEntry("xl/media/image1.bin", CompressionLevel.SmallestSize).Open();
            s.Write(new byte[8 * 1024 * 1024]);
        });

        var (problems, _) = Read(xlsx);

        Assert.Contains("压缩比异常", Assert.Single(problems));
    }

    [Fact]
    public void Read_TooManyEntries_RefusedBeforeTheDirectoryIsRead()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度"), more: zip =>
        {
            for (var i = 0; i < 1_200; i++) zip.CreateEntry($"x/{i}");
        });

        var (problems, _) = Read(xlsx);

        Assert.Contains("个部件（最多 1,000 个）", Assert.Single(problems));
    }

    [Fact]
    public void Read_TwoEntriesOfOneName_RefusedNotAnInternalError()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度"), more: zip =>
        {
            HostileFiles.Write(zip, "xl/styles.xml", "<styleSheet/>");
            HostileFiles.Write(zip, "XL/styles.xml", "<styleSheet/>");
        });

        var (problems, _) = Read(xlsx);

        Assert.Contains("同名", Assert.Single(problems));
    }

    [Fact]
    public void Read_AttributeOfManyMegabytes_Refused()
    {
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + $"<row r=\"2\" x=\"{new string('a', 3 * 1024 * 1024)}\"/>");

        var (problems, allocated) = Read(xlsx);

        Assert.Contains("不含任何标记", Assert.Single(problems));
        Assert.True(allocated < Bound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Read_NotAZip_RefusedAsDamaged()
    {
        var (problems, _) = Read("对象,工作态度\n甲,优秀\n"u8.ToArray());

        Assert.Equal("无法读取 Excel 文件“考核表.xlsx”：文件已损坏，或不是 .xlsx 工作簿", Assert.Single(problems));
    }

    [Fact]
    public void Read_FileReferenceInACell_ReadAsText()
    {
        // MiniExcel's default would read the zip entry the text names as bytes; the guard never looked at it.
        var xlsx = HostileFiles.Xlsx(HostileFiles.Row(1, "对象", "工作态度") + HostileFiles.Row(2, "@@@fileid@@@,xl/workbook.xml", "优秀"));

        var problems = new Problems(null);
        using var source = SubjectSource.Open(new MemoryStream(xlsx), "考核表.xlsx", Scheme, problems);
        var subject = Assert.Single(source.ReadSubjects().ToList());

        Assert.Equal("@@@fileid@@@,xl/workbook.xml", subject.Name);
    }

    [Fact]
    public void Check_AWorkbookWrittenByMiniExcel_Passes()
    {
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, Enumerable.Range(1, 2_000).Select(i => new Dictionary<string, object?> { ["对象"] = $"对象{i}", ["工作态度"] = "优秀", ["客户满意率"] = 0.9 }));

        buffer.Position = 0;

        Assert.Null(XlsxGuard.Check(buffer, "ok.xlsx", 100_000));
        Assert.Equal(0, buffer.Position);
    }
}
