using Kaohe.Core.Text;
using Kaohe.Data.Results;

namespace Kaohe.Web.Components;

/// <summary>
/// ECharts options for the results pages, built from the services' DTOs: a person's or a unit's trend, a cycle's grade
/// distribution, ranking and unit averages. Numbers are rounded as the pages show them (scores 2 decimals, money 0.01).
/// </summary>
public static class Charts
{
    private static decimal? Score(decimal? v) => v is { } d ? Fmt.Round2(d) : null;
    private static decimal? Money(decimal? v) => v is { } d ? Fmt.Money(d) : null;

    /// <summary>A person's trend: the total as a line (left axis), the payout as bars (right axis, 元).</summary>
    public static object PersonTrend(IReadOnlyList<HistoryRow> rows)
    {
        var shown = rows.Where(r => !r.IsRollup).ToList();
        return Trend(shown.Select(r => r.Period + (shown.Count(x => x.Period == r.Period) > 1 ? " " + r.SchemeName : "")).ToArray(),
            "总分", shown.Select(r => Score(r.Total)).ToArray(), "绩效奖金（元）", shown.Select(r => Money(r.Payout)).ToArray());
    }

    /// <summary>A unit's (or the scope's) trend: average total as a line, payout totals as bars.</summary>
    public static object UnitTrend(IReadOnlyList<TrendPoint> points) =>
        Trend(points.Select(p => p.Period).ToArray(), "平均分", points.Select(p => Score(p.Average)).ToArray(),
            "奖金合计（元）", points.Select(p => (decimal?)Fmt.Money(p.PayoutTotal)).ToArray());

    /// <summary>A unit's history by period (one scheme per line of the table, summed per period for the chart).</summary>
    public static object UnitPeriods(IReadOnlyList<UnitPeriodRow> rows)
    {
        var periods = rows.Select(r => r.Period).Distinct().ToArray();
        decimal? Avg(string p)
        {
            var of = rows.Where(r => r.Period == p && r.Average is not null).ToList();
            var people = of.Sum(r => r.People);
            return people == 0 ? null : Score(of.Sum(r => r.Average!.Value * r.People) / people);
        }
        return Trend(periods, "平均分", periods.Select(Avg).ToArray(), "奖金合计（元）",
            periods.Select(p => (decimal?)Fmt.Money(rows.Where(r => r.Period == p).Sum(r => r.PayoutTotal))).ToArray());
    }

    private static object Trend(string[] periods, string lineName, decimal?[] line, string barName, decimal?[] bars) => new
    {
        tooltip = new { trigger = "axis" },
        legend = new { data = new[] { lineName, barName }, top = 0 },
        grid = new { left = 60, right = 70, top = 50, bottom = 30 },
        xAxis = new { type = "category", data = periods },
        yAxis = new object[] { new { type = "value", name = lineName }, new { type = "value", name = barName, splitLine = new { show = false } } },
        series = new object[]
        {
            new { name = barName, type = "bar", yAxisIndex = 1, data = bars, itemStyle = new { color = "#b0bec5" } },
            new { name = lineName, type = "line", yAxisIndex = 0, data = line, connectNulls = false, itemStyle = new { color = "#594ae2" } },
        },
    };

    /// <summary>How many got each grade (bars, in the bands' order).</summary>
    public static object Grades(IReadOnlyList<GradeTally> grades, IReadOnlyCollection<string>? breached = null) => new
    {
        tooltip = new { trigger = "axis" },
        grid = new { left = 40, right = 20, top = 30, bottom = 30 },
        xAxis = new { type = "category", data = grades.Select(g => g.Grade).ToArray() },
        yAxis = new { type = "value", name = "人数", minInterval = 1 },
        series = new[]
        {
            new
            {
                name = "人数", type = "bar", label = new { show = true, position = "top" },
                data = grades.Select(g => (object)new { value = g.Count, itemStyle = new { color = breached?.Contains(g.Grade) == true ? "#c62828" : "#594ae2" } }).ToArray(),
            },
        },
    };

    /// <summary>The ranking: the best first, at most <paramref name="top"/> bars.</summary>
    public static object Ranking(IReadOnlyList<RankedEntry> ranking, int top = 10)
    {
        var shown = ranking.Where(r => r.Total is not null).OrderBy(r => r.Rank ?? int.MaxValue).Take(top).Reverse().ToList();
        return new
        {
            tooltip = new { trigger = "axis" },
            grid = new { left = 110, right = 40, top = 20, bottom = 30 },
            xAxis = new { type = "value", name = "总分" },
            yAxis = new { type = "category", data = shown.Select(r => $"{r.Rank}. {r.Name}").ToArray() },
            series = new[] { new { name = "总分", type = "bar", data = shown.Select(r => Score(r.Total)).ToArray(), label = new { show = true, position = "right" } } },
        };
    }

    /// <summary>Each unit's average total.</summary>
    public static object UnitAverages(IReadOnlyList<UnitAverage> units) => new
    {
        tooltip = new { trigger = "axis" },
        grid = new { left = 40, right = 20, top = 30, bottom = 50 },
        xAxis = new { type = "category", data = units.Select(u => u.UnitName).ToArray(), axisLabel = new { interval = 0, rotate = units.Count > 6 ? 30 : 0 } },
        yAxis = new { type = "value", name = "平均分" },
        series = new[] { new { name = "平均分", type = "bar", data = units.Select(u => Score(u.Average)).ToArray(), label = new { show = true, position = "top" } } },
    };
}
