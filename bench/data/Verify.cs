using System.Diagnostics;
using System.Globalization;
using Kaohe.Data;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Bench.Data;

/// <summary>
/// Checks the generated rows against the conventions of Entities.cs: every count below must be 0. Run after
/// <c>generate</c> (also catches what COPY with foreign-key triggers off would have let through).
/// </summary>
internal static class Verify
{
    public static int Run(KaoheDatabase database, TextWriter o)
    {
        var pg = database.Provider == DatabaseProvider.PostgreSql;
        // yyyymm of a date / of a UTC timestamp, as the importer derives Month.
        string Ym(string column, bool timestamp = false) => pg
            ? $"(EXTRACT(YEAR FROM {(timestamp ? column + " AT TIME ZONE 'UTC'" : column)}) * 100 + EXTRACT(MONTH FROM {(timestamp ? column + " AT TIME ZONE 'UTC'" : column)}))::int"
            : $"CAST(strftime('%Y%m', {column}) AS INTEGER)";
        var minutes = pg
            ? "(EXTRACT(EPOCH FROM (\"ResolvedAt\" - \"ReceivedAt\")) / 60)::bigint"
            : "CAST(round((julianday(\"ResolvedAt\") - julianday(\"ReceivedAt\")) * 1440) AS INTEGER)";
        var checks = new (string What, string Sql)[]
        {
            ("customer_events.Month = 发生月", $"SELECT count(*) FROM customer_events WHERE \"Month\" <> {Ym("\"OccurredOn\"")}"),
            ("customer_events.UnitId = 员工所在单位", "SELECT count(*) FROM customer_events e JOIN staff s ON s.\"Id\" = e.\"StaffId\" WHERE e.\"UnitId\" <> s.\"UnitId\""),
            ("转移事件的 FromUnitId = 原客户经理所在单位", "SELECT count(*) FROM customer_events e LEFT JOIN staff s ON s.\"Id\" = e.\"FromStaffId\" WHERE e.\"Kind\" = 3 AND (s.\"Id\" IS NULL OR e.\"FromUnitId\" <> s.\"UnitId\")"),
            ("每个客户恰有一个开发事件，日期 = AcquiredOn", "SELECT count(*) FROM customers c WHERE (SELECT count(*) FROM customer_events e WHERE e.\"CustomerId\" = c.\"Id\" AND e.\"Kind\" = 0 AND e.\"OccurredOn\" = c.\"AcquiredOn\") <> 1"),
            ("没有早于开发日期的事件", "SELECT count(*) FROM customer_events e JOIN customers c ON c.\"Id\" = e.\"CustomerId\" WHERE e.\"OccurredOn\" < c.\"AcquiredOn\""),
            ("挽回在流失之后", "SELECT count(*) FROM customer_events r JOIN customer_events l ON l.\"CustomerId\" = r.\"CustomerId\" AND l.\"Kind\" = 1 WHERE r.\"Kind\" = 2 AND r.\"OccurredOn\" <= l.\"OccurredOn\""),
            ("期末在册客户 = 事件增减之和", "SELECT abs((SELECT count(*) FROM customers WHERE \"LostOn\" IS NULL) - (SELECT sum(CASE WHEN \"Kind\" = 1 THEN -1 WHEN \"Kind\" = 3 THEN 0 ELSE 1 END) FROM customer_events))"),
            ("customers.OwnerUnitId = 客户经理所在单位", "SELECT count(*) FROM customers c JOIN staff s ON s.\"Id\" = c.\"OwnerStaffId\" WHERE c.\"OwnerUnitId\" <> s.\"UnitId\""),
            ("complaints.Month = 收到月", $"SELECT count(*) FROM complaints WHERE \"Month\" <> {Ym("\"ReceivedAt\"", true)}"),
            ("complaints.ResolvedMonth = 解决月", $"SELECT count(*) FROM complaints WHERE (\"ResolvedAt\" IS NULL) <> (\"ResolvedMonth\" IS NULL) OR \"ResolvedMonth\" <> {Ym("\"ResolvedAt\"", true)}"),
            ("complaints.ResolutionMinutes = 解决 − 收到", $"SELECT count(*) FROM complaints WHERE (\"ResolvedAt\" IS NULL) <> (\"ResolutionMinutes\" IS NULL) OR \"ResolutionMinutes\" <> {minutes}"),
            ("complaints.UnitId = 处理人所在单位", "SELECT count(*) FROM complaints c JOIN staff s ON s.\"Id\" = c.\"HandlerStaffId\" WHERE c.\"UnitId\" <> s.\"UnitId\""),
            ("visits.IsFollowUp = 类型含“回访”", "SELECT count(*) FROM visits WHERE \"IsFollowUp\" <> (\"Kind\" LIKE '%回访%')"),
            ("visits.Month = 完成月，否则计划月", $"SELECT count(*) FROM visits WHERE \"Month\" <> {Ym("COALESCE(\"DoneOn\", \"PlannedOn\")")}"),
            ("计划内拜访有计划日期", "SELECT count(*) FROM visits WHERE \"Planned\" AND \"PlannedOn\" IS NULL"),
            ("visits.UnitId = 员工所在单位", "SELECT count(*) FROM visits v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("sales.Month = 日期月", $"SELECT count(*) FROM sales WHERE \"Month\" <> {Ym("\"Date\"")}"),
            ("sales.UnitId = 员工所在单位", "SELECT count(*) FROM sales v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("service_tasks.Month = 到期月", $"SELECT count(*) FROM service_tasks WHERE \"Month\" <> {Ym("\"DueOn\"")}"),
            ("service_tasks 标准时间内 = 完成且不晚于到期", "SELECT count(*) FROM service_tasks WHERE \"WithinStandard\" <> (\"DoneOn\" IS NOT NULL AND \"DoneOn\" <= \"DueOn\")"),
            ("service_tasks.UnitId = 员工所在单位", "SELECT count(*) FROM service_tasks v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("calls.Month = 呼叫月", $"SELECT count(*) FROM calls WHERE \"Month\" <> {Ym("\"At\"", true)}"),
            ("calls.UnitId = 员工所在单位", "SELECT count(*) FROM calls v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("expenses.Month = 日期月", $"SELECT count(*) FROM expenses WHERE \"Month\" <> {Ym("\"Date\"")}"),
            ("surveys.Month = 日期月", $"SELECT count(*) FROM surveys WHERE \"Month\" <> {Ym("\"Date\"")}"),
            ("surveys.UnitId = 员工所在单位", "SELECT count(*) FROM surveys v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("indicator_actuals.UnitId = 员工所在单位", "SELECT count(*) FROM indicator_actuals v JOIN staff s ON s.\"Id\" = v.\"StaffId\" WHERE v.\"UnitId\" <> s.\"UnitId\""),
            ("月目标 FirstMonth = LastMonth = Period", "SELECT count(*) FROM targets WHERE \"FirstMonth\" <> \"LastMonth\""),
            ("孤立引用：客户", "SELECT (SELECT count(*) FROM customer_events x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.\"Id\" = x.\"CustomerId\"))"
                              + " + (SELECT count(*) FROM visits x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.\"Id\" = x.\"CustomerId\"))"
                              + " + (SELECT count(*) FROM sales x WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.\"Id\" = x.\"CustomerId\"))"
                              + " + (SELECT count(*) FROM complaints x WHERE x.\"CustomerId\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.\"Id\" = x.\"CustomerId\"))"),
            ("孤立引用：单位、员工", "SELECT (SELECT count(*) FROM customers x WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.\"Id\" = x.\"OwnerStaffId\"))"
                              + " + (SELECT count(*) FROM expenses x WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.\"Id\" = x.\"UnitId\"))"
                              + " + (SELECT count(*) FROM calls x WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.\"Id\" = x.\"UnitId\"))"
                              + " + (SELECT count(*) FROM targets x WHERE x.\"StaffId\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.\"Id\" = x.\"StaffId\"))"),
            ("单位闭包：每个单位有公司为祖先", "SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM unit_closure c JOIN units r ON r.\"Id\" = c.\"AncestorId\" AND r.\"ParentId\" IS NULL WHERE c.\"DescendantId\" = u.\"Id\")"),
        };
        using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        LoadSteps.EnsureOpen(connection);
        var failed = 0;
        foreach (var (what, sql) in checks)
        {
            var sw = Stopwatch.StartNew();
            var n = Convert.ToInt64(LoadSteps.Scalar(connection, null, sql) ?? 0L, CultureInfo.InvariantCulture);
            o.WriteLine($"{(n == 0 ? "ok  " : "FAIL")} {what}: {n}  ({sw.Elapsed.TotalSeconds:F1} s)");
            if (n != 0) failed++;
        }
        o.WriteLine(failed == 0 ? "VERIFY ok" : $"VERIFY FAILED: {failed} 项");
        return failed == 0 ? 0 : 1;
    }
}
