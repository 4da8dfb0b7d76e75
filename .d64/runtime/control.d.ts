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
import type { WasmMemory } from "./wasm.js";
/** Job counter; the leader stores the new value into each participating worker's MAILBOX. */
export declare const GENERATION = 0;
/** Kernel id (LoadedKernel.id) of the job. */
export declare const KERNEL = 1;
/** Loop number k: the job runs `loop_<k>`. */
export declare const LOOP = 2;
/** Frame address of the running call (also read by env.oob to find array lengths). */
export declare const FRAME = 3;
/** Number of iterations of the loop. */
export declare const COUNT = 4;
/** Iterations per chunk. */
export declare const CHUNK = 5;
/** Number of chunks, ceil(COUNT / CHUNK). */
export declare const CHUNKS = 6;
/** SCHED_STATIC, SCHED_DYNAMIC or SCHED_GUIDED. */
export declare const SCHEDULE = 7;
/** Address of chunk 0's partials (0 when the loop has no reductions). */
export declare const PARTIAL_BASE = 8;
/** Bytes of partials per chunk (reductions * 8). */
export declare const PARTIAL_STRIDE = 9;
/** Threads taking part in the job, the leader included (T). */
export declare const THREADS = 10;
/** Number of helper workers in the job (T - 1). */
export declare const ACTIVE = 12;
/** 1 when waiting threads may spin before sleeping (threads <= available cores). */
export declare const SPIN = 13;
/** Next dynamic chunk number to claim (Atomics.add). */
export declare const NEXT = 16;
/** Helpers that finished the current job; the leader waits until it equals ACTIVE. */
export declare const DONE = 32;
/** 0, or the thread that failed first (see errorSource); others stop claiming chunks. */
export declare const ERROR = 48;
/**
 * Pool epoch: each pool's workers are started with the epoch current at their start; shutting a
 * pool down increments it, and a worker that wakes to a different epoch exits without touching
 * anything, so a stale worker of an old pool can never take a job meant for the new one.
 */
export declare const EPOCH = 64;
/** Number of workers that finished starting and take jobs. */
export declare const READY = 65;
/** Kernel id of the async call. */
export declare const CALL_KERNEL = 80;
/** Frame address of the async call. */
export declare const CALL_FRAME = 81;
/** Threads in all for the async call (worker 0 plus helpers 1..T-1). */
export declare const CALL_THREADS = 82;
/** Schedule of the async call (a SCHEDULE value). */
export declare const CALL_SCHEDULE = 83;
/** Dynamic chunk size of the async call. */
export declare const CALL_CHUNK_SIZE = 84;
/** Scratch area for partials of the async call (the worker cannot use the JS allocator). */
export declare const CALL_SCRATCH = 85;
/** Size in bytes of CALL_SCRATCH. */
export declare const CALL_SCRATCH_BYTES = 86;
/** Spin policy for the async call (as SPIN). */
export declare const CALL_SPIN = 87;
/** ASYNC_IDLE / ASYNC_RUNNING / ASYNC_OK / ASYNC_FAILED; the main thread waits on it with waitAsync. */
export declare const ASYNC_STATE = 96;
/** Byte offset of the async call's f64 result (8-aligned). */
export declare const RESULT_BYTE: number;
/** ASYNC_STATE values. */
export declare const ASYNC_IDLE = 0;
export declare const ASYNC_RUNNING = 1;
export declare const ASYNC_OK = 2;
export declare const ASYNC_FAILED = 3;
/** Index of worker 0's slot; worker w's fields start at WORKER_BASE + w * WORKER_STRIDE. */
export declare const WORKER_BASE = 256;
/** 16 Int32 = 64 bytes: one cache line per worker, so spinning on a mailbox touches no one else's. */
export declare const WORKER_STRIDE = 16;
/** Offset in a worker slot: the generation of the last job given to this worker. */
export declare const MAILBOX = 0;
/**
 * Offset in a worker slot: WORKER_STARTING / WORKER_READY / WORKER_DEAD. DEAD is stored by the
 * worker on its way out, and also by the pool's watcher thread when the worker's lifeline port
 * closes (terminated, crashed, out of memory), so a leader blocked in a join sees it at once.
 */
export declare const STATE = 1;
/** Offset in a worker slot: job kind of the mailbox's job (JOB_LOOP, JOB_MAIN, JOB_EXIT). */
export declare const JOB_KIND = 2;
/**
 * Offset in a worker slot: the MAILBOX value of the last job this worker finished. A worker is
 * idle (touches no memory of any call) when ACK equals MAILBOX or when it is dead; a failed call
 * waits for that on every participant before it returns.
 */
export declare const ACK = 3;
/** Offset in a worker slot: this worker's thread number t (1..THREADS-1) in the current prange job. */
export declare const TNUM = 4;
/**
 * Offset in a worker slot: who owns the slot's current prange job (claimed schedules only). The
 * leader stores the job's generation before MAILBOX; a helper that wakes swaps it for
 * takenMark(gen) before reading the job, and a leader that has run every chunk itself swaps it
 * for cancelMark(gen), so a helper that had not started yet never touches the job and is not
 * waited for. Exactly one of the two compare-exchanges succeeds.
 */
export declare const TAKE = 5;
/** TAKE value of a job its helper started. */
export declare function takenMark(gen: number): number;
/** TAKE value of a job its leader withdrew before the helper started. */
export declare function cancelMark(gen: number): number;
/**
 * Offset in a worker slot: 1 while the worker sleeps (or is about to) waiting for its MAILBOX, 0
 * while it spins or works. A leader publishing a prange job notifies only a worker whose flag it
 * reads as 1: the worker stores 1 before its wait re-checks MAILBOX, and the leader loads the
 * flag after storing MAILBOX (both seq-cst), so either the leader sees 1 or the wait sees the new
 * value. Other wake-ups (exit, async calls) always notify. The flag is sleepMark(epoch), cleared
 * with a compare-exchange of that mark, so a retired worker waking late never clears the flag of
 * the new pool's worker in its slot.
 */
export declare const SLEEP = 6;
/** SLEEP value of a worker of the pool of `epoch` (never 0). */
export declare function sleepMark(epoch: number): number;
/** SCHEDULE values. Static splits chunk numbers into one block per thread; the others claim them. */
export declare const SCHED_STATIC = 0;
export declare const SCHED_DYNAMIC = 1;
export declare const SCHED_GUIDED = 2;
export declare const WORKER_STARTING = 0;
export declare const WORKER_READY = 1;
export declare const WORKER_DEAD = 2;
export declare const JOB_LOOP = 1;
export declare const JOB_MAIN = 2;
export declare const JOB_EXIT = 3;
/** First Int32 index used by checked mode; everything above stays below it. */
export declare const CHECK_FIRST_INT: number;
/**
 * Byte offset of the error record: the thread that failed first (the one whose ERROR value won)
 * writes its serialized error here, so that a main thread that cannot read messages
 * synchronously (a page) can still rebuild it during a call. Int32 source at the start, Int32
 * byte length after it, then UTF-8 JSON.
 */
export declare const ERROR_RECORD_BYTE: number;
/** Bytes of the error record, header included (it ends where checked mode's fields begin). */
export declare const ERROR_RECORD_BYTES: number;
/** Most workers the pool may hold (the control block has a slot for each). */
export declare const MAX_WORKERS = 512;
/** Int32 elements in the control block. */
export declare const CONTROL_INTS: number;
/** Index of field `field` (MAILBOX, STATE, JOB_KIND) of worker `w`. */
export declare function workerField(w: number, field: number): number;
/** ERROR value for a failure on the main thread. */
export declare const SOURCE_MAIN = 1;
/** ERROR value for a failure on worker `w`. */
export declare function errorSource(w: number): number;
/** Worker index of an ERROR value (or -1 for the main thread). */
export declare function workerOfSource(src: number): number;
/**
 * A view on the control block of `memory`. It can be kept for the life of the memory: it covers
 * only the first RESERVED_BYTES, which never move when the memory grows.
 */
export declare function controlView(memory: WasmMemory): Int32Array;
