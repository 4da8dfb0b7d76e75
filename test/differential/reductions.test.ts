/**
 * Reductions: every operator, with zero and non-zero initial values (the pre-loop value is
 * combined exactly once), under conditions, several per loop, one variable updated twice.
 * Integer-valued data must give exact results; float sums and products may differ from the serial
 * loop only within reassociation error but must be bit-identical across thread counts and runs.
 */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, drop, type Rng } from "./harness.js";

const INITS = [0, 10, -0, -7.5, 1e15];
/** integer-valued doubles, an initial value per case */
const ints = (rng: Rng, c: number) => [rng.ints(rng.int(0, 3000), -1000, 1000), INITS[c % INITS.length]!];
const intsCases = { cases: INITS.length };
/** small positive integers for products that stay exact (powers of two and ±1) */
const prodInts = (rng: Rng, c: number) => {
  const n = rng.int(0, 800);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.pick([1, 1, 1, -1, 2, 0.5, 1, 1]);
  if (c === 1 && n > 0) a[rng.int(0, n - 1)] = 0;
  if (c === 2 && n > 0) a[rng.int(0, n - 1)] = -0;
  return [a, [1, 3, -2, 0, -0][c]!];
};
const floats = (rng: Rng, c: number) => [rng.f64(rng.int(1, 5000), -1, 1), [0, 0.1, -3.25][c % 3]!];
const mixed = (rng: Rng, c: number) => [rng.mixed(rng.int(1, 400)), [0, 5, -0, NaN, Infinity][c]!];
const bits = (rng: Rng, c: number) => {
  const n = rng.int(0, 2000);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.u32() | (rng.u32() & 0x0f0f0f0f);
  return [a, [0, -1, 0x5a5a5a5a, 123][c]!];
};
/** bitwise data with initial values that are not int32 (fractional, -0, beyond 2^31, huge): kept exactly when no iteration updates */
const bitsOddInit = (rng: Rng, c: number) => {
  const n = rng.int(0, 600);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.u32() | 0;
  // a threshold that no, some or every element passes
  const t = [2 ** 31, 0, -(2 ** 31) - 1][c % 3]!;
  return [a, [-7.9, 0.5, -0, 2 ** 40 + 3, 3e9, NaN][c % 6]!, t];
};
const oddCases = { cases: 12 };

const bools = (rng: Rng, c: number) => {
  const n = rng.int(0, 1500);
  const a = rng.ints(n, -5, 5);
  if (c === 1) a.fill(3); // all truthy
  if (c === 2) a.fill(0); // all falsy
  return [a, [true, false, true, false][c]!];
};

describe("additive reductions (exact on integer-valued data)", () => {
  diffAll([
    ["s += a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, ints, intsCases],
    ["s -= a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s -= a[i]; return s; }, ints, intsCases],
    ["s = s + a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = s + a[i]; return s; }, ints, intsCases],
    ["s = a[i] + s (operand order swapped)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = a[i] + s; return s; }, ints, intsCases],
    ["s = s - a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = s - a[i]; return s; }, ints, intsCases],
    ["s++", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s++; return s; }, ints, intsCases],
    ["s--", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s--; return s; }, ints, intsCases],
    ["++s and --s as statements", (a: Float64Array, s: number) => { for (const i of prange(a.length)) { ++s; if (a[i] > 0) --s; } return s; }, ints, intsCases],
    ["s += 1 under a condition (counting)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) if (a[i] > 100) s += 1; return s; }, ints, intsCases],
    ["s += a[i] under if/else with s -= in the other branch", (a: Float64Array, s: number) => { for (const i of prange(a.length)) { if (i % 3 === 0) s += a[i]; else s -= a[i] * 2; } return s; }, ints, intsCases],
    ["the same variable updated twice with += in one iteration", (a: Float64Array, s: number) => { for (const i of prange(a.length)) { s += a[i]; s += i; } return s; }, ints, intsCases],
    ["initial value is combined once: s = 1000 before the loop", (a: Float64Array) => { let s = 1000; for (const i of prange(a.length)) s += a[i]; return s; }, drop(ints, 1)],
    ["int32 sums above 2^31 are exact (Int32Array of ~2e9 values)", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, (rng: Rng, c: number) => [rng.i32(rng.int(0, 3000), 2000000000, 2147483647), [0, 2147483647, -2147483648][c]!], { cases: 3 }],
    ["int32 index sum above 2^31 (s += i * i)", (n: number) => { let s = 0; for (const i of prange(n)) s += i * i; return s; }, (_r: Rng, c: number) => [[5000, 4999, 3][c]!], { cases: 3 }],
    ["sum of -0 values with initial -0 stays -0", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, (rng: Rng, c: number) => [new Float64Array(rng.int(0, 500)).fill(-0), [-0, 0][c]!], { cases: 2 }],
    ["s -= ±0 from a ±0 initial value keeps the sign of zero plain JS gives", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s -= a[i]; return s; }, (rng: Rng, c: number) => [new Float64Array(rng.int(1, 500)).fill([0, -0][c % 2]!), [-0, 0, -0, 0][c]!], { cases: 4 }],
    ["sum with NaN and Infinity elements", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, (rng: Rng, c: number) => { const a = rng.ints(rng.int(3, 500)); a[rng.int(0, a.length - 1)] = [NaN, Infinity, -Infinity, Infinity][c]!; if (c === 3) a[0] = -Infinity; return [a, 0]; }, { cases: 4 }],
    ["sum of Uint32 values near 2^32", (a: Uint32Array) => { let s = 0; for (const i of prange(a.length)) s += a[i]; return s; }, (rng: Rng) => { const a = new Uint32Array(rng.int(0, 3000)); for (let i = 0; i < a.length; i++) a[i] = 4294967295 - rng.int(0, 1000); return [a]; }],
  ]);
});

describe("multiplicative reductions", () => {
  diffAll([
    ["s *= a[i] (exact: powers of two and ±1, zero and -0 elements)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s *= a[i]; return s; }, prodInts, { cases: 5 }],
    ["s = s * a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = s * a[i]; return s; }, prodInts, { cases: 5 }],
    ["s *= a[i] overflowing to Infinity and underflowing to 0", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s *= a[i]; return s; }, (rng: Rng, c: number) => [new Float64Array(rng.int(1100, 1500)).fill([2, 0.5, -2][c]!), 1], { cases: 3 }],
    ["s *= (1 + small) float product", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s *= 1 + a[i] * 1e-3; return s; }, floats, { floatReduction: true, scale: 1 }],
  ]);
});

describe("min and max reductions (exact)", () => {
  diffAll([
    ["s = Math.min(s, a[i])", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = Math.min(s, a[i]); return s; }, mixed, { cases: 5, repeat: 3 }],
    ["s = Math.max(s, a[i])", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = Math.max(s, a[i]); return s; }, mixed, { cases: 5, repeat: 3 }],
    ["s = Math.max(a[i], s) (operand order swapped)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = Math.max(a[i], s); return s; }, ints, { ...intsCases, repeat: 3 }],
    ["Math.min over ±0 only: min(0, -0) is -0 whatever the split", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = Math.min(s, a[i]); return s; }, (rng: Rng, c: number) => { const a = rng.from(rng.int(1, 300), [0]); if (c > 0) a[rng.int(0, a.length - 1)] = -0; return [a, [0, 0, Infinity][c]!]; }, { cases: 3 }],
    ["Math.max over ±0 only: max(-0, 0) is 0", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = Math.max(s, a[i]); return s; }, (rng: Rng, c: number) => { const a = new Float64Array(rng.int(1, 300)).fill(-0); if (c > 0) a[rng.int(0, a.length - 1)] = 0; return [a, [-0, -0, -Infinity][c]!]; }, { cases: 3 }],
    ["ternary min: s = a[i] < s ? a[i] : s", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = a[i] < s ? a[i] : s; return s; }, ints, { ...intsCases, repeat: 3 }],
    ["ternary max: s = a[i] > s ? a[i] : s", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = a[i] > s ? a[i] : s; return s; }, ints, { ...intsCases, repeat: 3 }],
    ["if (a[i] > s) s = a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) { if (a[i] > s) s = a[i]; } return s; }, ints, { ...intsCases, repeat: 3 }],
    ["if (a[i] < s) s = a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) { if (a[i] < s) s = a[i]; } return s; }, ints, { ...intsCases, repeat: 3 }],
    ["ternary min with NaN elements (NaN never compares less) as plain", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = a[i] < s ? a[i] : s; return s; }, mixed, { cases: 5, repeat: 3 }],
    ["Math.min of Int32 values with initial Infinity", (a: Int32Array) => { let s = Infinity; for (const i of prange(a.length)) s = Math.min(s, a[i]); return s; }, (rng: Rng) => [rng.i32(rng.int(0, 3000), -(2 ** 31), 2 ** 31 - 1)]],
    ["max of a computed expression under a condition", (a: Float64Array, s: number) => { for (const i of prange(a.length)) if (i % 2 === 1) s = Math.max(s, a[i] * a[i] - i); return s; }, ints, { ...intsCases, repeat: 3 }],
  ]);
});

describe("bitwise reductions (exact)", () => {
  diffAll([
    ["s &= a[i]", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s &= a[i]; return s; }, bits, { cases: 4 }],
    ["s |= a[i]", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s |= a[i]; return s; }, bits, { cases: 4 }],
    ["s ^= a[i]", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s ^= a[i]; return s; }, bits, { cases: 4 }],
    ["s |= a[i] under a condition, non-int32 initial value", (a: Int32Array, s: number, t: number) => { for (const i of prange(a.length)) if (a[i] > t) s |= a[i]; return s; }, bitsOddInit, oddCases],
    ["s &= a[i] under a condition, non-int32 initial value", (a: Int32Array, s: number, t: number) => { for (const i of prange(a.length)) if (a[i] > t) s &= a[i]; return s; }, bitsOddInit, oddCases],
    ["s ^= a[i] under a condition, non-int32 initial value", (a: Int32Array, s: number, t: number) => { for (const i of prange(a.length)) if (a[i] > t) s ^= a[i]; return s; }, bitsOddInit, oddCases],
    ["s ^= a[i] on a fractional initial value (ToInt32 once)", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s ^= a[i]; return s; }, (rng: Rng, c: number) => [rng.i32(rng.int(0, 500), -100, 100), [2.75, 2 ** 32 + 5, NaN][c]!], { cases: 3 }],
    ["s |= 0 on an empty range returns the initial value unconverted", (a: Int32Array, s: number) => { for (const i of prange(a.length)) s |= a[i]; return s; }, (_r: Rng, c: number) => [new Int32Array(0), [2.5, -0, 1e20][c]!], { cases: 3 }],
    ["s = s | a[i] and s = s & a[i] and s = s ^ a[i] spelled out", (a: Int32Array, s: number) => { let t = -1; let u = 0; for (const i of prange(a.length)) { s = s | a[i]; t = t & a[i]; u = u ^ a[i]; } return s + t * 3 + u * 7; }, bits, { cases: 4 }],
    ["bitwise reductions on doubles (ToInt32 of each element)", (a: Float64Array) => { let o = 0; let x = 0; let n = -1; for (const i of prange(a.length)) { o |= a[i]; x ^= a[i]; n &= a[i]; } return o + x * 2 + n * 4; }, (rng: Rng) => [rng.mixed(rng.int(0, 500))]],
  ]);
});

describe("logical reductions and flags", () => {
  diffAll([
    ["found = true set by some iteration", (a: Float64Array, found: boolean) => { for (const i of prange(a.length)) if (a[i] === 5) found = true; return found; }, bools, { cases: 4 }],
    ["all = false set by some iteration", (a: Float64Array) => { let all = true; for (const i of prange(a.length)) if (a[i] < 0) all = false; return all; }, drop(bools, 1), { cases: 4 }],
    ["s = s && a[i] > 0 (boolean and)", (a: Float64Array, s: boolean) => { for (const i of prange(a.length)) s = s && a[i] > -5; return s; }, bools, { cases: 4 }],
    ["s = s || a[i] > 4 (boolean or)", (a: Float64Array, s: boolean) => { for (const i of prange(a.length)) s = s || a[i] > 4; return s; }, bools, { cases: 4 }],
    ["s &&= a[i] !== 0 and t ||= a[i] === 3", (a: Float64Array, s: boolean) => { let t = false; for (const i of prange(a.length)) { s &&= a[i] !== 0; t ||= a[i] === 3; } return s === t; }, bools, { cases: 4 }],
    ["s = s && a[i] on numbers (first falsy value, else the last)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = s && a[i]; return s; }, (rng: Rng, c: number) => { const a = rng.ints(rng.int(1, 500), 1, 9); if (c > 0) a[rng.int(0, a.length - 1)] = [0, -0, NaN][c - 1]!; return [a, 1]; }, { cases: 4 }],
    ["s = s || a[i] on numbers (first truthy value)", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s = s || a[i]; return s; }, (rng: Rng, c: number) => { const a = new Float64Array(rng.int(1, 500)); if (c > 0) a[rng.int(0, a.length - 1)] = [7, -3][c - 1]!; return [a, [0, -0, 0][c]!]; }, { cases: 3 }],
    ["count as s++ guarded by a flag param", (a: Float64Array, pos: boolean) => { let c = 0; for (const i of prange(a.length)) if ((a[i] > 0) === pos) c++; return c; }, (rng: Rng, c: number) => [rng.ints(rng.int(0, 2000)), c === 0], { cases: 2 }],
  ]);
});

describe("several reductions in one loop", () => {
  diffAll([
    ["sum, count, min, max, xor together", (a: Float64Array) => {
      let s = 0; let c = 0; let lo = Infinity; let hi = -Infinity; let x = 0;
      for (const i of prange(a.length)) { s += a[i]; if (a[i] > 0) c++; lo = Math.min(lo, a[i]); if (a[i] > hi) hi = a[i]; x ^= a[i]; }
      return s + c * 1e7 + lo * 1e-3 + hi * 1e3 + x * 1e9;
    }, (rng: Rng) => [rng.ints(rng.int(1, 3000), -1000, 1000)]],
    ["sum and product with non-zero initial values", (a: Float64Array, b: Float64Array) => {
      let s = 5; let p = 2;
      for (const i of prange(a.length)) { s -= a[i]; p *= b[i]; }
      return s * 1000 + p;
    }, (rng: Rng) => { const n = rng.int(0, 500); const b = new Float64Array(n); for (let i = 0; i < n; i++) b[i] = rng.pick([1, -1, 2, 0.5]); return [rng.ints(n), b]; }],
    ["reduction plus array writes in the same loop", (a: Float64Array, o: Float64Array) => {
      let s = 0;
      for (const i of prange(a.length)) { o[i] = a[i] * 2; s += o[i]; }
      return s;
    }, (rng: Rng) => { const n = rng.int(0, 3000); return [rng.ints(n), new Float64Array(n)]; }],
    ["reductions in two successive pranges feeding each other", (a: Float64Array) => {
      let s = 0;
      for (const i of prange(a.length)) s += a[i];
      const mean = a.length > 0 ? s / a.length : 0;
      let v = 0;
      for (const i of prange(a.length)) v = Math.max(v, Math.abs(a[i] - mean));
      return v;
    }, (rng: Rng) => [rng.ints(rng.int(0, 3000), -1000, 1000)]],
    ["reduction in a prange inside a serial loop accumulates across repetitions", (a: Float64Array) => {
      let s = 0;
      for (let r = 0; r < 4; r++) for (const i of prange(a.length)) s += a[i] * r;
      return s;
    }, (rng: Rng) => [rng.ints(rng.int(0, 2000))]],
    ["reduction inside an inner serial loop of the prange body", (a: Float64Array) => {
      let s = 0;
      for (const i of prange(a.length)) for (let j = 0; j < 3; j++) s += a[i] + j;
      return s;
    }, (rng: Rng) => [rng.ints(rng.int(0, 2000))]],
  ]);
});

describe("float reductions: within reassociation error, identical bits across thread counts", () => {
  diffAll([
    ["float sum s += a[i]", (a: Float64Array, s: number) => { for (const i of prange(a.length)) s += a[i]; return s; }, floats, { floatReduction: true }],
    ["float dot product", (a: Float64Array, b: Float64Array) => { let s = 0; for (const i of prange(a.length)) s += a[i] * b[i]; return s; }, (rng: Rng) => { const n = rng.int(1, 5000); return [rng.f64(n), rng.f64(n)]; }, { floatReduction: true }],
    ["float s -= a[i] * 0.1 with initial 0.1", (a: Float64Array) => { let s = 0.1; for (const i of prange(a.length)) s -= a[i] * 0.1; return s; }, (rng: Rng) => [rng.f64(rng.int(1, 5000))], { floatReduction: true }],
    ["float sum of squares over a strided range", (a: Float64Array) => { let s = 0; for (const i of prange(a.length - 1, -1, -3)) s = s + a[i] * a[i]; return s; }, (rng: Rng) => [rng.f64(rng.int(1, 5000), -100, 100)], { floatReduction: true }],
    ["Float32 elements summed in double", (a: Float32Array) => { let s = 0; for (const i of prange(a.length)) s += a[i]; return s; }, (rng: Rng) => { const a = new Float32Array(rng.int(1, 5000)); for (let i = 0; i < a.length; i++) a[i] = rng.float(-1, 1); return [a]; }, { floatReduction: true }],
    ["mean of sin(i) (float sum of math results)", (n: number) => { let s = 0; for (const i of prange(n)) s += Math.sin(i); return s / n; }, (_r: Rng, c: number) => [[1, 7, 4999][c]!], { floatReduction: true, terms: 5000 }],
  ]);
});
