/**
 * Every sql/*.sql file on a real PostgreSQL against the model: a private server (temporary data
 * folder, free local port) started and stopped here by scripts/postgres.js, which installs
 * Debian's postgresql package first when the machine has none.
 */
import { describeEngine } from "./sql-cases";
import { postgresEngine } from "./sql-engines";

describeEngine("PostgreSQL", postgresEngine);
