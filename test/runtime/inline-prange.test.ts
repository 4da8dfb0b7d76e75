/**
 * A prange without reductions that the runtime found too small for the pool runs from `main`
 * itself, one call of its loop function, without the host call env.prange (LoopInfo.inlineOffset):
 * a prange inside a serial loop (FFT stages, time steps) then costs a few instructions per step.
 * Results must be the plain function's at any thread count, errors must stay the same, and loops
 * with reductions (whose bits depend on the chunks) must keep going through env.prange.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { compile } from "../../compiler/index.js";
import { array, free, parallel, prange, shutdown } from "../../index.js";

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock("../../runtime/dispatch.js", async (orig) => {
  const m = await orig<typeof import("../../runtime/dispatch.js")>();
  return {
    ...m,
    envPrange: (...a: Parameters<typeof m.envPrange>) => {
      calls.n++;
      return m.envPrange(...a);
    },
  };
});

afterAll(() => shutdown());

const steps = (a: Float64Array, n: number, T: number) => {
  for (let t = 0; t < T; t++) {
    for (const i of prange(n)) a[i] = a[i] * 0.5 + t;
  }
};
/** fft's shape: the step is a double (`d` doubles every stage), so the index is carried as one */
const stages = (a: Float64Array, n: number) => {
  for (let d = 1; d < n; d *= 2) {
    for (let o = 1; o < d; o++) {
      for (const b of prange(0, n - d, 2 * d)) a[b + d] = a[b + d] - a[b] * 0.25 + o;
    }
  }
};
const summed = (a: Float64Array, n: number, T: number) => {
  let s = 0;
  for (let t = 0; t < T; t++) {
    for (const i of prange(n)) s += a[i] * t;
  }
  return s;
};
const shifted = (a: Float64Array, n: number, T: number) => {
  for (let t = 0; t < T; t++) {
    for (const i of prange(n)) a[i + t] = 1;
  }
};

function fill(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = ((i * 37) % 101) / 7;
  return a;
}

/** fft-shaped (a double step) with an index that leaves the array at step 34 (b = 6, t = 34) */
const overStages = (a: Float64Array, n: number, T: number) => {
  for (let t = 0; t < T; t++) {
    for (let d = 1; d < 8; d *= 2) {
      for (const b of prange(0, n, 2 * d)) a[b + t] = a[b + t] * 0.5 + d;
    }
  }
};

/** every count from 0 to 20 (around MAIN_LOOP_LIMIT, 3, and TINY_CHUNK, 4), both directions, int and double steps */
const counts = (a: Float64Array, out: Float64Array, reps: number) => {
  for (let r = 0; r < reps; r++) {
    for (let n = 0; n <= 20; n++) {
      const d = n / 2 + 0.5; // a double, integral for odd n
      for (const i of prange(0, n)) out[i] += a[i] * r + n;
      for (const i of prange(n - 1, -1, -1)) out[i] = out[i] * 0.5 + i;
      for (const i of prange(0, 3 * n, 3)) out[i % 40] += 1;
      if (d === Math.floor(d)) for (const i of prange(0, n, d)) out[i + 20] -= d;
    }
  }
};
/** a body with an early continue, a branch, a private array and a written outer scalar */
const busy = (a: Float64Array, out: Float64Array, reps: number) => {
  let last = -1;
  for (let r = 0; r < reps; r++) {
    for (let n = 1; n < 12; n++) {
      for (const i of prange(n)) {
        if (a[i] < 0.2) continue;
        const t = new Float64Array(2);
        t[0] = a[i] * r;
        t[1] = t[0] + n;
        if (i % 2 === 0) out[i] += t[1];
        else out[i] -= t[0];
        last = n;
      }
    }
  }
  out[39] = last;
};

describe("small pranges run from main without env.prange", () => {
  for (const T of [1, 2]) {
    it(`main's own copy of a loop-free body gives the plain results at every count (${T} threads)`, () => {
      for (const f of [counts, busy]) {
        const k = parallel(f, { threads: T, warnings: false });
        for (const shared of [false, true]) {
          const a = fill(new Float64Array(40));
          const ref = new Float64Array(40);
          f(a, ref, 30);
          const out = shared ? array(Float64Array, 40) : new Float64Array(40);
          k(a, out, 30);
          expect(Array.from(out)).toEqual(Array.from(ref));
          if (shared) free(out as never);
        }
      }
    });
  }

  for (const T of [1, 2]) {
    it(`an out-of-range index in a tiny prange run inline (double step) names the array, the index and the line (${T} threads)`, () => {
      const k = parallel(overStages, { threads: T });
      const a = new Float64Array(40);
      calls.n = 0;
      let err: unknown = null;
      try {
        k(a, 8, 40);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message).toMatch(/index 40 is out of bounds for array 'a' \(length 40\) at kernel overStages line 4:\d+$/);
      // 3 pranges a step, 34 steps before the failing one: nearly all of them ran from main
      expect(calls.n).toBeLessThan(20);
      // up to the failing step the same iterations ran, in the plain order
      const b = new Float64Array(40);
      const c = new Float64Array(40);
      k(b, 8, 34);
      overStages(c, 8, 34);
      expect(Array.from(b)).toEqual(Array.from(c));
    });
  }

  it("records which loops may run inline", () => {
    const p = (fn: (...a: never[]) => unknown, params: Parameters<typeof compile>[1]) => compile(fn.toString(), params).compiled!.loops;
    expect(p(steps, ["Float64Array", "i", "i"])[0]!.inlineOffset).toBeTypeOf("number");
    expect(p(stages, ["Float64Array", "i"])[0]!.inlineOffset).toBeTypeOf("number");
    expect(p(summed, ["Float64Array", "i", "i"])[0]!.inlineOffset).toBeUndefined();
    expect(compile(steps.toString(), ["Float64Array", "i", "i"], { checkRaces: true }).compiled!.loops[0]!.inlineOffset).toBeUndefined();
  });

  for (const T of [1, 2]) {
    it(`a prange in a serial loop gives the plain results and calls env.prange once per call (${T} threads)`, () => {
      const k = parallel(steps, { threads: T });
      for (const shared of [false, true]) {
        const ref = fill(new Float64Array(100));
        const a = shared ? array(Float64Array, 100) : new Float64Array(100);
        for (let r = 0; r < 3; r++) {
          fill(ref);
          steps(ref, 100, 300);
          fill(a);
          calls.n = 0;
          k(a, 100, 300);
          expect(Array.from(a)).toEqual(Array.from(ref));
          // the first step measures the loop (through env.prange); the other 299 run inline
          expect(calls.n).toBe(1);
        }
        if (shared) free(a as never);
      }
    });

    it(`a prange with a double step (the index a double) runs inline too (${T} threads)`, () => {
      const k = parallel(stages, { threads: T });
      const ref = fill(new Float64Array(1024));
      stages(ref, 1024);
      const a = fill(new Float64Array(1024));
      calls.n = 0;
      k(a, 1024);
      expect(Array.from(a)).toEqual(Array.from(ref));
      // one prange per (d, o): 1 + 3 + ... + 511 of them; all but the first run inline
      expect(calls.n).toBeLessThan(5);
    });
  }

  it("a prange with a reduction goes through env.prange every time, with the plain sum", () => {
    const k = parallel(summed, { threads: 1 });
    const a = fill(new Float64Array(100));
    calls.n = 0;
    expect(k(a, 100, 50)).toBe(summed(a, 100, 50));
    expect(calls.n).toBe(50);
  });

  it("a bounds error in a step that runs inline is the same RangeError, and the kernel recovers", () => {
    const k = parallel(shifted, { threads: 1 });
    const a = new Float64Array(20);
    // i < 11: steps 0..9 fit (i + t < 20); step 10 writes a[20]; steps 1..10 run inline
    expect(() => k(a, 11, 11)).toThrow(RangeError);
    let msg = "";
    try {
      k(a, 11, 11);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/\ba\b/);
    expect(msg).toMatch(/\b20\b/);
    const b = new Float64Array(20);
    calls.n = 0;
    k(b, 10, 10);
    expect(Array.from(b)).toEqual(Array.from({ length: 20 }, (_, i) => (i < 19 ? 1 : 0)));
    expect(calls.n).toBe(1);
  });
});
