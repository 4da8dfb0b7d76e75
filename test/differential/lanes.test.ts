/**
 * Bodies that run two iterations per step (compiler/lower/vector.ts): if/else turned into lane
 * masks, integer remainders and comparisons on the lanes, conditional expressions, reductions
 * updated under a condition, and Math functions called per lane or inlined from the math
 * library's two-lane versions. Each kernel is first checked to take the two-lane path, then
 * compared with the plain function like every differential test.
 */
import { describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { prange } from "../../index.js";
import { type CheckOptions, diff, type Kernel, type MakeInputs, type Rng } from "./harness.js";

const F = "Float64Array" as const;

/** Inputs where exp (and its neighbours) leave the common range: every path of exp_f64x2. */
const EXP_EDGES = [
  0, -0, 1, -1, NaN, Infinity, -Infinity, 2 ** -28, -(2 ** -28), 2 ** -29, 3.7252902984619136e-9, 5e-324,
  0.34657359027997264, 0.3465735902799727, 0.3465735912322998, 0.34657359123229974, 1.0397207708399179,
  1.0397207708399181, 1.0397207689285278, 1.03972077, 703.9999999999999, 704, 704.0000000000001, 709.782712893384,
  709.7827128933841, 709.79, 710, -704, -708.4, -709.09, -744.44, -745.1332191019411, -745.1332191019412, -746,
  0.5, -0.5, 2.718281828459045, 1e-300, 88.7, -88.7,
];

const mixedPair = (rng: Rng) => {
  const n = rng.int(1, 300);
  return [rng.mixed(n), rng.mixed(n), rng.f64(n, -5, 5)];
};
const expInputs = (rng: Rng) => {
  const n = rng.int(50, 600);
  const a = rng.from(n, EXP_EDGES);
  for (let i = EXP_EDGES.length; i < n; i++) if (rng.int(0, 2) === 0) a[i] = rng.float(-750, 712);
  return [a, new Float64Array(n)];
};
const oneOut = (rng: Rng) => [rng.f64(rng.int(1, 500), -3, 3)];

type Row = readonly [string, Kernel, MakeInputs, readonly ParamType[], CheckOptions?];

function lanes(rows: readonly Row[]): void {
  for (const [name, fn, make, params, opts] of rows) {
    it(`${name}: runs two lanes`, () => {
      const r = compile(fn.toString(), params);
      expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
      expect(r.compiled!.loops.map((l) => l.lanes)).toEqual(r.compiled!.loops.map(() => 2));
    });
    diff(name, fn, make, opts);
    // static chunks of short loops hold one or two iterations (too few for a two-lane step):
    // chunks of 15 run two steps per turn, one more step, and one scalar iteration
    diff(`${name} (dynamic chunks of 15)`, fn, make, { ...opts, parallelOptions: { schedule: "dynamic", chunkSize: 15 } });
  }
}

describe("if/else as lane masks", () => {
  lanes([
    ["if/else stores (NaN compares false)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > b[i]) o[i] = a[i]; else o[i] = -b[i] * 2; } }, mixedPair, [F, F, F]],
    ["if without else leaves the other lanes' elements", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] < 0) o[i] = a[i] * b[i]; } }, mixedPair, [F, F, F]],
    ["nested if / else if", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > 0) { if (b[i] > 0) o[i] = 1; else o[i] = 2; } else if (a[i] < 0) o[i] = 3; else o[i] = a[i] + 4; } }, mixedPair, [F, F, F]],
    ["a local assigned under conditions", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { let y = a[i]; if (y < 0) y = -y * 0.5; if (y > 1e10) y = 1e10; else if (b[i] !== b[i]) y = b[i]; o[i] = y; } }, mixedPair, [F, F, F]],
    ["declarations inside branches", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > 0) { const t = Math.log(a[i]); o[i] = t * t; } else { const t = a[i] * 3; o[i] = t - b[i]; } } }, mixedPair, [F, F, F]],
    ["&&, || and ! on lane masks", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if ((a[i] > -1 && a[i] < 1) || !(b[i] >= 0)) o[i] = a[i] + b[i]; else o[i] = 0; } }, mixedPair, [F, F, F]],
    ["=== 0 is true for -0: 1 / a gives -Infinity there", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] === 0) o[i] = 1 / a[i]; else if (a[i] !== a[i]) o[i] = -1; } }, mixedPair, [F, F, F]],
    ["conditional expressions, with calls on both sides", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] < b[i] ? Math.sin(a[i]) : b[i] >= 0 ? Math.cos(b[i]) : Math.exp(b[i]); }, mixedPair, [F, F, F]],
    ["a store read back under a condition", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { o[i] = a[i] * 2; if (o[i] > 1) o[i] = o[i] - b[i]; } }, mixedPair, [F, F, F]],
    ["true and false literals", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (true) o[i] = a[i]; if (false) o[i] = b[i]; } }, mixedPair, [F, F, F]],
  ]);
});

describe("the index on the lanes", () => {
  lanes([
    ["i % 2, i % 3 and (3i + 1) % 4", (o: Float64Array) => { for (const i of prange(o.length)) { if (i % 2 === 1) o[i] = i % 3; else o[i] = ((3 * i + 1) % 4) - 0.5; } }, oneOut, [F]],
    ["i % (k + 1) for a parameter k >= 0", (o: Float64Array, k: number) => { for (const i of prange(o.length)) o[i] = i % (k + 1) === 0 ? i / (k + 1) : o[i]; }, (rng) => [rng.f64(rng.int(1, 500)), rng.int(0, 9)], [F, "s"]],
    ["comparisons of the index with a bound", (o: Float64Array) => { const m = o.length >> 1; for (const i of prange(o.length)) { if (i < m) o[i] = i; else if (i === m) o[i] = -0; else o[i] = -i; } }, oneOut, [F]],
  ]);
});

describe("reductions under conditions", () => {
  lanes([
    ["+= and -= of the same sum in the two branches", (a: Float64Array, b: Float64Array) => { let s = 0; for (const i of prange(a.length)) { if (a[i] > b[i]) s += a[i]; else s -= b[i] * 0.5; } return s; }, (rng) => { const n = rng.int(1, 300); return [rng.f64(n, -9, 9), rng.f64(n, -9, 9)]; }, [F, F], { floatReduction: true }],
    ["Simpson's weights: one exp, chosen weight", (lo: number, h: number, n: number) => { let s = 0; for (const i of prange(1, n)) { const x = lo + i * h; if (i % 2 === 1) s += 4 * Math.exp(x); else s += 2 * Math.exp(x); } return s; }, (rng) => [rng.float(-800, 800), rng.float(0, 5), rng.int(2, 3000)], ["f", "f", "i"], { floatReduction: true }],
    ["min and max in different branches (exact)", (a: Float64Array, b: Float64Array) => { let hi = -Infinity; let lo = Infinity; for (const i of prange(a.length)) { if (a[i] > b[i]) hi = Math.max(hi, a[i]); else lo = Math.min(lo, b[i]); } return hi * 1e6 + lo; }, (rng) => { const n = rng.int(1, 300); return [rng.ints(n), rng.ints(n)]; }, [F, F]],
    ["*= under a condition", (a: Float64Array) => { let p = 1; for (const i of prange(a.length)) { if (a[i] > 0.5) p *= a[i]; } return p; }, (rng) => [rng.f64(rng.int(1, 300), 0, 1.6)], [F], { floatReduction: true }],
    ["a sum updated in one branch only, another in both", (a: Float64Array, b: Float64Array) => { let s = 0; let t = 0; for (const i of prange(a.length)) { if (a[i] < 0) { s += a[i]; t += 1; } else t += 2; } return s * 1000 + t; }, (rng) => { const n = rng.int(1, 300); return [rng.ints(n, -50, 50), rng.ints(n)]; }, [F, F]],
  ]);
});

describe("Math inside two-lane loops", () => {
  lanes([
    ["Math.exp at every edge of its two-lane version", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.exp(a[i]); }, expInputs, [F, F], { cases: 6 }],
    ["Math.exp of neighbours: lanes on both sides of each edge", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.exp(a[i]) - Math.exp(-a[i]); }, expInputs, [F, F], { cases: 4 }],
    ["a call after its argument changes is computed again", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { let x = a[i]; const e1 = Math.exp(x); x = x + 1; const e2 = Math.exp(x); o[i] = e1 - e2 + Math.exp(a[i]); } }, expInputs, [F, F]],
    ["per-lane calls of functions without a two-lane version", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.atan2(a[i], 2) + Math.round(a[i]) + Math.log1p(Math.abs(a[i])); }, expInputs, [F, F]],
  ]);
});
