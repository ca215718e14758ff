/** The local stack for the e2e suite, in this process, on an in-memory PGlite. */
import { configFromEnv } from "../../../backend/local/config.ts";
import { openPglite } from "../../../backend/local/database.ts";
import { ensureDemoClip } from "../../../backend/local/demo.ts";
import { migrate } from "../../../backend/local/migrate.ts";
import { type LocalStack, startLocalStack } from "../../../backend/local/server.ts";

export async function startE2eStack(): Promise<LocalStack> {
  const db = await openPglite("memory://");
  await migrate(db);
  await ensureDemoClip();
  return startLocalStack({ config: { ...configFromEnv({}), port: 0, cleanupIntervalSeconds: 0 }, db, log: () => {} });
}
