import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke, invokeAsync } from "../../runtime/invoke.js";
import { loadTest, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

describe("stress", () => {
  it("hundreds of mixed sync/async calls with varying threads, schedules and sizes stay correct", async () => {
    const k = loadTest(sumKernel(), "stress");
    const a = array(Float64Array, 5000);
    let seed = 12345;
    const rnd = (m: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m);
    const pending: Promise<void>[] = [];
    for (let c = 0; c < 600; c++) {
      const T = 1 + rnd(5);
      const dynamic = rnd(2) === 1;
      const chunk = 1 + rnd(50);
      const n = rnd(5000);
      const expected = sumReference(0, n, dynamic ? chunk : Math.max(1, Math.ceil(n / 256)));
      const s = settings(T, dynamic ? "dynamic" : "static", chunk);
      const trap = rnd(20) === 0 && n > 0 ? rnd(n) : -1;
      if (rnd(3) === 0) {
        const p = invokeAsync(k, [a, 0, trap, 0, n], s);
        pending.push(
          trap >= 0
            ? expect(p).rejects.toThrow(/trapped/)
            : p.then((r) => expect(r).toBe(expected)),
        );
      } else if (trap >= 0) {
        expect(() => invoke(k, [a, 0, trap, 0, n], s)).toThrow(/trapped/);
      } else {
        expect(invoke(k, [a, 0, trap, 0, n], s)).toBe(expected);
      }
    }
    await Promise.all(pending);
    free(a);
  });
});
