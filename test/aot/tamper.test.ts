/**
 * Issue 12, item 6: compile-cache entries, `parfor build` manifests and bundler bundles are
 * verified whole before use. One hash covers the metadata and the wasm (keyed by format, parfor
 * version and compiler fingerprint), and the metadata is checked against the kernel and the
 * module (runtime/verify-artifact.ts). Each tampered field, with its hashes left as they were and
 * with them recomputed, makes the kernel compile again with one PARFOR_PRECOMPILED warning naming
 * the file and the reason (never a hang, a bogus error or a CompileError), and a cache entry is
 * healed by the fresh compile.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compile } from "../../compiler/index.js";
import type { CompiledKernel } from "../../compiler/artifact.js";
import { transformKernels } from "../../bundler/index.js";
import { kernelHash, sha256, variantHash, type InlineBundle } from "../../aot/store.js";
import { bindPrecompiled, precompiledFor } from "../../runtime/precompiled.js";
import { checkModule, checkShape, checkVariant } from "../../runtime/verify-artifact.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const dist = join(root, "dist");
const fixtures = join(import.meta.dirname, "fixtures");
const tmp = mkdtempSync(join(tmpdir(), "issue12-tamper-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
process.env.PARFOR_CACHE = "";
process.env.PARFOR_MANIFEST = "";

/** Runs `tamper-child.mjs` (kernels `sum(n, a)` and `fill(x, n)`); a hang fails after 20 s instead of stalling the suite. */
// children tell a run-time compile by TypeScript in their module cache: they compile on their main thread
async function child(env: Record<string, string>, script = [join(fixtures, "tamper-child.mjs"), dist], cwd = root) {
  const p = await run(process.execPath, script, { cwd, env: { ...process.env, PARFOR_CACHE: "", PARFOR_MANIFEST: "", PARFOR_COMPILE_ON_THREAD: "1", ...env }, timeout: 20_000, maxBuffer: 1 << 24 });
  return { out: JSON.parse(p.stdout.trim().split("\n").pop()!) as { r: unknown[]; compiled: boolean }, stderr: p.stderr };
}
const GOOD = [1498500, 9900, true];

// ---- a minimal WebAssembly assembler, for modules written by hand ----
const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s: string): number[] => [...leb(s.length), ...Buffer.from(s)];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const I32 = 0x7f;
const F64 = 0x7c;
const SHARED_MEMORY = [0x02, 0x03, ...leb(1), ...leb(65536)];
interface HandModule {
  types: [number[], number[]][];
  imports: [string, string, number[]][];
  funcs: number[];
  exports: [string, number][];
  bodies: number[][];
  extra?: number[];
}
function assemble(m: HandModule): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(m.types.map(([p, r]) => [0x60, ...vec(p.map((x) => [x])), ...vec(r.map((x) => [x]))]))),
    ...section(2, vec(m.imports.map(([mod, name, desc]) => [...str(mod), ...str(name), ...desc]))),
    ...section(3, vec(m.funcs.map((t) => leb(t)))),
    ...section(7, vec(m.exports.map(([name, index]) => [...str(name), 0x00, ...leb(index)]))),
    ...(m.extra ?? []),
    ...section(10, vec(m.bodies.map((b) => [...leb(b.length + 1), 0x00, ...b]))),
  ]);
}
/** A module shaped like `sum(n, a)`'s (main, loop_0, combine_0) whose main writes 42 to address 0 (the control block). */
function handSum(change: (m: HandModule) => void = () => {}): Uint8Array {
  const m: HandModule = {
    types: [[[I32], [F64]], [[I32, I32, I32, I32], []], [[I32, I32, I32], []]],
    imports: [["env", "memory", SHARED_MEMORY]],
    funcs: [0, 1, 2],
    exports: [["main", 0], ["loop_0", 1], ["combine_0", 2]],
    bodies: [
      [0x41, 0x00, 0x41, 42, 0x36, 0x02, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b],
      [0x0b],
      [0x0b],
    ],
  };
  change(m);
  return assemble(m);
}

describe("verify-artifact: what the compiler makes passes, what it never makes does not", () => {
  const sumSrc = `(n, a) => { let s = 0; for (const i of prange(n)) s += a * i; return s; }`;
  const mathSrc = `function f(x, y, n) { for (const i of prange(n)) x[i] = Math.exp(y[i]) + Math.hypot(y[i], 1, 2) + Math.sin(y[i]) + (y[i] % 3); }`;
  const nestedSrc = `(a, n, m) => { for (const i of prange(n)) { let t = 0; for (const j of prange(m)) t += j; a[i] = t; } }`;
  const wideSrc = `(a, lo, hi) => { let s = 0; for (const i of prange(lo, hi)) s += i; a[0] = s; return s > 0; }`;
  const art = (src: string, sig: string[]): CompiledKernel => {
    const r = compile(src, sig as never);
    expect(r.compiled, JSON.stringify(r.diagnostics)).not.toBeNull();
    return r.compiled!;
  };
  const variant = (c: CompiledKernel, sig: string[]) => ({ sig, compiled: c, diagnostics: [] });
  it("compiled kernels of several shapes pass (reductions, math imports, nested and wide loops, every scalar kind)", () => {
    for (const [src, sig] of [
      [sumSrc, ["s", "f"]], [sumSrc, ["i", "i"]], [sumSrc, ["f", "b"]],
      [mathSrc, ["Float64Array", "Float32Array", "s"]],
      [nestedSrc, ["Int32Array", "s", "s"]],
      [wideSrc, ["Float64Array", "f", "f"]],
    ] as const) {
      const c = art(src, [...sig]);
      expect(checkVariant(variant(c, [...sig]), c.wasm, null), src).toBeNull();
    }
  });
  let c: CompiledKernel;
  beforeAll(() => {
    c = art(sumSrc, ["s", "f"]);
  });
  const sig = ["s", "f"];
  const meta = (change: (m: Record<string, unknown>) => void) => {
    const m = JSON.parse(JSON.stringify({ ...c, wasm: undefined }));
    change(m);
    return checkVariant({ sig, compiled: m, diagnostics: [] }, c.wasm, null);
  };
  it("offsets, sizes and counts that do not fit the frame, the signature or the module are rejected", () => {
    expect(meta((m) => ((m.params as { offset: number }[])[0]!.offset = 8))).toMatch(/overlap/);
    expect(meta((m) => ((m.params as { offset: number }[])[1]!.offset = 56))).toMatch(/outside the frame/);
    expect(meta((m) => (m.frameSize = 16))).toMatch(/outside the frame/);
    expect(meta((m) => (m.frameSize = 57))).toMatch(/frameSize 57/);
    expect(meta((m) => (m.frameSize = 2 ** 40))).toMatch(/frameSize/);
    expect(meta((m) => (m.params = []))).toMatch(/0 parameter slot\(s\) for a signature of 2/);
    expect(meta((m) => ((m.params as { kind: string }[])[1]!.kind = "i"))).toMatch(/stored as i for an argument of kind f/);
    expect(meta((m) => (m.loops = []))).toMatch(/exports loop_0, which its metadata does not describe/);
    expect(meta((m) => ((m.loops as { id: number }[])[0]!.id = 1))).toMatch(/loop 0 has id 1/);
    expect(meta((m) => ((m.loops as { reductions: number }[])[0]!.reductions = 0))).toMatch(/combine_0/);
    expect(meta((m) => ((m.loops as { stepOffset: number }[])[0]!.stepOffset = 16))).toMatch(/overlap/);
    expect(meta((m) => (m.returns = "void"))).toMatch(/exports main with another type/);
    expect(meta((m) => (m.mathImports = ["constructor"]))).toMatch(/parfor does not provide/);
    expect(meta((m) => (m.sites = [{ array: 1 }]))).toMatch(/access site/);
  });
  it("array slots: offset and lengthOffset inside the frame, the array kind of the signature", () => {
    const f = art(mathSrc, ["Float64Array", "Float64Array", "s"]);
    const fsig = ["Float64Array", "Float64Array", "s"];
    const check = (change: (m: { params: Record<string, unknown>[] } & Record<string, unknown>) => void) => {
      const m = JSON.parse(JSON.stringify({ ...f, wasm: undefined }));
      change(m);
      return checkVariant({ sig: fsig, compiled: m, diagnostics: [] }, f.wasm, null);
    };
    expect(check(() => {})).toBeNull();
    expect(check((m) => (m.params[0]!.lengthOffset = m.frameSize as number))).toMatch(/lengthOffset .* outside the frame/);
    expect(check((m) => (m.params[0]!.lengthOffset = 8))).toMatch(/overlap/);
    expect(check((m) => (m.params[1]!.array = "Float32Array"))).toMatch(/stored as Float32Array for a Float64Array argument/);
    expect(check((m) => delete m.params[1]!.read)).toMatch(/read\/written/);
    // x is overwritten in full by prange(n): an overwrite bound must name a scalar (or an array's
    // length) of the signature, on an array the kernel writes
    expect(f.params[0]).toMatchObject({ overwrites: { stop: { param: 2 } } });
    for (const bad of [{ stop: { param: 7 } }, { stop: { param: 0 } }, { stop: { lengthOf: 2 } }, { stop: { param: 2, lengthOf: 0 } }, { stop: null }, "all", { stop: { param: 2 }, inner: [{ lengthOf: 2 }] }, { stop: { param: 2 }, inner: { lengthOf: 1 } }, { stop: { param: 2 }, inner: [] }, { stop: { param: 2 }, inner: [{ param: 2 }, null] }, { stop: { param: 2 }, rows: 1 }, { stop: { param: 2 }, width: 1 }, { stop: { param: 2 }, width: 2.5 }, { stop: { param: 2 }, width: "2" }]) {
      expect(check((m) => (m.params[0]!.overwrites = bad))).toMatch(/parameter 'x' has a malformed overwrite bound/);
    }
    expect(check((m) => (m.params[1]!.overwrites = { stop: { lengthOf: 0 } }))).toMatch(/parameter 'y' has a malformed overwrite bound/); // y is only read
    expect(check((m) => (m.params[0]!.overwrites = { stop: { lengthOf: 1 } }))).toBeNull();
    expect(check((m) => (m.params[0]!.overwrites = { stop: { param: 2 }, inner: [{ lengthOf: 1 }, { param: 2 }] }))).toBeNull();
    expect(check((m) => (m.params[0]!.overwrites = { stop: { param: 2 }, width: 2 }))).toBeNull();
    expect(check((m) => (m.mathImports = []))).toMatch(/imports math.hypot_3, which parfor does not provide/);
  });
  it("parameter names must be the kernel's, and the shape must have the function's parameter count", () => {
    const shape = { name: "anonymous", params: [{ name: "n", isArray: false, used: true, annotation: null }, { name: "b", isArray: false, used: true, annotation: null }] };
    expect(checkVariant(variant(c, sig), c.wasm, shape)).toMatch(/parameter slot 2 is 'a' but the kernel's parameter is 'b'/);
    expect(checkShape(shape, 2)).toBeNull();
    expect(checkShape({ ...shape, params: [] }, 2)).toMatch(/0 parameter\(s\) but the function has 2/);
    expect(checkShape({ ...shape, params: [{ name: "n", isArray: "no" }] })).toMatch(/malformed/);
  });
  it("modules: garbage, other imports, unshared memory, a start function, missing or extra exports are rejected", () => {
    const m = { loops: c.loops, returns: c.returns, mathImports: c.mathImports };
    const garbage = new Uint8Array(c.wasm.length).fill(0x41);
    expect(checkModule(garbage, m)).toMatch(/not valid WebAssembly/);
    expect(checkModule(handSum(), m)).toBeNull(); // well formed in every checked respect: see the README
    expect(checkModule(handSum((h) => h.imports.push(["env", "evil", [0x00, 0]])), m)).toMatch(/imports env.evil, which parfor does not provide/);
    expect(checkModule(handSum((h) => h.imports.push(["wasi_snapshot_preview1", "fd_write", [0x00, 0]])), m)).toMatch(/wasi_snapshot_preview1.fd_write/);
    expect(checkModule(handSum((h) => (h.imports[0] = ["env", "memory", [0x02, 0x01, 1, ...leb(65536)]])), m)).toMatch(/not .*shared/);
    expect(checkModule(handSum((h) => ((h.imports = []), (h.bodies[0] = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b]))), m)).toMatch(/does not import the shared memory/);
    expect(checkModule(handSum((h) => h.imports.unshift(["env", "prange", [0x00, 0]])), m)).toMatch(/imports env.prange with another type/);
    expect(checkModule(handSum((h) => (h.types.push([[], []]), h.funcs.push(3), h.bodies.push([0x0b]), (h.extra = section(8, leb(3))))), m)).toMatch(/section \(8\)/);
    expect(checkModule(handSum((h) => h.exports.pop()), m)).toMatch(/does not export combine_0/);
    expect(checkModule(handSum((h) => h.exports.push(["loop_1", 1])), m)).toMatch(/exports loop_1, which its metadata does not describe/);
    expect(checkModule(handSum((h) => (h.exports[1] = ["loop_0", 2])), m)).toMatch(/exports loop_0 with another type/);
  });
});

/** The cache entry of `dir` whose signature is `sig` (parsed), and a writer that can recompute its hashes. */
async function cacheTools() {
  const store = (await import(pathToFileURL(join(dist, "aot/store.js")).href)) as typeof import("../../aot/store.js");
  const read = (dir: string, sig: string) => {
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".pfc"))) {
      const buf = readFileSync(join(dir, f));
      const n = buf.readUInt32LE(4);
      const head = JSON.parse(buf.subarray(8, 8 + n).toString("utf8"));
      if (head.sig.join(",") === sig) return { file: join(dir, f), head, wasm: new Uint8Array(buf.subarray(8 + n)) };
    }
    throw new Error(`no entry for ${sig}`);
  };
  /** writes the entry; `rehash` recomputes the wasm's sha256 and the whole-entry hash as the dist build would (v1 entries have no hash) */
  const write = (e: ReturnType<typeof read>, rehash: boolean) => {
    if (rehash) {
      e.head.sha256 = store.sha256(e.wasm);
      if ("variantHash" in store) e.head.hash = store.variantHash(store.compilerFingerprint(), e.head.key, e.head, e.wasm);
    }
    const json = Buffer.from(JSON.stringify(e.head));
    const pre = Buffer.alloc(8);
    pre.writeUInt32LE(0x31434650, 0);
    pre.writeUInt32LE(json.length, 4);
    writeFileSync(e.file, Buffer.concat([pre, json, e.wasm]));
  };
  return { store, read, write };
}

describe("compile cache: tampered entries are recompiled with one warning and healed", () => {
  let tools: Awaited<ReturnType<typeof cacheTools>>;
  beforeAll(async () => {
    tools = await cacheTools();
  });
  let n = 0;
  /** a fresh, valid cache; `tamper` changes it; the next run recompiles with a warning, the one after uses the rewritten entry */
  async function tampered(tamper: (dir: string) => string, reason: RegExp) {
    const dir = join(tmp, `cache-${n++}`);
    expect((await child({ PARFOR_CACHE: dir })).out).toEqual({ r: GOOD, compiled: true });
    const file = tamper(dir);
    const a = await child({ PARFOR_CACHE: dir });
    expect(a.out).toEqual({ r: GOOD, compiled: true });
    const warnings = a.stderr.split("\n").filter((l) => l.includes("PARFOR_PRECOMPILED"));
    expect(warnings.length, a.stderr).toBe(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(reason);
    const b = await child({ PARFOR_CACHE: dir });
    expect(b).toEqual({ out: { r: GOOD, compiled: false }, stderr: "" });
  }
  const edit = (sig: string, rehash: boolean, change: (e: ReturnType<typeof tools.read>) => void) => (dir: string) => {
    const e = tools.read(dir, sig);
    change(e);
    tools.write(e, rehash);
    return e.file;
  };
  it('one changed digit ("offset" 0→8 of an array parameter), hash as it was: the hash does not match', () =>
    tampered(edit("Float64Array,s", false, (e) => (e.head.compiled.params[0].offset = 8)), /hash does not match/));
  it('"offset" 0→8 with the hash recomputed: the slot overlaps the next parameter', () =>
    tampered(edit("Float64Array,s", true, (e) => (e.head.compiled.params[0].offset = 8)), /overlap/));
  it('"frameSize" with the hash recomputed: slots outside the frame', () =>
    tampered(edit("s,s", true, (e) => (e.head.compiled.frameSize = 16)), /outside the frame of 16 bytes/));
  it('"lengthOffset" with the hash recomputed: outside the frame', () =>
    tampered(edit("Float64Array,s", true, (e) => (e.head.compiled.params[0].lengthOffset = 4000)), /lengthOffset .*outside the frame/));
  it('"written" flag flipped, hash as it was: the hash does not match', () =>
    tampered(edit("Float64Array,s", false, (e) => (e.head.compiled.params[0].written = false)), /hash does not match/));
  it("params: [] with the hash recomputed: no slot for the arguments", () =>
    tampered(edit("s,s", true, (e) => (e.head.compiled.params = [])), /0 parameter slot/));
  it("garbage wasm with its hashes recomputed: not valid WebAssembly (no CompileError)", () =>
    tampered(edit("s,s", true, (e) => (e.wasm = new Uint8Array(e.wasm.length).fill(0x41))), /not valid WebAssembly/));
  it("a hand-written valid module that imports something else, hashes recomputed: rejected", () =>
    tampered(edit("s,s", true, (e) => (e.wasm = handSum((h) => h.imports.push(["env", "evil", [0x00, 0]])))), /imports env.evil/));
  it("a hand-written valid module without the loop functions, writing the control block: rejected", () =>
    tampered(edit("s,s", true, (e) => (e.wasm = handSum((h) => (h.exports = [["main", 0]])))), /does not export loop_0/));
  it("an entry hashed for another compiler (or parfor version) is stale: a miss, rewritten", () =>
    tampered(
      edit("s,s", false, (e) => (e.head.hash = tools.store.variantHash("another-compiler", e.head.key, e.head, e.wasm))),
      /hash does not match/,
    ));
  it("a kernel record with params: [] (hash as it was, then recomputed): rewritten", async () => {
    const record = (rehash: boolean) => (dir: string) => {
      const file = readdirSync(dir).find((f) => f.endsWith(".kernel.json") && readFileSync(join(dir, f), "utf8").includes('"name":"x"'))!;
      const r = JSON.parse(readFileSync(join(dir, file), "utf8"));
      r.shape.params = [];
      if (rehash) r.hash = tools.store.kernelHash(tools.store.compilerFingerprint(), r);
      writeFileSync(join(dir, file), JSON.stringify(r));
      return join(dir, file);
    };
    await tampered(record(false), /hash does not match/);
    await tampered(record(true), /0 parameter\(s\) but the function has 2/);
  });
});

describe("parfor build manifests: tampered records are not used", () => {
  const proj = join(tmp, "proj");
  const out = join(proj, "dist");
  const script = [join(out, "main.js")];
  let pristine = "";
  beforeAll(async () => {
    mkdirSync(join(proj, "src"), { recursive: true });
    mkdirSync(join(proj, "node_modules"));
    symlinkSync(root, join(proj, "node_modules/parfor"), "dir");
    writeFileSync(join(proj, "package.json"), JSON.stringify({ name: "proj", type: "module" }));
    writeFileSync(
      join(proj, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist", rootDir: "src", strict: true, skipLibCheck: true, typeRoots: [join(root, "node_modules/@types")], types: ["node"] }, include: ["src"] }),
    );
    writeFileSync(
      join(proj, "src/main.ts"),
      `import { createRequire } from "node:module";
import { parallel, prange } from "parfor";
const fill = parallel((x: Float64Array): void => {
  for (const i of prange(x.length)) x[i] = 2 * i;
});
const x = new Float64Array(100);
fill(x);
const r = [x.reduce((p, q) => p + q, 0)];
const compiled = Object.keys(createRequire(import.meta.url).cache).some((f) => /node_modules[\\\\/]typescript[\\\\/]/.test(f));
console.log(JSON.stringify({ r, compiled }));
`,
    );
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: proj });
    await run(process.execPath, [join(dist, "cli/parfor.js"), "build"], { cwd: proj, env: { ...process.env, PARFOR_CACHE: "", PARFOR_MANIFEST: "" } });
    pristine = join(tmp, "pristine");
    cpSync(out, pristine, { recursive: true });
  }, 60_000);
  const reset = () => {
    rmSync(out, { recursive: true, force: true });
    cpSync(pristine, out, { recursive: true });
  };
  const manifestFile = join(out, "parfor-manifest.json");
  /** the one variant of the one kernel (a single signature: no wider variant to fall back on): its manifest entry, record and wasm */
  const open = () => {
    const m = JSON.parse(readFileSync(manifestFile, "utf8"));
    const k = Object.values(m.kernels)[0] as { variants: Record<string, { record: string; wasm: string; sha256: string; hash: string }> } & Record<string, unknown>;
    const v = k.variants["Float64Array"]!;
    const rec = JSON.parse(readFileSync(join(out, v.record), "utf8"));
    const wasm = new Uint8Array(readFileSync(join(out, v.wasm)));
    return { m, k, v, rec, wasm };
  };
  const save = async (e: ReturnType<typeof open>, rehash: boolean) => {
    if (rehash) {
      const store = (await import(pathToFileURL(join(dist, "aot/store.js")).href)) as typeof import("../../aot/store.js");
      e.v.sha256 = e.rec.sha256 = store.sha256(e.wasm);
      if ("variantHash" in store) e.v.hash = e.rec.hash = store.variantHash(e.m.compiler, e.k.key as string, e.rec, e.wasm);
    }
    writeFileSync(join(out, e.v.record), JSON.stringify(e.rec));
    writeFileSync(join(out, e.v.wasm), e.wasm);
    writeFileSync(manifestFile, JSON.stringify(e.m));
  };
  async function expectRecompiled(where: string, reason: RegExp) {
    const a = await child({}, script, proj);
    expect(a.out).toEqual({ r: [9900], compiled: true });
    const warnings = a.stderr.split("\n").filter((l) => l.includes("PARFOR_PRECOMPILED"));
    expect(warnings.length, a.stderr).toBe(1);
    expect(warnings[0]).toContain(where);
    expect(warnings[0]).toMatch(reason);
  }
  it("the intact build runs without the compiler", async () => {
    reset();
    expect(await child({}, script, proj)).toEqual({ out: { r: [9900], compiled: false }, stderr: "" });
  });
  it('one changed digit of the record ("offset" 0→8), hashes as they were: not used (used to hang)', async () => {
    reset();
    const e = open();
    e.rec.compiled.params[0].offset = 8;
    await save(e, false);
    await expectRecompiled(join(out, e.v.record), /hash does not match/);
  });
  it('"offset" 0→8 with every hash recomputed: the slots overlap', async () => {
    reset();
    const e = open();
    e.rec.compiled.params[0].offset = 8;
    await save(e, true);
    await expectRecompiled(join(out, e.v.record), /overlap/);
  });
  it('"frameSize" and params: [] with every hash recomputed', async () => {
    for (const [change, reason] of [
      [(r: { compiled: Record<string, unknown> }) => (r.compiled.frameSize = 8), /outside the frame of 8 bytes/],
      [(r: { compiled: Record<string, unknown> }) => (r.compiled.params = []), /0 parameter slot/],
    ] as const) {
      reset();
      const e = open();
      change(e.rec);
      await save(e, true);
      await expectRecompiled(join(out, e.v.record), reason);
    }
  });
  it("garbage wasm with every hash recomputed: not valid WebAssembly", async () => {
    reset();
    const e = open();
    e.wasm = new Uint8Array(e.wasm.length).fill(0x41);
    await save(e, true);
    await expectRecompiled(join(out, e.v.record), /not valid WebAssembly/);
  });
  it("the kernel's shape in the manifest (params: []): not used", async () => {
    reset();
    const e = open();
    (e.k.shape as { params: unknown[] }).params = [];
    await save(e, false);
    await expectRecompiled(manifestFile, /kernel record does not match/);
  });
});

describe("bundler bundles: tampered bundles are not used", () => {
  const code = `import { parallel, prange } from "parfor";
export const k = parallel((x: Float64Array) => {
  for (const i of prange(x.length)) x[i] = 2 * i;
});`;
  let pristine: InlineBundle;
  beforeAll(() => {
    const r = transformKernels(code, "/app/kernels.ts")!;
    expect(r.kernels).toBe(1);
    pristine = JSON.parse(/__parforBind\(.*?, (\{"key":.*\})\)/s.exec(r.code)![1]!);
  });
  const fn = (x: Float64Array) => {
    x[0] = 1;
  };
  let n = 0;
  /** binds a copy of the bundle changed by `change` to a fresh function and looks the call's variant up */
  function lookup(change: (b: { -readonly [K in keyof InlineBundle]: any }) => void) {
    const b = JSON.parse(JSON.stringify(pristine));
    change(b);
    const f = fn.bind(null);
    bindPrecompiled(f, b);
    const file = `/app/bundle-${n++}.js`;
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const p = precompiledFor(f, "(x) => {}", {}, file);
      const v = p.find(["Float64Array"]);
      return { v, shape: p.shape, warnings: warn.mock.calls.map((c) => String(c[0])), file };
    } finally {
      warn.mockRestore();
    }
  }
  const rehash = (b: any, sig = "Float64Array") => {
    const v = b.variants[sig];
    const wasm = new Uint8Array(Buffer.from(v.wasm, "base64"));
    v.sha256 = sha256(wasm);
    const { wasm: _w, ...record } = v;
    v.hash = variantHash(b.compiler, b.key, record, wasm);
  };
  it("the intact bundle is used", () => {
    const r = lookup(() => {});
    expect(r.warnings).toEqual([]);
    expect(r.v?.sig).toEqual(["Float64Array"]);
    expect(r.shape?.params.length).toBe(1);
  });
  it('"offset" 0→8, hash as it was, then recomputed', () => {
    const a = lookup((b) => (b.variants["Float64Array"].compiled.params[0].offset = 8));
    expect(a.v).toBeNull();
    expect(a.warnings).toEqual([expect.stringMatching(/bundle-\d+\.js \(bundled kernel 'anonymous', signature \(Float64Array\)\) is not used: its hash does not match/)]);
    const b = lookup((b) => {
      b.variants["Float64Array"].compiled.params[0].offset = 8;
      rehash(b);
    });
    expect(b.v).toBeNull();
    expect(b.warnings).toEqual([expect.stringMatching(new RegExp(`${b.file}.*overlap`))]);
  });
  it('"lengthOffset", params: [] and garbage wasm with hashes recomputed', () => {
    for (const [change, reason] of [
      [(v: any) => (v.compiled.params[0].lengthOffset = 400), /lengthOffset .*outside the frame/],
      [(v: any) => (v.compiled.params = []), /0 parameter slot/],
      [(v: any) => (v.wasm = Buffer.alloc(64, 0x41).toString("base64")), /not valid WebAssembly/],
    ] as const) {
      const r = lookup((b) => {
        change(b.variants["Float64Array"]);
        rehash(b);
      });
      expect(r.v).toBeNull();
      expect(r.warnings).toEqual([expect.stringMatching(reason)]);
    }
  });
  it("a tampered exact variant falls back on the most specific wider one that checks out (s ⊂ i ⊂ f)", () => {
    const r = transformKernels(code.replace("(x: Float64Array)", "(x: Float64Array, k: number)"), "/app/wide.ts")!;
    const wide: InlineBundle = JSON.parse(/__parforBind\(.*?, (\{"key":.*\})\)/s.exec(r.code)![1]!);
    expect(Object.keys(wide.variants)).toEqual(["Float64Array,s", "Float64Array,i", "Float64Array,f"]);
    const find = (broken: string[]) => {
      const b = JSON.parse(JSON.stringify(wide));
      for (const k of broken) b.variants[k].compiled.frameSize = 8;
      const f = ((x: Float64Array, k: number) => void (x[0] = k)).bind(null);
      bindPrecompiled(f, b);
      const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
      try {
        return { v: precompiledFor(f, "", {}, `/app/wide-${n++}.js`).find(["Float64Array", "s"]), warnings: warn.mock.calls.length };
      } finally {
        warn.mockRestore();
      }
    };
    expect(find([])).toMatchObject({ v: { sig: ["Float64Array", "s"] }, warnings: 0 });
    expect(find(["Float64Array,s"])).toMatchObject({ v: { sig: ["Float64Array", "i"] }, warnings: 1 });
    expect(find(["Float64Array,s", "Float64Array,i"])).toMatchObject({ v: { sig: ["Float64Array", "f"] }, warnings: 2 });
    expect(find(["Float64Array,s", "Float64Array,i", "Float64Array,f"])).toMatchObject({ v: null, warnings: 3 });
  });
  it("the kernel record (shape params: []), hash as it was, then recomputed: not used, so the shape comes from parsing", () => {
    const a = lookup((b) => (b.shape.params = []));
    expect(a.shape).toBeNull();
    expect(a.v).toBeNull();
    expect(a.warnings).toEqual([expect.stringMatching(/bundled kernel 'anonymous'\) is not used: the hash of its kernel record does not match/)]);
    const b = lookup((b) => {
      b.shape.params = [];
      b.hash = kernelHash(b.compiler, b);
    });
    expect(b.shape).toBeNull();
    expect(b.warnings).toEqual([expect.stringMatching(/0 parameter\(s\) but the function has 1/)]);
  });
});
