using System.Text;
using System.Text.Unicode;

namespace Kaohe.IO;

/// <summary>The encoding of a CSV file as far as its first bytes tell.</summary>
internal enum TextEncodingKind
{
    /// <summary>UTF-8, with or without a BOM (also plain ASCII).</summary>
    Utf8,
    /// <summary>UTF-16 or UTF-32 with a BOM, which the CSV reader honours itself.</summary>
    Unicode,
    /// <summary>GB18030 / GBK, what Excel writes for “CSV” on Chinese Windows.</summary>
    Gb18030,
    /// <summary>Anything else: the file is refused with <see cref="TextEncodingGuess.Reason"/>.</summary>
    Refused,
}

/// <summary>The outcome of <see cref="TextEncodingDetector.Detect"/>.</summary>
/// <param name="Reason">For <see cref="TextEncodingKind.Refused"/>: why, in Chinese, without the file name.</param>
internal readonly record struct TextEncodingGuess(TextEncodingKind Kind, string? Reason = null)
{
    /// <summary>
    /// The encoding to give the CSV reader: null for UTF-8 and for a BOM (the reader honours BOMs and assumes UTF-8
    /// otherwise), strict GB18030 (an invalid sequence later in the file throws) for GB18030.
    /// </summary>
    public Encoding? ReaderEncoding => Kind == TextEncodingKind.Gb18030 ? TextEncodingDetector.StrictGb18030 : null;
}

/// <summary>
/// Decides how a CSV file is encoded — the one place for <c>kaohe score</c> and the imports. Accepted: UTF-8 (with
/// or without BOM), UTF-16/UTF-32 with a BOM, and GB18030/GBK when the text decodes strictly and reads like
/// Simplified Chinese. Big5 and Shift-JIS bytes are mostly valid GBK too, but decode into rare characters, kana rows
/// and user-defined areas; Latin-1 usually breaks the GBK byte structure. Those are refused, naming the encoding the
/// bytes look like, instead of being imported as mojibake.
/// </summary>
internal static class TextEncodingDetector
{
    /// <summary>The bytes looked at: a quarter of a megabyte is tens of thousands of Chinese characters.</summary>
    public const int SampleSize = 256 * 1024;

    /// <summary>
    /// Share of the multi-byte characters of a GBK text that must be GB2312 punctuation, full-width forms or
    /// hanzi (the 6,763 characters that cover almost all modern Simplified Chinese). Names with a rarer character
    /// (镕, 喆, 堃) stay well above it; Big5 read as GBK is around a quarter.
    /// </summary>
    private const double CommonShare = 0.9;

    private static readonly Lazy<Encoding> Gb18030 = new(() => CodePage("GB18030"));

    /// <summary>GB18030 that throws on bytes it cannot decode (instead of writing “?”).</summary>
    public static Encoding StrictGb18030 => Gb18030.Value;

    private static Encoding CodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Looks at the first bytes of a file. <paramref name="whole"/> says whether <paramref name="head"/> is the whole
    /// file; if not, the sample is cut at its last line break, so that a character split by the cut does not count.
    /// </summary>
    public static TextEncodingGuess Detect(ReadOnlySpan<byte> head, bool whole)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(TextEncodingKind.Utf8);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return new(TextEncodingKind.Unicode);
        if (head.StartsWith("PK\u0003\u0004"u8))
            return Refuse("是 Excel 工作簿（.xlsx），不是 CSV：请把文件扩展名改为 .xlsx，或在 Excel 中另存为“CSV UTF-8”");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            return Refuse("是旧版 Excel 文件（.xls），不是 CSV：请在 Excel 中另存为 .xlsx 或“CSV UTF-8”");
        if (!whole)
        {
            var cut = head.LastIndexOf((byte)'\n');
            head = cut >= 0 ? head[..(cut + 1)] : head[..Math.Max(0, head.Length - 4)];
        }
        if (head.IndexOf((byte)0) >= 0) return Unrecognised("没有 BOM 的 UTF-16 编码");
        if (Utf8.IsValid(head)) return new(TextEncodingKind.Utf8);
        if (LooksLikeGbk(head)) return new(TextEncodingKind.Gb18030);
        if (LooksLikeBig5(head)) return Unrecognised("繁体 Big5 编码");
        if (LooksLikeShiftJis(head)) return Unrecognised("日文 Shift-JIS 编码");
        if (LooksLikeLatin1(head)) return Unrecognised("西文 Latin-1 编码");
        return Unrecognised(null);
    }

    /// <summary>The message for a refused file: <c>文件“x.csv”编码无法识别（…）：请在 Excel 中另存为“CSV UTF-8”后再导入</c>.</summary>
    public static string Message(string file, TextEncodingGuess guess, string retry) =>
        $"文件“{file}”{guess.Reason}后再{retry}";

    /// <summary>The message when bytes later in the file do not decode (the first bytes looked fine).</summary>
    public static string LaterMessage(string file, long line, string retry) =>
        $"文件“{file}”第 {line:N0} 行附近有无法识别的字符（编码不是 UTF-8 或 GB18030）：请在 Excel 中另存为“CSV UTF-8”后再{retry}";

    private static TextEncodingGuess Refuse(string reason) => new(TextEncodingKind.Refused, reason);

    private static TextEncodingGuess Unrecognised(string? likely) =>
        new(TextEncodingKind.Refused, "编码无法识别" + (likely is null ? "" : $"（看起来像{likely}）") + "：请在 Excel 中另存为“CSV UTF-8”");

    /// <summary>Valid GB18030 whose two-byte characters are nearly all GB2312 punctuation and hanzi.</summary>
    private static bool LooksLikeGbk(ReadOnlySpan<byte> s)
    {
        int multi = 0, common = 0;
        for (var i = 0; i < s.Length;)
        {
            var b = s[i];
            if (b < 0x80) { i++; continue; }
            if (b is 0x80 or 0xFF || i + 1 >= s.Length) return false;
            var t = s[i + 1];
            if (t is >= 0x30 and <= 0x39)
            {
                // A four-byte GB18030 sequence: characters GBK does not have, never common.
                if (i + 3 >= s.Length || s[i + 2] is < 0x81 or > 0xFE || s[i + 3] is < 0x30 or > 0x39) return false;
                multi++;
                i += 4;
                continue;
            }
            if (t is < 0x40 or 0x7F or 0xFF) return false;
            multi++;
            if (t >= 0xA1 && b is (>= 0xA1 and <= 0xA3) or (>= 0xB0 and <= 0xF7)) common++;
            i += 2;
        }
        return Plausible(common, multi) && DecodesWithoutPrivateUse(StrictGb18030, s, out _);
    }

    private static bool LooksLikeBig5(ReadOnlySpan<byte> s)
    {
        if (!DecodesWithoutPrivateUse(CodePage("big5"), s, out var text)) return false;
        int nonAscii = 0, cjk = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            nonAscii++;
            if (IsHan(c) || c is (>= '\u3000' and <= '\u303F') or (>= '\u3100' and <= '\u312F') or (>= '\uFF01' and <= '\uFF5E')
                or (>= '\uFE30' and <= '\uFE4F') or (>= '\u2010' and <= '\u2027'))
                cjk++;
        }
        return Plausible(cjk, nonAscii);
    }

    private static bool LooksLikeShiftJis(ReadOnlySpan<byte> s)
    {
        if (!DecodesWithoutPrivateUse(CodePage("shift_jis"), s, out var text)) return false;
        int nonAscii = 0, japanese = 0, halfWidthKana = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            nonAscii++;
            // GBK and Big5 read as Shift-JIS turn their lead bytes into half-width katakana.
            if (c is >= '\uFF61' and <= '\uFF9F') halfWidthKana++;
            else if (IsHan(c) || c is (>= '\u3000' and <= '\u30FF') or (>= '\uFF01' and <= '\uFF5E')) japanese++;
        }
        return Plausible(japanese, nonAscii) && halfWidthKana * 10 <= nonAscii;
    }

    private static bool LooksLikeLatin1(ReadOnlySpan<byte> s)
    {
        if (!DecodesWithoutPrivateUse(CodePage("windows-1252"), s, out var text)) return false;
        int nonAscii = 0, letters = 0, adjacent = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80) continue;
            nonAscii++;
            if (char.IsLetter(c) || c is '’' or '‘' or '“' or '”' or '–' or '—' or '€' or '£' or '°' or '§' or '·' or 'µ') letters++;
            if (i > 0 && text[i - 1] >= 0x80) adjacent++;
        }
        // Accented letters stand among ASCII letters; the bytes of a CJK text come in runs.
        return nonAscii > 0 && letters * 5 >= nonAscii * 4 && adjacent * 10 <= nonAscii * 3;
    }

    private static bool Plausible(int good, int all) => all > 0 && good >= CommonShare * all - 1;

    private static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private static bool DecodesWithoutPrivateUse(Encoding encoding, ReadOnlySpan<byte> s, out string text)
    {
        try
        {
            text = encoding.GetString(s);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
        foreach (var c in text)
            if (c is (>= '\uE000' and <= '\uF8FF') or '\uFFFD' || (c is >= '\u0080' and <= '\u009F'))
                return false;
        return true;
    }
}
