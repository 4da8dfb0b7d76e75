/**
 * Compound (MINLOC/MAXLOC) reductions: `if (x < m) { m = x; k = i; }` and its variants must give
 * the plain loop's bits at every thread count: first index on ties for `<`/`>`, last for
 * `<=`/`>=`, NaN never replacing (nor replaced, as an initial value), -0/+0 ties, empty loops and
 * initial values that no element beats.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, SPECIALS, type Rng } from "./harness.js";

const INITS = [Infinity, 0, NaN, -Infinity, 2, -0];
/** few distinct values: many ties; NaN and signed zeros sprinkled in */
const tied = (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 3000);
  const a = rng.ints(n, -4, 4);
  for (let i = 0; i < n; i++) {
    const r = rng.int(0, 40);
    if (r === 0) a[i] = NaN;
    else if (r === 1) a[i] = -0;
    else if (r === 2) a[i] = rng.pick([Infinity, -Infinity]);
  }
  return [a, INITS[c % INITS.length]!, -1, new Float64Array(3)];
};
/** special values (every class), a random order */
const specials = (rng: Rng, c: number) => [rng.from(rng.int(0, 500), SPECIALS), INITS[c % INITS.length]!, 7, new Float64Array(3)];
const cases = { cases: 12 };

describe("argmin / argmax: every comparison, ties, NaN, initial values", () => {
  diffAll([
    ["x < m: first index of the minimum", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] < m) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["x <= m: last index of the minimum", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] <= m) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["x > m: first index of the maximum", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) { if (a[i] > m) { k = i; m = a[i]; } }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["m < x (flipped) and >=: last index of the maximum", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (m <= a[i]) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["special values", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] < m) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, specials, cases],
    ["returned index", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] >= m) { m = a[i]; k = i; }
      return k;
    }, tied, cases],
  ]);
});

describe("compound reductions: computed values, else branches, inner loops, more variables", () => {
  diffAll([
    ["computed value", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] * a[i] - 3 < m) { m = a[i] * a[i] - 3; k = i; }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["the update in the else branch (integers)", (a: Int32Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) {
        if (a[i] >= m) {
        } else { m = a[i]; k = i; }
      }
      out[0] = m; out[1] = k;
    }, (rng: Rng, c: number) => [rng.i32(c === 0 ? 0 : rng.int(1, 2000), -20, 20), [2147483647, 0, -20, 5][c % 4]!, -1, new Float64Array(3)], cases],
    ["three variables under the condition", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      let prev = -5;
      for (const i of prange(a.length)) {
        const y = i > 0 ? a[i - 1] : 0;
        if (a[i] > m) { m = a[i]; k = i; prev = y; }
      }
      out[0] = m; out[1] = k; out[2] = prev;
    }, tied, cases],
    ["min and max in one loop", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      let hi = -Infinity;
      let hk = -1;
      for (const i of prange(a.length)) {
        if (a[i] < m) { m = a[i]; k = i; }
        if (a[i] >= hi) { hi = a[i]; hk = i; }
      }
      out[0] = m + hi; out[1] = k; out[2] = hk;
    }, tied, cases],
    ["inside an inner serial loop (argmin of a matrix)", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      const cols = 7;
      const rows = Math.floor(a.length / cols);
      for (const r of prange(rows)) {
        for (let c = 0; c < cols; c++) {
          if (a[r * cols + c] < m) { m = a[r * cols + c]; k = r * cols + c; }
        }
      }
      out[0] = m; out[1] = k;
    }, tied, cases],
    ["integer values (Int32Array)", (a: Int32Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] <= m) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, (rng: Rng, c: number) => [rng.i32(c === 0 ? 0 : rng.int(1, 2000), -20, 20), [2147483647, 0, -20, 5][c % 4]!, -1, new Float64Array(3)], cases],
  ]);
});

describe("compound reductions under the dynamic schedule", () => {
  diffAll([
    ["argmin, chunkSize 7", (a: Float64Array, m: number, k: number, out: Float64Array) => {
      for (const i of prange(a.length)) if (a[i] < m) { m = a[i]; k = i; }
      out[0] = m; out[1] = k;
    }, tied, { cases: 6, parallelOptions: { schedule: "dynamic", chunkSize: 7 } }],
  ]);
});
