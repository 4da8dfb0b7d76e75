import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke, invokeAsync } from "../../runtime/invoke.js";
import { copyKernel, loadTest, scalarKernel, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

const sum = loadTest(sumKernel(), "sum");
const ref = (n: number, start = 0): number => sumReference(start, n, Math.ceil((n - start) / 256));

describe("async calls", () => {
  it("do not block the event loop", async () => {
    const n = 10_000_000;
    const a = array(Float64Array, n);
    let settled = false;
    const p = invokeAsync(sum, [a, 0, -1, 0, n], settings(1)).finally(() => (settled = true));
    // A blocking implementation would have finished the call before the first timer could fire.
    let ticksWhileRunning = 0;
    while (!settled) {
      await new Promise((r) => setTimeout(r, 1));
      if (!settled) ticksWhileRunning++;
    }
    expect(await p).toBe(ref(n));
    expect(ticksWhileRunning).toBeGreaterThan(0);
    free(a);
  });

  it("queue when several are in flight, and each gets its own result and arrays", async () => {
    const n = 200_000;
    const arrays = [0, 1, 2, 3].map(() => array(Float64Array, n));
    const ps = arrays.map((a, j) => invokeAsync(sum, [a, 0, -1, j * 1000, n], settings(j + 1)));
    const rs = await Promise.all(ps);
    rs.forEach((r, j) => {
      expect(r).toBe(ref(n, j * 1000));
      expect(arrays[j]![j * 1000]).toBe(j * 2000);
      expect(arrays[j]![j * 1000 - 1] ?? 0).toBe(0);
    });
    arrays.forEach(free);
  });

  it("copy ordinary arrays in and back", async () => {
    const copy = loadTest(copyKernel(), "copy");
    const src = Float64Array.from({ length: 1000 }, (_, i) => i);
    const dst = new Float64Array(1000);
    await invokeAsync(copy, [src, dst], settings(3));
    expect(dst[999]).toBe(1000);
    expect(dst[0]).toBe(1);
  });

  it("convert every return kind", async () => {
    expect(await invokeAsync(loadTest(scalarKernel("f64")), [1.25, -3, false], settings(2))).toBe(-0.5);
    expect(await invokeAsync(loadTest(scalarKernel("i32")), [0, -7, false], settings(2))).toBe(-14);
    expect(await invokeAsync(loadTest(scalarKernel("bool")), [0, 0, false], settings(2))).toBe(true);
    expect(await invokeAsync(loadTest(scalarKernel("void")), [0, 0, true], settings(2))).toBe(undefined);
  });

  it("a sync call made while async calls run waits for them, in issue order", async () => {
    const n = 2_000_000;
    const a = new Float64Array(n); // ordinary: copied in at start, copied back when each call ends
    const settled: string[] = [];
    const p1 = invokeAsync(sum, [a, 0, -1, 0, n], settings(2)).then((r) => {
      settled.push("p1");
      return r;
    });
    const p2 = invokeAsync(sum, [a, 1, -1, 0, n - 1], settings(3)).then((r) => {
      settled.push("p2");
      return r;
    });
    // p1 is running, p2 queued; the sync call must finish both first (their copy-back included),
    // then run itself, so its writes land last.
    const s = invoke(sum, [a, 0, -1, 0, 10], settings(2));
    settled.push("sync");
    expect(s).toBe(sumReference(0, 10, 1));
    // a[i+1] = 2i from p2, then a[i] = 2i for i < 10 from the sync call
    expect(Array.from(a.subarray(0, 12))).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 18, 20]);
    expect(await p1).toBe(ref(n));
    expect(await p2).toBe(sumReference(0, n - 1, Math.ceil((n - 1) / 256)));
    expect(settled).toEqual(["sync", "p1", "p2"]); // promise callbacks run after the sync code
    // And async calls issued afterwards still work.
    expect(await invokeAsync(sum, [a, 0, -1, 0, n], settings(2))).toBe(ref(n));
  });

  it("reject invalid thread counts", async () => {
    await expect(invokeAsync(sum, [new Float64Array(1), 0, -1, 0, 1], settings(0))).rejects.toBeInstanceOf(RangeError);
    expect(() => invoke(sum, [new Float64Array(1), 0, -1, 0, 1], settings(1.5))).toThrow(RangeError);
  });

  it("shutdown waits for calls in flight", async () => {
    const n = 1_000_000;
    const a = array(Float64Array, n);
    const p = invokeAsync(sum, [a, 0, -1, 0, n], settings(2));
    await shutdown();
    expect(await p).toBe(ref(n));
    expect(await invokeAsync(sum, [a, 0, -1, 0, n], settings(2))).toBe(ref(n));
    free(a);
  });
});
