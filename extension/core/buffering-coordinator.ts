/**
 * The host's side of "wait for the slow" (DESIGN.md section 7, step 4). When a member
 * reports buffering while the room plays, the room pauses at one common point instead
 * of rewinding everyone in a loop; when every waiting member is ready again (or after
 * a timeout) playback resumes together. Pure: the caller passes time and applies
 * the decisions.
 */

export const BUFFERING = { resumeTimeoutMs: 12_000 } as const;

export type BufferingDecision = { kind: "none" } | { kind: "pause" } | { kind: "resume" };

export class BufferingCoordinator {
  private waitingFor = new Set<string>();
  private waitingSince: number | null = null;

  /** True while the room is paused because someone is buffering. */
  get holding(): boolean {
    return this.waitingSince !== null;
  }

  get waitingMembers(): string[] {
    return [...this.waitingFor];
  }

  /** A member's player stalled. Only a playing room is paused for it. */
  buffering(userId: string, roomPlaying: boolean, nowMs: number): BufferingDecision {
    if (!roomPlaying && !this.holding) return { kind: "none" };
    this.waitingFor.add(userId);
    if (this.holding) return { kind: "none" };
    this.waitingSince = nowMs;
    return { kind: "pause" };
  }

  /** A member has enough data again (or left the room). */
  ready(userId: string): BufferingDecision {
    this.waitingFor.delete(userId);
    return this.maybeResume();
  }

  tick(nowMs: number): BufferingDecision {
    if (this.waitingSince !== null && nowMs - this.waitingSince >= BUFFERING.resumeTimeoutMs) {
      this.waitingFor.clear(); // waited long enough: the others should not sit forever
      return this.maybeResume();
    }
    return { kind: "none" };
  }

  /** The host paused, played or sought by hand: that overrides any wait. */
  cancel(): void {
    this.waitingFor.clear();
    this.waitingSince = null;
  }

  private maybeResume(): BufferingDecision {
    if (this.waitingSince === null || this.waitingFor.size > 0) return { kind: "none" };
    this.waitingSince = null;
    return { kind: "resume" };
  }
}
