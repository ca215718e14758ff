/**
 * Realtime Authorization as Supabase does it: inside a transaction that is always rolled
 * back, take the caller's role and JWT claims, set `realtime.topic`, and ask Postgres
 * whether RLS on realtime.messages lets the caller SELECT (receive) and INSERT (send)
 * rows of this topic, for each extension (broadcast, presence). The probe rows never
 * persist. Policies see only topic and extension, so permissions split by topic.
 */
import type { JwtClaims } from "../../supabase/functions/_shared/jwt.ts";
import type { LocalDatabase } from "../database.ts";

export interface ChannelPermissions {
  readBroadcast: boolean;
  readPresence: boolean;
  writeBroadcast: boolean;
  writePresence: boolean;
}

export const ALL_ALLOWED: ChannelPermissions = {
  readBroadcast: true,
  readPresence: true,
  writeBroadcast: true,
  writePresence: true,
};

const ROLES = new Set(["anon", "authenticated", "service_role"]);

export async function authorizeChannel(db: LocalDatabase, claims: JwtClaims, topic: string): Promise<ChannelPermissions> {
  const role = typeof claims.role === "string" && ROLES.has(claims.role) ? claims.role : "anon";
  if (role === "service_role") return ALL_ALLOWED; // bypasses RLS, as on Supabase
  return db.withRollback(async (tx) => {
    // Probe rows, written with the server's own rights, then looked for with the caller's.
    await tx.query(
      // Like Supabase's probe rows: topic and extension only (private takes its default, false).
      `insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence')`,
      [topic],
    );
    await tx.query(
      `select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true),
              set_config('request.jwt.claim.role', $3, true), set_config('realtime.topic', $4, true)`,
      [JSON.stringify(claims), typeof claims.sub === "string" ? claims.sub : "", role, topic],
    );
    await tx.query(`set local role ${role}`);
    const visible = await tx.query<{ extension: string }>(
      "select distinct extension from realtime.messages where topic = $1 and extension in ('broadcast', 'presence')",
      [topic],
    );
    const canInsert = async (extension: string) => {
      await tx.query("savepoint write_probe");
      try {
        await tx.query("insert into realtime.messages (topic, extension) values ($1, $2)", [topic, extension]);
        return true;
      } catch {
        return false; // an RLS violation: no INSERT policy lets this caller send
      } finally {
        await tx.query("rollback to savepoint write_probe");
      }
    };
    const extensions = new Set(visible.map((r) => r.extension));
    return {
      readBroadcast: extensions.has("broadcast"),
      readPresence: extensions.has("presence"),
      writeBroadcast: await canInsert("broadcast"),
      writePresence: await canInsert("presence"),
    };
  });
}
