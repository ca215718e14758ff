/** bench:sync's convergence judgement on recorded samples (bench/sync/page-sampler.ts). */
import { describe, expect, test } from "vitest";
import { convergedAfter, type Sample } from "../../bench/sync/page-sampler.ts";

/** A video playing at 1× from `position` at time `from`, sampled every 10 ms until `to`. */
function playing(from: number, to: number, position: number, offsetT = 0): Sample[] {
  const out: Sample[] = [];
  for (let t = from + offsetT; t <= to; t += 10) out.push({ t, position: position + (t - from) / 1000, paused: false, rate: 1 });
  return out;
}

describe("convergence from page samples", () => {
  test("a member that jumps 120 ms after the host's seek has converged at its first sample after it", () => {
    const host = playing(1000, 4000, 60);
    // Sampled at 1003, 1013, …: still at the old place until 1120, then exactly with the host.
    const member = playing(1000, 4000, 10, 3).map((s) => (s.t < 1120 ? s : { ...s, position: 60 + (s.t - 1000) / 1000 }));
    expect(convergedAfter(host, [member], 1000, 50, 3000)).toBe(130); // first judged after its 1123 sample
  });

  test("every member must be within the bound; one that never gets there means no convergence", () => {
    const host = playing(0, 3000, 0);
    const good = playing(0, 3000, 0.01, 5);
    const off = playing(0, 3000, 0.2, 5);
    expect(convergedAfter(host, [good], 0, 50, 3000)).toBe(10);
    expect(convergedAfter(host, [good, off], 0, 50, 3000)).toBeNull();
  });

  test("samples from before the action do not count", () => {
    const host = playing(0, 3000, 0);
    const member = playing(0, 3000, 0);
    expect(convergedAfter(host, [member], 500, 50, 1000)).toBe(0);
    expect(convergedAfter(host, [member.filter((s) => s.t < 500)], 500, 50, 1000)).toBeNull();
  });
});
