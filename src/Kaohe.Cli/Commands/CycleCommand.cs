using System.CommandLine;
using Kaohe.Data.Documents;
using Kaohe.IO.Documents;
using static Kaohe.Cli.Commands.ResultsCommand;

namespace Kaohe.Cli.Commands;

/// <summary>
/// <c>kaohe cycle export</c>: a cycle's results as the paper forms (issue 13) for automation — one workbook (a summary
/// sheet and one sheet per appraisee in the form layout) or one PDF (one appraisee per page, printed by headless
/// Chromium). The same documents as the cycle page's downloads (<see cref="PaperDocuments"/>), read in batches; the
/// actor is the machine's user (<see cref="Kaohe.Data.Cycles.Actor.Machine"/>). The file replaces the target only when
/// it was written whole.
/// </summary>
internal static class CycleCommand
{
    public static Command Create(CliIO io)
    {
        var cycle = new Option<int>("--cycle", "-c") { Description = "考核编号（网页“考核管理”中考核地址里的数字）", Required = true };
        var format = new Option<string?>("--format", "-f") { Description = "输出格式：xlsx（汇总表 + 每人一张纸质表）或 pdf（每人一页）；不写时按 --out 的扩展名" };
        format.AcceptOnlyFromAmong("xlsx", "pdf");
        var output = new Option<string>("--out", "-o") { Description = "输出文件", Required = true };
        var db = DatabaseOption.Create();
        var export = new Command("export", "导出一个考核的全部结果：Excel（汇总表和每人一张纸质表）或 PDF（每人一页，可打印签字）")
        {
            cycle, format, output, db,
        };
        export.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            var fmt = OutputFile.Format(parse.GetValue(format), outPath, "", "xlsx", "pdf");
            if (fmt is not ("xlsx" or "pdf")) throw new CliException("请用 --format 指定 xlsx 或 pdf，或让 --out 以 .xlsx / .pdf 结尾");
            OutputFile.Check(outPath);
            using var ctx = DatabaseOption.Open(parse.GetValue(db)).CreateContext();
            var docs = Service(() => new PaperDocuments(ctx).Cycle(Machine, parse.GetValue(cycle)));
            if (docs.Count == 0) throw new CliException("该考核没有考核对象，没有可导出的内容");
            // No synchronization context at the command line: waiting for the writers here cannot deadlock.
            if (fmt == "xlsx")
                OutputFile.Write(outPath, s => PaperWorkbook.WriteAsync(s, docs.Summary, docs.Forms).GetAwaiter().GetResult());
            else
                OutputFile.Write(outPath, s => Pdf(io, docs, s));
            io.Out.WriteLine($"已导出“{docs.Title}”的 {docs.Count:N0} 个结果到 {outPath}");
            return KaoheCli.Ok;
        });
        return new Command("cycle", "考核：导出结果、下载和上传离线评分表") { export, CycleFormsCommand.Forms(io), CycleFormsCommand.Upload(io) };
    }

    private static void Pdf(CliIO io, CycleDocuments docs, Stream target)
    {
        var pdf = Path.Combine(Path.GetTempPath(), "kaohe-cli-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            PaperPdf.WriteAsync(pdf, docs.Title, docs.Forms, PaperPdf.TimeLimit(docs.Count), n =>
            {
                if (n % 100 == 0 || n == docs.Count) io.Err.WriteLine($"已整理 {n:N0} / {docs.Count:N0} 人");
            }).GetAwaiter().GetResult();
            using var file = File.OpenRead(pdf);
            file.CopyTo(target);
        }
        catch (PrintException e)
        {
            throw new CliException(e.Detail is { } detail ? $"{e.Message}\n浏览器输出：{detail}" : e.Message);
        }
        finally
        {
            File.Delete(pdf);
        }
    }
}
