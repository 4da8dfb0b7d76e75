/**
 * parfor in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by .ci/run)
 * driven by puppeteer-core. The page (test/browser/page) is built by Vite with parfor/bundler's
 * vite() plugin, which precompiles its kernels (no compiler in the page), against the built
 * package (dist/, through its "browser" entries), and served from 127.0.0.1 with and without
 * the two cross-origin isolation headers.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = process.env.PARFOR_CHROMIUM ?? "/usr/bin/chromium";
const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const have = existsSync(CHROMIUM);
if (!have) console.log(`test/browser: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does, or set PARFOR_CHROMIUM)`);

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".png": "image/png" };

/** Serves `dir` on 127.0.0.1; `isolate` adds COOP/COEP to every response. */
function serve(dir: string, isolate: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const headers: Record<string, string> = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
    if (isolate) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
    }
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

interface PageResult {
  readonly result: Record<string, unknown>;
  readonly console: string[];
  readonly errors: string[];
}

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
      resolve: {
        alias: [
          { find: /^parfor$/, replacement: join(root, "dist/browser.js") },
          { find: /^parfor\/precompiled$/, replacement: join(root, "dist/runtime/bundled.js") },
        ],
      },
      build: { outDir: out, emptyOutDir: true, target: "es2022" },
    });
    const puppeteer = (await import("puppeteer-core")).default;
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function load(isolate: boolean): Promise<PageResult> {
    const { server, url } = await serve(out, isolate);
    servers.push(server);
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    const errors: string[] = [];
    page.on("console", (m: { text(): string }) => consoleLines.push(m.text()));
    page.on("pageerror", (e: Error) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", { timeout: 30_000 });
    const result = (await page.evaluate(() => (globalThis as unknown as { parforTest: () => Promise<unknown> }).parforTest())) as Record<string, unknown>;
    await page.close();
    return { result, console: consoleLines, errors };
  }

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
    expect(r.poolSize).toBe(0);
    const warnings = lines.filter((l) => l.includes("not cross-origin isolated"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Cross-Origin-Opener-Policy: same-origin");
    expect(warnings[0]).toContain("Cross-Origin-Embedder-Policy: require-corp");
  }, 120_000);
});
