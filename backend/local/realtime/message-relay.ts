/**
 * Delivers realtime.send() rows: each NOTIFY carries a row id; the relay takes the rows
 * (and deletes them: realtime.messages is only a mailbox) and hands them to the hub.
 *
 * One fetch is in flight at a time and every id that arrives meanwhile waits for the next
 * one, so under load the relay makes one query per batch instead of one per message
 * (on PGlite every query runs on this process's main thread, in line with the requests),
 * and messages go out in the order they were sent even when the pool could run deletes
 * side by side.
 */
import type { Sql } from "../../supabase/functions/_shared/db.ts";

export interface RelayedMessage {
  id: string;
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
}

/** Larger bursts are split so one query never carries an unbounded array. */
const MAX_BATCH = 500;

export function createMessageRelay(
  db: Sql,
  deliver: (message: RelayedMessage) => void,
  log: (line: string) => void,
): (id: string) => void {
  let waiting: string[] = [];
  let busy = false;

  async function drain(): Promise<void> {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(batch.length);
      try {
        const rows = await db.query<RelayedMessage>(
          "delete from realtime.messages where id = any($1::text[]::uuid[]) returning id::text as id, topic, event, payload, private",
          [batch],
        );
        const byId = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
        for (const id of batch) {
          const row = byId.get(id.toLowerCase());
          if (row) deliver({ ...row, id });
        }
      } catch (err) {
        log(`realtime: delivering ${batch.length} message(s) failed: ${(err as Error).message}`);
      }
    }
    busy = false;
  }

  return (id) => {
    waiting.push(id);
    if (!busy) void drain();
  };
}
