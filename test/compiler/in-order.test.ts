/**
 * A race proof that holds only for some values of a loop-invariant expression (the divisor of a
 * collapsed index, `Math.floor(k / cols)`, `k % cols`, when nothing proves `cols >= 1`): the kernel
 * tests the expression each time it reaches the loop and passes PRANGE_IN_ORDER to env.prange
 * when it is not an integer >= 1, so that the runtime runs the loop alone and in order.
 */
import { describe, expect, test } from "vitest";
import { PRANGE_IN_ORDER } from "../../compiler/artifact.js";
import { compile, explain, type ParamType } from "../../compiler/index.js";
import { runSerial } from "./serial-runtime.js";

const transpose = `(A, B, rows, cols) => { for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; B[j * rows + i] = A[i * cols + j]; } }`;

function loopArgs(src: string, sig: ParamType[], args: unknown[]): number[] {
  const r = compile(src, sig);
  expect(r.diagnostics.filter((d) => d.code.startsWith("PF2"))).toEqual([]);
  const seen: number[] = [];
  try {
    runSerial(r.compiled!, args, 3, seen);
  } catch (e) {
    // a negative divisor makes the transpose's indices negative: out of bounds, as it should be;
    // prange(rows * NaN) is a TypeError, as the plain prange's
    if (!(e instanceof RangeError) && !(e instanceof TypeError && /safe integer, got NaN/.test(e.message))) throw e;
  }
  return seen;
}

describe("loops whose race proof assumes an integer divisor >= 1", () => {
  test("run in parallel when it is one, in order otherwise (0, negative, fractional, NaN: the test comes before the loop's own checks)", () => {
    const A = Float64Array.from({ length: 64 }, (_, i) => i);
    const B = new Float64Array(64);
    expect(loopArgs(transpose, ["Float64Array", "Float64Array", "s", "s"], [A, B, 8, 8])).toEqual([0]);
    expect(Array.from(B.subarray(0, 16))).toEqual([0, 8, 16, 24, 32, 40, 48, 56, 1, 9, 17, 25, 33, 41, 49, 57]);
    expect(loopArgs(transpose, ["Float64Array", "Float64Array", "s", "s"], [A, B, 8, 1])).toEqual([0]);
    expect(explain(transpose, ["Float64Array", "Float64Array", "s", "s"]).report.loops[0]!.assumed).toEqual(["cols"]);
    for (const [rows, cols, kind] of [[8, 0, "s"], [-2, -3, "i"], [4, 2.5, "f"], [4, NaN, "f"]] as const) {
      expect(loopArgs(transpose, ["Float64Array", "Float64Array", "i", kind], [A, B, rows, cols]), `cols ${cols}`).toEqual([PRANGE_IN_ORDER]);
    }
  });

  test("no test where the divisor is proven: a literal, or a guard before the loop", () => {
    const literal = `(A, B) => { for (const k of prange(64)) { const i = Math.floor(k / 8); const j = k % 8; B[j * 8 + i] = A[k]; } }`;
    const guarded = `(A, B, rows, cols) => { if (cols < 1) return; for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; B[j * rows + i] = A[k]; } }`;
    const A = new Float64Array(64);
    const B = new Float64Array(64);
    for (const [src, sig, args] of [
      [literal, ["Float64Array", "Float64Array"], [A, B]],
      [guarded, ["Float64Array", "Float64Array", "i", "i"], [A, B, 8, 8]],
    ] as const) {
      const r = explain(src, [...sig]);
      expect(r.diagnostics.filter((d) => d.code.startsWith("PF2"))).toEqual([]);
      expect(r.report.loops[0]!.assumed).toEqual([]);
      const seen: number[] = [];
      runSerial(r.compiled!, [...args], 3, seen);
      expect(seen).toEqual([0]);
    }
  });
});
