import type { Diagnostic } from "../compiler/interface.js";
import type { ParallelOptions } from "./options.js";
import { type Explanation } from "./explain.js";
export type { ParallelOptions } from "./options.js";
export type { Explanation } from "./explain.js";
type AnyFn = (...args: any[]) => any;
/** A compiled kernel: call it like the plain function, or `.async(...)` it. */
export interface ParallelKernel<F extends AnyFn> {
    (...args: Parameters<F>): ReturnType<F>;
    /** Same result as a call, without blocking the event loop. */
    async(...args: Parameters<F>): Promise<ReturnType<F>>;
    /** Race warnings and other findings of the analysis, with file positions where known. */
    readonly diagnostics: readonly PositionedDiagnostic[];
    /**
     * What the compiler decided for each prange of the specialisation these arguments select:
     * parallel or serial and why, reductions, privatised variables, arrays and their copies, bounds
     * checks, lanes, schedule and races. Runs nothing; `String(k.explain(...))` is the text.
     */
    explain(...args: Parameters<F>): Explanation;
    /** The plain function. */
    readonly fn: F;
}
/** A diagnostic with absolute positions (and the file, when the kernel's source was found). */
export interface PositionedDiagnostic extends Diagnostic {
    readonly file?: string;
}
/** Validates options at the public boundary; every message names the option. */
export declare function validateOptions(o: unknown): ParallelOptions;
/**
 * Compiles `fn` (a function whose loops are `for (const i of prange(n))`) to WebAssembly threads.
 * The result is called like `fn` and returns what `fn` returns.
 */
export declare function parallel<F extends AnyFn>(fn: F, options?: ParallelOptions): ParallelKernel<F>;
