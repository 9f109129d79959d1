using System.Text.RegularExpressions;
using Kaohe.Core.Model;

namespace Kaohe.Schemes.Editing;

/// <summary>
/// Messages of the loader and the linter as the editor shows them: without YAML key names and parser English, which
/// stay in the detail behind the disclosure. What is left is the Chinese of the original message.
/// </summary>
public static class EditorWords
{
    private static readonly (string From, string To)[] Words =
    [
        ("没有分值（points）", "没有分值"),
        ("（保持原表数字；可用 normalise_to 折算）", "（可在表头的“折算为”中按 100 分折算）"),
        ("指标应设 unit: yuan", "本项应设为金额项（元）"),
        ("方案编号（id）", "方案编号"),
        ("方案别名（slug）", "方案别名"),
        ("round_items 应为 0–6 的整数（小数位数）", "逐项保留的小数位数应为 0–6 的整数"),
        ("按比例（fraction）的等级需要指标有 points", "按比例的等级需要本项有分值"),
        ("未在 raters 中定义", "不在评分人名单中"),
    ];

    /// <summary>A message in plain Chinese; <paramref name="line"/> (when &gt; 0) is named in front of it.</summary>
    public static string Plain(string message, int line = 0)
    {
        var text = message;
        if (text.StartsWith("YAML 语法错误", StringComparison.Ordinal)) text = "写法有误（不是有效的 YAML 格式，详见技术细节）";
        else if (text.StartsWith("YAML 中有重复的键", StringComparison.Ordinal)) text = "同一设置项写了两次";
        else if (text.StartsWith("未知字段“", StringComparison.Ordinal)) text = "未知的设置项" + text["未知字段".Length..];
        else if (text.StartsWith("缺少必填字段“", StringComparison.Ordinal)) text = "缺少" + text["缺少必填字段".Length..];
        else if (text.StartsWith("缺少计分规则", StringComparison.Ordinal)) text = "缺少计分规则";
        else if (text.StartsWith("只能有一种计分规则", StringComparison.Ordinal)) text = "只能写一种计分规则";
        foreach (var (from, to) in Words) text = text.Replace(from, to, StringComparison.Ordinal);
        return line > 0 ? $"第 {line} 行：{text}" : text;
    }

    /// <summary>Families of rule codes (RULES.md) and the word a reader knows them by.</summary>
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["G"] = "通用约定", ["KF"] = "指标说明", ["BL"] = "基数比较", ["TB"] = "分档", ["DD"] = "扣分", ["QR"] = "等级评分",
        ["WS"] = "计分方式", ["LV"] = "等级评分", ["PC"] = "同级比较", ["RK"] = "排名", ["PO"] = "奖金", ["LN"] = "线性计分",
        ["BP"] = "加减分", ["VT"] = "否决", ["CF"] = "系数", ["FM"] = "公式",
    };

    // One reference: a RULES section (RULES §21、§25), a rule code (WS-06, BL-01/02/03, G6; not a scheme number such as
    // TPL-01), or a place in the source sheets (S1 L56-124).
    private const string OneCode = @"(?:RULES\s*)?§\s*\d+(?:\s*[、，,]\s*§\s*\d+)*|RULES|\b(?!TPL-)[A-Z]{1,3}-\d{2}(?:/\d{2})*\b|\bG\d{1,2}\b|\bS\d+\s+L\d+(?:-\d+)?\b";
    private static readonly Regex Codes = new($@"(?:{OneCode})(?:\s*[/、，,]\s*(?:{OneCode}))*", RegexOptions.CultureInvariant);
    private static readonly Regex Parenthesised = new(@"（([^（）]*)）", RegexOptions.CultureInvariant);
    private static readonly Regex LeadingCodes = new($@"^\s*(?:{Codes})\s*[：:，,、]?\s*", RegexOptions.CultureInvariant);
    private static readonly Regex FamilyItems = new(@"\b(BL|TB|DD|QR|WS|LV)(?=\s*项)", RegexOptions.CultureInvariant);
    private static readonly Regex Leftover = new(@"^[\sA-Za-z/、，,：:;；.]*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// A note of a scheme (the clerk's remarks on the form) without the codes of the rules document: a parenthesis that
    /// only cites codes goes, a code that opens a parenthesis is dropped from it, and a code in the sentence becomes the
    /// word of its family (“按 G6 得满分” → “按通用约定得满分”). The original stays in the technical detail.
    /// </summary>
    public static string WithoutCodes(string note)
    {
        if (!Codes.IsMatch(note)) return note;
        var text = Parenthesised.Replace(note, m =>
        {
            var inner = LeadingCodes.Replace(m.Groups[1].Value, "");
            inner = Codes.Replace(inner, "");
            inner = Regex.Replace(inner, @"\s{2,}", " ").Trim();
            return Leftover.IsMatch(inner) ? "" : $"（{inner}）";
        });
        text = Codes.Replace(text, m => Word(m.Value));
        text = FamilyItems.Replace(text, m => Families[m.Value]);
        // Spaces that separated a code from Chinese text are no longer needed.
        text = Regex.Replace(text, @"(?<=[\p{IsCJKUnifiedIdeographs}（“])\s+(?=[\p{IsCJKUnifiedIdeographs}（“])|(?<=[\p{IsCJKUnifiedIdeographs}])\s+(?=[，。；：）])|(?<=[，。；：、（])\s+", "");
        return Regex.Replace(text, @" {2,}", " ").Trim();
    }

    private static string Word(string codes)
    {
        var first = Regex.Match(codes, @"RULES|§|[A-Z]{1,3}(?=-\d)|G(?=\d)|S(?=\d)").Value;
        return first switch
        {
            "RULES" or "§" => "",
            "S" => "",
            _ => Families.GetValueOrDefault(first, ""),
        };
    }

    /// <summary>The scheme as a reader sees it: its notes and the items' notes <see cref="WithoutCodes"/>.</summary>
    public static Scheme ForReaders(Scheme scheme) => scheme with
    {
        Notes = [.. scheme.Notes.Select(WithoutCodes)],
        Lost = [.. scheme.Lost.Select(WithoutCodes)],
        Sections = [.. scheme.Sections.Select(s => s with
        {
            Indicators = [.. s.Indicators.Select(i => i.Note is null ? i : i with { Note = WithoutCodes(i.Note) })],
        })],
    };
}
