import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { Expr, Kernel } from "../model/ir.js";
/** What a resolution found, for type inference and the analyses after it. */
export interface ArrayFacts {
    /** array-valued expressions in the places an array may appear (declarations, assignments, returns) */
    readonly values: WeakSet<Expr>;
}
/** Resolves the array locals of `k` (sets `array` and `fresh` on them) and reports misuse. */
export declare function resolveArrays(k: Kernel, sink: DiagnosticSink): ArrayFacts;
