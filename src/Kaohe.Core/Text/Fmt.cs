using System.Globalization;

namespace Kaohe.Core.Text;

/// <summary>
/// Display formatting. Values are exact decimals everywhere; rounding happens only here
/// (scores to 2 decimals, half-up, §0 G5) and in <see cref="Money"/> (0.01 元, half-up).
/// </summary>
public static class Fmt
{
    /// <summary>Rounds a score for display: 2 decimals, half-up (away from zero).</summary>
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds money to 0.01 元, half-up.</summary>
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>A number as a clerk writes it: at most 2 decimals, no trailing zeros (15, 12.5, 12.74).</summary>
    public static string Num(decimal value) => Trim(Round2(value));

    /// <summary>A number with up to <paramref name="decimals"/> decimals, trailing zeros removed.</summary>
    public static string Num(decimal value, int decimals) =>
        Trim(Math.Round(value, decimals, MidpointRounding.AwayFromZero));

    /// <summary>A percentage held in percentage points (2.5 means 2.5%), e.g. "2.5%".</summary>
    public static string Pct(decimal percentagePoints) => Num(percentagePoints, 4) + "%";

    /// <summary>A signed number for bonuses and deductions: "+5", "−0.2", "0".</summary>
    public static string Signed(decimal value) =>
        value > 0 ? "+" + Num(value) : value < 0 ? "−" + Num(-value) : "0";

    /// <summary>The exact value as an invariant string without trailing zeros.</summary>
    public static string Exact(decimal value) => Trim(value);

    private static string Trim(decimal value)
    {
        // Invariant formatting keeps the decimal's scale (15.00); drop trailing zeros by hand, which is far
        // cheaper than a custom "0.###…" format string on this hot path.
        var s = value.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.'))
        {
            s = s.TrimEnd('0');
            if (s.EndsWith('.')) s = s[..^1];
        }
        return s == "-0" ? "0" : s;
    }

}
