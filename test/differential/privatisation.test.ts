/** Privatisation: scalars declared outside and written before read in every iteration; variables declared in the body. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

const arr = (rng: Rng) => {
  const n = rng.int(1, 3000);
  return [rng.ints(n, -100, 100), new Float64Array(n)];
};

describe("scalars declared outside the loop, private per iteration", () => {
  diffAll([
    ["let t declared outside, assigned then read in each iteration", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (const i of prange(o.length)) { t = a[i] * 2; o[i] = t + 1; }
    }, arr, { repeat: 4 }],
    ["two temporaries declared outside, one uninitialised", (a: Float64Array, o: Float64Array) => {
      let t: number;
      let u = -1;
      for (const i of prange(o.length)) { t = a[i] + i; u = t * t; o[i] = u - t; }
    }, arr, { repeat: 4 }],
    ["temporary written on both branches before being read", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (const i of prange(o.length)) { if (a[i] > 0) t = a[i]; else t = -a[i] * 3; o[i] = t; }
    }, arr, { repeat: 4 }],
    ["temporary reused across an inner loop", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      let j = 0;
      for (const i of prange(o.length)) { t = 0; for (j = 0; j < 4; j++) t += a[i] * j; o[i] = t; }
    }, arr, { repeat: 4 }],
    ["private temporary and a reduction side by side", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      let s = 0;
      for (const i of prange(o.length)) { t = a[i] * a[i]; o[i] = t; s += t; }
      return s;
    }, arr, { repeat: 4 }],
    ["temporary held across a long inner loop (a shared temporary would race)", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      let w = 0;
      for (const i of prange(o.length)) {
        t = a[i] * 7 + i;
        w = 0;
        for (let j = 0; j < 200; j++) w = (w * 31 + j + i) % 1000003;
        o[i] = t * 1e7 + w;
      }
    }, (rng: Rng) => { const n = rng.int(200, 2000); return [rng.ints(n), new Float64Array(n)]; }, { repeat: 2 }],
    ["a private boolean temporary", (a: Float64Array, o: Float64Array) => {
      let neg = false;
      for (const i of prange(o.length)) { neg = a[i] < 0; o[i] = neg ? -1 : 1; }
    }, arr, { repeat: 4 }],
  ]);
});

describe("variables declared in the body", () => {
  diffAll([
    ["const and let in the body, including shadowing an outer name", (a: Float64Array, o: Float64Array) => {
      const k = 5;
      for (const i of prange(o.length)) {
        const k = a[i] * 3;
        let m = k + i;
        m *= 2;
        o[i] = m;
      }
      return k;
    }, arr, { repeat: 4 }],
    ["var-free body with a let initialised from the previous element (read-only)", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) {
        const prev = i > 0 ? a[i - 1] : 0;
        const next = i < n - 1 ? a[i + 1] : 0;
        o[i] = prev - 2 * a[i] + next;
      }
    }, arr, { repeat: 4 }],
    ["let declared without initialiser in the body is assigned before use", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let x;
        if (a[i] > 0) x = 1; else x = 2;
        o[i] = x * a[i];
      }
    }, arr, { repeat: 4 }],
    ["loop-invariant values computed before the loop and read inside", (a: Float64Array, o: Float64Array, scale: number) => {
      const n = o.length;
      const inv = 1 / n;
      const off = scale * 2 - 1;
      for (const i of prange(n)) o[i] = a[i] * inv * off;
    }, (rng: Rng, c: number) => { const n = rng.int(1, 3000); return [rng.ints(n), new Float64Array(n), [3, 0.25, -0][c]!]; }, { repeat: 4 }],
  ]);
});
