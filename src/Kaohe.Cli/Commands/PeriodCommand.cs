using System.CommandLine;
using Kaohe.Data.Cycles;
using Kaohe.Data.Metrics;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe period close | reopen | list</c>: closing a month freezes its metrics. The same
/// <see cref="MonthClosing"/> service as the web's 已关闭月份 page and <c>/api/months</c>, with the same checks and
/// audit; the actor is the machine's user (whoever holds the database needs no account).
/// </summary>
internal static class PeriodCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("period", "期间：结账（冻结当月指标）、重新开账、查看已结账月份");
        command.Add(Month(io, "close", "结账：计算并冻结该月所有指标；之后导入不能再改动该月", (months, text, _) =>
        {
            var n = months.Close(Environment.UserName, text);
            io.Out.WriteLine($"{text}已结账，冻结 {n:N0} 个指标值。");
        }));
        var reason = new Option<string>("--reason") { Description = "重新开账的原因（必填，记入审计）", Required = true };
        var reopen = Month(io, "reopen", "重新开账最后一个已结账月份（丢弃其冻结的指标值）", (months, text, parse) =>
        {
            months.Reopen(Environment.UserName, text, parse.GetValue(reason) ?? "");
            io.Out.WriteLine($"{text}已重新开账（已记入审计）。");
        });
        reopen.Add(reason);
        command.Add(reopen);
        var db = DatabaseOption.Create();
        var list = new Command("list", "列出已结账的月份") { db };
        list.SetAction(parse =>
        {
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var closed = new MonthClosing(ctx).View().Closed;
            io.Out.WriteLine(closed.Count == 0 ? "还没有结账的月份。" : "已结账：" + string.Join("、", closed.Reverse().Select(m => m.Month)));
            return KaoheCli.Ok;
        });
        command.Add(list);
        return command;
    }

    private static Command Month(CliIO io, string name, string description, Action<MonthClosing, string, ParseResult> act)
    {
        var month = new Argument<string>("month") { Description = "月份，例如 2026-10" };
        var db = DatabaseOption.Create();
        var command = new Command(name, description) { month, db };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(month)!;
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            try
            {
                act(new MonthClosing(ctx), text, parse);
            }
            catch (CycleException e)
            {
                throw new CliException(e.Message);
            }
            return KaoheCli.Ok;
        });
        return command;
    }
}
