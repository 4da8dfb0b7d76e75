/**
 * Processes that cannot run kernels as usual, in child processes started with the flags:
 *  - no WebAssembly (`--jitless`, `--no-expose-wasm`): `fallback: "js"` runs the plain function
 *    with exactly one warning that says why; any other kernel throws an Error that says why and
 *    which flag is the cause (instead of "Cannot read properties of undefined (reading 'Module')");
 *  - Node's permission model without `--allow-worker`: kernels run compiled on the calling thread
 *    alone (one warning naming --allow-worker), `.async` and `threads: 4` included.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

interface Outcome {
  readonly [k: string]: unknown;
  readonly warnings: { name: string; code: string; message: string }[];
}

async function run(flags: string[]): Promise<Outcome> {
  const dist = pathToFileURL(join(import.meta.dirname, "../../dist/")).href;
  const script = join(import.meta.dirname, "fixtures/no-wasm.mjs");
  const child = spawn(process.execPath, [...flags, script, dist], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PARFOR_CACHE: "", NODE_OPTIONS: "" } });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, err).toBe(0);
  return JSON.parse(out) as Outcome;
}

const ONE_TO_FOUR = [1, 2, 3, 4];

describe.each([
  ["--jitless", /--jitless/],
  ["--no-expose-wasm", /--no-expose-wasm/],
])("node %s (no WebAssembly)", (flag, names) => {
  it('fallback: "js" runs the plain function with one warning; other kernels throw an Error that says why', async () => {
    const o = await run([flag]);
    expect(o["jsSync"]).toBe(10);
    expect(o["jsAsync"]).toBe(10);
    expect(o["js2Sync"]).toEqual([2, 4, 6, 8]);
    expect(o["js2Async"]).toEqual(ONE_TO_FOUR);
    expect(o.warnings.length).toBe(1);
    const w = o.warnings[0]!;
    expect(w.code).toBe("PARFOR_NO_WASM");
    expect(w.message).toMatch(/WebAssembly is unavailable/);
    expect(w.message).toMatch(names);
    for (const k of ["strictSync", "strictAsync", "manySync", "manyAsync"]) {
      const e = o[k] as { error: string; message: string };
      expect(e.error).toBe("Error");
      expect(e.message).toMatch(/^parfor: cannot run kernel '(sum|scale)': WebAssembly is unavailable/);
      expect(e.message).toMatch(names);
      expect(e.message).toMatch(/fallback: "js"/);
    }
    // parfor's memory needs WebAssembly too: the same reason, not a TypeError from inside
    const e = o["array"] as { error: string; message: string };
    expect(e.message).toMatch(/^parfor: WebAssembly is unavailable/);
    expect(e.message).toMatch(names);
  });
});

describe("Node's permission model without --allow-worker", () => {
  it("kernels run compiled on the calling thread, with one warning naming --allow-worker", async () => {
    const o = await run(["--experimental-permission", "--allow-fs-read=*"]);
    expect(o["jsSync"]).toBe(10);
    expect(o["jsAsync"]).toBe(10);
    expect(o["js2Sync"]).toEqual([2, 4, 6, 8]);
    expect(o["js2Async"]).toEqual(ONE_TO_FOUR);
    expect(o["strictSync"]).toBe(10);
    expect(o["strictAsync"]).toBe(10);
    expect(o["manySync"]).toEqual([3, 6, 9, 12]);
    expect(o["manyAsync"]).toEqual(ONE_TO_FOUR);
    expect(o["array"]).toBe(4);
    expect(o.warnings.map((w) => w.code)).toEqual(["PARFOR_NO_WORKERS"]);
    expect(o.warnings[0]!.message).toMatch(/--allow-worker/);
  });

  it("with --allow-worker, the pool and the compile worker work as usual (no warning)", async () => {
    const o = await run(["--experimental-permission", "--allow-fs-read=*", "--allow-worker"]);
    expect(o["strictSync"]).toBe(10);
    expect(o["strictAsync"]).toBe(10);
    expect(o["manySync"]).toEqual([3, 6, 9, 12]);
    expect(o["manyAsync"]).toEqual(ONE_TO_FOUR);
    expect(o.warnings).toEqual([]);
  });
});

describe("no flags (the baseline of the cases above)", () => {
  it("runs every kernel compiled; an .async that waits for more workers to boot keeps the process alive until it settles", async () => {
    // manyAsync: a new signature on 4 threads after a sync call on 4: the call waits (without
    // blocking) for the pool to boot, and a pending Atomics.waitAsync alone does not keep node up
    const o = await run([]);
    expect(o["strictSync"]).toBe(10);
    expect(o["strictAsync"]).toBe(10);
    expect(o["manySync"]).toEqual([3, 6, 9, 12]);
    expect(o["manyAsync"]).toEqual(ONE_TO_FOUR);
    expect(o["array"]).toBe(4);
    expect(o.warnings).toEqual([]);
  });
});
