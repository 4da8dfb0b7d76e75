/**
 * The `env.prange` import and the chunk loop every thread runs. The same code serves the main
 * thread (leader of a synchronous call) and worker 0 (leader of an async call): a thread is leader
 * while a `Leader` is installed with `withLeader`, and helpers only ever run `runShare`.
 *
 * Chunking never depends on the thread count (chunkSizeFor: static and guided use
 * C = max(chunkSize, least, min(line, floor(count/16)), ceil(count/256)), static ignoring
 * chunkSize, `least` larger for loop-free bodies, `line` the iterations that store into one cache
 * line (LoopInfo.lineChunk, loops without reductions); dynamic C = max(chunkSize, ceil(count/65536))); partials are stored per chunk
 * and `combine_<k>` folds them in chunk order, so a reduction gives the same bits for any number
 * of threads, and the default (guided, chunk size 1) the same bits as static. Which thread runs a
 * chunk is all a schedule changes, and whether a small prange wakes the pool at all.
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
  MERGE,
  NEXT,
  PARTIAL_BASE,
  PARTIAL_STRIDE,
  RANGE_MAX_CHUNKS,
  rangeField,
  SCHEDULE,
  SPIN,
  STATE,
  THREADS,
  TNUM,
  SCHED_DYNAMIC,
  SCHED_GUIDED,
  SCHED_STATIC,
  SLEEP,
  TAKE,
  cancelMark,
  WORKER_DEAD,
  WORKER_READY,
  workerField,
} from "./control.js";
import { PRANGE_IN_ORDER } from "../compiler/artifact.js";
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
  /** SCHED_STATIC, SCHED_DYNAMIC or SCHED_GUIDED (control.ts) */
  readonly schedule: number;
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

/**
 * Static and guided chunks of a loop without reductions whose body has no inner loop
 * (LoopInfo.innerLoops false) hold at least this many iterations: such iterations cost a few ns,
 * less than the call of `loop_<k>` that each chunk is, and a loop of a few thousand of them gains
 * nothing from more pieces. Loops with reductions keep ceil(count/256) (their bits depend on the
 * chunks; up to 256 iterations that is the plain loop's order exactly).
 */
export const LOOP_FREE_CHUNK = 128;

/**
 * Chunk size for a loop of `count` iterations (independent of the thread count): `least` is 1,
 * or LOOP_FREE_CHUNK for a loop-free body; `line` the iterations that write one cache line
 * (LoopInfo.lineChunk), of which a chunk takes min(line, count / LINE_SHARE), so that threads
 * write one line only where their chunks meet and two-lane bodies run pairs, while a loop of a
 * few iterations still splits (static and guided only: dynamic keeps the chunk size the user
 * asked for).
 */
export function chunkSizeFor(count: number, schedule: number, chunkSize: number, least = 1, line = 1): number {
  if (schedule === SCHED_DYNAMIC) return Math.max(chunkSize, Math.ceil(count / MAX_DYNAMIC_CHUNKS));
  const lineLeast = Math.min(line, Math.max(1, Math.floor(count / LINE_SHARE)));
  return Math.max(schedule === SCHED_GUIDED ? chunkSize : 1, least, lineLeast, Math.ceil(count / STATIC_CHUNKS));
}

/** A loop's line-sized chunks give way to smaller ones below this many chunks (chunkSizeFor). */
export const LINE_SHARE = 16;

/** The least chunk of loop `info` before the count's own (chunkSizeFor's `least` and `line`). */
export function leastChunkOf(info: KernelMeta["loops"][number]): [number, number] {
  const loopFree = info.innerLoops === false && info.reductions === 0;
  // reductions keep chunks of one below 256 iterations: the plain loop's order, bit for bit
  return [loopFree ? LOOP_FREE_CHUNK : 1, info.reductions === 0 ? (info.lineChunk ?? 1) : 1];
}

/** Most chunks a loop under `schedule` may have (the partials scratch of an async call). */
export function maxChunksFor(schedule: number): number {
  return schedule === SCHED_DYNAMIC ? MAX_DYNAMIC_CHUNKS : STATIC_CHUNKS;
}

/**
 * A bound as a safe integer; start and step of an int32 index must be int32, and so must the stop
 * when the loop reaches it (`last`: the last index, for the stop; an int32 index may stop beyond
 * int32 when every index it takes is int32, as `prange(1, n - 1)` of n = -2^31 takes none).
 */
function checkBound(meta: KernelMeta, loop: number, name: string, v: number, last?: number): number {
  if (!Number.isSafeInteger(v)) throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
  const outside = (x: number): boolean => x < INT32_MIN || x > INT32_MAX;
  if (!meta.loops[loop]?.wideIndex && outside(v) && (last === undefined || outside(last))) {
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
 * Small pranges run on the leader alone. Each loop of a kernel keeps, per thread, the time its
 * leader spent in chunks and the iterations those chunks had (sampled: one run in TIME_EVERY is
 * timed, since performance.now() itself costs 0.1-0.3 µs; both sums are halved whenever the time
 * passes COST_WINDOW_NS, so the estimate follows the last millisecond or so of work). A prange
 * whose iterations times that per-iteration cost is below the threshold is not handed to the
 * pool. The chunks are the same either way (the leader runs them in order), so results do not
 * change. A loop not yet measured runs in parallel.
 *
 * The estimate that decides is the leader's time when it ran the chunks alone: its share of a
 * parallel run also pays, per chunk, the claim on the shared counter and the line the helper
 * writes, which for one-iteration chunks is most of it, so a loop measured only in parallel looked
 * too big to ever run alone (prange(64) of 1-iteration chunks: 6 µs a step in the pool, 0.14 µs
 * alone, on 2 cores). Those parallel times are kept apart; while they put a run below
 * PROBE_BELOW times the threshold, one run in PROBE_EVERY (and the first) runs on the leader alone,
 * timed, as one call when main could run the loop itself (see envPrange).
 */
export const SERIAL_BELOW_NS = 4_000;
/** The threshold when waiting threads may not spin (more threads than cores): waking costs a sleep. */
export const SERIAL_BELOW_NS_NO_SPIN = 60_000;
const COST_WINDOW_NS = 1_000_000;
const TIME_EVERY = 8;
/** A loop whose parallel runs are estimated below this many thresholds is run alone now and then, to measure it. */
const PROBE_BELOW = 16;
const PROBE_EVERY = 64;
/** Entries per loop in a cost table: [alone ns, alone iterations, runs, parallel ns, parallel iterations]. */
const COST_FIELDS = 5;

let costMeta: KernelMeta | null = null;
let costTable: Float64Array = new Float64Array(0);
const costTables = new WeakMap<KernelMeta, Float64Array>();

/** COST_FIELDS entries per loop of `meta`, on this thread. */
function costsOf(meta: KernelMeta): Float64Array {
  if (meta === costMeta) return costTable;
  let t = costTables.get(meta);
  if (t === undefined) costTables.set(meta, (t = new Float64Array(COST_FIELDS * meta.loops.length)));
  costMeta = meta;
  costTable = t;
  return t;
}

/** Whether this run of `loop` is one to time (the first, then one in TIME_EVERY). */
function timeThisRun(costs: Float64Array, loop: number): boolean {
  return costs[COST_FIELDS * loop + 2]++ % TIME_EVERY === 0;
}

/** Adds a timed run: `parallel` for the leader's share of a run with helpers, else a run alone. */
function noteCost(costs: Float64Array, loop: number, ms: number, iterations: number, parallel = false): void {
  const at = COST_FIELDS * loop + (parallel ? 3 : 0);
  let ns = costs[at]! + ms * 1e6;
  let it = costs[at + 1]! + iterations;
  if (ns > COST_WINDOW_NS) {
    ns *= 0.5;
    it *= 0.5;
  }
  costs[at] = ns;
  costs[at + 1] = it;
}

/** Whether `count` iterations of `loop` are expected to take less than a fork-join costs (measured alone). */
function tooSmall(costs: Float64Array, loop: number, count: number, spin: boolean): boolean {
  const it = costs[COST_FIELDS * loop + 1]!;
  if (it === 0) return false;
  return (costs[COST_FIELDS * loop]! / it) * count < (spin ? SERIAL_BELOW_NS : SERIAL_BELOW_NS_NO_SPIN);
}

/**
 * Whether this run of a loop that is not known to be small runs on the leader alone, timed:
 * when its parallel runs put it below PROBE_BELOW times the threshold and it has not been measured alone yet, or
 * one run in PROBE_EVERY.
 */
function probeAlone(costs: Float64Array, loop: number, count: number, spin: boolean): boolean {
  const b = COST_FIELDS * loop;
  const pit = costs[b + 3 + 1]!;
  if (pit === 0 || (costs[b + 3]! / pit) * count >= PROBE_BELOW * (spin ? SERIAL_BELOW_NS : SERIAL_BELOW_NS_NO_SPIN)) return false;
  return costs[b + 1] === 0 || costs[b + 2]! % PROBE_EVERY === 0;
}

/** Pranges this thread has handed to the pool since it started (for tests of the small-prange rule). */
let forkJoins = 0;
export function forkJoinCount(): number {
  return forkJoins;
}

/** Whether small pranges may run on the leader alone (off only for measurements and tests). */
let serialSmall = true;
export function setSerialSmall(on: boolean): void {
  serialSmall = on;
}

let viewBuffer: ArrayBufferLike | null = null;
let i32: Int32Array<ArrayBufferLike> = new Int32Array(0);
let f64: Float64Array<ArrayBufferLike> = new Float64Array(0);

/** Int32/Float64 views of the memory (cached per buffer: they grow with the memory, never move). */
function frameViews(memory: WasmMemory): void {
  const b = memory.buffer;
  if (b !== viewBuffer) {
    viewBuffer = b;
    i32 = new Int32Array(b);
    f64 = new Float64Array(b);
  }
}

/**
 * The `env.prange(loop, frame, start, stop, step)` import: validates the bounds like plain
 * prange, stores start/step in the frame, runs all chunks on the leader and its helpers, and
 * calls `combine_<loop>` when the loop has reductions.
 */
export function envPrange(loopArg: number, frame: number, start: number, stop: number, step: number): void {
  const L = leader;
  if (L === null) throw new Error("parfor internal error: env.prange called on a thread that is not leading a call");
  // a run-time assumption of the loop's race proof failed: the leader runs it alone, in order
  const inOrder = (loopArg & PRANGE_IN_ORDER) !== 0;
  const loop = loopArg & ~PRANGE_IN_ORDER;
  const meta = L.meta;
  const info = meta.loops[loop];
  if (info === undefined) throw new Error(`parfor internal error: kernel ${meta.name} has no prange loop ${loop}`);
  const s = checkBound(meta, loop, "start", start);
  if (!Number.isSafeInteger(stop)) checkBound(meta, loop, "stop", stop);
  const st = checkBound(meta, loop, "step", step);
  if (st === 0) throw new RangeError("prange: step must not be zero");
  const span = st > 0 ? stop - s : s - stop;
  const count = span <= 0 ? 0 : Math.ceil(span / Math.abs(st));
  checkBound(meta, loop, "stop", stop, count > 0 ? s + (count - 1) * st : s);
  // frame offsets are aligned to their type (compiler/lower/frame.ts); the frame is 16-aligned
  frameViews(L.memory);
  if (info.wideIndex) {
    if (((frame + info.startOffset) & 7) !== 0 || ((frame + info.stepOffset) & 7) !== 0) {
      const fv = new DataView(L.memory.buffer, frame, meta.frameSize);
      fv.setFloat64(info.startOffset, s, true);
      fv.setFloat64(info.stepOffset, st, true);
    } else {
      f64[(frame + info.startOffset) >>> 3] = s;
      f64[(frame + info.stepOffset) >>> 3] = st;
    }
  } else {
    i32[(frame + info.startOffset) >>> 2] = s;
    i32[(frame + info.stepOffset) >>> 2] = st;
  }
  if (count === 0) return;
  // checked mode: iterations of this prange start with clean shadow state
  if (meta.checked) resetShadows(L.memory, L.ctl, meta, frame, s, st);
  if (count > INT32_MAX) {
    throw new RangeError(`prange: ${count} iterations is more than a compiled prange loop runs (2^31 - 1)`);
  }

  // reductions' partial state per chunk (runtime/partials.ts: arrays' private copies may coarsen the chunks)
  const { chunk, chunks, stride, inPlace } = planPartials(meta, info, L.memory, frame, count, chunkSizeFor(count, L.schedule, L.chunkSize, ...leastChunkOf(info)), L.threads);
  const block = stride > 0 ? L.acquirePartials(chunks * stride) : 0;
  const partialBase = block | (inPlace ? 1 : 0);
  try {
    // Waking a helper only pays off when it gets a chunk and the loop is not too small; for
    // static, T' = min(T, chunks) threads split the chunk numbers, which changes who runs a chunk
    // but not what a chunk is. Only workers that are ready take part: the first calls after
    // start-up do not wait for the rest.
    const costs = costsOf(meta);
    const want = Math.min(L.threads, chunks) - 1;
    const small = want > 0 && !inOrder && serialSmall && tooSmall(costs, loop, count, L.spin);
    const probe = want > 0 && !inOrder && serialSmall && !small && probeAlone(costs, loop, count, L.spin);
    const helpers = want <= 0 || inOrder || small || probe ? NO_HELPERS : readyHelpers(L, want);
    const fn = L.exports["loop_" + loop];
    if (fn === undefined) throw new Error(`parfor internal error: kernel ${meta.name} does not export loop_${loop}`);
    const merge = mergeOf(meta, info, chunk, stride);
    if (helpers.length === 0) {
      Atomics.store(L.ctl, ERROR, 0);
      const timed = (want > 0 || info.inlineOffset !== undefined) && !inOrder && (timeThisRun(costs, loop) || probe);
      const t0 = timed ? performance.now() : 0;
      try {
        // Alone, the leader runs every chunk in order: claiming through NEXT would buy nothing. A
        // small loop that main may run itself (no reductions) runs as main would, in one call:
        // the same iterations in the same order, without a host-to-wasm call per chunk (which the
        // estimate would otherwise count, for one-iteration chunks most of it).
        if (info.inlineOffset !== undefined && (small || probe)) fn(frame, 0, count, 0);
        else runShare(L.ctl, fn, frame, count, chunk, chunks, SCHED_STATIC, partialBase, stride, 0, 1, merge);
      } catch (err) {
        throw wrapTrap(err, meta, loop);
      }
      if (timed) noteCost(costs, loop, performance.now() - t0, count);
    } else {
      runParallel(L, loop, fn, frame, count, chunk, chunks, partialBase, stride, helpers, costs, merge);
    }
    if (info.inlineOffset !== undefined) i32[(frame + info.inlineOffset) >>> 2] = inlineLimit(L, info, costs, loop);
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

/**
 * With one thread, a prange whose work is estimated below this runs as one call of `loop_<k>`
 * from `main` (LoopInfo.inlineOffset). Longer ones still go through env.prange in chunks, so
 * that V8 can tier the loop function up between calls (wasm has no on-stack replacement).
 */
export const SOLO_INLINE_NS = 50_000;

/**
 * The most iterations `main` may run itself next time it reaches loop `info` in this call: the
 * counts this call would run on the leader alone anyway, in one chunk or below the fork-join
 * threshold (tooSmall), or, with one thread, of up to SOLO_INLINE_NS of work. The chunks are the
 * same either way and the loop has no reductions, so results do not change; it only saves the
 * host call, the validation and the chunk calls (about 0.3 µs per prange).
 */
function inlineLimit(L: Leader, info: KernelMeta["loops"][number], costs: Float64Array, loop: number): number {
  let limit = chunkSizeFor(1, L.schedule, L.chunkSize, info.innerLoops === false ? LOOP_FREE_CHUNK : 1);
  const it = costs[COST_FIELDS * loop + 1]!;
  const budget = L.threads <= 1 ? SOLO_INLINE_NS : serialSmall ? (L.spin ? SERIAL_BELOW_NS : SERIAL_BELOW_NS_NO_SPIN) : 0;
  if (it > 0 && budget > 0) limit = Math.max(limit, Math.floor((budget * it) / Math.max(costs[COST_FIELDS * loop]!, 1e-3)));
  return Math.max(1, Math.min(limit, INT32_MAX));
}

/**
 * The loop `main` was running itself when the call failed (its marker word is still 1), or
 * undefined: for the trap's message, as if env.prange had run it.
 */
export function inlineLoopAt(memory: WasmMemory, meta: KernelMeta, frame: number): number | undefined {
  frameViews(memory);
  for (const info of meta.loops) if (info.inlineOffset !== undefined && i32[(frame + info.inlineOffset + 4) >>> 2] === 1) return info.id;
  return undefined;
}

const NO_HELPERS: readonly number[] = Object.freeze([]);

/** Up to `max` pool indices from the leader's candidates whose workers are ready now. */
function readyHelpers(L: Leader, max: number): readonly number[] {
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
  costs: Float64Array,
  merge: number,
): void {
  const ctl = L.ctl;
  const T = helpers.length + 1;
  forkJoins++;
  // Job description first (plain field values, published by the mailbox stores below).
  Atomics.store(ctl, KERNEL, L.meta.id);
  Atomics.store(ctl, LOOP, loop);
  Atomics.store(ctl, FRAME, frame);
  Atomics.store(ctl, COUNT, count);
  Atomics.store(ctl, CHUNK, chunk);
  Atomics.store(ctl, CHUNKS, chunks);
  Atomics.store(ctl, SCHEDULE, L.schedule);
  Atomics.store(ctl, PARTIAL_BASE, partialBase);
  Atomics.store(ctl, PARTIAL_STRIDE, stride);
  Atomics.store(ctl, MERGE, merge);
  Atomics.store(ctl, THREADS, T);
  Atomics.store(ctl, ACTIVE, helpers.length);
  Atomics.store(ctl, SPIN, L.spin ? 1 : 0);
  // Reset the counters before any helper can see the job: no helper is running (the previous job
  // was joined), so nobody can observe the reset half-done.
  Atomics.store(ctl, NEXT, 0);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, ERROR, 0);
  if (L.schedule === SCHED_GUIDED && chunks <= RANGE_MAX_CHUNKS) setHomeBlocks(ctl, chunks, T);
  const gen = (Atomics.add(ctl, GENERATION, 1) + 1) | 0;
  for (let h = 0; h < helpers.length; h++) {
    const w = helpers[h]!;
    Atomics.store(ctl, workerField(w, JOB_KIND), JOB_LOOP);
    Atomics.store(ctl, workerField(w, TNUM), h + 1);
    Atomics.store(ctl, workerField(w, TAKE), gen);
    // The seq-cst store of MAILBOX is the release edge (1): the helper that loads this value also
    // sees every field, frame and array write above. Notify wakes it if it sleeps (SLEEP, read
    // after the store: control.ts); one that still spins sees the store (a notify costs ~0.5 µs).
    Atomics.store(ctl, workerField(w, MAILBOX), gen);
    if (Atomics.load(ctl, workerField(w, SLEEP)) !== 0) Atomics.notify(ctl, workerField(w, MAILBOX), 1);
  }
  let own: unknown = undefined;
  let failed = false;
  const timed = timeThisRun(costs, loop);
  const t0 = timed ? performance.now() : 0;
  let ran = 0;
  try {
    ran = runShare(ctl, fn, frame, count, chunk, chunks, L.schedule, partialBase, stride, 0, T, merge);
  } catch (err) {
    failed = true;
    own = err;
    // First failure wins; the flag makes every helper stop claiming chunks.
    Atomics.compareExchange(ctl, ERROR, 0, L.selfSource);
  }
  if (timed && !failed && ran > 0) noteCost(costs, loop, performance.now() - t0, ran, true);
  // Join even after our own failure: helpers still use the frame and the partials. Under a
  // claimed schedule every chunk is taken once our share ends, so a helper that has not started
  // yet (asleep, or its core busy) is withdrawn instead of waited for; so is every helper of a
  // failed call.
  const withdraw = failed || L.schedule !== SCHED_STATIC;
  const died = join(L, helpers, gen, withdraw);
  if (died !== null) throw died;
  const src = Atomics.load(ctl, ERROR);
  if (src !== 0) {
    if (failed && src === L.selfSource) throw wrapTrap(own, L.meta, loop);
    throw L.failure(src);
  }
}

/**
 * Waits until the helpers that started the job (all of them, unless `withdraw`: then those whose
 * TAKE the leader could swap for cancelMark never start) have added to DONE: spins briefly when
 * allowed, then sleeps in bounded slices. A helper that dies (its slot marked dead by the pool's
 * watcher, which also wakes this wait) fails the call: the others are told to stop (ERROR) and
 * are waited for, so that when the call returns no thread touches its frame, partials or arrays
 * any more. Returns that error, or null. Loading DONE == n is the acquire edge (2) for the
 * helpers' writes.
 */
function join(L: Leader, helpers: readonly number[], gen: number, withdraw: boolean): Error | null {
  const ctl = L.ctl;
  let n = helpers.length;
  if (withdraw) {
    for (let h = 0; h < helpers.length; h++) {
      if (Atomics.compareExchange(ctl, workerField(helpers[h]!, TAKE), gen, cancelMark(gen)) === gen) n--;
    }
  }
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

/** Whether worker `w` finished the last job it was given (ACK caught up with MAILBOX), or it was withdrawn. */
function finished(ctl: Int32Array, w: number): boolean {
  const mb = Atomics.load(ctl, workerField(w, MAILBOX));
  return Atomics.load(ctl, workerField(w, ACK)) === mb || Atomics.load(ctl, workerField(w, TAKE)) === cancelMark(mb);
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
 * Runs thread `t` of `T`'s share of a loop and returns the iterations it ran: static takes the
 * contiguous chunks [floor(t*N/T), floor((t+1)*N/T)); dynamic claims one chunk number at a time
 * with Atomics.add on NEXT; guided (runRanges) starts on the same block as static, claiming half
 * of what is left of it at a time, and then steals the back half of another thread's block, so
 * that a loop whose iterations cost the same keeps each thread on the same data prange after
 * prange (a column sweep inside a serial loop stays in one core's cache) while triangular and
 * irregular loops even out. All stop as soon as ERROR is set. Each chunk is one call of
 * `loop_<k>`, which keeps each wasm call short enough for V8 to tier up between calls.
 */
export function runShare(
  ctl: Int32Array,
  fn: (...args: number[]) => unknown,
  frame: number,
  count: number,
  chunk: number,
  chunks: number,
  schedule: number,
  partialBase: number,
  stride: number,
  t: number,
  T: number,
  merge = 1,
): number {
  const job: Job = { ctl, fn, frame, count, chunk, partialBase, stride, merge: Math.max(1, merge | 0) };
  if (schedule === SCHED_STATIC) return runChunks(job, Math.floor((t * chunks) / T), Math.floor(((t + 1) * chunks) / T));
  if (schedule === SCHED_GUIDED && chunks <= RANGE_MAX_CHUNKS && T > 1) return runRanges(job, t, T);
  let ran = 0;
  const div = 2 * T;
  for (;;) {
    if (Atomics.load(ctl, ERROR) !== 0) return ran;
    let k = 1;
    if (schedule === SCHED_GUIDED) {
      // more chunks than a range word holds (not made by chunkSizeFor), or one thread: shrinking claims on NEXT
      const seen = Atomics.load(ctl, NEXT);
      if (seen >= chunks) return ran;
      k = Math.max(1, Math.floor((chunks - seen) / div));
    }
    const c0 = Atomics.add(ctl, NEXT, k);
    if (c0 >= chunks) return ran;
    ran += runChunks(job, c0, Math.min(chunks, c0 + k));
  }
}

/** What runShare's threads share of one prange job. */
interface Job {
  readonly ctl: Int32Array;
  readonly fn: (...args: number[]) => unknown;
  readonly frame: number;
  readonly count: number;
  readonly chunk: number;
  readonly partialBase: number;
  readonly stride: number;
  /** chunks one call may run (MERGE) */
  readonly merge: number;
}

/**
 * Runs chunks [c0, c1) in order, `job.merge` consecutive chunks per call of `loop_<k>` (1 for a
 * loop with partials: each chunk has its own); stops before any call once ERROR is set. Returns
 * the iterations run.
 */
function runChunks(job: Job, c0: number, c1: number): number {
  let ran = 0;
  for (let c = c0; c < c1; c += job.merge) {
    if (Atomics.load(job.ctl, ERROR) !== 0) return ran;
    const lo = c * job.chunk;
    const hi = Math.min(job.count, Math.min(c1, c + job.merge) * job.chunk);
    job.fn(job.frame, lo, hi, job.partialBase + c * job.stride);
    ran += hi - lo;
  }
  return ran;
}

/**
 * Iterations one call of a loop-free body runs at most when its chunks merge: a call of
 * `loop_<k>` and its entry checks cost about 20-40 ns, which 256 chunks of 196 cheap iterations
 * (y = a x + y, 5e4) pay 256 times (19 us a call alone, 14 us with 7 calls); calls stay short
 * enough for V8 to tier the loop up between them and for ERROR to be seen soon.
 */
export const MERGED_CALL_ITERATIONS = 16384;

/** MERGE for a loop: 1 with partials (reductions, array reductions), inner loops or checked mode, else as many chunks as MERGED_CALL_ITERATIONS holds. */
function mergeOf(meta: KernelMeta, info: KernelMeta["loops"][number], chunk: number, stride: number): number {
  if (stride !== 0 || info.reductions !== 0 || (info.arrayPartials?.length ?? 0) > 0 || info.innerLoops !== false || meta.checked) return 1;
  return Math.max(1, Math.floor(MERGED_CALL_ITERATIONS / chunk));
}

/** Stores every thread's home block of chunk numbers, [floor(t*N/T), floor((t+1)*N/T)), in its range word. */
export function setHomeBlocks(ctl: Int32Array, chunks: number, T: number): void {
  for (let t = 0; t < T; t++) Atomics.store(ctl, rangeField(t), (Math.floor((t * chunks) / T) << 16) | Math.floor(((t + 1) * chunks) / T));
}

/**
 * Guided: thread t takes max(1, floor(left / 2)) chunks at a time from the front of its own range
 * word, and when that is empty takes the back max(1, floor(left / 2)) of the first other thread's
 * non-empty range (looking from t + 1 on), which becomes its own range (so others can steal from
 * it in turn); it stops when every range is empty. Each chunk is run by exactly one thread: a
 * chunk leaves a range only by a successful compare-exchange of the whole word, by the thread
 * that then runs it. Words never hold the same range twice (a chunk is taken once), so a stale
 * compare-exchange always fails.
 */
function runRanges(job: Job, t: number, T: number): number {
  const ctl = job.ctl;
  let ran = 0;
  const own = rangeField(t);
  for (;;) {
    for (;;) {
      if (Atomics.load(ctl, ERROR) !== 0) return ran;
      const w = Atomics.load(ctl, own);
      const lo = w >>> 16;
      const hi = w & 0xffff;
      if (lo >= hi) break;
      const k = Math.max(1, (hi - lo) >>> 1);
      if (Atomics.compareExchange(ctl, own, w, ((lo + k) << 16) | hi) !== w) continue;
      ran += runChunks(job, lo, lo + k);
    }
    if (!steal(ctl, t, T)) return ran;
  }
}

/** Moves the back half of another thread's non-empty range into thread t's (empty) range word; false when all are empty. */
function steal(ctl: Int32Array, t: number, T: number): boolean {
  const own = rangeField(t);
  for (let d = 1; d < T; d++) {
    const at = rangeField((t + d) % T);
    for (;;) {
      const w = Atomics.load(ctl, at);
      const lo = w >>> 16;
      const hi = w & 0xffff;
      if (lo >= hi) break;
      const from = hi - Math.max(1, (hi - lo) >>> 1);
      if (Atomics.compareExchange(ctl, at, w, (lo << 16) | from) !== w) continue;
      // no other thread writes an empty word, so the plain store cannot lose a steal from it
      Atomics.store(ctl, own, (from << 16) | hi);
      return true;
    }
  }
  return false;
}
