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
}
