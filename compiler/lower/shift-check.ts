/**
 * The run-time condition of a race proof that read `x << c` as x * 2^c (LoopModel.shiftsAssumed):
 * where x * 2^c leaves int32, `<<` wraps and iterations far apart may meet at one element (`a[i <<
 * 30]` at i = 0 and 4). Before the loop, the leader checks each shift: one of values fixed for
 * the loop (`k << 4` of a live-in) by evaluating x; one in the chunk plan's index trees by the
 * plan's check (hoist.ts) over the whole iteration range, without its access bounds (an access
 * out of bounds stays the checked path's RangeError), which tests that every tree node lies in
 * int32 over a box that holds every value it takes. Where the checks hold, no shift wraps and
 * the proof stands; where one fails, a shift is neither kind, or the bounds are not int32, the
 * loop runs in order on the calling thread (PRANGE_IN_ORDER), as the plain loop does.
 */
import type { Expr, PrangeStmt } from "../model/ir.js";
import { visitExpr } from "../model/walk.js";
import { emitAs } from "./expr.js";
import type { FnLowerer } from "./fn.js";
import { type ChunkPlan, emitChunkCheck, planChunk, planParts } from "./hoist.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

/** Pushes 1 when loop `s`'s assumed shifts stay in int32 over its whole range (bounds: f64 start, stop, step locals), else 0. */
export function emitShiftCheck(L: FnLowerer, s: PrangeStmt, bounds: readonly number[]): void {
  const fb = L.fb;
  const shifts = s.model!.shiftsAssumed;
  const plan = planChunk(s);
  const parts = plan === null ? null : planParts(plan);
  // (an array of the body's own has no length before the loop)
  const planOk = parts !== null && [...parts.arrays].every((a) => L.arrays.has(a));
  const inPlan = (e: Expr): boolean => planOk && parts!.exprs.has(e);
  const shift = (e: Expr): Extract<Expr, { k: "binary" }> => e as Extract<Expr, { k: "binary" }>;
  if (!shifts.every((e) => inPlan(e) || (shift(e).r.k === "num" && beforeLoop(L, s, shift(e).l)))) {
    fb.i32Const(0);
    return;
  }
  fb.i32Const(1);
  // a shift of values fixed for the whole loop (\`k << 4\` of a live-in k): x an integer with x * 2^c in int32
  const x = L.temp(ValType.f64);
  for (const e of shifts) {
    if (inPlan(e)) continue;
    const b = shift(e);
    const c = (b.r as Extract<Expr, { k: "num" }>).value;
    emitAs(L, b.l, "f64");
    fb.localTee(x).op(Op.f64_trunc).localGet(x).op(Op.f64_eq);
    fb.localGet(x).f64Const(2 ** c).op(Op.f64_mul).localTee(x).f64Const(-2147483648).op(Op.f64_ge).op(Op.i32_and);
    fb.localGet(x).f64Const(2147483647).op(Op.f64_le).op(Op.i32_and);
    fb.op(Op.i32_and);
  }
  L.release(ValType.f64, x);
  if (shifts.some(inPlan)) {
    emitRangeCheck(L, plan!, bounds);
    fb.op(Op.i32_and);
  }
}

/** Whether `main` can evaluate `e` before the loop: constants, the loop's live-ins, lengths of its arrays, and arithmetic of them. */
function beforeLoop(L: FnLowerer, s: PrangeStmt, e: Expr): boolean {
  const liveIn = new Set(s.model!.liveIn);
  let ok = true;
  visitExpr(e, (x) => {
    if (x.k === "var") ok &&= liveIn.has(x.v) && !x.v.array;
    else if (x.k === "length") ok &&= L.arrays.has(x.array);
    else if (x.k === "unary") ok &&= x.op === "-" || x.op === "~" || x.op === "+";
    else if (x.k === "binary") ok &&= ["+", "-", "*", "<<", ">>", ">>>", "&", "|", "^"].includes(x.op);
    else ok &&= x.k === "num";
  });
  return ok;
}

/** Pushes 1 when the plan's index-tree nodes lie in int32 over the loop's whole range (its check without the access bounds), else 0. */
function emitRangeCheck(L: FnLowerer, plan: ChunkPlan, bounds: readonly number[]): void {
  const fb = L.fb;
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
