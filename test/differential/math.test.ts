/** Math functions with edge inputs, Math and Number constants, Infinity and NaN. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diff, diffAll, f64, SPECIALS, type Rng } from "./harness.js";

/** special values, small and large magnitudes, domain edges of the inverse functions */
const EDGES = [
  ...SPECIALS, 2, -2, 3, 10, 100, 0.25, -0.25, 0.75, 0.9999999999999999, -0.9999999999999999, 1.0000000000000002,
  1e-10, -1e-10, 1e-300, 710, 709.78, -745.2, 1e15, Math.PI / 2, -Math.PI, 4503599627370497, -4503599627370497,
  4503599627370495.5, 0.5000000000000001, -0.5000000000000001, -8, 27, 1e-7, -1e-7, 88.7, 2 ** -1022,
];
const unary = (rng: Rng) => {
  const n = rng.int(EDGES.length, EDGES.length + 200);
  const a = rng.from(n, EDGES);
  for (let i = EDGES.length; i < n; i++) if (rng.bool()) a[i] = rng.float(-5, 5);
  return [a, new Float64Array(n)];
};
const binary = (rng: Rng) => {
  const [a, o] = unary(rng) as [Float64Array, Float64Array];
  const b = rng.from(a.length, EDGES);
  return [a, b, o];
};

describe("unary Math functions over edge inputs", () => {
  diffAll([
    ["Math.abs (abs(-0) is 0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.abs(a[i]); }, unary],
    ["Math.acos", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.acos(a[i]); }, unary],
    ["Math.acosh", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.acosh(a[i]); }, unary],
    ["Math.asin", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.asin(a[i]); }, unary],
    ["Math.asinh", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.asinh(a[i]); }, unary],
    ["Math.atan", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.atan(a[i]); }, unary],
    ["Math.atanh (atanh(1) is Infinity)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.atanh(a[i]); }, unary],
    ["Math.cbrt (cbrt(-8) is -2)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.cbrt(a[i]); }, unary],
    ["Math.ceil (ceil(-0.5) is -0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.ceil(a[i]); }, unary],
    ["Math.clz32 (ToUint32 first: clz32(2^32) is 32, clz32(-1) is 0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.clz32(a[i]); }, unary],
    ["Math.cos", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.cos(a[i]); }, unary],
    ["Math.cosh", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.cosh(a[i]); }, unary],
    ["Math.exp", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.exp(a[i]); }, unary],
    ["Math.expm1", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.expm1(a[i]); }, unary],
    ["Math.floor (floor(-0) is -0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.floor(a[i]); }, unary],
    ["Math.fround (1e300 → Infinity, 5e-324 → 0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.fround(a[i]); }, unary],
    ["Math.log", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.log(a[i]); }, unary],
    ["Math.log10", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.log10(a[i]); }, unary],
    ["Math.log1p", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.log1p(a[i]); }, unary],
    ["Math.log2", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.log2(a[i]); }, unary],
    ["Math.round (ties toward +Infinity, round(-0.5) is -0, 0.49999999999999994 → 0, 2^52+1 unchanged)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.round(a[i]); }, unary],
    ["Math.sign (sign(-0) is -0, sign(NaN) is NaN)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.sign(a[i]); }, unary],
    ["Math.sin", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.sin(a[i]); }, unary],
    ["Math.sinh", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.sinh(a[i]); }, unary],
    ["Math.sqrt (sqrt(-0) is -0, sqrt(-1) is NaN)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.sqrt(a[i]); }, unary],
    ["Math.tan", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.tan(a[i]); }, unary],
    ["Math.tanh", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.tanh(a[i]); }, unary],
    ["Math.trunc (trunc(-0.5) is -0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.trunc(a[i]); }, unary],
  ]);
});

describe("binary and variadic Math functions", () => {
  diffAll([
    ["Math.atan2 with signed zeros and infinities", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.atan2(a[i], b[i]); }, binary],
    ["Math.pow (pow(1, Infinity) is NaN, pow(NaN, 0) is 1, pow(-Infinity, -1) is -0)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.pow(a[i], b[i]); }, binary],
    ["Math.hypot of two (hypot(NaN, Infinity) is Infinity)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.hypot(a[i], b[i]); }, binary],
    ["Math.hypot of three and of one, and hypot() is 0", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.hypot(a[i], b[i], i) + Math.hypot(a[i]) + Math.hypot(); }, binary],
    ["Math.imul (ToInt32 of large doubles, wraps)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.imul(a[i], b[i]); }, binary],
    ["Math.max of two (NaN wins, max(-0, 0) is 0)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.max(a[i], b[i]); }, binary],
    ["Math.min of two (NaN wins, min(0, -0) is -0)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.min(a[i], b[i]); }, binary],
    ["Math.max/min of three, of one, and of none (-Infinity / Infinity)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.max(a[i], b[i], -0) + Math.min(a[i], 0, b[i]) * 2 + Math.max(a[i]) - Math.min(b[i]) + (Math.max() === -Infinity && Math.min() === Infinity ? 1 : 0); }, binary],
    ["Math.max/min on Int32 values", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.max(a[i], b[i]) * 3 + Math.min(a[i], b[i], 0); }, (rng: Rng) => { const n = rng.int(1, 300); return [rng.i32(n, -(2 ** 31), 2 ** 31 - 1), rng.i32(n, -5, 5), new Float64Array(n)]; }],
  ]);
});

describe("Math on int32 inputs", () => {
  const ints = (rng: Rng) => {
    const n = rng.int(1, 300);
    const a = rng.i32(n, -100, 100);
    a[0] = -(2 ** 31);
    if (n > 1) a[1] = 0;
    return [a, new Float64Array(n)];
  };
  diffAll([
    ["Math.abs(-2^31) is 2^31 (no wrap)", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.abs(a[i]); }, ints],
    ["Math.sign, Math.sqrt, Math.cbrt of ints", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.sign(a[i]) + Math.sqrt(a[i]) + Math.cbrt(a[i]); }, ints],
    ["Math.clz32 and Math.imul of ints", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.clz32(a[i]) + Math.imul(a[i], 123456789); }, ints],
    ["Math.round/floor/ceil/trunc of int / 2", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.round(a[i] / 2) * 1000 + Math.floor(a[i] / 2) * 100 + Math.ceil(a[i] / 2) * 10 + Math.trunc(a[i] / 2); }, ints],
    ["Math.pow with int exponents and the index", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.pow(a[i], i % 5) + Math.pow(2, -i) + Math.pow(-2, 0.5); }, ints],
  ]);
});

describe("specific Math results", () => {
  diff("Math.round(-0.5), Math.round(2.5), Math.round(-2.5), Math.round(0.49999999999999994), Math.round(-0.2), round(±(2^52+1))", (o: Float64Array) => {
    for (const i of prange(o.length)) {
      o[i] = i === 0 ? Math.round(-0.5) : i === 1 ? Math.round(2.5) : i === 2 ? Math.round(-2.5) : i === 3 ? Math.round(0.49999999999999994)
        : i === 4 ? Math.round(-0.2) : i === 5 ? Math.round(4503599627370497) : i === 6 ? Math.round(-4503599627370497) : Math.round(0.5);
    }
  }, () => [new Float64Array(8)]);
  diff("Math.max/min with NaN and ±0, Math.sign(-0)", (o: Float64Array) => {
    for (const i of prange(o.length)) {
      o[i] = i === 0 ? Math.max(NaN, 1) : i === 1 ? Math.min(1, NaN) : i === 2 ? Math.max(-0, 0) : i === 3 ? Math.max(0, -0)
        : i === 4 ? Math.min(0, -0) : i === 5 ? Math.min(-0, 0) : i === 6 ? Math.sign(-0) : i === 7 ? Math.max(-0, -0)
        : i === 8 ? Math.min(Infinity, NaN, -Infinity) : Math.max(-Infinity, -0);
    }
  }, () => [new Float64Array(10)]);
  diff("Math.round(x * 0.5) vs Math.floor(x * 0.5 + 0.5) at ties and near-ties", (a: Float64Array, o: Float64Array) => {
    for (const i of prange(o.length)) o[i] = Math.round(a[i] * 0.5) - Math.floor(a[i] * 0.5 + 0.5);
  }, () => { const a = f64(-1, -3, -5, 1, 3, 5, 0.99999999999999989, -0.99999999999999989, 9007199254740991, -0); return [a, new Float64Array(a.length)]; });
});

describe("constants", () => {
  diff("Math constants E LN10 LN2 LOG10E LOG2E PI SQRT1_2 SQRT2", (o: Float64Array) => {
    for (const i of prange(o.length)) {
      o[i] = i === 0 ? Math.E : i === 1 ? Math.LN10 : i === 2 ? Math.LN2 : i === 3 ? Math.LOG10E
        : i === 4 ? Math.LOG2E : i === 5 ? Math.PI : i === 6 ? Math.SQRT1_2 : Math.SQRT2;
    }
  }, () => [new Float64Array(8)]);
  diff("Number constants EPSILON MAX_VALUE MIN_VALUE MAX_SAFE_INTEGER MIN_SAFE_INTEGER ±INFINITY NaN, global Infinity and NaN", (o: Float64Array) => {
    for (const i of prange(o.length)) {
      o[i] = i === 0 ? Number.EPSILON : i === 1 ? Number.MAX_VALUE : i === 2 ? Number.MIN_VALUE : i === 3 ? Number.MAX_SAFE_INTEGER
        : i === 4 ? Number.MIN_SAFE_INTEGER : i === 5 ? Number.POSITIVE_INFINITY : i === 6 ? Number.NEGATIVE_INFINITY : i === 7 ? Number.NaN
        : i === 8 ? Infinity : i === 9 ? -Infinity : i === 10 ? NaN : -NaN;
    }
  }, () => [new Float64Array(12)]);
  diff("constants in arithmetic: PI * i, i * EPSILON + 1, MAX_VALUE * 2, MIN_VALUE / 2", (o: Float64Array) => {
    for (const i of prange(o.length)) o[i] = Math.PI * i + (1 + i * Number.EPSILON) + (i === 0 ? Number.MAX_VALUE * 2 : i === 1 ? Number.MIN_VALUE / 2 : i === 2 ? -Number.MIN_VALUE / 2 : Number.MAX_SAFE_INTEGER + i);
  }, (rng: Rng) => [new Float64Array(rng.int(3, 500))]);
  diff("Math constant returned from a kernel", (a: Float64Array) => {
    let s = 0;
    for (const i of prange(a.length)) s += a[i];
    return s + Math.PI;
  }, (rng: Rng) => [rng.ints(rng.int(0, 300), -50, 50)]);
});
