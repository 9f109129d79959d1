using System.CommandLine;
using Kaohe.Data.Metrics;
using Kaohe.Data.Time;

namespace Kaohe.Cli.Commands;

/// <summary><c>kaohe period close | reopen | list</c>: closing a month freezes its metrics.</summary>
internal static class PeriodCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("period", "期间：结账（冻结当月指标）、重新开账、查看已结账月份");
        command.Add(Month(io, "close", "结账：计算并冻结该月所有指标；之后导入不能再改动该月", (store, p, _) =>
        {
            var n = store.Close(p, Environment.UserName, DateTime.UtcNow);
            io.Out.WriteLine($"{p.Label}已结账，冻结 {n:N0} 个指标值。");
        }));
        var reason = new Option<string>("--reason") { Description = "重新开账的原因（必填，记入审计）", Required = true };
        var reopen = Month(io, "reopen", "重新开账最后一个已结账月份（丢弃其冻结的指标值）", (store, p, parse) =>
        {
            store.Reopen(p, Environment.UserName, DateTime.UtcNow, parse.GetValue(reason) ?? "");
            io.Out.WriteLine($"{p.Label}已重新开账（已记入审计）。");
        });
        reopen.Add(reason);
        command.Add(reopen);
        var db = DatabaseOption.Create();
        var list = new Command("list", "列出已结账的月份") { db };
        list.SetAction(parse =>
        {
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var months = new MetricStore(ctx).ClosedMonths();
            io.Out.WriteLine(months.Count == 0 ? "还没有结账的月份。" : "已结账：" + string.Join("、", months.Select(m => Period.FromMonthKey(m).ToString())));
            return KaoheCli.Ok;
        });
        command.Add(list);
        return command;
    }

    private static Command Month(CliIO io, string name, string description, Action<MetricStore, Period, ParseResult> act)
    {
        var month = new Argument<string>("month") { Description = "月份，例如 2026-10" };
        var db = DatabaseOption.Create();
        var command = new Command(name, description) { month, db };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(month)!;
            if (!Period.TryParse(text, out var p) || p.Kind != PeriodKind.Month)
                throw new CliException($"“{text}”不是月份：请写成 2026-10");
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            try
            {
                act(new MetricStore(ctx), p, parse);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }
            return KaoheCli.Ok;
        });
        return command;
    }
}
