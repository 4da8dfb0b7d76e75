/**
 * Which prange bodies run two iterations per step (see vector.ts), and the value each lane
 * computes with. A lane holds a double for every numeric expression: integer-typed ones too,
 * since type inference gives an integer type only where double arithmetic gives the same value
 * (no -0, no rounding), and a comparison yields an all-ones/all-zeros lane mask. Branches are
 * if-converted: both sides run on both lanes and their effects are masked, which is sound
 * because every expression accepted here is pure and cannot trap (array elements are only
 * `a[i]`, checked in bounds for the whole chunk before the two-lane loop starts).
 */
import type { Expr, PrangeStmt, Reduction, Stmt, Var } from "../model/ir.js";
import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { forEachExprInStmts } from "../model/walk.js";

/** Native f64x2 unary operations of Math. */
export const UNARY_MATH: Readonly<Record<string, number>> = { sqrt: 0xef, abs: 0xec, floor: 0x75, ceil: 0x74, trunc: 0x7a };

const COMPARE = new Set(["<", "<=", ">", ">=", "==", "!=", "===", "!=="]);
/** Bitwise operators run on the lanes for int32 operands; shifts by a constant count. */
export const BITWISE = new Set(["&", "|", "^", "<<", ">>", ">>>"]);
export const SHIFTS = new Set(["<<", ">>", ">>>"]);
/** Element kinds the lanes load at the index (as doubles, exactly). */
const LANE_LOADS = new Set(["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray"]);

/** `l % r` on doubles is exact as l - trunc(l / r) * r when l >= 0 and l + |r| < 2^52. */
const EXACT_REM = 2 ** 51;

const isInt = (e: Expr): boolean => e.ty!.k === "i32" || e.ty!.k === "i64";
const bounds = (e: Expr): { lo: number; hi: number } => {
  const t = e.ty!;
  return t.k === "i32" || t.k === "i64" ? t : { lo: -Infinity, hi: Infinity };
};

/** `c` for an index `i`, `i + c`, `c + i` or `i - c` (`i` the prange index, `c` a small integer constant); else null. */
export function laneOffset(p: PrangeStmt, e: Expr): number | null {
  const isI = (x: Expr): boolean => x.k === "var" && x.v === p.index;
  const c = (x: Expr): number | null => {
    const v = x.k === "num" ? x.value : x.k === "unary" && x.op === "-" && x.e.k === "num" ? -x.e.value : NaN;
    return Number.isInteger(v) && Math.abs(v) <= 2 ** 20 ? v + 0 : null;
  };
  if (isI(e)) return 0;
  if (e.k !== "binary" || (e.op !== "+" && e.op !== "-")) return null;
  if (isI(e.l) && c(e.r) !== null) return e.op === "+" ? c(e.r)! : -c(e.r)! + 0;
  if (e.op === "+" && isI(e.r) && c(e.l) !== null) return c(e.l)!;
  return null;
}

/** The `e` of a reduction update `s += e`, `s = s + e`, `s = Math.min(s, e)`, ...; null otherwise. */
export function reductionValue(r: Reduction, e: Extract<Expr, { k: "assign" }>): Expr | null {
  const isS = (x: Expr): boolean => x.k === "var" && x.v === r.v;
  if (r.op === "+" && (e.op === "+=" || e.op === "-=")) return e.value;
  if (r.op === "*" && e.op === "*=") return e.value;
  if (e.op !== "=") return null;
  const v = e.value;
  if (v.k === "binary" && ((r.op === "+" && (v.op === "+" || v.op === "-")) || (r.op === "*" && v.op === "*"))) {
    if (isS(v.l)) return v.r;
    if (v.op !== "-" && isS(v.r)) return v.l;
  }
  if (v.k === "call" && v.fn === r.op && v.args.length === 2) {
    if (isS(v.args[0]!)) return v.args[1]!;
    if (isS(v.args[1]!)) return v.args[0]!;
  }
  return null;
}

/** Whether `r`'s update subtracts (`s -= e`, `s = s - e`). */
export function subtracts(e: Extract<Expr, { k: "assign" }>): boolean {
  return e.op === "-=" || (e.op === "=" && e.value.k === "binary" && e.value.op === "-");
}

/** Whether the parallel loop `p` can run two iterations per step. */
export function vectorisable(p: PrangeStmt): boolean {
  const m = p.model!;
  if (m.shared.length || m.privates.length || m.arrayReductions.length) return false;
  const reds = new Map<Var, Reduction>(m.reductions.map((r) => [r.v, r]));
  for (const r of m.reductions) if (r.v.ty!.k !== "f64" || !["+", "*", "min", "max"].includes(r.op)) return false;
  const numeric = (v: Var): boolean => !v.array && v.ty!.k === "f64" || v.ty!.k === "i32" || v.ty!.k === "i64";
  const okVar = (v: Var): boolean => v === p.index || (!v.array && numeric(v) && (v.owner === p || !reds.has(v)));
  const okIndex = (e: Expr): boolean => e.k === "var" && e.v === p.index;
  // arrays the body stores to: their elements are read only at the index itself (a lane reading
  // a neighbour another lane writes would see the old value)
  const written = new Set<Var>();
  forEachExprInStmts(p.body, (e) => {
    if (e.k === "store" || e.k === "updateElem") written.add(e.ref.array);
  });
  const ok = (e: Expr): boolean => {
    switch (e.k) {
      case "num":
        return true;
      case "bool":
        return true;
      case "var":
        return okVar(e.v);
      case "load":
        {
          const off = laneOffset(p, e.ref.index);
          return LANE_LOADS.has(e.ref.array.array!) && off !== null && (off === 0 || !written.has(e.ref.array));
        }
      case "unary":
        if (e.op === "!") return e.ty!.k === "bool" && e.e.ty!.k === "bool" && ok(e.e);
        return (e.op === "-" || e.op === "+") && e.e.ty!.k !== "bool" && ok(e.e);
      case "binary":
        if (COMPARE.has(e.op)) return e.l.ty!.k !== "bool" && e.r.ty!.k !== "bool" && ok(e.l) && ok(e.r);
        if (e.ty!.k === "bool") return false;
        if (BITWISE.has(e.op)) {
          // on int32 operands ToInt32 is the identity: exact through i32x4 lanes and back
          if (e.l.ty!.k !== "i32" || !ok(e.l)) return false;
          if (SHIFTS.has(e.op)) return e.r.k === "num" && Number.isInteger(e.r.value);
          return e.r.ty!.k === "i32" && ok(e.r);
        }
        if (e.op === "%") {
          // integer remainders only: doubles have no remainder instruction
          if (!isInt(e) || !isInt(e.l) || !isInt(e.r)) return false;
          const l = bounds(e.l);
          const r = bounds(e.r);
          const rMax = Math.max(Math.abs(r.lo), Math.abs(r.hi));
          return l.lo >= 0 && l.hi + rMax < EXACT_REM && (r.lo > 0 || r.hi < 0) && ok(e.l) && ok(e.r);
        }
        return (e.op === "+" || e.op === "-" || e.op === "*" || (e.op === "/" && e.ty!.k === "f64")) && e.l.ty!.k !== "bool" && e.r.ty!.k !== "bool" && ok(e.l) && ok(e.r);
      case "logical":
        return e.op !== "??" && e.ty!.k === "bool" && e.l.ty!.k === "bool" && e.r.ty!.k === "bool" && ok(e.l) && ok(e.r);
      case "cond":
        return e.c.ty!.k === "bool" && e.ty!.k !== "bool" && e.t.ty!.k !== "bool" && e.f.ty!.k !== "bool" && ok(e.c) && ok(e.t) && ok(e.f);
      case "call":
        if (e.ty!.k !== "f64" && !isInt(e)) return false;
        if (UNARY_MATH[e.fn] !== undefined || e.fn === "round" || (IMPORTED_MATH.has(e.fn) && e.fn !== "random" && e.fn !== "hypot")) {
          const arity = mathArity(e.fn, e.args.length);
          return e.args.length === arity && e.args.every((a) => a.ty!.k !== "bool" && ok(a));
        }
        if (e.fn === "min" || e.fn === "max") return e.args.length === 2 && e.args.every((a) => a.ty!.k !== "bool" && ok(a));
        return false;
      default:
        return false;
    }
  };
  const okStmt = (s: Stmt): boolean => {
    if (s.k === "let") return !s.v.array && numeric(s.v) && s.init !== null && s.init.ty!.k !== "bool" && ok(s.init);
    if (s.k === "block") return s.body.every(okStmt);
    if (s.k === "if") return s.c.ty!.k === "bool" && ok(s.c) && s.t.every(okStmt) && s.f.every(okStmt);
    if (s.k !== "expr") return false;
    const e = s.e;
    if (e.k === "store") {
      const kind = e.ref.array.array!;
      // integer elements take the exact int32 of an int32-typed value (ToInt32 is the identity)
      const storable = kind === "Float64Array" || kind === "Float32Array" || ((kind === "Int32Array" || kind === "Uint32Array") && e.value.ty!.k === "i32");
      return e.op === "=" && storable && okIndex(e.ref.index) && e.value.ty!.k !== "bool" && ok(e.value);
    }
    if (e.k !== "assign") return false;
    const r = reds.get(e.target);
    if (r) {
      const v = reductionValue(r, e);
      return v !== null && v.ty!.k !== "bool" && ok(v);
    }
    return e.op === "=" && e.target.owner === p && numeric(e.target) && e.value.ty!.k !== "bool" && ok(e.value);
  };
  return p.body.length > 0 && p.body.every(okStmt);
}
