/**
 * The host layer: what the runtime needs from the platform it runs on, behind one small
 * interface, so that the rest of runtime/ imports no `node:` module. Two implementations:
 * runtime/host/node.ts (Node, Deno and Bun: worker_threads, the file system, the JIT compiler) and
 * runtime/host/web.ts (browsers: Web Workers, fetch, precompiled kernels only). The package entry
 * installs one (index.ts the Node host, browser.ts the web host; package.json "exports" picks the
 * entry by the "browser" condition), before any kernel runs.
 *
 * Thread-side waits do not go through the host: runtime/wait.ts tests once whether this thread
 * may block in Atomics.wait (a browser's main thread may not) and spins otherwise.
 */
import type { SerializedError } from "./errors.js";
import type { ParallelOptions } from "./options.js";
import type { Precompiled } from "./precompiled.js";
import type { WasmMemory, WasmModule } from "./wasm.js";
/** What a pool worker is started with (the host adds its own plumbing). */
export interface SpawnInit {
    readonly memory: WasmMemory;
    readonly index: number;
    readonly epoch: number;
    /** kernel modules to hand over before any job (sent in order, before later messages) */
    readonly messages: readonly unknown[];
}
/** The main thread's end of one pool worker. */
export interface WorkerLink {
    /** The platform's worker object (a worker_threads Worker, a Web Worker), for tests. */
    readonly raw: unknown;
    /** Sends a message (kernel modules, drops); delivered in order. */
    post(message: unknown): void;
    /**
     * Messages the worker sent that can be read synchronously now (Node's receiveMessageOnPort);
     * always empty where the host has no synchronous receive (web workers report errors through
     * shared memory instead, see errors.ts).
     */
    drain(): SerializedError[];
    /** Ends the worker; resolves when it has exited. */
    terminate(): Promise<void>;
    /** Resolves once the worker has exited (or after `ms`). */
    exited(ms: number): Promise<void>;
    /** Lets the process exit while the worker lives (Node); a no-op elsewhere. */
    unref(): void;
}
/** Events of a pool worker, delivered on the main thread's event loop. */
export interface WorkerEvents {
    error(e: Error): void;
    exit(code: number | undefined): void;
}
/** The parts of the JIT compiler the run time uses (compiler/index.ts), and compiling off the main thread. */
export type JitCompiler = Pick<typeof import("../compiler/index.js"), "check" | "compile" | "shapeOf" | "aliasHazards" | "explain"> & {
    readonly offThread: typeof import("./compile-client.js").offThread;
};
export interface Host {
    readonly name: "node" | "web";
    /** Threads the machine can run at once (os.availableParallelism, navigator.hardwareConcurrency). */
    cores(): number;
    /** An environment variable (PARFOR_NUM_THREADS, ...); undefined where there are none. */
    env(name: string): string | undefined;
    /**
     * Why pool workers cannot be used in this process, with the warning to print once, or null
     * when they can (Node's permission model without --allow-worker; a page that is not
     * cross-origin isolated).
     */
    noWorkers(): {
        readonly warning: string;
        readonly code: string;
    } | null;
    /** Why the worker entry cannot be loaded (not built), or null. */
    workerEntryProblem(): string | null;
    /** Starts pool worker `init.index`. */
    spawn(init: SpawnInit, events: WorkerEvents): WorkerLink;
    /** The compiled math library for this thread, or null (kernels then use the engine's Math). */
    mathModule(): WasmModule | null;
    /** The text of a source file (for diagnostics' positions), or null. */
    readSource(file: string): string | null;
    /** A stack frame's file name as a path where the host has one (file: URLs), else as it is. */
    sourceFile(url: string): string | null;
    /** The JIT compiler, when this host loads it (Node); null in a browser. */
    readonly jit: JitCompiler | null;
    /** Kernels compiled ahead of time for a `parallel()` call. */
    precompiled(fn: (...args: never[]) => unknown, source: string, options: ParallelOptions, file: string | undefined): Precompiled;
}
/** Installs the host (done once by the package entry). */
export declare function setHost(h: Host): void;
/** The installed host. */
export declare function host(): Host;
/** Whether a host is installed (for code that also runs in workers, which have none). */
export declare function hasHost(): boolean;
