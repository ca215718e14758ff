-- Room lifecycle and playback, one function per edge-function action so each runs
-- as a single statement: atomic, and the same on every function instance.

create or replace function watchium.create_room(
  p_room_id text, p_user uuid, p_input jsonb, p_key_hash text, p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_room public.rooms;
  v_member public.room_members;
begin
  perform watchium.check_rate_limit(p_user, 'room_creation', 10, interval '1 hour', p_now);
  insert into public.rooms (room_id, title, anime_id, anime_title, episode_number, video_url,
                            host_user_id, is_public, access_key_hash,
                            created_at, updated_at, state_updated_at, last_activity)
  values (p_room_id, p_input->>'title', p_input->>'anime_id', coalesce(p_input->>'anime_title', ''),
          coalesce((p_input->>'episode_number')::integer, 1), coalesce(p_input->>'video_url', ''),
          p_user, (p_input->>'is_public')::boolean, p_key_hash, p_now, p_now, p_now, p_now)
  returning * into v_room;
  insert into public.room_members (room_id, user_id, username, avatar_url, role, joined_at,
                                   last_heartbeat, profile_updated_at)
  values (p_room_id, p_user, p_input->>'host_username', coalesce(p_input->>'avatar_url', ''),
          'host', p_now, p_now, p_now)
  returning * into v_member;
  return jsonb_build_object('room', watchium.room_json(v_room), 'member', to_jsonb(v_member));
end $$;

-- p_key_ok: null when no key was given, else whether the caller's key matched (the edge
-- function compares hashes in constant time). A wrong key is recorded, not raised, so
-- the attempt survives and counts toward the lockout.
create or replace function watchium.join_room(
  p_room_id text, p_user uuid, p_username text, p_avatar_url text, p_key_ok boolean,
  p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_room public.rooms;
  v_member public.room_members;
  v_failed integer;
  v_room_failed integer;
  v_oldest timestamptz;
  v_room_oldest timestamptz;
  v_is_member boolean;
  v_window constant interval := interval '15 minutes';
begin
  v_room := watchium.require_room(p_room_id);
  select * into v_member from public.room_members where room_id = p_room_id and user_id = p_user;
  v_is_member := found;
  -- A member coming back (a reconnect) is not a new join and does not count.
  if not v_is_member then
    perform watchium.check_rate_limit(p_user, 'room_management', 20, interval '1 hour', p_now);
  end if;
  if not v_is_member and not v_room.is_public then
    if p_key_ok is null then
      return jsonb_build_object('status', 'key_required');
    end if;
    perform pg_advisory_xact_lock(hashtextextended('access_key:' || p_room_id, 0));
    select count(*) filter (where user_id = p_user),
           count(*),
           min(attempted_at) filter (where user_id = p_user),
           min(attempted_at)
      into v_failed, v_room_failed, v_oldest, v_room_oldest
      from public.access_key_attempts
     where room_id = p_room_id and not succeeded and attempted_at > p_now - v_window;
    -- 5 wrong keys per user, and 50 per room (anonymous identities are cheap), per 15 min.
    if v_room_failed >= 50 and v_failed < 5 then
      v_oldest := v_room_oldest; -- the room's door opens when its oldest wrong key ages out
    end if;
    if v_failed >= 5 or v_room_failed >= 50 then
      return jsonb_build_object('status', 'key_locked', 'retry_after',
        greatest(1, ceil(extract(epoch from (coalesce(v_oldest, p_now) + v_window - p_now))))::integer);
    end if;
    insert into public.access_key_attempts (room_id, user_id, succeeded, attempted_at)
    values (p_room_id, p_user, coalesce(p_key_ok, false), p_now);
    if not coalesce(p_key_ok, false) then
      return jsonb_build_object('status', 'wrong_key', 'attempts_left', 4 - v_failed);
    end if;
  end if;
  insert into public.room_members (room_id, user_id, username, avatar_url, role, joined_at,
                                   last_heartbeat, profile_updated_at)
  values (p_room_id, p_user, p_username, coalesce(p_avatar_url, ''),
          case when v_room.host_user_id = p_user then 'host' else 'member' end, p_now, p_now, p_now)
  on conflict (room_id, user_id) do update
     set username = excluded.username, avatar_url = excluded.avatar_url,
         last_heartbeat = excluded.last_heartbeat
  returning * into v_member;
  update public.rooms set last_activity = p_now where room_id = p_room_id returning * into v_room;
  return jsonb_build_object('status', 'joined', 'room', watchium.room_json(v_room),
                            'member', to_jsonb(v_member));
end $$;

create or replace function watchium.leave_room(p_room_id text, p_user uuid, p_now timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_room public.rooms;
begin
  perform watchium.require_member(p_room_id, p_user);
  -- Leaving is never refused (a rate limit must not trap anyone in a room), so it is not counted.
  -- The member_departed trigger hands over the host role or ends an empty room.
  delete from public.room_members where room_id = p_room_id and user_id = p_user;
  update public.rooms set last_activity = p_now where room_id = p_room_id returning * into v_room;
  return jsonb_build_object('left', true, 'room_deleted', v_room.room_id is null,
                            'host_user_id', v_room.host_user_id, 'host_term', v_room.host_term);
end $$;

create or replace function watchium.delete_room(p_room_id text, p_user uuid, p_now timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_room public.rooms;
begin
  v_room := watchium.require_room(p_room_id);
  if v_room.host_user_id <> p_user then
    raise exception using errcode = 'WT403', message = 'Only the host can delete this room.';
  end if;
  perform watchium.check_rate_limit(p_user, 'room_management', 20, interval '1 hour', p_now);
  delete from public.rooms where room_id = p_room_id;
  return jsonb_build_object('deleted', true, 'room_id', p_room_id);
end $$;

-- Persists the host's playback state. Position and rate are the host's own readings.
-- p_media (optional): the host moved to another episode or video: {anime_id, anime_title,
-- episode_number, video_url}; members hear it as room_updated.
create or replace function watchium.sync_control(
  p_room_id text, p_user uuid, p_action text, p_time double precision, p_rate real,
  p_now timestamptz, p_media jsonb default null
) returns jsonb
language plpgsql as $$
declare
  v_room public.rooms;
begin
  v_room := watchium.require_room(p_room_id);
  if v_room.host_user_id <> p_user then
    raise exception using errcode = 'WT403',
      message = 'Only the host controls playback. Ask the host, or wait to become host.';
  end if;
  perform watchium.check_rate_limit(p_user, 'sync_control', 2, interval '1 second', p_now);
  update public.rooms
     set is_playing = case p_action when 'play' then true when 'pause' then false else is_playing end,
         current_playback_time = p_time,
         playback_rate = coalesce(p_rate, playback_rate),
         anime_id = coalesce(p_media->>'anime_id', anime_id),
         -- A new episode or video replaces all of the media fields, including those left out.
         anime_title = case when p_media is null then anime_title else coalesce(p_media->>'anime_title', '') end,
         episode_number = coalesce((p_media->>'episode_number')::integer, episode_number),
         video_url = case when p_media is null then video_url else coalesce(p_media->>'video_url', '') end,
         state_seq = state_seq + 1,
         state_updated_at = p_now,
         last_activity = p_now
   where room_id = p_room_id
  returning * into v_room;
  insert into public.sync_states (room_id, host_user_id, action, current_playback_time,
                                  playback_rate, is_playing, state_seq, created_at)
  values (p_room_id, p_user, p_action, v_room.current_playback_time, v_room.playback_rate,
          v_room.is_playing, v_room.state_seq, p_now);
  update public.room_members set last_heartbeat = p_now where room_id = p_room_id and user_id = p_user;
  return watchium.room_json(v_room);
end $$;
