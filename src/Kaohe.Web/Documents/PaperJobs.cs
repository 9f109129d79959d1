using System.Collections.Concurrent;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Documents;
using Kaohe.IO.Documents;

namespace Kaohe.Web.Documents;

/// <summary>Where a cycle's PDF job is: written so far of how many, and the file once done.</summary>
public sealed record PaperJobStatus(string Id, string State, string StateName, int Done, int Total, string? Error, string? FileName);

/// <summary>
/// A whole cycle printed to PDF in the background (issue 13): the user starts it, the cycle page shows how many
/// appraisees are written, then the printing, then offers the file. The access check is made when the job starts
/// (by <see cref="PaperDocuments.Cycle"/>, the same as the page's), and only the account that started a job sees it
/// and its file. At most <see cref="MaxRunning"/> jobs run at once (each runs a browser); files are removed an hour
/// after they were made, and when the application stops.
/// </summary>
public sealed class PaperJobs(KaoheDatabase database, ILogger<PaperJobs> log, TimeProvider? clock = null) : IDisposable
{
    public const int MaxRunning = 2;
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private sealed class Job(string id, int owner, string fileName, int total, DateTimeOffset started)
    {
        public string Id { get; } = id;
        public int Owner { get; } = owner;
        public string FileName { get; } = fileName;
        public int Total { get; } = total;
        public DateTimeOffset Started { get; } = started;
        public string File { get; } = Path.Combine(Path.GetTempPath(), "kaohe-job-" + id + ".pdf");
        public volatile int Done;
        public volatile string State = "writing";
        public volatile string? Error;

        public PaperJobStatus Status() => new(Id, State, State switch
        {
            "writing" => "正在整理",
            "printing" => "正在生成 PDF",
            "done" => "已完成",
            _ => "失败",
        }, Done, Total, Error, State == "done" ? FileName : null);
    }

    /// <summary>Starts printing the cycle's results for <paramref name="actor"/>; refused (404/403/429) before anything starts.</summary>
    public PaperJobStatus Start(Actor actor, int cycleId)
    {
        Sweep();
        if (_jobs.Values.Count(j => j.State is "writing" or "printing") >= MaxRunning)
            throw new CycleException("正在生成的 PDF 较多，请一分钟后再试", 429);
        string title;
        int count;
        using (var db = database.CreateContext())
        {
            var cycle = new PaperDocuments(db, _clock).Cycle(actor, cycleId);
            (title, count) = (cycle.Title, cycle.Count);
        }
        if (count == 0) throw new CycleException("该考核没有你可查看的考核对象，无可打印的内容", 404);
        var job = new Job(Guid.NewGuid().ToString("N"), actor.AccountId, DownloadName.Of($"考核结果-{title}", "pdf"), count, _clock.GetUtcNow());
        _jobs[job.Id] = job;
        _ = Task.Run(() => Run(job, actor, cycleId));
        return job.Status();
    }

    /// <summary>A job of the actor's, or null (another user's job is not theirs to see).</summary>
    public PaperJobStatus? Get(Actor actor, string id) => Find(actor, id)?.Status();

    /// <summary>The finished PDF of a job of the actor's: its path and the name to download it as.</summary>
    public (string Path, string FileName) File(Actor actor, string id)
    {
        var job = Find(actor, id) ?? throw CycleException.NotFound("打印任务");
        if (job.State != "done") throw new CycleException(job.Error ?? "PDF 尚未生成完毕，请稍候", 409);
        return (job.File, job.FileName);
    }

    private Job? Find(Actor actor, string id) => _jobs.TryGetValue(id, out var job) && job.Owner == actor.AccountId ? job : null;

    private async Task Run(Job job, Actor actor, int cycleId)
    {
        try
        {
            using var db = database.CreateContext();
            var cycle = new PaperDocuments(db, _clock).Cycle(actor, cycleId);
            await PaperPdf.WriteAsync(job.File, cycle.Title, cycle.Forms, PaperPdf.TimeLimit(job.Total), n =>
            {
                job.Done = n;
                if (n >= job.Total) job.State = "printing";
            }, _stopping.Token);
            job.State = "done";
        }
        catch (Exception e) when (e is PrintException or CycleException)
        {
            log.LogWarning("PDF job {Job} of cycle {Cycle} failed: {Message} {Detail}", job.Id, cycleId, e.Message, (e as PrintException)?.Detail);
            Fail(job, e.Message);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Fail(job, "服务器正在停止，打印已中断");
        }
        catch (Exception e)
        {
            // A bug: logged with its stack, and the user told that the PDF was not made.
            log.LogError(e, "PDF job {Job} of cycle {Cycle} failed", job.Id, cycleId);
            Fail(job, "生成 PDF 时出错，请联系管理员（详情已记录在服务器日志中）");
        }
    }

    private static void Fail(Job job, string message)
    {
        job.Error = message;
        job.State = "failed";
        System.IO.File.Delete(job.File);
    }

    /// <summary>Forgets finished jobs older than an hour and deletes their files.</summary>
    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var job in _jobs.Values.Where(j => j.State is "done" or "failed" && now - j.Started > KeepFor).ToList())
            if (_jobs.TryRemove(job.Id, out _)) System.IO.File.Delete(job.File);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var job in _jobs.Values) System.IO.File.Delete(job.File);
        _stopping.Dispose();
    }
}
