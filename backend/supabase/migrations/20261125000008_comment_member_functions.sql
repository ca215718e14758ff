-- Comments and member status.

create or replace function watchium.create_comment(
  p_room_id text, p_user uuid, p_input jsonb, p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_member public.room_members;
  v_room public.rooms;
  v_parent public.comments;
  v_comment public.comments;
  v_anchor boolean := coalesce((p_input->>'is_anchor')::boolean, false);
begin
  v_member := watchium.require_member(p_room_id, p_user);
  -- A retried request with the same client_id gets the comment it already created.
  if p_input->>'client_id' is not null then
    select * into v_comment from public.comments
     where room_id = p_room_id and user_id = p_user and client_id = p_input->>'client_id';
    if found then
      return jsonb_build_object('comment', to_jsonb(v_comment), 'duplicate', true);
    end if;
  end if;
  perform watchium.check_rate_limit(p_user, 'comments', 5, interval '1 minute', p_now);
  if p_input->>'parent_id' is not null then
    select * into v_parent from public.comments
     where id = (p_input->>'parent_id')::uuid and room_id = p_room_id;
    if not found then
      raise exception using errcode = 'WT404', message = 'The comment you are replying to does not exist.';
    end if;
    if v_parent.anime_id <> p_input->>'anime_id'
       or v_parent.episode_number <> (p_input->>'episode_number')::integer then
      raise exception using errcode = 'WT400', message = 'A reply must be in the same episode as its parent comment.';
    end if;
  end if;
  if v_anchor then
    select * into v_room from public.rooms where room_id = p_room_id;
    if v_room.host_user_id <> p_user then
      raise exception using errcode = 'WT403', message = 'Only the host can start the episode''s anchor thread.';
    end if;
    if exists (select 1 from public.comments where room_id = p_room_id and is_anchor
                 and anime_id = p_input->>'anime_id'
                 and episode_number = (p_input->>'episode_number')::integer) then
      raise exception using errcode = 'WT409', message = 'This episode already has an anchor thread.';
    end if;
  end if;
  insert into public.comments (room_id, anime_id, episode_number, user_id, username, avatar_url,
                               message, video_timestamp, parent_id, is_anchor, client_id, created_at)
  values (p_room_id, p_input->>'anime_id', (p_input->>'episode_number')::integer, p_user,
          v_member.username, v_member.avatar_url, p_input->>'message',
          coalesce((p_input->>'video_timestamp')::double precision, 0),
          (p_input->>'parent_id')::uuid, v_anchor, p_input->>'client_id', p_now)
  returning * into v_comment;
  return jsonb_build_object('comment', to_jsonb(v_comment), 'duplicate', false);
end $$;

-- Profile changes (name, avatar) count toward the room-management limit; status and
-- heartbeat reports do not (they are frequent and cheap), but are written at most
-- once every 5 s per member unless the status actually changed.
create or replace function watchium.update_member(
  p_room_id text, p_user uuid, p_input jsonb, p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_member public.room_members;
  v_profile_change boolean;
  v_status_change boolean;
begin
  v_member := watchium.require_member(p_room_id, p_user);
  v_profile_change := (p_input ? 'username' and p_input->>'username' <> v_member.username)
                   or (p_input ? 'avatar_url' and p_input->>'avatar_url' <> v_member.avatar_url);
  v_status_change := (p_input ? 'sync_status' and p_input->>'sync_status' <> v_member.sync_status)
                  or (p_input ? 'is_synced' and (p_input->>'is_synced')::boolean <> v_member.is_synced);
  if v_profile_change then
    perform watchium.check_rate_limit(p_user, 'room_management', 20, interval '1 hour', p_now);
  end if;
  if not v_profile_change and not v_status_change
     and v_member.last_heartbeat > p_now - interval '5 seconds' then
    return jsonb_build_object('member', to_jsonb(v_member), 'written', false);
  end if;
  update public.room_members
     set username = coalesce(p_input->>'username', username),
         avatar_url = coalesce(p_input->>'avatar_url', avatar_url),
         sync_status = coalesce(p_input->>'sync_status', sync_status),
         is_synced = coalesce((p_input->>'is_synced')::boolean, is_synced),
         sync_offset_ms = coalesce((p_input->>'sync_offset_ms')::integer, sync_offset_ms),
         last_heartbeat = greatest(last_heartbeat, p_now),
         profile_updated_at = case when v_profile_change then p_now else profile_updated_at end
   where room_id = p_room_id and user_id = p_user
  returning * into v_member;
  -- A member still watching is activity: the room must not be cleaned up under them.
  update public.rooms set last_activity = greatest(last_activity, p_now) where room_id = p_room_id;
  if v_profile_change then
    -- Keep the name on the member's comments in step with the member list.
    update public.comments set username = v_member.username, avatar_url = v_member.avatar_url
     where room_id = p_room_id and user_id = p_user;
  end if;
  return jsonb_build_object('member', to_jsonb(v_member), 'written', true);
end $$;
