using System.Text.RegularExpressions;
using Kaohe.Schemes.Editing;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>Notes of the built-in forms as HR reads them: the rules document's codes give way to Chinese words.</summary>
public class EditorWordsTests
{
    [Theory]
    [InlineData("合计 = 定性 8 × 5 + 定量 3 × 20 = 100（WS-06 直接相加），表中无分组权重。", "合计 = 定性 8 × 5 + 定量 3 × 20 = 100（直接相加），表中无分组权重。")]
    [InlineData("定性指标（QR-01）：优秀5 / 良好3 / 一般1 / 差0。", "定性指标：优秀5 / 良好3 / 一般1 / 差0。")]
    [InlineData("定量指标（BL-01/02/03）：每 1 个百分点（G2，非相对百分比）加/扣 1 分，不足 1 个百分点不计（G3 floor），20 分封顶。",
        "定量指标：每 1 个百分点（非相对百分比）加/扣 1 分，不足 1 个百分点不计，20 分封顶。")]
    [InlineData("按月考核（G9：自然月）。", "按月考核（自然月）。")]
    [InlineData("分母为 0 时填“无数据”，按基础分 15 分（G6 对 BL 项的约定）。", "分母为 0 时填“无数据”，按基础分 15 分（对基数比较项的约定）。")]
    [InlineData("分母为 0 填“无数据”，按 G6 得满分。", "分母为 0 填“无数据”，按通用约定得满分。")]
    [InlineData("口径见 KF-21 / KF-05（默认：流失率 = 当月流失客户数 / 月初客户数）。", "口径见指标说明（默认：流失率 = 当月流失客户数 / 月初客户数）。")]
    [InlineData("按 RULES 约定的读法 A：基数是上月的客户增长率（BL-02）。", "按约定的读法 A：基数是上月的客户增长率。")]
    [InlineData("两份残缺的同类表（S1 L56-124 标准模板，S1 L126-205 客户服务部经理-绩效考核表）合成一个模板（RULES §26 TPL-06 也是这样合列的）。",
        "两份残缺的同类表（标准模板，客户服务部经理-绩效考核表）合成一个模板（TPL-06 也是这样合列的）。")]
    [InlineData("没有代码的备注原样保留：TPL-01 的 5 项。", "没有代码的备注原样保留：TPL-01 的 5 项。")]
    public void WithoutCodes_NoteCitingRules_ReadsInChinese(string note, string expected) =>
        Assert.Equal(expected, EditorWords.WithoutCodes(note));

    public static TheoryData<string> TemplateIds() => [.. SchemeCatalog.Templates.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void ForReaders_EveryBuiltInForm_NoRuleCodeLeftInItsNotes(string id)
    {
        var scheme = EditorWords.ForReaders(SchemeCatalog.Templates.Single(t => t.Id == id).Load.Scheme!);
        var notes = scheme.Notes.Concat(scheme.Lost).Concat(scheme.Sections.SelectMany(s => s.Indicators).Select(i => i.Note).OfType<string>());
        var codes = new Regex(@"\b(?!TPL-)[A-Z]{1,3}-\d{2}\b|\bG\d+\b|RULES|§|\bS\d+ L\d+");
        Assert.All(notes, n => Assert.DoesNotMatch(codes, n));
    }
}
