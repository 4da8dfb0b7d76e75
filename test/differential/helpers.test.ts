/**
 * Helper functions: declared in the kernel (`function f`, `const f = (x) => …`) or passed in
 * `globals`, inlined at every call. Each kernel is compared with the plain function at 1-4
 * threads and every array mode; compile errors (recursion, misuse) are checked separately.
 */
import { describe, expect, test } from "vitest";
import { prange } from "../../index.js";
import { check } from "../../compiler/index.js";
import { diffAll, type Kernel, type Rng } from "./harness.js";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const js = (params: string, body: string, helpers: Record<string, Function> = {}): Kernel =>
  new Function("prange", ...Object.keys(helpers), `return function kernel(${params}) {\n${body}\n};`)(prange, ...Object.values(helpers)) as Kernel;

const vec = (rng: Rng) => {
  const n = rng.int(1, 300);
  return [rng.f64(n, -4, 4), new Float64Array(n), n];
};
const square = (rng: Rng) => {
  const n = rng.int(1, 16);
  return [rng.f64(n * n, -2, 2), rng.f64(n * n, -2, 2), new Float64Array(n * n), n];
};

function gauss(x: number, s: number): number {
  return Math.exp((-x * x) / sq(s));
}
const sq = (y: number): number => y * y;
function clampTo(x: number, lo: number, hi: number): number {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}
function rowDot(A: Float64Array, x: Float64Array, i: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += A[i * n + k]! * x[k]!;
  return s;
}

describe("helper functions", () => {
  diffAll([
    ["function declaration, expression body use", js("a, out, n", `
      function sq(x) { return x * x; }
      for (const i of prange(n)) out[i] = sq(a[i]) + sq(i);`), vec],
    ["arrow with expression body, called before a const arrow it calls", js("a, out, n", `
      const f = (x) => g(x) + 1;
      const g = (x) => x * 0.5;
      for (const i of prange(n)) out[i] = f(a[i]);`), vec],
    ["early returns (if/return chains) become branches", js("a, out, n", `
      function sgnsq(x) { if (x < 0) return -x * x; if (x === 0) return 0; return x * x; }
      for (const i of prange(n)) out[i] = sgnsq(a[i]);`), vec],
    ["helper with a loop called in a statement (row dot product)", js("A, x, y, n", `
      function dot(i) { let s = 0; for (let k = 0; k < n; k++) s += A[i * n + k] * x[k]; return s; }
      for (const i of prange(n)) y[i] = dot(i);`), square],
    ["helper with a loop and a return inside the loop (search)", js("a, out, n", `
      function firstAbove(t) { for (let k = 0; k < n; k++) { if (a[k] > t) return k; } return -1; }
      for (const i of prange(n)) { const k = firstAbove(a[i]); out[i] = k; }`), vec],
    ["helper called in ?: and && (expression form)", js("a, out, n", `
      function half(x) { const h = x / 2; return h; }
      for (const i of prange(n)) out[i] = a[i] > 0 ? half(a[i]) : (a[i] < -1 && half(a[i]) < -1 ? 1 : 2);`), vec],
    ["helper writing its own index of an array parameter", js("a, out, n", `
      function put(b, k, v) { b[k] = v * 2; }
      for (const i of prange(n)) put(out, i, a[i]);`), vec],
    ["helper index arithmetic keeps the race analysis exact", js("A, B, C, n", `
      function at(i, j) { return i * n + j; }
      for (const i of prange(n)) for (let j = 0; j < n; j++) C[at(i, j)] = A[at(i, j)] + B[at(j, i)];`), square],
    ["helper reduction: s += f(...) stays a reduction", js("a, out, n", `
      function w(x) { return x * x + 1; }
      let s = 0;
      for (const i of prange(n)) s += w(a[i]);
      out[0] = s;
      return s;`), vec, { floatReduction: true }],
    ["helpers nest (closures read the kernel's consts)", js("a, out, n", `
      const scale = 3;
      function inner(x) { return x * scale; }
      function outer(x) { const t = inner(x) + inner(x + 1); return t > 0 ? t : -t; }
      for (const i of prange(n)) out[i] = outer(a[i]);`), vec],
    ["parameter assigned inside the helper", js("a, out, n", `
      function steps(x) { let c = 0; while (x > 1) { x = x / 2; c++; } return c; }
      for (const i of prange(n)) out[i] = steps(Math.abs(a[i]) * 100);`), vec],
    ["var in a helper", js("a, out, n", `
      function poly(x) { var r = 0; for (var k = 0; k < 4; k++) r = r * x + k; return r; }
      for (const i of prange(n)) out[i] = poly(a[i]);`), vec],
    ["helper with no return used as a statement, then its effect read", js("a, out, n", `
      function fill(k) { out[k] = a[k] + 1; }
      for (const i of prange(n)) { fill(i); out[i] = out[i] * 2; }`), vec],
    ["globals: functions passed in globals calling each other", js("a, out, n", `
      for (const i of prange(n)) out[i] = gauss(a[i], 1.5) + clampTo(a[i], -1, 1);`, { gauss, clampTo, sq }), vec,
      { parallelOptions: { globals: { gauss, sq, clampTo } } }],
    ["globals: a helper with a loop over array parameters", js("A, x, y, n", `
      for (const i of prange(n)) y[i] = rowDot(A, x, i, n);`, { rowDot }), square,
      { parallelOptions: { globals: { rowDot } } }],
  ]);
});

describe("helper diagnostics", () => {
  const codes = (src: string, globals?: Record<string, unknown>) =>
    check(src, globals ? { globals: globals as never } : {}).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

  test("direct and mutual recursion are PF1016 at the call", () => {
    expect(codes("(n) => { function f(k) { return k <= 1 ? 1 : k * f(k - 1); } return f(n); }")[0]).toMatch(/^PF1016 /);
    const d = check("(n) => {\n  function even(k) { return k === 0 ? 1 : odd(k - 1); }\n  function odd(k) { return k === 0 ? 0 : even(k - 1); }\n  return even(n);\n}").diagnostics;
    expect(d[0]!.code).toBe("PF1016");
    expect(d[0]!.message).toMatch(/through/);
  });
  test("a helper writing a[0] in a prange is PF2002 at the call, naming the helper's line", () => {
    const d = check("(a, n) => {\n  function bump(b, i) { b[0] = i; }\n  for (const i of prange(n)) bump(a, i);\n}").diagnostics;
    const race = d.find((x) => x.code === "PF2002");
    expect(race, JSON.stringify(d)).toBeDefined();
    expect(race!.line).toBe(3);
    expect(race!.message).toMatch(/helper 'bump' at line 2/);
  });
  test("misuse is PF1017", () => {
    expect(codes("(n) => { function f(x) { return x; } return f(n, 1); }")[0]).toMatch(/^PF1017 /);
    expect(codes("(n) => { function f(x) { return x; } const g = f; return 1; }")[0]).toMatch(/^PF1017 /);
    expect(codes("(a, n) => { function find(x) { for (let i = 0; i < n; i++) if (a[i] === x) return i; return -1; } return n > 0 && find(1) > 0 ? 1 : 0; }")[0]).toMatch(/^PF1017 /);
    expect(codes("(a, n) => { function w(k) { a[k] = 1; return 2; } let s = 0; for (let i = 0; i < n; i++) { s = s + w(i); } return s; }")).toEqual([]);
  });
  test("a statement reading what a helper with statements writes is PF1017", () => {
    expect(codes("(a, n) => { function w(k) { let t = 1; a[k] = t; return 2; } let s = 0; for (let i = 0; i < n; i++) { s = a[i] + w(i); } return s; }")[0]).toMatch(/^PF1017 /);
  });
  test("a global helper's errors name it", () => {
    const d = check("(n) => g(n)", { globals: { g: (x: number) => `${x}` as unknown as number } }).diagnostics;
    expect(d[0]!.message).toMatch(/helper 'g' from `globals`/);
  });
});
