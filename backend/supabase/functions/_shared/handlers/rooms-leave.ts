import { RoomsLeaveRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** Leaves a room. A leaving host hands over to the longest-present member; the last one out ends the room. */
export const roomsLeave = defineHandler({
  schema: RoomsLeaveRequest,
  run: ({ input, caller, deps, now }) =>
    callJson(
      deps.db,
      "select watchium.leave_room($1, $2::text::uuid, $3::text::timestamptz) as result",
      [input.room_id, caller.userId, now],
    ),
});
