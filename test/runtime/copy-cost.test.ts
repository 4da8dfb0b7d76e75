/**
 * PF4001: a kernel whose calls spend more than a third of their time copying ordinary typed
 * arrays into shared memory and back says so once, naming the arrays; array.from moves data in
 * once. Cheap kernels over large ordinary arrays must trigger it, expensive ones and kernels on
 * parfor arrays must not.
 */
import { afterAll, describe, expect, it } from "vitest";
import { array, free, parallel, prange, shutdown } from "../../index.js";

afterAll(() => shutdown());

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

const axpyFn = (x: Float64Array, y: Float64Array, a: number) => {
  for (const i of prange(x.length)) y[i] = a * x[i] + y[i];
};
const heavyFn = (x: Float64Array, y: Float64Array, a: number) => {
  for (const i of prange(x.length)) {
    let s = x[i];
    for (let k = 0; k < 400; k++) s = Math.sqrt(s * s + a + k);
    y[i] = s;
  }
};

const N = 1 << 21; // 16 MiB per array

describe("copy-cost warning (PF4001)", () => {
  it("a cheap kernel over large ordinary arrays warns once, naming them", async () => {
    const axpy = parallel(axpyFn, { threads: 2 });
    const x = new Float64Array(N).fill(1);
    const y = new Float64Array(N).fill(2);
    const all = await collect(() => {
      for (let r = 0; r < 4; r++) axpy(x, y, 3);
    });
    expect(y[N - 1]).toBe(2 + 4 * 3);
    const pf = all.filter((w) => w.code === "PF4001");
    expect(pf.length).toBe(1);
    expect(pf[0]!.type).toBe("ParforPerformanceWarning");
    expect(pf[0]!.message).toMatch(/'x' \(Float64Array, 16\.0 MiB\)/);
    expect(pf[0]!.message).toMatch(/'y' \(Float64Array, 16\.0 MiB, copied back\)/);
    expect(pf[0]!.message).toMatch(/parfor\.array\.from/);
  });

  it("parfor arrays (array.from) and warnings: false do not warn; array.from copies kind and contents", async () => {
    const axpy = parallel(axpyFn, { threads: 2 });
    const quiet = parallel(axpyFn, { threads: 2, warnings: false });
    const src = new Float64Array(N).map((_, i) => i);
    const x = array.from(src);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(N);
    expect(x[N - 1]).toBe(N - 1);
    const y = array(Float64Array, N);
    const ws = await collect(() => {
      axpy(x, y, 2);
      quiet(new Float64Array(N), new Float64Array(N), 2);
    });
    expect(ws.filter((w) => w.code === "PF4001")).toEqual([]);
    expect(y[10]).toBe(20);
    const i8 = array.from(Int8Array.of(1, -2, 3));
    expect(i8).toBeInstanceOf(Int8Array);
    expect(Array.from(i8)).toEqual([1, -2, 3]);
    expect(() => array.from([1, 2] as unknown as Float64Array)).toThrow(TypeError);
    free(x);
    free(y);
    free(i8);
  });

  it("an expensive kernel on ordinary arrays does not warn", async () => {
    const heavy = parallel(heavyFn, { threads: 2 });
    const n = 1 << 17; // 1 MiB per array
    const ws = await collect(() => heavy(new Float64Array(n).fill(1), new Float64Array(n), 1));
    expect(ws.filter((w) => w.code === "PF4001")).toEqual([]);
  });
});

async function collect(f: () => void): Promise<{ code?: string; message: string; type: string }[]> {
  const got: { code?: string; message: string; type: string }[] = [];
  const on = (w: Error & { code?: string }): void => void got.push({ code: w.code, message: w.message, type: w.name });
  process.on("warning", on);
  try {
    f();
    await flush();
    await flush();
  } finally {
    process.off("warning", on);
  }
  return got;
}
