/**
 * The two engines the warehouse SQL is proven on: the embedded DuckDB and a real PostgreSQL
 * (a private server from scripts/postgres.js). Both load the same rows into
 * orders(customer_id, order_date, amount) and subscriptions(customer_id, start_date, end_date, mrr)
 * and return results as plain rows: dates as Excel serials, integers and decimals as numbers.
 */
import { DuckDBConnection, DuckDBDateValue, DuckDBInstance } from "@duckdb/node-api";
import { Client, types } from "pg";
import { isoTextFromSerial, serialFromIsoText } from "../../src/model/reading/excel-dates";

const { startPostgres } = require("../../scripts/postgres.js") as {
  startPostgres(): Promise<{
    host: string;
    port: number;
    user: string;
    database: string;
    stop(): void;
  }>;
};

export type Id = string | number;
export interface OrderRows {
  customer: Id[];
  /** Excel serials. */
  date: number[];
  amount: Array<number | null>;
}
export interface SubscriptionRows {
  customer: Id[];
  start: number[];
  end: Array<number | null>;
  mrr: Array<number | null>;
}
export type Row = Record<string, number | string | null>;

export interface SqlEngine {
  name: string;
  loadOrders(rows: OrderRows): Promise<void>;
  loadSubscriptions(rows: SubscriptionRows): Promise<void>;
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Days between 1970-01-01 and Excel's serial 0. */
const UNIX_TO_SERIAL = 25569;

const idType = (ids: Id[]): "integer" | "text" =>
  ids.every((id) => typeof id === "number") ? "integer" : "text";

function plain(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" || typeof value === "string") return value;
  if (value instanceof DuckDBDateValue) return value.days + UNIX_TO_SERIAL;
  // DECIMAL and HUGEINT values print as their number.
  return Number(String(value));
}

export async function duckDbEngine(): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const db: DuckDBConnection = await instance.connect();
  return {
    name: "DuckDB",
    async loadOrders(rows) {
      const type = idType(rows.customer) === "integer" ? "BIGINT" : "VARCHAR";
      await db.run(
        `CREATE OR REPLACE TABLE orders (customer_id ${type}, order_date DATE, amount DOUBLE)`
      );
      const appender = await db.createAppender("orders");
      for (let i = 0; i < rows.customer.length; i++) {
        const id = rows.customer[i];
        if (typeof id === "number") appender.appendBigInt(BigInt(id));
        else appender.appendVarchar(id);
        appender.appendDate(new DuckDBDateValue(rows.date[i] - UNIX_TO_SERIAL));
        const amount = rows.amount[i];
        if (amount === null) appender.appendNull();
        else appender.appendDouble(amount);
        appender.endRow();
      }
      appender.closeSync();
    },
    async loadSubscriptions(rows) {
      const type = idType(rows.customer) === "integer" ? "BIGINT" : "VARCHAR";
      await db.run(
        `CREATE OR REPLACE TABLE subscriptions (customer_id ${type}, start_date DATE, end_date DATE, mrr DOUBLE)`
      );
      const appender = await db.createAppender("subscriptions");
      for (let i = 0; i < rows.customer.length; i++) {
        const id = rows.customer[i];
        if (typeof id === "number") appender.appendBigInt(BigInt(id));
        else appender.appendVarchar(id);
        appender.appendDate(new DuckDBDateValue(rows.start[i] - UNIX_TO_SERIAL));
        const end = rows.end[i];
        if (end === null) appender.appendNull();
        else appender.appendDate(new DuckDBDateValue(end - UNIX_TO_SERIAL));
        const mrr = rows.mrr[i];
        if (mrr === null) appender.appendNull();
        else appender.appendDouble(mrr);
        appender.endRow();
      }
      appender.closeSync();
    },
    async query(sql) {
      const reader = await db.runAndReadAll(sql);
      const names = reader.columnNames();
      return reader.getRows().map((values) => {
        const row: Row = {};
        names.forEach((name, i) => (row[name] = plain(values[i])));
        return row;
      });
    },
    async close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}

// pg returns bigint, numeric and date columns as text unless told otherwise.
types.setTypeParser(20, (text) => Number(text));
types.setTypeParser(1700, (text) => Number(text));
types.setTypeParser(1082, (text) => serialFromIsoText(text));

export async function postgresEngine(): Promise<SqlEngine> {
  const server = await startPostgres();
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.user,
    database: server.database,
  });
  try {
    await client.connect();
  } catch (e) {
    server.stop();
    throw e;
  }
  const dates = (serials: Array<number | null>) =>
    serials.map((s) => (s === null ? null : isoTextFromSerial(s)));
  return {
    name: "PostgreSQL",
    async loadOrders(rows) {
      const type = idType(rows.customer) === "integer" ? "bigint" : "text";
      await client.query("DROP TABLE IF EXISTS orders");
      await client.query(
        `CREATE TABLE orders (customer_id ${type}, order_date date, amount double precision)`
      );
      await client.query(
        `INSERT INTO orders SELECT * FROM unnest($1::${type}[], $2::date[], $3::double precision[])`,
        [rows.customer, dates(rows.date), rows.amount]
      );
      await client.query("ANALYZE orders");
    },
    async loadSubscriptions(rows) {
      const type = idType(rows.customer) === "integer" ? "bigint" : "text";
      await client.query("DROP TABLE IF EXISTS subscriptions");
      await client.query(
        `CREATE TABLE subscriptions (customer_id ${type}, start_date date, end_date date, mrr double precision)`
      );
      await client.query(
        `INSERT INTO subscriptions SELECT * FROM unnest($1::${type}[], $2::date[], $3::date[], $4::double precision[])`,
        [rows.customer, dates(rows.start), dates(rows.end), rows.mrr]
      );
      await client.query("ANALYZE subscriptions");
    },
    async query(sql) {
      const result = await client.query(sql);
      return result.rows as Row[];
    },
    async close() {
      try {
        await client.end();
      } finally {
        server.stop();
      }
    },
  };
}
