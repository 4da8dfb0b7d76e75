/**
 * Two-lane (f64x2) execution of simple prange bodies: straight-line double arithmetic over the
 * index, loop-invariant values and contiguous Float64Array elements, with +, *, min and max
 * reductions. Each lane computes exactly what the scalar body computes for its iteration (f64x2
 * add, sub, mul, div, sqrt, min, max, floor, ceil, trunc, nearest, abs and neg are the scalar
 * IEEE operations per lane), so elementwise results are bit-identical; reductions keep one
 * accumulator per lane and fold them at the end of the chunk, a fixed order that does not depend
 * on the thread count. Dividing two doubles per instruction roughly doubles loops bound by
 * division or multiplication (the pi kernel).
 *
 *   if (step == 1 && every array access of the chunk is in bounds && written arrays overlap no other)
 *     block $done  loop $top
 *       br_if $done (it + 2 > itHi)
 *       iv = f64x2(i, i + 1);  body on v128 values;  it += 2
 *     br $top  end  end
 *     acc_r = lane0 (op) lane1
 *   scalar loop for the remaining iterations (all of them when the test failed)
 */
import type { Expr, PrangeStmt, Reduction, Stmt, Var } from "../model/ir.js";
import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { mathImportKey } from "./math.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op } from "./wasm/opcodes.js";

const V = {
  load: 0x00, store: 0x0b, const: 0x0c, splat: 0x14, extract: 0x21, replace: 0x22,
  ceil: 0x74, floor: 0x75, trunc: 0x7a, nearest: 0x94,
  abs: 0xec, neg: 0xed, sqrt: 0xef, add: 0xf0, sub: 0xf1, mul: 0xf2, div: 0xf3, min: 0xf4, max: 0xf5,
} as const;

const UNARY_MATH: Record<string, number> = { sqrt: V.sqrt, abs: V.abs, floor: V.floor, ceil: V.ceil, trunc: V.trunc };
const BIN: Partial<Record<string, number>> = { "+": V.add, "-": V.sub, "*": V.mul, "/": V.div };

/** Whether the parallel loop `p` can run two iterations per step. */
export function vectorisable(p: PrangeStmt): boolean {
  const m = p.model!;
  if (m.shared.length || m.privates.length) return false;
  const reds = new Map<Var, Reduction>(m.reductions.map((r) => [r.v, r]));
  for (const r of m.reductions) if (r.v.ty!.k !== "f64" || !["+", "*", "min", "max"].includes(r.op)) return false;
  const okVar = (v: Var): boolean => v === p.index || (!v.array && (v.owner === p ? v.ty!.k === "f64" : !reds.has(v)));
  const okLeaf = (e: Expr): boolean => e.k === "num" || (e.k === "var" && okVar(e.v) && e.v.ty!.k !== "bool");
  const okIndex = (e: Expr): boolean => e.k === "var" && e.v === p.index;
  const ok = (e: Expr): boolean => {
    if (e.ty!.k !== "f64") return (e.k === "num" || e.k === "var") && okLeaf(e);
    switch (e.k) {
      case "num":
        return true;
      case "var":
        return okLeaf(e);
      case "load":
        return e.ref.array.array === "Float64Array" && okIndex(e.ref.index);
      case "unary":
        return (e.op === "-" || e.op === "+") && ok(e.e);
      case "binary":
        return BIN[e.op] !== undefined && ok(e.l) && ok(e.r);
      case "call":
        if (UNARY_MATH[e.fn] !== undefined || e.fn === "round" || (IMPORTED_MATH.has(e.fn) && e.fn !== "random" && e.fn !== "hypot")) {
          const arity = mathArity(e.fn, e.args.length);
          return e.args.length === arity && e.args.every(ok);
        }
        if (e.fn === "min" || e.fn === "max") return e.args.length === 2 && e.args.every(ok);
        return false;
      default:
        return false;
    }
  };
  const okStmt = (s: Stmt): boolean => {
    if (s.k === "let") return s.v.ty!.k === "f64" && s.init !== null && ok(s.init);
    if (s.k !== "expr") return false;
    const e = s.e;
    if (e.k === "store") return e.op === "=" && e.ref.array.array === "Float64Array" && okIndex(e.ref.index) && ok(e.value);
    if (e.k !== "assign") return false;
    const r = reds.get(e.target);
    if (r) return reductionValue(r, e) !== null && ok(reductionValue(r, e)!);
    return e.op === "=" && e.target.owner === p && e.target.ty!.k === "f64" && ok(e.value);
  };
  return p.body.length > 0 && p.body.every(okStmt);
}

/** The `e` of a reduction update `s += e`, `s = s + e`, `s = Math.min(s, e)`, ...; null otherwise. */
function reductionValue(r: Reduction, e: Extract<Expr, { k: "assign" }>): Expr | null {
  const isS = (x: Expr): boolean => x.k === "var" && x.v === r.v;
  if (r.op === "+" && (e.op === "+=" || e.op === "-=")) return e.value;
  if (r.op === "*" && e.op === "*=") return e.value;
  if (e.op !== "=") return null;
  const v = e.value;
  if (v.k === "binary" && ((r.op === "+" && (v.op === "+" || v.op === "-")) || (r.op === "*" && v.op === "*"))) {
    if (isS(v.l)) return v.r;
    if (v.op !== "-" && isS(v.r)) return v.l;
  }
  if (v.k === "call" && (v.fn === r.op) && v.args.length === 2) {
    if (isS(v.args[0]!)) return v.args[1]!;
    if (isS(v.args[1]!)) return v.args[0]!;
  }
  return null;
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
  const scan = (e: Expr): void => {
    if (e.k === "load") arrays.add(e.ref.array);
    if (e.k === "binary") (scan(e.l), scan(e.r));
    if (e.k === "unary") scan(e.e);
    if (e.k === "call") e.args.forEach(scan);
    if (e.k === "store") {
      arrays.add(e.ref.array);
      written.add(e.ref.array);
      scan(e.value);
    }
    if (e.k === "assign") scan(e.value);
  };
  for (const s of p.body) {
    if (s.k === "let" && s.init) scan(s.init);
    if (s.k === "expr") scan(s.e);
  }
  // preconditions, all on i32: step is 1; first index >= 0 and last index < length of every
  // array; no written array overlaps another array (then lanes cannot see each other's stores)
  const first = L.temp(ValType.i32);
  const last = L.temp(ValType.i32);
  fb.localGet(start).localGet(it).op(Op.i32_add).localSet(first);
  fb.localGet(start).localGet(itHi).op(Op.i32_add).i32Const(1).op(Op.i32_sub).localSet(last);
  fb.localGet(step).i32Const(1).op(Op.i32_eq);
  fb.localGet(first).i32Const(0).op(Op.i32_ge_s).op(Op.i32_and);
  for (const a of arrays) fb.localGet(last).localGet(L.arrays.get(a)!.len).op(Op.i32_lt_u).op(Op.i32_and);
  for (const w of written) {
    for (const a of arrays) {
      if (a === w) continue;
      const W = L.arrays.get(w)!;
      const A = L.arrays.get(a)!;
      // disjoint iff endW <= baseA or endA <= baseW (in 64 bits: an array may end at 4 GiB)
      const end = (x: { base: number; len: number }): void => {
        fb.localGet(x.base).op(Op.i64_extend_i32_u).localGet(x.len).op(Op.i64_extend_i32_u).i64Const(3n).op(Op.i64_shl).op(Op.i64_add);
      };
      end(W);
      fb.localGet(A.base).op(Op.i64_extend_i32_u).op(Op.i64_le_u);
      end(A);
      fb.localGet(W.base).op(Op.i64_extend_i32_u).op(Op.i64_le_u);
      fb.op(Op.i32_or).op(Op.i32_and);
    }
  }
  L.release(ValType.i32, first);
  L.release(ValType.i32, last);
  fb.if_("void");

  const vl = new Map<Var, number>();
  const vlocal = (v: Var): number => {
    let l = vl.get(v);
    if (l === undefined) vl.set(v, (l = fb.local(ValType.v128)));
    return l;
  };
  // loop-invariant scalars, splatted once
  for (const v of m.liveIn) {
    L.getVar(v);
    L.convert(v.ty!, "f64");
    fb.opFD(V.splat).localSet(vlocal(v));
  }
  for (const r of m.reductions) {
    fb.f64Const(r.op === "+" ? -0 : r.op === "*" ? 1 : r.op === "min" ? Infinity : -Infinity).opFD(V.splat).localSet(vlocal(r.v));
  }
  const iv = vlocal(p.index);
  const idx = L.local(p.index);
  const lanes = fb.local(ValType.v128);
  fb.opFD(V.const);
  vconst(fb, 0, 1);
  fb.localSet(lanes);

  fb.block("void").loop("void");
  fb.localGet(it).i32Const(2).op(Op.i32_add).localGet(itHi).op(Op.i32_gt_s).brIf(1);
  fb.localGet(start).localGet(it).op(Op.i32_add).localSet(idx);
  fb.localGet(idx).op(Op.f64_convert_i32_s).opFD(V.splat).localGet(lanes).opFD(V.add).localSet(iv);
  const addr = (e: Expr & { k: "load" | "store" }): void => {
    const a = L.arrays.get(e.ref.array)!;
    fb.localGet(a.base).localGet(idx).i32Const(3).op(Op.i32_shl).op(Op.i32_add);
  };
  const vemit = (e: Expr): void => {
    if (e.ty!.k !== "f64" || e.k === "var" || e.k === "num") {
      if (e.k === "num") {
        fb.opFD(V.const);
        vconst(fb, e.value, e.value);
      } else if (e.k === "var" && (e.v === p.index || vl.has(e.v))) fb.localGet(vlocal(e.v));
      else if (e.k === "var") {
        L.getVar(e.v);
        L.convert(e.v.ty!, "f64");
        fb.opFD(V.splat);
      }
      return;
    }
    switch (e.k) {
      case "load":
        addr(e);
        fb.opFD(V.load);
        fb.code.u32(3).u32(0);
        return;
      case "unary":
        vemit(e.e);
        if (e.op === "-") fb.opFD(V.neg);
        return;
      case "binary":
        vemit(e.l);
        vemit(e.r);
        fb.opFD(BIN[e.op]!);
        return;
      case "call":
        if (UNARY_MATH[e.fn] !== undefined) {
          vemit(e.args[0]!);
          fb.opFD(UNARY_MATH[e.fn]!);
        } else if (e.fn === "min" || e.fn === "max") {
          vemit(e.args[0]!);
          vemit(e.args[1]!);
          fb.opFD(e.fn === "min" ? V.min : V.max);
        } else perLane(e);
        return;
      default:
        throw new Error(`internal: cannot vectorise ${e.k}`);
    }
  };
  /** A function wasm lacks: call it once per lane. */
  const perLane = (e: Extract<Expr, { k: "call" }>): void => {
    const fn = e.fn === "round" ? L.m.helpers.round : L.m.imports.math.get(mathImportKey(e.fn, e.args.length))!;
    const args = e.args.map((a) => {
      const t = fb.local(ValType.v128);
      vemit(a);
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
      fb.call(fn);
      if (lane === 0) fb.opFD(V.splat).localSet(out);
      else {
        fb.opFD(V.replace);
        fb.code.byte(1);
        fb.localSet(out);
      }
    }
    fb.localGet(out);
  };
  for (const s of p.body) {
    if (s.k === "let") {
      vemit(s.init!);
      fb.localSet(vlocal(s.v));
      continue;
    }
    if (s.k !== "expr") continue;
    const e = s.e;
    if (e.k === "store") {
      addr(e);
      vemit(e.value);
      fb.opFD(V.store);
      fb.code.u32(3).u32(0);
    } else if (e.k === "assign") {
      const r = m.reductions.find((x) => x.v === e.target);
      if (r) {
        fb.localGet(vlocal(r.v));
        vemit(reductionValue(r, e)!);
        const sub = e.op === "-=" || (e.op === "=" && e.value.k === "binary" && e.value.op === "-");
        fb.opFD(r.op === "+" ? (sub ? V.sub : V.add) : r.op === "*" ? V.mul : r.op === "min" ? V.min : V.max);
        fb.localSet(vlocal(r.v));
      } else {
        vemit(e.value);
        fb.localSet(vlocal(e.target));
      }
    }
  }
  fb.localGet(it).i32Const(2).op(Op.i32_add).localSet(it);
  fb.br(0).end().end();
  // fold the lanes into the scalar accumulators (which hold the identity)
  for (const r of m.reductions) {
    const acc = L.local(r.v);
    const v = vlocal(r.v);
    fb.localGet(v).opFD(V.extract);
    fb.code.byte(0);
    fb.localGet(v).opFD(V.extract);
    fb.code.byte(1);
    fb.op(r.op === "+" ? Op.f64_add : r.op === "*" ? Op.f64_mul : r.op === "min" ? Op.f64_min : Op.f64_max);
    fb.localSet(acc);
  }
  fb.end();
}

function vconst(fb: FnLowerer["fb"], a: number, b: number): void {
  const dv = new DataView(new ArrayBuffer(16));
  dv.setFloat64(0, a, true);
  dv.setFloat64(8, b, true);
  fb.code.bytes(new Uint8Array(dv.buffer));
}
