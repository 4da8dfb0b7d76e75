/**
 * Array (histogram) reductions: an array a prange only updates through one reduction operator is
 * reduced through per-chunk private copies folded in chunk order. Integer results (and float
 * results of integer-valued data) must equal the plain loop's exactly, float sums must be
 * bit-identical across thread counts; non-zero initial contents, empty loops, every element type.
 */
import { describe, expect, it } from "vitest";
import { parallel, prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

const BINS = 37;
/** bin numbers (Int32Array), weights (integer-valued doubles), a histogram with non-zero contents */
const binned = (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 4000);
  const k = rng.i32(n, 0, BINS - 1);
  const w = rng.ints(n, -50, 50);
  const h = rng.ints(BINS, -5, 5);
  if (c === 1) h.fill(-0);
  return [k, w, h];
};
const intHist = <T extends Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array>(Ctor: new (n: number) => T) =>
  (rng: Rng, c: number) => {
    const n = c === 0 ? 0 : rng.int(1, 4000);
    const k = rng.i32(n, 0, BINS - 1);
    const w = rng.i32(n, -300, 300);
    const h = new Ctor(BINS);
    for (let j = 0; j < BINS; j++) h[j] = rng.int(-1000, 1000);
    return [k, w, h];
  };
const cases = { cases: 6 };

describe("histograms: every operator", () => {
  diffAll([
    ["h[k[i]] += 1 (Float64Array)", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] += 1;
    }, binned, cases],
    ["h[k[i]] += w[i] (integer-valued doubles: exact)", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i];
    }, binned, cases],
    ["h[k[i]]++ and h[k[i] ^ 1]-- (one operator, two sites)", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) {
        h[k[i]]++;
        if (w[i] > 0) h[(k[i] + 1) % 37]--;
      }
    }, binned, cases],
    ["h[k[i]] -= w[i]", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] -= w[i];
    }, binned, cases],
    ["h[k[i]] = h[k[i]] + w[i]", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] = h[k[i]] + w[i];
    }, binned, cases],
    ["h[k[i]] *= w (powers of two, signs, zeros: exact)", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] *= w[i];
    }, (rng: Rng, c: number) => {
      const [k, , h] = binned(rng, c) as [Int32Array, Float64Array, Float64Array];
      const w = rng.from(k.length, [1, -1, 2, 0.5, 1, 1, -0, 0, NaN, Infinity].slice(0, c < 3 ? 6 : 10));
      return [k, w, h];
    }, cases],
    ["h[k[i]] = Math.max(h[k[i]], w[i]) with NaN and signed zeros", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] = Math.max(h[k[i]], w[i]);
    }, (rng: Rng, c: number) => {
      const [k, , h] = binned(rng, c) as [Int32Array, Float64Array, Float64Array];
      const w = rng.from(k.length, [0, -0, 3, -7, 1e300, -Infinity, 2.5, c > 2 ? NaN : 1]);
      return [k, w, h];
    }, cases],
    ["h[k[i]] = Math.min(w[i], h[k[i]]) on Int32Array", (k: Int32Array, w: Int32Array, h: Int32Array) => {
      for (const i of prange(k.length)) h[k[i]] = Math.min(w[i], h[k[i]]);
    }, intHist(Int32Array), cases],
    ["h[k[i]] += w[i] on Int32Array (wraps)", (k: Int32Array, w: Int32Array, h: Int32Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i] * 1000000;
    }, intHist(Int32Array), cases],
    ["h[k[i]] += w[i] on Uint8Array (wraps mod 256)", (k: Int32Array, w: Int32Array, h: Uint8Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i];
    }, intHist(Uint8Array), cases],
    ["h[k[i]] -= w[i] on Int16Array", (k: Int32Array, w: Int32Array, h: Int16Array) => {
      for (const i of prange(k.length)) h[k[i]] -= w[i];
    }, intHist(Int16Array), cases],
    ["h[k[i]] = Math.max(h[k[i]], w[i] & 0xffff) on Uint32Array", (k: Int32Array, w: Int32Array, h: Uint32Array) => {
      for (const i of prange(k.length)) h[k[i]] = Math.max(h[k[i]], w[i] & 0xffff);
    }, intHist(Uint32Array), cases],
    ["h[k[i]] |= 1 << (w & 31) on Uint32Array", (k: Int32Array, w: Int32Array, h: Uint32Array) => {
      for (const i of prange(k.length)) h[k[i]] |= 1 << (w[i] & 31);
    }, intHist(Uint32Array), cases],
    ["h[k[i]] &= w[i] on Int8Array", (k: Int32Array, w: Int32Array, h: Int8Array) => {
      for (const i of prange(k.length)) h[k[i]] &= ~(1 << (w[i] & 7));
    }, intHist(Int8Array), cases],
    ["h[k[i]]++ on Uint16Array", (k: Int32Array, w: Int32Array, h: Uint16Array) => {
      for (const i of prange(k.length)) h[k[i]]++;
    }, intHist(Uint16Array), cases],
    ["h[k] += 1 on Float32Array (integer counts: exact)", (k: Int32Array, w: Float64Array, h: Float32Array) => {
      for (const i of prange(k.length)) h[k[i]] += 1;
    }, (rng: Rng, c: number) => {
      const [k, w] = binned(rng, c) as [Int32Array, Float64Array];
      return [k, w, new Float32Array(BINS).fill(0.5)];
    }, cases],
  ]);
});

describe("array reductions: column sums, two arrays, with scalar reductions, dynamic", () => {
  diffAll([
    ["column sums acc[j] += a[i * cols + j]", (a: Float64Array, cols: number, acc: Float64Array) => {
      const rows = Math.floor(a.length / cols);
      for (const i of prange(rows)) for (let j = 0; j < cols; j++) acc[j] += a[i * cols + j];
    }, (rng: Rng, c: number) => {
      const cols = [1, 5, 64, 3][c % 4]!;
      const rows = c === 0 ? 0 : rng.int(1, 300);
      return [rng.ints(rows * cols, -9, 9), cols, rng.ints(cols, -3, 3)];
    }, cases],
    ["two histograms and a scalar sum", (k: Int32Array, w: Float64Array, h: Float64Array, g: Int32Array) => {
      let s = 0;
      for (const i of prange(k.length)) {
        h[k[i]] += w[i];
        g[k[i] % 5] |= 1 << (k[i] & 15);
        s += w[i];
      }
      return s;
    }, (rng: Rng, c: number) => [...binned(rng, c), rng.i32(5, -9, 9)], cases],
    ["histogram with prange nested in a serial loop", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (let r = 0; r < 3; r++) {
        for (const i of prange(k.length)) h[(k[i] + r) % 37] += w[i];
      }
    }, binned, cases],
    ["histogram, dynamic schedule", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i];
    }, binned, { cases: 4, parallelOptions: { schedule: "dynamic", chunkSize: 5 } }],
    ["histogram, async", (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i];
    }, binned, { cases: 3, async: true }],
  ]);
});

describe("float histograms are bit-identical across thread counts", () => {
  it("sums of random doubles into 64 bins", () => {
    const fn = (k: Int32Array, w: Float64Array, h: Float64Array) => {
      for (const i of prange(k.length)) h[k[i]] += w[i];
    };
    const n = 200_000;
    const k = new Int32Array(n);
    const w = new Float64Array(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      k[i] = x % 64;
      w[i] = Math.sin(i) * 1e3;
    }
    const plain = new Float64Array(64).fill(0.1);
    fn(k, w, plain);
    let first: Float64Array | null = null;
    for (const t of [1, 2, 3, 4]) {
      const h = new Float64Array(64).fill(0.1);
      const kern = parallel(fn, { threads: t });
      expect(kern.diagnostics).toEqual([]);
      kern(k, w, h);
      for (let j = 0; j < 64; j++) expect(Math.abs(h[j]! - plain[j]!)).toBeLessThan(1e-7 * Math.abs(plain[j]!) + 1e-6);
      if (first === null) first = h;
      else expect(Array.from(h)).toEqual(Array.from(first));
    }
  });
});

describe("private copies above the memory bound", () => {
  const fn = (k: Int32Array, h: Float64Array) => {
    for (const i of prange(k.length)) h[k[i] % h.length] += k[i];
  };
  const run = (len: number, n: number) => {
    const k = new Int32Array(n);
    for (let i = 0; i < n; i++) k[i] = (i * 2654435761) >>> 8;
    const plain = new Float64Array(len).fill(1);
    fn(k, plain);
    for (const t of [1, 2, 4]) {
      const h = new Float64Array(len).fill(1);
      const kern = parallel(fn, { threads: t });
      kern(k, h);
      expect(h.every((x, j) => x === plain[j])).toBe(true);
    }
  };
  it("fewer, larger chunks when 256 copies would not fit (1 M doubles: 8 chunks)", () => run(1 << 20, 3000));
  it("one chunk in place, with one warning, when two copies would not fit", async () => {
    const warnings: string[] = [];
    const on = (w: Error) => warnings.push(w.message);
    process.on("warning", on);
    try {
      run((1 << 22) + 8, 5000);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("warning", on);
    }
    expect(warnings.filter((w) => w.includes("updating the arrays in place")).length).toBeGreaterThan(0);
  });
});
