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
import { PRANGE_IN_ORDER } from "../artifact.js";
import { beginIteration } from "./checked.js";
import { innerLanes } from "./vector-check.js";
import { hoistInvariants, withHoisted } from "./invariants.js";
import { emitKept, keptElements } from "./promote.js";
import { emitBasePointers } from "./pointers.js";
import { emitShiftCheck } from "./shift-check.js";
import { emitInnerLanes } from "./vector.js";
import { forEachExprInStmts } from "../model/walk.js";
import { emitArrayLet, emitArrayReturn } from "./array-values.js";
import { emitAs, emitCond, emitEffect, emitExpr, repr } from "./expr.js";
import type { Expr, Ty } from "../model/ir.js";
import { type FnLowerer, wasmType } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

export function emitStmts(L: FnLowerer, stmts: readonly Stmt[]): void {
  const undo: (() => void)[] = [];
  stmts.forEach((s, i) => {
    emitStmt(L, s);
    // a const int32 index read by several accesses after it: their arrays' base pointers (pointers.ts)
    if (s.k === "let" && !s.v.array) undo.push(emitBasePointers(L, s.v, stmts.slice(i + 1)));
  });
  for (const u of undo) u();
}

function emitStmt(L: FnLowerer, s: Stmt): void {
  const fb = L.fb;
  switch (s.k) {
    case "expr":
      emitEffect(L, s.e);
      return;
    case "let": {
      if (s.v.array) {
        emitArrayLet(L, s.v, s.init);
        return;
      }
      const t = s.v.ty!;
      if (s.init) emitAs(L, s.init, repr(t));
      else if (t.k === "f64") fb.f64Const(NaN); // undefined reads as NaN in arithmetic
      else L.constOf(t, 0);
      L.setVar(s.v, false);
      return;
    }
    case "if":
      if (isShortCircuit(s.c)) {
        // block $end (block $else (br_if $else !c) then (br $end)) else
        fb.block("void");
        L.pushLabel(null, "other");
        fb.block("void");
        L.pushLabel(null, "other");
        emitBrIf(L, s.c, 0, false);
        emitStmts(L, s.t);
        fb.br(1);
        L.popLabel();
        fb.end();
        emitStmts(L, s.f);
        L.popLabel();
        fb.end();
        return;
      }
      emitCond(L, s.c);
      fb.if_("void");
      L.pushLabel(null, "other");
      emitStmts(L, s.t);
      if (s.f.length) {
        fb.else_();
        emitStmts(L, s.f);
      }
      L.popLabel();
      fb.end();
      return;
    case "block":
      emitStmts(L, s.body);
      return;
    case "loop":
      emitLoop(L, s);
      return;
    case "prange":
      if (s.serial) emitSerialPrange(L, s);
      else emitParallelPrange(L, s);
      return;
    case "break":
    case "continue":
      fb.br(L.depthOf(s.target, s.k));
      return;
    case "return":
      if (s.e && L.m.kernel.returnArray) emitArrayReturn(L, s.e);
      else if (s.e) emitAs(L, s.e, returnWant(L.m.kernel.returnTy!));
      fb.return_();
      return;
  }
}

/** Runs `emit` (a loop) so that each trip releases the arrays it made, and the loop's end the last trip's. */
export function withArena(L: FnLowerer, s: LoopStmt | PrangeStmt, emit: (tripStart: () => void) => void): void {
  if (!L.m.arenaLoops.has(s)) {
    emit(() => {});
    return;
  }
  const fb = L.fb;
  const mark = fb.local(ValType.i32);
  fb.call(L.m.imports.mark!).localSet(mark);
  emit(() => fb.localGet(mark).call(L.m.imports.reset!));
  fb.localGet(mark).call(L.m.imports.reset!);
}

function isShortCircuit(e: Expr): boolean {
  return (e.k === "logical" && e.op !== "??") || (e.k === "unary" && e.op === "!" && isShortCircuit(e.e));
}

/**
 * Branches to label `depth` when the truthiness of `c` is `when`, with && and || as branches
 * rather than values (a condition needs no value, and V8 compiles branches better than a
 * value-producing `if` inside a hot loop).
 */
function emitBrIf(L: FnLowerer, c: Expr, depth: number, when: boolean): void {
  const fb = L.fb;
  if (c.k === "unary" && c.op === "!") {
    emitBrIf(L, c.e, depth, !when);
    return;
  }
  if (c.k === "logical" && c.op !== "??") {
    const and = c.op === "&&";
    if (and === when) {
      // all must hold (&& true) / all must fail (|| false): skip out when the left decides
      fb.block("void");
      emitBrIf(L, c.l, 0, !when);
      emitBrIf(L, c.r, depth + 1, when);
      fb.end();
    } else {
      emitBrIf(L, c.l, depth, when);
      emitBrIf(L, c.r, depth, when);
    }
    return;
  }
  emitCond(L, c);
  if (!when) fb.op(Op.i32_eqz);
  fb.brIf(depth);
}

/** How `main` returns a value of type `t`: an i64 integer is returned as a double (exact). */
export function returnWant(t: Ty): "f64" | "i32" | "bool" {
  return t.k === "f64" || t.k === "i64" ? "f64" : t.k === "bool" ? "bool" : "i32";
}

/**
 * The rotated loop shape with `target`'s break/continue labels: `guard` may leave (br_if 0) before
 * the first iteration; `next` runs after the body (and after `continue`) and branches back
 * (br_if 0 / br 0) to repeat.
 */
function emitRotated(L: FnLowerer, target: LoopStmt | PrangeStmt, guard: (() => void) | null, body: () => void, next: () => void): void {
  const fb = L.fb;
  fb.block("void");
  L.pushLabel(target, "break");
  guard?.();
  fb.loop("void");
  L.pushLabel(null, "other");
  fb.block("void");
  L.pushLabel(target, "continue");
  body();
  L.popLabel();
  fb.end();
  next();
  L.popLabel();
  fb.end();
  L.popLabel();
  fb.end();
}

function emitLoop(L: FnLowerer, s: LoopStmt): void {
  emitStmts(L, s.init);
  // integer arithmetic the loop does not change, once per entry (invariants.ts)
  withHoisted(L, hoistInvariants(L, s, null), () => {
    // an element every trip reads and writes, in a local across the loop (promote.ts)
    const kept = keptElements(L, s);
    if (kept.length) emitKept(L, s, kept, () => emitLoopTrips(L, s));
    else emitLoopTrips(L, s);
  });
}

/** Loop `s` after its init: the inner-loop lanes where they apply, then the trips. */
function emitLoopTrips(L: FnLowerer, s: LoopStmt): void {
  // on a chunk's fast path, an innermost loop the lanes can run takes pairs of trips first
  const lanes = L.proven.size && L.check === null && L.promoted.size === 0 ? innerLanes(s) : null;
  if (lanes && allProven(L, s)) emitInnerLanes(L, s, lanes);
  // one conditional branch per iteration, at the bottom; for and while test once on entry
  withArena(L, s, (trip) =>
    emitRotated(
      L,
      s,
      s.kind !== "do" && s.cond ? () => emitBrIf(L, s.cond!, 0, false) : null,
      () => {
        trip();
        emitStmts(L, s.body);
      },
      () => {
        if (s.update) emitEffect(L, s.update);
        if (s.cond) emitBrIf(L, s.cond, 0, true);
        else L.fb.br(0);
      },
    ),
  );
}

/** Whether every array access in loop `s` is proven in bounds on this path (the chunk plan's sites). */
function allProven(L: FnLowerer, s: LoopStmt): boolean {
  let ok = true;
  forEachExprInStmts([s], (e) => {
    if (e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic") ok &&= L.proven.has(e.ref.site);
  });
  return ok;
}

/**
 * Iterations `it` in [itLo, itHi) of a range whose start and step are in locals (i32, or f64
 * for a wide index): index = start + it * step, kept incrementally (exact in both cases).
 */
export function emitCountedBody(L: FnLowerer, s: PrangeStmt, itLo: number, itHi: number, start: number, step: number): void {
  const fb = L.fb;
  const idx = L.local(s.index);
  const wide = s.index.ty!.k === "f64";
  const it = L.temp(ValType.i32);
  fb.localGet(itLo).localTee(it);
  if (wide) fb.op(Op.f64_convert_i32_s).localGet(step).op(Op.f64_mul).localGet(start).op(Op.f64_add).localSet(idx);
  else fb.localGet(step).op(Op.i32_mul).localGet(start).op(Op.i32_add).localSet(idx);
  withArena(L, s, (trip) =>
    emitRotated(
      L,
      s,
      () => fb.localGet(it).localGet(itHi).op(Op.i32_ge_s).brIf(0),
      () => {
        trip();
        beginIteration(L, s, it);
        emitStmts(L, s.body);
      },
      () => {
        fb.localGet(idx).localGet(step).op(wide ? Op.f64_add : Op.i32_add).localSet(idx);
        fb.localGet(it).i32Const(1).op(Op.i32_add).localTee(it).localGet(itHi).op(Op.i32_lt_s).brIf(0);
      },
    ),
  );
  L.release(ValType.i32, it);
}

/** A prange bound as f64; a boolean is passed as NaN so the runtime's check rejects it as plain prange does. */
function emitBound(L: FnLowerer, e: import("../model/ir.js").Expr): void {
  if (e.ty!.k === "bool") {
    emitEffect(L, e);
    L.fb.f64Const(NaN);
  } else emitAs(L, e, "f64");
}

/** A prange inside a prange: validated like the outer one, then run serially here. */
function emitSerialPrange(L: FnLowerer, s: PrangeStmt): void {
  const fb = L.fb;
  const wide = s.index.ty!.k === "f64";
  const t = wide ? ValType.f64 : ValType.i32;
  const start = L.temp(t);
  const step = L.temp(t);
  const hi = L.temp(ValType.i32);
  const zero = L.temp(ValType.i32);
  const fs = L.temp(ValType.f64);
  const fe = L.temp(ValType.f64);
  const fp = L.temp(ValType.f64);
  emitBound(L, s.rangeStart);
  fb.localSet(fs);
  emitBound(L, s.rangeStop);
  fb.localSet(fe);
  emitBound(L, s.rangeStep);
  fb.localSet(fp);
  // env.count validates the bounds (TypeError/RangeError as plain prange) and returns the count
  fb.localGet(fs).localGet(fe).localGet(fp).i32Const(wide ? 1 : 0).call(L.m.imports.count).localSet(hi);
  if (wide) {
    // -0 + 0 is +0: the first index is never -0, as in plain prange
    fb.localGet(fs).f64Const(0).op(Op.f64_add).localSet(start);
    fb.localGet(fp).localSet(step);
  } else {
    fb.localGet(fs).opFC(OpFC.i32_trunc_sat_f64_s).localSet(start);
    fb.localGet(fp).opFC(OpFC.i32_trunc_sat_f64_s).localSet(step);
  }
  fb.i32Const(0).localSet(zero);
  emitCountedBody(L, s, zero, hi, start, step);
  for (const [ty, l] of [[t, start], [t, step], [ValType.i32, hi], [ValType.i32, zero], [ValType.f64, fs], [ValType.f64, fe], [ValType.f64, fp]] as const) {
    L.release(ty, l);
  }
}

/**
 * The loop number for env.prange, with PRANGE_IN_ORDER set when a run-time assumption of the
 * loop's race proof fails: each of `serialUnless` must be an integer >= 1 (NaN fails too).
 */
function emitLoopNumber(L: FnLowerer, s: PrangeStmt, bounds: readonly number[]): void {
  const fb = L.fb;
  const assumed = s.model!.serialUnless;
  const shifts = s.model!.shiftsAssumed.length > 0;
  if (assumed.length === 0 && !shifts) {
    fb.i32Const(s.id);
    return;
  }
  const t = L.temp(ValType.f64);
  fb.i32Const(s.id).i32Const(s.id | PRANGE_IN_ORDER);
  assumed.forEach((e, n) => {
    emitAs(L, e, "f64");
    fb.localSet(t);
    // t >= 1 && floor(t) === t
    fb.localGet(t).f64Const(1).op(Op.f64_ge);
    fb.localGet(t).op(Op.f64_floor).localGet(t).op(Op.f64_eq).op(Op.i32_and);
    if (n > 0) fb.op(Op.i32_and);
  });
  if (shifts) {
    // the proof read `x << c` as x * 2^c: it holds where no shift wraps over the whole range (shift-check.ts)
    emitShiftCheck(L, s, bounds);
    if (assumed.length > 0) fb.op(Op.i32_and);
  }
  // select(plain, in order, holds): the plain number when every assumption holds
  fb.select();
  L.release(ValType.f64, t);
}

/**
 * Inside `block $done { block $slow { here } env.prange }`: runs the loop itself when its bounds
 * are int32 (the f64 values convert back exactly), the step is not zero and the count is at most
 * the limit the runtime left in the frame (LoopInfo.inlineOffset; at least 1 once set, 0 until
 * env.prange has run the loop in this call); otherwise branches to $slow, where env.prange
 * validates, reports and runs as before. A count of zero does nothing, as env.prange does.
 * A count of at most MAIN_LOOP_LIMIT runs main's own copy of the body (ModuleCtx.mainBodies: no
 * frame traffic, no call; its accesses checked one by one, as the loop function checks so few)
 * and leaves $all, past the copy-out; a larger one calls the loop function once after `copyIn`.
 * While either runs the loop's marker word is 1, so a trap is reported in this loop.
 */
function emitInlinePrange(L: FnLowerer, s: PrangeStmt, bounds: readonly number[], loopFn: number, copyIn: () => void): void {
  const fb = L.fb;
  const startOff = L.m.frame.loopStart[s.id]!;
  const stepOff = L.m.frame.loopStep[s.id]!;
  const limitOff = L.m.frame.loopInline[s.id]!;
  const wide = s.index.ty!.k === "f64";
  const inMain = L.m.mainBodies.has(s.id);
  // depths from here: $slow 0, $done 1, $all 2
  // a limit of 0: the runtime has not run the loop in this call yet
  L.loadSlot(ValType.i32, limitOff);
  fb.op(Op.i32_eqz).brIf(0);
  const ints = bounds.map(() => L.temp(ValType.i32));
  bounds.forEach((b, i) => {
    fb.localGet(b).opFC(OpFC.i32_trunc_sat_f64_s).localTee(ints[i]!).op(Op.f64_convert_i32_s).localGet(b).op(Op.f64_ne).brIf(0);
  });
  const [si, ei, pi] = ints as [number, number, number];
  fb.localGet(pi).op(Op.i32_eqz).brIf(0);
  const span = L.temp(ValType.i64);
  const abs = L.temp(ValType.i64);
  // span and |step| in i64 (no int32 difference overflows there); count = ceil(span / |step|)
  fb.localGet(pi).i32Const(0).op(Op.i32_gt_s);
  fb.if_("void");
  fb.localGet(ei).op(Op.i64_extend_i32_s).localGet(si).op(Op.i64_extend_i32_s).op(Op.i64_sub).localSet(span);
  fb.localGet(pi).op(Op.i64_extend_i32_s).localSet(abs);
  fb.else_();
  fb.localGet(si).op(Op.i64_extend_i32_s).localGet(ei).op(Op.i64_extend_i32_s).op(Op.i64_sub).localSet(span);
  fb.i64Const(0n).localGet(pi).op(Op.i64_extend_i32_s).op(Op.i64_sub).localSet(abs);
  fb.end();
  // an empty range: nothing to run, nothing to copy (br 2 leaves $all)
  fb.localGet(span).i64Const(0n).op(Op.i64_le_s).brIf(2);
  fb.localGet(abs).i64Const(1n).op(Op.i64_ne);
  fb.if_("void");
  fb.localGet(span).localGet(abs).op(Op.i64_add).i64Const(1n).op(Op.i64_sub).localGet(abs).op(Op.i64_div_u).localSet(span);
  fb.end();
  fb.localGet(span);
  L.loadSlot(ValType.i32, limitOff);
  fb.op(Op.i64_extend_i32_s).op(Op.i64_gt_s).brIf(0);
  if (inMain) {
    // depths inside: $call 0, $slow 1, $done 2, $all 3
    fb.block("void");
    fb.localGet(span).i64Const(BigInt(MAIN_LOOP_LIMIT)).op(Op.i64_gt_s).brIf(0);
    const t = wide ? ValType.f64 : ValType.i32;
    const [lo, hi, start, step] = [L.temp(ValType.i32), L.temp(ValType.i32), L.temp(t), L.temp(t)];
    fb.i32Const(0).localSet(lo);
    fb.localGet(span).op(Op.i32_wrap_i64).localSet(hi);
    fb.localGet(si);
    if (wide) fb.op(Op.f64_convert_i32_s);
    fb.localSet(start);
    fb.localGet(pi);
    if (wide) fb.op(Op.f64_convert_i32_s);
    fb.localSet(step);
    L.storeSlot(ValType.i32, limitOff + 4, () => fb.i32Const(1));
    L.pushLabel(null, "other");
    emitCountedBody(L, s, lo, hi, start, step);
    L.popLabel();
    L.storeSlot(ValType.i32, limitOff + 4, () => fb.i32Const(0));
    fb.br(3);
    L.release(ValType.i32, lo);
    L.release(ValType.i32, hi);
    L.release(t, start);
    L.release(t, step);
    fb.end();
  }
  copyIn();
  // the index's start and step as env.prange stores them (a wide index as doubles: int32 values here)
  const t = wide ? ValType.f64 : ValType.i32;
  L.storeSlot(t, startOff, () => (wide ? fb.localGet(si).op(Op.f64_convert_i32_s) : fb.localGet(si)));
  L.storeSlot(t, stepOff, () => (wide ? fb.localGet(pi).op(Op.f64_convert_i32_s) : fb.localGet(pi)));
  L.storeSlot(ValType.i32, limitOff + 4, () => fb.i32Const(1));
  fb.localGet(L.frameLocal).i32Const(0).localGet(span).op(Op.i32_wrap_i64).i32Const(0).call(loopFn);
  L.storeSlot(ValType.i32, limitOff + 4, () => fb.i32Const(0));
  fb.br(1);
  for (const l of ints) L.release(ValType.i32, l);
  L.release(ValType.i64, span);
  L.release(ValType.i64, abs);
}

/**
 * Iterations main runs with its own copy of a loop body (ModuleCtx.mainBodies): as many as the
 * loop function checks one by one (below TINY_CHUNK in kernel.ts). fft's last stages run ~10^5
 * pranges of one to eight iterations a call.
 */
const MAIN_LOOP_LIMIT = 3;

/** A parallel prange reached by the leader: hand over to the runtime through env.prange. */
function emitParallelPrange(L: FnLowerer, s: PrangeStmt): void {
  const fb = L.fb;
  const model = s.model!;
  const slots = L.m.frame.slots;
  const bounds = [L.temp(ValType.f64), L.temp(ValType.f64), L.temp(ValType.f64)];
  [s.rangeStart, s.rangeStop, s.rangeStep].forEach((e, i) => {
    emitBound(L, e);
    fb.localSet(bounds[i]!);
  });
  // copy in: everything the loop reads, and the pre-loop values of reductions and shared scalars
  const copyIn = (): void => {
    for (const v of [...model.liveIn, ...model.reductions.map((r) => r.v), ...model.shared]) {
      L.storeSlot(wasmType(v.ty!), slots.get(v)!, () => L.getVar(v));
    }
    // the kernel's own arrays the loop uses: their current address and length
    for (const a of L.m.frame.loopArrays[s.id] ?? []) {
      const off = L.m.frame.arraySlots.get(a)!;
      const loc = L.arrayLocals(a);
      L.storeSlot(ValType.i32, off, () => fb.localGet(loc.base));
      L.storeSlot(ValType.i32, off + 4, () => fb.localGet(loc.len));
    }
  };
  const inline = L.m.inlineLoops.get(s.id);
  if (inline !== undefined) {
    fb.block("void"); // $all: main ran the loop itself (nothing to copy out)
    fb.block("void"); // $done
    fb.block("void"); // $slow
    emitInlinePrange(L, s, bounds, inline, copyIn);
    fb.end();
  }
  copyIn();
  emitLoopNumber(L, s, bounds);
  fb.localGet(L.frameLocal);
  for (const b of bounds) fb.localGet(b);
  fb.call(L.m.imports.prange);
  if (inline !== undefined) fb.end();
  for (const b of bounds) L.release(ValType.f64, b);
  // copy out: combined reductions, and whatever racy writes left in shared scalars
  for (const v of [...model.reductions.map((r) => r.v), ...model.shared]) {
    L.loadSlot(wasmType(v.ty!), slots.get(v)!);
    L.setVar(v, false);
  }
  if (inline !== undefined) fb.end();
}

export { emitExpr };
