-- Cohort counts and revenue from orders: the data of =RETAIN.COHORTS(...) (measures 0-3).
--
-- Input:  orders(customer_id, order_date, amount)   amount < 0 is a refund; amount may be NULL.
-- Output (long form, one row per cohort and observed age):
--         cohort_start, size, age (periods since acquisition: 0, 1, 2, ...), customers, revenue,
--         survivors (the cohort's customers whose last activity is at or after that age: never
--         rises, the triangle RETAIN.SBG_FIT takes; measure 4).
--         Ages after the last period are not listed: unobserved is not zero.
--         The wide table of the RETAIN function (one row per cohort, one column per age) is
--         this pivoted: in Excel 365 =PIVOTBY(cohort_start, age, customers, SUM, 0, 0, , 0)
--         (blank where unobserved), in DuckDB
--           PIVOT (<this query>) ON age USING SUM(customers) GROUP BY cohort_start, size ORDER BY cohort_start;
--         Shares: customers / size; cohort net revenue retention: revenue / revenue at age 0.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (docs/definitions.md §7): a customer's cohort is the period of their first purchase (a refund
-- alone is no purchase); customers = the cohort's customers who bought in that period; revenue =
-- all their amounts in it, refunds included. Periods in which nobody was acquired have no rows.
-- Orders after end_date are left out.
--
-- Dialects: written for PostgreSQL and DuckDB (both tested). Elsewhere change only these forms:
--   days since 1899-12-30 (an Excel serial):  CAST(d AS DATE) - DATE '1899-12-30'
--     BigQuery:  DATE_DIFF(CAST(d AS DATE), DATE '1899-12-30', DAY)
--     Snowflake: DATEDIFF(day, '1899-12-30'::DATE, d::DATE)
--   a day number back to a date:              DATE '1899-12-30' + n
--     BigQuery:  DATE_ADD(DATE '1899-12-30', INTERVAL n DAY)
--     Snowflake: DATEADD(day, n, '1899-12-30'::DATE)
--   DOUBLE PRECISION: BigQuery FLOAT64.
WITH params AS (
  SELECT
    'month' AS period_unit,         -- 'day', 'week' (ISO: Monday to Sunday), 'month', 'quarter' or 'year'
    CAST(NULL AS DATE) AS end_date, -- last date to include, e.g. DATE '2024-12-31'; NULL: the last order's date
    1 AS activity_window            -- periods a purchase keeps a customer active (survivors only): 1 = that period
),
observed AS (
  -- Each order's day as a whole number (an Excel serial), on or before the end date.
  SELECT o.customer_id,
         CAST(CAST(o.order_date AS DATE) - DATE '1899-12-30' AS INTEGER) AS day_number,
         o.amount
  FROM orders o CROSS JOIN params p
  WHERE o.customer_id IS NOT NULL AND o.order_date IS NOT NULL
    AND (p.end_date IS NULL OR CAST(o.order_date AS DATE) <= p.end_date)
),
span AS (
  SELECT MIN(o.day_number) AS first_day,
         COALESCE(MAX(CAST(p.end_date - DATE '1899-12-30' AS INTEGER)), MAX(o.day_number)) AS end_day
  FROM observed o CROSS JOIN params p
),
digits AS (
  SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
),
calendar AS (
  -- Every day from 400 days before the first order to 400 after the end, with its period: a
  -- whole number that grows by one from each period to the next.
  SELECT c.day_number,
         CASE p.period_unit
           WHEN 'day' THEN c.day_number
           -- 1900-01-01 (day 2) was a Monday.
           WHEN 'week' THEN CAST(FLOOR((c.day_number + 5) / 7.0) AS INTEGER)
           WHEN 'month' THEN CAST(EXTRACT(YEAR FROM c.day) * 12 + EXTRACT(MONTH FROM c.day) - 1 AS INTEGER)
           WHEN 'quarter' THEN CAST(EXTRACT(YEAR FROM c.day) * 4 + FLOOR((EXTRACT(MONTH FROM c.day) - 1) / 3.0) AS INTEGER)
           WHEN 'year' THEN CAST(EXTRACT(YEAR FROM c.day) AS INTEGER)
         END AS period
  FROM (
    SELECT s.first_day - 400 + a.d + 10 * b.d + 100 * e.d + 1000 * f.d + 10000 * g.d AS day_number,
           DATE '1899-12-30' + (s.first_day - 400 + a.d + 10 * b.d + 100 * e.d + 1000 * f.d + 10000 * g.d) AS day
    FROM span s
    JOIN digits g ON 10000 * g.d <= s.end_day - s.first_day + 800
    JOIN digits f ON 1000 * f.d + 10000 * g.d <= s.end_day - s.first_day + 800
    JOIN digits e ON 100 * e.d + 1000 * f.d + 10000 * g.d <= s.end_day - s.first_day + 800
    JOIN digits b ON 10 * b.d + 100 * e.d + 1000 * f.d + 10000 * g.d <= s.end_day - s.first_day + 800
    JOIN digits a ON a.d + 10 * b.d + 100 * e.d + 1000 * f.d + 10000 * g.d <= s.end_day - s.first_day + 800
  ) c CROSS JOIN params p
),
periods AS (
  -- The periods from the first order's to the end date's, with their first day.
  SELECT c.period, MIN(c.day_number) AS first_day
  FROM calendar c
  WHERE c.period BETWEEN (SELECT k.period FROM calendar k JOIN span s ON k.day_number = s.first_day)
                     AND (SELECT k.period FROM calendar k JOIN span s ON k.day_number = s.end_day)
  GROUP BY c.period
),
cells AS (
  -- A customer's orders by period: active when they bought something (a refund alone is no
  -- purchase); revenue adds every amount, refunds included.
  SELECT o.customer_id, c.period,
         MAX(CASE WHEN o.amount IS NULL OR o.amount >= 0 THEN 1 ELSE 0 END) AS active,
         SUM(COALESCE(o.amount, 0)) AS revenue
  FROM observed o JOIN calendar c ON c.day_number = o.day_number
  GROUP BY o.customer_id, c.period
),
with_cohort AS (
  -- A customer's cohort: the first period in which they were active (a window, not a join, so
  -- no engine is tempted into a nested loop over customers).
  SELECT customer_id, period, active, revenue,
         MIN(CASE WHEN active = 1 THEN period END) OVER (PARTITION BY customer_id) AS cohort
  FROM cells
),
totals AS (
  SELECT cohort, period, SUM(active) AS customers, SUM(revenue) AS revenue
  FROM with_cohort
  WHERE cohort IS NOT NULL AND period >= cohort
  GROUP BY cohort, period
),
departures AS (
  -- Survivors: a customer survives through the period of their last activity (plus the
  -- activity window's reach: window - 1 periods), at most the last period.
  SELECT c.cohort,
         CASE WHEN c.last_active + c.reach > l.period THEN l.period ELSE c.last_active + c.reach END AS period,
         COUNT(*) AS leaving
  FROM (
    SELECT customer_id, MIN(CASE WHEN active = 1 THEN period END) AS cohort,
           MAX(CASE WHEN active = 1 THEN period END) AS last_active,
           MIN(p.activity_window) - 1 AS reach
    FROM cells CROSS JOIN params p
    GROUP BY customer_id
  ) c CROSS JOIN (SELECT MAX(period) AS period FROM periods) l
  WHERE c.cohort IS NOT NULL
  GROUP BY c.cohort, CASE WHEN c.last_active + c.reach > l.period THEN l.period ELSE c.last_active + c.reach END
),
sizes AS (
  -- Every customer of a cohort is active in its first period, and only they are counted there.
  SELECT cohort, customers AS size FROM totals WHERE period = cohort
),
grid AS (
  -- Every observed (cohort, period): from the cohort's period to the last one, with zeros.
  SELECT z.cohort, ps.period, z.size, cp.first_day AS cohort_day,
         0 AS customers, CAST(0 AS DOUBLE PRECISION) AS revenue, 0 AS leaving
  FROM sizes z
  JOIN periods cp ON cp.period = z.cohort
  JOIN periods ps ON ps.period >= z.cohort
),
filled AS (
  SELECT cohort, period, MAX(size) AS size, MAX(cohort_day) AS cohort_day,
         SUM(customers) AS customers, SUM(revenue) AS revenue, SUM(leaving) AS leaving
  FROM (
    SELECT cohort, period, size, cohort_day, customers, revenue, leaving FROM grid
    UNION ALL
    SELECT cohort, period, CAST(NULL AS BIGINT), CAST(NULL AS INTEGER), customers,
           CAST(revenue AS DOUBLE PRECISION), 0
    FROM totals
    UNION ALL
    SELECT cohort, period, CAST(NULL AS BIGINT), CAST(NULL AS INTEGER), 0,
           CAST(0 AS DOUBLE PRECISION), leaving
    FROM departures
  ) u
  GROUP BY cohort, period
)
SELECT DATE '1899-12-30' + cohort_day AS cohort_start,
       CAST(size AS BIGINT) AS size,
       CAST(period - cohort AS INTEGER) AS age,
       CAST(customers AS BIGINT) AS customers,
       CAST(revenue AS DOUBLE PRECISION) AS revenue,
       CAST(SUM(leaving) OVER (PARTITION BY cohort ORDER BY period DESC ROWS UNBOUNDED PRECEDING) AS BIGINT) AS survivors
FROM filled
ORDER BY cohort, period;
