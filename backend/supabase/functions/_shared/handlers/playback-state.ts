import type { RoomT } from "../contract.ts";

/** The playback fields of a room row. */
export function playbackStateOf(room: RoomT) {
  return {
    is_playing: room.is_playing,
    current_playback_time: room.current_playback_time,
    playback_rate: room.playback_rate,
    state_seq: room.state_seq,
    updated_at: room.state_updated_at,
  };
}

/** Where the host's video should be at `atMs`, extrapolated from its last persisted state. */
export function expectedPosition(room: RoomT, atMs: number): number {
  if (!room.is_playing) return room.current_playback_time;
  const elapsed = Math.max(0, atMs - Date.parse(room.state_updated_at)) / 1000;
  return room.current_playback_time + room.playback_rate * elapsed;
}
