// Builds this app against the repository's dist/ (no npm install needed), serves it on 127.0.0.1
// with COOP/COEP, and saves a headless Chromium screenshot as screenshot.png.
//   node examples/browser-app/screenshot.mjs   (after `npm run build` at the repository root)
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import puppeteer from "puppeteer-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../..");
const { vite: parfor } = await import(join(root, "dist/bundler/index.js"));
const out = mkdtempSync(join(tmpdir(), "parfor-app-"));
await build({
  root: here,
  configFile: false,
  logLevel: "warn",
  plugins: [parfor()],
  resolve: {
    alias: [
      { find: /^parfor$/, replacement: join(root, "dist/browser.js") },
      { find: /^parfor\/precompiled$/, replacement: join(root, "dist/runtime/bundled.js") },
    ],
  },
  build: { outDir: out, emptyOutDir: true, target: "es2022" },
});
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  let file = join(out, new URL(req.url ?? "/", "http://x").pathname);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file.startsWith(out) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, {
    "content-type": types[extname(file)] ?? "application/octet-stream",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
  });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await puppeteer.launch({ executablePath: process.env.PARFOR_CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.setViewport({ width: 760, height: 780 });
page.on("console", (m) => console.log("page:", m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => document.body.dataset.done === "1", { timeout: 120_000 });
await page.screenshot({ path: join(here, "screenshot.png") });
console.log(await page.evaluate(() => document.getElementById("env").textContent + "\n" + document.getElementById("rows").innerText));
await browser.close();
server.close();
rmSync(out, { recursive: true, force: true });
