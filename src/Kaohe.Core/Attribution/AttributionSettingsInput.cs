using Kaohe.Core.Inputs;

namespace Kaohe.Core.Attribution;

/// <summary>One setting as users write it: its Chinese key, what it means, and its default as written.</summary>
public sealed record SettingInfo(string Key, string Meaning, string Default);

/// <summary>
/// The settings of an attribution run written with Chinese keys (a JSON <c>settings</c> object, or
/// <c>kaohe attribute --set 键=值</c>), and the day the result is read on (截至日期).
/// </summary>
public static class AttributionSettingsInput
{
    private delegate AttributionSettings Apply(AttributionSettings s, RawScalar raw, out string? error);

    private static readonly (SettingInfo Info, Apply Apply)[] Table =
    [
        (new("回访期限天数", "上次接待或回访后多少个日历天内再次来访仍归原顾问（含最后一天）", "7"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Days(r, out e) is { } v ? s with { LapseDays = v } : s),
        (new("任一间隔超期即失效", "是：接手以来任何两次联系之间超过期限，再次来访即视为新客户；否：只看最近一次联系", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { AnyGapLapses = v } : s),
        (new("说出名字优先于失效", "是：超过期限未回访、但客户说出原顾问名字的，仍归原顾问；否：以回访记录为准，视为新客户", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { NamingOverridesLapse = v } : s),
        (new("他人回访计入", "是：其他顾问的回访也为归属顾问保持客户；否：只算归属顾问本人的回访", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { OthersFollowUpsCount = v } : s),
        (new("介绍人失效不按群带", "是：老客户本身已超过期限未回访的，其介绍的新客户不按群带归原顾问；否：仍按群带", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { LapseAppliesToReferrals = v } : s),
        (new("协助提成比例", "归属顾问忙于接待新客户或休息时，协助成交的顾问所得的提成比例", "20%"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Share(r, out e) is { } v ? s with { AssistShare = v } : s),
        (new("协助提成另发", "是：协助提成由公司另发，归属顾问仍得全额提成；否：从该笔提成中分出", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { AssistShareOnTop = v } : s),
        (new("休息时业绩归归属顾问", "是：归属顾问休息、他人成交时业绩仍归归属顾问；否：业绩归成交人", "是"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { RestingOwnerKeepsCredit = v } : s),
        (new("未认出时首次接待提成比例", "双方未认出、第二置业顾问当场成交时，首次接待顾问所得的提成比例", "20%"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Share(r, out e) is { } v ? s with { NonRecognitionOwnerShare = v } : s),
        (new("同日登记交主管裁定", "是：同一天两位顾问登记同一新客户即交主管裁定；否：按登记时间先后，时间相同才交裁定", "否"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Bool(r, out e) is { } v ? s with { SameDayClaimsConflict = v } : s),
        (new("甩客罚款下限", "每次甩客罚款的最低金额（元）", "100"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Money(r, out e) is { } v ? s with { FineMin = v } : s),
        (new("甩客罚款上限", "每次甩客罚款的最高金额（元）", "500"),
            (AttributionSettings s, RawScalar r, out string? e) => AttributionFields.Money(r, out e) is { } v ? s with { FineMax = v } : s),
    ];

    /// <summary>The key of the reading day.</summary>
    public const string AsOfKey = "截至日期";

    /// <summary>Every setting with its meaning and default, for help texts and documentation.</summary>
    public static IReadOnlyList<SettingInfo> Settings { get; } =
        [.. Table.Select(t => t.Info), new(AsOfKey, "读结果的日期：已超过回访期限的客户会注明“再次来访将视为新客户”", "不写则不注明")];

    /// <summary>The values of <paramref name="s"/> under their Chinese keys, as a user would write them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(AttributionSettings s)
    {
        static string B(bool b) => b ? "是" : "否";
        return
        [
            new("回访期限天数", s.LapseDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("任一间隔超期即失效", B(s.AnyGapLapses)),
            new("说出名字优先于失效", B(s.NamingOverridesLapse)),
            new("他人回访计入", B(s.OthersFollowUpsCount)),
            new("介绍人失效不按群带", B(s.LapseAppliesToReferrals)),
            new("协助提成比例", AttributionText.Pct(s.AssistShare)),
            new("协助提成另发", B(s.AssistShareOnTop)),
            new("休息时业绩归归属顾问", B(s.RestingOwnerKeepsCredit)),
            new("未认出时首次接待提成比例", AttributionText.Pct(s.NonRecognitionOwnerShare)),
            new("同日登记交主管裁定", B(s.SameDayClaimsConflict)),
            new("甩客罚款下限", Text.Fmt.Num(s.FineMin)),
            new("甩客罚款上限", Text.Fmt.Num(s.FineMax)),
        ];
    }

    /// <summary>Applies the given keys to <paramref name="start"/>; problems name <paramref name="where"/> and the key.</summary>
    public static AttributionSettings Read(IEnumerable<KeyValuePair<string, RawScalar>> values, AttributionSettings start, string where,
        List<string> problems, ref DateOnly? asOf)
    {
        var s = start;
        foreach (var (key, raw) in values)
        {
            var k = ValueParser.Normalize(key);
            if (k == AsOfKey)
            {
                var t = AttributionFields.Time(raw.Text, out var error);
                if (error is not null) problems.Add($"{where}“{k}”：{error}");
                else if (t is { HasTime: true }) problems.Add($"{where}“{k}”：只写日期");
                else if (t is { } d) asOf = DateOnly.FromDateTime(d.At);
                continue;
            }
            var entry = Array.FindIndex(Table, t => t.Info.Key == k);
            if (entry < 0)
            {
                problems.Add($"{where}：未知的设置“{key}”，可用的设置：{string.Join("、", Settings.Select(x => x.Key))}");
                continue;
            }
            var next = Table[entry].Apply(s, raw, out var problem);
            if (problem is not null) problems.Add($"{where}“{k}”：{problem}");
            else s = next;
        }
        foreach (var p in s.Problems()) problems.Add($"{where}：{p}");
        return s;
    }
}
