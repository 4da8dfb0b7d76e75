/**
 * Reads a KernelReport off what the phases produced for one specialisation: the loop model of
 * analysis/loops.ts (reductions, privates, live-ins, shared scalars, arrays, the loop's
 * diagnostics), the LoweringNote of lower/kernel.ts (lanes and why not, hoisted checks, the values
 * chunks start from) and the artifact (signature, access sites). Nothing here decides anything.
 */
import type { CompiledKernel } from "../artifact.js";
import type { ParamType } from "../analysis/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoweringNote } from "../lower/kernel.js";
import type { Kernel, Pos } from "../model/ir.js";
import type { At, KernelReport, VerdictFact } from "./report.js";
export interface FactSources {
    readonly kernel: Kernel;
    readonly compiled: CompiledKernel;
    readonly notes: readonly LoweringNote[];
    readonly diagnostics: readonly Diagnostic[];
    readonly locate: (offset: number) => At;
    readonly textOf: (p: Pos) => string;
    /** the parameter types compiled for */
    readonly signature: readonly ParamType[];
}
/** How the report names a parameter type of the signature. */
export declare function typeName(t: ParamType): string;
export declare function numberText(v: number, bool: boolean): string;
export declare function verdict(d: Diagnostic): VerdictFact;
/** The report of a kernel that compiled. */
export declare function kernelFacts(src: FactSources): KernelReport;
