/**
 * Faults and misuse, each scenario in its own process (fixtures/faults.mjs) so that a hang is a
 * failed test, not a stuck runner: workers killed before and during sync and async calls, shutdown
 * without await, eval-only node flags, re-entrant calls.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const dist = pathToFileURL(join(import.meta.dirname, "../../dist/")).href;
const script = join(import.meta.dirname, "fixtures/faults.mjs");

interface Run {
  code: number | null;
  out: Record<string, unknown>;
  err: string;
  ms: number;
}

function run(scenario: string, opts: { nodeArgs?: string[]; viaEval?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  const args = opts.viaEval
    ? [...(opts.nodeArgs ?? []), "-e", `await import(${JSON.stringify(pathToFileURL(script).href)})`]
    : [...(opts.nodeArgs ?? []), script, dist, scenario];
  const env = { ...process.env, FAULT_ARGS: opts.viaEval ? JSON.stringify([dist, scenario]) : "" };
  const t0 = Date.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").pop() ?? "";
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        parsed = { unparsed: out };
      }
      resolve({ code, out: parsed, err, ms: Date.now() - t0 });
    });
  });
}

describe("a worker that dies", () => {
  it("during a synchronous call fails the call within ~100 ms, naming the worker, and the next call works", async () => {
    const r = await run("kill-helper-during-sync");
    expect(r.code, r.err).toBe(0);
    expect(r.out.error).toMatch(/worker thread 0 died during a call to kernel 'skewed'/);
    // from the kill to the throw (the caller's own share is tiny); without the watcher it hangs
    expect(r.out.ms as number).toBeLessThan(1000);
    expect(r.out.next).toBe(true);
  });

  it("as a helper of an async call rejects it only after every thread stopped writing", async () => {
    const r = await run("kill-helper-during-async");
    expect(r.code, r.err).toBe(0);
    expect(r.out.error).toMatch(/worker thread 1 died during a call to kernel 'skewed'/);
    expect(r.out.strayNew).toBe(0); // a new parfor array stays zero
    expect(r.out.strayOld).toBe(false); // the caller's array is not written after the rejection
    expect(r.out.next).toBe(true);
  });

  it("as the leader of an async call rejects it after its helpers stopped", async () => {
    const r = await run("kill-leader-during-async");
    expect(r.code, r.err).toBe(0);
    expect(r.out.error).toMatch(/worker thread 0 died during an async call to kernel 'skewed'/);
    expect(r.out.strayNew).toBe(0);
    expect(r.out.strayOld).toBe(false);
    expect(r.out.next).toBe(true);
  });

  it("just before a call: the call fails clearly or gives the plain answer, never hangs", async () => {
    const r = await run("kill-before-sync");
    expect(r.code, r.err).toBe(0);
    if (r.out.error !== null) expect(r.out.error).toMatch(/worker thread 0 died/);
    else expect(r.out.same).toBe(true);
  });
});

describe("lifecycle", () => {
  it("shutdown() not awaited, then .async: the call settles on a new pool and the process exits", async () => {
    const r = await run("shutdown-then-async", { timeoutMs: 10_000 });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toEqual({ r1: 499500, r2: 499500, r3: 1999000 });
  });

  it("workers start under node --input-type=module -e (they do not inherit eval-only flags)", async () => {
    const r = await run("eval-flags", { viaEval: true, nodeArgs: ["--input-type=module", "--expose-gc"], timeoutMs: 10_000 });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/ERR_INPUT_TYPE_NOT_ALLOWED|did not start/);
    expect(r.out.r).toBe(4999950000);
    expect(r.out.ms as number).toBeLessThan(5000);
  });

  it("a kernel called from inside a running call (a replaced Math function) gives the plain result", async () => {
    const r = await run("reentrant");
    expect(r.code, r.err).toBe(0);
    expect(r.out.okOuter).toBe(true);
    expect(r.out.calls).toBe(true);
    expect(r.out.self).toEqual(Array(8).fill(0.25));
    expect(r.err).toMatch(/PARFOR_REENTRANT/);
  });

  it("a first call with 64 threads starts a batch of workers and does not wait for the rest", async () => {
    const r = await run("many-threads", { timeoutMs: 30_000 });
    expect(r.code, r.err).toBe(0);
    expect(r.out.r1).toBe(499999500000);
    expect(r.out.r2).toBe(499999500000);
    expect(r.out.r3).toBe(499999500000);
    expect(r.out.poolAfterFirst as number).toBeLessThan(63);
    expect(r.out.poolLater).toBe(64);
  });

  it("transient kernels give back their frames and instances", async () => {
    const r = await run("transient-kernels", { nodeArgs: ["--expose-gc"], timeoutMs: 60_000 });
    expect(r.code, r.err).toBe(0);
    expect(r.out.last).toBe(1023 + 1999);
    expect(r.out.liveKernels).toBe(0);
    expect(r.out.bytesInUse).toBe(8192); // only the test's own array
    expect(r.out.heapMiB as number).toBeLessThan(10);
  }, 90_000);
});
