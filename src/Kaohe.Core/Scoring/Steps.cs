using System.Diagnostics;
using Kaohe.Core.Model;

namespace Kaohe.Core.Scoring;

/// <summary>Counting steps of a distance (§0 G3) and the words that explain them.</summary>
public static class Steps
{
    /// <summary>The number of steps in <paramref name="distance"/> (≥ 0); 0 when the step size is 0.</summary>
    public static decimal Count(decimal distance, decimal step, StepRounding rounding)
    {
        if (step <= 0 || distance <= 0) return 0;
        var q = distance / step;
        return rounding switch
        {
            StepRounding.Floor => decimal.Floor(q),
            StepRounding.Ceiling => decimal.Ceiling(q),
            StepRounding.ProRata => q,
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Chinese words for a rounding mode.</summary>
    public static string Word(StepRounding rounding) => rounding switch
    {
        StepRounding.Floor => "不足一步不计",
        StepRounding.Ceiling => "不足一步按一步计",
        StepRounding.ProRata => "按比例折算",
        _ => throw new UnreachableException(),
    };

    /// <summary>Clamps to optional limits and says which limit applied.</summary>
    public static decimal Clamp(decimal value, decimal? floor, decimal? cap, out string? note)
    {
        note = null;
        if (cap is { } c && value > c)
        {
            note = $"超过上限，按 {Text.Fmt.Num(c)} 分";
            return c;
        }
        if (floor is { } f && value < f)
        {
            note = f == 0 ? "扣完为止，按 0 分" : $"低于下限，按 {Text.Fmt.Num(f)} 分";
            return f;
        }
        return value;
    }
}

