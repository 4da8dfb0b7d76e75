/**
 * Collapsed loops, `for (const k of prange(rows * cols))` with `i = Math.floor(k / cols)`,
 * `j = k % cols`: the race proof splits k by a divisor it cannot prove >= 1, so the loop runs in
 * parallel when the divisor is an integer >= 1 at run time and in order on one thread otherwise
 * (0, negative, fractional). Both must give the plain loop's bits, at 1-4 threads, for ordinary,
 * parfor and view arrays, with no race warning (the harness fails on warnings).
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

/** divisors that take each path: integers >= 1 (parallel), and 0, negative, fractional (in order) */
const DIVISORS: readonly (readonly [number, number])[] = [[37, 23], [1, 50], [50, 1], [4, 0], [-6, -7], [9, 2.5], [12, 0.5]];

const grid = (rng: Rng, c: number) => {
  const [rows, cols] = DIVISORS[c % DIVISORS.length]!;
  // room for every index either path writes: k, or k + |cols| when cols < 0
  const len = Math.abs(rows * cols) + Math.abs(cols) + 2;
  return [rng.f64(Math.ceil(len)), rows, cols];
};
const cases = { cases: DIVISORS.length };

describe("collapsed loops with a divisor of unknown sign", () => {
  diffAll([
    ["row-major in place: a[i * cols + j] = a[i * cols + j] * 2 + i - j", (a: Float64Array, rows: number, cols: number) => {
      for (const k of prange(rows * cols)) {
        const i = Math.floor(k / cols);
        const j = k % cols;
        a[i * cols + j] = a[i * cols + j] * 2 + i - j;
      }
    }, grid, cases],
    ["truncating division: i = (k / cols) | 0, j = k - i * cols", (a: Float64Array, rows: number, cols: number) => {
      for (const k of prange(rows * cols)) {
        const i = (k / cols) | 0;
        const j = k - i * cols;
        a[i * cols + j] += k;
      }
    }, grid, cases],
    ["the divisor a function-level local of several terms, a transposed write", (a: Float64Array, b: Float64Array, n: number) => {
      const w = n + 2;
      for (const k of prange(n * w)) {
        const i = Math.floor(k / w);
        const j = k % w;
        b[j * n + i] = a[k] + i * j;
      }
    }, (rng: Rng, c: number) => {
      const n = [0, 1, 17, 40][c % 4]!;
      return [rng.f64(n * (n + 2)), rng.f64(n * (n + 2)), n];
    }, { cases: 4 }],
    ["a transpose with a reduction of the elements beside it", (A: Float64Array, B: Float64Array, rows: number, cols: number): number => {
      let s = 0;
      for (const k of prange(rows * cols)) {
        const i = Math.floor(k / cols);
        const j = k % cols;
        B[j * rows + i] = A[i * cols + j];
        s += i - j;
      }
      return s;
    }, (rng: Rng, c: number) => {
      const [rows, cols] = [[37, 23], [1, 50], [50, 1], [4, 0]][c % 4]!;
      return [rng.f64(rows * cols), rng.f64(rows * cols), rows, cols];
    }, { cases: 4 }],
  ]);
});
