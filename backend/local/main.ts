/** `npm run stack`: starts the local stack and prints how to reach it. */
import { configFromEnv } from "./config.ts";
import { openPglite, openPostgres } from "./database.ts";
import { migrate } from "./migrate.ts";
import { startLocalStack } from "./server.ts";

const started = performance.now();
const config = configFromEnv();
const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
const applied = await migrate(db);
const stack = await startLocalStack({ config, db, log: (line) => console.log(line) });
const ms = Math.round(performance.now() - started);

console.log(`Watchium local stack ready in ${ms} ms
  API URL:   ${stack.url}
  anon key:  ${stack.anonKey}
  database:  ${db.kind === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)"}${
  applied.length ? `, applied ${applied.length} migration(s)` : ""
}
  health:    ${stack.url}/health
  demo page: ${stack.url}/demo

Try it: load the built extension (chrome://extensions → Developer mode → Load unpacked →
the .output/chrome-mv3 folder), open the demo page in two browser profiles, create a room
in one and open its invite link in the other.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stack.close().then(() => process.exit(0));
  });
}
