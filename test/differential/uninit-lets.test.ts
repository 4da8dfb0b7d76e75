/**
 * `let x;` (no initialiser) holds undefined until assigned: a number type only from its
 * assignments when no read can see the undefined (analysis/types.ts), else a double (NaN where
 * the undefined is read, as in plain JavaScript). Privates assigned once in a prange body from an
 * index expression then index like a const (compiler/lower/hoist.ts). Old-style kernels (LINPACK,
 * Rodinia's nw) declare everything at the top; results must be the plain function's.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

const square = (rng: Rng) => {
  const n = rng.int(2, 24);
  return [rng.f64((n + 1) * n, -0.5, 0.5), n + 1, n];
};
const grid = (rng: Rng) => {
  const n = rng.int(4, 40);
  const a = new Int32Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.int(-9, 9);
  const r = new Int32Array(n * n);
  for (let i = 0; i < r.length; i++) r[i] = rng.int(-4, 10);
  return [a, r, n, rng.int(1, 10)];
};
const vec = (rng: Rng) => {
  const n = rng.int(0, 30);
  return [rng.f64(n + 3, -2, 2), n];
};

describe("let x; assigned before it is read", () => {
  diffAll([
    ["LINPACK dgefa's shape: k, kp1, l, nm1 declared with no value, the column loop in parallel", (a: Float64Array, lda: number, n: number) => {
      let t, k, kp1, l, nm1;
      nm1 = n - 1;
      for (k = 0; k < nm1; k++) {
        kp1 = k + 1;
        l = k;
        for (let i = kp1; i < n; i++) if (Math.abs(a[k * lda + i]) > Math.abs(a[k * lda + l])) l = i;
        t = a[k * lda + l];
        if (t !== 0) {
          a[k * lda + l] = a[k * lda + k];
          a[k * lda + k] = t;
          t = -1.0 / t;
          for (let i = kp1; i < n; i++) a[k * lda + i] *= t;
          for (const j of prange(kp1, n)) {
            const u = a[j * lda + l];
            if (l !== k) {
              a[j * lda + l] = a[j * lda + k];
              a[j * lda + k] = u;
            }
            for (let i = kp1; i < n; i++) a[j * lda + i] += u * a[k * lda + i];
          }
        }
      }
      return nm1;
      // PF2005 as for the corpus's linpack-dgefa: nothing tells the analysis that l < lda
    }, square, { allowWarnings: true }],
    ["nw's sweep: a private index assigned once per iteration, Int32 cells", (items: Int32Array, ref: Int32Array, n: number, penalty: number) => {
      let index;
      for (let i = 0; i < n - 2; i++) {
        for (const idx of prange(i + 1)) {
          index = (idx + 1) * n + (i + 1 - idx);
          let k;
          const a = items[index - 1 - n] + ref[index];
          const b = items[index - 1] - penalty;
          if (a <= b) k = b;
          else k = a;
          const c = items[index - n] - penalty;
          items[index] = k <= c ? c : k;
        }
      }
    }, grid],
    ["undefined read on some paths: a double, NaN where plain JavaScript reads undefined", (a: Float64Array, n: number) => {
      let l;
      for (let k = 0; k < n; k += 2) l = k;
      for (const j of prange(a.length)) a[j] = a[j] * 2 + l;
    }, vec],
    ["a double live-in in an index: -0 and large values keep the checked path (1 / s stays -Infinity)", (a: Float64Array, o: Float64Array, s: number) => {
      for (const i of prange(o.length)) o[i] = a[i + s] * (1 / s) + a[i + s * 2 - s];
    }, (rng: Rng) => {
      const n = rng.int(1, 40);
      return [rng.f64(n + 4, -2, 2), new Float64Array(n), [0, -0, 1, 2, 3][rng.int(0, 4)]!];
    }, { cases: 12 }],
    ["undefined read on the first trip of a serial loop only", (a: Float64Array, n: number) => {
      let prev;
      for (let t = 0; t < 3; t++) {
        for (const j of prange(n)) a[j] = a[j] + (t > 0 ? prev : 0.5);
        prev = t * 3;
      }
    }, vec],
  ]);
});
