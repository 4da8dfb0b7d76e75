/**
 * Checked mode's inline fast path (an element that already records this iteration) and which
 * arrays it instruments: repeated accesses by one iteration are still raced by another, a loop that
 * reduces one array is checked on its other arrays, and read-only arrays run as they do unchecked.
 */
import { afterAll, describe, expect, it } from "vitest";
import { parallel, ParforRaceError, prange, shutdown } from "../../index.js";

afterAll(() => shutdown());

function raceOf(f: () => unknown): ParforRaceError | null {
  try {
    f();
  } catch (e) {
    if (e instanceof ParforRaceError) return e;
    throw e;
  }
  return null;
}

describe("checked mode: repeated accesses within an iteration", () => {
  for (const threads of [1, 2]) {
    it(`an element read and written many times by two iterations is a race (${threads} threads)`, () => {
      const k = parallel(
        (c: Float64Array, a: Float64Array, n: number) => {
          for (const i of prange(n)) for (let k = 0; k < 4; k++) c[i >> 1] = c[i >> 1] * 0.5 + a[i];
        },
        { threads, check: "races", warnings: false },
      );
      const err = raceOf(() => k(new Float64Array(8), new Float64Array(16).fill(1), 16));
      expect(err).not.toBeNull();
      expect(err!.races.map((r) => r.index).sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const r of err!.races) expect([r.first.iteration >> 1, r.second.iteration >> 1]).toEqual([r.index, r.index]);
      // one element per iteration: clean, the unchecked bits
      const safeFn = (c: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) for (let k = 0; k < 4; k++) c[i] = c[i] * 0.5 + a[i] * k;
      };
      const a = Float64Array.from({ length: 300 }, (_, i) => i / 7);
      const c1 = new Float64Array(300);
      const c2 = new Float64Array(300);
      parallel(safeFn, { threads, check: "races" })(c1, a, 300);
      parallel(safeFn, { threads })(c2, a, 300);
      expect(c1).toEqual(c2);
    });

    it(`a value read many times by one iteration and written once by another is a race (${threads} threads)`, () => {
      const k = parallel(
        (b: Float64Array, out: Float64Array, n: number) => {
          for (const i of prange(n)) {
            let s = 0;
            for (let k = 0; k < 8; k++) s += b[0] * k;
            out[i] = s;
            if (i === n - 1) b[0] = 2;
          }
        },
        { threads, check: "races", warnings: false },
      );
      const err = raceOf(() => k(new Float64Array(4).fill(1), new Float64Array(64), 64));
      expect(err).not.toBeNull();
      expect(err!.races.length).toBe(1);
      const r = err!.races[0]!;
      expect(r.array).toBe("b");
      expect(r.index).toBe(0);
      expect([r.first, r.second].find((x) => x.access === "write")!.iteration).toBe(63);
    });
  }
});

describe("checked mode: which arrays are instrumented", () => {
  it("a loop that reduces one array (private copies) still reports a race on another", () => {
    const k = parallel(
      (h: Float64Array, last: Float64Array, data: Int32Array) => {
        for (const i of prange(data.length)) {
          h[data[i]] += 1;
          last[data[i]] = i;
        }
      },
      { threads: 2, check: "races", warnings: false },
    );
    const h = new Float64Array(4);
    const err = raceOf(() => k(h, new Float64Array(4), new Int32Array([0, 1, 2, 1, 3])));
    expect(err).not.toBeNull();
    expect(err!.races.map((r) => [r.array, r.index])).toEqual([["last", 1]]);
    // a permutation: clean, and the histogram as the plain loop
    const h2 = new Float64Array(4);
    const l2 = new Float64Array(4);
    k(h2, l2, new Int32Array([3, 2, 1, 0]));
    expect(Array.from(h2)).toEqual([1, 1, 1, 1]);
    expect(Array.from(l2)).toEqual([3, 2, 1, 0]);
  });

  it("arrays a loop only reads are shared by all iterations without a report", () => {
    const k = parallel(
      (x: Float64Array, y: Float64Array) => {
        for (const i of prange(y.length)) y[i] = x[0] + x[i % 3] + x[(i * 7) % x.length];
      },
      { threads: 2, check: "races" },
    );
    const y = new Float64Array(100);
    expect(() => k(Float64Array.from([1, 2, 3, 4]), y)).not.toThrow();
    expect(y[5]).toBe(1 + 3 + 4);
  });
});

describe("checked mode: Atomics are synchronised accesses", () => {
  for (const threads of [1, 2, 4]) {
    it(`atomic updates of shared counters are no race, the same update without Atomics is (${threads} threads)`, () => {
      const atomic = parallel(
        (h: Int32Array, k: Int32Array, n: number): number => {
          for (const i of prange(n)) {
            Atomics.add(h, k[i], 1);
            const old = Atomics.load(h, 8);
            Atomics.compareExchange(h, 8, old, Math.max(old, k[i]));
            Atomics.store(h, 9, i);
          }
          return Atomics.load(h, 0);
        },
        { threads, check: "races", warnings: false },
      );
      const n = 20000;
      const k = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 8);
      const h = new Int32Array(10);
      expect(raceOf(() => atomic(h, k, n))).toBeNull();
      expect(Array.from(h.subarray(0, 8))).toEqual(Array.from({ length: 8 }, (_, b) => k.filter((v) => v === b).length));
      const plainRmw = parallel(
        (h: Int32Array, k: Int32Array, n: number) => {
          for (const i of prange(n)) h[k[i]] += 1;
          for (const i of prange(n)) h[8] = Math.max(h[8], k[i] + 1);
        },
        { threads, check: "races", warnings: false },
      );
      // the histogram is a reduction (no race); the max through one shared element is not one: a
      // race between iterations, reported at any thread count
      const err = raceOf(() => plainRmw(new Int32Array(10), k, n));
      expect(err).not.toBeNull();
      expect(err!.races.map((r) => r.index)).toEqual([8]);
    });
  }
});
