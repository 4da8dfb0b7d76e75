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

const vec = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.f64(n, -4, 4), new Float64Array(n)];
};
const square = (rng: Rng) => {
  const n = rng.int(1, 24);
  return [rng.f64(n * n, -2, 2), rng.f64(n * n, -2, 2), new Float64Array(n * n), n];
};

describe("private by liveness: written before read on every path of an iteration, dead after the loop", () => {
  diffAll([
    ["written again after the loop before any read (the issue's kernel)", (a: Float64Array, out: Float64Array) => {
      const n = out.length;
      let w;
      for (const j of prange(n)) {
        w = a[j];
        for (let k = 0; k < 1000; k++) w = w * 0.5 + k;
        out[j] = w;
      }
      w = 0;
      return w;
    }, vec, { repeat: 4 }],
    ["accumulator reset at the top of a nested serial loop (matrix product)", (A: Float64Array, B: Float64Array, C: Float64Array, n: number) => {
      let acc;
      for (const i of prange(n)) {
        for (let j = 0; j < n; j++) {
          acc = 0;
          for (let k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j];
          C[i * n + j] = acc;
        }
      }
    }, square, { repeat: 3 }],
    ["initialised accumulator reset in a nested loop and the same name reused by a later loop", (A: Float64Array, B: Float64Array, C: Float64Array, n: number) => {
      let acc = 0;
      for (const i of prange(n)) {
        for (let j = 0; j < n; j++) {
          acc = 0;
          for (let k = 0; k < n; k++) acc = acc + A[i * n + k] * B[k * n + j];
          C[i * n + j] = acc;
        }
      }
      for (const i of prange(n * n)) { acc = C[i] * 2; C[i] = acc - 1; }
    }, square, { repeat: 3 }],
    ["counters declared by let at the top and counted with for (j = 0; …): each loop's own counter", (A: Float64Array, B: Float64Array, C: Float64Array, n: number) => {
      let j: number, k: number, acc: number;
      for (const i of prange(n)) {
        for (j = 0; j < n; j++) {
          acc = 0;
          for (k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j];
          C[i * n + j] = acc;
        }
      }
      for (j = 0; j < n; j++) C[j] += 1;
    }, square, { repeat: 3 }],
    ["written by the first statement of a do-while body, which always runs", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (const i of prange(o.length)) {
        let j = 0;
        do { t = a[i] + j; j++; } while (j < 3 && t < 2);
        o[i] = t;
      }
    }, vec, { repeat: 3 }],
    ["continue after the write skips the rest of the iteration", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (const i of prange(o.length)) {
        t = a[i] * 3;
        if (t < 0) continue;
        for (let k = 0; k < 200; k++) t = t * 0.75 + 1;
        o[i] = t;
      }
    }, vec, { repeat: 3 }],
    ["written on every branch of nested ifs, read after an inner loop with break", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (const i of prange(o.length)) {
        if (a[i] > 1) t = 1;
        else if (a[i] > -1) { if (i % 2 === 0) t = a[i]; else t = -a[i]; }
        else t = 2;
        for (let k = 0; k < 300; k++) { if (t > 50) break; t = t * 1.01 + 0.25; }
        o[i] = t;
      }
    }, vec, { repeat: 3 }],
    ["time steps around the prange: the next trip rewrites it before reading", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      for (let r = 0; r < 3; r++) {
        for (const i of prange(o.length)) {
          t = a[i] * r;
          for (let k = 0; k < 100; k++) t = t * 0.5 + k;
          o[i] += t;
        }
        t = r;
      }
      return t;
    }, vec, { repeat: 3 }],
    ["read after the loop only through a later prange that writes it first", (a: Float64Array, o: Float64Array) => {
      let t = 0;
      let s = 0;
      for (const i of prange(o.length)) { t = a[i] * 2; for (let k = 0; k < 100; k++) t = t * 0.5 + 1; o[i] = t; }
      for (const i of prange(o.length)) { t = o[i] + a[i]; s += t; }
      return s;
    }, vec, { repeat: 3, floatReduction: true }],
  ]);
});
