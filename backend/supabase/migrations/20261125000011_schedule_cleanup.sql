-- Runs watchium.cleanup() every minute where pg_cron exists (it does on Supabase).
-- Elsewhere (plain PostgreSQL, PGlite) the local stack's timer calls it instead.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('watchium-cleanup', '* * * * *', 'select watchium.cleanup()');
  end if;
end $$;
