import { CommentsGetByEpisodeRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/**
 * One page of an episode's comments, newest page first (oldest to newest within it),
 * plus the episode's anchor comment. `next_cursor` asks for the page before.
 */
export const commentsGetByEpisode = defineHandler({
  schema: CommentsGetByEpisodeRequest,
  allowGet: true,
  run: ({ input, caller, deps }) =>
    callJson(
      deps.db,
      `with room as (select * from watchium.require_reader($1, $2::text::uuid)),
       page as (
         select c.* from public.comments c, room
          where c.room_id = room.room_id and c.anime_id = $3 and c.episode_number = $4::int
            and not c.is_anchor
            and ($6::text is null or (c.created_at, c.id) < ($6::text::timestamptz, $7::text::uuid))
          order by c.created_at desc, c.id desc
          limit $5::int + 1
       ), shown as (
         select * from page order by created_at desc, id desc limit $5::int
       )
       select jsonb_build_object(
         'anchor', (select to_jsonb(a) || jsonb_build_object('reactions', watchium.reaction_counts(a.id)) from public.comments a, room
                     where a.room_id = room.room_id and a.anime_id = $3 and a.episode_number = $4::int and a.is_anchor),
         'comments', coalesce((select jsonb_agg(to_jsonb(shown) || jsonb_build_object('reactions', watchium.reaction_counts(shown.id))
                                         order by created_at, id) from shown), '[]'::jsonb),
         'next_cursor', case when (select count(*) from page) > $5::int then
           (select jsonb_build_object('created_at', created_at, 'id', id) from shown order by created_at, id limit 1)
         end) as result`,
      [
        input.room_id,
        caller.userId,
        input.anime_id,
        input.episode_number,
        input.limit ?? 50,
        input.before?.created_at ?? null,
        input.before?.id ?? null,
      ],
    ),
});
