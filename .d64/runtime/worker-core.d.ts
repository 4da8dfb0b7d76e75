/**
 * What every pool worker runs, whatever starts it (runtime/worker.ts in Node, runtime/web-worker.ts
 * in a page): waiting on its MAILBOX in the control block, running prange chunks (JOB_LOOP) and
 * an async call's `main` as leader (JOB_MAIN), reporting in through DONE, ACK and ASYNC_STATE.
 * The entry supplies how kernel modules arrive and how errors leave (WorkerEnv).
 *
 * Must not import the compiler, typescript or any node: module: only runtime modules.
 */
import { type SerializedError } from "./errors.js";
import type { DropMessage, KernelMessage } from "./pool.js";
import { type WasmMemory } from "./wasm.js";
/** What the entry gives the worker's core. */
export interface WorkerEnv {
    readonly memory: WasmMemory;
    readonly index: number;
    readonly epoch: number;
    /**
     * Reads one queued message synchronously (Node's receiveMessageOnPort) and hands it to
     * `onMessage`; false when none is queued or the host cannot (web workers receive on their
     * event loop, between jobs).
     */
    takeMessage(): boolean;
    /** Hands a failure to the main thread (called before the thread's release store). */
    report(e: SerializedError, won: boolean): void;
    /** Collects garbage now, where the host allows it (after many dropped kernels). */
    collectGarbage(): void;
}
/** One pool worker's state and jobs. */
export declare class WorkerCore {
    readonly env: WorkerEnv;
    readonly ctl: Int32Array;
    readonly self: number;
    private readonly kernels;
    private dropped;
    constructor(env: WorkerEnv);
    /** A message from the main thread: a kernel to keep or one to forget. */
    onMessage(msg: KernelMessage | DropMessage): void;
    /** Whether this worker holds kernel `id`'s module. */
    has(id: number): boolean;
    /** The kernel a job of `kind` in this worker's mailbox runs. */
    kernelOfJob(kind: number): number;
    /** The kernel `id`, instantiated on this thread (modules are read off the port as needed). */
    private kernel;
    private fail;
    /** Marks this worker ready (returns false for a worker of a pool retired while it booted). */
    start(): number | null;
    /**
     * Spins until this worker's MAILBOX differs from `seen` (bounded by SPIN_MS, only when the
     * leader said spinning is allowed: with more threads than cores a spinning worker would take
     * the core of a thread with work). Returns the new value, or `seen` when it did not change.
     */
    spin(seen: number): number;
    /**
     * Runs the job of mailbox value `gen`. Returns false when the worker must exit (its pool was
     * retired or it was told to).
     */
    runJob(gen: number): boolean;
    /** Runs this worker's share of the current prange job (mailbox value `gen`), then reports in DONE. */
    private loopJob;
    /** Runs an async call's `main` with this worker as leader and helpers index+1..index+T-1. */
    private mainJob;
    /**
     * Whatever ends the worker (exit job or a bug), make it visible to a leader waiting in a join;
     * a worker of an old pool (epoch changed) leaves the slot, now another worker's, alone.
     */
    end(): void;
}
