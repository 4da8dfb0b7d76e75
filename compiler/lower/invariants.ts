/**
 * Loop-invariant integer arithmetic, computed once each time a loop is entered.
 *
 * V8's optimising wasm tier does not move code out of loops: matvec's `A[i * n + j]` multiplied
 * `i * n` again in every trip of the `j` loop (twice on two lanes), and k-means' `p[i * d + j]`
 * and `cs[c * d + j]` three times a trip. Before a loop, the largest subexpressions of its
 * condition, update and body that are int32-typed `+ - * << >> & | ^ ~` of constants, lengths and
 * variables the loop does not write are evaluated into locals, when they hold a multiplication or
 * at least two operations; emitExpr then reads the local (FnLowerer.exprLocals). The operations
 * and their operands are the same, so the values are the same bits: only where they are computed
 * changes. int32 arithmetic cannot trap, and nothing that can (a division, a remainder, a load,
 * a call) is moved, so evaluating them before a loop of no trips is harmless.
 *
 * On two lanes (vector.ts), a subexpression of the prange index has one local per lane (lane 1's
 * evaluated with the index at i + 1, as the lanes' gathers evaluate theirs), and only the index,
 * the loop's live-ins and the counters of uniform loops count as variables (a lane local's
 * scalar copy is not kept).
 */
import type { Expr, LoopStmt, Stmt, Var } from "../model/ir.js";
import { forEachChild, forEachExprInStmts, forEachStmt } from "../model/walk.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { emitExpr } from "./expr.js";
import { Op } from "./wasm/opcodes.js";

/** Values per loop at most (each holds a register across the loop). */
const MAX_HOISTED = 8;

const MOVABLE = new Set(["+", "-", "*", "<<", ">>", "&", "|", "^"]);

/** Two-lane context: the prange index (its local advanced by one for lane 1) and the scalars lanes may read. */
export interface LaneScope {
  readonly index: Var;
  readonly idx: number;
  readonly allowed: (v: Var) => boolean;
}

/** The expression-to-local maps while a loop's body is emitted: lane 0's (the scalar code's) and lane 1's. */
export interface Hoisted {
  readonly lane0: ReadonlyMap<Expr, number>;
  readonly lane1: ReadonlyMap<Expr, number>;
}

/** Variables and array variables written anywhere in `s` (its init, update and body). */
export function loopWrites(s: LoopStmt): Set<Var> {
  const out = new Set<Var>();
  forEachStmt([s], (x) => {
    if (x.k === "let") out.add(x.v);
    if (x.k === "prange") out.add(x.index);
  });
  forEachExprInStmts([s], (e) => {
    if (e.k === "assign" || e.k === "update") out.add(e.target);
  });
  return out;
}

/**
 * Emits, before loop `s` (after its init), the invariant subexpressions into new locals and
 * returns the maps to install while the loop is emitted (the outer ones extended), or null when
 * there is nothing to move. `lane1Outer` is lane 1's map outside this loop (two lanes only).
 */
export function hoistInvariants(L: FnLowerer, s: LoopStmt, lanes: LaneScope | null, lane1Outer?: ReadonlyMap<Expr, number>): Hoisted | null {
  const written = loopWrites(s);
  const ok = (v: Var): boolean => !written.has(v) && !L.memVars.has(v) && (lanes === null || lanes.allowed(v));
  // per node: whether it is invariant, its size in operations, whether it multiplies, its key
  const info = new Map<Expr, { ops: number; mul: boolean; key: string; index: boolean } | null>();
  const inv = (e: Expr): { ops: number; mul: boolean; key: string; index: boolean } | null => {
    if (info.has(e)) return info.get(e)!;
    let r: { ops: number; mul: boolean; key: string; index: boolean } | null = null;
    const i32 = e.ty?.k === "i32";
    if (L.fastDivs.has(e) || L.exprLocals.has(e)) r = null;
    else if (e.k === "num" && i32) r = { ops: 0, mul: false, key: `${e.value}`, index: false };
    else if (e.k === "length" && !written.has(e.array)) r = { ops: 0, mul: false, key: `#${e.array.id}`, index: false };
    else if (e.k === "var" && i32 && ok(e.v)) r = { ops: 0, mul: false, key: `v${e.v.id}`, index: lanes !== null && e.v === lanes.index };
    else if (e.k === "unary" && i32 && (e.op === "-" || e.op === "~")) {
      const a = inv(e.e);
      if (a) r = { ops: a.ops + 1, mul: a.mul, key: `(${e.op}${a.key})`, index: a.index };
    } else if (e.k === "binary" && i32 && MOVABLE.has(e.op) && e.l.ty?.k === "i32" && e.r.ty?.k === "i32") {
      const a = inv(e.l);
      const b = inv(e.r);
      if (a && b) r = { ops: a.ops + b.ops + 1, mul: a.mul || b.mul || e.op === "*", key: `(${a.key}${e.op}${b.key})`, index: a.index || b.index };
    }
    info.set(e, r);
    return r;
  };
  // the largest invariant subexpressions worth a local, in the order the loop evaluates them
  const picked: Expr[] = [];
  const visit = (e: Expr): void => {
    const r = inv(e);
    if (r && (r.mul || r.ops >= 2)) picked.push(e);
    else forEachChild(e, visit);
  };
  const roots: Expr[] = [];
  if (s.cond) roots.push(s.cond);
  if (s.update) roots.push(s.update);
  forEachTopExpr(s.body, (e) => roots.push(e));
  for (const e of roots) visit(e);
  if (picked.length === 0) return null;
  const fb = L.fb;
  const lane0 = new Map(L.exprLocals);
  const lane1 = new Map(lanes ? (lane1Outer ?? L.exprLocals) : L.exprLocals);
  const byKey = new Map<string, [number, number]>();
  for (const e of picked) {
    const r = info.get(e)!;
    let locs = byKey.get(r.key);
    if (locs === undefined) {
      if (byKey.size >= MAX_HOISTED) continue;
      const l0 = fb.local(ValType.i32);
      emitExpr(L, e);
      fb.localSet(l0);
      let l1 = l0;
      if (lanes !== null && r.index) {
        // lane 1: the same expression with the index at i + 1
        l1 = fb.local(ValType.i32);
        fb.localGet(lanes.idx).i32Const(1).op(Op.i32_add).localSet(lanes.idx);
        emitExpr(L, e);
        fb.localSet(l1);
        fb.localGet(lanes.idx).i32Const(1).op(Op.i32_sub).localSet(lanes.idx);
      }
      byKey.set(r.key, (locs = [l0, l1]));
    }
    lane0.set(e, locs[0]);
    lane1.set(e, locs[1]);
  }
  return { lane0, lane1 };
}

/** Emits `body` with `h`'s lane-0 map installed (scalar code), restoring the previous map after. */
export function withHoisted(L: FnLowerer, h: Hoisted | null, body: () => void): void {
  if (h === null) return body();
  const saved = L.exprLocals;
  L.exprLocals = h.lane0;
  try {
    body();
  } finally {
    L.exprLocals = saved;
  }
}

/** The statement-level expressions of `body`, nested statements included (not their sub-expressions). */
function forEachTopExpr(body: readonly Stmt[], f: (e: Expr) => void): void {
  forEachStmt(body, (x) => {
    switch (x.k) {
      case "expr":
        return f(x.e);
      case "let":
        if (x.init) f(x.init);
        return;
      case "return":
        if (x.e) f(x.e);
        return;
      case "if":
        return f(x.c);
      case "loop":
        if (x.cond) f(x.cond);
        if (x.update) f(x.update);
        return;
      case "prange":
        f(x.rangeStart);
        f(x.rangeStop);
        f(x.rangeStep);
        return;
      default:
        return;
    }
  });
}
