/**
 * `--profile-sql`: wraps the stack's database so every db.query is timed by its SQL text.
 * Times include waiting for a connection (PGlite has one, postgres.js a pool of 10).
 */
import type { LocalDatabase } from "../../backend/local/database.ts";

export interface SqlStat {
  sql: string;
  calls: number;
  totalMs: number;
  maxMs: number;
}

export interface TimedDatabase {
  db: LocalDatabase;
  /** Returns the statistics gathered since the last call, and starts afresh. */
  take(): SqlStat[];
}

export function timeQueries(inner: LocalDatabase): TimedDatabase {
  let stats = new Map<string, SqlStat>();
  const db: LocalDatabase = {
    ...inner,
    kind: inner.kind,
    async query(text, params) {
      const started = performance.now();
      try {
        return await inner.query(text, params);
      } finally {
        const ms = performance.now() - started;
        const key = text.replace(/\s+/g, " ").trim();
        const stat = stats.get(key) ?? { sql: key, calls: 0, totalMs: 0, maxMs: 0 };
        stat.calls++;
        stat.totalMs += ms;
        stat.maxMs = Math.max(stat.maxMs, ms);
        stats.set(key, stat);
      }
    },
  };
  return {
    db,
    take() {
      const out = [...stats.values()].sort((a, b) => b.totalMs - a.totalMs);
      stats = new Map();
      return out;
    },
  };
}

export function formatSqlStats(stats: readonly SqlStat[], top = 6): string {
  return stats.slice(0, top).map((s) =>
    `    ${s.calls.toString().padStart(5)} calls  mean ${(s.totalMs / s.calls).toFixed(2).padStart(6)} ms  max ${s.maxMs.toFixed(1).padStart(6)} ms  ${s.sql.slice(0, 110)}`
  ).join("\n");
}
