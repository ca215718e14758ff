import { CommentsGetHistoryRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** A room's comment activity: per-episode counts and the most recent comments across episodes. */
export const commentsGetHistory = defineHandler({
  schema: CommentsGetHistoryRequest,
  allowGet: true,
  run: ({ input, caller, deps }) =>
    callJson(
      deps.db,
      `with room as (select * from watchium.require_reader($1, $2::text::uuid)),
       episodes as (
         select c.anime_id, c.episode_number, count(*)::int as comment_count, max(c.created_at) as last_comment_at
           from public.comments c, room where c.room_id = room.room_id
          group by c.anime_id, c.episode_number
       ), recent as (
         select c.* from public.comments c, room where c.room_id = room.room_id
          order by c.created_at desc, c.id desc limit $3::int
       )
       select jsonb_build_object(
         'episodes', coalesce((select jsonb_agg(to_jsonb(e) order by last_comment_at desc) from episodes e), '[]'::jsonb),
         'recent', coalesce((select jsonb_agg(to_jsonb(r) order by created_at desc, id desc) from recent r), '[]'::jsonb)
       ) as result`,
      [input.room_id, caller.userId, input.limit ?? 20],
    ),
});
