-- Row level security. Writes go through the edge functions (which validate, rate-limit
-- and check the caller's token), so no role gets a write policy here: with RLS on and
-- no policy, PostgREST clients cannot insert, update or delete. Reads follow what a
-- person in the room may see.

alter table public.rooms enable row level security;
alter table public.room_members enable row level security;
alter table public.comments enable row level security;
alter table public.sync_states enable row level security;
alter table public.rate_limit_events enable row level security;
alter table public.access_key_attempts enable row level security;

-- Whether the signed-in user is in the room. security definer so the policies below can
-- ask without recursing into room_members' own policy.
create or replace function watchium.is_member(p_room_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.room_members
                  where room_id = p_room_id and user_id = (select auth.uid()));
$$;
revoke execute on all functions in schema watchium from public;
grant usage on schema watchium to authenticated;
grant execute on function watchium.is_member(text) to authenticated;

-- Supabase grants everything on public tables to anon and authenticated by default;
-- take that back and give only reads.
revoke all on public.rooms, public.room_members, public.comments, public.sync_states,
              public.rate_limit_events, public.access_key_attempts from anon, authenticated;
grant select on public.room_members, public.comments, public.sync_states to authenticated;
-- Every column but access_key_hash, which clients never read.
grant select (room_id, title, anime_id, anime_title, episode_number, video_url, host_user_id,
              host_term, is_public, is_playing, current_playback_time, playback_rate, state_seq, state_updated_at,
              created_at, updated_at, last_activity) on public.rooms to authenticated;

create policy rooms_select_authenticated on public.rooms for select to authenticated
  using (is_public or watchium.is_member(room_id));

create policy room_members_select_authenticated on public.room_members for select to authenticated
  using (watchium.is_member(room_id)
         or exists (select 1 from public.rooms r where r.room_id = room_members.room_id and r.is_public));

create policy comments_select_authenticated on public.comments for select to authenticated
  using (watchium.is_member(room_id)
         or exists (select 1 from public.rooms r where r.room_id = comments.room_id and r.is_public));

create policy sync_states_select_host on public.sync_states for select to authenticated
  using (host_user_id = (select auth.uid()));

-- rate_limit_events and access_key_attempts: no policies; only the service side reads them.
