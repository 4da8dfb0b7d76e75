/**
 * `parallel(fn, options)`: the run-time front door. It validates options at once, compiles
 * lazily on the first call of each argument signature (cached, like Numba's dispatcher), emits
 * race warnings once per kernel, and runs the compiled kernel on the pool, or the plain
 * function when the user asked for `fallback: "js"` and the kernel cannot be compiled.
 */
import type { CompiledKernel } from "../compiler/artifact.js";
import { check, compile, type Diagnostic, formatMessage, type KernelShape, ParforCompileError, shapeOf } from "../compiler/index.js";
import type { SourceOrigin } from "./errors.js";
import { invoke, invokeAsync, load, type LoadedKernel, MAX_THREADS } from "./invoke.js";
import type { ParallelOptions, RunSettings } from "./options.js";
import { threads as defaultThreads } from "./api.js";
import { signatureOf } from "./signature.js";
import { type Precompiled, precompiledFor } from "./precompiled.js";
import { ensureWorkers } from "./pool.js";
import { aliasSettings } from "./alias.js";
import { type CallSite, callerSite, locateSource } from "./source.js";

export type { ParallelOptions } from "./options.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;

/** A compiled kernel: call it like the plain function, or `.async(...)` it. */
export interface ParallelKernel<F extends AnyFn> {
  (...args: Parameters<F>): ReturnType<F>;
  /** Same result as a call, without blocking the event loop. */
  async(...args: Parameters<F>): Promise<ReturnType<F>>;
  /** Race warnings and other findings of the analysis, with file positions where known. */
  readonly diagnostics: readonly PositionedDiagnostic[];
  /** The plain function. */
  readonly fn: F;
}

/** A diagnostic with absolute positions (and the file, when the kernel's source was found). */
export interface PositionedDiagnostic extends Diagnostic {
  readonly file?: string;
}

const OPTION_KEYS = new Set(["threads", "schedule", "chunkSize", "fallback", "globals", "warnings", "aliasing", "cache"]);
const IDENT = /^[A-Za-z_$][\w$]*$/;

function badOption(name: string, what: string): never {
  throw new TypeError(formatMessage("PF3003", [name, what]));
}

/** Validates options at the public boundary; every message names the option. */
export function validateOptions(o: unknown): ParallelOptions {
  if (o === undefined) return {};
  if (o === null || typeof o !== "object" || Array.isArray(o)) {
    throw new TypeError("parallel(): options must be an object, got " + (o === null ? "null" : Array.isArray(o) ? "an array" : typeof o));
  }
  const opts = o as Record<string, unknown>;
  for (const k of Object.keys(opts)) if (!OPTION_KEYS.has(k)) badOption(k, `is not an option (known: ${[...OPTION_KEYS].join(", ")}).`);
  const t = opts.threads;
  if (t !== undefined && (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > MAX_THREADS)) {
    badOption("threads", `must be an integer from 1 to ${MAX_THREADS}, got ${String(t)}.`);
  }
  if (opts.schedule !== undefined && opts.schedule !== "static" && opts.schedule !== "dynamic") {
    badOption("schedule", `must be "static" or "dynamic", got ${JSON.stringify(opts.schedule)}.`);
  }
  const c = opts.chunkSize;
  if (c !== undefined && (typeof c !== "number" || !Number.isSafeInteger(c) || c < 1)) {
    badOption("chunkSize", `must be a positive integer, got ${String(c)}.`);
  }
  if (opts.fallback !== undefined && opts.fallback !== "js" && opts.fallback !== "error") {
    badOption("fallback", `must be "js" or "error", got ${JSON.stringify(opts.fallback)}.`);
  }
  if (opts.aliasing !== undefined && opts.aliasing !== "serial" && opts.aliasing !== "error") {
    badOption("aliasing", `must be "serial" or "error", got ${JSON.stringify(opts.aliasing)}.`);
  }
  if (opts.warnings !== undefined && typeof opts.warnings !== "boolean") badOption("warnings", `must be a boolean, got ${typeof opts.warnings}.`);
  if (opts.cache !== undefined && typeof opts.cache !== "boolean" && (typeof opts.cache !== "string" || opts.cache === "")) {
    badOption("cache", `must be a boolean or a folder, got ${typeof opts.cache === "string" ? '""' : typeof opts.cache}.`);
  }
  const g = opts.globals;
  if (g !== undefined) {
    if (g === null || typeof g !== "object" || Array.isArray(g)) badOption("globals", "must be an object mapping names to numbers or booleans.");
    for (const [name, v] of Object.entries(g as object)) {
      if (!IDENT.test(name)) badOption("globals", `has a key that is not an identifier: ${JSON.stringify(name)}.`);
      if (typeof v !== "number" && typeof v !== "boolean") badOption("globals", `entry '${name}' must be a number or a boolean, got ${typeof v}.`);
    }
  }
  return opts as ParallelOptions;
}

/** Per-kernel state shared by all its specialisations. */
class Dispatcher {
  private readonly source: string;
  private shapeCache: KernelShape | null = null;
  private readonly cache = new Map<string, LoadedKernel>();
  private origin: SourceOrigin | null | undefined;
  private analysed: PositionedDiagnostic[] | null = null;
  private fallbackReason: string | null = null;
  private warned = false;
  /** kernels built ahead of time (parfor build, the bundler plugin, the compile cache): found now, used without the compiler */
  private readonly pre: Precompiled;

  constructor(
    readonly fn: AnyFn,
    readonly options: ParallelOptions,
    private readonly site: CallSite | null,
  ) {
    this.source = fn.toString();
    this.pre = precompiledFor(fn, this.source, options, site?.file);
  }

  get name(): string {
    return this.fn.name || "anonymous";
  }

  private sourceOrigin(): SourceOrigin | null {
    if (this.origin === undefined) this.origin = locateSource(this.site, this.source);
    return this.origin;
  }

  /** Kernel-relative positions made absolute (or left relative when the file is unknown). */
  private position(d: Diagnostic): PositionedDiagnostic {
    const o = this.sourceOrigin();
    if (!o) return d;
    const line = o.line + d.line - 1;
    const column = d.line === 1 ? o.column + d.column - 1 : d.column;
    return { ...d, line, column, file: o.file, related: d.related.map((r) => ({ ...r, line: o.line + r.line - 1, column: r.line === 1 ? o.column + r.column - 1 : r.column })) };
  }

  where(d: PositionedDiagnostic): string {
    if (d.file !== undefined) return `${d.file}:${d.line}:${d.column}`;
    const site = this.site ? ` (parallel() called at ${this.site.file}:${this.site.line})` : "";
    return `kernel ${this.name} line ${d.line}:${d.column}${site}`;
  }

  /** Diagnostics of the kernel analysed with default parameter types (no call needed). */
  diagnostics(): readonly PositionedDiagnostic[] {
    if (!this.analysed) {
      const r = check(this.source, this.options);
      this.shapeCache ??= r.shape;
      this.analysed = r.diagnostics.map((d) => this.position(d));
    }
    return this.analysed;
  }

  private compileError(ds: readonly Diagnostic[]): ParforCompileError {
    const pos = ds.map((d) => this.position(d));
    const errors = pos.filter((d) => d.category === "error");
    const first = errors[0] ?? pos[0];
    const lines = errors.map((d) => `${this.where(d)} - error ${d.code}: ${d.message}`);
    return new ParforCompileError(`parfor: cannot compile kernel '${this.name}':\n  ${lines.join("\n  ")}`, first ? errors : []);
  }

  private warnOnce(ds: readonly Diagnostic[]): void {
    if (this.warned) return;
    this.warned = true;
    if (this.options.warnings === false) return;
    for (const d of ds) {
      if (d.category !== "warning") continue;
      const p = this.position(d);
      process.emitWarning(`${this.where(p)} ${d.code} (${d.name}): ${d.message}`, { type: "ParforSafetyWarning", code: d.code });
    }
  }

  private shape(): KernelShape {
    if (!this.shapeCache) {
      const r = shapeOf(this.source, this.options);
      if (!r.shape || r.diagnostics.some((d) => d.category === "error")) throw this.compileError(r.diagnostics);
      this.shapeCache = r.shape;
    }
    return this.shapeCache;
  }

  /** The loaded specialisation for `args`, compiling it on first use; null when falling back to JS. */
  specialise(args: readonly unknown[]): LoadedKernel | null {
    if (this.fallbackReason !== null) return null;
    const pre = this.pre;
    let shape: KernelShape;
    try {
      shape = (this.shapeCache ??= pre.shape) ?? this.shape();
    } catch (e) {
      return this.fallback(e);
    }
    const sig = signatureOf(this.name, shape, args);
    const key = sig.join(",");
    const have = this.cache.get(key);
    if (have) return have;
    // start the pool's threads now so that they boot while this thread compiles
    if (this.cache.size === 0) prestart(this.settings().threads);
    const hit = pre.find(sig);
    const r = hit ?? compile(this.source, sig, this.options);
    if (!r.compiled) return this.fallback(this.compileError(r.diagnostics));
    if (!hit) pre.store(shape, { sig, compiled: r.compiled, diagnostics: r.diagnostics });
    this.warnOnce(r.diagnostics);
    this.analysed ??= r.diagnostics.map((d) => this.position(d));
    const loaded = load(r.compiled as CompiledKernel, { name: this.name, origin: this.sourceOrigin() ?? { line: 1, column: 1 } });
    this.cache.set(key, loaded);
    return loaded;
  }

  private fallback(e: unknown): null {
    if (this.options.fallback !== "js" || !(e instanceof ParforCompileError)) throw e;
    this.fallbackReason = e.message;
    process.emitWarning(formatMessage("PF3004", [this.name, e.message]), { type: "ParforWarning", code: "PF3004" });
    return null;
  }

  private base: RunSettings | null = null;

  settings(args?: readonly unknown[]): RunSettings {
    // the default thread count is read once per kernel, like the options
    const s = (this.base ??= Object.freeze({
      threads: this.options.threads ?? defaultThreads(),
      schedule: this.options.schedule ?? "static",
      chunkSize: this.options.chunkSize ?? 1,
    }));
    // arrays that share memory: one thread when the overlap creates a dependence (runtime/alias.ts)
    return args ? aliasSettings(this.source, this.name, () => this.shape().params.map((p) => p.name), this.options.globals, args, s, this.options.aliasing) : s;
  }
}

/** Starts (without waiting for) the workers a call with `threads` threads will use. */
function prestart(threads: number): void {
  try {
    if (threads > 1) ensureWorkers(threads - 1, false);
  } catch {
    // a failure to start surfaces, with its message, when the call waits for the workers
  }
}

/**
 * Compiles `fn` (a function whose loops are `for (const i of prange(n))`) to WebAssembly threads.
 * The result is called like `fn` and returns what `fn` returns.
 */
export function parallel<F extends AnyFn>(fn: F, options?: ParallelOptions): ParallelKernel<F> {
  if (typeof fn !== "function") {
    throw new TypeError(`parallel(): fn must be a function, got ${fn === null ? "null" : typeof fn}`);
  }
  const opts = Object.freeze({ ...validateOptions(options) });
  const d = new Dispatcher(fn, opts, callerSite());
  const kernel = function (this: unknown, ...args: unknown[]) {
    const k = d.specialise(args);
    if (!k) return fn.apply(this, args);
    return invoke(k, args, d.settings(args));
  } as unknown as ParallelKernel<F>;
  Object.defineProperty(kernel, "name", { value: fn.name });
  Object.defineProperty(kernel, "fn", { value: fn, enumerable: true });
  Object.defineProperty(kernel, "diagnostics", { get: () => d.diagnostics(), enumerable: true });
  Object.defineProperty(kernel, "async", {
    value: async (...args: unknown[]) => {
      const k = d.specialise(args);
      if (!k) return fn(...args);
      return invokeAsync(k, args, d.settings(args));
    },
  });
  return kernel;
}
