using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Kaohe.Core.Text;

namespace Kaohe.Core.Formulas;

/// <summary>An evaluation failure; caught in <see cref="Formula.Evaluate"/> and returned as a message.</summary>
internal sealed class FormulaEvaluationError(string message) : Exception(message);

/// <summary>Precedence levels, lowest first; also used to decide where the canonical form needs parentheses.</summary>
internal static class Prec
{
    public const int Or = 1;
    public const int And = 2;
    public const int Not = 3;
    public const int Compare = 4;
    public const int Additive = 5;
    public const int Multiplicative = 6;
    public const int Unary = 7;
    public const int Atom = 8;
}

/// <summary>
/// A syntax tree node. Trees are shallow by construction: operator chains are n-ary lists and the parser
/// bounds nesting; evaluation and printing also check the stack left on the thread that runs them.
/// </summary>
internal abstract class Node(int column)
{
    public int Column { get; } = column;

    public abstract int Precedence { get; }

    /// <summary>
    /// The value of this node. The tree's depth is bounded by the parser, but the thread evaluating it may have less
    /// stack than the one that parsed it: it then gets an evaluation error rather than a crash.
    /// </summary>
    public decimal Eval(decimal[] inputs)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new FormulaEvaluationError(Formula.TooDeepToEvaluate);
        return Evaluate(inputs);
    }

    protected abstract decimal Evaluate(decimal[] inputs);

    /// <summary>Writes the canonical text; throws <see cref="InsufficientExecutionStackException"/> rather than overflow.</summary>
    public void Write(StringBuilder sb)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        WriteTo(sb);
    }

    protected abstract void WriteTo(StringBuilder sb);

    public void WriteOperand(StringBuilder sb, int minPrecedence)
    {
        if (Precedence >= minPrecedence)
        {
            Write(sb);
            return;
        }
        sb.Append('(');
        Write(sb);
        sb.Append(')');
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    protected static decimal Truth(bool value) => value ? 1m : 0m;
}

/// <summary>Stands in for a piece that failed to parse; only ever part of a failed parse.</summary>
internal sealed class ErrorNode(int column) : Node(column)
{
    public override int Precedence => Prec.Atom;
    protected override decimal Evaluate(decimal[] inputs) => throw new UnreachableException("error node evaluated");
    protected override void WriteTo(StringBuilder sb) => sb.Append('?');
}

/// <summary>A literal; <paramref name="written"/> is the value as written (12 for <c>12%</c>).</summary>
internal sealed class NumberNode(int column, decimal written, bool percent) : Node(column)
{
    private readonly decimal _value = percent ? written / 100m : written;

    public decimal Written { get; } = written;
    public bool Percent { get; } = percent;

    public override int Precedence => Prec.Atom;
    protected override decimal Evaluate(decimal[] inputs) => _value;
    protected override void WriteTo(StringBuilder sb) => sb.Append(Fmt.Exact(Written)).Append(Percent ? "%" : "");
}

internal sealed class InputNode(int column, string name, int index) : Node(column)
{
    public string Name { get; } = name;

    public override int Precedence => Prec.Atom;
    protected override decimal Evaluate(decimal[] inputs) => inputs[index];

    protected override void WriteTo(StringBuilder sb)
    {
        if (FormulaText.IsBareName(Name)) sb.Append(Name);
        else if (!Name.Contains(']')) sb.Append('[').Append(Name).Append(']');
        else sb.Append('【').Append(Name).Append('】');
    }
}

internal sealed class NegateNode(int column, Node operand) : Node(column)
{
    public override int Precedence => Prec.Unary;
    protected override decimal Evaluate(decimal[] inputs) => -operand.Eval(inputs);

    protected override void WriteTo(StringBuilder sb)
    {
        sb.Append('−');
        operand.WriteOperand(sb, Prec.Unary);
    }
}

internal sealed class NotNode(int column, Node operand) : Node(column)
{
    public override int Precedence => Prec.Not;
    protected override decimal Evaluate(decimal[] inputs) => Truth(operand.Eval(inputs) == 0);

    protected override void WriteTo(StringBuilder sb)
    {
        sb.Append("非 ");
        operand.WriteOperand(sb, Prec.Not);
    }
}

/// <summary><c>a 且 b 且 …</c> or <c>a 或 b 或 …</c>, short-circuiting; any non-zero value counts as true.</summary>
internal sealed class LogicNode(int column, bool isAnd, IReadOnlyList<Node> operands) : Node(column)
{
    public override int Precedence => isAnd ? Prec.And : Prec.Or;

    protected override decimal Evaluate(decimal[] inputs)
    {
        foreach (var operand in operands)
        {
            var truth = operand.Eval(inputs) != 0;
            if (truth != isAnd) return Truth(truth);
        }
        return Truth(isAnd);
    }

    protected override void WriteTo(StringBuilder sb)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0) sb.Append(isAnd ? " 且 " : " 或 ");
            operands[i].WriteOperand(sb, Precedence + 1);
        }
    }
}

internal sealed class CompareNode(int column, TokenKind op, Node left, Node right) : Node(column)
{
    public override int Precedence => Prec.Compare;

    protected override decimal Evaluate(decimal[] inputs)
    {
        var a = left.Eval(inputs);
        var b = right.Eval(inputs);
        return Truth(op switch
        {
            TokenKind.Lt => a < b,
            TokenKind.Le => a <= b,
            TokenKind.Gt => a > b,
            TokenKind.Ge => a >= b,
            TokenKind.Eq => a == b,
            TokenKind.Ne => a != b,
            _ => throw new UnreachableException($"comparison {op}"),
        });
    }

    protected override void WriteTo(StringBuilder sb)
    {
        left.WriteOperand(sb, Prec.Additive);
        sb.Append(op switch
        {
            TokenKind.Lt => " < ",
            TokenKind.Le => " ≤ ",
            TokenKind.Gt => " > ",
            TokenKind.Ge => " ≥ ",
            TokenKind.Eq => " = ",
            TokenKind.Ne => " ≠ ",
            _ => throw new UnreachableException($"comparison {op}"),
        });
        right.WriteOperand(sb, Prec.Additive);
    }
}

/// <summary>A left-associative chain <c>first op₁ x₁ op₂ x₂ …</c> of + − or × ÷.</summary>
internal sealed class ChainNode(Node first, IReadOnlyList<(TokenKind Op, Node Operand)> rest) : Node(first.Column)
{
    private readonly bool _multiplicative = rest[0].Op is TokenKind.Star or TokenKind.Slash;

    public override int Precedence => _multiplicative ? Prec.Multiplicative : Prec.Additive;

    protected override decimal Evaluate(decimal[] inputs)
    {
        var acc = first.Eval(inputs);
        for (var i = 0; i < rest.Count; i++)
        {
            var (op, operand) = rest[i];
            var value = operand.Eval(inputs);
            if (op == TokenKind.Slash && value == 0)
            {
                var where = operand is NumberNode ? "" : $" 中 {operand} = 0";
                throw new FormulaEvaluationError($"除数为零：{Prefix(i)}{where}");
            }
            try
            {
                acc = op switch
                {
                    TokenKind.Plus => acc + value,
                    TokenKind.Minus => acc - value,
                    TokenKind.Star => acc * value,
                    TokenKind.Slash => acc / value,
                    _ => throw new UnreachableException($"operator {op}"),
                };
            }
            catch (OverflowException)
            {
                throw new FormulaEvaluationError($"计算结果超出可表示的范围：{Prefix(i)}");
            }
        }
        return acc;
    }

    protected override void WriteTo(StringBuilder sb) => Write(sb, rest.Count - 1);

    /// <summary>The chain up to and including operation <paramref name="last"/>, for messages.</summary>
    private string Prefix(int last)
    {
        var sb = new StringBuilder();
        Write(sb, last);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int last)
    {
        first.WriteOperand(sb, Precedence + 1);
        for (var i = 0; i <= last; i++)
        {
            var (op, operand) = rest[i];
            sb.Append(op switch
            {
                TokenKind.Plus => " + ",
                TokenKind.Minus => " − ",
                TokenKind.Star => " × ",
                TokenKind.Slash => " ÷ ",
                _ => throw new UnreachableException($"operator {op}"),
            });
            operand.WriteOperand(sb, Precedence + 1);
        }
    }
}

internal enum FunctionKind
{
    Min,
    Max,
    Clamp,
    If,
    Abs,
    Floor,
    Ceil,
    Round,
}

/// <summary>A built-in function: its canonical name and how many arguments it takes.</summary>
internal sealed record FunctionInfo(FunctionKind Kind, string Name, int MinArgs, int MaxArgs)
{
    public static readonly IReadOnlyList<FunctionInfo> All =
    [
        new(FunctionKind.Min, "min", 2, int.MaxValue),
        new(FunctionKind.Max, "max", 2, int.MaxValue),
        new(FunctionKind.Clamp, "clamp", 3, 3),
        new(FunctionKind.If, "if", 3, 3),
        new(FunctionKind.Abs, "abs", 1, 1),
        new(FunctionKind.Floor, "floor", 1, 1),
        new(FunctionKind.Ceil, "ceil", 1, 1),
        new(FunctionKind.Round, "round", 2, 2),
    ];

    public static string Names => string.Join("、", All.Select(f => f.Name));

    public static FunctionInfo? Find(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public bool Accepts(int count) => count >= MinArgs && count <= MaxArgs;

    public string ArityMessage(string written, int count) =>
        MaxArgs == int.MaxValue
            ? $"函数 '{written}' 至少需要 {MinArgs} 个参数，实际为 {count} 个"
            : $"函数 '{written}' 需要 {MinArgs} 个参数，实际为 {count} 个";

    /// <summary>Whether <paramref name="digits"/> is a valid digit count for <c>round</c>.</summary>
    public static bool IsRoundDigits(decimal digits) => digits >= 0 && digits <= 28 && digits == decimal.Truncate(digits);
}

internal sealed class CallNode(int column, FunctionInfo function, IReadOnlyList<Node> args) : Node(column)
{
    public override int Precedence => Prec.Atom;

    protected override decimal Evaluate(decimal[] inputs)
    {
        switch (function.Kind)
        {
            case FunctionKind.If:
                return args[0].Eval(inputs) != 0 ? args[1].Eval(inputs) : args[2].Eval(inputs);
            case FunctionKind.Min:
            case FunctionKind.Max:
                var best = args[0].Eval(inputs);
                for (var i = 1; i < args.Count; i++)
                {
                    var v = args[i].Eval(inputs);
                    best = function.Kind == FunctionKind.Min ? Math.Min(best, v) : Math.Max(best, v);
                }
                return best;
            case FunctionKind.Clamp:
                var x = args[0].Eval(inputs);
                var lo = args[1].Eval(inputs);
                var hi = args[2].Eval(inputs);
                if (lo > hi)
                    throw new FormulaEvaluationError($"clamp 的下限大于上限：{this} 中下限 = {Fmt.Exact(lo)}，上限 = {Fmt.Exact(hi)}");
                return Math.Clamp(x, lo, hi);
            case FunctionKind.Abs:
                return Math.Abs(args[0].Eval(inputs));
            case FunctionKind.Floor:
                return Math.Floor(args[0].Eval(inputs));
            case FunctionKind.Ceil:
                return Math.Ceiling(args[0].Eval(inputs));
            case FunctionKind.Round:
                var value = args[0].Eval(inputs);
                var digits = args[1].Eval(inputs);
                if (!FunctionInfo.IsRoundDigits(digits))
                    throw new FormulaEvaluationError($"round 的小数位数必须是 0 到 28 之间的整数：{this} 中位数 = {Fmt.Exact(digits)}");
                return Math.Round(value, (int)digits, MidpointRounding.AwayFromZero);
            default:
                throw new UnreachableException($"function {function.Kind}");
        }
    }

    protected override void WriteTo(StringBuilder sb)
    {
        sb.Append(function.Name).Append('(');
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            args[i].Write(sb);
        }
        sb.Append(')');
    }
}
