/**
 * What the loop analysis infers for compound (MINLOC/MAXLOC) and array reductions, the partial
 * layout the artifact states, and the diagnostics for near misses.
 */
import { describe, expect, test } from "vitest";
import { check, compile, type ParamType } from "../../compiler/index.js";

const codes = (src: string, params?: ParamType[]) => check(src, {}, params).diagnostics.map((d) => d.code);
const loop0 = (src: string, params: ParamType[]) => {
  const r = compile(src, params);
  expect(r.diagnostics).toEqual([]);
  return r.compiled!.loops[0]!;
};

describe("compound reductions", () => {
  test.each([
    `(a) => { let m = Infinity, k = -1; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } } return k; }`,
    `(a) => { let m = Infinity, k = -1; for (const i of prange(a.length)) if (m >= a[i]) { k = i; m = a[i]; } return k; }`,
    `(a) => { let m = -Infinity, k = -1, v = 0; for (const i of prange(a.length)) { const y = a[i] * 2; if (y > m) { m = y; k = i; v = a[i] - 1; } } return k + v; }`,
    `(a, n) => { let m = Infinity, k = -1; for (const r of prange(n)) for (let c = 0; c < n; c++) if (a[r * n + c] <= m) { m = a[r * n + c]; k = r * n + c; } return k; }`,
  ])("no diagnostic: %s", (src) => {
    expect(codes(src, src.includes(", n)") ? ["Float64Array", "i"] : ["Float64Array"])).toEqual([]);
  });

  test("partial state: value, updated flag and each carried variable", () => {
    const l = loop0(`(a) => { let m = Infinity, k = -1, j = 0; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; j = i * 2; } } return k + j; }`, ["Float64Array"]);
    expect(l.partialBytes).toBe(32);
    expect(l.arrayPartials).toEqual([]);
    expect(l.reductions).toBe(3);
  });

  test.each([
    // the else branch runs on the running minimum, which a chunk does not know
    [`(a) => { let m = Infinity, k = -1, c = 0; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } else c++; } return k + c; }`, "PF2001"],
    // k is also written outside the if
    [`(a) => { let m = Infinity, k = -1; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } if (a[i] === 0) k = 0; } return k; }`, "PF2001"],
    // k is read in the loop: each chunk sees its own running index (as for any reduction)
    [`(a, o) => { let m = Infinity, k = -1; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } o[i] = k; } return k; }`, "PF2003"],
  ])("still a race: %s", (src, code) => {
    expect(codes(src, src.includes("o)") ? ["Float64Array", "Float64Array"] : ["Float64Array"])).toContain(code);
  });
});

test.each([
  [`(a) => { let m = Infinity, k = -1, c = 0; for (const i of prange(a.length)) { if (a[i] < m) { m = a[i]; k = i; } else c++; } return k + c; }`, "move the else code out of the `if`"],
  [`(a) => { let m = Infinity, k = -1; for (const i of prange(a.length)) { if (a[i] >= m) {} else { m = a[i]; k = i; } } return k; }`, "also replaces on NaN"],
])("PF2001 for an almost-compound reduction says what stops it: %s", (src, why) => {
  const ds = check(src, {}, ["Float64Array"]).diagnostics.filter((d) => d.code === "PF2001");
  expect(ds.length).toBe(2);
  for (const d of ds) expect(d.message).toContain(why);
});

describe("array reductions", () => {
  test("a histogram: no diagnostic; its private copy in the artifact", () => {
    const l = loop0(`(h, k) => { for (const i of prange(k.length)) h[k[i]] += 1; }`, ["Int32Array", "Int32Array"]);
    expect(l.partialBytes).toBe(0);
    expect(l.arrayPartials).toEqual([{ param: 0, elementBytes: 4 }]);
    expect(l.lanes).toBe(1);
  });

  test.each([
    `(tot, n) => { for (const i of prange(n)) tot[0] += i; }`,
    `(acc, a, cols) => { for (const i of prange(a.length / cols)) for (let j = 0; j < cols; j++) acc[j] += a[i * cols + j]; }`,
    `(h, k, x) => { for (const i of prange(x.length)) h[k[i]] = Math.max(h[k[i]], x[i]); }`,
    `(h, k, x) => { for (const i of prange(x.length)) { h[k[i]] -= x[i]; h[k[i] + 1]++; } }`,
  ])("no diagnostic: %s", (src) => expect(codes(src)).toEqual([]));

  test("elementwise updates keep their plain code (no copies)", () => {
    expect(loop0(`(a) => { for (const i of prange(a.length)) a[i] += 1; }`, ["Float64Array"]).arrayPartials).toEqual([]);
  });

  test.each([
    [`(h, k) => { for (const i of prange(k.length)) h[k[i]] += h[0]; }`, ["Float64Array", "Int32Array"], "reads 'h' in its index or value"],
    [`(h, k) => { for (const i of prange(k.length)) { h[k[i]] += 1; h[k[i] + 1] *= 2; } }`, ["Float64Array", "Int32Array"], "different operators"],
    [`(h, k, o) => { for (const i of prange(k.length)) { h[k[i]] += 1; o[i] = h[i]; } }`, ["Float64Array", "Int32Array", "Float64Array"], "also read in the loop"],
    [`(h, k) => { for (const i of prange(k.length)) h[k[i]] += 0.5; }`, ["Int32Array", "Int32Array"], "not known to be an integer"],
    [`(h, k) => { for (const i of prange(k.length)) h[k[i]] += 1; }`, ["Uint8ClampedArray", "Int32Array"], "clamping"],
  ] as const)("PF2006 says what stops the reduction: %s", (src, params, why) => {
    const ds = check(src, {}, [...params]).diagnostics.filter((d) => d.code === "PF2006" || d.code === "PF2002");
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes("would be reduced through private copies") && d.message.includes(why)), ds.map((d) => d.message).join("\n")).toBe(true);
  });
});
