-- Revenue movements from orders: the same table as =RETAIN.REVENUE_MOVEMENTS(...).
--
-- Input:  orders(customer_id, order_date, amount)   (or any revenue by customer and day, e.g. MRR)
-- Output: period_start, start_revenue, new_revenue, expansion, contraction, churn, reactivation,
--         end_revenue, nrr, grr (NULL when start_revenue = 0), one row per period: the columns
--         of the RETAIN function in its order. end = start + new + reactivation + expansion
--         - contraction - churn.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (docs/definitions.md §8, as ChartMogul and Baremetrics define them): a customer's revenue in
-- a period is the sum of their amounts in it, refunds included, and counts as 0 when below 0.
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
    CAST(NULL AS DATE) AS end_date  -- last date to include, e.g. DATE '2024-12-31'; NULL: the last order's date
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
positive AS (
  -- A customer's revenue in a period, clamped at 0 (refunds beyond the orders count as 0);
  -- periods without revenue move like periods without a row.
  SELECT customer_id, period, revenue AS value
  FROM cells WHERE revenue > 0
),
neighbours AS (
  SELECT customer_id, period, value,
         LAG(period) OVER (PARTITION BY customer_id ORDER BY period) AS prev_period,
         LAG(value) OVER (PARTITION BY customer_id ORDER BY period) AS prev_value,
         LEAD(period) OVER (PARTITION BY customer_id ORDER BY period) AS next_period
  FROM positive
),
moves AS (
  -- Revenue in p against p - 1: new (never had revenue before), reactivation (had some before),
  -- expansion, contraction; churn lands in the period after the last one with revenue.
  SELECT period,
         value AS end_revenue,
         CASE WHEN prev_period IS NULL THEN value ELSE 0 END AS new_revenue,
         CASE WHEN prev_period IS NOT NULL AND prev_period < period - 1 THEN value ELSE 0 END AS reactivation,
         CASE WHEN prev_period = period - 1 AND value > prev_value THEN value - prev_value ELSE 0 END AS expansion,
         CASE WHEN prev_period = period - 1 AND value < prev_value THEN prev_value - value ELSE 0 END AS contraction,
         0 AS churn
  FROM neighbours
  UNION ALL
  SELECT period + 1, 0, 0, 0, 0, 0, value
  FROM neighbours
  WHERE next_period IS NULL OR next_period > period + 1
),
per_period AS (
  SELECT period, SUM(end_revenue) AS end_revenue, SUM(new_revenue) AS new_revenue,
         SUM(expansion) AS expansion, SUM(contraction) AS contraction, SUM(churn) AS churn,
         SUM(reactivation) AS reactivation
  FROM moves GROUP BY period
),
movements AS (
  SELECT ps.period, ps.first_day,
         CAST(COALESCE(m.end_revenue, 0) AS DOUBLE PRECISION) AS end_revenue,
         CAST(COALESCE(m.new_revenue, 0) AS DOUBLE PRECISION) AS new_revenue,
         CAST(COALESCE(m.expansion, 0) AS DOUBLE PRECISION) AS expansion,
         CAST(COALESCE(m.contraction, 0) AS DOUBLE PRECISION) AS contraction,
         CAST(COALESCE(m.churn, 0) AS DOUBLE PRECISION) AS churn,
         CAST(COALESCE(m.reactivation, 0) AS DOUBLE PRECISION) AS reactivation
  FROM periods ps LEFT JOIN per_period m ON m.period = ps.period
),
with_start AS (
  SELECT movements.*, COALESCE(LAG(end_revenue) OVER (ORDER BY period), 0) AS start_revenue
  FROM movements
)
SELECT DATE '1899-12-30' + first_day AS period_start,
       start_revenue, new_revenue, expansion, contraction, churn, reactivation, end_revenue,
       CASE WHEN start_revenue = 0 THEN NULL
            ELSE (start_revenue + expansion - contraction - churn) / start_revenue END AS nrr,
       CASE WHEN start_revenue = 0 THEN NULL
            ELSE (start_revenue - contraction - churn) / start_revenue END AS grr
FROM with_start
ORDER BY period;
