using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Plans;
using Kaohe.Data.Import;

namespace Kaohe.Cli.Commands;

/// <summary>
/// Reads <c>kaohe plan</c>'s input rows: a JSON array of row objects (or <c>{"rows": [...]}</c>), or a CSV/XLSX table
/// whose first row names the columns (read by <see cref="ImportTable"/>, with its encoding and workbook bounds).
/// </summary>
internal static class PlanInputFiles
{
    /// <summary>The most rows (people × quarters) one run reads.</summary>
    public const int MaxRows = 200_000;

    /// <summary>The largest JSON input, in bytes.</summary>
    public const int MaxJsonBytes = 64 * 1024 * 1024;

    public static List<PlanRow> Read(string input, CliIO io, List<string> problems)
    {
        if (input == "-") return ReadStdin(io, problems);
        if (Directory.Exists(input)) throw new CliException($"输入“{input}”是目录，不是文件");
        if (!File.Exists(input)) throw new CliException($"找不到输入文件“{input}”");
        if (Path.GetExtension(input).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (new FileInfo(input).Length > MaxJsonBytes) throw new CliException($"输入文件“{input}”过大：JSON 最多 {MaxJsonBytes / 1024 / 1024} MB");
            return ReadJson(File.ReadAllBytes(input), input, problems);
        }
        return ReadTable(input, input, problems);
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
        if (text.StartsWith('[') || text.StartsWith('{')) return ReadJson(bytes, "标准输入", problems);
        var temp = Path.Combine(Path.GetTempPath(), $"kaohe-plan-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(temp, bytes);
            return ReadTable(temp, "标准输入.csv", problems);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static List<PlanRow> ReadJson(byte[] bytes, string name, List<string> problems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problems.Add($"“{name}”不是有效的 JSON（第 {(e.LineNumber ?? 0) + 1} 行）：请检查括号、引号和逗号");
            return [];
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var r)) root = r;
            if (root.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"“{name}”应为 JSON 数组（每人每季度一个对象），或 {{\"rows\": [...]}}");
                return [];
            }
            var rows = new List<PlanRow>();
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                i++;
                if (rows.Count >= MaxRows) { problems.Add($"“{name}”的行数过多：最多 {MaxRows:N0} 行"); break; }
                if (item.ValueKind != JsonValueKind.Object) { problems.Add($"第 {i} 项：应为对象（列名: 值）"); continue; }
                rows.Add(new PlanRow($"第 {i} 项", RawInputJson.ReadFields(item)));
            }
            return rows;
        }
    }

    private static List<PlanRow> ReadTable(string path, string name, List<string> problems)
    {
        var rows = new List<PlanRow>();
        try
        {
            string[]? header = null;
            foreach (var row in ImportTable.Read(path, displayName: name))
            {
                if (header is null)
                {
                    header = [.. row.Cells.Select(c => ValueParser.Normalize(c ?? ""))];
                    var dup = header.Where(h => h.Length > 0).GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
                    if (dup is not null) { problems.Add($"第 {row.Row} 行：列名“{dup.Key}”重复"); return []; }
                    continue;
                }
                if (rows.Count >= MaxRows) { problems.Add($"“{name}”的行数过多：最多 {MaxRows:N0} 行"); break; }
                var fields = ImmutableDictionary.CreateBuilder<string, RawInput>();
                for (var c = 0; c < row.Cells.Count; c++)
                {
                    var cell = row.Cells[c];
                    if (string.IsNullOrWhiteSpace(cell)) continue;
                    if (c >= header.Length || header[c].Length == 0) { problems.Add($"第 {row.Row} 行第 {c + 1} 列：有值“{cell}”但没有列名"); continue; }
                    fields[header[c]] = new RawScalar(cell);
                }
                if (fields.Count > 0) rows.Add(new PlanRow($"第 {row.Row} 行", fields.ToImmutable()));
            }
            if (header is null) problems.Add($"“{name}”是空的：第一行应为列名");
        }
        catch (ImportFileException e)
        {
            problems.Add(e.Message);
        }
        return rows;
    }
}
