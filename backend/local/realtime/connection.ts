/**
 * One WebSocket connection speaking the Phoenix protocol of Supabase Realtime:
 * phx_join / phx_leave / heartbeat / access_token / broadcast / presence, in vsn 1.0.0
 * or 2.0.0 (with binary broadcasts). Shapes follow realtime-js (RealtimeChannel.js,
 * lib/serializer.js) and the phoenix client; see docs/WEBSOCKET_EVENTS.md.
 */
import { randomUUID } from "node:crypto";
import type { JwtClaims } from "../../supabase/functions/_shared/jwt.ts";
import { ALL_ALLOWED, type ChannelPermissions } from "./authorizer.ts";
import {
  decodeBinaryPush,
  decodeTextFrame,
  encodeBinaryBroadcast,
  encodeTextFrame,
  type Frame,
  FrameError,
  type Vsn,
} from "./frames.ts";
import type { BroadcastMessage, Hub, Subscriber, Subscription } from "./hub.ts";
import { REALTIME_LIMITS } from "./limits.ts";
import type { PresenceDiff } from "./presence.ts";
import { RateWindow } from "./rate-window.ts";
import { checkToken } from "./tokens.ts";

export interface ConnectionDeps {
  hub: Hub;
  jwtSecret: string;
  /** The apikey's claims: the role of callers that send no access_token. */
  apiKeyClaims: JwtClaims;
  authorize(claims: JwtClaims, topic: string): Promise<ChannelPermissions>;
  now(): number;
  log(line: string): void;
}

export interface SocketLike {
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

interface ChannelState {
  sub: Subscription;
  claims: JwtClaims;
  presenceRate: RateWindow;
  expiryTimer?: ReturnType<typeof setTimeout>;
}

const WIRE_PREFIX = "realtime:";

export class Connection implements Subscriber {
  private readonly channels = new Map<string, ChannelState>();
  private readonly messageRate = new RateWindow(REALTIME_LIMITS.messagesPerSecond, 1000);
  /** Frames are handled one after another, as Phoenix channels process their mailbox. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly socket: SocketLike, readonly vsn: Vsn, private readonly deps: ConnectionDeps) {}

  receive(data: string | Uint8Array): void {
    this.queue = this.queue.then(() => this.handle(data)).catch((err) => {
      this.deps.log(`realtime: frame handling failed: ${(err as Error)?.stack ?? err}`);
    });
  }

  closeAll(): void {
    this.closed = true;
    for (const state of this.channels.values()) this.drop(state);
    this.channels.clear();
  }

  // ---- Subscriber ---------------------------------------------------------------

  sendBroadcast(sub: Subscription, message: BroadcastMessage): void {
    if (this.vsn === "2.0.0" && message.binary) {
      this.raw(encodeBinaryBroadcast({ topic: sub.wireTopic, event: message.event, payload: message.payload, binary: true }));
      return;
    }
    this.push({
      join_ref: null,
      ref: null,
      topic: sub.wireTopic,
      event: "broadcast",
      payload: { type: "broadcast", event: message.event, payload: message.payload, meta: message.meta },
    });
  }

  sendPresenceDiff(sub: Subscription, diff: PresenceDiff): void {
    this.push({ join_ref: sub.joinRef, ref: null, topic: sub.wireTopic, event: "presence_diff", payload: diff });
  }

  // ---- frames ---------------------------------------------------------------------

  private async handle(data: string | Uint8Array): Promise<void> {
    if (this.closed) return;
    let frame: Frame;
    try {
      if (typeof data === "string") {
        frame = decodeTextFrame(data, this.vsn);
      } else {
        if (this.vsn !== "2.0.0") throw new FrameError("binary frames need vsn 2.0.0");
        const b = decodeBinaryPush(data);
        frame = {
          join_ref: b.join_ref || null,
          ref: b.ref || null,
          topic: b.topic,
          event: "broadcast",
          payload: { type: "broadcast", event: b.event, payload: b.payload, binary: b.binary, ...b.meta },
        };
      }
    } catch (err) {
      // A malformed frame cannot be answered (no ref to answer to); it is dropped, the socket stays.
      this.deps.log(`realtime: dropped a malformed frame: ${(err as Error).message}`);
      return;
    }

    if (!this.messageRate.hit(this.deps.now())) {
      this.system(frame.topic, null, "error", "ClientRateLimited: Too many messages per second");
      return;
    }

    if (frame.topic === "phoenix") {
      if (frame.event === "heartbeat") this.reply(frame, "ok", {});
      return;
    }
    switch (frame.event) {
      case "phx_join":
        return this.join(frame);
      case "phx_leave":
        return this.leave(frame);
      case "access_token":
        return this.refreshToken(frame);
      case "broadcast":
        return this.broadcast(frame);
      case "presence":
        return this.presence(frame);
      default: {
        if (!this.channels.has(frame.topic)) this.reply(frame, "error", { reason: "unmatched topic" });
        // Unknown events on a joined topic are ignored, as the Realtime server does.
      }
    }
  }

  private async join(frame: Frame): Promise<void> {
    const payload = (frame.payload ?? {}) as {
      config?: {
        broadcast?: { self?: boolean; ack?: boolean };
        presence?: { key?: string; enabled?: boolean };
        private?: boolean;
        postgres_changes?: unknown[];
      };
      access_token?: unknown;
    };
    const config = payload.config ?? {};
    if (!frame.topic.startsWith(WIRE_PREFIX) || frame.topic.length === WIRE_PREFIX.length) {
      return this.reply(frame, "error", { reason: "TopicNameError: topics start with realtime:" });
    }
    if (Array.isArray(config.postgres_changes) && config.postgres_changes.length > 0) {
      return this.reply(frame, "error", {
        reason: "UnsupportedExtension: postgres_changes is not available on the local stack; use broadcast",
      });
    }
    const existing = this.channels.get(frame.topic);
    if (existing) {
      // A second join of a topic on one socket replaces the first (Phoenix closes the old channel).
      this.drop(existing);
      this.channels.delete(frame.topic);
      this.push({ join_ref: existing.sub.joinRef, ref: existing.sub.joinRef, topic: frame.topic, event: "phx_close", payload: {} });
    }
    if (this.channels.size >= REALTIME_LIMITS.channelsPerConnection) {
      return this.reply(frame, "error", { reason: "ChannelRateLimitReached: Too many channels" });
    }

    let claims = this.deps.apiKeyClaims;
    let exp: number | undefined;
    if (typeof payload.access_token === "string" && payload.access_token !== "") {
      const check = await checkToken(payload.access_token, this.deps.jwtSecret, this.deps.now());
      if (!check.ok) return this.reply(frame, "error", { reason: check.reason });
      claims = check.claims;
      exp = typeof claims.exp === "number" ? claims.exp : undefined;
    }

    const topic = frame.topic.slice(WIRE_PREFIX.length);
    const isPrivate = config.private === true;
    let permissions = ALL_ALLOWED;
    if (isPrivate) {
      permissions = await this.deps.authorize(claims, topic);
      if (!permissions.readBroadcast && !permissions.readPresence) {
        return this.reply(frame, "error", {
          reason: "Unauthorized: You do not have permissions to read from this Channel topic: " + topic,
        });
      }
    }
    const sub: Subscription = {
      id: randomUUID(),
      topic,
      wireTopic: frame.topic,
      joinRef: frame.join_ref ?? frame.ref ?? "",
      private: isPrivate,
      self: config.broadcast?.self === true,
      ack: config.broadcast?.ack === true,
      presenceEnabled: config.presence?.enabled !== false,
      presenceKey: config.presence?.key || randomUUID(),
      permissions,
      owner: this,
    };
    const state: ChannelState = {
      sub,
      claims,
      presenceRate: new RateWindow(REALTIME_LIMITS.presenceEvents, REALTIME_LIMITS.presenceWindowMs),
    };
    this.channels.set(frame.topic, state);
    this.deps.hub.add(sub);
    this.scheduleExpiry(state, exp);
    this.reply(frame, "ok", { postgres_changes: [] });
    if (sub.presenceEnabled) {
      this.push({
        join_ref: sub.joinRef,
        ref: null,
        topic: frame.topic,
        event: "presence_state",
        payload: this.deps.hub.presenceState(topic),
      });
    }
  }

  private leave(frame: Frame): void {
    const state = this.channels.get(frame.topic);
    if (!state) return this.reply(frame, "error", { reason: "unmatched topic" });
    this.drop(state);
    this.channels.delete(frame.topic);
    this.reply(frame, "ok", {});
    this.push({ join_ref: state.sub.joinRef, ref: state.sub.joinRef, topic: frame.topic, event: "phx_close", payload: {} });
  }

  private async refreshToken(frame: Frame): Promise<void> {
    const state = this.channels.get(frame.topic);
    if (!state) return this.reply(frame, "error", { reason: "unmatched topic" });
    const token = (frame.payload as { access_token?: unknown })?.access_token;
    if (typeof token !== "string" || token === "") return;
    const check = await checkToken(token, this.deps.jwtSecret, this.deps.now());
    if (!check.ok) return this.shutChannel(state, check.reason);
    state.claims = check.claims;
    this.scheduleExpiry(state, typeof check.claims.exp === "number" ? check.claims.exp : undefined);
    if (state.sub.private) {
      // Supabase caches authorization per channel until a new token arrives: recompute now.
      state.sub.permissions = await this.deps.authorize(check.claims, state.sub.topic);
      if (!state.sub.permissions.readBroadcast && !state.sub.permissions.readPresence) {
        this.shutChannel(state, "Unauthorized: You do not have permissions to read from this Channel topic: " + state.sub.topic);
      }
    }
  }

  private broadcast(frame: Frame): void {
    const state = this.channels.get(frame.topic);
    if (!state) return this.reply(frame, "error", { reason: "unmatched topic" });
    const p = frame.payload as { event?: unknown; payload?: unknown; binary?: boolean; type?: string } | null;
    if (!p || typeof p.event !== "string") return;
    const size = p.binary ? (p.payload as Uint8Array).length : JSON.stringify(p.payload ?? null).length;
    if (size > REALTIME_LIMITS.maxPayloadBytes) {
      this.system(frame.topic, state.sub.joinRef, "error", "PayloadTooLarge: Payload size exceeds tenant limit");
      return;
    }
    const { sub } = state;
    // Without INSERT permission on a private channel the message is dropped silently, as on Supabase.
    if (sub.private && !sub.permissions.writeBroadcast) return;
    this.deps.hub.broadcast(sub.topic, { event: p.event, payload: p.payload, binary: p.binary, private: sub.private }, sub);
    if (sub.ack) this.reply(frame, "ok", {});
  }

  private presence(frame: Frame): void {
    const state = this.channels.get(frame.topic);
    if (!state) return this.reply(frame, "error", { reason: "unmatched topic" });
    const p = frame.payload as { event?: unknown; payload?: unknown } | null;
    const { sub } = state;
    if (sub.private && !sub.permissions.writePresence) {
      return this.reply(frame, "error", { reason: "Unauthorized: You do not have permissions to track presence on this Channel topic" });
    }
    if (!state.presenceRate.hit(this.deps.now())) {
      this.shutChannel(state, "PresenceRateLimitReached: Too many presence messages per second");
      return;
    }
    if (p?.event === "track") {
      if (typeof p.payload !== "object" || p.payload === null || Array.isArray(p.payload)) {
        return this.reply(frame, "error", { reason: "Presence payload must be an object" });
      }
      if (!sub.presenceEnabled) {
        // Tracking turns presence on for this channel; the client then needs the current state.
        sub.presenceEnabled = true;
        this.push({ join_ref: sub.joinRef, ref: null, topic: sub.wireTopic, event: "presence_state", payload: this.deps.hub.presenceState(sub.topic) });
      }
      this.reply(frame, "ok", {});
      this.deps.hub.track(sub, p.payload as Record<string, unknown>);
    } else if (p?.event === "untrack") {
      this.reply(frame, "ok", {});
      this.deps.hub.untrack(sub);
    } else {
      this.reply(frame, "error", { reason: "unknown presence event" });
    }
  }

  // ---- helpers ---------------------------------------------------------------------

  /** Tells the client why, then closes the channel (token expired, rights lost, limits). */
  private shutChannel(state: ChannelState, message: string): void {
    const { sub } = state;
    this.system(sub.wireTopic, sub.joinRef, "error", message);
    this.drop(state);
    this.channels.delete(sub.wireTopic);
    this.push({ join_ref: sub.joinRef, ref: sub.joinRef, topic: sub.wireTopic, event: "phx_close", payload: {} });
  }

  private scheduleExpiry(state: ChannelState, exp: number | undefined): void {
    if (state.expiryTimer) clearTimeout(state.expiryTimer);
    state.expiryTimer = undefined;
    if (exp === undefined) return;
    const ms = exp * 1000 - this.deps.now();
    if (ms > 2 ** 31 - 1) return;
    state.expiryTimer = setTimeout(() => {
      if (this.channels.get(state.sub.wireTopic) === state) this.shutChannel(state, "InvalidJWTToken: Token has expired");
    }, Math.max(0, ms));
    state.expiryTimer.unref?.();
  }

  private drop(state: ChannelState): void {
    if (state.expiryTimer) clearTimeout(state.expiryTimer);
    this.deps.hub.remove(state.sub);
  }

  private system(topic: string, joinRef: string | null, status: "ok" | "error", message: string): void {
    this.push({
      join_ref: joinRef,
      ref: null,
      topic,
      event: "system",
      payload: { extension: "system", status, message, channel: topic.replace(WIRE_PREFIX, "") },
    });
  }

  private reply(frame: Frame, status: "ok" | "error", response: unknown): void {
    if (frame.ref === null) return; // nothing to answer to
    this.push({ join_ref: frame.join_ref, ref: frame.ref, topic: frame.topic, event: "phx_reply", payload: { status, response } });
  }

  private push(frame: Frame): void {
    this.raw(encodeTextFrame(frame, this.vsn));
  }

  private raw(data: string | Uint8Array): void {
    if (this.closed) return;
    try {
      this.socket.send(data);
    } catch {
      // The socket went away; its close handler cleans up.
    }
  }
}
