-- Kaplan-Meier input from subscriptions, grouped: =RETAIN.KAPLAN_MEIER(duration, churned, subscriptions)
-- (and =RETAIN.MEDIAN_LIFETIME with the same three columns), the counts as weights.
--
-- Input:  subscriptions(customer_id, start_date, end_date, mrr)   end_date NULL while it runs.
-- Output: duration, churned (1 ended, 0 still running: censored), subscriptions (how many
--         subscriptions have that pair). The rows =RETAIN.SUBSCRIPTION_DURATIONS(...) gives one
--         subscription at a time, counted.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (docs/definitions.md §9): duration = whole periods from the start to the end (churned) or to
-- as_of (censored), counted as Excel's DATEDIF does: completed days, weeks (7 days), months,
-- quarters (3 months) or years. An end after as_of is not known yet: censored at as_of.
-- Subscriptions starting after as_of, and rows whose end is before their start, are left out.
--
-- Dialects: written for PostgreSQL and DuckDB (both tested). Elsewhere change only these forms:
--   days since 1899-12-30 (an Excel serial):  CAST(d AS DATE) - DATE '1899-12-30'
--     BigQuery:  DATE_DIFF(CAST(d AS DATE), DATE '1899-12-30', DAY)
--     Snowflake: DATEDIFF(day, '1899-12-30'::DATE, d::DATE)
--   DOUBLE PRECISION: BigQuery FLOAT64.
--   EXTRACT(YEAR | MONTH | DAY FROM d) is the same in BigQuery and Snowflake.
WITH params AS (
  SELECT
    'month' AS period_unit,       -- unit of the durations: 'day', 'week', 'month', 'quarter' or 'year'
    CAST(NULL AS DATE) AS as_of   -- the date the data describes; NULL: the latest start or end date
),
dated AS (
  SELECT CAST(s.start_date AS DATE) AS start_date, CAST(s.end_date AS DATE) AS end_date
  FROM subscriptions s
  WHERE s.start_date IS NOT NULL AND (s.end_date IS NULL OR s.end_date >= s.start_date)
),
span AS (
  SELECT COALESCE(MAX(p.as_of), MAX(COALESCE(d.end_date, d.start_date))) AS as_of
  FROM dated d CROSS JOIN params p
),
spells AS (
  -- Each subscription observed as of the date: to its end if that is known by then, else to as_of.
  SELECT d.start_date,
         CASE WHEN d.end_date IS NOT NULL AND d.end_date <= s.as_of THEN d.end_date ELSE s.as_of END AS stop_date,
         CASE WHEN d.end_date IS NOT NULL AND d.end_date <= s.as_of THEN 1 ELSE 0 END AS churned
  FROM dated d CROSS JOIN span s
  WHERE d.start_date <= s.as_of
),
months AS (
  -- Completed calendar months (DATEDIF "m"): month difference, less one if the day of the month
  -- has not come round yet.
  SELECT start_date, stop_date, churned,
         CAST(CAST(stop_date - start_date AS INTEGER) AS INTEGER) AS days,
         CAST((EXTRACT(YEAR FROM stop_date) - EXTRACT(YEAR FROM start_date)) * 12
              + EXTRACT(MONTH FROM stop_date) - EXTRACT(MONTH FROM start_date)
              - CASE WHEN EXTRACT(DAY FROM stop_date) < EXTRACT(DAY FROM start_date) THEN 1 ELSE 0 END
              AS INTEGER) AS months
  FROM spells
),
durations AS (
  SELECT CASE p.period_unit
           WHEN 'day' THEN m.days
           WHEN 'week' THEN CAST(FLOOR(m.days / 7.0) AS INTEGER)
           WHEN 'month' THEN m.months
           WHEN 'quarter' THEN CAST(FLOOR(m.months / 3.0) AS INTEGER)
           WHEN 'year' THEN CAST(FLOOR(m.months / 12.0) AS INTEGER)
         END AS duration,
         m.churned
  FROM months m CROSS JOIN params p
)
SELECT duration, churned, CAST(COUNT(*) AS BIGINT) AS subscriptions
FROM durations
GROUP BY duration, churned
ORDER BY duration, churned;
