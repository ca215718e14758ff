/** The edge-function reads a room session needs, shaped for it. */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { MemberT } from "../../backend/supabase/functions/_shared/contract.ts";
import type { HostPlaybackState } from "../core/playback-state.ts";
import { callFunction } from "./api-client.ts";

interface HostTime {
  state: { is_playing: boolean; playback_rate: number };
  expected_position: number;
  server_time: string;
  host_term: number;
}

/** The room's last persisted playback state as a host state (seq 0: any live one wins). */
export async function persistedPlayback(client: SupabaseClient, roomId: string, mediaKey: string): Promise<HostPlaybackState | null> {
  const res = await callFunction<HostTime>(client, "sync-get-host-time", { room_id: roomId });
  if (!res.ok) return null;
  return {
    epoch: res.data.host_term,
    seq: 0,
    media_key: mediaKey,
    paused: !res.data.state.is_playing,
    position: res.data.expected_position,
    rate: res.data.state.playback_rate,
    host_time: Date.parse(res.data.server_time),
  };
}

export async function roomMembers(client: SupabaseClient, roomId: string): Promise<MemberT[] | null> {
  const res = await callFunction<{ members: MemberT[] }>(client, "members-get-list", { room_id: roomId });
  return res.ok ? res.data.members : null;
}
