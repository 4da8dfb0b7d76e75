/**
 * The `env.prange` import and the chunk loop every thread runs. The same code serves the main
 * thread (leader of a synchronous call) and worker 0 (leader of an async call): a thread is leader
 * while a `Leader` is installed with `withLeader`, and helpers only ever run `runShare`.
 *
 * Chunking never depends on the thread count: static uses C = max(1, ceil(count/256)) and dynamic
 * C = max(chunkSize, ceil(count/65536)); partials are stored per chunk and `combine_<k>` folds them
 * in chunk order, so a reduction gives the same bits for any number of threads.
 */

import {
  ACK,
  ACTIVE,
  CHUNK,
  CHUNKS,
  COUNT,
  DONE,
  ERROR,
  FRAME,
  GENERATION,
  JOB_KIND,
  JOB_LOOP,
  KERNEL,
  LOOP,
  MAILBOX,
  NEXT,
  PARTIAL_BASE,
  PARTIAL_STRIDE,
  SCHEDULE,
  SPIN,
  STATE,
  THREADS,
  TNUM,
  WORKER_DEAD,
  WORKER_READY,
  workerField,
} from "./control.js";
import { formatPosition, wrapTrap, type KernelMeta } from "./errors.js";
import { resetShadows } from "./race-check.js";
import { planPartials } from "./partials.js";
import { blockWait } from "./platform.js";
import type { WasmMemory } from "./wasm.js";

/** A kernel instance's exports as the runtime calls them. */
export type KernelExports = Record<string, (...args: number[]) => number | undefined>;

/** Everything a leader thread needs to run the prange loops of one call. */
export interface Leader {
  readonly memory: WasmMemory;
  readonly ctl: Int32Array;
  readonly meta: KernelMeta;
  readonly exports: KernelExports;
  /** Threads in all, this one included (at most: only workers that are ready take part). */
  readonly threads: number;
  /** Pool index of the first helper worker; helpers are chosen from firstWorker..firstWorker+threads-2. */
  readonly firstWorker: number;
  readonly dynamic: boolean;
  readonly chunkSize: number;
  /** Whether waiting threads may spin (threads <= available cores). */
  readonly spin: boolean;
  /** ERROR value that names this thread. */
  readonly selfSource: number;
  /** Memory for `bytes` of partials (8-aligned) and its release. */
  acquirePartials(bytes: number): number;
  releasePartials(ptr: number): void;
  /** The error to throw when thread `source` (not this one) failed first. */
  failure(source: number): Error;
}

/** Static schedule: at most this many chunks per loop. */
export const STATIC_CHUNKS = 256;
/** Dynamic schedule: at most this many chunks per loop. */
export const MAX_DYNAMIC_CHUNKS = 65536;

/** How long a waiting thread spins before it sleeps (when spinning is allowed). */
export const SPIN_MS = 0.08;
/** Slice of a leader's bounded Atomics.wait: between slices it checks for dead workers. */
const JOIN_SLICE_MS = 100;

let leader: Leader | null = null;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** Runs `fn` with `l` as this thread's leader (env.prange dispatches through it). */
export function withLeader<T>(l: Leader, fn: () => T): T {
  const outer = leader;
  leader = l;
  try {
    return fn();
  } finally {
    leader = outer;
  }
}

/** Chunk size for a loop of `count` iterations (independent of the thread count). */
export function chunkSizeFor(count: number, dynamic: boolean, chunkSize: number): number {
  return dynamic
    ? Math.max(chunkSize, Math.ceil(count / MAX_DYNAMIC_CHUNKS))
    : Math.max(1, Math.ceil(count / STATIC_CHUNKS));
}

function checkBound(meta: KernelMeta, loop: number, name: string, v: number): number {
  if (!Number.isSafeInteger(v)) throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
  if (!meta.loops[loop]?.wideIndex && (v < INT32_MIN || v > INT32_MAX)) {
    const info = meta.loops[loop];
    const where = info !== undefined ? formatPosition(meta, info.line, info.column) : `kernel ${meta.name}`;
    throw new RangeError(
      `prange: ${name} is ${v}, but a compiled prange loop needs bounds that are 32-bit integers ` +
        `(-2147483648 to 2147483647) (prange at ${where})`,
    );
  }
  return v + 0; // -0 -> +0
}

/**
 * The `env.prange(loop, frame, start, stop, step)` import: validates the bounds like plain
 * prange, stores start/step in the frame, runs all chunks on the leader and its helpers, and
 * calls `combine_<loop>` when the loop has reductions.
 */
export function envPrange(loop: number, frame: number, start: number, stop: number, step: number): void {
  const L = leader;
  if (L === null) throw new Error("parfor internal error: env.prange called on a thread that is not leading a call");
  const meta = L.meta;
  const info = meta.loops[loop];
  if (info === undefined) throw new Error(`parfor internal error: kernel ${meta.name} has no prange loop ${loop}`);
  const s = checkBound(meta, loop, "start", start);
  const e = checkBound(meta, loop, "stop", stop);
  const st = checkBound(meta, loop, "step", step);
  if (st === 0) throw new RangeError("prange: step must not be zero");
  // A fresh DataView per loop: the frame's range never moves, but this keeps no buffer alive.
  const fv = new DataView(L.memory.buffer, frame, meta.frameSize);
  if (info.wideIndex) {
    fv.setFloat64(info.startOffset, s, true);
    fv.setFloat64(info.stepOffset, st, true);
  } else {
    fv.setInt32(info.startOffset, s, true);
    fv.setInt32(info.stepOffset, st, true);
  }
  const span = st > 0 ? e - s : s - e;
  const count = span <= 0 ? 0 : Math.ceil(span / Math.abs(st));
  if (count === 0) return;
  // checked mode: iterations of this prange start with clean shadow state
  if (meta.checked) resetShadows(L.memory, L.ctl, meta, frame, s, st);
  if (count > INT32_MAX) {
    throw new RangeError(`prange: ${count} iterations is more than a compiled prange loop runs (2^31 - 1)`);
  }

  // reductions' partial state per chunk (runtime/partials.ts: arrays' private copies may coarsen the chunks)
  const { chunk, chunks, stride, inPlace } = planPartials(meta, info, fv, count, chunkSizeFor(count, L.dynamic, L.chunkSize));
  const block = stride > 0 ? L.acquirePartials(chunks * stride) : 0;
  const partialBase = block | (inPlace ? 1 : 0);
  try {
    // Waking a helper only pays off when it gets a chunk; for static, T' = min(T, chunks) threads
    // split the chunk numbers, which changes who runs a chunk but not what a chunk is. Only
    // workers that are ready take part: the first calls after start-up do not wait for the rest.
    const helpers = readyHelpers(L, Math.max(0, Math.min(L.threads, chunks) - 1));
    const fn = L.exports["loop_" + loop];
    if (fn === undefined) throw new Error(`parfor internal error: kernel ${meta.name} does not export loop_${loop}`);
    if (helpers.length === 0) {
      Atomics.store(L.ctl, ERROR, 0);
      try {
        // Alone, the leader runs every chunk in order: claiming through NEXT would buy nothing.
        runShare(L.ctl, fn, frame, count, chunk, chunks, false, partialBase, stride, 0, 1);
      } catch (err) {
        throw wrapTrap(err, meta, loop);
      }
    } else {
      runParallel(L, loop, fn, frame, count, chunk, chunks, partialBase, stride, helpers);
    }
    if (info.reductions > 0) {
      const combine = L.exports["combine_" + loop];
      if (combine === undefined) throw new Error(`parfor internal error: kernel ${meta.name} does not export combine_${loop}`);
      try {
        combine(frame, partialBase, chunks);
      } catch (err) {
        throw wrapTrap(err, meta, loop);
      }
    }
  } finally {
    if (stride > 0) L.releasePartials(block);
  }
}

/** Up to `max` pool indices from the leader's candidates whose workers are ready now. */
function readyHelpers(L: Leader, max: number): number[] {
  const out: number[] = [];
  for (let w = L.firstWorker; w < L.firstWorker + L.threads - 1 && out.length < max; w++) {
    if (Atomics.load(L.ctl, workerField(w, STATE)) === WORKER_READY) out.push(w);
  }
  return out;
}

function runParallel(
  L: Leader,
  loop: number,
  fn: (...args: number[]) => unknown,
  frame: number,
  count: number,
  chunk: number,
  chunks: number,
  partialBase: number,
  stride: number,
  helpers: readonly number[],
): void {
  const ctl = L.ctl;
  const T = helpers.length + 1;
  // Job description first (plain field values, published by the mailbox stores below).
  Atomics.store(ctl, KERNEL, L.meta.id);
  Atomics.store(ctl, LOOP, loop);
  Atomics.store(ctl, FRAME, frame);
  Atomics.store(ctl, COUNT, count);
  Atomics.store(ctl, CHUNK, chunk);
  Atomics.store(ctl, CHUNKS, chunks);
  Atomics.store(ctl, SCHEDULE, L.dynamic ? 1 : 0);
  Atomics.store(ctl, PARTIAL_BASE, partialBase);
  Atomics.store(ctl, PARTIAL_STRIDE, stride);
  Atomics.store(ctl, THREADS, T);
  Atomics.store(ctl, ACTIVE, helpers.length);
  Atomics.store(ctl, SPIN, L.spin ? 1 : 0);
  // Reset the counters before any helper can see the job: no helper is running (the previous job
  // was joined), so nobody can observe the reset half-done.
  Atomics.store(ctl, NEXT, 0);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, ERROR, 0);
  const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
  for (let h = 0; h < helpers.length; h++) {
    const w = helpers[h]!;
    Atomics.store(ctl, workerField(w, JOB_KIND), JOB_LOOP);
    Atomics.store(ctl, workerField(w, TNUM), h + 1);
    // The seq-cst store of MAILBOX is the release edge (1): the helper that loads this value also
    // sees every field, frame and array write above. Notify wakes it if it sleeps; if it is
    // still spinning the notify is a cheap no-op.
    Atomics.store(ctl, workerField(w, MAILBOX), gen);
    Atomics.notify(ctl, workerField(w, MAILBOX), 1);
  }
  let own: unknown = undefined;
  let failed = false;
  try {
    runShare(ctl, fn, frame, count, chunk, chunks, L.dynamic, partialBase, stride, 0, T);
  } catch (err) {
    failed = true;
    own = err;
    // First failure wins; the flag makes every helper stop claiming chunks.
    Atomics.compareExchange(ctl, ERROR, 0, L.selfSource);
  }
  // Join even after our own failure: helpers still use the frame and the partials.
  const died = join(L, helpers);
  if (died !== null) throw died;
  const src = Atomics.load(ctl, ERROR);
  if (src !== 0) {
    if (failed && src === L.selfSource) throw wrapTrap(own, L.meta, loop);
    throw L.failure(src);
  }
}

/**
 * Waits until the helpers have added to DONE: spins briefly when allowed, then sleeps in bounded
 * slices. A helper that dies (its slot marked dead by the pool's watcher, which also wakes this
 * wait) fails the call: the others are told to stop (ERROR) and are waited for, so that when the
 * call returns no thread touches its frame, partials or arrays any more. Returns that error, or
 * null. Loading DONE == helpers is the acquire edge (2) for the helpers' writes.
 */
function join(L: Leader, helpers: readonly number[]): Error | null {
  const ctl = L.ctl;
  const n = helpers.length;
  if (Atomics.load(ctl, DONE) === n) return null;
  if (L.spin) {
    const until = performance.now() + SPIN_MS;
    let k = 0;
    for (;;) {
      if (Atomics.load(ctl, DONE) === n) return null;
      if ((++k & 63) === 0 && performance.now() > until) break;
    }
  }
  for (;;) {
    const d = Atomics.load(ctl, DONE);
    if (d === n) return null;
    blockWait(ctl, DONE, d, JOIN_SLICE_MS);
    const dead = helpers.find((w) => Atomics.load(ctl, workerField(w, STATE)) === WORKER_DEAD && !finished(ctl, w));
    if (dead !== undefined) {
      // this thread reports the failure (the dead one cannot): stop the others, wait for them
      Atomics.compareExchange(ctl, ERROR, 0, L.selfSource);
      awaitIdle(ctl, helpers);
      return new Error(
        `parfor: worker thread ${dead} died during a call to kernel '${L.meta.name}' (it was terminated, crashed or ran out of memory); ` +
          `the call was stopped and the pool is replaced for the next call`,
      );
    }
  }
}

/** Whether worker `w` finished the last job it was given (ACK caught up with MAILBOX). */
function finished(ctl: Int32Array, w: number): boolean {
  return Atomics.load(ctl, workerField(w, ACK)) === Atomics.load(ctl, workerField(w, MAILBOX));
}

/** Whether every worker in `workers` is idle: finished its last job, dead, or not started yet. */
export function allIdle(ctl: Int32Array, workers: readonly number[]): boolean {
  return workers.every((w) => Atomics.load(ctl, workerField(w, STATE)) !== WORKER_READY || finished(ctl, w));
}

/** Blocks until every worker in `workers` is idle (see allIdle); they finish or die, both wake DONE. */
export function awaitIdle(ctl: Int32Array, workers: readonly number[]): void {
  for (;;) {
    const d = Atomics.load(ctl, DONE);
    if (allIdle(ctl, workers)) return;
    blockWait(ctl, DONE, d, 20);
  }
}

/**
 * Runs thread `t` of `T`'s share of a loop: static takes the contiguous chunks
 * [floor(t*N/T), floor((t+1)*N/T)); dynamic claims chunk numbers with Atomics.add on NEXT. Both
 * stop as soon as ERROR is set. Each chunk is one call of `loop_<k>`, which keeps each wasm call
 * short enough for V8 to tier up between calls.
 */
export function runShare(
  ctl: Int32Array,
  fn: (...args: number[]) => unknown,
  frame: number,
  count: number,
  chunk: number,
  chunks: number,
  dynamic: boolean,
  partialBase: number,
  stride: number,
  t: number,
  T: number,
): void {
  if (dynamic) {
    for (;;) {
      if (Atomics.load(ctl, ERROR) !== 0) return;
      const c = Atomics.add(ctl, NEXT, 1);
      if (c >= chunks) return;
      const lo = c * chunk;
      fn(frame, lo, Math.min(count, lo + chunk), partialBase + c * stride);
    }
  }
  const c0 = Math.floor((t * chunks) / T);
  const c1 = Math.floor(((t + 1) * chunks) / T);
  for (let c = c0; c < c1; c++) {
    if (Atomics.load(ctl, ERROR) !== 0) return;
    const lo = c * chunk;
    fn(frame, lo, Math.min(count, lo + chunk), partialBase + c * stride);
  }
}
