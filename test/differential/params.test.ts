/**
 * Parameters and returns: boolean params and returns, void kernels, int32-valued vs fractional
 * numbers through the same kernel (the compiler specialises int32 separately), -0, values >= 2^31.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, drop, type Rng } from "./harness.js";

/** values that cross the int32 / double specialisation boundary, in this order, through one kernel */
const XS = [3, 3.5, -0, 0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32 + 1, -7, 1e300, NaN, Infinity, -Infinity, 0.1, 65536];
const xCases = { cases: XS.length };

/** free variables of kernels, passed to `parallel` as `globals` (plain JS reads these consts) */
const SCALE = 2.5;
const NEG_ZERO = -0;
const ENABLED = true;
const withX = (rng: Rng, c: number) => [new Float64Array(rng.int(1, 300)), XS[c]!];

describe("number params: int32-valued and fractional through the same kernel", () => {
  diffAll([
    ["o[i] = x * i + x / 2 + x % 3 and returns x + 1", (o: Float64Array, x: number) => {
      for (const i of prange(o.length)) o[i] = x * i + x / 2 + (x % 3);
      return x + 1;
    }, withX, xCases],
    ["returns -x (0 gives -0; -2^31 gives 2^31)", (o: Float64Array, x: number) => {
      for (const i of prange(o.length)) o[i] = -x;
      return -x;
    }, withX, xCases],
    ["returns x * x and x + x (no int32 wrap)", (x: number) => x * x + (x + x) * 0.5, drop(withX, 0), xCases],
    ["returns x | 0, x >>> 0, ~x", (o: Float64Array, x: number) => {
      for (const i of prange(o.length)) o[i] = (x | 0) + i;
      return (x >>> 0) * 3 + ~x;
    }, withX, xCases],
    ["returns x unchanged (identity keeps -0 and NaN)", (o: Float64Array, x: number) => {
      for (const i of prange(o.length)) o[i] = x;
      return x;
    }, withX, xCases],
    ["x / 0 and 0 / x and x % x", (o: Float64Array, x: number) => {
      for (const i of prange(o.length)) o[i] = i % 3 === 0 ? x / 0 : i % 3 === 1 ? 0 / x : x % x;
      return 1 / x;
    }, withX, xCases],
    ["x as an integer loop bound offset: prange(x | 0 ... ) through the int path", (o: Float64Array, x: number) => {
      const k = x > 0 && x < 100 ? x | 0 : 0;
      for (const i of prange(k, o.length)) o[i] = x;
    }, withX, xCases],
    ["int params n and m multiplied beyond 2^31", (n: number, m: number) => n * m + (n - m), (_r: Rng, c: number) => [[65536, 46341, -65536, 3][c]!, [65536, 46341, 65536, -0][c]!], { cases: 4 }],
    ["fractional param compared with int param", (a: number, b: number) => (a < b ? 1 : 0) + (a === b ? 2 : 0) + (a > b ? 4 : 0), (_r: Rng, c: number) => [[1, 1.5, -0, 2 ** 31][c]!, [1, 1, 0, -(2 ** 31)][c]!], { cases: 4 }],
  ]);
});

describe("boolean params and returns", () => {
  diffAll([
    ["boolean param selects a branch", (a: Float64Array, o: Float64Array, flip: boolean) => {
      for (const i of prange(o.length)) o[i] = flip ? -a[i] : a[i];
    }, (rng: Rng, c: number) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n), c === 1]; }, { cases: 2 }],
    ["boolean param combined with && || !", (a: Float64Array, o: Float64Array, p: boolean, q: boolean) => {
      for (const i of prange(o.length)) o[i] = (p && a[i] > 0) || (!q && i % 2 === 0) ? 1 : 0;
      return p && !q;
    }, (rng: Rng, c: number) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n), (c & 1) === 1, (c & 2) === 2]; }, { cases: 4 }],
    ["boolean return from a comparison after a loop", (a: Float64Array) => {
      let s = 0;
      for (const i of prange(a.length)) s += a[i];
      return s > 0;
    }, (rng: Rng) => [rng.ints(rng.int(0, 500))], { cases: 5 }],
    ["boolean param returned unchanged", (b: boolean) => b, (_r: Rng, c: number) => [c === 0], { cases: 2 }],
    ["boolean param in arithmetic via ternary and unary +", (o: Float64Array, b: boolean) => {
      for (const i of prange(o.length)) o[i] = (b ? 1 : 0) + +b * 2 + i;
      return +b;
    }, (rng: Rng, c: number) => [new Float64Array(rng.int(1, 100)), c === 0], { cases: 2 }],
  ]);
});

describe("void kernels and function forms", () => {
  diffAll([
    ["void arrow kernel updating in place", (a: Float64Array) => {
      for (const i of prange(a.length)) a[i] = a[i] * a[i] - 1;
    }, (rng: Rng) => [rng.ints(rng.int(0, 3000))]],
    ["function expression kernel", function (a: Float64Array, b: Int32Array): number {
      let s = 0;
      for (const i of prange(a.length)) { a[i] += b[i]; s += b[i]; }
      return s;
    }, (rng: Rng) => { const n = rng.int(0, 2000); return [rng.ints(n), rng.i32(n)]; }],
    ["named function expression kernel", function scaleInPlace(a: Float64Array, k: number): void {
      for (const i of prange(a.length)) a[i] *= k;
    }, (rng: Rng, c: number) => [rng.ints(rng.int(0, 2000)), [2, -0.5, -0][c]!]],
    ["arrow kernel with an expression body and no prange", (x: number, y: number) => x * y - x / y, (_r: Rng, c: number) => [[6, 6.5, -0][c]!, [3, 0, 2][c]!]],
    ["early return before the loop on a condition", (a: Float64Array, skip: boolean) => {
      if (skip) return -1;
      for (const i of prange(a.length)) a[i] = i;
      return a.length;
    }, (rng: Rng, c: number) => [new Float64Array(rng.int(1, 100)), c === 0], { cases: 2 }],
    ["same array passed twice (aliasing) with elementwise update", (a: Float64Array, b: Float64Array) => {
      for (const i of prange(a.length)) a[i] = b[i] + 1;
    }, (rng: Rng) => { const a = rng.ints(rng.int(1, 500)); return [a, a]; }],
  ]);
});

describe("globals option inlines free variables", () => {
  diffAll([
    ["number, -0 and boolean globals used in the body", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = ENABLED ? a[i] * SCALE + NEG_ZERO : 0;
      return NEG_ZERO * SCALE;
    }, (rng: Rng) => { const n = rng.int(1, 300); return [rng.ints(n), new Float64Array(n)]; }, { parallelOptions: { globals: { SCALE, NEG_ZERO, ENABLED } } }],
  ]);
});

describe("unused parameters", () => {
  diffAll([
    ["an unused typed-array parameter is accepted", (_unused: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = i;
    }, (rng: Rng) => { const n = rng.int(1, 100); return [new Float64Array(n), new Float64Array(n)]; }],
    ["an unused Int32Array parameter between used ones", (a: Float64Array, _skip: Int32Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = -a[i];
    }, (rng: Rng) => { const n = rng.int(1, 100); return [rng.ints(n), new Int32Array(n), new Float64Array(n)]; }],
    ["an unused number parameter and an unused boolean parameter", (o: Float64Array, _x: number, _b: boolean) => {
      for (const i of prange(o.length)) o[i] = i * 2;
    }, (rng: Rng) => [new Float64Array(rng.int(1, 100)), 2.5, true]],
  ]);
});
