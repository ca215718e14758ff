/**
 * One WebSocket connection speaking Supabase Realtime's Phoenix protocol: phx_join,
 * phx_leave, heartbeat, access_token, broadcast and presence, in vsn 1.0.0 or 2.0.0
 * (binary broadcasts). Behaviour follows the supabase/realtime server
 * (realtime_channel.ex, broadcast_handler.ex, presence_handler.ex) and the realtime-js
 * 2.109 client; docs/WEBSOCKET_EVENTS.md lists the frames.
 */
import { randomUUID } from "node:crypto";
import type { JwtClaims } from "../../supabase/functions/_shared/jwt.ts";
import { ALL_ALLOWED, type ChannelPermissions } from "./authorizer.ts";
import { decodeBinaryPush, decodeTextFrame, encodeTextFrame, type Frame, type Vsn } from "./frames.ts";
import type { BroadcastMessage, Hub, Subscriber, Subscription } from "./hub.ts";
import { readJoin } from "./join-request.ts";
import { REALTIME_LIMITS } from "./limits.ts";
import { broadcastFrameFor, closeFrame, replyFrame, systemFrame } from "./outgoing.ts";
import type { PresenceDiff } from "./presence.ts";
import { RateWindow } from "./rate-window.ts";
import { checkToken } from "./tokens.ts";

export interface ConnectionDeps {
  hub: Hub;
  jwtSecret: string;
  /** The apikey's claims: used when a join carries no access_token. */
  apiKeyClaims: JwtClaims;
  authorize(claims: JwtClaims, topic: string): Promise<ChannelPermissions>;
  now(): number;
  log(line: string): void;
}

export interface SocketLike {
  send(data: string | Uint8Array): void;
}

interface ChannelState {
  sub: Subscription;
  presenceRate: RateWindow;
  expiryTimer?: ReturnType<typeof setTimeout>;
}

export class Connection implements Subscriber {
  private readonly channels = new Map<string, ChannelState>();
  private readonly messageRate = new RateWindow(REALTIME_LIMITS.messagesPerSecond, 1000);
  /** Frames are handled one at a time, in order, as a Phoenix channel works its mailbox. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly socket: SocketLike, readonly vsn: Vsn, private readonly deps: ConnectionDeps) {}

  receive(data: string | Uint8Array): void {
    this.queue = this.queue
      .then(() => this.handle(data))
      .catch((err) => this.deps.log(`realtime: frame handling failed: ${(err as Error)?.stack ?? err}`));
  }

  /** The socket closed: leave every channel (presence leaves go out to the others). */
  closeAll(): void {
    this.closed = true;
    for (const state of this.channels.values()) this.drop(state);
    this.channels.clear();
  }

  sendBroadcast(sub: Subscription, message: BroadcastMessage): void {
    const frame = broadcastFrameFor(sub.wireTopic, message, this.vsn);
    if (frame) this.send(frame);
  }

  sendPresenceDiff(sub: Subscription, diff: PresenceDiff): void {
    this.send({ join_ref: null, ref: null, topic: sub.wireTopic, event: "presence_diff", payload: diff });
  }

  private async handle(data: string | Uint8Array): Promise<void> {
    if (this.closed) return;
    const frame = this.decode(data);
    if (!frame) return;
    if (frame.topic === "phoenix") {
      if (frame.event === "heartbeat") this.send(replyFrame(frame, "ok", {}));
      return;
    }
    const state = this.channels.get(frame.topic);
    if (frame.event === "phx_join") return this.join(frame);
    if (!state) {
      // Phoenix answers pushes to topics this socket has not joined (a leave is simply ok).
      return this.reply(frame, frame.event === "phx_leave" ? "ok" : "error", frame.event === "phx_leave" ? {} : { reason: "unmatched topic" });
    }
    if (!this.messageRate.hit(this.deps.now())) return this.shut(state, "Too many messages per second");
    switch (frame.event) {
      case "phx_leave":
        this.reply(frame, "ok", {});
        this.drop(state);
        this.channels.delete(frame.topic);
        return this.send(closeFrame(frame.topic, state.sub.joinRef));
      case "access_token":
        return this.refreshToken(state, frame);
      case "broadcast":
        return this.broadcast(state, frame);
      case "presence":
        return this.presence(state, frame);
      // Unknown events on a joined channel are ignored, as the Realtime server does.
    }
  }

  /** Null for a malformed frame: it has no ref to answer, so it is dropped and the socket stays. */
  private decode(data: string | Uint8Array): Frame | null {
    try {
      if (typeof data === "string") return decodeTextFrame(data, this.vsn);
      if (this.vsn !== "2.0.0") throw new Error("binary frames need vsn 2.0.0");
      const b = decodeBinaryPush(data);
      return {
        join_ref: b.join_ref || null,
        ref: b.ref || null,
        topic: b.topic,
        event: "broadcast",
        payload: { type: "broadcast", event: b.event, payload: b.payload, binary: b.binary, fromBinaryFrame: true },
      };
    } catch (err) {
      this.deps.log(`realtime: dropped a malformed frame: ${(err as Error).message}`);
      return null;
    }
  }

  private async join(frame: Frame): Promise<void> {
    const request = readJoin(frame.topic, frame.payload);
    if ("reason" in request) return this.reply(frame, "error", { reason: request.reason });
    const previous = this.channels.get(frame.topic);
    if (previous) {
      this.drop(previous);
      this.channels.delete(frame.topic);
    }
    // A second join of a topic replaces the first: the new join's reply, then the old channel's close.
    const closePrevious = () => previous && this.send(closeFrame(frame.topic, previous.sub.joinRef));
    if (this.channels.size >= REALTIME_LIMITS.channelsPerConnection) {
      this.reply(frame, "error", { reason: "ChannelRateLimitReached: Too many channels" });
      return void closePrevious();
    }
    let claims = this.deps.apiKeyClaims;
    if (request.accessToken) {
      const check = await checkToken(request.accessToken, this.deps.jwtSecret, this.deps.now());
      if (!check.ok) {
        this.reply(frame, "error", { reason: check.reason });
        return void closePrevious();
      }
      claims = check.claims;
    }
    let permissions = ALL_ALLOWED;
    if (request.private) {
      permissions = await this.deps.authorize(claims, request.topic);
      if (!permissions.readBroadcast && !permissions.readPresence) {
        this.reply(frame, "error", { reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${request.topic}` });
        return void closePrevious();
      }
    }
    const sub: Subscription = {
      id: randomUUID(),
      topic: request.topic,
      wireTopic: frame.topic,
      joinRef: frame.join_ref ?? frame.ref ?? "",
      private: request.private,
      self: request.self,
      ack: request.ack,
      presenceEnabled: request.presenceEnabled,
      presenceKey: request.presenceKey ?? randomUUID(),
      permissions,
      owner: this,
    };
    const state: ChannelState = { sub, presenceRate: new RateWindow(REALTIME_LIMITS.presenceEvents, REALTIME_LIMITS.presenceWindowMs) };
    this.channels.set(frame.topic, state);
    this.deps.hub.add(sub);
    this.expireWith(state, claims);
    this.reply(frame, "ok", { postgres_changes: [] });
    closePrevious();
    if (sub.presenceEnabled && (!sub.private || permissions.readPresence)) {
      this.send({ join_ref: sub.joinRef, ref: null, topic: frame.topic, event: "presence_state", payload: this.deps.hub.presenceState(sub.topic, sub.private) });
    }
  }

  private async refreshToken(state: ChannelState, frame: Frame): Promise<void> {
    const token = (frame.payload as { access_token?: unknown } | null)?.access_token;
    if (typeof token !== "string" || token.startsWith("sb_")) return; // ignored, as on Supabase
    const check = await checkToken(token, this.deps.jwtSecret, this.deps.now());
    if (!check.ok) return this.shut(state, check.message);
    this.expireWith(state, check.claims);
    if (!state.sub.private) return;
    // Authorization is cached per channel until a new token arrives: recompute it now.
    state.sub.permissions = await this.deps.authorize(check.claims, state.sub.topic);
    if (!state.sub.permissions.readBroadcast && !state.sub.permissions.readPresence) {
      this.shut(state, `You do not have permissions to read from this Channel topic: ${state.sub.topic}`);
    }
  }

  private broadcast(state: ChannelState, frame: Frame): void {
    const p = frame.payload as { event?: unknown; payload?: unknown; binary?: boolean; fromBinaryFrame?: boolean } | null;
    if (!p || typeof p.event !== "string") return;
    const { sub } = state;
    const size = p.binary ? (p.payload as Uint8Array).length : JSON.stringify(p.payload ?? null).length;
    if (size > REALTIME_LIMITS.maxPayloadBytes) {
      if (sub.ack) this.send(replyFrame(frame, "error", "payload_size_exceeded"));
      return;
    }
    // Without INSERT rights on a private channel the message is dropped silently (no ack either).
    if (sub.private && !sub.permissions.writeBroadcast) return;
    const message: BroadcastMessage = p.fromBinaryFrame
      ? { kind: "user", event: p.event, payload: p.payload, binary: p.binary, private: sub.private }
      : { kind: "text", event: p.event, payload: p.payload, private: sub.private };
    this.deps.hub.broadcast(sub.topic, message, sub);
    if (sub.ack) this.reply(frame, "ok", {});
  }

  private presence(state: ChannelState, frame: Frame): void {
    const p = frame.payload as { event?: unknown; payload?: unknown } | null;
    if (typeof p?.event !== "string") return this.reply(frame, "ok", {});
    const { sub } = state;
    if (!state.presenceRate.hit(this.deps.now())) return this.shut(state, "Client presence rate limit exceeded");
    const event = p.event.toLowerCase();
    if (event === "untrack") {
      this.reply(frame, "ok", {});
      return this.deps.hub.untrack(sub);
    }
    if (event !== "track") return this.reply(frame, "error", {});
    if (sub.private && !sub.permissions.writePresence) return this.reply(frame, "error", {});
    if (typeof p.payload !== "object" || p.payload === null || Array.isArray(p.payload)) {
      return this.reply(frame, "error", { reason: "Presence track payload must be a map" });
    }
    sub.presenceEnabled = true;
    this.reply(frame, "ok", {});
    this.deps.hub.track(sub, p.payload as Record<string, unknown>);
  }

  /** Tells the client why, then closes the channel (token problems, lost rights, limits). */
  private shut(state: ChannelState, message: string): void {
    const { sub } = state;
    this.send(systemFrame(sub.wireTopic, sub.joinRef, "error", message));
    this.drop(state);
    this.channels.delete(sub.wireTopic);
    this.send(closeFrame(sub.wireTopic, sub.joinRef));
  }

  /** Closes the channel when the token it joined with expires, as the server's periodic check does. */
  private expireWith(state: ChannelState, claims: JwtClaims): void {
    if (state.expiryTimer) clearTimeout(state.expiryTimer);
    state.expiryTimer = undefined;
    if (typeof claims.exp !== "number") return;
    const ms = claims.exp * 1000 - this.deps.now();
    if (ms > 2 ** 31 - 1) return;
    state.expiryTimer = setTimeout(() => {
      if (this.channels.get(state.sub.wireTopic) === state) this.shut(state, "Token has expired 0 seconds ago");
    }, Math.max(0, ms));
    state.expiryTimer.unref?.();
  }

  private drop(state: ChannelState): void {
    if (state.expiryTimer) clearTimeout(state.expiryTimer);
    this.deps.hub.remove(state.sub);
  }

  private reply(frame: Frame, status: "ok" | "error", response: unknown): void {
    if (frame.ref !== null) this.send(replyFrame(frame, status, response));
  }

  private send(frame: Frame | Uint8Array): void {
    if (this.closed) return;
    try {
      this.socket.send(frame instanceof Uint8Array ? frame : encodeTextFrame(frame, this.vsn));
    } catch {
      // The socket went away; its close handler cleans up.
    }
  }
}
