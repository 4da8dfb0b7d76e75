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
import type { Expr, PrangeStmt, Reduction, Stmt, Ty, Var } from "../model/ir.js";
import { I32_MAX, I32_MIN } from "../model/ir.js";
import { forEachExprInStmts, forEachStmt as forEachStmtDeep, visitExpr } from "../model/walk.js";
import { callMath, INLINE_BUDGET } from "./math.js";
import { laneFunction } from "./mathlink.js";
import type { FnLowerer } from "./fn.js";
import { emitInlined, type InlineBody } from "./wasm/decoder.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";
import { AccessMode, emitAddress } from "./access.js";
import { BITWISE, COMPOUND, exactRem, laneOffset, laneShape, reductionValue, SHIFTS, slope, subtracts, UNARY_MATH, vectorisable } from "./vector-check.js";
import { emitChunkCheck, planChunk, withFastTypes } from "./hoist.js";
import { hoistInvariants, type LaneScope, type RowAddress } from "./invariants.js";
import { emitBasePointers, withoutPointers } from "./pointers.js";
import { emitAs, emitCond, emitEffect, emitFmod, repr } from "./expr.js";
import { emitStmts } from "./stmt.js";

export { vectorisable };

const V = {
  load: 0x00, store: 0x0b, const: 0x0c, i32x4_splat: 0x11, splat: 0x14, extract: 0x21, replace: 0x22,
  eq: 0x47, ne: 0x48, lt: 0x49, gt: 0x4a, le: 0x4b, ge: 0x4c,
  not: 0x4d, and: 0x4e, andnot: 0x4f, or: 0x50, bitselect: 0x52,
  trunc: 0x7a, neg: 0xed, add: 0xf0, sub: 0xf1, mul: 0xf2, div: 0xf3, min: 0xf4, max: 0xf5,
  convert_low_i32x4_s: 0xfe, convert_low_i32x4_u: 0xff, trunc_sat_s_zero: 0xfc, xor: 0x51,
  shl: 0xab, shr_s: 0xac, shr_u: 0xad, load64_zero: 0x5d, store64_lane: 0x5b, demote_zero: 0x5e, promote_low: 0x5f,
  shuffle: 0x0d, i64x2_extract: 0x1d, load64_splat: 0x0a, load64_lane: 0x57, i64x2_all_true: 0xc3, load16_splat: 0x08, load32_splat: 0x09,
  i16x8_extend_low_i8x16_s: 0x87, i16x8_extend_low_i8x16_u: 0x89, i32x4_extend_low_i16x8_s: 0xa7, i32x4_extend_low_i16x8_u: 0xa9,
} as const;

const BIN: Partial<Record<string, number>> = { "+": V.add, "-": V.sub, "*": V.mul, "/": V.div };
const CMP: Partial<Record<string, number>> = {
  "<": V.lt, "<=": V.le, ">": V.gt, ">=": V.ge, "==": V.eq, "===": V.eq, "!=": V.ne, "!==": V.ne,
};

/** The math functions of `p`'s body that the library has an inlinable two-lane version of. */
function laneFunctions(p: PrangeStmt): Map<string, InlineBody> {
  const out = new Map<string, InlineBody>();
  forEachExprInStmts(p.body, (e) => {
    if (e.k !== "call" || out.has(e.fn)) return;
    const f = laneFunction(e.fn);
    if (f && f.params.length === e.args.length) out.set(e.fn, f);
  });
  return out;
}

/**
 * Emits the vector loop over [it, itHi) for `p`, advancing local `it`; on exit the scalar
 * accumulators hold the folded lanes. Call only when `vectorisable(p)`.
 */
export function emitVectorPart(L: FnLowerer, p: PrangeStmt, it: number, itHi: number, start: number, step: number): void {
  const fb = L.fb;
  const m = p.model!;
  const arrays = new Set<Var>();
  const written = new Set<Var>();
  // the smallest and largest offset from the index each array is accessed at
  const offsets = new Map<Var, { lo: number; hi: number }>();
  const at = (a: Var, off: number): void => {
    arrays.add(a);
    const o = offsets.get(a);
    offsets.set(a, o ? { lo: Math.min(o.lo, off), hi: Math.max(o.hi, off) } : { lo: off, hi: off });
  };
  const shape = laneShape(p);
  // arrays gathered or scattered: in bounds by the chunk's entry check, but in the overlap test
  const gathered = new Set<Var>();
  forEachExprInStmts(p.body, (e) => {
    if (e.k === "load" && shape.gathers.has(e)) gathered.add(e.ref.array);
    else if (e.k === "load") at(e.ref.array, laneOffset(p, e.ref.index)!);
    if (e.k === "store" && shape.scatters.has(e)) (gathered.add(e.ref.array), written.add(e.ref.array));
    else if (e.k === "store") (at(e.ref.array, 0), written.add(e.ref.array));
  });
  const plan = gathered.size ? planChunk(p) : null;
  if (gathered.size && !plan) throw new Error("internal: a two-lane gather without a chunk plan");
  // preconditions, all on i32: step is 1; first index >= 0 and last index < length of every
  // array; no written array overlaps another array (then lanes cannot see each other's stores)
  const first = L.temp(ValType.i32);
  const last = L.temp(ValType.i32);
  fb.localGet(start).localGet(it).op(Op.i32_add).localSet(first);
  fb.localGet(start).localGet(itHi).op(Op.i32_add).i32Const(1).op(Op.i32_sub).localSet(last);
  fb.localGet(step).i32Const(1).op(Op.i32_eq);
  fb.localGet(first).i32Const(0).op(Op.i32_ge_s).op(Op.i32_and);
  for (const a of arrays) {
    // first + lo >= 0 and last + hi < length, in 64 bits
    const o = offsets.get(a)!;
    fb.localGet(first).op(Op.i64_extend_i32_s).i64Const(BigInt(o.lo)).op(Op.i64_add).i64Const(0n).op(Op.i64_ge_s).op(Op.i32_and);
    fb.localGet(last).op(Op.i64_extend_i32_s).i64Const(BigInt(o.hi)).op(Op.i64_add);
    fb.localGet(L.arrays.get(a)!.len).op(Op.i64_extend_i32_u).op(Op.i64_lt_s).op(Op.i32_and);
  }
  andDisjoint(L, written, [...arrays, ...gathered]);
  L.release(ValType.i32, first);
  L.release(ValType.i32, last);
  if (plan) {
    // the gathers' bounds, and their index arithmetic in int32, for the whole chunk
    emitChunkCheck(L, plan, it, itHi, start, step);
    fb.op(Op.i32_and);
  }
  fb.if_("void");
  if (plan) withFastTypes(L, plan, () => emitLanes(L, p, it, itHi, start));
  else emitLanes(L, p, it, itHi, start);
  fb.end();
}

/**
 * Inner-loop lanes (vector-check.ts innerLanes): after the loop's init, while both `k` and `k + 1`
 * satisfy `k < B`, runs the body on lanes (k, k + 1) and steps `k` by 2; the caller's scalar loop
 * then runs what is left. Only on a chunk's fast path, where every site of the loop is proven;
 * and only when no array the loop writes overlaps another array it touches (its loads and stores:
 * innerLanes refuses `++` on elements and local array variables, which the test would miss).
 */
export function emitInnerLanes(L: FnLowerer, s: Extract<Stmt, { k: "loop" }>, P: PrangeStmt): void {
  const fb = L.fb;
  if (!L.laneLoops.some((x) => x.start === s.start)) L.laneLoops.push({ start: s.start, end: s.end });
  const k = P.index;
  const written = new Set<Var>();
  const arrays = new Set<Var>();
  forEachExprInStmts(s.body, (e) => {
    if (e.k === "load" || e.k === "store") arrays.add(e.ref.array);
    if (e.k === "store") written.add(e.ref.array);
  });
  // at least INNER_LANE_TRIPS trips left (B - k in doubles: exact below 2^53), else the lanes'
  // set-up costs more than they save (numba's `for (k < 4) y[k] += x[i]` ran 15% slower)
  emitAs(L, (s.cond as Extract<Expr, { k: "binary" }>).r, "f64");
  fb.localGet(L.local(k)).op(Op.f64_convert_i32_s).op(Op.f64_sub).f64Const(INNER_LANE_TRIPS).op(Op.f64_ge);
  andDisjoint(L, written, [...arrays]);
  fb.if_("void");
  const B = new BodyEmitter(L, P);
  const ki = L.local(k);
  const kv = B.enter(() => fb.localGet(ki));
  // what the enclosing loops (and this one, emitLoop) computed before it: the same in both lanes
  B.useHoisted(L.exprLocals, s.body);
  const pairStep = (): void => {
    B.stmts(s.body, null);
    fb.localGet(ki).i32Const(2).op(Op.i32_add).localSet(ki);
    fb.localGet(kv);
    B.constant(pair(2, 2));
    fb.opFD(V.add).localSet(kv);
    B.nextStep();
  };
  const bound = (s.cond as Extract<Expr, { k: "binary" }>).r;
  let bounded = true;
  visitExpr(bound, (x) => void (bounded &&= !(x.k === "var" && x.v === k)));
  if (bounded && streamingBody(s.body)) {
    // a small body: two pairs a turn while B - k >= 4 (in doubles, exact), as emitLanes does
    fb.block("void").loop("void");
    emitAs(L, bound, "f64");
    fb.localGet(ki).op(Op.f64_convert_i32_s).op(Op.f64_sub).f64Const(4).op(Op.f64_lt).brIf(1);
    pairStep();
    pairStep();
    fb.br(0).end().end();
  }
  fb.block("void").loop("void");
  // k < B, then k + 1 < B (once k < B <= 2^31 - 1, k + 1 does not wrap; a loop of no trips
  // may start at 2^31 - 1)
  emitCond(L, s.cond!);
  fb.op(Op.i32_eqz).brIf(1);
  fb.localGet(ki).i32Const(1).op(Op.i32_add).localSet(ki);
  emitCond(L, s.cond!);
  fb.localGet(ki).i32Const(1).op(Op.i32_sub).localSet(ki);
  fb.op(Op.i32_eqz).brIf(1);
  pairStep();
  fb.br(0).end().end();
  fb.end();
}

/** The fewest trips an inner loop must have left for its two-lane part to run. */
const INNER_LANE_TRIPS = 8;

/**
 * ANDs into the i32 on the stack: every array of `written` is disjoint from every other array
 * of `others` (then no lane can see another lane's stores through a second name for the memory).
 */
export function andDisjoint(L: FnLowerer, written: ReadonlySet<Var>, others: readonly Var[]): void {
  const fb = L.fb;
  for (const w of written) {
    for (const a of others) {
      if (a === w) continue;
      const W = { ...L.arrays.get(w)!, shift: laneShift(w) };
      const A = { ...L.arrays.get(a)!, shift: laneShift(a) };
      // disjoint iff endW <= baseA or endA <= baseW (in 64 bits: an array may end at 4 GiB)
      const end = (x: { base: number; len: number; shift: number }): void => {
        fb.localGet(x.base).op(Op.i64_extend_i32_u).localGet(x.len).op(Op.i64_extend_i32_u).i64Const(BigInt(x.shift)).op(Op.i64_shl).op(Op.i64_add);
      };
      end(W);
      fb.localGet(A.base).op(Op.i64_extend_i32_u).op(Op.i64_le_u);
      end(A);
      fb.localGet(W.base).op(Op.i64_extend_i32_u).op(Op.i64_le_u);
      fb.op(Op.i32_or).op(Op.i32_and);
    }
  }
}

/** The two-lane loops and the fold of the lanes, once the preconditions hold. */
function emitLanes(L: FnLowerer, p: PrangeStmt, it: number, itHi: number, start: number): void {
  const fb = L.fb;
  const m = p.model!;
  const B = new BodyEmitter(L, p);
  const iv = B.enter(() => fb.localGet(start).localGet(it).op(Op.i32_add));
  // the index itself is the loop's counter (one add a step, not start + it again: y = a x + y,
  // 2e5, 37.5 -> 32.8 us), tested against end = start + itHi: end - index is itHi - it modulo
  // 2^32 even where end wraps (a chunk may end at 2^31 - 1), and it is itHi - it, in int32
  const end = L.temp(ValType.i32);
  fb.localGet(start).localGet(itHi).op(Op.i32_add).localSet(end);
  fb.localGet(start).localGet(it).op(Op.i32_add).localSet(B.idx);

  const pairStep = (): void => {
    B.stmts(p.body, null);
    fb.localGet(B.idx).i32Const(2).op(Op.i32_add).localSet(B.idx);
    fb.localGet(iv);
    B.constant(pair(2, 2));
    fb.opFD(V.add).localSet(iv);
    B.nextStep();
  };
  // two steps per turn: less loop overhead, and the steps' long exp chains overlap better
  // (Simpson 1 thread: 114 -> 104-107 ms; four steps per turn gained nothing more); a small
  // body without calls takes four: V8 unrolls only loops of a few nodes, and a loop that streams
  // memory spends its time on the turn itself (y = a x + y, 2e5: 45 us on two steps a turn, 31 on
  // four, as C's; eight gained nothing more)
  // leave when fewer than 2 * steps iterations are left: end - index, since index + 8 could wrap
  // (a chunk may end at 2^31 - 1)
  // (a body with inner loops: one step per turn; the inner loops' own overhead dominates, and a
  // second copy would double the code)
  let inner = false;
  forEachStmtDeep(p.body, (x) => void (inner ||= x.k === "loop"));
  if (!inner) {
    const steps = streamingBody(p.body) ? 4 : 2;
    fb.block("void").loop("void");
    fb.localGet(end).localGet(B.idx).op(Op.i32_sub).i32Const(2 * steps).op(Op.i32_lt_s).brIf(1);
    for (let k = 0; k < steps; k++) pairStep();
    fb.br(0).end().end();
  }
  fb.block("void").loop("void");
  fb.localGet(end).localGet(B.idx).op(Op.i32_sub).i32Const(2).op(Op.i32_lt_s).brIf(1);
  pairStep();
  fb.br(0).end().end();
  // the scalar loop goes on from the first iteration the lanes left
  fb.localGet(B.idx).localGet(start).op(Op.i32_sub).localSet(it);
  L.release(ValType.i32, end);
  // fold the lanes into the scalar accumulators (which hold the identity)
  for (const r of m.reductions) {
    const v = B.vlocal(r.v);
    fb.localGet(v).opFD(V.extract);
    fb.code.byte(0);
    fb.localGet(v).opFD(V.extract);
    fb.code.byte(1);
    fb.op(r.op === "+" ? Op.f64_add : r.op === "*" ? Op.f64_mul : r.op === "min" ? Op.f64_min : Op.f64_max);
    fb.localSet(L.local(r.v));
  }
}

/**
 * Expression nodes of a body that runs more steps a turn at most: y = a x + y has 8, a 7-point
 * 3-D stencil's inner loop 50 (1 thread 0.66 -> 0.60 ms on two pairs a turn).
 */
const STREAMING_NODES = 64;

/** Whether `body` is small, has no loop and calls nothing (no Math function, helper or fmod): its turn costs more than its work. */
function streamingBody(body: readonly Stmt[]): boolean {
  let nodes = 0;
  let calls = false;
  forEachStmtDeep(body, (x) => void ((x.k === "loop" || x.k === "prange") && (calls = true)));
  forEachExprInStmts(body, (x) => {
    nodes++;
    calls ||= x.k === "call" || (x.k === "binary" && x.op === "%" && x.ty?.k === "f64");
  });
  return !calls && nodes <= STREAMING_NODES;
}

/** Emits one iteration pair of the body on v128 values. */
class BodyEmitter {
  private readonly fb: FnLowerer["fb"];
  private readonly vl = new Map<Var, number>();
  /** lane functions used by the body, and the locals holding their constants */
  private readonly inline: Map<string, InlineBody>;
  private readonly constLocals = new Map<string, number>();
  /** results of calls already computed this iteration, by the call's value key */
  private readonly memo = new Map<string, number>();
  /** assignments so far per variable (and stores per array), for the memo keys */
  private readonly version = new Map<Var, number>();
  /** the i32 index of the pair's first iteration */
  readonly idx: number;
  /** what the scalar code reads for hoisted subexpressions in lane 1 (invariants.ts) */
  private lane1: ReadonlyMap<Expr, number>;
  /** lane 1's row addresses (invariants.ts rowAddresses) */
  private addr1: ReadonlyMap<Expr, RowAddress>;
  /** hoisted values both lanes share, splatted: the v128 locals value() reads */
  private uniformLanes: ReadonlyMap<Expr, number> = new Map();
  /** arrays whose lanes' elements the current inner loop keeps in a v128 local (keptIn) */
  private readonly kept = new Map<Var, number>();

  constructor(
    private readonly L: FnLowerer,
    private readonly p: PrangeStmt,
  ) {
    this.fb = L.fb;
    this.inline = laneFunctions(p);
    this.idx = L.local(p.index);
    this.lane1 = L.exprLocals;
    this.addr1 = L.addrLocals;
  }

  /** Emits scalar code for lane 1 (the index local at i + 1): hoisted values of the index are lane 1's. */
  private asLane1(emit: () => void): void {
    const [saved, savedAddr] = [this.L.exprLocals, this.L.addrLocals];
    [this.L.exprLocals, this.L.addrLocals] = [this.lane1, this.addr1];
    try {
      // (lane 0's base pointers are not lane 1's: pointers.ts)
      withoutPointers(this.L, emit);
    } finally {
      [this.L.exprLocals, this.L.addrLocals] = [saved, savedAddr];
    }
  }

  /**
   * Replaces the scalar of type `t` on the stack with its double in both lanes. An i32 is
   * converted with the SIMD conversion: V8's scalar int-to-double instruction on x64 merges into
   * its scratch register, whose last writer in a loop is typically the previous step's final
   * bitselect, so a scalar conversion TurboFan schedules inside the loop would chain every step
   * to the end of the one before.
   */
  splat(t: Ty): void {
    if (t.k === "i32" || t.k === "bool") this.fb.opFD(V.i32x4_splat).opFD(V.convert_low_i32x4_s);
    else {
      this.L.convert(t, "f64");
      this.fb.opFD(V.splat);
    }
  }

  /**
   * Before the loop: the live-ins' lanes, the reductions' identities, the constants' locals, and
   * the index lanes (first, first + 1) from the i32 `first` pushes, which then advance by 2 per
   * step in doubles (exact: |i| < 2^31) rather than being converted each step (see `splat`).
   * Returns the index lanes' local.
   */
  enter(first: () => void): number {
    const fb = this.fb;
    const m = this.p.model!;
    for (const v of m.liveIn) {
      this.L.getVar(v);
      this.splat(v.ty!);
      fb.localSet(this.vlocal(v));
    }
    for (const r of m.reductions) {
      fb.f64Const(r.op === "+" ? -0 : r.op === "*" ? 1 : r.op === "min" ? Infinity : -Infinity).opFD(V.splat).localSet(this.vlocal(r.v));
    }
    this.setConstants();
    const iv = this.vlocal(this.p.index);
    first();
    this.splat({ k: "i32", lo: I32_MIN, hi: I32_MAX });
    fb.opFD(V.const);
    fb.code.bytes(pair(0, 1));
    fb.opFD(V.add).localSet(iv);
    return iv;
  }

  vlocal(v: Var): number {
    let l = this.vl.get(v);
    if (l === undefined) this.vl.set(v, (l = this.fb.local(ValType.v128)));
    return l;
  }

  /**
   * Sets the locals holding the v128 constants of the body and of the inlined lane functions
   * (before the loop). They go
   * through this thread's math scratch block (stored, then loaded back): V8 would otherwise see
   * constants and rematerialise each one at every use inside the loop (three instructions per
   * v128), instead of keeping it in a register. The block is free here: the library uses it only
   * inside a sin/cos/tan call.
   */
  setConstants(): void {
    const all = new Map<string, Uint8Array>();
    for (const f of this.inline.values()) for (const c of f.constants) all.set(c.join(","), c);
    for (const c of bodyConstants(this.p)) all.set(c.join(","), c);
    const list = [...all];
    const fb = this.fb;
    const BATCH = 16; // 256 bytes: the library's scratch block has 608
    for (let b = 0; b < list.length; b += BATCH) {
      const part = list.slice(b, b + BATCH);
      part.forEach(([, c], j) => {
        fb.globalGet(this.L.m.mathScratch).opFD(V.const);
        fb.code.bytes(c);
        fb.opFD(V.store);
        fb.code.u32(4).u32(16 * j);
      });
      part.forEach(([key], j) => {
        const l = fb.local(ValType.v128);
        fb.globalGet(this.L.m.mathScratch).opFD(V.load);
        fb.code.u32(4).u32(16 * j);
        fb.localSet(l);
        this.constLocals.set(key, l);
      });
    }
  }

  /** Pushes the v128 `c`: from its local when the preamble set one, else as an instruction. */
  constant(c: Uint8Array): void {
    const l = this.constLocals.get(c.join(","));
    if (l !== undefined) this.fb.localGet(l);
    else {
      this.fb.opFD(V.const);
      this.fb.code.bytes(c);
    }
  }

  /** Moves to the next pair of iterations: results computed so far are no longer current. */
  nextStep(): void {
    this.memo.clear();
  }

  private bump(v: Var): void {
    this.version.set(v, (this.version.get(v) ?? 0) + 1);
  }

  /** `mask` is null (all lanes) or the local holding the lanes the statements apply to. */
  stmts(body: readonly Stmt[], mask: number | null): void {
    const undo: (() => void)[] = [];
    body.forEach((s, i) => {
      this.stmt(s, mask);
      // lane 0's scalar copy of a declared index (inner-loop lanes), read by the scalar addresses
      if (s.k === "let" && laneShape(this.p).shadowed.has(s.v)) undo.push(emitBasePointers(this.L, s.v, body.slice(i + 1)));
    });
    for (const u of undo) u();
  }

  private stmt(s: Stmt, mask: number | null): void {
    const fb = this.fb;
    if (s.k === "let") {
      // a declaration under a condition is only read under that condition (block-scoped: the
      // model has no `var`), so it needs no mask
      this.value(s.init!);
      fb.localSet(this.vlocal(s.v));
      this.bump(s.v);
      if (laneShape(this.p).shadowed.has(s.v)) {
        // inner-loop lanes: an index reads it through the scalar code, which needs lane 0's value
        emitAs(this.L, s.init!, repr(s.v.ty!));
        this.L.setVar(s.v, false);
      }
      return;
    }
    if (s.k === "block") return this.stmts(s.body, mask);
    if (s.k === "loop") return this.loop(s, mask);
    if (s.k === "if") {
      const c = fb.local(ValType.v128);
      this.value(s.c);
      if (mask !== null) fb.localGet(mask).opFD(V.and);
      fb.localSet(c);
      const merged = this.mergedUpdate(s);
      this.stmts(merged ? s.t.slice(0, -1) : s.t, c);
      if (s.f.length) {
        const f = fb.local(ValType.v128);
        // the lanes of `mask` (all lanes when null) where the condition is false
        if (mask !== null) fb.localGet(mask);
        else this.constant(ALL_LANES);
        fb.localGet(c).opFD(V.andnot).localSet(f);
        this.stmts(merged ? s.f.slice(0, -1) : s.f, f);
      }
      if (merged) {
        // both branches end by updating the same reduction the same way: one update with the
        // value chosen per lane (each lane takes exactly one of the two updates)
        const target = this.vlocal(merged.r.v);
        fb.localGet(target);
        this.value(merged.a);
        this.value(merged.b);
        fb.localGet(c).opFD(V.bitselect);
        fb.opFD(merged.op);
        if (mask !== null) fb.localGet(target).localGet(mask).opFD(V.bitselect);
        fb.localSet(target);
        this.bump(merged.r.v);
      }
      return;
    }
    if (s.k !== "expr") throw new Error(`internal: cannot vectorise ${s.k}`);
    const e = s.e;
    // per lane also: an element at the index under a mask when the array is stored elsewhere too
    // (the write-back of the masked lane's old element would race with an iteration that writes
    // it there: the race proof may separate the two sites by conditions on the index)
    if (e.k === "store" && (laneShape(this.p).scatters.has(e) || (mask !== null && this.storedAway(e.ref.array)))) return this.scatter(e, mask);
    const kept = e.k === "store" ? this.kept.get(e.ref.array) : undefined;
    if (e.k === "store" && kept !== undefined) {
      // a kept element (keptIn): the value the store would write, into the local
      if (e.op !== "=") {
        fb.localGet(kept);
        this.value(e.value);
        fb.opFD(BIN[COMPOUND.get(e.op)!]!);
      } else this.value(e.value);
      if (mask !== null) fb.localGet(kept).localGet(mask).opFD(V.bitselect);
      fb.localSet(kept);
      this.bump(e.ref.array);
      return;
    }
    if (e.k === "store") {
      const kind = e.ref.array.array!;
      // inner-loop lanes: an index growing by one with the counter, at lane 0's scalar address
      const next = laneShape(this.p).nextStores.has(e);
      const at = (): void => (next ? emitAddress(this.L, e.ref, AccessMode.Write) : this.address(e.ref.array));
      if (next && mask !== null) throw new Error("internal: a masked inner-loop lane store");
      at();
      if (e.op !== "=") {
        // a[i] op= v (float elements, vector-check.ts): the lanes' old elements, widened as a read
        at();
        this.laneLoad(e.ref.array);
        this.value(e.value);
        fb.opFD(BIN[COMPOUND.get(e.op)!]!);
      } else this.value(e.value);
      if (kind === "Float64Array") {
        if (mask !== null) {
          this.address(e.ref.array);
          fb.opFD(V.load);
          fb.code.u32(3).u32(0);
          fb.localGet(mask).opFD(V.bitselect);
        }
        fb.opFD(V.store);
        fb.code.u32(3).u32(0);
      } else {
        // two 4-byte elements in the low half: f32 rounding per lane as f32.demote_f64 does, or
        // the exact int32 (vector-check.ts accepts only int32-typed values for integer arrays)
        fb.opFD(kind === "Float32Array" ? V.demote_zero : V.trunc_sat_s_zero);
        if (mask !== null) {
          this.address(e.ref.array);
          fb.opFD(V.load64_zero);
          fb.code.u32(3).u32(0);
          // the 64-bit lane masks narrowed to the two low 32-bit lanes
          fb.localGet(mask).localGet(mask).opFD(V.shuffle);
          fb.code.bytes(NARROW_MASK);
          fb.opFD(V.bitselect);
        }
        fb.opFD(V.store64_lane);
        fb.code.u32(2).u32(0).byte(0);
      }
      this.bump(e.ref.array);
      return;
    }
    if (e.k !== "assign") throw new Error(`internal: cannot vectorise ${e.k}`);
    const target = this.vlocal(e.target);
    const r = this.p.model!.reductions.find((x) => x.v === e.target);
    if (r) {
      fb.localGet(target);
      this.value(reductionValue(r, e)!);
      fb.opFD(this.updateOp(r, e));
    } else if (e.op !== "=") {
      // x op= v is x = x op v (vector-check.ts: + - * / on a lane local)
      fb.localGet(target);
      this.value(e.value);
      fb.opFD(BIN[COMPOUND.get(e.op)!]!);
    } else this.value(e.value);
    if (mask !== null) fb.localGet(target).localGet(mask).opFD(V.bitselect);
    fb.localSet(target);
    this.bump(e.target);
  }

  /**
   * An inner `for` loop with uniform control (vector-check.ts): the counter is one scalar, set,
   * tested and stepped by the scalar code, and the body runs on the lanes (under `mask`, which
   * the loop itself does not change: both lanes take every trip). Results memoised before the
   * loop or in one trip are not current in the next, so the memo is cleared around the body.
   */
  private loop(s: Extract<Stmt, { k: "loop" }>, mask: number | null): void {
    const fb = this.fb;
    const L = this.L;
    emitStmts(L, s.init);
    for (const i of s.init) if (i.k === "let") this.bump(i.v);
    // integer arithmetic of the index, live-ins and outer counters the loop does not change, once
    // per entry and lane (invariants.ts): the gathers' row offsets `i * n`, `c * d`
    const h = hoistInvariants(L, s, this.laneScope(), this.lane1, this.addr1);
    const [saved0, saved1, savedU, savedA0, savedA1] = [L.exprLocals, this.lane1, this.uniformLanes, L.addrLocals, this.addr1];
    if (h) [L.exprLocals, this.lane1, this.uniformLanes, L.addrLocals, this.addr1] = [h.lane0, h.lane1, this.splatted(h.uniform), h.addr0, h.addr1];
    // the lanes' own elements every trip reads and writes, in a v128 local across the loop
    const kept = this.keptIn(s);
    for (const { array: a, index } of kept) {
      const v = this.fb.local(ValType.v128);
      this.address(a);
      this.fb.opFD(V.load);
      this.fb.code.u32(3).u32(0);
      this.fb.localSet(v);
      this.kept.set(a, v);
      if (!L.keptLoops.some((x) => x.loop.start === s.start && x.array === a.name)) L.keptLoops.push({ loop: { start: s.start, end: s.end }, array: a.name, index: { start: index.start, end: index.end } });
    }
    try {
      this.loopBody(s, mask);
    } finally {
      [L.exprLocals, this.lane1, this.uniformLanes, L.addrLocals, this.addr1] = [saved0, saved1, savedU, savedA0, savedA1];
    }
    for (const { array: a } of kept) {
      this.address(a);
      this.fb.localGet(this.kept.get(a)!).opFD(V.store);
      this.fb.code.u32(3).u32(0);
      this.kept.delete(a);
    }
  }

  /**
   * The arrays whose elements at the lanes' index (`x[i]`, both lanes' neighbouring doubles) an
   * innermost inner loop `s` may keep in a v128 local (promote.ts on two lanes): the loop reads and
   * writes them only there (`=`, `+= -= *= /=`), the body stores to them nowhere else, and the
   * prange's race analysis reported nothing, so no other iteration touches those elements; the
   * vector part's entry test already found every array it writes overlapping no other.
   */
  private keptIn(s: Extract<Stmt, { k: "loop" }>): { readonly array: Var; readonly index: Expr }[] {
    const L = this.L;
    if (L.check !== null || !L.raceFree || (this.p.model as { inner?: boolean }).inner === true) return [];
    let flat = true;
    forEachStmtDeep(s.body, (x) => void ((x.k === "loop" || x.k === "prange" || x.k === "break" || x.k === "continue" || x.k === "return") && (flat = false)));
    if (!flat) return [];
    const shape = laneShape(this.p);
    const ok = new Map<Var, boolean>();
    const mark = (a: Var, good: boolean): void => void ok.set(a, (ok.get(a) ?? true) && good);
    const stored = new Set<Var>();
    const first = new Map<Var, Expr>();
    forEachExprInStmts(s.body, (e) => {
      if (e.k === "updateElem" || e.k === "atomic") mark(e.ref.array, false);
      if (e.k !== "load" && e.k !== "store") return;
      if (!first.has(e.ref.array)) first.set(e.ref.array, e.ref.index);
      const atIndex = laneOffset(this.p, e.ref.index) === 0 && !shape.gathers.has(e) && !shape.scatters.has(e) && !shape.nextStores.has(e);
      mark(e.ref.array, atIndex && e.ref.array.array === "Float64Array" && (e.k === "load" || e.op === "=" || COMPOUND.has(e.op)));
      if (e.k === "store") stored.add(e.ref.array);
    });
    // the loop's control is scalar code reading memory, not the local: nothing kept may appear
    // there (uniform control reads no array today; this keeps it so if that changes)
    const inControl = (e: Expr): void => void ((e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic") && ok.set(e.ref.array, false));
    forEachExprInStmts(s.init, inControl);
    for (const e of [s.cond, s.update]) if (e) visitExpr(e, inControl);
    // and no store to it anywhere else in the body at another index
    forEachExprInStmts(this.p.body, (e) => {
      if ((e.k === "store" || e.k === "updateElem" || e.k === "atomic") && ok.has(e.ref.array) && (e.k !== "store" || laneOffset(this.p, e.ref.index) !== 0 || shape.scatters.has(e))) ok.set(e.ref.array, false);
    });
    return [...ok].filter(([a, good]) => good && stored.has(a) && !this.kept.has(a)).map(([a]) => ({ array: a, index: first.get(a)! }));
  }

  /**
   * The lane values of hoisted scalars both lanes share (invariants.ts `uniform`), splatted once
   * here (before the loop) into v128 locals that value() reads, added to the current ones.
   */
  splatted(hoisted: ReadonlyMap<Expr, number>, only?: ReadonlySet<Expr>): ReadonlyMap<Expr, number> {
    const out = new Map(this.uniformLanes);
    for (const [e, l] of hoisted) {
      if (only !== undefined && !only.has(e)) continue;
      const v = this.fb.local(ValType.v128);
      this.fb.localGet(l);
      this.splat(e.ty!);
      this.fb.localSet(v);
      out.set(e, v);
    }
    return out;
  }

  /** Makes `hoisted`'s values that `body` uses lane values (inner-loop lanes: every scalar value is the same for both lanes). */
  useHoisted(hoisted: ReadonlyMap<Expr, number>, body: readonly Stmt[]): void {
    const used = new Set<Expr>();
    forEachExprInStmts(body, (e) => void (hoisted.has(e) && used.add(e)));
    if (used.size) this.uniformLanes = this.splatted(hoisted, used);
  }

  /** The scalars whose values the lanes share (the scalar code keeps them): live-ins and uniform loops' counters. */
  private laneScope(): LaneScope {
    const shared = new Set<Var>(this.p.model!.liveIn);
    forEachStmtDeep(this.p.body, (x) => {
      if (x.k === "loop") for (const i of x.init) if (i.k === "let") shared.add(i.v);
    });
    return { index: this.p.index, idx: this.idx, allowed: (v) => v === this.p.index || shared.has(v) };
  }

  private loopBody(s: Extract<Stmt, { k: "loop" }>, mask: number | null): void {
    const fb = this.fb;
    const L = this.L;
    fb.block("void");
    emitCond(L, s.cond!);
    fb.op(Op.i32_eqz).brIf(0);
    fb.loop("void");
    const trip = (): void => {
      this.nextStep();
      this.bumpWritten(s.body);
      this.stmts(s.body, mask);
      if (s.update) emitEffect(L, s.update);
      emitCond(L, s.cond!);
    };
    if (streamingBody(s.body)) {
      // a small body: two trips a turn (k-means' four-wide distance loop 2.65 -> 2.31 ms)
      trip();
      fb.op(Op.i32_eqz).brIf(1);
    }
    trip();
    fb.brIf(0);
    fb.end();
    fb.end();
    this.nextStep();
    this.bumpWritten(s.body);
  }

  /** New versions for everything `body` writes (its values differ from one trip to the next). */
  private bumpWritten(body: readonly Stmt[]): void {
    forEachStmtDeep(body, (x) => {
      if (x.k === "let") this.bump(x.v);
      if (x.k === "loop") for (const i of x.init) if (i.k === "let") this.bump(i.v);
    });
    forEachExprInStmts(body, (e) => {
      if (e.k === "assign" || e.k === "update") this.bump(e.target);
      if (e.k === "store") this.bump(e.ref.array);
    });
  }

  /**
   * A scatter (vector-check.ts: a store at an index of the prange index in a loop proven free of
   * races, its site proven in bounds for the chunk): each lane whose mask is set stores its
   * value at its own index, lane 0 first, with the scalar address code (index local i, then i + 1).
   */
  private scatter(e: Extract<Expr, { k: "store" }>, mask: number | null): void {
    const fb = this.fb;
    const kind = e.ref.array.array!;
    const op = e.op === "=" ? null : COMPOUND.get(e.op)!;
    const mode = op ? AccessMode.ReadWrite : AccessMode.Write;
    if (kind === "Float64Array" && mask === null && slope(this.p, e.ref.index) === 1) {
      // the lanes' elements are neighbours (lane 1's index is lane 0's plus one) and both lanes
      // store: one v128 read-modify-write at lane 0's address. Not under a mask: a masked lane's
      // index is proven in bounds only where its condition holds, and another iteration may own
      // its element
      const addr = fb.local(ValType.i32);
      emitAddress(this.L, e.ref, mode);
      fb.localTee(addr);
      if (op) {
        fb.localGet(addr).opFD(V.load);
        fb.code.u32(3).u32(0);
      }
      this.value(e.value);
      if (op) fb.opFD(BIN[op]!);
      if (mask !== null) {
        fb.localGet(addr).opFD(V.load);
        fb.code.u32(3).u32(0);
        fb.localGet(mask).opFD(V.bitselect);
      }
      fb.opFD(V.store);
      fb.code.u32(3).u32(0);
      this.bump(e.ref.array);
      return;
    }
    const vals = fb.local(ValType.v128);
    this.value(e.value);
    fb.localSet(vals);
    const addr = fb.local(ValType.i32);
    for (let lane = 0; lane < 2; lane++) {
      if (mask !== null) {
        fb.localGet(mask).opFD(V.i64x2_extract);
        fb.code.byte(lane);
        fb.i64Const(0n).op(Op.i64_ne);
        fb.if_("void");
      }
      if (lane === 1) fb.localGet(this.idx).i32Const(1).op(Op.i32_add).localSet(this.idx);
      if (lane === 1) this.asLane1(() => emitAddress(this.L, e.ref, mode));
      else emitAddress(this.L, e.ref, mode);
      if (lane === 1) fb.localGet(this.idx).i32Const(1).op(Op.i32_sub).localSet(this.idx);
      if (op) {
        // a[k] op= v on float elements: this lane's old element, widened as a read, op its value
        fb.localTee(addr).localGet(addr);
        if (kind === "Float64Array") fb.mem(Op.f64_load, { align: 3, offset: 0 });
        else fb.mem(Op.f32_load, { align: 2, offset: 0 }).op(Op.f64_promote_f32);
      }
      fb.localGet(vals).opFD(V.extract);
      fb.code.byte(lane);
      if (op) fb.op(op === "+" ? Op.f64_add : op === "-" ? Op.f64_sub : op === "*" ? Op.f64_mul : Op.f64_div);
      if (kind === "Float64Array") fb.mem(Op.f64_store, { align: 3, offset: 0 });
      else if (kind === "Float32Array") fb.op(Op.f32_demote_f64).mem(Op.f32_store, { align: 2, offset: 0 });
      else fb.opFC(OpFC.i32_trunc_sat_f64_s).mem(Op.i32_store, { align: 2, offset: 0 });
      if (mask !== null) fb.end();
    }
    this.bump(e.ref.array);
  }

  /** Whether the body stores to `array` at an index other than the prange index itself. */
  private storedAway(array: Var): boolean {
    let away = false;
    forEachExprInStmts(this.p.body, (x) => void (x.k === "store" && x.ref.array === array && laneOffset(this.p, x.ref.index) !== 0 && (away = true)));
    return away;
  }

  /** The f64x2 operation a reduction update applies. */
  private updateOp(r: Reduction, e: Extract<Expr, { k: "assign" }>): number {
    return r.op === "+" ? (subtracts(e) ? V.sub : V.add) : r.op === "*" ? V.mul : r.op === "min" ? V.min : V.max;
  }

  /** For `if (c) {...; s op= a} else {...; s op= b}` on one reduction: the parts; else null. */
  private mergedUpdate(s: Extract<Stmt, { k: "if" }>): { r: Reduction; a: Expr; b: Expr; op: number } | null {
    const lastUpdate = (body: readonly Stmt[]): { r: Reduction; e: Extract<Expr, { k: "assign" }> } | null => {
      const t = body[body.length - 1];
      if (!t || t.k !== "expr" || t.e.k !== "assign") return null;
      const e = t.e;
      const r = this.p.model!.reductions.find((x) => x.v === e.target);
      return r ? { r, e } : null;
    };
    const t = lastUpdate(s.t);
    const f = lastUpdate(s.f);
    if (!t || !f || t.r !== f.r) return null;
    const op = this.updateOp(t.r, t.e);
    if (op !== this.updateOp(f.r, f.e)) return null;
    return { r: t.r, a: reductionValue(t.r, t.e)!, b: reductionValue(f.r, f.e)!, op };
  }

  /** Pushes the address of element `i + off` (`i` the pair's first index) of `array`. */
  private address(array: Var, off = 0): void {
    const a = this.L.arrays.get(array)!;
    this.fb.localGet(a.base).localGet(this.idx);
    if (off !== 0) this.fb.i32Const(off).op(Op.i32_add);
    this.fb.i32Const(laneShift(array)).op(Op.i32_shl).op(Op.i32_add);
  }

  /** Pushes the v128 value of `e`: doubles per lane for numbers, a lane mask for booleans. */
  value(e: Expr): void {
    const fb = this.fb;
    const hoisted = this.uniformLanes.get(e);
    if (hoisted !== undefined) {
      // computed before the loop (invariants.ts) and splatted
      fb.localGet(hoisted);
      return;
    }
    switch (e.k) {
      case "num":
        return this.constant(pair(e.value, e.value));
      case "bool":
        return this.constant(e.value ? ALL_LANES : NO_LANES);
      case "var":
        // the index, live-ins, reductions and the body's own variables all have lane locals
        if (this.vl.has(e.v)) fb.localGet(this.vl.get(e.v)!);
        else {
          this.L.getVar(e.v);
          this.splat(e.v.ty!);
        }
        return;
      case "load": {
        const gather = laneShape(this.p).gathers.get(e);
        const kept = gather === undefined ? this.kept.get(e.ref.array) : undefined;
        if (kept !== undefined) {
          fb.localGet(kept);
          return;
        }
        if (gather === "next") emitAddress(this.L, e.ref);
        else if (gather !== undefined) return this.gather(e, gather);
        else this.address(e.ref.array, laneOffset(this.p, e.ref.index)!);
        this.laneLoad(e.ref.array);
        return;
      }
      case "unary":
        this.value(e.e);
        if (e.op === "-") fb.opFD(V.neg);
        else if (e.op === "!") fb.opFD(V.not);
        return;
      case "binary":
        if (e.op === "%") return exactRem(e) ? this.rem(e.l, e.r) : this.fmod(e.l, e.r);
        if (BITWISE.has(e.op)) return this.bitwise(e);
        this.value(e.l);
        this.value(e.r);
        fb.opFD(CMP[e.op] ?? BIN[e.op]!);
        return;
      case "logical":
        this.value(e.l);
        this.value(e.r);
        fb.opFD(e.op === "&&" ? V.and : V.or);
        return;
      case "cond":
        this.value(e.t);
        this.value(e.f);
        this.value(e.c);
        fb.opFD(V.bitselect);
        return;
      case "call":
        return this.call(e);
      default:
        throw new Error(`internal: cannot vectorise ${e.k}`);
    }
  }

  /** Loads the lanes' two elements of `array` at the address on the stack, widened exactly to doubles. */
  private laneLoad(array: Var): void {
    const fb = this.fb;
    const kind = array.array!;
    if (kind === "Float64Array") {
      fb.opFD(V.load);
      fb.code.u32(3).u32(0);
      return;
    }
    const sh = laneShift(array);
    if (sh === 2) {
      // two 4-byte elements into the low half, widened exactly to doubles
      fb.opFD(V.load64_zero);
      fb.code.u32(3).u32(0);
      fb.opFD(kind === "Float32Array" ? V.promote_low : kind === "Int32Array" ? V.convert_low_i32x4_s : V.convert_low_i32x4_u);
      return;
    }
    // two 1- or 2-byte elements (splatted), sign- or zero-extended to int32 lanes, then doubles
    const signed = kind === "Int8Array" || kind === "Int16Array";
    fb.opFD(sh === 0 ? V.load16_splat : V.load32_splat);
    fb.code.u32(sh).u32(0);
    if (sh === 0) fb.opFD(signed ? V.i16x8_extend_low_i8x16_s : V.i16x8_extend_low_i8x16_u);
    fb.opFD(signed ? V.i32x4_extend_low_i16x8_s : V.i32x4_extend_low_i16x8_u);
    fb.opFD(V.convert_low_i32x4_s);
  }

  /**
   * A gather (vector-check.ts), with the scalar code under the chunk's fast types (its site is
   * proven in bounds, its index arithmetic int32): a uniform index reads once and splats; an
   * index of the prange index reads lane 0 at i and lane 1 with the index local set to i + 1.
   */
  private gather(e: Extract<Expr, { k: "load" }>, how: "uniform" | "lanes"): void {
    // ("next" gathers load both lanes at lane 0's address: see value())
    const fb = this.fb;
    if (e.ref.array.array === "Float64Array" && !this.L.promoted.has(e.ref.array)) {
      // doubles straight into the lanes: one splatting load, or lane 0's load with the other
      // lane zeroed and lane 1's inserted from memory (no scalar load, splat and replace)
      emitAddress(this.L, e.ref);
      if (how === "uniform") {
        fb.opFD(V.load64_splat);
        fb.code.u32(3).u32(0);
        return;
      }
      fb.opFD(V.load64_zero);
      fb.code.u32(3).u32(0);
      const lane0 = this.L.temp(ValType.v128);
      fb.localSet(lane0);
      fb.localGet(this.idx).i32Const(1).op(Op.i32_add).localSet(this.idx);
      this.asLane1(() => emitAddress(this.L, e.ref));
      fb.localGet(this.idx).i32Const(1).op(Op.i32_sub).localSet(this.idx);
      fb.localGet(lane0).opFD(V.load64_lane);
      fb.code.u32(3).u32(0).byte(1);
      this.L.release(ValType.v128, lane0);
      return;
    }
    emitAs(this.L, e, "f64");
    fb.opFD(V.splat);
    if (how === "uniform") return;
    fb.localGet(this.idx).i32Const(1).op(Op.i32_add).localSet(this.idx);
    this.asLane1(() => emitAs(this.L, e, "f64"));
    fb.localGet(this.idx).i32Const(1).op(Op.i32_sub).localSet(this.idx);
    fb.opFD(V.replace);
    fb.code.byte(1);
  }

  /**
   * A bitwise operation on int32 lanes (vector-check.ts accepts only int32 operands, so the
   * doubles convert exactly): i32x4.trunc_sat_f64x2_s_zero, the i32x4 operation, and back with the
   * signed conversion (unsigned for >>>).
   */
  private bitwise(e: Extract<Expr, { k: "binary" }>): void {
    const fb = this.fb;
    this.value(e.l);
    fb.opFD(V.trunc_sat_s_zero);
    if (SHIFTS.has(e.op)) {
      fb.i32Const((e.r as Extract<Expr, { k: "num" }>).value & 31);
      fb.opFD(e.op === "<<" ? V.shl : e.op === ">>" ? V.shr_s : V.shr_u);
    } else {
      this.value(e.r);
      fb.opFD(V.trunc_sat_s_zero);
      fb.opFD(e.op === "&" ? V.and : e.op === "|" ? V.or : V.xor);
    }
    fb.opFD(e.op === ">>>" ? V.convert_low_i32x4_u : V.convert_low_i32x4_s);
  }

  /** l % r for integers l >= 0 (checked by vector-check.ts): l - trunc(l / r) * r, exact. */
  private rem(l: Expr, r: Expr): void {
    const fb = this.fb;
    const a = fb.local(ValType.v128);
    this.value(l);
    fb.localSet(a);
    const c = r.k === "num" ? r.value : 0;
    if (c !== 0 && 2 ** Math.round(Math.log2(Math.abs(c))) === Math.abs(c)) {
      // a power of two: l / c is l * (1 / c), exactly, and a multiplication is cheaper
      fb.localGet(a).localGet(a);
      this.constant(pair(1 / c, 1 / c));
      fb.opFD(V.mul).opFD(V.trunc);
      this.value(r);
      fb.opFD(V.mul).opFD(V.sub);
      return;
    }
    const b = fb.local(ValType.v128);
    this.value(r);
    fb.localSet(b);
    fb.localGet(a).localGet(a).localGet(b).opFD(V.div).opFD(V.trunc).localGet(b).opFD(V.mul).opFD(V.sub);
  }

  /**
   * `l % r` of any numbers, as the scalar code computes it (expr.ts emitFmod): when both lanes'
   * operands are integers below 2^53 in magnitude (`(i + n / 2) % n`), copysign(l - trunc(l / r) *
   * r, l) on the lanes, exact; otherwise each lane through the scalar remainder.
   */
  private fmod(l: Expr, r: Expr): void {
    const fb = this.fb;
    const a = fb.local(ValType.v128);
    const b = fb.local(ValType.v128);
    this.value(l);
    fb.localSet(a);
    this.value(r);
    fb.localSet(b);
    const integral = (x: number): void => {
      fb.localGet(x).opFD(UNARY_MATH.abs!);
      this.constant(pair(2 ** 53, 2 ** 53));
      fb.opFD(V.lt);
      fb.localGet(x).opFD(V.trunc).localGet(x).opFD(V.eq).opFD(V.and);
    };
    integral(a);
    integral(b);
    fb.opFD(V.and).opFD(V.i64x2_all_true);
    fb.if_(ValType.v128);
    fb.localGet(a);
    fb.localGet(a).localGet(a).localGet(b).opFD(V.div).opFD(V.trunc).localGet(b).opFD(V.mul).opFD(V.sub);
    this.constant(SIGN_BITS);
    fb.opFD(V.bitselect);
    fb.else_();
    const out = fb.local(ValType.v128);
    for (let lane = 0; lane < 2; lane++) {
      fb.localGet(a).opFD(V.extract);
      fb.code.byte(lane);
      fb.localGet(b).opFD(V.extract);
      fb.code.byte(lane);
      emitFmod(this.L);
      const x = fb.local(ValType.f64);
      fb.localSet(x);
      if (lane === 0) fb.localGet(x).opFD(V.splat).localSet(out);
      else {
        fb.localGet(out).localGet(x).opFD(V.replace);
        fb.code.byte(1);
        fb.localSet(out);
      }
    }
    fb.localGet(out);
    fb.end();
  }

  private call(e: Extract<Expr, { k: "call" }>): void {
    const fb = this.fb;
    if (e.fn === "round" && e.args.length === 1) {
      // Math.round per lane as the scalar code does it: f = floor(x); r = x - f >= 0.5 ? f + 1 : f;
      // then x's sign bit on r (-0 for x in [-0.5, 0) and for -0; NaN and infinities pass through)
      const x = fb.local(ValType.v128);
      const f = fb.local(ValType.v128);
      this.value(e.args[0]!);
      fb.localTee(x).opFD(UNARY_MATH.floor!).localSet(f);
      fb.localGet(f);
      this.constant(pair(1, 1));
      fb.opFD(V.add).localGet(f);
      fb.localGet(x).localGet(f).opFD(V.sub);
      this.constant(pair(0.5, 0.5));
      fb.opFD(V.ge).opFD(V.bitselect).localSet(f);
      fb.localGet(x).localGet(f);
      this.constant(SIGN_BITS);
      fb.opFD(V.bitselect);
      return;
    }
    if (UNARY_MATH[e.fn] !== undefined) {
      this.value(e.args[0]!);
      fb.opFD(UNARY_MATH[e.fn]!);
      return;
    }
    if (e.fn === "min" || e.fn === "max") {
      this.value(e.args[0]!);
      this.value(e.args[1]!);
      fb.opFD(e.fn === "min" ? V.min : V.max);
      return;
    }
    const key = this.key(e);
    const done = this.memo.get(key);
    if (done !== undefined) {
      fb.localGet(done);
      return;
    }
    const f = this.inline.get(e.fn);
    if (f && this.L.inlinedBytes + f.code.length <= INLINE_BUDGET) {
      this.L.inlinedBytes += f.code.length;
      for (const a of e.args) this.value(a);
      const locals = [...f.params, ...f.locals].map((t) => fb.local(t));
      emitInlined(fb.code, f, (i) => locals[i]!, (k) => this.constLocals.get(f.constants[k]!.join(","))!);
    } else this.perLane(e);
    const out = fb.local(ValType.v128);
    fb.localTee(out);
    this.memo.set(key, out);
  }

  /** A function wasm lacks and the library has no lane version of: once per lane (inlined where it can be). */
  private perLane(e: Extract<Expr, { k: "call" }>): void {
    const fb = this.fb;
    const args = e.args.map((a) => {
      const t = fb.local(ValType.v128);
      this.value(a);
      fb.localSet(t);
      return t;
    });
    const out = fb.local(ValType.v128);
    for (let lane = 0; lane < 2; lane++) {
      if (lane === 1) fb.localGet(out);
      for (const t of args) {
        fb.localGet(t).opFD(V.extract);
        fb.code.byte(lane);
      }
      if (e.fn === "round") fb.call(this.L.m.helpers.round);
      else callMath(this.L, e.fn, e.args.length, true);
      if (lane === 0) fb.opFD(V.splat).localSet(out);
      else {
        fb.opFD(V.replace);
        fb.code.byte(1);
        fb.localSet(out);
      }
    }
    fb.localGet(out);
  }

  /** A key equal for two expressions exactly when they compute the same lanes here. */
  private key(e: Expr): string {
    switch (e.k) {
      case "num":
        return `n${Object.is(e.value, -0) ? "-0" : e.value}`;
      case "bool":
        return `b${e.value}`;
      case "var":
        return `v${e.v.id}.${this.version.get(e.v) ?? 0}`;
      case "load": {
        const at = laneOffset(this.p, e.ref.index);
        return `[${e.ref.array.id}.${this.version.get(e.ref.array) ?? 0}@${at === null ? this.key(e.ref.index) : at}]`;
      }
      case "unary":
        return `(${e.op}${this.key(e.e)})`;
      case "binary":
      case "logical":
        return `(${this.key(e.l)}${e.op}${this.key(e.r)})`;
      case "cond":
        return `(${this.key(e.c)}?${this.key(e.t)}:${this.key(e.f)})`;
      case "call":
        return `${e.fn}(${e.args.map((a) => this.key(a)).join(",")})`;
      default:
        throw new Error(`internal: cannot vectorise ${e.k}`);
    }
  }
}

/** The bytes of the v128 with lanes a and b. */
function pair(a: number, b: number): Uint8Array {
  const dv = new DataView(new ArrayBuffer(16));
  dv.setFloat64(0, a, true);
  dv.setFloat64(8, b, true);
  return new Uint8Array(dv.buffer);
}

const ALL_LANES = new Uint8Array(16).fill(0xff);
/** The sign bit of each f64 lane (bitselect(x, r, SIGN_BITS) is copysign(r, x)). */
const SIGN_BITS = pair(-0, -0);
/** i8x16.shuffle lanes taking bytes 0-3 and 8-11 (the low word of each 64-bit lane) into the low half. */
const NARROW_MASK = Uint8Array.from([0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]);

/** log2 of the element size of an array the lanes access. */
function laneShift(a: Var): number {
  switch (a.array) {
    case "Float64Array":
      return 3;
    case "Int16Array":
    case "Uint16Array":
      return 1;
    case "Int8Array":
    case "Uint8Array":
    case "Uint8ClampedArray":
      return 0;
    default:
      return 2;
  }
}
const NO_LANES = new Uint8Array(16);

/** The v128 constants the two-lane body of `p` uses (lane functions' excepted). */
function bodyConstants(p: PrangeStmt): Uint8Array[] {
  const out: Uint8Array[] = [pair(2, 2)];
  forEachExprInStmts(p.body, (e) => {
    if (e.k === "num") out.push(pair(e.value, e.value));
    if (e.k === "bool") out.push(e.value ? ALL_LANES : NO_LANES);
    if (e.k === "call" && e.fn === "round") out.push(pair(1, 1), pair(0.5, 0.5), SIGN_BITS);
    if (e.k === "binary" && e.op === "%" && e.r.k === "num") out.push(pair(1 / e.r.value, 1 / e.r.value));
    // a remainder of doubles (fmod): the integer test's bound and the sign mask (one more or less is harmless)
    if (e.k === "binary" && e.op === "%") out.push(pair(2 ** 53, 2 ** 53), SIGN_BITS);
  });
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.k === "if") {
        if (s.f.length) out.push(ALL_LANES);
        walk(s.t);
        walk(s.f);
      } else if (s.k === "block" || s.k === "loop") walk(s.body);
    }
  };
  walk(p.body);
  return out;
}
