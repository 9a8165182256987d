// Centrala's one entry point. Starts the roles the configuration asks for (all by default):
// web (pages, GraphQL over HTTP and WebSocket), worker (background sweeps), media (voice, later).
import { ConfigError, loadConfig } from "./lib/config.ts";
import { DatabaseOpenError } from "./lib/db/database.ts";
import { MigrationError } from "./lib/db/migrate.ts";
import { startHttpServer } from "./lib/http-server.ts";
import { createLogger } from "./lib/logger.ts";
import { startNext } from "./lib/next-handle.ts";
import { createServices } from "./lib/services.ts";
import { printWelcome } from "./lib/welcome.ts";
import { startWorkers } from "./lib/workers.ts";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Centrala cannot start. ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel, config.dev && process.stdout.isTTY === true);
  log.info({ roles: config.roles, database: config.databaseUrl ? "postgresql" : "pglite", dataDir: config.dataDir }, "starting Centrala");

  let app;
  try {
    app = await createServices(config, log);
  } catch (e) {
    // Expected failures (bad database, failed migration) have messages written for the operator.
    const known = e instanceof DatabaseOpenError || e instanceof MigrationError;
    log.fatal({ err: known ? undefined : e }, known ? (e as Error).message : "start-up failed");
    console.error(`Centrala cannot start. ${known ? (e as Error).message : String(e)}`);
    process.exit(1);
  }
  const next = config.roles.includes("web") && process.env.CENTRALA_SKIP_NEXT !== "1" ? await startNext(config) : null;
  let server;
  try {
    server = await startHttpServer(app, next);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EADDRINUSE" ? `port ${config.port} is already in use (set PORT to another one)` : err.message;
    console.error(`Centrala cannot start: ${why}`);
    await app.close();
    process.exit(1);
  }
  // Since the process started, module loading included: what the person who started it waited.
  const workers = config.roles.includes("worker") ? startWorkers(app) : null;
  const seconds = process.uptime().toFixed(1);
  log.info({ url: config.publicUrl, listening: server.url, seconds, database: app.db.location }, "Centrala is up");
  await printWelcome(app, seconds);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await server.close().catch((err) => log.error({ err }, "closing the HTTP server failed"));
    await workers?.stop().catch((err) => log.error({ err }, "stopping the workers failed"));
    await app.close().catch((err) => log.error({ err }, "closing services failed"));
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

process.on("unhandledRejection", (err) => console.error("unhandled rejection", err));
void main();
