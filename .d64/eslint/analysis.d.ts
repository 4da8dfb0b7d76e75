import { type Code } from "../compiler/diagnostics/messages.js";
import { type Fix } from "./fixes.js";
import { type Suppression } from "../compiler/diagnostics/suppress.js";
export type { Fix, Edit } from "./fixes.js";
export type { Code };
/** One diagnostic in a file; offsets into the file text, `end` exclusive. */
export interface Finding {
    readonly code: Code;
    readonly name: string;
    readonly category: "error" | "warning";
    readonly message: string;
    readonly start: number;
    readonly end: number;
    readonly related: readonly {
        readonly start: number;
        readonly end: number;
        readonly message: string;
    }[];
    /** mechanical fixes (ESLint suggestions, editor quick fixes), offsets into the file text */
    readonly fixes: readonly Fix[];
    /** silenced by a comment (compiler/diagnostics/suppress.ts): `parfor-ignore` (every front door skips it) or an ESLint directive (ESLint applies its own; the others skip it) */
    readonly suppressed: Suppression;
}
/** Counters for tests and the benchmark: how much work the cache saved. */
export declare const analysisStats: {
    files: number;
    fileCacheHits: number;
    kernels: number;
    kernelChecks: number;
};
/** Forgets every cached result (for benchmarks that measure a cold analysis). */
export declare function clearAnalysisCache(): void;
/**
 * Every parfor diagnostic of one file, sorted by position. A file that does not mention
 * `prange` costs one substring search; a file that does not parse gives nothing (its parser
 * reports that).
 */
export declare function analyseFile(fileName: string, text: string): readonly Finding[];
/** The diagnostic table the rules and the language-service plugin are generated from. */
export declare function diagnosticTable(): readonly {
    readonly code: Code;
    readonly name: string;
    readonly category: "error" | "warning";
    readonly text: string;
}[];
