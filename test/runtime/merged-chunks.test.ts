/**
 * Merged chunks (runtime/dispatch.ts runChunks, MERGE): a loop without partials whose body has no
 * inner loop runs up to `merge` consecutive chunks in one call of `loop_<k>`. The calls cover the
 * same iterations in the same order as one call per chunk, start and end on chunk boundaries
 * (the last one at the count), and stop at the first call after ERROR is set.
 */
import { describe, expect, it } from "vitest";
import { CONTROL_INTS, ERROR, SCHED_DYNAMIC, SCHED_GUIDED, SCHED_STATIC } from "../../runtime/control.js";
import { MERGED_CALL_ITERATIONS, runShare, setHomeBlocks } from "../../runtime/dispatch.js";
import { parallel, prange } from "../../index.js";

const ctlOf = (): Int32Array => new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));

/** The calls runShare makes for one thread alone: [lo, hi) pairs. */
function calls(schedule: number, count: number, chunk: number, merge: number, T = 1): [number, number][] {
  const ctl = ctlOf();
  const chunks = Math.ceil(count / chunk);
  if (schedule === SCHED_GUIDED) setHomeBlocks(ctl, chunks, T);
  const out: [number, number][] = [];
  const ran = runShare(ctl, (_f, lo, hi) => void out.push([lo, hi]), 0, count, chunk, chunks, schedule, 0, 0, 0, T, merge);
  expect(ran).toBe(count);
  return out;
}

describe("merged chunks", () => {
  for (const schedule of [SCHED_STATIC, SCHED_GUIDED, SCHED_DYNAMIC]) {
    it(`schedule ${schedule}: the same iterations, on chunk boundaries, in fewer calls`, () => {
      for (const [count, chunk, merge] of [[1000, 7, 1], [1000, 7, 5], [999, 10, 3], [64, 64, 9], [12, 5, 100], [256 * 782, 782, 20]] as const) {
        const one = calls(schedule, count, chunk, 1);
        const merged = calls(schedule, count, chunk, merge);
        // both cover [0, count) in order, with no gap and no overlap
        for (const c of [one, merged]) {
          expect(c[0]![0]).toBe(0);
          expect(c[c.length - 1]![1]).toBe(count);
          for (let i = 1; i < c.length; i++) expect(c[i]![0]).toBe(c[i - 1]![1]);
        }
        for (const [lo, hi] of merged) {
          expect(lo % chunk).toBe(0);
          expect(hi === count || hi % chunk === 0).toBe(true);
          expect(hi - lo).toBeLessThanOrEqual(merge * chunk);
        }
        expect(merged.length).toBeLessThanOrEqual(one.length);
        if (schedule === SCHED_STATIC) expect(merged.length).toBe(Math.ceil(Math.ceil(count / chunk) / merge));
      }
    });
  }

  it("a merged call is the last one once ERROR is set", () => {
    const ctl = ctlOf();
    let n = 0;
    runShare(ctl, () => {
      if (++n === 2) Atomics.store(ctl, ERROR, 3);
    }, 0, 1000, 10, 100, SCHED_STATIC, 0, 0, 0, 1, 4);
    expect(n).toBe(2);
  });

  it("kernels: a loop-free prange's results do not change with merging, at 1-3 threads and every schedule", () => {
    const k = (a: number, x: Float64Array, y: Float64Array) => {
      for (const i of prange(y.length)) y[i] = a * x[i] + (i % 3 === 0 ? y[i] : -y[i]);
    };
    for (const n of [5, 300, 20_000, MERGED_CALL_ITERATIONS * 3 + 17]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
      const ref = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
      k(1.5, x, ref);
      for (const threads of [1, 2, 3]) {
        for (const schedule of ["static", "guided", "dynamic"] as const) {
          const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
          parallel(k, { threads, schedule, warnings: false })(1.5, x, y);
          expect(y).toEqual(ref);
        }
      }
    }
  });
});
