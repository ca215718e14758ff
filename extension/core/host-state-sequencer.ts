/**
 * Numbers the host's readings into playback states (epoch = host term, seq grows by
 * one per state) and can re-issue the last reading moved to "now" for a member who
 * just (re)joined. Pure: readings and times come from the caller.
 */
import type { HostPlaybackState } from "./playback-state.ts";

export interface HostReading {
  paused: boolean;
  position: number;
  rate: number;
  host_time: number;
  seeking?: boolean;
}

export class HostStateSequencer {
  private last: HostReading | null = null;

  constructor(public seq = 0) {}

  next(reading: HostReading, epoch: number, mediaKey: string): HostPlaybackState {
    this.last = { paused: reading.paused, position: reading.position, rate: reading.rate, host_time: reading.host_time };
    if (reading.seeking) this.last.seeking = true;
    // Never below the host's clock in ms: a restarted service worker, which may have lost
    // its count, still sends numbers above everything it sent before.
    this.seq = Math.max(this.seq + 1, Math.floor(reading.host_time));
    return { epoch, seq: this.seq, media_key: mediaKey, ...this.last };
  }

  /** The last reading as it would read at `nowMs` (where a playing video has got to), or null. */
  movedTo(nowMs: number): HostReading | null {
    const last = this.last;
    if (!last) return null;
    // A reading stamped in the future (sent as a seek started) already says where to be then.
    if (nowMs <= last.host_time) return { ...last };
    const position = last.paused ? last.position : last.position + (last.rate * (nowMs - last.host_time)) / 1000;
    return { paused: last.paused, position, rate: last.rate, host_time: nowMs };
  }

  get lastRate(): number {
    return this.last?.rate ?? 1;
  }
}
