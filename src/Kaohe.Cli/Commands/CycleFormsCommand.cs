using System.CommandLine;
using Kaohe.Cli.IO;
using Kaohe.Data.Cycles;
using Kaohe.Data.Offline;
using Kaohe.IO.Offline;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe cycle forms | forms-upload</c> (subcommands of <see cref="CycleCommand"/>): offline rating of a cycle
/// (issue 13) — its open forms as a workbook, and the filled workbook back as drafts, through the same
/// <see cref="OfflineRating"/> as the web. The machine's user acts with HR's reach (an upload is audited as done on the
/// raters' behalf); <c>--as</c> acts as a rater account instead.
/// </summary>
internal static class CycleFormsCommand
{
    private static Option<int> CycleOption() => new("--cycle") { Description = "考核编号（网页上考核地址中的数字）", Required = true };

    private static Option<string?> AsOption() => new("--as") { Description = "以某个账号（登录名）的身份操作，只含其本人的评分表；不写时以考核管理员身份操作全部未提交的评分表" };

    private static Actor ActorOf(Kaohe.Data.KaoheDb db, string? user)
    {
        if (string.IsNullOrWhiteSpace(user)) return ResultsCommand.Machine;
        var account = db.Accounts.AsNoTracking().SingleOrDefault(a => a.UserName == user.Trim())
                      ?? throw new CliException($"找不到账号“{user.Trim()}”");
        if (account.Disabled) throw new CliException($"账号“{account.UserName}”已停用");
        return Actor.Of(account);
    }

    public static Command Forms(CliIO io)
    {
        var cycle = CycleOption();
        var output = new Option<string>("--out", "-o") { Description = "输出的 .xlsx 文件", Required = true };
        var who = AsOption();
        var db = DatabaseOption.Create();
        var command = new Command("forms", "下载离线评分表：每位评分人每种评分表一个工作表，每行一位被考核人") { cycle, output, who, db };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw new CliException("--out 应为 .xlsx 文件");
            OutputFile.Check(path);
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var actor = ActorOf(ctx, parse.GetValue(who));
            var id = parse.GetValue(cycle);
            var count = 0;
            OutputFile.Write(path, s => count = ResultsCommand.Service(() => new OfflineRating(new CycleService(ctx)).DownloadAsync(actor, id, s).GetAwaiter().GetResult()));
            io.Out.WriteLine($"考核{id}的 {count} 张未提交评分表已写入 {path}。");
            return KaoheCli.Ok;
        });
        return command;
    }

    public static Command Upload(CliIO io)
    {
        var cycle = CycleOption();
        var file = new Option<string>("--file") { Description = "填好的离线评分表（.xlsx）", Required = true };
        var who = AsOption();
        var db = DatabaseOption.Create();
        var command = new Command("forms-upload", "上传填好的离线评分表：全部无误才保存为草稿（不提交），有错时列出每一处（工作表、行、列）") { cycle, file, who, db };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"找不到文件“{path}”");
            if (new FileInfo(path).Length > XlsxSheetsReader.MaxFileBytes)
                throw new CliException($"文件“{Path.GetFileName(path)}”超过离线评分表的上限 {XlsxSheetsReader.MaxFileBytes / 1024 / 1024} MB");
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var actor = ActorOf(ctx, parse.GetValue(who));
            using var content = new MemoryStream(File.ReadAllBytes(path));
            var outcome = ResultsCommand.Service(() => new OfflineRating(new CycleService(ctx)).Upload(actor, parse.GetValue(cycle), content, Path.GetFileName(path)));
            if (outcome.Problems.Count > 0)
            {
                foreach (var p in outcome.Problems) io.Err.WriteLine(p.ToString());
                io.Err.WriteLine($"离线评分表有 {outcome.Problems.Count} 处问题，未保存任何内容。");
                return KaoheCli.BadInput;
            }
            io.Out.WriteLine($"已保存 {outcome.Saved} 张评分表为草稿" + (outcome.Unchanged > 0 ? $"，{outcome.Unchanged} 张与系统中相同未改动" : "") + "。");
            return KaoheCli.Ok;
        });
        return command;
    }
}
