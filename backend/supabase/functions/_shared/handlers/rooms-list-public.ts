import { RoomsListPublicRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** Public rooms with people in them, most recently active first. */
export const roomsListPublic = defineHandler({
  schema: RoomsListPublicRequest,
  allowGet: true,
  run: ({ input, deps }) =>
    callJson(
      deps.db,
      `with listed as (
         select r.room_id, r.title, r.anime_id, r.anime_title, r.episode_number, r.is_playing,
                r.created_at, r.last_activity,
                (select count(*) from public.room_members m where m.room_id = r.room_id)::int as member_count
           from public.rooms r
          where r.is_public and ($1::text is null or r.anime_id = $1::text)
       ), page as (
         select * from listed where member_count > 0
          order by last_activity desc, room_id limit $2::int offset $3::int
       )
       select jsonb_build_object(
         'rooms', coalesce((select jsonb_agg(to_jsonb(page) order by last_activity desc, room_id) from page), '[]'::jsonb),
         'total', (select count(*) from listed where member_count > 0)) as result`,
      [input.anime_id ?? null, input.limit ?? 20, input.offset ?? 0],
    ),
});
