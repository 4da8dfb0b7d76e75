/**
 * The compiler's public entry: source text of one function -> diagnostics, and for a signature
 * -> a compiled artifact. Phases run in one direction:
 *   parse (frontend) -> build (model) -> inferTypes, analyseLoops (analysis) -> lowerKernel (lower)
 * Each phase reports into one DiagnosticSink and keeps going; errors stop before lowering.
 */
import type { CompiledKernel } from "./artifact.js";
import { type Diagnostic } from "./diagnostics/diagnostic.js";
import type { CompileOptions, KernelShape } from "./interface.js";
import { type ParamType } from "./analysis/types.js";
import type { KernelReport } from "./explain/report.js";
export type { ParamType } from "./interface.js";
export type { GlobalValue } from "./interface.js";
export { findKernels, type FoundKernel, type Globals } from "./frontend/find-kernels.js";
export { aliasHazards, type AliasHazard } from "./analysis/aliasing.js";
export type { CompiledKernel, ArrayKind } from "./artifact.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { ParforCompileError } from "./diagnostics/errors.js";
export { formatMessage, messages, type Code } from "./diagnostics/messages.js";
export { SMALL_INT } from "./analysis/types.js";
export { mapKernelSource } from "./frontend/vectorize.js";
export type { KernelReport, LoopReport, CallFacts } from "./explain/report.js";
export type { CompileOptions, KernelShape } from "./interface.js";
export interface CompileResult {
    readonly diagnostics: readonly Diagnostic[];
    /** offset that diagnostics' `start` has for the first character of the source text */
    readonly sourceOffset: number;
    readonly shape: KernelShape | null;
    /** null when there are errors */
    readonly compiled: CompiledKernel | null;
}
/**
 * The kernel's parameters as the front end sees them, with the diagnostics of parsing and
 * building only (no types yet): errors here do not depend on the arguments.
 */
export declare function shapeOf(source: string, options?: CompileOptions): {
    shape: KernelShape | null;
    diagnostics: readonly Diagnostic[];
};
/**
 * Parameter types used when no call has fixed them: annotations, else number / Float64Array (an
 * Int32Array for an array the kernel passes to Atomics, which refuse float arrays).
 */
export declare function defaultParamTypes(shape: KernelShape): ParamType[];
/** Analyses a kernel without compiling it (what `parfor check` and the editor plugins use). */
export declare function check(source: string, options?: CompileOptions, params?: readonly ParamType[]): CompileResult;
/** Compiles one specialisation of a kernel. */
export declare function compile(source: string, params: readonly ParamType[], options?: CompileOptions): CompileResult;
/**
 * What the compiler decided for each prange of one specialisation (`explain`): compiles it and
 * reads the report off the loop model, the lowering notes and the artifact. With errors, the
 * report lists them and no loops. Never throws.
 */
export declare function explain(source: string, params: readonly ParamType[], options?: CompileOptions): CompileResult & {
    readonly report: KernelReport;
};
