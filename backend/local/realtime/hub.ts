/**
 * Who listens to which topic, and delivery: broadcasts (from clients, the REST API and
 * realtime.send) and presence diffs. Each subscription is one socket's join of a topic.
 */
import type { ChannelPermissions } from "./authorizer.ts";
import type { Vsn } from "./frames.ts";
import { type PresenceDiff, TopicPresence } from "./presence.ts";

export interface Subscriber {
  /** Sends a text frame (already in this socket's vsn) or a binary frame. */
  sendBroadcast(sub: Subscription, message: BroadcastMessage): void;
  sendPresenceDiff(sub: Subscription, diff: PresenceDiff): void;
  readonly vsn: Vsn;
}

export interface Subscription {
  readonly id: string;
  /** Topic as the REST API and policies name it, e.g. `room:abc`. */
  readonly topic: string;
  /** Topic on the wire, e.g. `realtime:room:abc`. */
  readonly wireTopic: string;
  readonly joinRef: string;
  readonly private: boolean;
  readonly self: boolean;
  readonly ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  permissions: ChannelPermissions;
  readonly owner: Subscriber;
}

/**
 * A message to deliver. "text" messages (a client's JSON text push, the REST batch API)
 * reach every subscriber as a text `broadcast` frame; "user" broadcasts (binary pushes,
 * httpSend, realtime.send) reach vsn 2.0.0 subscribers as kind-4 binary frames and
 * vsn 1.0.0 subscribers as text (JSON payloads only), as the Realtime server does.
 */
export interface BroadcastMessage {
  kind: "text" | "user";
  event: string;
  payload: unknown;
  /** The payload is raw bytes (user broadcasts only). */
  binary?: boolean;
  meta?: Record<string, unknown>;
  /** Private messages reach private channels with read rights; public ones public channels. */
  private: boolean;
}

export class Hub {
  private readonly topics = new Map<string, Set<Subscription>>();
  private readonly presences = new Map<string, TopicPresence>();
  /** Messages handed to sockets since start (every delivered message counts, as on Supabase). */
  delivered = 0;

  add(sub: Subscription): void {
    let set = this.topics.get(sub.topic);
    if (!set) this.topics.set(sub.topic, (set = new Set()));
    set.add(sub);
  }

  /** Presence is kept apart for private and public channels of one name, as on Supabase. */
  private presenceKey(topic: string, isPrivate: boolean): string {
    return `${isPrivate ? "private" : "public"}:${topic}`;
  }

  /** Removes a subscription and announces its presence leave. */
  remove(sub: Subscription): void {
    this.untrack(sub);
    const set = this.topics.get(sub.topic);
    set?.delete(sub);
    if (set && set.size === 0) this.topics.delete(sub.topic);
    const key = this.presenceKey(sub.topic, sub.private);
    if (this.presences.get(key)?.size === 0) this.presences.delete(key);
  }

  subscriptionCount(): number {
    let n = 0;
    for (const set of this.topics.values()) n += set.size;
    return n;
  }

  /** Delivers to every subscriber of the topic allowed to receive it, except the sender unless it asked for self. */
  broadcast(topic: string, message: BroadcastMessage, from?: Subscription): number {
    const set = this.topics.get(topic);
    if (!set) return 0;
    let count = 0;
    for (const sub of set) {
      if (sub === from && !sub.self) continue;
      if (sub.private !== message.private) continue;
      if (sub.private && !sub.permissions.readBroadcast) continue;
      sub.owner.sendBroadcast(sub, message);
      count++;
    }
    this.delivered += count;
    return count;
  }

  presenceState(topic: string, isPrivate: boolean) {
    return this.presences.get(this.presenceKey(topic, isPrivate))?.state() ?? {};
  }

  track(sub: Subscription, payload: Record<string, unknown>): void {
    const key = this.presenceKey(sub.topic, sub.private);
    let presence = this.presences.get(key);
    if (!presence) this.presences.set(key, (presence = new TopicPresence()));
    for (const diff of presence.track(sub.id, sub.presenceKey, payload)) this.fanOutPresence(sub, diff);
  }

  untrack(sub: Subscription): void {
    const diff = this.presences.get(this.presenceKey(sub.topic, sub.private))?.untrack(sub.id);
    if (diff) this.fanOutPresence(sub, diff);
  }

  private fanOutPresence(from: Subscription, diff: PresenceDiff): void {
    // Public channels get diffs whether or not they enabled presence; private ones need read rights.
    for (const sub of this.topics.get(from.topic) ?? []) {
      if (sub.private !== from.private) continue;
      if (sub.private && !sub.permissions.readPresence) continue;
      sub.owner.sendPresenceDiff(sub, diff);
      this.delivered++;
    }
  }
}
