-- What a Supabase project provides before our migrations run, recreated for the local
-- stack (PGlite or a plain PostgreSQL). Idempotent: runs on every start.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end $$;

grant usage on schema public to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- The anonymous-sign-in subset of GoTrue's tables.
create table if not exists auth.users (
  id uuid primary key,
  aud text not null default 'authenticated',
  role text not null default 'authenticated',
  is_anonymous boolean not null default true,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

create table if not exists auth.refresh_tokens (
  token text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid not null,
  revoked boolean not null default false,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);

-- As in Supabase: the request's JWT claims come from the request.jwt.claims setting.
create or replace function auth.jwt() returns jsonb
language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
$$;

create or replace function auth.uid() returns uuid
language sql stable as $$
  select nullif(coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                         auth.jwt() ->> 'sub'), '')::uuid;
$$;

create or replace function auth.role() returns text
language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''), auth.jwt() ->> 'role');
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

-- Supabase partitions this table by day; one plain table is enough locally.
create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
grant select, insert on realtime.messages to anon, authenticated;

create or replace function realtime.topic() returns text
language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- Same signature as Supabase's. The local Realtime server LISTENs on this channel. A
-- message that fits in a NOTIFY (payloads are capped at 8000 bytes) travels in it whole;
-- a larger one waits in realtime.messages and the NOTIFY carries its id for the server to
-- fetch. Under load the row's insert, fetch and delete were a third of the database's
-- work for each comment or join, and PGlite does that work on the requests' thread.
-- The NOTIFY always carries the fresh id, so two equal messages in one transaction are
-- not folded into one (PostgreSQL drops duplicate payloads within a transaction).
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql security definer as $$
declare
  v_id uuid := gen_random_uuid();
  -- As Supabase's: the payload gets the message id unless it has one.
  v_payload jsonb := case when payload ? 'id' then payload else payload || jsonb_build_object('id', v_id) end;
  v_message text := jsonb_build_object('id', v_id, 'topic', topic, 'event', event, 'private', private,
                                       'payload', v_payload)::text;
begin
  if octet_length(v_message) <= 7900 then
    perform pg_notify('watchium_realtime_send', v_message);
    return;
  end if;
  insert into realtime.messages (id, topic, extension, payload, event, private)
  values (v_id, topic, 'broadcast', v_payload, event, private);
  perform pg_notify('watchium_realtime_send', v_id::text);
end $$;

-- Which migrations ran, as the Supabase CLI records them.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  name text,
  statements text[]
);
