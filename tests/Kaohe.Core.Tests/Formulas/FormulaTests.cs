using System.Globalization;
using FsCheck.Xunit;
using Kaohe.Core.Formulas;
using Xunit;

namespace Kaohe.Core.Tests.Formulas;

public class FormulaTests
{
    private static readonly Dictionary<string, decimal> NoInputs = [];

    private static Formula ParseOk(string source)
    {
        var result = Formula.Parse(source);
        Assert.True(result.IsSuccess, $"'{source}': " + string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Formula!;
    }

    private static decimal Value(string source, IReadOnlyDictionary<string, decimal>? inputs = null)
    {
        var result = ParseOk(source).Evaluate(inputs ?? NoInputs);
        Assert.True(result.Error is null, $"'{source}': {result.Error}");
        return result.Value!.Value;
    }

    private static string EvaluationError(string source, IReadOnlyDictionary<string, decimal>? inputs = null)
    {
        var result = ParseOk(source).Evaluate(inputs ?? NoInputs);
        Assert.Null(result.Value);
        Assert.NotNull(result.Error);
        return result.Error!;
    }

    private static FormulaError SingleError(string source)
    {
        var result = Formula.Parse(source);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Formula);
        return Assert.Single(result.Errors);
    }

    private static decimal D(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ arithmetic

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("10 - (4 - 3)", "9")]
    [InlineData("2 * 3 / 4", "1.5")]
    [InlineData("100 / 8 / 5", "2.5")]
    [InlineData("2 - 3 * 4 + 10 / 5", "-8")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("-(2 + 3)", "-5")]
    [InlineData("--4", "4")]
    [InlineData("+5 - -5", "10")]
    [InlineData(".5 + 1.25", "1.75")]
    [InlineData("12.5 * 2", "25")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("1+2*3-4/2", "5")]
    [InlineData("  7\t-\n2 ", "5")]
    public void Evaluate_Arithmetic_FollowsPrecedence(string source, string expected) =>
        Assert.Equal(D(expected), Value(source));

    [Fact]
    public void Evaluate_PercentDifference_IsExactlyOneHundredth()
    {
        Assert.Equal(0.01m, Value("1.1% - 0.1%"));
        Assert.Equal(1m, Value("1.1% - 0.1% = 0.01"));
    }

    [Theory]
    [InlineData("12%", "0.12")]
    [InlineData("12.5%", "0.125")]
    [InlineData(".5%", "0.005")]
    [InlineData("200%", "2")]
    [InlineData("0%", "0")]
    [InlineData("50% * 80", "40")]
    [InlineData("-3%", "-0.03")]
    public void Evaluate_PercentLiteral_IsFraction(string source, string expected) =>
        Assert.Equal(D(expected), Value(source));

    // ------------------------------------------------------------------ names

    [Fact]
    public void Evaluate_ChineseName_UsesInput() =>
        Assert.Equal(5m, Value("流失率 * 100", new Dictionary<string, decimal> { ["流失率"] = 0.05m }));

    [Theory]
    [InlineData("[当月公司客户流失率] <= 2%", "当月公司客户流失率", "0.015", "1")]
    [InlineData("[当月 客户, 流失率(%)] * 100", "当月 客户, 流失率(%)", "0.03", "3")]
    [InlineData("【客户 流失率 [当月]】 * 2", "客户 流失率 [当月]", "4", "8")]
    [InlineData("[ 留存率 ] + 1", "留存率", "1", "2")]
    [InlineData("target_users / 2", "target_users", "10", "5")]
    [InlineData("_x1 + 指标2", "_x1", "3", "6")]
    [InlineData("[and] + [max]", "and", "1", "2")]
    public void Evaluate_NamedInputs_AreLookedUp(string source, string name, string value, string expected)
    {
        var formula = ParseOk(source);
        var inputs = formula.InputNames.ToDictionary(n => n, _ => D(value));
        Assert.Contains(name, formula.InputNames);
        Assert.Equal(D(expected), formula.Evaluate(inputs).Value);
    }

    [Fact]
    public void InputNames_SeveralReferences_DistinctInOrderOfFirstAppearance()
    {
        var formula = ParseOk("max(a, b) + a * [c d] - 流失率 / if(b > 0, [流失率], 【e】)");
        Assert.Equal(["a", "b", "c d", "流失率", "e"], formula.InputNames);
    }

    [Fact]
    public void InputNames_NoInputs_IsEmpty() => Assert.Empty(ParseOk("1 + max(2, 3)").InputNames);

    [Fact]
    public void InputNames_FunctionNameWithoutParenthesis_IsAnInput() =>
        Assert.Equal(["max"], ParseOk("max + 1").InputNames);

    [Fact]
    public void Source_AfterParse_IsTheOriginalText() => Assert.Equal("（１＋a）", ParseOk("（１＋a）").Source);

    // ------------------------------------------------------------------ full-width input

    [Theory]
    [InlineData("１２％", "0.12")]
    [InlineData("（１＋２）×３", "9")]
    [InlineData("８÷２", "4")]
    [InlineData("８／２＊３", "12")]
    [InlineData("５－２", "3")]
    [InlineData("５−２", "3")]
    [InlineData("−５", "-5")]
    [InlineData("ｍａｘ（１，２）", "2")]
    [InlineData("１　＋　２", "3")]
    [InlineData("３＞＝２", "1")]
    [InlineData("３≥２", "1")]
    [InlineData("１ =\u0338 ２", "1")]
    [InlineData("１！＝１", "0")]
    [InlineData("［x］＋１", "2")]
    public void Evaluate_FullWidthText_IsFoldedLikeNfkc(string source, string expected) =>
        Assert.Equal(D(expected), Value(source, new Dictionary<string, decimal> { ["x"] = 1 }));

    [Fact]
    public void Evaluate_FullWidthNameInFormulaAndInputs_Matches()
    {
        var formula = ParseOk("指标１ × ２");
        Assert.Equal(["指标1"], formula.InputNames);
        Assert.Equal(8m, formula.Evaluate(new Dictionary<string, decimal> { ["指标１"] = 4 }).Value);
    }

    // ------------------------------------------------------------------ comparisons and logic

    [Theory]
    [InlineData("1 < 2", 1)]
    [InlineData("2 < 1", 0)]
    [InlineData("2 <= 2", 1)]
    [InlineData("3 > 2", 1)]
    [InlineData("2 >= 3", 0)]
    [InlineData("2 = 2", 1)]
    [InlineData("2 == 2.00", 1)]
    [InlineData("2 != 2", 0)]
    [InlineData("2 <> 3", 1)]
    [InlineData("1 ≤ 1", 1)]
    [InlineData("2 ≥ 3", 0)]
    [InlineData("1 ≠ 2", 1)]
    [InlineData("1% = 0.01", 1)]
    [InlineData("1 + 2 > 2 * 2", 0)]
    [InlineData("(1 < 2) + (3 < 4)", 2)]
    public void Evaluate_Comparison_YieldsOneOrZero(string source, int expected) =>
        Assert.Equal(expected, Value(source));

    [Theory]
    [InlineData("1 and 0", 0)]
    [InlineData("1 AND 1", 1)]
    [InlineData("1 且 1", 1)]
    [InlineData("1 && 0", 0)]
    [InlineData("0 or 1", 1)]
    [InlineData("0 或 0", 0)]
    [InlineData("0 || 0", 0)]
    [InlineData("not 0", 1)]
    [InlineData("非 1", 0)]
    [InlineData("!0", 1)]
    [InlineData("!!5", 1)]
    [InlineData("5 and 3", 1)]
    [InlineData("not 1 < 2", 0)]
    [InlineData("!(1 = 2)", 1)]
    [InlineData("1 or 0 and 0", 1)]
    [InlineData("(1 or 0) and 0", 0)]
    [InlineData("1 < 2 and 3 > 4 or 5 = 5", 1)]
    [InlineData("0 and 1 / 0", 0)]
    [InlineData("1 or 1 / 0", 1)]
    public void Evaluate_LogicalOperators_UsualPrecedenceAndShortCircuit(string source, int expected) =>
        Assert.Equal(expected, Value(source));

    // ------------------------------------------------------------------ functions

    [Theory]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max(3, 1, 2)", "3")]
    [InlineData("MAX(1, 2)", "2")]
    [InlineData("Min(-1, -2)", "-2")]
    [InlineData("clamp(5, 0, 3)", "3")]
    [InlineData("clamp(-1, 0, 3)", "0")]
    [InlineData("clamp(2, 0, 3)", "2")]
    [InlineData("if(1, 10, 20)", "10")]
    [InlineData("if(0, 10, 20)", "20")]
    [InlineData("IF(2 > 1, 10, 20)", "10")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("abs(2.5)", "2.5")]
    [InlineData("floor(2.7)", "2")]
    [InlineData("floor(-2.5)", "-3")]
    [InlineData("ceil(2.1)", "3")]
    [InlineData("ceil(-2.5)", "-2")]
    [InlineData("round(2.345, 2)", "2.35")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(2.5, 0)", "3")]
    [InlineData("round(-2.5, 0)", "-3")]
    [InlineData("round(2.44, 1)", "2.4")]
    [InlineData("max(min(5, 10), 2 * 4)", "8")]
    public void Evaluate_Function_ReturnsExpected(string source, string expected) =>
        Assert.Equal(D(expected), Value(source));

    [Theory]
    [InlineData("0", "2", "0")]
    [InlineData("4", "2", "0.5")]
    public void Evaluate_LazyIf_NeverEvaluatesTheOtherBranch(string b, string a, string expected) =>
        Assert.Equal(D(expected), Value("if(b = 0, 0, a / b)", new Dictionary<string, decimal> { ["a"] = D(a), ["b"] = D(b) }));

    // ------------------------------------------------------------------ evaluation errors

    [Fact]
    public void Evaluate_DivisionByZeroInput_ReturnsErrorNamingTheDivisor() =>
        Assert.Equal("除数为零：a ÷ b 中 b = 0",
            EvaluationError("a / b", new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 0 }));

    [Theory]
    [InlineData("1 / 0", "除数为零：1 ÷ 0")]
    [InlineData("a ÷ (b - a)", "除数为零：a ÷ (b − a) 中 b − a = 0")]
    [InlineData("a / a / (b - 1)", "除数为零：a ÷ a ÷ (b − 1) 中 b − 1 = 0")]
    [InlineData("2 + a * 3 / (a - 1) * 4", "除数为零：a × 3 ÷ (a − 1) 中 a − 1 = 0")]
    public void Evaluate_DivisionByZero_ReturnsError(string source, string expected) =>
        Assert.Equal(expected, EvaluationError(source, new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 1 }));

    [Fact]
    public void Evaluate_Overflow_ReturnsError() =>
        Assert.StartsWith("计算结果超出可表示的范围：", EvaluationError("79228162514264337593543950335 * 2"));

    [Fact]
    public void Evaluate_MissingInput_ReturnsError() =>
        Assert.Equal("缺少输入 '流失率'", EvaluationError("流失率 * 100"));

    [Fact]
    public void Evaluate_SeveralMissingInputs_ListsThemAll() =>
        Assert.Equal("缺少输入 'a'、'c'",
            EvaluationError("if(b, a, c)", new Dictionary<string, decimal> { ["b"] = 1 }));

    [Fact]
    public void Evaluate_ClampWithLowAboveHigh_ReturnsError() =>
        Assert.StartsWith("clamp 的下限大于上限", EvaluationError("clamp(1, 5, 3)"));

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("29")]
    public void Evaluate_RoundWithInvalidComputedDigits_ReturnsError(string digits) =>
        Assert.StartsWith("round 的小数位数必须是 0 到 28 之间的整数",
            EvaluationError("round(1.25, d)", new Dictionary<string, decimal> { ["d"] = D(digits) }));

    // ------------------------------------------------------------------ parse errors

    [Theory]
    [InlineData("", 1, "公式为空")]
    [InlineData("   ", 1, "公式为空")]
    [InlineData("1 + @", 5, "无法识别的字符 '@'")]
    [InlineData("1 + @#$", 5, "无法识别的字符 '@#$'")]
    [InlineData("1 @ 2", 3, "无法识别的字符 '@'")]
    [InlineData("1 + 流失率 $", 9, "无法识别的字符 '$'")]
    [InlineData("１＋＠", 3, "无法识别的字符 '@'")]
    [InlineData("1 +", 4, "公式意外结束")]
    [InlineData("max(1, 2) *", 12, "公式意外结束")]
    [InlineData("(1 + 2", 1, "左括号 '(' 未闭合")]
    [InlineData("2 * ((1 + 2)", 5, "左括号 '(' 未闭合")]
    [InlineData("max(1, 2", 4, "函数 'max' 的左括号 '(' 未闭合")]
    [InlineData("1 + 2)", 6, "多余的右括号 ')'")]
    [InlineData(") + 1", 1, "多余的右括号 ')'")]
    [InlineData("()", 2, "括号内为空")]
    [InlineData("maxx(1, 2)", 1, "未知的函数 'maxx'")]
    [InlineData("1 + sqrt(4)", 5, "未知的函数 'sqrt'")]
    [InlineData("流失率 + maxx(1)", 7, "未知的函数 'maxx'")]
    [InlineData("clamp(1, 2)", 1, "函数 'clamp' 需要 3 个参数，实际为 2 个")]
    [InlineData("2 * min(1)", 5, "函数 'min' 至少需要 2 个参数，实际为 1 个")]
    [InlineData("abs()", 1, "函数 'abs' 需要 1 个参数，实际为 0 个")]
    [InlineData("if(1, 2, 3, 4)", 1, "函数 'if' 需要 3 个参数，实际为 4 个")]
    [InlineData("round(1.25)", 1, "函数 'round' 需要 2 个参数，实际为 1 个")]
    [InlineData("round(1.25, 1.5)", 13, "round 的小数位数必须是 0 到 28 之间的整数")]
    [InlineData("max(1, )", 8, "此处缺少数值或输入")]
    [InlineData("max(1,, 2)", 7, "此处缺少数值或输入")]
    [InlineData("1 2", 3, "缺少运算符")]
    [InlineData("当月 流失率", 4, "名称中含空格时请用方括号括起，如 [当月 流失率]")]
    [InlineData("2(a + b)", 2, "缺少运算符")]
    [InlineData("a < b < c", 7, "比较运算不能连用")]
    [InlineData("12.", 1, "数字 '12.' 格式不正确")]
    [InlineData("99999999999999999999999999999999", 1, "超出可表示的范围")]
    [InlineData("[流失率", 1, "'[' 未闭合")]
    [InlineData("1 + 【流失率", 5, "'【' 未闭合")]
    [InlineData("[] + 1", 1, "输入名称为空")]
    [InlineData("a % 2", 3, "百分号 '%' 只能紧跟在数字后面")]
    [InlineData("1 + not 1", 5, "此处请加括号")]
    [InlineData("a, b", 2, "逗号只用于分隔函数的参数")]
    [InlineData("1 + * 2", 5, "意外的 '*'")]
    [InlineData("[a](1)", 4, "缺少运算符")]
    [InlineData("max(1 2)", 7, "缺少运算符")]
    [InlineData("min(a; b)", 6, "函数的参数请用逗号分隔")]
    [InlineData("a & b", 3, "请写作 && 或 且")]
    [InlineData("a > 0 || b > 0 | c", 16, "请写作 || 或 或")]
    [InlineData("a > 0 且b > 0", 7, "'且' 用作运算符时两侧请加空格")]
    [InlineData("1 + * ", 5, "意外的 '*'")]
    public void Parse_InvalidSource_ReportsErrorAtColumn(string source, int column, string message)
    {
        var error = SingleError(source);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_UnknownFunction_MessageAndDisplayForm()
    {
        var error = SingleError("1 + maxx(1, 2)");
        Assert.StartsWith("未知的函数 'maxx'", error.Message);
        Assert.StartsWith("第 5 列：未知的函数 'maxx'", error.ToString());
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachInColumnOrder()
    {
        // maxx(1) + (2 * ) + clamp(1) @
        // 1        10 13 16   20       29
        var result = Formula.Parse("maxx(1) + (2 * ) + clamp(1) @");
        Assert.False(result.IsSuccess);
        Assert.Equal([1, 16, 20, 29], result.Errors.Select(e => e.Column));
        Assert.Contains("未知的函数", result.Errors[0].Message);
        Assert.Contains("此处缺少数值或输入", result.Errors[1].Message);
        Assert.Contains("需要 3 个参数", result.Errors[2].Message);
        Assert.Contains("无法识别的字符", result.Errors[3].Message);
    }

    [Fact]
    public void Parse_NullSource_ReportsEmpty() => Assert.Equal("公式为空", SingleError(null!).Message);

    [Fact]
    public void Parse_SourceLongerThan4000_ReportsTooLong()
    {
        Assert.Contains("公式过长", SingleError(new string('1', 4001)).Message);
        Assert.True(Formula.Parse(new string('1', 28)).IsSuccess);
    }

    // ------------------------------------------------------------------ hostile input

    [Fact]
    public void Parse_NestingWithinLimit_Succeeds() =>
        Assert.Equal(1m, Value(new string('(', 100) + "1" + new string(')', 100)));

    [Theory]
    [InlineData("(", 200, 101)]
    [InlineData("-", 200, 101)]
    [InlineData("!", 200, 101)]
    [InlineData("abs(", 150, 401)]
    public void Parse_DeepNesting_ReportsOneErrorInsteadOfOverflowingTheStack(string opener, int levels, int column)
    {
        var closer = opener.EndsWith('(') ? ")" : "";
        var source = string.Concat(Enumerable.Repeat(opener, levels)) + "1" + string.Concat(Enumerable.Repeat(closer, levels));
        var error = SingleError(source);
        Assert.Equal(column, error.Column);
        Assert.Contains("嵌套层数过多", error.Message);
    }

    [Fact]
    public void Parse_MaximalHostileInputs_DoNotThrow()
    {
        Assert.False(Formula.Parse(new string('(', 4000)).IsSuccess);
        Assert.False(Formula.Parse(new string('-', 3999) + "1").IsSuccess);
        Assert.False(Formula.Parse(string.Concat(Enumerable.Repeat("max(", 1000))).IsSuccess);
        Assert.False(Formula.Parse(new string('[', 4000)).IsSuccess);
        Assert.False(Formula.Parse(new string(')', 4000)).IsSuccess);
        Assert.False(Formula.Parse(new string('\uD800', 10)).IsSuccess);
    }

    [Fact]
    public void Evaluate_LongFlatChain_DoesNotRecurseDeeply()
    {
        var source = string.Concat(Enumerable.Repeat("1+", 1999)) + "1";
        Assert.Equal(2000m, Value(source));
        Assert.Equal(1m, Value(string.Join("&&", Enumerable.Repeat("1", 1300))));
    }

    // ------------------------------------------------------------------ canonical form

    [Theory]
    [InlineData("1+2*3", "1 + 2 × 3")]
    [InlineData("(1+2)*3", "(1 + 2) × 3")]
    [InlineData("a-(b-c)", "a − (b − c)")]
    [InlineData("(a-b)-c", "(a − b) − c")]
    [InlineData("a/b*c", "a ÷ b × c")]
    [InlineData("-(a)", "−a")]
    [InlineData("-(a*b)", "−(a × b)")]
    [InlineData("+a", "a")]
    [InlineData("max( a ,b )", "max(a, b)")]
    [InlineData("IF(x == 1, 2, 3)", "if(x = 1, 2, 3)")]
    [InlineData("12.50%", "12.5%")]
    [InlineData(".5", "0.5")]
    [InlineData("a<=b && !c", "a ≤ b 且 非 c")]
    [InlineData("a <> b or not (a or b)", "a ≠ b 或 非 (a 或 b)")]
    [InlineData("(a and b) or c", "a 且 b 或 c")]
    [InlineData("a and (b or c)", "a 且 (b 或 c)")]
    [InlineData("(1 < 2) = 1", "(1 < 2) = 1")]
    [InlineData("[流失率] * 100", "流失率 × 100")]
    [InlineData("[当月 流失率]", "[当月 流失率]")]
    [InlineData("[且] + [Max]", "[且] + Max")]
    [InlineData("【a]b】", "【a]b】")]
    [InlineData("２×（a＋b）", "2 × (a + b)")]
    public void ToString_AnyFormula_IsCanonical(string source, string expected)
    {
        var formula = ParseOk(source);
        Assert.Equal(expected, formula.ToString());
        Assert.Equal(expected, ParseOk(expected).ToString());
    }

    // ------------------------------------------------------------------ properties

    [Property(MaxTest = 300)]
    public void Evaluate_SumOfTwoInputs_MatchesDecimalArithmetic(decimal a, decimal b)
    {
        var inputs = new Dictionary<string, decimal> { ["a"] = a, ["b"] = b };
        Check("a + b", () => a + b);
        Check("a - b", () => a - b);
        Check("a × b", () => a * b);
        Check("b ÷ a", () => b / a);

        void Check(string source, Func<decimal> expected)
        {
            var result = ParseOk(source).Evaluate(inputs);
            decimal? value;
            try
            {
                value = expected();
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException)
            {
                value = null;
            }
            Assert.Equal(value, result.Value);
            Assert.Equal(value is null, result.Error is not null);
        }
    }

    [Property(MaxTest = 300)]
    public void ToString_RandomFormula_ParsesBackToTheSameFormula(int seed)
    {
        var rng = new Random(seed);
        var source = RandomFormula(rng, 4);
        var formula = ParseOk(source);
        var canonical = formula.ToString();
        var again = ParseOk(canonical);
        Assert.Equal(canonical, again.ToString());
        Assert.Equal(formula.InputNames, again.InputNames);

        var inputs = new Dictionary<string, decimal>();
        foreach (var name in formula.InputNames) inputs[name] = rng.Next(-3, 4) / 2m;
        Assert.Equal(formula.Evaluate(inputs), again.Evaluate(inputs));
    }

    [Property(MaxTest = 500)]
    public void Parse_RandomText_NeverThrows(int seed)
    {
        string[] pieces =
        [
            "0", "1", "2.5", ".", "%", "+", "-", "−", "*", "/", "×", "÷", "(", ")", "（", "）", ",", "，", "<", ">", "=", "!",
            "&", "|", "≤", "≠", "[", "]", "【", "】", " ", "a", "流失率", "且", "或", "非", "and", "or", "not", "max", "min",
            "if", "round", "clamp", "abs", "@", "１", "％", "\u0338", "\uD800",
        ];
        var rng = new Random(seed);
        var source = string.Concat(Enumerable.Range(0, rng.Next(0, 30)).Select(_ => pieces[rng.Next(pieces.Length)]));
        var result = Formula.Parse(source);
        Assert.Equal(result.Formula is null, result.Errors.Count > 0);
        Assert.All(result.Errors, e => Assert.InRange(e.Column, 1, source.Length + 1));
        if (result.Formula is { } formula)
        {
            Assert.Equal(formula.ToString(), ParseOk(formula.ToString()).ToString());
            formula.Evaluate(formula.InputNames.ToDictionary(n => n, _ => 1m));
        }
    }

    private static string RandomFormula(Random rng, int depth)
    {
        string Sub() => RandomFormula(rng, depth - 1);
        string Pick(params string[] options) => options[rng.Next(options.Length)];

        if (depth <= 0 || rng.Next(4) == 0)
        {
            return rng.Next(3) switch
            {
                0 => Pick("0", "1", "2.5", ".5", "12%", "0.1%", "100", "3"),
                1 => Pick("a", "b", "流失率", "[当月 客户]", "【x]y】", "[max]", "_z9"),
                _ => "(" + Pick("a", "2", "b") + ")",
            };
        }
        return rng.Next(9) switch
        {
            0 or 1 => $"{Sub()} {Pick("+", "-", "−", "*", "/", "×", "÷", "＋")} {Sub()}",
            2 => $"({Sub()})",
            3 => $"{Pick("-", "+", "−")}{Sub()}",
            4 => $"({Sub()} {Pick("<", "<=", ">", ">=", "=", "==", "!=", "<>", "≤", "≥", "≠")} {Sub()})",
            5 => $"({Sub()} {Pick("and", "or", "且", "或", "&&", "||", "AND")} {Sub()})",
            6 => $"({Pick("not", "非", "!")} {Sub()})",
            7 => Pick("min", "max", "MAX") + "(" + string.Join(", ", Enumerable.Range(0, rng.Next(2, 4)).Select(_ => Sub())) + ")",
            _ => rng.Next(6) switch
            {
                0 => $"clamp({Sub()}, {Sub()}, {Sub()})",
                1 => $"if({Sub()}, {Sub()}, {Sub()})",
                2 => $"round({Sub()}, {rng.Next(0, 4)})",
                3 => $"abs({Sub()})",
                4 => $"floor({Sub()})",
                _ => $"ceil({Sub()})",
            },
        };
    }
}
