-- RFM summary from orders, grouped: the input of =RETAIN.BGNBD_FIT(frequency, recency, T, customers)
-- and =RETAIN.GG_FIT(frequency, monetary_value, customers), with the counts as weights.
--
-- Input:  orders(customer_id, order_date, amount)   amount < 0 is a refund; amount may be NULL.
-- Output: frequency, recency, T, monetary_value, customers: one row per distinct summary, with
--         the number of customers who have it (identical rows collapse; most customers with
--         frequency 0 share a handful of rows). Without the GROUP BY at the end (and with
--         customer_id in the select list) it lists one row per customer as =RETAIN.RFM(...) does.
-- Edit the values in `params` (the first CTE), then run the whole statement.
--
-- Definitions (docs/definitions.md §10, Python lifetimes' summary_data_from_transaction_data): a
-- customer's orders on one day are one purchase; refunds are no purchase and are left out;
-- frequency x = purchase days - 1; recency = days from the first to the last purchase ÷ time_unit;
-- T = days from the first purchase to end_date ÷ time_unit; monetary_value = mean sales of the
-- repeat purchase days (the first left out), 0 when x = 0. Orders after end_date are left out,
-- so customers whose first purchase is later are not listed.
--
-- Dialects: written for PostgreSQL and DuckDB (both tested). Elsewhere change only these forms:
--   days since 1899-12-30 (an Excel serial):  CAST(d AS DATE) - DATE '1899-12-30'
--     BigQuery:  DATE_DIFF(CAST(d AS DATE), DATE '1899-12-30', DAY)
--     Snowflake: DATEDIFF(day, '1899-12-30'::DATE, d::DATE)
--   DOUBLE PRECISION: BigQuery FLOAT64.
WITH params AS (
  SELECT
    CAST(NULL AS DATE) AS end_date, -- end of observation, e.g. DATE '2024-12-31'; NULL: the last order's date
    1 AS time_unit                  -- days per time unit for recency and T: 1 days, 7 weeks
),
observed AS (
  SELECT o.customer_id,
         CAST(CAST(o.order_date AS DATE) - DATE '1899-12-30' AS INTEGER) AS day_number,
         o.amount
  FROM orders o CROSS JOIN params p
  WHERE o.customer_id IS NOT NULL AND o.order_date IS NOT NULL
    AND (p.end_date IS NULL OR CAST(o.order_date AS DATE) <= p.end_date)
),
span AS (
  SELECT COALESCE(MAX(CAST(p.end_date - DATE '1899-12-30' AS INTEGER)), MAX(o.day_number)) AS end_day
  FROM observed o CROSS JOIN params p
),
purchase_days AS (
  -- One purchase per customer and day, of the day's sales (a NULL amount counts as 0).
  SELECT customer_id, day_number, SUM(COALESCE(amount, 0)) AS sales
  FROM observed
  WHERE amount IS NULL OR amount >= 0
  GROUP BY customer_id, day_number
),
customers AS (
  SELECT customer_id,
         COUNT(*) - 1 AS frequency,
         MIN(day_number) AS first_day,
         MAX(day_number) AS last_day,
         SUM(CASE WHEN day_number > first_purchase THEN sales ELSE 0 END) AS repeat_sales
  FROM (
    SELECT d.*, MIN(d.day_number) OVER (PARTITION BY d.customer_id) AS first_purchase
    FROM purchase_days d
  ) d
  GROUP BY customer_id
),
summary AS (
  SELECT CAST(c.frequency AS DOUBLE PRECISION) AS frequency,
         CAST(c.last_day - c.first_day AS DOUBLE PRECISION) / CAST(p.time_unit AS DOUBLE PRECISION) AS recency,
         CAST(s.end_day - c.first_day AS DOUBLE PRECISION) / CAST(p.time_unit AS DOUBLE PRECISION) AS T,
         CASE WHEN c.frequency > 0
              THEN CAST(c.repeat_sales AS DOUBLE PRECISION) / CAST(c.frequency AS DOUBLE PRECISION)
              ELSE 0 END AS monetary_value
  FROM customers c CROSS JOIN span s CROSS JOIN params p
)
-- "T" keeps its capital in PostgreSQL; BigQuery quotes names with backticks: T AS `T`.
SELECT frequency, recency, T AS "T", monetary_value, CAST(COUNT(*) AS BIGINT) AS customers
FROM summary
GROUP BY frequency, recency, T, monetary_value
ORDER BY frequency, recency, T, monetary_value;
