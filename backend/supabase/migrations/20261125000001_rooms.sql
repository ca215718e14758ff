-- Rooms: one watch party. Playback state lives here so a member who (re)joins can
-- catch up without waiting for the host's next realtime heartbeat.
create schema if not exists watchium;
revoke all on schema watchium from public;

create table public.rooms (
  room_id text primary key check (room_id ~ '^[A-Za-z0-9_-]{10}$'),
  title text not null check (char_length(title) between 1 and 100),
  anime_id text not null check (char_length(anime_id) between 1 and 200),
  anime_title text not null default '' check (char_length(anime_title) <= 200),
  episode_number integer not null default 1 check (episode_number between 0 and 100000),
  video_url text not null default '' check (char_length(video_url) <= 2048),
  host_user_id uuid not null,
  -- Every host change starts a new term; the term names the host-only playback topic.
  host_term integer not null default 1,
  is_public boolean not null default true,
  -- "sha256$<salt hex>$<digest hex>"; null for public rooms. The key itself is never stored.
  access_key_hash text,
  is_playing boolean not null default false,
  current_playback_time double precision not null default 0 check (current_playback_time >= 0),
  playback_rate real not null default 1 check (playback_rate > 0 and playback_rate <= 16),
  state_seq bigint not null default 0,
  -- When the host last reported playback; members extrapolate the position from here.
  -- (updated_at moves with any change to the row: a join, a comment's activity.)
  state_updated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_activity timestamptz not null default now(),
  check (is_public or access_key_hash is not null)
);

comment on table public.rooms is 'A watch party: its content, host and the host''s last persisted playback state.';

create index idx_rooms_state on public.rooms (room_id, is_playing, current_playback_time, state_updated_at desc);
create index idx_rooms_public_activity on public.rooms (last_activity desc) where is_public;
create index idx_rooms_last_activity on public.rooms (last_activity);
