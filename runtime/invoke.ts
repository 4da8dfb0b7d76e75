/**
 * Loading and calling compiled kernels: `load` compiles the module once; `invoke` runs a call on
 * the calling thread (it leads, workers help); `invokeAsync` runs it on worker 0 as leader so the
 * event loop is never blocked. All calls go through one execution lock, because kernels share the
 * control block, and a kernel's frame is reused by each of its calls.
 */

import type { CompiledKernel } from "../compiler/artifact.js";
import {
  ASYNC_FAILED,
  ASYNC_OK,
  ASYNC_RUNNING,
  ASYNC_STATE,
  CALL_CHUNK_SIZE,
  CALL_FRAME,
  CALL_KERNEL,
  CALL_SCHEDULE,
  CALL_SCRATCH,
  CALL_SCRATCH_BYTES,
  CALL_SPIN,
  CALL_THREADS,
  controlView,
  ERROR,
  FRAME,
  GENERATION,
  JOB_KIND,
  JOB_MAIN,
  MAILBOX,
  MAX_WORKERS,
  RESULT_BYTE,
  SOURCE_MAIN,
  STATE,
  WORKER_DEAD,
  workerField,
} from "./control.js";
import { MAX_DYNAMIC_CHUNKS, STATIC_CHUNKS, withLeader, type KernelExports, type Leader } from "./dispatch.js";
import { wrapTrap, type KernelMeta, type SourceOrigin } from "./errors.js";
import { kernelImports } from "./imports.js";
import { marshal } from "./marshal.js";
import { alloc, release, sharedMemory } from "./memory.js";
import type { RunSettings } from "./options.js";
import { discardWorkerErrors, ensureWorkers, sendKernel, spinAllowed, takeWorkerError } from "./pool.js";
import { Wasm, waitAsync, type WasmModule } from "./wasm.js";

export type { SourceOrigin } from "./errors.js";

/** Most threads a call may use (the control block has MAX_WORKERS worker slots). */
export const MAX_THREADS = MAX_WORKERS;

/** A kernel ready to run: its compiled module and metadata; instances are made per thread on demand. */
export interface LoadedKernel {
  readonly id: number;
  readonly meta: KernelMeta;
  readonly module: WasmModule;
}

interface KernelState {
  exports?: KernelExports;
  frame?: number;
}
const states = new WeakMap<LoadedKernel, KernelState>();
let nextId = 1;

/** Compiles `kernel`'s module (once) and returns the handle `invoke`/`invokeAsync` take. */
export function load(kernel: CompiledKernel, meta: { name: string; origin: SourceOrigin }): LoadedKernel {
  const module = new Wasm.Module(kernel.wasm);
  const km: KernelMeta = {
    id: nextId++,
    name: meta.name,
    origin: { ...meta.origin },
    frameSize: kernel.frameSize,
    params: kernel.params,
    loops: kernel.loops,
    sites: kernel.sites,
    returns: kernel.returns,
    mathImports: kernel.mathImports,
  };
  const k: LoadedKernel = Object.freeze({ id: km.id, meta: km, module });
  states.set(k, {});
  return k;
}

function stateOf(k: LoadedKernel): KernelState {
  let s = states.get(k);
  if (s === undefined) states.set(k, (s = {}));
  return s;
}

function mainExports(k: LoadedKernel): KernelExports {
  const s = stateOf(k);
  if (s.exports === undefined) {
    const memory = sharedMemory();
    const inst = new Wasm.Instance(k.module, kernelImports(memory, controlView(memory), k.meta));
    s.exports = inst.exports as unknown as KernelExports;
  }
  return s.exports;
}

function frameOf(k: LoadedKernel): number {
  const s = stateOf(k);
  if (s.frame === undefined) s.frame = alloc(Math.max(16, k.meta.frameSize), 16);
  return s.frame;
}

function checkThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`parfor: threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
}

function convertResult(k: LoadedKernel, r: number | undefined): number | boolean | undefined {
  switch (k.meta.returns) {
    case "void":
      return undefined;
    case "bool":
      return r !== 0;
    case "i32":
      return (r as number) | 0;
    case "f64":
      return r as number;
  }
}

/**
 * Runs a call synchronously on the calling thread, which leads and takes a share of every prange
 * (with `settings.threads - 1` pool workers). `args` are already validated against the params.
 * Waits first for any async calls in flight or queued (they were issued earlier).
 */
export function invoke(k: LoadedKernel, args: readonly unknown[], settings: RunSettings): number | boolean | undefined {
  checkThreads(settings.threads);
  drainAsync();
  const T = settings.threads;
  if (T > 1) {
    ensureWorkers(T - 1);
    sendKernel(T - 1, k.meta, k.module);
    discardWorkerErrors();
  }
  const memory = sharedMemory();
  const ctl = controlView(memory);
  const exports = mainExports(k);
  const main = exports["main"];
  if (main === undefined) throw new Error(`parfor internal error: kernel ${k.meta.name} does not export main`);
  const frame = frameOf(k);
  const m = marshal(k.meta, frame, args);
  try {
    Atomics.store(ctl, FRAME, frame);
    Atomics.store(ctl, ERROR, 0);
    const L: Leader = {
      memory,
      ctl,
      meta: k.meta,
      exports,
      threads: T,
      firstWorker: 0,
      dynamic: settings.schedule === "dynamic",
      chunkSize: settings.chunkSize,
      spin: spinAllowed(T),
      selfSource: SOURCE_MAIN,
      acquirePartials: (bytes) => alloc(bytes, 16),
      releasePartials: release,
      failure: takeWorkerError,
    };
    let r: number | undefined;
    try {
      r = withLeader(L, () => main(frame));
    } catch (e) {
      throw wrapTrap(e, k.meta, undefined);
    }
    return convertResult(k, r);
  } finally {
    m.finish();
  }
}

// ---------------------------------------------------------------------------------------------
// Async calls: one runs at a time on worker 0; later ones queue (FIFO).

interface AsyncCall {
  readonly k: LoadedKernel;
  readonly args: readonly unknown[];
  readonly settings: RunSettings;
  readonly resolve: (v: number | boolean | undefined) => void;
  readonly reject: (e: unknown) => void;
  finish?: () => void;
  scratch: number;
  done: boolean;
}

const queue: AsyncCall[] = [];
let running: AsyncCall | null = null;
/** A ref'd timer held while an async call runs: the caller awaits it, so the process must stay up. */
let keepAlive: ReturnType<typeof setInterval> | null = null;
const idleWaiters: (() => void)[] = [];
const WAIT_SLICE_MS = 100;

/**
 * Runs a call on the pool without blocking the event loop: worker 0 leads it with
 * `settings.threads - 1` helpers; completion is observed with Atomics.waitAsync. Calls queue
 * behind each other in issue order.
 */
export function invokeAsync(
  k: LoadedKernel,
  args: readonly unknown[],
  settings: RunSettings,
): Promise<number | boolean | undefined> {
  return new Promise((resolve, reject) => {
    checkThreads(settings.threads);
    queue.push({ k, args: [...args], settings, resolve, reject, scratch: 0, done: false });
    pump();
  });
}

/** Starts the next queued async call when none runs. */
function pump(): void {
  while (running === null && queue.length > 0) {
    const c = queue.shift()!;
    try {
      start(c);
      watch(c);
    } catch (e) {
      c.reject(e);
    }
  }
  if (running === null && queue.length === 0) {
    if (keepAlive !== null) clearInterval(keepAlive);
    keepAlive = null;
    for (const f of idleWaiters.splice(0)) f();
  }
}

function start(c: AsyncCall): void {
  const { k, settings } = c;
  const T = settings.threads;
  ensureWorkers(T);
  sendKernel(T, k.meta, k.module);
  discardWorkerErrors();
  const memory = sharedMemory();
  const ctl = controlView(memory);
  const frame = frameOf(k);
  const maxReductions = Math.max(0, ...k.meta.loops.map((l) => l.reductions));
  const maxChunks = settings.schedule === "dynamic" ? MAX_DYNAMIC_CHUNKS : STATIC_CHUNKS;
  const scratchBytes = maxReductions * 8 * maxChunks;
  const m = marshal(k.meta, frame, c.args);
  try {
    c.scratch = scratchBytes > 0 ? alloc(scratchBytes, 16) : 0;
  } catch (e) {
    m.finish();
    throw e;
  }
  c.finish = () => {
    m.finish();
    if (c.scratch !== 0) release(c.scratch);
  };
  Atomics.store(ctl, CALL_KERNEL, k.id);
  Atomics.store(ctl, CALL_FRAME, frame);
  Atomics.store(ctl, CALL_THREADS, T);
  Atomics.store(ctl, CALL_SCHEDULE, settings.schedule === "dynamic" ? 1 : 0);
  Atomics.store(ctl, CALL_CHUNK_SIZE, settings.chunkSize);
  Atomics.store(ctl, CALL_SCRATCH, c.scratch);
  Atomics.store(ctl, CALL_SCRATCH_BYTES, scratchBytes);
  Atomics.store(ctl, CALL_SPIN, spinAllowed(T) ? 1 : 0);
  Atomics.store(ctl, ERROR, 0);
  Atomics.store(ctl, ASYNC_STATE, ASYNC_RUNNING);
  running = c;
  if (keepAlive === null) keepAlive = setInterval(() => {}, 1 << 30);
  // Release edge (1) for worker 0: the call fields, frame and copied arrays precede this store.
  const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
  Atomics.store(ctl, workerField(0, JOB_KIND), JOB_MAIN);
  Atomics.store(ctl, workerField(0, MAILBOX), gen);
  Atomics.notify(ctl, workerField(0, MAILBOX), 1);
}

/** Waits (without blocking) for ASYNC_STATE to leave RUNNING, in bounded slices. */
function watch(c: AsyncCall): void {
  const ctl = controlView(sharedMemory());
  const r = waitAsync(ctl, ASYNC_STATE, ASYNC_RUNNING, WAIT_SLICE_MS);
  if (r.async) void r.value.then(() => poll(c));
  else queueMicrotask(() => poll(c));
}

function poll(c: AsyncCall): void {
  if (c.done) return;
  const ctl = controlView(sharedMemory());
  if (Atomics.load(ctl, ASYNC_STATE) === ASYNC_RUNNING && !leaderDied(ctl)) {
    watch(c);
    return;
  }
  complete(c);
  pump();
}

function leaderDied(ctl: Int32Array): boolean {
  return Atomics.load(ctl, workerField(0, STATE)) === WORKER_DEAD;
}

/** Finishes the running async call: result or error, copy-back, releases; settles its promise. */
function complete(c: AsyncCall): void {
  c.done = true;
  running = null;
  const memory = sharedMemory();
  const ctl = controlView(memory);
  const state = Atomics.load(ctl, ASYNC_STATE);
  let error: unknown = undefined;
  let result: number | boolean | undefined;
  try {
    if (state === ASYNC_OK) {
      // Acquire edge (3): ASYNC_STATE was loaded above, so RESULT and the arrays are complete.
      result = convertResult(c.k, new Float64Array(memory.buffer, RESULT_BYTE, 1)[0]);
    } else if (state === ASYNC_FAILED) {
      const src = Atomics.load(ctl, ERROR);
      error = src === 0 ? new Error("parfor internal error: async call failed without an error source") : takeWorkerError(src);
    } else {
      error = new Error(`parfor: worker thread 0 exited unexpectedly during an async call to kernel '${c.k.meta.name}'`);
    }
  } finally {
    try {
      c.finish?.();
    } catch (e) {
      error ??= e;
    }
  }
  if (error !== undefined) c.reject(error);
  else c.resolve(result);
}

/**
 * Blocks until every async call issued so far has finished, settling their promises: a sync call
 * must not touch the control block while worker 0 leads, and it was issued after them.
 */
function drainAsync(): void {
  if (running === null && queue.length === 0) return;
  const ctl = controlView(sharedMemory());
  for (;;) {
    if (running === null) {
      const next = queue.shift();
      if (next === undefined) break;
      try {
        start(next);
      } catch (e) {
        next.reject(e);
        continue;
      }
    }
    const c = running!;
    while (Atomics.load(ctl, ASYNC_STATE) === ASYNC_RUNNING && !leaderDied(ctl)) {
      Atomics.wait(ctl, ASYNC_STATE, ASYNC_RUNNING, WAIT_SLICE_MS);
    }
    complete(c);
  }
  pump();
}

/** Resolves once no async call is running or queued (used by shutdown). */
export function whenIdle(): Promise<void> {
  if (running === null && queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
