/**
 * `%` of doubles and Math.round/floor/ceil/trunc (compiler/lower/expr.ts): integral operands below
 * 2^53 take a - trunc(a / b) * b with the dividend's sign, everything else env.fmod; Math.round is
 * inlined.
 * Compared with plain JavaScript on operands at the edges of each path: -0, NaN, ±Infinity, zero
 * divisors, halves, integers at and beyond 2^53, negative dividends with zero remainders, and
 * dividends one off a multiple of a large divisor (where a rounded quotient would cross an integer).
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng, SPECIALS } from "./harness.js";

const EDGES = [
  ...SPECIALS, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 2, 2 ** 52 + 0.5, -(2 ** 52) - 0.5, 4503599627370495.5, 97, -97, 6, -6, 3, -3,
  1e16, -1e16, 2 ** 63, -(2 ** 63), 2 ** 62 + 2 ** 10, 0.1, -0.1, 1e-300, 7e15, -7e15, 2 ** 31 * 97, -(2 ** 31) * 3,
  // the int32 boundaries (INT32_MIN % -1, values just outside int32), unit divisors
  2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, -1, 1, -(2 ** 31) + 0.5,
];

/** Dividends and divisors from the edges, integers and fractions, in random pairs. */
const pairs = (rng: Rng) => {
  const n = rng.int(1, 400);
  const a = rng.from(n, EDGES);
  const b = rng.from(n, EDGES);
  for (let i = 0; i < n; i++) {
    const k = rng.int(0, 5);
    if (k === 0) a[i] = rng.int(-(2 ** 53) + 1, 2 ** 53 - 1);
    else if (k === 1) b[i] = rng.int(-1000, 1000);
    else if (k === 2) a[i] = -rng.int(0, 50) * Math.abs(b[i]!);
    else if (k === 3) a[i] = rng.float(-1e6, 1e6);
    else if (k === 4) {
      b[i] = rng.int(-(2 ** 40), 2 ** 40);
      a[i] = rng.int(-(2 ** 12), 2 ** 12) * b[i]! + rng.int(-1, 1);
    }
  }
  return [a, b, new Float64Array(n)];
};

const mixedOne = (rng: Rng) => {
  const n = rng.int(1, 400);
  const a = rng.from(n, EDGES);
  for (let i = 0; i < n; i++) if (rng.int(0, 2) === 0) a[i] = rng.int(-40, 40) / 2 + (rng.bool() ? 0 : rng.float(-1e-9, 1e-9));
  return [a, new Float64Array(n)];
};

describe("% of doubles", () => {
  diffAll([
    ["a % b elementwise", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] % b[i]; }, pairs, { cases: 8 }],
    ["o %= b and a % constant divisors", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { o[i] = a[i]; o[i] %= b[i]; o[i] += (a[i] % 97) * 1e-3 + (a[i] % -6) + (a[i] % 0.5); } }, pairs, { cases: 6 }],
    ["Math.round(x) % L with L a size", (a: Float64Array, b: Float64Array, o: Float64Array, L: number) => { for (const i of prange(o.length)) o[i] = Math.round(a[i] * 1000) % L + 1 / (Math.round(a[i]) % L); }, (rng) => [...pairs(rng), rng.int(1, 200)], { cases: 6 }],
    ["a sum of remainders (a reduction)", (a: Float64Array, b: Float64Array) => { let s = 0; for (const i of prange(a.length)) s += (a[i] % b[i]) === 0 ? 1 : 0; return s; }, (rng) => pairs(rng).slice(0, 2), { cases: 4 }],
  ]);
});

describe("Math.round/floor/ceil/trunc of doubles", () => {
  diffAll([
    ["round, floor, ceil, trunc, each through 1 / x (so -0 shows)", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        const x = a[i];
        o[i] = 1 / Math.round(x) + 2 / Math.floor(x) + 4 / Math.ceil(x) + 8 / Math.trunc(x);
      }
    }, mixedOne, { cases: 6 }],
    ["Math.round of values at halves, stored as is", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.round(a[i]); }, mixedOne, { cases: 6 }],
    ["Math.round in an inner loop and a condition", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) {
        let s = 0;
        for (let j = 0; j < 3; j++) if (Math.round(a[i] + j * 0.5) > a[i]) s += Math.round(a[i] * (j + 1));
        o[i] = s;
      }
    }, mixedOne, { cases: 4 }],
  ]);
});
