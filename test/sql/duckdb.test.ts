/** Every sql/*.sql file on the embedded DuckDB (@duckdb/node-api) against the model. */
import { describeEngine } from "./sql-cases";
import { duckDbEngine } from "./sql-engines";

describeEngine("DuckDB", duckDbEngine);
