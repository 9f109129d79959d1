namespace Kaohe.Core.Model;

/// <summary>One end of an interval on a measured value.</summary>
/// <param name="Value">The boundary, in the unit of the measured value (percentage points for rates).</param>
/// <param name="Inclusive">Whether the boundary value itself belongs to the interval ("以上/以下/含" are inclusive, "超过/不足/高于/低于" exclusive, §0 G1).</param>
public readonly record struct Bound(decimal Value, bool Inclusive);

/// <summary>
/// An interval of a measured value. A missing end is unbounded. The textual form is
/// <c>[80, 90)</c>: square brackets are inclusive, round ones exclusive.
/// </summary>
public sealed record Interval(Bound? Lower, Bound? Upper)
{
    /// <summary>Whether <paramref name="x"/> lies in the interval.</summary>
    public bool Contains(decimal x)
    {
        if (Lower is { } lo && (lo.Inclusive ? x < lo.Value : x <= lo.Value)) return false;
        if (Upper is { } hi && (hi.Inclusive ? x > hi.Value : x >= hi.Value)) return false;
        return true;
    }

    /// <summary>The interval in mathematical notation, with the unit suffix after each number.</summary>
    public string Describe(string suffix = "")
    {
        var lo = Lower is { } l ? (l.Inclusive ? "[" : "(") + Text.Fmt.Num(l.Value, 4) + suffix : "(−∞";
        var hi = Upper is { } h ? Text.Fmt.Num(h.Value, 4) + suffix + (h.Inclusive ? "]" : ")") : "+∞)";
        return lo + ", " + hi;
    }

    /// <summary>The interval in the words of the seeds (≥ 80% 且 &lt; 90%).</summary>
    public string DescribeWords(string suffix = "")
    {
        var parts = new List<string>();
        if (Lower is { } l) parts.Add((l.Inclusive ? "≥ " : "> ") + Text.Fmt.Num(l.Value, 4) + suffix);
        if (Upper is { } h) parts.Add((h.Inclusive ? "≤ " : "< ") + Text.Fmt.Num(h.Value, 4) + suffix);
        return parts.Count == 0 ? "任意值" : string.Join(" 且 ", parts);
    }
}
