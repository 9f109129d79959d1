using System.Globalization;
using Kaohe.Core.Text;

namespace Kaohe.Core.Attribution;

/// <summary>The Chinese words of attribution explanations.</summary>
public static class AttributionText
{
    /// <summary>The rule's name as the sales office calls it.</summary>
    public static string Name(AttributionRule rule, AttributionSettings settings) => rule switch
    {
        AttributionRule.FirstContact => "第一接触点原则",
        AttributionRule.OldCustomer => "老客户认定原则",
        AttributionRule.Referral => "群带性原则",
        AttributionRule.ReferralForfeited => "群带性原则（在场未主动服务视为放弃）",
        AttributionRule.Lapse => $"{settings.LapseDays}天内不回访，再次来访视为新客户",
        AttributionRule.OwnerBusy => "接待新客户时老客户来访，由轮值顾问协助",
        AttributionRule.OwnerResting => "置业顾问休息时老客户来访，由其他顾问协助",
        AttributionRule.Refusal => "无正当理由不接待，视为放弃归属",
        AttributionRule.NonRecognition => "双方未能及时认出，由第二置业顾问接待",
        AttributionRule.OwnerCloses => "归属顾问本人成交",
        AttributionRule.Decision => "主管裁定",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>"2026-03-01 10:02", or "2026-03-01" when only the date was recorded.</summary>
    public static string When(AttributionEvent e) => e.HasTime ? Time(e.At) : Date(e.Day);

    /// <summary>
    /// "2026-03-01 10:02" (seconds only when recorded); midnight exactly is how a day recorded by date only is held, and
    /// is written as the date alone.
    /// </summary>
    public static string Time(DateTime t) =>
        t.TimeOfDay == TimeSpan.Zero ? Date(DateOnly.FromDateTime(t))
        : t.ToString(t.Second == 0 && t.Millisecond == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"2026-03-01".</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"20%".</summary>
    public static string Pct(decimal fraction) => Fmt.Num(fraction * 100, 4) + "%";

    /// <summary>"10000 元".</summary>
    public static string Money(decimal amount) => Fmt.Num(amount) + " 元";

    /// <summary>"的名字" clause of a reception: "（说出了 A 的名字）" or "".</summary>
    internal static string Naming(Reception r) => r.NamedConsultant is { } n ? $"，客户说出了 {n} 的名字" : "";

    /// <summary>"（轮值位置 3）" or "".</summary>
    internal static string Rota(Reception r) => r.RotaPosition is { } p ? $"（轮值位置 {p}）" : "";
}
