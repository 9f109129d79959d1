using System.Runtime.CompilerServices;

namespace Kaohe.Core.Formulas;

/// <summary>
/// Recursive-descent parser with error recovery: it keeps going after a problem so that one parse reports
/// as many independent problems as it can. Nesting (parentheses, calls, unary operators) is bounded by
/// <see cref="MaxDepth"/>, and by the stack left on the calling thread; beyond that the parse stops with one error.
/// Operator chains (<c>a + b + …</c>, <c>a 且 b 且 …</c>) are read in loops into n-ary nodes, so their length costs no depth.
/// </summary>
internal sealed class FormulaParser
{
    public const int MaxDepth = 100;

    private readonly List<Token> _tokens;
    private readonly List<FormulaError> _errors;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIndex = new(StringComparer.Ordinal);
    private int _p;
    private int _depth;
    private int _open;
    private bool _aborted;

    private FormulaParser(List<Token> tokens, List<FormulaError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    private enum Context
    {
        Top,
        Group,
        Arguments,
    }

    /// <summary>Parses a whole token list (ending in End); errors are appended to <paramref name="errors"/>.</summary>
    public static (Node Root, List<string> Names) Parse(List<Token> tokens, List<FormulaError> errors)
    {
        var parser = new FormulaParser(tokens, errors);
        var root = parser.ParseOr();
        parser.SkipJunk(Context.Top);
        return (root, parser._names);
    }

    private Token Current => _tokens[_p];

    private bool At(TokenKind kind) => _tokens[_p].Kind == kind;

    private Token Advance()
    {
        var t = _tokens[_p];
        if (t.Kind != TokenKind.End) _p++;
        return t;
    }

    private void Error(int column, string message)
    {
        if (!_aborted) _errors.Add(new FormulaError(column, message));
    }

    private bool Enter(Token at)
    {
        // Each level costs a dozen frames (about 3 KB): 100 levels fit any thread's stack with room to spare, but a
        // caller already deep in its own stack (or on a small one) gets the same error instead of a crash.
        if (++_depth <= MaxDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack()) return true;
        Error(at.Column, _depth > MaxDepth
            ? $"嵌套层数过多：括号、函数和正负号最多嵌套 {MaxDepth} 层"
            : $"嵌套层数过多：在第 {_depth} 层时调用栈不足，请减少括号、函数和正负号的嵌套");
        _aborted = true;
        _p = _tokens.Count - 1;
        _depth--;
        return false;
    }

    private void Leave() => _depth--;

    private static bool StartsOperand(TokenKind kind) =>
        kind is TokenKind.Number or TokenKind.Name or TokenKind.LParen or TokenKind.Plus or TokenKind.Minus or TokenKind.Not;

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge or TokenKind.Eq or TokenKind.Ne;

    private string Unexpected(Token t) => t.Kind switch
    {
        TokenKind.End => "公式意外结束：末尾缺少数值或输入",
        TokenKind.RParen when _open == 0 => "多余的右括号 ')'：没有与之配对的 '('",
        TokenKind.Unknown when t.Text == "%" => "百分号 '%' 只能紧跟在数字后面，如 12%",
        TokenKind.Unknown when t.Text == "&" => "无法识别的字符 '&'：“并且”请写作 && 或 且",
        TokenKind.Unknown when t.Text == "|" => "无法识别的字符 '|'：“或者”请写作 || 或 或",
        TokenKind.Unknown when t.Text is ";" or "、" => $"无法识别的字符 '{t.Text}'：函数的参数请用逗号分隔",
        TokenKind.Unknown => $"无法识别的字符 '{t.Text}'",
        TokenKind.Comma => "意外的 ','：逗号只用于分隔函数的参数",
        TokenKind.Not => $"意外的 '{t.Text}'：'{t.Text}' 的优先级低于比较和算术运算，此处请加括号，如 ({t.Text} x)",
        _ => $"意外的 '{t.Text}'",
    };

    private string MissingOperator(Token t)
    {
        var previous = _p > 0 ? _tokens[_p - 1] : default;
        if (t.Kind == TokenKind.Name && !t.Bracketed && t.Name.Length > 1 && t.Name[0] is '且' or '或' or '非')
            return $"缺少运算符：'{t.Text}' 前面应有运算符；'{t.Name[0]}' 用作运算符时两侧请加空格，如 a > 0 {t.Name[0]} b > 0";
        return previous.Kind == TokenKind.Name && !previous.Bracketed && t.Kind == TokenKind.Name && !t.Bracketed
            ? $"缺少运算符：'{previous.Text}' 与 '{t.Text}' 之间应有运算符；名称中含空格时请用方括号括起，如 [{previous.Text} {t.Text}]"
            : $"缺少运算符：'{t.Text}' 前面应有运算符，如 + − × ÷";
    }

    /// <summary>
    /// After a complete expression: reports and skips whatever does not belong there, parsing any further
    /// operands so that their own problems are reported too. Stops at End (and at ')' or ',' as the context allows).
    /// </summary>
    private void SkipJunk(Context context)
    {
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.End) return;
            if (context != Context.Top && t.Kind == TokenKind.RParen) return;
            if (context == Context.Arguments && t.Kind == TokenKind.Comma) return;
            if (StartsOperand(t.Kind))
            {
                Error(t.Column, MissingOperator(t));
                ParseOr();
                continue;
            }
            Error(t.Column, Unexpected(t));
            Advance();
            if (StartsOperand(Current.Kind)) ParseOr();
        }
    }

    private Node ParseOr() => ParseLogic(TokenKind.Or, ParseAnd);

    private Node ParseAnd() => ParseLogic(TokenKind.And, ParseNot);

    private Node ParseLogic(TokenKind op, Func<Node> operand)
    {
        var first = operand();
        if (!At(op)) return first;
        var operands = new List<Node> { first };
        while (At(op))
        {
            Advance();
            operands.Add(operand());
        }
        return new LogicNode(first.Column, op == TokenKind.And, operands);
    }

    private Node ParseNot()
    {
        if (!At(TokenKind.Not)) return ParseComparison();
        var t = Advance();
        if (!Enter(t)) return new ErrorNode(t.Column);
        var operand = ParseNot();
        Leave();
        return new NotNode(t.Column, operand);
    }

    private Node ParseComparison()
    {
        var left = ParseAdditive();
        if (!IsComparison(Current.Kind)) return left;
        var op = Advance();
        var node = new CompareNode(left.Column, op.Kind, left, ParseAdditive());
        while (IsComparison(Current.Kind))
        {
            var extra = Advance();
            Error(extra.Column, $"比较运算不能连用（如 a < b < c），请写成 a < b 且 b < c");
            ParseAdditive();
        }
        return node;
    }

    private Node ParseAdditive() => ParseChain(TokenKind.Plus, TokenKind.Minus, ParseMultiplicative);

    private Node ParseMultiplicative() => ParseChain(TokenKind.Star, TokenKind.Slash, ParseUnary);

    private Node ParseChain(TokenKind op1, TokenKind op2, Func<Node> operand)
    {
        var first = operand();
        if (!At(op1) && !At(op2)) return first;
        var rest = new List<(TokenKind, Node)>();
        while (At(op1) || At(op2))
        {
            var op = Advance();
            rest.Add((op.Kind, operand()));
        }
        return new ChainNode(first, rest);
    }

    private Node ParseUnary()
    {
        if (!At(TokenKind.Plus) && !At(TokenKind.Minus)) return ParsePrimary();
        var t = Advance();
        if (!Enter(t)) return new ErrorNode(t.Column);
        var operand = ParseUnary();
        Leave();
        return t.Kind == TokenKind.Minus ? new NegateNode(t.Column, operand) : operand;
    }

    private Node ParsePrimary()
    {
        var skipped = false;
        while (true)
        {
            var t = Current;
            if (skipped && t.Kind is TokenKind.End or TokenKind.RParen or TokenKind.Comma)
                return new ErrorNode(t.Column);   // the skipped token's error already explains the gap
            switch (t.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return new NumberNode(t.Column, t.Number, t.Percent);
                case TokenKind.Name:
                    Advance();
                    return !t.Bracketed && At(TokenKind.LParen) ? ParseCall(t) : Input(t);
                case TokenKind.LParen:
                    return ParseGroup();
                case TokenKind.End:
                    Error(t.Column, Unexpected(t));
                    return new ErrorNode(t.Column);
                case TokenKind.RParen when _open == 0:
                    Error(t.Column, Unexpected(t));
                    return new ErrorNode(t.Column);
                case TokenKind.RParen:
                case TokenKind.Comma:
                    Error(t.Column, $"此处缺少数值或输入（遇到 '{t.Text}'）");
                    return new ErrorNode(t.Column);
                default:
                    // An operator or stray character where an operand belongs: report it, skip it, try again.
                    Error(t.Column, Unexpected(t));
                    Advance();
                    skipped = true;
                    break;
            }
        }
    }

    private InputNode Input(Token t)
    {
        if (!_nameIndex.TryGetValue(t.Name, out var index))
        {
            index = _names.Count;
            _names.Add(t.Name);
            _nameIndex.Add(t.Name, index);
        }
        return new InputNode(t.Column, t.Name, index);
    }

    private Node ParseGroup()
    {
        var open = Advance();
        if (!Enter(open)) return new ErrorNode(open.Column);
        _open++;
        Node inner;
        if (At(TokenKind.RParen))
        {
            Error(Current.Column, "括号内为空");
            inner = new ErrorNode(open.Column);
        }
        else
        {
            inner = ParseOr();
            SkipJunk(Context.Group);
        }
        if (At(TokenKind.RParen)) Advance();
        else Error(open.Column, "左括号 '(' 未闭合：缺少配对的 ')'");
        _open--;
        Leave();
        return inner;
    }

    private Node ParseCall(Token name)
    {
        var open = Advance();
        if (!Enter(name)) return new ErrorNode(name.Column);
        _open++;
        var function = FunctionInfo.Find(name.Name);
        if (function is null) Error(name.Column, $"未知的函数 '{name.Text}'（可用的函数：{FunctionInfo.Names}）");
        var args = new List<Node>();
        var errorsBefore = _errors.Count;
        if (At(TokenKind.RParen))
        {
            Advance();
        }
        else
        {
            while (true)
            {
                args.Add(ParseOr());
                SkipJunk(Context.Arguments);
                if (At(TokenKind.Comma))
                {
                    Advance();
                    continue;
                }
                if (At(TokenKind.RParen)) Advance();
                else Error(open.Column, $"函数 '{name.Text}' 的左括号 '(' 未闭合：缺少配对的 ')'");
                break;
            }
        }
        _open--;
        Leave();
        if (function is null) return new ErrorNode(name.Column);
        if (_errors.Count > errorsBefore) return new CallNode(name.Column, function, args);   // the count may be a knock-on
        if (!function.Accepts(args.Count)) Error(name.Column, function.ArityMessage(name.Text, args.Count));
        else if (function.Kind == FunctionKind.Round && args[1] is NumberNode digits
                 && (digits.Percent || !FunctionInfo.IsRoundDigits(digits.Written)))
            Error(digits.Column, $"round 的小数位数必须是 0 到 28 之间的整数，实际为 '{digits}'");
        return new CallNode(name.Column, function, args);
    }
}
