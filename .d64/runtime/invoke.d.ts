/**
 * Loading and calling compiled kernels: `load` compiles the module once; `invoke` runs a call on
 * the calling thread (it leads, workers help); `invokeAsync` runs it on worker 0 as leader so the
 * event loop is never blocked. All calls go through one execution lock, because kernels share the
 * control block, and a kernel's frame is reused by each of its calls.
 */
import type { CompiledKernel } from "../compiler/artifact.js";
import { type KernelMeta, type SourceOrigin } from "./errors.js";
import type { RunSettings } from "./options.js";
import { type WasmModule } from "./wasm.js";
export type { SourceOrigin } from "./errors.js";
/** Most threads a call may use (the control block has MAX_WORKERS worker slots). */
export declare const MAX_THREADS = 512;
/** A kernel ready to run: its compiled module and metadata; instances are made per thread on demand. */
export interface LoadedKernel {
    readonly id: number;
    readonly meta: KernelMeta;
    readonly module: WasmModule;
}
/** Kernels loaded and not yet collected. */
export declare function loadedKernels(): number;
/**
 * Whether a compiled call is running on this thread right now: a kernel called from inside
 * one (from a Math function the user replaced, a getter) must not use the control block or its
 * frame, which the running call owns; parallel() then runs the plain function.
 */
export declare function callInProgress(): boolean;
/** Compiles `kernel`'s module (once) and returns the handle `invoke`/`invokeAsync` take. */
export declare function load(kernel: CompiledKernel, meta: {
    name: string;
    origin: SourceOrigin;
}): LoadedKernel;
/** What a compiled call returns: a number, a boolean, nothing, or a typed array (`returns: "array"`). */
export type KernelResult = number | boolean | undefined | ArrayBufferView;
/**
 * Runs a call synchronously on the calling thread, which leads and takes a share of every prange
 * (with `settings.threads - 1` pool workers). `args` are already validated against the params.
 * Waits first for any async calls in flight or queued (they were issued earlier).
 */
export declare function invoke(k: LoadedKernel, args: readonly unknown[], settings: RunSettings): KernelResult;
/**
 * Runs a call on the pool without blocking the event loop: worker 0 leads it with up to
 * `settings.threads - 1` helpers; completion is observed with Atomics.waitAsync. Calls queue
 * behind each other in issue order.
 */
export declare function invokeAsync(k: LoadedKernel, args: readonly unknown[], settings: RunSettings): Promise<KernelResult>;
/** Whether no async call runs or waits. */
export declare function asyncIdle(): boolean;
/** Resolves once no async call is running or queued (used by shutdown). */
export declare function whenIdle(): Promise<void>;
