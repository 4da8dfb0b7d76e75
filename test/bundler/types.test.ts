/**
 * The bundler plugin types kernels of plain JavaScript: from JSDoc (on the function, on its
 * variable, on the variable holding `parallel(...)`, `@type` function types), from the kernel's
 * calls in the same module, or from the `signatures` option; a parameter none of them types is
 * PF3005, an error naming the kernel, the parameter and file:line:col, or with `fallback: "js"` a
 * warning (the kernel is left unbound and runs as plain JavaScript in a page). The transformed
 * modules then run in Node with the JIT compiler switched off (as in a page), at 1, 2 and 4
 * threads, on ordinary and parfor arrays, against the plain functions.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { transformKernels, esbuild as parforEsbuild, type ParforPluginOptions } from "../../bundler/index.js";
import { host, type Host } from "../../runtime/host.js";
import { shutdown } from "../../index.js";

const HEAD = `import { array, parallel, prange } from "parfor";\n`;
const t = (code: string, options?: ParforPluginOptions, id = "/app/kernels.js") => transformKernels(HEAD + code, id, options)!;
/** The variant keys bound to the kernel call whose function text starts with `start`. */
function variants(code: string, marker: string): string[] {
  const at = code.indexOf(marker);
  const m = /, (\{"key":.*?\})\)/s.exec(code.slice(at));
  return m ? Object.keys(JSON.parse(m[1]!).variants) : [];
}

describe("typing kernels of plain JavaScript", () => {
  it("JSDoc @param on the function, on its const, on the variable holding parallel(), and a @type function type", () => {
    const r = t(`
/** @param {Float64Array} a @param {number} n */
function one(a, n) { for (const i of prange(n)) a[i] = i; }
export const k1 = parallel(one);
/**
 * @param {Int32Array} a
 * @param {boolean} neg
 */
const two = (a, neg) => { for (const i of prange(a.length)) a[i] = neg ? -i : i; };
export const k2 = parallel(two);
/** @param {Float32Array | Float64Array} a */
export const k3 = parallel((a) => { for (const i of prange(a.length)) a[i] = 2 * i; });
/** @type {(a: Uint8Array, k: number) => void} */
export const k4 = parallel((a, k) => { for (const i of prange(a.length)) a[i] = k; });
`);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.kernels).toBe(4);
    expect(r.types.map((k) => [k.name, Object.values(k.params).map((p) => `${p.from}:${p.kinds.join("|")}`)])).toEqual([
      ["k1", ["jsdoc:Float64Array", "jsdoc:s|i|f"]],
      ["k2", ["jsdoc:Int32Array", "jsdoc:b"]],
      ["k3", ["jsdoc:Float32Array|Float64Array"]],
      ["k4", ["jsdoc:Uint8Array", "jsdoc:s|i|f"]],
    ]);
    expect(variants(r.code, "(a) =>")).toEqual(["Float32Array", "Float64Array"]);
  });

  it("call sites: new K(n), array(K, n), K.from, names initialised that way, numbers and booleans; several kinds give several variants", () => {
    const r = t(`
const k = parallel((x, n, flip) => { for (const i of prange(n)) x[i] = flip ? n - i : i; });
const buf = new Float32Array(8);
const m = buf.length * 2;
k(buf, 8, true);
k(array(Int32Array, 16), m, false);
await k.async(Float64Array.from([1, 2]), 2, !buf);
export { k };
`);
    expect(r.errors).toEqual([]);
    expect(r.types[0]!.params).toEqual({
      x: { from: "calls", kinds: ["Float32Array", "Int32Array", "Float64Array"] },
      n: { from: "calls", kinds: ["s", "i", "f"] },
      flip: { from: "calls", kinds: ["b"] },
    });
    expect(variants(r.code, "(x, n, flip)")).toHaveLength(9);
  });

  it("a name at a call is looked up scope by scope: the inner binding shadows the outer; a loop variable types nothing", () => {
    const r = t(`
const k = parallel((x, n) => { for (const i of prange(n)) x[i] = i; });
const x = new Float32Array(4);
function f() { const x = new Int32Array(4); k(x, 1); }
for (const y of [new Uint8Array(2)]) k(y, 2);
`);
    expect(r.types[0]!.params.x).toEqual({ from: "calls", kinds: ["Int32Array"] });
    const none = t(`
const k = parallel((x, n) => { for (const i of prange(n)) x[i] = i; });
for (const y of [new Uint8Array(2)]) k(y, 2);
`);
    expect(none.errors).toEqual([expect.stringMatching(/PF3005: Kernel 'k': parameter 'x'.*none of its 1 call/)]);
  });

  it("call-site variants are cut at maxVariants like annotated ones (number parameters to f)", () => {
    const r = t(`
const k = parallel((x, a, b, c) => { for (const i of prange(x.length)) x[i] = a + b + c; });
k(new Float64Array(4), 1, 2, 3);
k(new Float32Array(4), 1, 2, 3);
`, { maxVariants: 10 });
    expect(r.errors).toEqual([]);
    expect(variants(r.code, "(x, a, b, c)")).toEqual(["Float64Array,f,f,f", "Float32Array,f,f,f"]);
  });

  it("the signatures option, by kernel name or file#name; an annotation or JSDoc wins over it", () => {
    const code = `
const wave = parallel((a, n) => { for (const i of prange(n)) a[i] = i; });
/** @param {Int32Array} a */
const other = parallel((a, n) => { for (const i of prange(n)) a[i] = i; });
export { wave, other };
`;
    const r = t(code, { signatures: { wave: { a: "Float64Array | Float32Array", n: "number" }, "app/kernels.js#other": { a: "Float64Array", n: "number" }, "elsewhere.js#wave": { a: "Uint8Array" } } });
    expect(r.errors).toEqual([]);
    expect(r.signaturesUsed.sort()).toEqual(["app/kernels.js#other", "wave"]);
    expect(r.types.map((k) => [k.name, k.params.a])).toEqual([
      ["wave", { from: "signatures", kinds: ["Float64Array", "Float32Array"] }],
      ["other", { from: "jsdoc", kinds: ["Int32Array"] }],
    ]);
    // another file's entry does not apply
    const o = t(code, { signatures: { "elsewhere.js#wave": { a: "Float64Array", n: "number" } } });
    expect(o.errors.filter((e) => e.includes("Kernel 'wave'"))).toHaveLength(1);
    // a type the build cannot compile is an error naming the entry
    const bad = t(code, { signatures: { wave: { a: "Array<number>", n: "number" }, other: { n: "number" } } });
    expect(bad.errors).toEqual([expect.stringMatching(/^\/app\/kernels\.js:3:24 - error: the plugin option signatures\["wave"\]\.a is "Array<number>", not number, boolean or a typed-array kind/)]);
  });

  it("PF3005: an untyped parameter is a build error naming kernel, parameter and file:line:col, with the fixes", () => {
    const r = t(`
export const scale = parallel((a, k) => { for (const i of prange(a.length)) a[i] *= k; });
/** @param {Float64Array} a */
export const typed = parallel((a) => { for (const i of prange(a.length)) a[i] = i; });
`);
    expect(r.kernels).toBe(1); // the typed kernel is still compiled
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e).toMatch(/^\/app\/kernels\.js:3:32 - error PF3005: Kernel 'scale': parameter 'a' has no type the build can see \(no annotation, JSDoc @param or signatures entry, and no call of it in this module\)/);
    expect(e).toContain("/** @param {Float64Array} a */");
    expect(e).toContain('signatures: { scale: { a: "Float64Array" } }');
    expect(e).toContain('fallback: "js"');
  });

  it("PF3005 says why: an annotation or JSDoc type it cannot compile, calls whose arguments it cannot type", () => {
    const r = t(`
/** @param {Array<number>} a */
export const k1 = parallel((a) => { for (const i of prange(a.length)) a[i] = i; });
const k2 = parallel((a, n) => { for (const i of prange(n)) a[i] = i; });
k2(makeIt(), 3);
`);
    expect(r.errors).toEqual([
      expect.stringMatching(/kernels\.js:4:29 - error PF3005: Kernel 'k1': parameter 'a' has no type the build can see \(its JSDoc type '\{Array<number>\}' is not number, boolean or a typed array\)/),
      expect.stringMatching(/kernels\.js:5:22 - error PF3005: Kernel 'k2': parameter 'a' has no type the build can see \(no annotation, JSDoc @param or signatures entry, and none of its 1 call in this module passes an argument the build can type here\)/),
    ]);
    // the suggestion is a number for a parameter that is not indexed
    const s = t(`export const k = parallel((n) => { let s = 0; for (const i of prange(n)) s += i; return s; });`);
    expect(s.errors[0]).toContain("/** @param {number} n */");
  });

  it('with fallback: "js" an untyped kernel is a warning and stays unbound (it runs as plain JavaScript)', () => {
    const r = t(`export const scale = parallel((a, k) => { for (const i of prange(a.length)) a[i] *= k; }, { fallback: "js" });`);
    expect(r.errors).toEqual([]);
    expect(r.kernels).toBe(0);
    expect(r.warnings).toEqual([expect.stringMatching(/kernels\.js:2:32 - warning PF3005: Kernel 'scale': parameter 'a'.*With fallback: "js" it runs as plain JavaScript/)]);
  });

  it('a kernel that does not compile fails the build, but not with fallback: "js"', () => {
    const kernel = `/** @param {Float64Array} a */\nexport const bad = parallel((a) => { for (const i of prange(a.length)) a[i] = foo(i); }`;
    const strict = t(kernel + ");");
    expect(strict.errors).toEqual([expect.stringMatching(/kernels\.js:3:\d+ - error PF1003: Calling 'foo'/)]);
    const lenient = t(kernel + `, { fallback: "js" });`);
    expect(lenient.errors).toEqual([]);
    expect(lenient.kernels).toBe(0);
    expect(lenient.warnings).toEqual([expect.stringMatching(/error PF1003: Calling 'foo'.*\(kernel 'bad' is not precompiled; with fallback: "js" it runs as plain JavaScript\)/)]);
  });

  it("@returns is checked against what the kernel returns", () => {
    const ok = t(`/** @param {Float64Array} a @returns {number} */\nexport const s = parallel((a) => { let t = 0; for (const i of prange(a.length)) t += a[i]; return t; });`);
    expect(ok.warnings).toEqual([]);
    const wrong = t(`/** @param {Float64Array} a @returns {number} */\nexport const s = parallel((a) => { for (const i of prange(a.length)) a[i] = 1; });`);
    expect(wrong.warnings).toEqual([expect.stringMatching(/kernels\.js:2:\d+ - warning: kernel 's' says @returns \{number\} but returns nothing/)]);
  });

  it("a TypeScript annotation wins over JSDoc; TypeScript files are read the same way", () => {
    const r = t(`/** @param {Int32Array} a */\nexport const k = parallel((a: Float64Array) => { for (const i of prange(a.length)) a[i] = i; });`, {}, "/app/k.ts");
    expect(r.types[0]!.params.a).toEqual({ from: "annotation", kinds: ["Float64Array"] });
  });
});

describe("the typed JavaScript kernels run precompiled (no JIT) and equal the plain functions", () => {
  const dir = mkdtempSync(join(import.meta.dirname, ".run-"));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await shutdown();
  });
  const root = join(import.meta.dirname, "../..");
  // plain JavaScript; the plain functions are exported next to their kernels
  const source = (threads: number) => `import { array, free, parallel, prange } from "parfor";
/** @param {Float64Array} a @param {number} n */
export function wavePlain(a, n) { for (const i of prange(n)) a[i] = Math.sqrt(i) * 0.37 - (i % 13) * 0.25 + Math.min(i, 50) / (i + 1); }
export const wave = parallel(wavePlain, { threads: ${threads} });
/**
 * @param {Int32Array} a
 * @param {number} m
 * @returns {number}
 */
export const countPlain = (a, m) => { let c = 0; for (const i of prange(a.length)) c += a[i] % m === 0 ? 1 : 0; return c; };
export const count = parallel(countPlain, { threads: ${threads} });
export function fillPlain(x, k) { for (const i of prange(x.length)) x[i] = i * k - 3; }
export const fill = parallel(fillPlain, { threads: ${threads} });
// typed only by these calls: two array kinds, so two sets of variants
const f64 = new Float64Array(3000);
fill(f64, 0.5);
const i32 = array(Int32Array, 3000);
fill(i32, 7);
free(i32);
`;
  it("at 1, 2 and 4 threads, ordinary and parfor arrays", async () => {
    const h = host() as { -readonly [K in keyof Host]: Host[K] };
    const jit = h.jit;
    h.jit = null; // as in a page: only what the plugin precompiled runs
    try {
      for (const threads of [1, 2, 4]) {
        const r = transformKernels(source(threads), join(dir, `k${threads}.js`))!;
        expect(r.errors).toEqual([]);
        expect(r.kernels).toBe(3);
        const file = join(dir, `k${threads}.ts`);
        writeFileSync(file, r.code.replaceAll(`from "parfor/precompiled"`, `from ${JSON.stringify(join(root, "runtime/precompiled.js"))}`).replaceAll(`from "parfor"`, `from ${JSON.stringify(join(root, "index.js"))}`));
        const m = await import(pathToFileURL(file).href);
        const { array, free } = await import("../../index.js");
        for (const n of [1, 257, 5000]) {
          for (const make of [(k: number) => new Float64Array(k), (k: number) => array(Float64Array, k)]) {
            const a = make(n);
            const b = new Float64Array(n);
            m.wave(a, n);
            m.wavePlain(b, n);
            expect(Array.from(a)).toEqual(Array.from(b));
            const x = new Int32Array(n).map((_, i) => (i * 7919) % 1000 - 500);
            expect(m.count(x, 3)).toBe(m.countPlain(x, 3));
            expect(await m.count.async(x, 7)).toBe(m.countPlain(x, 7));
            const y = make(n);
            const z = new Float64Array(n);
            m.fill(y, 0.25);
            m.fillPlain(z, 0.25);
            expect(Array.from(y)).toEqual(Array.from(z));
            const p = array(Int32Array, n);
            const q = new Int32Array(n);
            m.fill(p, 3);
            m.fillPlain(q, 3);
            expect(Array.from(p)).toEqual(Array.from(q));
            free(p);
            if (!(a instanceof Float64Array && a.buffer instanceof ArrayBuffer)) free(a);
          }
        }
        // a kind no call showed was not compiled, and there is no compiler to fall back on
        expect(() => m.fill(new Uint8Array(4), 1)).toThrow(/was not compiled ahead of time for this call, and the compiler is not loaded here/);
      }
    } finally {
      h.jit = jit;
    }
  });
});

describe("through a bundler (esbuild)", () => {
  const dir = mkdtempSync(join(import.meta.dirname, ".bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function bundle(code: string) {
    const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(entry, HEAD + code);
    return build({ entryPoints: [entry], bundle: true, write: false, format: "esm", external: ["parfor", "parfor/*"], logLevel: "silent", plugins: [parforEsbuild()] }).then(
      (r) => ({ ok: true, warnings: r.warnings.map((w) => w.text), errors: [] as string[] }),
      (e: { errors: { text: string }[]; warnings: { text: string }[] }) => ({ ok: false, warnings: e.warnings.map((w) => w.text), errors: e.errors.map((x) => x.text) }),
    );
  }
  it('an untyped kernel fails the bundle with PF3005; with fallback: "js" the bundle builds with a warning', async () => {
    const untyped = `export const k = parallel((a) => { for (const i of prange(a.length)) a[i] = i; }`;
    const a = await bundle(untyped + ");");
    expect(a.ok).toBe(false);
    expect(a.errors.join("\n")).toMatch(/PF3005: Kernel 'k': parameter 'a'/);
    const b = await bundle(untyped + `, { fallback: "js" });`);
    expect(b.ok).toBe(true);
    expect(b.warnings.join("\n")).toMatch(/warning PF3005: Kernel 'k'/);
  });
  it('a kernel that cannot compile, with fallback: "js", does not fail the bundle', async () => {
    const r = await bundle(`/** @param {Float64Array} a */\nexport const k = parallel((a) => { for (const i of prange(a.length)) a[i] = foo(i); }, { fallback: "js" });`);
    expect(r.ok).toBe(true);
    expect(r.warnings.join("\n")).toMatch(/PF1003/);
  });
});
