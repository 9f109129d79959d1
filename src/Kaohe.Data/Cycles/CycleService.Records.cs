using Kaohe.Data.Metrics;
using Kaohe.Data.Model;
using DataPeriod = Kaohe.Data.Time.Period;

namespace Kaohe.Data.Cycles;

/// <summary>The records behind a result's data-bound value (issue 14): the drill-down from the number to the customer base.</summary>
public sealed partial class CycleService
{
    /// <summary>
    /// The records (numerator and denominator, the first <paramref name="limit"/> of each) behind the value of
    /// <paramref name="indicator"/> — a row of the result's 取自客户数据的指标 — for whoever may read the result.
    /// </summary>
    public MetricExplanation ResultRecords(Actor actor, int subjectId, string indicator, int limit = 50)
    {
        var view = Result(actor, subjectId);
        var row = view.Metrics.FirstOrDefault(m => m.Indicator == indicator)
                  ?? throw CycleException.NotFound($"本结果中取自客户数据的指标“{indicator}”");
        if (row.Metric.Length == 0)
            throw new CycleException($"“{indicator}”是目标数据中的数值，不是由记录汇总而来，没有可列出的记录", 404);
        var period = DataPeriod.Parse(view.Period);
        var engine = new MetricEngine(db);
        var id = row.ScopeKind == ScopeKind.Company ? engine.CompanyId() : row.ScopeId;
        return engine.Explain(row.Metric, row.ScopeKind, id, period, Math.Clamp(limit, 1, 200));
    }
}
