using System.Globalization;
using System.Text;

namespace Kaohe.IO;

/// <summary>
/// The name of an uploaded file as it may be shown and used: what the browser sent is only a hint (it may be a path,
/// <c>..</c>, hundreds of characters, or carry control and bidirectional-override characters).
/// </summary>
internal static class UploadName
{
    /// <summary>The longest name kept, in characters (the extension is kept).</summary>
    public const int MaxLength = 100;

    /// <summary>Extensions longer than this are not treated as extensions when a name is shortened.</summary>
    private const int MaxExtension = 16;

    /// <summary>
    /// The base name (after the last <c>/</c> or <c>\</c>), without control or format characters, at most
    /// <see cref="MaxLength"/> characters keeping the extension; an empty name, <c>.</c> or <c>..</c> becomes
    /// <c>upload</c> plus the extension it had.
    /// </summary>
    public static string Clean(string? name)
    {
        var raw = name ?? "";
        var slash = raw.AsSpan().LastIndexOfAny('/', '\\');
        var b = new StringBuilder(Math.Min(raw.Length, 2 * MaxLength));
        foreach (var c in raw.AsSpan(slash + 1))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                continue;
            b.Append(c);
        }
        var clean = b.ToString().Trim();
        var ext = Extension(clean);
        if (clean.Trim('.').Length == 0 || clean.Length == ext.Length) return "upload" + ext;
        if (clean.Length <= MaxLength) return clean;
        var stem = clean[..^ext.Length];
        var keep = MaxLength - ext.Length;
        if (char.IsHighSurrogate(stem[keep - 1])) keep--;
        return stem[..keep].TrimEnd() + ext;
    }

    /// <summary>The extension of a cleaned name, lower case with its dot (".csv"), or "" when it has none.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || dot == name.Length - 1 || name.Length - dot > MaxExtension || name.AsSpan(dot + 1).Trim('.').Length == 0) return "";
        return name[dot..].ToLowerInvariant();
    }
}
