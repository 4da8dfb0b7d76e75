/**
 * `Number(x)` and `Boolean(x)` in kernels (a new user's way to turn a comparison into 0/1): they
 * are `+x` and `!!x`, with `Number()` 0 and `Boolean()` false, bit for bit with the plain function
 * on NaN, -0, infinities and booleans.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, type Rng } from "./harness.js";

describe("Number() and Boolean()", () => {
  diffAll([
    ["Number of comparisons and numbers, Boolean of numbers, the no-argument forms", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(a.length)) o[i] = Number(a[i] > 0) + Number(a[i]) * 2 + (Boolean(a[i]) ? 1 : 0) + Number() + (Boolean() ? 5 : 0);
    }, (rng: Rng, c: number) => {
      const a = rng.mixed(c === 0 ? 0 : rng.int(1, 300));
      return [a, new Float64Array(a.length)];
    }, { cases: 4 }],
    ["a count of elements above a threshold through Number(...)", (a: Float64Array, t: number): number => {
      let c = 0;
      for (const i of prange(a.length)) c += Number(a[i] > t);
      return c;
    }, (rng: Rng, c: number) => [rng.f64(c === 0 ? 0 : rng.int(1, 2000)), rng.float(-1, 1)], { cases: 4 }],
  ]);
});
