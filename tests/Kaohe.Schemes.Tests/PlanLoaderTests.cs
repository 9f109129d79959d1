using Kaohe.Core.Plans;
using Kaohe.Schemes.Plans;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>The plan YAML: built-in plans load and compute the source examples; every error names its line, column and field.</summary>
public class PlanLoaderTests
{
    private const decimal Wan = 10_000m;

    private static KeyAccountPlan BuiltIn(string code)
    {
        var load = PlanCatalog.Find(code);
        Assert.NotNull(load);
        Assert.True(load!.Errors.IsEmpty, string.Join("\n", load.Errors));
        return load.Plan!.KeyAccount!;
    }

    private static QuarterInput Q(int q, decimal revenue, decimal target, decimal? @base = null) =>
        new(q, target, @base, new Dictionary<RevenueType, decimal> { [RevenueType.Product] = revenue }, KpiInput.Of(1));

    private static PersonLedger Run(KeyAccountPlan plan, params QuarterInput[] qs)
    {
        var o = LedgerEngine.Run(plan, new PersonLedgerInput("张三", "", 2026, qs));
        Assert.True(o.Problems.Count == 0, string.Join("\n", o.Problems));
        return o.Ledger!;
    }

    [Fact]
    public void BuiltIns_AllLoad_WithChineseNames()
    {
        Assert.Equal(["TPL-24", "TPL-25", "TPL-26"], PlanCatalog.Plans.Select(p => p.Plan!.Id));
        Assert.All(PlanCatalog.Plans, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Plan!.Name));
        Assert.Equal("TPL-25", PlanCatalog.Find("key-account-sales")!.Plan!.Id);
        Assert.Equal("TPL-26", PlanCatalog.Find("tpl-26")!.Plan!.Id);
    }

    [Fact]
    public void BuiltIn_DocA_ShortfallCarrySequence()
    {
        var l = Run(BuiltIn("TPL-24"), Q(1, 70 * Wan, 105 * Wan, 80 * Wan), Q(2, 120 * Wan, 105 * Wan, 80 * Wan), Q(3, 90 * Wan, 105 * Wan, 80 * Wan));
        Assert.Equal([0m, 44_871.79m, 40_598.29m], l.Periods.Select(p => p.Accrued));
        Assert.Equal(1, l.Periods[1].GradeMove);
    }

    [Fact]
    public void BuiltIn_DocB_YearAndTrueUp()
    {
        var l = Run(BuiltIn("TPL-25"), Q(1, 40 * Wan, 100 * Wan, 50 * Wan), Q(2, 80 * Wan, 100 * Wan, 50 * Wan), Q(3, 120 * Wan, 100 * Wan, 50 * Wan), Q(4, 220 * Wan, 100 * Wan, 50 * Wan));
        Assert.Equal([5_696m, 49_840m, 85_440m, 156_640m], l.Periods.Select(p => p.Accrued));
        Assert.Equal(344_608m, l.Annual!.Accrued);
        Assert.Equal(46_992m, l.Annual.TrueUp);
    }

    [Fact]
    public void BuiltIn_DocC_QuarterlySequence()
    {
        var l = Run(BuiltIn("TPL-26"), Q(1, 8 * Wan, 20 * Wan), Q(2, 16 * Wan, 20 * Wan), Q(3, 25 * Wan, 20 * Wan), Q(4, 30 * Wan, 20 * Wan));
        Assert.Equal([0m, 9_600m, 8_000m, 13_000m], l.Periods.Select(p => p.Accrued));
        Assert.Equal(600m, l.Periods[0].Penalty);
        Assert.Equal(5 * Wan, l.Periods[3].Carry);
    }

    private const string Minimal = """
        kind: key_account
        id: MY-1
        name: 我的方案
        quarter:
          in_target_rate: 4%
        kpi:
          fixed_share: 80%
        revenue:
          types:
            产品回款: { task: 100%, bonus: engine }
        """;

    [Fact]
    public void Minimal_Loads_WithTheFormatDefaults()
    {
        var r = PlanLoader.Load(Minimal, "my.yaml");
        Assert.True(r.Errors.IsEmpty, string.Join("\n", r.Errors));
        var p = r.Plan!.KeyAccount!;
        Assert.Equal(1m, p.Divisor);
        Assert.Equal(ShortfallMode.Net, p.Shortfall.Mode);
        Assert.Null(p.Quarter.BelowBaseRate);
        Assert.Equal(AnnualMode.None, p.Annual.Mode);
        Assert.Equal(ClawbackPolicy.Offset, p.Annual.Clawback);
    }

    [Theory]
    [InlineData("  in_target_rate: 4%", "  in_target_rate: 140%", 5, 19, "quarter.in_target_rate", "应在 0 到 100% 之间")]
    [InlineData("  in_target_rate: 4%", "  in_target_rate: 4%\n  over_targett: carry", 6, 3, "quarter.over_targett", "未知字段")]
    [InlineData("kind: key_account", "kind: bonus", 1, 7, "kind", "不是可选的方案类型")]
    [InlineData("name: 我的方案", "name: 我的方案\ndivisor: 0.0000001", 4, 10, "divisor", "除数应在 1 到 10 之间")]
    [InlineData("kind: key_account", "kind: loan_officer", 1, 7, "kind", "尚不能用本命令计算")]
    [InlineData("    产品回款: { task: 100%, bonus: engine }", "    产品回款: { task: 100%, bonus: engine }\n    奖金收入: { task: 1, bonus: none }", 11, 11, "revenue.types.奖金收入", "未知的收入类型")]
    [InlineData("  fixed_share: 80%", "  fixed_share: 80%\n  raters:\n    - { name: 经理, weight: 50% }\n    - { name: 总监, weight: 30% }", 9, 5, "kpi.raters", "权重之和应为 100%")]
    [InlineData("    产品回款: { task: 100%, bonus: engine }", "    产品回款: { task: 100%, bonus: fast }", 10, 32, "revenue.types.产品回款.bonus", "不是可选的计奖方式")]
    public void Errors_NameLineColumnAndField(string from, string to, int line, int column, string field, string message)
    {
        var r = PlanLoader.Load(Minimal.Replace(from, to), "my.yaml");
        Assert.Null(r.Plan);
        var e = Assert.Single(r.Errors);
        Assert.Equal((line, column, field), (e.Line, e.Column, e.Field));
        Assert.Contains(message, e.Message);
        Assert.Equal("my.yaml", e.File);
    }

    [Fact]
    public void AnnualBands_AndRollingHalfYear_Load()
    {
        var yaml = Minimal + "\nannual:\n  mode: progressive\n  in_target_rate: 4%\n  over_target_bands:\n    - { above: 120%, rate: 6% }\ngrade_moves: rolling\n";
        var r = PlanLoader.Load(yaml, "my.yaml");
        Assert.True(r.Errors.IsEmpty, string.Join("\n", r.Errors));
        Assert.Equal(new OverTargetBand(1.2m, 0.06m), Assert.Single(r.Plan!.KeyAccount!.Annual.OverTargetBands!));
        Assert.Equal(HalfYear.Rolling, r.Plan.KeyAccount.GradeMoves);
        var bad = PlanLoader.Load(yaml.Replace("above: 120%", "above: 90%"), "my.yaml");
        var e = Assert.Single(bad.Errors);
        Assert.Equal("annual.over_target_bands[0].above", e.Field);
        Assert.Equal(15, e.Line);
    }

    [Fact]
    public void Errors_MissingRequiredFields_AllReported()
    {
        var r = PlanLoader.Load("kind: key_account\nid: X\n", "x.yaml");
        Assert.Contains(r.Errors, e => e.Message.Contains("“name”"));
        Assert.Contains(r.Errors, e => e.Message.Contains("“quarter”"));
        Assert.Contains(r.Errors, e => e.Message.Contains("“kpi”"));
        Assert.Contains(r.Errors, e => e.Message.Contains("“revenue”"));
    }

    [Fact]
    public void Errors_YamlSyntax_IsLocated()
    {
        var r = PlanLoader.Load("kind: key_account\nid: [\n", "bad.yaml");
        var e = Assert.Single(r.Errors);
        Assert.True(e.Line >= 2);
        Assert.Contains("YAML 语法错误", e.Message);
    }

    [Fact]
    public void Resolve_UnknownCode_SaysWhereToLook()
    {
        var r = PlanCatalog.Resolve("TPL-99");
        Assert.Contains("kaohe plan --list", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void Resolve_FilePath_LoadsTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Minimal);
        try { Assert.Equal("MY-1", PlanCatalog.Resolve(path).Plan!.Id); }
        finally { File.Delete(path); }
    }
}
