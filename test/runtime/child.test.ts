import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { sumKernel, sumReference } from "./kernels.js";

describe("process lifetime", () => {
  it("a process that ran kernels exits without shutdown()", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-child-"));
    const spec = join(dir, "kernel.json");
    const k = sumKernel();
    writeFileSync(spec, JSON.stringify({ ...k, wasm: Array.from(k.wasm) }));
    const dist = pathToFileURL(join(import.meta.dirname, "../../dist/runtime/")).href;
    const script = join(import.meta.dirname, "fixtures/child.mjs");
    const t0 = Date.now();
    const child = spawn(process.execPath, [script, dist, spec], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(-1);
      }, 10_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const r = JSON.parse(out) as { s1: number; s2: number; last: number };
    const n = 100000;
    expect(r.s1).toBe(sumReference(0, n, Math.ceil(n / 256)));
    expect(r.s2).toBe(sumReference(0, n, 64));
    expect(r.last).toBe(2 * (n - 1));
  });
});
