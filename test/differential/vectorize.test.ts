/**
 * vectorize(f): the parallel map gives, bit for bit, what the plain map `out[i] = f(x[i], s, ...)`
 * gives, for expression and block bodies (returns inside loops, falling off the end), every
 * pattern of array and number arguments, 1, 2 and 4 threads, ordinary and parfor arrays, `.into`
 * and `.async`; and bad arguments are TypeErrors.
 */
import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown, vectorize } from "../../index.js";

afterAll(() => shutdown());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function data(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (r() - 0.5) * 20;
  if (n > 3) {
    a[0] = NaN;
    a[1] = -0;
    a[2] = Infinity;
  }
  return a;
}

type F = (...xs: number[]) => number;
const cases: [string, F][] = [
  ["gaussian", (x, x0, s) => Math.exp((-0.5 * (x - x0) ** 2) / s ** 2)],
  ["two arrays", (x, y) => x * y + Math.sin(x - y)],
  [
    "block body with early returns",
    function clamp(a, lo, hi) {
      if (a < lo) return lo;
      for (let k = 0; k < 3; k++) {
        if (a > hi + k) return hi;
      }
      if (a > 5) return Number.NaN;
      return a * 2;
    },
  ],
  [
    "falls off the end (undefined -> NaN)",
    function partial(x) {
      if (x > 0) return Math.sqrt(x);
    } as F,
  ],
  ["integers and remainders", (x, m) => (Math.floor(x) % m) | 0],
];

function plainMap(f: F, args: (number | Float64Array)[], n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(...args.map((a) => (typeof a === "number" ? a : a[i]!))) as number;
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe("vectorize gives the plain map's bits", () => {
  for (const [name, f] of cases) {
    for (const threads of [1, 2, 4]) {
      it(`${name}, ${threads} thread(s), every array/number pattern`, async () => {
        const v = vectorize(f, { threads });
        const n = 3001;
        const k = f.length;
        // each argument either an array or a number, all 2^k patterns with at least one array
        for (let mask = 1; mask < 1 << k; mask++) {
          const args = Array.from({ length: k }, (_, j) => (mask & (1 << j) ? data(n, 7 * j + mask) : [3, 1.5, 7][j]!));
          const ref = plainMap(f, args, n);
          expect(same(v(...args), ref), `mask ${mask}`).toBe(true);
          expect(same(await v.async(...args), ref), `async mask ${mask}`).toBe(true);
          // parfor arrays in and out: in place
          const shared = args.map((a) => (typeof a === "number" ? a : array.from(a)));
          const out = array(Float64Array, n);
          expect(v.into(out, ...shared)).toBe(out);
          expect(same(out, ref), `into mask ${mask}`).toBe(true);
          free(out);
          for (const a of shared) if (typeof a !== "number") free(a);
        }
      });
    }
  }
  it("an empty array gives an empty result", () => {
    const v = vectorize((x: number) => x + 1);
    expect(v(new Float64Array(0)).length).toBe(0);
  });
});

describe("vectorize's errors", () => {
  const v = vectorize((x: number, y: number) => x + y, { threads: 2 });
  it("arrays of different lengths, no array, wrong count, non-numbers are TypeErrors", () => {
    expect(() => v(new Float64Array(3), new Float64Array(4))).toThrow(/one length/);
    expect(() => v(1, 2)).toThrow(/at least one argument must be a typed array/);
    expect(() => (v as unknown as (...a: unknown[]) => unknown)(new Float64Array(3))).toThrow(/expected 2 arguments/);
    expect(() => (v as unknown as (...a: unknown[]) => unknown)(new Float64Array(3), "x")).toThrow(TypeError);
    expect(() => v.into(new Float64Array(2), new Float64Array(3), 1)).toThrow(/out has 2 elements/);
    expect(() => vectorize(3 as unknown as F)).toThrow(TypeError);
    expect(() => vectorize((x: number) => x, { nope: 1 } as never)).toThrow(/not an option/);
  });
  it("a function parfor cannot compile is a ParforCompileError, or the plain map with fallback: 'js'", () => {
    const bad = (x: number) => (String(x) as unknown as number);
    expect(() => vectorize(bad)(new Float64Array(2))).toThrow(/cannot compile|not supported/);
    const ok = vectorize(bad, { fallback: "js" });
    const x = Float64Array.of(1, 2);
    expect(Array.from(ok(x))).toEqual([1, 2]);
  });
});
