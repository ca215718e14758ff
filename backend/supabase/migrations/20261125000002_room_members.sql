-- Members of a room. joined_at orders host succession (longest present first);
-- last_heartbeat lets cleanup find members (and hosts) who vanished without leaving.
create table public.room_members (
  room_id text not null references public.rooms (room_id) on delete cascade,
  user_id uuid not null,
  username text not null check (char_length(username) between 1 and 40),
  avatar_url text not null default '' check (char_length(avatar_url) <= 2048),
  role text not null default 'member' check (role in ('host', 'member')),
  joined_at timestamptz not null default now(),
  last_heartbeat timestamptz not null default now(),
  is_synced boolean not null default true,
  sync_status text not null default 'unknown'
    check (sync_status in ('unknown', 'in_sync', 'behind', 'ahead', 'buffering', 'away')),
  sync_offset_ms integer not null default 0 check (sync_offset_ms between -86400000 and 86400000),
  profile_updated_at timestamptz not null default now(),
  primary key (room_id, user_id)
);

comment on table public.room_members is 'Who is in which room, with role and last reported sync status.';

create index idx_room_members_presence on public.room_members (room_id, last_heartbeat desc, is_synced);
create index idx_room_members_user on public.room_members (user_id);
create index idx_room_members_succession on public.room_members (room_id, joined_at);
