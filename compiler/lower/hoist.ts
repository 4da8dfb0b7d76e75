/**
 * The checked-once fast path of a prange chunk: bounds checks hoisted out of the chunk and out of
 * its inner counted loops, and integer index arithmetic narrowed to i32.
 *
 * An *index tree* is an integer expression built with `+`, `-` and `*` from leaves whose range is
 * known when the chunk starts: integer constants, array lengths, integer live-ins (values the loop
 * only reads; a double live-in too, when the chunk finds it an int32 other than -0), the prange
 * index (its range is the chunk's; a double index when the start and step are int32), the counters of enclosing canonical
 * `for` loops of the body (`for (let j = A; j < B; j++)` with A and B index trees: j lies in
 * [A.lo, B.hi - 1] inside its body, and nothing else writes it), locals written once by their
 * declaration from an index tree (`const c = i*m + j*n + k`), and privates of the loop assigned
 * once in its body from a tree (`index = i*n + j` with `let index` outside), after that write. At chunk entry every node's extent
 * [lo, hi] is computed by interval arithmetic in 64-bit integers, and the chunk takes the fast path
 * when
 *   - every node's extent lies in int32 (then computing it with wrapping i32 instructions gives
 *     the exact integer, which is also what JavaScript's doubles give: no rounding below 2^53),
 *   - no product whose type is not already an integer could be -0 (a zero times a negative),
 *   - every access whose index is a tree lies in [0, length) of its array.
 * The fast path runs a copy of the body with those accesses unchecked and those nodes (and the
 * locals and live-ins they read) typed i32; otherwise the fully checked body runs, which raises
 * the exact RangeError at the exact access. The extents over-approximate the values (a box over
 * the counters, accesses under conditions included), so a failed test only costs speed.
 *
 *   lo_i = start + itLo*step;  hi_i = start + (itHi-1)*step          (ordered, i64)
 *   ok = AND over nodes (extent in int32, no -0) AND over accesses (0 <= lo && hi < length)
 *   if ok { loop with the narrowed types, unchecked sites } else { loop, all checked }
 */
import { type Expr, I32_MAX, I32_MIN, i32, type PrangeStmt, type Stmt, type Ty, type Var } from "../model/ir.js";
import { forEachExprInStmts, visitExpr } from "../model/walk.js";
import { exprEquals } from "../analysis/exprs.js";
import type { FnLowerer } from "./fn.js";
import { ValType } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";

type Tree =
  | { readonly k: "const"; readonly value: number }
  | { readonly k: "len"; readonly array: Var }
  | { readonly k: "var"; readonly v: Var }
  | { readonly k: "index" }
  | { readonly k: "local"; readonly v: Var; readonly init: Tree }
  | { readonly k: "box"; readonly v: Var; readonly cmp: "<" | "<=" | ">" | ">="; readonly step: number; readonly init: Tree; readonly bound: Tree }
  /**
   * integer division `Math.floor(l / r)`, `Math.trunc(l / r)`, `(l / r) | 0` of l >= 0 by r >= 1
   * (tested at chunk entry; `Math.floor(i / w)`, a row from a flat index): [l.lo / r.hi, l.hi / r.lo];
   * i32.div_s of the operands on the fast path (`FnLowerer.fastDivs`). `exact`: a plain `l / r` of
   * single values at chunk entry that divide exactly, by r >= 1 (`a[i + n / 2]` for an even n)
   */
  | { readonly k: "div"; readonly l: Tree; readonly r: Tree; readonly e: Expr; readonly le: Expr; readonly re: Expr; readonly exact: boolean }
  /** `Math.min` / `Math.max` of trees (clamp to edge: `src[Math.min(Math.max(x + dx, 0), w - 1)]`) */
  | { readonly k: "minmax"; readonly fn: "min" | "max"; readonly args: readonly Tree[]; readonly e: Expr }
  /** `%` only of a non-negative tree by a positive one (tested at chunk entry): periodic boundaries, `a[(i + 1) % n]` */
  /**
   * also `<<`, `>>`, `>>>` by a constant count (`(y * w + x) << 2`: RGBA pixels) and `&` with an
   * operand that is not negative (`i & mask`): int32 results, exact where the extents are tested
   */
  | { readonly k: "bin"; readonly op: "+" | "-" | "*" | "%" | "<<" | ">>" | ">>>" | "&"; readonly l: Tree; readonly r: Tree; readonly e: Expr }
  /**
   * a running index (`let pos = j * rowSize` and `u[++pos]` in the loop that follows): `init`
   * plus at most `trip` (its steps' [down, up]) per trip of the loop over [a, b) (`cmp`, `step`),
   * so every value it takes lies in [init.lo + T * down, init.hi + T * up] for T trips at most;
   * inside the body, [init.lo + (T - 1) * down + partial.down, init.hi + (T - 1) * up + partial.up]
   */
  | { readonly k: "induct"; readonly v: Var; readonly init: Tree; readonly a: Tree; readonly b: Tree; readonly cmp: "<" | "<=" | ">" | ">=";
      readonly step: number; readonly loop: Stmt; readonly trip: { readonly down: number; readonly up: number };
      /** inside the loop's body: the steps this trip may have taken so far (earlier trips: at most T - 1) */
      readonly partial: { readonly down: number; readonly up: number } | null }
  /**
   * `base` inside a branch whose condition bounds it: [max(base.lo, lo.lo + loAdj), min(base.hi, hi.hi + hiAdj)];
   * with `ne` (`v !== e`, e one value at chunk entry), an end of that range equal to e moves in by one
   */
  | { readonly k: "clamp"; readonly base: Tree; readonly lo: Tree | null; readonly loAdj: number; readonly hi: Tree | null; readonly hiAdj: number;
      readonly ne: Tree | null };

export interface ChunkPlan {
  /** access sites proven in bounds on the fast path */
  readonly sites: ReadonlySet<number>;
  readonly checks: readonly { readonly t: Tree; readonly array: Var }[];
  /** tree nodes whose general type is not i32 (typed i32 on the fast path) */
  readonly exprs: ReadonlySet<Expr>;
  /** locals and live-ins read by the trees whose general type is not i32 */
  readonly vars: ReadonlySet<Var>;
  /** the live-ins among `vars` (the others are locals of the body) */
  readonly liveIns: ReadonlySet<Var>;
  /** every `var` expression of the body, by variable */
  readonly uses: ReadonlyMap<Var, readonly Expr[]>;
  /** integer quotients computed as i32.div_s on the fast path, with their operands */
  readonly divs: ReadonlyMap<Expr, { readonly l: Expr; readonly r: Expr }>;
}

const isIntTy = (t: Ty | undefined): boolean => t !== undefined && (t.k === "i32" || t.k === "i64");

/** The fast path of `p`'s chunks, or null when no access or index node gains from one. */
export function planChunk(p: PrangeStmt): ChunkPlan | null {
  if (p.index.ty!.k !== "i32" && p.index.ty!.k !== "f64") return null;
  const m = p.model!;
  const liveIn = new Set(m.liveIn);
  const outer = new Set<Var>([...m.reductions.map((r) => r.v), ...m.shared, ...m.privates]);
  const privates = new Set<Var>(m.privates);
  const writes = new Map<Var, number>();
  const uses = new Map<Var, Expr[]>();
  const writeNodes = new Map<Var, Expr[]>();
  // variables one of whose reads passes its representation on unconverted: the value of a
  // store (or Atomics.store) or the last operand of a comma (their own type is the general one)
  const leaky = new Set<Var>();
  const scan = (e: Expr): void =>
    visitExpr(e, (x) => {
      if (x.k === "assign" || x.k === "update") {
        writes.set(x.target, (writes.get(x.target) ?? 0) + 1);
        let l = writeNodes.get(x.target);
        if (!l) writeNodes.set(x.target, (l = []));
        l.push(x);
      }
      if (x.k === "var") {
        let l = uses.get(x.v);
        if (!l) uses.set(x.v, (l = []));
        l.push(x);
      }
      const passed = x.k === "store" && x.op === "=" ? x.value : x.k === "comma" ? x.es[x.es.length - 1]! : x.k === "atomic" && x.op === "store" ? x.args[0]! : null;
      if (passed && passed.k === "var") leaky.add(passed.v);
      if (passed && (passed.k === "update" || passed.k === "assign")) leaky.add(passed.target);
    });
  const scanStmts = (ss: readonly Stmt[]): void => {
    for (const s of ss) {
      switch (s.k) {
        case "expr": scan(s.e); break;
        case "let": if (s.init) scan(s.init); break;
        case "return": if (s.e) scan(s.e); break;
        case "if": scan(s.c); scanStmts(s.t); scanStmts(s.f); break;
        case "loop":
          scanStmts(s.init);
          if (s.cond) scan(s.cond);
          if (s.update) scan(s.update);
          scanStmts(s.body);
          break;
        case "prange": scan(s.rangeStart); scan(s.rangeStop); scan(s.rangeStep); scanStmts(s.body); break;
        case "block": scanStmts(s.body); break;
        default: break;
      }
    }
  };
  scanStmts(p.body);

  /**
   * The trees of the variables in scope, and the else-branch facts of conjunctions: `notAll`
   * holds lists [A1, A2, ...] of conditions known not to hold together (the else of
   * `if (A1 && A2)`), so that where all but one are known true the last one is known false
   * (hotspot's corner cases before its edge cases: in `else if (r === 0)` after
   * `if (r === 0 && c === 0)`, c !== 0).
   */
  type Env = Map<Var, Tree> & { notAll?: readonly (readonly Expr[])[] };
  const fork = (env: Env): Env => {
    const e: Env = new Map(env);
    e.notAll = env.notAll;
    return e;
  };
  const tree = (e: Expr, env: Env): Tree | null => {
    switch (e.k) {
      case "num":
        return Number.isInteger(e.value) && !Object.is(e.value, -0) && e.value >= I32_MIN && e.value <= I32_MAX ? { k: "const", value: e.value } : null;
      case "length":
        // an array made in the body has no length at chunk entry
        return e.array.owner === p ? null : { k: "len", array: e.array };
      case "unary": {
        // a negative literal (-1)
        const v = e.op === "-" && e.e.k === "num" ? -e.e.value : NaN;
        return Number.isInteger(v) && !Object.is(v, -0) && v >= I32_MIN && v <= I32_MAX ? { k: "const", value: v } : null;
      }
      case "var": {
        const v = e.v;
        const t = env.get(v);
        if (t) return t;
        if (v === p.index) return { k: "index" };
        // a double live-in takes part when the chunk finds it an int32 (not -0): `dual` of `dual *= 2`
        if (liveIn.has(v) && !v.array && (v.ty!.k === "i32" || ((v.ty!.k === "i64" || v.ty!.k === "f64") && !leaky.has(v)))) return { k: "var", v };
        return null;
      }
      case "update":
      case "assign": {
        // `++pos`, `pos++`, `pos += 2`: inside the running index's extent, before and after; a
        // postfix step's value is that before its own step, which the statement's steps so far
        // (the extent at this statement) count
        const t = env.get(e.target);
        if (!t || t.k !== "induct") return null;
        if (e.k !== "update" || e.prefix || !t.partial) return t;
        const d = e.op === "++" ? 1 : -1;
        return { ...t, partial: { down: t.partial.down - Math.min(d, 0), up: t.partial.up - Math.max(d, 0) } };
      }
      case "call": {
        const q = e.args[0];
        if ((e.fn === "floor" || e.fn === "trunc") && e.args.length === 1 && q!.k === "binary" && q!.op === "/") {
          const l = tree(q!.l, env);
          const r = l && tree(q!.r, env);
          return l && r ? { k: "div", l, r, e, le: q!.l, re: q!.r, exact: false } : null;
        }
        // integers (no -0 among trees), so the i32 selects the narrowed call emits give Math's answer
        if ((e.fn !== "min" && e.fn !== "max") || e.args.length === 0) return null;
        const args = e.args.map((a) => tree(a, env));
        return args.every((a): a is Tree => a !== null) ? { k: "minmax", fn: e.fn, args, e } : null;
      }
      case "binary": {
        if (e.op === "|" && e.r.k === "num" && e.r.value === 0 && e.l.k === "binary" && e.l.op === "/") {
          const l = tree(e.l.l, env);
          const r = l && tree(e.l.r, env);
          return l && r ? { k: "div", l, r, e, le: e.l.l, re: e.l.r, exact: false } : null;
        }
        if (e.op === "/") {
          const l = tree(e.l, env);
          const r = l && tree(e.r, env);
          return l && r ? { k: "div", l, r, e, le: e.l, re: e.r, exact: true } : null;
        }
        const shift = (e.op === "<<" || e.op === ">>" || e.op === ">>>") && e.r.k === "num" && Number.isInteger(e.r.value) && e.r.value >= 0 && e.r.value <= 31;
        if (e.op !== "+" && e.op !== "-" && e.op !== "*" && e.op !== "%" && e.op !== "&" && !shift) return null;
        if (e.ty!.k === "bool" || e.l.ty!.k === "bool" || e.r.ty!.k === "bool") return null;
        const l = tree(e.l, env);
        const r = l && tree(e.r, env);
        return l && r ? { k: "bin", op: e.op, l, r, e } : null;
      }
      default:
        return null;
    }
  };
  /**
   * The environments of an `if`'s branches: a condition `v < e` (<=, >, >=, ===; either side)
   * with `v` a variable whose value is a tree and `e` a tree bounds `v` in the branch where it holds
   * (`j > 0` makes `A[i*n + j - 1]` provable there); conjuncts of && each bound the then-branch,
   * and the negation of a single comparison bounds the else-branch.
   */
  type Cmp = "<" | "<=" | ">" | ">=" | "===" | "!==";
  const NEG: Record<Cmp, Cmp> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "===": "!==", "!==": "===" };
  const FLIP: Record<Cmp, Cmp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "===": "===", "!==": "!==" };
  const bound = (c: Expr, env: Env, negate: boolean): void => {
    if (c.k !== "binary") return;
    let op = (c.op === "==" ? "===" : c.op === "!=" ? "!==" : c.op) as Cmp;
    if (!(op in NEG)) return;
    if (negate) op = NEG[op];
    let [x, y] = [c.l, c.r];
    if (x.k !== "var") {
      [x, y] = [y, x];
      op = FLIP[op];
    }
    // both sides trees: integers (exact, whatever their general type) when the chunk takes the path
    if (x.k !== "var") return;
    const base = tree(x, env);
    const e = tree(y, env);
    // a running index moves inside the branch: the condition holds only where it was tested
    if (!base || !e || base.k === "induct") return;
    // `r !== 0` (or the else of `r === 0`): the chunk holding r = 0 starts its range at 1 there
    if (op === "!==") return void env.set(x.v, { k: "clamp", base, lo: null, loAdj: 0, hi: null, hiAdj: 0, ne: e });
    const lo = op === ">" || op === ">=" || op === "===" ? e : null;
    const hi = op === "<" || op === "<=" || op === "===" ? e : null;
    env.set(x.v, { k: "clamp", base, lo, loAdj: op === ">" ? 1 : 0, hi, hiAdj: op === "<" ? -1 : 0, ne: null });
  };
  // a fact may only name values fixed over the whole loop body or over their scope: the index,
  // live-ins, counters, and locals written once by their declaration
  const fixed = (e: Expr): boolean => {
    let ok = true;
    visitExpr(e, (x) => {
      if (x.k === "var" && !(x.v === p.index || (liveIn.has(x.v) && !writes.has(x.v)) || x.v.counter || (x.v.owner === p && !outer.has(x.v) && !writes.has(x.v)))) ok = false;
      // no element either: a store in the branch may change it before the fact is used
      if (x.k === "assign" || x.k === "update" || x.k === "store" || x.k === "updateElem" || x.k === "call" || x.k === "atomic" || x.k === "load") ok = false;
    });
    return ok;
  };
  const refine = (c: Expr, env: Env): [Env, Env] => {
    const t = fork(env);
    const f = fork(env);
    const conjuncts: Expr[] = [];
    const conj = (x: Expr): void => {
      if (x.k === "logical" && x.op === "&&") (conj(x.l), conj(x.r));
      else conjuncts.push(x);
    };
    conj(c);
    for (const x of conjuncts) bound(x, t, false);
    if (t.notAll) {
      // the then-branch: what the condition makes true drops out of each fact; a fact left with
      // one condition makes it false
      const left = t.notAll.map((fact) => fact.filter((a) => !conjuncts.some((b) => exprEquals(a, b))));
      for (const fact of left) if (fact.length === 1) bound(fact[0]!, t, true);
      t.notAll = left.filter((fact) => fact.length > 1);
    }
    if (conjuncts.length === 1) bound(c, f, true);
    else if (conjuncts.every(fixed)) f.notAll = [...(f.notAll ?? []), conjuncts];
    return [t, f];
  };
  const checks: { t: Tree; array: Var }[] = [];
  // the accesses of an expression, with `c ? t : f`, `l && r` and `l || r` bounding what runs
  // under them as `if` does
  const sitesIn = (x: Expr, env: Env): void => {
    switch (x.k) {
      case "cond": {
        sitesIn(x.c, env);
        const [t, f] = refine(x.c, env);
        sitesIn(x.t, t);
        sitesIn(x.f, f);
        return;
      }
      case "logical":
        sitesIn(x.l, env);
        sitesIn(x.r, x.op === "&&" ? refine(x.l, env)[0] : x.op === "||" ? refine(x.l, env)[1] : env);
        return;
      case "load":
      case "store":
      case "updateElem": {
        const t = x.ref.array.owner === p ? null : tree(x.ref.index, env);
        if (t) {
          checks.push({ t, array: x.ref.array });
          siteOf.set(checks.length - 1, x.ref.site);
        }
        break;
      }
      default:
        break;
    }
    for (const c of children(x)) sitesIn(c, env);
  };
  /**
   * The steps `v` takes in `e` / in the statements `ss` outside loops nested in them, as
   * [down, up] (the smaller and larger sums of their constants; of an if's branches, whose steps
   * exclude each other, the smaller and larger); null when one is not a step by a constant.
   */
  type Steps = { readonly down: number; readonly up: number };
  const NONE: Steps = { down: 0, up: 0 };
  const add = (x: Steps, y: Steps): Steps => ({ down: x.down + y.down, up: x.up + y.up });
  const isWriteOf = (v: Var, x: Expr): x is Extract<Expr, { k: "update" | "assign" }> => (x.k === "update" || x.k === "assign") && x.target === v;
  const stepsIn = (v: Var, e: Expr | null | undefined): Steps | null => {
    let down = 0;
    let up = 0;
    let ok = true;
    if (e) visitExpr(e, (x) => {
      if (!isWriteOf(v, x)) return;
      let d = NaN;
      if (x.k === "update") d = x.op === "++" ? 1 : -1;
      else if (x.k === "assign" && (x.op === "+=" || x.op === "-=") && x.value.k === "num" && Number.isInteger(x.value.value) && Math.abs(x.value.value) <= 65536) {
        d = x.op === "+=" ? x.value.value : -x.value.value;
      }
      if (Number.isNaN(d)) ok = false;
      else if (d < 0) down += d;
      else up += d;
    });
    return ok ? { down, up } : null;
  };
  const stepsOf = (v: Var, ss: readonly Stmt[]): Steps | null => {
    let sum: Steps | null = NONE;
    const on = (e: Expr | null | undefined): void => {
      const x = stepsIn(v, e);
      sum = sum && x && add(sum, x);
    };
    for (const t of ss) {
      switch (t.k) {
        case "expr": on(t.e); break;
        case "let": on(t.init); break;
        case "return": on(t.e); break;
        case "if": {
          on(t.c);
          const [y, n] = [stepsOf(v, t.t), stepsOf(v, t.f)];
          sum = sum && y && n && add(sum, { down: Math.min(y.down, n.down), up: Math.max(y.up, n.up) });
          break;
        }
        case "block": {
          const x = stepsOf(v, t.body);
          sum = sum && x && add(sum, x);
          break;
        }
        default: break;
      }
    }
    return sum;
  };
  /** how many writes of `v` lie in `e` / in `ss` at any depth / in `ss` outside loops nested in them */
  const writesInExpr = (v: Var, e: Expr | null | undefined): number => {
    let n = 0;
    if (e) visitExpr(e, (x) => void (isWriteOf(v, x) && n++));
    return n;
  };
  const writesIn = (v: Var, ss: readonly Stmt[]): number => {
    let n = 0;
    forEachExprInStmts(ss, (x) => void (isWriteOf(v, x) && n++));
    return n;
  };
  const shallowWrites = (v: Var, ss: readonly Stmt[]): number => {
    let n = 0;
    for (const t of ss) {
      if (t.k === "if") n += writesInExpr(v, t.c) + shallowWrites(v, t.t) + shallowWrites(v, t.f);
      else if (t.k === "block") n += shallowWrites(v, t.body);
      else if (t.k !== "loop" && t.k !== "prange") n += writesIn(v, [t]);
    }
    return n;
  };
  /**
   * `v` as a running index: every one of its `writes` writes is `++v`, `--v`, `v++`, `v--`,
   * `v += c` or `v -= c` (c an integer constant) in the body or update of one canonical `for` loop
   * among the statements `rest` that follow its declaration, outside any loop nested in it: each
   * runs at most once a trip, and the declaration runs again before that loop can.
   */
  const runningIndex = (v: Var, rest: readonly Stmt[], writes: number, env: Env): Omit<Extract<Tree, { k: "induct" }>, "init"> | null => {
    const s = rest.find((t) => writesIn(v, [t]) > 0);
    if (!s || s.k !== "loop" || s.kind !== "for" || writesIn(v, [s]) !== writes) return null;
    const first = s.init[0];
    if (!first || first.k !== "let" || !first.v.counter) return null;
    if (writesIn(v, s.init) + writesInExpr(v, s.cond) !== 0) return null;
    if (shallowWrites(v, s.body) + writesInExpr(v, s.update) !== writes) return null;
    const body = stepsOf(v, s.body);
    const update = stepsIn(v, s.update);
    if (!body || !update) return null;
    const trip = add(body, update);
    // a bound on the steps of a trip keeps T * trip (T < 2^33) far inside i64
    if (trip.up > 1 << 20 || trip.down < -(1 << 20)) return null;
    const c = first.v.counter;
    const inner = fork(env);
    const a = tree(c.init, inner);
    const b = a && tree(c.bound, inner);
    if (!a || !b) return null;
    // the trees are those at the declaration: a running index among them may step before the loop starts
    const moves = (t: Tree): boolean => t.k === "induct" || subtrees(t).some(moves);
    if (moves(a) || moves(b)) return null;
    return { k: "induct", v, a, b, cmp: c.cmp, step: c.step, loop: s, trip, partial: null };
  };
  const siteOf = new Map<number, number>();
  // inside a running index's loop body: a statement's steps count from its start (its reads may
  // follow them); an if's branches add their own, and the larger of them counts after the if
  const step = (env: Env, of: (v: Var) => Steps | null): void => {
    for (const [v, t] of env) {
      if (t.k !== "induct" || !t.partial) continue;
      const d = of(v);
      if (!d) env.delete(v);
      else if (d.down || d.up) env.set(v, { ...t, partial: add(t.partial, d) });
    }
  };
  const walk = (ss: readonly Stmt[], env0: Env): void => {
    const env = fork(env0);
    for (const [at, s] of ss.entries()) {
      if (s.k === "if") step(env, (v) => stepsIn(v, s.c));
      else if (s.k !== "block" && s.k !== "loop" && s.k !== "prange") step(env, (v) => stepsOf(v, [s]));
      switch (s.k) {
        case "expr": {
          sitesIn(s.e, env);
          // a private written only here (`index = (i + 1) * n + j` with `let index` outside the
          // loop): every read follows this write in the iteration (privacy), so what follows it
          // in this list reads its tree's value
          const e = s.e;
          if (e.k !== "assign" || e.op !== "=") break;
          const v = e.target;
          if (v.array || !privates.has(v) || (writes.get(v) ?? 0) !== 1 || v.counter) break;
          if (v.ty!.k !== "i32" && (leaky.has(v) || !(isIntTy(v.ty) || v.ty!.k === "f64"))) break;
          const init = tree(e.value, env);
          if (init) env.set(v, { k: "local", v, init });
          break;
        }
        case "return": if (s.e) sitesIn(s.e, env); break;
        case "let": {
          if (!s.init) break;
          sitesIn(s.init, env);
          const v = s.v;
          if (v.array || v.owner !== p || outer.has(v) || v.counter) break;
          if (v.ty!.k !== "i32" && (leaky.has(v) || !(isIntTy(v.ty) || v.ty!.k === "f64"))) break;
          const init = tree(s.init, env);
          if (!init) break;
          if ((writes.get(v) ?? 0) === 0) env.set(v, { k: "local", v, init });
          else {
            const run = runningIndex(v, ss.slice(at + 1), writes.get(v)!, env);
            if (run) env.set(v, { ...run, init });
          }
          break;
        }
        case "if": {
          sitesIn(s.c, env);
          const [t, f] = refine(s.c, env);
          walk(s.t, t);
          walk(s.f, f);
          step(env, (v) => {
            const [y, n] = [stepsOf(v, s.t), stepsOf(v, s.f)];
            return y && n && { down: Math.min(y.down, n.down), up: Math.max(y.up, n.up) };
          });
          break;
        }
        case "block":
          walk(s.body, env);
          step(env, (v) => stepsOf(v, s.body));
          break;
        case "prange": {
          sitesIn(s.rangeStart, env);
          sitesIn(s.rangeStop, env);
          sitesIn(s.rangeStep, env);
          // a nested (serial) prange with a constant step: its index lies in [start, stop - 1]
          // (step > 0) or [stop + 1, start] (step < 0) inside its body
          const inner = fork(env);
          const st = s.rangeStep;
          const stepC = st.k === "num" ? st.value : st.k === "unary" && st.op === "-" && st.e.k === "num" ? -st.e.value : NaN;
          if (s.index.ty!.k === "i32" && Number.isInteger(stepC) && stepC !== 0) {
            const init = tree(s.rangeStart, env);
            const bound = init && tree(s.rangeStop, env);
            if (init && bound) inner.set(s.index, { k: "box", v: s.index, cmp: stepC > 0 ? "<" : ">", step: stepC, init, bound });
          }
          walk(s.body, inner);
          break;
        }
        case "loop": {
          const inner = fork(env);
          for (const x of s.init) {
            if (x.k === "let" && x.init) sitesIn(x.init, inner);
            else if (x.k === "expr") sitesIn(x.e, inner);
          }
          if (s.cond) sitesIn(s.cond, inner);
          if (s.update) sitesIn(s.update, inner);
          const first = s.init[0];
          const body = fork(inner);
          for (const [v, t] of inner) if (t.k === "induct" && t.loop === s) body.set(v, { ...t, partial: NONE });
          // an i64 counter (j < m for m = n*n) is typed i32 on the fast path when its values,
          // the exit value included, fit int32
          const counterTy = first && first.k === "let" ? first.v.ty!.k : null;
          if (first && first.k === "let" && first.v.counter && s.kind === "for" && (counterTy === "i32" || (counterTy === "i64" && !leaky.has(first.v)))) {
            const c = first.v.counter;
            const init = tree(c.init, inner);
            const bound = init && tree(c.bound, inner);
            if (init && bound) body.set(first.v, { k: "box", v: first.v, cmp: c.cmp, step: c.step, init, bound });
          }
          walk(s.body, body);
          break;
        }
        default: break;
      }
    }
  };
  walk(p.body, new Map() as Env);
  if (!checks.length) return null;
  const sites = new Set<number>();
  checks.forEach((_, j) => sites.add(siteOf.get(j)!));
  const exprs = new Set<Expr>();
  const vars = new Set<Var>();
  const liveIns = new Set<Var>();
  const divs = new Map<Expr, { l: Expr; r: Expr }>();
  const seen = new Set<Tree>();
  const mark = (t: Tree): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (t.k === "bin") {
      if (t.e.ty!.k !== "i32") exprs.add(t.e);
      mark(t.l);
      mark(t.r);
    } else if (t.k === "local") {
      if (t.v.ty!.k !== "i32") vars.add(t.v);
      mark(t.init);
    } else if (t.k === "index") {
      // a double index (wide bounds) is typed i32 on the fast path: the chunk's range is checked
      if (p.index.ty!.k !== "i32") vars.add(p.index);
    } else if (t.k === "var") {
      if (t.v.ty!.k !== "i32") (vars.add(t.v), liveIns.add(t.v));
    } else if (t.k === "div") {
      if (t.e.ty!.k !== "i32") exprs.add(t.e);
      divs.set(t.e, { l: t.le, r: t.re });
      mark(t.l);
      mark(t.r);
    } else if (t.k === "minmax") {
      if (t.e.ty!.k !== "i32") exprs.add(t.e);
      for (const a of t.args) mark(a);
    } else if (t.k === "induct") {
      // narrowed with its steps (`++pos` computes in i32 on the fast path)
      if (t.v.ty!.k !== "i32") {
        vars.add(t.v);
        for (const w of writeNodes.get(t.v) ?? []) exprs.add(w);
      }
      mark(t.init);
      mark(t.a);
      mark(t.b);
    } else if (t.k === "clamp") {
      mark(t.base);
      if (t.lo) mark(t.lo);
      if (t.hi) mark(t.hi);
      if (t.ne) mark(t.ne);
    } else if (t.k === "box") {
      if (t.v.ty!.k !== "i32") vars.add(t.v);
      mark(t.init);
      mark(t.bound);
    }
  };
  for (const c of checks) mark(c.t);
  return { sites, checks, exprs, vars, liveIns, uses, divs };
}

/** The expressions of the plan's index-tree nodes (those its check bounds) and the arrays whose lengths it reads. */
export function planParts(plan: ChunkPlan): { readonly exprs: ReadonlySet<Expr>; readonly arrays: ReadonlySet<Var> } {
  const exprs = new Set<Expr>();
  const arrays = new Set<Var>();
  const walk = (t: Tree): void => {
    if (t.k === "bin" || t.k === "div" || t.k === "minmax") exprs.add(t.e);
    if (t.k === "len") arrays.add(t.array);
    subtrees(t).forEach(walk);
  };
  for (const c of plan.checks) {
    arrays.add(c.array);
    walk(c.t);
  }
  return { exprs, arrays };
}

/**
 * Pushes (i32) whether the chunk [itLo, itHi) (not empty) may take `plan`'s fast path: its tree
 * nodes in int32 (and their own conditions), and, unless `accessBounds` is false, every checked
 * access in its array.
 */
export function emitChunkCheck(L: FnLowerer, plan: ChunkPlan, itLo: number, itHi: number, start: number, step: number, accessBounds = true): void {
  const fb = L.fb;
  const I64 = ValType.i64;
  const ok = fb.local(ValType.i32);
  fb.i32Const(1).localSet(ok);
  const and = (): void => void fb.localGet(ok).op(Op.i32_and).localSet(ok);
  const idx = { lo: fb.local(I64), hi: fb.local(I64) };
  const at = (it: () => void, into: number): void => {
    it();
    fb.op(Op.i64_extend_i32_s).localGet(step).op(Op.i64_extend_i32_s).op(Op.i64_mul).localGet(start).op(Op.i64_extend_i32_s).op(Op.i64_add).localSet(into);
  };
  at(() => fb.localGet(itLo), idx.lo);
  at(() => fb.localGet(itHi).i32Const(1).op(Op.i32_sub), idx.hi);
  // order them: a negative step walks downwards
  const t = fb.local(I64);
  fb.localGet(idx.lo).localGet(idx.hi).localGet(idx.lo).localGet(idx.hi).op(Op.i64_lt_s).select().localSet(t);
  fb.localGet(idx.hi).localGet(idx.lo).localGet(idx.lo).localGet(idx.hi).op(Op.i64_lt_s).select().localSet(idx.hi);
  fb.localGet(t).localSet(idx.lo);

  /** an extent; `dead` (an i32 local), where set, is 1 when the node's code never runs (it lies in a loop that does not) */
  type Ext = { lo: number; hi: number; dead?: number };
  /** ORs a dead flag (if any) into the test on the stack: code that cannot run needs no test */
  const live = (dead: number | undefined): void => {
    if (dead !== undefined) fb.localGet(dead).op(Op.i32_or);
  };
  /** the test of `l % r` and `l / r` quotients: l >= 0 and r >= 1 (where the node can run) */
  const nonNegByPositive = (a: Ext, b: Ext, x: Ext): void => {
    fb.localGet(a.lo).i64Const(0n).op(Op.i64_ge_s);
    fb.localGet(b.lo).i64Const(1n).op(Op.i64_ge_s).op(Op.i32_and);
    live(x.dead);
    and();
  };
  /** running indices whose whole extent has been tested to fit int32 (one test each) */
  const wholeTested = new Set<Var>();
  const deadOf = (...xs: Ext[]): number | undefined => {
    const ds = xs.map((x) => x.dead).filter((d): d is number => d !== undefined);
    if (ds.length < 2) return ds[0];
    const d = fb.local(ValType.i32);
    fb.localGet(ds[0]!);
    for (const o of ds.slice(1)) fb.localGet(o).op(Op.i32_or);
    fb.localSet(d);
    return d;
  };
  const memo = new Map<Tree, Ext>();
  const fresh = (): Ext => ({ lo: fb.local(I64), hi: fb.local(I64) });
  const both = (push: () => void): Ext => {
    const x = fresh();
    push();
    fb.localTee(x.lo).localSet(x.hi);
    return x;
  };
  const ext = (tr: Tree): Ext => {
    const done = memo.get(tr);
    if (done) return done;
    let x: Ext;
    switch (tr.k) {
      case "const":
        x = both(() => fb.i64Const(BigInt(tr.value)));
        break;
      case "len":
        x = both(() => fb.localGet(L.arrays.get(tr.array)!.len).op(Op.i64_extend_i32_u));
        break;
      case "var":
        if (tr.v.ty!.k === "f64") {
          // an int32 value, not -0 (else the chunk takes the checked path)
          const d = fb.local(ValType.f64);
          const n = fb.local(ValType.i32);
          L.getVar(tr.v);
          fb.localTee(d).opFC(OpFC.i32_trunc_sat_f64_s).localTee(n).op(Op.f64_convert_i32_s).localGet(d).op(Op.f64_eq);
          fb.localGet(d).op(Op.i64_reinterpret_f64).i64Const(-(2n ** 63n)).op(Op.i64_ne).op(Op.i32_and);
          and();
          x = both(() => fb.localGet(n).op(Op.i64_extend_i32_s));
          break;
        }
        x = both(() => {
          L.getVar(tr.v);
          if (tr.v.ty!.k === "i32") fb.op(Op.i64_extend_i32_s);
        });
        break;
      case "index":
        x = idx;
        break;
      case "local":
        x = ext(tr.init);
        break;
      case "box": {
        const a = ext(tr.init);
        const b = ext(tr.bound);
        const outerDead = deadOf(a, b);
        x = fresh();
        // values inside the loop's body
        if (tr.cmp === "<" || tr.cmp === "<=") {
          fb.localGet(a.lo).localSet(x.lo);
          fb.localGet(b.hi);
          if (tr.cmp === "<") fb.i64Const(1n).op(Op.i64_sub);
          fb.localSet(x.hi);
        } else {
          fb.localGet(b.lo);
          if (tr.cmp === ">") fb.i64Const(1n).op(Op.i64_add);
          fb.localSet(x.lo);
          fb.localGet(a.hi).localSet(x.hi);
        }
        // an empty box (symm's `k < i` at i = 0, trmm's `k = i + 1; k < m` at i = m - 1): the body
        // never runs in this chunk, so none of its nodes and accesses need to pass
        x.dead = fb.local(ValType.i32);
        fb.localGet(x.lo).localGet(x.hi).op(Op.i64_gt_s);
        live(outerDead);
        fb.localSet(x.dead);
        if (plan.vars.has(tr.v)) {
          // narrowed to i32: every value it takes, the one that ends the loop too, must fit
          const exit = fb.local(I64);
          if (tr.cmp === "<" || tr.cmp === "<=") {
            fb.localGet(b.hi).i64Const(BigInt(tr.step - (tr.cmp === "<" ? 1 : 0))).op(Op.i64_add).localSet(exit);
            fb.localGet(a.lo).i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
            fb.localGet(exit).localGet(a.hi).localGet(exit).localGet(a.hi).op(Op.i64_gt_s).select().i64Const(BigInt(I32_MAX)).op(Op.i64_le_s);
          } else {
            fb.localGet(b.lo).i64Const(BigInt(tr.step + (tr.cmp === ">" ? 1 : 0))).op(Op.i64_add).localSet(exit);
            fb.localGet(a.hi).i64Const(BigInt(I32_MAX)).op(Op.i64_le_s);
            fb.localGet(exit).localGet(a.lo).localGet(exit).localGet(a.lo).op(Op.i64_lt_s).select().i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
          }
          fb.op(Op.i32_and);
          // the loop's test runs (with its start value) even when its body does not
          live(outerDead);
          and();
        }
        break;
      }
      case "div": {
        const a = ext(tr.l);
        const b = ext(tr.r);
        x = fresh();
        x.dead = deadOf(a, b);
        if (tr.exact) {
          // one value each, a positive divisor (a negative one would make 0 / r -0), no remainder:
          // the quotient is that integer
          const d = fb.local(I64);
          fb.localGet(b.lo).i64Const(1n).localGet(b.lo).i64Const(1n).op(Op.i64_ge_s).select().localSet(d);
          fb.localGet(a.lo).localGet(a.hi).op(Op.i64_eq);
          fb.localGet(b.lo).localGet(b.hi).op(Op.i64_eq).op(Op.i32_and);
          fb.localGet(b.lo).i64Const(1n).op(Op.i64_ge_s).op(Op.i32_and);
          fb.localGet(a.lo).localGet(d).op(Op.i64_rem_s).op(Op.i64_eqz).op(Op.i32_and);
          live(x.dead);
          and();
          fb.localGet(a.lo).localGet(d).op(Op.i64_div_s).localTee(x.lo).localSet(x.hi);
          break;
        }
        nonNegByPositive(a, b, x);
        // divisors kept >= 1 so that a failed test cannot trap here
        const one = (v: number): void => void fb.localGet(v).i64Const(1n).localGet(v).i64Const(1n).op(Op.i64_ge_s).select();
        fb.localGet(a.lo);
        one(b.hi);
        fb.op(Op.i64_div_s).localSet(x.lo);
        fb.localGet(a.hi);
        one(b.lo);
        fb.op(Op.i64_div_s).localSet(x.hi);
        break;
      }
      case "minmax": {
        const xs = tr.args.map(ext);
        x = fresh();
        x.dead = deadOf(...xs);
        const pick = tr.fn === "min" ? Op.i64_lt_s : Op.i64_gt_s;
        for (const side of ["lo", "hi"] as const) {
          fb.localGet(xs[0]![side]).localSet(x[side]);
          for (const o of xs.slice(1)) fb.localGet(o[side]).localGet(x[side]).localGet(o[side]).localGet(x[side]).op(pick).select().localSet(x[side]);
        }
        break;
      }
      case "induct": {
        const init = ext(tr.init);
        const a = ext(tr.a);
        const b = ext(tr.b);
        x = fresh();
        x.dead = deadOf(init, a, b);
        // T, the most trips: ((last counter value) - (first)) / |step| + 1, or 0 when that span is
        // negative (the unsigned quotient is then not selected)
        const span = fb.local(I64);
        const trips = fb.local(I64);
        if (tr.cmp === "<" || tr.cmp === "<=") {
          fb.localGet(b.hi);
          if (tr.cmp === "<") fb.i64Const(1n).op(Op.i64_sub);
          fb.localGet(a.lo).op(Op.i64_sub).localSet(span);
        } else {
          fb.localGet(a.hi).localGet(b.lo);
          if (tr.cmp === ">") fb.i64Const(1n).op(Op.i64_add);
          fb.op(Op.i64_sub).localSet(span);
        }
        // inside the body: at most T - 1 trips done before this one (none when T = 0: then the body never runs)
        const done = tr.partial ? 0n : 1n;
        fb.localGet(span).i64Const(BigInt(Math.abs(tr.step))).op(Op.i64_div_u).i64Const(done).op(Op.i64_add);
        fb.i64Const(0n).localGet(span).i64Const(0n).op(Op.i64_ge_s).select().localSet(trips);
        const [down, up] = [tr.partial?.down ?? 0, tr.partial?.up ?? 0];
        fb.localGet(init.lo).localGet(trips).i64Const(BigInt(tr.trip.down)).op(Op.i64_mul).op(Op.i64_add).i64Const(BigInt(down)).op(Op.i64_add).localSet(x.lo);
        fb.localGet(init.hi).localGet(trips).i64Const(BigInt(tr.trip.up)).op(Op.i64_mul).op(Op.i64_add).i64Const(BigInt(up)).op(Op.i64_add).localSet(x.hi);
        if (tr.partial && plan.vars.has(tr.v) && !wholeTested.has(tr.v)) {
          wholeTested.add(tr.v);
          // narrowed to i32: every value it takes, those after the last read too, must fit; the
          // extent outside the body (all T trips) holds them all
          const all = ext({ ...tr, partial: null });
          fb.localGet(all.lo).i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
          fb.localGet(all.hi).i64Const(BigInt(I32_MAX)).op(Op.i64_le_s).op(Op.i32_and);
          live(x.dead);
          and();
        }
        break;
      }
      case "clamp": {
        const a = ext(tr.base);
        x = fresh();
        const side = (into: number, from: number, by: Tree | null, adj: number, keepLarger: boolean): void => {
          if (!by) return void fb.localGet(from).localSet(into);
          const b = ext(by);
          const t = fb.local(I64);
          fb.localGet(keepLarger ? b.lo : b.hi).i64Const(BigInt(adj)).op(Op.i64_add).localSet(t);
          fb.localGet(t).localGet(from).localGet(t).localGet(from).op(keepLarger ? Op.i64_gt_s : Op.i64_lt_s).select().localSet(into);
        };
        side(x.lo, a.lo, tr.lo, tr.loAdj, true);
        side(x.hi, a.hi, tr.hi, tr.hiAdj, false);
        if (tr.ne) {
          // an integer v in [lo, hi] and v !== e with e a single value c: lo === c gives lo + 1,
          // hi === c gives hi - 1 (an empty range is a branch that never runs: any test passes)
          const n = ext(tr.ne);
          const single = fb.local(ValType.i32);
          fb.localGet(n.lo).localGet(n.hi).op(Op.i64_eq).localSet(single);
          fb.localGet(x.lo).localGet(single).localGet(x.lo).localGet(n.lo).op(Op.i64_eq).op(Op.i32_and).op(Op.i64_extend_i32_u).op(Op.i64_add).localSet(x.lo);
          fb.localGet(x.hi).localGet(single).localGet(x.hi).localGet(n.hi).op(Op.i64_eq).op(Op.i32_and).op(Op.i64_extend_i32_u).op(Op.i64_sub).localSet(x.hi);
        }
        // no value satisfies the branch's condition: the branch never runs
        const inner = deadOf(a, ...[tr.lo, tr.hi, tr.ne].filter((t): t is Tree => t !== null).map(ext));
        x.dead = fb.local(ValType.i32);
        fb.localGet(x.lo).localGet(x.hi).op(Op.i64_gt_s);
        live(inner);
        fb.localSet(x.dead);
        break;
      }
      case "bin": {
        const a = ext(tr.l);
        const b = ext(tr.r);
        x = fresh();
        x.dead = deadOf(a, b);
        if (tr.op === "+") {
          fb.localGet(a.lo).localGet(b.lo).op(Op.i64_add).localSet(x.lo);
          fb.localGet(a.hi).localGet(b.hi).op(Op.i64_add).localSet(x.hi);
        } else if (tr.op === "-") {
          fb.localGet(a.lo).localGet(b.hi).op(Op.i64_sub).localSet(x.lo);
          fb.localGet(a.hi).localGet(b.lo).op(Op.i64_sub).localSet(x.hi);
        } else if (tr.op === "<<" || tr.op === ">>" || tr.op === ">>>") {
          // a constant count c: l * 2^c (ToInt32 of it is itself when the node's extent fits int32,
          // tested below), floor(l / 2^c) (monotone), and >>> only of l >= 0 (then it is >>)
          const c = BigInt((tr.r as Extract<Tree, { k: "const" }>).value);
          if (tr.op === ">>>") {
            fb.localGet(a.lo).i64Const(0n).op(Op.i64_ge_s);
            live(x.dead);
            and();
          }
          for (const [from, into] of [[a.lo, x.lo], [a.hi, x.hi]] as const) {
            fb.localGet(from).i64Const(c).op(tr.op === "<<" ? Op.i64_shl : Op.i64_shr_s).localSet(into);
          }
        } else if (tr.op === "&") {
          // [0, the smaller hi of the operands that are not negative]; neither: the checked path
          const lNon = fb.local(ValType.i32);
          const rNon = fb.local(ValType.i32);
          fb.localGet(a.lo).i64Const(0n).op(Op.i64_ge_s).localSet(lNon);
          fb.localGet(b.lo).i64Const(0n).op(Op.i64_ge_s).localSet(rNon);
          fb.localGet(lNon).localGet(rNon).op(Op.i32_or);
          live(x.dead);
          and();
          fb.i64Const(0n).localSet(x.lo);
          // hi: rNon ? (lNon ? min(a.hi, b.hi) : b.hi) : a.hi
          fb.localGet(a.hi).localGet(b.hi).localGet(a.hi).localGet(b.hi).op(Op.i64_lt_s).select();
          fb.localGet(b.hi).localGet(lNon).select();
          fb.localGet(a.hi).localGet(rNon).select();
          fb.localSet(x.hi);
        } else if (tr.op === "%") {
          // l >= 0 and r >= 1 (else the checked path): l % r lies in [0, min(l.hi, r.hi - 1)], and is
          // l itself when l.hi < r.lo; non-negative, so never -0, and i32.rem_s computes it
          nonNegByPositive(a, b, x);
          fb.localGet(a.lo).i64Const(0n).localGet(a.hi).localGet(b.lo).op(Op.i64_lt_s).select().localSet(x.lo);
          const t = fb.local(I64);
          fb.localGet(b.hi).i64Const(1n).op(Op.i64_sub).localSet(t);
          fb.localGet(a.hi).localGet(t).localGet(a.hi).localGet(t).op(Op.i64_lt_s).select().localSet(x.hi);
        } else {
          // operands are checked to be int32 (else ok is already 0), so products fit in i64
          const ps = [fb.local(I64), fb.local(I64), fb.local(I64), fb.local(I64)];
          const pairs: [number, number][] = [[a.lo, b.lo], [a.lo, b.hi], [a.hi, b.lo], [a.hi, b.hi]];
          pairs.forEach(([u, v], j) => fb.localGet(u).localGet(v).op(Op.i64_mul).localSet(ps[j]!));
          const pick = (into: number, cmp: number): void => {
            fb.localGet(ps[0]!).localSet(into);
            for (let j = 1; j < 4; j++) fb.localGet(ps[j]!).localGet(into).localGet(ps[j]!).localGet(into).op(cmp).select().localSet(into);
          };
          pick(x.lo, Op.i64_lt_s);
          pick(x.hi, Op.i64_gt_s);
          if (plan.exprs.has(tr.e)) {
            // a zero times a negative is -0 in doubles: neither factor may be zero while the other is negative
            const never0OrOtherNonNeg = (u: Ext, v: Ext): void => {
              fb.localGet(u.lo).i64Const(0n).op(Op.i64_gt_s);
              fb.localGet(u.hi).i64Const(0n).op(Op.i64_lt_s).op(Op.i32_or);
              fb.localGet(v.lo).i64Const(0n).op(Op.i64_ge_s).op(Op.i32_or);
            };
            never0OrOtherNonNeg(a, b);
            live(x.dead);
            and();
            never0OrOtherNonNeg(b, a);
            live(x.dead);
            and();
          }
        }
        break;
      }
    }
    memo.set(tr, x);
    // every node in int32: the i32 instructions are exact and 64-bit products cannot overflow
    fb.localGet(x.lo).i64Const(BigInt(I32_MIN)).op(Op.i64_ge_s);
    fb.localGet(x.hi).i64Const(BigInt(I32_MAX)).op(Op.i64_le_s).op(Op.i32_and);
    live(x.dead);
    and();
    return x;
  };
  for (const c of plan.checks) {
    const x = ext(c.t);
    if (!accessBounds) continue;
    fb.localGet(x.lo).i64Const(0n).op(Op.i64_ge_s);
    fb.localGet(x.hi).localGet(L.arrays.get(c.array)!.len).op(Op.i64_extend_i32_u).op(Op.i64_lt_s).op(Op.i32_and);
    live(x.dead);
    and();
  }
  fb.localGet(ok);
}

/** The direct subtrees of `t` (every kind: a new kind must be listed here). */
function subtrees(t: Tree): readonly Tree[] {
  switch (t.k) {
    case "const": case "len": case "var": case "index": return [];
    case "local": return [t.init];
    case "box": return [t.init, t.bound];
    case "bin": case "div": return [t.l, t.r];
    case "minmax": return t.args;
    case "induct": return [t.init, t.a, t.b];
    case "clamp": return [t.base, t.lo, t.hi, t.ne].filter((x): x is Tree => x !== null);
  }
}

/** The direct sub-expressions of `e` (as visitExpr walks them). */
function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case "load":
    case "updateElem":
      return [e.ref.index];
    case "store":
      return [e.ref.index, e.value];
    case "unary":
      return [e.e];
    case "binary":
    case "logical":
      return [e.l, e.r];
    case "cond":
      return [e.c, e.t, e.f];
    case "call":
      return e.args;
    case "assign":
      return [e.value];
    case "comma":
      return e.es;
    case "newArray":
      return [e.len];
    case "atomic":
      // its own site stays checked (ToIndex differs from `a[x]` for fractions); its operands may hold accesses
      return [e.ref.index, ...e.args];
    default:
      return [];
  }
}

/** i32 of the integer interval of `t` clipped to int32 (any int32 for a double). */
function narrow(t: Ty): Ty {
  return t.k === "i32" || t.k === "i64" ? i32(Math.max(I32_MIN, t.lo), Math.min(I32_MAX, t.hi)) : i32(I32_MIN, I32_MAX);
}

/**
 * Emits `body` (the fast path, inside the branch `emitChunkCheck` chose) with the plan's nodes,
 * locals and live-ins typed i32 and its sites unchecked; restores the general types after.
 */
export function withFastTypes(L: FnLowerer, plan: ChunkPlan, body: () => void): void {
  const fb = L.fb;
  const savedExpr = new Map<Expr, Ty>();
  const savedVar = new Map<Var, { ty: Ty; local: number | undefined }>();
  const retype = (e: Expr, t: Ty): void => {
    if (!savedExpr.has(e)) savedExpr.set(e, e.ty!);
    e.ty = t;
  };
  for (const v of plan.vars) {
    const t = narrow(v.ty!);
    const local = L.locals.get(v);
    savedVar.set(v, { ty: v.ty!, local });
    if (plan.liveIns.has(v)) {
      // an i64 live-in (already loaded): its low 32 bits, exact since its extent was checked; a
      // double one: its int32 value (checked to be one)
      if (v.ty!.k !== "i64" && v.ty!.k !== "f64") throw new Error(`internal: narrowing a ${v.ty!.k} live-in`);
      const l = fb.local(ValType.i32);
      L.getVar(v);
      if (v.ty!.k === "i64") fb.op(Op.i32_wrap_i64);
      else fb.opFC(OpFC.i32_trunc_sat_f64_s);
      fb.localSet(l);
      L.locals.set(v, l);
    } else L.locals.delete(v);
    v.ty = t;
    for (const u of plan.uses.get(v) ?? []) retype(u, t);
  }
  for (const e of plan.exprs) retype(e, narrow(e.ty!));
  const [proven, divs] = [L.proven, L.fastDivs];
  L.proven = plan.sites;
  L.fastDivs = plan.divs;
  body();
  L.proven = proven;
  L.fastDivs = divs;
  for (const [e, t] of savedExpr) e.ty = t;
  for (const [v, s] of savedVar) {
    v.ty = s.ty;
    if (s.local === undefined) L.locals.delete(v);
    else L.locals.set(v, s.local);
  }
}
