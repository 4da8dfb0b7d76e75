/**
 * The "done when": a page a user writes with Vite and parfor/bundler's vite() plugin,
 * importing parfor from the packed tarball, works with no configuration beyond the two headers.
 * `npm pack`, install the tarball and the repository's Vite into a temp app
 * (test/package/browser-app: a TypeScript kernel, plain-JavaScript kernels typed by JSDoc and by
 * their calls, a kernel made at run time for parfor/jit), `vite build`, serve the output with and
 * without COOP/COEP, and check the results in headless Chromium.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium, launch, loadPage, noChromium } from "../browser/serve.js";
import { installApp, ok, pack, repo, sh } from "./pack.js";

if (!haveChromium) console.log(`test/package/browser-app: skipped: ${noChromium}`);

describe.skipIf(!haveChromium)("a Vite page using the packed tarball, in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "parfor-browser-app-"));
  const app = join(dir, "app");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  const servers: Server[] = [];
  let buildOutput = "";

  beforeAll(async () => {
    const packed = pack(dir);
    installApp(dir, app, packed, ["vite"]);
    cpSync(join(repo, "test/package/browser-app"), app, { recursive: true });
    const r = sh(process.execPath, [join(app, "node_modules/vite/bin/vite.js"), "build"], app);
    buildOutput = r.stdout + r.stderr;
    ok(r);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function check(r: Record<string, unknown>): void {
    expect(Math.abs((r.pi as number) - (r.piPlain as number))).toBeLessThan(1e-12);
    expect(r.piAsync).toBe(r.pi);
    expect(r.pi2).toBe(r.pi);
    expect(r.scaleEqual).toBe(true);
    const c = r.counts as { got: number; want: number };
    expect(c.got).toBe(c.want);
    expect(r.jit).toEqual({ loaded: true, got: (r.jit as { want: number }).want, want: (r.jit as { want: number }).want });
  }

  it("builds with no node: module shimmed, and parfor's only remark is the kernel made at run time", () => {
    expect(buildOutput).not.toMatch(/externalized for browser compatibility/);
    // Vite colours its log when it thinks a terminal or a CI log reads it (CI=true): compare the plain text
    const plain = buildOutput.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain.split("\n").filter((l) => l.includes("parfor:"))).toEqual([expect.stringMatching(/main\.ts:\d+:\d+ - skipped: the kernel is not a function of this module; it is compiled at run time$/)]);
  });

  it("isolated: the plain functions' results, on several threads", async () => {
    const { result, errors } = await loadPage(browser, join(app, "dist"), true, servers);
    expect(errors).toEqual([]);
    expect(result.isolated).toBe(true);
    check(result);
    expect(result.workersUsed as number).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("not isolated: the same results on one thread, with the warning naming both headers", async () => {
    const { result, errors, console: lines } = await loadPage(browser, join(app, "dist"), false, servers);
    expect(errors).toEqual([]);
    expect(result.isolated).toBe(false);
    check(result);
    expect(result.workersUsed).toBe(0);
    const warnings = lines.filter((l) => l.includes("not cross-origin isolated"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Cross-Origin-Embedder-Policy: require-corp");
  }, 60_000);
});
