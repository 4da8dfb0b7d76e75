/**
 * Affine forms for the array dependence tests: a subscript is a sum of terms `c * x * s`, where
 * `c` is a number, `x` is at most one loop variable (the prange index, or the counter of a
 * serial loop nested in the prange) and `s` is a product of loop-invariant atoms (parameters and
 * locals not written in the loop, `.length`s, or whole invariant sub-expressions such as
 * `Math.floor(n / 2)`), written as a sorted `*`-joined key; `""` is the constant 1.
 */
import type { Var } from "../model/ir.js";
export interface Term {
    readonly v: Var | null;
    readonly sym: string;
    readonly c: number;
}
/** key `${v.id}|${sym}` (v absent: `|${sym}`) -> term */
export type Affine = ReadonlyMap<string, Term>;
export declare function constant(n: number): Affine;
export declare function atom(sym: string): Affine;
export declare function loopVar(v: Var): Affine;
export declare function add(a: Affine, b: Affine, sb?: number): Affine;
export declare function sub(a: Affine, b: Affine): Affine;
export declare function scale(a: Affine, k: number): Affine;
export declare function mulSym(a: string, b: string): string;
/** Whether `a` has no loop-variable term. */
export declare function invariant(a: Affine): boolean;
/** The product, when one side is loop-invariant; null otherwise (not affine). */
export declare function mul(a: Affine, b: Affine): Affine | null;
/** The numeric value when `a` is a constant. */
export declare function numeric(a: Affine): number | null;
/** The coefficient of loop variable `v` when it is a plain number (null: symbolic or mixed). */
export declare function coefOf(a: Affine, v: Var): {
    c: number;
    symbolic: boolean;
};
/** The terms without loop variable `v`. */
export declare function without(a: Affine, vs: (v: Var) => boolean): Affine;
/** Loop variables of `a`. */
export declare function varsOf(a: Affine): Var[];
/**
 * Whether `l` (loop-invariant) is provably > 0 (`strict`) or >= 0, given facts known to be
 * >= 0: a numeric form is compared directly; otherwise a positive multiple of one fact that
 * cancels a symbol is subtracted, a few times over.
 */
export declare function provePos(l: Affine, facts: readonly Affine[], strict: boolean, depth?: number): boolean;
