using System.Text.Json;

namespace Kaohe.Bench.Gen;

/// <summary>
/// A schema-agnostic sanity check of the CLI's JSON output (its exact shape is not fixed yet): every
/// generated subject name must occur as a string value; where an object holding a subject name also has a
/// numeric "total"/"总分"/"totalScore" property, it is compared with the C# reference total.
/// Accepts one JSON document or JSON Lines.
/// </summary>
internal static class CheckJson
{
    private static readonly string[] TotalNames = ["total", "总分", "totalScore", "total_score"];

    public static int Run(string path, int n, ulong seed, TextWriter log)
    {
        var expected = new Dictionary<string, int>(n);
        for (var i = 0; i < n; i++)
        {
            var r = Tpl01.Generate(seed, i);
            expected[r.Subject] = Tpl01.Score(r)[Tpl01.ScoreCount];
        }
        var seen = new HashSet<string>();
        int compared = 0, wrong = 0;

        void Visit(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    string? subject = null;
                    decimal? total = null;
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is string s && expected.ContainsKey(s))
                            subject = s;
                        else if (p.Value.ValueKind == JsonValueKind.Number && TotalNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                            total = p.Value.GetDecimal();
                    }
                    if (subject is not null)
                    {
                        seen.Add(subject);
                        if (total is decimal t)
                        {
                            compared++;
                            if (t != expected[subject])
                            {
                                if (wrong < 10) log.WriteLine($"check-json: {subject}: total {t}, reference {expected[subject]}");
                                wrong++;
                            }
                        }
                    }
                    foreach (var p in e.EnumerateObject()) Visit(p.Value);
                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray()) Visit(x);
                    break;
                case JsonValueKind.String:
                    if (e.GetString() is string v && expected.ContainsKey(v)) seen.Add(v);
                    break;
            }
        }

        var options = new JsonDocumentOptions { MaxDepth = 256 };
        try
        {
            using var fs = File.OpenRead(path);
            using var doc = JsonDocument.Parse(fs, options);
            Visit(doc.RootElement);
        }
        catch (JsonException)
        {
            // JSON Lines?
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    using var doc = JsonDocument.Parse(line, options);
                    Visit(doc.RootElement);
                }
                catch (JsonException e)
                {
                    log.WriteLine($"check-json: {path} is neither JSON nor JSON Lines: {e.Message}");
                    return 1;
                }
            }
        }

        var ok = seen.Count == n && wrong == 0;
        log.WriteLine($"check-json: {(ok ? "OK" : "FAILED")} — {seen.Count} of {n} subjects present; " +
            (compared == 0 ? "no numeric total/总分 field recognised, totals not compared"
                           : $"{compared} totals compared, {wrong} differ from the C# reference"));
        return ok ? 0 : 1;
    }
}
