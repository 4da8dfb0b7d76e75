/**
 * Liveness of one scalar on the kernel's structured control flow: whether some path from a point
 * reaches a read of the variable before a write to it. Backward over statements and over the
 * evaluation order inside expressions (`&&`, `||`, `??`, `?:` and compound assignments such as
 * `&&=` only maybe write); a loop's body may run zero times, so a write inside a loop never kills
 * what follows it; `break`/`continue` carry the liveness of their target's exit or next trip.
 * Results are a witness read (a position to point the user at) or null when the variable is dead.
 *
 * Used by analysis/loops.ts to privatise: a scalar written in a prange is private when no read is
 * reachable from the start of an iteration without a write first (`exposedRead`) and it is dead
 * when the loop exits (`liveAfter`).
 */
import type { Kernel, Pos, PrangeStmt, Stmt, Var } from "../model/ir.js";
/** A read of `v` reachable from the start of an iteration of `loop` before any write to it. */
export declare function exposedRead(loop: PrangeStmt, v: Var): Pos | null;
/**
 * A read of `v` reachable after `loop` (a prange, or any statement) exits: in the rest of the
 * kernel, later loops, or the next trip of a serial loop around it. Walks out from the loop along its enclosing statements: the
 * liveness after a statement is that of the rest of its list, ending in what follows the list's
 * owner (after an if or block, the next trip or exit of a loop, nothing at the function's end).
 */
export declare function liveAfter(k: Kernel, loop: Stmt, v: Var): Pos | null;
