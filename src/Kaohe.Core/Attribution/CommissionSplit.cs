using Kaohe.Core.Text;
using static Kaohe.Core.Attribution.AttributionText;

namespace Kaohe.Core.Attribution;

/// <summary>Splitting a deal's commission money between a main consultant and a minor one, to the fen, conserving the total.</summary>
public static class CommissionSplit
{
    /// <summary>
    /// Splits <paramref name="total"/>: <paramref name="minor"/> gets <paramref name="minorShare"/> of it rounded to 0.01 元
    /// half-up, <paramref name="main"/> the rest (so the parts sum exactly to the total), or the whole when the minor
    /// share is paid on top.
    /// </summary>
    public static (IReadOnlyList<SharePart> Parts, string Text) Split(decimal total, string main, string mainRole, string minor, string minorRole, decimal minorShare, bool onTop)
    {
        var minorAmount = Fmt.Money(total * minorShare);
        if (main == minor || minorShare == 0)
            return ([new SharePart(main, 1m, total, mainRole)], $"提成 {Money(total)} 全部归 {main}");
        if (onTop)
            return ([new SharePart(main, 1m, total, mainRole), new SharePart(minor, minorShare, minorAmount, minorRole)],
                $"提成 {Money(total)} 全部归 {main}，另按设置由公司给{minorRole}的 {minor} {Pct(minorShare)} = {Money(minorAmount)}（四舍五入到分）");
        var mainAmount = total - minorAmount;
        var rounded = minorAmount != total * minorShare ? "，四舍五入到分，余数归 " + main : "";
        return ([new SharePart(main, 1m - minorShare, mainAmount, mainRole), new SharePart(minor, minorShare, minorAmount, minorRole)],
            $"提成 {Money(total)}：{minorRole}的 {minor} 得 {Pct(minorShare)} = {Money(minorAmount)}{rounded}，{main} 得 {Pct(1m - minorShare)} = {Money(mainAmount)}");
    }
}
