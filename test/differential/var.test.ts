/**
 * `var`: one binding per name for the whole function, hoisted (undefined until assigned), so a
 * `var` declared in a loop body keeps its value from one trip to the next; in a prange body it is
 * a function-level scalar, private when each iteration writes it before reading it. Kernels are
 * built from text (old benchmark code style) with `prange` passed in, so the plain function runs too.
 */
import { describe, expect, test } from "vitest";
import { prange } from "../../index.js";
import { check } from "../../compiler/index.js";
import { diffAll, type Kernel, type Rng } from "./harness.js";

const js = (params: string, body: string): Kernel => new Function("prange", `return function kernel(${params}) {\n${body}\n};`)(prange) as Kernel;

const vec = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.f64(n, -4, 4), new Float64Array(n)];
};
const square = (rng: Rng) => {
  const n = rng.int(1, 20);
  return [rng.f64(n * n, -2, 2), rng.f64(n * n, -2, 2), new Float64Array(n * n), n];
};

describe("var in kernels", () => {
  diffAll([
    ["matrix product written with var throughout (accumulator and counters private)", js("A, B, C, n", `
      var i, acc;
      for (const i of prange(n)) {
        for (var j = 0; j < n; j++) {
          acc = 0;
          for (var k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j];
          C[i * n + j] = acc;
        }
      }`), square, { repeat: 3 }],
    ["old style: every var declared at the top, loops counting with for (j = 0; …)", js("A, B, C, n", `
      var i, j, k, acc;
      for (const i of prange(n)) {
        for (j = 0; j < n; j++) {
          acc = 0;
          for (k = 0; k < n; k++) acc = acc + A[i * n + k] * B[k * n + j];
          C[i * n + j] = acc;
        }
      }
      for (j = 0; j < n; j += 2) C[j] = -C[j];`), square, { repeat: 3 }],
    ["for (var k = 0; …) declared again by the next loop: each loop's own counter", js("a, o", `
      var n = o.length;
      for (const i of prange(n)) {
        var s = 0;
        for (var k = 0; k < 8; k++) s += a[(i + k) % n];
        for (var k = 0; k < 4; k++) s -= a[(i * 3 + k) % n] * 0.5;
        o[i] = s;
      }
      for (var k = 0; k < n; k += 2) o[k] = -o[k];`), vec, { repeat: 2 }],
    ["for (var k = 0; …) twice and k read after the second loop: one binding", js("a, o", `
      for (var k = 0; k < o.length; k++) o[k] = a[k];
      for (var k = 1; k < o.length; k *= 2) o[k] += 1;
      return k;`), vec],
    ["a var counter whose value is read after its loop stays one binding", js("a, o", `
      var j, s = 0;
      for (j = 0; j < o.length; j += 3) o[j] = a[j];
      for (j = j - 3; j >= 0; j--) s += o[j];
      return s + j;`), vec],
    ["nested loops counting with one var: the inner loop resets the outer counter", js("a, o", `
      var j, s = 0;
      for (j = 0; j < 2; j++) for (j = 0; j < 3; j++) s += a[j % a.length];
      o[0] = s;
      return j;`), vec],
    ["var declared in the prange body, written before read", js("a, o", `
      for (const i of prange(o.length)) {
        var t = a[i] * 2;
        for (var r = 0; r < 200; r++) t = t * 0.5 + r;
        o[i] = t;
      }`), vec, { repeat: 3 }],
    ["var declared on one branch of the prange body and assigned on the other: function-level, private", js("a, o", `
      for (const i of prange(o.length)) {
        if (a[i] > 0) { var t = a[i]; } else t = -a[i] * 3;
        for (var r = 0; r < 200; r++) t = t * 0.5 + r;
        o[i] = t;
      }
      t = 0;
      return t;`), vec, { repeat: 3 }],
    ["var reduction and a var read before its declaration (hoisted)", js("a, o", `
      scale = 3;
      var s = 0;
      for (const i of prange(o.length)) { o[i] = a[i] * scale; s += a[i]; }
      var scale;
      return s;`), vec, { floatReduction: true }],
    ["var without initialiser in a serial loop keeps its value between trips", js("a, o", `
      var s = 0;
      for (var r = 0; r < 4; r++) { var x; if (r === 0) x = a[0]; s += x; }
      o[0] = s;
      return r;`), vec],
    ["a var counter read after its loop, and var declared twice", js("a, o", `
      var x = 1;
      for (var j = 0; j < o.length; j++) o[j] = a[j] + x;
      var x = x + j;
      return x;`), vec],
    ["var of a parameter's name is the parameter", js("a, o, n", `
      var n = n * 2;
      for (const i of prange(o.length)) o[i] = a[i] + n;
      return n;`), (rng: Rng) => { const [a, o] = vec(rng); return [a!, o!, rng.int(-5, 5)]; }],
    ["var read before any assignment is undefined (NaN in arithmetic)", js("a, o", `
      var u;
      o[0] = u + 1;
      return u * 2;`), vec],
  ]);
});

describe("var races are still reported", () => {
  const codes = (params: string, body: string) => check(js(params, body).toString(), {}, ["Float64Array", "Float64Array"]).diagnostics.map((d) => d.code);
  test("a var of the prange body read after the loop is PF2001", () => {
    expect(codes("a, o", `for (const i of prange(o.length)) { var t = a[i]; o[i] = t; } return t;`)).toEqual(["PF2001"]);
  });
  test("a var without initialiser in the body, written on one path, is PF2001 (it carries over between iterations)", () => {
    expect(codes("a, o", `for (const i of prange(o.length)) { var t; if (a[i] > 0) t = a[i]; o[i] = t; }`)).toEqual(["PF2001"]);
  });
  test("a prange variable declared with var is PF1001", () => {
    expect(codes("a, o", `for (var i of prange(o.length)) o[i] = 1;`)).toContain("PF1001");
  });
  test("one name declared with var and let is PF1001", () => {
    // not valid JavaScript (new Function would refuse it), so the text goes to check() directly
    const ds = check(`function k(a, o) { var x = 1; let x = 2; o[0] = x; }`, {}, ["Float64Array", "Float64Array"]).diagnostics;
    expect(ds.map((d) => d.code)).toContain("PF1001");
  });
});
