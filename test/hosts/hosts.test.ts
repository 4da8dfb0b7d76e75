/**
 * Deno and Bun run the core subset (test/hosts/core.mjs) on dist/: they load the Node entry and
 * its node: modules (worker_threads, fs, module). Their binaries come from the npm packages
 * `deno` and `bun` (devDependencies); a runtime whose binary is missing is skipped with a reason.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = fileURLToPath(new URL("core.mjs", import.meta.url));
const runtimes = [
  { name: "deno", bin: `${root}node_modules/.bin/deno`, args: ["run", "-A", script] },
  { name: "bun", bin: `${root}node_modules/.bin/bun`, args: [script] },
];

describe("other runtimes", () => {
  for (const r of runtimes) {
    const have = existsSync(r.bin) && spawnSync(r.bin, ["--version"], { timeout: 30_000 }).status === 0;
    if (!have) console.log(`test/hosts: ${r.name} skipped: no working binary at ${r.bin} (npm ci installs it)`);
    it.skipIf(!have)(`${r.name}: results equal the plain functions on 1 and 2 threads, sync and async; errors keep their class`, () => {
      const p = spawnSync(r.bin, r.args, { cwd: root, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
      const line = p.stdout.trim().split("\n").pop() ?? "";
      expect(p.status, p.stderr).toBe(0);
      const { checks, info } = JSON.parse(line) as { checks: Record<string, boolean>; info: { mathDiffers: number; of: number } };
      console.log(`${r.name}: sin(x) + exp(y) differs from parfor's (Node 20's V8) in the last bit on ${info.mathDiffers} of ${info.of} inputs`);
      expect(Object.entries(checks).filter(([, ok]) => !ok)).toEqual([]);
      expect(Object.keys(checks).length).toBe(10);
    }, 150_000);
  }
});
