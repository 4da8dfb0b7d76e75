/**
 * Which prange bodies run two iterations per step (see vector.ts), and the value each lane
 * computes with. A lane holds a double for every numeric expression: integer-typed ones too,
 * since type inference gives an integer type only where double arithmetic gives the same value
 * (no -0, no rounding), and a comparison yields an all-ones/all-zeros lane mask. Branches are
 * if-converted: both sides run on both lanes and their effects are masked, which is sound
 * because every expression accepted here is pure and cannot trap (array elements are only
 * `a[i]`, checked in bounds for the whole chunk before the two-lane loop starts).
 *
 * Inner `for` loops run inside the two-lane body when their control is *uniform*: the init,
 * condition and update read only live-ins, constants and the counters of such loops, and nothing
 * in the body assigns those counters, so both lanes take the same trip count and the counter stays
 * one scalar. An element read elsewhere than `a[i + c]` (a *gather*) is read with the scalar code:
 * once and splatted when its index is uniform (`cs[c * d + j]`), once per lane when the index also
 * reads the prange index (`p[i * d + j]`, lane 1 with i + 1). A gather's array is not written by
 * the loop, and its site must be proven in bounds by the chunk's entry check (hoist.ts), which
 * then guards the two-lane loop too. An inner reduction such as `dist += t * t` runs per lane in
 * the serial order, so each lane's result is the scalar iteration's, bit for bit.
 */
import type { Expr, Pos, PrangeStmt, Reduction, Stmt, Var } from "../model/ir.js";
import { IMPORTED_MATH, mathArity } from "../model/builtins.js";
import { forEachExprInStmts, forEachStmt, visitExpr } from "../model/walk.js";
import { exprEquals } from "../analysis/exprs.js";
import { planChunk } from "./hoist.js";
import { laneFunction } from "./mathlink.js";

/** Native f64x2 unary operations of Math. */
export const UNARY_MATH: Readonly<Record<string, number>> = { sqrt: 0xef, abs: 0xec, floor: 0x75, ceil: 0x74, trunc: 0x7a };

/** Compound assignments a lane local takes (`x op= e` is `x = x op e` on the lanes). */
export const COMPOUND: ReadonlyMap<string, string> = new Map([["+=", "+"], ["-=", "-"], ["*=", "*"], ["/=", "/"]]);
const COMPARE = new Set(["<", "<=", ">", ">=", "==", "!=", "===", "!=="]);
/** Bitwise operators run on the lanes for int32 operands; shifts by a constant count. */
export const BITWISE = new Set(["&", "|", "^", "<<", ">>", ">>>"]);
export const SHIFTS = new Set(["<<", ">>", ">>>"]);
/** Element kinds the lanes load at the index (as doubles, exactly). */
const LANE_LOADS = new Set(["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray"]);

const REDUCTION_WORDS: Readonly<Record<string, string>> = {
  loc: "a compound min/max with its index",
  carried: "carried with a compound min/max",
  minIf: "a min written with a comparison",
  maxIf: "a max written with a comparison",
  flag: "a flag set to a constant",
};

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

/** Why a prange body runs one iteration at a time: what stops two lanes, and where (null: the loop itself). */
export interface ScalarReason {
  readonly why: string;
  readonly at: Pos | null;
}

/** What the two-lane lowering needs to know about a body with inner loops or gathers. */
export interface LaneShape {
  /** variables one scalar holds for both lanes: live-ins and the counters of uniform inner loops */
  readonly uniform: ReadonlySet<Var>;
  /** array variables the body declares or assigns (their lengths may differ between iterations) */
  readonly rebound: ReadonlySet<Var>;
  /**
   * loads not at `i + c`: "uniform" (read once, splatted), "next" (the index grows by exactly 1
   * with i, `a[i + k * n]`: both lanes in one load at lane 0's address) or "lanes" (once per lane)
   */
  readonly gathers: ReadonlyMap<Expr, Gather>;
  /** stores at an index of the prange index and uniform values other than `i` (one store per lane) */
  readonly scatters: ReadonlySet<Expr>;
  /** inner-loop lanes: stores whose index grows by exactly one with the counter (one two-lane store) */
  readonly nextStores: ReadonlySet<Expr>;
  /** inner-loop lanes: locals read by gather or store indices (their scalar holds lane 0's value) */
  readonly shadowed: ReadonlySet<Var>;
  readonly defs: ReadonlyMap<Var, Expr>;
}

/** by loop model: a new analysis of the same loop (another specialisation) makes a new one */
const shapes = new WeakMap<object, LaneShape>();

export type Gather = "uniform" | "next" | "lanes";

/**
 * How much index `e` grows when the prange index grows by 1, when that is a constant (other
 * variables in `e` are uniform: they do not change with the index); null when unknown.
 */
export function slope(p: PrangeStmt, e: Expr, defs?: ReadonlyMap<Var, Expr>): number | null {
  switch (e.k) {
    case "num":
      return Number.isInteger(e.value) ? 0 : null;
    case "var":
      if (defs?.has(e.v)) return slope(p, defs.get(e.v)!, defs);
      return e.v === p.index ? 1 : 0;
    case "unary": {
      const d = e.op === "-" || e.op === "+" ? slope(p, e.e, defs) : null;
      return d === null ? null : e.op === "-" ? -d : d;
    }
    case "binary": {
      const l = slope(p, e.l, defs);
      const r = slope(p, e.r, defs);
      if (l === null || r === null) return null;
      if (e.op === "+") return l + r;
      if (e.op === "-") return l - r;
      if (e.op !== "*") return l === 0 && r === 0 ? 0 : null;
      if (l === 0 && r === 0) return 0;
      if (l === 0 && e.l.k === "num" && Number.isInteger(e.l.value)) return e.l.value * r;
      if (r === 0 && e.r.k === "num" && Number.isInteger(e.r.value)) return e.r.value * l;
      // (a def's literal value is not looked through: a product by it is unknown)
      return null;
    }
    default:
      return null;
  }
}

/**
 * The uniform variables and the gathers of `p`'s body. A variable is uniform when it is a live-in
 * (not a reduction) or a variable that only the control of inner `for` loops writes, from uniform
 * expressions. Counters come first, then a fixpoint drops any whose control reads a non-uniform one.
 */
export function laneShape(p: PrangeStmt): LaneShape {
  const m = p.model!;
  const known = shapes.get(m);
  if (known) return known;
  const reds = new Set<Var>(m.reductions.map((r) => r.v));
  const bodyWrites = new Set<Var>();
  const controlWrites = new Set<Var>();
  const loops: Extract<Stmt, { k: "loop" }>[] = [];
  const writesOf = (e: Expr, into: Set<Var>): void =>
    visitExpr(e, (x) => {
      if (x.k === "assign" || x.k === "update") into.add(x.target);
    });
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.k === "let") {
        bodyWrites.add(s.v);
        if (s.init) writesOf(s.init, bodyWrites);
      } else if (s.k === "expr") writesOf(s.e, bodyWrites);
      else if (s.k === "if") {
        writesOf(s.c, bodyWrites);
        walk(s.t);
        walk(s.f);
      } else if (s.k === "block") walk(s.body);
      else if (s.k === "loop") {
        loops.push(s);
        for (const i of s.init) {
          if (i.k === "let") controlWrites.add(i.v);
          if (i.k === "let" && i.init) writesOf(i.init, controlWrites);
          else if (i.k === "expr") writesOf(i.e, controlWrites);
        }
        if (s.cond) writesOf(s.cond, controlWrites);
        if (s.update) writesOf(s.update, controlWrites);
        walk(s.body);
      }
    }
  };
  walk(p.body);
  // inner-loop lanes (innerLanes below): locals declared once and never assigned stand for their
  // value in indices; their scalar holds lane 0's (vector.ts keeps it), so only indices that need
  // lane 0 alone (uniform or growing by one) may read them
  const inner = (m as { inner?: boolean }).inner === true;
  const defs = new Map<Var, Expr>();
  if (inner) {
    const assigned = new Set<Var>();
    forEachExprInStmts(p.body, (e) => void ((e.k === "assign" || e.k === "update") && assigned.add(e.target)));
    forEachStmt(p.body, (x) => {
      if (x.k === "let" && x.init && !x.v.array && !assigned.has(x.v)) defs.set(x.v, x.init);
    });
  }
  const uniform = new Set<Var>();
  for (const v of m.liveIn) if (!reds.has(v) && !v.array) uniform.add(v);
  for (const v of controlWrites) if (!bodyWrites.has(v) && !reds.has(v) && v !== p.index && !v.array) uniform.add(v);
  /** an index (or value) both lanes share: uniform variables, constants and arithmetic, no assignment */
  // array variables the body (re)binds: a local array declared in it, or one assigned there
  const rebound = new Set<Var>([...bodyWrites, ...controlWrites].filter((v) => v.array));
  const isUniform = (e: Expr): boolean => isUniformControl(e, uniform, false, rebound);
  const controlExprs = (l: Extract<Stmt, { k: "loop" }>): Expr[] => [
    ...l.init.flatMap((i) => (i.k === "let" && i.init ? [i.init] : i.k === "expr" ? [i.e] : [])),
    ...(l.cond ? [l.cond] : []),
    ...(l.update ? [l.update] : []),
  ];
  // drop counters whose control reads something not uniform, until nothing changes
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of loops) {
      const mine = new Set<Var>();
      for (const e of controlExprs(l)) writesOf(e, mine);
      for (const i of l.init) if (i.k === "let") mine.add(i.v);
      if (controlExprs(l).every((e) => isUniformControl(e, uniform, true, rebound))) continue;
      for (const v of mine) if (uniform.delete(v)) changed = true;
    }
  }
  /** an index of the prange index, uniform variables, constants and arithmetic only */
  const ofLanes = (index: Expr, throughDefs = false): boolean => {
    let ok = true;
    visitExpr(index, (x) => {
      if (x.k === "var" && x.v !== p.index && !uniform.has(x.v) && !(throughDefs && defs.has(x.v) && ofLanes(defs.get(x.v)!, true))) ok = false;
      if (x.k !== "var" && x.k !== "num" && x.k !== "binary" && x.k !== "unary") ok = false;
    });
    return ok;
  };
  const slopeOf = (e: Expr): number | null => slope(p, e, inner ? defs : undefined);
  const gathers = new Map<Expr, Gather>();
  const scatters = new Set<Expr>();
  const nextStores = new Set<Expr>();
  forEachExprInStmts(p.body, (e) => {
    if (inner && e.k === "store" && laneOffset(p, e.ref.index) !== 0 && ofLanes(e.ref.index, true) && slopeOf(e.ref.index) === 1) nextStores.add(e);
    else if (!inner && e.k === "store" && laneOffset(p, e.ref.index) !== 0 && !isUniform(e.ref.index) && ofLanes(e.ref.index)) scatters.add(e);
    if (e.k !== "load" || laneOffset(p, e.ref.index) !== null) return;
    if (isUniform(e.ref.index)) gathers.set(e, "uniform");
    else if (inner) {
      if (ofLanes(e.ref.index, true) && slopeOf(e.ref.index) === 1) gathers.set(e, "next");
    } else if (ofLanes(e.ref.index)) gathers.set(e, slopeOf(e.ref.index) === 1 ? "next" : "lanes");
  });
  // locals an index reads, and the locals their values read, and so on (all need lane 0's scalar)
  const shadowed = new Set<Var>();
  const shadow = (e: Expr): void =>
    visitExpr(e, (x) => {
      if (x.k === "var" && defs.has(x.v) && !shadowed.has(x.v)) {
        shadowed.add(x.v);
        shadow(defs.get(x.v)!);
      }
    });
  forEachExprInStmts(p.body, (e) => {
    if ((e.k === "load" || e.k === "store") && (gathers.has(e) || nextStores.has(e))) shadow(e.ref.index);
  });
  const shape = { uniform, gathers, scatters, nextStores, shadowed, defs, rebound };
  shapes.set(m, shape);
  return shape;
}

/**
 * Whether two lanes pay for a body with per-lane gathers or scatters (each costs two scalar
 * accesses and a lane insert or extract where the scalar loop has one access): the body's lane
 * arithmetic, weighted 8x per loop level, must be at least `factor` times their number, likewise
 * weighted. The factor is low (1.5) when the body carries an accumulation (a reduction, or an
 * inner loop updating a variable declared outside it): two lanes then halve a latency chain; it is
 * 5 otherwise, where the scalar loop already overlaps its iterations. Measured on the real-code
 * corpus: a Jacobi sweep (5 gathers, 1 scatter, 5 operations per element) ran 1.6x -> 1.1x on
 * two lanes; k-means (1 gather, 4 operations, an accumulation) 2x faster.
 */
function laneCost(p: PrangeStmt, shape: LaneShape): ScalarReason | null {
  let work = 0;
  let costly = 0;
  let chain = p.model!.reductions.length > 0;
  const inIndex = new Set<Expr>();
  const countExpr = (e: Expr, w: number): void =>
    visitExpr(e, (x) => {
      if (inIndex.has(x)) return;
      if ((x.k === "load" || x.k === "store") && !inIndex.has(x.ref.index)) visitExpr(x.ref.index, (y) => void inIndex.add(y));
      if (x.k === "load" && shape.gathers.get(x) === "lanes") costly += w;
      // a scatter: per lane (twice for op=), except on doubles at neighbouring elements (one v128 access)
      if (x.k === "store" && shape.scatters.has(x) && !(x.ref.array.array === "Float64Array" && slope(p, x.ref.index) === 1)) costly += x.op === "=" ? w : 2 * w;
      if (x.k === "binary") work += w;
      if (x.k === "unary" && x.op === "-") work += w;
      if (x.k === "call") work += 4 * w;
      if ((x.k === "assign" || x.k === "store") && x.op !== "=") work += w;
    });
  const walk = (body: readonly Stmt[], w: number, outer: ReadonlySet<Var> | null): void => {
    for (const s of body) {
      if (s.k === "let" && s.init) countExpr(s.init, w);
      else if (s.k === "expr") {
        countExpr(s.e, w);
        if (outer && s.e.k === "assign" && outer.has(s.e.target)) chain = true;
      } else if (s.k === "if") {
        countExpr(s.c, w);
        walk(s.t, w, outer);
        walk(s.f, w, outer);
      } else if (s.k === "block") walk(s.body, w, outer);
      else if (s.k === "loop") {
        const mine = new Set<Var>();
        forEachStmt(s.body, (x) => void (x.k === "let" && mine.add(x.v)));
        const outside = new Set<Var>();
        // an element at the index read and written in the loop (`x[i] = x[i] + a[...] * y[j]`) is an accumulation too
        const readAt = new Set<Var>();
        const writtenAt = new Set<Var>();
        // and so is an element updated (op=) at an index the loop does not change (`B[i*n + j] += A[k*m + i] * B[k*n + j]`)
        const changes = new Set<Var>(mine);
        forEachExprInStmts([s], (e) => void ((e.k === "assign" || e.k === "update") && changes.add(e.target)));
        for (const i of s.init) if (i.k === "let") changes.add(i.v);
        forEachExprInStmts(s.body, (e) => {
          if (e.k === "store" && e.op !== "=") {
            let fixed = true;
            visitExpr(e.ref.index, (y) => void (y.k === "var" && changes.has(y.v) && (fixed = false)));
            if (fixed) chain = true;
          }
          if (e.k === "assign" && !mine.has(e.target)) outside.add(e.target);
          if (e.k === "load" && laneOffset(p, e.ref.index) === 0) readAt.add(e.ref.array);
          if (e.k === "store" && laneOffset(p, e.ref.index) === 0) writtenAt.add(e.ref.array);
          if (e.k === "store" && e.op !== "=" && laneOffset(p, e.ref.index) === 0) readAt.add(e.ref.array);
        });
        for (const a of writtenAt) if (readAt.has(a)) chain = true;
        walk(s.body, w * 8, outside);
      }
    }
  };
  walk(p.body, 1, null);
  if (costly === 0) return null;
  const factor = chain ? 1.5 : 5;
  if (work >= factor * costly) return null;
  return { why: `its per-lane element reads and writes (weight ${costly}) would cost more than two lanes save on its arithmetic (weight ${work}, below ${factor}x theirs)`, at: null };
}

/**
 * A control expression of a uniform loop: only uniform variables, lengths of arrays the body does
 * not rebind (`rebound`), constants and arithmetic, and (with `assigns`) assignments to uniform
 * variables.
 */
function isUniformControl(e: Expr, uniform: ReadonlySet<Var>, assigns: boolean, rebound: ReadonlySet<Var>): boolean {
  let ok = true;
  visitExpr(e, (x) => {
    if (x.k === "var" && !uniform.has(x.v)) ok = false;
    if ((x.k === "assign" || x.k === "update") && (!assigns || !uniform.has(x.target))) ok = false;
    // the length of an array variable the body never rebinds is the same in every iteration
    if (x.k === "length" && rebound.has(x.array)) ok = false;
    if (x.k === "load" || x.k === "call" || x.k === "atomic" || x.k === "store" || x.k === "updateElem" || x.k === "newArray" || x.k === "comma") ok = false;
  });
  return ok;
}

/**
 * An innermost `for (let k = A; k < B; k++)` loop of a prange body as a two-lane loop over its
 * counter (lanes k and k + 1; vector.ts emitInnerLanes), or null. It is checked as the body of
 * a prange over `k` whose live-ins are what it reads from outside, with the rules for a serial
 * loop: it assigns no variable declared outside it (no reductions: their order is the plain
 * one), reads no array it writes, stores only at one index per array, not under a condition, at
 * `k` or growing by one with `k`, and reads at such indices or at ones `k` does not change. Its
 * accesses must be proven by the chunk plan (the caller emits it only on the fast path).
 */
export function innerLanes(s: Extract<Stmt, { k: "loop" }>): PrangeStmt | null {
  if (s.kind !== "for" || s.init.length !== 1 || !s.cond || !s.update) return null;
  const init = s.init[0]!;
  if (init.k !== "let" || !init.init || init.v.array || init.v.ty!.k !== "i32") return null;
  const k = init.v;
  const c = s.cond;
  if (c.k !== "binary" || c.op !== "<" || c.l.k !== "var" || c.l.v !== k) return null;
  const u = s.update;
  const steps = (u.k === "update" && u.op === "++" && u.target === k) || (u.k === "assign" && u.op === "+=" && u.target === k && u.value.k === "num" && u.value.value === 1);
  if (!steps) return null;
  let nested = false;
  forEachStmt(s.body, (x) => void (nested ||= x.k === "loop" || x.k === "prange"));
  if (nested || s.body.length === 0) return null;
  const declared = new Set<Var>();
  forEachStmt(s.body, (x) => void (x.k === "let" && declared.add(x.v)));
  let outside = false;
  const reads = new Set<Var>();
  const scan = (e: Expr): void =>
    visitExpr(e, (x) => {
      if ((x.k === "assign" || x.k === "update") && !declared.has(x.target)) outside = true;
      if (x.k === "var" && !declared.has(x.v) && x.v !== k && !x.v.array) reads.add(x.v);
    });
  forEachExprInStmts(s.body, scan);
  scan(c.r);
  if (outside) return null;
  let bound = true;
  visitExpr(c.r, (x) => void (bound &&= x.k === "num" || x.k === "var" || x.k === "binary" || x.k === "unary" || x.k === "length"));
  if (!bound) return null;
  const written = new Set<Var>();
  const read = new Set<Var>();
  forEachExprInStmts(s.body, (e) => {
    if (e.k === "store" || e.k === "updateElem") written.add(e.ref.array);
    if (e.k === "load") read.add(e.ref.array);
  });
  const model = {
    liveIn: [...reads], reductions: [], arrayReductions: [], partialBytes: 0, privates: [], shared: [],
    arraysRead: [...read], arraysWritten: [...written], serialUnless: [], shiftsAssumed: [], diagnostics: [0, 0] as const, inner: true,
  };
  const p = { k: "prange", id: -1, index: k, body: s.body, rangeStart: init.init, rangeStop: c.r, rangeStep: init.init, serial: true, model, start: s.start, end: s.end } as unknown as PrangeStmt;
  return laneVerdict(p) === null ? p : null;
}

/** Whether `l % r` (the binary `e`) is of non-negative integers below EXACT_REM and by a nonzero one: `l - trunc(l / r) * r` on the lanes. */
export function exactRem(e: Extract<Expr, { k: "binary" }>): boolean {
  if (!isInt(e) || !isInt(e.l) || !isInt(e.r)) return false;
  const l = bounds(e.l);
  const r = bounds(e.r);
  const rMax = Math.max(Math.abs(r.lo), Math.abs(r.hi));
  return l.lo >= 0 && l.hi + rMax < EXACT_REM && (r.lo > 0 || r.hi < 0);
}

/** Whether the parallel loop `p` can run two iterations per step. */
export function vectorisable(p: PrangeStmt): boolean {
  return laneVerdict(p) === null;
}

/** null when the parallel loop `p` can run two iterations per step; else the first thing that stops it. */
export function laneVerdict(p: PrangeStmt): ScalarReason | null {
  const m = p.model!;
  const loopWide = (why: string): ScalarReason => ({ why, at: null });
  if (m.shared.length) return loopWide(`it writes the shared scalar '${m.shared[0]!.name}' (two lanes keep no shared state)`);
  // privates (an outer `let x` that every iteration writes before it reads, dead after the loop:
  // C-style declarations at the top) are lane locals like the body's own
  const privates = new Set<Var>(m.privates);
  // the race proof: no two iterations touch one element where either writes it (conditions on
  // the index may keep two sites apart, so lanes store only where their mask is set), so neither
  // lane can see the other's stores, whatever order the lanes interleave them in (not for
  // inner-loop lanes, whose trips the proof says nothing of)
  const independent = (m as { inner?: boolean }).inner !== true && m.diagnostics[0] === m.diagnostics[1] && m.serialUnless.length === 0;
  if (m.arrayReductions.length) return loopWide(`it reduces the array '${m.arrayReductions[0]!.array.name}' through private copies`);
  const reds = new Map<Var, Reduction>(m.reductions.map((r) => [r.v, r]));
  for (const r of m.reductions) {
    if (r.v.ty!.k !== "f64") return loopWide(`the reduction of '${r.v.name}' is on integers or booleans (two lanes reduce doubles only)`);
    if (!["+", "*", "min", "max"].includes(r.op)) return loopWide(`the reduction of '${r.v.name}' is ${REDUCTION_WORDS[r.op] ?? r.op} (two lanes reduce with +, *, Math.min or Math.max only)`);
  }
  let reason: ScalarReason | null = null;
  /** records the first (innermost) failure and returns false */
  const no = (at: Pos, why: string): false => {
    reason ??= { why, at };
    return false;
  };
  const numeric = (v: Var): boolean => !v.array && v.ty!.k === "f64" || v.ty!.k === "i32" || v.ty!.k === "i64";
  const okVar = (v: Var): boolean => v === p.index || (!v.array && numeric(v) && (v.owner === p || !reds.has(v)));
  const okIndex = (e: Expr): boolean => e.k === "var" && e.v === p.index;
  // arrays the body stores to: their elements are read only at the index itself (a lane reading
  // a neighbour another lane writes would see the old value)
  const written = new Set<Var>();
  forEachExprInStmts(p.body, (e) => {
    if (e.k === "store" || e.k === "updateElem") written.add(e.ref.array);
  });
  const shape = laneShape(p);
  const inner = (m as { inner?: boolean }).inner === true;
  let underIf = 0;
  /** inside a `?:` branch or the right operand of `&&`/`||` */
  let guarded = 0;
  const storeIndex = new Map<Var, Expr>();
  const declared = new Set<Var>();
  forEachStmt(p.body, (x) => void (x.k === "let" && declared.add(x.v)));
  /** gathers and scatters: their sites must be proven in bounds by the chunk's entry check */
  const computed: Extract<Expr, { k: "load" | "store" }>[] = [];
  const notBool = (x: Expr): boolean => x.ty!.k !== "bool" || no(x, "a boolean is used as a number");
  const ok = (e: Expr): boolean => {
    switch (e.k) {
      case "num":
        return true;
      case "bool":
        return true;
      case "var":
        return okVar(e.v) || no(e, v2why(e.v, reds));
      case "load": {
        const off = laneOffset(p, e.ref.index);
        if (!LANE_LOADS.has(e.ref.array.array!)) return no(e, `it reads a ${e.ref.array.array}`);
        // inner-loop lanes have no range check of their own: the plan proves a site under a
        // condition only where it holds, and both sides run on both lanes
        if (inner && (underIf || guarded)) return no(e, "the inner loop reads an element under a condition (the lanes read both sides)");
        if (off === null && shape.gathers.has(e)) {
          if (written.has(e.ref.array) && !independent) return no(e, "it reads an element of an array the loop writes at an index other than `i + c`, in a loop whose independence is not proven");
          // both sides of a branch run on both lanes: a gather there would be read, unchecked, for
          // lanes whose condition is false, which the chunk plan (narrowing by that condition) does not cover
          if (underIf || guarded) return no(e, "it reads an element at a computed index under a condition (the lanes read both sides)");
          computed.push(e);
          return true;
        }
        if (off === null) return no(e, "it reads an element not at the index (two lanes read `a[i + c]`, or elsewhere at an index of the index, live-ins and uniform loop counters)");
        if (inner && written.has(e.ref.array)) return no(e, "the inner loop reads an array it writes");
        return off === 0 || !written.has(e.ref.array) || no(e, "it reads a neighbour of an element the loop writes");
      }
      case "unary":
        if (e.op === "!") return (e.ty!.k === "bool" && e.e.ty!.k === "bool") ? ok(e.e) : no(e, "`!` of a number");
        if (e.op === "-" || e.op === "+") return notBool(e.e) && ok(e.e);
        return no(e, `the operator \`${e.op}\``);
      case "binary":
        if (COMPARE.has(e.op)) return notBool(e.l) && notBool(e.r) && ok(e.l) && ok(e.r);
        if (e.ty!.k === "bool") return no(e, `\`${e.op}\` on booleans`);
        if (BITWISE.has(e.op)) {
          // on int32 operands ToInt32 is the identity: exact through i32x4 lanes and back
          if (e.l.ty!.k !== "i32") return no(e, `\`${e.op}\` on an operand that is not an int32`);
          if (!ok(e.l)) return false;
          if (SHIFTS.has(e.op)) return (e.r.k === "num" && Number.isInteger(e.r.value)) || no(e, "a shift by a count that is not a constant");
          return e.r.ty!.k === "i32" ? ok(e.r) : no(e, `\`${e.op}\` on an operand that is not an int32`);
        }
        // `%`: of non-negative integers in one formula; of other numbers as the scalar code
        // computes it (vector.ts: the integer formula when both lanes' operands are integers, else per lane)
        if (e.op === "%") return notBool(e.l) && notBool(e.r) && ok(e.l) && ok(e.r);
        if (e.op === "+" || e.op === "-" || e.op === "*" || (e.op === "/" && e.ty!.k === "f64")) return notBool(e.l) && notBool(e.r) && ok(e.l) && ok(e.r);
        return no(e, `the operator \`${e.op}\``);
      case "logical": {
        if (e.op === "??") return no(e, "`??`");
        if (!(e.ty!.k === "bool" && e.l.ty!.k === "bool" && e.r.ty!.k === "bool")) return no(e, `\`${e.op}\` on numbers`);
        if (!ok(e.l)) return false;
        // the right operand runs on both lanes whatever the left gave: it is guarded as a branch is
        guarded++;
        const r = ok(e.r);
        guarded--;
        return r;
      }
      case "cond": {
        if (e.c.ty!.k !== "bool" || e.ty!.k === "bool" || e.t.ty!.k === "bool" || e.f.ty!.k === "bool") return no(e, "a `?:` with a number condition or boolean branches");
        if (!ok(e.c)) return false;
        guarded++;
        const r = ok(e.t) && ok(e.f);
        guarded--;
        return r;
      }
      case "call":
        if (e.ty!.k !== "f64" && !isInt(e)) return no(e, `Math.${e.fn} gives a boolean`);
        if (UNARY_MATH[e.fn] !== undefined || e.fn === "round" || (IMPORTED_MATH.has(e.fn) && e.fn !== "random" && e.fn !== "hypot")) {
          const arity = mathArity(e.fn, e.args.length);
          if (e.args.length !== arity) return no(e, `Math.${e.fn} with ${e.args.length} arguments`);
          return e.args.every((a) => notBool(a) && ok(a));
        }
        if (e.fn === "min" || e.fn === "max") return e.args.length === 2 ? e.args.every((a) => notBool(a) && ok(a)) : no(e, `Math.${e.fn} with ${e.args.length} arguments`);
        return no(e, `it calls Math.${e.fn}`);
      case "assign":
        return no(e, "an assignment inside an expression");
      case "store":
      case "updateElem":
        return no(e, "an array store inside an expression");
      case "update":
        return no(e, `\`${e.op}\` (two lanes assign with \`=\` only)`);
      case "length":
        return no(e, "`.length` inside the loop");
      default:
        return no(e, "a comma expression");
    }
  };
  const okStmt = (s: Stmt): boolean => {
    if (s.k === "let") {
      if (s.v.array) return no(s, `the local array '${s.v.name}'`);
      if (!numeric(s.v)) return no(s, `the boolean local '${s.v.name}'`);
      if (s.init === null) return no(s, `'${s.v.name}' is declared without a value`);
      return notBool(s.init) && ok(s.init);
    }
    if (s.k === "block") return s.body.every(okStmt);
    if (s.k === "if") {
      if (!(s.c.ty!.k === "bool" || no(s.c, "an `if` on a number")) || !ok(s.c)) return false;
      underIf++;
      const r = s.t.every(okStmt) && s.f.every(okStmt);
      underIf--;
      return r;
    }
    if (s.k === "loop") {
      if (s.kind !== "for") return no(s, `an inner \`${s.kind}\` loop (two lanes run inner \`for\` loops only)`);
      // the control runs for both lanes: under a condition it would step counters (or loop) for a lane that does not enter
      if (underIf) return no(s, "an inner loop under a condition (the lanes would run its control whatever the condition)");
      const own = new Set<Var>(s.init.flatMap((i) => (i.k === "let" ? [i.v] : [])));
      let foreign = false;
      for (const e of [s.cond, s.update, ...s.init.map((i) => (i.k === "let" ? i.init : i.k === "expr" ? i.e : null))]) {
        if (e) visitExpr(e, (x) => void ((x.k === "assign" || x.k === "update") && !own.has(x.target) && (foreign = true)));
      }
      if (foreign) return no(s, "an inner loop whose control assigns a variable other than its own counters");
      const counters = s.init.every((i) => i.k === "let" && !i.v.array && shape.uniform.has(i.v) && i.init !== null);
      const control = [...s.init.map((i) => (i.k === "let" ? i.init! : null)), s.cond, s.update].every((e) => e === null || isUniformControl(e, shape.uniform, true, shape.rebound));
      if (!counters || !control || s.cond === null) return no(s, "an inner loop whose bounds or counter depend on the iteration (two lanes need the same trip count in both)");
      return s.body.every(okStmt);
    }
    if (s.k === "prange") return no(s, "a nested prange");
    if (s.k !== "expr") return no(s, `\`${s.k}\``);
    const e = s.e;
    if (e.k === "store" && inner) {
      // inner-loop lanes: stores at the counter or growing by one with it, not under a condition,
      // and every store to an array at the same index (then the lanes write different elements
      // and each element is written by one lane only)
      const kind = e.ref.array.array!;
      const storable = kind === "Float64Array" || kind === "Float32Array" || ((kind === "Int32Array" || kind === "Uint32Array") && e.value.ty!.k === "i32" && e.op === "=");
      if (!storable) return no(e, `it stores to a ${kind}`);
      if (e.op !== "=" && !COMPOUND.has(e.op)) return no(e, `a compound store \`${e.op}\` to an element`);
      if (underIf) return no(e, "the inner loop stores under a condition");
      if (!okIndex(e.ref.index) && !shape.nextStores.has(e)) return no(e, "the inner loop stores at an index that does not grow by one with its counter");
      const seen = storeIndex.get(e.ref.array);
      if (seen !== undefined && !exprEquals(seen, e.ref.index)) return no(e, "the inner loop stores to one array at two different indices");
      storeIndex.set(e.ref.array, e.ref.index);
      return notBool(e.value) && ok(e.value);
    }
    if (e.k === "store") {
      const kind = e.ref.array.array!;
      // integer elements take the exact int32 of an int32-typed value (ToInt32 is the identity)
      const storable = kind === "Float64Array" || kind === "Float32Array" || ((kind === "Int32Array" || kind === "Uint32Array") && e.value.ty!.k === "i32");
      const elsewhere = !okIndex(e.ref.index) && shape.scatters.has(e) && independent;
      if (e.op !== "=" && !(COMPOUND.has(e.op) && (okIndex(e.ref.index) || elsewhere) && (kind === "Float64Array" || kind === "Float32Array"))) {
        return no(e, `a compound store \`${e.op}\` to an element (two lanes take \`+= -= *= /=\` on float elements at the index, or elsewhere in a loop proven free of races)`);
      }
      if (!storable) return no(e, `it stores to a ${kind}${kind === "Int32Array" || kind === "Uint32Array" ? " a value that is not an int32" : ""}`);
      if (!okIndex(e.ref.index) && shape.scatters.has(e)) {
        // one store per lane, interleaved with the other lane's statements: the same as the plain
        // order only when no two iterations touch the same element, which the race proof says
        if (!independent) return no(e, "it stores to an element not at the index in a loop whose independence is not proven");
        computed.push(e);
        return notBool(e.value) && ok(e.value);
      }
      if (!okIndex(e.ref.index)) return no(e, "it stores to an element not at the index (two lanes store `a[i]`, or, in a loop proven free of races, at an index of the index and uniform values)");
      return notBool(e.value) && ok(e.value);
    }
    if (e.k === "updateElem") return no(e, `\`${e.op}\` on an element`);
    if (e.k !== "assign") return ok(e) && no(e, "an expression statement that is not an assignment");
    const r = reds.get(e.target);
    if (r) {
      const v = reductionValue(r, e);
      if (v === null) return no(e, `the update of '${r.v.name}' is not written as \`s op= e\``);
      return notBool(v) && ok(v);
    }
    if (e.op !== "=" && !COMPOUND.has(e.op)) return no(e, `\`${e.op}\` on the local '${e.target.name}' (two lanes assign with \`=\`, \`+=\`, \`-=\`, \`*=\` and \`/=\` only)`);
    if (e.target.owner !== p && !privates.has(e.target) && !(inner && declared.has(e.target))) return no(e, `it assigns the outer variable '${e.target.name}'`);
    if (!numeric(e.target)) return no(e, `it assigns the boolean '${e.target.name}'`);
    return notBool(e.value) && ok(e.value);
  };
  if (p.body.length === 0) return loopWide("the body is empty");
  if (!p.body.every(okStmt)) return reason ?? loopWide("its body");
  let hasLoops = false;
  forEachStmt(p.body, (x) => void (hasLoops ||= x.k === "loop"));
  if (hasLoops) {
    // per-lane scalar calls in an inner loop gain nothing over the scalar loop and cost code
    // (each call inlined once per lane): such bodies stay scalar
    let scalarCall: Extract<Expr, { k: "call" }> | null = null;
    forEachExprInStmts(p.body, (e) => {
      if (e.k === "call" && !scalarCall && UNARY_MATH[e.fn] === undefined && e.fn !== "min" && e.fn !== "max" && !laneFunction(e.fn)) scalarCall = e;
    });
    if (scalarCall) return { why: `it has an inner loop and calls Math.${(scalarCall as Extract<Expr, { k: "call" }>).fn}, which has no two-lane version`, at: scalarCall };
  }
  const verdict = laneCost(p, shape);
  if (verdict) return verdict;
  // (inner-loop lanes: the caller emits them only where the chunk plan proves every site)
  if (computed.length && !inner) {
    // gathers and scatters have no per-access check on the lanes: the chunk's entry check must prove them
    const plan = planChunk(p);
    const unproven = computed.find((g) => !plan || !plan.sites.has(g.ref.site));
    if (unproven) return { why: "it reads an element at a computed index that the chunk's entry check does not prove in bounds", at: unproven };
  }
  return null;
}

function v2why(v: Var, reds: ReadonlyMap<Var, Reduction>): string {
  if (v.array) return `the array '${v.name}' is used as a value`;
  if (reds.has(v)) return `the reduction variable '${v.name}' is read inside the loop`;
  return `'${v.name}' is a boolean`;
}
