/**
 * Kernels the bundler plugin (parfor/bundler) compiled into a browser bundle: what
 * `parfor/precompiled` is in a page (package.json "exports", condition "browser"). The plugin
 * wraps each kernel as `parallel(bindPrecompiled(fn, bundle), options)`; the kernel is bound to
 * the function object, because bundlers reprint and minify code.
 *
 * Unlike the Node lookup (runtime/precompiled.ts) this imports no node: module and no hashing:
 * a bundle is part of the page's own code, as trusted as the code around it, and the bundler
 * made it with the parfor it installed. Each variant is still checked before use by
 * runtime/verify-artifact.ts (metadata and the module's imports and exports against the shape),
 * like every artifact in Node.
 */
import type { KernelShape, ParamType } from "../compiler/interface.js";
import type { Variant } from "../aot/store.js";
import type { Precompiled } from "./precompiled.js";
import { checkShape, checkVariant } from "./verify-artifact.js";
import { warn } from "./platform.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;

/** What the plugin inlines (aot/store.ts InlineBundle), as this module reads it. */
interface Bundle {
  readonly name: string;
  readonly shape: KernelShape;
  readonly variants: Readonly<Record<string, { readonly sig: ParamType[]; readonly compiled: Omit<Variant["compiled"], "wasm">; readonly diagnostics: Variant["diagnostics"]; readonly wasm: string }>>;
}

const bound = new WeakMap<AnyFn, Bundle>();

/** Binds a bundle made by the bundler plugin to its kernel function and returns the function. */
export function bindPrecompiled<F extends AnyFn>(fn: F, bundle: unknown): F {
  if (typeof fn === "function" && bundle !== null && typeof bundle === "object") bound.set(fn, bundle as Bundle);
  return fn;
}

/** The rank of a scalar kind in the order s ⊂ i ⊂ f (as aot/store.ts bestVariant). */
const RANK: Record<string, number> = { s: 0, i: 1, f: 2 };

/** Among `have`, the variant that accepts `sig` and is the most specific (exact first). */
function best(sig: readonly ParamType[], have: readonly string[]): string | null {
  let out: string | null = null;
  let bestCost = Infinity;
  for (const key of have) {
    const other = key === "" ? [] : key.split(",");
    if (other.length !== sig.length) continue;
    let cost = 0;
    for (let i = 0; i < sig.length && cost !== Infinity; i++) {
      const a = sig[i]!;
      const b = other[i]!;
      if (a === b) continue;
      const ra = RANK[a];
      const rb = RANK[b];
      cost = ra !== undefined && rb !== undefined && rb > ra ? cost + rb - ra : Infinity;
    }
    if (cost < bestCost) {
      bestCost = cost;
      out = key;
    }
  }
  return out;
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const NONE: Precompiled = { shape: null, aheadOfTime: false, find: () => null, store: () => {} };
const reported = new Set<string>();

function distrust(where: string, problem: string): void {
  if (reported.has(where)) return;
  reported.add(where);
  warn(`parfor: ${where} is not used: ${problem}; bundle it again.`, "ParforWarning", "PARFOR_PRECOMPILED");
}

/** The bundled kernels of `fn`, checked on use. */
export function bundledFor(fn: AnyFn): Precompiled {
  const b = bound.get(fn);
  if (b === undefined) return NONE;
  const label = `bundled kernel '${String(b.name)}'`;
  const problem = typeof b.variants === "object" && b.variants !== null ? checkShape(b.shape, fn.length) : "its record is malformed";
  if (problem !== null) {
    distrust(label, problem);
    return NONE;
  }
  const tried = new Map<string, Variant | null>();
  const load = (key: string): Variant | null => {
    if (tried.has(key)) return tried.get(key)!;
    let v: Variant | null = null;
    try {
      const rec = b.variants[key]!;
      const wasm = decodeBase64(rec.wasm);
      const candidate = { sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics } as Variant;
      const why = checkVariant(candidate, wasm, b.shape);
      if (why === null) v = candidate;
      else distrust(`${label}, signature (${key})`, why);
    } catch (e) {
      distrust(`${label}, signature (${key})`, `it cannot be read (${(e as Error).message})`);
    }
    tried.set(key, v);
    return v;
  };
  return {
    shape: b.shape,
    aheadOfTime: true,
    find(sig) {
      let left = Object.keys(b.variants);
      for (;;) {
        const k = best(sig, left);
        if (k === null) return null;
        const v = load(k);
        if (v) return v;
        left = left.filter((x) => x !== k);
      }
    },
    store() {},
  };
}
