import { SyncControlRequest, type RoomT } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";
import { playbackStateOf } from "./playback-state.ts";

/**
 * Persists the host's playback state (play, pause, seek, rate). Members follow the
 * host over Realtime; this record is what a member (re)joining catches up from.
 */
export const syncControl = defineHandler({
  schema: SyncControlRequest,
  async run({ input, caller, deps, now }) {
    const room = await callJson<RoomT>(
      deps.db,
      `select watchium.sync_control($1, $2::text::uuid, $3, $4::float8, $5::float4, $6::text::timestamptz,
                                    $7::text::jsonb) as result`,
      [
        input.room_id,
        caller.userId,
        input.action,
        input.current_time,
        input.playback_rate ?? null,
        now,
        input.media ? JSON.stringify(input.media) : null,
      ],
    );
    return { state: playbackStateOf(room), host_term: room.host_term, room };
  },
});
