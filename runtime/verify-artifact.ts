/**
 * Checks a stored artifact (a compile-cache entry, a `parfor build` record, a bundle the bundler
 * plugin inlined) before the run time uses it: its metadata must describe a frame that the module
 * and the kernel agree on, and the module must be one that links against what parfor provides.
 * Every check returns the reason it failed (a short phrase for a warning) or null when it holds.
 *
 * What this cannot tell: whether the code in a valid module does what its source says. A module
 * written by hand that passes every check here (and whose entry hash is consistent) runs as if it
 * were parfor's; artifacts are trusted as much as the code in node_modules (see README).
 *
 * Imports nothing of the compiler (only the artifact's types) and no TypeScript.
 */
import type { ArrayKind, CompiledKernel, ParamSlot } from "../compiler/artifact.js";
import { MAX_PAGES } from "./memory.js";

/** A parameter type of a signature (compiler ParamType, restated so the compiler is not imported). */
type SigType = ArrayKind | "s" | "i" | "f" | "b";

/** The kernel shape as stored (compiler KernelShape, restated for the same reason). */
export interface ShapeLike {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly isArray: boolean; readonly used: boolean; readonly annotation: SigType | null }[];
}

const ARRAY_KINDS: ReadonlySet<string> = new Set([
  "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);
const SCALARS: ReadonlySet<string> = new Set(["s", "i", "f", "b"]);
const RETURNS: ReadonlySet<string> = new Set(["f64", "i32", "bool", "void", "array"]);

/** Largest frame accepted: the compiler's frames are 8 bytes per parameter, loop bound and crossing scalar. */
export const MAX_FRAME_BYTES = 1 << 20;
/** The shared memory's initial size in pages (runtime/memory.ts): a module may not ask for more at link time. */
const MIN_PAGES_LIMIT = 256;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isNat = (x: unknown, max = 0x7fffffff): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= max;
let unicodeName: RegExp | undefined; // built on first non-ASCII name: Unicode property classes take milliseconds to compile
const isName = (x: unknown): x is string =>
  typeof x === "string" &&
  (/^[A-Za-z_$][\w$]*$/.test(x) || (/[^\x00-\x7f]/.test(x) && (unicodeName ??= /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200c\u200d]*$/u).test(x)));
const isSigType = (x: unknown): x is SigType => typeof x === "string" && (SCALARS.has(x) || ARRAY_KINDS.has(x));

/**
 * The stored shape of a kernel: well formed, and with as many parameters as the function has
 * (kernel parameters are plain names, so `fn.length` counts them all).
 */
export function checkShape(shape: unknown, fnLength?: number): string | null {
  if (!isObject(shape) || typeof shape.name !== "string" || !Array.isArray(shape.params)) return "the kernel shape is malformed";
  const names = new Set<string>();
  for (const [i, p] of shape.params.entries()) {
    if (!isObject(p) || !isName(p.name) || typeof p.isArray !== "boolean" || typeof p.used !== "boolean") return `parameter ${i + 1} of the kernel shape is malformed`;
    if (p.annotation !== null && !isSigType(p.annotation)) return `parameter '${p.name}' has an unknown annotation`;
    if (names.has(p.name)) return `parameter '${p.name}' appears twice in the kernel shape`;
    names.add(p.name);
  }
  if (fnLength !== undefined && shape.params.length !== fnLength) {
    return `the kernel shape has ${shape.params.length} parameter(s) but the function has ${fnLength}`;
  }
  return null;
}

/** A signature as stored: an array of parameter types. */
export function checkSig(sig: unknown): sig is readonly SigType[] {
  return Array.isArray(sig) && sig.every(isSigType);
}

/** Diagnostics as stored: what the run time reads of them to print warnings. */
function checkDiagnostics(ds: unknown): string | null {
  if (!Array.isArray(ds)) return "its diagnostics are malformed";
  for (const d of ds) {
    if (!isObject(d) || typeof d.code !== "string" || typeof d.name !== "string" || typeof d.message !== "string") return "a diagnostic is malformed";
    if ((d.category !== "error" && d.category !== "warning") || !isNat(d.line) || !isNat(d.column) || !Array.isArray(d.related)) return "a diagnostic is malformed";
    if (d.category === "error") return "it records a compile error";
    for (const r of d.related) if (!isObject(r) || !isNat(r.line) || !isNat(r.column) || typeof r.message !== "string") return "a diagnostic is malformed";
  }
  return null;
}

/** Byte ranges of the frame that a slot uses. */
interface Range {
  readonly what: string;
  readonly at: number;
  readonly size: number;
}

/**
 * The metadata of a specialisation compiled for `sig` of a kernel of shape `shape`: parameter
 * slots in the kernel's order with the kinds `sig` gives, every slot inside the frame and none
 * overlapping another, loops numbered 0..n-1, well-formed sites, returns and math imports.
 */
export function checkMeta(meta: unknown, sig: readonly SigType[], shape: ShapeLike | null): string | null {
  if (!isObject(meta)) return "its metadata is malformed";
  const m = meta as unknown as Omit<CompiledKernel, "wasm">;
  if (!isNat(m.frameSize, MAX_FRAME_BYTES) || m.frameSize < 8 || m.frameSize % 8 !== 0) return `frameSize ${String(m.frameSize)} is not a frame size`;
  if (!Array.isArray(m.params)) return "params is not a list";
  if (m.params.length !== sig.length) return `it has ${m.params.length} parameter slot(s) for a signature of ${sig.length}`;
  if (shape && shape.params.length !== sig.length) return `the kernel has ${shape.params.length} parameter(s) but the signature ${sig.length}`;
  const ranges: Range[] = [];
  const slot = (what: string, at: unknown, size: number): string | null => {
    if (!isNat(at) || at + size > m.frameSize) return `${what} (${String(at)}, ${size} bytes) is outside the frame of ${m.frameSize} bytes`;
    ranges.push({ what, at, size });
    return null;
  };
  for (const [i, p] of (m.params as readonly unknown[]).entries()) {
    if (!isObject(p)) return `parameter slot ${i + 1} is malformed`;
    const s = p as unknown as ParamSlot;
    const want = sig[i]!;
    if (!isName(s.name)) return `parameter slot ${i + 1} has no name`;
    if (shape && shape.params[i]!.name !== s.name) return `parameter slot ${i + 1} is '${s.name}' but the kernel's parameter is '${shape.params[i]!.name}'`;
    if (ARRAY_KINDS.has(want)) {
      if (s.kind !== "array" || s.array !== want) return `parameter '${s.name}' is stored as ${String(s.kind === "array" ? s.array : s.kind)} for a ${want} argument`;
      if (typeof s.read !== "boolean" || typeof s.written !== "boolean") return `parameter '${s.name}' has no read/written flags`;
      if (s.overwrites !== undefined) {
        // the bound is a scalar parameter or an array parameter's length, of an array the kernel writes
        const bound = (st: unknown): boolean => {
          const at = isObject(st) && Object.keys(st).length === 1 ? (st.param ?? st.lengthOf) : undefined;
          const ref = isNat(at) && at < sig.length ? sig[at]! : null;
          return ref !== null && ("param" in (st as object) ? ref === "f" || ref === "i" || ref === "s" : ARRAY_KINDS.has(ref));
        };
        const o = s.overwrites as unknown;
        const ok = s.written && isObject(o) && Object.keys(o).every((x) => x === "stop" || x === "inner" || x === "width") && bound(o.stop) && (o.inner === undefined || (Array.isArray(o.inner) && o.inner.length > 0 && o.inner.every(bound))) &&
          (o.width === undefined || (Number.isInteger(o.width) && (o.width as number) >= 2 && (o.width as number) <= 1024));
        if (!ok) return `parameter '${s.name}' has a malformed overwrite bound`;
      }
      const r = slot(`parameter '${s.name}' offset`, s.offset, 4) ?? slot(`parameter '${s.name}' lengthOffset`, s.lengthOffset, 4);
      if (r) return r;
    } else {
      const kind = want === "s" ? "i" : want;
      if (s.kind !== kind) return `parameter '${s.name}' is stored as ${String(s.kind)} for an argument of kind ${want}`;
      const r = slot(`parameter '${s.name}' offset`, s.offset, kind === "f" ? 8 : 4);
      if (r) return r;
    }
  }
  if (!Array.isArray(m.loops) || m.loops.length > 10000) return "loops is not a list";
  for (const [k, l] of (m.loops as readonly unknown[]).entries()) {
    if (!isObject(l)) return `loop ${k} is malformed`;
    if (l.id !== k) return `loop ${k} has id ${String(l.id)}`;
    if (typeof l.wideIndex !== "boolean" || (l.lanes !== 1 && l.lanes !== 2) || !isNat(l.hoistedChecks) || !isNat(l.reductions, 1 << 16) || !isNat(l.line) || !isNat(l.column)) {
      return `loop ${k} is malformed`;
    }
    if (l.innerLoops !== undefined && typeof l.innerLoops !== "boolean") return `loop ${k} is malformed`;
    if (l.lineChunk !== undefined && (!isNat(l.lineChunk, 64) || (l.lineChunk as number) < 2)) return `loop ${k} is malformed`;
    if (l.exactArrays !== undefined && (l.exactArrays !== true || l.partialBytes !== 0)) return `loop ${k} is malformed`;
    if (l.inlineOffset !== undefined && (l.reductions !== 0 || !isNat(l.inlineOffset) || (l.inlineOffset as number) % 4 !== 0)) return `loop ${k} is malformed`;
    const size = l.wideIndex ? 8 : 4;
    const r = (l.inlineOffset !== undefined ? slot(`loop ${k} inlineOffset`, l.inlineOffset, 8) : null) ?? slot(`loop ${k} startOffset`, l.startOffset, size) ?? slot(`loop ${k} stepOffset`, l.stepOffset, size);
    if (r) return r;
    // reductions' partial layout (runtime/partials.ts): scalar bytes, and private copies of array parameters
    if (!isNat(l.partialBytes, 1 << 20) || l.partialBytes % 8 !== 0 || !Array.isArray(l.arrayPartials) || l.arrayPartials.length > 10000) return `loop ${k} is malformed`;
    for (const a of l.arrayPartials as readonly unknown[]) {
      if (!isObject(a) || ![1, 2, 4, 8].includes(a.elementBytes as number)) return `loop ${k} is malformed`;
      if (a.param === -1) {
        const r2 = slot(`loop ${k} reduced array length`, a.lengthOffset, 0);
        if (r2 || !isNat(a.lengthOffset) || (a.lengthOffset as number) + 4 > m.frameSize) return r2 ?? `loop ${k} is malformed`;
        continue;
      }
      if (!isNat(a.param)) return `loop ${k} is malformed`;
      const target = (m.params as readonly unknown[])[a.param];
      if (!isObject(target) || target.kind !== "array") return `loop ${k} reduces parameter ${a.param}, which is not an array`;
    }
  }
  ranges.sort((a, b) => a.at - b.at);
  for (let i = 1; i < ranges.length; i++) {
    const a = ranges[i - 1]!;
    const b = ranges[i]!;
    if (a.at + a.size > b.at) return `${a.what} and ${b.what} overlap`;
  }
  if (typeof m.returns !== "string" || !RETURNS.has(m.returns)) return `returns ${String(m.returns)} is not a return kind`;
  if (m.returns === "array") {
    const ra = m.returnArray;
    if (!isObject(ra) || typeof ra.kind !== "string" || !ARRAY_KINDS.has(ra.kind) || !isNat(ra.lengthOffset) || (ra.lengthOffset as number) % 4 !== 0 || (ra.lengthOffset as number) + 4 > m.frameSize) {
      return "returnArray (the returned array's kind and length slot) is malformed";
    }
  } else if (m.returnArray !== undefined) return `returnArray is set for a kernel that returns ${m.returns}`;
  if (!Array.isArray(m.sites)) return "sites is not a list";
  for (const s of m.sites as readonly unknown[]) if (!isObject(s) || typeof s.array !== "string" || !isNat(s.line) || !isNat(s.column)) return "an access site is malformed";
  if (!Array.isArray(m.mathImports)) return "mathImports is not a list";
  for (const n of m.mathImports as readonly unknown[]) if (!isMathName(n)) return `mathImports names ${JSON.stringify(n)}, which parfor does not provide`;
  return null;
}

/** A `math.<name>` import the run time serves (runtime/imports.ts): a function of Math, or hypot_<n>. */
function isMathName(n: unknown): n is string {
  if (typeof n !== "string") return false;
  if (/^hypot_\d{1,3}$/.test(n)) return true;
  return Object.prototype.hasOwnProperty.call(Math, n) && typeof (Math as unknown as Record<string, unknown>)[n] === "function";
}

const I32 = 0x7f;
const F64 = 0x7c;
type FuncType = { readonly params: readonly number[]; readonly results: readonly number[] };
const same = (t: FuncType | undefined, params: readonly number[], results: readonly number[]): boolean =>
  t !== undefined && t.params.length === params.length && t.results.length === results.length && t.params.every((x, i) => x === params[i]) && t.results.every((x, i) => x === results[i]);

/** env.* functions the run time provides (runtime/imports.ts), with their types. */
const ENV_FUNCS: Readonly<Record<string, FuncType>> = {
  prange: { params: [I32, I32, F64, F64, F64], results: [] },
  oob: { params: [I32, F64], results: [] },
  fmod: { params: [F64, F64], results: [F64] },
  count: { params: [F64, F64, F64, I32], results: [I32] },
  alloc: { params: [F64, I32], results: [I32] },
  mark: { params: [], results: [I32] },
  reset: { params: [I32], results: [] },
  oobLen: { params: [I32, F64, I32], results: [] },
};

/** Sections the compiler emits (type, import, function, global, export, code) and custom ones. */
const SECTIONS: ReadonlySet<number> = new Set([0, 1, 2, 3, 6, 7, 10]);

const UTF8 = new TextDecoder("utf-8", { fatal: true });

class Reader {
  at = 0;
  constructor(private readonly b: Uint8Array) {}
  byte(): number {
    if (this.at >= this.b.length) throw new Error("truncated");
    return this.b[this.at++]!;
  }
  u32(): number {
    let r = 0;
    for (let shift = 0; ; shift += 7) {
      const x = this.byte();
      r += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return r;
      if (shift > 28) throw new Error("bad LEB128");
    }
  }
  name(): string {
    const n = this.u32();
    const s = UTF8.decode(this.b.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
}

/**
 * The module: valid WebAssembly with only the sections parfor's compiler emits (no start function,
 * data, tables or memory of its own), importing one shared env.memory, the env functions of the
 * run time with their types, env.mathScratch and `math.*` functions listed in `meta.mathImports`,
 * and exporting exactly main, loop_k for each loop and combine_k for each loop with reductions,
 * with the types the run time calls them with.
 */
export function checkModule(wasm: Uint8Array, meta: Pick<CompiledKernel, "loops" | "returns" | "mathImports">): string | null {
  const WA = (globalThis as unknown as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly;
  if (!WA) return "WebAssembly is not available";
  if (!(wasm instanceof Uint8Array) || !WA.validate(wasm)) return "its module is not valid WebAssembly";
  try {
    const r = new Reader(wasm);
    r.at = 8;
    const types: FuncType[] = [];
    const funcTypes: number[] = []; // type index per function index (imports first)
    let memory = false;
    const exports = new Map<string, number>();
    const mathOk = new Set(meta.mathImports);
    while (r.at < wasm.length) {
      const id = r.byte();
      const size = r.u32();
      const end = r.at + size;
      if (!SECTIONS.has(id)) return `its module has a section (${id}) that parfor's compiler never emits`;
      if (id === 1) {
        for (let n = r.u32(); n > 0; n--) {
          if (r.byte() !== 0x60) return "its module has a type that is not a function type";
          const params = Array.from({ length: r.u32() }, () => r.byte());
          const results = Array.from({ length: r.u32() }, () => r.byte());
          types.push({ params, results });
        }
      } else if (id === 2) {
        for (let n = r.u32(); n > 0; n--) {
          const mod = r.name();
          const field = r.name();
          const kind = r.byte();
          const what = `${mod}.${field}`;
          if (kind === 0x00) {
            const ti = r.u32();
            const t = types[ti];
            funcTypes.push(ti);
            const want = mod === "env" ? ENV_FUNCS[field] : undefined;
            if (want) {
              if (!same(t, want.params, want.results)) return `its module imports ${what} with another type`;
            } else if (mod === "math" && mathOk.has(field)) {
              if (!t || !t.params.every((x) => x === F64) || !same(t, t.params, [F64])) return `its module imports ${what} with another type`;
            } else return `its module imports ${what}, which parfor does not provide`;
          } else if (kind === 0x02) {
            if (what !== "env.memory" || memory) return `its module imports a memory ${what}`;
            memory = true;
            const flags = r.byte();
            const min = r.u32();
            const max = flags & 1 ? r.u32() : undefined;
            if (flags !== 0x03) return "its module does not import env.memory as shared memory";
            if (min > MIN_PAGES_LIMIT || max !== MAX_PAGES) return `its module imports env.memory with limits ${min}..${String(max)} pages`;
          } else if (kind === 0x03) {
            const type = r.byte();
            const mutable = r.byte();
            if (what !== "env.mathScratch" || type !== I32 || mutable !== 0) return `its module imports a global ${what}`;
          } else return `its module imports ${what} of kind ${kind}`;
        }
      } else if (id === 3) {
        for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32());
      } else if (id === 7) {
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = r.byte();
          const index = r.u32();
          if (kind !== 0x00) return `its module exports ${name}, which is not a function`;
          exports.set(name, index);
        }
      }
      r.at = end;
    }
    if (!memory) return "its module does not import the shared memory";
    const expect = new Map<string, FuncType>();
    const ret = meta.returns === "void" ? [] : meta.returns === "f64" ? [F64] : [I32];
    expect.set("main", { params: [I32], results: ret });
    for (const l of meta.loops) {
      expect.set(`loop_${l.id}`, { params: [I32, I32, I32, I32], results: [] });
      if (l.reductions > 0) expect.set(`combine_${l.id}`, { params: [I32, I32, I32], results: [] });
    }
    for (const name of exports.keys()) if (!expect.has(name)) return `its module exports ${name}, which its metadata does not describe`;
    for (const [name, t] of expect) {
      const index = exports.get(name);
      if (index === undefined) return `its module does not export ${name}`;
      if (!same(types[funcTypes[index]!], t.params, t.results)) return `its module exports ${name} with another type`;
    }
    return null;
  } catch (e) {
    return `its module cannot be read (${(e as Error).message})`;
  }
}

/** A stored specialisation, checked whole: signature, metadata against the kernel's shape, module against the metadata. */
export function checkVariant(v: { readonly sig: unknown; readonly compiled: unknown; readonly diagnostics: unknown }, wasm: Uint8Array, shape: ShapeLike | null): string | null {
  if (!checkSig(v.sig)) return "its signature is malformed";
  return checkMeta(v.compiled, v.sig, shape) ?? checkDiagnostics(v.diagnostics) ?? checkModule(wasm, v.compiled as CompiledKernel);
}
