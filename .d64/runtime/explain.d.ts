/**
 * `kernel.explain(...args)`: what the compiler decided for each prange of the specialisation
 * these arguments select (compiler/explain, read off the analysis and lowering), plus what this
 * call adds: threads and schedule, which arrays are used in place and which are copied, and
 * whether the arguments alias so that the call runs on one thread. Runs nothing and copies
 * nothing; needs the compiler (Node; not a page, where kernels are precompiled).
 */
import type { CompileOptions, KernelShape, ParamType } from "../compiler/interface.js";
import type { CallFacts, KernelReport } from "../compiler/explain/report.js";
import type { ParallelOptions, RunSettings } from "./options.js";
/** What `kernel.explain(...args)` returns; `String(e)` and `e.text` are the report's text. */
export interface Explanation {
    readonly text: string;
    /** the compiler's facts per prange (positions relative to the kernel's first line) */
    readonly report: KernelReport;
    /** this call's facts */
    readonly call: CallFacts;
    toString(): string;
}
/** What explain needs of a kernel's dispatcher. */
export interface ExplainContext {
    readonly name: string;
    readonly source: string;
    readonly options: ParallelOptions;
    readonly compileOptions: CompileOptions;
    /** a kernel-relative position made absolute (through the file's source map when it has one); no file when unknown */
    place(line: number, column: number): {
        readonly file?: string;
        readonly line: number;
        readonly column: number;
    };
    readonly settings: RunSettings;
    shape(): KernelShape;
    /** the compiler's explain (compiler/index.ts; typed here so that this module's declarations reach no compiler module) */
    jit(): {
        explain(source: string, params: readonly ParamType[], options: CompileOptions): {
            readonly report: KernelReport;
        };
    };
}
export declare function explainCall(c: ExplainContext, args: readonly unknown[]): Explanation;
