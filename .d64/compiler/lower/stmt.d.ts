/**
 * Statement lowering. Loops take this (rotated) shape, so that `break` and `continue` are plain
 * branches and each iteration takes one conditional branch:
 *
 *   block $break
 *     (br_if $break (i32.eqz cond))          for and while only
 *     loop $top
 *       block $continue  body  end
 *       update
 *       (br_if $top cond)
 *     end
 *   end
 *
 * A parallel prange in the leader's function stores what the loop reads into the frame, calls
 * env.prange (which runs every chunk on the pool and combines reductions) and reloads what the
 * loop produced. A prange nested in a prange runs serially in the thread that reached it.
 */
import type { LoopStmt, PrangeStmt, Stmt } from "../model/ir.js";
import { emitExpr } from "./expr.js";
import type { Ty } from "../model/ir.js";
import { type FnLowerer } from "./fn.js";
export declare function emitStmts(L: FnLowerer, stmts: readonly Stmt[]): void;
/** Runs `emit` (a loop) so that each trip releases the arrays it made, and the loop's end the last trip's. */
export declare function withArena(L: FnLowerer, s: LoopStmt | PrangeStmt, emit: (tripStart: () => void) => void): void;
/** How `main` returns a value of type `t`: an i64 integer is returned as a double (exact). */
export declare function returnWant(t: Ty): "f64" | "i32" | "bool";
/**
 * Iterations `it` in [itLo, itHi) of a range whose start and step are in locals (i32, or f64
 * for a wide index): index = start + it * step, kept incrementally (exact in both cases).
 */
export declare function emitCountedBody(L: FnLowerer, s: PrangeStmt, itLo: number, itHi: number, start: number, step: number): void;
export { emitExpr };
