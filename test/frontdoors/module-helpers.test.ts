/**
 * Module-level helpers (issue 10 item 3): a kernel that calls functions and reads constants
 * declared at the top level of its module, or imported from a relative module of the project,
 * is analysed and compiled by every front door that sees the module (`parfor check`, the ESLint
 * rules, the tsserver plugin through the same analysis, the bundler plugin) with those helpers
 * bound as `parallel`'s `globals` would bind them, so it needs no option. `parfor build` is tested
 * on a whole project in test/aot/module-helpers.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findKernels } from "../../compiler/index.js";
import { checkFile } from "../../cli/check.js";
import { analyseFile } from "../../eslint/analysis.js";
import { transformKernels } from "../../bundler/index.js";

const dir = mkdtempSync(join(tmpdir(), "parfor-helpers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HELPERS = `
const RSQRT2PI = 0.3989422804014327;
const A1 = 0.31938153, A2 = -0.356563782;
function poly(k: number): number { return k * (A1 + k * A2); }
export function cnd(d: number): number {
  const K = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
  let r = RSQRT2PI * Math.exp(-0.5 * d * d) * poly(K);
  if (d > 0) r = 1.0 - r;
  return r;
}
export const sq = (x: number) => x * x;
export function bump(out: Float64Array, v: number): void { out[0] = v; }
`;
writeFileSync(join(dir, "helpers.ts"), `import { prange } from "parfor";\n${HELPERS}`);

const KERNELS = `import { parallel, prange } from "parfor";
import { cnd, sq as square, bump } from "./helpers.js";

const SCALE = 2;
function local(x: number): number { return square(x) * SCALE; }

export function price(out: Float64Array, d: Float64Array): void {
  for (const i of prange(d.length)) out[i] = cnd(d[i]) + local(d[i]);
}
export const k1 = parallel(price);

export function racy(out: Float64Array, d: Float64Array): void {
  for (const i of prange(d.length)) bump(out, d[i]);
}
`;
const kernelsFile = join(dir, "kernels.ts");
writeFileSync(kernelsFile, KERNELS);

describe("module-level helpers", () => {
  test("findKernels binds the file's functions and constants a kernel uses, and the imported ones with theirs", () => {
    const { kernels } = findKernels(kernelsFile, KERNELS);
    const price = kernels.find((k) => k.text.startsWith("function price"))!;
    expect(Object.keys(price.globals ?? {}).sort()).toEqual(["A1", "A2", "RSQRT2PI", "SCALE", "cnd", "local", "poly", "square"]);
    expect(price.globals!["SCALE"]).toBe(2);
    expect(price.globals!["A2"]).toBe(-0.356563782);
    expect((price.globals!["square"] as { fn: string }).fn).toBe("(x: number) => x * x");
    expect((price.globals!["cnd"] as { fn: string }).fn).toMatch(/^function cnd\(d: number\): number \{/);
  });

  test("a name declared in the kernel is not taken from the module; an unknown name stays free", () => {
    const text = `const n = 5;\nfunction f(x: number) { return x + 1; }\nexport function k(a: Float64Array, n: number) { const f = 3; for (const i of prange(n)) a[i] = f + g(i); }\n`;
    const [k] = findKernels(join(dir, "shadow.ts"), text).kernels;
    expect(k!.globals).toBeUndefined();
  });

  test("parfor check: the kernel compiles, and a race inside an imported helper is reported at the call", () => {
    const ds = checkFile(kernelsFile);
    expect(ds.filter((d) => d.severity === "error")).toEqual([]);
    const race = ds.filter((d) => d.code === "PF2002");
    expect(race.length).toBe(1);
    expect(race[0]!.line).toBe(13);
    expect(race[0]!.message).toMatch(/bump/);
  });

  test("ESLint (and tsserver, which uses the same analysis): no compile error, the helper's race found", () => {
    const fs = analyseFile(kernelsFile, KERNELS);
    expect(fs.filter((f) => f.code.startsWith("PF1"))).toEqual([]);
    expect(fs.map((f) => f.code)).toEqual(["PF2002"]);
  });

  test("without the module's helpers the same kernel does not compile (what the front doors used to say)", () => {
    const r = findKernels(join(dir, "alone.ts"), KERNELS.replace(/^import \{ cnd.*$/m, "").replace(/^function local.*$/m, "").replace("const SCALE = 2;", ""));
    const ds = checkFile(join(dir, "alone.ts"), KERNELS.replace(/^import \{ cnd.*$/m, ""));
    expect(r.kernels.find((k) => k.text.startsWith("function price"))!.globals).toBeUndefined();
    expect(ds.some((d) => d.code === "PF1003")).toBe(true);
  });

  test("bundler plugin: the kernel is compiled with its helpers, keyed as the run time keys it (no globals)", () => {
    const r = transformKernels(KERNELS, kernelsFile)!;
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => /skipped|PF1/.test(w))).toEqual([]);
    expect(r.kernels).toBe(1);
    expect(r.code).toContain("__parforBind(price");
  });

  test("two different helpers needing one name are refused, not guessed", () => {
    writeFileSync(join(dir, "other.ts"), `const K = 2;\nexport function twice(x: number) { return x * K; }\n`);
    const text = `import { parallel, prange } from "parfor";\nimport { twice } from "./other.js";\nconst K = 3;\nexport const k = parallel((a: Float64Array) => { for (const i of prange(a.length)) a[i] = twice(a[i]) + K; });\n`;
    const r = transformKernels(text, join(dir, "clash.ts"))!;
    expect(r.kernels).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/two different helpers are both called 'K'/);
  });
});
