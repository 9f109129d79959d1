namespace Kaohe.Core.Attribution;

/// <summary>
/// The customer-attribution state machine of a sales office (RULES.md §20). Events are put in time order (the input
/// order does not matter for events at distinct times) and replayed: registrations move customers between
/// consultants, follow-ups keep them, deals are credited and their commission split, conflicts wait for a
/// supervisor's decision. Pure: no clock, no I/O.
/// </summary>
/// <remarks>
/// The states of a customer: unknown (never registered) → owned by a consultant ⇄ awaiting a supervisor (two equal
/// first claims, or a case the rules do not decide). An owned customer lapses when a revisit comes more than
/// <see cref="AttributionSettings.LapseDays"/> calendar days after the owner's latest contact; the revisit is then a
/// new customer. Who is resting or busy comes from <see cref="Presence"/> records (no record: on duty, present), a
/// refusal from <see cref="Refusal"/> records of that customer and day; both are looked up, not replayed.
/// </remarks>
public static class AttributionEngine
{
    /// <summary>Replays <paramref name="events"/> under <paramref name="settings"/>.</summary>
    /// <param name="asOf">The day the result is read on, for "lapsed since" remarks; null: no such remark.</param>
    /// <returns>The outcome; when the events or settings are unusable, only <see cref="AttributionOutcome.Problems"/>.</returns>
    public static AttributionOutcome Run(IEnumerable<AttributionEvent> events, AttributionSettings? settings = null, DateOnly? asOf = null)
    {
        settings ??= AttributionSettings.Default;
        var list = events.ToList();
        var problems = AttributionValidation.Check(list, settings);
        if (problems.Count > 0) return new AttributionOutcome([], [], [], [], [], problems);
        return new AttributionRun(list, settings).Execute(asOf);
    }

    /// <summary>
    /// Where an event goes in the replay: its time, then follow-ups before registrations before deals before fines
    /// before decisions. An event recorded by date only is a follow-up or registration at the start of its day, or a
    /// deal, fine or decision at its end (after every registration of that day).
    /// </summary>
    internal static (DateTime Time, int Phase) Place(AttributionEvent e)
    {
        var start = e.Day.ToDateTime(TimeOnly.MinValue);
        var end = e.Day.ToDateTime(TimeOnly.MaxValue);
        return e switch
        {
            FollowUp => (e.HasTime ? e.At : start, 0),
            Reception => (e.HasTime ? e.At : start, 1),
            Deal => (e.HasTime ? e.At : end, 2),
            AbandonmentFine => (e.HasTime ? e.At : end, 3),
            Decision => (e.HasTime ? e.At : end, 4),
            _ => (e.At, 5),
        };
    }

    /// <summary>The order of the replay; ties in time and kind are broken by content, never by input position.</summary>
    internal static List<AttributionEvent> Ordered(IEnumerable<AttributionEvent> events) =>
    [
        .. events
            .Where(e => e is not (Presence or Refusal))
            .OrderBy(e => Place(e).Time)
            .ThenBy(e => Place(e).Phase)
            .ThenBy(CustomerOf, StringComparer.Ordinal)
            .ThenBy(ConsultantOf, StringComparer.Ordinal)
            .ThenBy(e => e is Deal d ? d.Id : e is Decision x ? x.DealId ?? "" : "", StringComparer.Ordinal),
    ];

    internal static string CustomerOf(AttributionEvent e) => e switch
    {
        Reception r => r.Customer,
        FollowUp f => f.Customer,
        Refusal r => r.Customer,
        Deal d => d.Customer,
        Decision d => d.Customer,
        AbandonmentFine f => f.Customer ?? "",
        _ => "",
    };

    internal static string ConsultantOf(AttributionEvent e) => e switch
    {
        Reception r => r.Consultant,
        FollowUp f => f.Consultant,
        Refusal r => r.Consultant,
        Presence p => p.Consultant,
        Deal d => d.Closer,
        Decision d => d.Consultant,
        AbandonmentFine f => f.Consultant,
        _ => "",
    };
}

/// <summary>The checks that make events unusable (reported with each event's source, in Chinese).</summary>
internal static class AttributionValidation
{
    public static List<string> Check(List<AttributionEvent> events, AttributionSettings settings)
    {
        var problems = new List<string>(settings.Problems().Select(p => "设置：" + p));
        var deals = new Dictionary<string, Deal>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var at = e.Source ?? "事件";
            if (AttributionEngine.ConsultantOf(e).Trim().Length == 0) problems.Add($"{at}：缺少顾问");
            if (e is Reception or FollowUp or Refusal or Deal or Decision && AttributionEngine.CustomerOf(e).Trim().Length == 0)
                problems.Add($"{at}：缺少客户");
            switch (e)
            {
                case Presence p when p.Until <= p.At:
                    problems.Add($"{at}：结束时间应晚于开始时间");
                    break;
                case Deal d:
                    if (d.Commission < 0) problems.Add($"{at}：提成金额不能为负数");
                    else if (decimal.Round(d.Commission, 2) != d.Commission) problems.Add($"{at}：提成金额最多到分（两位小数）");
                    if (d.SaleAmount < 0) problems.Add($"{at}：成交金额不能为负数");
                    if (!deals.TryAdd(d.Id, d)) problems.Add($"{at}：成交编号“{d.Id}”重复（{deals[d.Id].Source ?? "另一笔成交"}已用）；同一客户同一时间的两笔成交请填写不同的“成交编号”");
                    break;
                case Decision x when x.Reason.Trim().Length == 0:
                    problems.Add($"{at}：主管裁定须写明原因");
                    break;
                case AbandonmentFine f when f.Amount < settings.FineMin || f.Amount > settings.FineMax:
                    problems.Add($"{at}：甩客罚款 {AttributionText.Money(f.Amount)} 不在规定的 {Text.Fmt.Num(settings.FineMin)}–{Text.Fmt.Num(settings.FineMax)} 元之间");
                    break;
            }
        }
        foreach (var x in events.OfType<Decision>())
        {
            if (x.DealId is not { } id) continue;
            if (!deals.TryGetValue(id, out var d)) problems.Add($"{x.Source ?? "主管裁定"}：没有编号为“{id}”的成交");
            else if (d.Customer != x.Customer) problems.Add($"{x.Source ?? "主管裁定"}：成交“{id}”的客户是 {d.Customer}，不是 {x.Customer}");
        }
        return problems;
    }
}
