import type { ElemRef, PrangeStmt, Var } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
/** How an access uses its element, for checked mode's shadow state. */
export declare const AccessMode: {
    readonly Read: 0;
    readonly Write: 1;
    readonly ReadWrite: 2;
    readonly Atomic: 3;
};
export type AccessMode = (typeof AccessMode)[keyof typeof AccessMode];
/**
 * At the top of loop_k: the epoch and the shadow block of every array the loop writes into
 * locals (see FnLowerer.check). An array the loop only reads cannot race in it, so its accesses
 * are not instrumented; nor are those of an array it reduces (private copies per chunk).
 */
export declare function beginCheck(L: FnLowerer, p: PrangeStmt): void;
/** At the top of an iteration of the checked prange: me = epoch << 48 | (ordinal + 1) << 16. */
export declare function beginIteration(L: FnLowerer, s: PrangeStmt, ordinal: number): void;
/** Before an access whose index (bounds-checked, in local `idx`) is known: the shadow update. */
export declare function emitShadowAccess(L: FnLowerer, ref: ElemRef, idx: number, mode: AccessMode): void;
/**
 * Before a read or write of a shared scalar (one the analysis could neither privatise nor
 * reduce, kept in the frame): the same shadow update on its word in the kernel's scalar block,
 * element `k` of "parameter" params.length. `at` names the access for the report.
 */
export declare function emitScalarShadow(L: FnLowerer, v: Var, mode: AccessMode, at: {
    readonly start: number;
    readonly end: number;
}): void;
