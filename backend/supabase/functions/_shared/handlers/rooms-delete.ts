import { RoomsDeleteRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** Ends a room for everyone, with its comments and history. Host only. */
export const roomsDelete = defineHandler({
  schema: RoomsDeleteRequest,
  run: ({ input, caller, deps, now }) =>
    callJson(
      deps.db,
      "select watchium.delete_room($1, $2::text::uuid, $3::text::timestamptz) as result",
      [input.room_id, caller.userId, now],
    ),
});
