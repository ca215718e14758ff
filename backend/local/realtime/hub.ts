/**
 * Who listens to which topic, and delivery: broadcasts (from clients, the REST API and
 * realtime.send) and presence diffs. Each subscription is one socket's join of a topic.
 */
import { randomUUID } from "node:crypto";
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

export interface BroadcastMessage {
  event: string;
  payload: unknown;
  /** True when payload is raw bytes (binary broadcast). */
  binary?: boolean;
  meta?: Record<string, unknown>;
  /** The message targets private channels only (or public ones only when false). */
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

  /** Removes a subscription and announces its presence leave. */
  remove(sub: Subscription): void {
    this.untrack(sub);
    const set = this.topics.get(sub.topic);
    set?.delete(sub);
    if (set && set.size === 0) {
      this.topics.delete(sub.topic);
      this.presences.delete(sub.topic);
    }
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
    const withId: BroadcastMessage = { ...message, meta: { ...message.meta, id: randomUUID() } };
    let count = 0;
    for (const sub of set) {
      if (sub === from && !sub.self) continue;
      if (sub.private !== message.private) continue;
      if (sub.private && !sub.permissions.readBroadcast) continue;
      sub.owner.sendBroadcast(sub, withId);
      count++;
    }
    this.delivered += count;
    return count;
  }

  presenceState(topic: string) {
    return this.presences.get(topic)?.state() ?? {};
  }

  track(sub: Subscription, payload: Record<string, unknown>): void {
    let presence = this.presences.get(sub.topic);
    if (!presence) this.presences.set(sub.topic, (presence = new TopicPresence()));
    this.fanOutPresence(sub.topic, presence.track(sub.id, sub.presenceKey, payload));
  }

  untrack(sub: Subscription): void {
    const diff = this.presences.get(sub.topic)?.untrack(sub.id);
    if (diff) this.fanOutPresence(sub.topic, diff);
  }

  private fanOutPresence(topic: string, diff: PresenceDiff): void {
    for (const sub of this.topics.get(topic) ?? []) {
      if (!sub.presenceEnabled) continue;
      if (sub.private && !sub.permissions.readPresence) continue;
      sub.owner.sendPresenceDiff(sub, diff);
      this.delivered++;
    }
  }
}
