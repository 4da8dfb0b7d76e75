/**
 * `parfor build` on projects as users have them: one kernel that cannot compile does not stop the
 * others from being written (exit 1 only when such a kernel has no `fallback: "js"`), `globals`
 * bound like `parfor check` binds them, and clear messages for a missing or broken tsconfig and
 * for bad flags.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";

const root = process.cwd();
const cli = join(root, "dist/cli/parfor.js");
const tmp = mkdtempSync(join(tmpdir(), "parfor-build-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const node = (args: string[], cwd: string) =>
  spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, PARFOR_CACHE: "", PARFOR_MANIFEST: "" } });

/** A project that uses the repository's parfor, with `files` under src/, built with tsc. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules/parfor"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, type: "module" }));
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist", rootDir: "src", strict: true, skipLibCheck: true, typeRoots: [join(root, "node_modules/@types")], types: ["node"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, "src", f), text);
  const tsc = node([join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], dir);
  if (tsc.status !== 0) throw new Error(tsc.stdout + tsc.stderr);
  return dir;
}

const kernels = (dir: string): string[] =>
  Object.values((JSON.parse(readFileSync(join(dir, "dist/parfor-manifest.json"), "utf8")) as { kernels: Record<string, { name: string }> }).kernels)
    .map((k) => k.name)
    .sort();

const GOOD = `import { parallel, prange } from "parfor";
export const good = parallel(function good(a: Float64Array): void {
  for (const i of prange(a.length)) a[i] = 2 * i;
});
`;
const FALLBACK = `import { parallel, prange } from "parfor";
export const lenient = parallel(function lenient(a: Float64Array): void {
  for (const i of prange(a.length)) a[i] = Math.fround(i) + "x".length;
}, { fallback: "js" });
`;
const BAD = `import { parallel, prange } from "parfor";
declare function helper(x: number): number;
export const strict = parallel(function strict(a: Float64Array): void {
  for (const i of prange(a.length)) a[i] = helper(i);
});
`;

describe("parfor build with kernels that do not compile", () => {
  test("writes every kernel that compiles, reports each that does not (file:line, reason); exit 1 only for one without fallback", () => {
    const dir = project("failing", { "good.ts": GOOD, "lenient.ts": FALLBACK, "strict.ts": BAD });
    const r = node([cli, "build"], dir);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^built src\/good\.ts:2 good: 1 specialisation/m);
    expect(r.stdout).toMatch(/^src\/strict\.ts:4:\d+ - error PF1003: /m);
    expect(r.stdout).toMatch(/^src\/strict\.ts:3:\d+ - not built: kernel 'strict' \(1 error\); it fails when called/m);
    expect(r.stdout).toMatch(/^src\/lenient\.ts:3:\d+ - error PF\d+: /m);
    expect(r.stdout).toMatch(/^src\/lenient\.ts:2:\d+ - not built: kernel 'lenient' \(\d+ errors?\); fallback: "js": it runs as plain JavaScript/m);
    expect(r.stderr).toMatch(/1 kernel\(s\) built, 2 not built \(1 without fallback: "js"\)/);
    expect(kernels(dir)).toEqual(["good"]);

    rmSync(join(dir, "src/strict.ts"));
    rmSync(join(dir, "dist/strict.js"));
    const json = node([cli, "build", "--format", "json"], dir);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as { failed: { name: string; file: string; line: number; fallback: boolean; reason: string }[] };
    expect(report.failed.map((f) => [f.name, f.line, f.fallback])).toEqual([["lenient", 2, true]]);
    expect(report.failed[0]!.reason).toMatch(/^PF1001: /);
    expect(kernels(dir)).toEqual(["good"]);
  });
});

describe("parfor build binds globals as parfor check does", () => {
  test("globals: { N } and { N: N } naming module-level constants are bound, and the built kernel is used at run time", () => {
    const dir = project("globals", {
      "k.ts": `import { parallel, prange } from "parfor";
const N = 100;
const SCALE: number = 3;
const ON = true;
export const fill = parallel(function fill(a: Float64Array): void {
  for (const i of prange(N)) a[i] = ON ? i * SCALE : 0;
}, { globals: { N, SCALE: SCALE, ON } });
`,
      "main.ts": `import { createRequire } from "node:module";
import { fill } from "./k.js";
const a = new Float64Array(100);
fill(a);
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\\\/]typescript[\\\\/]/.test(f));
console.log(JSON.stringify({ last: a[99], loaded }));
`,
    });
    const check = node([cli, "check", "src/k.ts"], dir);
    expect(check.status).toBe(0);
    const r = node([cli, "build"], dir);
    expect(r.stdout).not.toMatch(/skipped/);
    expect(r.stdout).toMatch(/^built src\/k\.ts:5 fill: 1 specialisation/m);
    expect(r.status).toBe(0);
    const run = node(["dist/main.js"], dir);
    expect(JSON.parse(run.stdout)).toEqual({ last: 297, loaded: [] });
  });

  test("a global whose value is not known at build time is skipped with the reason", () => {
    const dir = project("unknown-global", {
      "k.ts": `import { parallel, prange } from "parfor";
const N = process.argv.length;
export const fill = parallel((a: Float64Array): void => {
  for (const i of prange(N)) a[i] = i;
}, { globals: { N } });
`,
    });
    const r = node([cli, "build"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/src\/k\.ts:3:\d+ - skipped: options\.globals\.N is not a constant known at build time/);
  });
});

describe("parfor build: usage errors", () => {
  const empty = join(tmp, "empty");
  mkdirSync(empty, { recursive: true });

  test("no tsconfig: says which file is missing and what to pass, no stack", () => {
    const r = node([cli, "build"], empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`parfor build: ${join(empty, "tsconfig.json")} does not exist`);
    expect(r.stderr).toContain("--project");
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const p = node([cli, "build", "-p", "nope/tsconfig.app.json"], empty);
    expect(p.status).toBe(2);
    expect(p.stderr).toContain(`${join(empty, "nope/tsconfig.app.json")} does not exist`);
  });

  test("a tsconfig that does not parse, or has bad options: TypeScript's message with the file", () => {
    writeFileSync(join(empty, "tsconfig.json"), `{ "compilerOptions": { "strict": true, } "include": [] `);
    const r = node([cli, "build"], empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^parfor build: cannot read .*tsconfig\.json: /m);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    writeFileSync(join(empty, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nonsense" } }));
    const o = node([cli, "build"], empty);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/cannot read .*tsconfig\.json: .*module/);
    rmSync(join(empty, "tsconfig.json"));
  });

  test("each bad flag gets its own message; --help lists every flag", () => {
    const v = node([cli, "build", "--max-variants", "0"], empty);
    expect(v.status).toBe(2);
    expect(v.stderr.split("\n")[0]).toBe("parfor build: --max-variants must be a positive integer, got '0'");
    const f = node([cli, "build", "--format", "xml"], empty);
    expect(f.status).toBe(2);
    expect(f.stderr.split("\n")[0]).toBe("parfor build: --format must be text or json, got 'xml'");
    const u = node([cli, "build", "--frobnicate"], empty);
    expect(u.status).toBe(2);
    expect(u.stderr.split("\n")[0]).toMatch(/^parfor build: Unknown option '--frobnicate'/);
    const help = node([cli, "build", "--help"], empty);
    expect(help.status).toBe(0);
    for (const flag of ["--project", "-p", "--out-dir", "--max-variants", "--format", "--help"]) expect(help.stdout).toContain(flag);
    const top = node([cli, "--help"], empty).stdout;
    expect(top).toMatch(/parfor build \[--project tsconfig\.json\] \[--out-dir DIR\] \[--max-variants N\] \[--format text\|json\]/);
  });
});

test("node dist/bench/run.js --help prints its usage", () => {
  const r = node([join(root, "dist/bench/run.js"), "--help"], root);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/--threads/);
});
