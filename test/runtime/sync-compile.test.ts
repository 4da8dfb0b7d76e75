/**
 * Synchronous compiles run on the compile worker (runtime/compile-client.ts, onWorkerSync): a
 * process's first parallel(), its calls and kernel.diagnostics never load TypeScript on the
 * calling thread, and give the same results and errors; PARFOR_COMPILE_ON_THREAD=1 compiles on
 * the calling thread instead.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const dist = pathToFileURL(join(import.meta.dirname, "../../dist/")).href;
const fixture = join(import.meta.dirname, "fixtures/first-sync.mjs");

function run(env: Record<string, string>) {
  const p = spawnSync(process.execPath, [fixture, dist], { encoding: "utf8", timeout: 60_000, env: { ...process.env, PARFOR_CACHE: "", ...env } });
  expect(p.stderr).toBe("");
  expect(p.status).toBe(0);
  return JSON.parse(p.stdout.trim().split("\n").pop()!) as {
    typescript: boolean;
    requests: { shape: number; compile: number; check: number };
    r1: number;
    r2: number;
    r3: number;
    asyncOffThread: number;
    early: { cls: string; line: string | null } | null;
    diagnostics: number;
  };
}

describe("synchronous compiles", () => {
  it("run on the compile worker: TypeScript never loads on the calling thread, results and errors as before", () => {
    const m = run({});
    expect(m.typescript).toBe(false);
    // two parallel() parses, two signatures (kernel.diagnostics reads what they reported)
    expect(m.requests).toEqual({ shape: 2, compile: 2, check: 0 });
    expect(m.r1).toBe(999000);
    expect(m.r2).toBe(3);
    expect(m.r3).toBe(2);
    expect(m.asyncOffThread).toBe(1);
    expect(m.early).toEqual({ cls: "ParforCompileError", line: "18" });
    expect(m.diagnostics).toBe(0);
  });

  it("with PARFOR_COMPILE_ON_THREAD=1 run on the calling thread, with the same results and errors", () => {
    const m = run({ PARFOR_COMPILE_ON_THREAD: "1" });
    expect(m.typescript).toBe(true);
    expect(m.requests).toEqual({ shape: 0, compile: 0, check: 0 });
    expect(m.r1).toBe(999000);
    expect(m.r2).toBe(3);
    expect(m.asyncOffThread).toBe(1);
    expect(m.early).toEqual({ cls: "ParforCompileError", line: "18" });
  });
});

describe("a compile worker that dies holding a synchronous request", () => {
  it("is noticed at once: the caller compiles on its own thread, results and errors as before, and .async still compiles off it", () => {
    const t0 = Date.now();
    const m = run({ PARFOR_FAULT_COMPILE_WORKER: "exit" });
    const ms = Date.now() - t0;
    expect(m.typescript).toBe(true);
    expect(m.r1).toBe(999000);
    expect(m.r2).toBe(3);
    // only synchronous compiles stay on the thread: a later .async still gets a worker and never blocks
    expect(m.asyncOffThread).toBe(1);
    expect(m.r3).toBe(2);
    expect(m.early).toEqual({ cls: "ParforCompileError", line: "18" });
    // the whole child process: TypeScript's load on its own thread dominates; a missed exit would wait 20 s
    expect(ms).toBeLessThan(15_000);
  });
});
