using Kaohe.Data.Accounts;
using System.Text.Json;
using Kaohe.Data.Bulk;
using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Data.Tests.Results;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests.Bulk;

/// <summary>
/// The set-based save of a whole cycle's results and audit lines: what it writes reads back as EF wrote it (decimals,
/// times, enums, nulls), columns nobody changed stay as they were, a row changed meanwhile is a conflict that writes
/// nothing, and audit entries get their keys from the database.
/// </summary>
public abstract class BulkWriterTests(DatabaseProvider provider) : IDisposable
{
    private readonly ResultsCompany _co = new(provider);

    public void Dispose()
    {
        _co.Dispose();
        GC.SuppressFinalize(this);
    }

    private int Released() =>
        _co.Release("月度测评", "2026-10", new Dictionary<string, decimal> { ["E11"] = 55, ["E12"] = 95, ["E21"] = 70 });

    [Fact]
    public void Modified_rows_and_added_audit_lines_are_written_as_EF_would_and_leave_the_unit_of_work()
    {
        var cycleId = Released();
        var answered = new DateTime(2026, 11, 3, 4, 5, 6, 789, DateTimeKind.Utc);
        Dictionary<int, (string Metrics, string Name)> before;
        using (var db = _co.Db())
            before = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).ToDictionary(s => s.Id, s => (s.MetricsJson, s.Name));
        long lastAudit;
        using (var db = _co.Db())
            lastAudit = db.AuditEntries.Max(a => a.Id);
        using (var db = _co.Db())
        {
            using var tx = db.Database.BeginTransaction();
            var subjects = db.CycleSubjects.Where(s => s.CycleId == cycleId).OrderBy(s => s.Code).ToList();
            var i = 0;
            foreach (var s in subjects)
            {
                s.Total = 12.345m + i;
                s.Grade = i == 0 ? null : "良好";
                s.RankAmount = i == 1 ? -200.5m : null;
                s.Confirmation = ConfirmationStatus.Confirmed;
                s.AnsweredAt = answered;
                s.ResultJson = "{\"说明\":\"“引号”与 ' 单引号 \\\\ 反斜杠\"}";
                s.Version++;
                i++;
            }
            AuditLog.Add(db, answered, "hr", new AuditNote("测试", "考核结果", "k1", "总分", "1", "2", "原因", cycleId, null));
            AuditLog.Add(db, answered, "hr", new AuditNote("测试", "考核结果", "k2", null, null, "=1+1", null, cycleId, null));
            BulkWriter.Flush(db, typeof(CycleSubject), typeof(AuditEntry));
            Assert.All(subjects, s => Assert.Equal(EntityState.Detached, db.Entry(s).State));
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.State != EntityState.Unchanged);
            db.SaveChanges();
            tx.Commit();
        }
        using (var db = _co.Db())
        {
            var after = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).OrderBy(s => s.Code).ToList();
            Assert.Equal(3, after.Count);
            for (var i = 0; i < after.Count; i++)
            {
                var s = after[i];
                Assert.Equal(12.345m + i, s.Total);
                Assert.Equal(i == 0 ? null : "良好", s.Grade);
                Assert.Equal(i == 1 ? -200.5m : null, s.RankAmount);
                Assert.Equal(ConfirmationStatus.Confirmed, s.Confirmation);
                Assert.Equal(answered, s.AnsweredAt);
                Assert.Equal("{\"说明\":\"“引号”与 ' 单引号 \\\\ 反斜杠\"}", s.ResultJson);
                Assert.Equal(before[s.Id], (s.MetricsJson, s.Name));
            }
            // An EF query on the written values finds them (the stored forms compare as EF's own).
            Assert.Equal(1, db.CycleSubjects.Count(s => s.CycleId == cycleId && s.Total == 13.345m));
            Assert.Equal(3, db.CycleSubjects.Count(s => s.CycleId == cycleId && s.AnsweredAt == answered));
            var audit = db.AuditEntries.AsNoTracking().Where(a => a.Id > lastAudit).OrderBy(a => a.Id).ToList();
            Assert.Equal([("k1", "总分", "1", "2", "原因"), ("k2", null, null, "=1+1", null)],
                audit.Select(a => (a.EntityKey, a.Field, a.OldValue, a.NewValue, a.Reason)));
            Assert.All(audit, a => Assert.Equal((answered, "hr", (int?)cycleId), (a.At, a.Actor, a.CycleId)));
        }
    }

    [Fact]
    public void A_row_changed_meanwhile_is_a_conflict_and_nothing_is_written()
    {
        var cycleId = Released();
        using var db = _co.Db();
        var subjects = db.CycleSubjects.Where(s => s.CycleId == cycleId).OrderBy(s => s.Code).ToList();
        using (var other = _co.Db())
        {
            // Another writer moves one subject's version on after this one read it.
            var s = other.CycleSubjects.Single(x => x.Id == subjects[1].Id);
            s.Version++;
            other.SaveChanges();
        }
        using var tx = db.Database.BeginTransaction();
        foreach (var s in subjects)
        {
            s.Total = 1m;
            s.Version++;
        }
        AuditLog.Add(db, DateTime.UtcNow, "hr", new AuditNote("测试", "考核结果", "conflict"));
        Assert.Throws<DbUpdateConcurrencyException>(() => BulkWriter.Flush(db, typeof(AuditEntry), typeof(CycleSubject)));
        tx.Rollback();
        using var check = _co.Db();
        Assert.DoesNotContain(check.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId), s => s.Total == 1m);
        Assert.False(check.AuditEntries.Any(a => a.EntityKey == "conflict"));
    }

    [Fact]
    public void Untracked_entities_are_updated_where_their_version_still_holds_and_inserted_in_their_order()
    {
        var cycleId = Released();
        using var db = _co.Db();
        var subjects = db.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).OrderBy(s => s.Code).ToList();
        var versions = subjects.ToDictionary(s => s.Id, s => s.Version);
        using (var tx = db.Database.BeginTransaction())
        {
            foreach (var s in subjects)
            {
                s.Grade = "合格";
                s.Version++;
            }
            var lines = Enumerable.Range(1, 5).Select(i => AuditLog.New(DateTime.UtcNow, "hr", new AuditNote("测试", "考核结果", $"order-{i}"))).ToList();
            BulkWriter.Update(db, subjects, [nameof(CycleSubject.Grade), nameof(CycleSubject.Version)], s => [versions[s.Id]]);
            BulkWriter.Insert(db, lines);
            tx.Commit();
        }
        using (var check = _co.Db())
        {
            Assert.All(check.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId).ToList(), s => Assert.Equal(("合格", versions[s.Id] + 1), (s.Grade, s.Version)));
            Assert.Equal(["order-1", "order-2", "order-3", "order-4", "order-5"],
                check.AuditEntries.AsNoTracking().Where(a => a.EntityKey.StartsWith("order-")).OrderBy(a => a.Id).Select(a => a.EntityKey).ToList());
        }
        // The versions read are stale now: the same write again is a conflict and changes nothing.
        using (var tx = db.Database.BeginTransaction())
        {
            foreach (var s in subjects) s.Grade = "不合格";
            Assert.Throws<DbUpdateConcurrencyException>(() => BulkWriter.Update(db, subjects, [nameof(CycleSubject.Grade)], s => [versions[s.Id]]));
        }
        using var after = _co.Db();
        Assert.DoesNotContain(after.CycleSubjects.AsNoTracking().Where(s => s.CycleId == cycleId), s => s.Grade == "不合格");
    }

    [Fact]
    public void One_context_opens_rates_releases_and_publishes_without_reading_its_own_stale_rows()
    {
        // A command or a page keeps one context for every step: the rows it tracked before release must not be
        // taken for the released ones (they were written set-based, past the change tracker).
        using var db = _co.Db();
        var cycles = new CycleService(db, _co.Clock);
        var hr = _co.As("hr");
        var id = cycles.Open(hr, new OpenCycleRequest("月度测评", "2026-10", Subjects: ["E11", "E12"], ConfirmDays: 1));
        foreach (var s in cycles.Detail(hr, id).Subjects)
            foreach (var f in s.Forms)
                cycles.Submit(_co.As("boss"), f.Id, new FormSave(JsonSerializer.SerializeToElement(new Dictionary<string, decimal> { ["综合得分"] = s.Code == "E11" ? 55 : 95 }), null, 1));
        var released = cycles.Release(hr, id, new ReleaseRequest(cycles.Detail(hr, id).Cycle.Version));
        Assert.Equal([55m, 95m], cycles.Detail(hr, id).Subjects.OrderBy(s => s.Code).Select(s => s.Total));
        _co.Clock.Now = _co.Clock.Now.AddDays(2);
        var published = cycles.Publish(hr, id, new PublishRequest(released.Version, "测试"));
        Assert.Equal(CycleStatus.Published, published.Status);
        using var check = _co.Db();
        Assert.All(check.CycleSubjects.AsNoTracking().Where(s => s.CycleId == id).ToList(),
            s => Assert.Equal((ConfirmationStatus.DeemedConfirmed, true), (s.Confirmation, s.ResultJson is not null)));
    }

    [Fact]
    public void Without_a_transaction_it_refuses()
    {
        using var db = _co.Db();
        Assert.Throws<InvalidOperationException>(() => BulkWriter.Flush(db, typeof(AuditEntry)));
    }
}

public sealed class SqliteBulkWriterTests() : BulkWriterTests(DatabaseProvider.Sqlite);

public sealed class PostgresBulkWriterTests() : BulkWriterTests(DatabaseProvider.PostgreSql);
