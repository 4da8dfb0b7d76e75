import { afterAll, describe, expect, it } from "vitest";
import { shutdown } from "../../runtime/api.js";
import { invoke } from "../../runtime/invoke.js";
import { countKernel, loadTest, settings, wideKernel } from "./kernels.js";

afterAll(() => shutdown());

describe("wide-index loops and env.count", () => {
  const wide = loadTest(wideKernel(), "wide");

  it("passes bounds beyond int32 as exact doubles", () => {
    for (const T of [1, 2, 3]) {
      const out = new Float64Array(1000);
      const start = 2 ** 40 + 1;
      invoke(wide, [out, start, start + 3000, 3], settings(T));
      expect(out[0]).toBe(start);
      expect(out[999]).toBe(start + 999 * 3);
      const back = new Float64Array(10);
      invoke(wide, [back, -(2 ** 50), -(2 ** 50) - 100, -10], settings(T, "dynamic", 2));
      expect(Array.from(back)).toEqual(Array.from({ length: 10 }, (_, i) => -(2 ** 50) - 10 * i));
    }
  });

  it("still rejects non-integers, a zero step and more than 2^31-1 iterations", () => {
    const out = new Float64Array(4);
    expect(() => invoke(wide, [out, 0.5, 4, 1], settings(2))).toThrow(TypeError);
    expect(() => invoke(wide, [out, 2 ** 53, 4, 1], settings(2))).toThrow("prange: start must be a safe integer, got 9007199254740992");
    expect(() => invoke(wide, [out, 0, 4, 0], settings(2))).toThrow(RangeError);
    expect(() => invoke(wide, [out, 0, 2 ** 40, 1], settings(2))).toThrow(/iterations/);
  });

  it("env.count validates like prange and counts iterations", () => {
    const count = loadTest(countKernel(), "count");
    expect(invoke(count, [0, 10, 3, false], settings(1))).toBe(4);
    expect(invoke(count, [10, 0, -3, false], settings(1))).toBe(4);
    expect(invoke(count, [5, 5, 1, false], settings(1))).toBe(0);
    expect(invoke(count, [2 ** 40, 2 ** 40 + 7, 2, true], settings(1))).toBe(4);
    expect(() => invoke(count, [2 ** 40, 2 ** 40 + 7, 2, false], settings(1))).toThrow(RangeError);
    expect(() => invoke(count, [0, 1.5, 1, true], settings(1))).toThrow(TypeError);
    expect(() => invoke(count, [0, 10, 0, true], settings(1))).toThrow("prange: step must not be zero");
  });
});
