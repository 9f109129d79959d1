using Kaohe.Core.Text;

namespace Kaohe.IO;

/// <summary>
/// Decimal → text without trailing zeros, as <see cref="Fmt.Exact"/> and <see cref="Fmt.Num(decimal)"/> write it,
/// but straight into a span (<see cref="Fmt.Write"/>): the output writers format millions of numbers and a custom
/// format string per number is the slowest part of writing.
/// </summary>
internal static class Numbers
{
    /// <summary>Room for any decimal.</summary>
    public const int MaxLength = Fmt.MaxChars;

    /// <summary>Writes <paramref name="value"/> exactly ("12.5", "-3", "0") as UTF-8; returns the length.</summary>
    public static int Utf8(decimal value, Span<byte> dest)
    {
        Span<char> chars = stackalloc char[MaxLength];
        var n = Fmt.Write(value, chars);
        // Digits, sign and point only: each char is one ASCII byte.
        for (var i = 0; i < n; i++) dest[i] = (byte)chars[i];
        return n;
    }

    /// <summary>Writes <paramref name="value"/> exactly as UTF-16; returns the length.</summary>
    public static int Chars(decimal value, Span<char> dest) => Fmt.Write(value, dest);
}
