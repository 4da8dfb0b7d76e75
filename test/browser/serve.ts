/**
 * What the browser tests share: Debian's Chromium (or PARFOR_CHROMIUM), a static server on
 * 127.0.0.1 with or without the two cross-origin isolation headers, and loading a page that
 * sets #status to "ready" and window.parforTest().
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

export const CHROMIUM = process.env.PARFOR_CHROMIUM ?? "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);
export const noChromium = `no Chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does, or set PARFOR_CHROMIUM)`;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".png": "image/png" };

/** Serves `dir` on 127.0.0.1; `isolate` adds COOP/COEP to every response. */
export function serve(dir: string, isolate: boolean): Promise<{ server: Server; url: string }> {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function launch(): Promise<any> {
  const puppeteer = (await import("puppeteer-core")).default;
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}

export interface PageResult {
  readonly result: Record<string, unknown>;
  readonly console: string[];
  readonly errors: string[];
}

/** Serves `dir`, opens it, waits for "ready" and returns what window.parforTest() resolves to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function loadPage(browser: any, dir: string, isolate: boolean, servers: Server[]): Promise<PageResult> {
  const { server, url } = await serve(dir, isolate);
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
