using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;
using static Kaohe.Core.Tests.Kit;

namespace Kaohe.Core.Tests.Rules;

/// <summary>
/// What clerks type (ValueParser / InputReader): full-width digits and signs, spaces, 85% vs 0.85 vs the
/// ambiguous 85, JSON numbers as fractions, thousands separators, 万, minus signs from Word/Excel/PDF,
/// and garbage — every error says what is wrong.
/// </summary>
public sealed class InputParsingTests
{
    private static decimal Ok(string text, ValueUnit unit, bool json = false)
    {
        var p = ValueParser.Parse(new RawScalar(text, json), unit);
        Assert.True(p.Error is null, p.Error);
        Assert.NotNull(p.Value);
        return p.Value!.Value;
    }

    private static string Bad(string text, ValueUnit unit, bool json = false, bool allowNegative = true)
    {
        var p = ValueParser.Parse(new RawScalar(text, json), unit, allowNegative);
        Assert.Null(p.Value);
        Assert.False(p.NoData);
        Assert.NotNull(p.Error);
        return p.Error!;
    }

    // ------------------------------------------------------------ percentages

    [Theory]
    [InlineData("85%", "85")]
    [InlineData("８５％", "85")]            // full-width digits and percent sign
    [InlineData(" 85 % ", "85")]
    [InlineData("\u300085%\u3000", "85")]   // ideographic spaces
    [InlineData("85\u00A0%", "85")]         // no-break space from Excel
    [InlineData("92.8%", "92.8")]
    [InlineData("９２．８％", "92.8")]       // full-width decimal point
    [InlineData("0.85", "85")]              // a fraction
    [InlineData(".5", "50")]
    [InlineData("0.99", "99")]              // a bare number below 1 is a fraction (documented); "1" is ambiguous
    [InlineData("0", "0")]
    [InlineData("+5%", "5")]
    [InlineData("＋5﹪", "5")]             // full-width plus, small percent sign
    public void Percent_Accepted(string text, string expected) =>
        Assert.Equal(D(expected), Ok(text, ValueUnit.Percent));

    [Theory]
    [InlineData("-2.5%")]
    [InlineData("\u22122.5%")]    // − MINUS SIGN
    [InlineData("\uFF0D2.5%")]    // － FULLWIDTH HYPHEN-MINUS
    [InlineData("\uFE632.5%")]    // ﹣ SMALL HYPHEN-MINUS
    [InlineData("\u20132.5%")]    // – EN DASH
    [InlineData("\u20142.5%")]    // — EM DASH
    [InlineData("\u20122.5%")]    // ‒ FIGURE DASH
    [InlineData("\u20102.5%")]    // ‐ HYPHEN
    [InlineData("\u20112.5%")]    // ‑ NON-BREAKING HYPHEN
    [InlineData("- 2.5 %")]
    [InlineData("-0.025")]
    public void Percent_NegativeWithAnyMinusSign(string text) => Assert.Equal(-2.5m, Ok(text, ValueUnit.Percent));

    [Theory]
    [InlineData("0.85", "85")]
    [InlineData("1.12", "112")]    // JSON numbers are always fractions: 1.12 = 112%
    [InlineData("0.928", "92.8")]
    [InlineData("-0.015", "-1.5")]
    [InlineData("1e-2", "1")]      // exponent form from a JSON writer
    [InlineData("2", "200")]       // the sanity bound: up to 2 (200%)
    public void Percent_JsonNumbersAreFractions(string text, string expected) =>
        Assert.Equal(D(expected), Ok(text, ValueUnit.Percent, json: true));

    [Fact]
    public void Percent_Ambiguous85_ErrorShowsBothWritings()
    {
        var e = Bad("85", ValueUnit.Percent);
        Assert.Contains("歧义", e);
        Assert.Contains("85%", e);
        Assert.Contains("0.85", e);
        var j = Bad("85", ValueUnit.Percent, json: true);   // JSON 85 would be 8500%
        Assert.Contains("8500%", j);
        Assert.Contains("\"85%\"", j);
        Assert.Contains("0.85", j);
        Assert.Contains("歧义", Bad("1.5", ValueUnit.Percent));
        Assert.Contains("歧义", Bad("-1.5", ValueUnit.Percent));
        var one = Bad("1", ValueUnit.Percent);                // 1% or 100%?
        Assert.Contains("100%", one);
        Assert.Contains("1%", one);
        Assert.Contains("5%", Bad("5", ValueUnit.Percent, json: true));   // JSON 5 is rejected, not read as 500%
    }

    [Theory]
    [InlineData("85元", "元")]
    [InlineData("85分", "分")]
    [InlineData("5万", "万")]
    public void Percent_WithAnotherUnit_NamesTheUnit(string text, string unit) =>
        Assert.Contains($"“{unit}”", Bad(text, ValueUnit.Percent));

    [Theory]
    [InlineData("八十五")]
    [InlineData("abc")]
    [InlineData("85%%")]
    [InlineData("85.")]
    [InlineData("8 5%")]
    [InlineData("--5%")]
    [InlineData("5-%")]
    [InlineData("约85%")]
    [InlineData("(5%)")]
    [InlineData("85‰")]
    [InlineData("﹪5")]
    public void Percent_Garbage_NamesTheTextAndTheExpectedKind(string text)
    {
        var e = Bad(text, ValueUnit.Percent);
        Assert.Contains("百分比", e);
    }

    [Fact]
    public void Garbage_MessageQuotesTheText_AndHintsAtChineseNumerals()
    {
        Assert.Contains("“abc”", Bad("abc", ValueUnit.Percent));
        Assert.Contains("阿拉伯数字", Bad("八十五", ValueUnit.Count));
        Assert.Contains("值为空", Bad("  ", ValueUnit.Number));
    }

    // ------------------------------------------------------------ money, counts, numbers

    [Theory]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("１，２３４", "1234")]     // full-width digits and comma
    [InlineData("12,345,678", "12345678")]
    [InlineData("12万", "120000")]
    [InlineData("1.5万元", "15000")]
    [InlineData("12 万", "120000")]
    [InlineData("3000元", "3000")]
    [InlineData("-600", "-600")]
    [InlineData("－600元", "-600")]
    [InlineData("0.01", "0.01")]
    [InlineData("¥500,000.00", "500000")]
    [InlineData("￥500,000.00", "500000")]  // full-width yen sign
    [InlineData("￥ 1,234.5 元", "1234.5")]
    [InlineData("¥12万", "120000")]
    [InlineData("-¥600", "-600")]
    [InlineData("¥-600", "-600")]
    [InlineData("￥５００", "500")]
    public void Money_Accepted(string text, string expected) => Assert.Equal(D(expected), Ok(text, ValueUnit.Money));

    [Theory]
    [InlineData("1,23", "千分位")]
    [InlineData("12,3456", "千分位")]
    [InlineData("92,8", "千分位")]      // a decimal comma is not guessed
    [InlineData("12美元", "“美元”")]
    [InlineData("5%", "“%”")]
    [InlineData("5,00,0", "第 1 个逗号后应为 3 位数字，实有 2 位")]
    [InlineData("1234,567", "第一个逗号前应有 1–3 位数字，实有 4 位")]
    [InlineData("¥5美元", "“美元”")]
    [InlineData("-¥-5", "两个正负号")]
    public void Money_Rejected(string text, string message) => Assert.Contains(message, Bad(text, ValueUnit.Money));

    [Theory]
    [InlineData("3", "3")]
    [InlineData("3次", "3")]
    [InlineData("３ 家", "3")]
    [InlineData("1.2万", "12000")]   // 万 is accepted for counts too
    [InlineData("1,200", "1200")]
    [InlineData("3.0", "3")]
    [InlineData("1,234,567", "1234567")]
    public void Count_Accepted(string text, string expected) => Assert.Equal(D(expected), Ok(text, ValueUnit.Count));

    [Theory]
    [InlineData("¥500", ValueUnit.Percent)]
    [InlineData("¥3", ValueUnit.Count)]
    [InlineData("¥80", ValueUnit.Points)]
    public void CurrencySign_OnlyWhereMoneyIsRead(string text, ValueUnit unit) => Assert.Contains("货币符号", Bad(text, unit));

    [Fact]
    public void Number_ReadsACurrencyAmount() => Assert.Equal(500000m, Ok("￥500,000.00", ValueUnit.Number));

    [Fact]
    public void Count_Rejections_NameTheProblem()
    {
        Assert.Contains("整数", Bad("2.5", ValueUnit.Count));
        Assert.Contains("2.5", Bad("2.5", ValueUnit.Count));
        Assert.Contains("“小时”", Bad("3小时", ValueUnit.Count));
        Assert.Contains("不能为负数", Bad("-1", ValueUnit.Count, allowNegative: false));
        Assert.Contains("不能为负数", Bad("−1次", ValueUnit.Count, allowNegative: false));
        Assert.Contains("整数", Bad("1.23456万", ValueUnit.Count));   // 12345.6
    }

    [Theory]
    [InlineData("12万", ValueUnit.Number, "120000")]
    [InlineData("12万元", ValueUnit.Number, "120000")]   // 万元 like 万 (was rejected as an unknown unit)
    [InlineData("7.5分", ValueUnit.Points, "7.5")]
    [InlineData("-3分", ValueUnit.Points, "-3")]
    [InlineData("1.5小时", ValueUnit.Hours, "1.5")]
    [InlineData("2h", ValueUnit.Hours, "2")]
    [InlineData("4天", ValueUnit.Days, "4")]
    [InlineData("4日", ValueUnit.Days, "4")]
    public void OtherUnits_Accepted(string text, ValueUnit unit, string expected) => Assert.Equal(D(expected), Ok(text, unit));

    [Theory]
    [InlineData("5%", ValueUnit.Number, "不是百分比")]
    [InlineData("3天", ValueUnit.Hours, "“天”")]
    [InlineData("3小时", ValueUnit.Days, "“小时”")]
    [InlineData("7.5元", ValueUnit.Points, "“元”")]
    public void OtherUnits_WrongSuffix_NamesIt(string text, ValueUnit unit, string message) => Assert.Contains(message, Bad(text, unit));

    // ------------------------------------------------------------ special words

    [Theory]
    [InlineData("无数据")]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("NA")]
    [InlineData("无历史")]
    [InlineData(" 无记录 ")]
    public void NoDataWords(string text)
    {
        var p = ValueParser.Parse(new RawScalar(text), ValueUnit.Percent);
        Assert.True(p.NoData);
        Assert.Null(p.Value);
        Assert.Null(p.Error);
    }

    [Theory]
    [InlineData("不适用")]
    [InlineData("无此项")]
    [InlineData("不考核")]
    public void NotApplicableWords(string text) => Assert.True(ValueParser.Parse(new RawScalar(text), ValueUnit.Count).NotApplicable);

    [Theory]
    [InlineData("是", true)]
    [InlineData("Y", true)]
    [InlineData("ｙｅｓ", true)]
    [InlineData("1", true)]
    [InlineData("否", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    [InlineData("×", false)]
    [InlineData("也许", null)]
    public void Booleans(string text, bool? expected) => Assert.Equal(expected, ValueParser.ParseBool(new RawScalar(text)));

    // ------------------------------------------------------------ InputReader: field names in errors

    [Fact]
    public void Reader_ErrorsNameTheFieldAndKeepTheValue()
    {
        var rule = Baseline(Direction.HigherIsBetter);
        var e = EvalErrors(rule, Obj(("value", "95%"), ("baseline", "九十")))[0];
        Assert.StartsWith("基数：", e.Message);
        Assert.Equal("九十", e.Value);
        Assert.Equal("对象", e.Subject);
        Assert.Equal("指标", e.Indicator);

        var t = EvalErrors(Linear(5, 0.4m), Obj(("value", 3), ("target", "abc")))[0];
        Assert.StartsWith("目标：", t.Message);
        Assert.Contains("“abc”", t.Message);

        var amb = EvalErrors(rule, Obj(("value", "95"), ("baseline", "96%")))[0];
        Assert.Contains("歧义", amb.Message);
        Assert.Equal("95", amb.Value);
    }

    [Fact]
    public void Reader_MissingFieldsAndLists()
    {
        Assert.Contains("缺少“目标”", EvalErrors(Linear(5, 0.4m), Obj(("value", 3)))[0].Message);
        Assert.Contains("缺少输入", EvalErrors(Linear(5, 0.4m), Obj(("target", 3)))[0].Message);
        Assert.Contains("应为单个值", EvalErrors(Linear(5, 0.4m), Obj(("value", new[] { "1", "2" }), ("target", 3)))[0].Message);
        Assert.Contains("“目标”必须是数值", EvalErrors(Linear(5, 0.4m), Obj(("value", 3), ("target", "无数据")))[0].Message);
    }

    [Fact]
    public void Reader_ChineseFieldNamesAndFullWidthKeys()
    {
        // 值/目标 instead of value/target; a full-width key is matched in normal form
        Assert.Equal(13.5m, Score(Linear(15, 0.8m), Obj(("实际", 45), ("目标", 50))));
        Assert.Equal(13.5m, Score(Linear(15, 0.8m), Obj(("完成", "45"), ("ｔａｒｇｅｔ", "50"))));
        Assert.Equal(16m, Score(Baseline(Direction.LowerIsBetter), Obj(("值", "0.9%"), ("基数", "2.4%"))));
    }

    [Fact]
    public void Reader_JsonNumbersForCountsAndMoneyAreNotScaled()
    {
        // the fraction rule is for percentages only: JSON 3 is 3 new customers, 120000 is 120000 元
        Assert.Equal(6m, Score(new UnitRule([new UnitCounter("新客户", 2)], 0, 15, 0, false, ValueUnit.Count), 3));
        var bands = new BandRule([B(">=0", 5), B("<0", 0)], ValueUnit.Money, BandMeasure.DifferenceFromBaseline, 0, NoDataPolicy.Full, "销售额");
        Assert.Equal(0m, Score(bands, Obj(("value", 119999), ("baseline", 120000))));
    }
}
