/**
 * Errors raised while a kernel runs: source positions, the out-of-bounds message, wrapping of wasm
 * traps, and the plain-data form in which a worker hands an error to the main thread.
 */
import type { CompiledKernel } from "../compiler/artifact.js";
import { type WasmMemory } from "./wasm.js";
/** Where a kernel's source text starts: 1-based line and column, and its file when known. */
export interface SourceOrigin {
    readonly file?: string;
    readonly line: number;
    readonly column: number;
    /**
     * positions through the file's source map (runtime/source-map.ts), by kernel-relative
     * `line:column` (the access sites, the loops and 1:1): the original file, line and column
     */
    readonly mapped?: Readonly<Record<string, readonly [string, number, number]>>;
}
/** A kernel-relative position made absolute: through the source map where it was mapped, else from the origin. */
export declare function absolutePosition(o: SourceOrigin, line: number, column: number): {
    readonly file?: string;
    readonly line: number;
    readonly column: number;
};
/**
 * What every thread knows about a kernel besides its module: the artifact without the wasm bytes,
 * plus the kernel's name, its source origin and the id the runtime gave it. Plain data, so it can
 * be posted to workers.
 */
export interface KernelMeta {
    readonly id: number;
    readonly name: string;
    readonly origin: SourceOrigin;
    readonly frameSize: number;
    readonly params: CompiledKernel["params"];
    readonly loops: CompiledKernel["loops"];
    readonly sites: CompiledKernel["sites"];
    readonly returns: CompiledKernel["returns"];
    readonly returnArray?: CompiledKernel["returnArray"];
    readonly mathImports: CompiledKernel["mathImports"];
    /** compiled for checked mode (race-check.ts) */
    readonly checked?: boolean;
    /** checked mode: the shared scalars with shadow words (CompiledKernel.checkedScalars) */
    readonly checkedScalars?: readonly string[];
}
/**
 * Formats a kernel-relative position (line 1 = the line the function text starts on) as an
 * absolute one: `file.ts:12:7` (the original file where the compiled one has a source map), or
 * `kernel <name> line 12:7` when the file is unknown.
 */
export declare function formatPosition(meta: KernelMeta, line: number, column: number): string;
/**
 * The RangeError of env.oob: `parfor: index 10 is out of bounds for array 'a' (length 10) at f.ts:12:7`.
 * `length` is read by the caller from the running call's frame.
 */
export declare function outOfBoundsError(meta: KernelMeta, site: number, index: number, length: number | undefined): RangeError;
/**
 * A wasm trap (Wasm.RuntimeError) becomes an Error naming the kernel and the source
 * location (the prange loop it happened in, else the kernel itself); other errors pass through.
 */
export declare function wrapTrap(e: unknown, meta: KernelMeta, loop: number | undefined): unknown;
/** An error as a worker posts it: the class to rebuild and the message. */
export interface SerializedError {
    readonly kind: "error";
    readonly cls: "Error" | "RangeError" | "TypeError";
    readonly message: string;
    readonly stack?: string;
}
/** The plain-data form of `e` (wrap traps first). */
export declare function serializeError(e: unknown): SerializedError;
/** Rebuilds an error of the same class and message in the calling thread. */
export declare function deserializeError(s: SerializedError): Error;
/**
 * Thrown by prange on a worker acting as leader when another thread failed: it unwinds the
 * kernel's main, and the main thread then reports the original error (from ERROR's source).
 */
export declare class PeerFailure extends Error {
    constructor();
}
/**
 * Writes `s` as the error record of thread `source` (control.ts ERROR_RECORD_BYTE), cut to fit.
 * Only the thread whose ERROR value won writes it, once per failed call; it precedes the
 * thread's release store (DONE, ACK or ASYNC_STATE), which the reader acquires.
 */
export declare function writeErrorRecord(memory: WasmMemory, source: number, s: SerializedError): void;
/** The error record of thread `source`, rebuilt with its class, or undefined when there is none. */
export declare function readErrorRecord(memory: WasmMemory, source: number): Error | undefined;
/** Forgets the error record (before a call starts). */
export declare function clearErrorRecord(memory: WasmMemory): void;
