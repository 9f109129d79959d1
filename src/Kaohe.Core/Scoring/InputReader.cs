using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.Core.Scoring;

/// <summary>
/// Reads the fields of one indicator's input for its rule, recording every problem with subject,
/// indicator and value. Field names accept the English keys of the JSON contract and their Chinese
/// equivalents (value/值/实际, baseline/基数, target/目标, score/评分).
/// </summary>
public sealed class InputReader
{
    private static readonly ImmutableDictionary<string, string[]> Aliases = new Dictionary<string, string[]>
    {
        ["value"] = ["value", "值", "实际", "实际值", "完成", "實際", "實際值"],
        ["baseline"] = ["baseline", "基数", "基准", "基數", "基準"],
        ["target"] = ["target", "目标", "目标值", "计划", "目標", "目標值", "計劃"],
        ["score"] = ["score", "评分", "得分", "分值", "評分", "分值"],
        ["grade"] = ["grade", "等级", "等級"],
    }.ToImmutableDictionary();

    private readonly List<ScoringError> _errors;

    /// <summary>Creates a reader over <paramref name="raw"/> (null when the input is missing).</summary>
    public InputReader(string subject, string indicator, RawInput? raw, List<ScoringError> errors, string? location = null)
    {
        Subject = subject;
        Indicator = indicator;
        Raw = raw;
        _errors = errors;
        Location = location;
    }

    /// <summary>The subject name.</summary>
    public string Subject { get; }
    /// <summary>The indicator name (with part name for composite parts).</summary>
    public string Indicator { get; }
    /// <summary>The raw input; null when missing.</summary>
    public RawInput? Raw { get; }
    /// <summary>Where the subject came from.</summary>
    public string? Location { get; }
    /// <summary>Whether any error was recorded through this reader.</summary>
    public bool Failed { get; private set; }

    /// <summary>Records an error about this indicator.</summary>
    public void Error(string message, string? value = null)
    {
        Failed = true;
        _errors.Add(new ScoringError(Subject, Indicator, value ?? Raw?.Display, message, Location));
    }

    /// <summary>A reader for a sub-field (a composite part, a clause), or null input when absent.</summary>
    public InputReader Sub(string name) =>
        new(Subject, Indicator + "[" + name + "]", Field(name), _errors, Location);

    /// <summary>Whether the input was given at all.</summary>
    public bool IsMissing => Raw is null || (Raw is RawScalar s && ValueParser.Normalize(s.Text).Length == 0);

    /// <summary>A named field: "value" is the scalar itself; other keys are looked up with their aliases.</summary>
    public RawInput? Field(string key)
    {
        if (Raw is null) return null;
        if (Raw is RawObject o)
        {
            var candidates = Aliases.TryGetValue(key, out var names) ? names : [key];
            // Exact keys first (the common case, and cheap); then full-width/case variants.
            foreach (var k in candidates)
                if (o.Fields.TryGetValue(k, out var exact)) return exact;
            foreach (var k in candidates)
            {
                var nk = ValueParser.Normalize(k);
                foreach (var (fk, fv) in o.Fields)
                    if (string.Equals(ValueParser.Normalize(fk), nk, StringComparison.OrdinalIgnoreCase)) return fv;
            }
            return null;
        }
        return key == "value" ? Raw : null;
    }

    /// <summary>The field as a scalar; records an error if it is a list or object.</summary>
    public RawScalar? Scalar(string key, bool required)
    {
        var f = Field(key);
        if (f is null || (f is RawScalar s0 && ValueParser.Normalize(s0.Text).Length == 0))
        {
            if (required) Error(key == "value" ? "缺少输入" : $"缺少“{FieldWord(key)}”");
            return null;
        }
        if (f is RawScalar s) return s;
        Error($"“{FieldWord(key)}”应为单个值", f.Display);
        return null;
    }

    /// <summary>Reads a numeric field; null result value with <c>NoData</c>/<c>NotApplicable</c> flags as given.</summary>
    public ParsedValue? Number(string key, ValueUnit unit, bool required = true, bool allowNegative = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        var p = ValueParser.Parse(s, unit, allowNegative);
        if (p.Error is not null)
        {
            Error((key == "value" ? "" : FieldWord(key) + "：") + p.Error, s.Text);
            return null;
        }
        return p;
    }

    /// <summary>Reads a numeric field that must be a number (no "无数据").</summary>
    public decimal? Require(string key, ValueUnit unit, bool allowNegative = true)
    {
        var p = Number(key, unit, true, allowNegative);
        if (p is null) return null;
        if (p.Value.Value is null)
        {
            Error($"“{FieldWord(key)}”必须是数值", Field(key)?.Display);
            return null;
        }
        return p.Value.Value;
    }

    /// <summary>The display name of a field key.</summary>
    public static string FieldWord(string key) => key switch
    {
        "value" => "值",
        "baseline" => "基数",
        "target" => "目标",
        "score" => "评分",
        "grade" => "等级",
        _ => key,
    };
}
