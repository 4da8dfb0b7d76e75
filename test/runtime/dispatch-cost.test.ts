import { afterAll, describe, expect, it } from "vitest";
import { shutdown } from "../../runtime/api.js";
import { invoke } from "../../runtime/invoke.js";
import { setSpinPolicy } from "../../runtime/pool.js";
import { emptyKernel, loadTest, settings } from "./kernels.js";

afterAll(async () => {
  setSpinPolicy("auto");
  await shutdown();
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Round trip of an empty prange on 2 threads (2 iterations: one chunk for the leader, one for the
 * worker): wake, run, join. `main` calls prange `reps` times; the per-dispatch cost is the call
 * time / reps, and we report the median over many calls.
 */
function measure(reps: number, calls: number): number {
  const k = loadTest(emptyKernel(), "empty");
  for (let i = 0; i < 20; i++) invoke(k, [reps, 2], settings(2)); // warm up (pool, tier-up)
  const per: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    invoke(k, [reps, 2], settings(2));
    per.push(((performance.now() - t0) * 1000) / reps);
  }
  return median(per);
}

describe("dispatch cost", () => {
  it("measures an empty 2-thread dispatch with and without spinning", () => {
    setSpinPolicy("auto");
    const spin = measure(200, 200);
    const spinCall = measure(1, 2000);
    setSpinPolicy("never");
    const sleep = measure(200, 100);
    const sleepCall = measure(1, 1000);
    setSpinPolicy("auto");
    console.log(
      `[parfor] empty dispatch on 2 threads (median µs): spinning ${spin.toFixed(2)} per prange, ` +
        `${spinCall.toFixed(2)} per whole call; without spinning ${sleep.toFixed(2)} per prange, ` +
        `${sleepCall.toFixed(2)} per whole call`,
    );
    // Loose sanity bounds only: the numbers above are the point.
    expect(spin).toBeGreaterThan(0);
    expect(spin).toBeLessThan(5_000);
    expect(sleep).toBeLessThan(5_000);
  });
});
