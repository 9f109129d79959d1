using System.Collections.ObjectModel;

namespace Kaohe.Core.Formulas;

/// <summary>A problem in a formula's source text.</summary>
/// <param name="Column">1-based position in the source text, counted in user-perceived characters (text elements).</param>
/// <param name="Message">What is wrong, in Chinese, without the column (e.g. "未知的函数 'maxx'…").</param>
public sealed record FormulaError(int Column, string Message)
{
    /// <summary>The error with its position, e.g. "第 7 列：未知的函数 'maxx'…".</summary>
    public override string ToString() => $"第 {Column} 列：{Message}";
}

/// <summary>The outcome of <see cref="Formula.Parse"/>: a formula, or every problem found.</summary>
public sealed record FormulaParseResult(Formula? Formula, IReadOnlyList<FormulaError> Errors)
{
    /// <summary>Whether the source parsed without errors.</summary>
    public bool IsSuccess => Formula is not null && Errors.Count == 0;
}

/// <summary>The outcome of <see cref="Formula.Evaluate"/>: a value, or a message (in Chinese) saying why there is none.</summary>
public sealed record FormulaValueResult(decimal? Value, string? Error);

/// <summary>
/// A small, safe expression over named inputs, parsed and evaluated by this class alone (no scripting engine):
/// the "formula" rule kind. Arithmetic is exact <see cref="decimal"/> arithmetic (division is rounded to
/// decimal's 28–29 significant digits); overflow, division by zero and similar failures are returned as errors.
/// Parsing never throws for bad input: every problem found is reported with its 1-based column.
/// <para>
/// <b>Percentages.</b> A literal written with a percent sign is a <i>fraction</i>: <c>12%</c> evaluates to
/// <c>0.12</c> and <c>12.5%</c> to <c>0.125</c>. Callers pass percentage inputs as fractions too, so
/// <c>流失率 &lt;= 2%</c> compares like with like, and <c>1.1% - 0.1%</c> is exactly <c>0.01</c>.
/// </para>
/// <para>
/// <b>Text.</b> Full-width forms are folded as by NFKC before parsing (<c>１２％</c> = <c>12%</c>, <c>（）</c>,
/// <c>，</c>, <c>＋</c>, <c>－</c>, <c>＜</c>, the ideographic space …); this folding is done here explicitly, so it
/// does not depend on the runtime's globalization mode. Sources longer than 4000 characters are rejected.
/// </para>
/// <para>
/// <b>Grammar</b>, lowest precedence first:
/// <code>
/// expr       := or
/// or         := and  (("or" | "||" | "或") and)*
/// and        := not  (("and" | "&amp;&amp;" | "且") not)*
/// not        := ("not" | "!" | "非") not | comparison
/// comparison := additive (("&lt;" | "&lt;=" | "≤" | "&gt;" | "&gt;=" | "≥" | "=" | "==" | "!=" | "&lt;&gt;" | "≠") additive)?
/// additive   := multiplicative (("+" | "-" | "−") multiplicative)*
/// multiplicative := unary (("*" | "×" | "/" | "÷") unary)*
/// unary      := ("+" | "-" | "−") unary | primary
/// primary    := number ["%"] | name | function "(" [expr ("," expr)*] ")" | "(" expr ")"
/// number     := digits ["." digits] | "." digits
/// name       := identifier | "[" any text but "]" "]" | "【" any text but "】" "】"
/// </code>
/// An identifier is a letter (CJK ideographs included) or "_", followed by letters, digits, "_" and combining marks.
/// The words <c>and or not 且 或 非</c> are keywords only when they stand alone, so <c>a 且 b</c> needs the spaces.
/// Comparisons yield 1 (true) or 0 (false) and do not chain (<c>a &lt; b &lt; c</c> is an error). Logical operators
/// treat any non-zero value as true, yield 1 or 0 and short-circuit.
/// </para>
/// <para>
/// <b>Functions</b> (names case-insensitive): <c>min(a, b, …)</c>, <c>max(a, b, …)</c>, <c>clamp(x, lo, hi)</c>,
/// <c>if(cond, then, else)</c> (lazy: only the chosen branch is evaluated, so <c>if(b = 0, 0, a / b)</c> is safe),
/// <c>abs(x)</c>, <c>floor(x)</c>, <c>ceil(x)</c>, <c>round(x, digits)</c> (0 to 28 digits, half away from zero).
/// Parentheses, calls and unary operators may nest at most 100 deep; long operator chains cost no depth. Parsing and
/// evaluation check the stack left on the calling thread and report an error instead of overflowing it, and
/// evaluation visits each node at most once (the tree has at most one node per token and no loops).
/// </para>
/// </summary>
public sealed class Formula
{
    private const int MaxLength = 4000;

    /// <summary>The evaluation error when the evaluating thread has too little stack left for the formula's nesting.</summary>
    internal const string TooDeepToEvaluate = "公式嵌套过深，无法在当前环境中计算：请减少括号、函数和正负号的嵌套";

    private readonly Node _root;
    private readonly string[] _names;
    private readonly string _canonical;

    private Formula(string source, Node root, string[] names)
    {
        Source = source;
        _root = root;
        _names = names;
        InputNames = Array.AsReadOnly(names);
        _canonical = root.ToString();
    }

    /// <summary>The text the formula was parsed from, unchanged.</summary>
    public string Source { get; }

    /// <summary>Every named input the formula refers to, distinct, in order of first appearance.</summary>
    public IReadOnlyCollection<string> InputNames { get; }

    /// <summary>Parses <paramref name="source"/>. Never throws for bad input; see the class remarks for the language.</summary>
    public static FormulaParseResult Parse(string source)
    {
        source ??= "";
        if (source.Length > MaxLength)
            return Failed(new FormulaError(1, $"公式过长：最多 {MaxLength} 个字符，实际 {source.Length} 个"));

        var errors = new List<FormulaError>();
        var tokens = FormulaLexer.Lex(source, errors);
        if (tokens.Count == 1 && errors.Count == 0)
            return Failed(new FormulaError(1, "公式为空"));

        var (root, names) = FormulaParser.Parse(tokens, errors);
        if (errors.Count > 0)
        {
            // Sorted by column; one message per column (the first found), which drops knock-on reports.
            var reported = errors.OrderBy(e => e.Column).DistinctBy(e => e.Column).ToList();
            return new FormulaParseResult(null, reported.AsReadOnly());
        }
        try
        {
            return new FormulaParseResult(new Formula(source, root, [.. names]), ReadOnlyCollection<FormulaError>.Empty);
        }
        catch (InsufficientExecutionStackException)
        {
            // The canonical form is written at construction; a thread that could parse the nesting can write it,
            // but the guarantee "never throws for bad input" should not depend on that.
            return Failed(new FormulaError(1, "嵌套层数过多：调用栈不足，请减少括号、函数和正负号的嵌套"));
        }
    }

    private static FormulaParseResult Failed(FormulaError error) => new(null, new[] { error }.AsReadOnly());

    /// <summary>
    /// Evaluates the formula. Every input in <see cref="InputNames"/> must be present (a name given with
    /// full-width characters also matches); a missing input, division by zero, overflow or an invalid function
    /// argument gives a result with <see cref="FormulaValueResult.Error"/> set instead of a value.
    /// </summary>
    public FormulaValueResult Evaluate(IReadOnlyDictionary<string, decimal> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new decimal[_names.Length];
        List<string>? missing = null;
        for (var i = 0; i < _names.Length; i++)
        {
            if (Lookup(inputs, _names[i]) is { } value) values[i] = value;
            else (missing ??= []).Add(_names[i]);
        }
        if (missing is not null)
            return new FormulaValueResult(null, "缺少输入 " + string.Join("、", missing.Select(n => $"'{n}'")));
        try
        {
            return new FormulaValueResult(_root.Eval(values), null);
        }
        catch (FormulaEvaluationError e)
        {
            return new FormulaValueResult(null, e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            // Writing the formula into an error message needs stack too.
            return new FormulaValueResult(null, TooDeepToEvaluate);
        }
    }

    private static decimal? Lookup(IReadOnlyDictionary<string, decimal> inputs, string name)
    {
        if (inputs.TryGetValue(name, out var value)) return value;
        foreach (var (key, v) in inputs)
            if (FormulaText.Fold(key).Trim() == name) return v;
        return null;
    }

    /// <summary>
    /// The canonical form: single spaces around binary operators, <c>× ÷ − ≤ ≥ ≠ 且 或 非</c>, lower-case function
    /// names, only the parentheses the structure needs, names bracketed only where required. It parses back to
    /// the same formula.
    /// </summary>
    public override string ToString() => _canonical;
}
