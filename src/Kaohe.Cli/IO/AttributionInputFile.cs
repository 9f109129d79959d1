using System.Text.Json;
using Kaohe.Core.Attribution;
using Kaohe.Core.Inputs;
using Kaohe.Data.Import;

namespace Kaohe.Cli.IO;

/// <summary>
/// Reads the events of <c>kaohe attribute</c>: JSON (<c>{ "settings": {…}, "events": [ {…} ] }</c> or a bare list of
/// events) or a CSV/XLSX table with one event per row and a header of field names (类型, 客户, 顾问, 时间 …).
/// </summary>
internal static class AttributionInputFile
{
    /// <summary>The largest input read, in bytes.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The most events in one run.</summary>
    public const int MaxEvents = 200_000;

    /// <summary>The event rows and, for JSON, the settings object's fields.</summary>
    public sealed record Content(List<EventFields> Rows, List<KeyValuePair<string, RawScalar>> Settings);

    public static Content Read(string input, CliIO io, List<string> problems)
    {
        if (input == "-")
        {
            using var stdin = io.OpenStdIn();
            var bytes = ReadBounded(stdin, "标准输入");
            return ReadBytes(bytes, "标准输入", Sniff(bytes), problems);
        }
        if (Directory.Exists(input)) throw new CliException($"输入“{input}”是目录，不是文件");
        if (!File.Exists(input)) throw new CliException($"找不到输入文件“{input}”");
        var ext = Path.GetExtension(input).ToLowerInvariant();
        if (ext == ".xls") throw new CliException($"不支持旧版 Excel 文件“{input}”（.xls）：请另存为 .xlsx 或 CSV（UTF-8）");
        if (new FileInfo(input).Length > MaxBytes) throw new CliException($"输入文件“{input}”超过 {MaxBytes / 1024 / 1024} MB");
        if (ext is ".csv" or ".txt" or ".xlsx") return new Content(ReadTable(input, input, problems), []);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取输入文件“{input}”：{e.Message}");
        }
        return ReadBytes(data, input, ext == ".json" ? ".json" : Sniff(data), problems);
    }

    private static byte[] ReadBounded(Stream stream, string label)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBytes) throw new CliException($"{label}超过 {MaxBytes / 1024 / 1024} MB");
        }
        return buffer.ToArray();
    }

    private static string Sniff(byte[] head)
    {
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return ".xlsx";
        var start = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        for (var i = start; i < head.Length; i++)
        {
            if (head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return head[i] is (byte)'{' or (byte)'[' ? ".json" : ".csv";
        }
        return ".csv";
    }

    private static Content ReadBytes(byte[] data, string label, string kind, List<string> problems)
    {
        if (kind == ".json") return ReadJson(data, label, problems);
        // The table reader reads files: the bytes go through a temporary file of the right extension.
        var temp = Path.Combine(Path.GetTempPath(), $"kaohe-attr-{Guid.NewGuid():N}{kind}");
        try
        {
            File.WriteAllBytes(temp, data);
            return new Content(ReadTable(temp, label + kind, problems), []);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static List<EventFields> ReadTable(string path, string label, List<string> problems)
    {
        var rows = new List<EventFields>();
        string?[]? header = null;
        try
        {
            foreach (var row in ImportTable.Read(path, displayName: label))
            {
                if (header is null)
                {
                    if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
                    header = [.. row.Cells.Select(c => c is null ? null : ValueParser.Normalize(c.TrimStart('\uFEFF')))];
                    for (var c = 0; c < header.Length; c++)
                    {
                        if (string.IsNullOrEmpty(header[c])) continue;
                        if (!AttributionInput.FieldNames.Contains(header[c]))
                            problems.Add($"第 {row.Row} 行（表头）：未知的列“{header[c]}”，可用的列：{string.Join("、", AttributionInput.FieldNames)}");
                        else if (Array.IndexOf(header, header[c]) < c) problems.Add($"第 {row.Row} 行（表头）：列“{header[c]}”出现了两次");
                    }
                    if (!header.Contains("类型")) problems.Add($"第 {row.Row} 行（表头）：缺少“类型”列");
                    continue;
                }
                var fields = new Dictionary<string, RawScalar>(StringComparer.Ordinal);
                for (var c = 0; c < row.Cells.Count; c++)
                {
                    var name = c < header.Length ? header[c] : null;
                    if (row.Cells[c] is not { } text || text.Trim().Length == 0) continue;
                    if (name is null || !AttributionInput.FieldNames.Contains(name))
                    {
                        if (name is null) problems.Add($"第 {row.Row} 行第 {c + 1} 列：没有表头的列里有值“{Shorten(text)}”");
                        continue;
                    }
                    fields.TryAdd(name, new RawScalar(text));
                }
                if (fields.Count == 0) continue;
                if (rows.Count >= MaxEvents) throw new CliException($"事件超过 {MaxEvents:N0} 条，请分批处理");
                rows.Add(new EventFields($"第 {row.Row} 行", fields));
            }
        }
        catch (ImportFileException e)
        {
            throw new CliException(e.Message);
        }
        if (header is null) problems.Add($"输入“{label}”是空的：第 1 行应为表头（类型, 客户, 顾问, 时间 …）");
        return rows;
    }

    private static Content ReadJson(byte[] data, string label, List<string> problems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 8, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CliException($"输入“{label}”不是有效的 JSON（第 {e.LineNumber + 1} 行附近）");
        }
        using (doc)
        {
            var root = doc.RootElement;
            JsonElement? events = null;
            var settings = new List<KeyValuePair<string, RawScalar>>();
            if (root.ValueKind == JsonValueKind.Array) events = root;
            else if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in root.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "events" or "事件":
                            events = p.Value;
                            break;
                        case "settings" or "设置":
                            if (p.Value.ValueKind != JsonValueKind.Object) problems.Add("“settings”应为对象：{ \"协助提成比例\": \"20%\" }");
                            else
                                foreach (var s in p.Value.EnumerateObject())
                                    if (Scalar(s.Value, $"设置“{s.Name}”", problems) is { } v) settings.Add(new(s.Name, v));
                            break;
                        default:
                            problems.Add($"输入的顶层有未知的键“{p.Name}”，可用的键：events（事件）、settings（设置）");
                            break;
                    }
                }
            }
            if (events is not { ValueKind: JsonValueKind.Array } list)
                throw new CliException($"输入“{label}”应为 {{ \"settings\": {{…}}, \"events\": [ … ] }} 或事件的列表");
            var rows = new List<EventFields>();
            var i = 0;
            foreach (var e in list.EnumerateArray())
            {
                i++;
                var where = $"第 {i} 个事件";
                if (i > MaxEvents) throw new CliException($"事件超过 {MaxEvents:N0} 条，请分批处理");
                if (e.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}：应为对象，如 {{ \"类型\": \"来访\", \"客户\": \"张三\", … }}");
                    continue;
                }
                var fields = new Dictionary<string, RawScalar>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                    if (Scalar(p.Value, $"{where}“{p.Name}”", problems) is { } v) fields[p.Name] = v;
                rows.Add(new EventFields(where, fields));
            }
            return new Content(rows, settings);
        }
    }

    private static RawScalar? Scalar(JsonElement v, string where, List<string> problems)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String: return new RawScalar(v.GetString()!);
            case JsonValueKind.Number: return new RawScalar(v.GetRawText(), IsNumber: true);
            case JsonValueKind.True: return new RawScalar("是");
            case JsonValueKind.False: return new RawScalar("否");
            case JsonValueKind.Null: return null;
            default:
                problems.Add($"{where}：应为文字、数字或 true/false");
                return null;
        }
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";

    /// <summary>Parses <c>--set 键=值</c>.</summary>
    public static List<KeyValuePair<string, RawScalar>> ParseSets(IEnumerable<string> sets, List<string> problems)
    {
        var list = new List<KeyValuePair<string, RawScalar>>();
        foreach (var s in sets)
        {
            var eq = s.IndexOfAny(['=', '＝']);
            if (eq <= 0) problems.Add($"--set “{s}”：应写成 键=值，如 协助提成比例=25%");
            else list.Add(new(s[..eq].Trim(), new RawScalar(s[(eq + 1)..].Trim())));
        }
        return list;
    }
}
