/**
 * Schedules change which thread runs a chunk, never what a chunk is: float reductions keep their
 * bits under static, dynamic and guided (the default), at any thread count, whether a small
 * prange runs on the leader alone or on the pool, and when a leader withdraws a helper that had
 * not started.
 */
import { afterAll, describe, expect, it } from "vitest";
import { array, parallel, prange, shutdown, type ParallelOptions } from "../../index.js";
import { SCHED_DYNAMIC, SCHED_GUIDED, SCHED_STATIC } from "../../runtime/control.js";
import { chunkSizeFor, forkJoinCount, LOOP_FREE_CHUNK, setSerialSmall } from "../../runtime/dispatch.js";
import { setSpinPolicy } from "../../runtime/pool.js";

afterAll(async () => {
  setSerialSmall(true);
  setSpinPolicy("auto");
  await shutdown();
});

const bits = (x: unknown): bigint => new BigUint64Array(new Float64Array([x as number]).buffer)[0]!;

/** A float reduction inside a serial loop: one prange per step, summed in step order. */
const stepped = (a: Float64Array, steps: number): number => {
  let tot = 0;
  for (let t = 0; t < steps; t++) {
    let s = 0;
    for (const i of prange(a.length)) s += a[i]! * 0.1 + t;
    tot += s;
  }
  return tot;
};
/** The same with an inner loop (chunks of one iteration at small sizes) and uneven work. */
const triangle = (a: Float64Array, steps: number): number => {
  let tot = 0;
  for (let t = 0; t < steps; t++) {
    let s = 0;
    for (const i of prange(a.length)) for (let j = 0; j < i; j++) s += a[j]! * 0.3 - a[i]!;
    tot += s;
  }
  return tot;
};

function input(n: number): Float64Array {
  const a = array(Float64Array, n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i * 1.7) * 1e3;
  return a;
}

describe("chunking", () => {
  it("depends on the iteration count, the schedule, the chunk size and the body only", () => {
    expect(chunkSizeFor(1000, SCHED_STATIC, 50)).toBe(4);
    expect(chunkSizeFor(1000, SCHED_GUIDED, 50)).toBe(50);
    expect(chunkSizeFor(1000, SCHED_GUIDED, 1)).toBe(4);
    expect(chunkSizeFor(1000, SCHED_DYNAMIC, 1)).toBe(1);
    expect(chunkSizeFor(1000, SCHED_STATIC, 1, LOOP_FREE_CHUNK)).toBe(LOOP_FREE_CHUNK);
    expect(chunkSizeFor(1000, SCHED_DYNAMIC, 1, LOOP_FREE_CHUNK)).toBe(1);
    expect(chunkSizeFor(10_000_000, SCHED_GUIDED, 1, LOOP_FREE_CHUNK)).toBe(39063);
  });
});

describe("float reductions keep their bits", () => {
  const schedules: ParallelOptions[] = [{}, { schedule: "static" }, { schedule: "guided", chunkSize: 3 }, { schedule: "dynamic", chunkSize: 5 }];
  for (const [name, fn] of [["loop-free body", stepped], ["inner loop", triangle]] as const) {
    for (const n of [3, 300, 2000]) {
      it(`${name}, ${n} iterations: every schedule, 1-3 threads, small pranges serial or not`, () => {
        const a = input(n);
        const steps = n > 1000 ? 1 : 20;
        for (const o of schedules) {
          const got = new Set<bigint>();
          for (const threads of [1, 2, 3]) {
            const k = parallel(fn, { ...o, threads });
            for (const small of [true, false]) {
              setSerialSmall(small);
              for (let r = 0; r < 3; r++) got.add(bits(k(a, steps)));
            }
          }
          setSerialSmall(true);
          expect(got.size, JSON.stringify(o)).toBe(1);
          const ref = fn(a, steps);
          expect(Math.abs(Number(k0(fn, o)(a, steps)) - ref)).toBeLessThanOrEqual(Math.abs(ref) * 1e-9 + 1e-6);
        }
      });
    }
  }
  function k0(fn: typeof stepped, o: ParallelOptions): (a: Float64Array, s: number) => number {
    return parallel(fn, { ...o, threads: 2 });
  }
});

describe("withdrawn helpers", () => {
  it("a leader that runs every chunk before its sleeping helpers wake gives the same results and never hangs", () => {
    setSpinPolicy("never"); // helpers sleep between pranges, so most of these pranges end before they wake
    setSerialSmall(false);
    const a = input(64);
    const k1 = parallel(stepped, { threads: 1 });
    const k3 = parallel(stepped, { threads: 3 });
    const ref = bits(k1(a, 200));
    for (let r = 0; r < 20; r++) expect(bits(k3(a, 200))).toBe(ref);
    setSerialSmall(true);
    setSpinPolicy("auto");
  });
});

/** A tiny prange of one-iteration chunks (the body has an inner loop) inside a serial loop. */
const tinySteps = (a: Float64Array, steps: number): void => {
  for (let t = 0; t < steps; t++) {
    for (const i of prange(a.length)) for (let j = 0; j < 1; j++) a[i] = a[i]! * 0.5 + t;
  }
};

describe("the small-prange rule", () => {
  it("keeps a prange of many one-iteration chunks off the pool once it has been timed alone", () => {
    // Timed only in the pool, the leader's share pays a shared-counter claim per chunk and the
    // loop never looked small enough to run alone; the rule must time it alone and then keep it there.
    const a = input(64);
    const b = input(64);
    const k = parallel(tinySteps, { threads: 2 });
    const steps = 2000;
    for (let r = 0; r < 3; r++) k(a, steps);
    const before = forkJoinCount();
    k(a, steps);
    const handed = forkJoinCount() - before;
    expect(handed).toBeLessThan(steps / 4);
    // and the same iterations ran: equal to the plain function over the same calls
    for (let r = 0; r < 4; r++) tinySteps(b, steps);
    expect([...a]).toEqual([...b]);
  });
});
