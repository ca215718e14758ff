/**
 * Delivers realtime.send() messages (bootstrap.sql). Each NOTIFY carries either the whole
 * message as JSON or, for one too large for a NOTIFY, the id of its row in
 * realtime.messages, which the relay takes (and deletes: the table is only a mailbox).
 *
 * Messages go out in the order they were sent. While a fetch is in flight, everything
 * that arrives waits behind it and the ids among it are fetched together in the next
 * query, so a burst costs one query rather than one per message (on PGlite every query
 * runs on this process's main thread, in line with the requests).
 */
import type { Sql } from "../../supabase/functions/_shared/db.ts";

export interface RelayedMessage {
  id: string;
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
}

/** A message that came whole, or the id of one to fetch. */
type Notice = { message: RelayedMessage } | { id: string };

/** Larger bursts are split so one query never carries an unbounded array. */
const MAX_BATCH = 500;

export function createMessageRelay(
  db: Sql,
  deliver: (message: RelayedMessage) => void,
  log: (line: string) => void,
): (notifyPayload: string) => void {
  let waiting: Notice[] = [];
  let busy = false;

  async function fetchRows(ids: string[]): Promise<Map<string, RelayedMessage>> {
    if (ids.length === 0) return new Map();
    try {
      const rows = await db.query<RelayedMessage>(
        "delete from realtime.messages where id = any($1::text[]::uuid[]) returning id::text as id, topic, event, payload, private",
        [ids],
      );
      return new Map(rows.map((row) => [row.id.toLowerCase(), row]));
    } catch (err) {
      log(`realtime: fetching ${ids.length} message(s) failed: ${(err as Error).message}`);
      return new Map();
    }
  }

  async function drain(): Promise<void> {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(batch.length);
      const fetched = await fetchRows(batch.flatMap((n) => ("id" in n ? [n.id] : [])));
      for (const notice of batch) {
        const message = "message" in notice ? notice.message : fetched.get(notice.id.toLowerCase());
        if (message) deliver("id" in notice ? { ...message, id: notice.id } : message);
      }
    }
    busy = false;
  }

  return (notifyPayload) => {
    let notice: Notice;
    try {
      notice = notifyPayload.startsWith("{") ? { message: JSON.parse(notifyPayload) as RelayedMessage } : { id: notifyPayload };
    } catch {
      log(`realtime: dropped a NOTIFY that is not a message: ${notifyPayload.slice(0, 80)}`);
      return;
    }
    // Nothing ahead of it: deliver now, without a trip through the queue.
    if (!busy && "message" in notice) return deliver(notice.message);
    waiting.push(notice);
    if (!busy) void drain();
  };
}
