using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>PR-02: count pay, progressive by the month's converted loan count.</summary>
public sealed class CountPayTests
{
    internal static LoanOfficerMonthInput Month(LoanCounts loans) => new()
    {
        Tier = LoanOfficerTierTests.Input(4),
        Loans = loans,
    };

    private static PayLine Line(LoanCounts loans, CountPayParameters? p = null)
    {
        var r = LoanOfficerPay.Compute(LoanOfficerPayParameters.Default with { CountPay = p ?? CountPayParameters.Default }, Month(loans));
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        return r.Lines.Single(l => l.Label == "放款笔数绩效薪酬");
    }

    private static readonly CountPayParameters Table = CountPayParameters.Default with
    {
        Bands = [new(1, 2, 30), new(3, 5, 40), new(6, null, 50)],
    };

    [Fact]
    public void Example1_TwoNew_60() => Assert.Equal(60, Line(new LoanCounts(2)).Amount);

    [Fact]
    public void Example2_OneNewTwoRenewals_60()
    {
        var l = Line(new LoanCounts(1, Renewals: 2));
        Assert.Equal(60, l.Amount);
        Assert.Equal("新发放 1 笔 + 续贷、并贷及展期 2 笔 × 0.5 = 折算 2 笔，累进计算：第 1–2 笔每笔 30 元：2 × 30 = 60 元 → 60 元", l.Explanation);
    }

    [Fact]
    public void Example3_AppendixB70_OneNewOneExtension_45_RoundDown30()
    {
        Assert.Equal(45, Line(new LoanCounts(1, Extensions: 1)).Amount);
        Assert.Equal(30, Line(new LoanCounts(1, Extensions: 1), CountPayParameters.Default with { Fractions = FractionalLoans.RoundDown }).Amount);
    }

    [Fact]
    public void Example4_FiveNew_TableTruncated_Refused()
    {
        var r = LoanOfficerPay.Compute(LoanOfficerPayParameters.Default, Month(new LoanCounts(5)));
        Assert.False(r.IsValid);
        Assert.Equal("当月放款笔数：折算 5 笔，超出计件表（只到第 2 笔），方案未给出之后每笔的绩效薪酬，请在方案中补全计件表", r.Problems.Single().ToString());
    }

    [Fact]
    public void BeyondTable_LastRateOrNothing()
    {
        Assert.Equal(150, Line(new LoanCounts(5), CountPayParameters.Default with { Beyond = BeyondTable.LastBandRate }).Amount);
        Assert.Equal(60, Line(new LoanCounts(5), CountPayParameters.Default with { Beyond = BeyondTable.NoPay }).Amount);
        Assert.Equal(150, Line(new LoanCounts(5), CountPayParameters.Default with { Beyond = BeyondTable.LastBandRate, Method = CountPayMethod.WholeCount }).Amount);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 30)]
    [InlineData(2, 0, 60)]
    [InlineData(3, 0, 100)]
    [InlineData(5, 0, 180)]
    [InlineData(6, 0, 230)]
    [InlineData(5, 1, 205)]   // 5.5 loans: 60 + 120 + 0.5 × 50
    [InlineData(10, 0, 430)]
    public void Graduated_FullTable(int fresh, int renewals, decimal expected) =>
        Assert.Equal(expected, Line(new LoanCounts(fresh, Renewals: renewals), Table).Amount);

    [Fact]
    public void OpenLastBand_Explained()
    {
        var l = Line(new LoanCounts(4, Renewals: 1), CountPayParameters.Default with { Bands = [new(1, 2, 30), new(3, null, 40)] });
        Assert.Equal(160, l.Amount);
        Assert.Equal("新发放 4 笔 + 续贷、并贷及展期 1 笔 × 0.5 = 折算 4.5 笔，累进计算：第 1–2 笔每笔 30 元：2 × 30 = 60 元；第 3 笔起每笔 40 元：2.5 × 40 = 100 元 → 160 元", l.Explanation);
    }

    [Theory]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 200)]
    [InlineData(6, 300)]
    public void WholeCount_FullTable(int fresh, decimal expected) =>
        Assert.Equal(expected, Line(new LoanCounts(fresh), Table with { Method = CountPayMethod.WholeCount }).Amount);

    [Fact]
    public void ConversionFactor_IsAParameter()
    {
        Assert.Equal(100, Line(new LoanCounts(0, 1, 1, 1), Table with { ConvertedLoanFactor = 1 }).Amount);
        Assert.Equal(45, Line(new LoanCounts(0, 1, 1, 1), Table).Amount); // 1.5 loans
    }

    [Fact]
    public void BadTable_AndCounts_AreProblems()
    {
        var p = LoanOfficerPayParameters.Default with { CountPay = CountPayParameters.Default with { Bands = [new(1, 2, 30), new(4, null, 40)], ConvertedLoanFactor = 2 } };
        var r = LoanOfficerPay.Compute(p, Month(new LoanCounts(-1)));
        var text = string.Join("\n", r.Problems);
        Assert.Contains("方案·放款笔数计件表第 2 档：起点应为第 3 笔", text);
        Assert.Contains("方案·续贷并贷展期折算系数：应在 0–1 之间（2）", text);
        Assert.Contains("当月新发放微小贷款笔数：应为 0–100000 的整数（-1）", text);
    }
}
