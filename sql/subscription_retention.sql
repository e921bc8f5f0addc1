-- Period retention from subscriptions: the same table as =RETAIN.SUBSCRIPTION_RETENTION(...).
--
-- Input:  subscriptions(customer_id, start_date, end_date, mrr)   end_date NULL while it runs.
-- Output: period_start, start_customers (S), new_customers (N), end_customers (E), kept,
--         reactivated, churned, retention = (E - N) / S (NULL when S = 0), one row per period
--         from the first start's period to the as-of date's period.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (docs/definitions.md §7): a customer is active at the end of period p when a subscription
-- covers that moment: start <= last day of p < end (or no end). A subscription covers the days
-- start <= day < end. New = active in the period of the customer's first start; a later run of
-- activity is a reactivation. Subscriptions starting after as_of are left out.
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
    'month' AS period_unit,       -- 'day', 'week' (ISO: Monday to Sunday), 'month', 'quarter' or 'year'
    CAST(NULL AS DATE) AS as_of   -- the date the data describes; NULL: the latest start or end date
),
observed AS (
  SELECT s.customer_id,
         CAST(CAST(s.start_date AS DATE) - DATE '1899-12-30' AS INTEGER) AS start_day,
         -- An end after as_of is not known on that date: the subscription still runs.
         CASE WHEN p.as_of IS NOT NULL AND CAST(s.end_date AS DATE) > p.as_of THEN NULL
              ELSE CAST(CAST(s.end_date AS DATE) - DATE '1899-12-30' AS INTEGER) END AS end_day
  FROM subscriptions s CROSS JOIN params p
  WHERE s.customer_id IS NOT NULL AND s.start_date IS NOT NULL
    AND (p.as_of IS NULL OR CAST(s.start_date AS DATE) <= p.as_of)
),
span AS (
  SELECT MIN(o.start_day) AS first_day,
         COALESCE(MAX(CAST(p.as_of - DATE '1899-12-30' AS INTEGER)),
                  MAX(COALESCE(o.end_day, o.start_day))) AS end_day
  FROM observed o CROSS JOIN params p
),
digits AS (
  SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
),
calendar AS (
  -- Every day from 400 days before the first start to 400 after the end, with its period: a
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
  -- The periods from the first start's to the as-of date's, with their first day.
  SELECT c.period, MIN(c.day_number) AS first_day
  FROM calendar c
  WHERE c.period BETWEEN (SELECT k.period FROM calendar k JOIN span s ON k.day_number = s.first_day)
                     AND (SELECT k.period FROM calendar k JOIN span s ON k.day_number = s.end_day)
  GROUP BY c.period
),
last_period AS (
  SELECT MAX(period) AS period FROM periods
),
spans AS (
  -- Each subscription as the periods [from_period, to_period] at whose ends it was active:
  -- start <= last day of p < end  <=>  period(start) <= p < period(end). An end far beyond the
  -- calendar, or none, runs to the last period.
  SELECT o.customer_id,
         cs.period AS from_period,
         CASE WHEN o.end_day IS NULL OR ce.period IS NULL OR ce.period > l.period THEN l.period
              ELSE ce.period - 1 END AS to_period,
         MIN(cs.period) OVER (PARTITION BY o.customer_id) AS first_period
  FROM observed o
  JOIN calendar cs ON cs.day_number = o.start_day
  LEFT JOIN calendar ce ON ce.day_number = o.end_day
  CROSS JOIN last_period l
),
spells AS (
  -- Subscriptions that overlap or touch (no period end between them) are one run of activity.
  SELECT customer_id, from_period, to_period, first_period,
         CASE WHEN MAX(to_period) OVER (PARTITION BY customer_id ORDER BY from_period, to_period
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) >= from_period - 1
              THEN 0 ELSE 1 END AS opens_run
  FROM spans
  WHERE to_period >= from_period
),
numbered AS (
  SELECT customer_id, from_period, to_period, first_period,
         SUM(opens_run) OVER (PARTITION BY customer_id ORDER BY from_period, to_period
                              ROWS UNBOUNDED PRECEDING) AS run
  FROM spells
),
runs AS (
  -- A run that starts in the period of the customer's first start is the customer's first.
  SELECT customer_id, run, MIN(from_period) AS from_period, MAX(to_period) AS to_period,
         CASE WHEN MIN(from_period) = MIN(first_period) THEN 1 ELSE 0 END AS is_new
  FROM numbered
  GROUP BY customer_id, run
),
changes AS (
  SELECT from_period AS period, 1 AS delta,
         is_new AS won,
         1 - is_new AS reactivated
  FROM runs
  UNION ALL
  SELECT to_period + 1, -1, 0, 0 FROM runs
),
per_period AS (
  SELECT period, SUM(delta) AS delta, SUM(won) AS won, SUM(reactivated) AS reactivated
  FROM changes GROUP BY period
),
counts AS (
  SELECT ps.period, ps.first_day,
         SUM(COALESCE(pp.delta, 0)) OVER (ORDER BY ps.period ROWS UNBOUNDED PRECEDING) AS end_customers,
         COALESCE(pp.won, 0) AS won,
         COALESCE(pp.reactivated, 0) AS reactivated
  FROM periods ps LEFT JOIN per_period pp ON pp.period = ps.period
),
retention AS (
  SELECT period, first_day, end_customers, won, reactivated,
         COALESCE(LAG(end_customers) OVER (ORDER BY period), 0) AS start_customers
  FROM counts
)
SELECT DATE '1899-12-30' + first_day AS period_start,
       CAST(start_customers AS BIGINT) AS start_customers,
       CAST(won AS BIGINT) AS new_customers,
       CAST(end_customers AS BIGINT) AS end_customers,
       CAST(end_customers - won - reactivated AS BIGINT) AS kept,
       CAST(reactivated AS BIGINT) AS reactivated,
       CAST(start_customers - (end_customers - won - reactivated) AS BIGINT) AS churned,
       CASE WHEN start_customers = 0 THEN NULL
            ELSE CAST(end_customers - won AS DOUBLE PRECISION) / CAST(start_customers AS DOUBLE PRECISION)
       END AS retention
FROM retention
ORDER BY period;
