import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke } from "../../runtime/invoke.js";
import { poolSize } from "../../runtime/pool.js";
import { loadTest, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

describe("thread counts", () => {
  const k = loadTest(sumKernel());
  for (const T of [1, 2, 3, 4]) {
    for (const schedule of ["static", "dynamic", "guided"] as const) {
      it(`fills every element and reduces with ${T} thread(s), ${schedule}`, () => {
        const n = 10_007;
        const a = array(Float64Array, n);
        const s = invoke(k, [a, 0, -1, 0, n], settings(T, schedule, 7));
        for (let i = 0; i < n; i++) if (a[i] !== i * 2) expect.fail(`a[${i}] = ${a[i]}`);
        const chunk = schedule === "static" ? Math.ceil(n / 256) : schedule === "guided" ? Math.max(7, Math.ceil(n / 256)) : 7;
        expect(s).toBe(sumReference(0, n, chunk));
        free(a);
      });
    }
  }

  it("runs a one-thread call without starting workers", async () => {
    await shutdown();
    const a = array(Float64Array, 100);
    expect(invoke(k, [a, 0, -1, 0, 100], settings(1))).toBe(sumReference(0, 100, 1));
    expect(poolSize()).toBe(0);
    free(a);
  });

  it("handles empty ranges and negative steps' bounds", () => {
    const a = array(Float64Array, 10);
    expect(invoke(k, [a, 0, -1, 5, 5], settings(2))).toBe(0);
    expect(invoke(k, [a, 0, -1, 7, 3], settings(2))).toBe(0);
    expect(Array.from(a)).toEqual(new Array(10).fill(0));
    free(a);
  });

  it("allows more threads than cores", () => {
    const a = array(Float64Array, 5000);
    expect(invoke(k, [a, 0, -1, 0, 5000], settings(6))).toBe(sumReference(0, 5000, Math.ceil(5000 / 256)));
    expect(a[4999]).toBe(9998);
    free(a);
  });
});
