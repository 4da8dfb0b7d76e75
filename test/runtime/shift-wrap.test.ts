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

describe("shifted subscripts", () => {
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
