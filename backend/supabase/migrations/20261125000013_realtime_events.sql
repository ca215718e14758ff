-- Events from the database to a room's channel (room:<room_id>), sent with
-- realtime.send() from triggers so they are the same on Supabase and locally, whatever
-- code path changed the row. Payloads carry what a client needs to update its view
-- without another request.

create or replace function watchium.emit(p_room_id text, p_event text, p_payload jsonb) returns void
language sql as $$
  select realtime.send(p_payload, p_event, 'room:' || p_room_id, true);
$$;

create or replace function watchium.comment_created_event() returns trigger
language plpgsql as $$
begin
  perform watchium.emit(new.room_id, 'comment_created', jsonb_build_object('comment', to_jsonb(new)));
  return new;
end $$;

create trigger comments_emit_created after insert on public.comments
  for each row execute function watchium.comment_created_event();

create or replace function watchium.member_joined_event() returns trigger
language plpgsql as $$
begin
  perform watchium.emit(new.room_id, 'member_joined', jsonb_build_object('member', to_jsonb(new) - 'profile_updated_at'));
  return new;
end $$;

create trigger room_members_emit_joined after insert on public.room_members
  for each row execute function watchium.member_joined_event();

create or replace function watchium.member_left_event() returns trigger
language plpgsql as $$
begin
  if exists (select 1 from public.rooms where room_id = old.room_id) then
    perform watchium.emit(old.room_id, 'member_left', jsonb_build_object('user_id', old.user_id, 'username', old.username));
  end if;
  return old;
end $$;

-- Named to fire before room_members_departed (triggers run in name order), so members
-- hear who left before they hear who is host now.
create trigger room_members_aa_emit_left after delete on public.room_members
  for each row execute function watchium.member_left_event();

create or replace function watchium.room_changed_event() returns trigger
language plpgsql as $$
begin
  if new.host_user_id is distinct from old.host_user_id or new.host_term <> old.host_term then
    perform watchium.emit(new.room_id, 'host_changed', jsonb_build_object(
      'host_user_id', new.host_user_id, 'previous_host_user_id', old.host_user_id,
      'host_term', new.host_term,
      'playback_channel', 'room:' || new.room_id || ':playback:' || new.host_term));
  end if;
  if (new.anime_id, new.anime_title, new.episode_number, new.video_url, new.title)
     is distinct from (old.anime_id, old.anime_title, old.episode_number, old.video_url, old.title) then
    perform watchium.emit(new.room_id, 'room_updated', jsonb_build_object('room', watchium.room_json(new)));
  end if;
  return new;
end $$;

create trigger rooms_emit_changed after update on public.rooms
  for each row execute function watchium.room_changed_event();

create or replace function watchium.room_deleted_event() returns trigger
language plpgsql as $$
begin
  perform watchium.emit(old.room_id, 'room_deleted', jsonb_build_object('room_id', old.room_id));
  return old;
end $$;

create trigger rooms_emit_deleted after delete on public.rooms
  for each row execute function watchium.room_deleted_event();

-- Only triggers call these.
revoke execute on function watchium.emit(text, text, jsonb), watchium.comment_created_event(),
  watchium.member_joined_event(), watchium.member_left_event(), watchium.room_changed_event(),
  watchium.room_deleted_event() from public;
