import { MembersUpdateStatusRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** Updates the caller's name/avatar or sync status in a room; also serves as a heartbeat. */
export const membersUpdateStatus = defineHandler({
  schema: MembersUpdateStatusRequest,
  run({ input, caller, deps, now }) {
    const { room_id, user_id: _u, ...fields } = input;
    return callJson(
      deps.db,
      "select watchium.update_member($1, $2::text::uuid, $3::text::jsonb, $4::text::timestamptz) as result",
      [room_id, caller.userId, JSON.stringify(fields), now],
    );
  },
});
