/**
 * Presence of one topic (pure): who is tracked under which key, and the diffs that
 * Phoenix Presence sends. Each subscription (one socket's join of the topic) holds at
 * most one meta; tracking again replaces it (a leave of the old meta and a join of the
 * new one carrying `phx_ref_prev`), as the Realtime server does.
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

  track(subscriptionId: string, key: string, payload: Record<string, unknown>): PresenceDiff {
    const previous = this.entries.get(subscriptionId);
    const meta: Meta = { ...payload, phx_ref: nextPhxRef() };
    if (previous) meta.phx_ref_prev = previous.meta.phx_ref;
    this.entries.set(subscriptionId, { key, meta });
    const diff: PresenceDiff = { joins: { [key]: { metas: [meta] } }, leaves: {} };
    if (previous) diff.leaves[previous.key] = { metas: [previous.meta] };
    return diff;
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
