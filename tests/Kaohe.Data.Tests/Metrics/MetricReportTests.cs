using Kaohe.Data.Metrics;
using Kaohe.Data.Time;

namespace Kaohe.Data.Tests.Metrics;

/// <summary>The words the metric report shows beside a value: 历史最佳 follows the metric's direction.</summary>
public sealed class MetricReportTests
{
    private static MetricReportRow Row(bool? higherIsBetter) => new(
        new MetricDefinition("m", "测试率", MetricUnit.Percent, higherIsBetter, "a / b", "—"),
        new MetricResult("m", Kaohe.Data.Model.ScopeKind.Company, 1, Period.Parse("2026-10"), 1, 10, 0.1m),
        Min: 0.02m, Max: 0.09m, Previous: null, LastYear: null);

    [Fact]
    public void HistoryCells_LowerIsBetter_BestIsTheLowestMonth()
    {
        var row = Row(higherIsBetter: false);
        Assert.Equal(0.02m, row.Best);
        Assert.Equal(["2.00%", "2.00%", "9.00%"], MetricReport.HistoryCells(row));
    }

    [Fact]
    public void HistoryCells_HigherIsBetter_BestIsTheHighestMonth()
    {
        var row = Row(higherIsBetter: true);
        Assert.Equal(0.09m, row.Best);
        Assert.Equal(["9.00%", "2.00%", "9.00%"], MetricReport.HistoryCells(row));
    }

    [Fact]
    public void HistoryCells_NoDirection_ShowsOnlyLowestAndHighest()
    {
        var row = Row(higherIsBetter: null);
        Assert.Null(row.Best);
        Assert.Equal(["不分好坏", "2.00%", "9.00%"], MetricReport.HistoryCells(row));
        Assert.Equal(["历史最佳", "历史最低", "历史最高"], MetricReport.HistoryHeaders);
    }
}
