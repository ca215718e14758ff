-- Shared building blocks: errors the edge functions turn into HTTP answers,
-- rate limiting, timestamps and host succession.
--
-- Error convention: SQLSTATE 'WT' || http status (WT400, WT403, WT404, WT409, WT429);
-- the message is shown to people; for WT429 the HINT carries retry_after seconds.

create or replace function watchium.check_rate_limit(
  p_user uuid, p_action text, p_max integer, p_window interval, p_now timestamptz
) returns void
language plpgsql as $$
declare
  v_count integer;
  v_oldest timestamptz;
  v_retry integer;
begin
  -- Serialise concurrent requests of one user and action, so two at once cannot both
  -- take the last slot.
  perform pg_advisory_xact_lock(hashtextextended(p_user::text || ':' || p_action, 0));
  select count(*), min(created_at) into v_count, v_oldest
    from public.rate_limit_events
   where user_id = p_user and action = p_action and created_at > p_now - p_window;
  if v_count >= p_max then
    v_retry := greatest(1, ceil(extract(epoch from (v_oldest + p_window - p_now))))::integer;
    raise exception using errcode = 'WT429',
      message = format('Too many %s. Try again in %s second%s.',
        case p_action when 'room_creation' then 'new rooms' when 'sync_control' then 'playback changes'
                      when 'comments' then 'comments' when 'reactions' then 'reactions' else 'room changes' end,
        v_retry, case when v_retry = 1 then '' else 's' end),
      hint = v_retry::text;
  end if;
  insert into public.rate_limit_events (user_id, action, created_at) values (p_user, p_action, p_now);
end $$;

-- Keeps rooms.updated_at honest whatever code path writes the row.
create or replace function watchium.touch_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := greatest(new.updated_at, now());
  return new;
end $$;

create trigger rooms_touch_updated_at before update on public.rooms
  for each row when (old.* is distinct from new.*) execute function watchium.touch_updated_at();

-- A new comment is activity: it keeps the room from being cleaned up.
create or replace function watchium.comment_marks_activity() returns trigger
language plpgsql as $$
begin
  update public.rooms set last_activity = greatest(last_activity, new.created_at)
   where room_id = new.room_id;
  return new;
end $$;

create trigger comments_mark_activity after insert on public.comments
  for each row execute function watchium.comment_marks_activity();

-- Hands the room to the longest-present member other than p_exclude (whose heartbeat
-- is fresh, when p_fresh_since is given). Returns the new host, or null if nobody qualifies.
create or replace function watchium.transfer_host(
  p_room_id text, p_exclude uuid, p_fresh_since timestamptz default null
) returns uuid
language plpgsql as $$
declare
  v_next uuid;
begin
  select user_id into v_next
    from public.room_members
   where room_id = p_room_id and user_id is distinct from p_exclude
     and (p_fresh_since is null or last_heartbeat >= p_fresh_since)
   order by joined_at, user_id
   limit 1;
  if v_next is null then
    return null;
  end if;
  update public.room_members set role = 'member' where room_id = p_room_id and role = 'host';
  update public.room_members set role = 'host' where room_id = p_room_id and user_id = v_next;
  update public.rooms set host_user_id = v_next, host_term = host_term + 1 where room_id = p_room_id;
  return v_next;
end $$;

-- When a member row goes away (leave or cleanup): a departing host hands over, and
-- the last member leaving ends the room.
create or replace function watchium.member_departed() returns trigger
language plpgsql as $$
declare
  v_host uuid;
begin
  select host_user_id into v_host from public.rooms where room_id = old.room_id;
  if not found then
    return old; -- the room itself is being deleted (cascade)
  end if;
  if not exists (select 1 from public.room_members where room_id = old.room_id) then
    delete from public.rooms where room_id = old.room_id;
  elsif v_host = old.user_id then
    perform watchium.transfer_host(old.room_id, old.user_id);
  end if;
  return old;
end $$;

create trigger room_members_departed after delete on public.room_members
  for each row execute function watchium.member_departed();

-- Raises WT404 unless the room exists; returns the row.
create or replace function watchium.require_room(p_room_id text) returns public.rooms
language plpgsql as $$
declare
  v_room public.rooms;
begin
  select * into v_room from public.rooms where room_id = p_room_id;
  if not found then
    raise exception using errcode = 'WT404', message = 'No room with this ID exists (it may have ended).';
  end if;
  return v_room;
end $$;

-- Raises WT403 unless p_user is a member of the room; returns the member row.
create or replace function watchium.require_member(p_room_id text, p_user uuid) returns public.room_members
language plpgsql as $$
declare
  v_member public.room_members;
begin
  perform watchium.require_room(p_room_id);
  select * into v_member from public.room_members where room_id = p_room_id and user_id = p_user;
  if not found then
    raise exception using errcode = 'WT403', message = 'You are not a member of this room. Join it first.';
  end if;
  return v_member;
end $$;

-- Readers of a room: its members, or anyone for a public room.
create or replace function watchium.require_reader(p_room_id text, p_user uuid) returns public.rooms
language plpgsql as $$
declare
  v_room public.rooms;
begin
  v_room := watchium.require_room(p_room_id);
  if not v_room.is_public and not exists (
    select 1 from public.room_members where room_id = p_room_id and user_id = p_user
  ) then
    raise exception using errcode = 'WT403', message = 'This room is private. Join it with its access key first.';
  end if;
  return v_room;
end $$;

-- The public face of a room: everything but the access key hash.
create or replace function watchium.room_json(p_room public.rooms) returns jsonb
language sql stable as $$
  select (to_jsonb(p_room) - 'access_key_hash')
    || jsonb_build_object('member_count',
         (select count(*) from public.room_members m where m.room_id = p_room.room_id));
$$;
