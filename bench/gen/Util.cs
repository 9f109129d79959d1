using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>SplitMix64: tiny, fast, and its output is fixed forever (unlike System.Random's seeded algorithm choice).</summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [lo, hi] (inclusive), via 128-bit multiply (bias negligible for these ranges).</summary>
    public int Range(int lo, int hi)
    {
        var span = (ulong)(hi - lo + 1);
        return lo + (int)Math.BigMul(Next(), span, out _);
    }

    /// <summary>Index drawn with the given relative weights.</summary>
    public int Weighted(int[] weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var x = Range(0, total - 1);
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }
}

internal static class Output
{
    /// <summary>UTF-8 without BOM, LF line ends, large buffer; creates the directory.</summary>
    public static StreamWriter OpenText(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    }

    /// <summary>Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var s = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) s = (char)('A' + (i - 1) % 26) + s;
        return s;
    }

    /// <summary>Minimal XML escaping for text and attribute values.</summary>
    public static string Xml(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal)
         .Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal)
         .Replace("\"", "&quot;", StringComparison.Ordinal);
}
