/** `kernel.async(...)` must resolve to what the plain function returns, alone and with calls in flight together. */
import { describe, expect, it } from "vitest";
import { parallel, prange } from "../../index.js";
import { diffAll, Rng } from "./harness.js";

const axpy = (a: Float64Array, b: Float64Array, o: Float64Array, k: number) => {
  for (const i of prange(o.length)) o[i] = a[i] * k + b[i];
};
const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (const i of prange(a.length)) s += a[i] * b[i];
  return s;
};

describe("async calls", () => {
  diffAll([
    ["async: elementwise a * k + b with -0 and fractional k", axpy, (rng, c) => { const n = rng.int(1, 3000); return [rng.mixed(n), rng.mixed(n), new Float64Array(n), [2, -0, 0.5][c]!]; }, { async: true }],
    ["async: exact integer sum with an initial value", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, (rng, c) => [rng.i32(rng.int(0, 3000), -(2 ** 31), 2 ** 31 - 1), [0, 7, -0.5][c]!], { async: true }],
    ["async: float dot product keeps its bits across thread counts", dot, (rng) => { const n = rng.int(1, 5000); return [rng.f64(n), rng.f64(n)]; }, { async: true, floatReduction: true }],
    ["async: boolean result of a flag reduction", (a: Float64Array) => { let found = false; for (const i of prange(a.length)) if (a[i] === 3) found = true; return found; }, (rng) => [rng.ints(rng.int(0, 500), -5, 5)], { async: true, cases: 4 }],
    ["async: void kernel over every typed array kind", (a: Int8Array, b: Uint8ClampedArray, c: Uint32Array, d: Float32Array) => {
      for (const i of prange(a.length)) { a[i] = i * 7; b[i] = i * 1.5; c[i] = -i; d[i] = i / 3; }
    }, (rng) => { const n = rng.int(1, 400); return [new Int8Array(n), new Uint8ClampedArray(n), new Uint32Array(n), new Float32Array(n)]; }, { async: true }],
  ]);

  it("several async calls in flight together each get their own correct result", async () => {
    const rng = new Rng(99);
    for (const t of [1, 2, 4]) {
      const k = parallel(dot, { threads: t });
      const inputs = Array.from({ length: 6 }, () => { const n = rng.int(1, 3000); return [rng.ints(n, -100, 100), rng.ints(n, -100, 100)] as const; });
      const results = await Promise.all(inputs.map(([a, b]) => k.async(a, b)));
      expect(results).toEqual(inputs.map(([a, b]) => dot(a, b)));
    }
  });

  it("async calls of different kernels interleaved with sync calls", async () => {
    const rng = new Rng(5);
    const kd = parallel(dot, { threads: 3 });
    const ka = parallel(axpy, { threads: 2 });
    const n = 2000;
    const a = rng.ints(n), b = rng.ints(n);
    const o1 = new Float64Array(n), o2 = new Float64Array(n);
    const p1 = kd.async(a, b);
    const p2 = ka.async(a, b, o1, 3);
    axpy(a, b, o2, 3);
    const [r1] = await Promise.all([p1, p2]);
    expect(r1).toBe(dot(a, b));
    expect(Array.from(o1)).toEqual(Array.from(o2));
    expect(kd(a, b)).toBe(dot(a, b));
  });

  it("an out-of-bounds access rejects the async call with a RangeError naming the array", async () => {
    const k = parallel((src: Float64Array, dst: Float64Array) => { for (const i of prange(dst.length)) dst[i] = src[i + 1]; }, { threads: 2 });
    await expect(k.async(new Float64Array(10), new Float64Array(10))).rejects.toThrow(RangeError);
    await expect(k.async(new Float64Array(10), new Float64Array(10))).rejects.toThrow(/src/);
    const dst = new Float64Array(9);
    await k.async(Float64Array.from({ length: 10 }, (_, i) => i), dst);
    expect(Array.from(dst)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
