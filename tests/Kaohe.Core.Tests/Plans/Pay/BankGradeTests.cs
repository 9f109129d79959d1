using Kaohe.Core.Plans.Pay;
using Xunit;

namespace Kaohe.Core.Tests.Plans.Pay;

/// <summary>TQ-02: the 四等六级 entry conditions.</summary>
public sealed class BankGradeTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 31);

    private static BankGradeInput Input(int months, bool exam = true, BankGrade? appointed = null) => new()
    {
        Year = 2026, Month = 7, BankWorkStart = AsOf.AddMonths(-months), ExamPassed = exam, AppointedGrade = appointed,
    };

    private static BankGradeResult Eval(BankGradeInput input, BankGradeParameters? p = null)
    {
        var r = BankGrades.Evaluate(p ?? BankGradeParameters.Default, input);
        Assert.True(r.IsValid, string.Join("\n", r.Problems));
        return r;
    }

    [Fact]
    public void Example1_YearAndAHalfWithExam_Assistant()
    {
        var r = Eval(Input(18));
        Assert.Equal(BankGrade.Assistant, r.Eligible);
        Assert.Contains("银行工作 18 个月，已满 12 个月（助理客户经理）", r.Explanation);
        Assert.Contains("符合助理客户经理任职条件，不符合客户经理任职条件", r.Explanation);
    }

    [Fact]
    public void Example2_TwoYears_Manager()
    {
        var r = Eval(Input(24));
        Assert.Equal(BankGrade.ManagerLevel2, r.Eligible);
        Assert.Equal("客户经理", BankGrades.ExternalTitle(r.Eligible));
    }

    [Fact]
    public void Example3_ElevenMonths_Trainee()
    {
        var r = Eval(Input(11));
        Assert.Equal(BankGrade.Trainee, r.Eligible);
        Assert.Contains("不符合助理客户经理任职条件，为见习客户经理", r.Explanation);
    }

    [Theory]
    [InlineData(11, true, BankGrade.Trainee)]
    [InlineData(12, true, BankGrade.Assistant)]
    [InlineData(13, false, BankGrade.Trainee)]
    [InlineData(23, true, BankGrade.Assistant)]
    [InlineData(24, false, BankGrade.ManagerLevel2)] // the seed's 第十条 asks no exam
    [InlineData(25, true, BankGrade.ManagerLevel2)]
    public void Boundaries(int months, bool exam, BankGrade expected) => Assert.Equal(expected, Eval(Input(months, exam)).Eligible);

    [Fact]
    public void ManagerNeedsExam_Setting()
    {
        var p = BankGradeParameters.Default with { ManagerNeedsExam = true };
        Assert.Equal(BankGrade.Trainee, Eval(Input(30, exam: false), p).Eligible);
    }

    [Fact]
    public void PriorBankWork_Counts()
    {
        var r = Eval(Input(6) with { PriorBankMonths = 6 });
        Assert.Equal(BankGrade.Assistant, r.Eligible);
        Assert.Contains("含此前银行工作 6 个月", r.Explanation);
    }

    [Fact]
    public void Qualities_GivenFalse_OrEmptyUnderNotMet()
    {
        Assert.Equal(BankGrade.Assistant, Eval(Input(30) with { ManagerQualities = false }).Eligible);
        var p = BankGradeParameters.Default with { QualitiesWhenEmpty = JudgmentWhenEmpty.NotMet };
        Assert.Equal(BankGrade.Trainee, Eval(Input(30), p).Eligible);
    }

    [Fact]
    public void Appointment_CheckedAgainstConditions_HigherGradesTakenAsAppointed()
    {
        var bad = Eval(Input(18, appointed: BankGrade.ManagerLevel1));
        Assert.Equal(BankGrade.ManagerLevel1, bad.Grade);
        Assert.False(bad.AppointmentMeetsConditions);
        Assert.Contains("聘任为客户经理（一级），但不符合其任职条件", bad.Explanation);
        var senior = Eval(Input(18, appointed: BankGrade.SeniorLevel1));
        Assert.True(senior.AppointmentMeetsConditions);
        Assert.Contains("按总行、省行规定执行", senior.Explanation);
        Assert.Equal("高级客户经理", BankGrades.ExternalTitle(senior.Grade));
    }

    [Fact]
    public void BadInput_Problems()
    {
        var r = BankGrades.Evaluate(BankGradeParameters.Default, Input(12) with { Month = 0, PriorBankMonths = -3 });
        var text = string.Join("\n", r.Problems);
        Assert.Contains("月份：应为 1–12（0）", text);
        Assert.Contains("此前银行工作月数：应为 0–1200（-3）", text);
    }
}
