/**
 * A room session's side of the host-only playback topic (`room:<id>:playback:<term>`):
 * as host it numbers and sends the content script's readings and persists changes; as
 * member it keeps the newest state and hands it to the content script with the clock
 * offset. One per session; `open` moves it to a new host term.
 */
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { playbackTopic } from "../../backend/supabase/functions/_shared/contract.ts";
import type { HostStateMessage, ToContent } from "../core/messages.ts";
import { HostPlaybackState, isNewer } from "../core/playback-state.ts";
import { HostStateSequencer } from "../core/host-state-sequencer.ts";
import { callFunction } from "./api-client.ts";
import { PlaybackPersister } from "./playback-persister.ts";
import { parseWith } from "./parse.ts";
import { persistedPlayback } from "./room-queries.ts";

export interface PlaybackLinkDeps {
  client: SupabaseClient;
  roomId: string;
  /** The last seq sent (kept across a worker restart). */
  seq: number;
  isHost(): boolean;
  /** `<anime_id>:<episode_number>` of what the room plays now. */
  mediaKey(): string;
  offsetMs(): number;
  notify(message: ToContent): void;
}

export interface MediaChange {
  anime_id: string;
  anime_title?: string;
  episode_number?: number;
  video_url?: string;
}

export class PlaybackLink {
  private channel: RealtimeChannel | undefined;
  private term = 0;
  private latest: HostPlaybackState | null = null;
  private readonly sequencer: HostStateSequencer;
  private readonly persister: PlaybackPersister;

  constructor(private readonly deps: PlaybackLinkDeps) {
    this.sequencer = new HostStateSequencer(deps.seq);
    this.persister = new PlaybackPersister(deps.client, deps.roomId);
  }

  get seq(): number {
    return this.sequencer.seq;
  }

  /** Subscribes to a host term's topic (leaving the previous one); a new term starts with no state. */
  open(term: number): void {
    if (this.channel) void this.deps.client.removeChannel(this.channel);
    this.term = term;
    this.latest = null;
    const ch = this.deps.client.channel(playbackTopic(this.deps.roomId, term), {
      config: { private: true, broadcast: { self: false } },
    });
    ch.on("broadcast", { event: "state" }, ({ payload }) => {
      const state = parseWith(HostPlaybackState, payload);
      if (!state || this.deps.isHost() || !isNewer(state, this.latest)) return;
      this.latest = state;
      this.forwardLatest();
    });
    ch.subscribe((status) => status === "SUBSCRIBED" && this.deps.isHost() && this.republish());
    this.channel = ch;
  }

  /** The host's content script read its video: send it; persist real changes. */
  hostState(msg: HostStateMessage): void {
    if (!this.deps.isHost()) return;
    const state = this.sequencer.next(msg, this.term, this.deps.mediaKey());
    void this.channel?.send({ type: "broadcast", event: "state", payload: state });
    if (msg.changed && msg.action) this.persister.save({ action: msg.action, current_time: msg.position, playback_rate: msg.rate });
  }

  /** The host re-sends its last reading, moved to now, so a (re)joining member catches up at once. */
  republish(): void {
    const now = this.sequencer.movedTo(Date.now());
    if (now) this.hostState({ type: "content/host-state", ...now, changed: false });
  }

  /** Hands the newest state to the content script (again, e.g. with a better clock offset). */
  forwardLatest(): void {
    if (this.latest) this.deps.notify({ type: "bg/playback", state: this.latest, offset_ms: this.deps.offsetMs() });
  }

  /** Until the host's first message arrives, follow the state the room last persisted. */
  async loadPersisted(): Promise<void> {
    const state = await persistedPlayback(this.deps.client, this.deps.roomId, this.deps.mediaKey());
    if (!state || this.latest || this.deps.isHost()) return;
    this.latest = state;
    this.forwardLatest();
  }

  /** The host moved to another video: record it (members hear room_updated from the database). */
  mediaChanged(pageUrl: string, media: MediaChange): void {
    void callFunction(this.deps.client, "sync-control", {
      room_id: this.deps.roomId, action: "seek", current_time: 0, playback_rate: this.sequencer.lastRate,
      media: { anime_id: media.anime_id, episode_number: media.episode_number ?? 1, anime_title: media.anime_title, video_url: media.video_url ?? pageUrl },
    });
  }

  dispose(): void {
    this.persister.dispose();
    if (this.channel) void this.deps.client.removeChannel(this.channel);
  }
}
