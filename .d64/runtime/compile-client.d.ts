import { Worker } from "node:worker_threads";
import type { CompiledKernel } from "../compiler/artifact.js";
import type { CompileOptions, Diagnostic, KernelShape, ParamType } from "../compiler/interface.js";
/** What the main thread asks the compile worker. */
export type CompileRequest = {
    readonly id: number;
    readonly kind: "shape";
    readonly source: string;
    readonly options: CompileOptions;
} | {
    readonly id: number;
    readonly kind: "check";
    readonly source: string;
    readonly options: CompileOptions;
} | {
    readonly id: number;
    readonly kind: "compile";
    readonly source: string;
    readonly options: CompileOptions;
    readonly params: readonly ParamType[];
};
/** What it answers: the compiler's result as plain data, or the exception the compiler threw. */
export type CompileReply = {
    readonly id: number;
    readonly ok: true;
    readonly shape: KernelShape | null;
    readonly diagnostics: readonly Diagnostic[];
    readonly compiled: CompiledKernel | null;
    readonly sourceOffset: number;
} | {
    readonly id: number;
    readonly ok: false;
    readonly error: {
        readonly cls: "Error" | "TypeError" | "RangeError";
        readonly message: string;
        readonly stack: string;
    };
};
/** The compiler's result as the Dispatcher uses it. */
export interface OffThreadResult {
    readonly shape: KernelShape | null;
    readonly diagnostics: readonly Diagnostic[];
    readonly compiled: CompiledKernel | null;
    /** the compiler's CompileResult.sourceOffset */
    readonly sourceOffset: number;
}
/** The worker entry: dist/runtime/compile-worker.js beside this file, or under dist/ when running from TS source. */
export declare function compileWorkerUrl(): URL;
type Body = {
    kind: "shape" | "check";
    source: string;
    options: CompileOptions;
} | {
    kind: "compile";
    source: string;
    options: CompileOptions;
    params: readonly ParamType[];
};
/**
 * Runs a request on the compile worker and blocks until it answers, so that a synchronous call
 * (parallel()'s early check, the first call of a signature, kernel.diagnostics) does not load
 * TypeScript on this thread: one TypeScript per process, on the worker, which `.async` calls
 * then find loaded. Null when no worker can answer (the caller compiles on its own thread).
 * Rethrows the exception the compiler threw.
 */
export declare function onWorkerSync(body: Body): OffThreadResult | null;
/**
 * Runs a request on the compile worker. Resolves with the compiler's result, rejects with the
 * exception the compiler threw (same class and message), or resolves null when no worker can
 * answer (the caller then compiles on its own thread).
 */
export declare function offThread(body: Body): Promise<OffThreadResult | null>;
/** Requests posted to the compile worker so far, by kind (for tests). */
export declare function offThreadRequests(): {
    readonly shape: number;
    readonly compile: number;
    readonly check: number;
};
/** Synchronous requests answered by the compile worker so far, by kind (for tests). */
export declare function onWorkerRequests(): {
    readonly shape: number;
    readonly compile: number;
    readonly check: number;
};
/** The compile worker, if one runs (for tests). */
export declare function compileWorker(): Worker | null;
export {};
