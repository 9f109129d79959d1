using System.Globalization;
using System.Text;

namespace Kaohe.Core.Formulas;

internal enum TokenKind
{
    Number,
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    LParen,
    RParen,
    Comma,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
    Not,
    Unknown,
    End,
}

/// <summary>One token. <see cref="Text"/> is the spelling in the (folded) source, used in messages.</summary>
/// <param name="Name">For <see cref="TokenKind.Name"/>: the input or function name (brackets removed).</param>
/// <param name="Number">For <see cref="TokenKind.Number"/>: the literal as written, before the percent scaling.</param>
internal readonly record struct Token(
    TokenKind Kind, int Column, string Text, string Name = "", decimal Number = 0, bool Percent = false, bool Bracketed = false);

/// <summary>
/// Compatibility folding. The project runs with <c>InvariantGlobalization</c>, where
/// <see cref="string.Normalize(NormalizationForm)"/> is a no-op, so the NFKC mappings that matter for formulas
/// (full-width ASCII forms, ideographic and other compatibility spaces, small form variants, "=" + U+0338)
/// are applied here explicitly. The result does not depend on the runtime's globalization mode.
/// </summary>
internal static class FormulaText
{
    /// <summary>Folds <paramref name="source"/> and maps every folded char to its 1-based column (text element).</summary>
    public static (string Text, int[] Columns, int EndColumn) FoldWithColumns(string source)
    {
        var sb = new StringBuilder(source.Length);
        var columns = new List<int>(source.Length);
        var column = 0;
        var e = StringInfo.GetTextElementEnumerator(source);
        while (e.MoveNext())
        {
            column++;
            var element = e.GetTextElement();
            var before = sb.Length;
            AppendFolded(sb, element);
            for (var i = before; i < sb.Length; i++) columns.Add(column);
        }
        return (sb.ToString(), [.. columns], column + 1);
    }

    /// <summary>Folds a whole string (used to match input names given by the caller).</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) AppendFolded(sb, e.GetTextElement());
        return sb.ToString();
    }

    private static void AppendFolded(StringBuilder sb, string element)
    {
        if (element == "=\u0338")
        {
            sb.Append('≠');
            return;
        }
        foreach (var c in element) sb.Append(FoldChar(c));
    }

    private static char FoldChar(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),   // full-width ASCII forms: （ ） ， ＋ － ＜ １ ％ ａ …
        '\u3000' or '\u00A0' or '\u202F' or '\u205F' => ' ',
        >= '\u2000' and <= '\u200A' => ' ',
        '\uFE50' => ',',
        '\uFE52' => '.',
        '\uFE57' => '!',
        '\uFE59' => '(',
        '\uFE5A' => ')',
        '\uFE5F' => '#',
        '\uFE60' => '&',
        '\uFE61' => '*',
        '\uFE62' => '+',
        '\uFE63' => '-',
        '\uFE64' => '<',
        '\uFE65' => '>',
        '\uFE66' => '=',
        '\uFE6A' => '%',
        _ => c,
    };

    public static bool IsIdentifierStart(Rune r) => r.Value == '_' || Rune.IsLetter(r);

    public static bool IsIdentifierPart(Rune r) =>
        r.Value == '_' || Rune.IsLetter(r) || Rune.IsDigit(r) ||
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The keyword an identifier spells, if any (English ones case-insensitively).</summary>
    public static TokenKind? Keyword(string word) =>
        word.Equals("and", StringComparison.OrdinalIgnoreCase) || word == "且" ? TokenKind.And
        : word.Equals("or", StringComparison.OrdinalIgnoreCase) || word == "或" ? TokenKind.Or
        : word.Equals("not", StringComparison.OrdinalIgnoreCase) || word == "非" ? TokenKind.Not
        : null;

    /// <summary>Whether <paramref name="name"/> can be written bare (an identifier that is not a keyword).</summary>
    public static bool IsBareName(string name)
    {
        if (name.Length == 0 || Keyword(name) is not null || Fold(name) != name) return false;
        var i = 0;
        while (i < name.Length)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var r, out var n) != System.Buffers.OperationStatus.Done) return false;
            if (i == 0 ? !IsIdentifierStart(r) : !IsIdentifierPart(r)) return false;
            i += n;
        }
        return true;
    }

    public static Rune RuneAt(string s, int i, out int length)
    {
        if (Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out length) == System.Buffers.OperationStatus.Done) return r;
        length = Math.Max(1, length);
        return Rune.ReplacementChar;
    }
}

/// <summary>Turns folded source text into tokens. Never throws; malformed pieces become errors or Unknown tokens.</summary>
internal sealed class FormulaLexer
{
    private readonly string _s;
    private readonly int[] _columns;
    private readonly List<Token> _tokens = [];
    private readonly List<FormulaError> _errors;
    private int _i;
    private int _unknownEnd = -1;

    private FormulaLexer(string text, int[] columns, List<FormulaError> errors)
    {
        _s = text;
        _columns = columns;
        _errors = errors;
    }

    /// <summary>Tokenises <paramref name="source"/>; the last token is always <see cref="TokenKind.End"/>.</summary>
    public static List<Token> Lex(string source, List<FormulaError> errors)
    {
        var (text, columns, endColumn) = FormulaText.FoldWithColumns(source);
        var lexer = new FormulaLexer(text, columns, errors);
        lexer.Run();
        lexer._tokens.Add(new Token(TokenKind.End, endColumn, ""));
        return lexer._tokens;
    }

    private int Col(int index) => _columns[index];

    private char Peek(int offset) => _i + offset < _s.Length ? _s[_i + offset] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private void Run()
    {
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (char.IsWhiteSpace(c))
            {
                _i++;
                continue;
            }
            if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
            {
                LexNumber();
                continue;
            }
            if (c == '[' || c == '【')
            {
                LexBracketed(c, c == '[' ? ']' : '】');
                continue;
            }
            var rune = FormulaText.RuneAt(_s, _i, out var runeLength);
            if (FormulaText.IsIdentifierStart(rune))
            {
                LexIdentifier();
                continue;
            }
            var (kind, length) = c switch
            {
                '+' => (TokenKind.Plus, 1),
                '-' or '−' => (TokenKind.Minus, 1),
                '*' or '×' => (TokenKind.Star, 1),
                '/' or '÷' => (TokenKind.Slash, 1),
                '(' => (TokenKind.LParen, 1),
                ')' => (TokenKind.RParen, 1),
                ',' => (TokenKind.Comma, 1),
                '<' when Peek(1) == '=' => (TokenKind.Le, 2),
                '<' when Peek(1) == '>' => (TokenKind.Ne, 2),
                '<' => (TokenKind.Lt, 1),
                '>' when Peek(1) == '=' => (TokenKind.Ge, 2),
                '>' => (TokenKind.Gt, 1),
                '=' when Peek(1) == '=' => (TokenKind.Eq, 2),
                '=' => (TokenKind.Eq, 1),
                '!' when Peek(1) == '=' => (TokenKind.Ne, 2),
                '!' => (TokenKind.Not, 1),
                '≤' or '⩽' => (TokenKind.Le, 1),
                '≥' or '⩾' => (TokenKind.Ge, 1),
                '≠' => (TokenKind.Ne, 1),
                '&' when Peek(1) == '&' => (TokenKind.And, 2),
                '|' when Peek(1) == '|' => (TokenKind.Or, 2),
                _ => (TokenKind.Unknown, runeLength),
            };
            if (kind == TokenKind.Unknown) AddUnknown(length);
            else Add(kind, length);
        }
    }

    private void Add(TokenKind kind, int length)
    {
        _tokens.Add(new Token(kind, Col(_i), _s.Substring(_i, length)));
        _i += length;
    }

    private void AddUnknown(int length)
    {
        // A run of unrecognised characters is one token, so it is reported once.
        if (_unknownEnd == _i && _tokens.Count > 0 && _tokens[^1].Kind == TokenKind.Unknown)
        {
            var last = _tokens[^1];
            _tokens[^1] = last with { Text = last.Text + _s.Substring(_i, length) };
        }
        else
        {
            _tokens.Add(new Token(TokenKind.Unknown, Col(_i), _s.Substring(_i, length)));
        }
        _i += length;
        _unknownEnd = _i;
    }

    private void LexNumber()
    {
        var start = _i;
        while (_i < _s.Length && IsDigit(_s[_i])) _i++;
        var danglingPoint = false;
        if (_i < _s.Length && _s[_i] == '.')
        {
            _i++;
            danglingPoint = !(_i < _s.Length && IsDigit(_s[_i]));
            while (_i < _s.Length && IsDigit(_s[_i])) _i++;
        }
        var digits = _s[start.._i];
        if (danglingPoint)
            _errors.Add(new FormulaError(Col(start), $"数字 '{digits}' 格式不正确：小数点后应有数字"));
        if (!decimal.TryParse(digits[0] == '.' ? "0" + digits : digits, NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add(new FormulaError(Col(start), $"数字 '{digits}' 超出可表示的范围"));
            value = 0;
        }
        var percent = _i < _s.Length && _s[_i] == '%';
        if (percent) _i++;
        _tokens.Add(new Token(TokenKind.Number, Col(start), _s[start.._i], Number: value, Percent: percent));
    }

    private void LexBracketed(char open, char close)
    {
        var start = _i;
        var end = _s.IndexOf(close, start + 1);
        string name;
        if (end < 0)
        {
            _errors.Add(new FormulaError(Col(start), $"'{open}' 未闭合：缺少配对的 '{close}'"));
            name = _s[(start + 1)..].Trim();
            _i = _s.Length;
        }
        else
        {
            name = _s[(start + 1)..end].Trim();
            _i = end + 1;
            if (name.Length == 0) _errors.Add(new FormulaError(Col(start), $"'{open}{close}' 中的输入名称为空"));
        }
        _tokens.Add(new Token(TokenKind.Name, Col(start), _s[start.._i], Name: name, Bracketed: true));
    }

    private void LexIdentifier()
    {
        var start = _i;
        while (_i < _s.Length)
        {
            var r = FormulaText.RuneAt(_s, _i, out var n);
            if (!FormulaText.IsIdentifierPart(r)) break;
            _i += n;
        }
        var word = _s[start.._i];
        _tokens.Add(FormulaText.Keyword(word) is { } keyword
            ? new Token(keyword, Col(start), word)
            : new Token(TokenKind.Name, Col(start), word, Name: word));
    }
}
