/**
 * Atomics in kernels: `Atomics.add/sub/and/or/xor/exchange/compareExchange/load/store` on every
 * integer array kind, compiled to wasm atomics. Only results that do not depend on the order of
 * the updates are compared with the plain loop (counters, bitsets, sums of old values, lock-free
 * max through compareExchange, elementwise forms): those must be exact at 1-4 threads, for
 * ordinary, parfor and view arrays, with no race warning (the harness fails on warnings).
 */
import { describe, expect, it } from "vitest";
import { parallel, prange } from "../../index.js";
import { checkThrowsRange, diffAll, SPECIALS, type Rng } from "./harness.js";

type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
type IntCtor = { new (n: number): IntArray; readonly name: string };
const KINDS: readonly IntCtor[] = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array];

const BINS = 13;
/** an integer array of BINS elements with non-zero contents, bin numbers and integer values */
const counters = (Ctor: IntCtor) => (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 3000);
  const h = new Ctor(BINS);
  for (let j = 0; j < BINS; j++) h[j] = rng.int(-70000, 70000);
  return [h, rng.i32(n, 0, BINS - 1), rng.i32(n, -100000, 100000)];
};
const cases = { cases: 5 };

describe("order-independent read-modify-writes on every integer kind", () => {
  for (const Ctor of KINDS) {
    diffAll([
      [`${Ctor.name}: Atomics.add(h, k[i], w[i]) (wraps)`, (h: IntArray, k: Int32Array, w: Int32Array) => {
        for (const i of prange(k.length)) Atomics.add(h, k[i], w[i]);
      }, counters(Ctor), cases],
      [`${Ctor.name}: Atomics.sub(h, k[i], w[i] * 3)`, (h: IntArray, k: Int32Array, w: Int32Array) => {
        for (const i of prange(k.length)) Atomics.sub(h, k[i], w[i] * 3);
      }, counters(Ctor), cases],
      [`${Ctor.name}: Atomics.or / Atomics.xor / Atomics.and bitsets (one operator per element)`, (h: IntArray, k: Int32Array, w: Int32Array) => {
        for (const i of prange(k.length)) {
          Atomics.or(h, k[i] % 4, 1 << (w[i] & 31));
          Atomics.xor(h, 4 + (k[i] % 5), w[i]);
          if (w[i] > 50000) Atomics.and(h, 9 + (k[i] % 4), ~(1 << (w[i] & 15)));
        }
      }, counters(Ctor), cases],
      [`${Ctor.name}: sum of the old values of a counter (every old value once)`, (h: IntArray, n: number) => {
        let s = 0;
        for (const i of prange(n)) s += Atomics.add(h, 0, 1);
        return s;
      }, (rng: Rng, c: number) => [new Ctor(2).fill(c * 7), c === 0 ? 0 : rng.int(1, 1500)], cases],
    ]);
  }
});

describe("compareExchange loops", () => {
  for (const Ctor of [Int8Array, Uint16Array, Int32Array, Uint32Array] as const) {
    diffAll([
      [`${Ctor.name}: lock-free max into m[0] (load, then compareExchange until it holds)`, (m: IntArray, a: IntArray) => {
        for (const i of prange(a.length)) {
          const v = a[i];
          let old = Atomics.load(m, 0);
          while (v > old) {
            const prev = Atomics.compareExchange(m, 0, old, v);
            if (prev === old) break;
            old = prev;
          }
        }
      }, (rng: Rng, c: number) => {
        const n = c === 0 ? 0 : rng.int(1, 4000);
        const a = new Ctor(n);
        for (let j = 0; j < n; j++) a[j] = rng.int(-(2 ** 31), 2 ** 32);
        const m = new Ctor(1);
        m[0] = c === 1 ? 2 ** 31 : -(2 ** 31);
        return [m, a];
      }, cases],
      [`${Ctor.name}: lock-free add through compareExchange, bins k[i]`, (h: IntArray, k: Int32Array, w: Int32Array) => {
        for (const i of prange(k.length)) {
          let old = Atomics.load(h, k[i]);
          for (;;) {
            const prev = Atomics.compareExchange(h, k[i], old, old + w[i]);
            if (prev === old) break;
            old = prev;
          }
        }
      }, counters(Ctor), cases],
    ]);
  }
});

/** an array of every kind filled with specials, and values to apply */
const elementwise = (Ctor: IntCtor) => (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 300);
  const a = new Ctor(n);
  for (let j = 0; j < n; j++) a[j] = rng.pick(SPECIALS);
  const x = rng.from(n, SPECIALS);
  const y = rng.from(n, [...SPECIALS, ...Array.from(a.slice(0, 20))]);
  return [a, x, y, new Float64Array(n)];
};

describe("return values and conversions, elementwise (each iteration its own element)", () => {
  for (const Ctor of KINDS) {
    diffAll([
      [`${Ctor.name}: o[i] = Atomics.store(a, i, x[i]) (ToIntegerOrInfinity: NaN 0, -0 +0, Infinity kept)`, (a: IntArray, x: Float64Array, y: Float64Array, o: Float64Array) => {
        for (const i of prange(a.length)) o[i] = Atomics.store(a, i, x[i]);
      }, elementwise(Ctor), cases],
      [`${Ctor.name}: o[i] = Atomics.exchange(a, i, x[i]) + Atomics.load(a, i) / 4`, (a: IntArray, x: Float64Array, y: Float64Array, o: Float64Array) => {
        for (const i of prange(a.length)) o[i] = Atomics.exchange(a, i, x[i]) + Atomics.load(a, i) / 4;
      }, elementwise(Ctor), cases],
      [`${Ctor.name}: o[i] = Atomics.compareExchange(a, i, y[i], x[i]) (expected converted to the element type)`, (a: IntArray, x: Float64Array, y: Float64Array, o: Float64Array) => {
        for (const i of prange(a.length)) o[i] = Atomics.compareExchange(a, i, y[i], x[i]);
      }, elementwise(Ctor), cases],
      [`${Ctor.name}: old values of add/sub/and/or/xor with special values`, (a: IntArray, x: Float64Array, y: Float64Array, o: Float64Array) => {
        for (const i of prange(a.length)) {
          const r = i % 5;
          o[i] = r === 0 ? Atomics.add(a, i, x[i]) : r === 1 ? Atomics.sub(a, i, x[i]) : r === 2 ? Atomics.and(a, i, x[i]) : r === 3 ? Atomics.or(a, i, x[i]) : Atomics.xor(a, i, x[i]);
        }
      }, elementwise(Ctor), cases],
      [`${Ctor.name}: compareExchange with the element itself as expected always swaps`, (a: IntArray, x: Float64Array, y: Float64Array, o: Float64Array) => {
        for (const i of prange(a.length)) o[i] = Atomics.compareExchange(a, i, a[i] + 2 ** 32, x[i]) - a[i];
      }, elementwise(Ctor), cases],
    ]);
  }
  diffAll([
    ["integer-typed values: Atomics.store returns its int32 / int64 value, booleans 0/1", (a: Int32Array, n: number, o: Float64Array) => {
      for (const i of prange(n)) o[i] = Atomics.store(a, i, i * 3 - 7) + Atomics.store(a, i, i * 2 ** 40) / 2 ** 40 + Atomics.store(a, i, (i % 2 === 0) as unknown as number);
    }, (rng: Rng, c: number) => { const n = c === 0 ? 0 : rng.int(1, 200); return [new Int32Array(n), n, new Float64Array(n)]; }, cases],
  ]);
});

describe("indices: ToIndex (fractions truncated, NaN is 0), and out of bounds", () => {
  diffAll([
    ["Atomics.add(c, x[i], 1) at fractional and NaN indices", (c: Int32Array, x: Float64Array) => {
      for (const i of prange(x.length)) Atomics.add(c, x[i], 1);
    }, (rng: Rng, c: number) => {
      const n = c === 0 ? 0 : rng.int(1, 2000);
      const x = new Float64Array(n);
      for (let j = 0; j < n; j++) x[j] = rng.pick([NaN, -0, -0.5, -0.999, 0.5, 6.999, rng.float(0, 7)]);
      return [new Int32Array(7), x];
    }, cases],
    ["an index past the end throws RangeError as in JavaScript", (c: Uint16Array, k: Int32Array) => {
      for (const i of prange(k.length)) Atomics.add(c, k[i], 1);
    }, (rng: Rng) => { const k = rng.i32(500, 0, 3); k[rng.int(0, 499)] = 4; return [new Uint16Array(4), k]; }, { cases: 2 }],
    ["an index of -1 (a double) throws RangeError", (c: Uint16Array, x: Float64Array) => {
      for (const i of prange(x.length)) Atomics.load(c, x[i] - 1);
    }, (rng: Rng) => [new Uint16Array(4), rng.from(50, [1, 2, 3, 0])], { cases: 2 }],
  ]);
  it("the RangeError names the array, the index and the line", () => {
    checkThrowsRange((cnt: Int32Array, k: Int32Array) => {
      for (const i of prange(k.length)) Atomics.add(cnt, k[i], 1);
    }, () => [new Int32Array(4), Int32Array.from({ length: 100 }, (_, j) => (j === 61 ? 9 : j % 4))], { array: "cnt", index: 9 });
    checkThrowsRange((cnt: Int8Array, x: Float64Array) => {
      for (const i of prange(x.length)) Atomics.store(cnt, x[i], 1);
    }, () => [new Int8Array(4), Float64Array.from({ length: 40 }, (_, j) => (j === 17 ? -1.5 : 1.5))], { array: "cnt", index: -1.5 });
    const k = parallel((cnt: Int32Array, j: number) => Atomics.sub(cnt, j, 1));
    expect(() => k(new Int32Array(3), 3)).toThrow(/^parfor: index 3 is out of bounds for array 'cnt' \(length 3\) at .*line 1:\d+$/);
  });
});

describe("Atomics with plain work, in helpers and outside pranges", () => {
  diffAll([
    ["a counter beside elementwise writes and a scalar reduction", (a: Float64Array, o: Float64Array, cnt: Uint32Array) => {
      let s = 0;
      for (const i of prange(a.length)) {
        o[i] = a[i] * 2;
        if (a[i] > 0) Atomics.add(cnt, 0, 1);
        s += a[i];
      }
      return s + Atomics.load(cnt, 0);
    }, (rng: Rng, c: number) => [rng.ints(c === 0 ? 0 : rng.int(1, 3000), -9, 9), new Float64Array(3000), new Uint32Array([c])], cases],
    ["a helper that counts, called in the prange and after it", (k: Int32Array, h: Int16Array) => {
      function bump(b: number, by: number): number {
        return Atomics.add(h, b, by);
      }
      let t = 0;
      for (const i of prange(k.length)) t += bump(k[i], 2);
      const u = bump(0, 1);
      return t + u + Atomics.exchange(h, 1, 5) + Atomics.compareExchange(h, 2, 0, 9);
    }, (rng: Rng, c: number) => [rng.i32(c === 0 ? 0 : rng.int(1, 3000), 0, 9), new Int16Array(10)], cases],
    ["Atomics inside an inner serial loop and a nested prange", (h: Int32Array, n: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < i % 7; j++) Atomics.add(h, j, i);
        for (const j of prange(3)) Atomics.or(h, 7 + j, 1 << ((i + j) % 31));
      }
    }, (rng: Rng, c: number) => [new Int32Array(10), c === 0 ? 0 : rng.int(1, 700)], cases],
  ]);
});

describe("refused", () => {
  it("a BigInt64Array argument is a TypeError (BigInt arrays are not kernel parameters)", () => {
    const k = parallel((a: Int32Array, n: number) => {
      for (const i of prange(n)) Atomics.add(a, 0, 1);
    });
    expect(() => k(new BigInt64Array(2) as unknown as Int32Array, 2)).toThrow(TypeError);
  });
  it("float and Uint8Clamped arrays are a compile error (JavaScript throws a TypeError)", () => {
    for (const a of [new Float64Array(2), new Float32Array(2), new Uint8ClampedArray(2)]) {
      const k = parallel((h: Int32Array, n: number) => {
        for (const i of prange(n)) Atomics.add(h, 0, 1);
      });
      expect(() => k(a as unknown as Int32Array, 2)).toThrow(/PF1019|integer typed array/);
      expect(() => Atomics.add(a as unknown as Int32Array, 0, 1)).toThrow(TypeError);
    }
  });
});
