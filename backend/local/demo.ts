/**
 * GET /demo: a page with a sample video to try Watchium on (and for the e2e tests).
 * The clip is made with ffmpeg on first use (nothing is downloaded). `?kbps=N` serves
 * the video at N kilobits per second, slower than it plays, so a player really runs
 * out of data and buffers.
 */
import { execFile } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const DEMO_CLIP = join(process.cwd(), ".watchium", "demo", "clip.webm");
let making: Promise<void> | undefined;

/** 5 minutes of a test pattern with a running clock, 10 fps, a keyframe every second. */
export function ensureDemoClip(): Promise<void> {
  if (existsSync(DEMO_CLIP)) return Promise.resolve();
  making ??= (async () => {
    mkdirSync(dirname(DEMO_CLIP), { recursive: true });
    const tmp = `${DEMO_CLIP}.${process.pid}.webm`;
    await run("ffmpeg", ["-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=10:duration=300",
      "-c:v", "libvpx", "-b:v", "60k", "-crf", "40", "-g", "10", "-deadline", "realtime", "-cpu-used", "16", "-an", tmp]);
    await import("node:fs/promises").then((fs) => fs.rename(tmp, DEMO_CLIP));
  })();
  return making;
}

export async function handleDemo(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/demo" || url.pathname === "/demo/") {
    const kbps = Number(url.searchParams.get("kbps")) || 0;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(kbps));
    return true;
  }
  if (url.pathname !== "/demo/clip.webm") return false;
  try {
    await ensureDemoClip();
  } catch {
    res.writeHead(503, { "content-type": "text/plain" });
    res.end("The demo clip needs ffmpeg (apt-get install ffmpeg).");
    return true;
  }
  serveClip(req, res, Number(url.searchParams.get("kbps")) || 0);
  return true;
}

function serveClip(req: IncomingMessage, res: ServerResponse, kbps: number): void {
  const size = statSync(DEMO_CLIP).size;
  const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? "");
  const start = range?.[1] ? Number(range[1]) : 0;
  const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start >= size || start > end) {
    res.writeHead(416, { "content-range": `bytes */${size}` });
    res.end();
    return;
  }
  res.writeHead(range ? 206 : 200, {
    "content-type": "video/webm",
    "accept-ranges": "bytes",
    "content-length": String(end - start + 1),
    "cache-control": "no-store",
    ...(range ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
  });
  const stream = createReadStream(DEMO_CLIP, { start, end, highWaterMark: 4096 });
  if (!kbps) {
    stream.pipe(res);
    return;
  }
  // Throttled: one 4 KB chunk at a time, paced to the requested rate.
  const msPerChunk = (4096 * 8) / kbps;
  stream.on("data", (chunk) => {
    stream.pause();
    res.write(chunk, () => setTimeout(() => stream.resume(), msPerChunk));
  });
  stream.on("end", () => res.end());
  res.on("close", () => stream.destroy());
}

function page(kbps: number): string {
  const src = `/demo/clip.webm${kbps ? `?kbps=${kbps}` : ""}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Watchium demo — Episode 1</title>
<style>body{font:16px system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 12px}video{width:100%;background:#000}</style>
</head><body>
<h1>Watchium demo</h1>
<p>Open this page in two browser windows with the Watchium extension loaded. In one, click
<b>Open Watchium</b> → <b>Create room</b>, copy the invite link and open it in the other window.
Play, pause or seek in the host's window and watch the other follow.</p>
<video id="demo" src="${src}" controls muted playsinline preload="auto" width="640" height="360"></video>
</body></html>`;
}
