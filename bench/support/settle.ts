/**
 * Waits for the stack to finish work a load left behind. realtime.send() (from the triggers
 * on room_members and comments) queues a row in realtime.messages and NOTIFYs; the local
 * Realtime server deletes and delivers each row after the HTTP answer has gone out. Under
 * load that backlog can outlive the load, and it would then slow the next load down (or
 * hit a dropped database), so each load starts, and the stack closes, only once it is empty.
 */
import type { LocalDatabase } from "../../backend/local/database.ts";

/** Resolves to how long the backlog took to drain (ms), or throws after `timeoutMs`. */
export async function waitForRealtimeDrain(db: LocalDatabase, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = await db.query<{ n: number }>("select count(*)::int as n from realtime.messages");
    if (row.n === 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`realtime backlog still ${row.n} message(s) after ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
