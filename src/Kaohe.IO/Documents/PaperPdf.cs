using System.Text;

namespace Kaohe.IO.Documents;

/// <summary>
/// Forms to PDF: the print HTML (<see cref="PaperHtml"/>) is written form by form to a temporary file — a whole cycle
/// is never built in memory — and printed by headless Chromium (<see cref="ChromiumPdf"/>). Shared by the web's
/// downloads and background jobs and by <c>kaohe cycle export</c>.
/// </summary>
public static class PaperPdf
{
    /// <summary>The time Chromium gets for <paramref name="forms"/> forms: a minute, and a second more per form, at most half an hour.</summary>
    public static TimeSpan TimeLimit(int forms) => TimeSpan.FromSeconds(Math.Min(60 + forms, 1800));

    /// <summary>
    /// Writes <paramref name="forms"/> as one PDF to <paramref name="pdfFile"/>, each form on a new page;
    /// <paramref name="written"/> is told after each form (for a progress bar). Throws <see cref="PrintException"/>
    /// (in Chinese) when the browser is missing, fails or passes <paramref name="timeout"/>.
    /// </summary>
    public static async Task WriteAsync(string pdfFile, string title, IEnumerable<PaperForm> forms, TimeSpan timeout,
        Action<int>? written = null, CancellationToken cancel = default)
    {
        var html = Path.Combine(Path.GetTempPath(), "kaohe-print-" + Guid.NewGuid().ToString("N") + ".html");
        try
        {
            var count = 0;
            await using (var file = new StreamWriter(html, false, new UTF8Encoding(false), 1 << 16))
            {
                var writer = new PaperHtml(file);
                writer.Begin(title);
                foreach (var form in forms)
                {
                    cancel.ThrowIfCancellationRequested();
                    writer.Write(form);
                    count++;
                    written?.Invoke(count);
                }
                writer.End();
            }
            if (count == 0) throw new PrintException("没有可打印的内容");
            await ChromiumPdf.PrintAsync(html, pdfFile, timeout, cancel);
        }
        finally
        {
            File.Delete(html);
        }
    }
}

/// <summary>
/// The name of a downloaded file: what the user sees (考核结果-2026年10月客服考核.xlsx) without path or control
/// characters, and an ASCII fallback for clients that do not read RFC 5987's <c>filename*</c>.
/// </summary>
public static class DownloadName
{
    private const int MaxLength = 120;

    /// <summary>The name with every character a file system or a header refuses (/ \ : * ? " &lt; &gt; | and controls) replaced by “_”.</summary>
    public static string Of(string stem, string extension)
    {
        var clean = new StringBuilder(stem.Length);
        foreach (var c in stem)
            clean.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        var text = clean.ToString().Trim().Trim('.', ' ');
        if (text.Length == 0) text = "kaohe";
        // Cut at a whole character: never between the halves of a surrogate pair.
        if (text.Length > MaxLength) text = text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];
        return text + "." + extension;
    }

    /// <summary>An ASCII name for old clients: the prefix and the id (kaohe-result-12.xlsx).</summary>
    public static string Ascii(string prefix, int id, string extension) =>
        $"{prefix}-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{extension}";
}
