/**
 * The browser entries import no node: module and no compiler: dist/browser.js (package.json
 * "exports" ".", condition "browser"), the web worker it starts and dist/runtime/bundled.js
 * ("./precompiled", condition "browser") bundle for platform "browser" with nothing external.
 * Runs without a browser.
 */
import { join } from "node:path";
import { gzipSync } from "node:zlib";
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

  it("parfor/jit (opt-in) bundles for a page with TypeScript and the compiler, and no node: module", async () => {
    const r = await build({
      entryPoints: [join(dist, "jit.js")],
      bundle: true,
      write: false,
      outdir: "out",
      platform: "browser",
      format: "esm",
      minify: true,
      metafile: true,
      logLevel: "silent",
      loader: { ".wasm": "file" },
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((f) => f.startsWith("node:"))).toEqual([]);
    // package.json "browser" swaps the compiler's platform module for its web twin
    expect(inputs.filter((f) => /compiler[\\/]platform/.test(f))).toEqual([expect.stringMatching(/platform-web\.js$/)]);
    expect(inputs.some((f) => /node_modules[\\/]typescript[\\/]/.test(f))).toBe(true);
    const js = r.outputFiles.find((f) => f.path.endsWith("jit.js"))!;
    console.log(`parfor/jit for a page: ${(js.contents.length / 1024).toFixed(0)} KiB minified, ${(gzipSync(js.contents).length / 1024).toFixed(0)} KiB gzipped`);
  });
});
