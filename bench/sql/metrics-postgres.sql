-- Issue 3, benchmark (b): every monthly metric (churn_rate, growth_rate, complaint_satisfaction, KF-01 … KF-20) for
-- the company, every unit with its subtree and every staff member, for each month of [@first_month, @last_month]
-- (yyyymm), as ONE statement. Hand-written reference for the metric engine (src/Kaohe.Data/Metrics): same
-- definitions, same rows. Returns (metric, scope_kind 0 company / 1 unit / 2 staff, scope_id, month, num, den) as
-- integers in stored units; the driver (bench/data/Reference.cs) scales them (money ×10,000 元, minutes, scores)
-- and divides exactly in C# decimal. Rows: ratio metrics for every (scope, month) that has records on either side;
-- counts (KF-06, KF-07, KF-15) for every scope and month; churn/growth for every scope with customer history up
-- to the month; KF-18 for every reporting scope with a value this month (den = last month, may be null).
--
-- Plan: each record table is read ONCE, grouped by (unit, staff, month) with conditional aggregates, unpivoted to
-- (metric, unit, staff, month, num, den); that small set is rolled up three ways: company (all), unit subtrees
-- (pre-aggregated per unit, then joined to unit_closure), staff. Distinct customers (KF-03) are counted from the
-- distinct (unit, staff, month, customer) set; customer counts come from event deltas with a running window sum.
WITH RECURSIVE
cal(m) AS (
    SELECT @first_month::int
    UNION ALL
    SELECT CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END FROM cal WHERE m < @last_month::int
),
co AS (SELECT "Id" AS id FROM units WHERE "ParentId" IS NULL AND "Kind" = 0),
scopes(kind, id) AS (
    SELECT 0, id FROM co
    UNION ALL SELECT 1, "Id" FROM units
    UNION ALL SELECT 2, "Id" FROM staff
),
key_customers AS (SELECT "Id" FROM customers WHERE "Class" = '大客户'),

-- ---------------------------------------------------------------- one pass per record table
c_recv AS (
    SELECT "UnitId" AS u, "HandlerStaffId" AS s, "Month" AS m, count(*) AS n, count(*) FILTER (WHERE "Satisfied") AS sat
    FROM complaints WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
c_res AS (
    SELECT "UnitId" AS u, "HandlerStaffId" AS s, "ResolvedMonth" AS m, count(*) AS n, count(*) FILTER (WHERE "Satisfied") AS sat,
           count("ResolutionMinutes") AS n_min, sum("ResolutionMinutes") AS mins
    FROM complaints WHERE "ResolvedMonth" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
t AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m,
           count(*) FILTER (WHERE "Kind" = '意见反馈') AS fb_n,
           count(*) FILTER (WHERE "Kind" = '意见反馈' AND "WithinStandard") AS fb_ok,
           count(*) FILTER (WHERE "Kind" = '信息传递') AS it_n,
           count(*) FILTER (WHERE "Kind" = '信息传递' AND "WithinStandard") AS it_ok,
           count(*) FILTER (WHERE "Kind" = '业务量') AS bv_n,
           sum("Completed") FILTER (WHERE "Kind" = '业务量') AS bv_done,
           sum("Planned") FILTER (WHERE "Kind" = '业务量') AS bv_plan,
           count(*) FILTER (WHERE "Kind" = '调研任务') AS sv_n,
           count(*) FILTER (WHERE "Kind" = '调研任务' AND "DoneOn" IS NOT NULL) AS sv_done,
           count(*) FILTER (WHERE "Kind" = '流程改进') AS im_n,
           count(*) FILTER (WHERE "Kind" = '流程改进' AND "DoneOn" IS NOT NULL) AS im_done
    FROM service_tasks WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
ca AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m, count(*) AS n,
           count(*) FILTER (WHERE "Connected") AS conn, count(*) FILTER (WHERE "Connected" AND "Transferred") AS conn_tr
    FROM calls WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
ex AS (
    SELECT "UnitId" AS u, "Month" AS m,
           count(*) FILTER (WHERE "Category" = '服务费用') AS svc_n, sum("AmountFen") FILTER (WHERE "Category" = '服务费用') AS svc,
           count(*) FILTER (WHERE "Category" = '部门费用') AS dep_n, sum("AmountFen") FILTER (WHERE "Category" = '部门费用') AS dep
    FROM expenses WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2
),
su AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m,
           count(*) FILTER (WHERE "Kind" = '客户满意度') AS cs_n, sum("Score") FILTER (WHERE "Kind" = '客户满意度') AS cs,
           count(*) FILTER (WHERE "Kind" = '部门协作满意度') AS ds_n, sum("Score") FILTER (WHERE "Kind" = '部门协作满意度') AS ds
    FROM surveys WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
sa AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m, sum("AmountFen") AS amount
    FROM sales WHERE "Month" BETWEEN @first_month AND @last_month
    GROUP BY 1, 2, 3
),
vi AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m, count(*) AS key_done
    FROM visits
    WHERE "Month" BETWEEN @first_month AND @last_month AND "IsFollowUp" AND "DoneOn" IS NOT NULL
      AND "CustomerId" IN (SELECT "Id" FROM key_customers)
    GROUP BY 1, 2, 3
),
lost_key AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m, count(*) AS n
    FROM customer_events
    WHERE "Kind" = 1 AND "Month" BETWEEN @first_month AND @last_month AND "CustomerId" IN (SELECT "Id" FROM key_customers)
    GROUP BY 1, 2, 3
),
ac AS (  -- reported actuals from January of the first year (KF-17 and KF-20 count the year to date)
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m,
           count(*) FILTER (WHERE "Metric" IN ('回收金额', '出账收入')) AS k17_n,
           coalesce(sum("Value") FILTER (WHERE "Metric" = '回收金额'), 0) AS recovered,
           coalesce(sum("Value") FILTER (WHERE "Metric" = '出账收入'), 0) AS billed,
           count(*) FILTER (WHERE "Metric" = '4G换卡用户数') AS k20_n,
           coalesce(sum("Value") FILTER (WHERE "Metric" = '4G换卡用户数'), 0) AS swapped
    FROM indicator_actuals
    WHERE "Month" BETWEEN @first_month / 100 * 100 + 1 AND @last_month AND "Metric" IN ('回收金额', '出账收入', '4G换卡用户数')
    GROUP BY 1, 2, 3
),

-- ---------------------------------------------------------------- facts rolled up by subtree (num, den per unit/staff/month)
facts(metric, u, s, m, num, den) AS (
              SELECT 'complaint_satisfaction', u, s, m, sat, n FROM c_res
    UNION ALL SELECT 'KF-04', u, s, m, mins, n_min FROM c_res WHERE n_min > 0
    UNION ALL SELECT 'KF-05', u, s, m, sat, n FROM c_recv
    UNION ALL SELECT 'KF-01', u, s, m, fb_ok, fb_n FROM t WHERE fb_n > 0
    UNION ALL SELECT 'KF-02', u, s, m, it_ok, it_n FROM t WHERE it_n > 0
    UNION ALL SELECT 'KF-10', u, s, m, bv_done, bv_plan FROM t WHERE bv_n > 0
    UNION ALL SELECT 'KF-12', u, s, m, sv_done, sv_n FROM t WHERE sv_n > 0
    UNION ALL SELECT 'KF-13', u, s, m, im_done, im_n FROM t WHERE im_n > 0
    UNION ALL SELECT 'KF-14', u, s, m, conn_tr, conn FROM ca WHERE conn > 0
    UNION ALL SELECT 'KF-15', u, s, m, n, NULL FROM ca
    UNION ALL SELECT 'KF-08', u, s, m, cs, cs_n FROM su WHERE cs_n > 0
    UNION ALL SELECT 'KF-09', u, s, m, ds, ds_n FROM su WHERE ds_n > 0
    UNION ALL SELECT 'KF-11', u, NULL, m, svc * 100, NULL FROM ex WHERE svc_n > 0
    UNION ALL SELECT 'KF-16', u, NULL, m, dep * 100, NULL FROM ex WHERE dep_n > 0
    UNION ALL SELECT 'KF-19', u, s, m, amount * 100, NULL FROM sa
    UNION ALL SELECT 'KF-07', u, s, m, key_done, NULL FROM vi
    UNION ALL SELECT 'KF-06', u, s, m, n, NULL FROM lost_key
    UNION ALL SELECT 'KF-17', u, s, m, recovered, billed FROM ac WHERE k17_n > 0
    UNION ALL SELECT 'KF-20', u, s, m, swapped, NULL FROM ac WHERE k20_n > 0
),
per_unit AS (SELECT metric, u, m, sum(num) AS num, sum(den) AS den FROM facts GROUP BY 1, 2, 3),
rolled(metric, kind, id, m, num, den) AS (
              SELECT metric, 0, (SELECT id FROM co), m, sum(num), sum(den) FROM per_unit GROUP BY metric, m
    UNION ALL SELECT p.metric, 1, c."AncestorId", p.m, sum(p.num), sum(p.den)
              FROM per_unit p JOIN unit_closure c ON c."DescendantId" = p.u GROUP BY 1, 2, 3, 4
    UNION ALL SELECT metric, 2, s, m, sum(num), sum(den) FROM facts WHERE s IS NOT NULL GROUP BY metric, s, m
),
-- year to date (KF-17 both sides, KF-20 numerator): the months of the same year up to the month
ytd AS (
    SELECT r.metric, r.kind, r.id, cal.m, sum(r.num) AS num, sum(r.den) AS den
    FROM rolled r JOIN cal ON r.m / 100 = cal.m / 100 AND r.m <= cal.m
    WHERE r.metric IN ('KF-17', 'KF-20')
    GROUP BY 1, 2, 3, 4
),
-- monthly targets, each for its own unit or staff member (a unit's budget is its own, not its subtree's)
tg AS (
    SELECT CASE t."Metric" WHEN '服务费用预算' THEN 'KF-11' WHEN '费用预算' THEN 'KF-16' WHEN '销售额' THEN 'KF-19' ELSE 'KF-20' END AS metric,
           t."UnitId" AS u, t."StaffId" AS s, t."FirstMonth" AS m, sum(t."Value") AS v
    FROM targets t
    WHERE t."FirstMonth" = t."LastMonth" AND t."FirstMonth" BETWEEN @first_month AND @last_month
      AND t."Metric" IN ('服务费用预算', '费用预算', '销售额', '4G目标用户数')
    GROUP BY 1, 2, 3, 4
),
tg_scoped(metric, kind, id, m, num, den) AS (
              SELECT metric, 2, s, m, NULL::numeric, v FROM tg WHERE s IS NOT NULL
    UNION ALL SELECT metric, 1, u, m, NULL, v FROM tg WHERE s IS NULL
    UNION ALL SELECT metric, 0, u, m, NULL, v FROM tg WHERE s IS NULL AND u = (SELECT id FROM co)
),
-- KF-03: distinct customers with a planned follow-up (den) and with a done one (num)
fu AS (
    SELECT DISTINCT "UnitId" AS u, "StaffId" AS s, "Month" AS m, "CustomerId" AS c, "DoneOn" IS NOT NULL AS done
    FROM visits
    WHERE "Month" BETWEEN @first_month AND @last_month AND "IsFollowUp" AND "Planned"
),
kf03(metric, kind, id, m, num, den) AS (
              SELECT 'KF-03', 0, (SELECT id FROM co), m, count(DISTINCT c) FILTER (WHERE done), count(DISTINCT c) FROM fu GROUP BY m
    UNION ALL SELECT 'KF-03', 1, cl."AncestorId", f.m, count(DISTINCT f.c) FILTER (WHERE f.done), count(DISTINCT f.c)
              FROM fu f JOIN unit_closure cl ON cl."DescendantId" = f.u GROUP BY cl."AncestorId", f.m
    UNION ALL SELECT 'KF-03', 2, s, m, count(DISTINCT c) FILTER (WHERE done), count(DISTINCT c) FROM fu GROUP BY s, m
),
ratio AS (
    SELECT metric, kind, id, m, coalesce(sum(num), 0) AS num, coalesce(sum(den), 0) AS den
    FROM (
                  SELECT metric, kind, id, m, num, den FROM rolled WHERE metric NOT IN ('KF-06', 'KF-07', 'KF-15', 'KF-17', 'KF-20')
        UNION ALL SELECT metric, kind, id, m, num, den FROM ytd
        UNION ALL SELECT metric, kind, id, m, num, den FROM tg_scoped
        UNION ALL SELECT metric, kind, id, m, num, den FROM kf03
    ) x
    GROUP BY 1, 2, 3, 4
),
counts AS (
    SELECT x.metric, sc.kind, sc.id, cal.m, coalesce(r.num, 0) AS num, NULL::numeric AS den
    FROM (VALUES ('KF-06'), ('KF-07'), ('KF-15')) x(metric)
    CROSS JOIN scopes sc CROSS JOIN cal
    LEFT JOIN rolled r ON r.metric = x.metric AND r.kind = sc.kind AND r.id = sc.id AND r.m = cal.m
),

-- ---------------------------------------------------------------- customer counts (churn_rate, growth_rate)
ev AS (
    SELECT "UnitId" AS u, "StaffId" AS s, "Month" AS m,
           sum(CASE WHEN "Kind" = 1 THEN -1 ELSE 1 END) AS chg, count(*) FILTER (WHERE "Kind" = 1) AS lost
    FROM customer_events WHERE "Month" <= @last_month
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT "FromUnitId", "FromStaffId", "Month", -count(*), 0
    FROM customer_events WHERE "Kind" = 3 AND "FromUnitId" IS NOT NULL AND "Month" <= @last_month
    GROUP BY 1, 2, 3
),
ev_unit AS (SELECT u, m, sum(chg) AS chg, sum(lost) AS lost FROM ev GROUP BY 1, 2),
sd(kind, id, m, chg, lost) AS (
              SELECT 0, (SELECT id FROM co), m, sum(chg), sum(lost) FROM ev_unit GROUP BY m
    UNION ALL SELECT 1, c."AncestorId", e.m, sum(e.chg), sum(e.lost) FROM ev_unit e JOIN unit_closure c ON c."DescendantId" = e.u GROUP BY 2, 3
    UNION ALL SELECT 2, s, m, sum(chg), sum(lost) FROM ev WHERE s IS NOT NULL GROUP BY 2, 3
),
sb AS (SELECT kind, id, coalesce(sum(chg) FILTER (WHERE m < @first_month), 0) AS pre, min(m) AS first_m FROM sd GROUP BY 1, 2),
sp AS (
    SELECT b.kind, b.id, cal.m, b.first_m, coalesce(x.chg, 0) AS chg, coalesce(x.lost, 0) AS lost,
           b.pre + coalesce(sum(coalesce(x.chg, 0)) OVER (PARTITION BY b.kind, b.id ORDER BY cal.m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
    FROM sb b CROSS JOIN cal
    LEFT JOIN sd x ON x.kind = b.kind AND x.id = b.id AND x.m = cal.m
),
snap AS (
              SELECT 'churn_rate' AS metric, kind, id, m, lost AS num, start AS den FROM sp WHERE first_m <= m
    UNION ALL SELECT 'growth_rate', kind, id, m, chg, start FROM sp WHERE first_m <= m
),

-- ---------------------------------------------------------------- KF-18: this month's pass rate − last month's, per reporting scope
pr AS (
    SELECT CASE WHEN "StaffId" IS NOT NULL THEN 2 WHEN "UnitId" = (SELECT id FROM co) THEN 0 ELSE 1 END AS kind,
           coalesce("StaffId", "UnitId") AS id, "Month" AS m, sum("Value") AS v
    FROM indicator_actuals
    WHERE "Metric" = '产品合格率'
      AND "Month" BETWEEN (CASE WHEN @first_month % 100 = 1 THEN @first_month - 89 ELSE @first_month - 1 END) AND @last_month
    GROUP BY 1, 2, 3
),
kf18 AS (
    SELECT 'KF-18' AS metric, a.kind, a.id, a.m, a.v AS num, b.v AS den
    FROM pr a
    LEFT JOIN pr b ON b.kind = a.kind AND b.id = a.id AND b.m = CASE WHEN a.m % 100 = 1 THEN a.m - 89 ELSE a.m - 1 END
    WHERE a.m BETWEEN @first_month AND @last_month
)

SELECT metric, kind::bigint, id::bigint, m::bigint, num::bigint, den::bigint FROM ratio
UNION ALL SELECT metric, kind, id, m, num::bigint, den::bigint FROM counts
UNION ALL SELECT metric, kind, id, m, num::bigint, den::bigint FROM snap
UNION ALL SELECT metric, kind, id, m, num::bigint, den::bigint FROM kf18
