/**
 * The control block: Int32 fields at the start of the shared memory through which the leader and
 * the workers coordinate every call with Atomics (no postMessage per call: the leader is blocked
 * in Atomics.wait and could not deliver or receive messages anyway).
 *
 * All indices below are Int32Array element indices into the first RESERVED_BYTES of the memory.
 * Fields written by many threads at once (NEXT, DONE) sit alone on a 64-byte cache line so that
 * claiming a chunk or finishing does not invalidate the line the job description is read from.
 *
 * Memory ordering, in one place: every Atomics operation is sequentially consistent, and a plain
 * (or wasm) write that precedes an Atomics.store/add in one thread is visible to another thread
 * after an Atomics.load that observes that store. The protocol relies on exactly three such edges:
 *   1. leader writes the job fields and the frame, then stores the worker's MAILBOX;
 *      a worker loads its MAILBOX, then reads the job fields, frame and arrays.
 *   2. a worker writes array elements and partials, then Atomics.add(DONE);
 *      the leader loads DONE == helpers, then reads arrays/partials and calls combine.
 *   3. an async leader (worker) writes RESULT, then stores ASYNC_STATE;
 *      the main thread observes ASYNC_STATE, then reads RESULT and the copied arrays.
 */

import { CHECK_LAYOUT } from "../compiler/artifact.js";
import { RESERVED_BYTES } from "./memory.js";
import type { WasmMemory } from "./wasm.js";

// ---- the current prange job (written by the leader before it fills the mailboxes) ----
/** Job counter; the leader stores the new value into each participating worker's MAILBOX. */
export const GENERATION = 0;
/** Kernel id (LoadedKernel.id) of the job. */
export const KERNEL = 1;
/** Loop number k: the job runs `loop_<k>`. */
export const LOOP = 2;
/** Frame address of the running call (also read by env.oob to find array lengths). */
export const FRAME = 3;
/** Number of iterations of the loop. */
export const COUNT = 4;
/** Iterations per chunk. */
export const CHUNK = 5;
/** Number of chunks, ceil(COUNT / CHUNK). */
export const CHUNKS = 6;
/** SCHED_STATIC, SCHED_DYNAMIC or SCHED_GUIDED. */
export const SCHEDULE = 7;
/** Address of chunk 0's partials (0 when the loop has no reductions). */
export const PARTIAL_BASE = 8;
/** Bytes of partials per chunk (reductions * 8). */
export const PARTIAL_STRIDE = 9;
/** Threads taking part in the job, the leader included (T). */
export const THREADS = 10;
/**
 * Chunks one call of `loop_<k>` may run together (runShare; 1, or more for a loop without
 * partials whose body has no inner loop: the same iterations in the same order, fewer calls).
 * Helpers read their thread number from their own slot, TNUM.
 */
export const MERGE = 11;
/** Number of helper workers in the job (T - 1). */
export const ACTIVE = 12;
/** 1 when waiting threads may spin before sleeping (threads <= available cores). */
export const SPIN = 13;

// ---- contended counters, each on its own cache line ----
/** Next dynamic chunk number to claim (Atomics.add). */
export const NEXT = 16;
/** Helpers that finished the current job; the leader waits until it equals ACTIVE. */
export const DONE = 32;
/** 0, or the thread that failed first (see errorSource); others stop claiming chunks. */
export const ERROR = 48;

// ---- pool lifecycle ----
/**
 * Pool epoch: each pool's workers are started with the epoch current at their start; shutting a
 * pool down increments it, and a worker that wakes to a different epoch exits without touching
 * anything, so a stale worker of an old pool can never take a job meant for the new one.
 */
export const EPOCH = 64;
/** Number of workers that finished starting and take jobs. */
export const READY = 65;

// ---- an async call, run by worker 0 acting as leader ----
/** Kernel id of the async call. */
export const CALL_KERNEL = 80;
/** Frame address of the async call. */
export const CALL_FRAME = 81;
/** Threads in all for the async call (worker 0 plus helpers 1..T-1). */
export const CALL_THREADS = 82;
/** Schedule of the async call (a SCHEDULE value). */
export const CALL_SCHEDULE = 83;
/** Dynamic chunk size of the async call. */
export const CALL_CHUNK_SIZE = 84;
/** Scratch area for partials of the async call (the worker cannot use the JS allocator). */
export const CALL_SCRATCH = 85;
/** Size in bytes of CALL_SCRATCH. */
export const CALL_SCRATCH_BYTES = 86;
/** Spin policy for the async call (as SPIN). */
export const CALL_SPIN = 87;
/** ASYNC_IDLE / ASYNC_RUNNING / ASYNC_OK / ASYNC_FAILED; the main thread waits on it with waitAsync. */
export const ASYNC_STATE = 96;
/** Byte offset of the async call's f64 result (8-aligned). */
export const RESULT_BYTE = 104 * 4;

/** ASYNC_STATE values. */
export const ASYNC_IDLE = 0;
export const ASYNC_RUNNING = 1;
export const ASYNC_OK = 2;
export const ASYNC_FAILED = 3;

// ---- per-worker slots ----
/** Index of worker 0's slot; worker w's fields start at WORKER_BASE + w * WORKER_STRIDE. */
export const WORKER_BASE = 256;
/** 16 Int32 = 64 bytes: one cache line per worker, so spinning on a mailbox touches no one else's. */
export const WORKER_STRIDE = 16;
/** Offset in a worker slot: the generation of the last job given to this worker. */
export const MAILBOX = 0;
/**
 * Offset in a worker slot: WORKER_STARTING / WORKER_READY / WORKER_DEAD. DEAD is stored by the
 * worker on its way out, and also by the pool's watcher thread when the worker's lifeline port
 * closes (terminated, crashed, out of memory), so a leader blocked in a join sees it at once.
 */
export const STATE = 1;
/** Offset in a worker slot: job kind of the mailbox's job (JOB_LOOP, JOB_MAIN, JOB_EXIT). */
export const JOB_KIND = 2;
/**
 * Offset in a worker slot: the MAILBOX value of the last job this worker finished. A worker is
 * idle (touches no memory of any call) when ACK equals MAILBOX or when it is dead; a failed call
 * waits for that on every participant before it returns.
 */
export const ACK = 3;
/** Offset in a worker slot: this worker's thread number t (1..THREADS-1) in the current prange job. */
export const TNUM = 4;
/**
 * Offset in a worker slot: who owns the slot's current prange job (claimed schedules only). The
 * leader stores the job's generation before MAILBOX; a helper that wakes swaps it for
 * takenMark(gen) before reading the job, and a leader that has run every chunk itself swaps it
 * for cancelMark(gen), so a helper that had not started yet never touches the job and is not
 * waited for. Exactly one of the two compare-exchanges succeeds.
 */
export const TAKE = 5;
/** TAKE value of a job its helper started. */
export function takenMark(gen: number): number {
  return ~gen;
}
/** TAKE value of a job its leader withdrew before the helper started. */
export function cancelMark(gen: number): number {
  return gen ^ 0x80000000;
}

/**
 * Offset in a worker slot: 1 while the worker sleeps (or is about to) waiting for its MAILBOX, 0
 * while it spins or works. A leader publishing a prange job notifies only a worker whose flag it
 * reads as 1: the worker stores 1 before its wait re-checks MAILBOX, and the leader loads the
 * flag after storing MAILBOX (both seq-cst), so either the leader sees 1 or the wait sees the new
 * value. Other wake-ups (exit, async calls) always notify. The flag is sleepMark(epoch), cleared
 * with a compare-exchange of that mark, so a retired worker waking late never clears the flag of
 * the new pool's worker in its slot.
 */
export const SLEEP = 6;
/** SLEEP value of a worker of the pool of `epoch` (never 0). */
export function sleepMark(epoch: number): number {
  return (epoch << 1) | 1;
}

/** SCHEDULE values. Static splits chunk numbers into one block per thread; the others claim them. */
export const SCHED_STATIC = 0;
export const SCHED_DYNAMIC = 1;
export const SCHED_GUIDED = 2;

export const WORKER_STARTING = 0;
export const WORKER_READY = 1;
export const WORKER_DEAD = 2;

export const JOB_LOOP = 1;
export const JOB_MAIN = 2;
export const JOB_EXIT = 3;

// ---- checked mode (check: "races"): places fixed by the compiler's CHECK_LAYOUT ----
/** First Int32 index used by checked mode; everything above stays below it. */
export const CHECK_FIRST_INT = CHECK_LAYOUT.countByte / 4;

// ---- the error record (hosts without a synchronous receive: web workers) ----
/**
 * Byte offset of the error record: the thread that failed first (the one whose ERROR value won)
 * writes its serialized error here, so that a main thread that cannot read messages
 * synchronously (a page) can still rebuild it during a call. Int32 source at the start, Int32
 * byte length after it, then UTF-8 JSON.
 */
export const ERROR_RECORD_BYTE = 34 * 1024;
/** Bytes of the error record, header included (it ends where checked mode's fields begin). */
export const ERROR_RECORD_BYTES = 6 * 1024;

/** Most workers the pool may hold (the control block has a slot for each). */
export const MAX_WORKERS = 512;
if ((WORKER_BASE + MAX_WORKERS * WORKER_STRIDE) * 4 > ERROR_RECORD_BYTE || ERROR_RECORD_BYTE + ERROR_RECORD_BYTES > 40 * 1024 /* checked mode starts there (CHECK_LAYOUT.countByte) */) {
  throw new Error("parfor internal error: the error record overlaps the worker slots or checked mode's fields");
}

/** Int32 elements in the control block. */
export const CONTROL_INTS = RESERVED_BYTES / 4;

if (
  WORKER_BASE + MAX_WORKERS * WORKER_STRIDE > CHECK_FIRST_INT ||
  CHECK_LAYOUT.recordsByte + CHECK_LAYOUT.capacity * CHECK_LAYOUT.recordFields * 8 > CHECK_LAYOUT.tableByte ||
  CHECK_LAYOUT.tableByte + CHECK_LAYOUT.maxParams * 4 > RESERVED_BYTES
) {
  throw new Error("parfor internal error: control block layout exceeds the reserved area");
}

// ---- guided schedule: each thread's range of chunk numbers (runShare's home blocks and steals) ----
/**
 * Int32 index of thread 0's range word; thread t's is RANGE_BASE + t * RANGE_STRIDE. A word holds
 * the chunk numbers [lo, hi) its thread has not claimed yet as (lo << 16) | hi: the leader stores
 * every participant's home block before publishing the job (edge 1), the owner takes from the
 * front and other threads steal from the back, each with a compare-exchange of the whole word.
 * After checked mode's parameter table (and the entry after it), on 16-byte steps: four words
 * share a cache line, where before every thread claimed through one counter (NEXT).
 */
export const RANGE_BASE = Math.ceil((CHECK_LAYOUT.tableByte + (CHECK_LAYOUT.maxParams + 1) * 4) / 64) * 16;
export const RANGE_STRIDE = 4;
/** Most chunks a range word can hold (lo and hi in 16 bits, below the sign bit). */
export const RANGE_MAX_CHUNKS = 0x7fff;
/** Index of thread `t`'s range word (0 <= t <= MAX_WORKERS: the leader and every worker). */
export function rangeField(t: number): number {
  return RANGE_BASE + t * RANGE_STRIDE;
}
if (rangeField(MAX_WORKERS + 1) > CONTROL_INTS) throw new Error("parfor internal error: the range words exceed the reserved area");

/** Index of field `field` (MAILBOX, STATE, JOB_KIND) of worker `w`. */
export function workerField(w: number, field: number): number {
  return WORKER_BASE + w * WORKER_STRIDE + field;
}

/** ERROR value for a failure on the main thread. */
export const SOURCE_MAIN = 1;
/** ERROR value for a failure on worker `w`. */
export function errorSource(w: number): number {
  return w + 2;
}
/** Worker index of an ERROR value (or -1 for the main thread). */
export function workerOfSource(src: number): number {
  return src - 2;
}

/**
 * A view on the control block of `memory`. It can be kept for the life of the memory: it covers
 * only the first RESERVED_BYTES, which never move when the memory grows.
 */
export function controlView(memory: WasmMemory): Int32Array {
  let v = views.get(memory);
  if (v === undefined) views.set(memory, (v = new Int32Array(memory.buffer, 0, CONTROL_INTS)));
  return v;
}

const views = new WeakMap<WasmMemory, Int32Array>();
