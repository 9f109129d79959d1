using Kaohe.Core.Attribution;
using Xunit;
using static Kaohe.Core.Tests.Attribution.AttributionKit;

namespace Kaohe.Core.Tests.Attribution;

/// <summary>Sequences over weeks: lapses and renewals, referrals during absence, conflicts and decisions.</summary>
public sealed class AttributionSequenceTests
{
    [Theory]
    [InlineData(7, "A")]   // "7天内" includes day 7
    [InlineData(8, "B")]   // day 8 without a follow-up lapses
    public void Lapse_Boundary_Day7KeepsDay8Lapses(int revisitDay, string owner)
    {
        var o = Run(Visit(0, "c", "A"), Visit(revisitDay, "c", "B"));
        Assert.Equal(owner, o.Customer("c").Owner);
    }

    [Theory]
    [InlineData(14, "A")]
    [InlineData(15, "B")]
    public void Lapse_FollowUpOnDay7_KeepsUntilDay14(int revisitDay, string owner)
    {
        var o = Run(Visit(0, "c", "A"), Call(7, "c", "A"), Visit(revisitDay, "c", "B"));
        Assert.Equal(owner, o.Customer("c").Owner);
        if (owner == "A") Assert.Equal(DateOnly.FromDateTime(T(14)), Run(Visit(0, "c", "A"), Call(7, "c", "A")).Customer("c").KeepUntil);
    }

    [Fact]
    public void Weeks_FollowUpsEveryWeek_RenewOwnership_ThenASilentFortnightLapses()
    {
        var o = Run(
            Visit(0, "c", "A"), Call(6, "c", "A"), Call(13, "c", "A"), Visit(20, "c", "A"), // renewed through day 27
            Visit(27, "c", "B"),                                                            // day 27: still A's (non-recognition visit)
            Visit(35, "c", "C"));                                                           // 15 days after day 20 → lapse to C
        var c = o.Customer("c");
        Assert.Equal("C", c.Owner);
        Assert.Equal(["A", "C"], c.History.Select(h => h.To));
        Assert.Contains("最近一次接待或回访是 2026-03-22", c.History[^1].Reason);
    }

    [Fact]
    public void FollowUpByOtherConsultant_DoesNotCount_UnlessSet()
    {
        AttributionEvent[] events = [Visit(0, "c", "A"), Call(5, "c", "B"), Visit(10, "c", "C")];
        Assert.Equal("C", Run(events).Customer("c").Owner);
        Assert.Contains(Run(events).Customer("c").Timeline, t => t.Contains("不是归属顾问 A 的回访，不计入"));
        Assert.Equal("A", Run(new AttributionSettings { OthersFollowUpsCount = true }, events).Customer("c").Owner);
    }

    [Fact]
    public void LateFollowUp_RenewsByDefault_ButNotWhenAnyGapLapses()
    {
        // Contact day 0, no follow-up until day 10 (a 10-day gap), revisit day 12 by B.
        AttributionEvent[] events = [Visit(0, "c", "A"), Call(10, "c", "A"), Visit(12, "c", "B")];
        Assert.Equal("A", Run(events).Customer("c").Owner);
        var strict = Run(new AttributionSettings { AnyGapLapses = true }, events);
        Assert.Equal("B", strict.Customer("c").Owner);
        Assert.Contains("10 天没有回访", strict.Customer("c").History[^1].Reason);
    }

    [Fact]
    public void LapsedCustomer_ReceivedAgainByTheSameConsultant_StaysWithoutAChange()
    {
        var o = Run(Visit(0, "c", "A"), Visit(20, "c", "A"), Visit(22, "c", "B"));
        var c = o.Customer("c");
        Assert.Equal("A", c.Owner);
        Assert.Single(c.History);
        Assert.Equal(DateOnly.FromDateTime(T(20)), c.LastContact);
    }

    [Fact]
    public void Referral_OwnerResting_RotaReceives_OwnerKeeps_DealSplit()
    {
        var o = Run(Visit(0, "o", "A"), Resting(3, "A"), Visit(3, "n", "B", referredBy: "o", accompanied: true), Sale(3, "n", "B"));
        Assert.Equal("A", o.Customer("n").Owner);
        Assert.Equal("A 8000 / B 2000", o.DealOf("n-3").Split());
        Assert.Equal("A", o.DealOf("n-3").PerformanceTo);
    }

    [Fact]
    public void Referral_NotAccompaniedNorFiled_IsAFirstContact()
    {
        var o = Run(Visit(0, "o", "A"), Visit(3, "n", "B", referredBy: "o"));
        Assert.Equal("B", o.Customer("n").Owner);
        Assert.Contains("不按群带计", o.Customer("n").Explanation);
    }

    [Fact]
    public void Referral_FromALapsedOldCustomer_DependsOnTheSetting()
    {
        AttributionEvent[] events = [Visit(0, "o", "A"), Visit(20, "n", "A", referredBy: "o", accompanied: true), Visit(21, "n", "B")];
        Assert.Equal("A", Run(events).Customer("n").Owner);
        var strict = Run(new AttributionSettings { LapseAppliesToReferrals = true }, Visit(0, "o", "A"), Visit(20, "n", "B", referredBy: "o", accompanied: true));
        Assert.Equal("B", strict.Customer("n").Owner);
        Assert.Equal(AttributionRule.FirstContact, strict.Customer("n").History[^1].Rule);
    }

    [Fact]
    public void SameTimeClaims_AreAConflict_UntilTheSupervisorDecides()
    {
        var o = Run(Visit(0, "c", "A"), Visit(0, "c", "B"), Sale(1, "c", "B"), Decide(2, "c", "B", "客户确认先由 B 接待"));
        var conflict = o.Conflicts[0];
        Assert.Equal(["A", "B"], conflict.Consultants.Order());
        Assert.Contains("登记时间相同", conflict.Reason);
        Assert.True(conflict.Resolved);
        Assert.Equal("B", o.Customer("c").Owner);
        Assert.Equal(AttributionRule.Decision, o.Customer("c").History[^1].Rule);
        Assert.Contains("客户确认先由 B 接待", o.Customer("c").Explanation);
        // The deal closed while the customer awaited the decision is settled by it.
        Assert.Equal("B", o.DealOf("c-1").PerformanceTo);
        Assert.Equal("B 10000", o.DealOf("c-1").Split());
        Assert.All(o.Conflicts, c => Assert.True(c.Resolved));
    }

    [Fact]
    public void SameTimeClaims_WithoutDecision_StayPending()
    {
        var o = Run(Visit(0, "c", "A"), Visit(0, "c", "B"), Sale(1, "c", "A"));
        Assert.Null(o.Customer("c").Owner);
        var pending = Assert.Single(o.Customer("c").History);
        Assert.Equal((null, null, AttributionRule.FirstContact), (pending.From, pending.To, pending.Rule));
        Assert.StartsWith("归属待主管裁定", o.Customer("c").Explanation);
        Assert.True(o.DealOf("c-1").Pending);
        Assert.Empty(o.DealOf("c-1").Commission);
        Assert.All(o.Conflicts, c => Assert.False(c.Resolved));
    }

    [Fact]
    public void DateOnlyRegistrations_OnTheSameDay_AreAConflict()
    {
        var o = Run(VisitByDate(0, "c", "A"), Visit(0, "c", "B", hour: 15));
        Assert.Null(o.Customer("c").Owner);
        Assert.Contains("只写了日期", o.Conflicts.Single().Reason);
    }

    [Fact]
    public void SameDayClaims_AreAConflictWhenSet()
    {
        AttributionEvent[] events = [Visit(0, "c", "A", minute: 2), Visit(0, "c", "B", minute: 5)];
        Assert.Equal("A", Run(events).Customer("c").Owner);
        var strict = Run(new AttributionSettings { SameDayClaimsConflict = true }, events);
        Assert.Null(strict.Customer("c").Owner);
        Assert.Single(strict.Conflicts);
    }

    [Fact]
    public void NamedOwnerOnDuty_ButOtherReceives_IsAConflict_DealPending_DealDecisionSettlesIt()
    {
        var o = Run(Visit(0, "c", "A"), Visit(3, "c", "B", named: "A"), Sale(3, "c", "B", id: "D1"),
            Decide(4, "c", "A", "A 当时在洽谈室，B 主动接待", deal: "D1", assistant: "B"));
        Assert.Equal("A", o.Customer("c").Owner);
        var d = o.DealOf("D1");
        Assert.Equal("A", d.PerformanceTo);
        Assert.Equal("A 8000 / B 2000", d.Split());
        Assert.Contains("主管裁定", d.Explanation);
        Assert.All(o.Conflicts.Where(c => c.DealId == "D1"), c => Assert.True(c.Resolved));
    }

    [Fact]
    public void DealByANonOwnerWithoutAVisitThatDay_IsPending()
    {
        var o = Run(Visit(0, "c", "A"), Sale(2, "c", "B"));
        Assert.True(o.DealOf("c-2").Pending);
        Assert.Contains("规则没有规定", o.Conflicts.Single().Reason);
        Assert.Equal("c-2", o.Conflicts.Single().DealId);
    }

    [Fact]
    public void Commission_RemainderCent_GoesToTheMainConsultant()
    {
        var o = Run(Visit(0, "c", "A"), Visit(4, "c", "B"), Sale(4, "c", "B", commission: 100.03m));
        // 20% of 100.03 = 20.006 → 20.01 to A; B gets the rest 80.02.
        Assert.Equal("B 80.02 / A 20.01", o.DealOf("c-4").Split());
        Assert.Contains("四舍五入到分，余数归 B", o.DealOf("c-4").Explanation);
    }

    [Fact]
    public void Totals_AddCommissionAndFines_PerConsultant()
    {
        var o = Run(Visit(0, "c", "A"), Visit(4, "c", "B"), Sale(4, "c", "B"),
            Visit(1, "d", "A"), Sale(1, "d", "A", commission: 5000m),
            new AbandonmentFine("B", 200m) { At = T(5) });
        var a = o.Consultants.Single(c => c.Consultant == "A");
        var b = o.Consultants.Single(c => c.Consultant == "B");
        Assert.Equal((1, 7000m, 0m), (a.Deals, a.Commission, a.Fines));
        Assert.Equal((1, 8000m, 200m, 7800m), (b.Deals, b.Commission, b.Fines, b.Net));
    }

    [Fact]
    public void AsOf_SaysWhenTheOwnerHasLetTheCustomerLapse()
    {
        var o = AttributionEngine.Run([Visit(0, "c", "A")], null, DateOnly.FromDateTime(T(8)));
        Assert.Contains("已超过 7 天未回访，再次来访将视为新客户", o.Customer("c").Explanation);
        var fresh = AttributionEngine.Run([Visit(0, "c", "A")], null, DateOnly.FromDateTime(T(7)));
        Assert.DoesNotContain("已超过", fresh.Customer("c").Explanation);
    }

    [Fact]
    public void Validation_NamesTheEvent()
    {
        var o = AttributionEngine.Run([
            new Deal("X", "c", "A", -1m) { At = T(0), Source = "第 3 行" },
            new Deal("X", "c", "A", 1.005m) { At = T(0), Source = "第 4 行" },
            new Decision("c", "A", "理由", "Y") { At = T(1), Source = "第 5 行" },
        ]);
        Assert.Equal(
            ["第 3 行：提成金额不能为负数", "第 4 行：提成金额最多到分（两位小数）", "第 4 行：成交编号“X”重复（第 3 行已用）；同一客户同一时间的两笔成交请填写不同的“成交编号”", "第 5 行：没有编号为“Y”的成交"],
            o.Problems);
    }
}
