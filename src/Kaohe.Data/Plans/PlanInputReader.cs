using System.Collections.Immutable;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Plans;
using Kaohe.Data.Import;

namespace Kaohe.Data.Plans;

/// <summary>
/// Reads an incentive plan's input rows (one per person and period): a JSON array of row objects (or
/// <c>{"rows": [...]}</c>), or a CSV/XLSX table whose first row names the columns (read by <see cref="ImportTable"/>,
/// with its encoding and workbook bounds). Shared by <c>kaohe plan</c> and the web's 奖金方案 page.
/// </summary>
public static class PlanInputReader
{
    /// <summary>The most rows (people × periods) one run reads.</summary>
    public const int MaxRows = 200_000;

    /// <summary>The largest JSON input, in bytes.</summary>
    public const int MaxJsonBytes = 64 * 1024 * 1024;

    /// <summary>The rows of a JSON input named <paramref name="name"/> in messages; problems are added, never thrown.</summary>
    public static List<PlanRow> ReadJson(byte[] bytes, string name, List<string> problems)
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

    /// <summary>The rows of a CSV/XLSX file at <paramref name="path"/>, named <paramref name="name"/> in messages.</summary>
    public static List<PlanRow> ReadTable(string path, string name, List<string> problems)
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
