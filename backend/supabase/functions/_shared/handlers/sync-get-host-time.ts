import { SyncGetHostTimeRequest, type RoomT } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";
import { expectedPosition, playbackStateOf } from "./playback-state.ts";

/** The host's last persisted playback state, and where playback should be now. */
export const syncGetHostTime = defineHandler({
  schema: SyncGetHostTimeRequest,
  allowGet: true,
  async run({ input, caller, deps, now }) {
    const room = await callJson<RoomT>(
      deps.db,
      "select watchium.room_json(watchium.require_reader($1, $2::text::uuid)) as result",
      [input.room_id, caller.userId],
    );
    return {
      state: playbackStateOf(room),
      host_user_id: room.host_user_id,
      host_term: room.host_term,
      server_time: now,
      expected_position: expectedPosition(room, Date.parse(now)),
    };
  },
});
