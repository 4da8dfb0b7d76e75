/**
 * `parfor build` with module-level helpers (issue 10 item 3): a kernel calling functions and
 * reading constants of its own module and of an imported one is compiled with them, needs no
 * `globals` at run time (the precompiled kernel runs without loading the compiler and gives the
 * plain function's bits), and a helper module that changed after the build is noticed: the kernel
 * is not used, with a warning that says to build again.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/cli/parfor.js");
const tmp = mkdtempSync(join(tmpdir(), "parfor-build-helpers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// children tell a run-time compile by TypeScript in their module cache: they compile on their main thread
const node = (args: string[], cwd: string) =>
  run(process.execPath, args, { cwd, env: { ...process.env, PARFOR_CACHE: "", PARFOR_MANIFEST: "", PARFOR_COMPILE_ON_THREAD: "1" }, maxBuffer: 1 << 24 });

describe("parfor build: module-level helpers", () => {
  const proj = join(tmp, "proj");
  it("compiles the kernel with its module's and an imported module's helpers; it runs precompiled with the plain bits", async () => {
    mkdirSync(join(proj, "src"), { recursive: true });
    mkdirSync(join(proj, "node_modules"));
    symlinkSync(root, join(proj, "node_modules/parfor"), "dir");
    writeFileSync(join(proj, "package.json"), JSON.stringify({ name: "proj", type: "module" }));
    writeFileSync(
      join(proj, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist", rootDir: "src", strict: true, skipLibCheck: true, typeRoots: [join(root, "node_modules/@types")], types: ["node"] }, include: ["src"] }),
    );
    writeFileSync(
      join(proj, "src/helpers.ts"),
      `const RSQRT2PI = 0.3989422804014327;
const A1 = 0.31938153;
const A2 = -0.356563782;
function poly(k: number): number {
  return k * (A1 + k * A2);
}
export function cnd(d: number): number {
  const K = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
  let r = RSQRT2PI * Math.exp(-0.5 * d * d) * poly(K);
  if (d > 0) r = 1.0 - r;
  return r;
}
`,
    );
    writeFileSync(
      join(proj, "src/kernels.ts"),
      `import { parallel, prange } from "parfor";
import { cnd } from "./helpers.js";

const SCALE = 2;
const sq = (x: number): number => x * x;

export function price(out: Float64Array, d: Float64Array): void {
  for (const i of prange(d.length)) out[i] = cnd(d[i]) + sq(d[i]) * SCALE;
}
export const k = parallel(price, { threads: 2 });
`,
    );
    writeFileSync(
      join(proj, "src/main.ts"),
      `import { createRequire } from "node:module";
import { k } from "./kernels.js";
const d = Float64Array.from({ length: 1000 }, (_, i) => (i - 500) / 37);
const want = new Float64Array(d.length);
k.fn(want, d);
const got = new Float64Array(d.length);
let error = null;
try {
  k(got, d);
} catch (e) {
  error = e instanceof Error ? e.constructor.name + ": " + e.message.split("\\n").slice(0, 2).join(" ") : String(e);
}
const same = got.every((v, i) => Object.is(v, want[i]));
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\\\/]typescript[\\\\/]/.test(f));
console.log(JSON.stringify({ same, error, loaded: loaded.length }));
`,
    );
    await node([join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], proj);
    const b = await node([cli, "build"], proj);
    expect(b.stdout).toMatch(/^built src\/kernels\.ts:7 price: \d+ specialisation/m);
    expect(b.stdout).not.toMatch(/skipped|error/);
    const manifest = JSON.parse(readFileSync(join(proj, "dist/parfor-manifest.json"), "utf8"));
    const rec = Object.values(manifest.kernels as Record<string, { name: string; helpers?: { file: string }[] }>).find((x) => x.name === "price")!;
    expect(rec.helpers!.map((h) => h.file).sort()).toEqual(["helpers.js", "kernels.js"]);
    const m = await node([join(proj, "dist/main.js")], proj);
    expect(JSON.parse(m.stdout)).toEqual({ same: true, error: null, loaded: 0 });
  });

  it("a helper module changed after the build: the kernel is not used, and the warning says to build again", async () => {
    const f = join(proj, "dist/helpers.js");
    writeFileSync(f, readFileSync(f, "utf8").replace("0.31938153", "0.31938154"));
    const m = await node([join(proj, "dist/main.js")], proj);
    expect(m.stderr).toMatch(/helpers\.js, whose functions it calls, changed since parfor build/);
    // compiled at run time without the helpers, the kernel is the error parallel() gives for an unknown call
    expect(JSON.parse(m.stdout).error).toMatch(/ParforCompileError.*cnd/);
    const b = await node([cli, "build"], proj);
    expect(b.stdout).toMatch(/^built src\/kernels\.ts:7 price/m);
    expect(JSON.parse((await node([join(proj, "dist/main.js")], proj)).stdout)).toEqual({ same: true, error: null, loaded: 0 });
  });
});
