/**
 * The worker pool (main thread side): workers made on first use through the host (runtime/host.ts:
 * worker_threads in Node, every one unref()ed so the pool never keeps the process alive; Web
 * Workers in a page). Workers receive the shared memory at start and each kernel's WasmModule
 * once, by postMessage, before their first job of that kernel; everything during a call goes
 * through Atomics on the control block (see control.ts).
 *
 * Starting workers never blocks: a call uses the workers that are ready when its prange starts
 * and the rest join later pranges as they come (chunking does not depend on the thread count, so
 * results do not either).
 *
 * A dead worker is seen while a call blocks: in Node through each worker's lifeline and the
 * watcher thread (runtime/host/node.ts), which mark its slot dead and wake every waiter.
 */
import type { Worker } from "node:worker_threads";
import { type KernelMeta } from "./errors.js";
import type { WasmModule } from "./wasm.js";
/** How long `ensureWorkers(n, true)` waits for new workers to report ready. */
export declare const READY_TIMEOUT_MS = 15000;
export type { WorkerInit } from "./host/node.js";
/** A kernel module as posted to a worker. */
export interface KernelMessage {
    readonly kind: "kernel";
    readonly meta: KernelMeta;
    readonly module: WasmModule;
}
/** Tells a worker to forget a kernel whose handle was garbage-collected (see invoke.ts). */
export interface DropMessage {
    readonly kind: "drop";
    readonly id: number;
}
/**
 * Whether threads waiting for work may spin before sleeping. Never when the call uses more threads
 * than cores: a spinning thread would then steal the core of one that has work.
 */
export declare function spinAllowed(threads: number): boolean;
/** Turns spinning off ("never") or back to the default ("auto"); for measurements and tests. */
export declare function setSpinPolicy(policy: "auto" | "never"): void;
/** Number of workers the pool holds now. */
export declare function poolSize(): number;
/** The Worker objects (for tests that need to observe or disturb them). */
export declare function poolWorkers(): readonly Worker[];
/**
 * Makes sure the pool has at least `n` workers, starting new ones; it does not wait for them
 * (a call uses the ones that are ready), unless `wait` is true: then it blocks, bounded by
 * READY_TIMEOUT_MS, until all `n` are ready (for measurements). A pool with a dead worker is
 * replaced; after two pools in a row whose workers died before they were ready, it throws with
 * the cause instead of starting more.
 */
export declare function ensureWorkers(n: number, wait?: boolean): void;
/** Whether pool worker `w` is ready to take jobs now. */
export declare function workerReady(ctl: Int32Array, w: number): boolean;
/** Why worker `w` is gone, as far as this thread knows (its error, its exit code). */
export declare function workerCause(w: number): string;
/**
 * Resolves once the 'error'/'exit' event of dead worker `w` has been seen (or after `ms`), so an
 * async caller can name the cause.
 */
export declare function workerGone(w: number, ms?: number): Promise<void>;
/** Posts `meta`'s module to workers [0, n) that have not received it yet (and to workers started later). */
export declare function sendKernel(n: number, meta: KernelMeta, module: WasmModule): void;
/** Tells every worker that has kernel `id` to drop its instance and module (the handle was collected). */
export declare function dropKernel(id: number): void;
/**
 * After a failed job: reads (synchronously, the main thread may be inside a call) every error the
 * workers posted, and returns the one of `source` (an ERROR value), rebuilt with its class. The
 * workers post before they add to DONE, so after the join every message is already queued.
 * Where the host cannot receive synchronously (web workers), the failing worker wrote its error
 * to the error record in shared memory instead (errors.ts).
 */
export declare function takeWorkerError(source: number): Error;
/** Drops any stale error messages (before a call starts). */
export declare function discardWorkerErrors(): void;
/**
 * Ends every worker and waits for them to exit (terminating any that do not within 2 s). The
 * caller makes sure no call is running (api.ts shutdown). The next call that needs workers
 * starts a new pool.
 */
export declare function shutdownPool(): Promise<void>;
