using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Xunit;
using static Kaohe.Schemes.Tests.TestKit;

namespace Kaohe.Schemes.Tests.Templates;

/// <summary>
/// TPL-23 網格客戶經理統一考核模板 (S3): LN-01..09, UB-04/05/06, DD-12 with ST-08/09/10, TB-09, PC-01/03/06,
/// NC-11/12; per-manager targets (Appendix A) are inputs.
/// </summary>
public class Tpl23Tests
{
    private const string Id = "TPL-23";

    private const string TongFu = "通信和信息化收入—统付新增或划帐收入";
    private const string ProductPenetration = "集团产品渗透";
    private const string FullService = "全业务渗透";
    private const string GroupBuild = "集团组建";
    private const string Members = "成员收集";
    private const string CardSwap = "4G拍照用户换卡";
    private const string PlanSwap = "4G拍照用户换套餐";
    private const string Contracts = "存量合约发展";
    private const string WorkPhones = "百万工作机用户到达";
    private const string Returns = "高价值用户回流";
    private const string OnSite = "服务进驻";
    private const string Satisfaction = "客户满意度";
    private const string Arrears = "欠费回收率";
    private const string Regional = "区域短板提升";
    private const string Adjust = "加扣分项";

    private static Dictionary<string, object> OnSiteInputs(
        int weeksWithout = 0, int visitsBelow = 0, int notRenewed = 0,
        string warning = "95%", string warningTarget = "95%", string diamondGold = "93%", string products = "90%") =>
        Obj(("無進駐周數", weeksWithout), ("走訪未達標集團數", visitsBelow), ("三優協議未續簽數", notRenewed),
            ("預警處理及時率", warning), ("預警處理及時率目標", warningTarget),
            ("集團鉆金卡客戶回收率", diamondGold), ("集團產品回收率", products));

    private static Dictionary<string, object> SatisfactionInputs(
        string group = "85%", string gold = "85%", string survey = "85%", string reporting = "96%") =>
        Obj(("集團客戶滿意度", group), ("金牌客戶滿意度", gold), ("集團產品使用調研", survey), ("金牌客戶整理上報率", reporting));

    /// <summary>
    /// 何鈺偉 (城區), May 2014, with Appendix A targets 統付 1, 集團拓展 70, 成員收集 268, 存量合約 14, 百萬工作機 145.
    /// <paramref name="overrides"/> replace single inputs.
    /// </summary>
    private static SubjectInput HeYuwei(params (string Indicator, object Value)[] overrides)
    {
        var inputs = new Dictionary<string, object>
        {
            [TongFu] = Obj(("value", 2), ("目标", 1)),
            [ProductPenetration] = 2,
            [FullService] = Obj(("綜合接入", 1), ("商企", 3)),
            [GroupBuild] = Obj(("value", 63), ("目标", 70), ("當月成功組建數", 6)),
            [Members] = Obj(("value", 280), ("目标", 268), ("成員真實性", "86%")),
            [CardSwap] = Obj(("value", "47.5%"), ("目標用戶數", 86)),
            [PlanSwap] = Obj(("value", "41%"), ("目標用戶數", 86)),
            [Contracts] = Obj(("value", 7), ("目标", 14)),
            [WorkPhones] = Obj(("value", 116), ("目标", 145)),
            [Returns] = Obj(("回流成功集團數", 1), ("連續兩周無工作次數", 0)),
            [OnSite] = OnSiteInputs(weeksWithout: 0, visitsBelow: 2, notRenewed: 0, warning: "93.4%", warningTarget: "95%", diamondGold: "93.6%", products: "86.5%"),
            [Satisfaction] = SatisfactionInputs(group: "84.2%", gold: "80.1%", survey: "82.5%", reporting: "91%"),
            [Arrears] = Obj(("集團鉆金卡客戶回收率", "93.6%"), ("集團產品當年回收率", "96.8%")),
            [Regional] = 7.5m,
            [Adjust] = 2,
        };
        foreach (var (k, v) in overrides) inputs[k] = v;
        return Subject("何鈺偉", [.. inputs.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public void Template_Shape_MatchesTheForm()
    {
        var s = Template(Id);
        Assert.Equal("网格客户经理统一考核模板", s.Name);
        Assert.Equal("grid-customer-manager", s.Slug);
        Assert.Equal(SubjectKind.Person, s.SubjectKind);
        Assert.Equal(PeriodKind.Month, s.Period);
        Assert.Equal(100m, s.NominalTotal);
        Assert.Equal(new[] { "政企KPI指标", "政企重点工作", "政企基础工作", "区域短板考核", "加扣分项" }, s.Sections.Select(x => x.Name));
        Assert.Equal(
            new[] { TongFu, ProductPenetration, FullService, GroupBuild, Members, CardSwap, PlanSwap, Contracts, WorkPhones, Returns, OnSite, Satisfaction, Arrears, Regional, Adjust },
            s.Indicators.Select(i => i.Name));
        // The form's 考核分值 row: 10 5 15 15 10 5 5 5 5 5 5 5 10 = 100; 加扣分項 ±5 outside; 回流 has no points.
        Assert.Equal(100m, s.Indicators.Where(i => i.Name != Adjust).Sum(i => i.Points ?? 0));
        Assert.Null(s.Indicators.Single(i => i.Name == Returns).Points);
        Assert.True(s.Indicators.Single(i => i.Name == Regional).Manual);
        Assert.True(s.Indicators.Single(i => i.Name == Adjust).Manual);
        Assert.Equal("LN-01", s.Indicators.Single(i => i.Name == TongFu).RuleRef);
        Assert.IsType<LinearRule>(s.Indicators.Single(i => i.Name == GroupBuild).Rule);
        Assert.IsType<StepRule>(s.Indicators.Single(i => i.Name == CardSwap).Rule);
        // Appendix A targets are per-manager inputs (`指标名[目标]`), never constants of the template.
        Assert.All(new[] { TongFu, GroupBuild, Members, Contracts, WorkPhones },
            n => Assert.Null(((LinearRule)s.Indicators.Single(i => i.Name == n).Rule).Target));
        Assert.Null(s.Grades);
        Assert.Null(s.Payout);
    }

    [Fact]
    public void Score_RealisticManager_MatchesHandComputation()
    {
        var r = Score(Id, HeYuwei());

        Assert.Equal(15m, r.Item(TongFu));               // N = 2 ≥ T = 1 → 10 + 5 × (2 − 1)
        Assert.Equal(6m, r.Item(ProductPenetration));    // 2 × 3
        Assert.Equal(7.5m, r.Item(FullService));         // 1 × 3 + 3 × 1.5
        Assert.Equal(13.5m, r.Item(GroupBuild));         // a = 63/70 = 0.9 ∈ [0.8, 1) → 15 × 0.9
        Assert.Equal(8.6m, r.Item(Members));             // a = 280/268 ≥ 1 → 10; 真實性 86% ∈ [80, 90) → k = 0.86
        Assert.Equal(3.5m, r.Item(CardSwap));            // 47.5% − 40% = 7.5 pp → 7 full steps × 0.5
        Assert.Equal(5m, r.Item(PlanSwap));              // 41% − 30% = 11 pp → 5.5, 目標用戶數 86 < 100 → capped 5
        Assert.Equal(2.5m, r.Item(Contracts));           // a = 7/14 = 0.5 ≥ 0.4 → 5 × 0.5
        Assert.Equal(4m, r.Item(WorkPhones));            // 5 × 116/145 = 5 × 0.8
        Assert.Equal(5m, r.Item(Returns));               // 1 × 5 − 0 × 5
        // 進駐 2 (no week without) + 業務規範 clamp(3 − 0.2 × 2 − 0.1 × floor(95 − 93.4) + 0.5 (93.6 ≥ 93)
        //   − 0.1 × floor((90 − 86.5)/2), 0, 3) = 3 − 0.4 − 0.1 + 0.5 − 0.1 = 2.9 → 4.9
        Assert.Equal(4.9m, r.Item(OnSite));
        // min(84.2, 80.1, 82.5) = 80.1 ∈ [78, 81) → 3 × (80.1 − 78)/3 = 2.1; 上報率 91 ∈ [85, 95) → 2 × 6/10 = 1.2
        Assert.Equal(3.3m, r.Item(Satisfaction));
        Assert.Equal(2.5m, r.Item(Arrears));             // 93.6 ≥ 93 → 2.5; 96.8 < 97.5 → 0
        Assert.Equal(7.5m, r.Item(Regional));
        Assert.Equal(2m, r.Item(Adjust));

        // 政企KPI 15 + 6 + 7.5 + 13.5 + 8.6 = 50.6; 重點工作 3.5 + 5 + 2.5 + 4 + 5 = 20;
        // 基礎工作 4.9 + 3.3 + 2.5 = 10.7; 區域短板 7.5; 加扣分 2 → 50.6 + 20 + 10.7 + 7.5 + 2 = 90.8
        Assert.Equal(90.8m, r.Total);
        Assert.Equal(new[] { 50.6m, 20m, 10.7m, 7.5m, 2m }, r.Sections.Select(s => s.Score));
    }

    [Fact]
    public void Score_UncappedBonuses_TotalExceeds100()
    {
        // 統付 N = 4 (T = 1) → 10 + 15 = 25; 集團產品 net 5 → 15; 全業務 4 access + 4 商企 → 18; 4G 換卡 58% with
        // 120 target users → 9 (cap waived); everything else as 何鈺偉: 90.8 − 15 + 25 − 6 + 15 − 7.5 + 18 − 3.5 + 9 = 125.8
        var r = Score(Id, HeYuwei(
            (TongFu, Obj(("value", 4), ("目标", 1))),
            (ProductPenetration, 5),
            (FullService, Obj(("綜合接入", 4), ("商企", 4))),
            (CardSwap, Obj(("value", "58%"), ("目標用戶數", 120)))));
        Assert.Equal(25m, r.Item(TongFu));
        Assert.Equal(15m, r.Item(ProductPenetration));
        Assert.Equal(18m, r.Item(FullService));
        Assert.Equal(9m, r.Item(CardSwap));
        Assert.Equal(125.8m, r.Total);
    }

    [Fact]
    public void Score_InexactQuotients_RoundOnlyForDisplay()
    {
        // 集團組建 62/73 → 15 × 62/73 = 12.7397…; 成員收集 320/365 × 10 × 0.85 = 7.4520…; 存量合約 12/21 → 2.8571…;
        // 百萬工作機 300/339 → 4.4247…; rest as 何鈺偉 (90.8 − 13.5 − 8.6 − 2.5 − 4 = 62.2)
        var r = Score(Id, HeYuwei(
            (GroupBuild, Obj(("value", 62), ("目标", 73), ("當月成功組建數", 4))),
            (Members, Obj(("value", 320), ("目标", 365), ("成員真實性", "85%"))),
            (Contracts, Obj(("value", 12), ("目标", 21))),
            (WorkPhones, Obj(("value", 300), ("目标", 339)))));
        Assert.Equal(12.74m, Math.Round(r.Item(GroupBuild), 2));
        Assert.Equal(7.45m, Math.Round(r.Item(Members), 2));
        Assert.Equal(2.86m, Math.Round(r.Item(Contracts), 2));
        Assert.Equal(4.42m, Math.Round(r.Item(WorkPhones), 2));
        // 62.2 + 930/73 + 320/365 × 8.5 + 60/21 + 1500/339 = 62.2 + 12.739726 + 7.452055 + 2.857143 + 4.424779 = 89.673703
        Assert.Equal(89.67m, Math.Round(r.Total, 2));
    }

    // ------------------------------------------------------------------ Appendix B and the rules' examples

    [Theory]
    [InlineData(3, 1, 20)]    // B29: one 統付 with income 120,000 → N = 1 + floor(12/5) = 3 → 10 + 5 × 2
    [InlineData(2, 1, 15)]    // B30: prepayment 7,500 → N = floor(7500/3000) = 2 → 10 + 5
    [InlineData(1, 1, 10)]    // LN-01 ex. 2: income 30,000 → N = 1
    [InlineData(1, 2, 5)]     // LN-01 ex. 4: T = 2, N = 1 → 10 × 1/2
    [InlineData(0, 1, 0)]
    public void TongFu_LN01(int families, int target, int expected) =>
        Assert.Equal((decimal)expected, Score(Id, HeYuwei((TongFu, Obj(("value", families), ("目标", target))))).Item(TongFu));

    [Theory]
    [InlineData(62, 73, 0, "12.74")] // B31: a = 0.849 → P 15 × 62/73
    [InlineData(50, 73, 15, "10")]   // B32: a = 0.685 < 80%, 15 built this month → PC-03 fallback 10
    [InlineData(50, 73, 14, "0")]    // LN-02 ex. 4
    [InlineData(80, 73, 0, "15")]    // LN-02 ex. 2: capped at 15
    [InlineData(56, 70, 0, "12")]    // exactly 80% → 15 × 0.8
    public void GroupBuild_LN02_PC03(int built, int target, int thisMonth, string expected)
    {
        var r = Score(Id, HeYuwei((GroupBuild, Obj(("value", built), ("目标", target), ("當月成功組建數", thisMonth)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Math.Round(r.Item(GroupBuild), 2));
    }

    [Theory]
    [InlineData(320, 365, "95%", "8.77")]  // LN-03 ex. 1: k = 1
    [InlineData(320, 365, "85%", "7.45")]  // B33: k = v = 0.85
    [InlineData(320, 365, "90%", "8.77")]  // 90% (含) → k = 1
    [InlineData(320, 365, "80%", "7.01")]  // 80% is in the band → k = 0.8
    [InlineData(320, 365, "78%", "0")]     // LN-03 ex. 3: < 80% → 0
    [InlineData(280, 365, "95%", "0")]     // LN-03 ex. 4: a = 0.767 < 80% → 0
    public void Members_LN03_PC01(int collected, int target, string authenticity, string expected)
    {
        var r = Score(Id, HeYuwei((Members, Obj(("value", collected), ("目标", target), ("成員真實性", authenticity)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Math.Round(r.Item(Members), 2));
    }

    [Theory]
    [InlineData(12, 21, "2.86")] // B34
    [InlineData(8, 21, "0")]     // LN-04 ex. 2: 38% < 40%
    [InlineData(25, 21, "5")]    // LN-04 ex. 3
    [InlineData(9, 21, "2.14")]  // LN-04 ex. 4
    public void Contracts_LN04(int count, int target, string expected)
    {
        var r = Score(Id, HeYuwei((Contracts, Obj(("value", count), ("目标", target)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Math.Round(r.Item(Contracts), 2));
    }

    [Theory]
    [InlineData(300, "4.42")] // LN-05 ex. 1 (target 339)
    [InlineData(400, "5")]    // LN-05 ex. 2: capped
    [InlineData(-5, "0")]     // LN-05 ex. 3: negative net adds → 0
    public void WorkPhones_LN05(int netAdds, string expected)
    {
        var r = Score(Id, HeYuwei((WorkPhones, Obj(("value", netAdds), ("目标", 339)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Math.Round(r.Item(WorkPhones), 2));
    }

    [Theory]
    [InlineData(CardSwap, "35%", 80, "-5")]     // B35
    [InlineData(CardSwap, "46.4%", 80, "3")]    // B36: floor(6.4) = 6 × 0.5
    [InlineData(CardSwap, "58%", 120, "9")]     // B37: target users ≥ 100 → uncapped
    [InlineData(CardSwap, "58%", 80, "5")]      // LN-06 ex. 3: capped
    [InlineData(CardSwap, "58%", 100, "9")]     // "=100人" read as ≥ 100
    [InlineData(CardSwap, "40%", 80, "0")]      // exactly the threshold
    [InlineData(PlanSwap, "29%", 80, "-5")]     // LN-07 ex. 1
    [InlineData(PlanSwap, "34%", 80, "2")]      // LN-07 ex. 2
    [InlineData(PlanSwap, "40%", 80, "5")]      // LN-07 ex. 3
    [InlineData(PlanSwap, "45%", 80, "5")]      // LN-07 ex. 4: capped
    [InlineData(PlanSwap, "45%", 150, "7.5")]   // LN-07 ex. 4: 150 target users
    public void FourG_LN06_LN07_PC06(string indicator, string share, int targetUsers, string expected)
    {
        var r = Score(Id, HeYuwei((indicator, Obj(("value", share), ("目標用戶數", targetUsers)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(indicator));
    }

    [Theory]
    [InlineData("79.5%", "85%", "85%", "80%", "1.5")]  // B38: R reading; 上報率 80% is in the LN-09 gap → 0
    [InlineData("74%", "85%", "85%", "80%", "0")]      // B39: 70–78 unspecified → 0
    [InlineData("82%", "85%", "85%", "80%", "3")]      // LN-08 ex. 1
    [InlineData("69%", "85%", "85%", "80%", "-1")]     // LN-08 ex. 4
    [InlineData("85%", "79.5%", "85%", "80%", "1.5")]  // all three surveys must reach 81%: the lowest counts
    [InlineData("74%", "85%", "85%", "90%", "1")]      // B40: LN-09 r = 90% → 1.0 (LN-08 part in its gap)
    [InlineData("74%", "85%", "85%", "96%", "2")]      // LN-09 ex. 1
    [InlineData("74%", "85%", "85%", "74%", "-1")]     // LN-09 ex. 4
    [InlineData("69%", "85%", "85%", "74%", "-2")]     // both penalties: the item goes negative
    [InlineData("81%", "81%", "81%", "95%", "5")]
    public void Satisfaction_LN08_LN09(string group, string gold, string survey, string reporting, string expected)
    {
        var r = Score(Id, HeYuwei((Satisfaction, SatisfactionInputs(group, gold, survey, reporting))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(Satisfaction));
    }

    [Theory]
    // ST-09 (B19, B20) with 集團產品回收率 80% (−0.5) so the cap of 3 does not hide it: 2 + clamp(3 − 0.5 + x, 0, 3)
    [InlineData("92.5%", "80%", "4.3")]   // B19: floor((93 − 92.5)/0.2) = 2 → −0.2
    [InlineData("91%", "80%", "4")]       // B20: < 92% → −0.5
    [InlineData("92.8%", "80%", "4.4")]   // ST-09 ex. 3: exactly one 0.2 step → −0.1 (decimal arithmetic)
    [InlineData("92%", "80%", "4")]       // 92% itself: 5 steps → −0.5, continuous with the gate
    [InlineData("94%", "80%", "5")]       // +0.5 → 3.0
    // ST-10 (B21) with 鉆金卡 92% (−0.5)
    [InlineData("92%", "85%", "4.3")]     // B21: floor((90 − 85)/2) = 2 → −0.2
    [InlineData("92%", "81%", "4.1")]     // floor((90 − 81)/2) = 4 → −0.4 (ST-10 ex. 3, 80% → −0.5, is the row above)
    [InlineData("92%", "79%", "4")]       // ST-10 ex. 4
    [InlineData("92%", "90%", "5")]       // ST-10 ex. 1: +0.5
    public void OnSite_ST09_ST10(string diamondGold, string products, string expected)
    {
        var r = Score(Id, HeYuwei((OnSite, OnSiteInputs(diamondGold: diamondGold, products: products))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(OnSite));
    }

    [Theory]
    // ST-08 (target 95%) with both recovery rates in their −0.5 band: 2 + clamp(3 − 1 − x, 0, 3)
    [InlineData("92.5%", "3.8")]  // ST-08 ex. 1: floor(2.5) = 2 → −0.2
    [InlineData("95%", "4")]      // ST-08 ex. 2
    [InlineData("80%", "2.5")]    // ST-08 ex. 3: −1.5
    [InlineData("97%", "4")]      // above the target: no deduction, no bonus
    public void OnSite_ST08(string warning, string expected)
    {
        var r = Score(Id, HeYuwei((OnSite, OnSiteInputs(warning: warning, warningTarget: "95%", diamondGold: "91%", products: "79%"))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(OnSite));
    }

    [Fact]
    public void OnSite_DD12_Examples()
    {
        // DD-12 ex. 1: 4 of 4 weeks, 2 lapsed groups, 預警 −0.2, 94% (+0.5), 85% (−0.2) → 2 + 2.7 = 4.7
        Assert.Equal(4.7m, Score(Id, HeYuwei((OnSite, OnSiteInputs(0, 2, 0, "92.5%", "95%", "94%", "85%")))).Item(OnSite));
        // DD-12 ex. 2: 3 of 4 weeks → 進駐 0 (all or nothing); 業務規範 3 + 0.5 + 0.5 capped at 3 → 3
        Assert.Equal(3m, Score(Id, HeYuwei((OnSite, OnSiteInputs(1, 0, 0, "95%", "95%", "94%", "91%")))).Item(OnSite));
        // 業務規範 floored at 0: 20 lapsed groups and 三優 agreements → 3 − 4 − … < 0 → 0; 進駐 2
        Assert.Equal(2m, Score(Id, HeYuwei((OnSite, OnSiteInputs(0, 12, 8, "90%", "95%", "91%", "79%")))).Item(OnSite));
    }

    [Theory]
    [InlineData("94%", "97.5%", "5")]    // TB-09 ex. 1
    [InlineData("92.9%", "99%", "2.5")]  // TB-09 ex. 2
    [InlineData("93%", "97%", "2.5")]    // TB-09 ex. 3: 194,000 / 200,000 = 97.0% → that half 0
    [InlineData("90%", "90%", "0")]
    public void Arrears_TB09(string diamondGold, string productsYtd, string expected)
    {
        var r = Score(Id, HeYuwei((Arrears, Obj(("集團鉆金卡客戶回收率", diamondGold), ("集團產品當年回收率", productsYtd)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(Arrears));
    }

    [Theory]
    [InlineData(1, 3)]    // UB-04 ex. 1
    [InlineData(3, 9)]    // B41
    [InlineData(-1, 0)]   // UB-04 ex. 3: negative net adds → 0 (default)
    public void ProductPenetration_UB04(int netGroups, int expected) =>
        Assert.Equal((decimal)expected, Score(Id, HeYuwei((ProductPenetration, netGroups))).Item(ProductPenetration));

    [Theory]
    [InlineData(2, 3, "10.5")]  // B42
    [InlineData(5, 2, "18")]    // UB-05 ex. 2
    [InlineData(0, 0, "0")]     // UB-05 ex. 3
    [InlineData(-1, 1, "0")]    // net negative → floored at 0
    public void FullService_UB05(int access, int business, string expected)
    {
        var r = Score(Id, HeYuwei((FullService, Obj(("綜合接入", access), ("商企", business)))));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.Item(FullService));
    }

    [Theory]
    [InlineData(1, 0, 5)]     // UB-06 ex. 1
    [InlineData(2, 1, 5)]     // UB-06 ex. 2
    [InlineData(0, 2, -10)]   // UB-06 ex. 3: 4 idle weeks = 2 non-overlapping runs
    public void Returns_UB06(int successes, int idleRuns, int expected) =>
        Assert.Equal((decimal)expected, Score(Id, HeYuwei((Returns, Obj(("回流成功集團數", successes), ("連續兩周無工作次數", idleRuns))))).Item(Returns));

    [Fact]
    public void ZeroDenominator_ScoresFullPoints_G6()
    {
        var r = Score(Id, HeYuwei(
            (CardSwap, Obj(("value", "无数据"), ("目標用戶數", 0))),
            (GroupBuild, Obj(("value", 0), ("目标", 0), ("當月成功組建數", 0))),
            (Arrears, Obj(("集團鉆金卡客戶回收率", "无数据"), ("集團產品當年回收率", "96%")))));
        Assert.Equal(5m, r.Item(CardSwap));     // no target users: the share is undefined → full 5
        Assert.Equal(15m, r.Item(GroupBuild));  // target 0 → full 15
        Assert.Equal(2.5m, r.Item(Arrears));    // 无数据 → 2.5; 96% < 97.5% → 0
    }

    [Fact]
    public void Adjust_MayBeLeftEmpty_And_IsBoundedToPlusMinus5()
    {
        var inputs = HeYuwei();
        var without = inputs with { Inputs = inputs.Inputs.Remove(Adjust) };
        Assert.Equal(88.8m, Score(Id, without).Total); // 90.8 − 2

        var errors = Errors(Id, HeYuwei((Adjust, 6)));
        var e = Assert.Single(errors);
        Assert.Equal(Adjust, e.Indicator);
    }

    // ------------------------------------------------------------------ bad input

    [Fact]
    public void MissingTarget_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, HeYuwei((GroupBuild, Obj(("value", 63), ("當月成功組建數", 6)))));
        var e = Assert.Single(errors);
        Assert.Equal("何鈺偉", e.Subject);
        Assert.Equal(GroupBuild, e.Indicator);
        Assert.Contains("目标", e.Message);
    }

    [Fact]
    public void MissingCapWaiverInput_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, HeYuwei((CardSwap, "47.5%")));
        var e = Assert.Single(errors);
        Assert.Equal(CardSwap, e.Indicator);
        Assert.Contains("目標用戶數", e.Message);
    }

    [Fact]
    public void UnreadablePercentage_IsAnErrorNamingTheIndicator()
    {
        var errors = Errors(Id, HeYuwei((Arrears, Obj(("集團鉆金卡客戶回收率", "九十三"), ("集團產品當年回收率", "98%")))));
        var e = Assert.Single(errors);
        Assert.Contains(Arrears, e.Indicator);
        Assert.Equal("九十三", e.Value);
    }

    [Fact]
    public void MissingFormulaInput_IsAnErrorNamingTheIndicator()
    {
        var onSite = OnSiteInputs();
        onSite.Remove("預警處理及時率目標");
        var errors = Errors(Id, HeYuwei((OnSite, onSite)));
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(OnSite, e.Indicator));
        Assert.Contains(errors, e => e.Message.Contains("預警處理及時率目標"));
    }

    [Fact]
    public void RegionalItemAboveItsRange_IsAnError()
    {
        var e = Assert.Single(Errors(Id, HeYuwei((Regional, 12))));
        Assert.Equal(Regional, e.Indicator);
    }
}
