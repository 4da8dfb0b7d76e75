/**
 * How many iterations one turn of a two-lane loop runs (vector.ts emitLanes): a small body
 * without calls takes four pairs a turn (V8 unrolls only tiny loops, and a streaming loop's time
 * goes to the turn itself), a body that calls Math functions two; results stay the plain loop's
 * for every count around the turn's size.
 */
import { describe, expect, test } from "vitest";
import { prange } from "../../index.js";
import { compile, type ParamType } from "../../compiler/index.js";
import { decodeModule, opcodesPerLoop } from "../../compiler/lower/wasm/decoder.js";
import { samePlain, seq } from "./same-plain.js";

const V128_STORE = 0xfd0b;
const F64X2_MUL = 0xfdf2;

/** The most times `op` occurs directly in one loop of loop_0. */
function mostInOneLoop(fn: (...a: never[]) => unknown, params: ParamType[], op: number): number {
  const r = compile(fn.toString(), params);
  expect(r.compiled, JSON.stringify(r.diagnostics)).not.toBeNull();
  const m = decodeModule(r.compiled!.wasm);
  const e = m.exports.get("loop_0")!;
  return Math.max(0, ...opcodesPerLoop(m.bodies[e.index - m.importedFunctions]!).map((l) => l.ops.filter((o) => o === op).length));
}

const axpy = (a: number, x: Float64Array, y: Float64Array) => {
  for (const i of prange(y.length)) y[i] = a * x[i] + y[i];
};
const shifted = (x: Float64Array, y: Float64Array, n: number) => {
  for (const i of prange(1, n - 1)) y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
};
/** An inner loop on two lanes over its counter (vector.ts emitInnerLanes): a row of a 2-D stencil. */
const rows = (A: Float64Array, B: Float64Array, n: number, w: number) => {
  for (const i of prange(1, n - 1)) {
    for (let k = 1; k < w - 1; k++) B[i * w + k] = A[i * w + k - 1] + A[i * w + k + 1] - 2 * A[i * w + k] + A[(i - 1) * w + k];
  }
};
/** An inner reduction with uniform control on the prange's lanes (two rows at a time). */
const dots = (A: Float64Array, x: Float64Array, y: Float64Array, n: number, m: number) => {
  for (const i of prange(n)) {
    let s = 0;
    for (let j = 0; j < m; j++) s += A[i * m + j] * x[j];
    y[i] = s;
  }
};
const withExp = (x: Float64Array, y: Float64Array) => {
  for (const i of prange(y.length)) y[i] = Math.exp(x[i]) * 2;
};

describe("pairs per turn", () => {
  test("y = a x + y: four pairs (four v128 stores) in one turn", () => {
    expect(mostInOneLoop(axpy, ["f", "Float64Array", "Float64Array"], V128_STORE)).toBe(4);
  });
  test("a body that calls Math.exp: two pairs a turn", () => {
    expect(mostInOneLoop(withExp, ["Float64Array", "Float64Array"], V128_STORE)).toBe(2);
  });
  test("a three-point average: four pairs a turn", () => {
    expect(mostInOneLoop(shifted, ["Float64Array", "Float64Array", "i"], F64X2_MUL)).toBe(12);
  });
});

describe("the lanes' index at the end of int32", () => {
  test("a chunk ending at index 2^31 - 1 (its end, start + itHi, wraps): four pairs a turn, then the scalar tail", () => {
    const top = (o: Float64Array, x: Float64Array, m: number, n: number) => {
      for (const i of prange(m, n + 1)) o[i - m] = x[i - m] * 0.5 + i;
    };
    expect(mostInOneLoop(top, ["Float64Array", "Float64Array", "i", "i"], V128_STORE)).toBe(4);
    // n = 2^31 - 1: indices 2^31 - 48 .. 2^31 - 1, stop 2^31
    for (const count of [48, 47, 41, 40, 33]) samePlain(top, () => [seq(count, () => -1), seq(count, (i) => Math.sin(i)), 2147483648 - count, 2147483647]);
  });
});

describe("inner loops", () => {
  test("a stencil row on lanes over its counter: two pairs (two v128 stores) a turn", () => {
    expect(mostInOneLoop(rows, ["Float64Array", "Float64Array", "i", "i"], V128_STORE)).toBe(2);
  });
  test("an inner dot product on the prange's lanes: two trips (two f64x2.mul) a turn", () => {
    expect(mostInOneLoop(dots, ["Float64Array", "Float64Array", "Float64Array", "i", "i"], F64X2_MUL)).toBe(2);
  });
  for (const w of [2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 23, 40]) {
    test(`inner trip counts around the turn's size: width ${w}`, () => {
      const n = 36;
      samePlain(rows, () => [seq(n * w, (i) => Math.sin(i)), seq(n * w, () => -1), n, w]);
      samePlain(dots, () => [seq(n * w, (i) => Math.cos(i * 0.3)), seq(w, (i) => Math.sin(i)), seq(n, () => 0), n, w]);
    });
  }
});

describe("results stay the plain loop's around the turn's size", () => {
  for (const n of [31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 47, 63, 64, 65, 257, 1000]) {
    test(`n = ${n}`, () => {
      samePlain(axpy, () => [1.5, seq(n, (i) => Math.sin(i)), seq(n, (i) => Math.cos(i))]);
      samePlain(shifted, () => [seq(n, (i) => Math.sin(i * 3)), seq(n, () => -1), n]);
      samePlain(withExp, () => [seq(n, (i) => Math.sin(i)), seq(n, () => 0)]);
    });
  }
});
