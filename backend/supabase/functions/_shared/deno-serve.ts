/**
 * Deno entry shared by every function's index.ts: builds the handler's dependencies from
 * the Supabase function environment and serves it.
 */
import { createAuthenticator } from "./auth.ts";
import type { Handler } from "./define-handler.ts";
import { postgresSql } from "./postgres-sql.ts";

export function serve(handler: Handler): void {
  const env = (name: string) => Deno.env.get(name) ?? undefined;
  const dbUrl = env("SUPABASE_DB_URL");
  if (!dbUrl) throw new Error("SUPABASE_DB_URL is not set");
  const db = postgresSql(dbUrl, { max: 3 });
  const supabaseUrl = env("SUPABASE_URL");
  const authenticate = createAuthenticator({
    // Projects on legacy HS256 secrets set WATCHIUM_JWT_SECRET (supabase secrets set ...).
    jwtSecret: env("WATCHIUM_JWT_SECRET") ?? env("SUPABASE_JWT_SECRET"),
    jwksUrl: supabaseUrl ? `${supabaseUrl}/auth/v1/.well-known/jwks.json` : undefined,
  });
  Deno.serve((req) => handler(req, { db, authenticate, now: () => new Date(), logError: console.error }));
}
