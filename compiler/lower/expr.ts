/**
 * Expression lowering. Every expression leaves its value on the stack in the representation of
 * its inferred type (f64, or i32 for int32 and boolean values); `emitAs` converts to what the
 * consumer wants. Each rule reproduces JavaScript's semantics for doubles exactly.
 */
import { emitArrayAssign } from "./array-values.js";
import { BOOL, type BinaryOp, type ElemRef, type Expr, F64, i32, type Ty, type Var } from "../model/ir.js";
import { AccessMode, emitLoad, emitStoreValue, emitAddress } from "./access.js";
import { FnLowerer, type Want, wasmType } from "./fn.js";
import { callMath, emitCall } from "./math.js";
import { emitAtomic } from "./atomics.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

/** Pushes `e` converted to `want`. */
export function emitAs(L: FnLowerer, e: Expr, want: Want): void {
  if (want === "bool") {
    emitCond(L, e);
    return;
  }
  emitExpr(L, e);
  L.convert(e.ty!, want);
}

/** Pushes the truthiness of `e` as i32 0/1. */
export function emitCond(L: FnLowerer, e: Expr): void {
  emitExpr(L, e);
  L.convert(e.ty!, "bool");
}

/** Evaluates `e` for its effects only. */
export function emitEffect(L: FnLowerer, e: Expr): void {
  switch (e.k) {
    case "assign":
      emitAssign(L, e, false);
      return;
    case "update":
      emitUpdate(L, e, false);
      return;
    case "store":
      emitStore(L, e, false);
      return;
    case "updateElem":
      emitUpdateElem(L, e, false);
      return;
    case "comma":
      for (const x of e.es) emitEffect(L, x);
      return;
    case "atomic":
      emitAtomic(L, e, false);
      return;
    default:
      emitExpr(L, e);
      L.fb.drop();
  }
}

/** Pushes the value of `e` in its own representation. */
export function emitExpr(L: FnLowerer, e: Expr): void {
  const fb = L.fb;
  const ty = e.ty!;
  const moved = L.exprLocals.get(e);
  if (moved !== undefined) {
    // computed before the loop (invariants.ts)
    fb.localGet(moved);
    return;
  }
  const div = L.fastDivs.get(e);
  if (div) {
    // Math.floor(l / r) of l >= 0 by r >= 1, or l / r that divides exactly, proven at chunk entry
    // (hoist.ts): the integer quotient (the divisor is not 0, and the quotient fits int32)
    emitAs(L, div.l, "i32");
    emitAs(L, div.r, "i32");
    fb.op(Op.i32_div_s);
    return;
  }
  switch (e.k) {
    case "num":
      L.constOf(ty, e.value);
      return;
    case "bool":
      fb.i32Const(e.value ? 1 : 0);
      return;
    case "var":
      L.getVar(e.v, e);
      return;
    case "length":
      fb.localGet(L.arrays.get(e.array)!.len);
      return;
    case "load":
      emitLoad(L, e.ref);
      return;
    case "unary":
      emitUnary(L, e.op, e.e, ty);
      return;
    case "binary":
      emitBinary(L, e.op, operandOf(L, e.l), operandOf(L, e.r), ty);
      return;
    case "logical":
      emitLogical(L, e.op, operandOf(L, e.l), e.r, ty);
      return;
    case "cond": {
      emitCond(L, e.c);
      fb.if_(wasmType(ty));
      emitAs(L, e.t, repr(ty));
      fb.else_();
      emitAs(L, e.f, repr(ty));
      fb.end();
      return;
    }
    case "call":
      emitCall(L, e.fn, e.args, ty);
      return;
    case "assign":
      emitAssign(L, e, true);
      return;
    case "update":
      emitUpdate(L, e, true);
      return;
    case "store":
      emitStore(L, e, true);
      return;
    case "updateElem":
      emitUpdateElem(L, e, true);
      return;
    case "comma":
      e.es.forEach((x, i) => (i < e.es.length - 1 ? emitEffect(L, x) : emitExpr(L, x)));
      return;
    case "atomic":
      emitAtomic(L, e, true);
      return;
  }
}

/** The wanted representation that reproduces a value of type `t`. */
export function repr(t: Ty): Want {
  return t.k === "f64" ? "f64" : t.k === "bool" ? "bool" : t.k === "i64" ? "i64" : "i32";
}

/** Something that can push itself converted to a wanted representation. */
export interface Operand {
  readonly ty: Ty;
  emit(want: Want): void;
}

export function operandOf(L: FnLowerer, e: Expr): Operand {
  return { ty: e.ty!, emit: (want) => emitAs(L, e, want) };
}

/** An operand read from a local that holds a value of type `ty`. */
export function localOperand(L: FnLowerer, local: number, ty: Ty): Operand {
  return {
    ty,
    emit: (want) => {
      L.fb.localGet(local);
      L.convert(ty, want);
    },
  };
}

function emitUnary(L: FnLowerer, op: "-" | "+" | "!" | "~", x: Expr, ty: Ty): void {
  const fb = L.fb;
  switch (op) {
    case "!":
      emitCond(L, x);
      fb.op(Op.i32_eqz);
      return;
    case "+":
      emitAs(L, x, repr(ty) === "bool" ? "i32" : repr(ty));
      return;
    case "~":
      emitAs(L, x, "int32");
      fb.i32Const(-1).op(Op.i32_xor);
      return;
    case "-":
      if (ty.k === "i32" && x.ty!.k !== "i64") {
        fb.i32Const(0);
        emitAs(L, x, "i32");
        fb.op(Op.i32_sub);
      } else if (ty.k === "i64" || ty.k === "i32") {
        fb.i64Const(0n);
        emitAs(L, x, "i64");
        fb.op(Op.i64_sub);
        if (ty.k === "i32") fb.op(Op.i32_wrap_i64);
      } else {
        emitAs(L, x, "f64");
        fb.op(Op.f64_neg);
      }
      return;
  }
}

const I32_ARITH: Partial<Record<BinaryOp, number>> = { "+": Op.i32_add, "-": Op.i32_sub, "*": Op.i32_mul };
const I64_ARITH: Partial<Record<BinaryOp, number>> = { "+": Op.i64_add, "-": Op.i64_sub, "*": Op.i64_mul };
const I64_CMP: Partial<Record<BinaryOp, number>> = {
  "<": Op.i64_lt_s, "<=": Op.i64_le_s, ">": Op.i64_gt_s, ">=": Op.i64_ge_s,
  "==": Op.i64_eq, "===": Op.i64_eq, "!=": Op.i64_ne, "!==": Op.i64_ne,
};
const F64_ARITH: Partial<Record<BinaryOp, number>> = { "+": Op.f64_add, "-": Op.f64_sub, "*": Op.f64_mul, "/": Op.f64_div };
const BITWISE: Partial<Record<BinaryOp, number>> = {
  "&": Op.i32_and, "|": Op.i32_or, "^": Op.i32_xor, "<<": Op.i32_shl, ">>": Op.i32_shr_s, ">>>": Op.i32_shr_u,
};
const I32_CMP: Partial<Record<BinaryOp, number>> = {
  "<": Op.i32_lt_s, "<=": Op.i32_le_s, ">": Op.i32_gt_s, ">=": Op.i32_ge_s,
  "==": Op.i32_eq, "===": Op.i32_eq, "!=": Op.i32_ne, "!==": Op.i32_ne,
};
const F64_CMP: Partial<Record<BinaryOp, number>> = {
  "<": Op.f64_lt, "<=": Op.f64_le, ">": Op.f64_gt, ">=": Op.f64_ge,
  "==": Op.f64_eq, "===": Op.f64_eq, "!=": Op.f64_ne, "!==": Op.f64_ne,
};

/** Pushes `l op r` with result type `out` (as inferred). */
export function emitBinary(L: FnLowerer, op: BinaryOp, l: Operand, r: Operand, out: Ty): void {
  const fb = L.fb;
  const bothInt = l.ty.k !== "f64" && r.ty.k !== "f64";
  if (I32_CMP[op] !== undefined) {
    const strict = op === "===" || op === "!==";
    if (strict && (l.ty.k === "bool") !== (r.ty.k === "bool")) {
      // a boolean is never strictly equal to a number
      l.emit(repr(l.ty) === "bool" ? "i32" : repr(l.ty));
      fb.drop();
      r.emit(repr(r.ty) === "bool" ? "i32" : repr(r.ty));
      fb.drop();
      fb.i32Const(op === "===" ? 0 : 1);
      return;
    }
    if (bothInt && (l.ty.k === "i64" || r.ty.k === "i64")) {
      l.emit("i64");
      r.emit("i64");
      fb.op(I64_CMP[op]!);
    } else if (bothInt) {
      l.emit("i32");
      r.emit("i32");
      fb.op(I32_CMP[op]!);
    } else {
      l.emit("f64");
      r.emit("f64");
      fb.op(F64_CMP[op]!);
    }
    return;
  }
  if (BITWISE[op] !== undefined) {
    l.emit("int32");
    r.emit("int32");
    fb.op(BITWISE[op]!);
    if (op === ">>>" && out.k === "f64") fb.op(Op.f64_convert_i32_u);
    return;
  }
  const wide = l.ty.k === "i64" || r.ty.k === "i64";
  if (out.k === "i32" && wide && (I64_ARITH[op] !== undefined || op === "%")) {
    // an int32 result of 64-bit operands: compute exactly in i64, then take the low half
    emitBinary(L, op, l, r, { k: "i64", lo: out.lo, hi: out.hi });
    fb.op(Op.i32_wrap_i64);
    return;
  }
  if (out.k === "i32" && I32_ARITH[op] !== undefined) {
    l.emit("i32");
    r.emit("i32");
    fb.op(I32_ARITH[op]!);
    return;
  }
  if (out.k === "i64" && I64_ARITH[op] !== undefined) {
    l.emit("i64");
    r.emit("i64");
    fb.op(I64_ARITH[op]!);
    return;
  }
  if (op === "%") {
    if (out.k === "i32") {
      l.emit("i32");
      r.emit("i32");
      fb.op(Op.i32_rem_s);
    } else if (out.k === "i64") {
      l.emit("i64");
      r.emit("i64");
      fb.op(Op.i64_rem_s);
    } else if (l.ty.k !== "f64" && l.ty.k !== "i64" && r.ty.k !== "f64" && r.ty.k !== "i64") {
      l.emit("i32");
      r.emit("i32");
      fb.call(L.m.helpers.remI);
    } else {
      l.emit("f64");
      r.emit("f64");
      emitFmod(L);
    }
    return;
  }
  if (op === "**") {
    l.emit("f64");
    r.emit("f64");
    callMath(L, "pow", 2);
    return;
  }
  l.emit("f64");
  r.emit("f64");
  fb.op(F64_ARITH[op]!);
  if (out.k !== "f64") throw new Error(`internal: ${op} typed ${out.k}`);
}

/**
 * `a % b` on the two doubles on the stack, as JavaScript computes it (C's fmod: exact, the sign of
 * `a`). When both are integers below 2^53 in magnitude (`Math.round(x) % L`, `(i + n / 2) % n`)
 * the remainder is `a - trunc(a / b) * b` in doubles, with the sign of `a` copied onto it (a zero
 * remainder of a negative `a` is -0); anything else (fractions, NaN, infinities, huge values)
 * calls env.fmod.
 *
 * The double formula is exact for such integers: when a / b is not an integer it lies at least
 * 1 / |b| from one, further than its rounding error (|a / b| * 2^-53 < 1 / |b| as |a| < 2^53), so
 * trunc sees the true quotient; trunc(a / b) * b and the difference are integers no larger than
 * |a|, so neither rounds. b = 0 gives a / 0 = ±Infinity (or NaN), Infinity * 0 = NaN, and NaN is
 * JavaScript's answer. A double division pipelines where a 64-bit integer division does not: on
 * ft-indexmap's `(i + nx / 2) % nx` a remainder went from about 12 ns to about 3 ns.
 *
 *   ints = |a| < 2^53 && trunc(a) == a && |b| < 2^53 && trunc(b) == b
 *   ints ? copysign(a - trunc(a / b) * b, a) : fmod(a, b)
 */
export function emitFmod(L: FnLowerer): void {
  const fb = L.fb;
  const a = L.temp(ValType.f64);
  const b = L.temp(ValType.f64);
  fb.localSet(b).localSet(a);
  const integral = (x: number): void => {
    fb.localGet(x).op(Op.f64_abs).f64Const(2 ** 53).op(Op.f64_lt);
    fb.localGet(x).op(Op.f64_trunc).localGet(x).op(Op.f64_eq).op(Op.i32_and);
  };
  integral(a);
  integral(b);
  fb.op(Op.i32_and);
  fb.if_(ValType.f64);
  fb.localGet(a).localGet(a).localGet(b).op(Op.f64_div).op(Op.f64_trunc).localGet(b).op(Op.f64_mul).op(Op.f64_sub);
  fb.localGet(a).op(Op.f64_copysign);
  fb.else_();
  fb.localGet(a).localGet(b).call(L.m.imports.fmod);
  fb.end();
  L.release(ValType.f64, a);
  L.release(ValType.f64, b);
}

/**
 * Math.round of the double on the stack, inline: f = floor(x); r = x - f >= 0.5 ? f + 1 : f;
 * copysign(r, x) keeps -0 for x in [-0.5, 0) and -0 itself (NaN and infinities pass through).
 */
export function emitRound(L: FnLowerer): void {
  const fb = L.fb;
  const x = L.temp(ValType.f64);
  const f = L.temp(ValType.f64);
  fb.localTee(x).op(Op.f64_floor).localSet(f);
  fb.localGet(f).f64Const(1).op(Op.f64_add).localGet(f);
  fb.localGet(x).localGet(f).op(Op.f64_sub).f64Const(0.5).op(Op.f64_ge).select();
  fb.localGet(x).op(Op.f64_copysign);
  L.release(ValType.f64, x);
  L.release(ValType.f64, f);
}

/** `l && r`, `l || r`, `l ?? r` with JavaScript's value semantics. */
function emitLogical(L: FnLowerer, op: "&&" | "||" | "??", l: Operand, r: Expr, out: Ty): void {
  const fb = L.fb;
  if (op === "??") {
    // numbers and booleans are never null or undefined: the right side is not evaluated
    l.emit(repr(out));
    return;
  }
  const t = wasmType(out);
  const tmp = L.temp(t);
  l.emit(repr(out));
  fb.localTee(tmp);
  L.convert(out, "bool");
  fb.if_(t);
  if (op === "&&") emitAs(L, r, repr(out));
  else fb.localGet(tmp);
  fb.else_();
  if (op === "&&") fb.localGet(tmp);
  else emitAs(L, r, repr(out));
  fb.end();
  L.release(t, tmp);
}

/** Computes `old op value` for a compound assignment, with the result type of that binary. */
function compound(L: FnLowerer, op: string, old: Operand, value: Expr, out: Ty): void {
  const bop = op.slice(0, -1) as BinaryOp;
  emitBinary(L, bop, old, operandOf(L, value), out);
}

function emitAssign(L: FnLowerer, e: Extract<Expr, { k: "assign" }>, keep: boolean): void {
  const fb = L.fb;
  const v = e.target;
  if (v.array) {
    emitArrayAssign(L, v, e.value);
    return;
  }
  const vt = v.ty!;
  if (e.op === "=") {
    emitAs(L, e.value, repr(vt));
    L.setVar(v, keep, e);
    return;
  }
  if (e.op === "??=") {
    if (keep) L.getVar(v, e);
    return;
  }
  if (e.op === "&&=" || e.op === "||=") {
    L.getVar(v, e);
    L.convert(vt, "bool");
    if (e.op === "||=") fb.op(Op.i32_eqz);
    fb.if_("void");
    emitAs(L, e.value, repr(vt));
    L.setVar(v, false, e);
    fb.end();
    if (keep) L.getVar(v, e);
    return;
  }
  const old: Operand = { ty: vt, emit: (w) => (L.getVar(v, e), L.convert(vt, w)) };
  const out = binaryOutTy(e.op, vt, e.value.ty!, vt);
  compound(L, e.op, old, e.value, out);
  L.convertTo(out, vt);
  L.setVar(v, keep, e);
}

/**
 * Result type of `old op value` inside a compound assignment: inference made the variable's type
 * wide enough for it, so when the variable is int32 the operation is exact in i32.
 */
function binaryOutTy(op: string, old: Ty, value: Ty, target: Ty): Ty {
  const bop = op.slice(0, -1);
  if (["&", "|", "^", "<<", ">>"].includes(bop)) return i32(-2147483648, 2147483647);
  if (bop === ">>>") return target.k === "i32" ? target : F64;
  if ((target.k === "i32" || target.k === "i64") && old.k !== "f64" && value.k !== "f64" && (bop === "+" || bop === "-" || bop === "*" || bop === "%")) {
    return target;
  }
  return F64;
}

function emitUpdate(L: FnLowerer, e: Extract<Expr, { k: "update" }>, keep: boolean): void {
  const fb = L.fb;
  const v = e.target;
  const vt = v.ty!;
  if (keep && !e.prefix) L.getVar(v, e);
  L.getVar(v, e);
  if (vt.k === "i64") fb.i64Const(1n).op(e.op === "++" ? Op.i64_add : Op.i64_sub);
  else if (vt.k !== "f64") fb.i32Const(1).op(e.op === "++" ? Op.i32_add : Op.i32_sub);
  else fb.f64Const(1).op(e.op === "++" ? Op.f64_add : Op.f64_sub);
  L.setVar(v, keep && e.prefix, e);
}

/**
 * A store to a Float64Array element the loop keeps in local `slot` (promote.ts): the value, and
 * the expression's result, exactly as the store to memory would give them.
 */
function emitKeptStore(L: FnLowerer, e: Extract<Expr, { k: "store" }>, slot: number, keep: boolean): void {
  const fb = L.fb;
  const out = e.op === "=" ? e.value.ty! : e.ty!;
  const t = wasmType(out);
  const val = L.temp(t);
  if (e.op === "=") emitExpr(L, e.value);
  else compound(L, e.op, localOperand(L, slot, F64), e.value, out);
  fb.localSet(val);
  localOperand(L, val, out).emit("f64");
  fb.localSet(slot);
  if (keep) fb.localGet(val);
  L.release(t, val);
}

/** Element type of an array kind. */
export function elemTy(ref: ElemRef): Ty {
  switch (ref.array.array) {
    case "Float64Array":
    case "Float32Array":
    case "Uint32Array":
      return F64;
    case "Int16Array":
      return i32(-32768, 32767);
    case "Uint16Array":
      return i32(0, 65535);
    case "Int8Array":
      return i32(-128, 127);
    case "Uint8Array":
    case "Uint8ClampedArray":
      return i32(0, 255);
    default:
      return i32(-2147483648, 2147483647);
  }
}

function emitStore(L: FnLowerer, e: Extract<Expr, { k: "store" }>, keep: boolean): void {
  const fb = L.fb;
  const kept = L.promoted.get(e.ref.array);
  if (kept !== undefined) return emitKeptStore(L, e, kept, keep);
  const addr = L.temp(ValType.i32);
  emitAddress(L, e.ref, e.op === "=" ? AccessMode.Write : AccessMode.ReadWrite);
  fb.localSet(addr);
  const et = elemTy(e.ref);
  if (e.op === "=" ) {
    const vt = e.value.ty!;
    const t = wasmType(vt);
    const val = L.temp(t);
    emitExpr(L, e.value);
    fb.localSet(val);
    emitStoreValue(L, e.ref, addr, localOperand(L, val, vt));
    if (keep) fb.localGet(val);
    L.release(t, val);
  } else if (e.op === "&&=" || e.op === "||=" || e.op === "??=") {
    const out = e.ty!;
    const t = wasmType(out);
    const val = L.temp(t);
    fb.localGet(addr);
    emitLoadAt(L, e.ref);
    if (e.op === "??=") {
      L.convert(et, repr(out));
      fb.localSet(val);
    } else {
      L.convert(et, repr(out));
      fb.localTee(val);
      L.convert(out, "bool");
      if (e.op === "||=") fb.op(Op.i32_eqz);
      fb.if_("void");
      emitAs(L, e.value, repr(out));
      fb.localSet(val);
      emitStoreValue(L, e.ref, addr, localOperand(L, val, out));
      fb.end();
    }
    if (keep) fb.localGet(val);
    L.release(t, val);
  } else {
    const out = e.ty!;
    const t = wasmType(out);
    const val = L.temp(t);
    const old: Operand = { ty: et, emit: (w) => (fb.localGet(addr), emitLoadAt(L, e.ref), L.convert(et, w)) };
    compound(L, e.op, old, e.value, out);
    fb.localSet(val);
    emitStoreValue(L, e.ref, addr, localOperand(L, val, out));
    if (keep) fb.localGet(val);
    L.release(t, val);
  }
  L.release(ValType.i32, addr);
}

function emitUpdateElem(L: FnLowerer, e: Extract<Expr, { k: "updateElem" }>, keep: boolean): void {
  const fb = L.fb;
  const addr = L.temp(ValType.i32);
  emitAddress(L, e.ref, AccessMode.ReadWrite);
  fb.localSet(addr);
  const et = elemTy(e.ref);
  // the new value: exact in i32 when the element type leaves room for +-1, else in i64 (an int32
  // element) or a double (Float and Uint32 elements), as inference typed the expression
  const fitsI32 = et.k === "i32" && et.lo - 1 >= -2147483648 && et.hi + 1 <= 2147483647;
  const outNew: Ty = et.k === "i32" ? { k: fitsI32 ? "i32" : "i64", lo: et.lo - 1, hi: et.hi + 1 } : F64;
  const newT = wasmType(outNew);
  const oldT = wasmType(et);
  const oldV = L.temp(oldT);
  const newV = L.temp(newT);
  fb.localGet(addr);
  emitLoadAt(L, e.ref);
  fb.localTee(oldV);
  if (outNew.k === "i32") fb.i32Const(1).op(e.op === "++" ? Op.i32_add : Op.i32_sub);
  else if (outNew.k === "i64") fb.op(Op.i64_extend_i32_s).i64Const(1n).op(e.op === "++" ? Op.i64_add : Op.i64_sub);
  else {
    L.convert(et, "f64");
    fb.f64Const(1).op(e.op === "++" ? Op.f64_add : Op.f64_sub);
  }
  fb.localSet(newV);
  emitStoreValue(L, e.ref, addr, localOperand(L, newV, outNew));
  if (keep) {
    if (e.prefix) fb.localGet(newV);
    else fb.localGet(oldV);
  }
  L.release(oldT, oldV);
  L.release(newT, newV);
  L.release(ValType.i32, addr);
}

/** Loads the element whose address is on the stack (no check: the address was checked). */
function emitLoadAt(L: FnLowerer, ref: ElemRef): void {
  emitLoad(L, ref, true);
}

export type { Var };
