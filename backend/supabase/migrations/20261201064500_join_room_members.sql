-- rooms-join in one round trip: join_room and then the room's member list, in the same
-- statement. The edge function used to read the list with a second query after the join;
-- at 200 joins/s that second trip was a third of the function's database time. The
-- answer is the same: the list (as members-get-list orders it) includes the new member.

create or replace function watchium.join_room_with_members(
  p_room_id text, p_user uuid, p_username text, p_avatar_url text, p_key_ok boolean,
  p_now timestamptz
) returns jsonb
language plpgsql as $$
declare
  v_result jsonb;
begin
  v_result := watchium.join_room(p_room_id, p_user, p_username, p_avatar_url, p_key_ok, p_now);
  if v_result->>'status' = 'joined' then
    v_result := v_result || jsonb_build_object('members',
      (select coalesce(jsonb_agg(to_jsonb(m) order by m.joined_at, m.user_id), '[]'::jsonb)
         from public.room_members m where m.room_id = p_room_id));
  end if;
  return v_result;
end $$;

-- Only the edge functions (as the database owner) call it, like join_room.
revoke execute on function watchium.join_room_with_members(text, uuid, text, text, boolean, timestamptz) from public;
