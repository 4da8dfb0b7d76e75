/** Comparisons, equality with NaN and -0, logical operators with number values, !, ternaries. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, drop, type Rng } from "./harness.js";

const mixed2 = (rng: Rng) => {
  const n = rng.int(1, 400);
  const a = rng.mixed(n);
  const b = rng.mixed(n);
  for (let i = 0; i < n; i += 5) b[i] = a[i]; // some equal pairs
  return [a, b, new Float64Array(n)];
};
const intFloat = (rng: Rng) => {
  const n = rng.int(1, 400);
  const a = rng.i32(n, -5, 5);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.pick([a[i]!, a[i]! + 1e-10, a[i]! - 0.5, -0, NaN, 4294967295, -1]);
  return [a, b, new Float64Array(n)];
};
const signedUnsigned = (rng: Rng) => {
  const n = rng.int(1, 400);
  const u = new Uint32Array(n);
  const s = new Int32Array(n);
  for (let i = 0; i < n; i++) { u[i] = rng.u32(); s[i] = rng.u32() | 0; }
  u[0] = 4294967295; s[0] = -1;
  if (n > 1) { u[1] = 2147483648; s[1] = -2147483648; }
  return [u, s, new Float64Array(n)];
};

describe("relational and equality operators", () => {
  diffAll([
    ["a < b, a <= b, a > b, a >= b as bits", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] < b[i] ? 1 : 0) + (a[i] <= b[i] ? 2 : 0) + (a[i] > b[i] ? 4 : 0) + (a[i] >= b[i] ? 8 : 0); }, mixed2],
    ["===, !==, ==, != with NaN and -0", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] === b[i] ? 1 : 0) + (a[i] !== b[i] ? 2 : 0) + (a[i] == b[i] ? 4 : 0) + (a[i] != b[i] ? 8 : 0); }, mixed2],
    ["x !== x detects NaN; -0 === 0; NaN === NaN is false", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] !== a[i] ? 1 : 0) + (a[i] === 0 ? 2 : 0) + (-0 === 0 ? 4 : 0) + (0 / 0 === 0 / 0 ? 8 : 0); }, drop(mixed2, 1)],
    ["Int32 vs Float64 comparisons (3 vs 3 + 1e-10, vs 4294967295)", (a: Int32Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] === b[i] ? 1 : 0) + (a[i] < b[i] ? 2 : 0) + (a[i] > b[i] ? 4 : 0) + (a[i] == b[i] ? 8 : 0); }, intFloat],
    ["Uint32 vs Int32 comparisons compare values, not bits", (u: Uint32Array, s: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (u[i] > s[i] ? 1 : 0) + (u[i] === s[i] ? 2 : 0) + (u[i] < s[i] ? 4 : 0) + ((u[i] | 0) === s[i] ? 8 : 0) + ((s[i] >>> 0) === u[i] ? 16 : 0); }, signedUnsigned],
    ["comparisons with Infinity and the loop index", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] < Infinity ? 1 : 0) + (a[i] > -Infinity ? 2 : 0) + (i < a[i] ? 4 : 0) + (i >= o.length - 1 ? 8 : 0); }, drop(mixed2, 1)],
  ]);
});

describe("logical operators keep JavaScript's value semantics", () => {
  diffAll([
    ["a && b returns a when falsy (0, -0, NaN) else b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] && b[i]; }, mixed2],
    ["a || b returns a when truthy else b (-0 || x, NaN || x)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] || b[i]; }, mixed2],
    ["a && b || -0 chains", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] && b[i]) || -0; }, mixed2],
    ["!a and !!a as numbers", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (!a[i] ? 1 : 0) + (!!a[i] ? 2 : 0) + +!a[i] * 4; }, drop(mixed2, 1)],
    ["Int32 a && b and a || b", (a: Int32Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] && b[i]) + (a[i] || b[i]) * 3; }, intFloat],
    ["short-circuit && guards an access that would be out of bounds", (a: Float64Array, o: Float64Array) => { const n = o.length; for (const i of prange(n)) o[i] = i + 1 < n && a[i + 1] > a[i] ? 1 : 0; }, drop(mixed2, 1)],
    ["short-circuit || guards an access that would be out of bounds", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = i === 0 || a[i - 1] < a[i] ? 1 : 0; }, drop(mixed2, 1)],
    ["logical operators on booleans: (a < b) && !(b < 0) || a !== a", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { const c = (a[i] < b[i] && !(b[i] < 0)) || a[i] !== a[i]; o[i] = c ? 1 : -1; } }, mixed2],
  ]);
});

describe("ternaries", () => {
  diffAll([
    ["nested ternaries", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] > 0 ? (b[i] > 0 ? 1 : 2) : b[i] > 0 ? 3 : a[i] === a[i] ? 4 : NaN; }, mixed2],
    ["ternary selecting -0 and +0", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] < 0 ? -0 : 0; }, drop(mixed2, 1)],
    ["ternary on a number condition (NaN and -0 are falsy)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] ? b[i] : -1; }, mixed2],
    ["ternary mixing int and double arms", (a: Int32Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] > 0 ? a[i] : b[i]; }, intFloat],
  ]);
});
