/**
 * One tab's room: its Realtime channels (the room channel with presence, and the host
 * term's playback channel), the host's publishing and the member's following, clock
 * sync and host hand-over (the playback topic itself: playback-link.ts). Network lives here;
 * the content script gets plain notices.
 */
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import type { MemberT, RoomT } from "../../backend/supabase/functions/_shared/contract.ts";
import { roomTopic } from "../../backend/supabase/functions/_shared/contract.ts";
import type { BufferingMessage, HostStateMessage, MemberStatus, PlaybackRequestMessage, SessionView, ToContent } from "../core/messages.ts";
import { t } from "../ui/i18n.ts";
import { callFunction } from "./api-client.ts";
import { ClockSync } from "./clock-sync.ts";
import { type MediaChange, PlaybackLink } from "./playback-link.ts";
import { RoomComments } from "./room-comments.ts";
import { type RoomEventHandlers, routeRoomEvent } from "./room-event-router.ts";
import { roomMembers } from "./room-queries.ts";
import { buildSessionView } from "./session-view.ts";
import { StatusPresence } from "./status-presence.ts";

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
  private readonly playback: PlaybackLink;
  private connection: SessionView["connection"] = "connecting";
  private status: MemberStatus = "unknown";
  private notice: string | undefined;
  private followUrl: string | undefined;
  private readonly clock: ClockSync;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Set once the session ended: late channel callbacks must not resurrect its view. */
  private disposed = false;
  private readonly presence: StatusPresence;
  readonly comments: RoomComments;

  constructor(private readonly deps: SessionDeps, private joined: JoinedRoom) {
    this.room = joined.room;
    this.members = joined.members;
    this.clock = new ClockSync({
      userId: deps.userId,
      send: (event, payload) => void this.roomChannel.send({ type: "broadcast", event, payload }),
      now: () => Date.now(),
      roomSize: () => this.members.length,
      onEstimate: () => this.playback.forwardLatest(),
    });
    this.playback = new PlaybackLink({
      client: deps.client,
      roomId: joined.room.room_id,
      seq: joined.seq ?? 0,
      isHost: () => this.isHost,
      mediaKey: () => `${this.room.anime_id}:${this.room.episode_number}`,
      offsetMs: () => this.clock.offsetMs,
      notify: deps.notify,
    });
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
    this.playback.open(this.room.host_term);
    await Promise.all([this.playback.loadPersisted(), this.comments.loadFirst()]);
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
  hostState(msg: HostStateMessage): void {
    if (!this.isHost) return;
    this.playback.hostState(msg);
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
  mediaChanged(pageUrl: string, media: MediaChange): void {
    if (!this.isHost) return;
    this.joined.pageUrl = pageUrl;
    this.playback.mediaChanged(pageUrl, media);
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
    this.playback.dispose();
    this.presence.dispose();
    if (this.heartbeat) clearInterval(this.heartbeat);
    void this.deps.client.removeChannel(this.roomChannel);
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
        if (this.isHost) this.playback.republish();
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

  /** What the room channel says, already parsed (room-event-router.ts). */
  private readonly on: RoomEventHandlers = {
    clockPing: (ping) => {
      if (!this.isHost) return;
      const pong = { id: ping.id, to: ping.from, t0: ping.t0, peer: Date.now() };
      void this.roomChannel.send({ type: "broadcast", event: "clock_pong", payload: pong });
    },
    clockPong: (pong) => this.clock.pong(pong),
    stateRequest: () => this.isHost && this.playback.republish(),
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
    this.notice = hostUserId === this.deps.userId ? t("youAreHostNow") : t("roomHasNewHost");
    this.playback.open(term);
    if (this.isHost) {
      this.clock.stop();
      this.reportStatus("in_sync"); // the host is the reference
    } else {
      this.clock.burst(); // a new host means a new clock to measure against
    }
    void this.refreshMembers();
    this.publishView();
  }

  private async refreshMembers(): Promise<void> {
    this.members = (await roomMembers(this.deps.client, this.roomId)) ?? this.members;
    this.publishView();
  }

  private episode(): { anime_id: string; episode_number: number } {
    return { anime_id: this.room.anime_id, episode_number: this.room.episode_number };
  }

  private publishView(): void {
    if (this.disposed) return;
    this.deps.notify({ type: "bg/session", session: this.view() });
  }

  private persist(): void {
    if (this.disposed) return;
    this.deps.persist({ roomId: this.roomId, pageUrl: this.joined.pageUrl, accessKey: this.joined.accessKey, seq: this.playback.seq });
  }
}
