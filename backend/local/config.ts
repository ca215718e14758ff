/**
 * Settings of the local stack. The defaults are the Supabase CLI's well-known
 * local-development values, so tools and docs written for `supabase start` work here too.
 * They are public: never use them for a deployment reachable by others.
 */
export const LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
export const LOCAL_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";
export const LOCAL_SERVICE_ROLE_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

export interface LocalStackConfig {
  host: string;
  port: number;
  /** postgres:// URL for a real PostgreSQL; unset means PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" keeps nothing. */
  dataDir: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Seconds between cleanup passes; 0 turns the timer off. */
  cleanupIntervalSeconds: number;
  /** Lifetime of issued access tokens. */
  jwtExpirySeconds: number;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): LocalStackConfig {
  return {
    host: env.HOST ?? "127.0.0.1",
    port: env.PORT !== undefined ? Number(env.PORT) : 54321,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.WATCHIUM_DATA_DIR ?? ".watchium/db",
    jwtSecret: env.JWT_SECRET ?? LOCAL_JWT_SECRET,
    anonKey: env.ANON_KEY ?? LOCAL_ANON_KEY,
    serviceRoleKey: env.SERVICE_ROLE_KEY ?? LOCAL_SERVICE_ROLE_KEY,
    cleanupIntervalSeconds: env.CLEANUP_INTERVAL_SECONDS !== undefined ? Number(env.CLEANUP_INTERVAL_SECONDS) : 60,
    jwtExpirySeconds: env.JWT_EXPIRY !== undefined ? Number(env.JWT_EXPIRY) : 3600,
  };
}
