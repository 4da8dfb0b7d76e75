import type { ArrayReduceOp, ArrayReduction, ElemRef, Expr, PrangeStmt, Var } from "../model/ir.js";
/** One update `h[k] op= w` (or `h[k]++`, `h[k] = Math.max(h[k], v)`, ...) of an array element. */
export interface ArrayUpdate {
    readonly ref: ElemRef;
    readonly op: ArrayReduceOp;
    /** the value combined with the element (null for ++/--) */
    readonly value: Expr | null;
    /** the element load inside `h[k] = Math.max(h[k], v)` / `h[k] = h[k] + w`, part of the pattern */
    readonly inner: Expr | null;
}
/** The update pattern of `e`, or null. */
export declare function arrayUpdateOf(e: Expr): ArrayUpdate | null;
/**
 * The arrays of `loop` whose every access is an update of one reduction operator (with a pure,
 * array-free index and value), and for the others that are written, why not.
 */
export declare function findArrayReductions(loop: PrangeStmt, sharesWith?: (a: Var) => string | null): {
    ok: Map<Var, ArrayReduction>;
    why: Map<Var, string>;
};
