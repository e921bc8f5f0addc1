-- Period retention from orders: the same table as =RETAIN.PERIOD_RETENTION(...).
--
-- Input:  orders(customer_id, order_date, amount)   amount < 0 is a refund; amount may be NULL.
-- Output: period_start, start_customers (S), new_customers (N), end_customers (E), kept,
--         reactivated, churned, retention = (E - N) / S (NULL when S = 0), one row per period
--         from the first order's period to the end date's period, periods without activity included.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (README "Data in a warehouse", docs/definitions.md §7): a customer is active at the end of
-- period p when they bought in one of the last `activity_window` periods ending with p; a refund
-- alone never makes a customer active. New = the customer's first run of activity; a later run
-- is a reactivation. Orders after end_date are left out.
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
    1 AS activity_window            -- periods: 1 = active at a period's end when they bought during it
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
bought AS (
  -- Periods in which a customer bought something (a refund alone is no purchase).
  SELECT DISTINCT o.customer_id, c.period
  FROM observed o JOIN calendar c ON c.day_number = o.day_number
  WHERE o.amount IS NULL OR o.amount >= 0
),
neighbours AS (
  SELECT b.customer_id, b.period, p.activity_window AS w,
         LAG(b.period) OVER (PARTITION BY b.customer_id ORDER BY b.period) AS prev_period,
         LEAD(b.period) OVER (PARTITION BY b.customer_id ORDER BY b.period) AS next_period
  FROM bought b CROSS JOIN params p
),
changes AS (
  -- A purchase in q keeps the customer active at the ends of q ... q + window - 1, so runs of
  -- activity start at a purchase more than `window` periods after the previous one (the first
  -- run is the customer's first: new; a later one is a reactivation) and end `window` periods
  -- after a purchase with no other purchase within the window.
  SELECT period, 1 AS delta,
         CASE WHEN prev_period IS NULL THEN 1 ELSE 0 END AS won,
         CASE WHEN prev_period IS NULL THEN 0 ELSE 1 END AS reactivated
  FROM neighbours
  WHERE prev_period IS NULL OR period - prev_period > w
  UNION ALL
  SELECT period + w, -1, 0, 0
  FROM neighbours
  WHERE next_period IS NULL OR next_period - period > w
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
