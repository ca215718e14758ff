-- Reactions on comments: a small fixed set of emoji, one of each per person per comment,
-- toggled. Counts travel with comments when they are read, and changes go to the room
-- channel as reaction_changed.

create table public.comment_reactions (
  comment_id uuid not null references public.comments (id) on delete cascade,
  room_id text not null references public.rooms (room_id) on delete cascade,
  user_id uuid not null,
  emoji text not null check (emoji in ('👍', '😂', '😮', '😢', '❤️', '🔥')),
  created_at timestamptz not null default now(),
  primary key (comment_id, user_id, emoji)
);

create index idx_comment_reactions_room on public.comment_reactions (room_id);

alter table public.comment_reactions enable row level security;
revoke all on public.comment_reactions from anon, authenticated;
grant select on public.comment_reactions to authenticated;
create policy comment_reactions_select_authenticated on public.comment_reactions for select to authenticated
  using (watchium.is_member(room_id)
         or exists (select 1 from public.rooms r where r.room_id = comment_reactions.room_id and r.is_public));

alter table public.rate_limit_events drop constraint rate_limit_events_action_check;
alter table public.rate_limit_events add constraint rate_limit_events_action_check
  check (action in ('room_creation', 'sync_control', 'comments', 'room_management', 'reactions'));

-- {"👍": 2, "🔥": 1} for one comment.
create or replace function watchium.reaction_counts(p_comment_id uuid) returns jsonb
language sql stable as $$
  select coalesce(jsonb_object_agg(emoji, n), '{}'::jsonb)
    from (select emoji, count(*)::int as n from public.comment_reactions
           where comment_id = p_comment_id group by emoji) counts;
$$;

-- Adds the reaction, or takes it back if the person already gave it. 30 per minute each.
create or replace function watchium.toggle_reaction(
  p_room_id text, p_user uuid, p_comment_id uuid, p_emoji text, p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_reacted boolean;
begin
  perform watchium.require_member(p_room_id, p_user);
  if not exists (select 1 from public.comments where id = p_comment_id and room_id = p_room_id) then
    raise exception using errcode = 'WT404', message = 'That comment does not exist (any more).';
  end if;
  perform watchium.check_rate_limit(p_user, 'reactions', 30, interval '1 minute', p_now);
  delete from public.comment_reactions
   where comment_id = p_comment_id and user_id = p_user and emoji = p_emoji;
  v_reacted := not found;
  if v_reacted then
    insert into public.comment_reactions (comment_id, room_id, user_id, emoji, created_at)
    values (p_comment_id, p_room_id, p_user, p_emoji, p_now);
  end if;
  return jsonb_build_object('comment_id', p_comment_id, 'emoji', p_emoji, 'reacted', v_reacted,
                            'reactions', watchium.reaction_counts(p_comment_id));
end $$;

create or replace function watchium.reaction_changed_event() returns trigger
language plpgsql as $$
declare
  v_row public.comment_reactions := coalesce(new, old);
begin
  if exists (select 1 from public.rooms where room_id = v_row.room_id) then
    perform watchium.emit(v_row.room_id, 'reaction_changed', jsonb_build_object(
      'comment_id', v_row.comment_id, 'reactions', watchium.reaction_counts(v_row.comment_id)));
  end if;
  return null;
end $$;

create trigger comment_reactions_emit_changed after insert or delete on public.comment_reactions
  for each row execute function watchium.reaction_changed_event();

revoke execute on function watchium.reaction_counts(uuid), watchium.toggle_reaction(text, uuid, uuid, text, timestamptz),
  watchium.reaction_changed_event() from public;
