/**
 * Innermost serial loops run on two lanes over their own counter (lanes k and k + 1,
 * compiler/lower/vector-check.ts innerLanes, vector.ts emitInnerLanes) on a chunk's fast path:
 * stencils and row updates whose elements grow by one with the counter, when at least 8 trips are
 * left. Each kernel is compared with the plain function, bit for bit, at trip counts of every
 * parity on both sides of 8 (the scalar loop runs what a pair cannot), with arrays that alias (then the lanes step aside), and with loops that
 * must stay scalar (a recurrence through the written array, a store under a condition).
 */
import { describe, expect, it } from "vitest";
import { compile, explain } from "../../compiler/index.js";
import { parallel, prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";
import { stencil } from "./shared-kernels.js";

const stencil3d = stencil;
const cube = (rng: Rng) => {
  const n = rng.int(0, 16);
  return [rng.mixed(n * n * n), new Float64Array(n * n * n), n];
};

/** gemm's update: the innermost j loop writes C's row i, reads B's row k, and a[i][k] once */
const gemm = (A: Float64Array, B: Float64Array, C: Float64Array, n: number, alpha: number) => {
  for (const i of prange(n)) {
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) C[i * n + j] += alpha * A[i * n + k] * B[k * n + j];
    }
  }
};
const squares = (rng: Rng) => {
  const n = rng.int(0, 21);
  return [rng.mixed(n * n), rng.mixed(n * n), rng.f64(n * n, -1, 1), n, rng.float(-2, 2)];
};

describe("innermost loops on two lanes over their counter", () => {
  diffAll([
    ["a 7-point 3-D stencil B[c] from A[c ± 1], A[c ± n], A[c ± m] (c = i*m + j*n + k)", stencil3d, cube],
    ["gemm's C[i*n + j] += alpha * A[i*n + k] * B[k*n + j]", gemm, squares],
    ["locals, a lane condition in a value, Math on the lanes, stores to Float32Array and Int32Array", (a: Float64Array, f: Float32Array, t: Int32Array, n: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 1; k < w; k++) {
          const c = i * w + k;
          const v = a[c] - a[c - 1];
          const m = v > 0 ? v : -v * 0.5;
          f[c] = Math.exp(m * 1e-3) + Math.atan2(v, 3);
          t[c] = k - i;
        }
      }
    }, (rng) => { const n = rng.int(1, 40); const w = rng.int(0, 21); return [rng.mixed(n * w), new Float32Array(n * w), new Int32Array(n * w), n, w]; }],
    ["a recurrence through the written row stays scalar", (a: Float64Array, n: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 1; k < w; k++) a[i * w + k] = a[i * w + k - 1] * 0.5 + k;
      }
    }, (rng) => { const n = rng.int(1, 30); const w = rng.int(0, 21); return [rng.f64(n * w, -3, 3), n, w]; }],
    ["a store under a condition stays scalar", (a: Float64Array, o: Float64Array, n: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < w; k++) if (a[i * w + k] > 0) o[i * w + k] = a[i * w + k] * 2;
      }
    }, (rng) => { const n = rng.int(1, 30); const w = rng.int(0, 21); return [rng.mixed(n * w), rng.f64(n * w), n, w]; }],
  ]);

  // found by review: each of these once gave wrong results, wrote past an array or read past one
  diffAll([
    ["an index through a chain of locals (const r = i * w; const c = r + k)", (a: Float64Array, o: Float64Array, n: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < w; k++) {
          const r = i * w;
          const c = r + k;
          o[c] = a[c] * 2;
        }
      }
    }, (rng) => { const n = rng.int(1, 9); const w = rng.int(0, 21); return [rng.f64(n * w, -5, 5), new Float64Array(n * w), n, w]; }, { parallelOptions: { schedule: "dynamic", chunkSize: 2 } }],
    ["a local copied from another (const d = (n - 1 - i) * w + k; const c = d)", (a: Float64Array, o: Float64Array, n: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < w; k++) {
          const d = (n - 1 - i) * w + k;
          const c = d;
          o[c] = a[c] + 100 * i;
        }
      }
    }, (rng) => { const n = rng.int(1, 9); const w = rng.int(0, 21); return [rng.f64(n * w, -5, 5), new Float64Array(n * w), n, w]; }, { parallelOptions: { schedule: "dynamic", chunkSize: 2 } }],
    ["a counter starting at 2^31 - 1 with no trips", (o: Float64Array, n: number, w: number, s: number, e: number) => {
      for (const i of prange(n)) {
        for (let k = s; k < e; k++) o[i * w + k - s] = k;
      }
    }, () => [new Float64Array(16).fill(-1), 2, 8, 2 ** 31 - 1, 0], { allowWarnings: true }],
  ]);

  it("a read under a condition keeps the inner loop off the lanes (the plan proves it only where the condition holds)", () => {
    const f = (a: Float64Array, o: Float64Array, w: number) => {
      for (const i of prange(1)) {
        for (let k = 0; k < w; k++) o[i * w + k] = k < w - 1 ? a[k + 1] - a[k] : 0;
      }
    };
    const g = (a: Float64Array, o: Float64Array, w: number) => {
      for (const i of prange(1)) {
        for (let k = 0; k < w; k++) o[i * w + k] = a[k + 1] - a[k];
      }
    };
    const laneLoops = (fn: (...x: never[]) => void) => explain(fn.toString(), ["Float64Array", "Float64Array", "s"]).report.loops[0]!.laneLoops.length;
    expect(laneLoops(f)).toBe(0);
    expect(laneLoops(g)).toBe(1);
  });

  it("the stencil's source and destination the same array: the lanes step aside, plain results", () => {
    for (const T of [1, 2]) {
      const k = parallel(stencil3d, { threads: T });
      const n = 13;
      const ref = Float64Array.from({ length: n ** 3 }, (_, x) => Math.sin(x));
      const got = Float64Array.from(ref);
      stencil3d(ref, ref, n);
      k(got, got, n);
      expect(Array.from(got)).toEqual(Array.from(ref));
    }
  });

  it("adds two-lane code to the stencil's loop function (f64x2 operations in its body)", () => {
    const r = compile(stencil3d.toString(), ["Float64Array", "Float64Array", "s"]);
    expect(r.compiled).not.toBeNull();
    // 0xfd 0xf0 0x01 is f64x2.add: the stencil's scalar paths have none
    const bytes = Array.from(r.compiled!.wasm);
    const adds = bytes.filter((b, x) => b === 0xfd && bytes[x + 1] === 0xf0 && bytes[x + 2] === 0x01).length;
    expect(adds).toBeGreaterThan(3);
  });
});
