using System.Diagnostics;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.Core.Text;

/// <summary>The Chinese words the forms use for the model's enums.</summary>
public static class Words
{
    /// <summary>定性 / 定量 / 加分 / 扣分 / 否决.</summary>
    public static string Category(IndicatorCategory c) => c switch
    {
        IndicatorCategory.Qualitative => "定性",
        IndicatorCategory.Quantitative => "定量",
        IndicatorCategory.Bonus => "加分",
        IndicatorCategory.Deduction => "扣分",
        IndicatorCategory.Veto => "否决",
        _ => throw new UnreachableException(),
    };

    /// <summary>部门 / 办事处 / 个人 / 团队.</summary>
    public static string Subject(SubjectKind k) => k switch
    {
        SubjectKind.Department => "部门",
        SubjectKind.Office => "办事处",
        SubjectKind.Person => "个人",
        SubjectKind.Team => "团队",
        _ => throw new UnreachableException(),
    };

    /// <summary>日 / 周 / 月 / 季度 / 半年 / 年.</summary>
    public static string Period(PeriodKind p) => p switch
    {
        PeriodKind.Day => "日",
        PeriodKind.Week => "周",
        PeriodKind.Month => "月",
        PeriodKind.Quarter => "季度",
        PeriodKind.HalfYear => "半年",
        PeriodKind.Year => "年",
        _ => throw new UnreachableException(),
    };

    /// <summary>The machine-readable status of an indicator result in JSON output.</summary>
    public static string StatusToken(IndicatorStatus s) => s switch
    {
        IndicatorStatus.Scored => "scored",
        IndicatorStatus.Excluded => "excluded",
        IndicatorStatus.PeerAverage => "peer_average",
        IndicatorStatus.VetoTriggered => "veto",
        IndicatorStatus.Failed => "failed",
        _ => throw new UnreachableException(),
    };

    /// <summary>The status in words, for people.</summary>
    public static string Status(IndicatorStatus s) => s switch
    {
        IndicatorStatus.Scored => "已评分",
        IndicatorStatus.Excluded => "不计",
        IndicatorStatus.PeerAverage => "取同批平均",
        IndicatorStatus.VetoTriggered => "触发否决",
        IndicatorStatus.Failed => "无法评分",
        _ => throw new UnreachableException(),
    };

    /// <summary>The points a scheme is out of: its declared total, or the sum of its scoring items.</summary>
    public static decimal? TotalPoints(Scheme scheme)
    {
        if (scheme.NominalTotal is { } t) return t;
        decimal sum = 0;
        var any = false;
        foreach (var section in scheme.Sections)
        {
            if (section.ScaleTo is { } scale)
            {
                sum += section.Weight is { } w ? scale * w : scale;
                any = true;
                continue;
            }
            foreach (var i in section.Indicators)
            {
                if (i.Unit != ScoreUnit.Points || i.Points is not { } p || i.Category is IndicatorCategory.Bonus or IndicatorCategory.Deduction or IndicatorCategory.Veto) continue;
                sum += section.Weight is { } w ? p * w : p;
                any = true;
            }
        }
        return any ? sum : null;
    }
}
