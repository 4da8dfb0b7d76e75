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
 *   - in its body, a top-level statement `p[i] = e` stores to the array itself at the index, or
 *     a top-level `for (let j = 0; j < m; j++)` (j not assigned in it, m a bound as above) has
 *     a top-level statement `p[i * m + j] = e`; every statement before the store (and before
 *     that loop) runs to its end (no `continue`, `break` or `return` anywhere inside), and
 *     nothing else in the prange touches the array.
 *
 * Then every index in [0, stop) (or [0, stop * m), for integers) is stored unless the call
 * fails, and the runtime copies a skipped array back only when the call succeeds
 * (runtime/marshal.ts).
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
  if (!stop) return null;
  if (p.alias) return null;
  const i = loop.index;
  const storeAt = (body: readonly Stmt[], index: (e: Expr) => boolean): number =>
    body.findIndex((s) => s.k === "expr" && s.e.k === "store" && s.e.op === "=" && s.e.ref.array === p && index(s.e.ref.index));
  const runs = (body: readonly Stmt[], upTo: number): boolean => body.slice(0, upTo).every((s) => !has(s, "continue") && !has(s, "return") && !has(s, "break"));
  let found: ArraySlotOverwrite | null = null;
  const at = storeAt(loop.body, (x) => isVar(x, i));
  if (at >= 0) {
    if (runs(loop.body, at)) found = { stop };
  } else {
    // a row at a time: for (let j = 0; j < m; j++) p[i * m + j] = …
    for (const [n, s] of loop.body.entries()) {
      const row = s.k === "loop" ? rowLoop(k, s) : null;
      if (!row) continue;
      const byRow = (x: Expr): boolean => x.k === "binary" && x.op === "+" && ((isRowStart(k, x.l, i, row.m) && isVar(x.r, row.j)) || (isVar(x.l, row.j) && isRowStart(k, x.r, i, row.m)));
      const inner = storeAt((s as LoopStmt).body, byRow);
      // every trip reaches the store, and no trip ends the loop early (a `break` after the store would)
      const whole = !has(s, "break") && !has(s, "return");
      if (inner >= 0 && whole && runs(loop.body, n) && runs((s as LoopStmt).body, inner)) found = { stop, inner: row.m };
      break;
    }
  }
  if (!found) return null;
  // the store is the loop's one access to the array (its value does not read it either)
  let others = 0;
  forEachExprInStmts(loop.body, (e) => (others += mine(e) ? 1 : 0));
  return others === 1 ? found : null;
}

type Bound = ArraySlotOverwrite["stop"];

/** `for (let j = 0; j < m; j++)` (or `++j`, `j += 1`) with j not assigned in its body: j and m's bound. */
function rowLoop(k: Kernel, l: LoopStmt): { j: Var; m: Bound } | null {
  if (l.kind !== "for" || l.init.length !== 1) return null;
  const d = l.init[0]!;
  if (d.k !== "let" || !d.init || !isNum(d.init, 0)) return null;
  const j = d.v;
  const c = l.cond;
  if (!c || c.k !== "binary" || c.op !== "<" || !isVar(c.l, j)) return null;
  const m = stopOf(k, c.r);
  const u = l.update;
  const steps = !!u && ((u.k === "update" && u.op === "++" && u.target === j) || (u.k === "assign" && u.op === "+=" && u.target === j && isNum(u.value, 1)));
  if (!m || !steps) return null;
  let set = false;
  forEachExprInStmts(l.body, (e) => (set ||= (e.k === "assign" || e.k === "update") && e.target === j));
  return set ? null : { j, m };
}

/** `i * m` or `m * i`, m the bound `row` names */
function isRowStart(k: Kernel, e: Expr, i: Var, row: Bound): boolean {
  if (e.k !== "binary" || e.op !== "*") return false;
  const same = (x: Expr): boolean => JSON.stringify(stopOf(k, x)) === JSON.stringify(row);
  return (isVar(e.l, i) && same(e.r)) || (isVar(e.r, i) && same(e.l));
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
