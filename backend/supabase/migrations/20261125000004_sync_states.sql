-- History of the host's persisted playback states, kept 6 hours for analytics and debugging.
create table public.sync_states (
  id bigint generated always as identity primary key,
  room_id text not null references public.rooms (room_id) on delete cascade,
  host_user_id uuid not null,
  action text not null check (action in ('play', 'pause', 'seek', 'rate')),
  current_playback_time double precision not null,
  playback_rate real not null,
  is_playing boolean not null,
  state_seq bigint not null,
  created_at timestamptz not null default now()
);

comment on table public.sync_states is 'Host playback changes, retained 6 h.';

create index idx_sync_states_room on public.sync_states (room_id, created_at desc);
create index idx_sync_states_created on public.sync_states (created_at);
