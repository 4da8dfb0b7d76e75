import { type BinaryOp, type ElemRef, type Expr, type Ty, type Var } from "../model/ir.js";
import { FnLowerer, type Want } from "./fn.js";
/** Pushes `e` converted to `want`. */
export declare function emitAs(L: FnLowerer, e: Expr, want: Want): void;
/** Pushes the truthiness of `e` as i32 0/1. */
export declare function emitCond(L: FnLowerer, e: Expr): void;
/** Evaluates `e` for its effects only. */
export declare function emitEffect(L: FnLowerer, e: Expr): void;
/** Pushes the value of `e` in its own representation. */
export declare function emitExpr(L: FnLowerer, e: Expr): void;
/** The wanted representation that reproduces a value of type `t`. */
export declare function repr(t: Ty): Want;
/** Something that can push itself converted to a wanted representation. */
export interface Operand {
    readonly ty: Ty;
    emit(want: Want): void;
}
export declare function operandOf(L: FnLowerer, e: Expr): Operand;
/** An operand read from a local that holds a value of type `ty`. */
export declare function localOperand(L: FnLowerer, local: number, ty: Ty): Operand;
/** Pushes `l op r` with result type `out` (as inferred). */
export declare function emitBinary(L: FnLowerer, op: BinaryOp, l: Operand, r: Operand, out: Ty): void;
/**
 * `a % b` on the two doubles on the stack, as JavaScript computes it (C's fmod: exact, the sign of
 * `a`). When both are integers below 2^53 in magnitude (`Math.round(x) % L`, `(i + n / 2) % n`)
 * the remainder is `a - trunc(a / b) * b` in doubles, with the sign of `a` copied onto it (a zero
 * remainder of a negative `a` is -0); anything else (fractions, NaN, infinities, huge values)
 * calls env.fmod.
 *
 * The double formula is exact for such integers: when a / b is not an integer it lies at least
 * 1 / |b| from one, further than its rounding error (|a / b| * 2^-53 < 1 / |b| as |a| < 2^53), so
 * trunc sees the true quotient; trunc(a / b) * b and the difference are integers no larger than
 * |a|, so neither rounds. b = 0 gives a / 0 = ±Infinity (or NaN), Infinity * 0 = NaN, and NaN is
 * JavaScript's answer. A double division pipelines where a 64-bit integer division does not: on
 * ft-indexmap's `(i + nx / 2) % nx` a remainder went from about 12 ns to about 3 ns.
 *
 *   ints = |a| < 2^53 && trunc(a) == a && |b| < 2^53 && trunc(b) == b
 *   ints ? copysign(a - trunc(a / b) * b, a) : fmod(a, b)
 */
export declare function emitFmod(L: FnLowerer): void;
/**
 * Math.round of the double on the stack, inline: f = floor(x); r = x - f >= 0.5 ? f + 1 : f;
 * copysign(r, x) keeps -0 for x in [-0.5, 0) and -0 itself (NaN and infinities pass through).
 */
export declare function emitRound(L: FnLowerer): void;
/** Element type of an array kind. */
export declare function elemTy(ref: ElemRef): Ty;
export type { Var };
