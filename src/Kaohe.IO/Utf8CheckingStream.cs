using System.Text;

namespace Kaohe.IO;

/// <summary>
/// Passes a UTF-8 stream through and throws <see cref="DecoderFallbackException"/> at the first invalid byte. The CSV
/// reader reads invalid UTF-8 as U+FFFD without a word, so a file whose first part is UTF-8 (or ASCII) and whose
/// later part is GBK would be imported as mojibake; with this it is refused with the line.
/// </summary>
internal sealed class Utf8CheckingStream(Stream inner) : ReadOnlyStream(inner)
{
    // The decoder keeps a character cut by a read for the next one (GetCharCount would not: it keeps no state).
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[8192];
    private bool _ended;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        if (n > 0) Check(buffer[..n], flush: false);
        else if (!_ended && buffer.Length > 0)
        {
            // A character cut off by the end of the file.
            _ended = true;
            Check([], flush: true);
        }
        return n;
    }

    private void Check(ReadOnlySpan<byte> bytes, bool flush)
    {
        do
        {
            _decoder.Convert(bytes, _chars, flush, out var used, out _, out _);
            bytes = bytes[used..];
        }
        while (!bytes.IsEmpty);
    }
}
