/**
 * The `env.prange` import and the chunk loop every thread runs. The same code serves the main
 * thread (leader of a synchronous call) and worker 0 (leader of an async call): a thread is leader
 * while a `Leader` is installed with `withLeader`, and helpers only ever run `runShare`.
 *
 * Chunking never depends on the thread count (chunkSizeFor: static and guided use
 * C = max(chunkSize, least, ceil(count/256)), static ignoring chunkSize, `least` larger for
 * loop-free bodies; dynamic C = max(chunkSize, ceil(count/65536))); partials are stored per chunk
 * and `combine_<k>` folds them in chunk order, so a reduction gives the same bits for any number
 * of threads, and the default (guided, chunk size 1) the same bits as static. Which thread runs a
 * chunk is all a schedule changes, and whether a small prange wakes the pool at all.
 */
import { type KernelMeta } from "./errors.js";
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
export declare const STATIC_CHUNKS = 256;
/** Dynamic schedule: at most this many chunks per loop. */
export declare const MAX_DYNAMIC_CHUNKS = 65536;
/** How long a waiting thread spins before it sleeps (when spinning is allowed). */
export declare const SPIN_MS = 0.08;
/** Runs `fn` with `l` as this thread's leader (env.prange dispatches through it). */
export declare function withLeader<T>(l: Leader, fn: () => T): T;
/**
 * Static and guided chunks of a loop without reductions whose body has no inner loop
 * (LoopInfo.innerLoops false) hold at least this many iterations: such iterations cost a few ns,
 * less than the call of `loop_<k>` that each chunk is, and a loop of a few thousand of them gains
 * nothing from more pieces. Loops with reductions keep ceil(count/256) (their bits depend on the
 * chunks; up to 256 iterations that is the plain loop's order exactly).
 */
export declare const LOOP_FREE_CHUNK = 128;
/**
 * Chunk size for a loop of `count` iterations (independent of the thread count): `least` is 1,
 * or LOOP_FREE_CHUNK for a loop-free body (static and guided only: dynamic keeps the chunk size
 * the user asked for).
 */
export declare function chunkSizeFor(count: number, schedule: number, chunkSize: number, least?: number): number;
/** Most chunks a loop under `schedule` may have (the partials scratch of an async call). */
export declare function maxChunksFor(schedule: number): number;
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
export declare const SERIAL_BELOW_NS = 4000;
/** The threshold when waiting threads may not spin (more threads than cores): waking costs a sleep. */
export declare const SERIAL_BELOW_NS_NO_SPIN = 60000;
export declare function forkJoinCount(): number;
export declare function setSerialSmall(on: boolean): void;
/**
 * The `env.prange(loop, frame, start, stop, step)` import: validates the bounds like plain
 * prange, stores start/step in the frame, runs all chunks on the leader and its helpers, and
 * calls `combine_<loop>` when the loop has reductions.
 */
export declare function envPrange(loopArg: number, frame: number, start: number, stop: number, step: number): void;
/**
 * With one thread, a prange whose work is estimated below this runs as one call of `loop_<k>`
 * from `main` (LoopInfo.inlineOffset). Longer ones still go through env.prange in chunks, so
 * that V8 can tier the loop function up between calls (wasm has no on-stack replacement).
 */
export declare const SOLO_INLINE_NS = 50000;
/**
 * The loop `main` was running itself when the call failed (its marker word is still 1), or
 * undefined: for the trap's message, as if env.prange had run it.
 */
export declare function inlineLoopAt(memory: WasmMemory, meta: KernelMeta, frame: number): number | undefined;
/** Whether every worker in `workers` is idle: finished its last job, dead, or not started yet. */
export declare function allIdle(ctl: Int32Array, workers: readonly number[]): boolean;
/** Blocks until every worker in `workers` is idle (see allIdle); they finish or die, both wake DONE. */
export declare function awaitIdle(ctl: Int32Array, workers: readonly number[]): void;
/**
 * Runs thread `t` of `T`'s share of a loop and returns the iterations it ran: static takes the
 * contiguous chunks [floor(t*N/T), floor((t+1)*N/T)); dynamic claims one chunk number at a time
 * with Atomics.add on NEXT; guided claims max(1, floor(left/2T)) chunks at a time, so claims
 * shrink as the loop drains (few atomics, and the last ones are single chunks that even out
 * uneven iterations). All stop as soon as ERROR is set. Each chunk is one call of `loop_<k>`,
 * which keeps each wasm call short enough for V8 to tier up between calls.
 */
export declare function runShare(ctl: Int32Array, fn: (...args: number[]) => unknown, frame: number, count: number, chunk: number, chunks: number, schedule: number, partialBase: number, stride: number, t: number, T: number): number;
