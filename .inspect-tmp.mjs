import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create("/tmp/docs-db");
const q = async (label, sql) => { console.log("=== " + label); for (const r of (await db.query(sql)).rows) console.log(JSON.stringify(r)); };
await q("functions", `select p.proname, p.prosecdef, p.proacl from pg_proc p join pg_namespace n on n.oid=p.pronamespace where n.nspname='watchium' order by 1`);
await q("triggers", `select event_object_table, trigger_name, action_timing, event_manipulation from information_schema.triggers where trigger_schema='public' order by 1,2`);
await q("rt policies", `select tablename, policyname, cmd, roles, qual, with_check from pg_policies where schemaname='realtime'`);
await q("events", `select topic, event, left(payload::text, 160) p from realtime.messages where extension='broadcast' and event <> 'probe' order by inserted_at limit 80`);
await db.close();
