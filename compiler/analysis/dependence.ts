/**
 * Array dependence analysis of one parallel prange loop. Every pair of accesses to the same
 * array (write/write, write/read, a write with itself) is tested for a cross-iteration
 * dependence: two different iterations i1 != i2 of the prange that touch the same element.
 *
 * Subscripts are turned into affine forms (affine.ts) in the prange index, the counters of serial
 * loops nested in the prange (with their bounds) and loop-invariant symbols. Conditions on the
 * index (`if (i === 0)`, `if (i < n / 2)`, `if (j > 0) continue`) narrow an access's domain;
 * other conditions are recorded as unresolved. The tests, in order:
 *  - delinearisation: `q * s + r` with 0 <= r < s on both sides splits into q1 = q2 and r1 = r2
 *    (`a[i * n + j]` with 0 <= j < n, `a[j * n + i]` with i < n);
 *  - GCD: the equation has no integer solution;
 *  - bounds (Banerjee), per direction i1 < i2 and i1 > i2, with the index written as
 *    i2 = i1 + step * t, t >= 1 (this is strong SIV when the index has the same coefficient
 *    on both sides: a constant distance outside the iteration range is no dependence).
 * A pair is dependent unless one of the tests proves it independent.
 */
import type { Expr, Kernel, Pos, PrangeStmt, Stmt, Var } from "../model/ir.js";
import { type Affine, type Term, add, atom, coefOf, constant, invariant, loopVar, mul, numeric, provePos, scale, sub, varsOf } from "./affine.js";

/** Inclusive lower and exclusive upper bounds of a loop variable (any of the candidates holds). */
interface Bounds {
  readonly lo: readonly Affine[];
  readonly hi: readonly Affine[];
}

type Dom = ReadonlyMap<Var, Bounds>;

export interface Access {
  readonly array: Var;
  readonly write: boolean;
  /** the whole access (`a[i]`, `a[i] = x`, `a[i]++`) */
  readonly pos: Pos;
  readonly index: Expr;
  /** null: not affine; `why` says what */
  readonly form: Affine | null;
  readonly why: string | null;
  readonly dom: Dom;
  /** a condition around the access that the analysis cannot resolve (its text) */
  readonly guard: string | null;
}

/** A pair of accesses that may touch one element in different iterations. */
export interface Conflict {
  readonly write: Access;
  readonly other: Access;
  /** proven dependence distance (strong SIV), when known */
  readonly distance: number | null;
}

export interface LoopAccesses {
  readonly accesses: readonly Access[];
  /** outer scalars that only one iteration touches (every access under `if (i === c)`, one c) */
  readonly singleIteration: ReadonlySet<Var>;
  /** invariant forms known to be >= 0 in the loop (counters of serial loops around it) */
  readonly facts: readonly Affine[];
}

type Aff = { readonly a: Affine } | { readonly why: string };

const FLIP = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;
const NEG = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "===": "!==", "==": "!=", "!==": "===", "!=": "==" } as const;

/** Collects the array accesses of `loop` with their affine forms and domains. */
export function collectAccesses(k: Kernel, loop: PrangeStmt, textOf: (p: Pos) => string): LoopAccesses {
  const writtenAnywhere = new Set<Var>();
  const writtenInLoop = new Set<Var>();
  const arraysWrittenInLoop = new Set<Var>();
  const lets = new Map<Var, Expr>();
  walkStmts(k.body, (s) => {
    if (s.k === "let" && s.init) lets.set(s.v, s.init);
  }, (e, inLoop) => {
    if (e.k === "assign" || e.k === "update") {
      writtenAnywhere.add(e.target);
      if (inLoop) writtenInLoop.add(e.target);
    }
    if (inLoop && (e.k === "store" || e.k === "updateElem")) arraysWrittenInLoop.add(e.ref.array);
  }, loop);

  const accesses: Access[] = [];
  const scalarDoms = new Map<Var, Set<string> | "multi">();
  const loopVars = new Set<Var>([loop.index]);
  const memo = new Map<Var, Aff>();
  const idx = loop.index;

  const printKey = (e: Expr): string => {
    switch (e.k) {
      case "num":
        return String(e.value);
      case "bool":
        return String(e.value);
      case "var": {
        const d = !writtenAnywhere.has(e.v) && lets.get(e.v);
        return d ? `(${printKey(d)})` : `v${e.v.id}`;
      }
      case "length":
        return `len${e.array.id}`;
      case "load":
        return `${e.ref.array.id}[${printKey(e.ref.index)}]`;
      case "unary":
        return `${e.op}(${printKey(e.e)})`;
      case "binary":
      case "logical":
        return `(${printKey(e.l)}${e.op}${printKey(e.r)})`;
      case "cond":
        return `(${printKey(e.c)}?${printKey(e.t)}:${printKey(e.f)})`;
      case "call":
        return `${e.fn}(${e.args.map(printKey).join(",")})`;
      default:
        return `#${e.start}`;
    }
  };

  /** Whether `e` has the same value in every iteration of the prange. */
  const isInvariant = (e: Expr): boolean => {
    let ok = true;
    visit(e, (x) => {
      if (!ok) return;
      if (x.k === "var") {
        const r = toAff(x);
        if (!("a" in r) || !invariant(r.a)) ok = false;
      } else if (x.k === "load") {
        if (arraysWrittenInLoop.has(x.ref.array)) ok = false;
      } else if (x.k === "assign" || x.k === "store" || x.k === "update" || x.k === "updateElem" || (x.k === "call" && x.fn === "random")) ok = false;
    });
    return ok;
  };

  const opaque = (e: Expr, why: () => string): Aff => (isInvariant(e) ? { a: atom(`(${printKey(e)})`) } : { why: why() });

  const nonAffine = (e: Expr): string => {
    let arr: Var | null = null;
    visit(e, (x) => {
      if (!arr && x.k === "load") arr = x.ref.array;
    });
    return arr ? `the subscript goes through the array '${(arr as Var).name}' (an index array)` : `the subscript \`${textOf(e)}\` is not affine in the loop indices`;
  };

  const toAff = (e: Expr): Aff => {
    switch (e.k) {
      case "num":
        return Number.isFinite(e.value) ? { a: constant(e.value) } : { why: `\`${textOf(e)}\` is not a finite number` };
      case "var": {
        const v = e.v;
        if (loopVars.has(v)) return { a: loopVar(v) };
        const m = memo.get(v);
        if (m) return m;
        let r: Aff;
        const def = lets.get(v);
        if (!writtenAnywhere.has(v) && def) {
          memo.set(v, { why: `'${v.name}' is defined in terms of itself` });
          r = toAff(def);
        } else if (v.owner !== loop && !writtenInLoop.has(v) && v.kind !== "index") r = { a: atom(`v${v.id}`) };
        else if (v.owner !== loop && v.kind === "index") r = { a: atom(`v${v.id}`) };
        else r = { why: `'${v.name}' changes inside the loop` };
        memo.set(v, r);
        return r;
      }
      case "length":
        return { a: atom(`len${e.array.id}`) };
      case "unary":
        if (e.op === "-" || e.op === "+") {
          const r = toAff(e.e);
          return "a" in r ? { a: e.op === "-" ? scale(r.a, -1) : r.a } : r;
        }
        return opaque(e, () => nonAffine(e));
      case "binary": {
        const l = toAff(e.l);
        const r = toAff(e.r);
        if ("a" in l && "a" in r) {
          switch (e.op) {
            case "+":
              return { a: add(l.a, r.a) };
            case "-":
              return { a: sub(l.a, r.a) };
            case "*": {
              const p = mul(l.a, r.a);
              if (p) return { a: p };
              break;
            }
            case "/": {
              const d = numeric(r.a);
              if (d !== null && d !== 0) return { a: scale(l.a, 1 / d) };
              break;
            }
            case "|":
            case ">>":
              if (numeric(r.a) === 0) return { a: l.a };
              break;
            case "<<": {
              const sh = numeric(r.a);
              if (sh !== null && Number.isInteger(sh) && sh >= 0 && sh < 31) return { a: scale(l.a, 2 ** sh) };
              break;
            }
            default:
              break;
          }
        }
        if ("why" in l && !isInvariant(e)) return l;
        if ("why" in r && !isInvariant(e)) return r;
        return opaque(e, () => nonAffine(e));
      }
      default:
        return opaque(e, () => nonAffine(e));
    }
  };

  /** Replaces loop variables in a bound by their own bounds (upper: the largest value). */
  const relax = (a: Affine, dom: Dom, upper: boolean, depth = 0): Affine | null => {
    if (invariant(a)) return a;
    if (depth > 4) return null;
    let out: Affine = a;
    for (const v of varsOf(a)) {
      const { c, symbolic } = coefOf(a, v);
      if (symbolic) return null;
      const b = dom.get(v);
      if (!b) return null;
      const useHi = (c > 0) === upper;
      const cand = useHi ? b.hi[0] : b.lo[0];
      if (!cand) return null;
      const val = useHi ? sub(cand, constant(1)) : cand;
      out = add(sub(out, scale(loopVar(v), c)), scale(val, c));
    }
    return relax(out, dom, upper, depth + 1);
  };

  const withBound = (dom: Dom, v: Var, lo: Affine | null, hi: Affine | null): Dom => {
    const m = new Map(dom);
    const b = m.get(v) ?? { lo: [], hi: [] };
    m.set(v, { lo: lo ? [lo, ...b.lo] : b.lo, hi: hi ? [hi, ...b.hi] : b.hi });
    return m;
  };

  /** What a condition says about the loop variables: narrowed domain, or an unresolved guard. */
  const narrow = (c: Expr, neg: boolean, ctx: Ctx): Ctx => {
    if (c.k === "unary" && c.op === "!") return narrow(c.e, !neg, ctx);
    if (c.k === "bool") return ctx;
    if (c.k === "logical" && c.op !== "??") {
      // `a && b` true: both; `a || b` false: both false
      if ((c.op === "&&") !== neg) return ctx.guard ? ctx : unresolved(c, ctx);
      return narrow(c.r, neg, narrow(c.l, neg, ctx));
    }
    if (c.k === "binary" && c.op in NEG) {
      const l = toAff(c.l);
      const r = toAff(c.r);
      if (!("a" in l) || !("a" in r)) return isInvariant(c) ? ctx : unresolved(c, ctx);
      const d = sub(l.a, r.a);
      const vs = varsOf(d);
      if (vs.length === 0) return ctx;
      if (vs.length > 1) return unresolved(c, ctx);
      const v = vs[0]!;
      const { c: coef, symbolic } = coefOf(d, v);
      if (symbolic || coef === 0) return unresolved(c, ctx);
      // coef * v + rest  op  0  ->  v op' -rest / coef
      const bound = scale(sub(d, scale(loopVar(v), coef)), -1 / coef);
      let op = (neg ? NEG[c.op as keyof typeof NEG] : c.op) as string;
      if (coef < 0 && op in FLIP) op = FLIP[op as keyof typeof FLIP];
      const one = constant(1);
      switch (op) {
        case "<":
          return { ...ctx, dom: withBound(ctx.dom, v, null, bound) };
        case "<=":
          return { ...ctx, dom: withBound(ctx.dom, v, null, add(bound, one)) };
        case ">":
          return { ...ctx, dom: withBound(ctx.dom, v, add(bound, one), null) };
        case ">=":
          return { ...ctx, dom: withBound(ctx.dom, v, bound, null) };
        case "===":
        case "==":
          return { ...ctx, dom: withBound(ctx.dom, v, bound, add(bound, one)) };
        default:
          return ctx; // `!==`: all iterations but one
      }
    }
    return isInvariant(c) ? ctx : unresolved(c, ctx);
  };

  const unresolved = (c: Expr, ctx: Ctx): Ctx => (ctx.guard ? ctx : { ...ctx, guard: textOf(c) });

  const recordScalar = (v: Var, ctx: Ctx): void => {
    if (v.array || v.owner === loop || v.kind === "index") return;
    const prev = scalarDoms.get(v);
    if (prev === "multi") return;
    const b = ctx.dom.get(idx);
    let single: string | null = null;
    if (b && !ctx.guard) {
      for (const lo of b.lo) for (const hi of b.hi) if (single === null && numeric(sub(hi, lo)) === 1) single = [...lo.entries()].map(([kk, t]) => `${kk}:${t.c}`).sort().join(",");
    }
    if (single === null) scalarDoms.set(v, "multi");
    else (prev ?? scalarDoms.set(v, new Set()).get(v) as Set<string>).add(single);
  };

  const access = (array: Var, write: boolean, pos: Pos, index: Expr, ctx: Ctx): void => {
    if (index.k === "cond") {
      // `a[c ? x : y]`: a[x] where c holds, a[y] where it does not
      access(array, write, pos, index.t, narrow(index.c, false, ctx));
      access(array, write, pos, index.f, narrow(index.c, true, ctx));
      return;
    }
    const r = toAff(index);
    accesses.push({ array, write, pos, index, form: "a" in r ? r.a : null, why: "why" in r ? r.why : null, dom: ctx.dom, guard: ctx.guard });
  };

  const scanExpr = (e: Expr, ctx: Ctx): void => {
    switch (e.k) {
      case "var":
        recordScalar(e.v, ctx);
        return;
      case "load":
        access(e.ref.array, false, e, e.ref.index, ctx);
        scanExpr(e.ref.index, ctx);
        return;
      case "store":
        scanExpr(e.ref.index, ctx);
        scanExpr(e.value, ctx);
        access(e.ref.array, true, e, e.ref.index, ctx);
        return;
      case "updateElem":
        scanExpr(e.ref.index, ctx);
        access(e.ref.array, true, e, e.ref.index, ctx);
        return;
      case "assign":
        scanExpr(e.value, ctx);
        recordScalar(e.target, ctx);
        return;
      case "update":
        recordScalar(e.target, ctx);
        return;
      case "unary":
        scanExpr(e.e, ctx);
        return;
      case "binary":
        scanExpr(e.l, ctx);
        scanExpr(e.r, ctx);
        return;
      case "logical":
        scanExpr(e.l, ctx);
        scanExpr(e.r, e.op === "??" ? ctx : narrow(e.l, e.op === "||", ctx));
        return;
      case "cond":
        scanExpr(e.c, ctx);
        scanExpr(e.t, narrow(e.c, false, ctx));
        scanExpr(e.f, narrow(e.c, true, ctx));
        return;
      case "call":
        for (const a of e.args) scanExpr(a, ctx);
        return;
      case "comma":
        for (const x of e.es) scanExpr(x, ctx);
        return;
      default:
        return;
    }
  };

  const endsInJump = (ss: readonly Stmt[]): boolean => {
    const last = ss[ss.length - 1];
    if (!last) return false;
    if (last.k === "continue" || last.k === "break" || last.k === "return") return true;
    return last.k === "block" && endsInJump(last.body);
  };

  const scanStmts = (ss: readonly Stmt[], ctx0: Ctx): void => {
    let ctx = ctx0;
    for (const s of ss) {
      switch (s.k) {
        case "expr":
          scanExpr(s.e, ctx);
          break;
        case "let":
          if (s.init) scanExpr(s.init, ctx);
          break;
        case "return":
          if (s.e) scanExpr(s.e, ctx);
          break;
        case "if": {
          scanExpr(s.c, ctx);
          scanStmts(s.t, narrow(s.c, false, ctx));
          scanStmts(s.f, narrow(s.c, true, ctx));
          // `if (c) continue;`: what follows runs only when c is false (and the reverse)
          if (endsInJump(s.t) && !endsInJump(s.f)) ctx = narrow(s.c, true, ctx);
          else if (endsInJump(s.f) && !endsInJump(s.t)) ctx = narrow(s.c, false, ctx);
          break;
        }
        case "loop": {
          for (const x of s.init) scanStmts([x], ctx);
          const first = s.init[0];
          const v = first && first.k === "let" ? first.v : null;
          let inner: Ctx = ctx;
          if (v && v.counter) {
            const c = v.counter;
            const init = toAff(c.init);
            const bound = toAff(c.bound);
            loopVars.add(v);
            const one = constant(1);
            let lo: Affine | null = null;
            let hi: Affine | null = null;
            if ("a" in init && "a" in bound) {
              const up = c.cmp === "<" || c.cmp === "<=";
              const bAdj = c.cmp === "<=" ? add(bound.a, one) : c.cmp === ">" ? add(bound.a, one) : bound.a;
              lo = relax(up ? init.a : bAdj, ctx.dom, false);
              hi = relax(up ? bAdj : add(init.a, one), ctx.dom, true);
              // a stride other than 1 is not tracked: the range still holds
            }
            inner = { ...ctx, dom: withBound(ctx.dom, v, lo, hi) };
          } else inner = s.kind === "for" && !s.cond ? ctx : s.cond ? unresolved(s.cond, ctx) : ctx;
          if (s.cond) scanExpr(s.cond, inner);
          scanStmts(s.body, inner);
          if (s.update) scanExpr(s.update, inner);
          break;
        }
        case "prange": {
          scanExpr(s.rangeStart, ctx);
          scanExpr(s.rangeStop, ctx);
          scanExpr(s.rangeStep, ctx);
          loopVars.add(s.index);
          const st = toAff(s.rangeStep);
          const lo = toAff(s.rangeStart);
          const hi = toAff(s.rangeStop);
          const stepN = "a" in st ? numeric(st.a) : null;
          const inner =
            stepN !== null && stepN > 0 && "a" in lo && "a" in hi
              ? { ...ctx, dom: withBound(ctx.dom, s.index, relax(lo.a, ctx.dom, false), relax(hi.a, ctx.dom, true)) }
              : { ...ctx, dom: withBound(ctx.dom, s.index, null, null) };
          scanStmts(s.body, inner);
          break;
        }
        case "block":
          scanStmts(s.body, ctx);
          break;
        default:
          break;
      }
    }
  };

  // the prange's own domain
  const st = toAff(loop.rangeStep);
  const stepN = "a" in st ? numeric(st.a) : null;
  const start = toAff(loop.rangeStart);
  const stop = toAff(loop.rangeStop);
  let dom: Dom = new Map([[idx, { lo: [], hi: [] }]]);
  if (stepN !== null && "a" in start && "a" in stop) {
    // a negative step runs from start down to (but not including) stop
    dom = stepN > 0 ? withBound(dom, idx, start.a, stop.a) : withBound(dom, idx, stop.a, add(start.a, constant(1)));
  }
  scanStmts(loop.body, { dom, guard: null });

  // facts about counters of serial loops around the prange (invariant inside it): lo <= c < hi
  const facts: Affine[] = [];
  const around = (ss: readonly Stmt[]): boolean => {
    for (const s of ss) {
      if (s === loop) return true;
      if (s.k === "loop") {
        if (around(s.body)) {
          const first = s.init[0];
          const v = first && first.k === "let" ? first.v : null;
          if (v?.counter) {
            const c = v.counter;
            const init = toAff(c.init);
            const bound = toAff(c.bound);
            const cv = atom(`v${v.id}`);
            if ("a" in init && invariant(init.a)) facts.push(c.step > 0 ? sub(cv, init.a) : sub(init.a, cv));
            if ("a" in bound && invariant(bound.a)) {
              const lim = c.cmp === "<" ? sub(sub(bound.a, cv), constant(1)) : c.cmp === "<=" ? sub(bound.a, cv) : c.cmp === ">" ? sub(sub(cv, bound.a), constant(1)) : sub(cv, bound.a);
              facts.push(lim);
            }
          }
          return true;
        }
      } else if (s.k === "if") {
        if (around(s.t) || around(s.f)) return true;
      } else if (s.k === "block" || s.k === "prange") {
        if (around(s.body)) return true;
      }
    }
    return false;
  };
  around(k.body);

  const singleIteration = new Set<Var>();
  for (const [v, d] of scalarDoms) if (d !== "multi" && d.size === 1) singleIteration.add(v);
  return { accesses, singleIteration, facts };
}

interface Ctx {
  readonly dom: Dom;
  readonly guard: string | null;
}

function visit(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "load":
      visit(e.ref.index, f);
      break;
    case "unary":
      visit(e.e, f);
      break;
    case "binary":
    case "logical":
      visit(e.l, f);
      visit(e.r, f);
      break;
    case "cond":
      visit(e.c, f);
      visit(e.t, f);
      visit(e.f, f);
      break;
    case "call":
      for (const a of e.args) visit(a, f);
      break;
    case "assign":
      visit(e.value, f);
      break;
    case "store":
      visit(e.ref.index, f);
      visit(e.value, f);
      break;
    case "updateElem":
      visit(e.ref.index, f);
      break;
    case "comma":
      for (const x of e.es) visit(x, f);
      break;
    default:
      break;
  }
}

/** Walks statements and expressions; `inLoop` says whether the node is inside `loop`. */
function walkStmts(ss: readonly Stmt[], fs: (s: Stmt) => void, fe: (e: Expr, inLoop: boolean) => void, loop: PrangeStmt, inLoop = false): void {
  for (const s of ss) {
    fs(s);
    const e = (x: Expr | null): void => {
      if (x) visit(x, (y) => fe(y, inLoop));
    };
    switch (s.k) {
      case "expr":
        e(s.e);
        break;
      case "let":
        e(s.init);
        break;
      case "return":
        e(s.e);
        break;
      case "if":
        e(s.c);
        walkStmts(s.t, fs, fe, loop, inLoop);
        walkStmts(s.f, fs, fe, loop, inLoop);
        break;
      case "loop":
        walkStmts(s.init, fs, fe, loop, inLoop);
        e(s.cond);
        e(s.update);
        walkStmts(s.body, fs, fe, loop, inLoop);
        break;
      case "prange":
        e(s.rangeStart);
        e(s.rangeStop);
        e(s.rangeStep);
        walkStmts(s.body, fs, fe, loop, inLoop || s === loop);
        break;
      case "block":
        walkStmts(s.body, fs, fe, loop, inLoop);
        break;
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The tests

interface Var1 {
  readonly c: number;
  readonly lo: readonly Affine[];
  /** inclusive upper bounds */
  readonly hi: readonly Affine[];
}

/** Tests every pair of accesses to one array; returns the pairs not proven independent. */
export function conflicts(accesses: readonly Access[], loop: PrangeStmt, step: number | null, known: readonly Affine[] = []): Conflict[] {
  const out: Conflict[] = [];
  const byArray = new Map<Var, Access[]>();
  for (const a of accesses) {
    // an invariant subscript provably outside the array throws a RangeError: it never races
    if (a.form && invariant(a.form)) {
      const last = sub(atom(`len${a.array.id}`), constant(1));
      if (provePos(sub(a.form, last), known, true) || provePos(scale(a.form, -1), known, true)) continue;
    }
    let l = byArray.get(a.array);
    if (!l) byArray.set(a.array, (l = []));
    l.push(a);
  }
  for (const list of byArray.values()) {
    for (let x = 0; x < list.length; x++) {
      const w = list[x]!;
      if (!w.write) continue;
      for (let y = 0; y < list.length; y++) {
        const o = list[y]!;
        if (o.write && y < x) continue;
        const r = dependent(w, o, loop.index, step, known);
        if (r.dependent) out.push({ write: w, other: o, distance: r.distance });
      }
    }
  }
  return out;
}

/** Whether accesses `A` and `B` may touch one element in two different iterations of the prange. */
export function dependent(A: Access, B: Access, idx: Var, step: number | null, known: readonly Affine[] = []): { dependent: boolean; distance: number | null } {
  const facts: Affine[] = [...known];
  for (const d of [A.dom, B.dom]) {
    for (const b of d.values()) for (const lo of b.lo) for (const hi of b.hi) facts.push(sub(sub(hi, lo), constant(1)));
  }
  const s = step !== null && Number.isInteger(step) && step !== 0 ? Math.abs(step) : 1;
  const bi = (d: Dom): Bounds => d.get(idx) ?? { lo: [], hi: [] };
  const bA = bi(A.dom);
  const bB = bi(B.dom);
  // t ranges for i2 = i1 + dir * s * t, t >= 1
  const tmax = (dir: 1 | -1): Affine[] | null => {
    const out: Affine[] = [];
    const [his, los] = dir > 0 ? [bB.hi, bA.lo] : [bA.hi, bB.lo];
    for (const hi of his) {
      for (const lo of los) {
        const span = scale(sub(sub(hi, constant(1)), lo), 1 / s);
        // no iteration pair in this direction when span < 1
        if (provePos(sub(constant(1), span), facts, true)) return null;
        out.push(span);
      }
    }
    return out;
  };
  const dirs = ([1, -1] as const).map((d) => ({ dir: d, t: tmax(d) })).filter((d) => d.t !== null) as { dir: 1 | -1; t: Affine[] }[];
  if (dirs.length === 0) return { dependent: false, distance: null };
  if (!A.form || !B.form) return { dependent: true, distance: null };
  for (const f of [A.form, B.form]) for (const t of f.values()) for (const sy of t.sym.split("*")) if (sy.startsWith("len")) facts.push(atom(sy));

  const feasible = (fA: Affine, fB: Affine, depth: number): boolean => {
    // delinearise symbolic strides
    const symbolic = [...fA.values(), ...fB.values()].filter((t) => t.v && t.sym !== "");
    if (symbolic.length) {
      if (depth > 3) return true;
      const atoms = new Set<string>();
      for (const t of symbolic) for (const a of t.sym.split("*")) atoms.add(a);
      for (const al of atoms) {
        const [qA, rA] = split(fA, al);
        const [qB, rB] = split(fB, al);
        if (!within(rA, A.dom, al) || !within(rB, B.dom, al)) continue;
        return feasible(qA, qB, depth + 1) && feasible(rA, rB, depth + 1);
      }
      return true;
    }
    const a = coefOf(fA, idx).c;
    const b = coefOf(fB, idx).c;
    const K = sub(constOf(fA), constOf(fB));
    const counters: Var1[] = [];
    for (const [f, d, sign] of [[fA, A.dom, 1], [fB, B.dom, -1]] as const) {
      for (const v of varsOf(f)) {
        if (v === idx) continue;
        const bd = d.get(v);
        counters.push({ c: sign * coefOf(f, v).c, lo: bd?.lo ?? [], hi: (bd?.hi ?? []).map((h) => sub(h, constant(1))) });
      }
    }
    // i1 and i2 apart (their own bounds, any order): exact for the minus-minus shapes
    if (a !== b) {
      const i2: Var1[] = [
        { c: a, lo: bA.lo, hi: bA.hi.map((h) => sub(h, constant(1))) },
        { c: -b, lo: bB.lo, hi: bB.hi.map((h) => sub(h, constant(1))) },
      ];
      if (disproved([...counters, ...i2], K, facts)) return false;
    }
    // i2 = i1 + dir * s * t: E = (a - b) * i1 - b * dir * s * t + counters + K
    const i1: Var1 = { c: a - b, lo: bA.lo, hi: bA.hi.map((h) => sub(h, constant(1))) };
    for (const { dir, t } of dirs) {
      const vars = [...counters, i1, { c: -b * dir * s, lo: [constant(1)], hi: t }];
      if (!disproved(vars, K, facts)) return true;
    }
    return false;
  };

  /** 0 <= r <= atom - 1 over the domain */
  const within = (r: Affine, dom: Dom, al: string): boolean => {
    if ([...r.values()].some((t) => t.v && t.sym !== "")) return false;
    const vars: Var1[] = varsOf(r).map((v) => {
      const bd = dom.get(v);
      return { c: coefOf(r, v).c, lo: bd?.lo ?? [], hi: (bd?.hi ?? []).map((h) => sub(h, constant(1))) };
    });
    const k = constOf(r);
    const min = extreme(vars, k, false);
    const max = extreme(vars, k, true);
    return min.some((m) => provePos(m, facts, false)) && max.some((m) => provePos(sub(sub(atom(al), constant(1)), m), facts, false));
  };

  const dep = feasible(A.form, B.form, 0);
  let distance: number | null = null;
  if (dep && varsOf(A.form).every((v) => v === idx) && varsOf(B.form).every((v) => v === idx)) {
    const a = coefOf(A.form, idx);
    const b = coefOf(B.form, idx);
    const K = numeric(sub(constOf(A.form), constOf(B.form)));
    if (!a.symbolic && !b.symbolic && a.c === b.c && a.c !== 0 && K !== null) distance = Math.abs(K / a.c);
  }
  return { dependent: dep, distance };
}

function constOf(f: Affine): Affine {
  const m = new Map<string, Term>();
  for (const [k, t] of f) if (!t.v) m.set(k, t);
  return m;
}

/** f = q * atom + r, where r has no term with `al` as a factor. */
function split(f: Affine, al: string): [Affine, Affine] {
  let q: Affine = new Map();
  let r: Affine = new Map();
  for (const t of f.values()) {
    const parts = t.sym === "" ? [] : t.sym.split("*");
    const at = parts.indexOf(al);
    const one: Affine = t.v ? scale(loopVar(t.v), t.c) : constant(t.c);
    if (at < 0) {
      r = add(r, t.sym === "" ? one : (mul(one, atom(t.sym)) ?? one));
    } else {
      parts.splice(at, 1);
      const rest = parts.join("*");
      q = add(q, rest === "" ? one : (mul(one, atom(rest)) ?? one));
    }
  }
  return [q, r];
}

/** The smallest (or largest) value of k + sum c * x over the bounds: every combination of candidates (capped). */
function extreme(vars: readonly Var1[], k: Affine, max: boolean): Affine[] {
  let acc: Affine[] = [k];
  for (const v of vars) {
    if (v.c === 0) continue;
    const useHi = (v.c > 0) === max;
    const cands = useHi ? v.hi : v.lo;
    if (cands.length === 0) return [];
    const next: Affine[] = [];
    for (const a of acc) for (const b of cands) if (next.length < 16) next.push(add(a, scale(b, v.c)));
    acc = next;
  }
  return acc;
}

/** Whether sum c * x + K = 0 has no solution in the bounds (GCD, then bounds). */
function disproved(vars: readonly Var1[], K: Affine, facts: readonly Affine[]): boolean {
  const coefs = vars.map((v) => v.c).filter((c) => c !== 0);
  const k = numeric(K);
  if (coefs.length === 0) return provePos(K, facts, true) || provePos(scale(K, -1), facts, true);
  if (k !== null && Number.isInteger(k) && coefs.every((c) => Number.isInteger(c))) {
    const g = coefs.reduce((x, y) => gcd(x, Math.abs(y)), 0);
    if (g > 0 && k % g !== 0) return true;
  }
  if (extreme(vars, K, false).some((m) => provePos(m, facts, true))) return true;
  if (extreme(vars, K, true).some((m) => provePos(scale(m, -1), facts, true))) return true;
  return false;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** The prange's step when it is a number literal (`-1` included); null when symbolic. */
export function stepOf(loop: PrangeStmt): number | null {
  const s = loop.rangeStep;
  if (s.k === "num") return s.value;
  if (s.k === "unary" && s.op === "-" && s.e.k === "num") return -s.e.value;
  return null;
}
