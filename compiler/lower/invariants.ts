/**
 * Loop-invariant arithmetic, computed once each time a loop is entered.
 *
 * V8's optimising wasm tier does not move code out of loops: matvec's `A[i * n + j]` multiplied
 * `i * n` again in every trip of the `j` loop (twice on two lanes), and k-means' `p[i * d + j]`
 * and `cs[c * d + j]` three times a trip; `s += a[k] * (alpha / w) + Math.cos(w) * k` divided and
 * called cos in every trip (five times slower). Before a loop, the largest subexpressions of its
 * condition, update and body that are int32 `+ - * << >> & | ^ ~`, double `+ - * / %` or calls of
 * Math functions (not Math.random) of constants, lengths and variables the loop does not write
 * are evaluated into locals, when they hold a multiplication, division, remainder or call, or at
 * least two operations; emitExpr then reads the local (FnLowerer.exprLocals). The operations and
 * their operands are the same, so the values are the same bits (the library's Math functions are
 * deterministic): only where they are computed changes. None of them can trap (int32 arithmetic
 * wraps; int32 division and remainder, loads and stores are never moved), so evaluating them
 * before a loop of no trips is harmless.
 *
 * On two lanes (vector.ts), a subexpression of the prange index has one local per lane (lane 1's
 * evaluated with the index at i + 1, as the lanes' gathers evaluate theirs) and only int32 ones
 * (the gathers' offsets) are moved; only the index, the loop's live-ins and the counters of
 * uniform loops count as variables (a lane local's scalar copy is not kept). Values both lanes
 * share are splatted once before the loop (`Hoisted.uniform`).
 */
import type { Expr, LoopStmt, PrangeStmt, Stmt, Var } from "../model/ir.js";
import { forEachChild, forEachExprInStmts, forEachStmt } from "../model/walk.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { emitExpr } from "./expr.js";
import { Op } from "./wasm/opcodes.js";
import { SHIFT } from "./access.js";

/** Values per loop at most (each holds a register across the loop). */
const MAX_HOISTED = 8;

const MOVABLE = new Set(["+", "-", "*", "<<", ">>", "&", "|", "^"]);
const DOUBLE_OPS = new Set(["+", "-", "*", "/", "%"]);

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
  /** the new values the same for both lanes (not of the index), for two-lane code to splat once */
  readonly uniform: ReadonlyMap<Expr, number>;
  /** row addresses of indices `X + Y` (rowAddresses), lane 0's (the scalar code's) and lane 1's */
  readonly addr0: ReadonlyMap<Expr, RowAddress>;
  readonly addr1: ReadonlyMap<Expr, RowAddress>;
}

/** An index `X + Y` whose row `base + (X << shift)` is in local `ptr`: the address is ptr + (rest << shift). */
export interface RowAddress {
  readonly ptr: number;
  readonly rest: Expr;
}

/**
 * Variables and array variables written anywhere in `s` (its init, update and body): the IR writes
 * a scalar or array variable only by a declaration, an assignment, `++`/`--` or a prange index.
 */
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

/** What hoisting knows of an invariant node: its size in operations, whether it is costly, its key, whether it reads the lanes' index. */
interface Inv {
  readonly ops: number;
  readonly heavy: boolean;
  readonly key: string;
  readonly index: boolean;
}

/**
 * Emits, before loop `s` (after its init), the invariant subexpressions into new locals and
 * returns the maps to install while the loop is emitted (the outer ones extended), or null when
 * there is nothing to move. `lane1Outer` and `addr1Outer` are lane 1's maps outside this loop (two
 * lanes only).
 */
export function hoistInvariants(
  L: FnLowerer,
  s: LoopStmt,
  lanes: LaneScope | null,
  lane1Outer?: ReadonlyMap<Expr, number>,
  addr1Outer?: ReadonlyMap<Expr, RowAddress>,
): Hoisted | null {
  const written = loopWrites(s);
  const ok = (v: Var): boolean => !written.has(v) && !L.memVars.has(v) && (lanes === null || lanes.allowed(v));
  const info = new Map<Expr, Inv | null>();
  const inv = (e: Expr): Inv | null => {
    if (info.has(e)) return info.get(e)!;
    let r: Inv | null = null;
    const k = e.ty?.k;
    const num = k === "i32" || k === "f64";
    if (L.fastDivs.has(e) || L.exprLocals.has(e) || !num) r = null;
    else if (e.k === "num") r = { ops: 0, heavy: false, key: `${k}${Object.is(e.value, -0) ? "-0" : e.value}`, index: false };
    else if (e.k === "length" && !written.has(e.array)) r = { ops: 0, heavy: false, key: `#${e.array.id}`, index: false };
    else if (e.k === "var" && ok(e.v)) r = { ops: 0, heavy: false, key: `v${e.v.id}`, index: lanes !== null && e.v === lanes.index };
    else if (e.k === "unary" && (e.op === "-" || (e.op === "~" && k === "i32"))) {
      const a = inv(e.e);
      if (a) r = { ops: a.ops + 1, heavy: a.heavy, key: `(${e.op}${a.key})${k}`, index: a.index };
    } else if (e.k === "binary" && (k === "i32" ? MOVABLE.has(e.op) : DOUBLE_OPS.has(e.op))) {
      // int32 operations wrap and never trap; double ones (and fmod) never trap either
      const a = inv(e.l);
      const b = a && inv(e.r);
      if (a && b) r = { ops: a.ops + b.ops + 1, heavy: a.heavy || b.heavy || e.op === "*" || e.op === "/" || e.op === "%", key: `(${a.key}${e.op}${b.key})${k}`, index: a.index || b.index };
    } else if (e.k === "call" && e.fn !== "random" && k === "f64") {
      // Math functions are pure and deterministic (the library's are bit-exact everywhere)
      const args = e.args.map(inv);
      if (args.every((a) => a !== null)) {
        const as = args as Inv[];
        r = { ops: 1 + as.reduce((n, a) => n + a.ops, 0), heavy: true, key: `${e.fn}(${as.map((a) => a.key).join(",")})`, index: as.some((a) => a.index) };
      }
    }
    // on two lanes only integer values may read the index (the gathers' scalar code); lane values of it are the lanes' own work
    if (r !== null && lanes !== null && r.index && k !== "i32") r = null;
    info.set(e, r);
    return r;
  };
  // the largest invariant subexpressions worth a local, in the order the loop evaluates them
  const picked: Expr[] = [];
  const visit = (e: Expr): void => {
    const r = inv(e);
    if (r && (r.heavy || r.ops >= 2)) picked.push(e);
    else forEachChild(e, visit);
  };
  const roots: Expr[] = [];
  if (s.cond) roots.push(s.cond);
  if (s.update) roots.push(s.update);
  forEachTopExpr(s.body, (e) => roots.push(e), (p) => p.serial || L.m.mainBodies.has(p.id));
  for (const e of roots) visit(e);
  if (picked.length === 0) return null;
  const fb = L.fb;
  const lane0 = new Map(L.exprLocals);
  const lane1 = new Map(lanes ? (lane1Outer ?? L.exprLocals) : L.exprLocals);
  const uniform = new Map<Expr, number>();
  const byKey = new Map<string, [number, number]>();
  for (const e of picked) {
    const r = info.get(e)!;
    const t = e.ty!.k === "f64" ? ValType.f64 : ValType.i32;
    let locs = byKey.get(r.key);
    if (locs === undefined) {
      if (byKey.size >= MAX_HOISTED) continue;
      const l0 = fb.local(t);
      emitExpr(L, e);
      fb.localSet(l0);
      let l1 = l0;
      if (lanes !== null && r.index) {
        // lane 1: the same expression with the index at i + 1
        l1 = fb.local(t);
        fb.localGet(lanes.idx).i32Const(1).op(Op.i32_add).localSet(lanes.idx);
        emitExpr(L, e);
        fb.localSet(l1);
        fb.localGet(lanes.idx).i32Const(1).op(Op.i32_sub).localSet(lanes.idx);
      }
      byKey.set(r.key, (locs = [l0, l1]));
    }
    lane0.set(e, locs[0]);
    lane1.set(e, locs[1]);
    if (!r.index) uniform.set(e, locs[0]);
  }
  const [addr0, addr1] = rowAddresses(L, s, written, lane0, lane1, lanes !== null ? (addr1Outer ?? L.addrLocals) : L.addrLocals);
  return { lane0, lane1, uniform, addr0, addr1 };
}

/** Row addresses per loop at most (each holds a register across the loop). */
const MAX_ROWS = 6;

/**
 * For accesses on the fast path (proven in bounds) whose index is `X + Y` with X moved out of the
 * loop: the row's byte address `base + (X << shift)`, once before the loop (per lane when X has
 * a lane-1 copy), so that each trip adds only `Y << shift` (`p[i * d + j]`: one add instead of an
 * add and a scaled add). The same address modulo 2^32, and the site is proven in bounds.
 */
function rowAddresses(
  L: FnLowerer,
  s: LoopStmt,
  written: ReadonlySet<Var>,
  lane0: ReadonlyMap<Expr, number>,
  lane1: ReadonlyMap<Expr, number>,
  outer1: ReadonlyMap<Expr, RowAddress>,
): [Map<Expr, RowAddress>, Map<Expr, RowAddress>] {
  const out0 = new Map(L.addrLocals);
  const out1 = new Map(outer1);
  if (L.check !== null) return [out0, out1];
  const fb = L.fb;
  const made = new Map<string, [number, number]>();
  forEachExprInStmts([s], (e) => {
    if (e.k !== "load" && e.k !== "store") return;
    const ix = e.ref.index;
    const a = e.ref.array;
    if (!L.proven.has(e.ref.site) || ix.k !== "binary" || ix.op !== "+" || ix.ty?.k !== "i32" || written.has(a) || L.promoted.has(a) || out0.has(ix)) return;
    const arr = L.arrays.get(a);
    if (arr === undefined) return;
    const [x, rest] = lane0.has(ix.l) ? [ix.l, ix.r] : lane0.has(ix.r) ? [ix.r, ix.l] : [null, null];
    if (x === null || rest === null || rest.ty?.k !== "i32") return;
    const key = `${a.id}:${lane0.get(x)}`;
    let locs = made.get(key);
    if (locs === undefined) {
      if (made.size >= MAX_ROWS) return;
      const sh = SHIFT[a.array!];
      const row = (v: number): number => {
        const l = fb.local(ValType.i32);
        fb.localGet(arr.base).localGet(v);
        if (sh) fb.i32Const(sh).op(Op.i32_shl);
        fb.op(Op.i32_add).localSet(l);
        return l;
      };
      const r0 = row(lane0.get(x)!);
      const r1 = lane1.get(x) !== lane0.get(x) ? row(lane1.get(x)!) : r0;
      made.set(key, (locs = [r0, r1]));
    }
    out0.set(ix, { ptr: locs[0], rest });
    out1.set(ix, { ptr: locs[1], rest });
  });
  return [out0, out1];
}

/** Emits `body` with `h`'s lane-0 map installed (scalar code), restoring the previous map after. */
export function withHoisted(L: FnLowerer, h: Hoisted | null, body: () => void): void {
  if (h === null) return body();
  const [saved, savedAddr] = [L.exprLocals, L.addrLocals];
  [L.exprLocals, L.addrLocals] = [h.lane0, h.addr0];
  try {
    body();
  } finally {
    [L.exprLocals, L.addrLocals] = [saved, savedAddr];
  }
}

/**
 * The statement-level expressions of `body`, nested statements included (not their
 * sub-expressions); a parallel prange's body is compiled into its own loop function, so only its
 * bounds count unless `here` says this function runs it too (a serial prange nested in a prange,
 * or main's own copy of a small one).
 */
function forEachTopExpr(body: readonly Stmt[], f: (e: Expr) => void, here: (p: PrangeStmt) => boolean): void {
  for (const x of body) {
    switch (x.k) {
      case "expr":
        f(x.e);
        break;
      case "let":
        if (x.init) f(x.init);
        break;
      case "return":
        if (x.e) f(x.e);
        break;
      case "if":
        f(x.c);
        forEachTopExpr(x.t, f, here);
        forEachTopExpr(x.f, f, here);
        break;
      case "loop":
        forEachTopExpr(x.init, f, here);
        if (x.cond) f(x.cond);
        if (x.update) f(x.update);
        forEachTopExpr(x.body, f, here);
        break;
      case "prange":
        f(x.rangeStart);
        f(x.rangeStop);
        f(x.rangeStep);
        if (here(x)) forEachTopExpr(x.body, f, here);
        break;
      case "block":
        forEachTopExpr(x.body, f, here);
        break;
      default:
        break;
    }
  }
}
