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
    public static int Utf8(decimal value, Span<byte> dest) => Format(value, dest);

    /// <summary>Writes <paramref name="value"/> exactly as UTF-16; returns the length.</summary>
    public static int Chars(decimal value, Span<char> dest) => Format(value, dest);

    /// <summary>
    /// The digits of the decimal (96-bit integer and scale) written by hand: what invariant
    /// <c>decimal.TryFormat</c> writes, less the trailing zeros after the point, a bare point and the sign of zero.
    /// </summary>
    private static int Format<T>(decimal value, Span<T> dest) where T : unmanaged, IEquatable<T>
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0) return Slow(value, dest);
        var scale = (bits[3] >> 16) & 0xFF;
        var m = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (m == 0)
        {
            dest[0] = Cast<T>('0');
            return 1;
        }
        while (scale > 0 && m % 10 == 0)
        {
            m /= 10;
            scale--;
        }
        Span<T> d = stackalloc T[20];
        int nd;
        if (typeof(T) == typeof(byte)) m.TryFormat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(d), out nd, default, CultureInfo.InvariantCulture);
        else m.TryFormat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(d), out nd, default, CultureInfo.InvariantCulture);
        var pos = 0;
        if (bits[3] < 0) dest[pos++] = Cast<T>('-');
        if (scale >= nd)
        {
            dest[pos++] = Cast<T>('0');
            dest[pos++] = Cast<T>('.');
            for (var z = nd; z < scale; z++) dest[pos++] = Cast<T>('0');
            d[..nd].CopyTo(dest[pos..]);
            return pos + nd;
        }
        var intLen = nd - scale;
        d[..intLen].CopyTo(dest[pos..]);
        pos += intLen;
        if (scale == 0) return pos;
        dest[pos++] = Cast<T>('.');
        d[intLen..nd].CopyTo(dest[pos..]);
        return pos + scale;
    }

    private static int Slow<T>(decimal value, Span<T> dest) where T : unmanaged, IEquatable<T>
    {
        bool ok;
        int n;
        if (typeof(T) == typeof(byte)) ok = value.TryFormat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(dest), out n, default, CultureInfo.InvariantCulture);
        else ok = value.TryFormat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(dest), out n, default, CultureInfo.InvariantCulture);
        if (!ok) throw new InvalidOperationException("decimal does not fit the buffer");
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
