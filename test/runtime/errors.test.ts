import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke, invokeAsync, load } from "../../runtime/invoke.js";
import { loadTest, scalarKernel, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

const n = 10_000;
const k = loadTest(sumKernel(), "sumk");

function catchErr(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

/** The pool and the kernel still work after an error. */
function expectRecovered(a: Float64Array, T: number): void {
  expect(invoke(k, [a, 0, -1, 0, n], settings(T))).toBe(sumReference(0, n, Math.ceil(n / 256)));
  expect(a[n - 1]).toBe(2 * (n - 1));
}

describe("errors end the call and keep the class and message", () => {
  for (const T of [2, 3]) {
    it(`a trap in a worker (T=${T}) becomes an Error naming the kernel and loop`, () => {
      const a = array(Float64Array, n);
      // static: the last chunk belongs to the last helper
      const e = catchErr(() => invoke(k, [a, 0, n - 1, 0, n], settings(T)));
      expect(e.constructor).toBe(Error);
      expect(e.message).toMatch(/^parfor: kernel 'sumk' trapped in the prange loop at test\.ts:12:22: .*unreachable/);
      expectRecovered(a, T);
      free(a);
    });
  }

  it("a trap on the leader (iteration 0) is reported the same way", () => {
    const a = array(Float64Array, n);
    const e = catchErr(() => invoke(k, [a, 0, 0, 0, n], settings(2)));
    expect(e.constructor).toBe(Error);
    expect(e.message).toMatch(/^parfor: kernel 'sumk' trapped in the prange loop at test\.ts:12:22/);
    expectRecovered(a, 2);
    free(a);
  });

  it("a dynamic-schedule trap stops the other threads claiming chunks", () => {
    const a = array(Float64Array, n);
    const e = catchErr(() => invoke(k, [a, 0, 100, 0, n], settings(3, "dynamic", 1)));
    expect(e.message).toMatch(/trapped/);
    // Iteration 100 trapped; the others stop at their next claim, so nearly all of a is untouched.
    expect(a.filter((x) => x !== 0).length).toBeLessThan(n / 2);
    expectRecovered(a, 3);
    free(a);
  });

  it("out of bounds in a worker is a RangeError with array, length and position", () => {
    const a = array(Float64Array, 10);
    const e = catchErr(() => invoke(k, [a, 1, -1, 0, 10], settings(2)));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe("parfor: index 10 is out of bounds for array 'a' (length 10) at test.ts:14:5");
    free(a);
  });

  it("out of bounds on one thread, and a position without a file", () => {
    const nofile = load(sumKernel(), { name: "anon", origin: { line: 3, column: 9 } });
    const a = new Float64Array(10);
    const e = catchErr(() => invoke(nofile, [a, -1, -1, 0, 10], settings(1)));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe("parfor: index -1 is out of bounds for array 'a' (length 10) at kernel anon line 7:5");
  });

  it("bad prange bounds: TypeError for non-integers, RangeError for non-int32", () => {
    const a = array(Float64Array, 10);
    const t = catchErr(() => invoke(k, [a, 0, -1, 2.5, 10], settings(2)));
    expect(t).toBeInstanceOf(TypeError);
    expect(t.message).toBe("prange: start must be a safe integer, got 2.5");
    const r = catchErr(() => invoke(k, [a, 0, -1, 0, 3e9], settings(2)));
    expect(r).toBeInstanceOf(RangeError);
    expect(r.message).toMatch(/^prange: stop is 3000000000, .*32-bit.*\(prange at test\.ts:12:22\)$/);
    free(a);
  });

  it("a trap in main (no loop) names the kernel's position", () => {
    const div = loadTest(scalarKernel("i32"), "div");
    const e = catchErr(() => invoke(div, [0, 0, false], settings(2)));
    expect(e.constructor).toBe(Error);
    expect(e.message).toMatch(/^parfor: kernel 'div' trapped at test\.ts:10:1: .*divide by zero/i);
    expect(invoke(div, [0, 4, false], settings(2))).toBe(25);
  });

  it("async calls reject with the same errors and the pool recovers", async () => {
    const a = array(Float64Array, n);
    await expect(invokeAsync(k, [a, 0, n - 1, 0, n], settings(3))).rejects.toThrow(/^parfor: kernel 'sumk' trapped/);
    await expect(invokeAsync(k, [a, 0, 0, 0, n], settings(3))).rejects.toThrow(/trapped/);
    const oob = invokeAsync(k, [a, 1, -1, 0, n], settings(2));
    await expect(oob).rejects.toBeInstanceOf(RangeError);
    await expect(oob).rejects.toThrow(`index ${n} is out of bounds for array 'a' (length ${n})`);
    await expect(invokeAsync(k, [a, 0, -1, 0.5, n], settings(2))).rejects.toBeInstanceOf(TypeError);
    expect(await invokeAsync(k, [a, 0, -1, 0, n], settings(3))).toBe(sumReference(0, n, Math.ceil(n / 256)));
    expectRecovered(a, 2);
    free(a);
  });
});
