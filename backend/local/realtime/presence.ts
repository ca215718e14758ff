/**
 * Presence of one topic (pure): who is tracked under which key, and the diffs that
 * Phoenix Presence sends. Each subscription (one socket's join of the topic) holds at
 * most one meta; tracking again replaces it: a leave of the old meta, then a join of the
 * new one carrying `phx_ref_prev`.
 *
 * COMPAT(realtime-js 2.109): the leave and the join go out as two diffs, leave first. In
 * one combined diff the client applies the join first, and its onJoin payload builder
 * deletes `phx_ref` from the metas still in its state (presenceAdapter.js transformState
 * mutates in place), so the following leave no longer finds the old meta and the client
 * ends up showing both. Two diffs keep every client's state exact.
 */

export type Meta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceMap = Record<string, { metas: Meta[] }>;
export interface PresenceDiff {
  joins: PresenceMap;
  leaves: PresenceMap;
}

interface Entry {
  key: string;
  meta: Meta;
}

let refCounter = 0;
/** Unique, opaque refs (Phoenix uses base64 of a monotonic counter and node). */
export function nextPhxRef(): string {
  refCounter += 1;
  return `F${Date.now().toString(36)}${refCounter.toString(36)}`;
}

export class TopicPresence {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /** The diffs to send, in order. */
  track(subscriptionId: string, key: string, payload: Record<string, unknown>): PresenceDiff[] {
    const previous = this.entries.get(subscriptionId);
    if (previous && previous.key === key && samePayload(previous.meta, payload)) return []; // nothing changed
    const meta: Meta = { ...payload, phx_ref: nextPhxRef() };
    if (previous) meta.phx_ref_prev = previous.meta.phx_ref;
    this.entries.set(subscriptionId, { key, meta });
    const join: PresenceDiff = { joins: { [key]: { metas: [meta] } }, leaves: {} };
    return previous ? [{ joins: {}, leaves: { [previous.key]: { metas: [previous.meta] } } }, join] : [join];
  }

  /** Null when the subscription tracked nothing. */
  untrack(subscriptionId: string): PresenceDiff | null {
    const previous = this.entries.get(subscriptionId);
    if (!previous) return null;
    this.entries.delete(subscriptionId);
    return { joins: {}, leaves: { [previous.key]: { metas: [previous.meta] } } };
  }

  state(): PresenceMap {
    const out: PresenceMap = {};
    for (const { key, meta } of this.entries.values()) {
      const { phx_ref_prev: _prev, ...clean } = meta;
      (out[key] ??= { metas: [] }).metas.push(clean as Meta);
    }
    return out;
  }
}

function samePayload(meta: Meta, payload: Record<string, unknown>): boolean {
  const { phx_ref: _ref, phx_ref_prev: _prev, ...rest } = meta;
  return JSON.stringify(rest) === JSON.stringify(payload);
}
