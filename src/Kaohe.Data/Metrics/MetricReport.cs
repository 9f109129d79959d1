using System.Globalization;
using Kaohe.Core.Model;
using Kaohe.Data.Model;
using Kaohe.Data.Time;

namespace Kaohe.Data.Metrics;

/// <summary>A metric for one scope and period with its baselines (G7), as `kaohe metrics` and the metrics page show it.</summary>
/// <param name="Min">历史最低: the lowest closed prior period.</param>
/// <param name="Max">历史最高: the highest closed prior period.</param>
public sealed record MetricReportRow(MetricDefinition Def, MetricResult Value, decimal? Min, decimal? Max, decimal? Previous, decimal? LastYear)
{
    /// <summary>
    /// 历史最佳 as the metric's direction reads it: the highest for a higher-is-better metric, the lowest for a
    /// lower-is-better one (churn, hours); null for a metric with no direction (a count), which shows only 最低/最高.
    /// </summary>
    public decimal? Best => Def.HigherIsBetter switch
    {
        true => Max,
        false => Min,
        null => null,
    };

    /// <summary>Whether <see cref="Best"/> means anything for this metric.</summary>
    public bool HasDirection => Def.HigherIsBetter is not null;
}

/// <summary>What the CLI and the web share to show metrics: the rows with baselines, and the words and numbers.</summary>
public static class MetricReport
{
    /// <summary>The headings of the history columns, in the order <see cref="HistoryCells"/> gives them.</summary>
    public static readonly string[] HistoryHeaders = ["历史最佳", "历史最低", "历史最高"];

    /// <summary>
    /// The history cells of a row: 历史最佳 (by direction; “不分好坏” for a metric with none), 历史最低, 历史最高.
    /// </summary>
    public static string[] HistoryCells(MetricReportRow r) =>
        [r.HasDirection ? Format(r.Def, r.Best) : "不分好坏", Format(r.Def, r.Min), Format(r.Def, r.Max)];

    /// <summary>Each metric (month-only ones only for a month) with 历史最低, 历史最高 (so 历史最佳 by its direction), 上期 and 同期.</summary>
    public static List<MetricReportRow> Rows(MetricStore store, IEnumerable<MetricDefinition> defs, ScopeKind kind, int id, Period period) =>
        [.. defs.Where(d => !d.MonthOnly || period.Kind == Kaohe.Data.Time.PeriodKind.Month).Select(d => new MetricReportRow(d, store.Get(d.Code, kind, id, period)!,
            store.Baseline(d.Code, kind, id, period, BaselineSource.HistoricalMin).Value,
            store.Baseline(d.Code, kind, id, period, BaselineSource.HistoricalMax).Value,
            store.Baseline(d.Code, kind, id, period, BaselineSource.PreviousPeriod).Value,
            store.Baseline(d.Code, kind, id, period, BaselineSource.SamePeriodLastYear).Value))];

    /// <summary>A metric value as people read it: 2.50%, 3.25 小时, "—" for no value (G6).</summary>
    public static string Format(MetricDefinition def, decimal? value)
    {
        if (value is not { } v) return "—";
        string R(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
        return def.Unit switch
        {
            MetricUnit.Percent => R(v * 100) + "%",
            MetricUnit.PercentagePoints => R(v) + " 个百分点",
            MetricUnit.Hours => R(v) + " 小时",
            MetricUnit.Score => R(v) + " 分",
            MetricUnit.Amount => R(v) + " 元",
            _ => v.ToString("0.##", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The Chinese name of a record table behind a metric.</summary>
    public static string TableName(string table) => table switch
    {
        "customer_events" => "客户事件",
        "customers" => "客户",
        "complaints" => "投诉",
        "visits" => "拜访回访",
        "service_tasks" => "服务事项",
        "surveys" => "调查",
        "calls" => "呼叫",
        "expenses" => "费用",
        "sales" => "销售",
        "targets" => "目标",
        "indicator_actuals" => "上报数据",
        _ => table,
    };
}
