using Kaohe.Core.Attribution;
using Xunit;
using static Kaohe.Core.Tests.Attribution.AttributionKit;

namespace Kaohe.Core.Tests.Attribution;

/// <summary>The worked examples of RULES.md §20 ("AT examples", commission 10,000 元), DD-13 and Appendix B rows 72–73.</summary>
public sealed class AttributionExamplesTests
{
    [Fact]
    public void FirstContact_EarlierRegistrationOwns()
    {
        // A registered c at 10:02 and B at 10:05 → A.
        var o = Run(Visit(0, "c", "B", minute: 5), Visit(0, "c", "A", minute: 2));
        Assert.Equal("A", o.Customer("c").Owner);
        Assert.Empty(o.Conflicts);
        Assert.Contains("第一接触", o.Customer("c").Explanation);
        Assert.StartsWith("为什么归 A：", o.Customer("c").Explanation);
    }

    [Fact]
    public void Example1_FollowUpOnDay5_KeepsTheCustomer_DealToA()
    {
        var o = Run(Visit(0, "c", "A"), Call(5, "c", "A"), Visit(10, "c", "A", named: "A"), Sale(10, "c", "A"));
        Assert.Equal("A", o.Customer("c").Owner);
        var d = o.DealOf("c-10");
        Assert.Equal("A", d.PerformanceTo);
        Assert.Equal("A 10000", d.Split());
        Assert.Equal(AttributionRule.OwnerCloses, d.Case);
        AssertChineseOnly(o);
    }

    [Fact]
    public void Example2_NoFollowUp_RevisitOnDay9ToB_Lapses()
    {
        var o = Run(Visit(0, "c", "A"), Visit(9, "c", "B"));
        var c = o.Customer("c");
        Assert.Equal("B", c.Owner);
        Assert.Equal([null, "A"], c.History.Select(h => h.From));
        Assert.Equal(AttributionRule.Lapse, c.History[^1].Rule);
        Assert.Contains("已过 9 天，超过 7 天未回访", c.Explanation);
    }

    [Fact]
    public void Example2_NamesA_DefaultLapseWins_AlternativeNamingWins()
    {
        AttributionEvent[] events = [Visit(0, "c", "A"), Visit(9, "c", "B", named: "A")];
        var byDefault = Run(events);
        Assert.Equal("B", byDefault.Customer("c").Owner);
        Assert.Contains("仍以回访记录为准", byDefault.Customer("c").History[^1].Reason);

        // Appendix B row 72, alternative reading: naming wins → A keeps c, and B's reception is a non-recognition visit.
        var naming = Run(new AttributionSettings { NamingOverridesLapse = true }, events);
        Assert.Equal("A", naming.Customer("c").Owner);
    }

    [Fact]
    public void Example3_OwnerBusy_RotaClosesOnTheSpot_CreditA_CommissionA8000B2000()
    {
        var o = Run(Visit(0, "c", "A"), Busy(3, "A", 9, 12), Visit(3, "c", "B", named: "A"), Sale(3, "c", "B"));
        var d = o.DealOf("c-3");
        Assert.Equal("A", d.PerformanceTo);
        Assert.Equal("A 8000 / B 2000", d.Split());
        Assert.Equal(AttributionRule.OwnerBusy, d.Case);
        Assert.Equal("A", o.Customer("c").Owner);
        Assert.Contains("业绩仍归首次接待的 A", d.Explanation);
        Assert.Contains("协助成交的 B 得 20% = 2000 元", d.Explanation);
    }

    [Fact]
    public void Example4_NonRecognition_BCloses_CreditB_CommissionB8000A2000()
    {
        // Appendix B row 73.
        var o = Run(Visit(0, "c", "A"), Visit(4, "c", "B"), Sale(4, "c", "B"));
        var d = o.DealOf("c-4");
        Assert.Equal("B", d.PerformanceTo);
        Assert.Equal("B 8000 / A 2000", d.Split());
        Assert.Equal(AttributionRule.NonRecognition, d.Case);
    }

    [Fact]
    public void Example4_NonRecognition_NotClosed_AClosesAWeekLater_A10000()
    {
        var o = Run(Visit(0, "c", "A"), Visit(4, "c", "B"), Visit(11, "c", "A"), Sale(11, "c", "A"));
        Assert.Equal("A", o.Customer("c").Owner);
        Assert.Equal("A 10000", o.DealOf("c-11").Split());
        Assert.Equal("A", o.DealOf("c-11").PerformanceTo);
        Assert.Contains(o.Customer("c").Timeline, t => t.Contains("归属仍归还首次接待的 A"));
    }

    [Fact]
    public void Example5_Referral_FiledReservation_APresentAndServes_OwnerA()
    {
        var o = Run(Visit(0, "o", "A"), Visit(2, "n", "A", referredBy: "o", filed: true));
        Assert.Equal("A", o.Customer("n").Owner);
        Assert.Equal(AttributionRule.Referral, o.Customer("n").History[^1].Rule);
    }

    [Fact]
    public void Example5_Referral_APresentButIgnores_CServes_OwnerC()
    {
        var o = Run(Visit(0, "o", "A"), Visit(2, "n", "C", referredBy: "o", filed: true));
        Assert.Equal("C", o.Customer("n").Owner);
        Assert.Equal(AttributionRule.ReferralForfeited, o.Customer("n").History[^1].Rule);
        Assert.Contains("视为放弃", o.Customer("n").Explanation);
    }

    [Fact]
    public void Resting_OtherConsultantCloses_CommissionA8000B2000_CreditA()
    {
        var o = Run(Visit(0, "c", "A"), Resting(3, "A"), Visit(3, "c", "B", named: "A"), Sale(3, "c", "B"));
        var d = o.DealOf("c-3");
        Assert.Equal("A", d.PerformanceTo);
        Assert.Equal("A 8000 / B 2000", d.Split());
        Assert.Equal(AttributionRule.OwnerResting, d.Case);

        var closerCredit = Run(new AttributionSettings { RestingOwnerKeepsCredit = false },
            Visit(0, "c", "A"), Resting(3, "A"), Visit(3, "c", "B", named: "A"), Sale(3, "c", "B"));
        Assert.Equal("B", closerCredit.DealOf("c-3").PerformanceTo);
        Assert.Equal("A 8000 / B 2000", closerCredit.DealOf("c-3").Split());
    }

    [Fact]
    public void Refusal_SecondReceiverOwns_AndGetsEverything()
    {
        var o = Run(Visit(0, "c", "A"), Refuse(3, "c", "A"), Visit(3, "c", "B", named: "A"), Sale(3, "c", "B"));
        Assert.Equal("B", o.Customer("c").Owner);
        Assert.Equal(AttributionRule.Refusal, o.Customer("c").History[^1].Rule);
        Assert.Equal("B 10000", o.DealOf("c-3").Split());
        Assert.Equal("B", o.DealOf("c-3").PerformanceTo);
    }

    [Fact]
    public void AssistShare_OnTop_OwnerKeepsWholeCommission()
    {
        var o = Run(new AttributionSettings { AssistShareOnTop = true },
            Visit(0, "c", "A"), Busy(3, "A", 9, 12), Visit(3, "c", "B"), Sale(3, "c", "B"));
        Assert.Equal("A 10000 / B 2000", o.DealOf("c-3").Split());
    }

    [Fact]
    public void Fine_ModerateIncident_300_AndOutOfRangeRejected()
    {
        var ok = Run(new AbandonmentFine("A", 300m, "c", "中途离开") { At = T(1) });
        var f = Assert.Single(ok.Fines);
        Assert.Equal(300m, f.Amount);
        Assert.Contains("罚款 300 元（规定每次 100–500 元", f.Explanation);
        Assert.Equal(300m, ok.Consultants.Single(c => c.Consultant == "A").Fines);

        foreach (var amount in new[] { 99.99m, 501m })
        {
            var bad = AttributionEngine.Run([new AbandonmentFine("A", amount) { At = T(1), Source = "第 2 行" }]);
            Assert.False(bad.Ok);
            Assert.Contains("第 2 行：甩客罚款", Assert.Single(bad.Problems));
        }
        Assert.True(AttributionEngine.Run([new AbandonmentFine("A", 100m) { At = T(1) }, new AbandonmentFine("A", 500m) { At = T(2) }]).Ok);
    }
}
