using System.Text;
using Kaohe.Data.Cycles;

namespace Kaohe.Cli.Commands;

/// <summary>
/// Writing a report file as <c>kaohe score</c> does: into a temporary file beside the target, moved into place only
/// when the whole file was written, so a failure never leaves a half file (nor changes an existing one).
/// </summary>
internal static class OutputFile
{
    /// <summary>Checks that <paramref name="path"/> can be a file: not a directory, in an existing folder.</summary>
    public static void Check(string path)
    {
        if (Directory.Exists(path)) throw new CliException($"输出文件“{path}”是一个目录");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is null || !Directory.Exists(dir)) throw new CliException($"输出文件“{path}”所在的目录不存在");
    }

    /// <summary>Writes <paramref name="path"/> through a temporary file; <paramref name="write"/> fills the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        Check(path);
        var target = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            FileStream stream;
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"无法在输出文件“{path}”所在目录写入：{e.Message}");
            }
            using (stream)
            {
                try
                {
                    write(stream);
                }
                catch (CycleException e)
                {
                    throw new CliException(Message(e));
                }
            }
            try
            {
                File.Move(temp, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"无法写入输出文件“{path}”（是否在 Excel 中打开着？）：{e.Message}");
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Says on standard error what was written: “已写入 结果.xlsx（12 个对象）”.</summary>
    /// <param name="what">What the file holds, e.g. “12 个对象”; null says only the file.</param>
    public static void Written(TextWriter err, string path, string? what) =>
        err.WriteLine(what is null ? $"已写入 {path}" : $"已写入 {path}（{what}）");

    /// <summary>Writes text to standard output through a UTF-8 buffer (CSV without a file).</summary>
    public static void ToStdout(TextWriter stdout, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        stdout.Write(text.TrimStart('\uFEFF'));
    }

    /// <summary>A service's refusal as one message, with its details one a line.</summary>
    public static string Message(CycleException e) =>
        e.Details.Count == 0 ? e.Message : e.Message + Environment.NewLine + string.Join(Environment.NewLine, e.Details.Select(d => "  " + d));

    /// <summary>The format asked for, else the output file's extension, else <paramref name="fallback"/>.</summary>
    public static string Format(string? format, string? output, string fallback, params string[] allowed)
    {
        if (format is not null) return format;
        var ext = Path.GetExtension(output ?? "").TrimStart('.').ToLowerInvariant();
        return allowed.Contains(ext) ? ext : fallback;
    }
}
