/**
 * The local stack as a child process (`node --import tsx backend/local/main.ts`, one
 * process, so its pid is the server's own for /proc sampling), on an in-memory PGlite.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const GC_HOOK = fileURLToPath(new URL("./stack-gc-hook.ts", import.meta.url));
const running = new Set<ChildProcess>();
// A stack must not outlive the benchmark (a crash, Ctrl-C): kill what is left on exit.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface StackProcess {
  pid: number;
  url: string;
  anonKey: string;
  /** Milliseconds from spawn to "ready". */
  startMs: number;
  /** Asks the stack for a full garbage collection (stack-gc-hook.ts) and gives it a second. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Write a V8 CPU profile of the stack into this directory when it stops. */
  cpuProfDir?: string;
  /** Extra node flags for the stack (diagnostics, e.g. --trace-gc). */
  nodeArgs?: string[];
  /** Script to run instead of backend/local/main.ts (a variant of the stack, for experiments). */
  entry?: string;
  /** Receives every line the stack prints. */
  onOutput?: (text: string) => void;
}

export async function startStackProcess(opts: StackOptions = {}): Promise<StackProcess> {
  const nodeArgs = ["--import", "tsx", "--expose-gc", "--import", GC_HOOK];
  if (opts.cpuProfDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`);
  nodeArgs.push(...(opts.nodeArgs ?? []));
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, opts.entry ?? "backend/local/main.ts"], {
    cwd: REPO,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", WATCHIUM_DATA_DIR: "memory://", CLEANUP_INTERVAL_SECONDS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  const ready = new Promise<{ url: string; anonKey: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      opts.onOutput?.(chunk.toString());
      if (output.length > 100_000) return;
      output += chunk.toString();
      const url = /API URL:\s+(\S+)/.exec(output)?.[1];
      const anonKey = /anon key:\s+(\S+)/.exec(output)?.[1];
      if (url && anonKey) resolve({ url, anonKey });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      opts.onOutput?.(chunk.toString());
      if (output.length < 100_000) output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`stack exited (${code}) before it was ready:\n${output}`)));
    setTimeout(() => reject(new Error(`stack not ready after 60 s:\n${output}`)), 60_000).unref();
  });
  const { url, anonKey } = await ready.catch((err) => {
    child.kill("SIGKILL");
    throw err;
  });
  return {
    pid: child.pid!,
    url,
    anonKey,
    startMs: performance.now() - started,
    collectGarbage: async () => {
      child.kill("SIGUSR2");
      await new Promise((r) => setTimeout(r, 1000));
    },
    stop: () => stop(child),
  };
}

/** SIGTERM (main.ts closes the stack and exits, which also writes a CPU profile), SIGKILL after 15 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
