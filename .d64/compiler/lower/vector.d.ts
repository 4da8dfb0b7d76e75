/**
 * Two-lane (f64x2) execution of prange bodies that vector-check.ts accepts: each lane computes
 * exactly what the scalar body computes for its iteration (f64x2 add, sub, mul, div, sqrt, min,
 * max, floor, ceil, trunc, nearest, abs, neg and the comparisons are the scalar IEEE operations
 * per lane), so elementwise results are bit-identical; reductions keep one accumulator per lane
 * and fold them at the end of the chunk, a fixed order that does not depend on the thread count.
 *
 *   if (step == 1 && every array access of the chunk is in bounds && written arrays overlap no other)
 *     v128 constants (the body's and the inlined lane functions') := their values
 *     block $done  loop $top                            (two steps per turn of the loop,
 *       br_if $done (itHi - it < 4)                         then one more if a pair is left)
 *       body on v128 values, iv = (i, i + 1);  it += 2;  iv += 2
 *       body on v128 values, iv = (i, i + 1);  it += 2;  iv += 2
 *     br $top  end  end
 *     acc_r = lane0 (op) lane1
 *   scalar loop for the remaining iterations (all of them when the test failed)
 *
 * `if` statements are if-converted: a statement under a condition updates only the lanes whose
 * mask is set (v128.bitselect of the new and the old value). Math functions with a two-lane
 * version in the math library (math/assembly/lanes.ts) are inlined, with that version's
 * constants kept in locals set once before the loop; the others are called once per lane. A
 * call whose arguments were already computed in this iteration reuses that result (so
 * `if (c) s += 4 * Math.exp(x); else s += 2 * Math.exp(x);` computes exp once).
 */
import type { PrangeStmt } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
import { vectorisable } from "./vector-check.js";
export { vectorisable };
/**
 * Emits the vector loop over [it, itHi) for `p`, advancing local `it`; on exit the scalar
 * accumulators hold the folded lanes. Call only when `vectorisable(p)`.
 */
export declare function emitVectorPart(L: FnLowerer, p: PrangeStmt, it: number, itHi: number, start: number, step: number): void;
