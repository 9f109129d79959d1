using Kaohe.Core.Inputs;

namespace Kaohe.Core.Attribution;

/// <summary>
/// Turns events written with Chinese field names (<see cref="EventFields"/>) into typed events, with one Chinese
/// problem per bad field, naming the event and the field. Pure: the caller reads the file.
/// </summary>
public static class AttributionInput
{
    /// <summary>The event kinds (类型) and their accepted words.</summary>
    public static IReadOnlyDictionary<string, string> Kinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["来访"] = "来访", ["来访登记"] = "来访", ["接待"] = "来访",
        ["回访"] = "回访",
        ["休息"] = "休息",
        ["忙碌"] = "忙碌", ["接待新客户"] = "忙碌",
        ["拒接"] = "拒接", ["拒绝接待"] = "拒接",
        ["成交"] = "成交",
        ["裁定"] = "裁定", ["主管裁定"] = "裁定",
        ["甩客"] = "甩客",
    };

    /// <summary>Every field an event may have.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["类型", "客户", "顾问", "时间", "开始", "结束", "轮值位置", "说出顾问", "介绍人", "陪同", "电话预约备案", "提成金额", "成交金额", "成交编号", "协助顾问", "原因", "罚款金额", "备注"];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["来访"] = ["客户", "顾问", "时间", "轮值位置", "说出顾问", "介绍人", "陪同", "电话预约备案"],
        ["回访"] = ["客户", "顾问", "时间"],
        ["休息"] = ["顾问", "时间", "开始", "结束"],
        ["忙碌"] = ["顾问", "时间", "开始", "结束"],
        ["拒接"] = ["客户", "顾问", "时间", "原因"],
        ["成交"] = ["客户", "顾问", "时间", "提成金额", "成交金额", "成交编号"],
        ["裁定"] = ["客户", "顾问", "时间", "原因", "成交编号", "协助顾问"],
        ["甩客"] = ["顾问", "时间", "罚款金额", "客户", "原因"],
    };

    /// <summary>Reads every event; <paramref name="problems"/> gets one line per bad field.</summary>
    public static List<AttributionEvent> Read(IEnumerable<EventFields> rows, List<string> problems)
    {
        var events = new List<AttributionEvent>();
        foreach (var row in rows)
            if (ReadOne(row, problems) is { } e) events.Add(e);
        return events;
    }

    private static AttributionEvent? ReadOne(EventFields row, List<string> problems)
    {
        var before = problems.Count;
        var f = row.Fields;
        string Filled(string k) => f.TryGetValue(k, out var v) ? ValueParser.Normalize(v.Text) : "";
        foreach (var key in f.Keys.Where(k => !FieldNames.Contains(k)))
            problems.Add($"{row.Location}：未知的字段“{key}”，可用的字段：{string.Join("、", FieldNames)}");
        var kindText = Filled("类型");
        if (kindText.Length == 0)
        {
            if (f.Values.All(v => ValueParser.Normalize(v.Text).Length == 0)) return null;   // a blank row
            problems.Add($"{row.Location}：缺少“类型”（{string.Join("、", Allowed.Keys)}）");
            return null;
        }
        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            problems.Add($"{row.Location}：未知的类型“{kindText}”，可选：{string.Join("、", Allowed.Keys)}");
            return null;
        }
        var at = $"{row.Location}（{kind}）";
        foreach (var key in f.Keys.Where(k => FieldNames.Contains(k) && k is not ("类型" or "备注") && !Allowed[kind].Contains(k) && Filled(k).Length > 0))
            problems.Add($"{at}“{key}”：{kind}记录不用填这一项");

        string? Name(string key, bool required)
        {
            var text = Filled(key);
            if (text.Length == 0)
            {
                if (required) problems.Add($"{at}“{key}”：不能为空");
                return null;
            }
            var name = AttributionFields.Name(text, out var error);
            if (error is not null) problems.Add($"{at}“{key}”：{error}");
            return name;
        }
        string? Text(string key, bool required)
        {
            if (!f.TryGetValue(key, out var raw) || Filled(key).Length == 0)
            {
                if (required) problems.Add($"{at}“{key}”：不能为空");
                return null;
            }
            var text = AttributionFields.Text(raw.Text, out var error);
            if (error is not null) problems.Add($"{at}“{key}”：{error}");
            return text;
        }
        (DateTime At, bool HasTime)? Time(string key, bool required)
        {
            if (Filled(key).Length == 0)
            {
                if (required) problems.Add($"{at}“{key}”：不能为空");
                return null;
            }
            var t = AttributionFields.Time(f[key].Text, out var error);
            if (error is not null) problems.Add($"{at}“{key}”：{error}");
            return t;
        }
        decimal? Money(string key, bool required)
        {
            if (Filled(key).Length == 0)
            {
                if (required) problems.Add($"{at}“{key}”：不能为空");
                return null;
            }
            var m = AttributionFields.Money(f[key], out var error);
            if (error is not null) problems.Add($"{at}“{key}”：{error}");
            return m;
        }
        bool Bool(string key)
        {
            if (Filled(key).Length == 0) return false;
            var b = AttributionFields.Bool(f[key], out var error);
            if (error is not null) problems.Add($"{at}“{key}”：{error}");
            return b ?? false;
        }

        var consultant = Name("顾问", true);
        var needsCustomer = kind is not ("休息" or "忙碌" or "甩客");
        var customer = Name("客户", needsCustomer);
        AttributionEvent? e = null;
        if (kind is "休息" or "忙碌")
            e = ReadPresence(kind, consultant, Time, at, problems, Filled);
        else
        {
            var time = Time("时间", true);
            switch (kind)
            {
                case "来访":
                    var rota = Text("轮值位置", false);
                    var named = Name("说出顾问", false);
                    var referrer = Name("介绍人", false);
                    var accompanied = Bool("陪同");
                    var filed = Bool("电话预约备案");
                    if (consultant is not null && customer is not null && time is { } t1)
                        e = new Reception(customer, consultant, rota, named, referrer, accompanied, filed) { At = t1.At, HasTime = t1.HasTime };
                    if (referrer is not null && referrer == customer) problems.Add($"{at}“介绍人”：客户不能介绍自己");
                    break;
                case "回访":
                    if (consultant is not null && customer is not null && time is { } t2)
                        e = new FollowUp(customer, consultant) { At = t2.At, HasTime = t2.HasTime };
                    break;
                case "拒接":
                    var why = Text("原因", false);
                    if (consultant is not null && customer is not null && time is { } t3)
                        e = new Refusal(customer, consultant, why) { At = t3.At, HasTime = t3.HasTime };
                    break;
                case "成交":
                    var commission = Money("提成金额", true);
                    var sale = Money("成交金额", false);
                    var id = Name("成交编号", false);
                    if (consultant is not null && customer is not null && time is { } t4 && commission is { } c)
                        e = new Deal(id ?? $"{customer} {(t4.HasTime ? AttributionText.Time(t4.At) : AttributionText.Date(DateOnly.FromDateTime(t4.At)))}", customer, consultant, c, sale)
                            { At = t4.At, HasTime = t4.HasTime };
                    break;
                case "裁定":
                    var reason = Text("原因", true);
                    var deal = Name("成交编号", false);
                    var assistant = Name("协助顾问", false);
                    if (consultant is not null && customer is not null && time is { } t5 && reason is not null)
                        e = new Decision(customer, consultant, reason, deal, assistant) { At = t5.At, HasTime = t5.HasTime };
                    break;
                case "甩客":
                    var amount = Money("罚款金额", true);
                    var note = Text("原因", false);
                    if (consultant is not null && time is { } t6 && amount is { } a)
                        e = new AbandonmentFine(consultant, a, customer, note) { At = t6.At, HasTime = t6.HasTime };
                    break;
            }
        }
        return problems.Count > before || e is null ? null : e with { Source = row.Location };
    }

    private static Presence? ReadPresence(string kind, string? consultant, Func<string, bool, (DateTime At, bool HasTime)?> time,
        string at, List<string> problems, Func<string, string> filled)
    {
        var presenceKind = kind == "休息" ? PresenceKind.Resting : PresenceKind.BusyWithNewCustomer;
        DateTime start, until;
        if (filled("时间").Length > 0)
        {
            if (filled("开始").Length > 0 || filled("结束").Length > 0)
            {
                problems.Add($"{at}“时间”：写了“时间”（整天）就不要再写“开始”“结束”");
                return null;
            }
            if (time("时间", true) is not { } day) return null;
            start = day.At.Date;
            until = start.AddDays(1);
            if (day.HasTime)
            {
                problems.Add($"{at}“时间”：{kind}按整天记录时只写日期；一段时间请用“开始”“结束”");
                return null;
            }
        }
        else
        {
            if (filled("开始").Length == 0 && filled("结束").Length == 0)
            {
                problems.Add($"{at}“时间”：{kind}需要“时间”（整天）或“开始”和“结束”");
                return null;
            }
            var from = time("开始", true);
            var to = time("结束", true);
            if (from is null || to is null) return null;
            start = from.Value.At;
            // An end given by date only is the whole of that day.
            until = to.Value.HasTime ? to.Value.At : to.Value.At.Date.AddDays(1);
            if (until <= start)
            {
                problems.Add($"{at}“结束”：应晚于“开始”");
                return null;
            }
        }
        return consultant is null ? null : new Presence(consultant, presenceKind, until) { At = start, HasTime = true };
    }
}
