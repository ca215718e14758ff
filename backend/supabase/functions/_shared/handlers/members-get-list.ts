import { MembersGetListRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** The room's members in order of arrival (which is also the order of host succession). */
export const membersGetList = defineHandler({
  schema: MembersGetListRequest,
  allowGet: true,
  run: ({ input, caller, deps }) =>
    callJson(
      deps.db,
      `select jsonb_build_object(
         'members', coalesce((select jsonb_agg(to_jsonb(m) order by m.joined_at, m.user_id)
                                from public.room_members m where m.room_id = r.room_id), '[]'::jsonb),
         'host_user_id', r.host_user_id) as result
         from watchium.require_reader($1, $2::text::uuid) r`,
      [input.room_id, caller.userId],
    ),
});
