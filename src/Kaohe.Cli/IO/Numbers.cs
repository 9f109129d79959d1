using System.Globalization;
using Kaohe.Core.Text;

namespace Kaohe.Cli.IO;

/// <summary>
/// Decimal → text without trailing zeros, as <see cref="Fmt.Exact"/> and <see cref="Fmt.Num(decimal)"/> write it,
/// but straight into a span: the output writers format millions of numbers and a custom format string
/// per number is the slowest part of writing.
/// </summary>
internal static class Numbers
{
    /// <summary>Room for any decimal: 29 digits, sign, point and leading zeros of a small scale.</summary>
    public const int MaxLength = 64;

    /// <summary>Writes <paramref name="value"/> exactly ("12.5", "-3", "0") as UTF-8; returns the length.</summary>
    public static int Utf8(decimal value, Span<byte> dest)
    {
        if (!value.TryFormat(dest, out var n, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("decimal does not fit the buffer");
        return Trim(dest, n);
    }

    /// <summary>Writes <paramref name="value"/> exactly as UTF-16; returns the length.</summary>
    public static int Chars(decimal value, Span<char> dest)
    {
        if (!value.TryFormat(dest, out var n, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("decimal does not fit the buffer");
        return Trim(dest, n);
    }

    private static int Trim<T>(Span<T> s, int n) where T : unmanaged, IEquatable<T>
    {
        var point = s[..n].IndexOf(Cast<T>('.'));
        if (point >= 0)
        {
            while (n > point + 1 && s[n - 1].Equals(Cast<T>('0'))) n--;
            if (n == point + 1) n = point;
        }
        // "-0" after rounding a tiny negative.
        if (n == 2 && s[0].Equals(Cast<T>('-')) && s[1].Equals(Cast<T>('0')))
        {
            s[0] = Cast<T>('0');
            n = 1;
        }
        return n;
    }

    private static T Cast<T>(char c) where T : unmanaged =>
        typeof(T) == typeof(byte) ? (T)(object)(byte)c : (T)(object)c;
}
