/**
 * Which prange bodies run two iterations per step (see vector.ts), and the value each lane
 * computes with. A lane holds a double for every numeric expression: integer-typed ones too,
 * since type inference gives an integer type only where double arithmetic gives the same value
 * (no -0, no rounding), and a comparison yields an all-ones/all-zeros lane mask. Branches are
 * if-converted: both sides run on both lanes and their effects are masked, which is sound
 * because every expression accepted here is pure and cannot trap (array elements are only
 * `a[i]`, checked in bounds for the whole chunk before the two-lane loop starts).
 */
import type { Expr, Pos, PrangeStmt, Reduction } from "../model/ir.js";
/** Native f64x2 unary operations of Math. */
export declare const UNARY_MATH: Readonly<Record<string, number>>;
/** Bitwise operators run on the lanes for int32 operands; shifts by a constant count. */
export declare const BITWISE: Set<string>;
export declare const SHIFTS: Set<string>;
/** `c` for an index `i`, `i + c`, `c + i` or `i - c` (`i` the prange index, `c` a small integer constant); else null. */
export declare function laneOffset(p: PrangeStmt, e: Expr): number | null;
/** The `e` of a reduction update `s += e`, `s = s + e`, `s = Math.min(s, e)`, ...; null otherwise. */
export declare function reductionValue(r: Reduction, e: Extract<Expr, {
    k: "assign";
}>): Expr | null;
/** Whether `r`'s update subtracts (`s -= e`, `s = s - e`). */
export declare function subtracts(e: Extract<Expr, {
    k: "assign";
}>): boolean;
/** Why a prange body runs one iteration at a time: what stops two lanes, and where (null: the loop itself). */
export interface ScalarReason {
    readonly why: string;
    readonly at: Pos | null;
}
/** Whether the parallel loop `p` can run two iterations per step. */
export declare function vectorisable(p: PrangeStmt): boolean;
/** null when the parallel loop `p` can run two iterations per step; else the first thing that stops it. */
export declare function laneVerdict(p: PrangeStmt): ScalarReason | null;
