-- One cleanup pass: hosts who stopped heartbeating hand over, long-gone members are
-- removed, idle rooms end, and old history and counters are trimmed. Scheduled by
-- pg_cron on Supabase (see the next migration) and by a timer in the local stack.
create or replace function watchium.cleanup(p_now timestamptz default now())
returns jsonb
language plpgsql as $$
declare
  v_host_handovers integer := 0;
  v_members integer;
  v_rooms integer;
  v_sync_states integer;
  v_room record;
begin
  -- A host silent for 60 s hands over to the longest-present member who is still there.
  for v_room in
    select r.room_id, r.host_user_id
      from public.rooms r
      join public.room_members m on m.room_id = r.room_id and m.user_id = r.host_user_id
     where m.last_heartbeat < p_now - interval '60 seconds'
  loop
    if watchium.transfer_host(v_room.room_id, v_room.host_user_id, p_now - interval '60 seconds') is not null then
      v_host_handovers := v_host_handovers + 1;
    end if;
  end loop;

  -- Rooms idle for 24 h end, with everything in them (cascade).
  delete from public.rooms where last_activity < p_now - interval '24 hours';
  get diagnostics v_rooms = row_count;

  -- Members silent for 10 minutes are gone; the member_departed trigger hands over
  -- or ends rooms they leave empty.
  delete from public.room_members where last_heartbeat < p_now - interval '10 minutes';
  get diagnostics v_members = row_count;

  delete from public.sync_states where created_at < p_now - interval '6 hours';
  get diagnostics v_sync_states = row_count;

  delete from public.rate_limit_events where created_at < p_now - interval '1 hour';
  delete from public.access_key_attempts where attempted_at < p_now - interval '15 minutes';

  return jsonb_build_object('rooms_deleted', v_rooms, 'members_removed', v_members,
                            'hosts_transferred', v_host_handovers, 'sync_states_deleted', v_sync_states);
end $$;
