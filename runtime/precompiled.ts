/**
 * Run-time lookup of kernels compiled ahead of time, used by `parallel()` before it compiles:
 *   1. a bundle the bundler plugin bound to the function object (`bindPrecompiled`),
 *   2. a `parfor-manifest.json` written by `parfor build`: PARFOR_MANIFEST (files, separated by
 *      the path delimiter), else the first one in the folders from the `parallel()` call's file
 *      up to its package root,
 *   3. the JIT compile cache (option `cache`, or PARFOR_CACHE), which the JIT also writes.
 * A kernel matches by the hash of its exact text and compile options (aot/store.ts) and then by
 * signature. Nothing here imports the compiler or TypeScript, so a program whose kernels are all
 * found never loads them.
 */
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import type { KernelShape, ParamType } from "../compiler/index.js";
import { readKernel, readVariant, writeKernel, writeVariant, cacheDir } from "../aot/cache.js";
import {
  bestVariant,
  FORMAT,
  type InlineBundle,
  kernelKey,
  type Manifest,
  MANIFEST_NAME,
  type ManifestKernel,
  type ManifestVariant,
  parforVersion,
  sameCompiler,
  sha256,
  sigKey,
  type Variant,
  type VariantRecord,
} from "../aot/store.js";
import type { ParallelOptions } from "./options.js";

export { MANIFEST_NAME } from "../aot/store.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;

/** What the run time found for one kernel. */
export interface Precompiled {
  /** the kernel's shape when a manifest, bundle or cache entry has it (no parsing needed) */
  readonly shape: KernelShape | null;
  /** a ready specialisation for `sig`: exact, or one that accepts it (s ⊂ i ⊂ f) */
  find(sig: readonly ParamType[]): Variant | null;
  /** records a JIT-compiled specialisation in the compile cache (when it is on) */
  store(shape: KernelShape, variant: Variant): void;
}

const bound = new WeakMap<AnyFn, InlineBundle>();

/**
 * Binds a bundle made by the bundler plugin to the kernel function it was compiled from, and
 * returns the function. The plugin wraps the function argument: `parallel(bindPrecompiled(fn,
 * {...}), options)`. Bound by identity, not by text, because bundlers reprint and minify code.
 */
export function bindPrecompiled<F extends AnyFn>(fn: F, bundle: InlineBundle): F {
  if (typeof fn === "function" && bundle && bundle.parfor === parforVersion() && sameCompiler(bundle.compiler)) bound.set(fn, bundle);
  return fn;
}

interface LoadedManifest {
  readonly file: string;
  readonly manifest: Manifest;
}

const manifestByFile = new Map<string, LoadedManifest | null>();
const manifestByDir = new Map<string, LoadedManifest | null>();

function readManifest(file: string): LoadedManifest | null {
  const have = manifestByFile.get(file);
  if (have !== undefined) return have;
  let out: LoadedManifest | null = null;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    if (m.format === FORMAT && m.parfor === parforVersion() && sameCompiler(m.compiler, m.compilerStat) && m.kernels && typeof m.kernels === "object") {
      out = { file, manifest: m };
    } else {
      process.emitWarning(`${file} was built by another version of parfor or of its compiler; its kernels are compiled at run time (run parfor build again).`, {
        type: "ParforWarning",
        code: "PARFOR_PRECOMPILED",
      });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      process.emitWarning(`${file} cannot be read (${(e as Error).message}); its kernels are compiled at run time.`, { type: "ParforWarning", code: "PARFOR_PRECOMPILED" });
    }
  }
  manifestByFile.set(file, out);
  return out;
}

/** The manifests that apply to a kernel made in `file`. */
function manifestsFor(file: string | undefined): LoadedManifest[] {
  const env = process.env.PARFOR_MANIFEST;
  if (env) return env.split(delimiter).filter(Boolean).map((f) => readManifest(resolve(f))).filter((m): m is LoadedManifest => m !== null);
  if (!file) return [];
  const seen: string[] = [];
  let dir = dirname(file);
  let found: LoadedManifest | null = null;
  for (;;) {
    const have = manifestByDir.get(dir);
    if (have !== undefined) {
      found = have;
      break;
    }
    seen.push(dir);
    const candidate = join(dir, MANIFEST_NAME);
    if (existsSync(candidate)) {
      found = readManifest(candidate);
      break;
    }
    const up = dirname(dir);
    if (up === dir || existsSync(join(dir, "package.json"))) break;
    dir = up;
  }
  for (const d of seen) manifestByDir.set(d, found);
  return found ? [found] : [];
}

function fromManifest(m: LoadedManifest, v: ManifestVariant, sig: string): Variant | null {
  try {
    const dir = dirname(m.file);
    const rec = JSON.parse(readFileSync(join(dir, v.record), "utf8")) as VariantRecord;
    const wasm = new Uint8Array(readFileSync(join(dir, v.wasm)));
    if (sha256(wasm) !== v.sha256 || rec.sha256 !== v.sha256 || sigKey(rec.sig) !== sig) return null;
    return { sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics };
  } catch {
    return null;
  }
}

function fromBundle(rec: VariantRecord & { wasm: string }): Variant | null {
  const wasm = new Uint8Array(Buffer.from(rec.wasm, "base64"));
  if (sha256(wasm) !== rec.sha256) return null;
  return { sig: rec.sig, compiled: { ...rec.compiled, wasm }, diagnostics: rec.diagnostics };
}

const NONE: Precompiled = { shape: null, find: () => null, store: () => {} };

/** The cache setting: the option, else PARFOR_CACHE. */
function cacheSetting(options: ParallelOptions): boolean | string | undefined {
  return options.cache ?? process.env.PARFOR_CACHE;
}

/**
 * Everything known ahead of time about the kernel `fn` (text `source`) made by a `parallel()`
 * call in `file`. Computes the kernel's key only when a bundle, manifest or cache is there.
 */
export function precompiledFor(fn: AnyFn, source: string, options: ParallelOptions, file: string | undefined): Precompiled {
  try {
    return lookup(fn, source, options, file);
  } catch {
    return NONE; // never in the way of compiling
  }
}

function lookup(fn: AnyFn, source: string, options: ParallelOptions, file: string | undefined): Precompiled {
  const bundle = bound.get(fn) ?? null;
  const manifests = manifestsFor(file);
  const dir = cacheDir(cacheSetting(options));
  if (!bundle && manifests.length === 0 && dir === null) return NONE;
  const key = kernelKey(source, options);
  let entry: { m: LoadedManifest; k: ManifestKernel } | null = null;
  for (const m of manifests) {
    const k = m.manifest.kernels[key];
    if (k) {
      entry = { m, k };
      break;
    }
  }
  const cached = dir !== null && !bundle && !entry ? readKernel(dir, key) : null;
  const shape = bundle?.shape ?? entry?.k.shape ?? cached?.shape ?? null;
  return {
    shape,
    find(sig) {
      const want = sigKey(sig);
      const exact = bundle?.variants[want] ? fromBundle(bundle.variants[want]!) : entry?.k.variants[want] ? fromManifest(entry.m, entry.k.variants[want]!, want) : null;
      if (exact) return exact;
      if (dir !== null) {
        const c = readVariant(dir, key, sig);
        if (c) return c;
      }
      if (bundle) {
        const k = bestVariant(sig, Object.keys(bundle.variants));
        if (k) return fromBundle(bundle.variants[k]!);
      }
      if (entry) {
        const k = bestVariant(sig, Object.keys(entry.k.variants));
        if (k) return fromManifest(entry.m, entry.k.variants[k]!, k);
      }
      return null;
    },
    store(s, variant) {
      if (dir === null) return;
      try {
        if (!readKernel(dir, key)) writeKernel(dir, { key, name: fn.name || "anonymous", shape: s });
        writeVariant(dir, key, variant);
      } catch (e) {
        process.emitWarning(`parfor: cannot write the compile cache in ${dir}: ${(e as Error).message}`, { type: "ParforWarning", code: "PARFOR_CACHE" });
      }
    },
  };
}
