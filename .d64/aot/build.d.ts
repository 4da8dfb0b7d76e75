import { type Diagnostic, type ParamType, type KernelShape } from "../compiler/index.js";
import type { HelperGlobal } from "../compiler/frontend/module-helpers.js";
import { type Skipped } from "./discover.js";
import { type Variant } from "./store.js";
export declare const DEFAULT_MAX_VARIANTS = 81;
/** A diagnostic at an absolute position, as `parfor check` prints it. */
export interface BuildDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly code: string;
    readonly severity: "error" | "warning";
    readonly message: string;
}
/** The signatures to compile for per-parameter kinds, and a note when they were cut down. */
export declare function signatures(kinds: readonly (readonly ParamType[])[], maxVariants?: number): {
    sigs: ParamType[][];
    note: string | null;
};
/** One kernel compiled for each signature; diagnostics are kernel-relative (line 1 = its first line). */
export interface CompiledVariants {
    readonly shape: KernelShape | null;
    readonly variants: Variant[];
    /** the analysis (default types), as `parfor check` reports it */
    readonly diagnostics: readonly Diagnostic[];
    /** signatures that failed, with their errors */
    readonly failed: {
        sig: ParamType[];
        diagnostics: readonly Diagnostic[];
    }[];
}
/** Compiles `text` (the run time's text of the kernel) for every signature in `sigs`. */
export declare function compileVariants(text: string, checkText: string, sigs: readonly ParamType[][], globals: Readonly<Record<string, HelperGlobal>> | undefined): CompiledVariants;
export interface BuildOptions {
    readonly project: string;
    readonly outDir?: string;
    readonly maxVariants?: number;
}
export interface BuiltKernel {
    readonly name: string;
    readonly file: string;
    readonly line: number;
    readonly key: string;
    readonly variants: number;
    readonly note: string | null;
}
/** A kernel that did not compile: nothing of it is written, and it is compiled (and fails) at run time. */
export interface FailedKernel {
    readonly name: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
    /** its call says `fallback: "js"`: at run time it runs as plain JavaScript, with a warning */
    readonly fallback: boolean;
    readonly errors: number;
    /** the first error, as `PFxxxx: message` (all of them are in `diagnostics`) */
    readonly reason: string;
}
export interface BuildReport {
    readonly kernels: readonly BuiltKernel[];
    readonly failed: readonly FailedKernel[];
    readonly skipped: readonly Skipped[];
    readonly diagnostics: readonly BuildDiagnostic[];
    readonly errors: number;
    readonly manifest: string;
    readonly wasmFiles: number;
    readonly wasmBytes: number;
}
/**
 * Runs the build; writes nothing but the manifest and the .wasm files: every kernel that compiles,
 * also when others do not (those are listed in `failed`, with their errors in `diagnostics`).
 */
export declare function build(options: BuildOptions): BuildReport;
