/**
 * One tab's room: its Realtime channels (the room channel with presence, and the host
 * term's playback channel), the host's publishing and the member's following, clock
 * sync and host hand-over. Network lives here; the content script gets plain notices.
 */
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import type { MemberT, RoomT } from "../../backend/supabase/functions/_shared/contract.ts";
import { playbackTopic, roomTopic } from "../../backend/supabase/functions/_shared/contract.ts";
import type { BufferingMessage, HostStateMessage, MemberStatus, PlaybackRequestMessage, SessionView, ToContent } from "../core/messages.ts";
import { HostPlaybackState, isNewer } from "../core/playback-state.ts";
import { HostStateSequencer } from "../core/host-state-sequencer.ts";
import { t } from "../ui/i18n.ts";
import { callFunction } from "./api-client.ts";
import { ClockSync } from "./clock-sync.ts";
import { PlaybackPersister } from "./playback-persister.ts";
import { parseWith } from "./parse.ts";
import { RoomComments } from "./room-comments.ts";
import { type RoomEventHandlers, routeRoomEvent } from "./room-event-router.ts";
import { persistedPlayback, roomMembers } from "./room-queries.ts";
import { buildSessionView } from "./session-view.ts";
import { StatusPresence } from "./status-presence.ts";

type HostStateMsg = HostStateMessage;

export interface SessionDeps {
  client: SupabaseClient;
  userId: string;
  username: string;
  /** Sends a notice to the tab's content scripts. */
  notify(message: ToContent): void;
  /** Saves what a restarted service worker needs to resume this session. */
  persist(record: { roomId: string; pageUrl: string; accessKey?: string; seq: number } | null): void;
}

export interface JoinedRoom {
  room: RoomT;
  members: MemberT[];
  accessKey?: string;
  pageUrl: string;
  seq?: number;
}

const HEARTBEAT_MS = { host: 20_000, member: 120_000 };

export class RoomSession {
  private room: RoomT;
  private members: MemberT[];
  private roomChannel!: RealtimeChannel;
  private playbackChannel: RealtimeChannel | undefined;
  private connection: SessionView["connection"] = "connecting";
  private latest: HostPlaybackState | null = null;
  private readonly sequencer: HostStateSequencer;
  private status: MemberStatus = "unknown";
  private notice: string | undefined;
  private followUrl: string | undefined;
  private readonly clock: ClockSync;
  private readonly persister: PlaybackPersister;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Set once the session ended: late channel callbacks must not resurrect its view. */
  private disposed = false;
  private readonly presence: StatusPresence;
  readonly comments: RoomComments;

  constructor(private readonly deps: SessionDeps, private joined: JoinedRoom) {
    this.room = joined.room;
    this.members = joined.members;
    this.sequencer = new HostStateSequencer(joined.seq ?? 0);
    this.clock = new ClockSync({
      userId: deps.userId,
      send: (event, payload) => void this.roomChannel.send({ type: "broadcast", event, payload }),
      now: () => Date.now(),
      roomSize: () => this.members.length,
      onEstimate: () => this.forwardLatest(),
    });
    this.persister = new PlaybackPersister(deps.client, joined.room.room_id);
    this.comments = new RoomComments(deps.client, joined.room.room_id, this.episode(), deps.notify);
    this.presence = new StatusPresence(() => this.roomChannel, { user_id: deps.userId, username: deps.username });
  }

  get roomId(): string {
    return this.room.room_id;
  }

  get isHost(): boolean {
    return this.room.host_user_id === this.deps.userId;
  }

  async start(): Promise<void> {
    this.persist();
    this.openRoomChannel();
    this.openPlaybackChannel();
    await Promise.all([this.loadPersistedState(), this.comments.loadFirst()]);
    this.heartbeat = setInterval(
      () => void callFunction(this.deps.client, "members-update-status", { room_id: this.roomId, sync_status: this.status }),
      this.isHost ? HEARTBEAT_MS.host : HEARTBEAT_MS.member,
    );
    this.publishView();
  }

  view(): SessionView {
    return buildSessionView({
      room: this.room,
      userId: this.deps.userId,
      pageUrl: this.joined.pageUrl,
      accessKey: this.joined.accessKey,
      members: this.members,
      presence: this.roomChannel?.presenceState() ?? {},
      connection: this.connection,
      notice: this.notice,
      followUrl: this.followUrl,
    });
  }


  /** The host's content script read its video. */
  hostState(msg: HostStateMsg): void {
    if (!this.isHost) return;
    const state = this.sequencer.next(msg, this.room.host_term, this.mediaKey());
    void this.playbackChannel?.send({ type: "broadcast", event: "state", payload: state });
    if (msg.changed && msg.action) this.persister.save({ action: msg.action, current_time: msg.position, playback_rate: msg.rate });
    if (msg.changed) this.persist();
  }

  playbackRequest(msg: PlaybackRequestMessage): void {
    const payload = { from: this.deps.userId, action: msg.action, position: msg.position, rate: msg.rate };
    if (this.isHost) this.deps.notify({ type: "bg/apply-request", ...payload });
    else void this.roomChannel.send({ type: "broadcast", event: "playback_request", payload });
  }

  reportStatus(status: MemberStatus, offsetMs?: number): void {
    if (status === this.status) return; // presence changes only when the status does
    this.status = status;
    this.presence.publish(status, offsetMs);
  }


  reportBuffering(msg: BufferingMessage): void {
    const payload = { user_id: this.deps.userId, buffering: msg.buffering };
    void this.roomChannel.send({ type: "broadcast", event: "buffering", payload });
  }

  /** The host moved on: record the new video; members hear room_updated from the database. */
  mediaChanged(pageUrl: string, media: { anime_id: string; anime_title?: string; episode_number?: number; video_url?: string }): void {
    if (!this.isHost) return;
    this.joined.pageUrl = pageUrl;
    void callFunction(this.deps.client, "sync-control", {
      room_id: this.roomId, action: "seek", current_time: 0, playback_rate: this.sequencer.lastRate,
      media: { anime_id: media.anime_id, episode_number: media.episode_number ?? 1, anime_title: media.anime_title, video_url: media.video_url ?? pageUrl },
    });
    this.publishView();
  }

  /** Host only: deletes the room; everyone hears room_deleted. */
  async end(): Promise<void> {
    const res = await callFunction(this.deps.client, "rooms-delete", { room_id: this.roomId });
    if (res.ok) this.dispose();
  }

  async leave(): Promise<void> {
    await callFunction(this.deps.client, "rooms-leave", { room_id: this.roomId });
    this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.clock.stop();
    this.persister.dispose();
    this.presence.dispose();
    if (this.heartbeat) clearInterval(this.heartbeat);
    void this.deps.client.removeChannel(this.roomChannel);
    if (this.playbackChannel) void this.deps.client.removeChannel(this.playbackChannel);
    this.deps.persist(null);
  }

  // ---- channels ---------------------------------------------------------------------

  private openRoomChannel(): void {
    const ch = this.deps.client.channel(roomTopic(this.roomId), {
      config: { private: true, broadcast: { self: false }, presence: { key: this.deps.userId } },
    });
    ch.on("presence", { event: "sync" }, () => this.publishView());
    ch.on("broadcast", { event: "*" }, ({ event, payload }) => routeRoomEvent(event, payload, this.on));
    ch.on("broadcast", { event: "comment_created" }, ({ payload }) => this.comments.live(payload));
    ch.on("broadcast", { event: "reaction_changed" }, ({ payload }) => this.comments.liveReactions(payload));
    ch.subscribe((status) => {
      if (status === "SUBSCRIBED") {
        this.connection = "online";
        if (this.isHost) this.status = "in_sync"; // the host is the reference
        this.presence.publish(this.status);
        if (this.isHost) this.republish();
        else {
          this.clock.burst();
          void ch.send({ type: "broadcast", event: "state_request", payload: { from: this.deps.userId } });
        }
      } else {
        this.connection = "reconnecting";
      }
      this.publishView();
    });
    this.roomChannel = ch;
  }

  private openPlaybackChannel(): void {
    if (this.playbackChannel) void this.deps.client.removeChannel(this.playbackChannel);
    const ch = this.deps.client.channel(playbackTopic(this.roomId, this.room.host_term), {
      config: { private: true, broadcast: { self: false } },
    });
    ch.on("broadcast", { event: "state" }, ({ payload }) => {
      const state = parseWith(HostPlaybackState, payload);
      if (!state || this.isHost || !isNewer(state, this.latest)) return;
      this.latest = state;
      this.forwardLatest();
    });
    ch.subscribe((status) => status === "SUBSCRIBED" && this.isHost && this.republish());
    this.playbackChannel = ch;
  }

  /** What the room channel says, already parsed (room-event-router.ts). */
  private readonly on: RoomEventHandlers = {
    clockPing: (ping) => {
      if (!this.isHost) return;
      const pong = { id: ping.id, to: ping.from, t0: ping.t0, peer: Date.now() };
      void this.roomChannel.send({ type: "broadcast", event: "clock_pong", payload: pong });
    },
    clockPong: (pong) => this.clock.pong(pong),
    stateRequest: () => this.isHost && this.republish(),
    playbackRequest: (request) => this.isHost && this.deps.notify({ type: "bg/apply-request", ...request }),
    buffering: (b) => this.isHost && this.deps.notify({ type: "bg/member-buffering", user_id: b.user_id, buffering: b.buffering }),
    hostChanged: (change) => change.host_term > this.room.host_term && this.hostChanged(change.host_user_id, change.host_term),
    roomUpdated: ({ room }) => {
      this.room = { ...this.room, ...room };
      void this.comments.loadFirst(this.episode());
      if (!this.isHost && room.video_url) {
        this.followUrl = room.video_url;
        this.notice = t("hostMovedTo", room.anime_title || room.title);
      }
      this.publishView();
    },
    membersChanged: () => void this.refreshMembers(),
    roomDeleted: () => {
      this.deps.notify({ type: "bg/session", session: null, ended: t("hostEndedRoom") });
      this.dispose();
    },
  };

  private hostChanged(hostUserId: string, term: number): void {
    this.room = { ...this.room, host_user_id: hostUserId, host_term: term };
    this.latest = null;
    this.notice = hostUserId === this.deps.userId ? t("youAreHostNow") : t("roomHasNewHost");
    this.openPlaybackChannel();
    if (this.isHost) {
      this.clock.stop();
      this.reportStatus("in_sync"); // the host is the reference
    } else {
      this.clock.burst(); // a new host means a new clock to measure against
    }
    void this.refreshMembers();
    this.publishView();
  }

  /** The host re-sends its last reading, moved to now, so a (re)joining member catches up at once. */
  private republish(): void {
    const now = this.sequencer.movedTo(Date.now());
    if (now) this.hostState({ type: "content/host-state", ...now, changed: false });
  }

  private forwardLatest(): void {
    if (this.latest) this.deps.notify({ type: "bg/playback", state: this.latest, offset_ms: this.clock.offsetMs });
  }

  /** Until the host's first message arrives, follow the state the room last persisted. */
  private async loadPersistedState(): Promise<void> {
    const state = await persistedPlayback(this.deps.client, this.roomId, this.mediaKey());
    if (!state || this.latest || this.isHost) return;
    this.latest = state;
    this.forwardLatest();
  }

  private async refreshMembers(): Promise<void> {
    this.members = (await roomMembers(this.deps.client, this.roomId)) ?? this.members;
    this.publishView();
  }

  private episode(): { anime_id: string; episode_number: number } {
    return { anime_id: this.room.anime_id, episode_number: this.room.episode_number };
  }

  private mediaKey(): string {
    return `${this.room.anime_id}:${this.room.episode_number}`;
  }

  private publishView(): void {
    if (this.disposed) return;
    this.deps.notify({ type: "bg/session", session: this.view() });
  }

  private persist(): void {
    if (this.disposed) return;
    this.deps.persist({ roomId: this.roomId, pageUrl: this.joined.pageUrl, accessKey: this.joined.accessKey, seq: this.sequencer.seq });
  }
}
