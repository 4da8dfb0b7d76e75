/**
 * The browser entries import no node: module and no compiler: dist/browser.js (package.json
 * "exports" ".", condition "browser"), the web worker it starts and dist/runtime/bundled.js
 * ("./precompiled", condition "browser") bundle for platform "browser" with nothing external.
 * Runs without a browser.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

describe("browser bundle", () => {
  it("has no node: imports, no TypeScript and no compiler front end", async () => {
    const r = await build({
      entryPoints: [join(dist, "browser.js"), join(dist, "runtime/web-worker.js"), join(dist, "runtime/bundled.js")],
      bundle: true,
      write: false,
      outdir: "out",
      platform: "browser",
      format: "esm",
      metafile: true,
      logLevel: "silent",
      // new URL("...", import.meta.url) assets stay as they are
      loader: { ".wasm": "file" },
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((f) => f.startsWith("node:") || /node_modules[\\/]typescript/.test(f))).toEqual([]);
    expect(inputs.filter((f) => /compiler[\\/](frontend|lower|index)/.test(f))).toEqual([]);
    const bytes = r.outputFiles.filter((f) => f.path.endsWith("browser.js")).reduce((n, f) => n + f.contents.length, 0);
    console.log(`browser entry: ${(bytes / 1024).toFixed(0)} KiB unminified, ${inputs.length} modules`);
  });
});
