/**
 * The run-time condition of a race proof that read `x << c` as x * 2^c (LoopModel.shiftsAssumed):
 * where x * 2^c leaves int32, `<<` wraps and iterations far apart may meet at one element (`a[i <<
 * 30]` at i = 0 and 4). Before the loop, the leader evaluates the chunk plan's check (hoist.ts)
 * over the whole iteration range, without its access bounds (an access out of bounds stays the
 * checked path's RangeError): it tests that every node of the plan's index trees, those shifts
 * included, lies in int32 over a box that holds every value they take. Where it holds, no
 * shift wraps and the proof stands; where it fails, or a shift is not in the plan's trees, or
 * the bounds are not int32, the loop runs in order on the calling thread (PRANGE_IN_ORDER), as
 * the plain loop does.
 */
import type { PrangeStmt } from "../model/ir.js";
import type { FnLowerer } from "./fn.js";
import { emitChunkCheck, planChunk, planParts } from "./hoist.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

/** Pushes 1 when loop `s`'s assumed shifts stay in int32 over its whole range (bounds: f64 start, stop, step locals), else 0. */
export function emitShiftCheck(L: FnLowerer, s: PrangeStmt, bounds: readonly number[]): void {
  const fb = L.fb;
  const plan = planChunk(s);
  const parts = plan === null ? null : planParts(plan);
  // (an array of the body's own has no length before the loop)
  if (plan === null || !s.model!.shiftsAssumed.every((e) => parts!.exprs.has(e)) || [...parts!.arrays].some((a) => !L.arrays.has(a))) {
    fb.i32Const(0);
    return;
  }
  const [start, stop, step] = bounds as [number, number, number];
  const [s32, p32, lo, count] = [L.temp(ValType.i32), L.temp(ValType.i32), L.temp(ValType.i32), L.temp(ValType.i32)];
  const span = L.temp(ValType.f64);
  // start and step exact int32s, step not 0
  fb.localGet(start).opFC(OpFC.i32_trunc_sat_f64_s).localTee(s32).op(Op.f64_convert_i32_s).localGet(start).op(Op.f64_eq);
  fb.localGet(step).opFC(OpFC.i32_trunc_sat_f64_s).localTee(p32).op(Op.f64_convert_i32_s).localGet(step).op(Op.f64_eq).op(Op.i32_and);
  fb.localGet(p32).i32Const(0).op(Op.i32_ne).op(Op.i32_and);
  // the count, ceil(|stop - start| / |step|) in doubles (exact for safe integers), at most 2^31 - 1
  fb.localGet(stop).localGet(start).op(Op.f64_sub).localGet(step).op(Op.f64_div).op(Op.f64_ceil).localTee(span);
  fb.f64Const(2147483647).op(Op.f64_le).op(Op.i32_and);
  fb.localGet(span).f64Const(0).op(Op.f64_max).opFC(OpFC.i32_trunc_sat_f64_s).localSet(count);
  fb.i32Const(0).localSet(lo);
  // no iteration, or the plan's extents over [0, count) in int32
  fb.localGet(count).op(Op.i32_eqz);
  emitChunkCheck(L, plan, lo, count, s32, p32, false);
  fb.op(Op.i32_or).op(Op.i32_and);
  for (const t of [s32, p32, lo, count]) L.release(ValType.i32, t);
  L.release(ValType.f64, span);
}
