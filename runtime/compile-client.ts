/**
 * Compiling off the main thread, for `.async` calls: one worker per process (runtime/compile-worker.ts),
 * made on first use and reused (ended after 10 s idle, remade when needed). It is unref()ed except
 * while a request is awaited, so it never keeps a process alive on its own. When no worker can be had (the worker entry is not built,
 * Node's permission model forbids workers, the worker failed to start or died) requests answer
 * `null` and the caller compiles on its own thread, as a synchronous call does.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CompiledKernel } from "../compiler/artifact.js";
import type { CompileOptions, Diagnostic, KernelShape, ParamType } from "../compiler/interface.js";

/** What the main thread asks the compile worker. */
export type CompileRequest =
  | { readonly id: number; readonly kind: "shape"; readonly source: string; readonly options: CompileOptions }
  | { readonly id: number; readonly kind: "compile"; readonly source: string; readonly options: CompileOptions; readonly params: readonly ParamType[] };

/** What it answers: the compiler's result as plain data, or the exception the compiler threw. */
export type CompileReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly shape: KernelShape | null;
      readonly diagnostics: readonly Diagnostic[];
      readonly compiled: CompiledKernel | null;
    }
  | { readonly id: number; readonly ok: false; readonly error: { readonly cls: "Error" | "TypeError" | "RangeError"; readonly message: string; readonly stack: string } };

/** The compiler's result as the Dispatcher uses it. */
export interface OffThreadResult {
  readonly shape: KernelShape | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly compiled: CompiledKernel | null;
}

interface Pending {
  readonly resolve: (r: OffThreadResult | null) => void;
  readonly reject: (e: unknown) => void;
}

let worker: Worker | null = null;
/** set when a worker cannot be made in this process: later requests compile on the caller's thread */
let unavailable = false;
let nextId = 1;
/** An idle worker is ended after this long (it holds a TypeScript of its own, tens of MB). */
const IDLE_MS = 10_000;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
const counts = { shape: 0, compile: 0 };
const pending = new Map<number, Pending>();

/** The worker entry: dist/runtime/compile-worker.js beside this file, or under dist/ when running from TS source. */
export function compileWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../dist/runtime/compile-worker.js", here) : new URL("./compile-worker.js", here);
}

function workerPermitted(): boolean {
  const perm = (process as unknown as { permission?: { has(scope: string): boolean } }).permission;
  return perm === undefined || perm.has("worker");
}

/** Every request in flight answers null (compile on the caller's thread); the next request makes a new worker. */
function lose(w: Worker): void {
  if (worker !== w) return;
  worker = null;
  const ps = [...pending.values()];
  pending.clear();
  for (const p of ps) p.resolve(null);
}

function theWorker(): Worker | null {
  if (worker !== null) return worker;
  if (unavailable) return null;
  const url = compileWorkerUrl();
  if (!workerPermitted() || !existsSync(fileURLToPath(url))) {
    unavailable = true;
    return null;
  }
  let w: Worker;
  try {
    // no execArgv: the compiler needs no flags, and eval-only ones (--input-type, -e) would stop it booting
    w = new Worker(url, { execArgv: [], stdout: false, stderr: false });
  } catch {
    unavailable = true;
    return null;
  }
  w.unref();
  let answered = false;
  w.on("message", (reply: CompileReply) => {
    answered = true;
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) idle(w);
    if (reply.ok) p.resolve({ shape: reply.shape, diagnostics: reply.diagnostics.map(freezeDiagnostic), compiled: reply.compiled });
    else p.reject(rebuild(reply.error));
  });
  w.on("error", () => {
    // a worker that never answered could not start here (a loader, a flag, a sandbox): stop trying
    if (!answered) unavailable = true;
    lose(w);
  });
  w.on("exit", () => lose(w));
  worker = w;
  return w;
}

function idle(w: Worker): void {
  w.unref();
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker === w && pending.size === 0) {
      worker = null;
      void w.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

function freezeDiagnostic(d: Diagnostic): Diagnostic {
  return Object.freeze({ ...d, related: Object.freeze(d.related.map((r) => ({ ...r }))) });
}

function rebuild(e: { cls: string; message: string; stack: string }): Error {
  const C = e.cls === "TypeError" ? TypeError : e.cls === "RangeError" ? RangeError : Error;
  const err = new C(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

type Body = { kind: "shape"; source: string; options: CompileOptions } | { kind: "compile"; source: string; options: CompileOptions; params: readonly ParamType[] };

/**
 * Runs a request on the compile worker. Resolves with the compiler's result, rejects with the
 * exception the compiler threw (same class and message), or resolves null when no worker can
 * answer (the caller then compiles on its own thread).
 */
export function offThread(body: Body): Promise<OffThreadResult | null> {
  const w = theWorker();
  if (w === null) return Promise.resolve(null);
  const id = nextId++;
  counts[body.kind]++;
  const req = { ...body, options: cloneableOptions(body.options), id } as CompileRequest;
  return new Promise((resolve, reject) => {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
    pending.set(id, { resolve, reject });
    // held while a request is awaited: the caller is waiting for it, so the process must stay up
    if (pending.size === 1) w.ref();
    try {
      w.postMessage(req);
    } catch {
      pending.delete(id);
      if (pending.size === 0) idle(w);
      resolve(null);
    }
  });
}

/** Requests posted to the compile worker so far, by kind (for tests). */
export function offThreadRequests(): { readonly shape: number; readonly compile: number } {
  return { ...counts };
}

/** The compile worker, if one runs (for tests). */
export function compileWorker(): Worker | null {
  return worker;
}

/** Helper functions in `globals` cross to the compile worker as their text (`{ fn: text }`). */
function cloneableOptions(options: CompileOptions): CompileOptions {
  const g = options.globals;
  if (!g || !Object.values(g).some((v) => typeof v === "function")) return options;
  const globals = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, typeof v === "function" ? { fn: Function.prototype.toString.call(v) } : v]));
  return { ...options, globals };
}
