/** prange(stop), prange(start, stop), prange(start, stop, step): empty, one-iteration, negative steps, large counts, int32 edges, bad bounds. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

/** writes o[i - lo] = f(i) for every visited i; unvisited slots keep their sentinel -1 */
const visit3 = (o: Float64Array, lo: number, start: number, stop: number, step: number) => {
  for (const i of prange(start, stop, step)) o[i - lo] = i * 3 + 1;
};
const visitCount3 = (start: number, stop: number, step: number) => {
  let c = 0;
  let s = 0;
  for (const i of prange(start, stop, step)) { c += 1; s += i; }
  return c * 1e6 + s;
};
const sentinel = (n: number) => new Float64Array(n).fill(-1);

/** [start, stop, step] cases, indices kept inside [-50, 250) */
const STEP_CASES: readonly (readonly [number, number, number])[] = [
  [0, 10, 1], [0, 10, 3], [0, 10, 7], [0, 10, 10], [0, 10, 11], [0, 10, 1000], [3, 4, 1], [5, 5, 1], [6, 5, 1],
  [10, 0, -1], [10, 0, -3], [9, -1, -2], [0, 0, -1], [0, 5, -1], [5, 4, -1], [-50, 249, 7], [249, -50, -13], [-7, -3, 2],
  [0, 200, 199], [199, 0, -200], [-0, 5, 1], [3, -0, -1],
];

describe("prange(start, stop, step)", () => {
  diffAll([
    ["visits exactly start, start+step, ... (positive, negative, non-dividing, oversized steps)", (o: Float64Array, lo: number, start: number, stop: number, step: number) => {
      for (const i of prange(start, stop, step)) o[i - lo] = i * 3 + 1;
    }, (_rng: Rng, c: number) => { const [a, b, s] = STEP_CASES[c]!; return [sentinel(300), -50, a, b, s]; }, { cases: STEP_CASES.length }],
    ["count and sum of the visited indices", visitCount3, (_rng: Rng, c: number) => [...STEP_CASES[c]!], { cases: STEP_CASES.length }],
    ["random start/stop/step", visit3, (rng: Rng) => {
      const step = rng.pick([1, 2, 3, 5, 17, -1, -2, -7, 100]);
      return [sentinel(400), -100, rng.int(-100, 299), rng.int(-100, 299), step];
    }, { cases: 8 }],
    ["literal negative step: prange(n - 1, -1, -1) reverses", (a: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n - 1, -1, -1)) o[n - 1 - i] = a[i];
    }, (rng: Rng) => { const n = rng.int(0, 2000); return [rng.ints(n), new Float64Array(n)]; }],
    ["literal step 2 over odd positions", (o: Float64Array) => { for (const i of prange(1, o.length, 2)) o[i] = i; }, (rng: Rng) => [sentinel(rng.int(0, 3000))]],
    ["first index from start = -0 is +0 (1 / i is Infinity)", (o: Float64Array, start: number) => {
      for (const i of prange(start, o.length)) o[i] = 1 / i;
    }, () => [new Float64Array(5), -0]],
    ["first index from prange(-0, n, 1) literal is +0", (o: Float64Array) => {
      for (const i of prange(-0, o.length, 1)) o[i] = 1 / i;
    }, () => [new Float64Array(5)]],
  ]);
});

describe("prange(stop) and prange(start, stop)", () => {
  diffAll([
    ["prange(n) for n = 0, 1, 2, 3, 5, 7, 63, 64, 65, 4999", (o: Float64Array, n: number) => {
      for (const i of prange(n)) o[i] = i + 0.5;
      return n;
    }, (_rng: Rng, c: number) => { const n = [0, 1, 2, 3, 5, 7, 63, 64, 65, 4999][c]!; return [sentinel(5000), n]; }, { cases: 10 }],
    ["prange(negative) is empty", (o: Float64Array, n: number) => {
      let c = 0;
      for (const i of prange(n)) { o[i] = i; c++; }
      return c;
    }, (_rng: Rng, c: number) => [sentinel(3), [-1, -5, -2147483648][c]!], { cases: 3 }],
    ["prange(start, stop) with stop <= start is empty; one-iteration ranges", (o: Float64Array, start: number, stop: number) => {
      for (const i of prange(start, stop)) o[i] = i;
    }, (_rng: Rng, c: number) => { const [a, b] = [[5, 5], [6, 5], [0, 1], [9, 10], [3, 7], [0, 0], [10, 2]][c]!; return [sentinel(12), a, b]; }, { cases: 7 }],
    ["prange(1, n - 1) interior of a stencil", (a: Float64Array, o: Float64Array) => {
      const n = a.length;
      for (const i of prange(1, n - 1)) o[i] = a[i + 1] - a[i - 1];
    }, (rng: Rng) => { const n = rng.int(0, 3000); return [rng.ints(n), sentinel(n)]; }],
    ["bounds from expressions: prange(a.length >> 1, a.length - (a.length >> 2))", (a: Float64Array) => {
      for (const i of prange(a.length >> 1, a.length - (a.length >> 2))) a[i] = -a[i];
    }, (rng: Rng) => [rng.ints(rng.int(0, 3000))]],
  ]);
});

describe("large counts and int32 edges", () => {
  diffAll([
    ["1,000,000 iterations summing the index (2^31 < sum < 2^53)", (n: number) => {
      let s = 0;
      for (const i of prange(n)) s += i;
      return s;
    }, () => [1_000_000], { cases: 1 }],
    ["indices near 2^31 - 1: i * 2 and i + i do not wrap", (o: Float64Array) => {
      for (const i of prange(2147483600, 2147483647)) o[i - 2147483600] = i * 2 + (i + i) + (i + 1);
    }, () => [new Float64Array(47)], { cases: 1 }],
    ["indices near -2^31: i - 1 and -i do not wrap", (o: Float64Array) => {
      for (const i of prange(-2147483648, -2147483600)) o[i + 2147483648] = (i - 1) + -i * 3;
    }, () => [new Float64Array(48)], { cases: 1 }],
    ["full int32 span with a huge step: prange(-2147483648, 2147483647, 1 << 28)", (o: Float64Array) => {
      for (const i of prange(-2147483648, 2147483647, 1 << 28)) o[(i + 2147483648) / (1 << 28)] = i;
    }, () => [sentinel(16)], { cases: 1 }],
    ["reverse from 2147483646 down with step -2147483647", () => {
      let s = 0;
      let c = 0;
      for (const i of prange(2147483646, -2147483648, -2147483647)) { s += i; c++; }
      return s * 10 + c;
    }, () => [], { cases: 1 }],
    ["prange(1, n - 1) of an int32 n: the stop may be -2^31 - 1 (no iteration), the index stays int32", (x: Float64Array, o: Float64Array, n: number) => {
      for (const i of prange(1, n - 1)) o[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
    }, (rng: Rng, c: number) => { const n = [-2147483648, -5, 0, 1, 2, 3, 40, 41, 1000][c]!; const len = Math.max(n, 0); return [rng.ints(len), sentinel(len), n]; }, { cases: 9 }],
    ["prange(n - 10, n + 1) of n = 2^31 - 1: the stop is 2^31, the last index 2^31 - 1", (o: Float64Array, n: number) => {
      for (const i of prange(n - 10, n + 1)) o[i - n + 10] = i;
    }, () => [sentinel(11), 2147483647], { cases: 1 }],
    ["prange(n, m - 1, -1) of m = -2^31: the stop is below int32, the last index -2^31", (o: Float64Array, n: number, m: number) => {
      for (const i of prange(n, m - 1, -1)) o[n - i] = i;
    }, () => [sentinel(6), -2147483643, -2147483648], { cases: 1 }],
    ["bounds beyond int32: prange(2^31, 2^31 + 10) as in plain JavaScript", (o: Float64Array, start: number) => {
      for (const i of prange(start, start + 10)) o[i - start] = i;
    }, () => [new Float64Array(10), 2 ** 31], { cases: 1 }],
    ["bounds beyond int32: prange(2^40, 2^40 + 8, 3) summed", (start: number) => {
      let s = 0;
      for (const i of prange(start, start + 8, 3)) s += i;
      return s;
    }, () => [2 ** 40], { cases: 1 }],
  ]);
});

describe("invalid bounds throw what plain prange throws", () => {
  diffAll([
    ["fractional stop is a TypeError", (o: Float64Array, n: number) => { for (const i of prange(n)) o[i] = 1; }, (_r: Rng, c: number) => [new Float64Array(4), [2.5, NaN, Infinity, -Infinity, 2 ** 53][c]!], { cases: 5 }],
    ["fractional start or step is a TypeError", (o: Float64Array, a: number, s: number) => { for (const i of prange(a, 3, s)) o[i] = 1; }, (_r: Rng, c: number) => [new Float64Array(4), ...[[0.5, 1], [0, 1.5], [NaN, 1], [0, NaN]][c]!], { cases: 4 }],
    ["step 0 is a RangeError", (o: Float64Array, s: number) => { for (const i of prange(0, 3, s)) o[i] = 1; }, () => [new Float64Array(4), 0], { cases: 1 }],
    ["step -0 is a RangeError", (o: Float64Array, s: number) => { for (const i of prange(0, 3, s)) o[i] = 1; }, () => [new Float64Array(4), -0], { cases: 1 }],
    ["boolean bound is a TypeError", (o: Float64Array, b: boolean) => { for (const i of prange(b as unknown as number)) o[i] = 1; }, () => [new Float64Array(4), true], { cases: 1 }],
  ]);
});
