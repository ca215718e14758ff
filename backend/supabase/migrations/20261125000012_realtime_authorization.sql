-- Realtime Authorization for the rooms' private channels. Supabase checks these RLS
-- policies on realtime.messages when a client joins a private channel: SELECT allows
-- receiving, INSERT allows sending broadcasts and tracking presence. The check sees
-- only the topic (realtime.topic()) and the extension, so rights are split by topic:
--   room:<room_id>                     members receive and send
--   room:<room_id>:playback:<term>     members receive; only the host of that term sends
-- Supabase caches the result per channel until the token changes, so each host term has
-- its own playback topic: a former host's open channel cannot reach the new term's.

create or replace function watchium.topic_room_id(p_topic text) returns text
language sql immutable as $$
  select (regexp_match(p_topic, '^room:([A-Za-z0-9_-]{10})(?::playback:[0-9]+)?$'))[1];
$$;

create or replace function watchium.can_receive(p_topic text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.room_members m
     where m.room_id = watchium.topic_room_id(p_topic) and m.user_id = (select auth.uid()));
$$;

create or replace function watchium.can_send(p_topic text, p_extension text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_match text[] := regexp_match(p_topic, '^room:([A-Za-z0-9_-]{10})(?::playback:([0-9]+))?$');
  v_uid uuid := (select auth.uid());
begin
  if v_match is null or v_uid is null then
    return false;
  end if;
  if v_match[2] is null then
    return exists (select 1 from public.room_members m where m.room_id = v_match[1] and m.user_id = v_uid);
  end if;
  return p_extension = 'broadcast' and exists (
    select 1 from public.rooms r
     where r.room_id = v_match[1] and r.host_user_id = v_uid and r.host_term = v_match[2]::integer);
end $$;

revoke execute on function watchium.topic_room_id(text), watchium.can_receive(text),
  watchium.can_send(text, text) from public;
grant execute on function watchium.topic_room_id(text), watchium.can_receive(text),
  watchium.can_send(text, text) to authenticated;

create policy room_channels_receive_authenticated on realtime.messages for select to authenticated
  using (extension in ('broadcast', 'presence') and watchium.can_receive((select realtime.topic())));

create policy room_channels_send_authenticated on realtime.messages for insert to authenticated
  with check (extension in ('broadcast', 'presence') and watchium.can_send((select realtime.topic()), extension));
