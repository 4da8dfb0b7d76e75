/**
 * Which arrays each array variable may hold: a small flow-sensitive pass over the kernel body.
 * The arrays ("objects") are the array parameters' arguments and every `new K(n)` of the body.
 * The state at a point is a set of environments, each mapping the array variables to one object
 * (relational, so `temp = src; src = dst; dst = temp` keeps src and dst apart: in every
 * environment they hold different arrays). Branches join by union, loops iterate to a fixpoint,
 * `break`/`continue` carry their states to the loop's exit and head.
 *
 * The later phases read the result, never re-derive it: the race and dependence analysis asks
 * whether two array variables may be one array at a prange (`mayAlias`), copy-in/out flags and
 * the runtime's aliasing test ask which parameters an access may touch (`holds`), and the return
 * of an array asks which arrays it may be (`returned`). It needs no types: a variable is an array
 * variable when the model marks it (`Var.array`, set by build.ts and model/array-flow.ts).
 */
import type { Expr, Kernel, LoopStmt, Pos, PrangeStmt, Var } from "../model/ir.js";
/** One array the kernel can touch: a parameter's argument, or the array one `new` makes. */
export interface ArrayObject {
    readonly id: number;
    /** the parameter whose argument it is */
    readonly param: Var | null;
    /** the `new K(n)` that makes it, the variable it is declared as (if any), and the loop each trip of which releases it (null: the call) */
    readonly made: Expr | null;
    readonly local: Var | null;
    readonly releasedBy: LoopStmt | PrangeStmt | null;
    /** how messages name it */
    readonly name: string;
}
export interface PointsTo {
    readonly objects: readonly ArrayObject[];
    /** the arrays an access (load, store, updateElem, atomic, length) may touch */
    holds(e: Expr): readonly ArrayObject[];
    /** every array `v` may hold where it is used */
    mayHold(v: Var): readonly ArrayObject[];
    /** whether `v` and `w` may be one array while `loop` runs */
    mayAlias(loop: PrangeStmt, v: Var, w: Var): boolean;
    /** the arrays the kernel's `return`s of an array value may return */
    readonly returned: readonly ArrayObject[];
    /** assignments that keep an array beyond the loop trip that releases it (reported by analysis/arrays.ts) */
    readonly escapes: readonly {
        readonly at: Pos;
        readonly v: Var;
        readonly obj: ArrayObject;
    }[];
}
/** The points-to facts of `k` (computed once per kernel model). */
export declare function pointsToOf(k: Kernel): PointsTo;
/** How a message names the arrays `v` may hold: "'a' or 'b'". */
export declare function describeHolds(pt: PointsTo, v: Var): string;
