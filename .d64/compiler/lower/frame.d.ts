/**
 * The frame: a block of shared memory per kernel through which the leader hands parameters and
 * live values to the loop functions every thread runs, and gets reductions back.
 *
 *   [ params: 8 bytes each (f64, or i32, or array address i32 + length i32) ]
 *   [ per parallel loop: start, step: 8 bytes each (i32, or f64 for a wide index); for a loop
 *     without reductions, the inline limit and marker: i32 each (LoopInfo.inlineOffset) ]
 *   [ one 8-byte slot per scalar that crosses into a loop (f64, or i32) ]
 */
import type { ParamSlot } from "../artifact.js";
import type { Kernel, PrangeStmt, Var } from "../model/ir.js";
export interface FrameLayout {
    readonly size: number;
    readonly params: readonly ParamSlot[];
    readonly loopStart: readonly number[];
    readonly loopStep: readonly number[];
    /** per parallel loop that may run inline (inlinable): its limit (i32) and, 4 bytes on, its marker (i32) */
    readonly loopInline: readonly (number | undefined)[];
    /** slot of each crossing scalar */
    readonly slots: ReadonlyMap<Var, number>;
    /** slot (address i32, then length i32) of each of the kernel's own arrays that a parallel prange uses */
    readonly arraySlots: ReadonlyMap<Var, number>;
    /** the arrays each parallel prange uses that have a slot, by prange id */
    readonly loopArrays: readonly (readonly Var[])[];
    /** where `main` leaves the length of the array it returns (i32), when it returns one */
    readonly returnLength: number | null;
}
/** Lays out the frame of `k` after type inference and loop analysis. */
export declare function layoutFrame(k: Kernel): FrameLayout;
/**
 * Whether `main` may run prange `p` as one call of its loop function when the runtime says the
 * loop is too small for the pool (LoopInfo.inlineOffset): no reductions (their bits depend on the
 * chunks, and the combine runs in the runtime). Without reductions, one call over all iterations
 * computes what the chunks in order compute.
 */
export declare function inlinable(p: PrangeStmt): boolean;
