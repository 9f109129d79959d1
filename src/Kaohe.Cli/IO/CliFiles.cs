using Kaohe.Core.Model;

namespace Kaohe.Cli.IO;

/// <summary>The CLI's ends of the shared readers and writers: files, standard input, and the terminal table.</summary>
internal static class CliFiles
{
    /// <summary>Opens <paramref name="input"/> (a path, or "-" for standard input) and picks the reader by extension or content.</summary>
    public static SubjectSource OpenInput(string input, Scheme scheme, Problems problems, CliIO io)
    {
        if (input == "-") return SubjectSource.Open(io.OpenStdIn(), "标准输入", scheme, problems);
        if (Directory.Exists(input)) throw new CliException($"输入“{input}”是目录，不是文件");
        if (!File.Exists(input)) throw new CliException($"找不到输入文件“{input}”");
        Stream stream;
        try
        {
            stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取输入文件“{input}”：{e.Message}");
        }
        return SubjectSource.Open(stream, input, scheme, problems);
    }

    /// <summary>Creates the writer of a format over <paramref name="stream"/>.</summary>
    /// <param name="forFile">Whether the output is a file: a CSV then starts with a BOM (for Excel) and JSON is compact.</param>
    public static ResultWriter CreateWriter(OutputFormat format, Stream stream, Scheme scheme, bool forFile, bool codes = false) => format switch
    {
        OutputFormat.Json => new JsonResultWriter(stream, scheme, indented: !forFile),
        OutputFormat.Csv => new CsvResultWriter(stream, scheme, forFile, codes),
        OutputFormat.Xlsx => new XlsxResultWriter(stream, scheme, codes),
        _ => new TableResultWriter(stream, scheme),
    };
}
