/**
 * Persists the host's playback changes through sync-control, at most twice a second
 * (the backend's limit): a burst of changes ends with the last one saved.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api-client.ts";

export interface PersistedChange {
  action: "play" | "pause" | "seek" | "rate";
  current_time: number;
  playback_rate: number;
}

const MIN_GAP_MS = 550;

export class PlaybackPersister {
  private lastAt = 0;
  private pending: PersistedChange | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: SupabaseClient, private readonly roomId: string) {}

  save(change: PersistedChange): void {
    this.pending = change;
    if (this.timer) return;
    const wait = Math.max(0, this.lastAt + MIN_GAP_MS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const change = this.pending;
    this.pending = null;
    if (!change) return;
    this.lastAt = Date.now();
    void callFunction(this.client, "sync-control", { room_id: this.roomId, ...change, current_time: Math.max(0, change.current_time) });
  }
}
