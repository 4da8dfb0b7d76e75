/**
 * Which array parameters a call overwrites in full before it reads them, so the runtime can skip
 * copying an ordinary typed array into shared memory (the copy back still happens).
 *
 * The proof is syntactic and kept narrow, because a wrong one hands the caller stale heap bytes:
 *
 *   - the first top-level statement of the kernel that touches the array's elements (through any
 *     variable that may hold it: analysis/points-to.ts) is a prange `prange(stop)` (or
 *     `prange(0, stop)`, step 1), where `stop` is a scalar parameter the kernel never assigns or
 *     the `.length` of an array that can only be one parameter's argument;
 *   - no statement before that prange can return;
 *   - in its body the first statement that touches the array is either a store `p[x] = e` to the
 *     array itself, with `e` not reading it, or a *row loop* `for (let j = 0; j < m; j++)` or
 *     `for (let j = m - 1; j >= 0; j--)` (j not assigned in it, m a bound as above, no `break` or
 *     `return` in it) whose body satisfies the same rule, to any depth;
 *   - every statement before that one runs to its end (no `continue`, `break` or `return`
 *     anywhere inside);
 *   - the index x, built with `+` and `*` from the counters, the row lengths and non-negative
 *     integer constants (locals declared once from such an expression and never assigned stand
 *     for their value: see Atoms for why that makes its double arithmetic exact), is as a
 *     polynomial the row-major position
 *     `i * m1 * ... * mk + j1 * m2 * ... * mk + ... + jk` of the counters i, j1..jk of the prange
 *     and the row loops around the store (`p[i]`, `p[i * m + j]`, `p[(k * d2 + j) * d1 + i]`), or
 *     c consecutive such stores are at c times that position plus 0, ..., c - 1 (records of c
 *     elements: `p[2 * e] = re; p[2 * e + 1] = im`);
 *   - after the store, in the same body, the array is only stored to (`=`), or read or updated at
 *     an index with the same polynomial: the element this iteration has just written; after a
 *     row loop nothing in the enclosing body touches the array.
 *
 * Then every index in [0, stop) (or [0, c * stop * m1 * ... * mk), for whole numbers) is stored
 * before any read of it unless the call fails, and the runtime copies a skipped array back only
 * when the call succeeds (runtime/marshal.ts).
 */
import type { ArraySlotOverwrite } from "../artifact.js";
import { pointsToOf } from "../analysis/points-to.js";
import type { Expr, Kernel, LoopStmt, Stmt, Var } from "../model/ir.js";
import { forEachExprInStmt, forEachExprInStmts, forEachStmt } from "../model/walk.js";

/** The overwrite proof of array parameter `p`, or null. */
export function overwriteOf(k: Kernel, p: Var): ArraySlotOverwrite | null {
  const pt = pointsToOf(k);
  const mine = (e: Expr): boolean => (e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic") && pt.holds(e).some((o) => o.param === p);
  const touches = (s: Stmt): boolean => {
    let hit = false;
    forEachExprInStmt(s, (e) => (hit ||= mine(e)));
    return hit;
  };
  const first = k.body.findIndex(touches);
  if (first < 0) return null;
  const loop = k.body[first]!;
  if (loop.k !== "prange" || k.body.slice(0, first).some((s) => has(s, "return"))) return null;
  if (!isNum(loop.rangeStart, 0) || !isNum(loop.rangeStep, 1)) return null;
  const stop = stopOf(k, loop.rangeStop);
  if (!stop || p.alias) return null;
  const runs = (body: readonly Stmt[], upTo: number): boolean => body.slice(0, upTo).every((s) => !has(s, "continue") && !has(s, "return") && !has(s, "break"));
  const count = (ss: readonly Stmt[]): number => {
    let n = 0;
    forEachExprInStmts(ss, (e) => (n += mine(e) ? 1 : 0));
    return n;
  };

  const locals = singleDefinitions(k);
  /** The row lengths and record width of the covering stores in `body`, given the counters and rows around them. */
  const cover = (body: readonly Stmt[], counters: readonly Var[], rows: readonly Bound[]): { rows: Bound[]; width: number } | null => {
    const at = body.findIndex(touches);
    if (at < 0 || !runs(body, at)) return null;
    const s = body[at]!;
    const isStore = (x: Stmt | undefined): boolean => !!x && x.k === "expr" && x.e.k === "store" && x.e.op === "=" && x.e.ref.array === p && count([x]) === 1;
    if (isStore(s)) {
      // a run of c consecutive stores at c * position + 0 .. c - 1 (interleaved records: re, im),
      // or else the first store alone
      let run = 1;
      while (isStore(body[at + run])) run++;
      const atoms = new Atoms(k, counters, rows, locals);
      const records = (c: number): Poly[] | null => {
        const base = scale(layout(counters, rows), c);
        const got: Poly[] = [];
        const offsets = new Set<number>();
        for (const x of body.slice(at, at + c)) {
          const g = x.k === "expr" && x.e.k === "store" ? atoms.poly(x.e.ref.index) : null;
          const d = g && add(g, scale(base, -1));
          const o = d && (d.size === 0 || (d.size === 1 && d.has(""))) ? (d.get("") ?? 0) : -1;
          if (!g || o < 0 || o >= c || offsets.has(o)) return null;
          offsets.add(o);
          got.push(g);
        }
        return got;
      };
      for (const c of run > 1 ? [run, 1] : [1]) {
        const got = records(c);
        if (!got) continue;
        // after the stores: stores anywhere, reads only of the elements just written
        let ok = true;
        forEachExprInStmts(body.slice(at + c), (e) => {
          if (!mine(e) || (e.k === "store" && e.op === "=")) return;
          const x = e.k === "load" || e.k === "store" || e.k === "updateElem" || e.k === "atomic" ? atoms.poly(e.ref.index) : null;
          ok &&= !!x && got.some((g) => samePoly(x, g));
        });
        return ok ? { rows: [...rows], width: c } : null;
      }
      return null;
    }
    const row = s.k === "loop" ? rowLoop(k, s) : null;
    if (!row || has(s, "break") || has(s, "return") || count(body.slice(at + 1)) !== 0) return null;
    return cover((s as LoopStmt).body, [...counters, row.j], [...rows, row.m]);
  };
  const found = cover(loop.body, [loop.index], []);
  if (!found) return null;
  return { stop, ...(found.rows.length ? { inner: found.rows } : {}), ...(found.width > 1 ? { width: found.width } : {}) };
}

/** Locals declared once with a value and never assigned (`const e = (k * d2 + j) * d1 + i`): their values. */
function singleDefinitions(k: Kernel): Map<Var, Expr> {
  const decls = new Map<Var, Expr | null>();
  forEachStmt(k.body, (s) => {
    if (s.k === "let") decls.set(s.v, decls.has(s.v) ? null : s.init);
  });
  const out = new Map<Var, Expr>();
  for (const [v, init] of decls) if (init && !v.array && !assigned(k, v)) out.set(v, init);
  return out;
}

type Bound = ArraySlotOverwrite["stop"];

/**
 * A row loop, `for (let j = 0; j < m; j++)` (or `++j`, `j += 1`) or `for (let j = m - 1; j >= 0; j--)`
 * (or `--j`, `j -= 1`), with j not assigned in its body: j and m's bound. Either visits every j in
 * [0, m) once for a whole number m.
 */
function rowLoop(k: Kernel, l: LoopStmt): { j: Var; m: Bound } | null {
  if (l.kind !== "for" || l.init.length !== 1) return null;
  const d = l.init[0]!;
  if (d.k !== "let" || !d.init) return null;
  const j = d.v;
  const c = l.cond;
  const u = l.update;
  if (!c || c.k !== "binary" || !isVar(c.l, j) || !u) return null;
  const step = (op: "++" | "--", by: "+=" | "-="): boolean =>
    (u.k === "update" && u.op === op && u.target === j) || (u.k === "assign" && u.op === by && u.target === j && isNum(u.value, 1));
  let m: Bound | null = null;
  if (isNum(d.init, 0) && c.op === "<" && step("++", "+=")) m = stopOf(k, c.r);
  else if (d.init.k === "binary" && d.init.op === "-" && isNum(d.init.r, 1) && c.op === ">=" && isNum(c.r, 0) && step("--", "-=")) m = stopOf(k, d.init.l);
  if (!m) return null;
  let set = false;
  forEachExprInStmts(l.body, (e) => (set ||= (e.k === "assign" || e.k === "update") && e.target === j));
  return set ? null : { j, m };
}

/** A polynomial with integer coefficients: monomial (sorted atom keys, joined by `*`) -> coefficient. */
type Poly = Map<string, number>;

/**
 * The atoms an index polynomial may use: the loop counters around the store and the row lengths
 * (whole numbers at run time, marshal.ts checks them), joined by `+` and `*` with non-negative
 * integer constants. Every value is then a non-negative integer, and each intermediate is at most
 * the index or multiplied by zero, so computing it in doubles is exact whenever the index is below
 * 2^53 (larger ones are out of bounds anyway): the polynomial's value is the element stored. A
 * subtraction (`i + n - n`, which rounds for a huge n) or another parameter is not admitted.
 */
class Atoms {
  private readonly expanding = new Set<Var>();
  private readonly rowKeys: ReadonlySet<string>;

  constructor(
    private readonly k: Kernel,
    private readonly counters: readonly Var[],
    rows: readonly Bound[],
    private readonly locals: ReadonlyMap<Var, Expr>,
  ) {
    this.rowKeys = new Set(rows.map(boundKey));
  }

  key(e: Expr): string | null {
    if (e.k === "var") {
      const c = this.counters.indexOf(e.v);
      if (c >= 0) return `c${c}`;
    }
    const b = e.k === "var" || e.k === "length" ? stopOf(this.k, e) : null;
    return b && this.rowKeys.has(boundKey(b)) ? boundKey(b) : null;
  }

  /** `e` as a polynomial over the atoms, or null when it is something else (a division, a subtraction, a call, another variable). */
  poly(e: Expr): Poly | null {
    if (e.k === "num") return Number.isInteger(e.value) && e.value >= 0 && e.value <= 2 ** 31 ? new Map([["", e.value]]) : null;
    const a = this.key(e);
    if (a) return new Map([[a, 1]]);
    // a local written once from such a polynomial, by its value (its atoms are never assigned)
    const init = e.k === "var" ? this.locals.get(e.v) : undefined;
    if (init && e.k === "var" && !this.expanding.has(e.v)) {
      this.expanding.add(e.v);
      const x = this.poly(init);
      this.expanding.delete(e.v);
      return x;
    }
    if (e.k !== "binary" || (e.op !== "+" && e.op !== "*")) return null;
    const l = this.poly(e.l);
    const r = this.poly(e.r);
    if (!l || !r) return null;
    const out = e.op === "*" ? mul(l, r) : add(l, r);
    // a few factors per term: no product of row lengths can overflow to Infinity (times 0: NaN)
    return [...out.keys()].every((m) => m.split("*").length <= 8) ? out : null;
  }
}

function boundKey(b: Bound): string {
  return "param" in b ? `p${b.param}` : `l${b.lengthOf}`;
}

/** i * m1 * ... * mk + j1 * m2 * ... * mk + ... + jk: the row-major position of the counters. */
function layout(counters: readonly Var[], rows: readonly Bound[]): Poly {
  let out: Poly = new Map();
  counters.forEach((_, d) => {
    let term: Poly = new Map([[`c${d}`, 1]]);
    for (const m of rows.slice(d)) term = mul(term, new Map([[boundKey(m), 1]]));
    out = add(out, term);
  });
  return out;
}

function add(a: Poly, b: Poly): Poly {
  const out = new Map(a);
  for (const [m, c] of b) {
    const v = (out.get(m) ?? 0) + c;
    if (v === 0) out.delete(m);
    else out.set(m, v);
  }
  return out;
}

function scale(a: Poly, s: number): Poly {
  return new Map([...a].map(([m, c]) => [m, c * s]));
}

function mul(a: Poly, b: Poly): Poly {
  let out: Poly = new Map();
  for (const [ma, ca] of a)
    for (const [mb, cb] of b) {
      const m = [...ma.split("*"), ...mb.split("*")].filter((x) => x !== "").sort().join("*");
      out = add(out, new Map([[m, ca * cb]]));
    }
  return out;
}

function samePoly(a: Poly, b: Poly): boolean {
  return a.size === b.size && [...a].every(([m, c]) => b.get(m) === c);
}

function isVar(e: Expr, v: Var): boolean {
  return e.k === "var" && e.v === v;
}

function isNum(e: Expr, n: number): boolean {
  return e.k === "num" && e.value === n;
}

function has(s: Stmt, kind: "return" | "continue" | "break"): boolean {
  let hit = false;
  forEachStmt([s], (x) => (hit ||= x.k === kind));
  return hit;
}

function stopOf(k: Kernel, e: Expr): Bound | null {
  if (e.k === "var") {
    const i = k.params.indexOf(e.v);
    if (i < 0 || e.v.array || e.v.paramKind === "b" || assigned(k, e.v)) return null;
    return { param: i };
  }
  if (e.k === "length") {
    const held = pointsToOf(k).holds(e);
    const q = held.length === 1 ? held[0]!.param : null;
    const i = q ? k.params.indexOf(q) : -1;
    return i < 0 ? null : { lengthOf: i };
  }
  return null;
}

function assigned(k: Kernel, v: Var): boolean {
  let hit = false;
  forEachExprInStmts(k.body, (e) => (hit ||= (e.k === "assign" || e.k === "update") && e.target === v));
  return hit;
}
