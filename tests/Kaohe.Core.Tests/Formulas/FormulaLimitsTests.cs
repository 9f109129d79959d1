using System.Text;
using Kaohe.Core.Formulas;
using Xunit;

namespace Kaohe.Core.Tests.Formulas;

/// <summary>
/// Formulas come from scheme files users upload (security issue 10): no nesting, chain or length may overflow the
/// stack, in parsing or in evaluation, on any thread; every refusal is a Chinese error with its column.
/// </summary>
public sealed class FormulaLimitsTests
{
    private static readonly Dictionary<string, decimal> A = new() { ["a"] = 1m };

    /// <summary>Runs <paramref name="work"/> on a thread with a small stack, so that recursion shows as a crash here.</summary>
    private static T OnSmallStack<T>(int kilobytes, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, kilobytes * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result;
    }

    private static string Nest(string open, string inner, string close, int levels) =>
        string.Concat(Enumerable.Repeat(open, levels)) + inner + string.Concat(Enumerable.Repeat(close, levels));

    public static TheoryData<string> DeepestAccepted() => new()
    {
        Nest("(", "a", ")", 100),
        Nest("abs(", "a", ")", 100),
        Nest("if(a, ", "a", ", 1)", 100),
        Nest("max(1, ", "a", ")", 100),
        Nest("-(", "a", ")", 50),
        Nest("非 (", "a", ")", 50),
        Nest("(1 + 2 × -", "a", ")", 50),
        new string('-', 100) + "a",
    };

    [Theory]
    [MemberData(nameof(DeepestAccepted))]
    public void Parse_DeepestNesting_ParsesAndEvaluatesOnAnOrdinaryThread(string source)
    {
        var parsed = Formula.Parse(source);
        Assert.True(parsed.IsSuccess, string.Join("; ", parsed.Errors));
        Assert.Null(parsed.Formula!.Evaluate(A).Error);
    }

    [Theory]
    [MemberData(nameof(DeepestAccepted))]
    public void Parse_DeepestNesting_OnASmallStack_ReportsAnErrorInsteadOfOverflowing(string source)
    {
        // 100 levels of abs( take about 300 KB of stack to parse; on a 256 KB thread the parser used to overflow.
        var parsed = OnSmallStack(256, () => Formula.Parse(source));
        if (!parsed.IsSuccess)
        {
            var e = Assert.Single(parsed.Errors);
            Assert.StartsWith("嵌套层数过多", e.Message);
            Assert.InRange(e.Column, 1, source.Length);
        }
    }

    [Theory]
    [MemberData(nameof(DeepestAccepted))]
    public void Evaluate_DeepestNesting_OnASmallStack_ReturnsAnErrorInsteadOfOverflowing(string source)
    {
        var formula = Formula.Parse(source).Formula!;
        // Evaluating 100 levels of abs( takes more than 128 KB: it used to overflow this thread.
        var result = OnSmallStack(128, () => formula.Evaluate(A));
        if (result.Error is not null) Assert.Equal("公式嵌套过深，无法在当前环境中计算：请减少括号、函数和正负号的嵌套", result.Error);
        else Assert.NotNull(result.Value);
    }

    [Theory]
    [InlineData("(", ")", 101)]
    [InlineData("abs(", ")", 401)]
    [InlineData("-(", ")", 101)]
    [InlineData("（", "）", 101)]
    public void Parse_OneLevelTooDeep_SaysWhere(string open, string close, int column)
    {
        var source = Nest(open, "a", close, 101);
        var e = Assert.Single(Formula.Parse(source).Errors);
        Assert.Equal("嵌套层数过多：括号、函数和正负号最多嵌套 100 层", e.Message);
        Assert.Equal(column, e.Column);
    }

    [Theory]
    [InlineData("(")]
    [InlineData("-")]
    [InlineData("−")]
    [InlineData("非 ")]
    [InlineData("abs(")]
    public void Parse_NestingOf100000_RefusedByLengthBeforeAnyParsing(string open)
    {
        var source = new StringBuilder().Insert(0, open, 100_000).Append('1').ToString();
        var e = Assert.Single(OnSmallStack(256, () => Formula.Parse(source)).Errors);
        Assert.Equal(1, e.Column);
        Assert.StartsWith("公式过长：最多 4000 个字符", e.Message);
    }

    [Theory]
    [InlineData(" + ", 1000)]
    [InlineData(" * ", 1000)]
    [InlineData(" 且 ", 1000)]
    [InlineData(" 或 ", 1000)]
    [InlineData(" - ", 1000)]
    public void Chains_OfThousandOperators_CostNoDepth(string op, int terms)
    {
        var source = string.Join(op, Enumerable.Repeat("a", terms));
        var result = OnSmallStack(256, () =>
        {
            var parsed = Formula.Parse(source);
            Assert.True(parsed.IsSuccess, string.Join("; ", parsed.Errors));
            return parsed.Formula!.Evaluate(A);
        });
        Assert.Null(result.Error);
        Assert.Equal(op.Trim() switch { "+" => terms, "-" => 2 - terms, _ => 1m }, result.Value);
    }

    [Fact]
    public void Chains_OfComparisons_ReportedOnceEachWithoutThrowing()
    {
        var source = string.Join(" < ", Enumerable.Repeat("a", 1000));
        var errors = OnSmallStack(256, () => Formula.Parse(source)).Errors;
        Assert.Equal(998, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("比较运算不能连用", e.Message));
        Assert.Equal(7, errors[0].Column);
    }
}
