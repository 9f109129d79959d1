using System.Globalization;

namespace Kaohe.Core.Text;

/// <summary>
/// Display formatting. Values are exact decimals everywhere; rounding happens only here
/// (scores to 2 decimals, half-up, §0 G5) and in <see cref="Money"/> (0.01 元, half-up).
/// </summary>
public static class Fmt
{
    /// <summary>Rounds a score for display: 2 decimals, half-up (away from zero).</summary>
    public static decimal Round2(decimal value) => RoundTo(value, 2);

    /// <summary>Rounds money to 0.01 元, half-up.</summary>
    public static decimal Money(decimal value) => RoundTo(value, 2);

    /// <summary>Half-up rounding; a value with no more decimals than that is returned as it is (as Math.Round would).</summary>
    private static decimal RoundTo(decimal value, int decimals) =>
        value.Scale <= decimals ? value : Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>A number as a clerk writes it: at most 2 decimals, no trailing zeros (15, 12.5, 12.74).</summary>
    public static string Num(decimal value) => Trim(Round2(value));

    /// <summary>A number with up to <paramref name="decimals"/> decimals, trailing zeros removed.</summary>
    public static string Num(decimal value, int decimals) =>
        Trim(RoundTo(value, decimals));

    /// <summary>
    /// <see cref="Num(decimal, int)"/> for a value a sentence compares with <paramref name="bounds"/> ("总分 89.995 在
    /// 60–90 分之间"): when rounding to <paramref name="decimals"/> would put the value onto a bound or across it, as
    /// many more decimals as keep every comparison visibly true — the exact value at worst. 89.995 against 90 prints
    /// "89.995", never "90".
    /// </summary>
    public static string Against(decimal value, int decimals, params ReadOnlySpan<decimal> bounds) => Trim(Shown(value, decimals, bounds));

    /// <summary><see cref="Against"/> with the usual 2 decimals of a score.</summary>
    public static string NumAgainst(decimal value, params ReadOnlySpan<decimal> bounds) => Trim(Shown(value, 2, bounds));

    /// <summary><see cref="Pct"/> for a rate compared with <paramref name="bounds"/> (in percentage points): "79.996%" against 80, never "80%".</summary>
    public static string PctAgainst(decimal percentagePoints, params ReadOnlySpan<decimal> bounds) => Trim(Shown(percentagePoints, 4, bounds)) + "%";

    private static decimal Shown(decimal value, int decimals, ReadOnlySpan<decimal> bounds) => RoundTo(value, Places(value, decimals, bounds));

    /// <summary>
    /// How many decimals show <paramref name="value"/> on the same side of every bound as it is (at least
    /// <paramref name="decimals"/>; 28, i.e. exact, at worst).
    /// </summary>
    internal static int Places(decimal value, int decimals, ReadOnlySpan<decimal> bounds)
    {
        for (var d = decimals; d < 28; d++)
        {
            var shown = RoundTo(value, d);
            if (shown == value) return d;
            var faithful = true;
            foreach (var b in bounds)
                if (Math.Sign(shown - b) != Math.Sign(value - b)) { faithful = false; break; }
            if (faithful) return d;
        }
        return 28;
    }

    /// <summary>A percentage held in percentage points (2.5 means 2.5%), e.g. "2.5%".</summary>
    public static string Pct(decimal percentagePoints) => Num(percentagePoints, 4) + "%";

    /// <summary>A signed number for bonuses and deductions: "+5", "−0.2", "0".</summary>
    public static string Signed(decimal value) =>
        value > 0 ? "+" + Num(value) : value < 0 ? "−" + Num(-value) : "0";

    /// <summary>
    /// A value read from the data as people read it on the form: a number or rate rounded to 2 decimals (half-up,
    /// "1.6129032%" → "1.61%", "12.3456" → "12.35"); any other text as it is. The exact text stays in the explanation.
    /// </summary>
    public static string Reading(string text)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        var digits = percent ? t[..^1] : t;
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            ? Num(v) + (percent ? "%" : "")
            : text;
    }

    /// <summary>
    /// A value and the baseline it is compared with, each as <see cref="Reading"/> shows it — unless rounding makes two
    /// different numbers look equal (1.8004% and 1.8% both "1.8%"): then both exactly, so the comparison stays visible.
    /// </summary>
    public static (string Value, string? Against) Readings(string value, string? against)
    {
        var v = Reading(value);
        if (against is null) return (v, null);
        var a = Reading(against);
        return v == a && Number(value) is { } x && Number(against) is { } y && x != y ? (value.Trim(), against.Trim()) : (v, a);
    }

    private static decimal? Number(string text)
    {
        var t = text.Trim();
        var digits = t.EndsWith('%') ? t[..^1] : t;
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The exact value as an invariant string without trailing zeros.</summary>
    public static string Exact(decimal value) => Trim(value);

    /// <summary>
    /// <see cref="Num(decimal)"/> (or <see cref="Num(decimal, int)"/>) for an interpolated string or
    /// <see cref="System.Text.StringBuilder"/>: the digits are written straight into the text being built.
    /// </summary>
    internal static NumText N(decimal value, int decimals = 2) => new(value, decimals, null);

    /// <summary><see cref="Pct"/> for an interpolated string: "2.5%".</summary>
    internal static NumText P(decimal percentagePoints) => new(percentagePoints, 4, "%");

    /// <summary>A number to be written as <see cref="Num(decimal, int)"/> writes it, then <c>Suffix</c>.</summary>
    internal readonly struct NumText(decimal value, int decimals, string? suffix) : ISpanFormattable
    {
        public override string ToString() => Num(value, decimals) + suffix;

        public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            Span<char> buf = stackalloc char[MaxChars];
            var n = Format(RoundTo(value, decimals), buf, out _);
            var total = n + (suffix?.Length ?? 0);
            if (total > destination.Length)
            {
                charsWritten = 0;
                return false;
            }
            buf[..n].CopyTo(destination);
            suffix?.CopyTo(destination[n..]);
            charsWritten = total;
            return true;
        }
    }

    // Small whole numbers are most of what explanations print (scores, steps, points): one shared string each.
    private const int CachedInts = 1024;
    private static readonly string?[] IntStrings = new string?[2 * CachedInts];

    private static string Trim(decimal value)
    {
        // Invariant formatting keeps the decimal's scale (15.00) and must drop trailing zeros; formatting the
        // digits straight into a span (and sharing the strings of small whole numbers) is far cheaper than
        // ToString + TrimEnd on this hot path.
        Span<char> buf = stackalloc char[MaxChars];
        var n = Format(value, buf, out var whole);
        if (whole is { } w and > -CachedInts and < CachedInts)
        {
            var i = (int)w + CachedInts;
            return IntStrings[i] ??= new string(buf[..n]);
        }
        return new string(buf[..n]);
    }

    /// <summary>Room for any decimal written by <see cref="Write"/>: 29 digits, sign, point and leading zeros.</summary>
    public const int MaxChars = 64;

    /// <summary>
    /// Writes <paramref name="value"/> exactly as <see cref="Exact"/> does ("12.5", "-3", "0") into
    /// <paramref name="dest"/> (at least <see cref="MaxChars"/> long), without allocating; returns the length.
    /// </summary>
    public static int Write(decimal value, Span<char> dest) => Format(value, dest, out _);

    /// <summary>
    /// Writes <paramref name="value"/> as invariant <c>decimal.ToString()</c> would, then without trailing
    /// zeros after the point, without a bare point, and "0" for any zero ("-0" included). Returns the length;
    /// <paramref name="whole"/> is the value when it is a whole number that fits a long.
    /// </summary>
    internal static int Format(decimal value, Span<char> dest, out long? whole)
    {
        whole = null;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        if (bits[2] != 0)
        {
            // More than 64 bits of digits: rare; let the runtime format them.
            if (!value.TryFormat(dest, out var written, default, CultureInfo.InvariantCulture))
                throw new InvalidOperationException("decimal does not fit the buffer");
            return TrimFormatted(dest, written);
        }
        var m = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (m == 0)
        {
            dest[0] = '0';
            whole = 0;
            return 1;
        }
        while (scale > 0 && m % 10 == 0)
        {
            m /= 10;
            scale--;
        }
        if (scale == 0 && m <= long.MaxValue) whole = negative ? -(long)m : (long)m;
        Span<char> d = stackalloc char[20];
        m.TryFormat(d, out var nd, default, CultureInfo.InvariantCulture);
        var pos = 0;
        if (negative) dest[pos++] = '-';
        if (scale >= nd)
        {
            dest[pos++] = '0';
            dest[pos++] = '.';
            for (var z = nd; z < scale; z++) dest[pos++] = '0';
            d[..nd].CopyTo(dest[pos..]);
            return pos + nd;
        }
        var intLen = nd - scale;
        d[..intLen].CopyTo(dest[pos..]);
        pos += intLen;
        if (scale == 0) return pos;
        dest[pos++] = '.';
        d[intLen..nd].CopyTo(dest[pos..]);
        return pos + scale;
    }

    private static int TrimFormatted(Span<char> s, int n)
    {
        if (s[..n].Contains('.'))
        {
            while (s[n - 1] == '0') n--;
            if (s[n - 1] == '.') n--;
        }
        if (n == 2 && s[0] == '-' && s[1] == '0')
        {
            s[0] = '0';
            n = 1;
        }
        return n;
    }
}
