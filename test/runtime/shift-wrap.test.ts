/**
 * Subscripts `x << c` (analysis/dependence.ts, lower/shift-check.ts): `<<` wraps modulo 2^32, so
 * iterations far apart can meet at one element (`a[i << 30]` at i = 0 and 4, every multiple of 4
 * writes a[0]). Where nothing proves x * 2^c stays in int32, the loop runs in parallel only when
 * the chunk plan's extents over the whole loop say so, and in order (the plain loop's result)
 * otherwise; RGBA pixels at `(y * w + x) << 2` stay parallel and are not reported.
 */
import { describe, expect, test } from "vitest";
import { parallel, prange } from "../../index.js";
import { check, explain } from "../../compiler/index.js";

const wraps = (a: Float64Array, n: number) => {
  for (const i of prange(0, n, 4)) a[i << 30] = i;
};
const pixels = (out: Float64Array, w: number, h: number) => {
  for (const y of prange(h)) {
    for (let x = 0; x < w; x++) out[(y * w + x) << 2] = y - x;
  }
};

/** The subscript the other one is compared with: (i + 2^31) << 1 is 2i, not 2i + 2^32 (found by review). */
const offset = (a: Float64Array) => {
  for (const i of prange(1048576)) {
    a[(i + 2147483648) << 1] = i;
    a[(i << 1) + 2] = -i;
  }
};
/** A shift of a live-in, fixed for the loop: checked by its value, the loop stays parallel. */
const fixedShift = (a: Float64Array, k: number) => {
  for (const i of prange(a.length - 64)) {
    const off = k << 4;
    a[off + i + 64 - 32] = i;
  }
};

/** Elements where two arrays differ (Object.is). */
const differences = (a: Float64Array, b: Float64Array): number => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
};

describe("shifted subscripts", () => {
  test("(i + 2^31) << 1 against (i << 1) + 2: the plain results at 1-3 threads, every call", () => {
    const ref = new Float64Array(2_200_000);
    offset(ref);
    for (const threads of [1, 2, 3]) {
      const k = parallel(offset, { threads, warnings: false });
      for (let call = 0; call < 4; call++) {
        const a = new Float64Array(2_200_000);
        k(a);
        expect(a[1048576]).toBe(ref[1048576]);
        expect(differences(a, ref)).toBe(0);
      }
    }
  });
  test("k << 4 of a live-in: results of the plain function, with k in and out of range", () => {
    for (const kv of [2, -2, 0]) {
      const ref = new Float64Array(200_000);
      fixedShift(ref, kv);
      for (const threads of [1, 2]) {
        const a = new Float64Array(200_000);
        parallel(fixedShift, { threads, warnings: false })(a, kv);
        expect(differences(a, ref)).toBe(0);
      }
    }
  });
  test("a[i << 30] over prange(0, n, 4): every iteration writes a[0]; the plain loop's last write wins at every thread count", () => {
    for (const threads of [1, 2, 3]) {
      const k = parallel(wraps, { threads, warnings: false });
      for (let call = 0; call < 10; call++) {
        const a = new Float64Array(8);
        k(a, 4_000_000);
        expect(a[0]).toBe(3_999_996);
      }
    }
  });
  test("explain says the loop runs in parallel only while the shift stays in int32", () => {
    const r = explain(wraps.toString(), ["Float64Array", "i"]);
    expect(r.report.loops[0]!.shifts).toEqual(["i << 30"]);
  });
  test("RGBA-style (y * w + x) << 2 is not reported and gives the plain results", () => {
    expect(check(pixels.toString(), {}, ["Float64Array", "i", "i"]).diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const [w, h] = [37, 41];
    const ref = new Float64Array(4 * w * h).fill(-1);
    pixels(ref, w, h);
    for (const threads of [1, 2, 3]) {
      const out = new Float64Array(4 * w * h).fill(-1);
      parallel(pixels, { threads, warnings: false })(out, w, h);
      expect(out).toEqual(ref);
    }
  });
});
