/**
 * The text of an `explain` report: one block per prange, in parfor's words. Positions go through
 * `where` (the front door makes kernel-relative positions absolute); a call's facts (threads,
 * schedule, copies, aliasing) are added when there is a call (kernel.explain(...args)).
 * Imports nothing but types, so the runtime can format without loading the compiler.
 */
import type { At, CallFacts, KernelReport, VerdictFact } from "./report.js";
export interface FormatOptions {
    /** an absolute position: `file.ts:12:7` */
    readonly where: (at: At) => string;
    /** the same, within the kernel's file (`12:7`) */
    readonly short?: (at: At) => string;
    readonly call?: CallFacts;
}
export declare function formatReport(r: KernelReport, o: FormatOptions): string;
/** A verdict as one line (for JSON consumers that want text). */
export declare function verdictText(v: VerdictFact, where: (a: At) => string): string;
