using System.CommandLine;
using System.Diagnostics;
using Kaohe.Data;
using Kaohe.Data.Demo;
using Kaohe.Data.Time;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe demo</c>: builds the demo company in the (default) database — 4 departments, 8 offices,
/// 60 customer managers, 20,000 customers, 24 months ending with the last full month — and closes every month,
/// so that <c>kaohe appraise --scheme TPL-04 --period &lt;that month&gt;</c> works at once.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliIO io)
    {
        var seed = new Option<int>("--seed") { Description = "随机种子：相同种子生成完全相同的数据", DefaultValueFactory = _ => 20261 };
        var last = new Option<string?>("--last-month") { Description = "历史的最后一个月（默认：今天之前最后一个完整月份）" };
        var force = new Option<bool>("--force") { Description = "默认 SQLite 数据库已有数据时，删除后重建" };
        var customers = new Option<int>("--customers") { Description = "客户数（默认 20000；测试时可用小规模）", DefaultValueFactory = _ => 20_000 };
        var db = DatabaseOption.Create();
        var command = new Command("demo", "生成演示公司（4 个部门、8 个办事处、60 名客户经理、2 万客户、24 个月历史）并逐月结账")
        {
            seed, last, force, customers, db,
        };
        command.SetAction(parse => Run(io, parse.GetValue(seed), parse.GetValue(last), parse.GetValue(force), parse.GetValue(customers), parse.GetValue(db)));
        return command;
    }

    private static int Run(CliIO io, int seed, string? lastMonth, bool force, int customers, string? connection)
    {
        var lastKey = DemoCompany.LastFullMonthBefore(DateOnly.FromDateTime(DateTime.Now));
        if (lastMonth is not null)
        {
            if (!Period.TryParse(lastMonth, out var p) || p.Kind != PeriodKind.Month)
                throw new CliException($"--last-month “{lastMonth}” 应为月份，例如 2026-10");
            lastKey = p.FirstMonth;
        }
        if (customers is < 100 or > 1_000_000) throw new CliException("--customers 应在 100 到 1000000 之间");
        connection ??= Environment.GetEnvironmentVariable("KAOHE_DB");
        if (force)
        {
            if (!string.IsNullOrWhiteSpace(connection))
                throw new CliException("--force 只用于默认的 SQLite 数据库；其他数据库请自行清空后再运行");
            var file = Path.Combine(KaoheDatabase.DefaultDataDirectory, "kaohe.db");
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        var database = DatabaseOption.Open(connection);
        var clock = Stopwatch.StartNew();
        io.Err.WriteLine($"生成演示数据到 {database.Describe()} …");
        DemoSummary summary;
        try
        {
            summary = DemoCompany.Create(database, new DemoOptions { LastMonth = lastKey, Seed = seed, Customers = customers },
                new Progress(line => io.Err.WriteLine($"  {line}…")));
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message + (string.IsNullOrWhiteSpace(connection) ? "。可加 --force 删除默认数据库后重建。" : "。"));
        }
        io.Err.WriteLine($"  逐月结账 {Period.FromMonthKey(summary.FirstMonth)} … {Period.FromMonthKey(summary.LastMonth)}…");
        DemoCompany.CloseAll(database, summary, "kaohe demo");
        var period = Period.FromMonthKey(summary.LastMonth);
        io.Out.WriteLine($"演示公司已生成（{clock.Elapsed.TotalSeconds:0.0} 秒）：{database.Describe()}");
        io.Out.WriteLine($"  组织 {summary.Units} 个（其中办事处 {summary.Offices} 个），员工 {summary.Staff} 人（客户经理 {summary.Managers} 人），客户 {summary.Customers:N0} 个");
        io.Out.WriteLine($"  客户事件 {summary.Events:N0}，投诉 {summary.Complaints:N0}，拜访回访 {summary.Visits:N0}，销售 {summary.Sales:N0}，回款 {summary.Collections:N0}，其他记录 {summary.Other:N0}");
        io.Out.WriteLine($"  历史 {Period.FromMonthKey(summary.FirstMonth)} … {period}，全部已结账");
        io.Out.WriteLine("试试：");
        io.Out.WriteLine($"  kaohe appraise --scheme TPL-04 --period {period}");
        io.Out.WriteLine($"  kaohe metrics --period {period} --unit HZ");
        io.Out.WriteLine($"  kaohe metrics explain churn_rate --period {period} --unit HZ");
        return KaoheCli.Ok;
    }

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
