/**
 * Array dependence analysis of one parallel prange loop. Every pair of accesses to the same
 * array (write/write, write/read, a write with itself) is tested for a cross-iteration
 * dependence: two different iterations of the prange that touch the same element.
 *
 * Collecting (collectAccesses): the prange body is walked in order with the current value of
 * every local (flow-sensitive), so `let j = 3 * i; c[j] = …; j++; c[j] = …` sees 3i, then 3i + 1.
 * A value is a set of alternatives, each an affine form (affine.ts) in the loop indices and
 * loop-invariant symbols with the linear constraints under which it is taken: `c ? x : y`,
 * `Math.min(x, y)`, `Math.max(x, y)` give two. Every access carries the linear constraints of
 * its iteration space: the prange's and the nested serial loops' bounds, kept relational
 * (`j < i`, `i < Math.min(ii + 32, n)`), conditions on the indices (`if (j > i)`, `if (i < n / 2)`,
 * `if (j > 0) continue`), and disjunctions where a bound or condition has alternatives. Induction
 * variables (`k++` once per iteration of a serial loop) are expressed in the loop's trip count;
 * `Math.floor(x / c)`, `x >> k` of invariants are symbols with their defining inequalities; the
 * prange index of a collapsed loop is split into (floor(k / c), k % c).
 *
 * Testing (dependent): for accesses A and B, the two iterations get separate copies of every
 * loop index, and the question "same element, different iterations" becomes a linear system:
 * subscripts equal, each copy inside its own iteration space, the prange indices apart by at
 * least the step. Subscripts are first delinearised (`q * s + r` with 0 <= r < s on both sides
 * splits into q1 = q2 and r1 = r2, for a symbolic s, a symbol plus a constant (`n + 1`) or a
 * literal s), and the system is decided by
 * Fourier–Motzkin elimination (fm.ts, with a GCD test on the equalities) for every combination
 * of alternatives. A pair is dependent unless every combination is infeasible. Anything the
 * analysis cannot express is left out of the system, which only makes it more feasible: a
 * failed proof is a reported race, never a silent one.
 */
import type { AtomicOp, Expr, Kernel, LoopStmt, Pos, PrangeStmt, Stmt, Ty, Var } from "../model/ir.js";
import { forEachChild, forEachStmt, visitExpr } from "../model/walk.js";
import { type Affine, type Term, add, atom, coefOf, constant, invariant, loopVar, mul, numeric, scale, sub, varsOf } from "./affine.js";
import { type Eq, type Ineq, infeasible } from "./fm.js";

/** `a > 0` (strict) or `a >= 0` */
export interface Cons {
  readonly a: Affine;
  readonly strict: boolean;
}

/** One alternative of a value: the form, and the constraints under which it is the value. */
export interface Alt {
  readonly a: Affine;
  readonly cs: readonly Cons[];
}

/**
 * An affine value with alternatives, or why it is not one. `le`/`ge`: bounds that hold whichever
 * alternative is taken (a Math.min is at most each argument, a Math.max at least), so a loop bound
 * `j < v` also gives `j < le[k]` without a disjunction.
 */
type Val = { readonly alts: readonly Alt[]; readonly le?: readonly Affine[]; readonly ge?: readonly Affine[] } | { readonly why: string };

/** The iteration space of an access: constraints that hold, and disjunctions (one option holds). */
export interface Space {
  readonly cons: readonly Cons[];
  readonly choices: readonly (readonly (readonly Cons[])[])[];
}

export interface Access {
  readonly array: Var;
  readonly write: boolean;
  /** an Atomics function (its name): two atomic accesses never race (a plain access against one still does) */
  readonly atomic?: AtomicOp;
  /** the whole access (`a[i]`, `a[i] = x`, `a[i]++`, `Atomics.add(a, i, x)`) */
  readonly pos: Pos;
  readonly index: Expr;
  /** the first alternative's form; null: not affine, `why` says what */
  readonly form: Affine | null;
  readonly alts: readonly Alt[] | null;
  readonly why: string | null;
  readonly space: Space;
  /** how the prange's iterations are numbered (shared by the loop's accesses) */
  readonly frame?: Frame;
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

/** The prange index written as `d * q + r` (0 <= r < d), for loops collapsed from two. */
interface Decomp {
  readonly d: Affine;
  readonly q: Var;
  readonly r: Var;
  readonly cons: readonly Cons[];
  /**
   * The divisor's expression when nothing proves it an integer >= 1 (a parameter `cols`): the
   * split holds only then, so the loop runs in parallel only when the divisor is one at run
   * time (LoopModel.serialUnless), and in order on one thread otherwise.
   */
  readonly assumed: Expr | null;
}

/** The prange's index and how two iterations are told apart. */
export interface Frame {
  readonly idx: Var;
  readonly step: number | null;
  /** index = start + step * v, when the step is a literal other than 1 */
  readonly numbering: { readonly v: Var; readonly start: Affine; readonly step: number } | null;
  readonly decomp: Decomp | null;
  /** symbols known to be integers: floor definitions, counters of serial loops around the prange */
  readonly ints: ReadonlySet<string>;
  /** a symbolic step: two iterations are at least |step| apart */
  readonly stepAff?: Affine | null;
}

export interface LoopAccesses {
  readonly accesses: readonly Access[];
  /** outer scalars that only one iteration touches (every access under `if (i === c)`, one c) */
  readonly singleIteration: ReadonlySet<Var>;
  /** constraints on loop-invariant symbols that hold in the loop (counters of serial loops around it, floor definitions) */
  readonly facts: readonly Cons[];
  /** the prange's iteration numbering: index = start + step * number, when the step is a literal other than 1 */
  readonly numbering: { readonly v: Var; readonly start: Affine; readonly step: number } | null;
  readonly decomp: Decomp | null;
  /** `x << c` subscripts read as x * 2^c that need the run-time int32 check (LoopModel.shiftsAssumed) */
  readonly shiftsAssumed: readonly Expr[];
}

/**
 * The step c of the one `v++` / `v--` / `v += c` / `v -= c` (c a literal) among `body`'s
 * statements outside inner loops (under ifs allowed), or null: such a v changes by 0 or c per trip.
 */
function stepInTrip(body: readonly Stmt[], v: Var): number | null {
  let found: number | null = null;
  let other = false;
  const inExpr = (e: Expr): void =>
    visitExpr(e, (u) => {
      if ((u.k === "update" || u.k === "assign") && u.target === v) {
        if (found !== null) other = true;
        else if (u.k === "update") found = u.op === "++" ? 1 : -1;
        else if ((u.op === "+=" || u.op === "-=") && u.value.k === "num" && Number.isInteger(u.value.value) && u.value.value !== 0) found = u.op === "+=" ? u.value.value : -u.value.value;
        else other = true;
      }
    });
  const walk = (ss: readonly Stmt[]): void => {
    for (const st of ss) {
      if (st.k === "expr") inExpr(st.e);
      else if (st.k === "let" && st.init) inExpr(st.init);
      else if (st.k === "if") {
        inExpr(st.c);
        walk(st.t);
        walk(st.f);
      } else if (st.k === "block") walk(st.body);
      else if (st.k === "return" && st.e) inExpr(st.e);
    }
  };
  walk(body);
  return other ? null : found;
}

/** Visits the subexpressions of `e` that run whenever `e` does (not the right of `&&`, `||`, `??`, nor a branch of `?:`). */
function unconditionally(e: Expr, f: (x: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "logical":
      unconditionally(e.l, f);
      return;
    case "cond":
      unconditionally(e.c, f);
      return;
    default:
      forEachChild(e, (x) => unconditionally(x, f));
  }
}

/** Expressions the lowering can evaluate before the prange, with no effect and no trap: arithmetic of numbers, outer variables and lengths. */
function evaluableBefore(e: Expr, inLoop: (v: Var) => boolean): boolean {
  let ok = true;
  visitExpr(e, (x) => {
    if (!ok) return;
    if (x.k === "var") ok = !inLoop(x.v);
    else if (x.k === "length") ok = !inLoop(x.array);
    else if (x.k === "binary") ok = x.op === "+" || x.op === "-" || x.op === "*";
    else if (x.k === "unary") ok = x.op === "-" || x.op === "+";
    else ok = x.k === "num";
  });
  return ok;
}

interface Ctx {
  readonly space: Space;
  readonly guard: string | null;
  /** `i === e` holds (e's text), for single-iteration scalars */
  readonly single: string | null;
}

type Env = Map<Var, Val>;

const FLIP = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;
const NEG = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "===": "!==", "==": "!=", "!==": "===", "!=": "==" } as const;
const MAX_ALTS = 8;
const MAX_OPTIONS = 16;

const ge = (a: Affine): Cons => ({ a, strict: false });
const gt = (a: Affine): Cons => ({ a, strict: true });
const single = (a: Affine): Val => ({ alts: [{ a, cs: [] }] });
const isVal = (v: Val): v is { alts: readonly Alt[] } => "alts" in v;
const affKey = (a: Affine): string => [...a.entries()].map(([k, t]) => `${k}:${t.c}`).sort().join(",");
const valKey = (v: Val): string => (isVal(v) ? v.alts.map((x) => affKey(x.a) + "/" + x.cs.map((c) => affKey(c.a) + (c.strict ? ">" : ">=")).join(";")).join("|") : "?" + (v as { why: string }).why);

/** Combines two values alternative by alternative. */
function lift2(l: Val, r: Val, f: (a: Affine, b: Affine) => Affine | null): Val | null {
  if (!isVal(l) || !isVal(r)) return null;
  const alts: Alt[] = [];
  for (const x of l.alts) {
    for (const y of r.alts) {
      const a = f(x.a, y.a);
      if (!a) return null;
      if (alts.length >= MAX_ALTS) return null;
      alts.push({ a, cs: [...x.cs, ...y.cs] });
    }
  }
  return { alts };
}

function mapVal(v: Val, f: (a: Affine) => Affine): Val {
  return isVal(v) ? { alts: v.alts.map((x) => ({ a: f(x.a), cs: x.cs })) } : v;
}

let fresh = 0;
/** A variable the analysis introduces (trip count, quotient, remainder); negative ids never clash with the model's. */
function synthetic(name: string, owner: PrangeStmt): Var {
  return { id: -1 - fresh++, name, pos: { start: 0, end: 0 }, kind: "local", owner, isConst: true };
}

/** `for (j = a; j < b; j++)` with `j` declared by the loop (the model's counter) or outside it. */
function counterOf(s: LoopStmt): { v: Var; init: Expr; bound: Expr; cmp: "<" | "<=" | ">" | ">="; step: number } | null {
  const first = s.init[0];
  if (first && first.k === "let" && first.v.counter) return { v: first.v, ...first.v.counter };
  if (s.init.length !== 1 || !first || first.k !== "expr" || first.e.k !== "assign" || first.e.op !== "=" || !s.cond || !s.update) return null;
  const v = first.e.target;
  const c = s.cond;
  if (c.k !== "binary" || !(c.op in FLIP)) return null;
  type Cmp = "<" | "<=" | ">" | ">=";
  let cmp: Cmp;
  let bound: Expr;
  if (c.l.k === "var" && c.l.v === v) [cmp, bound] = [c.op as Cmp, c.r];
  else if (c.r.k === "var" && c.r.v === v) [cmp, bound] = [FLIP[c.op as Cmp], c.l];
  else return null;
  const u = s.update;
  let step: number;
  if (u.k === "update" && u.target === v) step = u.op === "++" ? 1 : -1;
  else if (u.k === "assign" && u.target === v && (u.op === "+=" || u.op === "-=") && u.value.k === "num" && Number.isInteger(u.value.value) && u.value.value > 0) step = u.op === "+=" ? u.value.value : -u.value.value;
  else return null;
  if ((cmp === "<" || cmp === "<=") !== step > 0) return null;
  // no other write of the counter in the loop, and the bound does not mention it
  let other = false;
  const chk = (e: Expr): void =>
    visitExpr(e, (x) => {
      if ((x.k === "assign" || x.k === "update") && x.target === v) other = true;
      if (x.k === "var" && x.v === v && e === bound) other = true;
    });
  chk(bound);
  walkStmts(s.body, () => {}, (x) => {
    if ((x.k === "assign" || x.k === "update") && x.target === v) other = true;
  }, null);
  if (other) return null;
  return { v, init: first.e.value, bound, cmp, step };
}

/** Collects the array accesses of `loop` with their affine forms and iteration spaces. */
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
    if (inLoop && (e.k === "store" || e.k === "updateElem" || (e.k === "atomic" && e.op !== "load"))) arraysWrittenInLoop.add(e.ref.array);
  }, loop);

  /** Whether `e` reads no variable that is assigned anywhere (so its value is the same wherever it is read). */
  const readsOnlyConstants = (e: Expr): boolean => {
    let ok = true;
    visitExpr(e, (x) => {
      if (x.k === "var" && writtenAnywhere.has(x.v)) ok = false;
      if (x.k === "load" || x.k === "assign" || x.k === "update" || x.k === "store" || x.k === "updateElem" || x.k === "atomic" || (x.k === "call" && x.fn === "random")) ok = false;
    });
    return ok;
  };

  const accesses: Access[] = [];
  const scalarDoms = new Map<Var, Set<string> | "multi">();
  const loopVars = new Set<Var>([loop.index]);
  const facts: Cons[] = [];
  const factKeys = new Set<string>();
  const addFact = (c: Cons): void => {
    const kk = affKey(c.a) + c.strict;
    if (!factKeys.has(kk)) {
      factKeys.add(kk);
      facts.push(c);
    }
  };
  const defMemo = new Map<Var, Val>();
  /** symbols known to be integers, and symbols known not to be NaN */
  const ints = new Set<string>();
  const numbers = new Set<string>();
  const notNaN = (a: Affine): boolean => [...a.values()].every((t) => t.sym === "" || t.sym.split("*").every((y) => y.startsWith("len") || ints.has(y) || numbers.has(y)));
  const idx = loop.index;
  const EMPTY: Env = new Map();
  let decomp: Decomp | null = null;
  let startVal: Affine | null = null;
  let stopVal: Affine | null = null;
  let stepN: number | null = null;
  /** a symbolic step (one invariant form) */
  let stepAff: Affine | null = null;

  /** `x << c` subscripts read as x * 2^c with no proof that the product stays in int32 */
  const shiftsAssumed = new Set<Expr>();

  const printKey = (e: Expr, env: Env = EMPTY): string => {
    switch (e.k) {
      case "num":
        return String(e.value);
      case "bool":
        return String(e.value);
      case "var": {
        // a local with a value here: the value (one variable can hold different invariants at different points)
        const cur = env.get(e.v);
        if (cur) return isVal(cur) && cur.alts.length === 1 && !cur.alts[0]!.cs.length ? `[${affKey(cur.alts[0]!.a)}]` : `#${e.start}`;
        const d = !writtenAnywhere.has(e.v) && lets.get(e.v);
        return d ? `(${printKey(d)})` : `v${e.v.id}`;
      }
      case "length":
        return `len${e.array.id}`;
      case "load":
        return `${e.ref.array.id}[${printKey(e.ref.index, env)}]`;
      case "unary":
        return `${e.op}(${printKey(e.e, env)})`;
      case "binary":
      case "logical":
        return `(${printKey(e.l, env)}${e.op}${printKey(e.r, env)})`;
      case "cond":
        return `(${printKey(e.c, env)}?${printKey(e.t, env)}:${printKey(e.f, env)})`;
      case "call":
        return `${e.fn}(${e.args.map((x) => printKey(x, env)).join(",")})`;
      default:
        return `#${e.start}`;
    }
  };

  /** Whether `e` has the same value in every iteration of the prange. */
  const isInvariant = (e: Expr, env: Env): boolean => {
    let ok = true;
    visitExpr(e, (x) => {
      if (!ok) return;
      if (x.k === "var") {
        const r = toAff(x, env);
        if (!isVal(r) || r.alts.some((y) => !invariant(y.a) || y.cs.length)) ok = false;
      } else if (x.k === "load") {
        if (arraysWrittenInLoop.has(x.ref.array)) ok = false;
      } else if (x.k === "assign" || x.k === "store" || x.k === "update" || x.k === "updateElem" || x.k === "atomic" || (x.k === "call" && x.fn === "random")) ok = false;
    });
    return ok;
  };

  const opaque = (e: Expr, env: Env, why: () => string): Val => (isInvariant(e, env) ? single(atom(`(${printKey(e, env)})`)) : { why: why() });

  const nonAffine = (e: Expr): string => {
    let arr: Var | null = null;
    let atomic: string | null = null;
    visitExpr(e, (x) => {
      if (!arr && x.k === "load") arr = x.ref.array;
      if (!atomic && x.k === "atomic") atomic = `Atomics.${x.op} on '${x.ref.array.name}'`;
    });
    if (atomic) return `the subscript comes from ${atomic as string}, a value known only at run time`;
    return arr ? `the subscript goes through the array '${(arr as Var).name}' (an index array)` : `the subscript \`${textOf(e)}\` is not affine in the loop indices`;
  };

  /** Whether `c` provably holds given the facts (and `extra`). */
  const proves = (c: Cons): boolean => {
    const n = lin(scale(c.a, -1), "", !c.strict);
    if (!n) return false;
    const kept = facts.map((x) => lin(x.a, "", x.strict)).filter((x): x is Ineq => x !== null);
    return infeasible([], [...kept, n], () => false);
  };

  /** The prange index split into quotient and remainder by `d` (collapsed loops), created once. */
  const decompose = (d: Affine, dExpr: Expr | null = null): Decomp | null => {
    if (decomp) return affKey(decomp.d) === affKey(d) ? decomp : null;
    if (stepN !== 1 || !startVal || !proves(ge(startVal))) return null;
    const dn = numeric(d);
    let assumed: Expr | null = null;
    if (dn !== null) {
      if (!(dn >= 1 && Number.isInteger(dn))) return null;
    } else if (!proves(ge(sub(d, constant(1))))) {
      // a divisor of unknown sign: split under the assumption, which the loop checks at run time
      if (!dExpr || !evaluableBefore(dExpr, (v) => declaredInLoop.has(v) || writtenInLoop.has(v) || v.owner === loop)) return null;
      assumed = dExpr;
    }
    const q = synthetic(`floor(${idx.name} / …)`, loop);
    const r = synthetic(`${idx.name} % …`, loop);
    loopVars.add(q);
    loopVars.add(r);
    const cons: Cons[] = [ge(loopVar(r)), gt(sub(d, loopVar(r))), ge(loopVar(q))];
    // q < stop / d when d divides the stop
    if (stopVal) {
      if (dn !== null) cons.push(gt(sub(stopVal, add(scale(loopVar(q), dn), loopVar(r)))));
      else {
        let bounded = false;
        for (const al of [...d.values()].length === 1 ? [[...d.values()][0]!.sym] : []) {
          const [qs, rs] = split(stopVal, al);
          if (rs.size === 0 && [...d.values()][0]!.c === 1) {
            cons.push(gt(sub(qs, loopVar(q))));
            bounded = true;
          }
        }
        // prange(x * d) as written, d of several terms (`const w = n + 2; prange(n * w)`): q < x
        const e = loop.rangeStop;
        if (!bounded && e.k === "binary" && e.op === "*") {
          const [l, rr] = [toAff(e.l, EMPTY), toAff(e.r, EMPTY)];
          const one = (v: Val): Affine | null => (isVal(v) && v.alts.length === 1 && !v.alts[0]!.cs.length ? v.alts[0]!.a : null);
          const [la, ra] = [one(l), one(rr)];
          const x = ra && affKey(ra) === affKey(d) ? la : la && affKey(la) === affKey(d) ? ra : null;
          if (x) cons.push(gt(sub(x, loopVar(q))));
        }
      }
    }
    decomp = { d, q, r, cons, assumed };
    return decomp;
  };

  /** floor(x / d) for an invariant x and a positive literal d: a symbol with its definition as facts. */
  const floorOf = (e: Expr, x: Val, d: number, env: Env, shift = false): Val | null => {
    if (!isVal(x) || x.alts.length !== 1 || x.alts[0]!.cs.length) return null;
    const xa = x.alts[0]!.a;
    const xn = numeric(xa);
    if (xn !== null) return single(constant(Math.floor(xn / d)));
    if (invariant(xa)) {
      if (!isInvariant(e, env)) return null;
      const f = atom(`(${printKey(e, env)})`);
      // floor of a number is an integer (NaN aside); `x >> k` always is one (ToInt32 maps NaN to 0)
      if (shift || notNaN(xa)) ints.add(`(${printKey(e, env)})`);
      // `x >> k` shifts ToInt32(x): trunc(x) for |x| < 2^31, within 1 of x unless x is an integer
      const slack = shift && ![...xa.values()].every((t) => Number.isInteger(t.c) && (t.sym === "" || t.sym.split("*").every((y) => y.startsWith("len") || ints.has(y)))) ? 1 : 0;
      addFact({ a: add(sub(xa, scale(f, d)), constant(slack)), strict: slack > 0 });
      addFact(gt(sub(add(scale(f, d), constant(d + slack)), xa)));
      return single(f);
    }
    // the prange index of a collapsed loop
    if (affKey(xa) === affKey(loopVar(idx))) {
      const dc = decompose(constant(d));
      if (dc) return single(loopVar(dc.q));
    }
    return null;
  };

  /** the symbolic terms (atoms and their products: variables, lengths, loads, calls) of a value */
  const symsOf = (v: Val): Set<string> => {
    const out = new Set<string>();
    if (isVal(v)) for (const x of v.alts) for (const t of x.a.values()) if (t.sym !== "") out.add(t.sym);
    return out;
  };
  /**
   * whether a term of `l` or `r` is missing from their sum `out`: in a sum of doubles, a term that
   * cancels (`(i + big) - big`, `i + c[0] - c[0]`, `i + n*m - n*m` past 2^53) may have rounded the
   * index away first
   */
  const cancelsDouble = (l: Val, r: Val, out: Val): boolean => {
    const after = symsOf(out);
    return [...symsOf(l), ...symsOf(r)].some((y) => !after.has(y));
  };

  const toAff = (e: Expr, env: Env): Val => {
    switch (e.k) {
      case "num":
        return Number.isFinite(e.value) ? single(constant(e.value)) : { why: `\`${textOf(e)}\` is not a finite number` };
      case "var": {
        const v = e.v;
        const cur = env.get(v);
        if (cur) return cur;
        if (loopVars.has(v)) return single(loopVar(v));
        const m = defMemo.get(v);
        if (m) return m;
        let r: Val;
        const def = lets.get(v);
        if (!writtenAnywhere.has(v) && def && !declaredInLoop.has(v) && readsOnlyConstants(def)) {
          defMemo.set(v, { why: `'${v.name}' is defined in terms of itself` });
          r = toAff(def, EMPTY);
        } else if (v.owner !== loop && !writtenInLoop.has(v) && v.kind !== "index" && !declaredInLoop.has(v)) r = single(atom(`v${v.id}`));
        else if (v.owner !== loop && v.kind === "index" && !declaredInLoop.has(v)) r = single(atom(`v${v.id}`));
        else r = { why: `'${v.name}' changes inside the loop` };
        defMemo.set(v, r);
        return r;
      }
      case "length":
        return e.array.owner === loop ? { why: `'${e.array.name}' is made in each iteration` } : single(atom(`len${e.array.id}`));
      case "update": {
        // the value of `k++` is the old value (`++k`: the new one)
        const old = toAff({ k: "var", v: e.target, start: e.start, end: e.end }, env);
        return e.prefix ? mapVal(old, (a) => add(a, constant(e.op === "++" ? 1 : -1))) : old;
      }
      case "unary":
        if (e.op === "-" || e.op === "+") {
          const r = toAff(e.e, env);
          return e.op === "-" ? mapVal(r, (a) => scale(a, -1)) : r;
        }
        if (e.op === "~" && e.e.k === "unary" && e.e.op === "~") return truncOf(e, e.e.e, env);
        return opaque(e, env, () => nonAffine(e));
      case "cond": {
        const t = toAff(e.t, env);
        const f = toAff(e.f, env);
        if (isVal(t) && isVal(f)) {
          const ct = conditionOptions(e.c, false, env);
          const cf = conditionOptions(e.c, true, env);
          const alts: Alt[] = [];
          for (const [side, opts] of [[t, ct], [f, cf]] as const) {
            for (const x of side.alts) for (const o of opts ?? [[]]) alts.push({ a: x.a, cs: [...x.cs, ...o] });
          }
          if (alts.length <= MAX_ALTS) return { alts };
        }
        return opaque(e, env, () => ("why" in t ? t.why : "why" in f ? f.why : nonAffine(e)));
      }
      case "call": {
        if ((e.fn === "min" || e.fn === "max") && e.args.length >= 1) {
          let acc: Val = toAff(e.args[0]!, env);
          for (const a of e.args.slice(1)) {
            const b = toAff(a, env);
            if (!isVal(acc) || !isVal(b)) return opaque(e, env, () => ("why" in acc ? acc.why : "why" in b ? b.why : nonAffine(e)));
            const alts: Alt[] = [];
            for (const x of acc.alts) {
              for (const y of b.alts) {
                // min: x where x <= y, y where y < x (max: the reverse)
                const d = e.fn === "min" ? sub(y.a, x.a) : sub(x.a, y.a);
                alts.push({ a: x.a, cs: [...x.cs, ...y.cs, ge(d)] });
                alts.push({ a: y.a, cs: [...x.cs, ...y.cs, gt(scale(d, -1))] });
              }
            }
            if (alts.length > MAX_ALTS) return opaque(e, env, () => nonAffine(e));
            acc = { alts };
          }
          // every argument a plain affine value: the result is at most (min) / at least (max) each
          const args = e.args.map((a) => toAff(a, env));
          if (isVal(acc) && args.every((v) => isVal(v) && v.alts.length === 1 && v.alts[0]!.cs.length === 0)) {
            const hull = args.map((v) => (v as { alts: readonly Alt[] }).alts[0]!.a);
            return e.fn === "min" ? { alts: acc.alts, le: hull } : { alts: acc.alts, ge: hull };
          }
          return acc;
        }
        if (e.fn === "floor" && e.args.length === 1) {
          const a = e.args[0]!;
          if (a.k === "binary" && a.op === "/") {
            const d = toAff(a.r, env);
            const dn = isVal(d) && d.alts.length === 1 ? numeric(d.alts[0]!.a) : null;
            if (dn !== null && dn > 0) {
              const r = floorOf(e, toAff(a.l, env), dn, env);
              if (r) return r;
            } else if (isVal(d) && d.alts.length === 1 && invariant(d.alts[0]!.a) && !d.alts[0]!.cs.length) {
              const x = toAff(a.l, env);
              if (isVal(x) && x.alts.length === 1 && affKey(x.alts[0]!.a) === affKey(loopVar(idx))) {
                const dc = decompose(d.alts[0]!.a, a.r);
                if (dc) return single(loopVar(dc.q));
              }
            }
          }
          const x = toAff(a, env);
          const n = isVal(x) && x.alts.length === 1 ? numeric(x.alts[0]!.a) : null;
          if (n !== null) return single(constant(Math.floor(n)));
        }
        if (e.fn === "trunc" && e.args.length === 1) return truncOf(e, e.args[0]!, env);
        return foldCall(e, env) ?? opaque(e, env, () => nonAffine(e));
      }
      case "binary": {
        const l = toAff(e.l, env);
        const r = toAff(e.r, env);
        const rn = isVal(r) && r.alts.length === 1 ? numeric(r.alts[0]!.a) : null;
        const ln = isVal(l) && l.alts.length === 1 ? numeric(l.alts[0]!.a) : null;
        if (ln !== null && rn !== null) {
          const v = foldBinary(e.op, ln, rn);
          if (v !== null) return single(constant(v));
        }
        let out: Val | null = null;
        switch (e.op) {
          case "+":
          case "-":
            out = lift2(l, r, (a, b) => (e.op === "+" ? add(a, b) : sub(a, b)));
            // in doubles `(i + big) - big` need not be i: the sum rounds for a large or fractional
            // `big`, and distinct iterations may then meet at one element. A term that cancels out
            // of a sum of doubles leaves a form that need not be the subscript's value.
            if (out && isVal(out) && e.ty?.k === "f64" && cancelsDouble(l, r, out)) {
              return opaque(e, env, () => `\`${textOf(e)}\` cancels a term out of a sum of doubles, which may have rounded`);
            }
            break;
          case "*":
            out = lift2(l, r, (a, b) => mul(a, b));
            break;
          case "/":
            if (rn !== null && rn !== 0) out = mapVal(l, (a) => scale(a, 1 / rn));
            break;
          case "|":
            if (rn === 0) out = truncOf(e, e.l, env);
            break;
          case ">>":
            if (rn === 0) out = truncOf(e, e.l, env);
            else if (rn !== null && Number.isInteger(rn) && rn > 0 && rn < 31) out = floorOf(e, l, 2 ** rn, env, true);
            break;
          case "<<":
            // x << c is x * 2^c only while that stays in int32: beyond, it wraps modulo 2^32, and
            // iterations far apart meet (\`i << 30\` at i = 0 and 4) or the subscript is not the one
            // the other subscripts are compared with. Where x's type does not keep it in range, the
            // loop runs in parallel only if that is checked at run time (LoopModel.shiftsAssumed)
            if (rn !== null && Number.isInteger(rn) && rn >= 0 && rn < 31) {
              out = mapVal(l, (a) => scale(a, 2 ** rn));
              if (isVal(out) && !shiftFits(e.l.ty, rn)) shiftsAssumed.add(e);
            }
            break;
          case "&":
            // k & (2^p - 1) of the collapsed prange index (k >= 0): its remainder by 2^p
            if (rn !== null && Number.isInteger(rn) && rn > 0 && rn < 2 ** 30 && ((rn + 1) & rn) === 0 && isVal(l) && l.alts.length === 1 && affKey(l.alts[0]!.a) === affKey(loopVar(idx))) {
              const dc = decompose(constant(rn + 1));
              if (dc) out = single(loopVar(dc.r));
            }
            break;
          case "%": {
            // k % d of the collapsed prange index: its remainder
            if (isVal(l) && isVal(r) && l.alts.length === 1 && r.alts.length === 1 && affKey(l.alts[0]!.a) === affKey(loopVar(idx)) && invariant(r.alts[0]!.a) && !r.alts[0]!.cs.length) {
              const dc = decompose(r.alts[0]!.a, e.r);
              if (dc) out = single(loopVar(dc.r));
            }
            break;
          }
          default:
            break;
        }
        if (out) return out;
        if ("why" in l && !isInvariant(e, env)) return l;
        if ("why" in r && !isInvariant(e, env)) return r;
        return opaque(e, env, () => nonAffine(e));
      }
      default:
        return opaque(e, env, () => nonAffine(e));
    }
  };

  /** `x | 0`, `x >> 0`, `Math.trunc(x)`, `~~x`: x / d truncates like floor when x >= 0. */
  const truncOf = (e: Expr, x: Expr, env: Env): Val => {
    const v = toAff(x, env);
    const n = isVal(v) && v.alts.length === 1 ? numeric(v.alts[0]!.a) : null;
    if (n !== null && Math.abs(n) < 2 ** 31) return single(constant(Math.trunc(n)));
    if (x.k === "binary" && x.op === "/") {
      const l = toAff(x.l, env);
      const d = toAff(x.r, env);
      if (isVal(l) && isVal(d) && l.alts.length === 1 && d.alts.length === 1 && affKey(l.alts[0]!.a) === affKey(loopVar(idx)) && invariant(d.alts[0]!.a) && !d.alts[0]!.cs.length) {
        const dc = decompose(d.alts[0]!.a, x.r);
        if (dc) return single(loopVar(dc.q));
      }
    }
    return opaque(e, env, () => ("why" in v ? v.why : nonAffine(e)));
  };

  const foldCall = (e: Expr & { k: "call" }, env: Env): Val | null => {
    const ns: number[] = [];
    for (const a of e.args) {
      const v = toAff(a, env);
      const n = isVal(v) && v.alts.length === 1 ? numeric(v.alts[0]!.a) : null;
      if (n === null) return null;
      ns.push(n);
    }
    const f = (Math as unknown as Record<string, unknown>)[e.fn];
    if (!["floor", "ceil", "trunc", "round", "abs", "min", "max"].includes(e.fn) || typeof f !== "function") return null;
    const r = (f as (...a: number[]) => number)(...ns);
    return Number.isFinite(r) ? single(constant(r)) : null;
  };

  /** The options (each a conjunction) under which condition `c` is true (false with `neg`); null: unresolved. */
  const conditionOptions = (c: Expr, neg: boolean, env: Env): Cons[][] | null => {
    if (c.k === "unary" && c.op === "!") return conditionOptions(c.e, !neg, env);
    if (c.k === "bool") return c.value !== neg ? [[]] : [[gt(constant(-1))]];
    if (c.k === "logical" && c.op !== "??") {
      const l = conditionOptions(c.l, neg, env);
      const r = conditionOptions(c.r, neg, env);
      if ((c.op === "&&") !== neg) {
        // both hold
        if (!l && !r) return null;
        if (!l || !r) return l ?? r;
        const out: Cons[][] = [];
        for (const x of l) for (const y of r) out.push([...x, ...y]);
        return out.length <= MAX_OPTIONS ? out : null;
      }
      // one of them holds
      if (!l || !r) return null;
      return l.length + r.length <= MAX_OPTIONS ? [...l, ...r] : null;
    }
    if (c.k === "binary" && c.op in NEG) {
      const l = toAff(c.l, env);
      const r = toAff(c.r, env);
      const d = lift2(l, r, (a, b) => sub(a, b));
      if (!d || !isVal(d)) return null;
      // a false `x < y` means `x >= y` only when neither is NaN (then every comparison is false)
      if (neg && c.op in FLIP && !d.alts.every((x) => [x.a, ...x.cs.map((y) => y.a)].every(notNaN))) return null;
      const op = (neg ? NEG[c.op as keyof typeof NEG] : c.op) as string;
      const out: Cons[][] = [];
      for (const x of d.alts) {
        const m = scale(x.a, -1);
        switch (op) {
          case "<":
            out.push([...x.cs, gt(m)]);
            break;
          case "<=":
            out.push([...x.cs, ge(m)]);
            break;
          case ">":
            out.push([...x.cs, gt(x.a)]);
            break;
          case ">=":
            out.push([...x.cs, ge(x.a)]);
            break;
          case "===":
          case "==":
            out.push([...x.cs, ge(x.a), ge(m)]);
            break;
          default:
            out.push([...x.cs, gt(x.a)], [...x.cs, gt(m)]);
        }
      }
      return out.length <= MAX_OPTIONS ? out : null;
    }
    return null;
  };

  /**
   * The values a bound is the minimum (upper) or maximum (lower) of: `j < Math.min(a, b)` is
   * `j < a && j < b`, with no case split. Also `x < y ? x : y` and a constant added to either.
   */
  const boundParts = (e: Expr, upper: boolean, env: Env): Val[] => {
    if (e.k === "call" && e.fn === (upper ? "min" : "max") && e.args.length >= 1) return e.args.flatMap((a) => boundParts(a, upper, env));
    if (e.k === "cond" && e.c.k === "binary" && (e.c.op === "<" || e.c.op === "<=" || e.c.op === ">" || e.c.op === ">=")) {
      const [x, y] = [printKey(e.c.l, env), printKey(e.c.r, env)];
      const [t, f] = [printKey(e.t, env), printKey(e.f, env)];
      const less = e.c.op === "<" || e.c.op === "<=";
      // x < y ? x : y is min(x, y); x < y ? y : x is max(x, y)
      const isMin = (t === x && f === y && less) || (t === y && f === x && !less);
      const isMax = (t === y && f === x && less) || (t === x && f === y && !less);
      if ((upper && isMin) || (!upper && isMax)) return [...boundParts(e.t, upper, env), ...boundParts(e.f, upper, env)];
    }
    if (e.k === "binary" && (e.op === "+" || e.op === "-")) {
      const r = toAff(e.r, env);
      if (isVal(r) && r.alts.length === 1 && !r.alts[0]!.cs.length && invariant(r.alts[0]!.a)) {
        const parts = boundParts(e.l, upper, env);
        if (parts.length > 1) return parts.map((p) => lift2(p, r, e.op === "+" ? add : sub) ?? { why: "" });
      }
      const l = toAff(e.l, env);
      if (e.op === "+" && isVal(l) && l.alts.length === 1 && !l.alts[0]!.cs.length && invariant(l.alts[0]!.a)) {
        const parts = boundParts(e.r, upper, env);
        if (parts.length > 1) return parts.map((p) => lift2(l, p, add) ?? { why: "" });
      }
    }
    return [toAff(e, env)];
  };

  /** `j >= lo` (`j > lo`) or `j < hi` (`j <= hi`) as constraints: conjunctions, disjunctions where a part has alternatives. */
  const bound = (ctx: Ctx, j: Affine, e: Expr, upper: boolean, strict: boolean, below: boolean, env: Env): Ctx => {
    // below: j is under the bound (j < e); otherwise above it (j >= e)
    let out = ctx;
    for (const part of boundParts(e, upper, env)) {
      if (!isVal(part)) continue;
      // what holds under every option, as plain constraints (a first pass without disjunctions uses them)
      const hull = below ? part.le : part.ge;
      if (hull && part.alts.length > 1) out = withOptions(out, [hull.map((h) => ({ a: below ? sub(h, j) : sub(j, h), strict }))]);
      out = withOptions(out, part.alts.map((x) => [...x.cs, { a: below ? sub(x.a, j) : sub(j, x.a), strict }]));
    }
    return out;
  };

  const withOptions = (ctx: Ctx, opts: readonly (readonly Cons[])[]): Ctx => {
    if (opts.length === 1) return { ...ctx, space: { cons: [...ctx.space.cons, ...opts[0]!], choices: ctx.space.choices } };
    return { ...ctx, space: { cons: ctx.space.cons, choices: [...ctx.space.choices, opts] } };
  };

  const unresolved = (c: Expr, ctx: Ctx): Ctx => (ctx.guard ? ctx : { ...ctx, guard: textOf(c) });

  /** What a condition says about the loop variables: narrowed space, or an unresolved guard. */
  const narrow = (c: Expr, neg: boolean, ctx: Ctx, env: Env): Ctx => {
    const opts = conditionOptions(c, neg, env);
    if (!opts) return isInvariant(c, env) ? ctx : unresolved(c, ctx);
    let out = withOptions(ctx, opts);
    // `i === e` (e invariant): one iteration
    const eff = c.k === "binary" && c.op in NEG ? (neg ? NEG[c.op as keyof typeof NEG] : c.op) : null;
    if (c.k === "binary" && (eff === "===" || eff === "==")) {
      const [a, b] = c.l.k === "var" && c.l.v === idx ? [c.l, c.r] : [c.r, c.l];
      if (a.k === "var" && a.v === idx && isInvariant(b, env)) out = { ...out, single: printKey(b, env) };
    }
    return out;
  };

  const recordScalar = (v: Var, ctx: Ctx): void => {
    if (v.array || v.owner === loop || v.kind === "index") return;
    const prev = scalarDoms.get(v);
    if (prev === "multi") return;
    const s = ctx.guard ? null : ctx.single;
    if (s === null) scalarDoms.set(v, "multi");
    else (prev ?? scalarDoms.set(v, new Set()).get(v) as Set<string>).add(s);
  };

  const access = (array: Var, write: boolean, pos: Pos, index: Expr, ctx: Ctx, env: Env, atomic?: AtomicOp): void => {
    // an array made in the body is the iteration's own: no other iteration sees it
    if (array.owner === loop) return;
    const r = toAff(index, env);
    // through floor(k / c) or k % c the subscript is not affine in the index: proofs use the
    // split, but a conflict is reported as a possible race (PF2006), not a certain one
    const split2 = isVal(r) && !!decomp && r.alts.some((x) => [...x.a.values(), ...x.cs.flatMap((c) => [...c.a.values()])].some((t) => t.v === decomp!.q || t.v === decomp!.r));
    const form = isVal(r) && !split2 ? r.alts[0]!.a : null;
    const why = "why" in r ? r.why : split2 ? nonAffine(index) : null;
    accesses.push({ array, write, ...(atomic ? { atomic } : {}), pos, index, form, alts: isVal(r) ? r.alts : null, why, space: ctx.space, guard: ctx.guard });
  };

  const join = (a: Env, b: Env): Env => {
    const out: Env = new Map();
    for (const v of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(v);
      const y = b.get(v);
      out.set(v, x && y && valKey(x) === valKey(y) ? x : { why: `'${v.name}' has different values on the two sides of a condition` });
    }
    return out;
  };

  const setVar = (env: Env, v: Var, val: Val): void => {
    env.set(v, isVal(val) || (val as { why: string }).why ? val : { why: `'${v.name}' changes inside the loop` });
  };

  /** Scans `e` in evaluation order, updating `env` with the assignments it makes. */
  const scanExpr = (e: Expr, ctx: Ctx, env: Env): void => {
    switch (e.k) {
      case "var":
        recordScalar(e.v, ctx);
        return;
      case "load":
        access(e.ref.array, false, e, e.ref.index, ctx, env);
        scanExpr(e.ref.index, ctx, env);
        return;
      case "store": {
        const before = new Map(env);
        scanExpr(e.ref.index, ctx, env);
        scanExpr(e.value, ctx, env);
        access(e.ref.array, true, e, e.ref.index, ctx, before);
        return;
      }
      case "updateElem": {
        const before = new Map(env);
        scanExpr(e.ref.index, ctx, env);
        access(e.ref.array, true, e, e.ref.index, ctx, before);
        return;
      }
      case "atomic": {
        const before = new Map(env);
        scanExpr(e.ref.index, ctx, env);
        for (const a of e.args) scanExpr(a, ctx, env);
        access(e.ref.array, e.op !== "load", e, e.ref.index, ctx, before, e.op);
        return;
      }
      case "assign": {
        const cur = toAff({ k: "var", v: e.target, start: e.start, end: e.end }, env);
        const val = toAff(e.value, env);
        scanExpr(e.value, ctx, env);
        recordScalar(e.target, ctx);
        let nv: Val | null = null;
        if (e.op === "=") nv = val;
        else if (e.op === "+=") nv = lift2(cur, val, add);
        else if (e.op === "-=") nv = lift2(cur, val, sub);
        setVar(env, e.target, nv ?? { why: "" });
        return;
      }
      case "update": {
        recordScalar(e.target, ctx);
        const cur = toAff({ k: "var", v: e.target, start: e.start, end: e.end }, env);
        setVar(env, e.target, mapVal(cur, (a) => add(a, constant(e.op === "++" ? 1 : -1))));
        return;
      }
      case "unary":
        scanExpr(e.e, ctx, env);
        return;
      case "binary":
        scanExpr(e.l, ctx, env);
        scanExpr(e.r, ctx, env);
        return;
      case "logical": {
        scanExpr(e.l, ctx, env);
        const r = new Map(env);
        scanExpr(e.r, e.op === "??" ? ctx : narrow(e.l, e.op === "||", ctx, env), r);
        replace(env, join(env, r));
        return;
      }
      case "cond": {
        scanExpr(e.c, ctx, env);
        const t = new Map(env);
        const f = new Map(env);
        scanExpr(e.t, narrow(e.c, false, ctx, env), t);
        scanExpr(e.f, narrow(e.c, true, ctx, env), f);
        replace(env, join(t, f));
        return;
      }
      case "call":
        for (const a of e.args) scanExpr(a, ctx, env);
        return;
      case "comma":
        for (const x of e.es) scanExpr(x, ctx, env);
        return;
      case "newArray":
        scanExpr(e.len, ctx, env);
        return;
      default:
        return;
    }
  };

  const replace = (env: Env, by: Env): void => {
    env.clear();
    for (const [k2, v] of by) env.set(k2, v);
  };

  const endsInJump = (ss: readonly Stmt[]): boolean => {
    const last = ss[ss.length - 1];
    if (!last) return false;
    if (last.k === "continue" || last.k === "break" || last.k === "return") return true;
    return last.k === "block" && endsInJump(last.body);
  };

  /** Variables assigned in `ss` (and in `extra` expressions). */
  const assignedIn = (ss: readonly Stmt[], extra: readonly (Expr | null)[] = []): Set<Var> => {
    const out = new Set<Var>();
    const f = (x: Expr): void => {
      if (x.k === "assign" || x.k === "update") out.add(x.target);
    };
    walkStmts(ss, () => {}, f, null);
    for (const e of extra) if (e) visitExpr(e, f);
    return out;
  };

  /** The loop's trip count as an affine form at the start of an iteration (a fresh variable when it has no counter). */
  const tripOf = (s: LoopStmt, ctr: ReturnType<typeof counterOf>, entry: Env, body: { extra: Cons[] }): Affine | null => {
    if (ctr) {
      const init = toAff(ctr.init, entry);
      if (!isVal(init) || init.alts.length !== 1 || init.alts[0]!.cs.length) return null;
      return scale(sub(loopVar(ctr.v), init.alts[0]!.a), 1 / ctr.step);
    }
    const t = synthetic(`trips`, loop);
    loopVars.add(t);
    body.extra.push(ge(loopVar(t)));
    return loopVar(t);
  };

  const scanStmts = (ss: readonly Stmt[], ctx0: Ctx, env: Env): void => {
    let ctx = ctx0;
    for (const s of ss) {
      switch (s.k) {
        case "expr":
          scanExpr(s.e, ctx, env);
          break;
        case "let":
          if (s.init) {
            const val = toAff(s.init, env);
            scanExpr(s.init, ctx, env);
            setVar(env, s.v, val);
          } else env.set(s.v, { why: `'${s.v.name}' has no value yet` });
          break;
        case "return":
          if (s.e) scanExpr(s.e, ctx, env);
          break;
        case "if": {
          scanExpr(s.c, ctx, env);
          const t = new Map(env);
          const f = new Map(env);
          const ct = narrow(s.c, false, ctx, env);
          const cf = narrow(s.c, true, ctx, env);
          scanStmts(s.t, ct, t);
          scanStmts(s.f, cf, f);
          const jt = endsInJump(s.t);
          const jf = endsInJump(s.f);
          replace(env, jt && !jf ? f : jf && !jt ? t : join(t, f));
          // `if (c) continue;`: what follows runs only when c is false (and the reverse)
          if (jt && !jf) ctx = cf;
          else if (jf && !jt) ctx = ct;
          break;
        }
        case "loop": {
          for (const x of s.init) scanStmts([x], ctx, env);
          const ctr = counterOf(s);
          // variables carried from one iteration to the next
          const declared = new Set<Var>();
          forEachStmt(s.body, (x) => {
            if (x.k === "let") declared.add(x.v);
          });
          const carried = [...assignedIn(s.body, [s.cond, s.update])].filter((v) => !declared.has(v) && v !== ctr?.v);
          let skips = false;
          forEachStmt(s.body, (x) => {
            if (x.k === "continue" && x.target === s) skips = true;
          });
          const entry = new Map(env);
          const body: Env = new Map(env);
          const extra: Cons[] = [];
          // the counter: a loop variable; with a step other than 1, init + step * t (t = 0, 1, ...), which keeps
          // the stride (`for (let j = 0; j < n; j += 2)` visits even j only)
          let jForm: Affine | null = null;
          let ctrTrip: Affine | null = null;
          if (ctr) {
            const init = toAff(ctr.init, entry);
            // a block loop, `for (let i = b * T; i < (b + 1) * T; i++)` (b an index, T a symbol): i = b * T + t
            // with 0 <= t < T, so that two blocks' subscripts split into (b, t) as `b * T + t` does
            const blocked = (a: Affine): boolean => [...a.values()].some((t) => t.v !== null && t.sym !== "");
            if ((Math.abs(ctr.step) !== 1 || (ctr.step === 1 && isVal(init) && init.alts.length === 1 && blocked(init.alts[0]!.a))) && isVal(init) && init.alts.length === 1 && !init.alts[0]!.cs.length) {
              const t = synthetic(`${ctr.v.name}#trips`, loop);
              loopVars.add(t);
              ctrTrip = loopVar(t);
              extra.push(ge(ctrTrip));
              jForm = add(init.alts[0]!.a, scale(ctrTrip, ctr.step));
            } else {
              loopVars.add(ctr.v);
              jForm = loopVar(ctr.v);
            }
            body.set(ctr.v, single(jForm));
          }
          let trip: Affine | null | undefined;
          let tripVar: Affine | null = null;
          for (const v of carried) {
            body.set(v, { why: `'${v.name}' changes inside the loop` });
            // an induction variable: one unconditional `v += c` per iteration, a statement of the body or
            // inside one where it always runs (`u[++pos]`)
            if (skips) continue;
            let writes = 0;
            walkStmts(s.body, () => {}, (x) => {
              if ((x.k === "assign" || x.k === "update") && x.target === v) writes++;
            }, null);
            for (const x of [s.cond, s.update]) if (x) visitExpr(x, (y) => { if ((y.k === "assign" || y.k === "update") && y.target === v) writes += 2; });
            if (writes !== 1) continue;
            let c: number | null = null;
            for (const st of s.body) {
              const top = st.k === "expr" ? st.e : st.k === "let" ? st.init : null;
              if (top) unconditionally(top, (u) => {
                if (u.k === "update" && u.target === v) c = u.op === "++" ? 1 : -1;
                else if (u.k === "assign" && u.target === v && (u.op === "+=" || u.op === "-=") && u.value.k === "num") c = u.op === "+=" ? u.value.value : -u.value.value;
                else if (u.k === "assign" && u.target === v && u.op === "=" && u.value.k === "binary" && (u.value.op === "+" || u.value.op === "-") && u.value.l.k === "var" && u.value.l.v === v && u.value.r.k === "num") c = u.value.op === "+" ? u.value.r.value : -u.value.r.value;
              });
            }
            // or one `v += c` that may or may not run in a trip (under an if, not in an inner loop):
            // after t trips v is its entry value plus s, 0 <= s <= c * t (c < 0: c * t <= s <= 0)
            let sometimes: number | null = null;
            if (c === null) sometimes = stepInTrip(s.body, v);
            const ev = entry.get(v) ?? toAff({ k: "var", v, start: 0, end: 0 }, entry);
            if ((c === null && sometimes === null) || !isVal(ev)) continue;
            if (trip === undefined) {
              trip = ctrTrip ?? tripOf(s, ctr, entry, { extra });
              if (!ctr) tripVar = trip;
            }
            if (trip === null) continue;
            const t = trip;
            if (c !== null) {
              const cc = c;
              body.set(v, mapVal(ev, (a) => add(a, scale(t, cc))));
            } else {
              const step = sometimes!;
              const sv = synthetic(`${v.name}#steps`, loop);
              loopVars.add(sv);
              const sa = loopVar(sv);
              const most = scale(t, step);
              extra.push(step > 0 ? ge(sa) : ge(scale(sa, -1)), step > 0 ? ge(sub(most, sa)) : ge(sub(sa, most)));
              body.set(v, mapVal(ev, (a) => add(a, sa)));
            }
          }
          let inner: Ctx = extra.length ? withOptions(ctx, [extra]) : ctx;
          if (ctr) {
            const up = ctr.step > 0;
            const j = jForm!;
            const strict = ctr.cmp === "<" || ctr.cmp === ">";
            // up: init <= j < bound (a max of inits, a min of bounds); down: bound < j <= init
            inner = bound(inner, j, ctr.init, !up, false, !up, entry);
            inner = bound(inner, j, ctr.bound, up, strict, up, body);
          } else if (s.cond && s.kind !== "do") inner = narrow(s.cond, false, inner, body);
          else if (s.cond) {
            // do-while: iteration t > 0 runs when the condition held after iteration t - 1, which is
            // the condition on the values at the start of iteration t (induction variables only)
            const opts = tripVar && conditionOptions(s.cond, false, body);
            if (opts && tripVar) inner = withOptions(inner, [[ge(scale(tripVar, -1))], ...opts]);
            else inner = unresolved(s.cond, inner);
          }
          if (s.cond) scanExpr(s.cond, inner, body);
          scanStmts(s.body, inner, body);
          if (s.update) scanExpr(s.update, inner, body);
          // after the loop: what it assigned is unknown
          for (const v of [...carried, ...(ctr && !declared.has(ctr.v) ? [ctr.v] : [])]) env.set(v, { why: `'${v.name}' changes inside the loop` });
          break;
        }
        case "prange": {
          scanExpr(s.rangeStart, ctx, env);
          scanExpr(s.rangeStop, ctx, env);
          scanExpr(s.rangeStep, ctx, env);
          loopVars.add(s.index);
          const st = toAff(s.rangeStep, env);
          const lo = toAff(s.rangeStart, env);
          const hi = toAff(s.rangeStop, env);
          const sn = isVal(st) && st.alts.length === 1 ? numeric(st.alts[0]!.a) : null;
          let inner = ctx;
          const j = loopVar(s.index);
          if (sn !== null && sn !== 0 && isVal(lo) && isVal(hi)) {
            inner = bound(inner, j, s.rangeStart, sn < 0, false, sn < 0, env);
            inner = bound(inner, j, s.rangeStop, sn > 0, true, sn > 0, env);
          }
          const body = new Map(env);
          const declared = new Set<Var>();
          forEachStmt(s.body, (x) => {
            if (x.k === "let") declared.add(x.v);
          });
          const carried = [...assignedIn(s.body)].filter((v) => !declared.has(v));
          for (const v of carried) body.set(v, { why: `'${v.name}' changes inside the loop` });
          scanStmts(s.body, inner, body);
          for (const v of carried) env.set(v, { why: `'${v.name}' changes inside the loop` });
          break;
        }
        case "block":
          scanStmts(s.body, ctx, env);
          break;
        default:
          break;
      }
    }
  };

  // variables declared inside the loop (never loop-invariant atoms)
  const declaredInLoop = new Set<Var>();
  forEachStmt(loop.body, (s) => {
    if (s.k === "let") declaredInLoop.add(s.v);
  });

  // the prange's own space
  const st = toAff(loop.rangeStep, EMPTY);
  stepN = isVal(st) && st.alts.length === 1 ? numeric(st.alts[0]!.a) : null;
  const start = toAff(loop.rangeStart, EMPTY);
  const stop = toAff(loop.rangeStop, EMPTY);
  let ctx: Ctx = { space: { cons: [], choices: [] }, guard: null, single: null };
  // prange bounds are safe integers (prange throws otherwise): their symbols are finite numbers,
  // and a bound that is one symbol (plus an integer) makes it an integer
  for (const b of [start, stop, st]) {
    if (!isVal(b)) continue;
    for (const x of b.alts) {
      for (const t of x.a.values()) for (const y of t.sym === "" ? [] : t.sym.split("*")) numbers.add(y);
      const ts = [...x.a.values()].filter((t) => t.sym !== "");
      const kc = numeric(constOf(x.a)) ?? 0;
      if (ts.length === 1 && !ts[0]!.v && Math.abs(ts[0]!.c) === 1 && !ts[0]!.sym.includes("*") && Number.isInteger(kc) && !x.cs.length) ints.add(ts[0]!.sym);
    }
  }
  const i = loopVar(idx);
  if (stepN !== null && stepN !== 0 && isVal(start) && isVal(stop)) {
    // a negative step runs from start down to (but not including) stop
    ctx = bound(ctx, i, loop.rangeStart, stepN < 0, false, stepN < 0, EMPTY);
    ctx = bound(ctx, i, loop.rangeStop, stepN > 0, true, stepN > 0, EMPTY);
    if (stepN > 0 && start.alts.length === 1 && !start.alts[0]!.cs.length) startVal = start.alts[0]!.a;
    if (stepN > 0 && stop.alts.length === 1 && !stop.alts[0]!.cs.length) stopVal = stop.alts[0]!.a;
  } else if (stepN === null && isVal(st) && st.alts.length === 1 && !st.alts[0]!.cs.length && invariant(st.alts[0]!.a)) {
    // a symbolic step: upwards (start <= i < stop, step > 0) or downwards (stop < i <= start, step < 0)
    const sa = st.alts[0]!.a;
    const up = bound(bound({ ...ctx, space: { cons: [gt(sa)], choices: [] } }, i, loop.rangeStart, false, false, false, EMPTY), i, loop.rangeStop, true, true, true, EMPTY);
    const down = bound(bound({ ...ctx, space: { cons: [gt(scale(sa, -1))], choices: [] } }, i, loop.rangeStart, true, false, true, EMPTY), i, loop.rangeStop, false, true, false, EMPTY);
    if (!up.space.choices.length && !down.space.choices.length) ctx = withOptions(ctx, [up.space.cons, down.space.cons]);
    stepAff = sa;
  }

  // facts about counters of serial loops around the prange (invariant inside it): lo <= c < hi
  const around = (ss: readonly Stmt[]): boolean => {
    for (const s of ss) {
      if (s === loop) return true;
      if (s.k === "loop") {
        if (around(s.body)) {
          const c = counterOf(s);
          // (bounds whose variables are assigned somewhere may not hold for the values the loop sees)
          if (c && readsOnlyConstants(c.init) && readsOnlyConstants(c.bound)) {
            const init = toAff(c.init, EMPTY);
            const bound = toAff(c.bound, EMPTY);
            const cv = atom(`v${c.v.id}`);
            if (isVal(init) && init.alts.length === 1 && numeric(init.alts[0]!.a) !== null && Number.isInteger(numeric(init.alts[0]!.a))) ints.add(`v${c.v.id}`);
            if (isVal(init) && init.alts.length === 1 && invariant(init.alts[0]!.a)) addFact({ a: c.step > 0 ? sub(cv, init.alts[0]!.a) : sub(init.alts[0]!.a, cv), strict: false });
            if (isVal(bound) && bound.alts.length === 1 && invariant(bound.alts[0]!.a)) {
              const b = bound.alts[0]!.a;
              addFact({ a: c.step > 0 ? sub(b, cv) : sub(cv, b), strict: c.cmp === "<" || c.cmp === ">" });
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

  // early exits before the prange (`if (cols < 1) return;`): their negation holds in it, when the
  // condition only reads variables that are never assigned
  // (only statements on the way to the loop: a guard inside an earlier loop or branch may not run)
  const contains = (ss: readonly Stmt[]): boolean => {
    let found = false;
    forEachStmt(ss, (x) => {
      if (x === loop) found = true;
    });
    return found;
  };
  const guards = (ss: readonly Stmt[]): boolean => {
    for (const s of ss) {
      if (s === loop) return true;
      const inner = s.k === "if" ? [s.t, s.f] : s.k === "loop" || s.k === "block" || s.k === "prange" ? [s.body] : [];
      const path = inner.find(contains);
      if (path) return guards(path);
      if (s.k === "if" && s.f.length === 0 && endsInJump(s.t)) {
        let pure = true;
        visitExpr(s.c, (x) => {
          if (x.k === "var" && writtenAnywhere.has(x.v)) pure = false;
          if (x.k === "load" || x.k === "assign" || x.k === "update" || x.k === "store" || x.k === "updateElem" || x.k === "atomic" || x.k === "call") pure = false;
        });
        const opts = pure ? conditionOptions(s.c, true, EMPTY) : null;
        if (opts && opts.length === 1) for (const c of opts[0]!) if (invariant(c.a)) addFact(c);
      }
    }
    return false;
  };
  guards(k.body);

  scanStmts(loop.body, ctx, new Map());

  const singleIteration = new Set<Var>();
  for (const [v, d] of scalarDoms) if (d !== "multi" && d.size === 1) singleIteration.add(v);
  const numbering = stepN !== null && stepN !== 1 && Number.isInteger(stepN) && startVal && stepN > 0 ? { v: synthetic(`${idx.name}#`, loop), start: startVal, step: stepN } : null;
  const frame: Frame = { idx, step: stepN, numbering, decomp, ints, stepAff };
  return { accesses: accesses.map((a) => ({ ...a, frame })), singleIteration, facts, numbering, decomp, shiftsAssumed: [...shiftsAssumed] };
}

function foldBinary(op: string, a: number, b: number): number | null {
  let r: number;
  switch (op) {
    case "+": r = a + b; break;
    case "-": r = a - b; break;
    case "*": r = a * b; break;
    case "/": r = a / b; break;
    case "%": r = a % b; break;
    case "|": r = a | b; break;
    case "&": r = a & b; break;
    case "^": r = a ^ b; break;
    case ">>": r = a >> b; break;
    case "<<": r = a << b; break;
    case ">>>": r = a >>> b; break;
    default: return null;
  }
  return Number.isFinite(r) ? r : null;
}


/** Walks statements and expressions; `inLoop` says whether the node is inside `loop`. */
function walkStmts(ss: readonly Stmt[], fs: (s: Stmt) => void, fe: (e: Expr, inLoop: boolean) => void, loop: PrangeStmt | null, inLoop = false): void {
  for (const s of ss) {
    fs(s);
    const e = (x: Expr | null): void => {
      if (x) visitExpr(x, (y) => fe(y, inLoop));
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

/** FM variable names: loop variables per side (`A#12`), symbols shared (`$v3*v4`). */
const varKey = (side: string, v: Var): string => `${side}#${v.id}`;
/** Loop indices and counters are integers (the analysis assumes integer starts and steps); so are lengths and the symbols in `ints`. */
const integralIn = (ints: ReadonlySet<string>) => (x: string): boolean => x.includes("#") || x.startsWith("$len") || ints.has(x.slice(1));

/** The linear form of `a` with loop variables renamed for `side`; null when a loop variable has a symbolic coefficient. */
function linear(a: Affine, side: string): { c: Map<string, number>; k: number } | null {
  const c = new Map<string, number>();
  let k = 0;
  for (const t of a.values()) {
    let x: string;
    if (t.v) {
      if (t.sym !== "") return null;
      x = varKey(side, t.v);
    } else if (t.sym === "") {
      k += t.c;
      continue;
    } else x = `$${t.sym}`;
    const s = (c.get(x) ?? 0) + t.c;
    if (Math.abs(s) < 1e-12) c.delete(x);
    else c.set(x, s);
  }
  return { c, k };
}

function lin(a: Affine, side: string, strict: boolean): Ineq | null {
  const l = linear(a, side);
  return l ? { ...l, strict } : null;
}

/** a (side A) - b (side B) = 0 */
function linEq(a: Affine, b: Affine): Eq | null {
  const x = linear(a, "A");
  const y = linear(b, "B");
  if (!x || !y) return null;
  const c = new Map(x.c);
  for (const [v, n] of y.c) {
    const s = (c.get(v) ?? 0) - n;
    if (Math.abs(s) < 1e-12) c.delete(v);
    else c.set(v, s);
  }
  return { c, k: x.k - y.k };
}

/** Replaces loop variable `v` in `a` by `by`. */
function substVar(a: Affine, v: Var, by: Affine): Affine {
  let out: Affine = new Map();
  for (const t of a.values()) {
    if (t.v !== v) {
      out = add(out, new Map([[`${t.v ? t.v.id : ""}|${t.sym}`, t]]));
      continue;
    }
    const f = t.sym === "" ? constant(t.c) : scale(atom(t.sym), t.c);
    out = add(out, mul(by, f) ?? new Map());
  }
  return out;
}

/**
 * Tests the pairs of accesses to one array; returns pairs not proven independent. Each access
 * needs one such pair to be known racing: a pair of two different accesses already in returned
 * pairs is not tested (the loop's diagnostics are one per array, naming the racing accesses; a
 * write with itself is always tested, as it decides PF2002). Accesses through two array
 * variables that may be one array in this loop (`sameArray`, from analysis/points-to.ts) are
 * tested as accesses of one array.
 */
export function conflicts(accesses: readonly Access[], loop: PrangeStmt, step: number | null, known: readonly Cons[] = [], sameArray: (a: Var, b: Var) => boolean = () => false): Conflict[] {
  const out: Conflict[] = [];
  const byArray = new Map<Var, Access[]>();
  // one list per group of variables that may share an array (their union)
  const group = new Map<Var, Var>();
  const find = (v: Var): Var => {
    let r = v;
    while (group.get(r) !== r) r = group.get(r)!;
    return r;
  };
  const vars = [...new Set(accesses.map((a) => a.array))];
  for (const v of vars) group.set(v, v);
  for (let i = 0; i < vars.length; i++) for (let j = i + 1; j < vars.length; j++) if (sameArray(vars[i]!, vars[j]!)) group.set(find(vars[j]!), find(vars[i]!));
  for (const a of accesses) {
    const g = find(a.array);
    let l = byArray.get(g);
    if (!l) byArray.set(g, (l = []));
    l.push(a);
  }
  for (const list of byArray.values()) {
    const racing = new Set<Access>();
    for (let x = 0; x < list.length; x++) {
      const w = list[x]!;
      if (!w.write) continue;
      for (let y = 0; y < list.length; y++) {
        const o = list[y]!;
        if (o.write && y < x) continue;
        if (o.array !== w.array && !sameArray(w.array, o.array)) continue;
        // Atomics against Atomics: each is indivisible, whatever the order
        if (w.atomic && o.atomic) continue;
        if (o !== w && racing.has(w) && racing.has(o)) continue;
        const r = dependent(w, o, loop.index, step, known);
        if (!r.dependent) continue;
        out.push({ write: w, other: o, distance: r.distance });
        racing.add(w).add(o);
      }
    }
  }
  return out;
}

/** A constraint's row per side (A, B, none), made once: rows are reused by many systems, and fm.ts keys its answers by row. */
const rows = new WeakMap<Cons, (Ineq | null)[]>();

interface Rewritten {
  readonly space: { readonly cons: Cons[]; readonly choices: Cons[][][] };
  readonly alts: { a: Affine; cs: Cons[] }[] | null;
}
const rewrites = new WeakMap<Frame, WeakMap<Access, Rewritten>>();

/** One integrality test per frame (a function of it), so fm.ts can keep its answers per test. */
const integrals = new WeakMap<Frame, (x: string) => boolean>();
function integralOf(frame: Frame, make: (x: string) => boolean): (x: string) => boolean {
  let f = integrals.get(frame);
  if (!f) integrals.set(frame, (f = make));
  return f;
}

/** `0 <= x.a < length` for an alternative of a subscript, made once per alternative (rows are kept per constraint object). */
const insides = new WeakMap<object, Map<string, Cons[]>>();
function insideOf(x: { readonly a: Affine }, len: string): Cons[] {
  let byLen = insides.get(x);
  if (!byLen) insides.set(x, (byLen = new Map()));
  let cs = byLen.get(len);
  if (!cs) byLen.set(len, (cs = [ge(x.a), gt(sub(atom(len), x.a))]));
  return cs;
}

/** The row `$len… >= 0` of a length symbol, one object per symbol (kept for the most recent symbols). */
const lengthRows = new Map<string, Ineq>();
function lengthRow(l: string): Ineq {
  let r = lengthRows.get(l);
  if (!r) {
    if (lengthRows.size >= 4096) lengthRows.clear();
    lengthRows.set(l, (r = { c: new Map([[`$${l}`, 1]]), k: 0, strict: false }));
  }
  return r;
}

/** Most combinations of alternatives tried per pair; beyond it, disjunctions are dropped (which is sound). */
const MAX_COMBOS = 256;

/** Whether accesses `A` and `B` may touch one element in two different iterations of the prange. */
export function dependent(A: Access, B: Access, idx: Var, step: number | null, known: readonly Cons[] = []): { dependent: boolean; distance: number | null } {
  const frame: Frame = A.frame ?? { idx, step, numbering: null, decomp: null, ints: new Set() };
  const { numbering, decomp } = frame;
  const base0 = integralIn(frame.ints);
  // the remainder k % d is an integer only when d is
  const dInt = !decomp || decomp.assumed !== null || (numeric(decomp.d) !== null && Number.isInteger(numeric(decomp.d))) || [...decomp.d.values()].every((t) => !t.v && Number.isInteger(t.c) && (t.sym === "" || t.sym.split("*").every((y) => y.startsWith("len") || frame.ints.has(y))));
  const integral = integralOf(frame, (x: string): boolean => base0(x) && (dInt || !decomp || !x.endsWith(`#${decomp.r.id}`)));
  // the prange index rewritten: by its iteration number, or by (quotient, remainder)
  const rewrite = (a: Affine): Affine => {
    if (numbering) return substVar(a, idx, add(numbering.start, scale(loopVar(numbering.v), numbering.step)));
    if (decomp) return substVar(a, idx, add(mul(loopVar(decomp.q), decomp.d) ?? new Map(), loopVar(decomp.r)));
    return a;
  };
  const rw = (cs: readonly Cons[]): Cons[] => cs.map((c) => ({ a: rewrite(c.a), strict: c.strict }));

  // two different iterations: one of these variables differs (by at least `min`, or strictly)
  const distinct: { v: Var; strict: boolean; min: number }[] = [];
  if (decomp) distinct.push({ v: decomp.q, strict: false, min: 1 }, { v: decomp.r, strict: true, min: 0 });
  else {
    const s = numbering ? 1 : step !== null && step !== 0 ? Math.abs(step) : 0;
    distinct.push({ v: numbering ? numbering.v : idx, strict: s === 0, min: s });
  }

  // each constraint's row per side, made once (the combinations below reuse them, and fm.ts keys its answers by row)
  const sideIneqs = (cs: readonly Cons[], side: string, into: Ineq[]): void => {
    const at = side === "A" ? 0 : side === "B" ? 1 : 2;
    for (const c of cs) {
      let r = rows.get(c);
      if (!r) rows.set(c, (r = []));
      let l = r[at];
      if (l === undefined) l = r[at] = lin(c.a, side, c.strict);
      if (l) into.push(l);
    }
  };
  const base: Ineq[] = [];
  sideIneqs(known, "", base);
  const lenName = `len${A.array.id}`;
  if (decomp) {
    for (const side of ["A", "B"]) sideIneqs(decomp.cons, side, base);
  }

  // every symbol `len…` is >= 0
  const lens = new Set<string>([`len${A.array.id}`]);
  // an access's constraints and subscripts with the index rewritten: once per frame (every pair of the loop uses them)
  const rewrittenOf = (x: Access): Rewritten => {
    let byAccess = A.frame ? rewrites.get(A.frame) : undefined;
    if (A.frame && !byAccess) rewrites.set(A.frame, (byAccess = new WeakMap()));
    let r = byAccess?.get(x);
    if (!r) {
      r = { space: { cons: rw(x.space.cons), choices: x.space.choices.map((o) => o.map(rw)) }, alts: x.alts ? x.alts.map((y) => ({ a: rewrite(y.a), cs: rw(y.cs) })) : null };
      byAccess?.set(x, r);
    }
    return r;
  };
  const rA = rewrittenOf(A);
  const rB = rewrittenOf(B);
  const sA = rA.space;
  const sB = rB.space;
  for (const s of [sA, sB]) for (const c of [...s.cons, ...s.choices.flat(2)]) for (const t of c.a.values()) for (const y of t.sym.split("*")) if (y.startsWith("len")) lens.add(y);
  for (const l of lens) base.push(lengthRow(l));

  const altsA = rA.alts;
  const altsB = rB.alts;
  for (const alts of [altsA, altsB]) for (const x of alts ?? []) for (const t of x.a.values()) for (const y of t.sym.split("*")) if (y.startsWith("len") && !lens.has(y)) {
    lens.add(y);
    base.push(lengthRow(y));
  }

  // drop disjunctions beyond the budget
  const groups: { side: string; opts: Cons[][] }[] = [...sA.choices.map((o) => ({ side: "A", opts: o })), ...sB.choices.map((o) => ({ side: "B", opts: o }))];
  let combos = (altsA?.length ?? 1) * (altsB?.length ?? 1) * (decomp ? 4 : 2);
  const kept: typeof groups = [];
  for (const g of groups) {
    if (combos * g.opts.length > MAX_COMBOS) continue;
    combos *= g.opts.length;
    kept.push(g);
  }

  // the rows that put two iterations apart, one list per direction (made once: every
  // combination below uses them, and fm.ts keys its answers by row)
  const directions: Ineq[][] = [];
  for (const o of distinct) {
    for (const [hi, lo] of [["B", "A"], ["A", "B"]] as const) {
      const apart: Ineq[] = [{ c: new Map([[varKey(hi, o.v), 1], [varKey(lo, o.v), -1]]), k: -o.min, strict: o.strict }];
      if (frame.stepAff && o.v === idx && !numbering && !decomp) {
        // |i2 - i1| >= |step|: i2 - i1 >= step and i2 - i1 >= -step
        for (const sg of [1, -1]) {
          const l = linear(scale(frame.stepAff, sg), "");
          if (l) {
            const c = new Map([[varKey(hi, o.v), 1], [varKey(lo, o.v), -1]]);
            for (const [y, v] of l.c) c.set(y, (c.get(y) ?? 0) - v);
            apart.push({ c, k: -l.k, strict: false });
          }
        }
      }
      directions.push(apart);
    }
  }
  // the rows r < 0 and r >= s of bothBounds, by side and text (made once per call, as above)
  const boundRows = new Map<string, [Ineq | null, Ineq | null]>();
  const boundsOf = (r: Affine, s: Affine, side: string, key: string): [Ineq | null, Ineq | null] => {
    let b = boundRows.get(key);
    if (!b) boundRows.set(key, (b = [lin(scale(r, -1), side, true), lin(sub(r, s), side, false)]));
    return b;
  };

  let dep = false;
  let use: typeof kept = [];
  const choice: number[] = kept.map(() => 0);
  const enumerate = (gi: number): boolean => {
    if (gi < use.length) {
      for (let o = 0; o < use[gi]!.opts.length; o++) {
        choice[gi] = o;
        if (enumerate(gi + 1)) return true;
      }
      return false;
    }
    // the constraints of each side under this choice
    const consA: Cons[] = [...sA.cons];
    const consB: Cons[] = [...sB.cons];
    use.forEach((g, n) => (g.side === "A" ? consA : consB).push(...g.opts[choice[n]!]!));
    for (const xa of altsA ?? [null]) {
      for (const xb of altsB ?? [null]) {
        const ca = xa ? [...consA, ...xa.cs] : consA;
        const cb = xb ? [...consB, ...xb.cs] : consB;
        const ineqs: Ineq[] = [...base];
        sideIneqs(ca, "A", ineqs);
        sideIneqs(cb, "B", ineqs);
        if (xa && xb) {
          // both subscripts inside the array
          sideIneqs(insideOf(xa, lenName), "A", ineqs);
          sideIneqs(insideOf(xb, lenName), "B", ineqs);
        }
        // 0 <= r < s from one side's own constraints, shared by the directions (the whole system is the fallback)
        const own = new Map<string, Fit>();
        const ownWithin = (r: Affine, s: Affine, side: string): Fit => {
          const mk = side + affKey(r) + "/" + affKey(s);
          let v = own.get(mk);
          if (v === undefined) {
            const sys: Ineq[] = [...base];
            sideIneqs(side === "A" ? ca : cb, side, sys);
            const x = side === "A" ? xa : xb;
            if (x) sideIneqs(insideOf(x, lenName), side, sys);
            v = bothBounds(sys, boundsOf(r, s, side, mk), integral);
            own.set(mk, v);
          }
          return v;
        };
        // the subscripts' equation as it stands (one per pair of alternatives)
        const whole = xa && xb ? linEq(xa.a, xb.a) : null;
        for (const apart of directions) {
          const sys: Ineq[] = [...ineqs, ...apart];
          const eqs: Eq[] = [];
          if (xa && xb) {
            // tried first: when it already has no solution with the system, the split equations
            // (which imply it) have none either, and the remainder proofs below are not needed
            if (whole && infeasible([whole], sys, integral)) continue;
            // 0 <= r < s in every solution of the system (both iterations, apart)
            const memo = new Map<string, Fit>();
            const within = (r: Affine, s: Affine, side: string): Fit => {
              const mk = side + affKey(r) + "/" + affKey(s);
              const m = memo.get(mk);
              if (m !== undefined) return m;
              const a = ownWithin(r, s, side);
              const v = a.lo && a.hi ? a : bothBounds(sys, boundsOf(r, s, side, mk), integral, a);
              memo.set(mk, v);
              return v;
            };
            for (const [p, q] of delinearise(xa.a, xb.a, (r, s) => within(r, s, "A"), (r, s) => within(r, s, "B"), 0)) {
              const e = linEq(p, q);
              if (e) eqs.push(e);
            }
          }
          if (!infeasible(eqs, sys, integral)) return true;
        }
      }
    }
    return false;
  };
  // without the disjunctions first (fewer constraints: a proof there holds for every option)
  dep = enumerate(0);
  if (dep && kept.length) {
    use = kept;
    dep = enumerate(0);
  }

  let distance: number | null = null;
  if (dep && A.form && B.form && varsOf(A.form).every((v) => v === idx) && varsOf(B.form).every((v) => v === idx) && A.alts!.length === 1 && B.alts!.length === 1) {
    const a = coefOf(A.form, idx);
    const b = coefOf(B.form, idx);
    const K = numeric(sub(constOf(A.form), constOf(B.form)));
    if (!a.symbolic && !b.symbolic && a.c === b.c && a.c !== 0 && K !== null) distance = Math.abs(K / a.c);
  }
  return { dependent: dep, distance };
}

/** Whether r >= 0 and r < s hold in every solution of a system (`known`: parts already proved). */
interface Fit {
  readonly lo: boolean;
  readonly hi: boolean;
}

/** `negations`: the rows r < 0 and r >= s (null where not linear). */
function bothBounds(sys: readonly Ineq[], negations: readonly [Ineq | null, Ineq | null], integral: (x: string) => boolean, known: Fit = { lo: false, hi: false }): Fit {
  const [lo2, hi2] = negations;
  return {
    lo: known.lo || (!!lo2 && infeasible([], [...sys, lo2], integral)),
    hi: known.hi || (!!hi2 && infeasible([], [...sys, hi2], integral)),
  };
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

/** f = q * s + r for a literal stride s: the terms whose coefficient s divides go to q. */
function splitNum(f: Affine, s: number): [Affine, Affine] {
  let q: Affine = new Map();
  let r: Affine = new Map();
  for (const t of f.values()) {
    const one: Affine = new Map([[`${t.v ? t.v.id : ""}|${t.sym}`, t]]);
    if (t.sym === "" && !t.v) r = add(r, one);
    else if (Number.isInteger(t.c / s)) q = add(q, scale(one, 1 / s));
    else r = add(r, one);
  }
  return [q, r];
}

const integerCoefs = (a: Affine): boolean => [...a.values()].every((t) => Number.isInteger(t.c));

/** The greatest common divisor of integer coefficients (0 when there are none, 1 when one is not an integer). */
function commonFactor(cs: readonly number[]): number {
  let g = 0;
  for (const c of cs) {
    if (!Number.isInteger(c)) return 1;
    let a = Math.abs(c);
    let b = g;
    while (b !== 0) [a, b] = [b, a % b];
    g = a;
  }
  return g;
}

/**
 * Strides `y + c` for a symbol `y` and an integer `c` (`k * (n + 1) + j` is `k*n + k + j`, whose
 * stride is `n + 1`): f = q * y + r is also q * (y + c) + (r - c * q). The offsets tried are those
 * that take a multiple of a term of q out of r (each side's own), so the candidates stay few.
 */
function offsetStrides(fA: Affine, fB: Affine, y: string): { s: Affine; parts: (f: Affine) => [Affine, Affine] }[] {
  const offsets = new Set<number>();
  for (const f of [fA, fB]) {
    const [q, r] = split(f, y);
    for (const [k, t] of q) {
      const c = (r.get(k)?.c ?? 0) / t.c;
      if (c !== 0 && Number.isInteger(c) && Math.abs(c) <= 64) offsets.add(c);
    }
  }
  return [...offsets].sort((a, b) => a - b).map((c) => ({
    s: add(atom(y), constant(c)),
    parts: (f: Affine): [Affine, Affine] => {
      const [q, r] = split(f, y);
      return [q, sub(r, scale(q, c))];
    },
  }));
}

/**
 * Splits the equation fA = fB into equations of the parts: with fX = qX * s + rX and
 * 0 <= rX < s on both sides (qX integral), fA = fB holds exactly when qA = qB and rA = rB.
 * `s` is a symbol (`n` in `i * n + j`) or a literal stride (`500` in `j * 500 + i`); the
 * remainders may be shifted by one stride (`i * n + n - 1`).
 */
function delinearise(fA: Affine, fB: Affine, withinA: (r: Affine, s: Affine) => Fit, withinB: (r: Affine, s: Affine) => Fit, depth: number): [Affine, Affine][] {
  if (depth > 4) return [[fA, fB]];
  const syms = new Set<string>();
  const strides = new Set<number>();
  for (const f of [fA, fB]) {
    for (const t of f.values()) {
      if (t.sym !== "") for (const y of t.sym.split("*")) syms.add(y);
      else if (t.v && Number.isInteger(t.c) && Math.abs(t.c) >= 2) strides.add(Math.abs(t.c));
    }
  }
  const cands: { s: Affine; parts: (f: Affine) => [Affine, Affine] }[] = [
    ...[...syms].sort().map((y) => ({ s: atom(y), parts: (f: Affine) => split(f, y) })),
    // a stride g * y when every quotient coefficient is a multiple of g (`k = 2 * i * m` plus up to 2m - 1)
    ...[...syms].sort().flatMap((y) => {
      const g = commonFactor([...split(fA, y)[0].values(), ...split(fB, y)[0].values()].map((t) => t.c));
      return g >= 2 ? [{ s: scale(atom(y), g), parts: (f: Affine): [Affine, Affine] => { const [q, r] = split(f, y); return [scale(q, 1 / g), r]; } }] : [];
    }),
    ...[...syms].sort().flatMap((y) => offsetStrides(fA, fB, y)),
    ...[...strides].sort((x, y) => y - x).map((n) => ({ s: constant(n), parts: (f: Affine) => splitNum(f, n) })),
  ];
  for (const { s, parts } of cands) {
    const [qA, rA] = parts(fA);
    const [qB, rB] = parts(fB);
    if (qA.size === 0 && qB.size === 0) continue;
    if (!integerCoefs(qA) || !integerCoefs(qB)) continue;
    // the same invariant remainder on both sides (`i * m + m - 1`): qA * s = qB * s, so qA = qB
    // when s > 0, whatever the remainder's range
    if (affKey(rA) === affKey(rB) && [...rA.values()].every((t) => t.v === null) && withinA(constant(0), s).hi) {
      return delinearise(qA, qB, withinA, withinB, depth + 1);
    }
    // a remainder below 0 is tried one stride up, one not below s one stride down
    const shifted = (r: Affine, w: (r: Affine, s: Affine) => Fit): number | null => {
      const f = w(r, s);
      if (f.lo && f.hi) return 0;
      if (f.lo === f.hi) return null;
      const k = f.lo ? -1 : 1;
      const g = w(add(r, scale(s, k)), s);
      return g.lo && g.hi ? k : null;
    };
    const kA = shifted(rA, withinA);
    if (kA === null) continue;
    const rA2 = add(rA, scale(s, kA));
    {
      const kB = shifted(rB, withinB);
      if (kB !== null) {
        const rB2 = add(rB, scale(s, kB));
        const qA2 = sub(qA, constant(kA));
        const qB2 = sub(qB, constant(kB));
        return [...delinearise(qA2, qB2, withinA, withinB, depth + 1), ...delinearise(rA2, rB2, withinA, withinB, depth + 1)];
      }
    }
  }
  return [[fA, fB]];
}

/** The prange's step when it is a number literal (`-1` included); null when symbolic. */
export function stepOf(loop: PrangeStmt): number | null {
  const s = loop.rangeStep;
  if (s.k === "num") return s.value;
  if (s.k === "unary" && s.op === "-" && s.e.k === "num") return -s.e.value;
  return null;
}

/** Whether every value of type \`t\` is an integer whose product with 2^c lies in int32 (then \`x << c\` is that product). */
function shiftFits(t: Ty | undefined, c: number): boolean {
  return t !== undefined && (t.k === "i32" || t.k === "i64") && t.lo * 2 ** c >= -2147483648 && t.hi * 2 ** c <= 2147483647;
}
