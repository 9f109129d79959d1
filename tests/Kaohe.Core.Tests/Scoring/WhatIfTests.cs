using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Scoring;

public sealed class WhatIfTests
{
    [Fact]
    public void Solve_ChurnFor18Points_IsTheLeastFavourableRateThatReachesIt()
    {
        var ind = Ind("当月公司客户流失率", Baseline(Direction.LowerIsBetter, source: BaselineSource.HistoricalMin), 20);
        var scheme = Scheme(Sec("定量", null, ind));
        var r = WhatIf.Solve(scheme, ind, Subject("客户部", ("当月公司客户流失率", Obj(("value", "4%"), ("baseline", "5%")))), "value", 18);
        Assert.Null(r.Error);
        Assert.Equal(2m, r.Value);
        Assert.Equal(18m, r.Score);
        Assert.Contains("≤ 2%", r.Explanation);
        Assert.Equal(17m, Score(ind.Rule, Obj(("value", "2.01%"), ("baseline", "5%"))));
    }

    [Fact]
    public void Solve_SalesCompletionFor24Points()
    {
        var rule = Steps(100, Side(30, 1, 2), Side(30, 5, 3), 0, null, BandMeasure.RatioToTarget, [new StepGate(new Bound(50, false), 0)], unit: ValueUnit.Money);
        var ind = Ind("销售任务", rule, 30);
        var r = WhatIf.Solve(Scheme(Sec("业绩", null, ind)), ind, Subject("甲", ("销售任务", Obj(("value", 500), ("target", 1000)))), "value", 24);
        // 85% completion is exactly 3 steps of 5% (21 points); 24 needs strictly more than 85%.
        Assert.Equal(850.01m, r.Value);
        Assert.Equal(24m, r.Score);
        Assert.Contains("> 850", r.Explanation);
    }

    [Fact]
    public void Solve_Unreachable_SaysTheMaximum()
    {
        var ind = Ind("满意率", Baseline(Direction.HigherIsBetter), 20);
        var r = WhatIf.Solve(Scheme(Sec("定量", null, ind)), ind, Subject("甲", ("满意率", Obj(("value", "90%"), ("baseline", "95%")))), "value", 25);
        Assert.Null(r.Value);
        Assert.Contains("最高只能得 20 分", r.Error);
    }
}
