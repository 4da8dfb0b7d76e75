/**
 * parfor in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by .ci/run)
 * driven by puppeteer-core. The page (test/browser/page) is built by Vite with parfor/bundler's
 * vite() plugin, which precompiles its kernels (no compiler in the page), against the built
 * package (dist/, through its "browser" entries), and served from 127.0.0.1 with and without
 * the two cross-origin isolation headers.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium as have, launch, loadPage, noChromium, type PageResult } from "./serve.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
if (!have) console.log(`test/browser: skipped: ${noChromium}`);

describe.skipIf(!have)("in headless Chromium", () => {
  let out: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  const servers: Server[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "parfor-browser-"));
    const { build } = await import("vite");
    const { vite: parforPlugin } = await import(join(root, "dist/bundler/index.js"));
    await build({
      root: join(root, "test/browser/page"),
      logLevel: "warn",
      configFile: false,
      plugins: [parforPlugin()],
      // a Web Worker's modules are bundled by Vite's worker pipeline, with its own plugins
      worker: { format: "es", plugins: () => [parforPlugin()] },
      resolve: {
        alias: [
          { find: /^parfor$/, replacement: join(root, "dist/browser.js") },
          { find: /^parfor\/precompiled$/, replacement: join(root, "dist/runtime/bundled.js") },
          { find: /^parfor\/jit$/, replacement: join(root, "dist/jit.js") },
        ],
      },
      build: { outDir: out, emptyOutDir: true, target: "es2022" },
    });
    // the compiler is in a chunk of its own, loaded by the import("parfor/jit"); the entry has none of it
    const assets = readdirSync(join(out, "assets")).filter((f) => f.endsWith(".js"));
    const sizes = assets.map((f) => ({ f, bytes: statSync(join(out, "assets", f)).size, ts: readFileSync(join(out, "assets", f), "utf8").includes("createSourceFile") }));
    const html = readFileSync(join(out, "index.html"), "utf8");
    const entry = sizes.find((s) => html.includes(s.f))!;
    expect(entry.ts).toBe(false);
    const compilerChunk = sizes.filter((s) => s.ts);
    expect(compilerChunk).toHaveLength(1);
    console.log(`page: entry ${(entry.bytes / 1024).toFixed(0)} KiB minified; parfor/jit chunk (TypeScript + parfor's compiler) ${(compilerChunk[0]!.bytes / 1024).toFixed(0)} KiB minified`);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const load = (isolate: boolean): Promise<PageResult> => loadPage(browser, out, isolate, servers);

  function checkResults(r: Record<string, unknown>): void {
    expect(r.countSync).toBe(r.countPlain);
    expect(r.countAsync).toBe(r.countPlain);
    expect(r.afterError).toBe(r.countPlain);
    expect(Math.abs((r.pi as number) - (r.piPlain as number))).toBeLessThan(1e-12);
    expect(r.piAsync).toBe(r.pi); // same bits for any thread count, run after run
    expect(r.waveEqual).toBe(true);
    expect(r.waveAsyncEqual).toBe(true);
    const js = r.plainJs as { rampEqual: boolean; sum: number; sumPlain: number };
    expect(js.rampEqual).toBe(true);
    expect(js.sum).toBe(js.sumPlain);
    const ja = r.plainJsAsync as { got: number; want: number };
    expect(ja.got).toBe(ja.want);
    // sync calls in a module Web Worker of the page: the plain function's results
    const w = r.worker as Record<string, unknown>;
    expect(w.error).toBeUndefined();
    expect(w.isolated).toBe(r.isolated);
    expect(Math.abs((w.first as number) - (w.plain as number))).toBeLessThan(1e-6 * Math.abs(w.plain as number));
    for (const x of w.results as number[]) expect(x).toBe(w.first); // same bits every call, any thread count
    expect(w.scaleEqual).toBe(true);
    // parfor/jit, imported lazily: a kernel made at run time compiles in the page
    const jit = r.jit as Record<string, unknown>;
    expect(jit.before).toMatchObject({ compileError: true, message: expect.stringContaining("the compiler is not loaded here") });
    expect(jit.loaded).toBe(true);
    expect(jit.sync).toBe(jit.plain);
    expect(jit.async).toBe(jit.plain);
    expect(jit.arraysEqual).toBe(true);
    expect(jit.vectorizeEqual).toBe(true);
    console.log(`import("parfor/jit") took ${(jit.loadMs as number).toFixed(0)} ms (served from 127.0.0.1)`);
    for (const e of [r.syncError, r.asyncError] as ({ cls: string; message: string } | null)[]) {
      expect(e?.cls).toBe("RangeError");
      expect(e?.message).toMatch(/index 1000 is out of bounds for array 'a' \(length 1000\)/);
    }
  }

  it("cross-origin isolated: results equal the plain function, several workers, .async keeps timers firing, errors keep their class", async () => {
    const { result: r, console: lines, errors } = await load(true);
    expect(errors).toEqual([]);
    expect(r.isolated).toBe(true);
    checkResults(r);
    expect(r.workersUsed as number).toBeGreaterThanOrEqual(2);
    // the worker's own pool ran, and its sync calls waited for it in Atomics.wait
    const w = r.worker as { poolSize: number; waits: number; workersUsed: number; calls: number };
    expect(w.poolSize).toBeGreaterThanOrEqual(1);
    expect(w.workersUsed).toBeGreaterThanOrEqual(1);
    expect(w.waits).toBeGreaterThan(0);
    console.log(`a module Web Worker of the page: pool of ${w.poolSize}, ${w.waits} Atomics.wait calls during ${w.calls} sync calls once its helper ran`);
    expect(r.poolSize as number).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.includes("Cross-Origin-Embedder-Policy"))).toBe(false);
    // the timer fired all along the long call
    expect(r.longMs as number).toBeGreaterThan(50);
    expect(r.ticks as number).toBeGreaterThanOrEqual(Math.min(5, Math.floor((r.longMs as number) / 20)));
    console.log(`the page's Math differs from parfor's math library (Node 20's V8) on ${JSON.stringify(r.mathDiffers)} of ${r.mathCompared} inputs`);
    console.log(`isolated page: ${r.workersUsed} workers ran jobs; a ${(r.longMs as number).toFixed(0)} ms .async call let a 5 ms timer fire ${r.ticks} times`);
  }, 120_000);

  it("not isolated: kernels run single-threaded in wasm with one warning naming both headers", async () => {
    const { result: r, console: lines, errors } = await load(false);
    expect(errors).toEqual([]);
    expect(r.isolated).toBe(false);
    checkResults(r);
    expect(r.workersUsed).toBe(0);
    expect((r.worker as { poolSize: number }).poolSize).toBe(0);
    expect(r.poolSize).toBe(0);
    // one from the page and one from its Web Worker (each runs its own parfor)
    const warnings = lines.filter((l) => l.includes("not cross-origin isolated"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("Cross-Origin-Opener-Policy: same-origin");
    expect(warnings[0]).toContain("Cross-Origin-Embedder-Policy: require-corp");
  }, 120_000);
});
