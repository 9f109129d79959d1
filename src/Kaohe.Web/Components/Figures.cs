using System.Globalization;
using Kaohe.Core.Text;
using Kaohe.Data.Results;

namespace Kaohe.Web.Components;

/// <summary>How the results pages write numbers: scores with at most 2 decimals, money in 元 with 2, ranks as "3 / 15".</summary>
public static class Figures
{
    /// <summary>A score (85.5, 89) or "—".</summary>
    public static string Num(decimal? d) => d is { } v ? Fmt.Num(v) : "—";

    /// <summary>An amount in 元 with 2 decimals and thousands separators (2,670.00), or "—".</summary>
    public static string Money(decimal? d) => d is { } v ? Fmt.Money(v).ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>A reward (+3,000.00) or a penalty (−1,000.00), or "—" when there is none.</summary>
    public static string SignedMoney(decimal? d) => d switch
    {
        null => "—",
        > 0 => "+" + Money(d),
        < 0 => "−" + Money(-d),
        _ => Money(0),
    };

    /// <summary>"3 / 15", or "—" without a rank.</summary>
    public static string Rank(int? rank, int? of) => rank is { } r ? (of is { } n ? $"{r} / {n}" : r.ToString(CultureInfo.InvariantCulture)) : "—";

    /// <summary>The colour of a consequence chip: an open one warns.</summary>
    public static MudBlazor.Color ConsequenceColor(ConsequenceRow c) =>
        c.Status == Kaohe.Data.Model.ConsequenceStatus.Open ? MudBlazor.Color.Warning : MudBlazor.Color.Default;
}
