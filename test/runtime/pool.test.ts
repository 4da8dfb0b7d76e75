import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke, invokeAsync } from "../../runtime/invoke.js";
import { poolSize, poolWorkers } from "../../runtime/pool.js";
import { loadTest, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

const k = loadTest(sumKernel());
const n = 50_000;
const ref = sumReference(0, n, Math.ceil(n / 256));

describe("worker pool", () => {
  it("starts workers on demand: T-1 for sync calls, T for async calls", async () => {
    await shutdown();
    expect(poolSize()).toBe(0);
    const a = array(Float64Array, n);
    expect(invoke(k, [a, 0, -1, 0, n], settings(3))).toBe(ref);
    expect(poolSize()).toBe(2);
    expect(await invokeAsync(k, [a, 0, -1, 0, n], settings(3))).toBe(ref);
    expect(poolSize()).toBe(3);
    expect(invoke(k, [a, 0, -1, 0, n], settings(2))).toBe(ref);
    expect(poolSize()).toBe(3);
    free(a);
  });

  it("shutdown ends every worker and the next call starts a new pool", async () => {
    const a = array(Float64Array, n);
    invoke(k, [a, 0, -1, 0, n], settings(3));
    const old = poolWorkers();
    const exits = old.map((w) => new Promise((r) => w.once("exit", r)));
    await shutdown();
    await Promise.all(exits);
    expect(poolSize()).toBe(0);
    await shutdown(); // idempotent
    expect(invoke(k, [a, 0, -1, 0, n], settings(3))).toBe(ref);
    expect(poolWorkers().some((w) => old.includes(w))).toBe(false);
    free(a);
  });

  it("replaces a pool whose worker died between calls", async () => {
    const a = array(Float64Array, n);
    invoke(k, [a, 0, -1, 0, n], settings(3));
    const victim = poolWorkers()[1]!;
    await victim.terminate();
    await new Promise((r) => setImmediate(r)); // let the exit event mark it dead
    expect(invoke(k, [a, 0, -1, 0, n], settings(3))).toBe(ref);
    expect(poolWorkers()).not.toContain(victim);
    free(a);
  });
});
