using System.Diagnostics;

namespace Kaohe.IO.Documents;

/// <summary>
/// A PDF could not be made (no browser, the browser failed or took too long). The message is for the user, in
/// Chinese; <see cref="Detail"/> is what the browser itself said (English), for the server's log, never the page.
/// </summary>
public sealed class PrintException(string message, string? detail = null) : Exception(message)
{
    /// <summary>The browser's last line of output, when it failed; for the log.</summary>
    public string? Detail { get; } = detail;
}

/// <summary>
/// Prints an HTML file to PDF with headless Chromium (<c>--print-to-pdf</c>): the page size, margins and page numbers
/// come from the HTML's <c>@page</c> rules (<see cref="PaperHtml"/>), the browser's own header and footer are off.
/// The browser is <c>KAOHE_CHROMIUM</c> if set, else the first of chromium, chromium-browser, google-chrome on the
/// PATH (scripts/browser-setup.sh installs Debian's chromium with the Noto CJK fonts). A run is bounded by a timeout
/// and killed, with its child processes, when it passes or the caller cancels.
/// </summary>
public static class ChromiumPdf
{
    /// <summary>The browser to run, or null when none is installed.</summary>
    public static string? Browser()
    {
        if (Environment.GetEnvironmentVariable("KAOHE_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in path.Append("/usr/bin"))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>Prints <paramref name="htmlFile"/> to <paramref name="pdfFile"/>; throws <see cref="PrintException"/> with the reason in Chinese.</summary>
    public static Task PrintAsync(string htmlFile, string pdfFile, TimeSpan timeout, CancellationToken cancel = default) =>
        PrintAsync(Browser(), htmlFile, pdfFile, timeout, cancel);

    /// <summary>Prints with the given browser (null or a missing file: refused with the Chinese message).</summary>
    internal static async Task PrintAsync(string? browser, string htmlFile, string pdfFile, TimeSpan timeout, CancellationToken cancel)
    {
        if (browser is null || !File.Exists(browser)) throw new PrintException(
            "未找到 Chromium 浏览器，无法生成 PDF：请在服务器上安装 chromium 和中文字体（scripts/browser-setup.sh），或用环境变量 KAOHE_CHROMIUM 指明浏览器的位置");
        var profile = Directory.CreateTempSubdirectory("kaohe-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                         "--no-pdf-header-footer", "--user-data-dir=" + profile.FullName, "--print-to-pdf=" + pdfFile,
                         new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
                     })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new PrintException($"无法启动浏览器 {browser}，未生成 PDF");
            // Read both streams to the end so that a talkative browser never blocks on a full pipe.
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancel.ThrowIfCancellationRequested();
                throw new PrintException($"生成 PDF 超过 {timeout.TotalSeconds:0} 秒，已停止：请缩小范围后重试");
            }
            var log = (await errors) + (await output);
            if (process.ExitCode != 0 || !File.Exists(pdfFile) || new FileInfo(pdfFile).Length == 0)
                throw new PrintException($"浏览器未能生成 PDF（退出码 {process.ExitCode}）：请管理员检查服务器上的 Chromium 浏览器和中文字体", LastLine(log));
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // The browser's last child may still hold a file for a moment; the temp folder is cleaned by the system.
            }
        }
    }

    private static string LastLine(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "没有输出" : lines[^1];
    }
}
