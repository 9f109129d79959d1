using System.Diagnostics;
using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>
/// Checks that LibreOffice really calculated the workbook: every row of its CSV export must carry the
/// same subject, the same raw percentages, and the same 11 scores and total as the C# reference.
/// </summary>
internal static class Verify
{
    /// <summary>The soffice CSV export filter used everywhere: comma, double quote, UTF-8 (76).</summary>
    public const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76";

    /// <summary>Compares an exported CSV with the reference; returns the number of failing rows (or −1 on a structural error).</summary>
    public static int CompareLoCsv(string loCsv, ulong seed, int? expectN, TextWriter log, int? checkFirst = null)
    {
        var header = Tpl01.InputHeader().Concat(Tpl01.ScoreHeader()).ToArray();
        using var rd = new StreamReader(loCsv, new UTF8Encoding(false));
        var first = rd.ReadLine();
        if (first is null)
        {
            log.WriteLine($"verify: {loCsv} is empty");
            return -1;
        }
        var h = SplitCsv(first);
        if (!h.SequenceEqual(header))
        {
            log.WriteLine($"verify: unexpected header in {loCsv}:\n  got  {string.Join(',', h)}\n  want {string.Join(',', header)}");
            return -1;
        }

        var firstScore = Tpl01.InputHeader().Length;
        var firstQuant = 1 + Tpl01.Qualitative.Length;
        int rows = 0, bad = 0, checkedRows = 0;
        string? line;
        while ((line = rd.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var i = rows++;
            if (checkFirst is int limit && i >= limit) continue;
            checkedRows++;
            var f = SplitCsv(line);
            var r = Tpl01.Generate(seed, i);
            var want = Tpl01.Score(r);
            var problems = new List<string>();
            if (f.Length != header.Length) problems.Add($"{f.Length} fields");
            else
            {
                if (f[0] != r.Subject) problems.Add($"对象 '{f[0]}' ≠ '{r.Subject}'");
                for (var g = 0; g < Tpl01.Qualitative.Length; g++)
                    if (f[1 + g] != Tpl01.GradeWords[r.Grades[g]]) problems.Add($"{header[1 + g]} '{f[1 + g]}'");
                for (var k = 0; k < Tpl01.Quantitative.Length; k++)
                {
                    var (v, b) = r.Quant(k);
                    if (f[firstQuant + 2 * k] != Tpl01.FormatPercent(v)) problems.Add($"{header[firstQuant + 2 * k]} '{f[firstQuant + 2 * k]}' ≠ '{Tpl01.FormatPercent(v)}'");
                    if (f[firstQuant + 2 * k + 1] != Tpl01.FormatPercent(b)) problems.Add($"{header[firstQuant + 2 * k + 1]} '{f[firstQuant + 2 * k + 1]}' ≠ '{Tpl01.FormatPercent(b)}'");
                }
                for (var s = 0; s < want.Length; s++)
                {
                    var got = f[firstScore + s];
                    if (got != want[s].ToString(System.Globalization.CultureInfo.InvariantCulture))
                        problems.Add($"{header[firstScore + s]} = '{got}', reference {want[s]}");
                }
            }
            if (problems.Count > 0)
            {
                if (bad < 10) log.WriteLine($"verify: row {i + 2} ({r.Subject}): {string.Join("; ", problems)}");
                bad++;
            }
        }
        if (expectN is int n && rows != n)
        {
            log.WriteLine($"verify: {rows} data rows, expected {n}");
            return -1;
        }
        log.WriteLine(bad == 0
            ? $"verify: OK — {checkedRows} of {rows} rows checked; LibreOffice's 11 scores and 总分 equal the C# reference in every checked row"
            : $"verify: FAILED — {bad} of {checkedRows} checked rows differ");
        return bad;
    }

    /// <summary>Writes a small workbook, has soffice convert it to CSV, and compares every row.</summary>
    public static int RoundTrip(int n, ulong seed, string format, bool sharedFormulas, string soffice, string? profile, TextWriter log)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kaohe-bench-verify-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var book = Path.Combine(dir, $"tpl01-verify.{format}");
            Workbook.Write(book, n, seed, sharedFormulas);
            var psi = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (profile is not null) psi.ArgumentList.Add("-env:UserInstallation=" + new Uri(Path.GetFullPath(profile)).AbsoluteUri);
            foreach (var a in new[] { "--headless", "--norestore", "--convert-to", CsvFilter, "--outdir", dir, book })
                psi.ArgumentList.Add(a);
            log.WriteLine($"verify: {soffice} {string.Join(' ', psi.ArgumentList)}");
            using (var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + soffice))
            {
                var so = p.StandardOutput.ReadToEndAsync();
                var se = p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0)
                {
                    log.WriteLine($"verify: soffice exited {p.ExitCode}\n{so.Result}{se}");
                    return -1;
                }
            }
            var csv = Path.Combine(dir, "tpl01-verify.csv");
            if (!File.Exists(csv))
            {
                log.WriteLine("verify: soffice produced no CSV (is another soffice instance using the same profile?)");
                return -1;
            }
            return CompareLoCsv(csv, seed, n, log);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Splits one CSV record (double-quote quoting, no embedded newlines).</summary>
    public static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }
}
