using System.Buffers;
using System.Text.Encodings.Web;

namespace Kaohe.IO;

/// <summary>
/// The JSON string encoder of the output: escapes only what JSON requires (quote, backslash, control
/// characters, lone surrogates) and passes Chinese text through. The built-in relaxed encoder looks up
/// every non-ASCII character in its tables, which made escaping the explanations (评分依据) a large part of
/// writing 100,000 results. Output is for files and programs, not for embedding in HTML.
/// </summary>
internal sealed class JsonTextEncoder : JavaScriptEncoder
{
    public static readonly JsonTextEncoder Instance = new();

    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly JavaScriptEncoder Fallback = UnsafeRelaxedJsonEscaping;

    private JsonTextEncoder() { }

    public override int MaxOutputCharactersPerInputCharacter => Fallback.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var special = span.IndexOfAny(Special);
        var limit = special < 0 ? span.Length : special;
        // Surrogates are fine in pairs; a lone one must be escaped.
        var i = span[..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                var next = span[(i + 2)..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
                i = next < 0 ? -1 : i + 2 + next;
                continue;
            }
            return i;
        }
        return special;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Fallback.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or 0x7F || (unicodeScalar is >= 0xD800 and <= 0xDFFF);
}
