/**
 * Replaces the `bench:realtime` section of docs/benchmarks.md in place (appends it when
 * absent; creates the file with a title when missing). Other sections stay untouched;
 * the file is read right before writing, so a concurrent writer's section survives.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const START = "<!-- bench:realtime:start -->";
export const END = "<!-- bench:realtime:end -->";

export function writeSection(file: string, body: string): void {
  const section = `${START}\n${body.trim()}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(START);
  const end = current.indexOf(END, start);
  const next = start >= 0 && end >= 0
    ? current.slice(0, start) + section + current.slice(end + END.length)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
