/** Bitwise operators through ToInt32/ToUint32: negatives, large doubles, NaN, Infinity, shift counts. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, drop, f64, type Rng } from "./harness.js";

const mixed2 = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.mixed(n), rng.mixed(n), new Float64Array(n)];
};
const shifts = (rng: Rng) => {
  const n = rng.int(1, 400);
  const b = rng.ints(n, -70, 70);
  return [rng.mixed(n), b, new Float64Array(n)];
};
const i32s = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.i32(n, -(2 ** 31), 2 ** 31 - 1), rng.i32(n, -40, 40), new Float64Array(n)];
};
const u32s = (rng: Rng) => {
  const n = rng.int(1, 400);
  const u = new Uint32Array(n);
  for (let i = 0; i < n; i++) u[i] = rng.u32();
  u[0] = 4294967295;
  return [u, rng.i32(n, -5, 5), new Float64Array(n)];
};
const EDGE = f64(2 ** 40 + 3, -1e20, NaN, Infinity, -Infinity, -0, 2 ** 31, 2 ** 32 + 7, -(2 ** 31) - 1, 4294967295.9, -1.9, 1.9, 1e300, 5e-324, -2147483648.5);
const edge = () => [EDGE, f64(...EDGE.map((_, i) => i * 5 - 33)), new Float64Array(EDGE.length)];

describe("bitwise operators on doubles", () => {
  diffAll([
    ["a | b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] | b[i]; }, mixed2],
    ["a & b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] & b[i]; }, mixed2],
    ["a ^ b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] ^ b[i]; }, mixed2],
    ["~a and ~~a", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = ~a[i] * 3 + ~~a[i]; }, drop(mixed2, 1)],
    ["x | 0 (ToInt32)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] | 0; }, drop(mixed2, 1)],
    ["x >>> 0 (ToUint32, results above 2^31 stay positive)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] >>> 0; }, drop(mixed2, 1)],
    ["a << b with counts outside 0..31", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] << b[i]; }, shifts],
    ["a >> b with counts outside 0..31", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] >> b[i]; }, shifts],
    ["a >>> b with counts outside 0..31", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] >>> b[i]; }, shifts],
    ["edge doubles: 2^40+3, -1e20, NaN, Infinity through | & ^ ~", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] | 0) + (a[i] & -1) * 2 + (a[i] ^ b[i]) * 3 + ~a[i]; }, edge],
    ["edge doubles: >>> 0, >> 0, << 0", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] >>> 0) * 4 + (a[i] >> 0) * 2 + (a[i] << 0); }, drop(edge, 1)],
    ["edge shift counts: 1 << 31, 1 << 32, -1 >>> 0, -1 >>> 32, x >> 33", (b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (1 << 31) + (1 << 32) + (-1 >>> 0) + (-1 >>> 32) + (b[i] >> 33) + (1 << b[i]); }, drop(edge, 0)],
  ]);
});

describe("bitwise operators on integer arrays", () => {
  diffAll([
    ["Int32 a >>> b (negative a becomes large positive)", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] >>> b[i]; }, i32s],
    ["Int32 a << b overflows into the sign bit", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] << b[i]; }, i32s],
    ["Int32 (a | 0) + (a | 0) beyond int32 is exact", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] | 0) + (a[i] | 0); }, drop(i32s, 1)],
    ["Int32 (a >>> 0) + (b >>> 0) exceeds 2^32", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] >>> 0) + (b[i] >>> 0); }, i32s],
    ["Uint32 u | 0 is negative above 2^31", (u: Uint32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = u[i] | 0; }, drop(u32s, 1)],
    ["Uint32 u + 1 does not wrap (4294967295 + 1)", (u: Uint32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = u[i] + 1; }, drop(u32s, 1)],
    ["Uint32 u >> 1 (signed shift of the uint value) and u >>> 1", (u: Uint32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (u[i] >> 1) * 10 + (u[i] >>> 1); }, drop(u32s, 1)],
    ["Uint32 u ^ b and ~u", (u: Uint32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (u[i] ^ b[i]) + ~u[i]; }, u32s],
    ["Uint32 u * u exceeds 2^53 and rounds", (u: Uint32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = u[i] * u[i]; }, drop(u32s, 1)],
    ["Uint32 u / 2 and u % 10", (u: Uint32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = u[i] / 2 + (u[i] % 10); }, drop(u32s, 1)],
  ]);
});

describe("bitwise operators on the loop index", () => {
  diffAll([
    ["i << 28, i >>> 1, i & 5, i | 8, i ^ 3", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = (i << 28) + (i >>> 1) + (i & 5) + (i | 8) + (i ^ 3); }, (rng: Rng) => [new Float64Array(rng.int(1, 3000))]],
    ["-i >>> 0 and ~i", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = (-i >>> 0) + ~i; }, (rng: Rng) => [new Float64Array(rng.int(1, 3000))]],
    ["(i * 1e9) | 0 wraps through ToInt32", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = (i * 1e9) | 0; }, (rng: Rng) => [new Float64Array(rng.int(1, 3000))]],
    ["(i + 0.5) >> 0 truncates toward zero, (-i - 0.5) | 0", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = ((i + 0.5) >> 0) * 1000 + ((-i - 0.5) | 0); }, (rng: Rng) => [new Float64Array(rng.int(1, 3000))]],
  ]);
});
