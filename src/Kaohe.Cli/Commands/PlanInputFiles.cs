using System.Text;
using Kaohe.Core.Plans;
using Kaohe.Data.Plans;

namespace Kaohe.Cli.Commands;

/// <summary>
/// Reads <c>kaohe plan</c>'s input rows from a file or standard input (JSON, CSV or XLSX; <see cref="PlanInputReader"/>).
/// </summary>
internal static class PlanInputFiles
{
    private const int MaxJsonBytes = PlanInputReader.MaxJsonBytes;

    public static List<PlanRow> Read(string input, CliIO io, List<string> problems)
    {
        if (input == "-") return ReadStdin(io, problems);
        if (Directory.Exists(input)) throw new CliException($"输入“{input}”是目录，不是文件");
        if (!File.Exists(input)) throw new CliException($"找不到输入文件“{input}”");
        if (Path.GetExtension(input).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (new FileInfo(input).Length > MaxJsonBytes) throw new CliException($"输入文件“{input}”过大：JSON 最多 {MaxJsonBytes / 1024 / 1024} MB");
            return PlanInputReader.ReadJson(File.ReadAllBytes(input), input, problems);
        }
        return PlanInputReader.ReadTable(input, input, problems);
    }

    private static List<PlanRow> ReadStdin(CliIO io, List<string> problems)
    {
        using var buffer = new MemoryStream();
        var stdin = io.OpenStdIn();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxJsonBytes) throw new CliException($"标准输入过大：最多 {MaxJsonBytes / 1024 / 1024} MB");
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.ToArray();
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('[') || text.StartsWith('{')) return PlanInputReader.ReadJson(bytes, "标准输入", problems);
        var temp = Path.Combine(Path.GetTempPath(), $"kaohe-plan-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(temp, bytes);
            return PlanInputReader.ReadTable(temp, "标准输入.csv", problems);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
