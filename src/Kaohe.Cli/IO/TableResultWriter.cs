using System.Text;
using Kaohe.Core.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Spectre.Console;

namespace Kaohe.Cli.IO;

/// <summary>Output for people: per subject a table of indicators (得分, 满分, 评分依据), then total, grade and payout.</summary>
internal sealed class TableResultWriter : ResultWriter
{
    private readonly StreamWriter _w;
    private readonly IAnsiConsole _console;

    public TableResultWriter(Stream stream, Scheme scheme) : base(scheme)
    {
        _w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        _console = PlainConsole.Create(_w);
    }

    protected override void Begin(string? period)
    {
        _w.WriteLine($"{Scheme.Name}（{Scheme.Id}）" + (period is null ? "" : $"　期间：{period}"));
        _w.WriteLine();
    }

    protected override void WriteResult(SubjectInput input, SubjectResult r)
    {
        var table = new Table().Border(TableBorder.Square).Title(Markup.Escape(r.Display));
        table.AddColumn("分组");
        table.AddColumn("指标");
        table.AddColumn(new TableColumn("得分").RightAligned());
        table.AddColumn(new TableColumn("满分").RightAligned());
        table.AddColumn("评分依据");
        foreach (var i in r.Indicators)
        {
            var score = i.Score is { } s ? Fmt.Num(s) + (i.Unit == ScoreUnit.Yuan ? " 元" : "") : Words.Status(i.Status);
            table.AddRow(
                new Spectre.Console.Text(i.Section),
                new Spectre.Console.Text(i.Name),
                new Spectre.Console.Text(score),
                new Spectre.Console.Text(i.Max is { } m ? Fmt.Num(m) : ""),
                new Spectre.Console.Text(i.Explanation));
        }
        _console.Write(table);
        _w.WriteLine($"总分：{Fmt.Num(r.Total)}　（{r.TotalExplanation}）");
        if (r.Grade is not null) _w.WriteLine($"等级：{r.Grade}　（{r.GradeExplanation}）");
        if (r.Payout is { } p) _w.WriteLine($"奖金：{Fmt.Num(p)} 元　（{r.PayoutExplanation}）");
        else if (Scheme.Payout is not null && r.PayoutExplanation is not null) _w.WriteLine($"奖金：—　（{r.PayoutExplanation}）");
        if (r.Money is { } money) _w.WriteLine($"金额：{Fmt.Num(money)} 元");
        if (r.Rank is { } rank) _w.WriteLine($"排名：第 {rank} 名" + (r.RankAmount is { } a ? $"，{Fmt.Signed(a)} 元" : "") + $"　（{r.RankExplanation}）");
        _w.WriteLine();
    }

    protected override void End(string? period) => _w.Flush();

    public override void Dispose() => _w.Dispose();
}
