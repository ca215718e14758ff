-- Per-episode threaded comments. parent_id makes replies; one anchor thread per
-- room and episode is pinned at the top of the sidebar.
create table public.comments (
  id uuid primary key default gen_random_uuid(),
  room_id text not null references public.rooms (room_id) on delete cascade,
  anime_id text not null check (char_length(anime_id) between 1 and 200),
  episode_number integer not null check (episode_number between 0 and 100000),
  user_id uuid not null,
  username text not null check (char_length(username) between 1 and 40),
  avatar_url text not null default '' check (char_length(avatar_url) <= 2048),
  message text not null check (char_length(message) between 1 and 2000),
  video_timestamp double precision not null default 0 check (video_timestamp >= 0),
  parent_id uuid references public.comments (id) on delete cascade,
  is_anchor boolean not null default false,
  -- Chosen by the client so a retried request never posts the same comment twice.
  client_id text check (char_length(client_id) between 1 and 64),
  created_at timestamptz not null default now(),
  check (not (is_anchor and parent_id is not null))
);

comment on table public.comments is 'Threaded comments of a room, per content and episode.';

create index idx_comments_episode on public.comments (room_id, anime_id, episode_number, created_at desc, id desc);
create index idx_comments_parent on public.comments (parent_id) where parent_id is not null;
create index idx_comments_room_created on public.comments (room_id, created_at desc);
create unique index uq_comments_anchor on public.comments (room_id, anime_id, episode_number) where is_anchor;
create unique index uq_comments_client_id on public.comments (room_id, user_id, client_id) where client_id is not null;
