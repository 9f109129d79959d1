using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Kaohe.Core.Text;

namespace Kaohe.IO;

/// <summary>
/// The one-row-per-subject layout shared by CSV and the XLSX 结果 sheet: 对象, 总分, 等级, 奖金 (金额 and
/// 排名 when the scheme has them), then per indicator its score and a <c>指标名[评分依据]</c> column.
/// </summary>
internal sealed class ResultTable
{
    private readonly bool _money;
    private readonly bool _ranking;
    private readonly string[] _indicators;

    public ResultTable(Scheme scheme)
    {
        _money = scheme.Indicators.Any(i => i.Unit == ScoreUnit.Yuan);
        _ranking = scheme.Ranking is not null;
        _indicators = [.. scheme.Indicators.Select(i => i.Name)];
        var header = new List<string> { "对象", "总分", "等级", "奖金" };
        if (_money) header.Add("金额");
        if (_ranking) header.AddRange(["排名", "排名奖惩"]);
        foreach (var name in _indicators)
        {
            header.Add(name);
            header.Add(name + "[评分依据]");
        }
        // Indicator names come from the user's scheme: a header cell is a text cell like any other.
        Header = [.. header.Select(CellText.Safe)];
    }

    /// <summary>The column names (already neutralised).</summary>
    public string[] Header { get; }

    /// <summary>The cells of one subject: text (already neutralised), decimals for numbers, null for empty.</summary>
    public object?[] Row(SubjectResult r)
    {
        var cells = new object?[Header.Length];
        var k = 0;
        cells[k++] = CellText.Safe(r.Subject);
        cells[k++] = Fmt.Round2(r.Total);
        cells[k++] = r.Grade is null ? null : CellText.Safe(r.Grade);
        cells[k++] = r.Payout;
        if (_money) cells[k++] = r.Money;
        if (_ranking)
        {
            cells[k++] = r.Rank is { } rank ? (decimal)rank : null;
            cells[k++] = r.RankAmount;
        }
        // Results come in scheme order; look up by name only if that ever changes.
        for (var i = 0; i < _indicators.Length; i++)
        {
            var ind = i < r.Indicators.Length && r.Indicators[i].Name == _indicators[i]
                ? r.Indicators[i]
                : r.Indicators.FirstOrDefault(x => x.Name == _indicators[i]);
            cells[k++] = ind?.Score is { } s ? Fmt.Round2(s) : null;
            cells[k++] = ind is null ? null : CellText.Safe(ind.Explanation);
        }
        return cells;
    }
}
