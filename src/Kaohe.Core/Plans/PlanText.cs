using System.Globalization;
using Kaohe.Core.Text;

namespace Kaohe.Core.Plans;

/// <summary>How plan explanations write money and rates.</summary>
public static class PlanText
{
    /// <summary>Money as a clerk writes it: thousands separators, at most 2 decimals (half-up), "元" appended: "44,871.79元".</summary>
    public static string Yuan(decimal value)
    {
        var v = Fmt.Money(value);
        var s = Math.Abs(v).ToString(v == decimal.Truncate(v) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
        return (v < 0 ? "−" : "") + s + "元";
    }

    /// <summary>An amount that may carry more decimals than money (e.g. 1,050,000 ÷ 1.17): up to 2 decimals, "897,435.9".</summary>
    public static string Amount(decimal value) => Yuan(value);

    /// <summary>A rate held as a fraction (0.01424) as a percentage: "1.424%".</summary>
    public static string Rate(decimal fraction) => Fmt.Num(fraction * 100m, 4) + "%";

    /// <summary>A plain number (coefficient, score): "0.82".</summary>
    public static string Num(decimal value) => Fmt.Num(value, 4);
}
