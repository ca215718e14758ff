-- Rate limits and access-key attempts live in the database so every function
-- instance sees the same counts.
create table public.rate_limit_events (
  user_id uuid not null,
  action text not null check (action in ('room_creation', 'sync_control', 'comments', 'room_management')),
  created_at timestamptz not null
);

create index idx_rate_limit_events_lookup on public.rate_limit_events (user_id, action, created_at desc);
create index idx_rate_limit_events_created on public.rate_limit_events (created_at);

create table public.access_key_attempts (
  room_id text not null references public.rooms (room_id) on delete cascade,
  user_id uuid not null,
  succeeded boolean not null,
  attempted_at timestamptz not null
);

create index idx_access_key_attempts_user on public.access_key_attempts (room_id, user_id, attempted_at desc);
create index idx_access_key_attempts_room on public.access_key_attempts (room_id, attempted_at desc);
