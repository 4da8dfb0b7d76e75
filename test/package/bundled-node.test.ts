/**
 * parfor bundled into a program for Node (instead of kept external): its worker entry is not
 * next to the bundle, and the error says so and what to do, instead of pointing at a build step
 * the user does not have.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, expect, test } from "vitest";
import { missingWorkerEntry } from "../../runtime/host/node.js";

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "parfor-bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a bundled parfor says that it was bundled and to keep it external", async () => {
  mkdirSync(join(dir, "out"));
  // TypeScript (loaded at run time with require) is there, as in the user's node_modules
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(
    join(dir, "main.mjs"),
    // the kernel's text is not the bundler's to rename (esbuild renames prange here)
    `import { parallel } from ${JSON.stringify(join(root, "dist/index.js"))};
const k = parallel(new Function("a", "for (const i of prange(a.length)) a[i] = i;"), { threads: 2 });
try { k(new Float64Array(1000)); console.log("ran"); } catch (e) { console.log(e.message); }
`,
  );
  await build({ entryPoints: [join(dir, "main.mjs")], bundle: true, platform: "node", format: "esm", outfile: join(dir, "out/app.mjs"), logLevel: "silent" });
  const r = spawnSync(process.execPath, [join(dir, "out/app.mjs")], { cwd: dir, encoding: "utf8", env: { ...process.env, PARFOR_CACHE: "" } });
  expect(r.stdout).toContain("parfor was bundled into " + join(dir, "out/app.mjs"));
  expect(r.stdout).toContain("Keep parfor external when bundling for Node (esbuild --external:parfor");
  expect(r.stdout).not.toContain("run the TypeScript build");
});

test("unbundled: an incomplete installation, or parfor's own checkout before its build", () => {
  expect(missingWorkerEntry("/x/dist/runtime/worker.js", "file:///x/dist/runtime/host/node.js")).toMatch(/installation is incomplete; reinstall parfor$/);
  expect(missingWorkerEntry("/x/dist/runtime/worker.js", "file:///x/runtime/host/node.ts")).toMatch(/run npm run build in parfor's checkout/);
});
